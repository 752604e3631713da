"""Whether figures agree: how surely a draft figure is paired with a source figure, and
whether another source backs it (which sources disagree with each other: `conflicting`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Protocol

from factcheck.lazyre import lazy
from factcheck.check.align import Pair, align, comparable, same_figure
from factcheck.check.compare import (
    consistent, dates_agree,
)
from factcheck.check.similarity import (
    char_pairs,
    referent_match,
    topic_of,
    words_found,
)
from factcheck.records import replace
from factcheck.registry.claim import EVENT_KINDS, Claim
from factcheck.registry.referents import dateline_follows, fold_names, measure
from factcheck.registry.model import Registry



class Checking(Protocol):
    """What the agreement helpers read of a rule's context."""

    registry: Registry

#: How sure the pairing must be before a difference is called a contradiction.
MIN_REFERENT = 3
MIN_SIMILARITY = 55.0
#: Dates and ordinals name events, not counted nouns: a clause this alike pairs them.
EVENT_SIMILARITY = 75.0


def paired(pair: Pair) -> bool:
    """Whether the draft figure and its source claim surely speak of the same thing."""
    if pair.claim is None:
        return False
    if pair.referent >= MIN_REFERENT or (pair.referent and pair.similarity >= MIN_SIMILARITY):
        return True
    if pair.referent and _topic_found(pair.draft, pair.claim):
        return True
    return pair.draft.kind in EVENT_KINDS and pair.similarity >= EVENT_SIMILARITY \
        and not page_date(pair.draft, pair.claim)


#: A date as a page or a feed prints when it was published (2015-03-20 18:16:04).
PAGE_STAMP = lazy(r"\d{4}-\d{1,2}-\d{1,2}")


def page_date(d: Claim, c: Claim) -> bool:
    """The source date dates the page or the wire story (2015-03-20 18:16:04 under the
    title, 新华社北京3月20日电), not an event, and the draft date is no such date: its
    clause is the title's or the dateline's, so clause words cannot pair them."""
    if c.kind != "date":
        return False
    if PAGE_STAMP.match(c.text):
        return not PAGE_STAMP.match(d.text)
    return dateline_follows(c.after) and not dateline_follows(d.after)


def periods_differ(registry: Registry, draft_dates: dict[int, list[Claim]], pair: Pair) -> bool:
    """The paragraphs date the two figures differently (今年十月 / 今年首十個月, the nearest
    date before each in its paragraph): the same words count another period's figure, so the
    pairing decides nothing. `draft_dates` holds the draft's dates by line."""
    d, c = pair.draft, pair.claim
    if c is None or d.kind == "date":
        return False
    a = period_of(draft_dates.get(d.line, ()), d)
    if not a:
        return False
    b = period_of(registry.index().of_source(c.source).by_kind("date"), c)
    if not b or _shape(a) == _shape(b) and "/" not in a:
        return False  # 截至14日 / 截至15日16时: one date stated wrong, not another period's figure
    return not dates_agree(a, b) or _day(a) != _day(b)


def _shape(iso: str) -> tuple[int, bool]:
    """How precise a date is: its parts, and whether it is a span."""
    return iso.count("-"), "/" in iso or "Q" in iso or "H" in iso


def _day(iso: str) -> bool:
    """A single day (XXXX-XX-01), not a span: a day's figure is not a month's or a year's."""
    return "/" not in iso and iso.count("-") == 2 and "W" not in iso


#: Words before a date that make it a baseline (较去年同月), not the period a figure counts.
_BASELINE = ("较", "較", "比", "与", "與", "同")


def period_of(claims: Sequence[Claim], c: Claim) -> str:
    """The ISO date of the last date claim before `c` on its line (paragraph), or ''."""
    before = [o for o in claims if o.kind == "date" and o.line == c.line and o.end <= c.start
              and not o.before.rstrip().endswith(_BASELINE)]
    return str(max(before, key=lambda o: o.start).value) if before else ""


def _topic_found(d: Claim, c: Claim) -> bool:
    """The words before the draft's short referent (沪指 before 收于) stand in the source
    figure's sentence (当日上证综指…尾盘收报3352.96点): the same thing's figure."""
    topic = topic_of(d)
    return len(topic) >= 2 and words_found(topic, fold_names(c.sentence))


def strong(pair: Pair) -> bool:
    """Whether a pairing is sure enough that both figures speak of the same thing."""
    return paired(pair)


def agree(a: Claim, b: Claim) -> bool:
    """Whether either figure can be a faithful rewrite of the other."""
    return same_figure(a, b) or same_figure(b, a)


def counterpart(claim: Claim, candidates: list[Claim]) -> Pair | None:
    """The claim among candidates that surely speaks of the same thing, as a Pair.

    Callers pass the index's candidates for a sure pairing (`ClaimIndex.sure_candidates`)
    rather than every claim of a source: a sure pairing is always among them, so the pair, its
    referent and its rivals are the same (its `supporters` may be fewer; no caller reads them)."""
    pair = align(claim, candidates)
    return pair if strong(pair) else None


def supported_elsewhere(ctx: Checking, pair: Pair) -> Claim | None:
    """A claim of another source that backs the draft figure its best pairing contradicts."""
    c = pair.claim
    if c is None or len(ctx.registry.sources) < 2:
        return None
    d = pair.draft
    index = ctx.registry.index()
    others = index.in_order([o for o in index.sure_candidates(d) if o.source != c.source])
    alt = counterpart(d, others)
    if alt is None:
        return None
    if consistent(d, alt.claim):
        return alt.claim
    return alt.agreeing_rival


def near_in_value(d: Claim, c: Claim) -> bool:
    """Within a factor of ten (a restatement keeps the order of magnitude, or slips by one)."""
    a, b = d.value, c.value
    if not isinstance(a, Decimal) or not isinstance(b, Decimal) or not a or not b:
        return d.kind == "date"
    ratio = abs(a / b)
    return Decimal("0.1") <= ratio <= 10


def counted_alike(d: Claim, c: Claim) -> bool:
    """Both figures measure alike (no two measures: `_metrics_agree`; no difference and a
    level: `_difference`) and count with a measure word, or neither does: a bare 二 or 4 is no
    restatement of 三座 or 三场, nor 8架 of a 9 (a bare number is a score, a name's part, a
    list's mark), unless the source's stands in a table, whose cells leave the unit to the
    header (| 试点企业 | 768 |)."""
    if d.kind in ("number", "money", "percent") and not _metrics_agree(d.before, c.before):
        return False  # 营业收入2.3万亿元 is no restatement of 净利润8715亿元
    if d.kind != "number":
        return True
    if _difference(d.before) != _difference(c.before):
        return False  # 她小了师傅整四十岁 says nothing of anyone's age
    return bool(d.unit) == bool(c.unit) or any(bar in c.sentence for bar in _CELL_BARS)


def _metrics_agree(a: str, b: str) -> bool:
    """Whether the words before two figures name no two different measures of a business or
    an economy (营业收入 / 净利润, 出口 / 进口, 存款 / 贷款, 资产 / 负债): either names none,
    or they share one."""
    x, y = _metrics(a[-8:]), _metrics(b[-8:])
    return not x or not y or bool(x & y)


def _metrics(before: str) -> frozenset[str]:
    """The measures the last measure word before a figure may name (利润: 净利润 or 利润总额)."""
    found = _METRIC.findall(before)
    return _METRICS.get(found[-1], frozenset()) if found else frozenset()


#: Measure words, each with the measures it may name.
_METRICS = {word: frozenset(names.split()) for word, names in (
    ("营业收入", "营收"), ("营收", "营收"), ("营业额", "营收"), ("销售额", "销售"), ("销售收入", "销售"),
    ("净利润", "净利"), ("净利", "净利"), ("利润总额", "利总"), ("利润", "净利 利总"),
    ("成交额", "成交额"), ("成交金额", "成交额"), ("成交量", "成交量"),
    ("进出口", "进出口"), ("出口", "出口"), ("进口", "进口"), ("存款", "存款"), ("贷款", "贷款"),
    ("资产", "资产"), ("负债", "负债"))}
_METRIC = lazy("|".join(sorted(_METRICS, key=len, reverse=True)))


def _difference(before: str) -> bool:
    """Whether the words before a count make it a difference (她小了师傅整四十岁, 比旧运河宽100米):
    by how much one thing exceeds another, never the level of either."""
    return bool(_DIFFERENCE.search(before[-10:]))


#: 小了…, 高出…, 比…多 right before a figure.
_DIFFERENCE = lazy(r"(?:比(?!赛)[^，,。；;]{1,8}|[^至])[大小多少高低长短早晚宽窄][了出][^，,。；;]{0,5}$"
                   r"|比(?!赛)[^，,。；;]{1,8}[大小多少高低长短早晚宽窄]$")


#: What separates a table's cells in a source's text.
_CELL_BARS = ("|", "｜", "\t")


#: Beyond this many sources (an archive not narrowed to a draft's sources) sentences are not
#: compared: each figure would be read against every source sentence.
SENTENCE_SOURCES = 50


def same_things(d: Claim, c: Claim) -> bool:
    """Whether two counted figures may count the same things: not when one counts by the
    catch-all 个 and the other by another word (32项, 5家) unless the nouns after them share a
    character (25个进球 / 27枚进球)."""
    if d.unit == c.unit or "个" not in (d.unit, c.unit):
        return True
    a, b = _NOUN_AFTER.match(d.after), _NOUN_AFTER.match(c.after)
    return bool(a and b and set(a.group()) & set(b.group()))


#: The first characters of the noun a measure word counts (个国家, 枚进球).
_NOUN_AFTER = lazy(r"[\u4e00-\u9fff]{1,2}")


#: Words that make a figure a plan or a forecast (全年目标为, 预计突破), not what was done.
_PLANNED = lazy(r"预计|预期|目标|计划|有望|力争|预测")


def planned(c: Claim) -> bool:
    """Whether the words of a figure's clause make it a plan or a forecast (全年目标为2500亿元,
    预计全年突破1600万, 计划在未来5年内开发100辆, 完成15亿亩的年度目标): such a figure
    restates no figure of what was done, nor one of those a plan."""
    at = c.context.find(c.text)
    return bool(_PLANNED.search(c.context[:at] if at >= 0 else c.before)
                or _PLANNED_AFTER.match(c.after))


#: A figure a plan or target is made of (超额完成15亿亩的年度目标, 1000万人次的计划).
_PLANNED_AFTER = lazy(r"的[\u4e00-\u9fff]{0,3}?(?:目标|计划|任务)")


#: At most this many figures given the same words are told apart by the words before them.
MAX_ALIKE = 24
#: Figures given the same words that make a list of like items (ten futures, five regions): a
#: draft naming an item in words none of them has speaks of something the list leaves out.
MIN_LIST = 3
#: ... when the draft's item has this many of the character pairs most items share (主力合约收于每吨).
MIN_LIST_WORDS = 4
#: Where the words of one item of a list begin (铝期货主力合约收于每吨…；铜期货主力合约…).
_ITEM_START = lazy(r"[。；;！？!?]")
CLAUSE_BREAK = lazy(r"[，,：:]")
_NOT_WORD = lazy(r"[\W_]+")


def settle(registry: Registry, pair: Pair, read_item: Callable[[Claim], str] | None = None) -> Pair:
    """The pairing among source figures the draft's words fit equally (主力合约收于每吨 before
    each of ten futures' prices): the one whose own words before it (铝期货, 焦煤期货) the
    draft's words before its figure repeat. When none does (the draft speaks of 塑料期货, which
    the source never names) or several do, the words do not say which figure the draft
    restates, and it is not paired. `read_item` reads the draft figure's list item (`list_item`,
    the one read of its sentence here or in `align`)."""
    c, d = pair.claim, pair.draft
    if c is None or pair.referent < MIN_REFERENT or d.kind in EVENT_KINDS \
            or len(registry.sources) > SENTENCE_SOURCES:
        return pair
    # a figure with a referent next to the draft's shares an anchor with it: the others fit 0
    fit = [(referent_match(d, o), o) for o in registry.index().anchored(d)
           if o.source == c.source and comparable(d, o)]
    if not any(ref >= pair.referent - 1 and o.value != c.value for ref, o in fit):
        return pair  # the words fit one figure clearly best (by two characters or more)
    what = measure(d.before)
    group = [o for ref, o in fit if ref >= 2 and measure(o.before) == what]
    if len(group) > MAX_ALIKE or any(same_figure(d, o) for o in group):
        return pair  # too many to tell apart, or the draft states one of them
    theirs = [text_pairs(list_item(o)) for o in group]
    # the draft's clauses from the figure back, to the first with words that set some of
    # the figures apart (held by at most half of them) or that none of them has
    count = Counter(p for pairs in theirs for p in pairs)
    item = (read_item or list_item)(d)
    listed = sum(2 * count[p] >= len(group) for p in text_pairs(item)) >= MIN_LIST_WORDS
    for clause in reversed(CLAUSE_BREAK.split(item)):
        ours = text_pairs(clause)
        rare = {p for p in ours if 0 < count[p] <= len(group) // 2}
        if rare:
            shared = [len(rare & pairs) for pairs in theirs]
            best = max(shared)
            top = [o for o, n in zip(group, shared) if n == best]
            if len(top) == 1:
                return replace(pair, claim=top[0], rivals=())
            return pair if c in top else replace(pair, referent=0, similarity=0.0)
        if listed and len(group) >= MIN_LIST and any(count[p] == 0 for p in ours):
            return replace(pair, referent=0, similarity=0.0)  # 塑料期货: no item of the list
    return pair  # the draft's words are those most figures have: the pairing stands


def list_item(c: Claim) -> str:
    """The words before a figure in its sentence, back to the start of its list item
    (焦煤期货跌近2%，主力合约收于每吨 before 504.5元)."""
    tail = c.before[-8:] + c.text
    at = c.sentence.find(tail)
    before = c.sentence[:at + len(tail) - len(c.text)] if tail and at >= 0 else c.before
    return _ITEM_START.split(before)[-1]


def text_pairs(text: str) -> frozenset[str]:
    """The character pairs of a text's words and figures (punctuation left out)."""
    return char_pairs(_NOT_WORD.sub("", text))
