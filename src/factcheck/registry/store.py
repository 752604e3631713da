"""Load registries: through their SQLite index (`registry.sqlindex`) when they are large, else
from the files."""

from __future__ import annotations

import marshal
import os
from pathlib import Path

from factcheck.errors import RegistryError
from factcheck.registry.files import check_stale as stale_error
from factcheck.registry.files import default_claims_dir, load_file, registry_files
from factcheck.registry.model import Registry, Source

#: Registries of less JSON than this are read from their files (the built-in one is 52 KB,
#: read in a few milliseconds); larger ones through their index. Neither sqlite3 nor the
#: index is imported below it.
MIN_BYTES = 512_000


def load(paths: list[Path] | None = None, check_stale: bool = True) -> Registry:
    """Load registries from files or folders (default: the built-in one).

    Registries of MIN_BYTES of JSON or more are read through their index in the cache folder,
    which re-reads only the files changed since the last load; smaller ones, or any when the
    cache folder cannot be used, are read, validated and checked from their files."""
    args = paths or [default_claims_dir()]
    files = registry_files(args)
    if not files:
        raise RegistryError("no claims registry found", ", ".join(map(str, paths or [])),
                            "run 'factcheck extract ARTICLE' or pass --claims")
    reg = _indexed(args, files, check_stale)
    if reg is not None:
        return reg
    reg = Registry()
    for f in files:
        source, claims = load_file(f)
        if check_stale:
            stale_error(source, f)
        reg.add(source, claims, f)
    return reg


def stamps(files: list[Path]) -> list[tuple] | None:
    """Each file's (absolute path, size, modification time in ns, (device, inode), folder),
    from one `stat` each (None if one cannot be read: the registry is then read from its
    files, which says why). The (device, inode) is None when the absolute path may name
    another file than the path as given (a `..` that `abspath` takes away after a symbolic
    link); the folder is (the path as given to join a name to, whether its absolute path is
    its real path), one for the files of a folder."""
    folders: dict[str, tuple[str, bool, tuple[str, bool]]] = {}
    out = []
    try:
        for f in files:
            head, name = os.path.split(f)
            where = folders.get(head)
            if where is None:
                where = folders[head] = _folder(head)
            path = os.path.join(where[0], name)
            st = os.stat(path)
            out.append((path, st.st_size, st.st_mtime_ns,
                        (st.st_dev, st.st_ino) if where[1] else None, where[2]))
    except (OSError, ValueError):
        return None
    return out


def _folder(head: str) -> tuple[str, bool, tuple[str, bool]]:
    """A registry folder's absolute path, whether it names the folder as given (`normpath`
    leaves the path as given as it is), and (the path to join a name to, whether it also
    holds no symbolic link)."""
    absolute = os.path.abspath(head)
    written = not head or os.path.normpath(head) == head
    return absolute, written, (os.path.join(head, ""), written and os.sep == "/"
                               and os.path.realpath(absolute) == absolute)


def _indexed(args: list[Path], files: list[Path], check_stale: bool) -> Registry | None:
    """The registry through its index, brought up to date (None: read it from the files)."""
    found = stamps(files)
    if found is None or sum(s[1] for s in found) < MIN_BYTES:
        return None
    import sqlite3

    from factcheck.registry import sqlbuild, sqlindex

    path = sqlindex.path_for(args)
    if path is None:
        return None
    for attempt in range(2):
        new = not path.exists()
        db = None
        try:
            db = sqlindex.connect(path)
            rows, generation = _files_rows(db)
            if not _current(rows, found):
                if not sqlbuild.sync(db, files, found):
                    db.close()
                    return None
                rows, generation = _files_rows(db)
            if len(rows) != len(files):
                raise sqlite3.DatabaseError("files out of step")
            break
        except (OSError, sqlite3.OperationalError):  # cannot be made, written or locked
            if db is not None:
                db.close()
            return None
        except sqlite3.DatabaseError:  # damaged: rebuilt once
            if db is not None:
                db.close()
            sqlindex.remove(path)
            if attempt:
                return None
    if new:
        sqlindex.prune(path.parent)
    reg = _registry(path, db, rows, generation, files, check_stale, [s[4] for s in found])
    reg.identities.update((str(f), s[3]) for f, s in zip(files, found) if s[3] is not None)
    return reg


def _files_rows(db) -> tuple[list[tuple], int]:
    """The index's files in registry order, (id, base, n, sid, source, path, article, a_size,
    a_mtime, size, mtime, racy) each, and its generation, as one reading."""
    from factcheck.registry import sqlindex

    db.execute("BEGIN")
    try:
        rows = db.execute("SELECT id, base, n, sid, source, path, article, a_size, a_mtime, "
                          "size, mtime, racy FROM files ORDER BY ord").fetchall()
        return rows, sqlindex.generation(db)
    finally:
        db.execute("COMMIT")


def _current(rows: list[tuple], found: list[tuple]) -> bool:
    """Whether the index's files (`_files_rows`) are exactly the files `stamps` found
    (`sqlbuild.current`): the index needs no `sync` (the files' rows are read once, not once
    there and once here)."""
    from factcheck.registry.sqlbuild import current, stamps_of

    return current([(r[5], *r[9:]) for r in rows], *stamps_of(found))


def _registry(path: Path, db, rows: list[tuple], generation: int, files: list[Path],
              check_stale: bool, folders: list[tuple[str, bool]]) -> Registry:
    from factcheck.registry.sqlindex import verify_articles
    from factcheck.registry.sqlstore import SqlStore

    sources: dict[str, Source] = {}
    where: dict[str, Path] = {}
    for (_, _, _, sid, blob, *_), f in zip(rows, files):
        if sid in sources:
            raise RegistryError(f"source {sid!r} is registered twice", str(f),
                                f"remove one of {where[sid]} and {f}")
        sources[sid] = Source(*marshal.loads(blob))
        where[sid] = f
    articles = verify_articles(db, list(sources.values()), files, [r[5:9] for r in rows],
                               folders) if check_stale else {}
    try:
        os.utime(path)  # recently used, so pruning keeps it
    except OSError:
        pass
    store = SqlStore(path, db, [r[:4] for r in rows], generation)
    reg = Registry(sources=sources, files=where, store=store)
    reg.identities.update(articles or {})
    return reg
