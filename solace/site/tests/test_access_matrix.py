"""Every patient-scoped route against the whole cast: 0 unauthorised successes, 404 when out of scope."""

from __future__ import annotations

import json
import re

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from config.api import api
from solace.audit.models import AuditEvent
from solace.testing.access_matrix import ROUTES, Route
from solace.testing.factories import CAST_NAMES, Cast, signed_in_client

# URL parameters that make a route patient-scoped: a patient, or a record reached only through one (an alert).
SCOPED_KEYS = ("patient_id", "event_id")


def _request(client: Client, route: Route, cast: Cast) -> int:
    path, body = route.path(cast), route.body(cast)
    if route.api:
        send = getattr(client, route.method.lower())
        return send(path, data=json.dumps(body), content_type="application/json").status_code if body else \
            send(path).status_code
    if route.method == "POST":
        return client.post(path, body).status_code
    return client.get(path).status_code


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.key}")
def test_route_against_the_cast(route: Route, cast: Cast) -> None:
    outcomes = {}
    for name in CAST_NAMES:
        client = signed_in_client(cast.member(name))
        outcomes[name] = _request(client, route, cast)
    for name, status in outcomes.items():
        if name in route.allowed:
            assert status < 400, f"{name} should reach {route.key}, got {status}"
        elif name == "anonymous":
            expected = {401} if route.api else {302}
            assert status in expected, f"anonymous got {status} on {route.key}"
        else:
            assert status == 404, f"{name} must get 404 on {route.key}, got {status}"
    denied_signed_in = [n for n in CAST_NAMES if n not in route.allowed and n != "anonymous"]
    # Patient routes are audited against the patient; sub-object routes (an alert) name the patient too.
    denied = AuditEvent.objects.filter(Q(object_id=str(cast.patient.pk)) | Q(patient_id=cast.patient.pk),
                                       outcome="denied")
    assert denied.count() >= len(denied_signed_in)


def _page_patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, str]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else prefix
            found += _page_patterns(entry, namespace if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and any(key in str(entry.pattern) for key in SCOPED_KEYS):
            found.append((f"{prefix}{entry.name}", str(entry.pattern)))
    return found


def test_every_patient_route_is_in_the_matrix() -> None:
    registered_pages = {route.key for route in ROUTES if not route.api}
    pages = [name for name, _pattern in _page_patterns(get_resolver()) if not name.startswith("api:")]
    assert pages, "no patient-scoped pages found: the scan is broken"
    missing_pages = sorted(set(pages) - registered_pages)
    registered_api = {route.key for route in ROUTES if route.api}
    schema = api.get_openapi_schema()
    operations = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        if re.search(r"\{(patient_id|event_id)\}", path)
        for method in item
    ]
    assert operations, "no patient-scoped API operations found: the scan is broken"
    missing_api = sorted(set(operations) - registered_api)
    missing = missing_pages + missing_api
    assert not missing, f"add to solace/testing/access_matrix.py: {missing}"
