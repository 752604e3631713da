"""Load and save claims registries: claims/<source>.json, canonical order, schema version, sha256."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from factcheck import jsontext
from factcheck.registry.claim import CLAIM_FIELDS, NUMERIC_KINDS, REGISTRY_FIELDS, Claim
from factcheck.text.document import Document, read_path
from factcheck.errors import FactcheckError, RegistryError

SCHEMA_VERSION = 1
SOURCE_FIELDS = ("id", "title", "publisher", "author", "date", "url", "path", "sha256")
_REQUIRED_CLAIM = ("id", "kind", "text", "line", "column", "end_column")


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

    A registry read from the compiled cache (`factcheck.registry.cache`) builds its claims on first
    use, row by row: a check builds only the rows the claim index returns for its figures
    and the names it needs, while `claims` builds them all. A row is a claim's position in
    registry order."""

    def __init__(self, sources: dict[str, Source] | None = None, claims: list[Claim] | None = None,
                 files: dict[str, Path] | None = None, store: Any = None) -> None:
        self.sources: dict[str, Source] = {} if sources is None else sources
        self.files: dict[str, Path] = {} if files is None else files
        self._claims = claims if claims is not None or store is not None else []
        self._store = store
        self._index = None

    @property
    def claims(self) -> list[Claim]:
        """Every claim, ignored ones too, in registry order."""
        if self._claims is None:
            self._claims = self._store.all_claims()
        return self._claims

    @claims.setter
    def claims(self, claims: list[Claim]) -> None:
        self._claims, self._store, self._index = claims, None, None

    def claim(self, row: int) -> Claim:
        """The claim at a row."""
        return self._store.claim(row) if self._store is not None else self.claims[row]

    def index(self):
        """The figure claims indexed for alignment (built once per registry)."""
        if self._index is None:
            from factcheck.check.align import ClaimIndex
            from factcheck.check.rules.base import FIGURE_KINDS

            self._index = self._store.index() if self._store is not None \
                else ClaimIndex(self.of_kind(*FIGURE_KINDS))
        return self._index

    def of_kind(self, *kinds: str) -> list[Claim]:
        """Claims of the given kinds, in registry order (ignored ones left out)."""
        if self._store is not None:
            return [self._store.claim(r) for r in self._store.rows_of_kind(kinds)]
        return [c for c in self.claims if c.kind in kinds and c.status != "ignored"]

    def entities(self, *kinds: str) -> list["Entity"]:
        """Names, titles and quotes of the given kinds as light rows, in registry order
        (ignored ones left out); `claim(e.row)` builds one's Claim."""
        if self._store is not None:
            return self._store.entities(kinds)
        return [Entity(i, c.kind, c.value, c.subject, c.roles) for i, c in enumerate(self.claims)
                if c.kind in kinds and c.status != "ignored"]

    def distinct_entities(self, *kinds: str) -> list["Entity"]:
        """`entities(*kinds)` keeping the first of each spelling with its kind and roles: the
        rest find what it finds. Cached registries keep the answer."""
        if self._store is not None:
            return self._store.entities(kinds, distinct=True)
        return distinct(self.entities(*kinds))

    def with_value(self, kind: str, value: Any) -> list[Claim]:
        """Claims of a figure kind stating exactly `value`, ignored ones too, in registry order."""
        if self._store is not None:
            return [c for c in map(self._store.claim, self._store.rows_with_value(kind, value))
                    if c.kind == kind and c.value == value]
        return [c for c in self.claims if c.kind == kind and c.value == value]

    def known_conflicts(self, claim: Claim) -> "Sequence[Claim] | None":
        """What `curate.conflicts_of` found for a claim of a cached registry before, if anything."""
        return self._store.known_conflicts(claim) if self._store is not None else None

    def keep_conflicts(self, claim: Claim, found: list[Claim]) -> None:
        """Remember what `curate.conflicts_of` found (kept with a cached registry)."""
        if self._store is not None:
            self._store.keep_conflicts(claim, found)

    def add(self, source: Source, claims: list[Claim], path: Path) -> None:
        """Add one source's claims; a source id loaded twice is an error."""
        if source.id in self.sources:
            raise RegistryError(f"source {source.id!r} is registered twice", str(path),
                                f"remove one of {self.files[source.id]} and {path}")
        self.sources[source.id] = source
        self.files[source.id] = path
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


def distinct(entities: Iterable[Entity]) -> list[Entity]:
    """The first entity of each (kind, value, roles), in their order."""
    first: dict[tuple, Entity] = {}
    for e in entities:
        first.setdefault((e.kind, e.value, e.roles), e)
    return list(first.values())


def sha256_text(text: str) -> str:
    """sha256 of the text's UTF-8 bytes."""
    import hashlib  # imports that only some commands need stay off the start-up path

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_claims_dir() -> Path:
    """The built-in registry: packaged as factcheck/_claims, or the repository's claims/ folder."""
    from importlib import resources

    packaged = resources.files("factcheck") / "_claims"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "claims"


def registry_files(paths: list[Path]) -> list[Path]:
    """JSON files named directly or found in named folders, sorted within each folder."""
    out: list[Path] = []
    for p in paths:
        if str(p) == "builtin":
            p = default_claims_dir()
        if p.is_dir():
            out += sorted(p.glob("*.json"), key=_name)  # one folder: as Paths sort, faster
        elif p.exists():
            out.append(p)
        else:
            raise RegistryError("no such claims file or folder", str(p), "check --claims")
    return out


def _name(path: Path) -> str:
    return path.name


def load(paths: list[Path] | None = None, check_stale: bool = True) -> Registry:
    """Load registries from files or folders (default: the built-in one).

    A compiled cache of the same files (same paths, sizes and modification times) is read
    instead of the JSON when there is one; otherwise the files are read, validated and
    cached for the next load."""
    from factcheck.registry import cache as regcache

    files = registry_files(paths or [default_claims_dir()])
    if not files:
        raise RegistryError("no claims registry found", ", ".join(map(str, paths or [])),
                            "run 'factcheck extract ARTICLE' or pass --claims")
    key = regcache.key(files)
    reg = regcache.read(key, files, check_stale)
    if reg is not None:
        return reg
    reg = Registry()
    for f in files:
        source, claims = load_file(f)
        if check_stale:
            _check_stale(source, f)
        reg.add(source, claims, f)
    regcache.write(key, files, reg)
    return reg


def load_file(path: Path) -> tuple[Source, list[Claim]]:
    """One registry file, validated; every problem is a RegistryError naming file and place."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise RegistryError(f"invalid JSON ({exc.msg})", f"{path}:{exc.lineno}:{exc.colno}",
                            "fix the file or rebuild it with 'factcheck extract'") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"cannot read registry ({exc})", str(path)) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number; arrays nested 100,000 deep
        raise RegistryError(f"invalid JSON ({str(exc).split(':')[0]})", str(path),
                            "fix the file or rebuild it with 'factcheck extract'") from None
    return parse_registry(data, str(path))


def parse_registry(data: Any, where: str) -> tuple[Source, list[Claim]]:
    """Validate a registry object and build its Source and Claims."""
    if not isinstance(data, dict) or "claims" not in data or "source" not in data:
        raise RegistryError("not a claims registry (needs 'schema', 'source' and 'claims')", where)
    if data.get("schema") != SCHEMA_VERSION:
        raise RegistryError(f"schema version {data.get('schema')!r} is not {SCHEMA_VERSION}", where,
                            "rebuild it with 'factcheck extract'")
    src = data["source"]
    if not isinstance(src, dict) or not src.get("id"):
        raise RegistryError("source.id is missing", f"{where}: source", "give the source an id")
    unknown = set(src) - set(SOURCE_FIELDS)
    if unknown:
        raise RegistryError(f"unknown source field {sorted(unknown)[0]!r}", f"{where}: source")
    source = Source(**{k: str(src.get(k) or "") for k in SOURCE_FIELDS})
    claims, ids = [], set()
    for i, raw in enumerate(data["claims"] if isinstance(data["claims"], list) else [None]):
        claim = _plain_claim(raw, source.id, ids)
        claims.append(claim or _claim(raw, f"{where}: claims[{i}]", source.id, ids))
    return source, claims


#: JSON types of claim fields (bool is excluded from int below); value/low/high: number or text.
_CLAIM_TYPES: dict[str, type | tuple[type, ...]] = {
    **dict.fromkeys(("id", "kind", "text", "unit", "qualifier", "subject", "before", "after",
                     "context", "sentence", "status", "note"), str),
    **dict.fromkeys(("line", "column", "end_column", "start", "end"), int),
    "low_open": bool, "high_open": bool, "roles": list,
    **dict.fromkeys(("value", "low", "high"), (str, int, float, type(None))),
}


_FIELD_SET = frozenset(REGISTRY_FIELDS)
_REQUIRED_SET = frozenset(_REQUIRED_CLAIM)
_SCALAR = (str, int, float, type(None))


def _plain_claim(raw: Any, source: str, ids: set[str]) -> Claim | None:
    """The claim of an entry as `extract` writes it (exact JSON types, known fields, a new id,
    finite figures), checked and built quickly; None for anything else, which `_claim` then
    validates field by field and reports exactly."""
    if type(raw) is not dict:
        return None
    shape = (*raw, *map(type, raw.values()))  # field names and JSON types, checked once per shape
    if shape not in _PLAIN_SHAPES:
        if not _plain_shape(raw):
            return None
        _PLAIN_SHAPES.add(shape)
    roles = raw.get("roles")
    if roles and not all(type(r) is str for r in roles):
        return None
    if raw["id"] in ids or raw.get("status", "auto") not in ("auto", "verified", "ignored"):
        return None
    if raw["kind"] not in NUMERIC_KINDS and not isinstance(raw.get("value"), (str, type(None))):
        return None  # a date's or a name's value is text: let _claim say so
    kw = dict(raw)
    kw["source"] = source
    numeric = ("low", "high", "value") if raw["kind"] in NUMERIC_KINDS else ("low", "high")
    for key in numeric:
        value = kw.get(key)
        if value is not None:
            try:
                value = kw[key] = Decimal(str(value))
            except ArithmeticError:
                return None
            if not value.is_finite():
                return None
    kw["roles"] = tuple(roles or ())
    kw.setdefault("start", 0)
    kw.setdefault("end", 0)
    ids.add(raw["id"])
    if len(kw) < len(CLAIM_FIELDS) or _SETTERS is None:
        return Claim(**kw)
    claim = _new_claim(Claim)  # every field given: set the slots directly, 3x faster than __init__
    for setter, name in _SETTERS:
        setter(claim, kw[name])
    return claim


_PLAIN_SHAPES: set[tuple] = set()
_new_claim = object.__new__
#: The slot setters of a Claim, when its __init__ only stores its fields (no __post_init__).
_SETTERS = None if hasattr(Claim, "__post_init__") else \
    [(Claim.__dict__[name].__set__, name) for name in CLAIM_FIELDS]


def _plain_shape(raw: dict) -> bool:
    """Known fields, the required ones present, each of exactly its JSON type."""
    if not _REQUIRED_SET <= raw.keys() or not raw.keys() <= _FIELD_SET:
        return False
    for key, value in raw.items():
        want = _CLAIM_TYPES[key]
        if type(value) is not want and (want is not _CLAIM_TYPES["value"]
                                        or type(value) not in _SCALAR):
            return False
    return True


def _claim(raw: Any, where: str, source: str, ids: set[str]) -> Claim:
    if not isinstance(raw, dict):
        raise RegistryError("a claim must be an object", where)
    missing = [k for k in _REQUIRED_CLAIM if k not in raw]
    if missing:
        raise RegistryError(f"claim field {missing[0]!r} is missing", where)
    unknown = set(raw) - set(REGISTRY_FIELDS)
    if unknown:
        raise RegistryError(f"unknown claim field {sorted(unknown)[0]!r}", where)
    raw = {k: int(v) if _CLAIM_TYPES.get(k) is int and isinstance(v, str) and v.isascii()
           and v.isdigit() else v for k, v in raw.items()}  # a hand-quoted "3" is still a line
    for key, value in raw.items():
        want = _CLAIM_TYPES.get(key, object)
        if not isinstance(value, want) or (isinstance(value, bool) and want is int) \
                or (key == "roles" and not all(isinstance(r, str) for r in value)):
            raise RegistryError(f"claim field {key!r} has the wrong type ({type(value).__name__})", where,
                                "fix the file or rebuild it with 'factcheck extract'")
    if raw["kind"] not in NUMERIC_KINDS and not isinstance(raw.get("value"), (str, type(None))):
        raise RegistryError(f"the value of a {raw['kind']!r} claim must be text", where)
    if raw["id"] in ids:
        raise RegistryError(f"duplicate claim id {raw['id']!r}", where, "make each id unique")
    if raw.get("status", "auto") not in ("auto", "verified", "ignored"):
        raise RegistryError(f"status {raw['status']!r} is not auto, verified or ignored", where)
    ids.add(raw["id"])
    try:
        claim = Claim.from_dict({**raw, "source": source})
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise RegistryError(f"bad claim value ({exc})", where) from None
    if any(isinstance(v, Decimal) and not v.is_finite() for v in (claim.value, claim.low, claim.high)):
        raise RegistryError("a claim's value or bound is not a finite number", where)
    return claim


def _check_stale(source: Source, path: Path) -> None:
    """A registry whose article changed since extraction is stale."""
    if article_matches(source, path) is False:
        article = path.parent / source.path
        raise RegistryError(f"registry is stale: {article} changed since it was extracted", str(path),
                            f"rebuild it with 'factcheck extract {article} --name {source.id} "
                            f"--output {path}'")


def article_matches(source: Source, path: Path) -> bool | None:
    """Whether the source's article still has its sha256 (None: no article or sha256 to
    compare, or the article cannot be read)."""
    if not source.path or not source.sha256:
        return None
    article = (path.parent / source.path)
    if _plain_utf8_sha256(article) == source.sha256:
        return True  # the common case, without guessing the encoding; anything else as extract read it
    try:  # decoded as `extract` decoded it (GBK, Big5, UTF-16 …); unreadable: nothing to compare
        text = read_path(article).text
    except FactcheckError:
        return None
    return sha256_text(text) == source.sha256


def _plain_utf8_sha256(path: Path) -> str:
    """sha256 of a file read as plain UTF-8 ("" if it cannot be)."""
    try:
        return sha256_text(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def dumps(source: Source, claims: list[Claim]) -> str:
    """Canonical registry text: fixed key order, claims by position, two-space indent."""
    body = {"schema": SCHEMA_VERSION, "source": asdict(source),
            "claims": [c.to_dict() for c in sorted(claims, key=lambda c: (c.start, c.end, c.id))]}
    return jsontext.dumps(body) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """Write a registry whole or not at all (see factcheck.atomic)."""
    from factcheck.atomic import write_text

    write_text(path, text)


def detect_metadata(doc: Document) -> dict[str, str]:
    """Title, publisher, author and date read from a news page's text."""
    head = "\n".join(doc.line_text(i + 1) for i in range(min(doc.line_count, 30)))
    meta: dict[str, str] = {}
    m = re.search(r"(20\d\d|19\d\d)[-/年.](\d{1,2})[-/月.](\d{1,2})", head)
    if m:
        meta["date"] = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.search(r"来源[:：]\s*([^\s|]+)", head)
    if m:
        meta["publisher"] = m.group(1)
    m = re.search(r"原标题[:：]\s*(.+?)(（引题）|\(引题\)|$)", head, re.M)
    title = m.group(1).strip() if m else next(
        (ln.strip() for ln in head.splitlines() if len(ln.strip()) >= 8), "")
    meta["title"] = title
    m = re.search(r"记者\s*([\u4e00-\u9fff]{2,4})", head)
    if m:
        meta["author"] = m.group(1)
    return meta


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
    return Registry(sources={k: v for k, v in registry.sources.items() if k in keep},
                    claims=claims, files={k: v for k, v in registry.files.items() if k in keep})


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a registry file, as docs/claims.schema.json ships it."""
    from factcheck.registry.claim import ENTITY_KINDS, NUMERIC_KINDS

    text = {"type": "string"}
    decimal = {"type": ["string", "null"], "pattern": r"^-?[0-9]+(\.[0-9]+)?$",
               "description": "A decimal as text (448000, 3.03), or null when unbounded."}
    count = {"type": "integer", "minimum": 0}
    claim_props: dict[str, Any] = {
        "id": {**text, "minLength": 1, "description": "Unique within the file: kind:subject:text."},
        # Open: rules add kinds (quote, …); the loader does not restrict them either.
        "kind": {"type": "string", "pattern": "^[a-z][a-z_]*$",
                 "examples": sorted(NUMERIC_KINDS | ENTITY_KINDS | {"date"})},
        "text": {**text, "description": "The words as the article writes them (768家)."},
        "value": {"type": ["string", "null"],
                  "description": "Decimal text for figures, ISO date (XXXX for an unknown year), "
                                 "or the name."},
        "low": decimal, "high": decimal,
        "low_open": {"type": "boolean"}, "high_open": {"type": "boolean"},
        "unit": text, "qualifier": text,
        "subject": {**text, "description": "What the figure counts; may be edited by hand."},
        "roles": {"type": "array", "items": text},
        "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
        "end_column": {"type": "integer", "minimum": 1},
        "start": count, "end": count,
        "before": text, "after": text, "context": text, "sentence": text,
        "status": {"enum": ["auto", "verified", "ignored"],
                   "description": "ignored claims are skipped when checking."},
        "note": text,
    }
    source_props: dict[str, Any] = {k: dict(text) for k in SOURCE_FIELDS}
    source_props["id"].update(minLength=1, description="The source's id; also each claim's source.")
    source_props["date"].update(pattern=r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$",
                                description="Publication date; resolves 今年 and dates without a year.")
    source_props["path"]["description"] = "The article file, relative to this registry file."
    source_props["sha256"].update(pattern="^([0-9a-f]{64})?$",
                                  description="sha256 of the article's decoded text (for a saved "
                                              "page: the whole decoded HTML); a mismatch is stale.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "factcheck claims registry",
        "description": "One source article's claims: claims/<source>.json.",
        "type": "object",
        "required": ["schema", "source", "claims"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": SCHEMA_VERSION},
            "source": {"type": "object", "required": ["id"], "additionalProperties": False,
                       "properties": source_props},
            "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
        },
        "$defs": {"claim": {"type": "object", "required": list(_REQUIRED_CLAIM),
                            "additionalProperties": False, "properties": claim_props}},
    }
