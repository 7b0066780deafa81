"""Settings for the test suite: fast hashing, in-memory e-mail, a test-only case type."""

from renda.settings import *  # noqa: F403
from renda.settings import DATABASES, INSTALLED_APPS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
INSTALLED_APPS = [*INSTALLED_APPS, "renda.core.tests.caseapp"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A second alias standing for the read replica (the same test database), so the router is
# tested (renda/core/tests/test_replicas.py); the router uses it only where READ_REPLICA is on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# Never a real language model in tests: the ones that need one start the stub
# (renda/core/tests/llm_stub.py) and override these.
LLM_BASE_URL = ""
LLM_MODEL = ""
LLM_API_KEY = ""
SMS_BACKEND = "renda.core.sms_backends.LocmemBackend"
