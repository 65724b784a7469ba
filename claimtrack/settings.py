"""claimtrack settings: one module, everything that differs per deploy comes from the environment.

Defaults are safe for development: without DATABASE_URL a SQLite file is used, and without
CELERY_BROKER_URL tasks run in-process (eager), so `make run` needs no services.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    env.read_env(str(BASE_DIR / ".env"))

DEBUG = env.bool("DJANGO_DEBUG", default=True)
_INSECURE_KEY = "django-insecure-claimtrack-development-key-do-not-use-in-production"
SECRET_KEY = env("DJANGO_SECRET_KEY", default=_INSECURE_KEY)
if not DEBUG and SECRET_KEY == _INSECURE_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is false.")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin with the desk's dashboard and section order (django.contrib.admin underneath).
    "quotes.admin_site.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Trigram lookups and search expressions (used only on PostgreSQL; harmless on SQLite).
    "django.contrib.postgres",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "simple_history",
    "sources",
    "quotes",
    "claimtrack.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Under /api/: 413 for oversized bodies, 400 for NUL bytes, JSON for every error page.
    "claimtrack.api.middleware.ApiGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "claimtrack.urls"
WSGI_APPLICATION = "claimtrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# PostgreSQL in production and tests (DATABASE_URL=postgres://...); a SQLite file otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The demo serves requests in threads. A deferred transaction that reads, then writes,
    # fails at once with "database is locked" when another one writes meanwhile; IMMEDIATE
    # takes the write lock at BEGIN and waits (timeout, seconds) instead, and WAL lets
    # readers go on while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=30),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's model backend, with a user's own and group permissions read in one query.
AUTHENTICATION_BACKENDS = ["claimtrack.auth_backends.ModelBackend"]

# --- Cache ----------------------------------------------------------------------------------
# The API's rendered answers (the response cache) and the throttle counters of sessions and
# anonymous reads live here (a token's requests are counted in PostgreSQL: claimtrack/api/
# throttle_counts.py). Several gunicorn workers need a shared cache for exact budgets:
# CACHE_URL=redis://host:6379/1 in production (docker-compose.yml); the per-process memory cache
# otherwise (demo, tests).
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same backend, reusing its Redis client (claimtrack/cache.py).
    CACHES["default"]["BACKEND"] = "claimtrack.cache.RedisCache"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static files (whitenoise serves them under gunicorn) -----------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Security: secure by default when not in debug mode ---------------------------------------
# With DJANGO_DEBUG=false, `manage.py check --deploy` passes given only DJANGO_SECRET_KEY and
# DJANGO_ALLOWED_HOSTS. Each setting can be turned off for a deploy that needs it (e.g. plain
# HTTP on an internal network); see the README's configuration table.
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# The container health check calls /healthz over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# The preload directive only matters once the domain is submitted to the browsers' preload
# list (hstspreload.org), which nobody does by accident; set false if the domain never will be.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
# The TLS proxy in front of gunicorn says the request was HTTPS in this header (name as sent,
# e.g. X-Forwarded-Proto); empty when there is no proxy, so no client can claim HTTPS.
_PROXY_SSL_HEADER = env("DJANGO_SECURE_PROXY_SSL_HEADER", default="X-Forwarded-Proto")
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https") if _PROXY_SSL_HEADER else None
)
X_FRAME_OPTIONS = "DENY"

# --- REST API -------------------------------------------------------------------------------
# Token auth first: a request without credentials gets 401 with "WWW-Authenticate: Token".
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claimtrack.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claimtrack.api.permissions.IsAuthenticatedUser"],
    "DEFAULT_PARSER_CLASSES": ["claimtrack.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "claimtrack.api.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "claimtrack.api.pagination.ApiLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "claimtrack.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "claimtrack.api.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "claimtrack.api.throttling.TokenRateThrottle",
        "claimtrack.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": env("API_THROTTLE_USER", default="5000/hour"),
        "anon": env("API_THROTTLE_ANON", default="1000/hour"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Larger bodies answer 413; deeper JSON answers 400 (a deep document would exhaust the stack).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=10 * 1024 * 1024)
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=32)
# Published claims and their ClaimReview are readable without credentials unless this is off.
API_PUBLIC_CLAIMS = env.bool("API_PUBLIC_CLAIMS", default=True)
# The response cache of the API's reads, keyed by the PostgreSQL snapshot: an answer is served
# again only while no write has committed since (claimtrack/api/response_cache.py, docs/api.md).
# Off on SQLite; entries live in CACHES["default"] for API_RESPONSE_CACHE_SECONDS at most.
API_RESPONSE_CACHE = env.bool("API_RESPONSE_CACHE", default=True)
API_RESPONSE_CACHE_SECONDS = env.int("API_RESPONSE_CACHE_SECONDS", default=300)
# A miss that another request (any worker) is already computing at the same data version waits
# for its answer up to this long instead of computing it too (0: never wait).
API_RESPONSE_CACHE_WAIT_SECONDS = env.float("API_RESPONSE_CACHE_WAIT_SECONDS", default=5.0)
# API tokens (django-rest-knox): stored hashed, several per user, no expiry unless asked for.
REST_KNOX = {"TOKEN_TTL": None, "AUTH_HEADER_PREFIX": "Token"}
KNOX_TOKEN_MODEL = "knox.AuthToken"
SPECTACULAR_SETTINGS = {
    "TITLE": "claimtrack API",
    "DESCRIPTION": (
        "Quotes, speakers, claims and articles for fact-checkers and newsroom tools. "
        "Authenticate with `Authorization: Token <key>` (make a key with "
        "`python manage.py api_token_create USERNAME --name NAME`). Errors are JSON "
        '`{"detail", "code"}`, with `errors` per field for invalid input.'
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["claimtrack.api.permissions.IsAuthenticatedUser"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "QuoteStatusEnum": "quotes.models.Quote.Status",
        "QuoteKindEnum": "quotes.models.Quote.Kind",
        "ClaimStatusEnum": "quotes.models.Claim.Status",
        "SpeakerKindEnum": "quotes.models.Speaker.Kind",
        "ArticleStatusEnum": "sources.models.Article.Status",
        "CorrectionKindEnum": "quotes.models.ClaimCorrection.Kind",
    },
}

# --- Celery ---------------------------------------------------------------------------------
# Without a broker, tasks run in-process (eager) so that the demo needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = env.bool("CELERY_TASK_EAGER_PROPAGATES", default=False)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_IGNORE_RESULT = not CELERY_RESULT_BACKEND
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
# A task is acknowledged after it ran, and given back to the queue if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Redis redelivers an unacknowledged message only after this many seconds.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    # How often a worker looks for such messages (kombu's defaults give about 100 s).
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Celery's Django fixup closes the database connection before and after every task unless
# this is set (then only every this many tasks), which made DATABASE_CONN_MAX_AGE useless in
# workers: each task paid a new PostgreSQL connection. claimtrack/celery.py closes old
# connections around each task the way Django does after a request instead (past
# DATABASE_CONN_MAX_AGE, or unusable after an error), so a worker honours the setting.
CELERY_DB_REUSE_MAX = 1000

# --- claimtrack -----------------------------------------------------------------------------
# Speaker resolution: a fuzzy match at or above AUTO links the quote to an existing speaker;
# between PROPOSE and AUTO a new speaker is created and flagged as a possible duplicate.
SPEAKER_FUZZY_AUTO = env.int("SPEAKER_FUZZY_AUTO", default=92)
SPEAKER_FUZZY_PROPOSE = env.int("SPEAKER_FUZZY_PROPOSE", default=80)
# Claim matching (quotes/matching): scores from which a quote is likely the *same* claim or
# *related* to it (0-1; chosen on tests/matching/labelled.jsonl, see docs/matching.md).
MATCHING_SAME_THRESHOLD = env.float("MATCHING_SAME_THRESHOLD", default=0.58)
MATCHING_RELATED_THRESHOLD = env.float("MATCHING_RELATED_THRESHOLD", default=0.32)
# Largest article text accepted, in characters, and largest file read for one article.
ARTICLE_MAX_CHARS = env.int("ARTICLE_MAX_CHARS", default=2_000_000)
ARTICLE_MAX_FILE_BYTES = env.int("ARTICLE_MAX_FILE_BYTES", default=10 * 1024 * 1024)
# Seconds the quote engine may spend on one article before it is marked failed (a soft
# budget inside the task, below CELERY_TASK_SOFT_TIME_LIMIT; it also holds in eager mode).
ARTICLE_EXTRACT_BUDGET_SECONDS = env.float("ARTICLE_EXTRACT_BUDGET_SECONDS", default=120.0)
# Seconds claim matching may take on one article's new candidates (linking earlier reports,
# finding checked claims): past it the rest is skipped with a warning, the candidates stay.
ARTICLE_MATCH_BUDGET_SECONDS = env.float("ARTICLE_MATCH_BUDGET_SECONDS", default=30.0)
# Seconds main-text extraction (trafilatura) may take on one page or HTML file.
ARTICLE_CLEAN_BUDGET_SECONDS = env.float("ARTICLE_CLEAN_BUDGET_SECONDS", default=30.0)
# A claim on an article (fetching, extracting) older than this was left by a worker that
# died: past the hard time limit no live worker can still hold it. Keep it below the
# broker's visibility_timeout, or a redelivered message would find the claim still live.
ARTICLE_CLAIM_LEASE_SECONDS = env.int("ARTICLE_CLAIM_LEASE_SECONDS", default=CELERY_TASK_TIME_LIMIT + 60)
# Queued or fetched articles untouched for this long lost their message (broker down at
# commit time); the periodic re-queue task sends them again.
ARTICLE_STUCK_AFTER_SECONDS = env.int("ARTICLE_STUCK_AFTER_SECONDS", default=2 * 3600)

# Fetching URLs from feeds and users (sources.fetching). Private, loopback and link-local
# addresses are always refused, except for the hosts listed here ("host" or "host:port"):
# empty by default; the test suite lists its own 127.0.0.1 fixture server.
SOURCES_FETCH_ALLOWED_HOSTS = env.list("SOURCES_FETCH_ALLOWED_HOSTS", default=[])
SOURCES_FETCH_MAX_BYTES = env.int("SOURCES_FETCH_MAX_BYTES", default=10 * 1024 * 1024)
SOURCES_FETCH_MAX_REDIRECTS = env.int("SOURCES_FETCH_MAX_REDIRECTS", default=5)
SOURCES_FETCH_CONNECT_TIMEOUT = env.float("SOURCES_FETCH_CONNECT_TIMEOUT", default=5.0)
SOURCES_FETCH_READ_TIMEOUT = env.float("SOURCES_FETCH_READ_TIMEOUT", default=15.0)
SOURCES_FETCH_TOTAL_TIMEOUT = env.float("SOURCES_FETCH_TOTAL_TIMEOUT", default=60.0)

# --- Review and publication -----------------------------------------------------------------
# Reasons a reviewer picks from when rejecting a candidate (by number in the review queue).
REVIEW_REJECT_REASONS = env.list(
    "REVIEW_REJECT_REASONS",
    default=["Not a quote", "Wrong speaker", "Wrong span", "Duplicate", "Not from this article"],
)
# ClaimReview JSON-LD: the publishing organisation and the public page of each claim.
CLAIMREVIEW_ORGANIZATION_NAME = env("CLAIMREVIEW_ORGANIZATION_NAME", default="claimtrack demo desk")
CLAIMREVIEW_ORGANIZATION_URL = env("CLAIMREVIEW_ORGANIZATION_URL", default="https://example.org/")
CLAIMREVIEW_URL_TEMPLATE = env("CLAIMREVIEW_URL_TEMPLATE", default="https://example.org/claims/{id}/")

# --- Weekly claim reports (quotes/reports/, docs/reports.md) ---------------------------------
# A report week is Monday 00:00 to Monday 00:00 in TIME_ZONE (DJANGO_TIME_ZONE). Celery beat
# runs it on REPORT_SCHEDULE_DAY (0 = Sunday ... 1 = Monday, cron numbering) at
# REPORT_SCHEDULE_HOUR, local time; `setup_periodic_tasks` installs it, the admin edits it.
REPORT_SCHEDULE_DAY = env.int("REPORT_SCHEDULE_DAY", default=1)
REPORT_SCHEDULE_HOUR = env.int("REPORT_SCHEDULE_HOUR", default=6)
# Who gets each scheduled report by mail (comma-separated; empty: nobody).
REPORT_EMAIL_TO = env.list("REPORT_EMAIL_TO", default=[])
REPORT_EMAIL_FROM = env("REPORT_EMAIL_FROM", default="claimtrack@localhost")
# Mail goes to the console in development unless a backend is set.
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# Stored report files (Django's default storage); served only through the admin and the API.
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))
MEDIA_URL = "/media/"
# --- end of weekly claim reports ------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"celery.app.trace": {"level": env("CELERY_TRACE_LOG_LEVEL", default="WARNING")}},
}
