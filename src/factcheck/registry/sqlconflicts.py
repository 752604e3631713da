"""The source conflicts a registry's index remembers (`SqlStore.known_conflicts`,
`keep_conflicts`), kept by (file, position) and written when the process exits."""

from __future__ import annotations

import bisect
import marshal
import os
from collections.abc import Sequence
from operator import add
from typing import TYPE_CHECKING, Any

from factcheck.registry.claim import CLAIM_FIELDS, Claim

if TYPE_CHECKING:
    from pathlib import Path

#: Where a claim's body (`sqlindex.encode`: its fields in order) keeps its qualifier and text.
_QUALIFIER, _TEXT = CLAIM_FIELDS.index("qualifier"), CLAIM_FIELDS.index("text")
#: Rows of remembered source conflicts kept per index at most.
MEMO_ROWS = 2_000_000


class RowRanges:
    """The rows of some files, as sorted [start, end) ranges: `row in ranges` by bisection."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self._starts = [a for a, _ in ranges]
        self._ends = [b for _, b in ranges]

    def __contains__(self, row: object) -> bool:
        i = bisect.bisect_right(self._starts, row) - 1  # type: ignore[call-overload]
        return i >= 0 and row < self._ends[i]  # type: ignore[operator]


class ConflictMemo:
    """`SqlStore`'s remembered source conflicts (a part of it: its rows, files and memo writes)."""

    _path: Path
    _pid: int
    _ids: list[int]
    _bases: list[int]
    _counts: list[int]
    _base_of: dict[int, int]
    _source_ids: list[str]
    _generation: int
    _last_id: int
    _new_conflicts: dict[int, tuple[int, ...]]
    _built: dict[int, Claim]
    _bodies: dict[int, tuple[bytes, str]]

    def known_conflicts(self, claim: Claim) -> "Sequence[Claim] | None":
        """The conflicts found for `claim` by an earlier run or earlier in this one."""
        row = self.row_of(claim)
        if row is None:
            return None
        rows = self._new_conflicts.get(row)
        if rows is None:
            held = self._held_conflicts(row)
            if held is None or held[1] < self._last_id:
                return None
            rows = held[0]
        from factcheck.registry.index import LazyClaims

        return LazyClaims(rows, self.claim)  # a note names the first few of many

    def _held_conflicts(self, row: int) -> tuple[tuple[int, ...], int] | None:
        """(rows, the last file id they were looked for among) remembered for the claim at
        `row`: kept by (file, position), so files added among the others keep them."""
        found = self._query("SELECT rows, upto FROM conflicts WHERE file=? AND seq=? "
                            "AND generation=?", (*self._where(row), self._generation))
        if not found:
            return None
        flat = marshal.loads(found[0][0])
        try:
            if len(flat) % 2:
                return None
            # each file's first row plus the position: C loops, not a generator (58,000 rows)
            return tuple(map(add, map(self._base_of.__getitem__, flat[::2]), flat[1::2])), \
                found[0][1]
        except (KeyError, TypeError):
            return None

    def conflicts_since(self, claim: Claim) -> tuple[Sequence[Claim], list[str], Any] | None:
        """The conflicts remembered for `claim` before sources were added (`sqlbuild.sync`
        keeps them then), those sources' ids in registry order and their rows (a container
        for `align.sure_pairs_by_source`); None if there are none such."""
        row = self.row_of(claim)
        if row is None or row in self._new_conflicts:
            return None
        held = self._held_conflicts(row)
        if held is None or held[1] >= self._last_id:
            return None
        from factcheck.registry.index import LazyClaims

        later = [i for i, fid in enumerate(self._ids) if fid > held[1]]
        rows: Any = RowRanges([(self._bases[i], self._bases[i] + self._counts[i]) for i in later])
        if later == list(range(later[0], len(self._ids))):  # after all the others
            rows = self._bases[later[0]]
        return LazyClaims(held[0], self.claim), [self._source_ids[i] for i in later], rows

    def keep_conflicts(self, claim: Claim, found: Sequence[Claim]) -> None:
        """Remember the conflicts found for `claim` (written when the process exits)."""
        from factcheck.registry.index import LazyClaims

        row = self.row_of(claim)
        if isinstance(found, LazyClaims):  # remembered ones (`conflicts_since`) and new ones
            rows = tuple(found.rows())
        else:
            rows = tuple(map(self.row_of, found))
        if row is None or None in rows or sum(map(len, self._new_conflicts.values())) > MEMO_ROWS:
            return
        if not self._new_conflicts:
            import atexit

            atexit.register(self.write_conflicts)
        self._new_conflicts[row] = rows  # type: ignore[assignment]

    def more_conflicts(self, held: Sequence[Claim], found: Sequence[Claim]) -> Sequence[Claim]:
        """Remembered conflicts (`conflicts_since`) and newly found ones (claims, or unbuilt
        `LazyClaims` of this store's rows), in registry order (a source's conflicts do not
        depend on the others), unbuilt."""
        from factcheck.registry.index import LazyClaims

        new = found.rows() if isinstance(found, LazyClaims) else map(self.row_of, found)
        rows = tuple(held.rows()) + tuple(new)  # type: ignore[attr-defined]
        return LazyClaims(sorted(rows), self.claim) if None not in rows else [*held, *found]

    def figure_words(self, rows: Sequence[int]) -> dict[int, tuple[str, str]]:
        """The qualifier and text of the claims at `rows`, without building them: read from
        the bodies, a few hundred a query (a claim built or read already is read there)."""
        built, bodies, base = self._built, self._bodies, self._base_of
        out = {r: (c.qualifier, c.text) for r in rows for c in [built.get(r)] if c is not None}
        wanted = []
        for r in sorted({r for r in rows if r not in out}):
            body = bodies.get(r)
            if body is None:
                wanted.append(self._where(r))
            else:
                out[r] = self._words(body[0])
        for i in range(0, len(wanted), 400):
            part = wanted[i:i + 400]
            marks = ",".join(["(?, ?)"] * len(part))  # a join: each row found by its key
            for f, seq, body in self._query(
                    f"WITH w(f, s) AS (VALUES {marks}) SELECT c.file, c.seq, c.body "
                    "FROM w CROSS JOIN claims c ON c.file = w.f AND c.seq = w.s",
                    [x for key in part for x in key]):
                out[base[f] + seq] = self._words(body)
        if len(out) < len(set(rows)):
            self._damaged()
        return out

    def _words(self, body: bytes) -> tuple[str, str]:
        """A body's qualifier and text (kept as they are: `sqlindex.encode`)."""
        try:
            fields = marshal.loads(body)
            return fields[_QUALIFIER], fields[_TEXT]
        except Exception:
            self._damaged()
            raise

    def write_conflicts(self) -> None:
        """Write the conflicts found in this run to the index, by (file, position)."""
        if os.getpid() == self._pid and self._path.exists():
            where = self._where
            self._write("INSERT OR REPLACE INTO conflicts VALUES(?, ?, ?, ?, ?)",
                        [(*where(r), self._generation,
                          marshal.dumps(tuple(x for c in v for x in where(c))), self._last_id)
                         for r, v in self._new_conflicts.items()])

