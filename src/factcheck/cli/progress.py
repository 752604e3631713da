"""A transient progress bar on stderr while many drafts are checked on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: Fewer drafts than this finish before a bar would be worth drawing.
MIN_FILES = 2


def wanted(count: int, quiet: bool) -> bool:
    """A bar only for several files, on an interactive stderr, unless --quiet."""
    return not quiet and count >= MIN_FILES and _is_terminal(sys.stderr)


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


def track(items: Iterable[T], quiet: bool = False, label: str = "checking",
          total: int | None = None) -> Iterator[T]:
    """Yield `items`, drawing a bar on stderr when `wanted`; the bar vanishes when done."""
    count = total if total is not None else len(items)  # type: ignore[arg-type]
    if not wanted(count, quiet):
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[name]}"))
    with Progress(*columns, console=Console(stderr=True, force_terminal=True),
                  transient=True) as bar:
        task = bar.add_task(label, total=count, name="")
        for item in items:
            bar.update(task, name=_name(item))
            yield item
            bar.advance(task)


def _name(item: object) -> str:
    """What the bar shows of an item: a path, or a checked draft's path."""
    from rich.markup import escape

    from factcheck.report.escape import printable

    if isinstance(item, tuple) and item and hasattr(item[0], "path"):
        item = item[0].path
    return escape(printable(str(item))[-40:])


#: A single draft at least this long (characters) gets a spinner while it is checked.
BIG_DRAFT = 1_000_000


@contextmanager
def working(path: str, size: int, quiet: bool = False) -> Iterator[None]:
    """A transient 'checking PATH (N MB)…' spinner on a terminal's stderr for one huge draft."""
    if quiet or size < BIG_DRAFT or not _is_terminal(sys.stderr):
        yield
        return
    from rich.console import Console

    console = Console(stderr=True, force_terminal=True)
    from rich.markup import escape

    from factcheck.report.escape import printable

    with console.status(f"checking {escape(printable(path))} ({size / 1_000_000:.1f} M characters)…"):
        yield
