"""The people of a registry read through its SQLite index, looked up by the strings their names
hold and the titles they bear (`sqlindex.person_keys`, the `roles` table) instead of read all."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from factcheck.registry import sqlindex
from factcheck.registry.model import Entity, holding

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

    def at(self, starts: list[tuple[str, int | None]]) -> list[Entity]:
        """The people whose name holds one of `starts` (`model.holding`), in registry order:
        the rows with a key (`sqlindex.person_keys`) starting with a text at its position."""
        holds = holding(starts)
        if len(starts) > PROBES:
            return [e for e in self._every() if holds(str(e.value))]
        found: dict[tuple[int, int], bytes] = {}
        for text, pos in set(starts):
            where = "key >= ?" + (" AND key < ?" if _after(text) else "")
            args: list[Any] = [text, _after(text)] if _after(text) else [text]
            where += " AND pos >= 0" if pos is None else " AND pos = ?"
            args += [] if pos is None else [pos]
            found.update(((f, seq), body) for f, seq, body in self._query(
                "SELECT p.file, p.seq, c.body FROM people p JOIN claims c "
                f"ON c.file = p.file AND c.seq = p.seq WHERE {where}", args))
        return [e for e in self._entities(found) if holds(str(e.value))]

    def with_roles(self, roles: Iterable[str]) -> list[Entity]:
        """The people bearing one of `roles` (two characters or more), in registry order."""
        found: dict[tuple[int, int], bytes] = {}
        wanted = sorted({r for r in roles if len(r) >= 2})
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            found.update(((f, seq), body) for f, seq, body in self._query(
                "SELECT r.file, r.seq, c.body FROM roles r JOIN claims c ON c.file = r.file "
                f"AND c.seq = r.seq WHERE r.role IN ({','.join('?' * len(part))})", part))
        return self._entities(found)

    def _entities(self, found: dict[tuple[int, int], bytes]) -> list[Entity]:
        """The light rows of some person claims by (file, position), in registry order."""
        base, built, out = self._base_of, self._built, []
        try:
            for (f, seq), body in found.items():
                row = base[f] + seq
                if row not in built:
                    built[row] = Entity(row, *sqlindex.entity_fields(body))
                out.append(built[row])
        except Exception:
            self._damaged()
            raise
        return sorted(out)
