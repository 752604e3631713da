"""The names of a registry read through its SQLite index, looked up instead of read all: people
by the strings their names hold and the titles they bear (`index.person_keys`, the `roles`
table), organisations by their names and the words around them (`bodies`, `words`, `slots`)."""

from __future__ import annotations

import marshal
from collections.abc import Callable, Container, Iterable
from typing import Any

from factcheck.registry import sqlindex
from factcheck.registry.model import Entity, holding, kept

#: More lookups than this in one call read every person's row instead (a long draft).
PROBES = 2_000
#: Drafts longer than this (compacted) look their four-grams up among the index's slot words
#: rather than each in the index.
SLOT_PROBES = 200_000
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
            if pos is None and not text:
                continue  # held by no name (`model.holding`)
            where = "key >= ?" + (" AND key < ?" if _after(text) else "")
            args: list[Any] = [text, _after(text)] if _after(text) else [text]
            if not text and pos is not None and pos < 0:  # ("", -1) is the only key before 0
                where, args = "key = ?", [text]  # (`index.person_keys`): no scan of every key
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


class Bodies:
    """Lookups of a store's organisation rows (`SqlStore`) for `substitutions.in_slots`."""

    def __init__(self, query: Callable[..., list[tuple]], base_of: dict[int, int],
                 damaged: Callable[[], None], source_of: dict[int, str]) -> None:
        self._query, self._base_of, self._damaged, self._source_of = query, base_of, damaged, source_of
        self._file_of: dict[str, int] | None = None

    def slot_words(self, draft: str) -> list[tuple[int, str, tuple]]:
        """(id, name, slots) of the words around an organisation's name (`index.slot_contexts`,
        one id for every sentence giving the name with the same words) with a slot word
        (`index.slot_keys`) among the four-grams of a compacted draft: the only ones whose slot
        `substitutions.in_slots` can find in it. Words no claim has any more may be among them."""
        if len(draft) <= SLOT_PROBES:
            grams = list({draft[i:i + 4] for i in range(len(draft) - 3)})
        else:  # a set of every four-gram of a long draft is large: the index's words, kept
            keys = {k for k, in self._query("SELECT DISTINCT key FROM wordkeys")}
            grams = list({g for i in range(len(draft) - 3) if (g := draft[i:i + 4]) in keys})
        ids = {w for part in _chunks(grams) for w, in self._query(
            f"SELECT words FROM wordkeys WHERE key IN ({_marks(part)})", part)}
        found = [row for part in _chunks(sorted(ids)) for row in self._query(
            f"SELECT id, body FROM words WHERE id IN ({_marks(part)})", part)]
        try:
            return sorted((i, *marshal.loads(body)) for i, body in found)
        except Exception:
            self._damaged()
            raise

    def slot_rows(self, words: list[int]) -> list[tuple[int, int, int]]:
        """(row, saying, words) of the organisation claims (ignored ones left out) whose words
        around their name are among `words`, in registry order; a saying is one id for each
        sentence and name."""
        base = self._base_of
        return sorted((base[f] + seq, said, w) for part in _chunks(words) for f, seq, said, w in
                      self._query(f"SELECT file, seq, said, words FROM slots "
                                  f"WHERE words IN ({_marks(part)})", part))

    def sources(self, names: list[str]) -> "Naming":
        """The ids of the sources with an organisation claim (ignored ones left out) naming one
        of `names`, asked one source at a time (`Naming`)."""
        return Naming(self, names)

    def naming(self, names: list[str], file: int | None = None) -> set[str]:
        """The ids of the sources (or of the file `file`'s, none or it) with an organisation
        claim naming one of `names`: one row a file, not a row a claim."""
        at = "" if file is None else f" AND file = {int(file)}"
        return {self._source_of[f] for part in _chunks(names) for f, in self._query(
            f"SELECT DISTINCT file FROM bodies WHERE name IN ({_marks(part)}){at}", part)}

    def file_of(self, source: str) -> int | None:
        """The file of a source id (None for none of the store's)."""
        if self._file_of is None:
            self._file_of = {s: f for f, s in self._source_of.items()}
        return self._file_of.get(source)

    def rows(self, names: list[str]) -> list[int]:
        """Rows of the organisation claims (ignored ones left out) naming one of `names`, in
        registry order."""
        base = self._base_of
        return sorted(base[f] + seq for part in _chunks(names) for f, seq in self._query(
            f"SELECT file, seq FROM bodies WHERE name IN ({_marks(part)})", part))


class Naming(Container[str]):
    """The ids of the sources naming one of some bodies (`Bodies.sources`), each looked up when
    first asked about (a draft names a body most of an archive's sources name, and asks about
    a few of them), all read at once after `ASKED` lookups."""

    #: Sources looked up one by one before every one is read.
    ASKED = 64

    def __init__(self, bodies: Bodies, names: list[str]) -> None:
        self._bodies, self._names = bodies, names
        self._seen: dict[str, bool] = {}
        self._all: set[str] | None = None

    def __contains__(self, source: object) -> bool:
        if self._all is not None:
            return source in self._all
        found = self._seen.get(source)  # type: ignore[call-overload]
        if found is None:
            if len(self._seen) >= self.ASKED:
                self._all = self._bodies.naming(self._names)
                return source in self._all
            file = self._bodies.file_of(source) if type(source) is str else None
            found = self._seen[source] = file is not None and bool(  # type: ignore[index]
                self._names and self._bodies.naming(self._names, file))
        return found


def _chunks(items: list) -> list[list]:
    """Lists of at most 400 of `items`, for queries with a parameter or two each."""
    return [items[i:i + 400] for i in range(0, len(items), 400)]


def _marks(part: list) -> str:
    return ",".join("?" * len(part))
