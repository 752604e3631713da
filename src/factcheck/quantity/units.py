"""Measure words, currencies and the suffixes that give a figure its kind."""

from __future__ import annotations

import re
from decimal import Decimal

from factcheck.lazyre import lazy

#: Measure words and units, as the `unit` of a figure (simplified script).
MEASURE_WORDS = (
    "人次 场次 架次 班次 车次 批次 户次 人天 回合 平方公里 平方千米 平方米 平方英尺 立方米 千瓦时 千瓦 兆瓦 "
    "公里 千米 厘米 毫米 公分 公顷 公斤 千克 毫克 微克 克 吨 斤 亩 米 升 毫升 英里 英尺 "
    "千字节 千比特 千伏 千卡 千焦 兆字节 兆比特 兆赫 兆帕 兆焦 小时 分钟 秒钟 秒 个月 个 周岁 周年 岁 年 周 天 家 名 人 位 项 场 支 次 届 件 座 所 条 户 篇 本 "
    "台 辆 只 双 对 打 张 幅 部 架 艘 棵 株 头 匹 片 份 批 类 种 处 栋 幢 层 间 套 组 队 轮 期 "
    "级 段 节 章 集 首 句 字 页 册 卷 颗 粒 根 瓶 杯 箱 包 袋 桶 例 起 宗 门 款 枚 盏 列 班 趟 "
    "遍 回 番 声 口 度 点 时 分 笔 单 票 块 强 摄氏度 华氏度 千字节 兆字节 字节 比特 路 样 道 "
    "℃ °C ℉ °F 公升 公尺 英寸 英亩 海里 两"
).split()

#: Latin unit symbols after Arabic figures (matched case-insensitively, not followed by a letter).
LATIN_UNITS = "km/h kw·h km cm mm kg mg ml kwh kw mw gw gb mb tb ha m g t".split()

#: Currency words -> the unit we report.
CURRENCIES: dict[str, str] = {
    "元": "元", "人民币": "元", "块钱": "元", "美元": "美元", "美圆": "美元", "美金": "美元",
    "欧元": "欧元", "港元": "港元", "港币": "港元", "日元": "日元", "日币": "日元", "英镑": "英镑",
    "韩元": "韩元", "韩币": "韩元", "卢布": "卢布", "澳元": "澳元", "加元": "加元",
    "新台币": "新台币", "台币": "新台币", "新加坡元": "新加坡元", "澳门元": "澳门元", "澳门币": "澳门元",
    "澳币": "澳元", "葡币": "澳门元", "欧罗": "欧元",
    "瑞士法郎": "瑞士法郎", "法郎": "法郎", "奈拉": "奈拉", "比特币": "比特币", "泰铢": "泰铢",
    "卢比": "卢比", "林吉特": "林吉特", "里拉": "里拉", "越南盾": "越南盾", "比索": "比索",
}

#: ISO 4217 codes of the currency units we report.
ISO_CODES: dict[str, str] = {
    "元": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "日元": "JPY", "英镑": "GBP",
    "韩元": "KRW", "卢布": "RUB", "澳元": "AUD", "加元": "CAD", "新台币": "TWD", "新加坡元": "SGD",
    "澳门元": "MOP", "瑞士法郎": "CHF", "奈拉": "NGN", "泰铢": "THB", "林吉特": "MYR", "越南盾": "VND",
}

#: Currency symbols written before the figure.
CURRENCY_SYMBOLS: dict[str, str] = {"US$": "美元", "HK$": "港元", "$": "美元", "￥": "元",
                                    "¥": "元", "RMB": "元", "€": "欧元", "£": "英镑", "NT$": "新台币",
                                    "MOP$": "澳门元", "MOP": "澳门元", "HKD": "港元", "USD": "美元",
                                    "港币": "港元", "港元": "港元", "美元": "美元", "新台币": "新台币",
                                    "澳门币": "澳门元", "澳门元": "澳门元", "欧元": "欧元", "日元": "日元"}

#: Fractions of a currency unit written after it (五元三毛, 两美元又三美分).
SUBUNITS: dict[str, Decimal] = {"角": Decimal("0.1"), "毛": Decimal("0.1"), "分": Decimal("0.01"),
                                "美分": Decimal("0.01"), "欧分": Decimal("0.01"), "分钱": Decimal("0.01"),
                                "日本钱": Decimal("0.01")}


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: Latin units: as written, or in capitals when longer than one letter (168CM; 5G is a label).
LATIN_RE = lazy(rf"(?:(?i:{_alternation([u for u in LATIN_UNITS if len(u) > 1])})"
                      rf"|{_alternation([u for u in LATIN_UNITS if len(u) == 1])})(?![A-Za-z])")
SYMBOL_RE = lazy(rf"(?:{_alternation(list(CURRENCY_SYMBOLS))})[ \t]?\Z")
#: The characters a currency symbol before a figure can end with (or a blank after it).
SYMBOL_LAST = frozenset(w[-1] for w in CURRENCY_SYMBOLS) | frozenset(" \t")
SUBUNIT_RE = lazy(rf"(?:又|零)?(?P<n>[\d一二两三四五六七八九])(?P<u>{_alternation(list(SUBUNITS))})")
#: 块 is money only at a clause end or before 钱 (三块, 三块钱); otherwise a measure word (一块地).
_KUAI = lazy(r"块(?:钱)?(?=$|[\s，。、；！？,.;!?）)”]|钱)")

#: Words after 成 that make it a verb (成为, 成立), not tenths.
_CHENG_VERB = "为立功长绩本员果交熟就都型效形年品色分千百万倍"


def _index(words: list[str] | tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Words by first character, longest first (the order a regex alternation tries them)."""
    out: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        out.setdefault(w[0], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


_MEASURES = _index(MEASURE_WORDS)
_CURRENCY_WORDS = _index(list(CURRENCIES))


def _longest(index: dict[str, tuple[str, ...]], s: str, pos: int) -> str | None:
    """The longest indexed word at pos (what the longest-first alternation would match)."""
    for w in index.get(s[pos:pos + 1], ()):
        if s.startswith(w, pos):
            return w
    return None


def currency_at(s: str, pos: int) -> tuple[str, int] | None:
    """(unit, end) of a currency word at pos (after an optional space, or after 个)."""
    start = pos + 1 if s[pos:pos + 1] in (" ", "\t") else pos
    word = _longest(_CURRENCY_WORDS, s, start)
    if word is None and s.startswith("个", pos):
        start = pos + 1
        word = _longest(_CURRENCY_WORDS, s, start)
    if word is not None:
        end = start + len(word)
        if word == "元" and s.startswith("人民币", end):
            end += 3
        return CURRENCIES[word], end
    m = _KUAI.match(s, pos) if s.startswith("块", pos) else None
    if m:
        return "元", m.end()
    return None


def measure_at(s: str, pos: int) -> tuple[str, int] | None:
    """(unit, end) of a measure word or Latin unit at pos."""
    word = _longest(_MEASURES, s, pos)
    if word is not None:
        return word, pos + len(word)
    m = LATIN_RE.match(s, pos) if "A" <= s[pos:pos + 1] <= "z" else None
    if m:
        return m.group(0).lower(), m.end()
    return None


def cheng_ok(s: str, end: int) -> bool:
    """Whether 成 just before `end` means tenths (九成) rather than a verb (成为)."""
    return end >= len(s) or s[end] not in _CHENG_VERB
