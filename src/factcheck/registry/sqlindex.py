"""The registry index: an SQLite database in the cache folder holding one row per claim of a set
of registry files, with tables for what alignment looks up, kept up to date file by file.

The `claims/*.json` files stay the source of truth. One database serves one list of registry
paths (the `--claims` arguments); each load compares every file's size and modification time
with what the index holds, re-reads only the files that changed (a file whose sha256 is
unchanged is only re-stamped), drops the rows of files that went away and re-numbers the
files in registry order. Rows are (file, position in file): a claim's row in the registry is
its file's `base` plus its position, so adding a source renumbers files, not claims.

The database runs in WAL mode (checks read while one process updates it) and is rebuilt
silently when it cannot be opened or read. Registries smaller than `store.MIN_BYTES` of JSON
are read from their files each time (a few milliseconds; an index would only cost more).
"""

from __future__ import annotations

import bisect
import hashlib
import marshal
import os
import sqlite3
import sys
import time
from decimal import Decimal
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from factcheck import __version__
from factcheck.registry import cache
from factcheck.registry.claim import CLAIM_FIELDS, FIGURE_KINDS, NUMERIC_KINDS, Claim

if TYPE_CHECKING:
    from factcheck.registry.model import Source

#: Bumped whenever what the index holds, or how, changes.
FORMAT = 9
#: Files and articles modified more recently than this are re-checked on the next load: a
#: rewrite within the file system's timestamp granularity could keep size and time.
RACY_SECONDS = 2.0
#: Index databases kept in the cache folder (the most recently used).
KEEP = 8
#: The modules whose code shapes what is indexed: a change to one is a new index.
_CODE = ("registry/files.py", "registry/sqlindex.py", "registry/index.py",
         "registry/claim.py", "registry/referents.py")
_SHARED = tuple(CLAIM_FIELDS.index(f) for f in ("kind", "source", "status"))
_ROLES = CLAIM_FIELDS.index("roles")
_STATUS = CLAIM_FIELDS.index("status")

#: A claim's `shape` and `value` are ids in `shapes` and `figures` for the figure kinds (the
#: claims alignment pairs), 0 for the others. A figure's `lo` and `hi` hold every number a
#: draft figure consistent with it can reach (`index.figure_range`; NULL: its value is no number).
SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value);
CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT UNIQUE, size INT, mtime INT, sha256 TEXT,
    racy INT, ord INT, base INT, n INT, sid TEXT, source BLOB, article TEXT, a_size INT,
    a_mtime INT, names BLOB);
CREATE TABLE claims(file INT, seq INT, kind TEXT, live INT, shape INT, value INT, body BLOB,
    PRIMARY KEY(file, seq)) WITHOUT ROWID;
CREATE TABLE anchors(kind TEXT, key TEXT, file INT, seq INT, shape INT, value INT,
    PRIMARY KEY(kind, key, file, seq)) WITHOUT ROWID;
CREATE TABLE vals(kind TEXT, key TEXT, live INT, file INT, seq INT, shape INT, value INT,
    PRIMARY KEY(kind, key, live, file, seq)) WITHOUT ROWID;
CREATE TABLE shapes(id INTEGER PRIMARY KEY, key TEXT);
CREATE TABLE figures(id INTEGER PRIMARY KEY, key TEXT, body BLOB, lo REAL, hi REAL);
CREATE TABLE memo(name TEXT PRIMARY KEY, generation INT, body BLOB);
CREATE TABLE slots(words INT, file INT, seq INT, said INT);
CREATE TABLE sayings(id INTEGER PRIMARY KEY, key TEXT);
CREATE TABLE words(id INTEGER PRIMARY KEY, key TEXT, body BLOB);
CREATE TABLE wordkeys(key TEXT, words INT, PRIMARY KEY(key, words)) WITHOUT ROWID;
CREATE TABLE bodies(name TEXT, file INT, seq INT);
CREATE TABLE people(key TEXT, pos INT, file INT, seq INT, PRIMARY KEY(key, pos, file, seq))
    WITHOUT ROWID;
CREATE TABLE roles(role TEXT, file INT, seq INT, PRIMARY KEY(role, file, seq)) WITHOUT ROWID;
CREATE TABLE conflicts(file INT, seq INT, generation INT, rows BLOB, upto INT,
    PRIMARY KEY(file, seq)) WITHOUT ROWID
"""
#: The lookups' indexes, made after a new index's first rows (faster than row by row). They
#: cover the columns the lookups read, so a lookup never visits the tables. `anchors` and
#: `vals` (the most rows) are tables keyed by what they are looked up by instead: their rows
#: are written once, not once in a table and again in its index.
INDEXES = """
CREATE INDEX IF NOT EXISTS claims_kind ON claims(kind, live, file, seq, shape, value);
CREATE INDEX IF NOT EXISTS shapes_key ON shapes(key);
CREATE INDEX IF NOT EXISTS figures_key ON figures(key);
CREATE INDEX IF NOT EXISTS slots_words ON slots(words, file, seq, said);
CREATE INDEX IF NOT EXISTS sayings_key ON sayings(key);
CREATE INDEX IF NOT EXISTS words_key ON words(key);
CREATE INDEX IF NOT EXISTS bodies_name ON bodies(name, file, seq);
"""
#: The indexes that find a file's rows to delete them, made before the first file is dropped
#: (a registry file changed or removed): a new index does without them (1.6 M anchor rows
#: at 10,000 sources).
BY_FILE = """
CREATE INDEX IF NOT EXISTS anchors_file ON anchors(file);
CREATE INDEX IF NOT EXISTS vals_file ON vals(file);
CREATE INDEX IF NOT EXISTS bodies_file ON bodies(file);
CREATE INDEX IF NOT EXISTS slots_file ON slots(file);
CREATE INDEX IF NOT EXISTS people_file ON people(file);
CREATE INDEX IF NOT EXISTS roles_file ON roles(file)
"""


def path_for(args: list[Path]) -> Path | None:
    """The index database for a list of registry paths (None when caching is off)."""
    here = Path(__file__).parents[1]
    parts: list[Any] = [FORMAT, __version__, marshal.version, sys.version_info[:2]]
    try:
        for name in _CODE:
            st = os.stat(here / name)
            parts.append((name, st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    parts += [os.path.abspath(a) for a in args]
    return cache.named("index", repr(parts), ".sqlite")


def connect(path: Path) -> sqlite3.Connection:
    """The database at `path` with its tables (made if new); sqlite3.Error if it is unusable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            db.execute("BEGIN IMMEDIATE")  # two processes may find it new: one makes it
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                for statement in SCHEMA.split(";"):
                    db.execute(statement)
                db.executemany("INSERT INTO meta VALUES(?, ?)",
                               [("format", FORMAT), ("generation", 0)])
            db.execute("COMMIT")
        if db.execute("SELECT value FROM meta WHERE key='format'").fetchone() != (FORMAT,):
            raise sqlite3.DatabaseError("not a factcheck index")
    except BaseException:
        db.close()
        raise
    return db


def remove(path: Path) -> None:
    """Delete a database and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(f"{path}{suffix}")
        except OSError:
            pass


def prune(folder: Path) -> None:
    """Keep the KEEP most recently used index databases."""
    found = []
    for p in folder.glob("index-*.sqlite"):
        try:
            found.append((p.stat().st_mtime_ns, p))
        except OSError:
            pass
    for _, p in sorted(found, reverse=True)[KEEP:]:
        remove(p)


# --- claims as rows ------------------------------------------------------------------------

_FIELDS = attrgetter(*CLAIM_FIELDS)
_VALUE, _KIND = CLAIM_FIELDS.index("value"), CLAIM_FIELDS.index("kind")
_DECIMALS = _LOW, _HIGH = tuple(CLAIM_FIELDS.index(f) for f in ("low", "high"))
_PLAIN = (str, int, bool, type(None))
_intern = sys.intern


def row_fields(c: Claim) -> tuple | None:
    """A claim's fields as a row keeps them (None when a row cannot keep one of them):
    Decimals as text; kind, source and status interned (shared by every claim)."""
    fields = list(_FIELDS(c))
    value, low, high = c.value, c.low, c.high
    if low is not None:
        if type(low) is not Decimal:
            return None
        fields[_LOW] = str(low)
    if high is not None:
        if type(high) is not Decimal:
            return None
        fields[_HIGH] = str(high)
    if value is not None:
        if c.kind in NUMERIC_KINDS:
            if type(value) is not Decimal:
                return None
            fields[_VALUE] = str(value)
        elif not isinstance(value, _PLAIN):
            return None  # a Decimal of a text kind would read back as text: not kept
    roles = c.roles
    if type(roles) is not tuple or roles and not all(type(r) is str for r in roles):
        return None
    for i in _SHARED:
        if type(fields[i]) is str:
            fields[i] = _intern(fields[i])
    return tuple(fields)


_FIGURE = tuple(CLAIM_FIELDS.index(f) for f in
                ("kind", "value", "low", "high", "low_open", "high_open", "unit"))
_OPEN_UNIT = itemgetter(*_FIGURE[4:])


def row_sig(f: tuple) -> tuple:
    """`index.value_sig` of the claim whose `row_fields` are `f`: a Decimal's repr is its
    text in Decimal('…')."""
    kind, value, low, high = f[_KIND], f[_VALUE], f[_LOW], f[_HIGH]
    return (kind, _decimal_repr(value) if kind in NUMERIC_KINDS else repr(value),
            _decimal_repr(low), _decimal_repr(high), *_OPEN_UNIT(f))


def _decimal_repr(text: str | None) -> str:
    return "None" if text is None else f"Decimal('{text}')"


def decode(body: bytes) -> Claim:
    """The claim `encode` wrote."""
    fields = list(marshal.loads(body))
    for i in _DECIMALS:
        if fields[i] is not None:
            fields[i] = Decimal(fields[i])
    if fields[_VALUE] is not None and fields[_KIND] in NUMERIC_KINDS:
        fields[_VALUE] = Decimal(fields[_VALUE])
    return Claim(*fields)


def decimals(kind: str, fields: list) -> list:
    """A figure's value, low and high as `encode` kept them, with their Decimals back."""
    return [Decimal(v) if v is not None and (i or kind in NUMERIC_KINDS) else v
            for i, v in enumerate(fields)]


_ENTITY = tuple(CLAIM_FIELDS.index(f) for f in ("kind", "value", "subject", "roles"))


def entity_fields(body: bytes) -> tuple:
    """What `model.Entity` holds of an encoded name, title or quote claim, but its row."""
    fields = marshal.loads(body)
    return tuple(fields[i] for i in _ENTITY)


_SENTENCE = CLAIM_FIELDS.index("sentence")


def sentence_of(body: bytes) -> str:
    """The sentence of an encoded claim."""
    return marshal.loads(body)[_SENTENCE]


def figure_fields(fields: tuple) -> tuple:
    """What `index.FigureValue` holds of a claim's `row_fields`."""
    return tuple(fields[i] for i in _FIGURE)


# --- keeping the index up to date ----------------------------------------------------------

def _stamp(path: str | Path) -> tuple[int, int, bool]:
    """(size, mtime, racy) of a file."""
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns, st.st_mtime_ns > time.time_ns() - int(RACY_SECONDS * 1e9)


def sync(db: sqlite3.Connection, files: list[Path], found: list[tuple] | None = None) -> bool:
    """Bring the index up to date with `files` (in registry order), whose (absolute path, size,
    mtime, …) are `found` (`store.stamps`) when already read; False when a claim cannot be kept
    as a row (the registry is then read from its files). RegistryError for a bad file."""
    from factcheck.registry.files import load_file

    if found is None:
        paths = [os.path.abspath(f) for f in files]
        stamps = list(map(_stamp, paths))
    else:
        recent = time.time_ns() - int(RACY_SECONDS * 1e9)
        paths = [f[0] for f in found]
        stamps = [(size, mtime, mtime > recent) for _, size, mtime, *_ in found]
    if _current(db, paths, stamps):
        return True  # the common case: no write lock taken
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
        batch = _Batch(db, fresh=db.execute("SELECT 1 FROM shapes LIMIT 1").fetchone() is None)
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
            source, claims = load_file(f, data, True)  # rows: no Claim built
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
        for statement in INDEXES.split(";"):
            db.execute(statement)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    finally:
        if new:
            _journal(db, "WAL")
    return True


def _journal(db: sqlite3.Connection, mode: str) -> None:
    """Set the journal mode if no other connection stands in the way (else as it was)."""
    try:
        db.execute(f"PRAGMA journal_mode={mode}")
    except sqlite3.OperationalError:
        pass


def _current(db: sqlite3.Connection, paths: list[str], stamps: list[tuple]) -> bool:
    """Whether the index holds exactly these files, in this order, unchanged and trusted."""
    held = db.execute("SELECT path, size, mtime, racy FROM files ORDER BY ord").fetchall()
    return len(held) == len(paths) and all(
        h == (p, size, mtime, 0) and not racy
        for h, p, (size, mtime, racy) in zip(held, paths, stamps))


def _drop(db: sqlite3.Connection, file_id: int) -> None:
    for statement in BY_FILE.split(";"):
        db.execute(statement)
    for table in ("claims", "anchors", "vals", "slots", "bodies", "people", "roles"):
        db.execute(f"DELETE FROM {table} WHERE file=?", (file_id,))
    db.execute("DELETE FROM files WHERE id=?", (file_id,))


#: Claim kinds whose rows, sentences included, each file keeps in `files.names`, for the name
#: rules (`sqlstore.SqlStore.entities`, `sentences`) to read without reading every claim.
NAME_KINDS = ("person", "organisation", "law", "quote")
#: How the remembered sentences of some kinds joined in one text are named (`SqlStore.said`).
JOINED = "said:"
_NAME_FIELDS = tuple(CLAIM_FIELDS.index(f) for f in ("kind", "value", "subject", "roles",
                                                      "sentence"))


class _Batch:
    """Files' rows gathered and written a few hundred files at a time; shape and figure ids
    given from maps kept for the whole update (a new index asks the database for none)."""

    def __init__(self, db: sqlite3.Connection, fresh: bool) -> None:
        self.db, self.fresh = db, fresh
        self.next_file = (db.execute("SELECT max(id) FROM files").fetchone()[0] or 0) + 1
        self.ids: dict[str, dict[tuple, int]] = {"shapes": {}, "figures": {}, "sayings": {},
                                                 "words": {}}
        self.next = {t: (db.execute(f"SELECT max(id) FROM {t}").fetchone()[0] or 0) + 1
                     for t in self.ids}
        self.new: dict[str, list[tuple]] = {t: [] for t in self.ids}
        self.files: list[tuple] = []
        self.names: dict[str, tuple] = {}  # each added file's name rows, by path
        self.claims: list[tuple] = []
        self.anchors: list[tuple] = []
        self.vals: list[tuple] = []
        self.slots: list[tuple] = []
        self.bodies: list[tuple] = []
        self.people: list[tuple] = []
        self.roles: list[tuple] = []
        self.words: dict[int, int | None] = {}  # each saying's words (None: no slot word)
        self.wordkeys: list[tuple[str, int]] = []
        self.vkeys: dict[tuple, str] = {}  # `value_key`'s text by each value's type and text
        self.anchor_keys: dict[int, tuple[str, ...]] = {}  # each shape's `claim_anchors`

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

        # a `ClaimRow` (`files.load_file(..., rows=True)`) holds its row's fields already
        rows_fields = [row_fields(c) if type(c) is Claim else tuple(c) for c in claims]
        if None in rows_fields:
            return False
        fid = self.next_file
        self.next_file += 1
        fields = tuple(getattr(source, f) for f in source.__dataclass_fields__)
        said: dict[str, str] = {}  # one string per sentence: marshal then writes it once
        names = tuple((seq, *(f[i] for i in _NAME_FIELDS[:-1]),
                       said.setdefault(f[_SENTENCE], f[_SENTENCE]))
                      for seq, f in enumerate(rows_fields)
                      if f[_KIND] in NAME_KINDS and f[_STATUS] != "ignored")
        self.files.append((fid, path, *stamp, len(claims), source.id, marshal.dumps(fields),
                           marshal.dumps(names)))
        self.names[path] = names
        new_id, shapes, figures, keys = self._id, self.ids["shapes"], self.ids["figures"], self.vkeys
        rows, anchors, vals, dumps = self.claims, self.anchors, self.vals, marshal.dumps
        for seq, (c, f) in enumerate(zip(claims, rows_fields)):
            kind = f[_KIND]
            live = f[_STATUS] != "ignored"
            if kind in FIGURE_KINDS:  # only figures are aligned: only they have a shape and value
                key = shape_key(c)
                shape = shapes.get(key) or new_id("shapes", key)
                key = row_sig(f)
                span = figure_range(*decimals(kind, [f[_VALUE], f[_LOW], f[_HIGH]]))
                value = figures.get(key) or new_id("figures", key, dumps(figure_fields(f)), *span)
                rows.append((fid, seq, kind, live, shape, value, dumps(f)))
                numeric = kind in NUMERIC_KINDS and f[_VALUE] is not None
                key = numeric, f[_VALUE]  # the same text of a number, or the same value
                vkey = keys.get(key)
                if vkey is None:
                    found = value_key(Decimal(f[_VALUE]) if numeric else f[_VALUE])
                    vkey = repr(found)
                    if found[0] != "nan":  # a NaN equals nothing, not even another NaN
                        keys[key] = vkey
                vals.append((kind, vkey, live, fid, seq, shape, value))
                if live:  # a claim's anchors are words of its shape: found once a shape
                    found = self.anchor_keys.get(shape)
                    if found is None:
                        found = self.anchor_keys[shape] = tuple(claim_anchors(c))
                    anchors += [(kind, k, fid, seq, shape, value) for k in found]
                continue
            rows.append((fid, seq, kind, live, 0, 0, marshal.dumps(f)))
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
                       "names) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", self.files)
        db.executemany("INSERT INTO shapes(id, key) VALUES(?, ?)", self.new["shapes"])
        db.executemany("INSERT INTO figures(id, key, body, lo, hi) VALUES(?, ?, ?, ?, ?)",
                       self.new["figures"])
        db.executemany("INSERT INTO claims VALUES(?, ?, ?, ?, ?, ?, ?)", self.claims)
        db.executemany("INSERT INTO anchors VALUES(?, ?, ?, ?, ?, ?)", self.anchors)
        db.executemany("INSERT INTO vals VALUES(?, ?, ?, ?, ?, ?, ?)", self.vals)
        db.executemany("INSERT INTO sayings(id, key) VALUES(?, ?)", self.new["sayings"])
        db.executemany("INSERT INTO words(id, key, body) VALUES(?, ?, ?)", self.new["words"])
        db.executemany("INSERT OR IGNORE INTO wordkeys VALUES(?, ?)", self.wordkeys)
        db.executemany("INSERT INTO slots VALUES(?, ?, ?, ?)", self.slots)
        db.executemany("INSERT INTO bodies VALUES(?, ?, ?)", self.bodies)
        db.executemany("INSERT INTO people VALUES(?, ?, ?, ?)", self.people)
        db.executemany("INSERT INTO roles VALUES(?, ?, ?)", self.roles)
        for batch in (self.files, self.claims, self.anchors, self.vals, self.slots, self.bodies,
                      self.wordkeys, self.people, self.roles,
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
    old = sorted((held[p][2], bases[p] - held[p][2]) for p in paths if p not in added)
    starts, shifts = [b for b, _ in old], [s for _, s in old]

    def moved(row: int) -> int:
        return row + shifts[bisect.bisect_right(starts, row) - 1]

    new = [(bases[path] + seq, *rest) for path in paths if path in added
           for seq, *rest in added[path]]
    same = not any(shifts)  # files added after the others only: no row moves
    joined = []
    for name, body in db.execute("SELECT name, body FROM memo").fetchall():
        if name.startswith(JOINED):  # joined again from the merged sentences below
            joined.append(name)
            continue
        held = marshal.loads(body)
        merged = _merge(name, list(held) if same else [(moved(r[0]), *r[1:]) for r in held], new)
        if merged is None:
            db.execute("DELETE FROM memo WHERE name=?", (name,))
        else:
            db.execute("UPDATE memo SET body=? WHERE name=?", (marshal.dumps(merged), name))
    for name in joined:
        found = db.execute("SELECT body FROM memo WHERE name=?",
                           ("sentences:" + name[len(JOINED):],)).fetchone()
        if found is None:
            db.execute("DELETE FROM memo WHERE name=?", (name,))
        else:
            text = "\n".join(s for _, s in marshal.loads(found[0]))
            db.execute("UPDATE memo SET body=? WHERE name=?", (marshal.dumps(text), name))


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


def generation(db: sqlite3.Connection) -> int:
    """How many times the index's rows were renumbered: derived answers keep theirs."""
    return db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0]


def verify_articles(db: sqlite3.Connection, sources: list["Source"], files: list[Path],
                    facts: list[tuple], folders: list[tuple[str, bool]] | None = None
                    ) -> dict[str, tuple[int, int]]:
    """`files.check_stale` for every source whose article changed since it last matched;
    `facts` are each file's (absolute path, article, size, mtime) as the index holds them.
    Returns the (device, inode) of each article `stat`ed here, by its path as
    `cli.outputs.articles` names it, when `folders` (each file's `store.stamps` folder) say
    that both paths name one file (`_as_written`)."""
    from factcheck.registry.files import article_matches, check_stale

    verified, seen, plain = [], {}, {}
    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    stat, abspath, join, dirname = os.stat, os.path.abspath, os.path.join, os.path.dirname
    for source, f, (path, *held), where in zip(sources, files, facts,
                                               folders or [("", False)] * len(files)):
        if not source.path or not source.sha256:
            continue
        # the article the index verified was found from this file's path and source.path
        article = held[0] or abspath(join(dirname(path), source.path))
        try:
            st = stat(article)
            size, mtime, racy = st.st_size, st.st_mtime_ns, st.st_mtime_ns > recent
            if where[1] and _as_written(source.path, plain):
                key = source.path if source.path[:1] == "/" else where[0] + source.path
                seen[key] = st.st_dev, st.st_ino
        except OSError:
            size = mtime = racy = None
        if held == [article, size, mtime]:
            continue
        matches = article_matches(source, f, keep=False)  # the index keeps it below
        if matches is False:
            check_stale(source, f)  # raises, as without the index
        if matches and not racy:
            verified.append((article, size, mtime, path))
    if verified:
        try:
            db.executemany("UPDATE files SET article=?, a_size=?, a_mtime=? WHERE path=?", verified)
        except sqlite3.Error:  # another process holds the write lock: verified again next time
            pass
    return seen


def _as_written(article: str, plain: dict[str, bool]) -> bool:
    """Whether `normpath` leaves an article's path (relative to a folder without symbolic
    links) as it is (a `..` only at its start): the article `verify_articles` stats
    (`abspath(join(folder, article))`, as the index keeps it) is then the file the system
    finds at `join(folder, article)`. `plain` keeps each folder part's answer."""
    folder, _, name = article.rpartition("/")
    if name in ("", ".", ".."):
        return False
    found = plain.get(folder)
    if found is None:
        found = plain[folder] = not folder or os.path.normpath(folder) == folder
    return found
