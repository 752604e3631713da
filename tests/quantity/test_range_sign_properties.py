"""Property tests for ranges (both ends kept, Chinese or Arabic) and signs (a minus is never dropped)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from factcheck.quantity import read_quantities
from tests.quantity.test_quantity_properties import to_chinese

#: Units after a range, with the kind and scale they give it.
_UNITS = {"个": ("number", 1), "家": ("number", 1), "年": ("number", 1), "元": ("money", 1),
          "万元": ("money", 10000), "%": ("percent", 1), "个百分点": ("points", 1),
          "万人": ("number", 10000)}


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999),
       st.sampled_from(["至", "到", "~", "-", "～"]), st.sampled_from(sorted(_UNITS)), st.booleans())
@example(2, 4, "至", "年", True)
@example(6, 8, "-", "万元", False)
@example(7, 9, "到", "个百分点", True)
def test_a_range_keeps_both_ends(a: int, b: int, connector: str, unit: str, chinese: bool) -> None:
    low, high = sorted((a, b))
    assume(low < high and not (unit == "年" and high >= 1000))  # 1900年 is a year, a date
    chinese = chinese and connector in "至到"  # 七-九 is not how news writes a range
    # 三至五百 is 300 to 500 (the first figure takes the second's magnitude): not this property.
    assume(not (chinese and high >= 100 and high % 10 ** (len(str(high)) - 1) == 0
                and low < high // 10 ** (len(str(high)) - 1)))
    write = (lambda n: to_chinese(n, short_ten=True)) if chinese else str
    text = f"{write(low)}{connector}{write(high)}{unit}"
    got = read_quantities(f"共计{text}，")
    kind, scale = _UNITS[unit]
    assert [(q.text, q.kind) for q in got] == [(text, kind)]
    assert (got[0].low, got[0].high, got[0].value) == (low * scale, high * scale, low * scale)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999),
       st.sampled_from(["与", "和"]))
def test_between_states_one_range(a: int, b: int, connector: str) -> None:
    low, high = sorted((a, b))
    assume(low < high)
    (q,) = read_quantities(f"在{low}{connector}{high}之间")
    assert (q.low, q.high, q.qualifier) == (low, high, "之间")


@settings(max_examples=400, deadline=None)
@given(st.decimals(min_value=Decimal("0.1"), max_value=Decimal("9999.9"), places=1,
                   allow_nan=False, allow_infinity=False),
       st.sampled_from(["同比增长", "增长", "下降", "气温", "利润为", "，", "环比"]),
       st.sampled_from(["%", "℃", "万元", "个百分点", ""]))
@example(Decimal("3.1"), "同比增长", "%")
def test_a_minus_after_a_chinese_character_is_kept(x: Decimal, before: str, unit: str) -> None:
    got = read_quantities(f"{before}-{x}{unit}")
    scale = 10000 if unit == "万元" else 1
    assert [(q.text, q.value) for q in got] == [(f"-{x}{unit}", -x * scale)]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=60), st.integers(min_value=1, max_value=60),
       st.sampled_from(["零下", "负"]), st.sampled_from(["摄氏度", "℃", "度"]))
def test_below_zero_applies_to_both_ends(a: int, b: int, word: str, unit: str) -> None:
    low, high = sorted((a, b))
    (q,) = read_quantities(f"气温{word}{low}{unit}")
    assert (q.value, q.unit) == (-low, unit)
    if low < high:
        (r,) = read_quantities(f"气温{word}{low}至{high}{unit}")
        assert (r.low, r.high) == (-high, -low)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["A-", "3-", "第3-", "KJ-2"]))
def test_a_hyphen_inside_a_code_or_date_is_no_sign(n: int, before: str) -> None:
    values = [q.value for q in read_quantities(f"{before}{n}个") if q.kind == "number"]
    assert all(v is None or v >= 0 for v in values)
