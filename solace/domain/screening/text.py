"""Marks the domain's fixed sentences for translation without importing Django.

`makemessages` extracts calls to `gettext_noop` from every module, so the sentences below land in the message
catalogue; the web layer translates them at display time with `gettext(message)`. The domain keeps English.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Return `message` unchanged (the marker `makemessages` looks for)."""
    return message
