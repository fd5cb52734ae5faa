"""Solace settings: everything that differs between machines comes from the environment (see docs/operator.md)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config import env
from solace.kernel.languages import offered_languages

# Generic Django classes (forms.ModelForm[Patient], QuerySet[Patient]) may then be subscripted at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.env_str("SOLACE_VAR_DIR") or BASE_DIR / "var")

DEBUG = env.env_bool("SOLACE_DEBUG", False)
SECRET_KEY = env.secret_key(VAR_DIR)
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", "")
HTTPS = env.env_bool("SOLACE_HTTPS", False)

DATABASES = {"default": env.database(env.env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'solace.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks_db",
    "solace.kernel",
    "solace.accounts",
    "solace.audit",
    "solace.patients",
    "solace.courses",
    "solace.alerts",
    "solace.measures",
    "solace.screening",
    "solace.practice",
    "solace.reminders",
    "solace.site",
]

MIDDLEWARE = [
    "solace.kernel.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "solace.accounts.middleware.StaffTwoFactorMiddleware",
    "solace.accounts.middleware.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "solace.kernel.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "solace" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "csp.context_processors.nonce",
                "solace.site.context_processors.navigation",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout: five failures for one e-mail address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env.env_int("SOLACE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.env_int("SOLACE_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "email"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Lockout is per account, not per address: a clinic's staff share one NAT address, and five typos by one person
# must not lock out the whole clinic. Password spraying across accounts is slowed by Argon2 and each lockout.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Staff sessions end after this many idle seconds; patients keep the browser-session default.
STAFF_IDLE_TIMEOUT_SECONDS = env.env_int("SOLACE_STAFF_IDLE_MINUTES", 15, minimum=1) * 60
SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.env_bool("SOLACE_BEHIND_PROXY", False) else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

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

OTP_TOTP_ISSUER = "Solace"
INVITATION_VALID_DAYS = env.env_int("SOLACE_INVITATION_DAYS", 7, minimum=1)
CONSENT_VERSIONS = {"treatment": "2026-11", "data_use": "2026-11"}

LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["solace.formats"]
LOCALE_PATHS = [BASE_DIR / "solace" / "locale"]
# A language is offered only when its catalogue is complete and compiled (solace/kernel/languages.py): pages are
# never marked as Chinese while showing English.
LANGUAGES = offered_languages(LOCALE_PATHS, [("en", _("English")), ("zh-hans", _("Simplified Chinese"))])
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.env_time_zone("SOLACE_TIME_ZONE", "Europe/London")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "solace" / "static"]
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_HOST = env.env_str("EMAIL_HOST")
DEFAULT_FROM_EMAIL = env.env_str("DEFAULT_FROM_EMAIL", "Solace <no-reply@solace.invalid>")
# Without an SMTP host, mail is written to files under var/outbox (never to the log: it can carry patient names).
SMTP_OPTIONS = {
    "host": EMAIL_HOST,
    "port": env.env_int("EMAIL_PORT", 25, minimum=1),
    "username": env.env_str("EMAIL_HOST_USER"),
    "password": env.env_str("EMAIL_HOST_PASSWORD"),
    "use_tls": env.env_bool("EMAIL_USE_TLS", False),
    "timeout": 10,
}
MAILERS = {
    "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": SMTP_OPTIONS}
    if EMAIL_HOST
    else {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": str(VAR_DIR / "outbox")},
    }
}
del EMAIL_HOST, SMTP_OPTIONS  # only MAILERS is read by Django
SITE_URL = env.env_str("SOLACE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# API lists page with ?limit=&offset= (solace/kernel/api_pages.py): 50 by default, never more than 200 at once.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "solace.kernel.logging.RequestIdFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env.env_str("SOLACE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs the full request path of errors; Solace keeps patient data out of paths (ids only).
        "django.request": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
