package webhook

import (
	"bytes"
	"encoding/json"
)

// marshal encodes p without HTML escaping, so receivers see the text as
// written; the signature covers exactly these bytes.
func marshal(p Payload) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}
