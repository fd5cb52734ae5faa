"""A real SMTP server for tests: aiosmtpd on a free local port, keeping every message it receives."""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"
LINK = re.compile(r"https?://\S+")


def free_port() -> int:
    """A local TCP port nothing listens on (useful for an SMTP server that is down, too)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpListener:
    """What the server received, in order; `mailer` is the MAILERS entry that sends to it."""

    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    arrived: threading.Condition = field(default_factory=threading.Condition)

    @property
    def mailer(self) -> dict[str, Any]:
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": HOST, "port": self.port, "timeout": 5},
        }

    # aiosmtpd calls handle_<SMTP COMMAND>.
    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.arrived:
            self.messages.append(message)
            self.arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float = 10) -> list[EmailMessage]:
        """Block until `count` messages have arrived; Django's SMTP backend returns once the server answered."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout=timeout)
            assert len(self.messages) >= count, f"expected {count} message(s), got {len(self.messages)}"
            return list(self.messages)


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "the message has no text/plain part"
    return str(part.get_content())


def links_in(message: EmailMessage) -> list[str]:
    return LINK.findall(body_of(message))


@contextmanager
def smtp_listener() -> Iterator[SmtpListener]:
    listener = SmtpListener(port=free_port())
    controller = Controller(listener, hostname=HOST, port=listener.port)
    controller.start()
    try:
        yield listener
    finally:
        controller.stop()
