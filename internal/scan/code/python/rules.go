package python

import (
	"strings"

	"github.com/secaudit/secaudit/internal/finding"
	"github.com/secaudit/secaudit/internal/scan/code/query"
	"github.com/secaudit/secaudit/internal/scan/code/rule"
)

func r(id, peer, cwe string, sev finding.Severity, conf, title, msg, fix string, pos, neg []string) rule.Rule {
	return rule.Rule{ID: id, Language: "python", Peer: peer, CWE: []string{cwe}, Severity: sev, Confidence: conf,
		Title: title, Message: msg, Fix: fix, Positive: pos, Negative: neg}
}

// Rules returns the built-in Python rules.
func Rules() []query.Rule {
	return []query.Rule{
		{
			Rule: r("py-eval", "B307", "CWE-95", finding.Medium, "high", "Use of eval",
				"eval() runs arbitrary Python code; on untrusted input it is remote code execution.",
				"Use ast.literal_eval for literals, json.loads for data, or an explicit parser.",
				[]string{"x = eval(request.args['q'])\n"},
				[]string{"x = eval('1 + 1')\n", "import ast\nx = ast.literal_eval(s)\n"}),
			Calls: []string{"eval"}, Check: nonLiteralFirstArg,
		},
		{
			Rule: r("py-exec", "B102", "CWE-95", finding.Medium, "high", "Use of exec",
				"exec() runs arbitrary Python code; on untrusted input it is remote code execution.",
				"Avoid exec; dispatch to known functions from a table instead.",
				[]string{"exec(code)\n"},
				[]string{"exec('import os')\n", "def exec_(x): pass\nexec_(x)\n"}),
			Calls: []string{"exec"}, Check: nonLiteralFirstArg,
		},
		{
			Rule: r("py-pickle-load", "B301", "CWE-502", finding.High, "medium", "Deserialization with pickle",
				"pickle (and dill, shelve, jsonpickle) run arbitrary code while loading; untrusted data means remote code execution.",
				"Load untrusted data with json or another data-only format; sign pickles you must accept (hmac).",
				[]string{"import pickle\nobj = pickle.loads(data)\n", "from pickle import load as l\nl(f)\n", "import pandas as pd\ndf = pd.read_pickle(p)\n"},
				[]string{"import pickle\nb = pickle.dumps(obj)\n", "import json\njson.loads(data)\n"}),
			Calls: []string{"pickle.loads", "pickle.load", "pickle.Unpickler", "cPickle.loads", "cPickle.load", "cPickle.Unpickler",
				"_pickle.loads", "_pickle.load", "_pickle.Unpickler", "dill.loads", "dill.load", "dill.Unpickler",
				"shelve.open", "shelve.DbfilenameShelf", "jsonpickle.decode", "jsonpickle.unpickler.decode", "pandas.read_pickle"},
		},
		{
			Rule: r("py-marshal-load", "B302", "CWE-502", finding.Medium, "medium", "Deserialization with marshal",
				"marshal is not secure against malformed or malicious data.",
				"Use json or another data format for untrusted input.",
				[]string{"import marshal\nmarshal.loads(b)\n"},
				[]string{"import marshal\nmarshal.dumps(b)\n"}),
			Calls: []string{"marshal.loads", "marshal.load"},
		},
		{
			Rule: r("py-yaml-load", "B506", "CWE-20", finding.High, "high", "yaml.load without a safe loader",
				"yaml.load with the default, full or unsafe loader can build arbitrary Python objects and run code.",
				"Use yaml.safe_load(data) or yaml.load(data, Loader=yaml.SafeLoader).",
				[]string{"import yaml\nyaml.load(data)\n", "import yaml\nyaml.load(data, Loader=yaml.Loader)\n", "import yaml\nyaml.unsafe_load(data)\n"},
				[]string{"import yaml\nyaml.safe_load(data)\n", "import yaml\nyaml.load(data, Loader=yaml.SafeLoader)\n", "from yaml import load, CSafeLoader\nload(d, CSafeLoader)\n"}),
			Calls: []string{"yaml.load", "yaml.load_all", "yaml.unsafe_load", "yaml.unsafe_load_all"},
			Check: yamlUnsafe,
		},
		{
			Rule: r("py-subprocess-shell", "B602", "CWE-78", finding.High, "high", "subprocess call with shell=True",
				"The command line goes through the shell, so metacharacters in a non-constant value run other commands.",
				"Pass a list of arguments without shell=True: subprocess.run(['ls', path]).",
				[]string{"import subprocess\nsubprocess.call('ls ' + d, shell=True)\n", "from subprocess import Popen\nPopen(cmd, shell=True)\n"},
				[]string{"import subprocess\nsubprocess.call(['ls', d])\n", "import subprocess\nsubprocess.run('ls -l', shell=True)\n", "import subprocess\nsubprocess.run(c, shell=False)\n"}),
			Calls: []string{"subprocess.Popen", "subprocess.call", "subprocess.check_call", "subprocess.check_output", "subprocess.run"},
			Check: shellTrue,
		},
		{
			Rule: r("py-os-system", "B605", "CWE-78", finding.High, "medium", "Command run through a shell",
				"os.system, os.popen and the like run their argument through the shell; a non-constant value can inject commands.",
				"Use subprocess.run with a list of arguments and no shell.",
				[]string{"import os\nos.system('rm ' + path)\n", "import os\nos.popen(cmd).read()\n"},
				[]string{"import os\nos.system('clear')\n", "import subprocess\nsubprocess.run(['rm', path])\n"}),
			Calls: []string{"os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "popen2.popen2", "popen2.popen3",
				"popen2.popen4", "commands.getoutput", "commands.getstatusoutput", "subprocess.getoutput", "subprocess.getstatusoutput"},
			Check: nonLiteralFirstArg,
		},
		{
			Rule: r("py-sql-injection", "B608", "CWE-89", finding.High, "medium", "SQL query built with string formatting",
				"The query passed to execute() is built with %, .format, an f-string or + from values; an attacker who controls one changes the statement.",
				"Pass the values as parameters: cursor.execute('SELECT ... WHERE id = %s', (id,)).",
				[]string{
					"cur.execute(\"SELECT * FROM users WHERE name = '%s'\" % name)\n",
					"cur.execute(f\"DELETE FROM t WHERE id = {i}\")\n",
					"cur.execute('SELECT a FROM t WHERE b = {}'.format(b))\n",
					"def f(c, n):\n    q = 'SELECT * FROM t WHERE n = ' + n\n    c.execute(q)\n",
					"from sqlalchemy import text\ndef f(s, n):\n    return s.execute(text(f\"SELECT * FROM t WHERE n = '{n}'\"))\n",
				},
				[]string{
					"cur.execute('SELECT * FROM users WHERE name = %s', (name,))\n",
					"cur.execute(f'SELECT * FROM users')\n",
					"cur.execute(f'{where} x')\n",
					"log.execute('hello %s' % name)\n",
					"def f(c, n):\n    q = 'SELECT * FROM t WHERE n = ' + n\n    q = 'SELECT 1 FROM t'\n    c.execute(q)\n",
				}),
			Query: `(call function: (attribute attribute: (identifier) @_m (#any-of? @_m "execute" "executemany" "executescript" "raw" "mogrify" "exec_driver_sql")) arguments: (argument_list . (_) @q)) @match`,
			Calls: []string{"sqlalchemy.text", "sqlalchemy.sql.text", "sqlalchemy.sql.expression.text", "pandas.read_sql", "pandas.read_sql_query"},
			Check: sqlBuilt,
		},
		{
			Rule: r("py-requests-verify", "B501", "CWE-295", finding.High, "high", "TLS certificate verification disabled",
				"verify=False accepts any certificate, so a man in the middle can read and change the traffic.",
				"Remove verify=False; to trust a private CA pass verify='/path/to/ca.pem'.",
				[]string{"import requests\nrequests.get(url, verify=False)\n", "import httpx\nhttpx.Client(verify=False)\n"},
				[]string{"import requests\nrequests.get(url)\n", "import requests\nrequests.get(url, verify='ca.pem')\n"}),
			Calls: []string{"requests.*", "httpx.*"},
			Check: func(m *query.Match) bool {
				v, ok := kwarg(m, m.Node, "verify")
				return ok && v.Kind() == "false"
			},
		},
		{
			Rule: r("py-weak-hash", "B324", "CWE-327", finding.Medium, "high", "Weak hash function (MD4, MD5 or SHA-1)",
				"MD4, MD5 and SHA-1 are broken for collision resistance and must not protect integrity, signatures or passwords.",
				"Use hashlib.sha256 (or hashlib.scrypt/argon2 for passwords); pass usedforsecurity=False for non-security uses such as cache keys.",
				[]string{"import hashlib\nh = hashlib.md5(pw).hexdigest()\n", "import hashlib\nhashlib.new('sha1', d)\n"},
				[]string{"import hashlib\nhashlib.sha256(d)\n", "import hashlib\nhashlib.md5(d, usedforsecurity=False)\n", "import hashlib\nhashlib.new('sha256')\n"}),
			Calls: []string{"hashlib.md4", "hashlib.md5", "hashlib.sha", "hashlib.sha1", "hashlib.new"},
			Check: weakHash,
		},
		{
			Rule: r("py-flask-debug", "B201", "CWE-94", finding.High, "medium", "Flask app run with debug=True",
				"The Werkzeug debugger lets anyone who reaches the app run arbitrary code.",
				"Never enable debug in deployed code; read it from the environment (FLASK_DEBUG) for local runs.",
				[]string{"from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n"},
				[]string{"from flask import Flask\napp = Flask(__name__)\napp.run()\n", "server.run(debug=True)\n"}),
			Query: `(call function: (attribute attribute: (identifier) @_m (#eq? @_m "run")) arguments: (argument_list (keyword_argument name: (identifier) @_k (#eq? @_k "debug") value: (true)))) @match`,
			Check: func(m *query.Match) bool { return m.Imported("flask") },
		},
		{
			Rule: r("py-mktemp", "B306", "CWE-377", finding.Medium, "high", "Insecure temporary file (tempfile.mktemp)",
				"mktemp returns a name that another process can create first (race condition).",
				"Use tempfile.mkstemp, NamedTemporaryFile or TemporaryDirectory.",
				[]string{"import tempfile\np = tempfile.mktemp()\n"},
				[]string{"import tempfile\nfd, p = tempfile.mkstemp()\n"}),
			Calls: []string{"tempfile.mktemp"},
		},
		{
			Rule: r("py-assert", "B101", "CWE-703", finding.Low, "high", "assert used for a check in non-test code",
				"assert statements are removed when Python runs with -O, so a check made with assert disappears.",
				"Raise an exception (if not ok: raise PermissionError(...)) instead of asserting.",
				[]string{"def f(user):\n    assert user.is_admin\n"},
				[]string{"def f(user):\n    if not user.is_admin:\n        raise PermissionError()\n"}),
			Query: `(assert_statement) @match`,
			Check: func(m *query.Match) bool { return !testFile(m.Path) },
		},
		{
			Rule: r("py-ssl-unverified", "B323", "CWE-295", finding.Medium, "high", "Unverified SSL context",
				"ssl._create_unverified_context disables certificate and host name checks.",
				"Use ssl.create_default_context().",
				[]string{"import ssl\nctx = ssl._create_unverified_context()\n"},
				[]string{"import ssl\nctx = ssl.create_default_context()\n"}),
			Calls: []string{"ssl._create_unverified_context"},
		},
		{
			Rule: r("py-cleartext-protocol", "B401/B402", "CWE-319", finding.Low, "high", "Clear-text protocol module imported",
				"telnetlib and ftplib send credentials and data unencrypted.",
				"Use SSH (paramiko) or SFTP/FTPS (ftplib.FTP_TLS) instead.",
				[]string{"import telnetlib\n", "from ftplib import FTP\n", "import ftplib as f\n"},
				[]string{"import paramiko\n"}),
			Query: `
(import_statement name: (dotted_name) @_mod (#any-of? @_mod "telnetlib" "ftplib")) @match
(import_statement name: (aliased_import name: (dotted_name) @_mod (#any-of? @_mod "telnetlib" "ftplib"))) @match
(import_from_statement module_name: (dotted_name) @_mod (#any-of? @_mod "telnetlib" "ftplib")) @match`,
		},
		{
			Rule: r("py-weak-random", "B311", "CWE-338", finding.Medium, "medium", "random module used for a secret value",
				"The random module is predictable; a token, password or key made with it can be guessed.",
				"Use the secrets module (secrets.token_urlsafe, secrets.choice) for anything secret.",
				[]string{"import random\ntoken = ''.join(random.choice(chars) for _ in range(32))\n", "import random\ndef make_password():\n    return random.getrandbits(64)\n"},
				[]string{"import random\ndelay = random.uniform(0, 1)\n", "import secrets\ntoken = secrets.token_hex(16)\n"}),
			Calls: []string{"random.random", "random.randint", "random.randrange", "random.choice", "random.choices",
				"random.sample", "random.getrandbits", "random.uniform", "random.randbytes"},
			Check: randomForSecret,
		},
		{
			Rule: r("py-ssti", "", "CWE-1336", finding.High, "medium", "Template rendered from a non-constant string",
				"render_template_string/Template compile their argument as a Jinja2 template; user data in it is server-side template injection (code execution).",
				"Render a fixed template file and pass user data as context variables: render_template('page.html', name=name).",
				[]string{"from flask import render_template_string, request\nrender_template_string('<p>' + request.args['n'] + '</p>')\n", "import jinja2\njinja2.Template(src).render()\n"},
				[]string{"from flask import render_template_string\nrender_template_string('<p>{{ n }}</p>', n=n)\n"}),
			Calls: []string{"flask.render_template_string", "jinja2.Template", "jinja2.environment.Template"},
			Check: nonLiteralFirstArg,
		},
		{
			Rule: r("py-jinja2-autoescape", "B701", "CWE-79", finding.Medium, "high", "Jinja2 environment without autoescape",
				"Without autoescape, values rendered into HTML templates are not escaped (cross-site scripting).",
				"Pass autoescape=True or autoescape=select_autoescape(['html', 'xml']).",
				[]string{"import jinja2\nenv = jinja2.Environment(loader=l)\n", "from jinja2 import Environment\nEnvironment(autoescape=False)\n"},
				[]string{"import jinja2\nenv = jinja2.Environment(loader=l, autoescape=True)\n", "from jinja2 import Environment, select_autoescape\nEnvironment(autoescape=select_autoescape())\n"}),
			Calls: []string{"jinja2.Environment"},
			Check: jinjaNoAutoescape,
		},
		{
			Rule: r("py-tar-extractall", "B202", "CWE-22", finding.High, "medium", "tarfile.extractall without a filter",
				"Without filter=, tar members with absolute paths, .. or links can write outside the target directory (path traversal).",
				"Pass filter='data' (Python 3.12+, backported to 3.8+ security releases) or check each member's path first.",
				[]string{"import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(dest)\n"},
				[]string{"import tarfile\nwith tarfile.open(p) as t:\n    t.extractall(dest, filter='data')\n", "import zipfile\nzipfile.ZipFile(p).extractall(d)\n"}),
			Query: `(call function: (attribute attribute: (identifier) @_m (#eq? @_m "extractall"))) @match`,
			Check: tarNoFilter,
		},
		{
			Rule: r("py-mark-safe", "B308/B703", "CWE-79", finding.Medium, "medium", "Non-constant value marked safe for HTML",
				"mark_safe/Markup switch off escaping; a value built from user data becomes cross-site scripting.",
				"Use format_html (Django) or Markup.format/escape so that the values are escaped.",
				[]string{"from django.utils.safestring import mark_safe\nmark_safe('<b>' + name + '</b>')\n", "from markupsafe import Markup\nMarkup(user_html)\n"},
				[]string{"from django.utils.safestring import mark_safe\nmark_safe('<br>')\n"}),
			Calls: []string{"django.utils.safestring.mark_safe", "django.utils.html.mark_safe", "markupsafe.Markup", "flask.Markup", "jinja2.Markup"},
			Check: nonLiteralFirstArg,
		},
		{
			Rule: r("py-chmod-permissive", "B103", "CWE-732", finding.Medium, "high", "chmod with a permissive mode",
				"The mode makes the file writable by every user, or executable by the group.",
				"Use 0o600 for private files and 0o755 at most for programs.",
				[]string{"import os\nos.chmod(p, 0o777)\n", "import os\nos.chmod(p, mode=0o666)\n"},
				[]string{"import os\nos.chmod(p, 0o600)\n", "import os\nos.chmod(p, 0o644)\n"}),
			Calls: []string{"os.chmod", "os.fchmod", "os.lchmod"},
			Check: permissiveMode,
		},
		{
			Rule: r("py-ssh-autoadd", "B507", "CWE-295", finding.High, "high", "SSH host key not verified",
				"AutoAddPolicy/WarningPolicy accept any host key, so a man in the middle can impersonate the server.",
				"Load known hosts (client.load_system_host_keys()) and keep the default RejectPolicy.",
				[]string{"import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n"},
				[]string{"import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.RejectPolicy())\n"}),
			Query: `(call function: (attribute attribute: (identifier) @_m (#eq? @_m "set_missing_host_key_policy")) arguments: (argument_list . (_) @v)) @match`,
			Check: autoAddPolicy,
		},
		{
			Rule: r("py-jwt-no-verify", "", "CWE-347", finding.High, "high", "JWT decoded without verifying its signature",
				"With signature verification off, anyone can forge a token with any claims.",
				"Verify the signature: jwt.decode(token, key, algorithms=['HS256']).",
				[]string{"import jwt\njwt.decode(t, verify=False)\n", "import jwt\njwt.decode(t, options={'verify_signature': False})\n"},
				[]string{"import jwt\njwt.decode(t, key, algorithms=['HS256'])\n"}),
			Calls: []string{"jwt.decode"},
			Check: jwtNoVerify,
		},
		{
			Rule: r("py-path-traversal", "", "CWE-22", finding.High, "medium", "File path taken from the request",
				"A file is opened or sent from a path that comes from the request, so ../ reaches any file the process can read.",
				"Use flask.send_from_directory / werkzeug.utils.safe_join, or resolve the path and check it stays under the base directory.",
				[]string{
					"from flask import request, send_file\nsend_file(request.args['f'])\n",
					"from flask import request\nopen('/data/' + request.args.get('name')).read()\n",
					"import os\nfrom flask import request\ndef dl():\n    name = request.args['n']\n    return open(os.path.join('/srv', name)).read()\n",
				},
				[]string{"from flask import request, send_from_directory\nsend_from_directory('static', request.args['f'])\n", "open('config.ini').read()\n"}),
			Calls: []string{"open", "flask.send_file", "io.open", "os.remove", "os.unlink", "shutil.rmtree", "pathlib.Path"},
			Check: firstArgFromRequest,
		},
		{
			Rule: r("py-ssrf", "", "CWE-918", finding.High, "medium", "Server-side request to a URL taken from the request",
				"The server fetches a URL chosen by the client, which can reach internal services and cloud metadata endpoints (SSRF).",
				"Allow-list the hosts (and schemes) the server may fetch, and block private and link-local addresses.",
				[]string{
					"import requests\nfrom flask import request\nrequests.get(request.args['url'])\n",
					"import urllib.request\nurllib.request.urlopen(request.form['u'])\n",
					"import requests\nfrom flask import request\ndef proxy():\n    url = request.args.get('url')\n    target = url.strip()\n    return requests.get(target).text\n",
				},
				[]string{"import requests\nrequests.get('https://api.example.com/v1')\n", "import requests\nfrom flask import request\ndef f():\n    u = db.lookup(request.args['id'])\n    return requests.get(u)\n", "import requests\ndef f(request):\n    url = 'https://api.example.com'\n    return requests.get(url)\n"}),
			Calls: []string{"requests.get", "requests.post", "requests.put", "requests.delete", "requests.head", "requests.request",
				"urllib.request.urlopen", "urllib.request.Request", "httpx.get", "httpx.post"},
			Check: firstArgFromRequest,
		},
		{
			Rule: r("py-weak-cipher", "B304/B305", "CWE-327", finding.High, "high", "Broken cipher or ECB mode",
				"DES, 3DES, RC4, Blowfish and ECB mode do not protect data: keys are too short or patterns leak.",
				"Use AES-GCM (cryptography's AESGCM) or ChaCha20-Poly1305.",
				[]string{
					"from Crypto.Cipher import DES\nc = DES.new(key, DES.MODE_CBC, iv)\n",
					"from cryptography.hazmat.primitives.ciphers import algorithms\nalgorithms.TripleDES(key)\n",
					"from Crypto.Cipher import AES\nAES.new(key, AES.MODE_ECB)\n",
				},
				[]string{"from Crypto.Cipher import AES\nAES.new(key, AES.MODE_GCM)\n", "from cryptography.hazmat.primitives.ciphers.aead import AESGCM\nAESGCM(key)\n"}),
			Calls: []string{
				"Crypto.Cipher.DES.new", "Crypto.Cipher.DES3.new", "Crypto.Cipher.ARC4.new", "Crypto.Cipher.ARC2.new", "Crypto.Cipher.Blowfish.new",
				"Cryptodome.Cipher.DES.new", "Cryptodome.Cipher.DES3.new", "Cryptodome.Cipher.ARC4.new", "Cryptodome.Cipher.ARC2.new", "Cryptodome.Cipher.Blowfish.new",
				"cryptography.hazmat.primitives.ciphers.algorithms.ARC4", "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
				"cryptography.hazmat.primitives.ciphers.algorithms.Blowfish", "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
				"cryptography.hazmat.primitives.ciphers.modes.ECB",
				"Crypto.Cipher.AES.new", "Cryptodome.Cipher.AES.new",
			},
			Check: func(m *query.Match) bool {
				if strings.HasSuffix(m.Call, ".AES.new") {
					return strings.Contains(m.Text(&m.Node), "MODE_ECB")
				}
				return true
			},
		},
	}
}

// yamlUnsafe approves yaml.load calls without a safe loader.
func yamlUnsafe(m *query.Match) bool {
	if strings.Contains(m.Call, "unsafe_") {
		return true
	}
	loader, ok := kwarg(m, m.Node, "Loader")
	if !ok {
		loader, ok = arg(m.Node, 1)
	}
	if !ok {
		return true
	}
	name := m.Resolve(m.Text(&loader))
	last := name[strings.LastIndexByte(name, '.')+1:]
	// SafeLoader, CSafeLoader and project subclasses named after them.
	return !strings.Contains(last, "Safe") && !strings.HasSuffix(last, "BaseLoader")
}

// shellTrue approves subprocess calls with a truthy shell= and a command
// that is not a constant string.
func shellTrue(m *query.Match) bool {
	v, ok := kwarg(m, m.Node, "shell")
	if !ok || falsy(m, v) {
		return false
	}
	if cmd, ok := kwarg(m, m.Node, "args"); ok {
		return !literal(cmd)
	}
	return nonLiteralFirstArg(m)
}

// weakHash approves MD4/MD5/SHA-1 constructors without
// usedforsecurity=False (bandit B324 semantics).
func weakHash(m *query.Match) bool {
	if v, ok := kwarg(m, m.Node, "usedforsecurity"); ok && falsy(m, v) {
		return false
	}
	if m.Call != "hashlib.new" {
		return true
	}
	name, ok := kwarg(m, m.Node, "name")
	if !ok {
		name, ok = arg(m.Node, 0)
	}
	if !ok || !literal(name) {
		return false
	}
	switch strings.ToLower(strings.Trim(m.Text(&name), `'"`)) {
	case "md4", "md5", "sha", "sha1", "md5-sha1":
		return true
	}
	return false
}
