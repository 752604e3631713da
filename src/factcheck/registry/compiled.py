"""The compiled form of a cached registry: one marshalled row per claim, the claim index's maps as
row numbers, shape and value ids, name rows and article facts, in sections of one file that
`Store` reads by memory map, building only the claims a check looks at."""

from __future__ import annotations

import bisect
import marshal
import os
import struct
import sys
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.registry.claim import CLAIM_FIELDS, NUMERIC_KINDS, Claim

if TYPE_CHECKING:
    from factcheck.registry.index import ClaimIndex, FigureValue
    from factcheck.registry.model import Entity, Registry

#: Bumped whenever what the cache holds, or how, changes.
FORMAT = 5


MAGIC = b"FCREGC\x00\x05"


#: Registry files and articles younger than this are not trusted to the cache.
RACY_SECONDS = 2.0


#: Rows of remembered source conflicts kept per cache at most.
MEMO_ROWS = 2_000_000


#: Claim kinds the name rules read as light rows (`Registry.entities`).
ENTITY_KINDS = ("person", "organisation", "law", "quote")


_DECIMALS = tuple(CLAIM_FIELDS.index(f) for f in ("low", "high"))


_VALUE = CLAIM_FIELDS.index("value")


_KIND = CLAIM_FIELDS.index("kind")


_SHARED = frozenset({"kind", "source", "status"})


#: A claim's fields `align.FigureValue` holds, in its order.
_FIGURE_FIELDS = tuple(CLAIM_FIELDS.index(f) for f in
                       ("kind", "value", "low", "high", "low_open", "high_open", "unit"))


def _read_conflicts(path: Path, key: str) -> dict[int, tuple[int, ...]]:
    try:
        stored_key, memo = marshal.loads(path.with_suffix(".conflicts").read_bytes())
        if stored_key == key and isinstance(memo, dict):
            return memo
    except Exception:
        pass
    return {}


class Store:
    """A cached registry's claims, built from their rows on first use; the file's sections
    are read (from a memory map) when first needed."""

    def __init__(self, path: Path, key: str, data: Any, base: int,
                 sections: dict[str, tuple[int, int]], bounds: list[int],
                 source_ids: list[str]) -> None:
        self._path = path
        self._key = key
        self._row_of: dict[int, int] = {}
        self._conflicts: dict[int, tuple[int, ...]] | None = None
        self._new_conflicts: dict[int, tuple[int, ...]] = {}
        self._data = data
        self._base = base
        self._sections = sections
        self._bounds = bounds
        self._source = {sid: i for i, sid in enumerate(source_ids)}
        self._source_ids = source_ids
        rows = bounds[-1]
        self._built: list[Claim | None] = [None] * rows
        lo, n = sections["offsets"]
        self._offsets = memoryview(data)[base + lo:base + lo + n].cast("Q")
        self._rows_at = base + sections["rows"][0]
        self._kinds: tuple[dict[str, tuple[int, ...]], tuple[tuple[int, str], ...]] | None = None
        self._entity_rows: dict[str, list] = {}
        self._index: ClaimIndex | None = None
        self._figure_values: dict[int, FigureValue] = {}
        self._figure_offsets: Any = None

    def _section(self, name: str) -> Any:
        lo, n = self._sections[name]
        try:
            return marshal.loads(self._data[self._base + lo:self._base + lo + n])
        except Exception:
            self._damaged()

    def _damaged(self) -> None:
        from factcheck.errors import RegistryError

        try:
            self._path.unlink()
        except OSError:
            pass
        raise RegistryError("the compiled registry cache is damaged (now deleted)",
                            str(self._path), "run the command again")

    def claim(self, row: int) -> Claim:
        """The claim at `row` (built once)."""
        claim = self._built[row]
        if claim is None:
            at, off = self._rows_at, self._offsets
            try:
                fields = list(marshal.loads(self._data[at + off[row]:at + off[row + 1]]))
                for i in _DECIMALS:
                    if fields[i] is not None:
                        fields[i] = Decimal(fields[i])
                if fields[_VALUE] is not None and fields[_KIND] in NUMERIC_KINDS:
                    fields[_VALUE] = Decimal(fields[_VALUE])
                claim = self._built[row] = Claim(*fields)
            except Exception:
                self._damaged()
            self._row_of[id(claim)] = row
        return claim

    def row_of(self, claim: Claim) -> int | None:
        """The row of a claim this store built (None for any other claim)."""
        return self._row_of.get(id(claim))

    # Sources that disagree depend on the registry alone: what `curate.conflicts_of` finds
    # for a claim is kept beside the cache (in `<cache>.conflicts`, written at exit).

    def known_conflicts(self, claim: Claim) -> "Sequence[Claim] | None":
        """The conflicts found for `claim` by an earlier run or earlier in this one."""
        row = self.row_of(claim)
        if row is None:
            return None
        if self._conflicts is None:
            self._conflicts = _read_conflicts(self._path, self._key)
        rows = self._new_conflicts.get(row, self._conflicts.get(row))
        if rows is None:
            return None
        from factcheck.registry.index import LazyClaims

        return LazyClaims(rows, self.claim)  # a note names the first few of many

    def keep_conflicts(self, claim: Claim, found: list[Claim]) -> None:
        """Remember the conflicts found for `claim` (written when the process exits)."""
        row, rows = self.row_of(claim), tuple(map(self.row_of, found))
        if row is None or None in rows or sum(map(len, self._new_conflicts.values())) > MEMO_ROWS:
            return
        if not self._new_conflicts:
            import atexit

            atexit.register(self._write_conflicts)
        self._new_conflicts[row] = rows  # type: ignore[assignment]

    def _write_conflicts(self) -> None:
        if not self._path.parent.is_dir():
            return  # the cache folder went away (a test's temporary one)
        memo = _read_conflicts(self._path, self._key)
        if sum(map(len, memo.values())) > MEMO_ROWS:
            memo = {}
        memo.update(self._new_conflicts)
        from factcheck.atomic import write_bytes

        try:
            write_bytes(self._path.with_suffix(".conflicts"), marshal.dumps((self._key, memo)))
        except (OSError, ValueError):
            pass

    def all_claims(self) -> list[Claim]:
        """Every claim in registry order."""
        return list(map(self.claim, range(len(self._built))))

    def _kind_rows(self) -> dict[str, tuple[int, ...]]:
        if self._kinds is None:
            self._kinds = self._section("kinds")
        return self._kinds[0]

    def claims_of(self, sources: set[str]) -> list[Claim]:
        """The claims of some sources, in registry order."""
        out: list[Claim] = []
        for sid, i in self._source.items():
            if sid in sources:
                out += map(self.claim, range(self._bounds[i], self._bounds[i + 1]))
        return out

    def rows_of_kind(self, kinds: tuple[str, ...]) -> list[int]:
        """Rows of the claims of some kinds, ignored ones left out, in registry order."""
        by_kind = self._kind_rows()
        rows = [r for k in kinds if k in by_kind for r in by_kind[k]]
        return sorted(rows) if len(kinds) > 1 else rows

    def rows_with_value(self, kind: str, value: object) -> list[int]:
        """Rows of claims of a figure kind that may state `value`, ignored ones too."""
        from factcheck.registry.claim import FIGURE_KINDS

        if kind not in FIGURE_KINDS:
            return [r for r in range(len(self._built)) if self.claim(r).kind == kind]
        rows = self.index().rows_with_value(kind, value)
        self._kind_rows()
        extra = [r for r, k in self._kinds[1] if k == kind]
        return sorted([*rows, *extra]) if extra else rows

    def entities(self, kinds: tuple[str, ...], distinct: bool = False) -> list["Entity"]:
        """Light rows of name, title and quote claims of some kinds, in registry order; with
        `distinct`, the first of each spelling, kind and roles (`registry.distinct`)."""
        from factcheck.registry.model import Entity

        out = []
        for kind in kinds:
            name = f"{kind}-distinct" if distinct and kind in ENTITY_KINDS else kind
            if name not in self._entity_rows:
                if kind in ENTITY_KINDS:
                    self._entity_rows[name] = list(map(Entity._make, self._section(name)))
                elif distinct:
                    from factcheck.registry.model import distinct as first_of_each

                    self._entity_rows[name] = first_of_each(self.entities((kind,)))
                else:
                    self._entity_rows[kind] = [
                        Entity(r, c.kind, c.value, c.subject, c.roles)
                        for r, c in zip(self.rows_of_kind((kind,)),
                                        map(self.claim, self.rows_of_kind((kind,))))]
            out += self._entity_rows[name]
        return sorted(out) if len(kinds) > 1 else out

    def index(self) -> "ClaimIndex":
        """The claim index of the figure claims, from the cached maps."""
        if self._index is None:
            from factcheck.registry.index import ClaimIndex

            lo, n = self._sections["probes"]
            ids = memoryview(self._data)[self._base + lo:self._base + lo + n].cast("I")
            rows = len(self._built)
            values = ids[rows:]
            self._index = ClaimIndex.from_rows(self._section("maps"), self.claim,
                                               self._figures_of, ids[:rows], values,
                                               lambda row: self.figure(values[row]),
                                               self.source_of)
        return self._index

    def source_of(self, row: int) -> str:
        """The source id of the claim at `row`, without building it."""
        return self._source_ids[bisect.bisect_right(self._bounds, row) - 1]

    def figure(self, vid: int) -> "FigureValue":
        """What `align.same_figure` reads of the claims with value id `vid` (built once)."""
        found = self._figure_values.get(vid)
        if found is None:
            from factcheck.registry.index import FigureValue

            if self._figure_offsets is None:
                lo, n = self._sections["figure-offsets"]
                self._figure_offsets = memoryview(self._data)[
                    self._base + lo:self._base + lo + n].cast("Q")
            at, off = self._base + self._sections["figures"][0], self._figure_offsets
            try:
                fields = list(marshal.loads(self._data[at + off[vid]:at + off[vid + 1]]))
                for i in (1, 2, 3):
                    if fields[i] is not None and (i > 1 or fields[0] in NUMERIC_KINDS):
                        fields[i] = Decimal(fields[i])
                found = self._figure_values[vid] = FigureValue(*fields)
            except Exception:
                self._damaged()
        return found

    def _figures_of(self, source: str) -> list[Claim]:
        """One source's figure claims (ignored ones left out), in registry order."""
        from factcheck.registry.claim import FIGURE_KINDS

        i = self._source[source]
        lo, hi = self._bounds[i], self._bounds[i + 1]
        by_kind = self._kind_rows()
        rows = sorted(r for k in FIGURE_KINDS for r in by_kind.get(k, ()) if lo <= r < hi)
        return list(map(self.claim, rows))


def compile_registry(key: str, files: list[Path], reg: "Registry") -> bytes | None:
    """The cache file's bytes (None when the registry holds something a row cannot keep)."""
    from factcheck.registry.claim import FIGURE_KINDS
    from factcheck.registry.index import index_maps, probe_ids
    from factcheck.registry.model import Entity, distinct

    claims = reg.claims
    sources = list(reg.sources.values())
    if len(sources) != len(files):
        return None
    bounds, rows = [0], []
    kind_rows: dict[str, list[int]] = {}
    ignored: list[tuple[int, str]] = []
    entities: dict[str, list[tuple]] = {k: [] for k in ENTITY_KINDS}
    figures: list[int] = []
    position = 0
    for source in sources:
        while position < len(claims) and claims[position].source == source.id:
            position += 1
        bounds.append(position)
    if position != len(claims):
        return None  # claims not grouped by source in source order
    rows_fields = []
    for row, c in enumerate(claims):
        fields = _fields(c)
        if fields is None:
            return None
        rows_fields.append(fields)
        rows.append(marshal.dumps(fields))
        if c.status == "ignored":
            ignored.append((row, c.kind))
            continue
        kind_rows.setdefault(c.kind, []).append(row)
        if c.kind in FIGURE_KINDS:
            figures.append(row)
        if c.kind in entities:
            entities[c.kind].append((row, c.kind, c.value, c.subject, c.roles))
    maps = index_maps([claims[r] for r in figures], figures)
    shapes, values, firsts = probe_ids(claims)
    figure_rows = [marshal.dumps(tuple(rows_fields[i][j] for j in _FIGURE_FIELDS))
                   for i in firsts]
    facts = [_fact(s, f) for s, f in zip(sources, files)]
    parts = {"rows": rows, "offsets": [_offsets(rows)],
             "kinds": [marshal.dumps(({k: tuple(v) for k, v in kind_rows.items()},
                                      tuple(ignored)))],
             "maps": [marshal.dumps(maps)],
             "probes": [struct.pack(f"<{2 * len(claims)}I", *shapes, *values)],
             "figures": figure_rows,
             "figure-offsets": [_offsets(figure_rows)],
             **{k: [marshal.dumps(tuple(v))] for k, v in entities.items()},
             **{f"{k}-distinct": [marshal.dumps(tuple(map(tuple, distinct(map(Entity._make, v)))))]
                for k, v in entities.items()}}  # what Registry.distinct_entities gives
    sections, body, size = {}, [], 0
    for name, blobs in parts.items():
        body.append(bytes(-size % 8))  # 8-byte aligned, for the offsets' memoryview
        size += len(body[-1])
        sections[name] = (size, sum(map(len, blobs)))
        body += blobs
        size += sections[name][1]
    sections["end"] = (size, 0)
    head = marshal.dumps((FORMAT, key, [tuple(getattr(s, f) for f in s.__dataclass_fields__)
                                        for s in sources], facts, bounds, sections))
    return b"".join([MAGIC, struct.pack("<Q", len(head)), head, *body])


def _offsets(blobs: list[bytes]) -> bytes:
    """Where each blob starts when they are joined, and where the last ends (8-byte words)."""
    offsets = [0]
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    return struct.pack(f"<{len(offsets)}Q", *offsets)


def _fields(c: Claim) -> tuple | None:
    """A claim's fields as marshal keeps them: Decimals as text; kind, source and status
    interned (shared by every claim), other text as is (interning costs more to read)."""
    out = []
    for name in CLAIM_FIELDS:
        value = getattr(c, name)
        if isinstance(value, str):
            value = sys.intern(value) if name in _SHARED else value
        elif isinstance(value, Decimal):
            if name == "value" and c.kind not in NUMERIC_KINDS:
                return None  # read back as text: not kept
            value = str(value)
        elif name in ("low", "high") and value is not None:
            return None
        elif name == "value" and c.kind in NUMERIC_KINDS and value is not None:
            return None
        elif name == "roles":
            if type(value) is not tuple or not all(type(r) is str for r in value):
                return None
            value = tuple(value)
        out.append(value)
    return tuple(out)


def _fact(source, path: Path) -> tuple[str, int, int] | None:
    """(article, size, mtime) of an article found to match its sha256, else None."""
    from factcheck.registry.files import article_matches

    if not source.path or not source.sha256:
        return None
    article = os.path.abspath(path.parent / source.path)
    try:
        before = os.stat(article)
        if before.st_mtime_ns > time.time_ns() - int(RACY_SECONDS * 1e9) \
                or not article_matches(source, path):
            return None
        after = os.stat(article)
    except OSError:
        return None
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        return None
    return article, before.st_size, before.st_mtime_ns
