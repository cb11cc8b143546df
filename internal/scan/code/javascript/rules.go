package javascript

import (
	"regexp"
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

func r(id, cwe string, sev finding.Severity, conf, title, msg, fix string, pos, neg []string) rule.Rule {
	return rule.Rule{ID: id, Language: "javascript", CWE: []string{cwe}, Severity: sev, Confidence: conf,
		Title: title, Message: msg, Fix: fix, Positive: pos, Negative: neg, Peer: peers[id]}
}

// shellOption matches spawn/execFile options that run a shell.
var shellOption = regexp.MustCompile(`\bshell\s*:\s*(true|['"])`)

// peers names the closest ESLint rule (core, eslint-plugin-security,
// eslint-plugin-no-unsanitized, eslint-plugin-react).
var peers = map[string]string{
	"js-eval":                       "security/detect-eval-with-expression",
	"js-new-function":               "no-new-func",
	"js-string-timer":               "no-implied-eval",
	"js-child-process-exec":         "security/detect-child-process",
	"js-inner-html":                 "no-unsanitized/property",
	"js-document-write":             "no-unsanitized/method",
	"js-dangerously-set-inner-html": "react/no-danger",
	"js-path-traversal":             "security/detect-non-literal-fs-filename",
}

// Rules returns the built-in JavaScript/TypeScript rules.
func Rules() []query.Rule {
	return []query.Rule{
		{
			Rule: r("js-eval", "CWE-95", finding.High, "high", "Use of eval",
				"eval() runs arbitrary JavaScript; on untrusted input it is code injection.",
				"Use JSON.parse for data, or a lookup table of allowed operations.",
				[]string{"const v = eval(req.query.expr);\n"},
				[]string{"const v = eval('1 + 1');\n", "const v = JSON.parse(s);\n"}),
			Calls: []string{"eval", "window.eval", "globalThis.eval"}, Check: nonLiteralFirstArg,
		},
		{
			Rule: r("js-new-function", "CWE-95", finding.High, "medium", "Function constructor with dynamic code",
				"new Function(...) compiles its string arguments like eval.",
				"Avoid building code from strings; pass data to a fixed function instead.",
				[]string{"const f = new Function('a', body);\n", "const g = Function(src);\n"},
				[]string{"const f = new Function('return this');\n", "function F() {}\n"}),
			Query: `
(new_expression constructor: (identifier) @_c (#eq? @_c "Function")) @match
(call_expression function: (identifier) @_c (#eq? @_c "Function")) @match`,
			Check: func(m *query.Match) bool {
				args := m.Node.ChildByFieldName("arguments")
				if args == nil {
					return false
				}
				for j := uint(0); j < args.NamedChildCount(); j++ {
					if !literal(*args.NamedChild(j)) {
						return true
					}
				}
				return false
			},
		},
		{
			Rule: r("js-string-timer", "CWE-95", finding.Medium, "high", "setTimeout/setInterval with a string",
				"A string passed to setTimeout or setInterval is evaluated like eval.",
				"Pass a function: setTimeout(() => work(), 100).",
				[]string{"setTimeout('poll(' + id + ')', 100);\n", "window.setInterval(`tick()`, 1000);\n"},
				[]string{"setTimeout(() => poll(id), 100);\n", "setInterval(tick, 1000);\n"}),
			Query: `(call_expression function: [(identifier) @_f (member_expression property: (property_identifier) @_f)] (#any-of? @_f "setTimeout" "setInterval" "execScript") arguments: (arguments . [(string) (template_string) (binary_expression)] @v)) @match`,
		},
		{
			Rule: r("js-child-process-exec", "CWE-78", finding.High, "high", "Shell command built from a template or concatenation",
				"child_process.exec runs its argument through a shell; interpolated values can inject commands.",
				"Use execFile/spawn with an argument array and no shell: execFile('ls', [dir]).",
				[]string{
					"const { exec } = require('child_process');\nexec(`ls ${dir}`);\n",
					"import cp from 'node:child_process';\ncp.execSync('rm -rf ' + p);\n",
					"require('child_process').exec('ping -c 1 ' + req.body.host);\n",
					"const cp = require('child_process');\nfunction f(d) { const cmd = `tar xf ${d}`; cp.exec(cmd); }\n",
					"const { exec } = require('child_process');\nexec(req.query.cmd);\n",
					"const { spawn } = require('child_process');\nspawn(`git log ${ref}`, { shell: true });\n",
				},
				[]string{
					"const { execFile } = require('child_process');\nexecFile('ls', [dir]);\n",
					"const cp = require('child_process');\ncp.exec('ls -l');\n",
					"const cp = require('child_process');\nfunction f() { const cmd = 'ls -l'; cp.exec(cmd); }\n",
					"const { spawn } = require('child_process');\nspawn('git', ['log', ref]);\n",
					"const db = require('db');\ndb.exec(`x ${y}`);\n",
				}),
			Calls: []string{"child_process.exec", "child_process.execSync", "child_process.spawn", "child_process.spawnSync",
				"child_process.execFile", "child_process.execFileSync"},
			Check: func(m *query.Match) bool {
				if strings.HasSuffix(m.Call, ".exec") || strings.HasSuffix(m.Call, ".execSync") {
					return builtString(m)
				}
				// spawn and execFile only use a shell when told to.
				return shellOption.MatchString(m.Text(&m.Node)) && builtString(m)
			},
		},
		{
			Rule: r("js-sql-injection", "CWE-89", finding.High, "high", "SQL query built from a template or concatenation",
				"The SQL passed to a query method interpolates values into the statement text; an attacker who controls one changes the statement.",
				"Use placeholders and pass values separately: db.query('SELECT ... WHERE id = ?', [id]), or sequelize replacements/bind.",
				[]string{
					"db.query(`SELECT * FROM users WHERE email = '${req.body.email}'`);\n",
					"async function f(id) { const sql = 'DELETE FROM t WHERE id = ' + id; await pool.execute(sql); }\n",
					"prisma.$queryRawUnsafe(`SELECT * FROM t WHERE a = ${a}`);\n",
				},
				[]string{
					"db.query('SELECT * FROM users WHERE email = ?', [email]);\n",
					"db.query(`SELECT * FROM users`);\n",
					"api.get(`/users/${id}`);\n",
					"const { data } = this.data.get(where || 'cli');\n",
				}),
			Query: `(call_expression function: (member_expression property: (property_identifier) @_m (#any-of? @_m "query" "execute" "raw" "exec" "run" "all" "get" "each" "prepare" "$queryRawUnsafe" "$executeRawUnsafe" "unsafe" "whereRaw" "orderByRaw" "havingRaw" "joinRaw")) arguments: (arguments . (_) @q)) @match`,
			Check: sqlBuilt,
		},
		{
			Rule: r("js-vm-code", "CWE-95", finding.High, "medium", "vm module runs dynamic code",
				"The vm module is not a security sandbox: code built from input runs with the process's rights.",
				"Do not evaluate input; if you must, use an isolated process or isolated-vm.",
				[]string{"const vm = require('vm');\nvm.runInNewContext(req.body.code, {});\n", "import vm from 'node:vm';\nnew vm.Script(src);\n"},
				[]string{"const vm = require('vm');\nvm.runInNewContext('1 + 1', {});\n"}),
			Calls: []string{"vm.runInNewContext", "vm.runInThisContext", "vm.runInContext", "vm.compileFunction"},
			Query: `(new_expression constructor: (member_expression object: (identifier) @_o (#eq? @_o "vm") property: (property_identifier) @_p (#eq? @_p "Script"))) @match`,
			Check: nonLiteralFirstArg,
		},
		{
			Rule: r("js-weak-crypto", "CWE-327", finding.Medium, "high", "Broken hash or cipher algorithm",
				"MD5, SHA-1, DES, RC4 and ECB mode must not protect integrity, passwords or data.",
				"Use sha256 or better for hashing (bcrypt/scrypt/argon2 for passwords) and aes-256-gcm for encryption.",
				[]string{"const crypto = require('crypto');\ncrypto.createHash('md5').update(pw).digest('hex');\n", "import { createCipheriv } from 'crypto';\ncreateCipheriv('des-ede3-cbc', k, iv);\n", "const crypto = require('crypto');\ncrypto.createCipher('aes-256-cbc', pw);\n"},
				[]string{"const crypto = require('crypto');\ncrypto.createHash('sha256');\n", "const crypto = require('crypto');\ncrypto.createCipheriv('aes-256-gcm', k, iv);\n"}),
			Calls: []string{"crypto.createHash", "crypto.createHmac", "crypto.createCipheriv", "crypto.createDecipheriv", "crypto.createCipher", "crypto.createDecipher"},
			Check: weakAlgorithm,
		},
		{
			Rule: r("js-path-traversal", "CWE-22", finding.High, "medium", "File path taken from the request",
				"A file is read or sent from a path that comes from the request, so ../ reaches any file the process can read.",
				"Resolve the path against a base directory and reject it unless it stays inside (path.resolve + startsWith), or use res.sendFile(name, { root }).",
				[]string{
					"const fs = require('fs');\nfs.readFile(req.query.file, cb);\n",
					"app.get('/f', (req, res) => res.sendFile(`${__dirname}/files/${req.params.name}`));\n",
					"const path = require('path');\nfunction serve(req, res) {\n  const { file } = req.params;\n  res.sendFile(path.resolve('ftp/', file));\n}\n",
				},
				[]string{"const fs = require('fs');\nfs.readFile('config.json', cb);\n", "app.get('/f', (req, res) => res.sendFile('index.html', { root: dir }));\n"}),
			Calls: []string{"fs.readFile", "fs.readFileSync", "fs.createReadStream", "fs.writeFile", "fs.writeFileSync", "fs.unlink", "fs.unlinkSync",
				"fs.promises.readFile", "fs.promises.writeFile", "fs/promises.readFile", "fs/promises.writeFile"},
			Query: `(call_expression function: (member_expression property: (property_identifier) @_p (#any-of? @_p "sendFile" "download"))) @match`,
			Check: firstArgFromRequest,
		},
		{
			Rule: r("js-reflected-xss", "CWE-79", finding.Medium, "medium", "Request data written into the response",
				"Request input sent back as HTML without escaping is reflected cross-site scripting.",
				"Escape the value for HTML (or send JSON with res.json), and set a Content-Security-Policy.",
				[]string{"app.get('/', (req, res) => res.send('<h1>Hello ' + req.query.name + '</h1>'));\n"},
				[]string{"app.get('/', (req, res) => res.json({ name: req.query.name }));\n", "res.send('ok');\n", "async function h(req, res) { const user = await User.findById(req.params.id); res.send(user); }\n"}),
			Query: `(call_expression function: (member_expression object: (identifier) @_o (#any-of? @_o "res" "response") property: (property_identifier) @_p (#any-of? @_p "send" "write" "end"))) @match`,
			Check: firstArgFromRequest,
		},
		{
			Rule: r("js-open-redirect", "CWE-601", finding.Medium, "medium", "Redirect to a URL taken from the request",
				"Redirecting to a request-supplied URL lets attackers send users to a site of their choice from a trusted link.",
				"Redirect only to relative paths or to an allow-list of hosts.",
				[]string{"app.get('/go', (req, res) => res.redirect(req.query.url));\n", "function go(req, res) { const to = req.query.to; res.redirect(to); }\n"},
				[]string{"app.get('/go', (req, res) => res.redirect('/home'));\n"}),
			Query: `(call_expression function: (member_expression property: (property_identifier) @_p (#eq? @_p "redirect"))) @match`,
			Check: anyArgFromRequest,
		},
		{
			Rule: r("js-nosql-where", "CWE-943", finding.High, "medium", "MongoDB $where with a non-constant expression",
				"$where runs JavaScript on the database server; a value interpolated into it is NoSQL injection.",
				"Use query operators ($eq, $in, ...) with values instead of $where.",
				[]string{"db.users.find({ $where: `this.userId == ${id}` });\n", "coll.find({ '$where': 'this.a == ' + a });\n"},
				[]string{"db.users.find({ userId: id });\n", "db.users.find({ $where: 'this.a > this.b' });\n"}),
			Query: `(pair key: [(property_identifier) (string)] @_k (#match? @_k "^['\"]?\\$where['\"]?$") value: (_) @v) @match`,
			Check: nonLiteralValue,
		},
		{
			Rule: r("js-inner-html", "CWE-79", finding.High, "medium", "Non-constant value assigned to innerHTML/outerHTML",
				"HTML built from values is parsed by the browser, so user data in it runs script (DOM XSS).",
				"Assign textContent, build nodes with createElement, or sanitize with DOMPurify.",
				[]string{"el.innerHTML = '<b>' + name + '</b>';\n", "el.outerHTML += html;\n", "el.insertAdjacentHTML('beforeend', row);\n"},
				[]string{"el.innerHTML = '';\n", "el.textContent = name;\n", "el.innerHTML = `<p>static</p>`;\n", "btn.innerHTML = document.getElementById('icon').innerHTML;\n"}),
			Query: `
(assignment_expression left: (member_expression property: (property_identifier) @_p (#any-of? @_p "innerHTML" "outerHTML")) right: (_) @v) @match
(augmented_assignment_expression left: (member_expression property: (property_identifier) @_p (#any-of? @_p "innerHTML" "outerHTML")) right: (_) @v) @match
(call_expression function: (member_expression property: (property_identifier) @_p (#eq? @_p "insertAdjacentHTML")) arguments: (arguments (_) (_) @v)) @match`,
			Check: func(m *query.Match) bool {
				// Copying markup from another element moves no new input.
				if v, ok := m.Capture("v"); ok && v.Kind() == "member_expression" {
					if p := v.ChildByFieldName("property"); p != nil && (m.Text(p) == "innerHTML" || m.Text(p) == "outerHTML") {
						return false
					}
				}
				return nonLiteralValue(m)
			},
		},
		{
			Rule: r("js-document-write", "CWE-79", finding.Medium, "medium", "document.write with a non-constant value",
				"document.write parses its argument as HTML; user data in it runs script.",
				"Build DOM nodes and set textContent instead.",
				[]string{"document.write('<p>' + location.hash + '</p>');\n"},
				[]string{"document.write('<p>hi</p>');\n"}),
			Query: `(call_expression function: (member_expression object: (identifier) @_o (#eq? @_o "document") property: (property_identifier) @_p (#any-of? @_p "write" "writeln")) arguments: (arguments . (_) @v)) @match`,
			Check: nonLiteralValue,
		},
		{
			Rule: r("js-dangerously-set-inner-html", "CWE-79", finding.Medium, "medium", "React dangerouslySetInnerHTML",
				"dangerouslySetInnerHTML inserts raw HTML; unsanitized user data in it is XSS.",
				"Render the value as children, or sanitize it with DOMPurify first.",
				[]string{"const A = ({h}) => <div dangerouslySetInnerHTML={{__html: h}} />;\n", "React.createElement('div', {dangerouslySetInnerHTML: {__html: h}});\n"},
				[]string{"const A = ({h}) => <div>{h}</div>;\n"}),
			Query: `
(jsx_attribute (property_identifier) @_a (#eq? @_a "dangerouslySetInnerHTML")) @match
(pair key: (property_identifier) @_a (#eq? @_a "dangerouslySetInnerHTML")) @match`,
		},
		{
			Rule: r("js-weak-random", "CWE-338", finding.Medium, "medium", "Math.random used for a token, ID or password",
				"Math.random is predictable; tokens, IDs or passwords made with it can be guessed.",
				"Use crypto.randomUUID(), crypto.getRandomValues() or Node's crypto.randomBytes().",
				[]string{
					"const token = Math.random().toString(36).slice(2);\n",
					"function makeSessionId() { return Math.floor(Math.random() * 1e9).toString(); }\n",
					"const u = { resetPassword: Math.random().toString(36) };\n",
				},
				[]string{"const delay = Math.random() * 100;\n", "function shuffle(a) { return a.sort(() => Math.random() - 0.5); }\n"}),
			Query: `(call_expression function: (member_expression object: (identifier) @_o (#eq? @_o "Math") property: (property_identifier) @_p (#eq? @_p "random"))) @match`,
			Check: randomForSecret,
		},
		{
			Rule: r("js-tls-reject-unauthorized", "CWE-295", finding.High, "high", "TLS certificate verification disabled (rejectUnauthorized: false)",
				"rejectUnauthorized: false accepts any certificate, so a man in the middle can read and change the traffic.",
				"Remove the option; to trust a private CA pass it as ca: fs.readFileSync('ca.pem').",
				[]string{"https.request({ host, rejectUnauthorized: false });\n", "opts.rejectUnauthorized = false;\n"},
				[]string{"https.request({ host, rejectUnauthorized: true });\n"}),
			Query: `
(pair key: [(property_identifier) (string)] @_k (#match? @_k "^['\"]?rejectUnauthorized['\"]?$") value: (false)) @match
(assignment_expression left: (member_expression property: (property_identifier) @_k (#eq? @_k "rejectUnauthorized")) right: (false)) @match`,
		},
		{
			Rule: r("js-node-tls-env", "CWE-295", finding.High, "high", "NODE_TLS_REJECT_UNAUTHORIZED set to 0",
				"Setting NODE_TLS_REJECT_UNAUTHORIZED to 0 disables certificate checks for every TLS connection of the process.",
				"Remove it; add private CAs with NODE_EXTRA_CA_CERTS.",
				[]string{"process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n", "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;\n", "spawn(cmd, { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' } });\n"},
				[]string{"process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n"}),
			Query: `
(assignment_expression left: (member_expression property: (property_identifier) @_k) right: [(string) (number)] @_v (#eq? @_k "NODE_TLS_REJECT_UNAUTHORIZED") (#match? @_v "^['\"]?0['\"]?$")) @match
(assignment_expression left: (subscript_expression index: (string) @_k) right: [(string) (number)] @_v (#match? @_k "^['\"]NODE_TLS_REJECT_UNAUTHORIZED['\"]$") (#match? @_v "^['\"]?0['\"]?$")) @match
(pair key: [(property_identifier) (string)] @_k value: [(string) (number)] @_v (#match? @_k "^['\"]?NODE_TLS_REJECT_UNAUTHORIZED['\"]?$") (#match? @_v "^['\"]?0['\"]?$")) @match`,
		},
	}
}
