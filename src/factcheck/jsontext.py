"""Indented JSON text, byte for byte what `json.dumps(obj, ensure_ascii=False, indent=2)` writes,
about twice as fast.

The standard library encodes with its C accelerator only without `indent`; with it, every
value goes through a generic Python generator. Reports and registries are dicts and lists of
strings, numbers, booleans and None, so this writer walks them directly and leaves strings to
the C string encoder. Anything else (a subclass, a Decimal, a non-string key) is handed to
`json.dumps` whole, so the output never differs from it.
"""

from __future__ import annotations

import itertools
import json
from json.encoder import (
    encode_basestring as _string,  # the C encoder where there is one
)
from decimal import Decimal
from collections.abc import Iterable, Iterator
from typing import Any

_INFINITY = float("inf")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def scalar(value: Any) -> str | None:
    """The JSON text of a string, number, boolean or None; None for anything else."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is float:
        return _float(value)
    return None


class _NotPlain(Exception):
    """Raised on the first value this writer leaves to `json.dumps`."""


_NO_KEYS = itertools.repeat("")


def _member(pair: tuple[Any, Any]) -> tuple[str, Any]:
    """A dict entry as ('"key": ', value)."""
    if type(pair[0]) is not str:
        raise _NotPlain
    return _string(pair[0]) + ": ", pair[1]


def dumps(obj: Any, indent: int = 2, level: int = 0) -> str:
    """`json.dumps(obj, ensure_ascii=False, indent=indent)`, faster for plain data; with
    `level`, as it writes the value nested that deep (every line after the first indented
    `level` steps more), so that a long array can be written one item at a time."""
    out: list[str] = []
    write = out.append
    step = " " * indent
    pad = step * level

    def encode(value: Any, pad: str) -> None:
        kind = type(value)
        if kind is dict:
            entries = map(_member, value.items())
            brackets = "{}"
        elif kind is list:
            entries = zip(_NO_KEYS, value)
            brackets = "[]"
        else:
            text = scalar(value)
            if text is None:
                raise _NotPlain
            write(text)
            return
        if not value:
            write(brackets)
            return
        inner = pad + step
        sep = brackets[0] + "\n" + inner
        for key, item in entries:
            text = scalar(item)
            if text is None:
                write(sep + key)
                encode(item, inner)
            else:
                write(sep + key + text)
            sep = ",\n" + inner
        write("\n" + pad + brackets[1])

    try:
        encode(obj, pad)
    except (_NotPlain, RecursionError):  # json.dumps says what is wrong (a cycle …)
        # JSON text holds no raw line break but those between values: safe to indent.
        return json.dumps(obj, ensure_ascii=False, indent=indent).replace("\n", "\n" + pad)
    finally:
        # `encode` calls itself through its closure: a reference cycle, which would keep
        # `out` until the cycle collector runs (rarely, `cli.entry._tune_gc`): a report of
        # 40,000 findings would hold ~50 MB of pieces written long ago.
        encode = None  # noqa: F841
    return "".join(out)


def array_lines(items: Iterable[Any], indent: int = 2, level: int = 1) -> Iterator[str]:
    """The text of a JSON array nested `level` deep, in pieces, one per item: what
    `dumps` writes for the whole list, without holding it (join the pieces to compare)."""
    inner = "\n" + " " * (indent * (level + 1))
    sep = "[" + inner
    for item in items:
        yield sep + dumps(item, indent, level + 1)
        sep = "," + inner
    yield "[]" if sep[0] == "[" else "\n" + " " * (indent * level) + "]"


def json_number(value: Decimal | str | None) -> int | float | str | None:
    """A Decimal as a JSON number (int when whole), other values unchanged."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value
