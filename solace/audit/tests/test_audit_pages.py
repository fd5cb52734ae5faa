"""The audit trail page: reads recorded as reads, and paging that keeps the filters without piling up pages."""

from __future__ import annotations

import re

import pytest

from solace.audit.models import AuditEvent
from solace.audit.services import audit_record
from solace.testing.factories import Cast, signed_in_client


@pytest.mark.django_db
def test_opening_the_edit_form_is_a_read_and_saving_it_a_write(cast: Cast) -> None:
    client = signed_in_client(cast.assigned_clinician)
    trail = AuditEvent.objects.filter(patient_id=cast.patient.pk, actor=cast.assigned_clinician)

    assert client.get(f"/patients/{cast.patient.pk}/edit/").status_code == 200
    assert list(trail.values_list("action", flat=True)) == ["patient.view"]

    form = {"given_name": "Renamed", "family_name": cast.patient.family_name, "date_of_birth": "1990-01-01",
            "email": cast.patient.email, "phone": "", "emergency_contact_name": "", "emergency_contact_phone": "",
            "preferred_language": "en", "time_zone": "Europe/London"}
    assert client.post(f"/patients/{cast.patient.pk}/edit/", form).status_code == 302
    assert set(trail.exclude(action="patient.view").values_list("action", flat=True)) == {
        "patient.edit", "patient.update"}


@pytest.mark.django_db
def test_only_those_who_may_edit_may_open_the_form(cast: Cast) -> None:
    assert signed_in_client(cast.researcher).get(f"/patients/{cast.patient.pk}/edit/").status_code == 404
    assert signed_in_client(cast.colleague).get(f"/patients/{cast.patient.pk}/edit/").status_code == 404


def _older_entries_link(page: str) -> str:
    match = re.search(r'<a href="\?([^"]*)" data-testid="older-entries">', page)
    assert match is not None, "no link to older entries"
    return match.group(1).replace("&amp;", "&")


@pytest.mark.django_db
def test_older_entries_keep_the_filters_and_replace_the_page_number(cast: Cast) -> None:
    for number in range(120):
        audit_record(actor=None, action="demo.entry", object_type="clinic", object_id=number,
                     clinic_id=cast.clinic.pk)
    client = signed_in_client(cast.supervisor)

    second = _older_entries_link(client.get("/audit/?action=demo.entry").content.decode())
    third = _older_entries_link(client.get(f"/audit/?{second}").content.decode())

    assert second == "action=demo.entry&page=2"
    assert third == "action=demo.entry&page=3"


@pytest.mark.django_db
def test_audit_cells_carry_their_column_name_for_narrow_screens(cast: Cast) -> None:
    page = signed_in_client(cast.supervisor).get("/audit/").content.decode()

    assert '<table class="stacked-table">' in page
    for label in ("Time", "Actor", "Action", "Object", "Outcome", "Request"):
        assert f'data-label="{label}"' in page
