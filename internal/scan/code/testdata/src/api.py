import random
import tarfile

import jwt
import requests
from flask import Flask, request, render_template_string, send_file

app = Flask(__name__)


@app.route("/fetch")
def fetch():
    return requests.get(request.args["url"], timeout=5).text


@app.route("/download")
def download():
    return send_file(request.args["path"])


@app.route("/greet")
def greet():
    return render_template_string("<p>Hello " + request.args.get("name", "") + "</p>")


def reset_token():
    return "".join(random.choice("abcdef0123456789") for _ in range(32))


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})


def unpack(path, dest):
    with tarfile.open(path) as t:
        t.extractall(dest)
