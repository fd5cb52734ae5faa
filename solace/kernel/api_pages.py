"""How API lists page: `?limit=` (1 to 200, default 50) and `?offset=`, answering `{"items": [...], "count": N}`.

Decorate a list operation (declared with `response=list[ItemOut]`) with `@paged` after the route decorator; return
a queryset ordered by something stable, filtered by the gate first. Filters are ordinary query parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ninja.pagination import LimitOffsetPagination, paginate


def paged(func: Callable[..., Any]) -> Callable[..., Any]:
    return paginate(LimitOffsetPagination)(func)  # type: ignore[no-any-return]
