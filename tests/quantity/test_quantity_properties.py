"""Property tests: Chinese and Arabic integers read back exactly; any text is safe to read."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.quantity import read_quantities

_DIGITS = "零一二三四五六七八九"
_SECTION_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_GROUP_UNITS = ("", "万", "亿", "万亿")


def _section(n: int) -> str:
    """1..9999 in standard Chinese numerals, with 零 for inner gaps (一千零五)."""
    out, gap = "", False
    for size, unit in _SECTION_UNITS:
        d = n // size % 10
        if d == 0:
            gap = gap or bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += _DIGITS[d] + unit
    return out


def to_chinese(n: int, short_ten: bool = False, liang: bool = False) -> str:
    """n (0..10**16) in standard Chinese numerals; 十 for a leading 一十, 两 for 二 before 百/千/万/亿."""
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out, gap = "", False
    for i in reversed(range(len(groups))):
        g = groups[i]
        if g == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or g < 1000):
            out += "零"
        out += _section(g) + _GROUP_UNITS[i]
        gap = False
    if short_ten and out.startswith("一十"):
        out = out[1:]
    if liang:
        out = re.sub(r"(?<![十零])二(?=[百千万亿])", "两", out)
    return out


def test_formatter_writes_standard_forms() -> None:
    assert to_chinese(1005) == "一千零五"
    assert to_chinese(10) == "一十" and to_chinese(10, short_ten=True) == "十"
    assert to_chinese(3007000000) == "三十亿零七百万"
    assert to_chinese(200000000, liang=True) == "两亿"
    assert to_chinese(10 ** 12) == "一万亿"


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10 ** 12), st.booleans(), st.booleans())
@example(0, False, False)
@example(10, True, False)
@example(10 ** 12, False, False)
@example(1005, False, False)
@example(100000001, False, False)
@example(2222, False, True)
def test_chinese_integers_read_back(n: int, short_ten: bool, liang: bool) -> None:
    # A measure word follows: a lone 一 is deliberately not a quantity (一切, 统一).
    text = to_chinese(n, short_ten, liang) + "个"
    got = read_quantities(f"共有{text}。")
    assert [(q.text, q.kind, q.unit) for q in got] == [(text, "number", "个")], text
    assert got[0].value == Decimal(n), text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10 ** 12), st.booleans())
def test_arabic_integers_with_separators_read_back(n: int, fullwidth: bool) -> None:
    text = f"{n:,}"
    if fullwidth:
        text = text.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    got = read_quantities(f"共{text}人")
    assert [(q.text, q.value, q.unit) for q in got] == [(text + "人", Decimal(n), "人")]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10 ** 8), st.integers(min_value=0, max_value=99))
def test_arabic_decimals_with_magnitudes(n: int, cents: int) -> None:
    text = f"{n}.{cents:02d}万元"
    (q,) = read_quantities(text)
    assert (q.kind, q.value, q.unit) == ("money", Decimal(f"{n}.{cents:02d}") * 10000, "元")


def _check_spans(text: str) -> None:
    """Every quantity lies in the text, in order, without overlaps, with text == the slice."""
    prev_end = 0
    for q in read_quantities(text, ref_year=2023):
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= prev_end
        assert text[q.start:q.end] == q.text
        assert q.kind in ("number", "money", "percent", "points", "multiple", "fraction",
                          "date", "ordinal", "label", "score")
        prev_end = q.end


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_unicode_is_safe(text: str) -> None:
    _check_spans(text)


_NUMERIC_ALPHABET = ("零〇一二两三四五六七八九十百千万亿兆廿卅几点多余逾约近超第之分年月日个元"
                     "美元%％-—~至到,，.．/0123456789０１２ 　“”+X成折倍以上左右萬億點貳壹拾")


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=_NUMERIC_ALPHABET, max_size=60))
def test_numeral_soup_is_safe(text: str) -> None:
    _check_spans(text)
