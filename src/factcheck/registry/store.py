"""Load registries: through their SQLite index (`registry.sqlindex`) when they are large, else
from the files."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

from factcheck.errors import RegistryError
from factcheck.registry.files import check_stale as stale_error
from factcheck.registry.files import default_claims_dir, load_file
from factcheck.registry.model import Registry

#: Registries of less JSON than this are read from their files (the built-in one is 52 KB,
#: read in a few milliseconds); larger ones through their index. Neither sqlite3 nor the
#: index is imported below it.
MIN_BYTES = 512_000
#: Each file's (absolute path, size, modification time in ns, 0): an index row that is current
#: (`sqlbuild.current`) holds the same.
Stamp = tuple[str, int, int, int]


def load(paths: list[Path] | None = None, check_stale: bool = True) -> Registry:
    """Load registries from files or folders (default: the built-in one).

    Registries of MIN_BYTES of JSON or more are read through their index in the cache folder,
    which re-reads only the files changed since the last load; smaller ones, or any when the
    cache folder cannot be used, are read, validated and checked from their files."""
    args = paths or [default_claims_dir()]
    groups = listed(args)
    if not any(names for _, names in groups):
        raise RegistryError("no claims registry found", ", ".join(map(str, paths or [])),
                            "run 'factcheck extract ARTICLE' or pass --claims")
    reg = _indexed(args, groups, check_stale)
    if reg is not None:
        return reg
    reg = Registry()
    for f in map(Path, _joined(groups)):
        source, claims = load_file(f)
        if check_stale:
            stale_error(source, f)
        reg.add(source, claims, f)
    return reg


def listed(paths: list[Path]) -> list[tuple[str, list[str]]]:
    """The JSON files named directly or found in named folders (sorted within each folder), as
    (folder as given, "" for the current one; names) pairs: no `Path` for each file."""
    out = []
    for p in paths:
        if str(p) == "builtin":
            p = default_claims_dir()
        if p.is_dir():  # regular files only: a pipe named x.json would hang the load
            out.append(("" if str(p) == "." else str(p), sorted(_json_files(p))))
        elif p.exists():
            head, name = os.path.split(p)
            out.append((head, [name]))
        elif p.is_symlink():
            raise RegistryError("symbolic link loops or leads nowhere", str(p),
                                "point --claims at a registry file or folder")
        else:
            raise RegistryError("no such claims file or folder", str(p), "check --claims")
    return out


def _json_files(folder: Path) -> list[str]:
    """Names of the regular files (or links to one) named *.json in a folder, as `glob` finds
    them, told apart by the folder's listing (no `stat` of each in most file systems)."""
    try:
        with os.scandir(folder) as entries:
            return [e.name for e in entries
                    if os.path.normcase(e.name).endswith(".json") and e.is_file()]
    except OSError:  # unreadable: none, as `glob` finds
        return []


def _joined(groups: list[tuple[str, list[str]]]) -> list[str]:
    """Each file's path as `listed` gives it (`os.path.join` of folder and name)."""
    join = os.path.join
    return [prefix + name for head, names in groups
            for prefix in (join(head, "") if head else "",) for name in names]


def stamps(groups: list[tuple[str, list[str]]]
           ) -> tuple[list[Stamp], list[tuple[str, bool, bool]], set[tuple[int, int]]] | None:
    """Each file's `Stamp` and folder (`_folder`), and the (device, inode) of those whose
    folder's absolute path names the folder as given (not after a `..` that `abspath` takes
    away behind a symbolic link), from one `stat` each (None if one cannot be read: the
    registry is then read from its files, which says why)."""
    found: list[Stamp] = []
    folders: list[tuple[str, bool, bool]] = []
    ids: set[tuple[int, int]] = set()
    add = found.append
    try:
        for head, names in groups:
            absolute, where = _folder(head)
            for name, st in zip(names, _stats(absolute, names)):
                add((absolute + name, st.st_size, st.st_mtime_ns, 0))
                if where[1]:
                    ids.add((st.st_dev, st.st_ino))
            folders += [where] * len(names)
    except (OSError, ValueError):
        return None
    return found, folders, ids


def _stats(folder: str, names: list[str]) -> Iterator[os.stat_result]:
    """Each named file's `stat` in a folder (an absolute path ending with a separator): from
    the folder's descriptor where the system allows, so its path is not walked for each."""
    if len(names) < 2 or os.stat not in os.supports_dir_fd:
        yield from map(os.stat, (folder + name for name in names))
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        stat = os.stat
        for name in names:
            yield stat(name, dir_fd=fd)
    finally:
        os.close(fd)


def _folder(head: str) -> tuple[str, tuple[str, bool, bool]]:
    """A registry folder's absolute path to put before a name, and (the path as given to join
    a name to, whether `normpath` leaves that as it is, whether it also holds no symbolic
    link)."""
    absolute = os.path.abspath(head)
    written = not head or os.path.normpath(head) == head
    return os.path.join(absolute, ""), (os.path.join(head, ""), written, written and os.sep == "/"
                                        and os.path.realpath(absolute) == absolute)


def _indexed(args: list[Path], groups: list[tuple[str, list[str]]],
             check_stale: bool) -> Registry | None:
    """The registry through its index, brought up to date (None: read it from the files)."""
    stamped = stamps(groups)
    if stamped is None or sum(s[1] for s in stamped[0]) < MIN_BYTES:
        return None
    import sqlite3

    from factcheck.registry import sqlindex

    path = sqlindex.path_for(args)
    if path is None:
        return None
    found, files = stamped[0], _joined(groups)
    for attempt in range(2):
        new = not path.exists()
        db = None
        try:
            db = sqlindex.connect(path)
            rows, generation, kept = _files_rows(db)
            if not current(rows, found):
                from factcheck.registry import sqlbuild  # only to bring the index up to date

                if not sqlbuild.sync(db, list(map(Path, files)), found):
                    db.close()
                    return None
                rows, generation, kept = _files_rows(db)
            if len(rows) != len(files):
                raise sqlite3.DatabaseError("files out of step")
            if not kept:
                _keep_again(db)
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
    return _registry(path, db, rows, generation, files, stamped, check_stale)


def _files_rows(db) -> tuple[list[tuple], int, bool]:
    """The index's files in registry order (kept as one value, `sqlindex.kept_files`, else
    read from their table), its generation, and whether they were kept, as one reading."""
    from factcheck.registry import sqlindex

    db.execute("BEGIN")
    try:
        kept = sqlindex.kept_files(db)
        rows = kept if kept is not None else sqlindex.table_files(db)
        return rows, sqlindex.generation(db), kept is not None
    finally:
        db.execute("COMMIT")


def _keep_again(db) -> None:
    """Keep the files' rows as one value again after a load read them from their table (the
    value dropped by a writer that did not keep it, or one that could not be read): the
    next load reads one value. Left for a later load when the index cannot be written now."""
    import sqlite3

    from factcheck.registry import sqlindex

    try:
        with sqlindex.immediate(db):
            if sqlindex.kept_files(db) is None:
                sqlindex.keep_files(db)
    except sqlite3.OperationalError:  # locked or read-only
        pass


def current(rows: list[tuple], found: list[Stamp]) -> bool:
    """`sqlbuild.current` of the index's files (`_files_rows`) and the files' stamps, compared
    as read: each row's first four fields are the file's `Stamp` (so it is not racy in the
    index) and no file is recent enough to be racy now."""
    from factcheck.registry.sqlindex import RACY_SECONDS

    recent = time.time_ns() - int(RACY_SECONDS * 1e9)
    return len(rows) == len(found) and [r[:4] for r in rows] == found \
        and all(f[2] <= recent for f in found)


def _registry(path: Path, db, rows: list[tuple], generation: int, files: list[str],
              stamped: tuple, check_stale: bool) -> Registry:
    from factcheck.registry.inputs import FilePaths, SourceRows, Stated
    from factcheck.registry.sqlstore import SqlStore

    sources = SourceRows([r[7] for r in rows], [r[8] for r in rows], files,
                         [r[13] for r in rows])
    stated = Stated(files, stamped[1], stamped[2], sources)
    if check_stale:
        _articles(db, rows, stated)
    try:
        os.utime(path)  # recently used, so pruning keeps it
    except OSError:
        pass
    store = SqlStore(path, db, [r[4:8] for r in rows], generation)
    reg = Registry(sources=sources, files=FilePaths(sources, files), store=store)
    reg.stated = stated
    return reg


def _articles(db, rows: list[tuple], stated) -> None:
    """`sqlindex.verify_articles` for the sources whose article is not as it was when it last
    matched (by size and time, one `stat` each, no `Source` built for the rest); the
    (device, inode) of each article `stat`ed go to `stated`."""
    from factcheck.registry.sqlindex import verify_articles

    ids, stat, fields, again = stated.article_ids, os.stat, stated.sources.fields, []
    for i, r in enumerate(rows):
        article = r[9] or _unmatched(r[0], fields(i))
        if article is None:
            continue
        try:
            st = stat(article)
        except OSError:  # no article to read: `article_matches` could only answer None
            continue
        if st.st_size == r[10] and st.st_mtime_ns == r[11]:
            ids[i] = st.st_dev, st.st_ino
        else:
            again.append(i)
    if again:
        sources, files, folders = stated.sources, stated.files, stated.folders
        stated.seen = verify_articles(
            db, [sources[rows[i][7]] for i in again], [Path(files[i]) for i in again],
            [(rows[i][0], *rows[i][9:12]) for i in again], [folders[i][::2] for i in again])


def _unmatched(path: str, fields: tuple[str, ...]) -> str | None:
    """Where `verify_articles` finds the article of a registry file (absolute `path`) that
    has not matched yet (None: no article or sha256 to compare)."""
    if not fields[6] or not fields[7]:
        return None
    return os.path.abspath(os.path.join(os.path.dirname(path), fields[6]))
