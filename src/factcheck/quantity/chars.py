"""Character tables: numeral digits and magnitudes, and a same-length fold of the raw text."""

from __future__ import annotations

import re
from decimal import Decimal

from factcheck.text.document import translate
from factcheck.lazyre import lazy

#: Chinese digits, including 〇/零, 两 and the financial (大写) forms.
DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9, "两": 2, "俩": 2, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
    "柒": 7, "捌": 8, "玖": 9,
}

#: Digits that only count inside a numeral of two or more characters (伍仁, 陆地, 收拾).
FINANCIAL = frozenset("壹贰叁肆伍陆柒捌玖拾佰仟")

#: Units below 万, with their financial forms.
SMALL_UNITS: dict[str, Decimal] = {
    "十": Decimal(10), "拾": Decimal(10), "百": Decimal(100), "佰": Decimal(100),
    "千": Decimal(1000), "仟": Decimal(1000),
}

#: Magnitudes that multiply everything before them within their section.
BIG_UNITS: dict[str, Decimal] = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "兆": Decimal(10) ** 12}

#: Single characters standing for a multiple of ten.
TENS: dict[str, int] = {"廿": 20, "卅": 30, "卌": 40}

#: Every character that can be part of a Chinese numeral (the scanner's start set).
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "".join(TENS)

#: Traditional forms the reader meets in raw text, folded to simplified (same position).
_TRADITIONAL = "銭禮萬億點兩倆貳參陸個幾雙對負場屆項輛噸畝歲條戶張臺週時鐘餘門隻頭間層組隊輪級節頁顆圓幣鎊盧韓瑪們將數約來內過達號會農統進樣線體歐際劃連續類種處棟廠團區縣車筆裏裡鐵實廣單總額"
_SIMPLIFIED = "钱礼万亿点两俩贰叁陆个几双对负场届项辆吨亩岁条户张台周时钟余门只头间层组队轮级节页颗圆币镑卢韩玛们将数约来内过达号会农统进样线体欧际划连续类种处栋厂团区县车笔里里铁实广单总额"

#: Full-width ASCII (except the full-width comma, which is a clause mark, not a separator).
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FOLD.update({0x3000: 0x20, 0x2212: 0x2D, 0xFE6A: 0x25, 0x3007: ord("〇")})
_FOLD.update({ord(t): ord(c) for t, c in zip(_TRADITIONAL, _SIMPLIFIED, strict=True)})


#: A full-width comma grouping full-width digits (４，５６５): a thousands separator there.
_WIDE_GROUP = lazy("[０-９]，[０-９]{3}(?![０-９])")
_WIDE_DIGIT = re.compile("[０-９]")


#: Any character fold changes (a text without one is its own fold).
_FOLDABLE = lazy("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


def fold(text: str) -> str:
    """The text with full-width ASCII and traditional numeral/unit forms folded, same length."""
    folded = translate(text, _FOLD, _FOLDABLE)
    return wide_groups(text, folded)


def wide_groups(original: str, folded: str) -> str:
    """`folded` with the full-width commas that group full-width digits in `original` made ASCII."""
    if "，" not in folded or not _WIDE_DIGIT.search(original):
        return folded
    for m in _WIDE_GROUP.finditer(original):
        folded = f"{folded[:m.start() + 1]},{folded[m.start() + 2:]}"
    return folded
