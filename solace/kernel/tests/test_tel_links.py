from __future__ import annotations

import pytest
from django.test import Client

from solace.kernel.templatetags.solace_tags import tel_links
from solace.testing.factories import signed_in_client


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("999 or 112 (emergency), 116 123 (Samaritans)",
         '<a href="tel:999">999</a> or <a href="tel:112">112</a> (emergency), '
         '<a href="tel:116123">116 123</a> (Samaritans)'),
        ("+44 20-7946-0000", '<a href="tel:+442079460000">+44 20-7946-0000</a>'),
        ("<b>Call 12</b>", "&lt;b&gt;Call 12&lt;/b&gt;"),
        ("", ""),
    ],
)
def test_tel_links(text, expected):
    assert str(tel_links(text)) == expected


@pytest.mark.django_db
def test_crisis_numbers_are_tappable(cast):
    assert 'href="tel:999"' in Client().get("/help/crisis/").content.decode()
    home = signed_in_client(cast.patient_user).get("/").content.decode()
    assert 'href="tel:116123"' in home
