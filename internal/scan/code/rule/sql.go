package rule

import "regexp"

// sqlText matches literal text that is part of an SQL statement.
var sqlText = regexp.MustCompile(`(?is)(\bselect\s.*\bfrom\b|\binsert\s+into\b|\bupdate\s+\S+\s+set\b|\bdelete\s+from\b|\bwhere\s|\border\s+by\b|\b(drop|create|alter|truncate)\s+table\b|\bvalues\s*\()`)

// LooksLikeSQL reports whether literal text from a query looks like part of
// an SQL statement; the SQL injection rules require it, so that Exec and
// execute calls of other APIs are not flagged.
func LooksLikeSQL(s string) bool { return sqlText.MatchString(s) }
