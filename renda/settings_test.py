"""Settings for the test suite: fast hashing, in-memory e-mail, a test-only case type."""

from renda.settings import *  # noqa: F403
from renda.settings import INSTALLED_APPS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
INSTALLED_APPS = [*INSTALLED_APPS, "renda.core.tests.caseapp"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
