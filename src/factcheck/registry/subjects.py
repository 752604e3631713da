"""What a figure counts: the noun phrase next to it in its clause (used when building a registry)."""

from __future__ import annotations

import re

from factcheck.registry.referents import DEGREE, strip_amount_words, trailing_words
from factcheck.text.segment import Token, tokens

#: Verbs that open a clause and are never part of what is counted.
STOP_VERBS = frozenset(
    "开展 培育 建设 设立 成立 组建 覆盖 惠及 取得 资助 提供 上涨 达到 参与 创造 打造 建立 举办 发布 "
    "完成 实现 增加 减少 推进 推动 带动 吸引 培养 帮助 拥有 新增 累计 共有 开设 举行 组织 "
    "推出 形成 认定 评选 表彰 投入 获得 选树 招收 录取 签订 落实 支持 引进 命名".split())
_NUMERAL_CHARS = set("0123456789零〇一二两三四五六七八九十百千万亿几数多余")
#: One-character words that end a noun phrase whatever jieba tags them (试点率, 培训点, 总量).
_NOUN_SUFFIXES = frozenset("率量额数点站所队室区园者员费值度比型类款金价")
_STOP_FLAGS = ("p", "c", "u", "d", "r", "x", "w", "e", "y", "o", "zg")


def _is_word(tok: Token) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fffA-Za-z]+", tok.word))


def _accept(tok: Token, nxt: Token | None) -> bool:
    """Whether `tok` can stand inside a noun phrase whose next token is `nxt`."""
    if tok.word in _NOUN_SUFFIXES:
        return True
    if not _is_word(tok) or tok.word in STOP_VERBS or tok.flag.startswith(_STOP_FLAGS):
        return False
    if tok.flag in ("m", "q", "mq"):
        return not (set(tok.word) & _NUMERAL_CHARS)
    if tok.flag == "v":
        return len(tok.word) >= 3 or (nxt is not None and nxt.flag.startswith(("n", "vn", "v")))
    return True


def noun_before(left: str) -> str:
    """Trailing noun phrase of `left` (the clause text before a figure), amount words stripped."""
    toks = tokens(strip_amount_words(left))
    run: list[Token] = []
    for tok in reversed(toks):
        if not _accept(tok, run[0] if run else None):
            break
        run.insert(0, tok)
    return _trim(run)


def noun_after(right: str) -> str:
    """Leading noun phrase of `right` (the clause text after a figure and its measure word)."""
    toks = tokens(re.sub(r"^[的之]+", "", right.lstrip()))
    run: list[Token] = []
    for i, tok in enumerate(toks):
        nxt = toks[i + 1] if i + 1 < len(toks) and _is_word(toks[i + 1]) else None
        if not _accept(tok, nxt) or (run and len(tok.word) == 1 and nxt and nxt.word in "了着过"):
            break  # 职工|圆了大学梦: a one-character verb before 了 ends the noun phrase
        run.append(tok)
    while run and run[-1].flag == "v" and len(run[-1].word) < 3:
        run.pop()
    return _trim(run)


def _trim(run: list[Token]) -> str:
    """Drop leading place and time words while a noun remains after them."""
    while len(run) > 1 and run[0].flag in ("ns", "t", "f"):
        run = run[1:]
    return "".join(t.word for t in run)


#: Words after a duration that make it the time since (or before) what precedes it (升空25分钟后).
_SINCE_NEXT = re.compile(r"(?:以后|之后|以前|之前|以来|后|前)(?![\u4e00-\u9fff])")
#: What a clause of a figure followed by a verb opens with before the verb (7万人次是从关闸入境).
#: The longest event a duration is counted from (火箭升空).
_EVENT_MOST = 6
_COPULA = re.compile(r"^\s*(?:是|为|為)")
_VERB_PHRASE = re.compile(r"[\u4e00-\u9fff]{2,8}")


def _last_word(left: str) -> str:
    """The last word of `left` when it is a word of two characters or more that is no verb,
    preposition, link, time or count word (远地点, which jieba tags as an adverb; not 今年)."""
    toks = tokens(left)
    last = toks[-1] if toks else None
    if last is None or len(last.word) < 2 or not _is_word(last) \
            or last.flag.startswith(("v", "p", "c", "u", "r", "m", "q", "t", "f")):
        return ""
    return last.word


def subject_of(clause: str, start: int, end: int) -> str:
    """What the figure at clause[start:end] counts: after it when a noun follows (unless the
    words before it name it and 的 ties it to the noun: 远地点41981公里的轨道), else before,
    else what happened to it when only a verb follows (31人死亡失踪, 第八次飞行), else the words
    right before it (政府卫生支出占26.7%: jieba reads 支出 as a verb)."""
    left, right = clause[:start], _COPULA.sub("", clause[end:])  # 7万人次是从关闸入境
    since = _SINCE_NEXT.match(right)
    if since:  # 火箭升空25分钟后: the time since the lift-off
        event = words_before(left)
        return event + since.group(0) if 2 <= len(event) <= _EVENT_MOST else since.group(0)
    after = noun_after(right)
    if after and not right.lstrip().startswith("的"):
        return after
    if after:  # X N的Y: X when the word before N is a name, else Y
        named = _last_word(left)
        return (noun_before(left) or named) if named else after
    before = noun_before(left)
    if before:
        return before
    phrase = right.strip()
    if _VERB_PHRASE.fullmatch(phrase) and not phrase.startswith(("的", "之")):
        return phrase
    return words_before(left)


#: Words that open a clause before what it names (其中, 经内港码头…) or join it to a figure.
_LEADING = re.compile(r"^(?:其中|另外|此外|而|经|經|从|從|由|在|以|对|對)+")
_TRAILING = re.compile(r"(?:亦|也|则|則|均|都|为|為|以|是|达|達|约|約|共|已)+$")
_ASIDES = re.compile(r"[(（][^()（）]*[)）]")


def words_before(left: str) -> str:
    """The run of words between the last punctuation and a figure, without asides, amount
    words and the links around them (其中，政府卫生支出占 -> 政府卫生支出); '' when it is a
    single character or longer than a referent runs (12)."""
    text = _ASIDES.sub("", strip_amount_words(left, to_nothing=True))
    run = _LEADING.sub("", trailing_words(_TRAILING.sub("", text)))
    return run if 2 <= len(run) <= 12 else ""


# What a change, a rate, a rank or a baseline counts: the thing the sentence measures plus the
# measure as written (GDP增速同比提高, GDP增幅全省排名, 全省GDP增速). No segmentation needed.

#: Scopes a statistic's name opens with (全市生产总值): a measure of it leaves them out.
_SCOPE_OPEN = re.compile(r"^(?:全市|我市|本市|全省|我省|本省|全区|全县|全国|我国)")
#: A short name in brackets right after a thing (全市生产总值(GDP), 居民消费价格指数(CPI)).
_ALIAS = re.compile(r"[(（]\s*([A-Za-z]{2,8})\s*[)）]$")
#: Nouns naming the measure of a change.
_MEASURE_NOUN = re.compile(r"增长率|增速|增幅|涨幅|降幅|升幅|跌幅")
#: Verbs of a rank (增幅居全省第3位) between the measure ranked and its scope.
_RANK_VERB = re.compile(r"位居|居于|位列|排名|排在|排|居|列")
#: Link words between the words of a change and its figure (提高了, 增长达).
_LINK_END = ("达到", "达", "为", "了", "约", "分别", "的", "到")
#: Where a bracketed baseline figure stands: 比全省(7.7%) · 和全国平均水平(7.0%).
_BASELINE = re.compile(r"(?:比|较|和|与|及|、)\s*([\u4e00-\u9fff]{2,8})\s*[(（]\s*$")
_COMPARED = re.compile(r"比|较|高于|低于")
_PLACE = re.compile(r"^(?:全国|全省|全市|全区|全县|全球|[\u4e00-\u9fff]{2,3}[省市区县])")


def alias_of(before: str) -> str:
    """The short name bracketed after the thing a figure counts (生产总值(GDP)440亿元 -> GDP)."""
    m = _ALIAS.search(strip_amount_words(before.rstrip()))
    return m.group(1) if m else ""


def short_name(thing: str, alias: str = "") -> str:
    """How a measure of `thing` names it: by its short name, else without its scope."""
    return alias or _SCOPE_OPEN.sub("", thing) or thing


def written_measure(before: str) -> str:
    """The words of a change or rank right before its figure, as written, without adverbs of
    degree and link words: 增速同比提高, 涨幅同比回落, 增幅居全省."""
    text = DEGREE.sub("", trailing_words(_ASIDES.sub("", before.rstrip(" \t"))))
    changed = True
    while changed:
        changed = False
        for word in _LINK_END:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
    return text


def measure_noun(before: str, sign: int) -> str:
    """The noun of a change: as written (增速, 涨幅), else 增速 for a rise and 降幅 for a fall."""
    found = _MEASURE_NOUN.findall(written_measure(before))
    if found:
        return found[-1]
    return "增速" if sign > 0 else "降幅" if sign < 0 else ""


def derived_subject(kind: str, before: str, thing: str, alias: str, sign: int) -> str:
    """What a figure that measures the sentence's `thing` counts, '' when its words add nothing:
    a percentage point change by the words of the change (GDP增速同比提高), a rank by its measure
    and scope (GDP增幅全省排名), a percentage change by its written measure (工业投资增幅) or,
    for a thing with a short name, by its direction (GDP增速)."""
    name = short_name(thing, alias)
    words = written_measure(before)
    if kind == "points":
        return name + words if words else ""
    if kind == "ordinal":
        verb = _RANK_VERB.search(words)
        if not verb:
            return ""
        return name + words[:verb.start()] + words[verb.end():] + "排名"
    if kind == "percent" and (_MEASURE_NOUN.search(words) or alias):
        noun = measure_noun(before, sign)
        return name + noun if noun else ""
    return ""


def baseline_subject(left: str, thing: str, alias: str, noun: str) -> str:
    """What a bracketed figure after 比X( counts: X's measure of the same thing
    (比全省(7.7%) -> 全省GDP增速; 和全国平均水平(7.0%) -> 全国GDP平均增速); '' when it is none."""
    m = _BASELINE.search(left)
    if not m or not noun or not _COMPARED.search(left):
        return ""
    other = m.group(1).removesuffix("水平")
    place = _PLACE.match(other)
    scope, rest = (place.group(0), other[place.end():]) if place else (other, "")
    return scope + short_name(thing, alias) + rest + noun
