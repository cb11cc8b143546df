"""Django settings for the demo (the credentials are fake)."""
import os

DEBUG = False
SECRET_KEY = "vxv^ON^yNCvcIB=5ovK1+874OU3xfuP*Tb#0AwZq-AWeT^a38D"
ALLOWED_HOSTS = ["demo.example.org"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "demo",
        "USER": "demo",
        "PASSWORD": "pDbn820RQ6ymor9PYh",
        "HOST": os.environ.get("DB_HOST", "localhost"),
    }
}

# Safe: read from the environment, not reported.
EMAIL_HOST_PASSWORD = os.environ["EMAIL_HOST_PASSWORD"]
