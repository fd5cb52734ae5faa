"""Which languages Solace offers: English always, another only when its catalogue is complete and compiled.

A page marked `lang="zh-hans"` that shows English text misleads screen readers, search and the reader alike, so a
language is offered (in `settings.LANGUAGES`, hence in `lang` attributes, `translation.activate` and e-mails) only
when its `.po` has no untranslated or fuzzy entry and its `.mo` exists. Settings compute the list at start-up;
`solace/site/tests/test_languages.py` fails when an offered catalogue is incomplete.

Settings import this module before Django is set up: only `language_offered` reads them, when called.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

DEFAULT_LANGUAGE = "en"
DOMAIN = "django"


@dataclass
class CatalogueEntry:
    """One message of a `.po` file: its id, its translations (one per plural form) and its flags."""

    msgid: str = ""
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def is_header(self) -> bool:
        return self.msgid == ""


@dataclass(frozen=True)
class CatalogueState:
    """What keeps a language from being offered: no catalogue, no compiled catalogue, or unfinished messages."""

    language: str
    po_exists: bool
    mo_exists: bool
    untranslated: tuple[str, ...]
    fuzzy: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.po_exists and self.mo_exists and not self.untranslated and not self.fuzzy


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return text.encode("raw_unicode_escape").decode("unicode_escape") if "\\" in text else text


def _entries(lines: Iterable[str]) -> Iterator[CatalogueEntry]:
    """A small `.po` reader (enough to judge completeness; `msgfmt` remains the real compiler)."""
    entry, target = CatalogueEntry(), ""
    for raw in [*lines, ""]:
        line = raw.strip()
        if not line:
            if entry.msgid or entry.msgstrs:
                yield entry
            entry, target = CatalogueEntry(), ""
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith(("msgid ", "msgid_plural ", "msgctxt ")):
            target = line.split(" ", 1)[0]
            if target == "msgid":
                entry.msgid = _unquote(line.split(" ", 1)[1])
        elif line.startswith("msgstr"):
            target = "msgstr"
            entry.msgstrs.append(_unquote(line.split(" ", 1)[1]))
        elif line.startswith('"'):
            if target == "msgid":
                entry.msgid += _unquote(line)
            elif target == "msgstr":
                entry.msgstrs[-1] += _unquote(line)


def catalogue_state(locale_dir: Path, language: str) -> CatalogueState:
    """Read `<locale_dir>/<locale>/LC_MESSAGES/django.po` (and look for its `.mo`) for a language code."""
    messages = locale_dir / to_locale(language) / "LC_MESSAGES"
    po, mo = messages / f"{DOMAIN}.po", messages / f"{DOMAIN}.mo"
    if not po.exists():
        return CatalogueState(language, False, mo.exists(), (), ())
    entries = [entry for entry in _entries(po.read_text(encoding="utf-8").splitlines())
               if not entry.is_header and not entry.obsolete]
    return CatalogueState(
        language, True, mo.exists(),
        untranslated=tuple(entry.msgid for entry in entries if not all(entry.msgstrs)),
        fuzzy=tuple(entry.msgid for entry in entries if "fuzzy" in entry.flags),
    )


def to_locale(language: str) -> str:
    """zh-hans -> zh_Hans, en -> en (Django's rule, repeated here because settings cannot import Django's yet)."""
    language, _, country = language.lower().partition("-")
    if not country:
        return language
    country = country.title() if len(country) > 2 else country.upper()
    return f"{language}_{country}"


def offered_languages[Label](locale_dirs: Sequence[Path],
                             candidates: Sequence[tuple[str, Label]]) -> list[tuple[str, Label]]:
    """The candidates Solace may offer: English always, any other only when a locale directory holds its complete,
    compiled catalogue."""
    return [
        (code, label) for code, label in candidates
        if code == DEFAULT_LANGUAGE or any(catalogue_state(path, code).complete for path in locale_dirs)
    ]


def language_offered(language: str | None) -> str:
    """The language to show for a stored preference (a user's, a patient's): itself when Solace offers it, else
    the default (never a page or an e-mail marked as a language its text is not in)."""
    offered = {code for code, _label in settings.LANGUAGES}
    return language if language in offered else settings.LANGUAGE_CODE
