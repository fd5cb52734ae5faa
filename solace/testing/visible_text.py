"""What a person reads on a page, and the internal text that must never be part of it.

Pages cite sources in words (author, year, title); file paths, evidence tags, section signs and the codes of
rules, thresholds, fields and items belong to the API and the code only.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

INTERNAL_TEXT = (
    ("evidence tag", re.compile(r"\[(?:C|S|U|X)\]")),
    ("file name", re.compile(r"\.(?:md|txt|py)\b")),
    ("file path", re.compile(r"\bshared/")),
    ("section sign", re.compile("\u00a7")),
    ("code", re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")),
    ("rule expression", re.compile(r"[a-z0-9]\.[a-z]+\d*\s*[<>]=?")),
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text between the tags of a page (attributes, scripts and styles left out)."""
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def internal_text(html: str) -> list[str]:
    """Every piece of internal text a person would read on the page, with what it is."""
    text = visible_text(html)
    return [f"{what}: {match.group(0)!r} in ...{text[max(0, match.start() - 60):match.end() + 60]}..."
            for what, pattern in INTERNAL_TEXT for match in pattern.finditer(text)]
