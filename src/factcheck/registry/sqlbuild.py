"""Building and updating the registry index (`registry.sqlindex`): a file's claims turned into
rows and written a few hundred files at a time, files dropped and re-numbered in registry
order, remembered answers carried over when sources are only added."""

from __future__ import annotations

import bisect
import gc
import hashlib
import marshal
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from factcheck.registry.claim import CLAIM_FIELDS, FIGURE_KINDS, NUMERIC_KINDS, Claim
from factcheck.registry.sqlindex import (
    BY_FILE,
    INDEXES,
    JOINED,
    MEMO_APPEND,
    MEMO_WHOLE,
    NAME_KINDS,
    RACY_SECONDS,
    decimals,
    encode,
    figure_fields,
    generation,
    immediate,
    joined_body,
    keep_files,
    kept_files,
    memo_rows,
    row_fields,
    row_sig,
    table_files,
)

from factcheck.registry.sqllists import BuiltLists

if TYPE_CHECKING:
    from factcheck.registry.model import Source

_TEXT_OR_NONE = (str, type(None))
_KIND, _VALUE, _LOW, _HIGH, _STATUS, _ROLES, _SENTENCE = (
    CLAIM_FIELDS.index(f) for f in ("kind", "value", "low", "high", "status", "roles",
                                    "sentence"))

# --- keeping the index up to date ----------------------------------------------------------

def _stamp(path: str | Path) -> tuple[int, int, bool]:
    """(size, mtime, racy) of a file."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_mtime_ns > time.time_ns() - int(RACY_SECONDS * 1e9)


def sync(db: sqlite3.Connection, files: list[Path], found: list[tuple] | None = None) -> bool:
    """Bring the index up to date with `files` (in registry order), whose (absolute path, size,
    mtime, …) are `found` (`store.stamps`) when already read; False when a claim cannot be kept
    as a row (the registry is then read from its files). RegistryError for a bad file."""
    with _collector_paused():  # what `_sync` builds is freed when it returns, before the
        return _sync(db, files, found)  # collector runs again: nothing left for it to scan


def _sync(db: sqlite3.Connection, files: list[Path], found: list[tuple] | None) -> bool:
    from factcheck.registry.typedfile import read_rows  # msgspec: only to build the index

    if found is None:
        paths = [os.path.abspath(f) for f in files]
        stamps = list(map(_stamp, paths))
    else:
        paths, stamps = stamps_of(found)
    held = db.execute("SELECT path, size, mtime, racy FROM files ORDER BY ord").fetchall()
    if current(held, paths, stamps):  # the common case: no write lock taken, unless the
        kept = kept_files(db)  # files' rows kept as one value disagree with the table
        if kept is not None and kept != table_files(db):
            with immediate(db):
                keep_files(db)
        return True
    default = db.execute("PRAGMA cache_size").fetchone()[0]
    db.execute("PRAGMA cache_size=-65536")  # 64 MB: rows go to many places in the indexes
    new = db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is None
    if new:  # written once, not to the WAL and then copied from it (back to WAL below)
        _journal(db, "DELETE")
    db.execute("BEGIN IMMEDIATE")
    try:
        known = {p: (i, s, m, sha, r) for i, p, s, m, sha, r in
                 db.execute("SELECT id, path, size, mtime, sha256, racy FROM files")}
        before = [p for p, in db.execute("SELECT path FROM files ORDER BY ord")]
        changed = set(known) - set(paths)
        for path in changed:
            _drop(db, known[path][0])
        batch = _Batch(db, fresh=db.execute("SELECT 1 FROM shapes LIMIT 1").fetchone() is None,
                       lists=new)
        for f, path, (size, mtime, racy) in zip(files, paths, stamps):
            old = known.get(path)
            if old and old[1:3] == (size, mtime) and not old[4]:
                continue
            data = f.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            if old and old[3] == sha:
                db.execute("UPDATE files SET size=?, mtime=?, racy=? WHERE id=?",
                           (size, mtime, racy, old[0]))
                continue
            source, claims = read_rows(f, data)  # rows: no Claim built
            if old:
                _drop(db, old[0])
            if not batch.add(path, (size, mtime, sha, racy), source, claims):
                db.execute("ROLLBACK")
                return False
            changed.add(path)
        batch.flush()
        if changed or before != paths:
            # files only added (after the others or among them): the derived answers are
            # carried over to the new rows and given the new files' instead of dropped
            old = set(before)
            added = not changed & old and [p for p in paths if p in old] == before
            _renumber(db, paths, batch.names if added else None)
        if batch.lists is not None:  # a new index: its name lists, as the first check asks them
            batch.lists.write(db, generation(db))
        for statement in INDEXES.split(";"):
            db.execute(statement)
        keep_files(db)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    finally:
        if new:
            _journal(db, "WAL")
        db.execute(f"PRAGMA cache_size={int(default)}")  # its pages freed before the check
    return True


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector held off while files become rows: they make millions of tuples and
    strings that hold no cycle (reference counting frees them), and the maps of keys kept for
    the whole update; each collection would only scan them in vain (0.14 s of a first run
    against 10,000 sources)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _journal(db: sqlite3.Connection, mode: str) -> None:
    """Set the journal mode if no other connection stands in the way (else as it was)."""
    try:
        db.execute(f"PRAGMA journal_mode={mode}")
    except sqlite3.OperationalError:
        pass


def stamps_of(found: list[tuple]) -> tuple[list[str], list[tuple]]:
    """The absolute paths and (size, mtime, racy) of files `store.stamps` found."""
    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    return [f[0] for f in found], [(size, mtime, mtime > recent) for _, size, mtime, *_ in found]


def current(held: list[tuple], paths: list[str], stamps: list[tuple]) -> bool:
    """Whether the index's files, (path, size, mtime, racy) each in registry order (`held`),
    are exactly these files, in this order, unchanged and trusted."""
    return len(held) == len(paths) and all(
        h == (p, size, mtime, 0) and not racy
        for h, p, (size, mtime, racy) in zip(held, paths, stamps))


def _drop(db: sqlite3.Connection, file_id: int) -> None:
    for statement in BY_FILE.split(";"):
        db.execute(statement)
    for table in ("claims", "sentences", "slots", "bodies", "people", "roles"):
        db.execute(f"DELETE FROM {table} WHERE file=?", (file_id,))
    db.execute("DELETE FROM files WHERE id=?", (file_id,))


_NAME_FIELDS = tuple(CLAIM_FIELDS.index(f) for f in ("kind", "value", "subject", "roles",
                                                      "sentence"))


class _Batch:
    """Files' rows gathered and written a few hundred files at a time; shape and figure ids
    given from maps kept for the whole update (a new index asks the database for none)."""

    def __init__(self, db: sqlite3.Connection, fresh: bool, lists: bool = False) -> None:
        self.db, self.fresh = db, fresh
        self.lists = BuiltLists() if lists else None
        self.placed = (0, 0)  # (ord, base) of a new index's next file
        self.next_file = (db.execute("SELECT max(id) FROM files").fetchone()[0] or 0) + 1
        self.ids: dict[str, dict[tuple, int]] = {"shapes": {}, "figures": {}, "sayings": {},
                                                 "words": {}}
        self.next = {t: (db.execute(f"SELECT max(id) FROM {t}").fetchone()[0] or 0) + 1
                     for t in self.ids}
        self.new: dict[str, list[tuple]] = {t: [] for t in self.ids}
        self.files: list[tuple] = []
        self.names: dict[str, tuple] = {}  # each added file's name rows, by path
        # kept only to merge into remembered name lists (`_renumber`): with none, just the paths
        self.merging = db.execute("SELECT 1 FROM memo LIMIT 1").fetchone() is not None
        self.claims: list[tuple] = []
        self.sentences: list[tuple] = []
        self.anchors: list[tuple] = []
        self.slots: list[tuple] = []
        self.bodies: list[tuple] = []
        self.people: list[tuple] = []
        self.roles: list[tuple] = []
        self.words: dict[int, int | None] = {}  # each saying's words (None: no slot word)
        self.wordkeys: list[tuple[str, int]] = []
        self.anchored: set[int] = set()  # the shapes whose `claim_anchors` are written
        self.quick: dict[tuple, int] = {}  # figure ids by `figure_fields` (`_figure`)

    def _id(self, table: str, key: tuple, *body: Any) -> int:
        """The id of a shape, figure or saying key, given a new one (with the `body` columns)
        if the index has none."""
        ids = self.ids[table]
        found = ids.get(key)
        if found is None:
            text = repr(key)
            row = None if self.fresh else self.db.execute(
                f"SELECT id FROM {table} WHERE key=?", (text,)).fetchone()
            if row is not None:
                found = row[0]
            else:
                found = self.next[table]
                self.next[table] += 1
                self.new[table].append((found, text, *body))
            ids[key] = found
        return found

    def _figure(self, f: tuple, figure_range: Callable, value_key: Callable) -> int:
        """The id of a figure row's value; its range, body and value key (`index.value_key`)
        found only for a new one. Rows
        whose value, low and high are text or None are known by their `figure_fields` (what
        `row_sig` is made of, one to one), without building `row_sig` again."""
        held = figure_fields(f)
        quick = type(f[_VALUE]) in _TEXT_OR_NONE
        found = self.quick.get(held) if quick else None
        if found is None:
            key = row_sig(f)
            found = self.ids["figures"].get(key)
            if found is None:
                kind, value = f[_KIND], f[_VALUE]
                span = figure_range(*decimals(kind, [value, f[_LOW], f[_HIGH]]))
                numeric = kind in NUMERIC_KINDS and value is not None
                vkey = repr(value_key(Decimal(value) if numeric else value))
                found = self._id("figures", key, marshal.dumps(held), *span, kind, vkey)
            if quick:
                self.quick[held] = found
        return found

    def add(self, path: str, stamp: tuple, source: "Source", claims: list[Claim]) -> bool:
        """Add one file's source and claims; False when a claim cannot be kept as a row."""
        from factcheck.registry.index import (
            claim_anchors,
            figure_range,
            person_keys,
            shape_key,
            slot_contexts,
            slot_keys,
            value_key,
        )

        # a `ClaimRow` (`typedfile.read_rows`) holds its row's fields already
        rows_fields = [row_fields(c) if type(c) is Claim else tuple(c) for c in claims]
        if None in rows_fields:
            return False
        fid = self.next_file
        self.next_file += 1
        fields = tuple(getattr(source, f) for f in source.__dataclass_fields__)
        numbers: dict[str, int] = {}  # each distinct sentence's number in the file
        number = numbers.setdefault
        sentences = [number(f[_SENTENCE], len(numbers)) for f in rows_fields]
        texts = list(numbers)  # one string per sentence: marshal then writes it once
        names = tuple((seq, *(f[i] for i in _NAME_FIELDS[:-1]), texts[sentences[seq]])
                      for seq, f in enumerate(rows_fields)
                      if f[_KIND] in NAME_KINDS and f[_STATUS] != "ignored")
        place = (None, None)  # the file's place in registry order: `_renumber` gives it
        if self.lists is not None:  # a new index's files come in registry order: given here
            place, self.placed = self.placed, (self.placed[0] + 1, self.placed[1] + len(claims))
        self.files.append((fid, path, *stamp, len(claims), source.id, marshal.dumps(fields),
                           marshal.dumps(names), *place, source.path))
        self.names[path] = names if self.merging else ()
        if self.lists is not None:
            self.lists.add(path, len(claims), names)
        self.sentences += [(fid, n, text) for n, text in enumerate(texts)]
        shapes, rows, anchors, anchored = (self.ids["shapes"], self.claims, self.anchors,
                                           self.anchored)
        for seq, (c, f, n) in enumerate(zip(claims, rows_fields, sentences)):
            kind = f[_KIND]
            live = f[_STATUS] != "ignored"
            if kind in FIGURE_KINDS:  # only figures are aligned: only they have a shape and value
                key = shape_key(c)
                shape = shapes.get(key) or self._id("shapes", key)
                value = self._figure(f, figure_range, value_key)
                rows.append((fid, seq, kind, live, shape, value, n, encode(f)))
                if live and shape not in anchored:  # words of its shape: kept once a shape
                    anchored.add(shape)
                    anchors += [(kind, k, shape) for k in claim_anchors(c)]
                continue
            rows.append((fid, seq, kind, live, 0, 0, n, encode(f)))
            if kind == "person" and live:  # each end of its name, and its titles
                self.people += [(key, pos, fid, seq) for key, pos in person_keys(str(f[_VALUE]))]
                self.roles += [(r, fid, seq) for r in set(f[_ROLES]) if len(r) >= 2]
            if kind == "organisation" and live:  # the words around its name, for in_slots
                said = (f[_SENTENCE], str(f[_VALUE]))
                self.bodies.append((said[1], fid, seq))
                found = self.ids["sayings"].get(said)
                if found is None:
                    found = self._saying(said, slot_contexts, slot_keys)
                if self.words[found] is not None:
                    self.slots.append((self.words[found], fid, seq, found))
        if len(self.claims) >= 20_000:
            self.flush()
        return True

    def _saying(self, said: tuple[str, str], contexts_of: Callable, keys_of: Callable) -> int:
        """The id of a sentence and name; the id of the words around the name's mentions
        (`index.slot_contexts`, one id for every sentence with the same words) kept beside it,
        each such words kept with their slot words (`wordkeys`), or None without any."""
        found = self._id("sayings", said)
        words = (said[1], contexts_of(*said))
        keys = keys_of(words[1])
        wid = self.ids["words"].get(words)
        if wid is None and keys:
            wid = self._id("words", words, marshal.dumps(words))
            self.wordkeys += [(k, wid) for k in keys]
        self.words[found] = wid
        return found

    def flush(self) -> None:
        db = self.db
        db.executemany("INSERT INTO files(id, path, size, mtime, sha256, racy, n, sid, source, "
                       "names, ord, base, apath) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       self.files)
        db.executemany("INSERT INTO shapes(id, key) VALUES(?, ?)", self.new["shapes"])
        db.executemany("INSERT INTO figures VALUES(?, ?, ?, ?, ?, ?, ?)", self.new["figures"])
        db.executemany("INSERT INTO claims VALUES(?, ?, ?, ?, ?, ?, ?, ?)", self.claims)
        db.executemany("INSERT INTO sentences VALUES(?, ?, ?)", self.sentences)
        # a shape met again in an update may hold its anchors already
        db.executemany("INSERT OR IGNORE INTO anchors VALUES(?, ?, ?)", self.anchors)
        db.executemany("INSERT INTO sayings(id, key) VALUES(?, ?)", self.new["sayings"])
        db.executemany("INSERT INTO words(id, key, body) VALUES(?, ?, ?)", self.new["words"])
        db.executemany("INSERT OR IGNORE INTO wordkeys VALUES(?, ?)", self.wordkeys)
        db.executemany("INSERT INTO slots VALUES(?, ?, ?, ?)", self.slots)
        db.executemany("INSERT INTO bodies VALUES(?, ?, ?)", self.bodies)
        db.executemany("INSERT INTO people VALUES(?, ?, ?, ?)", self.people)
        db.executemany("INSERT INTO roles VALUES(?, ?, ?)", self.roles)
        for batch in (self.files, self.claims, self.sentences, self.anchors, self.slots, self.bodies, self.wordkeys, self.people, self.roles,
                      *self.new.values()):
            batch.clear()


def _renumber(db: sqlite3.Connection, paths: list[str],
              added: dict[str, tuple] | None = None) -> None:
    """Files in registry order with their first rows. Derived answers of the old order are
    dropped, unless files were only `added` (their name rows by path): the remembered name
    lists then have their rows moved to the new numbers and the new files' rows merged in,
    and remembered conflicts (kept by file and position) stay, each knowing the files it
    covers."""
    held = {p: (n, o, b) for p, n, o, b in db.execute("SELECT path, n, ord, base FROM files")}
    base, rows, bases = 0, [], {}
    for ord_, path in enumerate(paths):
        if held[path][1:] != (ord_, base):
            rows.append((ord_, base, path))
        bases[path] = base
        base += held[path][0]
    db.executemany("UPDATE files SET ord=?, base=? WHERE path=?", rows)
    if added is None:
        db.execute("UPDATE meta SET value=value + 1 WHERE key='generation'")
        db.execute("DELETE FROM memo")
        db.execute("DELETE FROM conflicts")
        return
    cuts = _cuts(sorted((held[p][2], bases[p] - held[p][2]) for p in paths if p not in added))
    new = [(bases[path] + seq, *rest) for path in paths if path in added
           for seq, *rest in added[path]]
    same = not any(shift for _, shift in cuts)  # added after the others only: no row moves
    now = generation(db)
    joined, appended = [], {}  # the rows appended to each list, and whether it held any
    whole: dict[str, tuple] = {}  # the sentence lists written whole, for the joined texts
    for name, last in db.execute("SELECT name, max(part) FROM memo GROUP BY name").fetchall():
        if name.startswith(JOINED):  # joined again from the merged sentences below
            joined.append((name, last))
            continue
        held = memo_rows(_parts(db, name))
        merged = _merge(name, held if same else _moved(held, cuts), new)
        if merged is None:
            db.execute("DELETE FROM memo WHERE name=?", (name,))
        elif same and last < MAX_PARTS and merged[:len(held)] == tuple(held):
            appended[name] = (bool(held), merged[len(held):])
            if appended[name][1]:  # only the added files' rows written
                db.execute(MEMO_APPEND, (name, last + 1, now, marshal.dumps(appended[name][1])))
        else:
            db.execute(MEMO_WHOLE, (name, now, marshal.dumps(merged)))
            if name.startswith("sentences:"):  # the others are not held on to
                whole[name] = merged
    for name, last in joined:
        sentences = "sentences:" + name[len(JOINED):]
        if sentences in appended and last < MAX_PARTS:  # the added sentences after the others
            had, more = appended[sentences]
            if more:
                text = ("\n" if had else "") + "\n".join(s for _, s in more)
                db.execute(MEMO_APPEND, (name, last + 1, now, joined_body(text)))
            continue
        rows = whole.get(sentences)  # as just written, not read back from the index
        if rows is None:
            found = _parts(db, sentences)
            rows = memo_rows(found) if found else None
        if rows is None:
            db.execute("DELETE FROM memo WHERE name=?", (name,))
        else:
            text = "\n".join(s for _, s in rows)
            db.execute(MEMO_WHOLE, (name, now, joined_body(text)))


def _cuts(old: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first row, shift) where the shift of the old rows changes, from each old file's (first
    row, shift) in old registry order: one such place for each file added among the others."""
    return [(start, shift) for i, (start, shift) in enumerate(old)
            if not i or shift != old[i - 1][1]]


def _moved(held: list[tuple], cuts: list[tuple[int, int]]) -> list[tuple]:
    """A remembered list's rows (row first) moved to their new numbers (`_cuts`). A list in
    registry order (as each is kept) is cut where the shift changes, and only the rows that
    move are made again; one out of order (damaged) has each row moved alone."""
    rows = [r[0] for r in held]
    if any(map(int.__gt__, rows, rows[1:])):
        starts, shifts = [c for c, _ in cuts], [s for _, s in cuts]
        return [(r[0] + shifts[bisect.bisect_right(starts, r[0]) - 1], *r[1:]) for r in held]
    out: list[tuple] = []
    for i, (start, shift) in enumerate(cuts):
        lo = bisect.bisect_left(rows, start) if i else 0
        hi = bisect.bisect_left(rows, cuts[i + 1][0]) if i + 1 < len(cuts) else len(held)
        out += held[lo:hi] if not shift else [(r[0] + shift, *r[1:]) for r in held[lo:hi]]
    return out


#: Parts a remembered list may have before it is written whole again.
MAX_PARTS = 64


def _parts(db: sqlite3.Connection, name: str) -> list[tuple]:
    """A remembered list's parts in order, (body,) each, whatever their generation."""
    return db.execute("SELECT body FROM memo WHERE name=? ORDER BY part", (name,)).fetchall()


def _merge(name: str, held: list[tuple], new: list[tuple]) -> tuple | None:
    """A remembered name list (`sqlstore.SqlStore.entities`, `sentences`), its rows already
    moved to their new numbers, with the rows of added files (row, kind, value, subject,
    roles, sentence) merged in, in registry order; None for one it cannot merge."""
    if name.startswith("sentences:"):  # (first row, sentence) of each distinct sentence
        kinds = name.split(":", 1)[1].split(",")
        if not set(kinds) <= set(NAME_KINDS):
            return None
        first = {s: r for r, s in held}
        for r in new:
            if r[1] in kinds and first.get(r[5], r[0]) >= r[0]:
                first[r[5]] = r[0]
        return tuple(sorted((r, s) for s, r in first.items()))
    kind, _, distinct = name.partition("-")
    if kind not in NAME_KINDS or distinct not in ("", "distinct"):
        return None
    rows = [tuple(r[:5]) for r in new if r[1] == kind]
    if distinct:  # the first of each spelling, kind and roles
        first = {(r[1], r[2], r[4]): r for r in held}
        for r in rows:
            if first.get((r[1], r[2], r[4]), r)[0] >= r[0]:
                first[r[1], r[2], r[4]] = r
        return tuple(sorted(first.values(), key=lambda r: r[0]))
    if not held or not rows or rows[0][0] > held[-1][0]:  # added after the others
        return (*map(tuple, held), *rows)
    return tuple(sorted([*map(tuple, held), *rows], key=lambda r: r[0]))

