"""A researcher signs in to a page that says, in plain words, what is coming for them (and shows no patient)."""

from __future__ import annotations

import pytest

from solace.testing.factories import Cast, signed_in_client


@pytest.mark.django_db
def test_the_researcher_is_told_what_is_coming(cast: Cast) -> None:
    response = signed_in_client(cast.researcher).get("/")

    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="no-area"' in page
    assert "Research pages are coming" in page and "never one person" in page
    assert cast.patient.family_name not in page
