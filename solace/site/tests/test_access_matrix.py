"""Every route that names an object, and every API operation, against the whole cast: 0 unauthorised successes,
404 when out of scope, and a route or operation missing from the matrix fails the build."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from config.api import api
from solace.accounts.models import User
from solace.audit.models import AuditEvent
from solace.testing.access_matrix import ROUTES
from solace.testing.factories import MATRIX_CAST_NAMES, Cast, signed_in_client
from solace.testing.matrix_base import Route

# Object-scoped routes that answer something other than 404 to a signed-in member out of scope (listed, not hidden).
NOT_404 = frozenset({"accounts:api_token_revoke"})


@pytest.fixture
def matrix_cast(cast: Cast) -> Cast:
    from solace.courses.testing import cast_widen

    return cast_widen(cast)


def _request(client: Client, route: Route, cast: Cast) -> HttpResponse:
    path, body = route.path(cast), route.body(cast)
    send = getattr(client, route.method.lower())
    if route.api:
        if body:
            return send(path, data=json.dumps(body), content_type="application/json")  # type: ignore[no-any-return]
        return send(path)  # type: ignore[no-any-return]
    return send(path, body) if route.method == "POST" else send(path)  # type: ignore[no-any-return]


def _denied_audits(user: User | None) -> int:
    return AuditEvent.objects.filter(actor=user, outcome="denied").count() if user else 0


def _text(response: HttpResponse) -> str:
    return response.content.decode(errors="replace") if hasattr(response, "content") else ""


def _leaks(route: Route, name: str, response: HttpResponse, cast: Cast) -> list[str]:
    """Markers a successful response shows to someone it should not, or hides from someone it should show."""
    if response.status_code >= 300:
        return []
    text, problems = _text(response), []
    for reveal in route.reveals:
        marker = reveal.marker(cast)
        if (marker in text) != (name in reveal.to):
            problems.append(f"{name}: {marker!r} {'shown' if marker in text else 'missing'} on {route.key}")
    return problems


def _unauthorised(route: Route, name: str, response: HttpResponse, cast: Cast) -> list[str]:
    """A refused member who got a success, or whose request changed the object anyway."""
    problems = []
    if 200 <= response.status_code < 300:
        problems.append(f"{name} got {response.status_code} on {route.method} {route.key}")
    if route.changed is not None and route.changed(cast):
        problems.append(f"{name}'s refused {route.method} {route.key} changed the object")
    return problems


def _mismatch(route: Route, name: str, status: int, audited: bool) -> list[str]:
    if name in route.allowed:
        return [] if status < 400 else [f"{name} should reach {route.method} {route.key}, got {status}"]
    if name == "anonymous":
        expected = route.expected_anonymous()
        return [] if status == expected else [f"anonymous got {status} on {route.key}, expected {expected}"]
    if status != route.denied:
        return [f"{name} got {status} on {route.method} {route.key}, expected {route.denied}"]
    if route.denied == 404 and name not in route.unaudited and not audited:
        return [f"{name}'s refusal on {route.method} {route.key} wrote no denied audit event"]
    return []


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.key}")
def test_route_against_the_cast(route: Route, matrix_cast: Cast,
                                record_property: Callable[[str, object], None]) -> None:
    mismatches: list[str] = []
    unauthorised: list[str] = []
    for name in MATRIX_CAST_NAMES:
        user = matrix_cast.member(name)
        client = signed_in_client(user)
        before = _denied_audits(user)
        response = _request(client, route, matrix_cast)
        audited = _denied_audits(user) > before
        mismatches += _mismatch(route, name, response.status_code, audited)
        mismatches += _leaks(route, name, response, matrix_cast)
        if name not in route.allowed:
            unauthorised += _unauthorised(route, name, response, matrix_cast)
    record_property("matrix_requests", len(MATRIX_CAST_NAMES))
    record_property("matrix_unauthorised", len(unauthorised))
    assert not unauthorised, f"unauthorised successes: {unauthorised}"
    assert not mismatches, "\n".join(mismatches)


# --- completeness: every route with a path parameter and every API operation is registered ----------------------


def _has_parameters(entry: URLPattern | URLResolver) -> bool:
    pattern = entry.pattern
    if isinstance(pattern, RoutePattern):
        return bool(pattern.converters)
    return bool(pattern.regex.groups)


def _pages_with_parameters(resolver: URLResolver, namespace: str = "", inherited: bool = False) -> set[str]:
    """URL names (with namespaces) of every page whose URL takes an identifier, the API's own URLs left out."""
    found: set[str] = set()
    for entry in resolver.url_patterns:
        scoped = inherited or _has_parameters(entry)
        if isinstance(entry, URLResolver):
            if entry.namespace == api.urls_namespace:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _pages_with_parameters(entry, inner, scoped)
        elif scoped:
            found.add(f"{namespace}{entry.name}" if entry.name else f"unnamed {entry.pattern}")
    return found


def _api_operations() -> set[str]:
    """"METHOD /api/v1/path" for every operation of every router, in the schema or not."""
    root = "/api/v1"
    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            full = re.sub(r"/+", "/", f"{root}/{prefix}/{path}").rstrip("/")
            found |= {f"{method} {full}" for operation in path_view.operations for method in operation.methods}
    return found


def test_every_route_and_operation_is_in_the_matrix() -> None:
    pages = _pages_with_parameters(get_resolver())
    operations = _api_operations()
    assert len(pages) > 30 and len(operations) > 20, "the scan found too little: it is broken"
    registered_pages = {route.key for route in ROUTES if not route.api}
    registered_api = {route.key for route in ROUTES if route.api}
    missing = sorted(pages - registered_pages) + sorted(operations - registered_api)
    assert not missing, f"add to solace/testing/access_matrix.py: {missing}"
    requests = len(ROUTES) * len(MATRIX_CAST_NAMES)
    print(f"access matrix: {len(pages)} pages with identifiers + {len(registered_pages - pages)} other pages, "
          f"{len(operations)} API operations; {len(ROUTES)} entries x {len(MATRIX_CAST_NAMES)} cast members = "
          f"{requests} requests")


def test_the_matrix_registers_only_routes_that_exist() -> None:
    names = _page_names(get_resolver())
    stale = sorted({route.key for route in ROUTES if not route.api} - names)
    stale += sorted({route.key for route in ROUTES if route.api} - _api_operations())
    assert not stale, f"remove or rename in solace/testing/access_matrix.py: {stale}"


def _page_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    found: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found |= _page_names(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif entry.name:
            found.add(f"{namespace}{entry.name}")
    return found


def test_out_of_scope_objects_answer_404() -> None:
    """A signed-in member refused an object-scoped page or operation sees the same 404 as for a missing object."""
    scoped_pages = _pages_with_parameters(get_resolver())
    scoped = [route for route in ROUTES if (route.key in scoped_pages if not route.api else "{" in route.key)]
    assert scoped
    wrong = sorted({route.key for route in scoped if route.denied != 404} - NOT_404)
    assert not wrong, f"object-scoped routes must refuse with 404: {wrong}"
