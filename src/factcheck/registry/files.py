"""Registry files: claims/<source>.json read and validated, written in canonical order with the schema
version and the article's sha256; where the built-in registry lives."""

from __future__ import annotations

import json
import os
import sys
from collections import namedtuple
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any

from factcheck import jsontext
from factcheck.errors import FactcheckError, RegistryError
from factcheck.records import MISSING, asdict, fields
from factcheck.registry.claim import CLAIM_FIELDS, NUMERIC_KINDS, REGISTRY_FIELDS, Claim
from factcheck.registry.model import Source
from factcheck.text.read import read_path

SCHEMA_VERSION = 1


SOURCE_FIELDS = ("id", "title", "publisher", "author", "date", "url", "path", "sha256")


REQUIRED_CLAIM = ("id", "kind", "text", "line", "column", "end_column")


def sha256_text(text: str) -> str:
    """sha256 of the text's UTF-8 bytes."""
    import hashlib  # imports that only some commands need stay off the start-up path

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_claims_dir() -> Path:
    """The built-in registry: packaged as factcheck/_claims, or the repository's claims/ folder.
    The package's folder is found from this file, as importlib.resources finds it for a package
    on disk (without importing it: 4 ms of start-up)."""
    packaged = Path(__file__).parents[1] / "_claims"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "claims"


def registry_files(paths: list[Path]) -> list[Path]:
    """JSON files named directly or found in named folders, sorted within each folder."""
    from factcheck.registry.store import listed  # store reads this module: imported here

    return [Path(os.path.join(head, name)) for head, names in listed(paths) for name in names]


def load_file(path: Path, raw: bytes | None = None,
              rows: bool = False) -> tuple[Source, list[Claim]]:
    """One registry file (whose bytes are `raw` when already read), validated; every problem is
    a RegistryError naming file and place. With `rows`, the claims an extract writes are
    `ClaimRow`s (the index reads their fields, never builds a `Claim` of them; it reads a file
    in exactly the shape `extract` writes with msgspec first: `typedfile.read_rows`)."""
    try:
        data = json.loads(read_json_text(path) if raw is None else raw.decode("utf-8-sig"))
    except json.JSONDecodeError as exc:
        raise RegistryError(f"invalid JSON ({exc.msg})", f"{path}:{exc.lineno}:{exc.colno}",
                            "fix the file or rebuild it with 'factcheck extract'") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"cannot read registry ({exc})", str(path)) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number; arrays nested 100,000 deep
        raise RegistryError(f"invalid JSON ({str(exc).split(':')[0]})", str(path),
                            "fix the file or rebuild it with 'factcheck extract'") from None
    return parse_registry(data, str(path), rows)


def read_json_text(path: Path) -> str:
    """A registry file's text; a UTF-8 byte-order mark (as Windows editors save) is not text."""
    return path.read_bytes().decode("utf-8-sig")


def parse_registry(data: Any, where: str, rows: bool = False) -> tuple[Source, list[Claim]]:
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
    if not isinstance(data["claims"], list):
        raise RegistryError(f"'claims' must be a list of claims, not {type(data['claims']).__name__}",
                            f"{where}: claims", "fix the file or rebuild it with 'factcheck extract'")
    claims, ids = [], set()
    for i, raw in enumerate(data["claims"]):
        claim = rows and _entry_row(raw, source.id, ids) or _plain_claim(raw, source.id, ids, rows)
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


_REQUIRED_SET = frozenset(REQUIRED_CLAIM)


_SCALAR = (str, int, float, type(None))


def _plain_claim(raw: Any, source: str, ids: set[str], rows: bool = False) -> Claim | None:
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
    if not _plain_fields(raw["kind"], raw.get("value"), roles, raw["id"],
                         raw.get("status", "auto"), ids):
        return None
    if rows:
        return _plain_row(raw, source, ids)  # type: ignore[return-value]
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
_STATUSES = ("auto", "verified", "ignored")


def _plain_fields(kind: str, value: Any, roles: Any, cid: str, status: str, ids: set[str]) -> bool:
    """What a plain entry (`_plain_claim`, `_entry_row`) holds beyond its JSON types: roles
    as text, a new id, a known status, and text (or nothing) as a date's or a name's value
    (anything else is left to `_claim`, which says what is wrong)."""
    return (not roles or all(type(r) is str for r in roles)) and cid not in ids \
        and status in _STATUSES and (kind in NUMERIC_KINDS or isinstance(value, (str, type(None))))


def _row_number(value: str | int | float) -> str | None:
    """A figure's Decimal text as a row keeps it (`_decimal_text`, remembered for texts)."""
    return (_decimal_texts.get(value) if type(value) is str else None) or _decimal_text(value)


#: A claim's fields as a named tuple, as the index keeps them (`sqlindex.row_fields`: numbers
#: as their Decimal's text; kind, source and status interned), built at C speed, unlike a
#: frozen `Claim`'s 24 slots: what `load_file(..., rows=True)` gives for a plain entry.
ClaimRow = namedtuple("ClaimRow", CLAIM_FIELDS, defaults=[  # type: ignore[misc]
    f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
    for f in fields(Claim) if f.default is not MISSING or f.default_factory is not MISSING])
_ROW_DEFAULTS = {**ClaimRow._field_defaults, "start": 0, "end": 0}
_ROW_FIELDS = itemgetter(*CLAIM_FIELDS)
_new_row = tuple.__new__
_NUMBERS, _BOUNDS = ("value", "low", "high"), ("low", "high")
#: The Decimal text of number texts met before (values repeat across sources).
_decimal_texts: dict[str, str] = {}


def _plain_row(raw: dict, source: str, ids: set[str]) -> ClaimRow | None:
    """The `ClaimRow` of an entry `_plain_claim` checked; None for a figure that is not a
    finite number."""
    kw = {**_ROW_DEFAULTS, **raw}
    for key in _NUMBERS if raw["kind"] in NUMERIC_KINDS else _BOUNDS:
        value = kw[key]
        if value is not None:
            kw[key] = _row_number(value)
            if kw[key] is None:
                return None
    kw["kind"], kw["source"], kw["status"] = _intern(raw["kind"]), _intern(source), \
        _intern(kw["status"])
    kw["roles"] = tuple(kw["roles"])
    ids.add(raw["id"])
    return _new_row(ClaimRow, _ROW_FIELDS(kw))


#: An entry's fields in `REGISTRY_FIELDS` order, read at once; where each of a row's fields
#: (`CLAIM_FIELDS`) stands among them and the source after them.
_ENTRY = itemgetter(*REGISTRY_FIELDS)
_TO_ROW = itemgetter(*((*REGISTRY_FIELDS, "source").index(f) for f in CLAIM_FIELDS))
_AT = {f: REGISTRY_FIELDS.index(f) for f in ("kind", "value", "low", "high", "roles", "id",
                                             "status")}
_ENTRY_NUMBERS = tuple(_AT[f] for f in _NUMBERS)
_ENTRY_BOUNDS = tuple(_AT[f] for f in _BOUNDS)
_E_KIND, _E_VALUE, _E_ROLES, _E_ID, _E_STATUS = map(_AT.get, ("kind", "value", "roles", "id", "status"))
#: The types (in `REGISTRY_FIELDS` order) of the entries `_plain_shape` passed.
_PLAIN_TYPES: set[tuple] = set()


def _entry_row(raw: Any, source: str, ids: set[str]) -> ClaimRow | None:
    """`_plain_row` of an entry holding every field (as `extract` writes it), read in one go
    rather than merged with the defaults; None for any other entry (`_plain_claim`'s)."""
    if type(raw) is not dict or len(raw) != len(REGISTRY_FIELDS):
        return None
    try:
        v = list(_ENTRY(raw))  # every field there, and no other: the count says so
    except KeyError:
        return None
    types = tuple(map(type, v))
    if types not in _PLAIN_TYPES:
        if not _plain_shape(raw):
            return None
        _PLAIN_TYPES.add(types)
    kind, roles, status, cid = v[_E_KIND], v[_E_ROLES], v[_E_STATUS], v[_E_ID]
    if not _plain_fields(kind, v[_E_VALUE], roles, cid, status, ids):
        return None
    texts = _decimal_texts
    for i in _ENTRY_NUMBERS if kind in NUMERIC_KINDS else _ENTRY_BOUNDS:
        value = v[i]
        if value is not None:  # `_row_number`, inline
            value = v[i] = (texts.get(value) if type(value) is str else None) or _decimal_text(value)
            if value is None:
                return None
    v[_E_KIND], v[_E_STATUS], v[_E_ROLES] = _intern(kind), _intern(status), tuple(roles)
    v.append(_intern(source))
    ids.add(cid)
    return _new_row(ClaimRow, _TO_ROW(v))


def _decimal_text(value: str | int | float) -> str | None:
    """`str(Decimal(str(value)))`, as `_plain_claim` reads a figure; None when not finite."""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    if not number.is_finite():
        return None
    text = str(number)
    if type(value) is str:
        if len(_decimal_texts) >= 65536:
            _decimal_texts.clear()
        _decimal_texts[value] = text
    return text


_new_claim = object.__new__
_intern = sys.intern


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
    missing = [k for k in REQUIRED_CLAIM if k not in raw]
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


def check_stale(source: Source, path: Path) -> None:
    """A registry whose article changed since extraction is stale."""
    if article_matches(source, path) is False:
        article = path.parent / source.path
        raise RegistryError(f"registry is stale: {article} changed since it was extracted", str(path),
                            f"rebuild it with 'factcheck extract {article} --name {source.id} "
                            f"--output {path}'")


def article_matches(source: Source, path: Path, keep: bool = True) -> bool | None:
    """Whether the source's article still has its sha256 (None: no article or sha256 to
    compare, or the article cannot be read); one that matches is kept in the cache folder
    unless not `keep` (the registry index keeps its own: one write per article, of every
    article kept, cost more than reading them all at 10,000 sources)."""
    if not source.path or not source.sha256:
        return None
    article = (path.parent / source.path)
    stamp = _stamp(article)
    if stamp is not None and _verified().get(stamp[0]) == (*stamp[1:], source.sha256):
        return True  # unchanged since it last matched: no need to read and hash it
    if _plain_utf8_sha256(article) == source.sha256:
        if keep:
            _remember(stamp, source.sha256)
        return True  # the common case, without guessing the encoding; anything else as extract read it
    try:  # decoded as `extract` decoded it (GBK, Big5, UTF-16 …); unreadable: nothing to compare
        text = read_path(article).text
    except FactcheckError:
        return None
    return sha256_text(text) == source.sha256


#: Articles that matched their sha256, kept in the cache folder: {path: (size, mtime_ns, sha256)}.
_VERIFIED = "articles"
_VERIFIED_KEY = "path size mtime_ns sha256"
_verified_articles: dict[str, tuple[int, int, str]] | None = None
#: An article modified more recently than this is hashed again next time (as the index does:
#: a rewrite within the file system's timestamp granularity could keep size and time).
_RACY_NS = 2_000_000_000


def _stamp(article: Path) -> tuple[str, int, int] | None:
    """The article's (absolute path, size, mtime_ns); None if it cannot be read."""
    import os

    try:
        path = os.path.abspath(article)
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return path, st.st_size, st.st_mtime_ns


def _verified() -> dict[str, tuple[int, int, str]]:
    """The articles that matched their sha256 in earlier runs ({} when none are kept)."""
    global _verified_articles
    if _verified_articles is None:
        import marshal

        from factcheck.registry import cache

        blob = cache.read_blob(_VERIFIED, _VERIFIED_KEY)
        try:
            kept = marshal.loads(blob) if blob else {}
        except Exception:  # a damaged blob: nothing kept
            kept = None
        _verified_articles = kept if isinstance(kept, dict) else {}
    return _verified_articles


def _remember(stamp: tuple[str, int, int] | None, sha256: str) -> None:
    """Keep an article that matched its sha256 (not one modified in the last two seconds)."""
    import marshal
    import time

    from factcheck.registry import cache

    if stamp is None or stamp[2] > time.time_ns() - _RACY_NS or cache.cache_dir() is None:
        return
    kept = _verified()
    if len(kept) >= 1000:  # articles of registries long gone: start afresh
        kept.clear()
    kept[stamp[0]] = (*stamp[1:], sha256)
    cache.write_blob(_VERIFIED, _VERIFIED_KEY, marshal.dumps(kept))


def _plain_utf8_sha256(path: Path) -> str:
    """sha256 of a file's text read as plain UTF-8, as `sha256_text` gives it ("" if it cannot
    be read). Its bytes are hashed as they are: a file that decodes as UTF-8 encodes back to
    the same bytes, and one that does not has no text whose sha256 it could give (10,000
    articles: 0.1 s against 0.23 s decoded and encoded again)."""
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
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
