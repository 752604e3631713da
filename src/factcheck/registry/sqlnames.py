"""The people of a registry read through its SQLite index, looked up by the strings their names
hold and the titles they bear (`index.person_keys`, the `roles` table) instead of read all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from factcheck.registry import sqlindex
from factcheck.registry.model import Entity, holding, kept

#: More lookups than this in one call read every person's row instead (a long draft).
PROBES = 2_000
_TOP = "\U0010ffff"


def _after(text: str) -> str:
    """The least string after every string starting with `text` (none for a text ending in the
    last code point: the rows are then filtered by `model.holding` alone)."""
    if text.endswith(_TOP) or not text:
        return ""
    return text[:-1] + chr(ord(text[-1]) + 1)


class People:
    """Lookups of a store's person rows (`SqlStore`), each person's light row built once."""

    def __init__(self, query: Callable[..., list[tuple]], base_of: dict[int, int],
                 damaged: Callable[[], None], every: Callable[[], list[Entity]]) -> None:
        self._query, self._base_of, self._damaged, self._every = query, base_of, damaged, every
        self._built: dict[int, Entity] = {}

    def at(self, starts: list[tuple[str, int | None]],
           keep: Callable[[str, int], bool] | None = None) -> list[Entity]:
        """The people whose name holds one of `starts` (`model.holding`) and, with `keep`, has a
        matching key it accepts (`Registry.people_at`), in registry order: the rows with a key
        (`index.person_keys`) starting with a text at its place; only those kept are built."""
        holds = holding(starts)
        if len(starts) > PROBES:
            return [e for e in self._every() if holds(str(e.value))
                    and (keep is None or kept(str(e.value), starts, keep))]
        rows: set[tuple[int, int]] = set()
        for text, pos in set(starts):
            where = "key >= ?" + (" AND key < ?" if _after(text) else "")
            args: list[Any] = [text, _after(text)] if _after(text) else [text]
            where += " AND pos >= 0" if pos is None else " AND pos = ?"
            args += [] if pos is None else [pos]
            rows.update((f, seq) for key, at, f, seq in self._query(
                f"SELECT key, pos, file, seq FROM people WHERE {where}", args)
                if keep is None or keep(key, at))
        return [e for e in self._entities(sorted(rows)) if holds(str(e.value))]

    def with_roles(self, roles: Iterable[str]) -> list[Entity]:
        """The people bearing one of `roles` (two characters or more), in registry order."""
        wanted = sorted({r for r in roles if len(r) >= 2})
        return self._entities(sorted({(f, seq) for part in _chunks(wanted) for f, seq in self._query(
            f"SELECT file, seq FROM roles WHERE role IN ({','.join('?' * len(part))})", part)}))

    def _entities(self, rows: list[tuple[int, int]]) -> list[Entity]:
        """The light rows of some person claims by (file, position), in registry order."""
        base, built = self._base_of, self._built
        wanted = [r for r in rows if base[r[0]] + r[1] not in built]
        try:
            for part in _chunks(wanted):
                marks = ",".join("(?, ?)" for _ in part)  # a join: each row found by its key
                for f, seq, body in self._query(
                        f"WITH w(f, s) AS (VALUES {marks}) SELECT c.file, c.seq, c.body FROM w "
                        "CROSS JOIN claims c ON c.file = w.f AND c.seq = w.s", [x for r in part for x in r]):
                    built[base[f] + seq] = Entity(base[f] + seq, *sqlindex.entity_fields(body))
            return sorted(built[base[f] + seq] for f, seq in rows)
        except Exception:
            self._damaged()
            raise


def _chunks(items: list) -> list[list]:
    """Lists of at most 400 of `items`, for queries with a parameter or two each."""
    return [items[i:i + 400] for i in range(0, len(items), 400)]
