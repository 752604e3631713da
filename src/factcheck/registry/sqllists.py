"""The name, title and quote lists a registry's index remembers (`SqlStore.entities`,
`sentences`, `said`): light rows read without building claims, kept in the index once read,
or by the build of a new index (`BuiltLists`), which has the rows in hand."""

from __future__ import annotations

import marshal
import sqlite3
from typing import TYPE_CHECKING

from factcheck.registry import sqlindex

if TYPE_CHECKING:
    from factcheck.registry.model import Entity

#: Claim kinds whose light rows (`Registry.entities`) are kept in the index once read.
ENTITY_KINDS = sqlindex.NAME_KINDS


def _joined_name(kinds: tuple[str, ...]) -> str:
    """The name the sentences of some kinds joined in one text are remembered by."""
    return sqlindex.JOINED + ",".join(sorted(set(kinds)))


class NameLists:
    """`SqlStore`'s remembered name lists (a part of it: its queries, rows and memo writes)."""

    _ids: list[int]
    _bases: list[int]
    _generation: int
    _entity_rows: dict[str, list]
    _name_rows: list[tuple] | None
    _joined: dict[str, str]
    _units: dict[str, bytes]

    def entities(self, kinds: tuple[str, ...], distinct: bool = False) -> list["Entity"]:
        """Light rows of name, title and quote claims of some kinds, in registry order; with
        `distinct`, the first of each spelling, kind and roles (`registry.distinct`)."""
        from factcheck.registry.model import Entity
        from factcheck.registry.model import distinct as first_of_each

        out: list[Entity] = []
        for kind in kinds:
            name = f"{kind}-distinct" if distinct else kind
            if name not in self._entity_rows:
                rows = self._remembered(name) if kind in ENTITY_KINDS else None
                if rows is None:
                    rows = first_of_each(self.entities((kind,))) if distinct else \
                        self._light_rows(kind)
                    if kind in ENTITY_KINDS:
                        self._remember(name, rows)
                self._entity_rows[name] = list(map(Entity._make, rows))
            out += self._entity_rows[name]
        return sorted(out) if len(kinds) > 1 else out

    def sentences(self, kinds: tuple[str, ...]) -> list[str]:
        """The distinct sentences of the claims of some kinds (ignored ones left out), in
        registry order, read from the rows without building claims; kept in the index."""
        name = "sentences:" + ",".join(sorted(set(kinds)))
        if name not in self._entity_rows:
            held = self._remembered(name)  # (first row, sentence) of each
            if held is not None:
                self._entity_rows[name] = [s for _, s in held]
                return self._entity_rows[name]
            first: dict[str, int] = {}
            if set(kinds) <= set(sqlindex.NAME_KINDS):
                for r in self._names():
                    if r[1] in kinds:
                        first.setdefault(r[5], r[0])
            else:
                base, rows = self._base_of, []
                for kind in sorted(set(kinds)):
                    rows += self._query(f"SELECT c.file, c.seq, s.text FROM claims c"
                                        f"{sqlindex.SENTENCE} WHERE c.kind=? AND c.live=1",
                                        (kind,))
                if any(type(said) is not str for *_, said in rows):
                    self._damaged()  # a claim without its sentence
                for row, said in sorted((base[f] + seq, said) for f, seq, said in rows):
                    first.setdefault(said, row)
            self._write(sqlindex.MEMO_WHOLE,
                        [(name, self._generation,
                          marshal.dumps(tuple((r, s) for s, r in first.items())))])
            self._entity_rows[name] = list(first)
        return self._entity_rows[name]

    def said(self, kinds: tuple[str, ...]) -> str:
        """`sentences(kinds)` joined by line breaks, kept in the index as one text (read as one
        string, not a string and a row number a sentence)."""
        name = _joined_name(kinds)
        if name not in self._joined:  # the units `said_units` read, else the index's parts
            held = [(self._units[name],)] if name in self._units else self._memo_parts(name)
            try:
                text = sqlindex.joined_text(held) if held else None
            except Exception:
                text = None
            if type(text) is not str:
                text = "\n".join(self.sentences(kinds))
                self._write(sqlindex.MEMO_WHOLE,
                            [(name, self._generation, sqlindex.joined_body(text))])
            self._joined[name] = text
        return self._joined[name]

    def said_units(self, kinds: tuple[str, ...]) -> bytes:
        """`said(kinds)` as the UTF-16 code units the index keeps it in (`sqlindex.joined_body`),
        not decoded: a search for a name needs no string of 12 MB at 10,000 sources."""
        name = _joined_name(kinds)
        if name not in self._units:
            body = None
            if name not in self._joined:
                held = self._memo_parts(name)
                try:
                    body = b"".join(part for part, in held) if held else None
                except TypeError:  # damaged: `said` writes it again
                    body = None
            if type(body) is not bytes or len(body) % 2:  # what `said` could not decode
                body = sqlindex.joined_body(self.said(kinds))
            self._units[name] = body
        return self._units[name]

    def _light_rows(self, kind: str) -> list[tuple]:
        """(row, kind, value, subject, roles) of a kind's claims, read without building them."""
        if kind not in ENTITY_KINDS:  # a figure's value needs its Decimal: built
            return [(r, c.kind, c.value, c.subject, c.roles) for r, c in
                    zip(self.rows_of_kind((kind,)), map(self.claim, self.rows_of_kind((kind,))))]
        return [r[:5] for r in self._names() if r[1] == kind]

    def _names(self) -> list[tuple]:
        """(row, kind, value, subject, roles, sentence) of every name, title and quote claim
        (`sqlindex.NAME_KINDS`, ignored ones left out) in registry order, from each file's
        list of them (read once)."""
        if self._name_rows is None:
            held = dict(self._query("SELECT id, names FROM files"))
            out: list[tuple] = []
            try:
                for fid, base in zip(self._ids, self._bases):
                    out += [(base + seq, *rest) for seq, *rest in marshal.loads(held[fid])]
            except Exception:
                self._damaged()
                raise
            self._name_rows = out
        return self._name_rows

    def _memo_parts(self, name: str) -> list[tuple]:
        """A remembered list's parts in order, (body,) each: a BLOB read by incremental I/O
        (`SqlStore._blob`), any other value (damaged) as it is."""
        found = self._query(sqlindex.MEMO_PART_IDS, (name, self._generation))
        return [(self._blob("memo", "body", rowid),) if kind == "blob" else
                self._query("SELECT body FROM memo WHERE rowid=?", (rowid,))[0]
                for rowid, kind in found]

    def _remembered(self, name: str) -> list[tuple] | None:
        found = self._memo_parts(name)
        try:
            return sqlindex.memo_rows(found) if found else None
        except Exception:
            return None

    def _remember(self, name: str, rows: list) -> None:
        self._write(sqlindex.MEMO_WHOLE,
                    [(name, self._generation, marshal.dumps(tuple(map(tuple, rows))))])


#: The kinds whose lists a new index's build writes: those every check of an indexed registry
#: asks for (the names rule's organisations; people are looked up, `sqlnames.People`), as the
#: first check remembered them. Lists of other kinds, asked by some drafts only, are gathered
#: when asked: each list remembered is merged again whenever a source is added (`sqlbuild`).
BUILT_KINDS = ("organisation",)


class BuiltLists:
    """The lists `NameLists` remembers, gathered file by file as a new index is built (its
    files in registry order) and written at its end: the first check then reads them as a
    later one does, instead of every file's name rows (`NameLists._names`). The lists of
    `BUILT_KINDS`, and the sentences of every name kind (`sentences`, `said`)."""

    def __init__(self) -> None:
        self._rows: dict[str, list[tuple]] = {kind: [] for kind in BUILT_KINDS}
        self._first: dict[str, dict[tuple, tuple]] = {kind: {} for kind in BUILT_KINDS}
        self._said: dict[str, int] = {}  # each distinct sentence's first row
        self._bases: dict[str, int] = {}  # each file's first row, by path
        self._size = 0

    def add(self, path: str, count: int, names: tuple) -> None:
        """A file of `count` claims, whose name rows (`files.names`) are `names`."""
        base = self._bases[path] = self._size
        self._size += count
        rows, first, said = self._rows, self._first, self._said.setdefault
        for seq, kind, value, subject, roles, sentence in names:
            said(sentence, base + seq)
            if kind in rows:
                row = (base + seq, kind, value, subject, roles)
                rows[kind].append(row)
                first[kind].setdefault((value, roles), row)  # `model.distinct`'s key, kind aside

    def write(self, db: sqlite3.Connection, generation: int) -> None:
        """Remember the lists, unless the files' first rows are not those they were given."""
        if dict(db.execute("SELECT path, base FROM files")) != self._bases:
            return
        memo = []
        for kind in BUILT_KINDS:
            memo += [(kind, tuple(self._rows[kind])),
                     (f"{kind}-distinct", tuple(self._first[kind].values()))]
        kinds = ",".join(sorted(ENTITY_KINDS))
        memo.append(("sentences:" + kinds, tuple((r, s) for s, r in self._said.items())))
        rows = [(name, generation, marshal.dumps(body)) for name, body in memo]
        rows.append((sqlindex.JOINED + kinds, generation,
                     sqlindex.joined_body("\n".join(self._said))))
        db.executemany(sqlindex.MEMO_WHOLE, rows)
