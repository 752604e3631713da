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

This module holds the database's layout, paths and the claims' row codecs; `sqlbuild` writes
the rows (`sqlbuild.sync`).
"""

from __future__ import annotations

import marshal
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck import __version__
from factcheck.registry import cache
from factcheck.registry.claim import CLAIM_FIELDS, NUMERIC_KINDS, Claim

if TYPE_CHECKING:
    from factcheck.registry.model import Source

#: Bumped whenever what the index holds, or how, changes.
FORMAT = 15
#: Files and articles modified more recently than this are re-checked on the next load: a
#: rewrite within the file system's timestamp granularity could keep size and time.
RACY_SECONDS = 2.0
#: Index databases kept in the cache folder (the most recently used).
KEEP = 8
#: The modules whose code shapes what is indexed: a change to one is a new index.
_CODE = ("registry/files.py", "registry/sqlindex.py", "registry/sqlbuild.py",
         "registry/index.py", "registry/claim.py", "registry/referents.py")
_SHARED = tuple(CLAIM_FIELDS.index(f) for f in ("kind", "source", "status"))

#: A claim's `shape` and `value` are ids in `shapes` and `figures` for the figure kinds (the
#: claims alignment pairs), 0 for the others; its sentence is its file's `sentences` row `said`
#: (a sentence holds a few claims: each file keeps it once), its `body` the rest (`encode`). A
#: figure's `lo` and `hi` hold every number a draft figure consistent with it can reach
#: (`index.figure_range`; NULL: its value is no number), its `vkey` the text of its value's
#: `index.value_key` (the claims stating a value are those of its figures, `claims_value`).
#: A remembered list (`memo`) is kept in parts, read in order and joined (`MEMO_PART_IDS`): a
#: source added after the others appends its rows as a part (`sqlbuild._renumber`) instead of
#: the list being written again; a list written whole is part 0, which drops the others.
SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value);
CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT UNIQUE, size INT, mtime INT, sha256 TEXT,
    racy INT, ord INT, base INT, n INT, sid TEXT, source BLOB, article TEXT, a_size INT,
    a_mtime INT, names BLOB, apath TEXT);
CREATE TABLE claims(file INT, seq INT, kind TEXT, live INT, shape INT, value INT, said INT,
    body BLOB, PRIMARY KEY(file, seq)) WITHOUT ROWID;
CREATE TABLE sentences(file INT, n INT, text TEXT, PRIMARY KEY(file, n)) WITHOUT ROWID;
CREATE TABLE anchors(kind TEXT, key TEXT, shape INT, PRIMARY KEY(kind, key, shape)) WITHOUT ROWID;
CREATE TABLE shapes(id INTEGER PRIMARY KEY, key TEXT);
CREATE TABLE figures(id INTEGER PRIMARY KEY, key TEXT, body BLOB, lo REAL, hi REAL, kind TEXT,
    vkey TEXT);
CREATE TABLE memo(name TEXT, part INT, generation INT, body BLOB, PRIMARY KEY(name, part));
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
#: A list written whole drops its other parts (a statement of its own: it holds a `;`).
MEMO_TRIGGER = """CREATE TRIGGER memo_whole BEFORE INSERT ON memo WHEN NEW.part = 0
    BEGIN DELETE FROM memo WHERE name = NEW.name; END"""
#: Any change to the files' rows drops the value that keeps them all (`kept_files`): a
#: writer that does not keep them again (`keep_files`) leaves them to be read from the table.
FILES_TRIGGERS = tuple(f"CREATE TRIGGER files_{op.lower()} AFTER {op} ON files "
                       "BEGIN DELETE FROM meta WHERE key='files'; END"
                       for op in ("INSERT", "UPDATE", "DELETE"))
#: The index's files, (path, size, mtime, racy, id, base, n, sid, source, article, a_size,
#: a_mtime, ord, apath) each, in the table's own order (sorted by `ord` after: SQLite sorting
#: them costs more than reading). `source` is the source's fields (`marshal`), `article` the
#: absolute path of its article once verified, `apath` that article's path as the source
#: gives it (`Source.path`).
FILES_ROWS = ("SELECT path, size, mtime, racy, id, base, n, sid, source, article, a_size, "
              "a_mtime, ord, apath FROM files ORDER BY id")
_ORD = itemgetter(12)
#: The lookups' indexes, made after a new index's first rows (faster than row by row). They
#: cover the columns the lookups read, so a lookup never visits the tables. A claim's anchors
#: follow from its shape (`index.claim_anchors` reads only what `shape_key` holds): `anchors`
#: keeps each shape's once, keyed by what it is looked up by, and the live figure claims of a
#: shape are found through `claims_shape` (`SHAPED`).
INDEXES = """
CREATE INDEX IF NOT EXISTS claims_kind ON claims(kind, live, file, seq, shape, value);
CREATE INDEX IF NOT EXISTS claims_shape ON claims(shape, live, file, seq, value)
    WHERE live = 1 AND shape > 0;
CREATE INDEX IF NOT EXISTS shapes_key ON shapes(key);
CREATE INDEX IF NOT EXISTS figures_key ON figures(key);
CREATE INDEX IF NOT EXISTS figures_lo ON figures(lo, hi);
CREATE INDEX IF NOT EXISTS figures_vkey ON figures(kind, vkey);
CREATE INDEX IF NOT EXISTS claims_value ON claims(value, live, file, seq, shape);
CREATE INDEX IF NOT EXISTS slots_words ON slots(words, file, seq, said);
CREATE INDEX IF NOT EXISTS sayings_key ON sayings(key);
CREATE INDEX IF NOT EXISTS words_key ON words(key);
CREATE INDEX IF NOT EXISTS bodies_name ON bodies(name, file, seq);
"""
#: The indexes that find a file's rows to delete them, made before the first file is dropped
#: (a registry file changed or removed): a new index does without them.
BY_FILE = """
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
                for trigger in (MEMO_TRIGGER, *FILES_TRIGGERS):
                    db.execute(trigger)
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
_SENTENCE = CLAIM_FIELDS.index("sentence")
#: Text fields that are parts of the sentence: a body keeps where they stand in it, one number
#: each (start × (the sentence's length + 1) + length).
_SLICED = tuple(CLAIM_FIELDS.index(f) for f in ("context", "before", "after"))
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
    if not all(type(fields[i]) is str for i in _SLICED):
        return None  # a number there would read back as a place in the sentence
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


def encode(f: tuple) -> bytes:
    """The body of a claim whose `row_fields` are `f`: its fields but its sentence, which
    its file's `sentences` keep; its context, and the text before and after it, as where
    they stand in the sentence when they are found there (`_sliced`)."""
    fields = list(f)
    sentence = fields[_SENTENCE]
    fields[_SENTENCE] = None
    if type(sentence) is str:
        width, find = len(sentence) + 1, sentence.find
        for i in _SLICED:
            part = fields[i]
            if part:
                at = find(part)
                if at >= 0:
                    fields[i] = at * width + len(part)
    return marshal.dumps(fields, BODY_MARSHAL)


#: The `marshal` format of a claim's body: version 2 writes (and reads) a claim's two dozen
#: fields about 40 % faster than the default 4, whose back-references a claim's fields rarely
#: use (0.37 s of the first run against 10,000 sources, for bodies 7 % larger).
BODY_MARSHAL = 2


def decode(body: bytes, sentence: str) -> Claim:
    """The claim `encode` wrote, with its sentence (a `SENTENCE` join's text)."""
    if type(sentence) is not str:  # no sentence row: the index is damaged
        raise TypeError("a claim without its sentence")
    fields = marshal.loads(body)
    fields[_SENTENCE] = sentence
    width = len(sentence) + 1
    for i in _SLICED:
        if type(fields[i]) is int:
            at, size = divmod(fields[i], width)
            fields[i] = sentence[at:at + size]
    for i in _DECIMALS:
        if fields[i] is not None:
            fields[i] = Decimal(fields[i])
    if fields[_VALUE] is not None and fields[_KIND] in NUMERIC_KINDS:
        fields[_VALUE] = Decimal(fields[_VALUE])
    return Claim(*fields)


#: The live figure claims `c` of the shapes of the anchors `a` (after a SELECT of `c`'s
#: columns, before the WHERE on `a`); its terms are those of `claims_shape`'s WHERE.
SHAPED = (" FROM anchors a JOIN claims c ON c.shape = a.shape AND c.live = 1 AND c.shape > 0")
#: The live figure claims of the shape `{shape}` names (`claims_shape`), after a SELECT of
#: their columns; `OF_SHAPE` of the shape given as a parameter.
OF_SHAPE_IN = " FROM claims WHERE shape = {shape} AND live = 1 AND shape > 0"
OF_SHAPE = OF_SHAPE_IN.format(shape="?")


#: The join that reads each claim `c` with its sentence's text as `s.text` (after a FROM that
#: names the claims `c`, before the WHERE).
SENTENCE = " LEFT JOIN sentences s ON s.file = c.file AND s.n = c.said"


def decimals(kind: str, fields: list) -> list:
    """A figure's value, low and high as `encode` kept them, with their Decimals back."""
    return [Decimal(v) if v is not None and (i or kind in NUMERIC_KINDS) else v
            for i, v in enumerate(fields)]


_ENTITY = tuple(CLAIM_FIELDS.index(f) for f in ("kind", "value", "subject", "roles"))


def entity_fields(body: bytes) -> tuple:
    """What `model.Entity` holds of an encoded name, title or quote claim, but its row."""
    fields = marshal.loads(body)
    return tuple(fields[i] for i in _ENTITY)


#: What `index.FigureValue` holds of a claim's `row_fields`.
figure_fields = itemgetter(*_FIGURE)


#: Claim kinds whose rows, sentences included, each file keeps in `files.names`, for the name
#: rules (`sqlstore.SqlStore.entities`, `sentences`) to read without reading every claim.
NAME_KINDS = ("person", "organisation", "law", "quote")
#: How the remembered sentences of some kinds joined in one text are named (`SqlStore.said`).
JOINED = "said:"


#: A remembered list's parts in order, of the current generation (name, generation): their
#: row ids and the type of their bodies (those of type blob are read by incremental I/O:
#: `SqlStore._blob`).
MEMO_PART_IDS = "SELECT rowid, typeof(body) FROM memo WHERE name=? AND generation=? ORDER BY part"
#: A remembered list written whole (name, generation, body): its other parts are dropped.
MEMO_WHOLE = "INSERT INTO memo VALUES(?, 0, ?, ?)"
#: One more part of a remembered list (name, part, generation, body).
MEMO_APPEND = "INSERT INTO memo VALUES(?, ?, ?, ?)"


def memo_rows(parts: list[tuple[bytes]]) -> list:
    """The rows of a remembered list's parts ((body,) each, in order), one list."""
    out: list = []
    for body, in parts:
        out += marshal.loads(body)
    return out


def joined_body(text: str) -> bytes:
    """How a joined text is kept: UTF-16, which decodes about five times faster than the
    UTF-8 `marshal` writes (Chinese text is mostly characters of two bytes there, three in
    UTF-8); lone surrogates a JSON escape can give are kept as they are."""
    return text.encode("utf-16-le", "surrogatepass")


def joined_text(parts: list[tuple[bytes]]) -> str:
    """The text `joined_body` kept, in parts ((body,) each, in order): each part goes on from
    the last (they meet at a line break, never within a character)."""
    return b"".join(body for body, in parts).decode("utf-16-le", "surrogatepass")


def kept_files(db: sqlite3.Connection) -> list[tuple] | None:
    """The files' rows (`FILES_ROWS`' columns) as the one value `keep_files` wrote when no
    file row changed since, which a check reads in a fifth of the time the table's 10,000
    rows take (None: none kept, or damaged; `table_files` has them)."""
    kept = db.execute("SELECT value FROM meta WHERE key='files'").fetchone()
    if kept is not None and type(kept[0]) is bytes:
        try:
            rows = marshal.loads(kept[0])
        except (ValueError, EOFError, TypeError):  # damaged: the table has them
            return None
        if type(rows) is list:
            return rows
    return None


def table_files(db: sqlite3.Connection) -> list[tuple]:
    """The index's files in registry order, read from their table."""
    rows = db.execute(FILES_ROWS).fetchall()
    order = list(map(_ORD, rows))
    if order != sorted(order):  # a file added among the others
        rows.sort(key=_ORD)
    return rows


def keep_files(db: sqlite3.Connection, rows: list[tuple] | None = None) -> None:
    """Keep the files' rows (as the table holds them unless given) as one value for
    `kept_files`, in a write transaction after the last change to them (any later change
    drops it: `FILES_TRIGGERS`)."""
    db.execute("INSERT OR REPLACE INTO meta VALUES('files', ?)",
               (marshal.dumps(table_files(db) if rows is None else rows),))


@contextmanager
def immediate(db: sqlite3.Connection) -> Iterator[None]:
    """A write transaction (taken at once), committed at the end, rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


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
        except OSError:  # no article to read: `article_matches` could only answer None
            continue
        if held == [article, size, mtime]:
            continue
        matches = article_matches(source, f, keep=False)  # the index keeps it below
        if matches is False:
            check_stale(source, f)  # raises, as without the index
        if matches and not racy:
            verified.append((article, size, mtime, path))
    if verified:
        try:
            with immediate(db):
                kept = kept_files(db)
                db.executemany("UPDATE files SET article=?, a_size=?, a_mtime=? WHERE path=?",
                               verified)
                keep_files(db, None if kept is None else _with_articles(kept, verified))
        except sqlite3.Error:  # another process holds the write lock: verified again next time
            pass
    return seen


def _with_articles(rows: list[tuple], verified: list[tuple]) -> list[tuple]:
    """Kept files' rows (`FILES_ROWS`) as `verify_articles`' update leaves them: the (article,
    size, mtime) of each (…, path) `verified` in place of the row's."""
    found = {v[3]: v[:3] for v in verified}
    return [r if (v := found.get(r[0])) is None else (*r[:9], *v, *r[12:]) for r in rows]


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
