"""Settings of Tỉnh số.

Every piece of configuration is read here, from environment variables, and nowhere else.
The defaults give the embedded mode: SQLite in ``var/``, files in ``var/media``, the database task
backend, mail written to the console. See the configuration table in README.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("TINHSO_HOME", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("TINHSO_VAR_DIR", BASE_DIR / "var")).resolve()


# --- the one environment reader ---------------------------------------------------------------
def env_str(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by ``<NAME>_FILE``."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


DEBUG = env_bool("DEBUG", False)
# Under pytest the settings are imported before any conftest runs: detect it here.
TESTING = env_bool("TINHSO_TESTING", "pytest" in sys.modules)
_secret = env_str("SECRET_KEY")
if not _secret:
    if not (DEBUG or TESTING or env_bool("TINHSO_EMBEDDED", True)):
        raise ImproperlyConfigured("SECRET_KEY hoặc SECRET_KEY_FILE là bắt buộc khi triển khai.")
    _key_file = VAR_DIR / "secret_key"
    try:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        if not _key_file.exists():
            import secrets

            _key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            _key_file.chmod(0o600)
        _secret = _key_file.read_text(encoding="utf-8").strip()
    except OSError:
        _secret = "insecure-embedded-key-" + "x" * 40
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
TINHSO_PROVINCE = env_str("TINHSO_PROVINCE", "93")  # GSO code of the province (93 = Hậu Giang)
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # its Swagger UI is served from the package, never from a CDN
    "django_tasks",
    "django_tasks_db",
    "tinhso.core",
    "tinhso.accounts",
    "tinhso.geo",
    "tinhso.org",
    "tinhso.catalog",
    "tinhso.onestop",
    "tinhso.portal",
    "tinhso.backoffice",
    "tinhso.demo",
    "tinhso.inspections",
    "tinhso.activities",
    "tinhso.emulation",
    "tinhso.sector",
    "tinhso.programs",
    "tinhso.reports",
    "tinhso.news",
    "tinhso.payments",
    "tinhso.signing",
    "tinhso.documents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tinhso.api.errors.ApiErrorMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tinhso.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tinhso.config.urls"
WSGI_APPLICATION = "tinhso.config.wsgi.application"
ASGI_APPLICATION = "tinhso.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tinhso.core.context_processors.site",
            ],
        },
    },
]

# --- database --------------------------------------------------------------------------------
_default_db = f"sqlite:///{VAR_DIR / 'tinhso.sqlite3'}"
DATABASE_URL = env_str("DATABASE_URL", _default_db)
DATABASES: dict[str, dict[str, Any]] = {
    "default": dict(dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_SQLITE_NAME", "") or None}
else:
    # psycopg prepares a statement run this many times on one connection (the public tracking lookup
    # uses it: onestop.selectors._tracking_rows). Empty turns preparing off, as a pooler in transaction
    # mode (PgBouncer < 1.21) needs.
    _prepare = env_str("DB_PREPARE_THRESHOLD", "5")
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = int(_prepare) if _prepare else None
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3" and TESTING:
    # One test database per test process, so that several runs on one server do not collide.
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DB_NAME", "") or f"test_tinhso_{os.getpid()}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth --------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["tinhso.accounts.backends.IdentifierBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "portal:home"
# Login throttling: at most LOGIN_MAX_FAILURES failed attempts per identifier (and per IP address)
# in LOGIN_LOCK_MINUTES minutes.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCK_MINUTES = env_int("LOGIN_LOCK_MINUTES", 15)

# --- i18n and formats --------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tinhso.config.formats"]
USE_THOUSAND_SEPARATOR = True

# --- static and media files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never served directly: files go through permission-checked views
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage: dict[str, Any] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "access_key": env_str("AWS_ACCESS_KEY_ID") or None,
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 26_214_400

# --- background tasks --------------------------------------------------------------------------
TASK_BACKEND = env_str("TASK_BACKEND", "database")  # database | rq | immediate
_task_backends = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASK_BACKEND not in _task_backends:
    raise ImproperlyConfigured(f"TASK_BACKEND phải là một trong {sorted(_task_backends)}.")
TASKS: dict[str, dict[str, Any]] = {"default": {"BACKEND": _task_backends[TASK_BACKEND]}}
# Periodic tasks enqueued by `tinhso scheduler` (started by `tinhso serve`): dotted path → seconds.
PERIODIC_TASKS: dict[str, int] = {
    "tinhso.onestop.tasks.onestop_tick_task": env_int("ONESTOP_TICK_SECONDS", 300),
    "tinhso.reports.tasks.reports_counts_fill_task": env_int("REPORTS_FILL_SECONDS", 3600),
}
if TASK_BACKEND == "rq":
    INSTALLED_APPS.append("django_tasks_rq")
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}


# --- e-mail ------------------------------------------------------------------------------------
def _email_settings(url: str) -> dict[str, Any]:
    """``EMAIL_URL``: console://, file:///path, locmem://, smtp://user:pass@host:port, smtp+tls://…"""
    parsed = urlparse(url)
    scheme = parsed.scheme
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parsed.path) or str(VAR_DIR / "mail"),
        }
    if scheme in {"smtp", "smtp+tls", "smtps"}:
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if scheme == "smtps" else 587 if scheme == "smtp+tls" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+tls" or "tls" in query,
            "EMAIL_USE_SSL": scheme == "smtps",
        }
    raise ImproperlyConfigured(f"EMAIL_URL không hợp lệ: {url!r}")


_mail = _email_settings(env_str("EMAIL_URL", f"file://{VAR_DIR / 'mail'}"))
EMAIL_BACKEND = _mail["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _mail.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = _mail.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _mail.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _mail.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _mail.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _mail.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _mail.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tỉnh số <khong-tra-loi@tinhso.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# SMS to applicants: a dotted path to a backend class; the default only logs (onestop/sms.py).
SMS_BACKEND = env_str("SMS_BACKEND", "tinhso.onestop.sms.LogBackend")

# --- online payment (VNPay API 2.1.0) ------------------------------------------------------------
# The defaults point at the local sandbox gateway (`tinhso payments sandbox`, started by `tinhso serve`).
VNPAY_TMN_CODE = env_str("VNPAY_TMN_CODE", "TINHSO01")
VNPAY_HASH_SECRET = env_str("VNPAY_HASH_SECRET", "TINHSOSANDBOXSECRETKEY0123456789")
VNPAY_PAY_URL = env_str("VNPAY_PAY_URL", "http://127.0.0.1:8800/paymentv2/vpcpay.html")
VNPAY_IPN_URL = env_str("VNPAY_IPN_URL", f"{SITE_URL}/thanh-toan/vnpay/ipn/")  # told to the sandbox
VNPAY_EXPIRE_MINUTES = env_int("VNPAY_EXPIRE_MINUTES", 15)

# --- security ----------------------------------------------------------------------------------
SECURE_HTTPS = env_bool("SECURE_HTTPS", False)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("CACHE_URL")}
        if env_str("CACHE_URL").startswith("redis")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered layout fragments shared by anonymous visitors ({% cache %} in portal/layout.html): in each
    # process's memory, where a read costs microseconds. Off under tests, where every test has its own data
    # (tests that check the cached path turn it on).
    "template_fragments": (
        {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        if TESTING
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "template-fragments",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        }
    ),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
