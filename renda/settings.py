"""Django settings for renda, read from environment variables (see README, "Configuration")."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from renda.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

# "development" (the default, also used by `make run` for the demo year) or "production".
RENDA_ENV = env_choice("RENDA_ENV", "development", ("development", "production"))
PRODUCTION = RENDA_ENV == "production"

DEFAULT_SECRET_KEY = "renda-development-only-secret-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
if PRODUCTION and (SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "RENDA_ENV=production needs SECRET_KEY set to a random value of at least 32 characters."
    )

DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when RENDA_ENV=production.")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The demo year (`renda demo`) and its shared password are refused in production.
DEMO_PASSWORD = "renda-demo"  # noqa: S105
DEMO_USERNAMES = (
    *("staff", "leader", "deputy", "deputy2", "handler", "station"),
    *("sysadmin", "secadmin", "auditor"),  # separation of duties: the three administrators
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # the recovery codes
    "csp",
    "renda.org",
    "renda.accounts",
    "renda.audit",
    "renda.core",
    "renda.routing",
    "renda.search",  # one search across the apps (each registers its texts in search.py)
    "renda.reading",  # reading help: the reply check (逐条回应) and hot topics (民意热点)
    "renda.suggestions",
    "renda.legislation",
    "renda.stations",
    "renda.opinions",
    "renda.performance",
    "renda.meetings",
    "renda.filings",
    "renda.petitions",
    "renda.supervision",
    "renda.inspections",
    "renda.figures",  # the cockpit, the year's figures, public figures and open data
    "renda.demo",  # `renda demo`: the demo year (refused in production)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compressed (static files come compressed already from WhiteNoise). BREACH: the
    # CSRF token is masked afresh on every response and Django pads each gzip response with
    # random bytes ("Heal The Breach"); README "Running in production" says how to leave it
    # to the reverse proxy instead (COMPRESS_PAGES=0).
    *(["django.middleware.gzip.GZipMiddleware"] if env_bool("COMPRESS_PAGES", True) else []),
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (below)
    "django_permissions_policy.PermissionsPolicyMiddleware",  # Permissions-Policy (below)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "renda.accounts.middleware.SessionRefreshMiddleware",  # idle expiry, one write a while
    "django.middleware.locale.LocaleMiddleware",
    "renda.core.middleware.HostileInputMiddleware",  # NUL characters in URLs: a 400
    "renda.core.middleware.ApiHeadMiddleware",  # HEAD on the API: GET without the body
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "renda.audit.middleware.AuditMiddleware",
    "renda.accounts.policy.SecurityPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "renda.core.calendar.CalendarScopeMiddleware",  # holiday notices read once per request
    "renda.core.replicas.WroteRecentlyMiddleware",  # read-your-writes with a read replica
]

ROOT_URLCONF = "renda.urls"
WSGI_APPLICATION = "renda.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renda.core.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (production) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'renda.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No server-side cursors: .iterator() (a form's choices, say) would cost DECLARE, FETCH and
    # CLOSE round trips per use, and they break under PgBouncer's transaction mode
    # (docs/scaling.md). Exports that stream big querysets fetch in chunks client-side.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# PostgreSQL's JIT compiles a costly plan before running it: seconds of compiling for an
# aggregate over a year of a province's cases that runs in two (issue 18, docs/scaling.md).
# Pages of 50 rows never gain from it. DB_JIT=on leaves the server's setting (behind a
# PgBouncer that refuses the `options` startup parameter, say: set it on the role instead).
PG_OPTIONS = "" if env_bool("DB_JIT", False) else "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PG_OPTIONS:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = PG_OPTIONS
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
# A PostgreSQL read replica for list pages, search and statistics (renda.core.replicas,
# docs/scaling.md): reads of the views marked @replica_reads go there, writes never do.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
READ_REPLICA = bool(DATABASE_REPLICA_URL)
REPLICA_GRACE = env_int("REPLICA_GRACE", 10, minimum=0)  # seconds on the primary after a POST
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    if PG_OPTIONS:
        DATABASES["replica"].setdefault("OPTIONS", {})["options"] = PG_OPTIONS
DATABASE_ROUTERS = ["renda.core.replicas.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared backends, so that app servers are stateless and scale out behind a load balancer:
# sessions in the database, cache in Redis (REDIS_URL) or else in the database.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "renda_cache",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Idle expiry: the clock restarts when a request finds the session saved more than
# SESSION_REFRESH_EVERY seconds ago (renda.accounts.middleware), not with an UPDATE per GET.
SESSION_REFRESH_EVERY = min(300, SESSION_COOKIE_AGE // 10)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)
# HTTPS only in production: plain HTTP is redirected, and browsers are told (HSTS) to use HTTPS
# for a year. Behind a proxy that ends TLS, set BEHIND_HTTPS_PROXY so the redirect sees it.
SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 365 * 24 * 3600 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_REFERRER_POLICY = "same-origin"  # other sites never learn our addresses (case ids)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts only from our own files, never inline (the
# project keeps its JavaScript in static files); nothing from other origins at all (no CDN on
# the intranet). Inline styles stay allowed: pages carry small <style> blocks.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Permissions-Policy (django-permissions-policy): no page uses the camera, microphone, place
# or payment; copying a receipt code to the clipboard and the projector's full screen do.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "clipboard-write": ["self"],
    "fullscreen": ["self"],
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "renda.core.backends.AdminModelBackend",  # the admin's model permissions only
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "renda.accounts.validators.NotDemoPasswordValidator"},
    {"NAME": "renda.accounts.validators.ComplexityValidator"},
    {"NAME": "renda.accounts.validators.PasswordHistoryValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lock-out after repeated failed logins (django-axes), per user name and address.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the wait the lock-out page promises
AXES_LOCKOUT_CALLABLE = "renda.accounts.views.locked_out"
AXES_VERBOSE = False
# The user name as django-axes stores it: cut to its column's 255 characters (a longer one is
# a failed login, not a database error).
AXES_USERNAME_CALLABLE = "renda.accounts.lockout.username"

# Security policy (等保 level 3). Two-factor login (TOTP) for staff and the administrators'
# roles, the forced change of a password an administrator set, and the expiry of staff's
# passwords: on in production, off by default in development and the demo year.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", PRODUCTION)
TWO_FACTOR_ISSUER = env_str("TWO_FACTOR_ISSUER", "renda")
PASSWORD_CHANGE_INITIAL = env_bool("PASSWORD_CHANGE_INITIAL", PRODUCTION)
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 90 if PRODUCTION else 0, minimum=0)
PASSWORD_HISTORY = env_int("PASSWORD_HISTORY", 5, minimum=0)  # no reuse of the last N
OTP_TOTP_ISSUER = TWO_FACTOR_ISSUER
# The audit trail is kept this many days (the cybersecurity law asks six months at least).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 366, minimum=183)
# At most this many rows in one .xlsx export of the audit trail.
AUDIT_EXPORT_LIMIT = env_int("AUDIT_EXPORT_LIMIT", 20000, minimum=100)

# An optional language model on the intranet (OpenAI-compatible chat completions), for drafts
# staff edit (renda.core.llm); none by default: every feature then works without it.
LLM_BASE_URL = env_str("LLM_BASE_URL", "").rstrip("/")
LLM_MODEL = env_str("LLM_MODEL", "")
LLM_API_KEY = env_str("LLM_API_KEY", "")
LLM_TIMEOUT = env_int("LLM_TIMEOUT", 30, minimum=1)  # seconds

# Internationalisation: Chinese first, English complete too.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Fingerprinted files (collectstatic's hashed names: every {% static %} URL in production)
# are cached for ten years as immutable by WhiteNoise; a name without its hash for a minute.
WHITENOISE_MAX_AGE = 60

# E-mail: notifications go out through Django's e-mail backend.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "renda@localhost")

# Where absolute links in e-mails point.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Text messages (SMS): a backend chosen like EMAIL_BACKEND; see README, Notifications.
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_BACKEND = env_str(
    "SMS_BACKEND",
    "renda.core.sms_backends.ConsoleBackend"
    if not PRODUCTION
    else "renda.core.sms_backends.HttpGatewayBackend"
    if SMS_GATEWAY_URL
    else "renda.core.sms_backends.DummyBackend",
)
SMS_GATEWAY_METHOD = env_choice("SMS_GATEWAY_METHOD", "POST", ("POST", "GET"))
SMS_GATEWAY_FORMAT = env_choice("SMS_GATEWAY_FORMAT", "json", ("json", "form"))
SMS_GATEWAY_BODY = env_str("SMS_GATEWAY_BODY", '{"phone": "{phone}", "text": "{text}"}')
SMS_GATEWAY_API_KEY = env_str("SMS_GATEWAY_API_KEY", "")
SMS_GATEWAY_API_KEY_HEADER = env_str("SMS_GATEWAY_API_KEY_HEADER", "X-API-Key")
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10, minimum=1)
SMS_GATEWAY_SUCCESS = env_str("SMS_GATEWAY_SUCCESS", "")
# The signature every text message starts with (【…】), as registered with the carriers.
SMS_SIGN = env_str("SMS_SIGN", "人大代表工作平台")
# Longer texts are cut (with …): 70 characters make one message, longer ones 67 per part.
SMS_MAX_LENGTH = env_int("SMS_MAX_LENGTH", 134, minimum=20)
# Attempts before a message is given up (failed), waiting 1, 4, 16, 64 … minutes between.
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 6, minimum=1)
# Quiet hours for whoever has not chosen their own, and for the public: HH:MM-HH:MM or "".
NOTIFY_QUIET_HOURS = env_str("NOTIFY_QUIET_HOURS", "22:00-07:00")

# API tokens: lifetime in hours.
API_TOKEN_HOURS = env_int("API_TOKEN_HOURS", 12, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
