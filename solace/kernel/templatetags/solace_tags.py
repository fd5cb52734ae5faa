from __future__ import annotations

import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

# A phone number inside free text: digits, optionally grouped by single spaces or hyphens, at least three digits.
PHONE = re.compile(r"\+?\d(?:[ -]?\d){2,}")


@register.filter
def tel_links(text: str) -> SafeString:
    """Make every phone number in a clinic's crisis text tappable on a phone; the rest stays escaped text."""
    parts: list[tuple[str, str]] = []
    position = 0
    for match in PHONE.finditer(text or ""):
        parts.append(("text", text[position:match.start()]))
        parts.append(("tel", match.group()))
        position = match.end()
    parts.append(("text", (text or "")[position:]))
    return format_html_join(
        "", "{}",
        ((format_html('<a href="tel:{}">{}</a>', re.sub(r"[ -]", "", value), value) if kind == "tel" else value,)
         for kind, value in parts),
    )
