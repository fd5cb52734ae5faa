"""Typed requests: what a view or API operation may rely on once authentication has let the request through."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from solace.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A page request that passed @login_required: request.user is a Solace user (never AnonymousUser).

    django-htmx's middleware runs on every request, so request.htmx is always there.
    """

    user: User
    htmx: HtmxDetails


class AuthenticatedApiRequest(HttpRequest):
    """A django-ninja operation's request once the API's auth (bearer token or verified session) accepted it.

    The accepted user is request.auth; request.user may be AnonymousUser under a bearer token.
    """

    auth: User
