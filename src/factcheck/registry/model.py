"""The in-memory registry: sources, their claims in registry order, the figure index, light name rows."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.errors import RegistryError
from factcheck.records import dataclass
from factcheck.registry.claim import Claim


@dataclass(frozen=True)
class Source:
    """A registered source article's metadata."""

    id: str
    title: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    path: str = ""
    sha256: str = ""


class Registry:
    """Every claim of every loaded source, with each source's metadata.

    A registry read through its index (`factcheck.registry.sqlstore`) builds its claims on first
    use, row by row: a check builds only the rows the claim index returns for its figures
    and the names it needs, while `claims` builds them all. A row is a claim's position in
    registry order."""

    def __init__(self, sources: Mapping[str, Source] | None = None,
                 claims: list[Claim] | None = None, files: Mapping[str, Path] | None = None,
                 store: Any = None) -> None:
        self.sources: Mapping[str, Source] = {} if sources is None else sources
        self.files: Mapping[str, Path] = {} if files is None else files
        self._claims = claims if claims is not None or store is not None else []
        self._store = store
        self._index = None
        #: What loading `stat`ed of an indexed registry's files and articles
        #: (`registry.inputs.Stated`), which `inputs` answers from.
        self.stated: Any = None

    def inputs(self, articles: bool = False) -> tuple[Collection[tuple[int, int]], list[str]]:
        """The registry files (or with `articles`, the source articles they name) as `check -o`
        compares them: the (device, inode) of those loading `stat`ed, and the paths of the
        rest, as the registry names them (an article relative to its registry file)."""
        if self.stated is not None:
            return self.stated.articles() if articles else self.stated.registry_files()
        if not articles:
            return (), [str(f) for f in self.files.values()]
        join, parent, files = os.path.join, os.path.dirname, self.files
        return (), [join(parent(files[sid]), src.path) for sid, src in self.sources.items()
                    if src.path and sid in files]

    @property
    def claims(self) -> list[Claim]:
        """Every claim, ignored ones too, in registry order."""
        if self._claims is None:
            self._claims = self._store.all_claims()
        return self._claims

    @claims.setter
    def claims(self, claims: list[Claim]) -> None:
        self._claims, self._store, self._index = claims, None, None

    @property
    def indexed(self) -> bool:
        """Whether the registry is read through its index: a lookup (`people_at`) reads a few
        rows there, while a registry read from its files has every name at hand."""
        return self._store is not None

    def claim(self, row: int) -> Claim:
        """The claim at a row."""
        return self._store.claim(row) if self._store is not None else self.claims[row]

    def index(self):
        """The figure claims indexed for alignment (built once per registry)."""
        if self._index is None:
            from factcheck.registry.claim import FIGURE_KINDS
            from factcheck.registry.index import ClaimIndex

            self._index = self._store.index() if self._store is not None \
                else ClaimIndex(self.of_kind(*FIGURE_KINDS))
        return self._index

    def of_kind(self, *kinds: str) -> list[Claim]:
        """Claims of the given kinds, in registry order (ignored ones left out)."""
        if self._store is not None:
            return [self._store.claim(r) for r in self._store.rows_of_kind(kinds)]
        return [c for c in self.claims if c.kind in kinds and c.status != "ignored"]

    def sentences(self, *kinds: str) -> list[str]:
        """The distinct sentences of the claims of some kinds (ignored ones left out), in
        registry order. Indexed registries keep the answer and build no claims for it."""
        if self._store is not None:
            return self._store.sentences(kinds)
        return list(dict.fromkeys(c.sentence for c in self.of_kind(*kinds)))

    def said(self, *kinds: str) -> str:
        """`sentences(*kinds)` joined by line breaks. Indexed registries keep the text."""
        if self._store is not None:
            return self._store.said(kinds)
        return "\n".join(self.sentences(*kinds))

    def said_units(self, *kinds: str) -> bytes:
        """`said(*kinds)` as UTF-16 code units (little-endian, lone surrogates as they are): as
        an indexed registry keeps the text (`sqlindex.joined_body`), read without decoding."""
        if self._store is not None:
            return self._store.said_units(kinds)
        return self.said(*kinds).encode("utf-16-le", "surrogatepass")

    def entities(self, *kinds: str) -> list["Entity"]:
        """Names, titles and quotes of the given kinds as light rows, in registry order
        (ignored ones left out); `claim(e.row)` builds one's Claim."""
        if self._store is not None:
            return self._store.entities(kinds)
        return [Entity(i, c.kind, c.value, c.subject, c.roles) for i, c in enumerate(self.claims)
                if c.kind in kinds and c.status != "ignored"]

    def distinct_entities(self, *kinds: str) -> list["Entity"]:
        """`entities(*kinds)` keeping the first of each spelling with its kind and roles: the
        rest find what it finds. Indexed registries keep the answer."""
        if self._store is not None:
            return self._store.entities(kinds, distinct=True)
        return distinct(self.entities(*kinds))

    def people_at(self, starts: Iterable[tuple[str, int | None]],
                  keep: Callable[[str, int], bool] | None = None) -> list["Entity"]:
        """The people of `entities("person")` whose name holds one of `starts` (`holding`), in
        registry order; with `keep`, only those it accepts one of the matching keys of
        (`index.person_keys`: the rest of the name from where the text stands, and that place).
        Indexed registries look them up instead of reading every name."""
        starts = list(starts)
        if self._store is not None:
            return self._store.people.at(starts, keep)
        holds = holding(starts)
        return [e for e in self.entities("person") if holds(str(e.value))
                and (keep is None or kept(str(e.value), starts, keep))]

    def people_with_roles(self, roles: Iterable[str]) -> list["Entity"]:
        """The people of `entities("person")` bearing one of `roles` (two characters or
        more), in registry order. Indexed registries look them up by title."""
        if self._store is not None:
            return self._store.people.with_roles(roles)
        wanted = {r for r in roles if len(r) >= 2}
        return [e for e in self.entities("person") if wanted.intersection(e.roles)]

    def with_value(self, kind: str, value: Any) -> list[Claim]:
        """Claims of a figure kind stating exactly `value`, ignored ones too, in registry order."""
        if self._store is not None:
            return [c for c in map(self._store.claim, self._store.rows_with_value(kind, value))
                    if c.kind == kind and c.value == value]
        return [c for c in self.claims if c.kind == kind and c.value == value]

    def known_conflicts(self, claim: Claim) -> Sequence[Claim] | None:
        """What `curate.conflicts_of` found for a claim of an indexed registry before, if anything."""
        return self._store.known_conflicts(claim) if self._store is not None else None

    def conflicts_since(self, claim: Claim) -> tuple[Sequence[Claim], list[str], int] | None:
        """For an indexed registry to which sources were added after all the others since
        `curate.conflicts_of` last ran for `claim`: what it found, the added sources' ids and
        the row of their first claim (None otherwise)."""
        return self._store.conflicts_since(claim) if self._store is not None else None

    def more_conflicts(self, held: Sequence[Claim], found: list[Claim]) -> Sequence[Claim]:
        """`conflicts_since`'s conflicts followed by those found among the added sources."""
        return self._store.more_conflicts(held, found) if self._store is not None \
            else [*held, *found]

    def figure_words(self, rows: list[int]) -> dict[int, tuple[str, str]]:
        """The qualifier and text of the figure claims at rows of `index()`; an indexed
        registry reads them without building the claims."""
        if self._store is not None:
            return self._store.figure_words(rows)
        get = self.index().get
        return {r: (c.qualifier, c.text) for r in rows for c in [get(r)]}

    def keep_conflicts(self, claim: Claim, found: Sequence[Claim]) -> None:
        """Remember what `curate.conflicts_of` found (kept in an indexed registry)."""
        if self._store is not None:
            self._store.keep_conflicts(claim, found)

    def add(self, source: Source, claims: list[Claim], path: Path) -> None:
        """Add one source's claims; a source id loaded twice is an error."""
        if source.id in self.sources:
            raise RegistryError(f"source {source.id!r} is registered twice", str(path),
                                f"remove one of {self.files[source.id]} and {path}")
        if not isinstance(self.sources, dict) or not isinstance(self.files, dict):
            self.sources, self.files = dict(self.sources), dict(self.files)
        self.sources[source.id] = source
        self.files[source.id] = path
        self.stated = None
        if self._store is not None:
            self.claims = list(self.claims)  # a plain registry from now on
        self.claims.extend(claims)


class Entity(NamedTuple):
    """A name, title or quote claim without its positions: what the name rules compare."""

    row: int
    kind: str
    value: Any
    subject: str
    roles: tuple[str, ...]


def holding(starts: Iterable[tuple[str, int | None]]) -> Callable[[str], bool]:
    """Whether a name holds one of `starts`: (text, position) where the name has the text at
    that position (anywhere when None); ("", -1) where the name is of one character or none."""
    at: dict[tuple[int, int], set[str]] = {}
    anywhere, short = set(), False
    for text, pos in starts:
        if pos is None:
            anywhere.update([text] if text else [])
        elif pos < 0:
            short = True
        else:
            at.setdefault((pos, len(text)), set()).add(text)

    def holds(name: str) -> bool:
        return short and len(name) <= 1 \
            or any(pos < len(name) and name[pos:pos + n] in texts for (pos, n), texts in at.items()) \
            or any(text in name for text in anywhere)
    return holds


def kept(name: str, starts: list[tuple[str, int | None]], keep: Callable[[str, int], bool]) -> bool:
    """Whether `keep` accepts a key of the name (`index.person_keys`) starting with one of `starts`
    at its place (anywhere but -1 for None)."""
    from factcheck.registry.index import person_keys

    return any(key.startswith(text) and (pos == at or pos is None and at >= 0 and text)
               and keep(key, at) for key, at in person_keys(name) for text, pos in starts)


def distinct(entities: Iterable[Entity]) -> list[Entity]:
    """The first entity of each (kind, value, roles), in their order."""
    first: dict[tuple, Entity] = {}
    for e in entities:
        first.setdefault((e.kind, e.value, e.roles), e)
    return list(first.values())


def only(registry: Registry, ids: list[str] | tuple[str, ...]) -> Registry:
    """The registry narrowed to some sources (check --source); an unknown id is a RegistryError."""
    unknown = [i for i in ids if i not in registry.sources]
    if unknown:
        raise RegistryError(f"no source {unknown[0]!r} in the registry", "--source",
                            f"use one of {', '.join(registry.sources) or '(none)'}")
    keep = set(ids)
    store = registry._store
    claims = store.claims_of(keep) if store is not None and registry._claims is None \
        else [c for c in registry.claims if c.source in keep]
    sources, files = registry.sources, registry.files  # only the kept ones are read
    return Registry(sources={k: sources[k] for k in sources if k in keep}, claims=claims,
                    files={k: files[k] for k in files if k in keep})
