import os
import pickle
import subprocess as sp
import hashlib
import yaml
import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/user")
def user(db):
    name = request.args["name"]
    db.execute("SELECT * FROM users WHERE name = '%s'" % name)
    db.execute("SELECT * FROM users WHERE name = %s", (name,))  # fine
    query = f"DELETE FROM t WHERE id = {name}"
    db.execute(query)
    return eval(name)


def load(blob, text, cmd):
    obj = pickle.loads(blob)
    conf = yaml.load(text)
    safe = yaml.safe_load(text)  # fine
    sp.check_output(cmd, shell=True)
    os.system("tar xf " + cmd)
    assert obj is not None
    requests.get("https://example.com", verify=False)
    digest = hashlib.md5(blob).hexdigest()
    key = hashlib.md5(blob, usedforsecurity=False)  # fine
    return obj, conf, safe, digest, key


if __name__ == "__main__":
    app.run(debug=True)
