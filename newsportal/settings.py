"""Settings for the news portal, all driven by environment variables with safe development defaults."""
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _dev_secret_key() -> str:
    # No secret in the repo: a development key is generated once per checkout and kept out of git.
    path = BASE_DIR / ".django_secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _dev_secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "axes",
    "comments",
    "moderation",
    "webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out admin login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsportal.urls"
WSGI_APPLICATION = "newsportal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Embedded default is SQLite; PostgreSQL via DATABASE_URL (postgres://user@host:5432/name).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first, English available (Accept-Language or the language switch).
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files from the app directories without collectstatic in development and tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "comments@localhost")

# Redis when REDIS_URL is set, so every web process shares rate limits and login lockouts; local memory
# otherwise, or when running without Redis (make run's fallback sets CELERY_TASK_ALWAYS_EAGER).
if os.environ.get("REDIS_URL") and not env_bool("CELERY_TASK_ALWAYS_EAGER", False):
    CACHES = {
        "default": {
            # Redis down or hung: reads miss and writes are dropped instead of answering 500 (newsportal/cache.py).
            "BACKEND": "newsportal.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "np",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process without Redis (make run's fallback): a per-process login counter is still a counter.
    SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# --- Celery (https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html)
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_DEFAULT_QUEUE = "moderation"
CELERY_TASK_ROUTES = {
    "moderation.tasks.moderate_comment": {"queue": "moderation"},
    "moderation.tasks.remoderate_comment": {"queue": "bulk"},
    "webhooks.tasks.*": {"queue": "webhooks"},
}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Fail fast when the broker is down so a reader's POST is never held up (about 1 s at worst, no
# exception: dispatch catches it); the comment stays pending and the beat sweep re-enqueues it.
CELERY_BROKER_CONNECTION_TIMEOUT = env_float("CELERY_BROKER_CONNECTION_TIMEOUT", 1.0)
# https://docs.celeryq.dev/en/stable/getting-started/backends-and-brokers/redis.html#visibility-timeout
# A message a worker took but never acknowledged (the worker died) is delivered again after
# visibility_timeout. It must exceed the task's time limit plus its longest retry countdown
# (see MODERATION_TASK_* below), or a slow-but-alive task would be delivered twice (harmless: the
# service is idempotent, but wasted work).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
    "socket_connect_timeout": env_float("CELERY_BROKER_CONNECT_TIMEOUT", 1.0),
    "socket_timeout": env_float("CELERY_BROKER_SOCKET_TIMEOUT", 2.0),
    "max_retries": 0,  # publishing: one connection attempt, no retry loop (workers reconnect on their own)
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True  # workers wait for Redis instead of exiting
# Workers take one message at a time (acks_late tasks hold it until done; a dead worker holds at most one).
CELERY_WORKER_PREFETCH_MULTIPLIER = env_int("CELERY_WORKER_PREFETCH_MULTIPLIER", 1)
# On a lost broker connection, running acks_late tasks are cancelled: their messages come back anyway.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_SEND_TASK_EVENTS = False
# Workers log through Django's LOGGING (and its email/IP scrubbing filter) instead of Celery's own root logger.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SEND_SENT_EVENT = False
# Per moderation task: hard/soft time limits (seconds) and retries on database errors (backoff 1, 2, 4 ... s).
MODERATION_TASK_TIME_LIMIT = env_int("MODERATION_TASK_TIME_LIMIT", 60)
MODERATION_TASK_SOFT_TIME_LIMIT = env_int("MODERATION_TASK_SOFT_TIME_LIMIT", 30)
MODERATION_TASK_MAX_RETRIES = env_int("MODERATION_TASK_MAX_RETRIES", 8)
# Runs of the engine on one comment that may start without finishing (the worker process died)
# before the comment is held for a moderator instead.
MODERATION_MAX_ATTEMPTS = env_int("MODERATION_MAX_ATTEMPTS", 3)
MODERATION_TASK_RETRY_BACKOFF_MAX = env_int("MODERATION_TASK_RETRY_BACKOFF_MAX", 60)

# --- Comments
COMMENTS_MAX_DEPTH = env_int("COMMENTS_MAX_DEPTH", 3)
COMMENTS_BODY_MAX_LENGTH = env_int("COMMENTS_BODY_MAX_LENGTH", 5000)
COMMENTS_NAME_MAX_LENGTH = 100
COMMENTS_PAGE_SIZE = env_int("COMMENTS_PAGE_SIZE", 50)
# Key for the one-way hash that links an author's comments (history, trust, bans) without exposing the email.
COMMENTS_EMAIL_HASH_KEY = os.environ.get("COMMENTS_EMAIL_HASH_KEY", "") or SECRET_KEY
# Days the IP address and user agent are kept for abuse handling before a beat task clears them.
COMMENTS_IP_RETENTION_DAYS = env_int("COMMENTS_IP_RETENTION_DAYS", 30)

# --- Moderation engine policy knobs (moderation/engine/MODEL.md), passed into the pure engine.
# Only variables that are set override the engine's measured defaults (EngineConfig).
_ENGINE_ENV = {
    "approve_below": ("MODERATION_APPROVE_BELOW", float),
    # comments that match no listed word at all (not even a marker): 0 = same as approve_below
    "approve_below_no_hits": ("MODERATION_APPROVE_BELOW_NO_HITS", float),
    "reject_above": ("MODERATION_REJECT_ABOVE", float),
    "suspect_reject_above": ("MODERATION_SUSPECT_REJECT_ABOVE", float),
    "strict_approve_below": ("MODERATION_STRICT_APPROVE_BELOW", float),
    "max_links": ("MODERATION_MAX_LINKS", int),
}
MODERATION_ENGINE = {key: cast(os.environ[var]) for key, (var, cast) in _ENGINE_ENV.items() if var in os.environ}
# Comments still pending after this many seconds are re-enqueued by the beat sweep.
MODERATION_SWEEP_AFTER_SECONDS = env_int("MODERATION_SWEEP_AFTER_SECONDS", 120)

# --- Moderator workspace: word lists, bans, trust, reports, surge, notifications (README "Moderating")
# Each process re-checks the word-list version at most this often and rebuilds its engine on a change.
MODERATION_TERMS_CHECK_SECONDS = env_float("MODERATION_TERMS_CHECK_SECONDS", 1.0)
MODERATION_BAN_ACTION = os.environ.get("MODERATION_BAN_ACTION", "spam")  # spam | hold
# Previously approved comments that make an author trusted (0 turns trust off).
MODERATION_TRUST_APPROVED_COUNT = env_int("MODERATION_TRUST_APPROVED_COUNT", 3)
# A trusted author's held comment is approved only if no term matched and the scorer stays below this.
MODERATION_TRUST_SCORE_BELOW = env_float("MODERATION_TRUST_SCORE_BELOW", 0.5)
MODERATION_HISTORY_DAYS = env_int("MODERATION_HISTORY_DAYS", 90)  # "recent" for trust and rejection rate
MODERATION_REJECTION_RATE_HOLD = env_float("MODERATION_REJECTION_RATE_HOLD", 0.5)
MODERATION_REJECTION_RATE_MIN_COMMENTS = env_int("MODERATION_REJECTION_RATE_MIN_COMMENTS", 3)
MODERATION_HOLD_FIRST_TIME = env_bool("MODERATION_HOLD_FIRST_TIME", False)
MODERATION_REPORT_THRESHOLD = env_int("MODERATION_REPORT_THRESHOLD", 3)
MODERATION_SURGE_THRESHOLD = env_int("MODERATION_SURGE_THRESHOLD", 5)  # reports + rejections on one article ...
MODERATION_SURGE_WINDOW_MINUTES = env_int("MODERATION_SURGE_WINDOW_MINUTES", 30)  # ... within this window
MODERATION_QUEUE_ALERT_MINUTES = env_int("MODERATION_QUEUE_ALERT_MINUTES", 60)  # 0: never email about the queue
MODERATION_NOTIFY_EMAILS = env_list("MODERATION_NOTIFY_EMAILS")  # extra recipients besides the Moderators group
MODERATION_NOTIFY_AUTHOR = env_bool("MODERATION_NOTIFY_AUTHOR", False)
MODERATION_BACKTEST_SIZE = env_int("MODERATION_BACKTEST_SIZE", 500)  # last N decided comments in a preview
# What moderators' decisions teach the engine (statistics page, staff API, `manage.py moderation_advice`):
# the last N comments a moderator decided are read; a threshold move is advised when at least
# MIN_REVIEWED reviewed comments would move and at most MAX_LEAK of them were rejected (approve side)
# or MAX_FALSE_BLOCK of them approved (reject side) by the moderators.
MODERATION_LEARNING_SIZE = env_int("MODERATION_LEARNING_SIZE", 5000)
MODERATION_ADVICE_MAX_LEAK = env_float("MODERATION_ADVICE_MAX_LEAK", 0.05)
MODERATION_ADVICE_MAX_FALSE_BLOCK = env_float("MODERATION_ADVICE_MAX_FALSE_BLOCK", 0.03)
MODERATION_ADVICE_MIN_REVIEWED = env_int("MODERATION_ADVICE_MIN_REVIEWED", 30)

# --- REST API (https://www.django-rest-framework.org/api-guide/settings/)
REST_FRAMEWORK = {
    # Token first so an anonymous call to a staff endpoint gets 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Closed by default: every public endpoint opens itself explicitly.
    "DEFAULT_PERMISSION_CLASSES": ["moderation.api.permissions.IsModerator"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "comments.api.errors.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "comments.api.pagination.CursorPagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 50),
    # Per client IP for anonymous callers; answered with 429 and Retry-After.
    "DEFAULT_THROTTLE_RATES": {
        "comment_post": os.environ.get("API_THROTTLE_POST", "10/min"),
        "comment_report": os.environ.get("API_THROTTLE_REPORT", "20/hour"),
        "comment_check": os.environ.get("API_THROTTLE_CHECK", "60/min"),
        "auth_token": os.environ.get("API_THROTTLE_AUTH", "10/min"),
    },
    "NUM_PROXIES": int(os.environ["API_NUM_PROXIES"]) if os.environ.get("API_NUM_PROXIES") else None,
}
# https://drf-spectacular.readthedocs.io/en/latest/settings.html ; docs assets come from the sidecar (no CDN).
SPECTACULAR_SETTINGS = {
    "TITLE": "News portal comments API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (BASE_DIR / "comments" / "api" / "description.md").read_text(encoding="utf-8"),
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CommentStatusEnum": "comments.models.Comment.Status",
        "TermActionEnum": "moderation.models.Term.Action",
        "ModeratorActionEnum": "moderation.api.serializers.MODERATOR_ACTIONS",
        "PostedStatusEnum": "comments.api.serializers.CREATED_STATUS",
        "TermKindEnum": "moderation.engine.types.TERM_KINDS",
        "BanKindEnum": "moderation.models.Ban.Kind",
        "TermAffixEnum": "moderation.engine.types.AFFIX_MODES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "comments.api.schema.add_error_responses",
    ],
}
# Front-end origins allowed to call the API from a browser (comma-separated); none by default.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"

# --- Webhooks (signed POSTs to endpoints configured in the admin)
WEBHOOKS_TIMEOUT_SECONDS = env_float("WEBHOOKS_TIMEOUT_SECONDS", 5.0)
WEBHOOKS_MAX_RETRIES = env_int("WEBHOOKS_MAX_RETRIES", 6)
WEBHOOKS_RETRY_BASE_SECONDS = env_float("WEBHOOKS_RETRY_BASE_SECONDS", 10.0)
# Receivers on a private network (10.x, 192.168.x, localhost ...) are refused unless this is set (webhooks/safety.py).
WEBHOOKS_ALLOW_PRIVATE_HOSTS = env_bool("WEBHOOKS_ALLOW_PRIVATE_HOSTS", False)

# --- Security (README "Security and privacy"; production: DJANGO_SECURE=1, see `manage.py check --deploy`)
# DJANGO_SECURE=1 means "served over HTTPS": secure cookies, redirect to HTTPS, HSTS for a year.
SECURE_MODE = env_bool("DJANGO_SECURE", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", SECURE_MODE)
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):  # only behind a proxy that sets this header itself
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_MODE
SESSION_COOKIE_HTTPONLY = True
# https://docs.djangoproject.com/en/5.2/ref/middleware/#http-strict-transport-security
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if SECURE_MODE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", SECURE_MODE)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", SECURE_MODE)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere, nothing from other hosts, no framing (django-csp 4: https://django-csp.readthedocs.io/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # 'self' plus the one fixed <style> block of the API docs page (drf-spectacular's Swagger template).
        "style-src": ["'self'", "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# A large post is refused with a 400 before it is read; 2 MB leaves room for a 1 MB body to get a field error.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
# Admin login lockout (django-axes, https://django-axes.readthedocs.io/): counters in the cache, no IP stored.
AUTHENTICATION_BACKENDS = [
    "newsportal.auth_backends.LoginRateLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_ONLY_ADMIN_SITE = True
AXES_FAILURE_LIMIT = env_int("ADMIN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("ADMIN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # the cache handler keeps no attempt records to show

# --- Cheap checks before a comment is saved (comments/guards.py)
# Posts allowed per window, "count/seconds" pairs: per client IP and per author (keyed email hash).
COMMENTS_RATE_LIMIT_IP = os.environ.get("COMMENTS_RATE_LIMIT_IP", "10/60,60/3600")
COMMENTS_RATE_LIMIT_AUTHOR = os.environ.get("COMMENTS_RATE_LIMIT_AUTHOR", "5/60,30/3600")
# The same author posting the same text on the same article within this many seconds is a duplicate.
COMMENTS_DUPLICATE_WINDOW_SECONDS = env_int("COMMENTS_DUPLICATE_WINDOW_SECONDS", 24 * 3600)
# Hidden form field that people never see and bots fill in.
COMMENTS_HONEYPOT_FIELD = "homepage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Every handler scrubs emails and IP addresses from what it writes (newsportal/security.py).
    "filters": {"scrub_personal_data": {"()": "newsportal.security.ScrubPersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub_personal_data"]}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

CELERY_BEAT_SCHEDULE = {
    # Privacy: clear IP addresses and user agents older than COMMENTS_IP_RETENTION_DAYS.
    "clear-expired-network-data": {"task": "comments.tasks.comment_clear_expired_network_data", "schedule": 3600.0},
    # Re-enqueue comments the broker or a worker lost; a sweep not run within 50 s is dropped (the next one comes).
    "sweep-pending": {"task": "moderation.tasks.sweep_pending", "schedule": 60.0, "options": {"expires": 50}},
    # Re-send webhook deliveries the broker lost (still pending long after their last retry).
    "sweep-webhook-deliveries": {"task": "webhooks.tasks.sweep_webhook_deliveries", "schedule": 600.0},
    "queue-alert": {"task": "moderation.tasks.queue_alert", "schedule": 300.0, "options": {"expires": 240}},
}
