"""The organisation-mismatch rule looks a draft's body up in the source sentences as the UTF-16
code units an index keeps them in (`Registry.said_units`), not decoded: it must find what the
string search finds, and nothing a search of the bytes alone would (a match that starts inside
a character, half of a pair)."""

from __future__ import annotations

import random
from functools import partial

import pytest

from factcheck.check.rules import substitutions as subs

UTF16 = partial(str.encode, encoding="utf-16-le", errors="surrogatepass")


def _both(said: str, name: str, values: set[str]) -> tuple[bool, bool]:
    """(as found in the text, as found in its code units) of `_has` and `_stands_alone`."""
    units = UTF16(said)
    as_text = subs._has(said, name, 1) or any(
        subs._stands_alone(str, name[i:], said, values, 1) for i in range(len(name)))
    as_units = subs._has(units, UTF16(name), 2) or any(
        subs._stands_alone(UTF16, name[i:], units, values, 2) for i in range(len(name)))
    return as_text, as_units


def test_a_match_starting_inside_a_character_is_no_match() -> None:
    said = "\u2d41\u554e"  # bytes 41 2d 4e 55: 中 (2d 4e) found at an odd offset
    assert UTF16("中") in UTF16(said)
    assert not subs._has(UTF16(said), UTF16("中"), 2)
    assert list(subs._occurrences(UTF16(said + "中"), UTF16("中"), 2)) == [4]
    assert _both(said, "中", set()) == (False, False)


def test_a_longer_name_around_the_tail_is_found_as_in_the_text() -> None:
    said = "西昌卫星发射中心发射\n卫星发射中心"
    values = {"西昌卫星发射中心"}
    units = UTF16(said)
    assert subs._stands_alone(UTF16, "卫星发射中心", units, values, 2)  # the second stands alone
    assert not subs._stands_alone(UTF16, "卫星发射中心", units[:20], values, 2)
    assert not subs._stands_alone(str, "卫星发射中心", said[:10], values, 1)
    # a tail at the very start has no room for the longer name's head: it stands alone
    assert subs._stands_alone(UTF16, "星发射中心", UTF16("星发射中心"), {"西昌卫星发射中心"}, 2)


@pytest.mark.parametrize("seed", range(3))
def test_the_code_units_answer_as_the_text_does(seed) -> None:
    rng = random.Random(seed)
    alphabet = "中国工会总市常州\u2d41\u554e\u4e2d\u2d4e西昌卫星发射心\n"
    for _ in range(3000):
        said = "".join(rng.choices(alphabet, k=rng.randrange(0, 40)))
        name = "".join(rng.choices(alphabet[:-1], k=rng.randrange(1, 5)))
        values = {"".join(rng.choices(alphabet[:-1], k=rng.randrange(2, 7))) for _ in range(3)}
        assert _both(said, name, values)[0] == _both(said, name, values)[1], (said, name, values)


@pytest.mark.parametrize("name", ["\U0001f600会", "\ud83d会", "总\ude00"])
def test_a_name_beyond_16_bits_or_a_lone_surrogate_is_looked_up_in_the_text(name) -> None:
    assert subs._NOT_PLAIN.search(name)
    assert not subs._NOT_PLAIN.search("常州市总工会（筹）")
