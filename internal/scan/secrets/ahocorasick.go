package secrets

// keywordMatcher finds every occurrence of a set of keywords in a byte slice,
// ASCII case-insensitively, in one pass: an Aho-Corasick automaton compiled
// into a dense transition table over byte classes.
//
// Bytes that occur in no keyword share one class, so the table has one row
// per trie node and one column per distinct keyword byte (plus one). Rows are
// pre-multiplied by the number of classes, so the inner loop is one table
// load per input byte.
type keywordMatcher struct {
	classOf  [256]uint8
	nclass   int32
	delta    []int32 // delta[state*nclass+class] = next state * nclass
	outStart []int32 // outputs of state s: outIdx[outStart[s]:outStart[s+1]]
	outIdx   []int32 // keyword indexes
	lens     []int32 // keyword lengths
}

// newKeywordMatcher builds the automaton. Keywords are matched
// case-insensitively; empty keywords are ignored. A keyword's index in
// keywords is what the matcher reports.
func newKeywordMatcher(keywords []string) *keywordMatcher {
	m := &keywordMatcher{lens: make([]int32, len(keywords))}
	// Byte classes: class 0 is "no keyword uses this byte".
	var next uint8 = 1
	for _, kw := range keywords {
		for i := 0; i < len(kw); i++ {
			b := lower(kw[i])
			if m.classOf[b] == 0 {
				m.classOf[b] = next
				next++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.classOf[c] = m.classOf[c+'a'-'A']
	}
	m.nclass = int32(next)

	// Trie with sparse children while building.
	type node struct {
		child map[uint8]int32
		fail  int32
		out   []int32
	}
	nodes := []node{{child: map[uint8]int32{}}}
	for k, kw := range keywords {
		m.lens[k] = int32(len(kw))
		if kw == "" {
			continue
		}
		s := int32(0)
		for i := 0; i < len(kw); i++ {
			c := m.classOf[lower(kw[i])]
			n, ok := nodes[s].child[c]
			if !ok {
				n = int32(len(nodes))
				nodes = append(nodes, node{child: map[uint8]int32{}})
				nodes[s].child[c] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, int32(k))
	}

	nc := m.nclass
	m.delta = make([]int32, int32(len(nodes))*nc)
	// Breadth-first: fail links and the dense table row of each node.
	queue := make([]int32, 0, len(nodes))
	for c := int32(0); c < nc; c++ {
		if n, ok := nodes[0].child[uint8(c)]; ok {
			nodes[n].fail = 0
			queue = append(queue, n)
			m.delta[c] = n * nc
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := int32(0); c < nc; c++ {
			if n, ok := nodes[s].child[uint8(c)]; ok {
				nodes[n].fail = m.delta[f*nc+c] / nc
				queue = append(queue, n)
				m.delta[s*nc+c] = n * nc
			} else {
				m.delta[s*nc+c] = m.delta[f*nc+c]
			}
		}
	}
	m.outStart = make([]int32, len(nodes)+1)
	for s := range nodes {
		m.outStart[s+1] = m.outStart[s] + int32(len(nodes[s].out))
		m.outIdx = append(m.outIdx, nodes[s].out...)
	}
	// Flag transitions into states with outputs, so the scan loop tests one
	// bit instead of looking the state up.
	for i, v := range m.delta {
		if len(nodes[v/nc].out) > 0 {
			m.delta[i] = v | outFlag
		}
	}
	return m
}

// outFlag marks, in a transition, a target state that has outputs.
const outFlag = 1 << 30

func lower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// scan calls hit(keyword, start, end) for every occurrence data[start:end]
// of every keyword in data, in order of end. It stops early when hit returns
// false.
func (m *keywordMatcher) scan(data []byte, hit func(kw, start, end int) bool) {
	delta, classOf, nc := m.delta, &m.classOf, m.nclass
	outStart := m.outStart
	var s int32
	for i := 0; i < len(data); i++ {
		s = delta[s&^outFlag+int32(classOf[data[i]])]
		if s&outFlag == 0 {
			continue
		}
		st := (s &^ outFlag) / nc
		for o := outStart[st]; o < outStart[st+1]; o++ {
			k := m.outIdx[o]
			if !hit(int(k), i+1-int(m.lens[k]), i+1) {
				return
			}
		}
	}
}
