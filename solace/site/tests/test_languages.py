"""Solace offers a language only when its catalogue is complete and compiled, so no page claims Chinese for English."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from solace.kernel.languages import catalogue_state, language_offered, offered_languages
from solace.testing import factories

CANDIDATES = [("en", "English"), ("zh-hans", "Simplified Chinese")]
PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def catalogue(tmp_path: Path, body: str, *, compiled: bool = True) -> Path:
    messages = tmp_path / "zh_Hans" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_text(PO_HEADER + body, encoding="utf-8")
    if compiled:
        (messages / "django.mo").write_bytes(b"")
    return tmp_path


def test_every_offered_language_has_a_complete_compiled_catalogue() -> None:
    """The check `make test` runs: an offered language with an untranslated or fuzzy string fails the build."""
    codes = [code for code, _label in settings.LANGUAGES]
    assert codes[0] == settings.LANGUAGE_CODE == "en"
    for code in codes[1:]:
        states = [catalogue_state(Path(path), code) for path in settings.LOCALE_PATHS]
        assert any(state.complete for state in states), [
            (state.language, state.mo_exists, state.untranslated[:5], state.fuzzy[:5]) for state in states]


def test_the_unfinished_chinese_catalogue_is_not_offered() -> None:
    state = catalogue_state(Path(settings.LOCALE_PATHS[0]), "zh-hans")

    if not state.complete:
        assert "zh-hans" not in dict(settings.LANGUAGES)


def test_a_complete_compiled_catalogue_is_offered(tmp_path: Path) -> None:
    locale = catalogue(tmp_path, 'msgid "Patient"\nmsgstr "患者"\n\n'
                                 'msgid "Long"\nmsgstr ""\n"长"\n\n'
                                 'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "多"\n')

    assert offered_languages([locale], CANDIDATES) == CANDIDATES


@pytest.mark.parametrize(("body", "compiled"), [
    ('msgid "Patient"\nmsgstr ""\n', True),
    ('#, fuzzy\nmsgid "Patient"\nmsgstr "病人"\n', True),
    ('msgid "One"\nmsgid_plural "Many"\nmsgstr[0] ""\n', True),
    ('msgid "Patient"\nmsgstr "患者"\n', False),
])
def test_an_unfinished_or_uncompiled_catalogue_is_not_offered(tmp_path: Path, body: str, compiled: bool) -> None:
    locale = catalogue(tmp_path, body, compiled=compiled)

    assert offered_languages([locale], CANDIDATES) == CANDIDATES[:1]


def test_a_preference_for_a_language_not_offered_falls_back_to_english() -> None:
    with override_settings(LANGUAGES=[("en", "English")]):
        assert language_offered("zh-hans") == "en"
        assert language_offered("") == "en"
    with override_settings(LANGUAGES=CANDIDATES):
        assert language_offered("zh-hans") == "zh-hans"


@pytest.mark.django_db
@override_settings(LANGUAGES=[("en", "English")])
def test_a_patient_preferring_chinese_sees_a_page_marked_as_english(clinic) -> None:
    patient = factories.patient_create(clinic, with_account=True, preferred_language="zh-hans")
    assert patient.user is not None
    patient.user.language = "zh-hans"
    patient.user.save(update_fields=["language"])

    page = factories.signed_in_client(patient.user).get("/")

    assert page.status_code == 200
    assert '<html lang="en">' in page.content.decode()
