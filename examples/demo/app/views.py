"""Demo views with deliberate code-security problems (secaudit exit class 6).

Each problem is marked with the rule that reports it. Nothing here is a
secret: credentials are read from the environment.
"""
import os
import pickle
import subprocess

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/users")
def users(db):
    name = request.args.get("name", "")
    # py-sql-injection: the query is built with string formatting.
    rows = db.execute("SELECT id, email FROM users WHERE name = '%s'" % name)
    return {"users": [dict(r) for r in rows]}


@app.route("/import", methods=["POST"])
def import_data():
    # py-pickle-load: pickle runs code while loading untrusted bytes.
    obj = pickle.loads(request.get_data())
    # py-yaml-load: the default loader builds arbitrary objects.
    settings = yaml.load(request.args.get("settings", ""))
    return {"ok": obj is not None, "settings": settings}


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    # py-subprocess-shell: shell=True with a value from the request.
    out = subprocess.check_output("ping -c 1 " + host, shell=True)
    return out


@app.route("/calc")
def calc():
    # py-eval: arbitrary code execution.
    return str(eval(request.args["expr"]))


if __name__ == "__main__":
    # py-flask-debug: the Werkzeug debugger runs code for anyone.
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")), debug=True)
