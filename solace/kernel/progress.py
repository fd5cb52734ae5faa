"""Progress bars for long-running commands: drawn only when the output is a terminal, silent in pipes, logs and
tests. Labels carry counts and phases only, never patient data."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

from tqdm import tqdm


def _is_terminal(stream: IO[str] | Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def progress[T](items: Iterable[T], *, total: int | None = None, label: str,
                stream: IO[str] | Any = None) -> Iterator[T]:
    """Yield `items`, drawing a bar on `stream` (a command's stdout or stderr) when it is a terminal."""
    out = stream if stream is not None else sys.stderr
    out = getattr(out, "_out", out)  # Django's OutputWrapper keeps the real stream in _out
    if not _is_terminal(out):
        yield from items
        return
    yield from tqdm(items, total=total, desc=label, file=out, unit="", dynamic_ncols=True, leave=False)
