from __future__ import annotations

import logging

from solace.kernel.request_context import current_request_id


class RequestIdFilter(logging.Filter):
    """Stamp each log line with the request id, so a log line can be matched to audit entries without PHI."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
