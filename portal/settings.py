"""Settings for Whole-of-Society Engage, read from the environment.

One module for every deployment: production differs from a laptop only by environment variables
(see README "Configuration"). Defaults are safe: without DEBUG=true the portal refuses to start
without a SECRET_KEY and serves HTTPS-only cookies with HSTS.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_celery_beat",
    "django_countries",
    "django_filters",
    "import_export",
    "rules.apps.AutodiscoverRulesConfig",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "portal",
    "stakeholders",
    "consultations",
    "registrations",
    "activity",
    "api",
    "indicators",
]

# Pages are compressed (gzip) for visitors on slow and costly connections. GZipMiddleware comes before
# every middleware that reads or changes the body, so it compresses last; Django adds random bytes
# to each compressed response (BREACH mitigation, GZipMiddleware.max_random_bytes). Static files
# come compressed from WhiteNoise, above it. StripIndentationMiddleware, just below, trims the
# templates' indentation before compression.
#
# PolicyHeadersMiddleware is outermost, so that every response (static files, redirects, /healthz)
# carries its headers. HealthCheckMiddleware answers /healthz before anything that could touch the
# database (sessions, the user) or refuse the host a container probe uses (CommonMiddleware).
# NoStoreMiddleware sits above the session and CSRF middlewares, so it sees the cookies they set.
MIDDLEWARE = [
    "portal.middleware.PolicyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "portal.middleware.StripIndentationMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "stakeholders.middleware.NameRequiredMiddleware",
    "stakeholders.mfa.StaffSecondFactorMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.context_processors.languages",
            ],
        },
    },
]
FORM_RENDERER = "portal.renderers.PortalRenderer"  # TemplatesSetting, with each language's label colon
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour: a typed "example.org" means https

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails a request (and /healthz) in seconds, not minutes;
    # `?connect_timeout=` in DATABASE_URL overrides it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis carries the Celery broker, the result backend and the shared cache (allauth's rate limits
# need a cache that every web worker sees). Without it everything stays in the process.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "sweep-notices": {"task": "portal.sweep_notices", "schedule": 60.0},
    "expire-speaker-confirmations": {"task": "registrations.expire_confirmations", "schedule": 900.0},
}
# A notice "sending" for longer than this belongs to a worker that died; it is sent again. It must
# exceed CELERY_TASK_TIME_LIMIT: a notice is "sending" only inside a sending task, which is killed
# by then, so a live worker never holds one that long. (A worker that starts recovers at once the
# notices of workers that no longer answer: portal.tasks.task_recover_after_restart.)
NOTICE_STUCK_AFTER_SECONDS = env.int("NOTICE_STUCK_AFTER_SECONDS", default=300)
# Time limits: the soft one raises SoftTimeLimitExceeded in the task (a notice batch stops and leaves
# the rest to the sweep), the hard one kills the pool process. Notice batches, the sweeps and the
# expiry of confirmations take seconds; a speaker proposal runs the solver a few times, at most
# registrations.engine.solve.TIME_LIMIT_SECONDS (20 s) each, once per rule in the worst case.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 270
CELERY_TASK_ANNOTATIONS = {"registrations.propose_speakers": {"soft_time_limit": 900, "time_limit": 960}}
# Redis hands a task not acknowledged within the visibility timeout to another worker: that is how a
# task of a killed worker (acks_late) runs again, and also how a task still running would run twice.
# So it exceeds the longest hard time limit (960 s) twice over, since a task a worker reserved
# (prefetch) waits up to one time limit before it starts. An hour, Celery's default, stated.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# The queue tasks go to; tests give the workers they start a queue of their own.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="celery")

AUTH_USER_MODEL = "stakeholders.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "stakeholders.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"  # a URL name, so the sign-in page keeps the language of the page asked for
LOGIN_REDIRECT_URL = "home"

# django-allauth: e-mail is the only login, and it must be verified before the account is used.
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up also asks for the name the person wants to be called (User.display_name).
ACCOUNT_FORMS = {"signup": "stakeholders.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = env("EMAIL_SUBJECT_PREFIX", default="[WoS Engage] ")
# The address of the person's device, which rate limits count "per client" ("ip" below; for the
# portal's own code, portal.clients). Behind the TLS proxy of docker-compose.yml every request comes
# from the proxy: without these, all visitors would share one address and a per-client limit would
# stop the whole site. TRUSTED_PROXY_COUNT is how many proxies of ours append to X-Forwarded-For (1
# behind one nginx); TRUSTED_CLIENT_IP_HEADER is a header our proxy sets instead (X-Real-IP,
# CF-Connecting-IP). Neither by default: REMOTE_ADDR, so a header a visitor forges counts for nothing.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env("TRUSTED_CLIENT_IP_HEADER", default="") or None
# Failed logins, sign-ups and mails are throttled, per client ("ip"), per account or address ("key").
# Failed sign-ins slow down, and never lock the account: a password reset clears them (allauth), and
# the error says so (portal.adapters); a per-client limit needs the proxy settings above.
LOGIN_FAILED_WAIT_MINUTES = 5
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"10/m/ip,5/{LOGIN_FAILED_WAIT_MINUTES}m/key,20/1d/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    # The public form to hear of open calls (consultations.views.subscriptions) mails any address.
    "subscribe_to_calls_from_client": "20/1h/ip",
    "subscribe_to_calls_for_address": "5/1h/key",
}

# Two-step sign-in (allauth.mfa): an authenticator app (TOTP) and single-use recovery codes. Staff hold
# the personal data of people at risk, so the secretariat, focal points and reviewers must set one up
# before any page but their account's (stakeholders.mfa); for everyone else it is a choice on "My
# account". Security keys (WebAuthn) are left off: they need JavaScript, and every page works without.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Whole-of-Society Engage"  # the name authenticator apps show beside the code
# One step of 30 seconds either side: a phone whose clock is a little off still signs in (RFC 6238 §6).
MFA_TOTP_TOLERANCE = 1
# Recovery codes are shown once, right after they are made, with a text file to keep; later visits
# say how many are left and offer a new set.
MFA_RECOVERY_CODES_SHOW_ONCE = True

# E-mail: EMAIL_URL as smtp://user:password@host:port, smtp+tls://…, or filemail:////absolute/path.
# The development default writes every message to var/mail/ so a newcomer can read it.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default=f"filemail:///{VAR_DIR / 'mail'}")
vars().update(EMAIL_CONFIG)
# An SMTP server that stops answering fails the send (retried later) instead of holding a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# Links in e-mails point here (a task has no request to take the host from).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Whole-of-Society Engage <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("zh-hans", _("Chinese (simplified)")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Organization names are proper nouns: any language version beats an empty one. Call texts show
# their fallback visibly in the template rather than relying on this.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")
# The admin's translation tabs use jQuery UI; served from our static files (jquery-ui 1.14.2 from
# npm), never a CDN, so the admin works offline and under the Content-Security-Policy.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
# Dates that name their month ("1 Mar 2027, 14:00"), never m/d/Y: see portal/formats/.
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (written submissions) are private: nothing serves MEDIA_ROOT; a view checks who may read each file.
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# The largest PDF a written submission may attach (10 MB); the proxy in front should allow a little more.
SUBMISSION_MAX_BYTES = env.int("SUBMISSION_MAX_BYTES", default=10 * 1024 * 1024)
# An uploaded PDF is parsed before it is kept (portal.validators.validate_pdf): at most this many pages,
# and its compressed content may unpack to at most this much (a "zip bomb" unpacks to gigabytes).
UPLOAD_MAX_PAGES = env.int("UPLOAD_MAX_PAGES", default=500)
UPLOAD_MAX_UNPACKED_BYTES = env.int("UPLOAD_MAX_UNPACKED_BYTES", default=200 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security. HTTPS defaults to on outside DEBUG; a TLS-terminating proxy sets X-Forwarded-Proto.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
# Both bind more than this portal (every subdomain; browsers' built-in lists, slow to leave): only
# the deployer who owns the whole domain turns them on.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# check --deploy warns whenever they are off; off is the deliberate default, so its warning is silenced.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No inline script or style anywhere: every script and stylesheet is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The open data API (api/, README "Open data API"): read-only, anonymous, JSON, paginated, throttled
# per client (portal.clients, as every limit of the portal). API_RATE is "<requests>/<second|minute|hour|day>".
API_RATE = env("API_RATE", default="120/minute")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Open data: nobody signs in to the API, and a signed-in visitor gets what everyone gets.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Whole-of-Society Engage open data API",
    "DESCRIPTION": "Published open calls, consultations and their programmes, side events, summaries, written "
    "submissions, the public directory of organizations, participation indicators, how each call was run, and "
    "reference data. Read-only and anonymous.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI and ReDoc come from drf-spectacular-sidecar's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},  # no call to an outside validator
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "api.languages.LANGUAGE_CODES",
        "ChangeReasonEnum": "registrations.enums.ChangeReason",
        # Choice sets used by more than one serializer (or with and without a blank), named once.
        "StakeholderCategoryEnum": "stakeholders.enums.StakeholderCategory",
        "CallKindEnum": "consultations.enums.CallKind",
        "ConsultationKindEnum": "consultations.enums.ConsultationKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
