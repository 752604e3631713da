"""An indexed registry's sources and files as loading found them: each `Source` and `Path`
built when first read (a check names a few of 10,000), and what loading `stat`ed, which tells
`check -o` whether a file is one of the registry's inputs."""

from __future__ import annotations

import marshal
from collections.abc import Iterator, Mapping
from pathlib import Path

from factcheck.errors import RegistryError
from factcheck.registry.model import Source

Ident = tuple[int, int]


class _BySource(Mapping):
    """A mapping over the source ids of `_order` (id -> position in registry order)."""

    _order: dict[str, int]

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, sid: object) -> bool:
        return sid in self._order


class SourceRows(_BySource, Mapping[str, Source]):
    """Sources by id in registry order, each built from its index row (`marshal`ed fields)
    when first read; a source id found twice is a RegistryError, as loading the files says."""

    def __init__(self, sids: list[str], blobs: list[bytes], files: list[str],
                 articles: list[str]) -> None:
        """`articles`: each source's `Source.path`, which the index holds apart."""
        self._order = dict(zip(sids, range(len(sids))))
        if len(self._order) != len(sids):
            _twice(sids, files)
        self._blobs, self._articles = blobs, articles
        self._built: dict[str, Source] = {}

    def __getitem__(self, sid: str) -> Source:
        found = self._built.get(sid)
        if found is None:
            found = self._built[sid] = Source(*self.fields(self._order[sid]))
        return found

    def fields(self, i: int) -> tuple[str, ...]:
        """The fields of the source at position `i` (`Source`'s, in order), without a `Source`."""
        return marshal.loads(self._blobs[i])

    def articles(self) -> list[str]:
        """Each source's article path (`Source.path`), in registry order."""
        return self._articles


def _twice(sids: list[str], files: list[str]) -> None:
    """The error for the first source id found a second time."""
    where: dict[str, str] = {}
    for sid, f in zip(sids, files):
        if sid in where:
            raise RegistryError(f"source {sid!r} is registered twice", f,
                                f"remove one of {where[sid]} and {f}")
        where[sid] = f


class FilePaths(_BySource, Mapping[str, Path]):
    """Each source's registry file by source id (a `Path` built when first read)."""

    def __init__(self, sources: SourceRows, files: list[str]) -> None:
        self._order, self._files = sources._order, files

    def __getitem__(self, sid: str) -> Path:
        return Path(self._files[self._order[sid]])


class Stated:
    """The (device, inode) of an indexed registry's files and articles that loading `stat`ed,
    for `Registry.inputs`: an input whose path as the registry names it may be another file
    than the one `stat`ed is given by its path instead, to be compared itself."""

    def __init__(self, files: list[str], folders: list[tuple[str, bool, bool]],
                 file_ids: set[Ident], sources: SourceRows) -> None:
        """`folders` are each file's (folder as given to join an article to, whether the
        folder's own path is as written, whether it also holds no symbolic link)."""
        self.files, self.folders, self.file_ids, self.sources = files, folders, file_ids, sources
        #: Each article's (device, inode) when it was unchanged since it last matched.
        self.article_ids: list[Ident | None] = [None] * len(files)
        #: Those `verify_articles` stat'ed, by their paths as `articles` names them.
        self.seen: dict[str, Ident] = {}

    def registry_files(self) -> tuple[set[Ident], list[str]]:
        """The registry files' (device, inode) and the paths of those not trusted by it."""
        return self.file_ids, [f for f, where in zip(self.files, self.folders) if not where[1]]

    def articles(self) -> tuple[set[Ident], list[str]]:
        """The articles' (device, inode) and the paths (as `articles` names them) of the rest."""
        from factcheck.registry.sqlindex import _as_written

        ids, paths, plain, seen = set(self.seen.values()), [], {}, self.seen
        for article, ident, (folder, _, trusted) in zip(self.sources.articles(),
                                                         self.article_ids, self.folders):
            if not article:
                continue
            if ident is not None and trusted and _as_written(article, plain):
                ids.add(ident)
                continue
            key = article if article[:1] == "/" else folder + article
            if key not in seen:
                paths.append(key)
        return ids, paths
