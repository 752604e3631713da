"""Spans that look like numbers but are names (labels) or are not prose at all (URLs)."""

from __future__ import annotations

import re

from factcheck.quantity.units import LATIN_UNITS
from factcheck.lazyre import lazy
from factcheck.records import dataclass

_NUMERAL = "〇零一二三四五六七八九十百千万亿两"
_OPEN_Q = "“\"‘'「『《"
_CLOSE_Q = "”\"’'」』》"

#: Text the reader skips entirely: web and mail addresses.
SKIP_RE = lazy(r"(?=[hHwW\w])(?:(?i:https?://|www\.)[^\s，。；、）)\]”\u4e00-\u9fff]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+)")

#: Names made of figures, in the order tried.
LABEL_RE = lazy(
    rf"(?=[©cC{_OPEN_Q}\d(十A-Za-z])(?:"  # a cheap first-character guard: the scan stays fast
    r"(?i:copyright\s*)?©\s*(?:\d{4}(?:\s*[-–—~]\s*\d{4})?)?|(?i:copyright)\s+\d{4}(?:\s*[-–—]\s*\d{4})?"
    rf"|[{_OPEN_Q}][ \t]?(?:\d+(?:[.,]\d+)?|[{_NUMERAL}]+|[\dA-Za-z]+(?:[+＋][\dA-Za-z]+)+)[ \t]?[{_CLOSE_Q}]"
    r"|(?<![\w+])\d+(?:\+[\dA-Za-z]+)+(?![\w+])"
    r"|(?<![\d\-])(?:\(0\d{2,3}\)|0\d{2,3}-)\d{7,8}(?![\d\-])|(?<!\d)0\d{10,11}(?!\d)"
    r"|(?<![\d\-])(?:400|800)-?\d{3}-?\d{4}(?!\d)|(?<![\d\-])1[3-9]\d{9}(?!\d)"
    r"|十[一二三四五六]五(?![万亿千百个名家项年])"
    r"|(?<![A-Za-z\d])[A-Za-z]+[-_]?\d[\dA-Za-z.\-]*"
    r"|(?<![A-Za-z\d.])\d+(?P<letters>[A-Za-z]+)\d*(?![A-Za-z\d]))")

#: Words whose numeral characters are not quantities.
STOP_WORDS = (
    "一切 一些 一起 一样 一线 一直 一定 进一步 统一 唯一 一般 万一 一体 三农 两会 四重 四川 一致 一旦 "
    "一律 一同 一道 一贯 一再 一向 一时 一下 一番 一味 一带一路 一手 一边 一方面 一面 一心 一举 一流 "
    "一揽子 一站式 一把手 一度 一部分 一系列 一大批 一批 一行 一员 一环 一路 一阵 一口气 一致性 "
    "一号 一层 一家人 一点儿 千方百计 万众 万物 万事 百姓 百货 百度 百科 三峡 三国 五金 九州 七夕 "
    "四海 八方 十足 十全 十字 二手 三角 五星 千里 万里 百花 一国两制 五台山 十之八九 一五一十 "
    "第一时间 三五成群 一刀切 一揽 一把 一级 一类 两岸 万千 千千万万 三三两两 一一"
).split()
STOP_RE = lazy(
    "|".join(sorted(STOP_WORDS, key=len, reverse=True)) + "|十分(?![之钟])|千万(?=[不别要记得])"
    + r"|一点(?![\d零一二三四五六七八九两])|五一(?=节|劳动|假期|长假|期间|前后)"
    + r"|十一(?=假期|长假|黄金周|期间|前后)|六一(?=儿童|节)|三八(?=节|妇女|红旗)")


#: What every SKIP_RE match holds (@, :// or www.); no match holds a line break.
_SKIP_HINT = re.compile(r"@|://|[wW]{3}\.")


def _skips(s: str) -> list[re.Match[str]]:
    """SKIP_RE.finditer(s), run only on the lines that can hold an address."""
    found: list[re.Match[str]] = []
    done = 0
    for hint in _SKIP_HINT.finditer(s):
        if hint.start() < done:
            continue
        start, end = s.rfind("\n", 0, hint.start()) + 1, s.find("\n", hint.start())
        done = len(s) if end < 0 else end
        found += SKIP_RE.finditer(s, start, done)
    return found


@dataclass(frozen=True, slots=True)
class Span:
    """A span of text and what it is: 'label', 'skip' or 'stop'."""

    start: int
    end: int
    kind: str


def find_spans(s: str) -> list[Span]:
    """URLs, labels and stop words in the folded text, in order, non-overlapping."""
    spans = [Span(m.start(), m.end(), "skip") for m in _skips(s)]
    spans += [Span(m.start(), m.end(), "label") for m in LABEL_RE.finditer(s) if _is_label(m)]
    spans += [Span(m.start(), m.end(), "stop") for m in STOP_RE.finditer(s)]
    spans.sort(key=lambda sp: (sp.start, -sp.end))
    out: list[Span] = []
    for sp in spans:
        if not out or sp.start >= out[-1].end:
            out.append(sp)
    return out


def _is_label(m: re.Match[str]) -> bool:
    """Digits followed by letters are a label unless the letters are a unit (168cm, 40k)."""
    letters = m.group("letters")
    if letters is None:
        return True
    known = letters in LATIN_UNITS or len(letters) > 1 and letters.lower() in LATIN_UNITS
    return not (known or letters in ("k", "K", "e", "E"))
