"""A registry file in exactly the shape `factcheck extract` writes, read for the index: msgspec
decodes its bytes into typed structs (every field there and no other, each of its JSON type,
roles all text, a known status: checked in C, in half `json.loads`'s time) whose fields are then
a `ClaimRow`'s with little Python per claim. Any other file (a byte-order mark, NaN, a field
missing, extra or of another type, a repeated id, a figure that is no finite number, invalid
JSON…) gives None: `read_rows` then reads it with `files.load_file` (`json`), validated as
before, with the same results and errors. Imported only to build the index: importing it and msgspec costs a
check 7-8 ms, 20 times what reading the built-in registry with `json` takes."""

from pathlib import Path
from typing import Literal

import msgspec

from factcheck.registry.claim import CLAIM_FIELDS, NUMERIC_KINDS
from factcheck.registry.files import (_CLAIM_TYPES, _STATUSES, SCHEMA_VERSION, SOURCE_FIELDS,
                                      ClaimRow, _decimal_text, _decimal_texts, _intern, load_file)
from factcheck.registry.model import Source

#: The msgspec type of each JSON type `files._CLAIM_TYPES` names.
_TYPED = {str: str, int: int, bool: bool, list: tuple[str, ...],
          _CLAIM_TYPES["value"]: str | int | float | None}
#: A claim entry, its fields in a row's order (`CLAIM_FIELDS`) less the source, all required;
#: untracked by the garbage collector (text, numbers and tuples of text make no cycle), which
#: would otherwise go over the 600,000 entries of 10,000 files as they are made.
_Entry = msgspec.defstruct("_Entry", [
    (f, Literal[_STATUSES] if f == "status" else _TYPED[_CLAIM_TYPES[f]])
    for f in CLAIM_FIELDS if f != "source"], forbid_unknown_fields=True, gc=False)
_Source = msgspec.defstruct("_Source", [(f, str) for f in SOURCE_FIELDS],
                            forbid_unknown_fields=True)


class _Registry(msgspec.Struct, forbid_unknown_fields=True):
    schema: int
    source: _Source  # type: ignore[valid-type]
    claims: list[_Entry]  # type: ignore[valid-type]


_decode = msgspec.json.Decoder(_Registry).decode
_fields = msgspec.structs.astuple
_new_row = tuple.__new__
#: Where fields stand in a row (`CLAIM_FIELDS`); all but source in an entry's fields too.
_KIND, _VALUE, _ID, _SOURCE = map(CLAIM_FIELDS.index, ("kind", "value", "id", "source"))
_NUMBERS = tuple(map(CLAIM_FIELDS.index, ("value", "low", "high")))
_BOUNDS = _NUMBERS[1:]


def read_rows(path: Path, raw: bytes) -> tuple[Source, list]:
    """A registry file's source and rows for the index (`path` whose bytes are `raw`): read by
    msgspec (`load_rows`) when it is as `extract` writes it, else by `files.load_file`, which
    validates it and says what is wrong."""
    typed = load_rows(raw)
    return typed if typed is not None else load_file(path, raw, True)


def load_rows(raw: bytes) -> tuple[Source, list[ClaimRow]] | None:
    """A registry file's source and `ClaimRow`s (as `files.load_file(..., rows=True)` gives
    them), or None for any file not exactly as `extract` writes it."""
    try:
        reg = _decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError):  # ValidationError is a DecodeError;
        return None  # msgspec 0.19 calls invalid UTF-8 a UnicodeDecodeError
    if reg.schema != SCHEMA_VERSION or not reg.source.id:
        return None
    source = Source(*_fields(reg.source))
    rows = _rows(reg.claims, _intern(source.id))
    return None if rows is None else (source, rows)


def _rows(entries: list, source: str) -> list[ClaimRow] | None:
    """The entries' rows: figures as their Decimal text (`files._decimal_text`), kind interned
    (status is one of msgspec's `Literal` texts, interned already); None when an id repeats, a
    date's or a name's value is a number, or a figure is not a finite number."""
    rows, texts = [], _decimal_texts
    for entry in entries:
        v = list(_fields(entry))
        kind = v[_KIND] = _intern(v[_KIND])
        if kind in NUMERIC_KINDS:
            numbers = _NUMBERS
        elif type(v[_VALUE]) is str or v[_VALUE] is None:
            numbers = _BOUNDS
        else:
            return None
        for i in numbers:
            x = v[i]
            if x is not None:  # `files._row_number`, inline
                x = v[i] = (texts.get(x) if type(x) is str else None) or _decimal_text(x)
                if x is None:
                    return None
        v.insert(_SOURCE, source)
        rows.append(_new_row(ClaimRow, v))
    if len({row[_ID] for row in rows}) != len(rows):
        return None
    return rows
