"""Registry files read for the index by msgspec (`registry.typedfile`) give exactly the source
and rows the `json` path gives; every file msgspec refuses, or not in `extract`'s shape, is read
by `json` as before, with the same rows or the same one-line error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.errors import RegistryError
from factcheck.registry import files, typedfile

SEED = sorted(files.default_claims_dir().glob("*.json"))
MULTI = Path(__file__).resolve().parents[3] / "shared" / "eval" / "multi" / "sources"


def _outcome(raw: bytes, path: str = "odd.json"):
    """What the index reads (`typedfile.read_rows`): source and rows (with each field's type),
    or the error's line."""
    try:
        source, rows = typedfile.read_rows(Path(path), raw)
    except RegistryError as exc:
        return exc.line()
    fields = [tuple(r) if type(r) is files.ClaimRow else tuple(getattr(r, f) for f in files.CLAIM_FIELDS)
              for r in rows]  # a `Claim` for an entry not as `extract` writes it
    return source, [(type(r), f, tuple(map(type, f))) for r, f in zip(rows, fields)]


def _by_json(raw: bytes, path: str = "odd.json"):
    """The outcome of today's `json` path, msgspec left out."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(typedfile, "load_rows", lambda raw: None)
        return _outcome(raw, path)


def _assert_alike(raw: bytes, typed: bool, path: str = "odd.json"):
    """msgspec reads the file (or refuses it) as `typed` says; the outcome is the `json` one."""
    assert (typedfile.load_rows(raw) is not None) is typed
    got, want = _outcome(raw, path), _by_json(raw, path)
    assert got == want
    return got


@pytest.mark.parametrize("path", SEED, ids=lambda p: p.name)
def test_the_seed_registry_is_read_by_msgspec_alike(path):
    source, rows = _assert_alike(path.read_bytes(), True, str(path))
    assert source.id and len(rows) > 50


def test_the_index_reads_extract_files_without_json():
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(files, "json", None)  # `json.loads` would fail
        source, rows = typedfile.read_rows(SEED[0], SEED[0].read_bytes())
    assert type(rows[0]) is files.ClaimRow and len(rows) == len(_seed()["claims"])


@pytest.mark.skipif(not MULTI.is_dir(), reason="the evaluation set is not beside the clone")
def test_the_multi_registries_are_read_by_msgspec_alike(tmp_path):
    from factcheck.cli import main

    for article in sorted(MULTI.glob("*.txt")):
        out = tmp_path / f"{article.stem}.json"
        assert main(["extract", str(article), "--name", article.stem, "-o", str(out), "--fresh"]) == 0
        _assert_alike(out.read_bytes(), True, str(out))
    assert len(list(tmp_path.glob("*.json"))) == 8


def _seed() -> dict:
    return json.loads(SEED[0].read_bytes())


def _first(kind: str) -> int:
    """Where the seed registry's first `kind` claim stands."""
    return next(i for i, c in enumerate(_seed()["claims"]) if c["kind"] == kind)


def _with(text: str | None, field: str = "value", kind: str = "number", at: str = "claim") -> bytes:
    """The seed registry with one field of its first `kind` claim (or of its source, or of the
    file itself) written as the JSON `text` (which may add fields after it), or left out."""
    data = _seed()
    target = {"claim": lambda: data["claims"][_first(kind)], "source": lambda: data["source"],
              "file": lambda: data}[at]()
    target[field] = "@@"
    if text is None:
        del target[field]
    return json.dumps(data, ensure_ascii=False, indent=2).replace('"@@"', text or "", 1).encode()


def _seed_bytes() -> bytes:
    return SEED[0].read_bytes()


#: Files msgspec reads (True) or leaves to `json` (False), each with what `json` makes of it.
ODD = {
    # numbers as JSON numbers: Python's float, int and msgspec's agree
    "float": (_with("1.5"), True), "-0": (_with("-0"), True), "-0.0": (_with("-0.0"), True),
    "1E5": (_with("1E5"), True), "long float": (_with("0.1000000000000000055511151231257827"), True),
    "tiniest float": (_with("4.9e-324"), True), "underflow": (_with("1.0e-400"), True),
    "big int": (_with("123456789012345678901234567890"), True),
    "20-digit int": (_with("19990003698613722139"), True),  # msgspec 0.18 wrapped it around
    "-20-digit int": (_with("-19725661074331103225", "low"), True),
    "4300-digit int": (_with("9" * 4300), True), "-4300-digit int": (_with("-" + "9" * 4300), False),
    "4301-digit int": (_with("9" * 4301), False), "big int line": (_with("1" + "0" * 30, "line"), True),
    "1e400": (_with("1e400"), False), "-1e400 bound": (_with("-1e400", "low"), False),
    "NaN": (_with("NaN"), False), "Infinity": (_with("Infinity", "high"), False),
    "int in an int field as float": (_with("3.0", "line"), False),
    "quoted line": (_with('"3"', "line"), False), "bool line": (_with("true", "line"), False),
    "int flag": (_with("0", "low_open"), False), "bool value": (_with("true"), False),
    "number of a date": (_with("2023", kind="date"), False),
    "figure text": (_with('"1e3"'), True), "bad figure": (_with('"abc"'), False),
    "infinite figure": (_with('"Infinity"'), False), "non-text role": (_with("[1]", "roles"), False),
    "null text": (_with("null", "text"), False),
    # fields
    "missing field": (_with(None, "note"), False),
    "extra field": (_with('"", "colour": "red"', "note"), False),
    "extra file field": (_with("1", "x", at="file"), False),
    "source field missing": (_with(None, "url", at="source"), False),
    "number as a source field": (_with("2023", "date", at="source"), False),
    "no source id": (_with('""', "id", at="source"), False),
    "schema 2": (_with("2", "schema", at="file"), False),
    "schema true": (_with("true", "schema", at="file"), False),
    "schema 1.0": (_with("1.0", "schema", at="file"), False),
    "bad status": (_with('"done"', "status"), False),
    "duplicate id": (_with(json.dumps(_seed()["claims"][0]["id"]), "id", kind="date"), False),
    "no claims": (_with("[]", "claims", at="file"), True),
    # duplicate keys: the last one counts, in both
    "duplicate key": (_with('"x", "id": "only-once"', "id"), True),
    "duplicate key, first of another type": (_with('"x", "line": 7', "line"), False),
    "duplicate key, last of another type": (_with('7, "line": "x"', "line"), False),
    "duplicate file key": (_with("2", "schema", at="file").replace(b'"schema": 2',
                                                                    b'"schema": 2, "schema": 1'),
                           True),
    # strings
    "NUL escape": (_with(r'"a\u0000b"', "note"), True),
    "surrogate pair": (_with(r'"\ud83d\ude00"', "note"), True),
    "lone surrogate": (_with(r'"\ud800"', "note"), False),
    "lone low surrogate": (_with(r'"\udc00x"', "note"), False),
    "escaped slash": (_with(r'"a\/b"', "note"), True),
    "raw tab in text": (_with('"a\tb"', "note"), False),
    "raw DEL in text": (_with('"a\x7fb"', "note"), True),
    # the file
    "BOM": (b"\xef\xbb\xbf" + _seed_bytes(), False),
    "not UTF-8": (_with('"@X@"', "note").replace(b"@X@", b"\xff"), False),
    "encoded surrogate": (_with('"@X@"', "note").replace(b"@X@", b"\xed\xa0\x80"), False),
    "trailing comma": (_seed_bytes().replace(b'"note": ""\n', b'"note": "",\n', 1), False),
    "trailing text": (_seed_bytes() + b"x", False), "trailing space": (_seed_bytes() + b" \n\t", True),
    "form feed after": (_seed_bytes() + b"\x0c", False),
    "not a registry": (b"[1, 2]", False), "empty": (b"", False),
    "deep": (b"[" * 100_000 + b"]" * 100_000, False),
}


@pytest.mark.parametrize("name", ODD)
def test_odd_files_read_alike(name):
    raw, typed = ODD[name]
    _assert_alike(raw, typed)


#: Today's error lines for some files msgspec refuses.
ERRORS = {
    "trailing comma": "error: invalid JSON (Expecting property name enclosed in double quotes), "
                      "odd.json:38:5; fix the file or rebuild it with 'factcheck extract'",
    "not UTF-8": "error: cannot read registry ('utf-8' codec can't decode byte 0xff in position "
                 "5193: invalid start byte), odd.json",
    "duplicate id": "error: duplicate claim id 'ordinal:喜迎工会:十八大', odd.json: claims[1]; "
                    "make each id unique",
    "deep": "error: invalid JSON (maximum recursion depth exceeded while decoding a JSON array from "
            "a unicode string), odd.json; fix the file or rebuild it with 'factcheck extract'",
    "4301-digit int": "error: invalid JSON (Exceeds the limit (4300 digits) for integer string "
                      "conversion), odd.json; fix the file or rebuild it with 'factcheck extract'",
    "NaN": "error: a claim's value or bound is not a finite number, odd.json: claims[6]",
    "bad status": "error: status 'done' is not auto, verified or ignored, odd.json: claims[6]",
    "raw tab in text": "error: invalid JSON (Invalid control character at), odd.json:187:17; fix "
                       "the file or rebuild it with 'factcheck extract'",
    "extra field": "error: unknown claim field 'colour', odd.json: claims[6]",
}


@pytest.mark.parametrize("name", ERRORS)
def test_bad_files_keep_their_error(name):
    assert _outcome(ODD[name][0]) == ERRORS[name]


def test_files_json_reads_otherwise_give_the_same_rows():
    """What `json` reads beyond `extract`'s shape: a missing field (its default), a lone
    surrogate, a `true` schema."""
    seed = _outcome(_seed_bytes())[1]
    assert _outcome(ODD["missing field"][0])[1] == seed
    assert _outcome(ODD["schema true"][0])[1] == seed
    assert _outcome(ODD["lone surrogate"][0])[1][6][1][files.CLAIM_FIELDS.index("note")] == "\ud800"


def test_figures_are_the_decimal_texts_rows_keep():
    """Figures given as JSON numbers are kept as their Decimal's text, as `json` gives them."""
    at, value = _first("number"), files.CLAIM_FIELDS.index("value")
    values = {name: _outcome(ODD[name][0])[1][at][1][value]
              for name in ("float", "-0", "-0.0", "1E5", "big int", "figure text")}
    assert values == {"float": "1.5", "-0": "0", "-0.0": "-0.0", "1E5": "100000.0",
                      "big int": "123456789012345678901234567890", "figure text": "1E+3"}
