"""A registry read through its SQLite index (`registry.sqlindex`): claims built from their rows
on first use, and the claim index's lookups answered by queries instead of maps in memory."""

from __future__ import annotations

import bisect
import marshal
import os
import sqlite3
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from factcheck.registry import sqlindex
from factcheck.registry.claim import EVENT_KINDS, FIGURE_KINDS, Claim
from factcheck.registry.sqlconflicts import ConflictMemo
from factcheck.registry.sqllists import NameLists

if TYPE_CHECKING:
    from factcheck.registry.index import ClaimIndex, FigureValue

_FIGURES = ",".join(f"'{k}'" for k in FIGURE_KINDS)
_SENTENCE = sqlindex.SENTENCE
_SHAPED, _OF_SHAPE = sqlindex.SHAPED, sqlindex.OF_SHAPE
#: The claims stating a value (`index.value_key`'s text) of a kind: those of its figures.
_VALUED = ("SELECT c.file, c.seq, c.shape, c.value{columns} FROM figures f CROSS JOIN claims c "
           "ON c.value = f.id{live}{join} WHERE f.kind=? AND f.vkey=?")


#: More figure values than this meeting a draft figure's range: its candidates are read row by row.
NEAR_VALUES = 5_000
#: More files added than this since conflicts were looked for: every candidate is read.
SINCE_FILES = 200


class NearRows(NamedTuple):
    """A draft figure's anchored candidates (`SqlStore.near_rows`): the rows whose figure may
    agree with it, in registry order; for each shape among them all, the first row whose figure
    cannot (None if none); and a shape's rows whose figure cannot, read when asked for."""

    near: list[int]
    first_far: dict[int, int | None]
    far: Callable[[int], list[int]]


class Probes(dict):
    """Row -> shape or value id, filled by the queries that return rows (looked up if missing)."""

    def __init__(self, fetch: Callable[[int], tuple[int, int]], which: int) -> None:
        super().__init__()
        self._fetch, self._which = fetch, which

    def __missing__(self, row: int) -> int:
        return self._fetch(row)[self._which]


class Lookup:
    """One of the claim index's maps: `get(key)` gives the rows, in registry order."""

    def __init__(self, rows: Callable[[Any], list[int]]) -> None:
        self._rows = rows
        self._seen: dict[Any, list[int]] = {}

    def get(self, key: Any, default: Any = ()) -> list[int]:
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._rows(key)
        return found or default


def _close_all(connections: list[tuple[int, sqlite3.Connection]]) -> None:
    """Close a store's connections, (process id, connection) each, that this process opened:
    a forked worker's copy of its parent's is left alone (closing it could checkpoint the
    index under the parent)."""
    here = os.getpid()
    for pid, db in connections:
        if pid == here:
            try:
                db.close()
            except sqlite3.Error:
                pass


class SqlStore(NameLists, ConflictMemo):
    """A registry's claims in its index database, built from their rows on first use (its
    remembered name lists in `sqllists`, its remembered source conflicts in `sqlconflicts`)."""

    def __init__(self, path: Path, db: sqlite3.Connection,
                 files: list[tuple[int, int, int, str]], generation: int) -> None:
        """A store over `files` (id, first row, claims, source id, in registry order) as
        they were at `generation` of the index."""
        self._path, self._db, self._pid = path, db, os.getpid()
        #: the connections this store opened, closed when it is freed or at exit at the latest
        #: (the store is freed by the cycle collector, which the command's exit skips: the last
        #: connection's close is what checkpoints the index and removes its write-ahead log)
        self._open = [(self._pid, db)]
        weakref.finalize(self, _close_all, self._open)
        self._ids = [f[0] for f in files]
        self._bases = [f[1] for f in files]
        self._base_of = {f[0]: f[1] for f in files}
        self._size = files[-1][1] + files[-1][2] if files else 0
        self._counts = [f[2] for f in files]
        self._last_id = max(self._ids, default=0)  # files added later have larger ids
        #: (id, first row) of the files some file after them in registry order has a smaller
        #: id than (added among the others): all but these come in registry order by id
        self._late = self._out_of_order()
        self._source_ids = [f[3] for f in files]
        self._generation = generation
        if self._snapshot(db) != (generation, len(files)):  # another process updated it just now
            self._changed()
        self._built: dict[int, Claim] = {}
        self._bodies: dict[int, tuple[bytes, str]] = {}  # read with their rows, not built yet
        self._row_of: dict[int, int] = {}
        self._entity_rows: dict[str, list] = {}
        self._name_rows: list[tuple] | None = None
        self._joined: dict[str, str] = {}
        self._units: dict[str, bytes] = {}
        self._index: ClaimIndex | None = None
        self._figure_values: dict[int, FigureValue] = {}
        self._wanted: set[int] = set()
        self._new_conflicts: dict[int, tuple[int, ...]] = {}
        from factcheck.registry.sqlnames import Bodies, People

        self.people = People(self._query, self._base_of, self._damaged,
                             lambda: self.entities(("person",)))
        self.bodies = Bodies(self._query, self._base_of, self._damaged,
                             dict(zip(self._ids, self._source_ids)))
        self.shapes = Probes(self._probe, 0)
        self.values = Probes(self._probe, 1)

    def _out_of_order(self) -> list[tuple[int, int]]:
        """(id, first row) of each file a file after it in registry order has a smaller id than."""
        late, least = [], None
        for fid, base in zip(reversed(self._ids), reversed(self._bases)):
            if least is not None and fid > least:
                late.append((fid, base))
            least = fid if least is None else min(least, fid)
        return late

    # --- queries ---------------------------------------------------------------------------

    @staticmethod
    def _snapshot(db: sqlite3.Connection) -> tuple[int, int]:
        """Start the read transaction every later query reads in (another process's update
        is not seen halfway); the index's generation and its number of files (sources added
        after the others keep the generation)."""
        db.execute("BEGIN")
        return sqlindex.generation(db), db.execute("SELECT count(*) FROM files").fetchone()[0]

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[tuple]:
        return self._read(lambda db: db.execute(sql, args).fetchall())

    def _blob(self, table: str, column: str, rowid: int) -> bytes:
        """A BLOB value read by incremental I/O: SQLite hands over a large one (the joined
        sentences: 12 MB at 10,000 sources) without first making a copy of its own."""
        def read(db: sqlite3.Connection) -> bytes:
            with db.blobopen(table, column, rowid, readonly=True) as blob:
                return blob.read()
        return self._read(read)

    def _read(self, reading: Callable[[sqlite3.Connection], Any]) -> Any:
        """What `reading` reads from the index in the check's read transaction."""
        if os.getpid() != self._pid:  # a forked worker: a connection of its own
            self._db, self._pid = sqlindex.connect(self._path), os.getpid()
            self._open.append((self._pid, self._db))
            if self._snapshot(self._db) != (self._generation, len(self._ids)):
                self._changed()
        try:
            return reading(self._db)
        except sqlite3.OperationalError:  # locked or unreadable now, not damaged
            self._changed()
            raise
        except sqlite3.Error:
            self._damaged()
            raise

    def _changed(self) -> None:
        from factcheck.errors import RegistryError

        raise RegistryError("the registry index changed or could not be read during the check",
                            str(self._path), "run the command again")

    def _damaged(self) -> None:
        from factcheck.errors import IndexDamaged

        self._db.close()
        sqlindex.remove(self._path)
        raise IndexDamaged("the registry index is damaged (now deleted)", str(self._path),
                           "run the command again")

    def _rows(self, found: list[tuple], ordered: bool = True, figures: bool = True) -> list[int]:
        """Registry rows of (file, seq, shape, value, …) results, sorted unless not `ordered`;
        their shape and value ids remembered (and their `figures` read at the next one)."""
        base = self._base_of
        out = [base[f[0]] + f[1] for f in found]
        self.shapes.update(zip(out, [f[2] for f in found]))
        ids = [f[3] for f in found]
        self.values.update(zip(out, ids))
        if figures:
            self._wanted.update(ids)  # their figures are read next: in one query
        if ordered:
            out.sort()
        return out

    def _where(self, row: int) -> tuple[int, int]:
        if not 0 <= row < self._size:
            raise IndexError(row)
        i = bisect.bisect_right(self._bases, row) - 1
        return self._ids[i], row - self._bases[i]

    def _probe(self, row: int) -> tuple[int, int]:
        found = self._query("SELECT shape, value FROM claims WHERE file=? AND seq=?",
                            self._where(row))
        if not found:
            self._damaged()
        return found[0]

    # --- claims ----------------------------------------------------------------------------

    def claim(self, row: int) -> Claim:
        """The claim at `row` (built once)."""
        claim = self._built.get(row)
        if claim is None:
            body = self._bodies.pop(row, None)
            if body is None:
                found = self._query(f"SELECT c.body, s.text FROM claims c{_SENTENCE} "
                                    "WHERE c.file=? AND c.seq=?", self._where(row))
                body = found[0] if found else (None, None)
            claim = self._make(row, *body)
        return claim

    def read_rows(self, rows: list[int]) -> None:
        """Read the claims at `rows` not built yet, a few hundred a query (`claim` then builds
        each without a query of its own)."""
        base, built, bodies = self._base_of, self._built, self._bodies
        wanted = [self._where(r) for r in sorted(set(rows)) if r not in built and r not in bodies]
        for i in range(0, len(wanted), 400):
            part = wanted[i:i + 400]
            marks = ",".join(["(?, ?)"] * len(part))  # a join: each row found by its key
            for f, seq, *body in self._query(
                    f"WITH w(f, s) AS (VALUES {marks}) SELECT c.file, c.seq, c.body, s.text "
                    f"FROM w CROSS JOIN claims c ON c.file = w.f AND c.seq = w.s{_SENTENCE}",
                    [x for key in part for x in key]):
                bodies[base[f] + seq] = body  # type: ignore[assignment]

    def _make(self, row: int, body: bytes | None, sentence: str | None) -> Claim:
        try:
            claim = self._built[row] = sqlindex.decode(body, sentence)  # type: ignore[arg-type]
        except Exception:
            self._damaged()
        self._row_of[id(claim)] = row
        return claim

    def row_of(self, claim: Claim) -> int | None:
        """The row of a claim this store built (None for any other claim)."""
        return self._row_of.get(id(claim))

    def all_claims(self) -> list[Claim]:
        """Every claim in registry order."""
        return self._claims_of_files(range(len(self._ids)))

    def claims_of(self, sources: set[str]) -> list[Claim]:
        """The claims of some sources, in registry order."""
        return self._claims_of_files([i for i, s in enumerate(self._source_ids) if s in sources])

    def _claims_of_files(self, positions) -> list[Claim]:
        out: list[Claim] = []
        for i in positions:
            base = self._bases[i]
            for seq, body, said in self._query(f"SELECT c.seq, c.body, s.text FROM claims c"
                                               f"{_SENTENCE} WHERE c.file=? ORDER BY c.seq",
                                               (self._ids[i],)):
                out.append(self._built.get(base + seq) or self._make(base + seq, body, said))
        return out

    def rows_of_kind(self, kinds: tuple[str, ...]) -> list[int]:
        """Rows of the claims of some kinds, ignored ones left out, in registry order; their
        bodies are read with them (the caller builds the claims next: one query, not one a
        claim)."""
        found: list[tuple] = []
        for kind in kinds:
            found += self._query(f"SELECT c.file, c.seq, c.shape, c.value, c.body, s.text "
                                 f"FROM claims c{_SENTENCE} WHERE c.kind=? AND c.live=1", (kind,))
        self._keep_bodies(found)
        return self._rows(found, figures=not set(kinds).isdisjoint(FIGURE_KINDS))

    def _keep_bodies(self, found: list[tuple]) -> None:
        """Keep the bodies of (file, seq, shape, value, body, sentence) results not built yet
        (`claim` builds them without a query of its own)."""
        base, built, bodies = self._base_of, self._built, self._bodies
        for file, seq, _, _, *body in found:
            if base[file] + seq not in built:
                bodies[base[file] + seq] = body  # type: ignore[assignment]

    def rows_with_value(self, kind: str, value: object) -> list[int]:
        """Rows of claims of a kind that may state `value`, ignored ones too, in registry order."""
        from factcheck.registry.index import value_key

        if kind not in FIGURE_KINDS:
            return self._rows(self._query(
                "SELECT file, seq, shape, value FROM claims WHERE kind=?", (kind,)))
        return self._rows(self._query(_VALUED.format(columns="", live="", join=""),
                                      (kind, repr(value_key(value)))))

    def source_of(self, row: int) -> str:
        """The source id of the claim at `row`, without building it."""
        return self._source_ids[bisect.bisect_right(self._bases, row) - 1]

    # --- memo writes ----------------------------------------------------------------------

    def _write(self, sql: str, rows: list[tuple]) -> None:
        """Keep derived answers, unless the index changed meanwhile (silently skipped if the
        database cannot be written)."""
        try:  # a connection of its own: this one keeps reading its snapshot
            db = sqlindex.connect(self._path)
        except (OSError, sqlite3.Error):
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if sqlindex.generation(db) == self._generation and db.execute(
                        "SELECT count(*) FROM files").fetchone()[0] == len(self._ids):
                    db.executemany(sql, rows)  # not after sources were added meanwhile
            finally:
                db.execute("COMMIT")
        except sqlite3.Error:
            pass
        finally:
            db.close()

    # --- the claim index -------------------------------------------------------------------

    def index(self) -> "ClaimIndex":
        """The claim index of the figure claims, answering from the database."""
        if self._index is None:
            from factcheck.registry.index import ClaimIndex

            maps = (Lookup(self._anchored), Lookup(self._valued), Lookup(self._events))
            self._index = ClaimIndex.from_rows(
                maps, self.claim, self._figures_of, self.shapes, self.values,
                lambda row: self.figure(self.values[row]), self.source_of, self._of_kind)
            bodies = self.bodies
            self._index.slot_words, self._index.slot_rows = bodies.slot_words, bodies.slot_rows
            self._index.body_rows, self._index.body_sources = bodies.rows, bodies.sources
            self._index.near_rows, self._index.rows_since = self.near_rows, self.rows_since
            self._index.read_rows = self.read_rows
        return self._index

    def near_rows(self, kind: str, keys: list[str], low: float, high: float) -> "NearRows | None":
        """The rows of `kind` anchored by one of `keys`, split by whether their figure's range
        (`index.figure_range`) meets [low, high] (None when too many figures' ranges meet it:
        the rows are then read one by one)."""
        ids = [v for v, in self._query("SELECT id FROM figures WHERE lo <= ? AND hi >= ?",
                                       (high, low))]
        if not keys or len(ids) > NEAR_VALUES:
            return None
        listed = ",".join(map(str, ids))  # numbers from the index itself
        where = f"a.kind=? AND a.key IN ({','.join('?' * len(keys))})"
        far = f"{_OF_SHAPE} AND value NOT IN ({listed})"  # a shape's claims share its anchors
        first = {shape: self._first_row(far, (shape,)) for shape, in self._query(
            f"SELECT DISTINCT a.shape FROM anchors a WHERE {where} AND EXISTS "
            f"(SELECT 1{sqlindex.OF_SHAPE_IN.format(shape='a.shape')})", (kind, *keys))}
        # the anchored rows stating a value in reach are the live claims of those shapes and
        # values, found by value (`claims_value`) rather than among every claim of the shapes
        near = self._rows(self._query(
            f"SELECT file, seq, shape, value FROM claims WHERE value IN ({listed}) AND live = 1 "
            f"AND shape IN ({','.join(map(str, first))})")) if first else []

        def far_rows(shape: int) -> list[int]:
            base = self._base_of
            return sorted(base[f] + s for f, s in self._query(f"SELECT file, seq{far}", (shape,)))
        return NearRows(list(dict.fromkeys(near)), first, far_rows)

    def rows_since(self, kind: str, keys: list[str], start: Any) -> list[int] | None:
        """The rows of `kind` anchored by one of `keys` in the files whose rows start at `start`
        or later (or are `in` it: the sources added since conflicts were last looked for), in
        registry order; None when they are more than a few files."""
        files = [fid for fid, base in zip(self._ids, self._bases)
                 if (base >= start if isinstance(start, int) else base in start)]
        if len(files) > SINCE_FILES:
            return None
        rows = self._rows(self._query(
            f"SELECT c.file, c.seq, c.shape, c.value{_SHAPED} WHERE a.kind=? AND a.key IN "
            f"({','.join('?' * len(keys))}) AND c.file IN ({','.join(map(str, files))})",
            (kind, *keys)))
        return list(dict.fromkeys(rows))

    def _first_row(self, where: str, args: tuple) -> int | None:
        """The first row in registry order of the claims `FROM claims WHERE …` selects (`where`):
        the first by (file, seq), the index's own order, unless a file with a larger id comes
        before its file in registry order (added among the others: `_late`) and holds one."""
        found = self._query(f"SELECT file, seq{where} ORDER BY file, seq LIMIT 1", args)
        if not found:
            return None
        first, base = found[0][0], self._base_of[found[0][0]]
        late = [fid for fid, at in self._late if fid > first and at < base]
        if late:
            found += self._query(f"SELECT file, seq{where} AND file IN "
                                 f"({','.join(map(str, late))})", args)
        return min(self._base_of[f] + seq for f, seq in found)

    def _anchored(self, key: tuple[str, str]) -> list[int]:
        return self._rows(self._query(f"SELECT c.file, c.seq, c.shape, c.value{_SHAPED} "
                                      "WHERE a.kind=? AND a.key=?", key))

    def _valued(self, key: tuple[str, tuple]) -> list[int]:
        """The rows stating a value, their bodies read with them: the claims stating a draft
        figure's value are built next (`figures._same_value`), one query rather than one each."""
        found = self._query(_VALUED.format(columns=", c.body, s.text", live=" AND c.live = 1",
                                           join=_SENTENCE), (key[0], repr(key[1])))
        self._keep_bodies(found)
        return self._rows(found)

    def _events(self, kind: str) -> list[int]:
        return self._of_kind(kind) if kind in EVENT_KINDS else []

    def _of_kind(self, kind: str) -> list[int]:
        """A figure kind's rows grouped by value, the values in order of first appearance."""
        keys = dict(self._query("SELECT id, vkey FROM figures WHERE kind=?", (kind,)))
        found = [f for f in self._query("SELECT file, seq, shape, value FROM claims WHERE kind=? "
                                        "AND live=1", (kind,)) if f[3] in keys]  # figures only
        keyed = [(row, keys[f[3]]) for row, f in zip(self._rows(found, ordered=False), found)]
        groups: dict[str, list[int]] = {}
        for row, key in sorted(keyed):
            groups.setdefault(key, []).append(row)
        return [r for rows in groups.values() for r in rows]

    def figure(self, vid: int) -> "FigureValue":
        """What `align.same_figure` reads of the claims with value id `vid` (built once)."""
        found = self._figure_values.get(vid)
        if found is None:
            from factcheck.registry.index import FigureValue

            wanted = [v for v in {vid, *self._wanted} if v not in self._figure_values]
            self._wanted.clear()
            for i in range(0, len(wanted), 500):
                part = wanted[i:i + 500]
                rows = self._query(f"SELECT id, body FROM figures WHERE id IN "
                                   f"({','.join('?' * len(part))})", part)
                try:
                    for v, body in rows:
                        fields = list(marshal.loads(body))
                        fields[1:4] = sqlindex.decimals(fields[0], fields[1:4])
                        self._figure_values[v] = FigureValue(*fields)
                except Exception:
                    self._damaged()
            found = self._figure_values.get(vid)
            if found is None:
                self._damaged()
        return found  # type: ignore[return-value]

    def _figures_of(self, source: str) -> list[Claim]:
        """One source's figure claims (ignored ones left out), in registry order."""
        i = self._source_ids.index(source)
        base = self._bases[i]
        found = self._query(f"SELECT c.seq, c.body, s.text FROM claims c{_SENTENCE} WHERE "
                            f"c.file=? AND c.live=1 AND c.kind IN ({_FIGURES}) ORDER BY c.seq",
                            (self._ids[i],))
        return [self._built.get(base + seq) or self._make(base + seq, body, said)
                for seq, body, said in found]
