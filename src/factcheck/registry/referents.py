"""Referent helpers that need no word segmentation (safe on the check path)."""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.registry.claim import EVENT_KINDS, Claim
from factcheck.lazyre import lazy

#: Words between a noun and its figure that state an amount, a change or a scope
#: (高技能人才总量已达40余万名, 线上线下覆盖超过50万人次, 年薪将达到15万元).
AMOUNT_WORDS = ("达到了", "达到", "已达", "共计", "总计", "合计", "累计", "超过", "突破", "约为", "约",
                "近", "达", "为", "共", "计", "有", "是", "至", "了", "的", "逾", "超", "覆盖", "惠及",
                "上涨", "增长", "增加", "提高", "降低", "减少", "下降", "新增", "将", "已", "已经", "均",
                "总数", "数量", "人数", "和", "及", "与", "、",
                # a change, its base or a share: how a figure relates, not what it measures
                "同比", "环比", "比上年同期", "比去年同期", "较去年同期", "较上年同期", "上年同期",
                "去年同期", "同期", "比上年", "比去年", "较上年", "较去年", "按年", "按月", "较去年同月",
                "上升", "回落", "回升", "下跌", "上扬", "扩大", "收窄", "增长率", "增速", "增幅",
                "降幅", "涨幅", "升幅", "跌幅", "占比", "比重", "占", "分别", "增", "降", "升", "涨", "跌",
                # verbs of amount in statistics and market news
                "完成", "实现", "初步核算", "核算", "录得", "收于", "收报", "报收")


#: Adverbs of degree inside a change (较去年同期大幅上升): no part of what it measures.
DEGREE = re.compile(r"大幅|小幅|明显|显著|稳步|持续|继续|进一步|较快")

#: Punctuation between a label and its figure: 校外教学点：10个, | 试点企业 | 768家.
_LINKS = " \t|:：-—"
#: Punctuation that ends a clause or wraps an aside: what stands before it names nothing here.
_CLAUSE_PUNCT = " \t|:：-—,，;；、。（）()[]【】+＋±"
#: An aside in brackets names the same thing again (生产总值(GDP), 居民消费价格指数（CPI）).
_ASIDE = lazy(r"[（(][^（）()]{0,16}[）)]|[（(][^（）()]{0,16}$")
#: Words of a rank that name no ranked thing (增幅居全省第3位, 在全国排第二).
RANK_WORDS = ("位居", "位列", "居于", "排名", "排在", "排", "居", "列", "在", "全省", "全国", "全市",
              "全区", "全县", "全球", "全世界", "世界", "亚洲", "同类城市", "各省")
#: Direction words of a change (DOMAIN.md: 增长-6.8% is a fall), longest first.
_UP = ("增长", "增加", "上升", "提高", "上涨", "回升", "扩大", "上扬", "增幅", "增速", "涨幅", "升幅",
       "增", "升", "涨")
_DOWN = ("下降", "减少", "回落", "降低", "下跌", "收窄", "缩小", "下滑", "降幅", "跌幅", "减", "降", "跌")
#: Words between a direction word and its figure (增长了, 上升达, 下降约).
_TO_FIGURE = ("了", "达", "为", "约", "近", "超过", "逾", "达到", "分别", "幅度", "的")


@lru_cache(maxsize=65536)
def strip_amount_words(left: str, to_nothing: bool = False) -> str:
    """`left` without the amount, scope and link words at its end (all of it, if it is only
    such words, when `to_nothing`)."""
    return _strip_end(left, AMOUNT_WORDS, to_nothing=to_nothing)


def _strip_end(left: str, words: tuple[str, ...], punct: str = _LINKS,
               to_nothing: bool = False) -> str:
    """`left` without `words` (and `punct`) at its end; stripped to nothing only if
    `to_nothing`."""
    left = left.rstrip(punct)
    changed = True
    while changed:
        changed = False
        for word in words:
            if left.endswith(word) and (to_nothing or len(left) > len(word)):
                left, changed = left[: -len(word)].rstrip(punct), True
    return left


#: Runs of what is not a hanzi or a letter, removed (a run, not a character at a time: the
#: same text, and a class that does not open a pattern is not compiled twice).
_NOT_WORDS = lazy(r"[^\u4e00-\u9fffA-Za-z]+")


_LINK = re.compile(r"^[的之]")


_FIGURES = lazy(r"[0-9０-９.,，%％]+|[零〇一二两三四五六七八九十百千万亿余多]+")


@lru_cache(maxsize=65536)
def strip_after(text: str) -> str:
    return _LINK.sub("", text.lstrip())


_LAST_WORDS = lazy(r"[\u4e00-\u9fffA-Za-z]*$")


def trailing_words(text: str, most: int = 0) -> str:
    """The run of hanzi and letters `text` ends with (its last `most` characters when `most`
    is set): the words right before a figure, back to the last punctuation or digit."""
    run = _LAST_WORDS.search(text).group(0)  # type: ignore[union-attr]
    return run[-most:] if most else run


@lru_cache(maxsize=65536)
def words(text: str) -> str:
    """A clause's words: figures and everything but hanzi and letters left out."""
    return _NOT_WORDS.sub("", _FIGURES.sub("", text))


def without_own_words(c: Claim) -> str:
    return c.context.replace(c.text, " ") if c.kind in EVENT_KINDS else c.context


@lru_cache(maxsize=65536)
def own_referent(before: str, rank: bool = False) -> str:
    """What the words right before a figure name, once amount, change and share words (and
    for a rank, its scope) and punctuation are stripped: '' for a figure that only relates to
    the one before it (1523亿元，同比增长6.2%; 结案1238.9万件，同比上升20.16%; 增速居全省第一)."""
    words = AMOUNT_WORDS + RANK_WORDS if rank else AMOUNT_WORDS
    return _strip_end(without_asides(before), words, _CLAUSE_PUNCT, to_nothing=True)


@lru_cache(maxsize=65536)
def without_asides(text: str) -> str:
    """`text` without bracketed asides (生产总值(GDP) -> 生产总值)."""
    return _ASIDE.sub("", text) if "(" in text or "（" in text else text


@lru_cache(maxsize=65536)
def direction(before: str) -> int:
    """+1 when the words before a figure state a rise, -1 a fall, 0 neither."""
    if before.rstrip(_LINKS).endswith(("+", "＋")):
        return 1
    tail = _strip_end(before, _TO_FIGURE)[-4:]
    best, sign = -1, 0
    for words, s in ((_UP, 1), (_DOWN, -1)):
        for w in words:
            if tail.endswith(w) and len(w) > best:
                best, sign = len(w), s
    return sign


@lru_cache(maxsize=65536)
def trend(before: str) -> int:
    """+1 when the words before a level say it rose to it (增加至近9000亿元, 升至), -1 fell to it
    (减少到, 降至), 0 neither: the level is the same either way, the way it moved is not."""
    tail = _strip_end(before, _TO_FIGURE)
    if not tail.endswith(_TO_LEVEL):
        return 0
    return direction(tail[:-1].rstrip(" 　"))


#: Words between a direction word and the level it reached (增加至, 降到).
_TO_LEVEL = ("至", "到")


#: Words that make a percentage a share of a whole (占全省的37.2%, 占比, 比重).
_SHARE = ("占", "佔", "比重", "比例", "份额", "份額")


@lru_cache(maxsize=65536)
def measure(before: str) -> str:
    """What a figure measures of its referent, from the words before it: "share", "change"
    (a rise or a fall), "per" (per head) or "" (the level itself, or not said)."""
    tail = before[-8:]
    if any(w in tail for w in _SHARE) or _SHARE_OF.search(before[-24:]):
        return "share"
    if direction(before):
        return "change"
    return "per" if _PER.search(before) else ""


#: A share of a whole named at length (占春节黄金周总体销售额的约48%): 占 … 的 right before it.
_SHARE_OF = lazy(r"[占佔][^，,。；;：:、]{1,20}的(?:约|近|超过|逾|达|为)?$")

#: A figure per head or per thousand people (每千人口床位7.23张, 人均6425.3元), or per day or
#: week (每周安排航班5000班, 日均客流), is a rate, never the total it is worked out from.
_PER = lazy(r"人均|户均|每[一二三四五六七八九十百千万\d]*(?:人口|人|名|户|位)|[每千万]人口"
            r"|每(?:周|天|日|月|年|小时)|[日周月]均")


#: The points of a trading day a price or an index level is given at, by the words that name
#: them (上证综指以3138.99点低开, 沪指以3155.04点报收, 上摸3162.50点的全天高点, 最低价每克272.4元).
_SESSION_WORDS = (("open", ("开盘", "高开", "低开", "平开", "开于", "开报")),
                  ("close", ("收盘", "收于", "收报", "报收", "收市", "收在", "终盘")),
                  ("high", ("最高", "上摸", "摸高", "冲高", "高点")),
                  ("low", ("最低", "下探", "探低", "探底", "低点")))
_SESSION = lazy("|".join(sorted((w for _, ws in _SESSION_WORDS for w in ws), key=len, reverse=True)))
_SESSION_OF = {w: point for point, ws in _SESSION_WORDS for w in ws}
#: Names holding a session word that name no point of the day (最高人民法院, 最高检).
_NOT_SESSION = lazy(r"最高人民(?:法院|检察院)|最高[法检]")
#: A clause of nothing but a point of the day, dating the figures after it (截至收盘，…).
_SESSION_LEAD = lazy(r"(?:截至|截止|到)?(?:当日|当天|今日|昨日)?(收盘|开盘)(?:时|前)?")
#: Words that carry a figure on from the clause before (大幅高开，报每克262.4元).
_CARRY = ("报", "为", "至", "在", "每克", "每吨", "每千克", "每公斤", "每盎司", "每桶")
_CLAUSE_END = lazy(r"[，,；;。：:！？!?]")


@lru_cache(maxsize=65536)
def session_point(before: str, after: str, lead: str = "") -> str:
    """The point of the trading day ("open", "close", "high", "low") a figure is given at, from
    the words around it (`Claim.before`, `Claim.after`): its own clause (以3138.99点低开, 收于
    3307.57点, 早盘下探3118.71点), the clause it carries on from (大幅高开，报每克262.4元), a clause
    before it of nothing else (截至收盘，上证综指报3128.28点) or, given its sentence's first clause
    as `lead`, that clause (截至收盘，上证综指跌2.45%，报3066.36点); "" when none is named."""
    found = _session_in(_CLAUSE_END.split(after, 1)[0][:6], nearest=0)
    if found:
        return found
    parts = _CLAUSE_END.split(before)
    found = _session_in(parts[-1], before=True)
    if found:
        return found
    if len(parts) > 1 and not _strip_end(parts[-1], _CARRY + AMOUNT_WORDS, "", to_nothing=True):
        found = _session_in(parts[-2][-4:], before=True)
    opening = next((m for part in (*reversed(parts[:-1]), lead)
                    if (m := _SESSION_LEAD.fullmatch(part))), None)
    return found or (_SESSION_OF[opening.group(1)] if opening else "")


@lru_cache(maxsize=4096)  # asked for each source figure a draft figure is compared with
def first_clause(sentence: str) -> str:
    """The words of a sentence up to its first clause mark."""
    return _CLAUSE_END.split(sentence.strip(), 1)[0]


def _session_in(text: str, nearest: int = -1, before: bool = False) -> str:
    """The point the session word of `text` nearest the figure names (its last, or with
    `nearest` 0 its first), or ""; `before` the figure, a word followed by 后 names a time
    after the point (开盘后一度跌至…), not the point."""
    text = _NOT_SESSION.sub("", text)
    found = [m.group(0) for m in _SESSION.finditer(text)
             if not (before and text.startswith("后", m.end()))]
    return _SESSION_OF[found[nearest]] if found else ""


#: Names news writes several ways for one thing (mainland and Hong Kong, Macau and Taiwan usage,
#: short forms), folded to one spelling before referents are compared.
_NAME_FOLDS = (("中国大陆", "大陆"), ("内地", "大陆"), ("中国台湾", "台湾"), ("台湾地区", "台湾"),
               ("中国香港", "香港"), ("中国澳门", "澳门"), ("规上", "规模以上"),
               ("地区生产总值", "生产总值"), ("国内生产总值", "生产总值"), ("GDP", "生产总值"),
               ("营收", "营业收入"), ("沪指", "上证综指"),
               ("上证指数", "上证综指"), ("深成指", "深证成指"), ("居民消费价格指数", "CPI"),
               ("消费者物价指数", "CPI"), ("固投", "固定资产投资"),
               ("收盘报", "收报"), ("收盘于", "收报"), ("收于", "收报"), ("报收", "收报"))


def dateline_follows(after: str) -> bool:
    """Whether the words after a date end a wire dateline (新华社北京7月19日电, 专电, a desk's
    专电: 新媒体专电, 体育专电, 财经专电):
    the date dates the report, not an event."""
    return bool(_DATELINE_END.match(after))


#: What ends a wire dateline after its date: 电, 专电, a desk's 专电 (体育专电, 新媒体专电).
DATELINE_END = r"(?:[\u4e00-\u9fff]{0,3}?[专專])?[电電]"
_DATELINE_END = lazy(DATELINE_END)


@lru_cache(maxsize=65536)
def fold_names(text: str) -> str:
    """`text` with the several spellings of one name folded to one (内地旅客 -> 大陆旅客)."""
    for variant, name in _NAME_FOLDS:
        if variant in text:
            text = text.replace(variant, name)
    return text
