"""How alike two claims' words are: the referent next to a figure, the clauses around it,
compatible measure words, and names (the only rapidfuzz import)."""

from __future__ import annotations

from functools import lru_cache

from factcheck.registry.claim import Claim
from factcheck.registry.referents import (
    AMOUNT_WORDS,
    dateline_follows,
    fold_names,
    measure,
    own_referent,
    strip_after,
    strip_amount_words,
    trailing_words,
    without_asides,
    without_own_words,
    words,
)
from factcheck.lazyre import lazy

#: Measure words that count the same kind of thing and may replace each other in a rewrite.
_UNIT_FAMILIES = [set("家个所座户"), {"名", "人", "位"}, {"项", "件", "个"}, {"场", "场次", "次"},
                  set("个枚粒颗")]
#: Two spellings of one unit: a figure in one is the same figure in the other.
_SAME_UNIT = {"周岁": "岁", "摄氏度": "℃", "°C": "℃", "千米": "公里", "平方千米": "平方公里",
              "千克": "公斤", "公尺": "米", "秒钟": "秒"}
_FAMILY_OF: dict[str, set[int]] = {}
for _i, _fam in enumerate(_UNIT_FAMILIES):
    for _u in _fam:
        _FAMILY_OF.setdefault(_u, set()).add(_i)


def same_unit(a: str, b: str) -> bool:
    """The same unit, however spelt (周岁 / 岁, 摄氏度 / ℃, 千米 / 公里)."""
    return _SAME_UNIT.get(a, a) == _SAME_UNIT.get(b, b)


@lru_cache(maxsize=4096)  # asked of each candidate of each figure; the units are few
def units_compatible(a: str, b: str) -> bool:
    """Same measure word, or two that count the same kind of thing (家/个, 名/人)."""
    if not a or not b or same_unit(a, b):
        return True
    return bool(_FAMILY_OF.get(a, set()) & _FAMILY_OF.get(b, set()))


def common_suffix(a: str, b: str) -> int:
    """Length of the longest common suffix."""
    n = 0
    while n < len(a) and n < len(b) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix."""
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def referent_match(d: Claim, c: Claim) -> int:
    """How many characters of what the source figure counts stand right next to the draft figure."""
    return _referent(d.kind == "date", d.before, d.after, c.before, c.after, c.subject,
                     d.kind == "ordinal", level=d.kind not in _CHANGE_KINDS)


def scope_slip(d: Claim, c: Claim) -> tuple[str, str] | None:
    """(the draft's place, the source's) when the two figures share their referent but for
    the place it holds in (北京法院结案率 / 上海法院结案率), else None."""
    if referent_match(d, c) or _referent(d.kind == "date", d.before, d.after, c.before, c.after,
                                         c.subject, d.kind == "ordinal", False,
                                         d.kind not in _CHANGE_KINDS) < 3:
        return None
    d_before = _comparable(d.before, False)
    c_before = _comparable(c.before, False)
    matched = common_suffix(d_before, c_before)
    ours = _scope_at(d_before[:-matched] if matched else d_before)
    theirs = _scopes_near(c_before, matched)
    return (ours, theirs[-1]) if ours and theirs else None


@lru_cache(maxsize=65536)  # many sources word a figure alike: the same words are compared once
def _referent(date: bool, d_before: str, d_after: str, c_before: str, c_after: str,
              subj: str, rank: bool = False, scoped: bool = True, level: bool = False) -> int:
    if not date and _measures_differ(d_before, c_before, level):
        return 0  # 占GDP的7.2% is a share, 增长8.4% a change: never the same figure
    d_before, c_before = _comparable(d_before, rank), _comparable(c_before, rank)
    d_after, c_after = strip_after(d_after), strip_after(c_after)
    best = max(common_suffix(d_before, c_before), common_prefix(d_after, c_after))
    if not date:  # 规上工业增加值 for 规模以上工业增加值: words left out inside the referent
        best = max(best, _spread_suffix(words(d_before)[-_SPREAD:], words(c_before)[-_SPREAD:]))
    if date and len(subj) >= 2 and subj[-2:] in d_after:
        best = max(best, 3)  # the event the source dates (施行, 通过) follows the draft's date
    if date and dateline_follows(d_after) and dateline_follows(c_after):
        best = max(best, 3)  # both datelines: 新华社北京7月19日电 / 新華社7月20日電
    if len(subj) >= 2:
        if d_before.endswith(subj) or d_after.startswith(subj):
            best = max(best, len(subj))
        else:
            best = max(best, _partial_subject(subj, d_before, d_after))
    if best == 2 and _modifiers_conflict(d_before, c_before + "|" + subj):
        return 0  # 农作物绝收面积 is not 农作物受灾面积: only the head noun (面积) is shared
    if best and scoped and _scopes_differ(d_before, c_before, best):
        return 0  # 全国法院结案率 is not 上海法院结案率
    return best if best >= 2 else 0


#: Where a figure holds: the whole country, province or city, or a province-level region.
_SCOPE = lazy(
    r"(全国|全省|全市|全区|全县|全球|本市|本省|我国|"
    r"北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    r"广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门)[省市]?")


def _scopes_differ(d_before: str, c_before: str, matched: int) -> bool:
    """The draft names one place or scope right before the referent they share, the source's
    words another and not the draft's (全国 / 各省法院中，上海)."""
    d_scope = _scope_at(d_before[:-matched])
    if not d_scope:
        return False
    scopes = _scopes_near(c_before, matched)
    return bool(scopes) and d_scope not in scopes


def _scopes_near(c_before: str, matched: int) -> list[str]:
    """The places the source names in its referent and the dozen characters before it."""
    return [m.group(1) for m in _SCOPE.finditer(c_before[-(matched + 12):])]


def _scope_at(text: str) -> str:
    """The place or scope `text` ends with (全国, 上海市 -> 上海), or ''."""
    for n in (4, 3, 2):
        m = _SCOPE.fullmatch(text[-n:])
        if m:
            return m.group(1)
    return ""


#: Hanzi only; the pattern of names.py, compiled once for both (re keeps it by its text).
_HANZI = lazy(r"[\u4e00-\u9fff]+")


def modifiers_conflict(d: Claim, c: Claim) -> bool:
    """The draft's words before its figure qualify the head noun as the source's never do."""
    return _modifiers_conflict(_comparable(d.before, False),
                               _comparable(c.before, False) + "|" + c.subject)


def _modifiers_conflict(d_before: str, source_words: str) -> bool:
    """The two characters before the draft's two-character head noun name something the
    source's words around the figure never mention (绝收 before 面积 where the source says 受灾)."""
    head = d_before[-2:]
    modifier = d_before[-4:-2]
    if len(head) != 2 or len(modifier) != 2 or not _HANZI.fullmatch(head) \
            or not _HANZI.fullmatch(modifier) or head not in source_words:
        return False
    return not any(ch in source_words for ch in modifier)


#: How far back a referent with words left out (or added) inside it is looked for.
_SPREAD = 16


def _spread_suffix(a: str, b: str) -> int:
    """Characters two referents share in order, when both end with the same two characters
    (the counted noun) and the shorter is all in the other: 规上工业增加值 / 规模以上工业增加值
    (7), 最高人民法院新收案件 / 最高人民法院除刑庭案件外，新收案件 (10)."""
    if common_suffix(a, b) < 2:
        return 0
    row = [0] * (len(b) + 1)
    for ch in a:
        diag = 0
        for j, other in enumerate(b):
            keep = row[j + 1]
            row[j + 1] = diag + 1 if ch == other else max(row[j + 1], row[j])
            diag = keep
    n = row[-1]
    return n if n >= 4 and n == min(len(a), len(b)) else 0


@lru_cache(maxsize=65536)
def _comparable(before: str, rank: bool) -> str:
    """The words before a figure as referents compare: asides, amount words (and for a rank
    its scope) stripped, regional and abbreviated names folded (内地/中国大陆 -> 大陆)."""
    text = fold_names(without_asides(before)).replace("的", "")  # 入境的旅客 = 入境旅客
    if rank:
        return own_referent(text, rank=True) or text
    return strip_amount_words(_QUOTED_AT.sub("", strip_amount_words(text)))


#: The verb of a quoted level and the day it is quoted on, no part of what it measures:
#: 上证综指报3128.28点, 沪指以3155.04点报收, 上证综指当日以3629.98点高开.
_QUOTED_AT = lazy(r"(?:(?<=[指数价格约盘])报|(?:当日|当天|今日|昨日|全天)?以)$")


def topic_of(d: Claim) -> str:
    """What the words before a draft figure are about, amount and link words left out
    (沪指收于 -> 上证综指): at most eight characters, back to the last punctuation."""
    return trailing_words(_comparable(d.before, False), most=8)


def context_similarity(d: Claim, c: Claim) -> float:
    """0..100: how alike the words around two figures are (a dozen characters either side)."""
    return _similarity(_content(d.before[-12:] + "|" + d.after[:12]),
                       _content(c.before[-12:] + "|" + c.after[:12]))


@lru_cache(maxsize=65536)
def _content(text: str) -> str:
    """The words of `text` without amount, change and base words (同比增长 names nothing)."""
    return words(_GENERIC.sub("|", text))


_GENERIC = lazy("|".join(sorted((w for w in AMOUNT_WORDS if len(w) > 1), key=len, reverse=True)))


#: Kinds whose figure after 增长 may state the level reached as well as the change (增速为6.2%
#: / 增长6.2%; a point change is always one).
_CHANGE_KINDS = frozenset({"percent", "points"})


def _measures_differ(d_before: str, c_before: str, level: bool = False) -> bool:
    """Whether the words before two figures make them measure different things: a share and
    a change, a rate and a total, or (`level`: amounts and counts) a change and a level
    (上涨9元 is no 收于每吨1万元)."""
    a, b = measure(d_before), measure(c_before)
    if a != b and "per" in (a, b):
        return True  # 每千人口床位 is a rate, 床位 the total
    if level and a != b and "change" in (a, b):
        return True
    return bool(a and b and a != b)


def _partial_subject(subj: str, before: str, after: str) -> int:
    """A shortened referent: the draft keeps the head (试点企业 for 省级产教融合型试点企业) or the front."""
    best = 0
    for k in range(len(subj) - 1, 1, -1):
        if before.endswith(subj[-k:]) or after.startswith(subj[-k:]):
            best = max(best, k)
            break
    for k in range(len(subj) - 1, 2, -1):
        if before.endswith(subj[:k]) or after.startswith(subj[:k]):
            best = max(best, k)
            break
    return best


@lru_cache(maxsize=8192)
def sentence_pairs(sentence: str) -> frozenset[str]:
    """The character pairs of a sentence's content words (figures, amount and change words
    left out): what two sentences about the same thing share."""
    return char_pairs(_content(sentence))


@lru_cache(maxsize=8192)
def char_pairs(words: str) -> frozenset[str]:
    """The pairs of adjacent characters of `words`: what the word measures here compare."""
    return frozenset([words[i:i + 2] for i in range(len(words) - 1)])


def words_found(words: str, text: str) -> bool:
    """Whether most character pairs of `words` stand in `text` (nothing to find: True)."""
    pairs = char_pairs(words)
    return not pairs or 2 * sum(p in text for p in pairs) >= len(pairs)


def clause_similarity(d: Claim, c: Claim) -> float:
    """0..100: share of the shorter clause's character pairs found in the other, figures removed.

    Two shared pairs at least; order-free, so paraphrase and reordering still score. A date's
    own words are left out: 年/月/日 would make any two dates look alike."""
    return _similarity(words(without_own_words(d)), words(without_own_words(c)))


@lru_cache(maxsize=65536)  # sources differing only in their figures compare as one
def _similarity(a_words: str, b_words: str) -> float:
    a, b = char_pairs(a_words), char_pairs(b_words)
    shared = len(a & b)
    if shared < 2:
        return 0.0
    return 100.0 * shared / min(len(a), len(b))


def name_similarity(a: str, b: str) -> float:
    """0..100 similarity of two names or titles."""
    from rapidfuzz import fuzz  # imported on first use: most drafts never compare names

    return float(fuzz.ratio(a, b))
