"""Text -> claims: figures, dates and ordinals with what they count, and named entities."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from decimal import Decimal
from functools import lru_cache

from factcheck.quantity import read_quantities
from factcheck.quantity.periods import anchored
from factcheck.records import replace
from factcheck.registry.claim import Claim
from factcheck.registry.frames import respectively
from factcheck.registry.referents import DEGREE, dateline_follows, direction, measure, own_referent
from factcheck.text.document import Document
from factcheck.text.sentences import Unit, clause_bounds, span_position, units
from factcheck.lazyre import lazy

#: Quantity kinds that become claims (labels such as 十四五 or “1+X” are names, not figures).
CLAIM_KINDS = frozenset({"number", "money", "percent", "points", "multiple", "fraction", "date",
                         "ordinal", "score"})
_LAW = re.compile(r"《[^《》\n]{2,40}》")
#: Times of day (07:20) are datelines, not figures.
_TIME = lazy(r"(?<![\d.])(?:[01]?\d|2[0-4])[:：][0-5]\d(?:[:：][0-5]\d)?(?![\d.])"
                   r"|(?:\d{1,2}|[零〇一二两三四五六七八九十]{1,3})(?:时(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})分"
                   r"|时(?![间代期段刻候常])|点(?:\d{1,2}|[零〇一二三四五六七八九十]{1,3})分)")
#: What every time of day holds, one to three characters after its start (07:20, 7时, 十二点):
#: `_TIME` is tried only there (`anchored`).
_TIME_MARKS = re.compile("[:：时点]")
_TIME_REACH = 3
_CJK = lazy(r"[\u4e00-\u9fff]")
_EVENT_TAIL = lazy(r"[\u4e00-\u9fff]{1,4}$")
_PUNCT = " \t|:：-—,，;；、。（）()"
#: A figure in brackets is an aside: 工业投资75.11亿元(占总投资的32.1%)，增长103.2%.
_ASIDE_END = re.compile(r"\s*[)）]")
#: Words for an amount of money right after a bare figure (187億投資, 50億消費).
_MONEY_NEXT = lazy(r"\s*(?:的)?(?:投资|投資|消费|消費|资金|資金|经费|經費|营收|營收|收入|产值|產值|支出|"
                         r"销售额|銷售額|成交额|成交額|金额|金額|补助|補助|补贴|補貼|贷款|貸款|利润|利潤|税收|稅收)")


def extract_claims(doc: Document, source: str = "", ref_year: int | None = None,
                   with_subjects: bool = True, ref_date: str = "") -> list[Claim]:
    """Every claim in a document, in text order.

    `ref_date` (the article's ISO date) dates a bare day: 27日 in an article of 2017-06-27
    is 2017-06-27, 28日 the 28th of May. `with_subjects` finds what each figure counts and the people and organisations named
    (needs word segmentation): on for source articles, off for drafts, which are aligned
    against the registry's vocabulary instead.
    """
    claims: list[Claim] = []
    for unit in units(doc):  # noqa: B007
        claims += _quantity_claims(doc, unit, ref_year, with_subjects, ref_date)
        claims += _law_claims(doc, unit)
        if with_subjects:
            from factcheck.registry.entities import entity_claims

            claims += entity_claims(doc, unit)
    if with_subjects:
        from factcheck.registry.entities import quote_claims

        claims += quote_claims(doc, units(doc), claims)
    claims.sort(key=lambda c: (c.start, c.end))
    return assign_ids(claims, source) if source else claims


def _quantity_claims(doc: Document, unit: Unit, ref_year: int | None,
                     with_subjects: bool, ref_date: str = "") -> list[Claim]:
    """The sentence's figures, dates and ordinals as claims at their places in the document.

    What a sentence's claims say depends on its text alone: it is worked out once for each
    distinct sentence (`_read_claims`, remembered), then placed."""
    read = _read_claims(unit.text, ref_year, with_subjects, ref_date)
    if not read:
        return []
    offsets, starts, first, text = unit.offsets, doc.line_starts, doc.first_line, doc.text
    out = []
    for c, (a, b) in read:  # as `span_position` places them
        a, b = offsets[a], offsets[b - 1] + 1
        i = bisect_right(starts, a) - 1
        j = bisect_right(starts, b) - 1
        column = a - starts[i] + 1
        out.append(Claim(c.kind, text[a:b], a, b, i + first, column,
                         b - starts[j] + 1 if i == j else column + (b - a),
                         c.value, c.low, c.high, c.low_open, c.high_open, c.unit, c.qualifier,
                         c.subject, c.before, c.after, c.context, c.sentence))
    return out


#: Sentences whose claims `_read_claims` keeps (a 10 MB draft's peak memory grows with it).
READ_SENTENCES = 1024


@lru_cache(maxsize=READ_SENTENCES)
def _read_claims(text: str, ref_year: int | None, with_subjects: bool,
                 ref_date: str) -> tuple[tuple[Claim, tuple[int, int]], ...]:
    """A sentence's claims, each with its [start, end) in the sentence, not yet placed in a
    document (no text, offsets, line or column)."""
    out = []
    found = _shared_units(text, _money_by_context(text, read_quantities(text, ref_year)))
    times = [(m.start(), m.end()) for m in anchored(text, _TIME, _TIME_MARKS, _TIME_REACH)]
    prev: Claim | None = None  # the last figure of this sentence: what a change relates to
    first: Claim | None = None  # the sentence's first figure: what a rank ranks
    thing, alias, noun = "", "", ""  # the last level named, its short name, the last change's measure
    spans: list[tuple[int, int]] = []
    for i, q in enumerate(found):
        if q.kind not in CLAIM_KINDS or q.kind != "score" and any(a <= q.start < b for a, b in times):
            continue  # (a score's words tell it from a time: 以83:60轻取)
        c0, c1 = clause_bounds(text, q.start)
        if q.kind == "date" and len(_CJK.findall(text[c0:q.start] + text[q.end:c1])) < 2 \
                and c1 < len(text):
            c1 = clause_bounds(text, c1 + 1)[1]  # 今年1月，中天钢铁集团发布调薪计划: the event follows
        clause = text[c0:c1]
        # A figure's own words stop at its neighbours: 教学点10个，培训点20个 / 768家试点企业和13个…
        b0 = found[i - 1].end if i else 0  # quantities come sorted, never overlapping
        if i and _ASIDE_END.match(text[b0:q.start]):  # 比全省(7.7%)高0.7个百分点: past the aside
            b0 = found[i - 2].end if i > 1 else 0
        a1 = min(c1, found[i + 1].start) if i + 1 < len(found) else c1
        before, after = text[b0:q.start], text[q.end:a1]
        value = q.value
        kind = q.kind
        if q.kind == "date" and ref_year and isinstance(value, str) and value.startswith("XXXX"):
            value = f"{ref_year}{value[4:]}"
        if q.kind == "date" and ref_date and isinstance(value, str):
            value = _day_in_month(value, ref_date)
        subject = ""
        if with_subjects and q.kind == "date":
            subject = _date_subject(text, q, c0, c1, after, str(value))
        elif with_subjects:
            from factcheck.registry.subjects import subject_of

            # a figure's own commas (7,250,954人次是从关闸入境) do not end its clause
            s1 = clause_bounds(text, q.end)[1] if q.end < len(text) else c1
            subject = subject_of(text[c0:max(c1, s1)], q.start - c0, q.end - c0)
        after_date = i > 0 and found[i - 1].kind == "date"
        relative = _relates_to(first if q.kind == "ordinal" else prev, q.kind, before, after,
                               after_date)
        own = before  # the figure's own words, before a relation adds the level's
        if relative is not None:  # 1523亿元，同比增长6.2%: the growth of what the level counts
            before = own_referent(relative.before) + before.lstrip(_PUNCT)
            subject = subject if own_referent(DEGREE.sub("", subject), q.kind == "ordinal") \
                else relative.subject
        if with_subjects and q.kind != "date":
            subject, thing, alias, noun = _measured(q, text[:q.start], own, subject,
                                                    relative, after, thing, alias, noun)
        claim = Claim(kind=kind, value=value, low=q.low, high=q.high, low_open=q.low_open,
                      high_open=q.high_open, unit=q.unit,
                      qualifier=q.qualifier, subject=subject, before=before, after=after,
                      context=clause, sentence=text.strip(), text="", start=0, end=0,
                      line=0, column=0, end_column=0)
        out.append(claim)
        spans.append((q.start, q.end))
        if q.kind != "date" and not _ASIDE_END.match(after):  # (占总投资的32.1%): an aside
            prev = claim
            first = first or claim
    return tuple(zip(respectively(text, spans, out, with_subjects), spans))


_BARE_DAY = lazy(r"(\d{4}|XXXX)-XX-(\d\d)$")
_ISO_DAY = lazy(r"(\d{4})-(\d\d)-(\d\d)$")


def _measured(q, left: str, own: str, subject: str, relative: Claim | None, after: str,
              thing: str, alias: str, noun: str) -> tuple[str, str, str, str]:
    """The subject of a figure that measures the sentence's level (its change, rank or a
    baseline in brackets), and the level, short name and change measure the next figures read."""
    from factcheck.registry.subjects import (baseline_subject, derived_subject, measure_noun,
                                             alias_of)

    if _ASIDE_END.match(after):  # 比全省(7.7%): the same measure of another place
        written = measure_noun(own, 0)
        return (baseline_subject(own, thing, alias, written or noun) or subject,
                thing, alias, noun)
    sign = direction(own)
    if relative is not None and thing:
        subject = derived_subject(q.kind, own, thing, alias, sign) or subject
    elif q.kind not in ("ordinal", "points") and len(subject) >= 2:  # a level, a rate or a
        thing, alias = subject, alias_of(own)  # change that names its own (not 分别高0.7)
    if q.kind == "percent" and sign:
        noun = measure_noun(own, sign)
    return subject, thing, alias, noun


#: Verbs of reporting after a date (记者21日从最高人民法院获悉) and a meeting held that day
#: (27日在北京召开的新闻发布会上指出): what the date dates.
_REPORTED = lazy(r"召开的?([\u4e00-\u9fff]{0,6}?会)|(获悉|表示|指出|透露|宣布|介绍|通报|证实)")
#: Words a date of statistics may follow in its clause (今年前9个月).
_PERIOD_OPEN = lazy(r"^\s*(?:今年|去年|全年|在|截至)?\s*$")
#: Words of a change: a period before them is the period of the statistics.
_CHANGE_WORDS = lazy(r"增长|增速|增幅|上升|下降|回升|回落|减少|增加|提高|降低|上涨|下跌")
#: What closes a title or quote a date stands in (「2023年…统计公报」).
_CLOSERS = "」』”》)）\"' "
#: An event between a date and 以来 (自1994年首飞成功以来): what the date dates.
_SINCE = lazy(r"\s*([\u4e00-\u9fff]{2,8}?)(?:以来|以後|以后)")


def _date_subject(text: str, q, c0: int, c1: int, after: str, value: str) -> str:
    """What a date dates: the dateline, a reporting verb or meeting after it, the period of the
    statistics it opens, the event it starts (自1994年首飞成功以来), else its clause's last words."""
    rest = text[q.end:c1]
    tail = _EVENT_TAIL.search(rest.rstrip(_CLOSERS))  # the event: 审议通过, 正式施行, 统计公报
    subject = tail.group(0) if tail else ""
    reported = _REPORTED.search(rest)
    if reported:
        subject = reported.group(1) or reported.group(2)
    since = _SINCE.match(after)
    if since and not _ANCHOR_NEXT.match(after):
        subject = since.group(1)
    if dateline_follows(after):
        return "电讯日期"  # the dateline (新华社北京7月19日电) dates the report itself
    if _ANCHOR_NEXT.match(after):
        return subject
    opens = _PERIOD_OPEN.match(text[c0:q.start])
    if re.search(r"\d", rest) or opens and _CHANGE_WORDS.search(rest) \
            or (q.text + after[:1]).endswith(("月份", "个月", "個月")) \
            and _CHANGE_WORDS.search(text[q.end:]):
        period = _period_name(value)  # 1至9月，全国法院新收案件… · 5月份，客运增速回升
        if period and after.startswith(("末", "底")):
            return "统计时点"  # 2023年末，医疗卫生机构总数…: a stock at the period's end
        return period or subject
    return subject


def _day_in_month(value: str, ref_date: str) -> str:
    """A bare day (XXXX-XX-27) in the month of the article's date, or the month before when
    the day is still to come (news reports what happened, not what will)."""
    day, ref = _BARE_DAY.match(value), _ISO_DAY.match(ref_date)
    if not day or not ref:
        return value
    year, month, today = int(ref.group(1)), int(ref.group(2)), int(ref.group(3))
    if int(day.group(2)) > today:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return f"{year}-{month:02d}-{day.group(2)}"


#: Words after a date that make it the start or end of something (1996年10月以来).
_ANCHOR_NEXT = lazy(r"\s*(?:以来|以後|以后|之后|之後|以前|之前|至今|起|前|后|後)")


def _period_name(value: str) -> str:
    """What a date opening a clause of figures dates: the period the statistics cover."""
    if "/" in value:
        return "统计期"
    parts = value.split("-")
    if len(parts) == 2 and not parts[1].startswith(("Q", "H", "W")):
        return "统计月份"
    if len(parts) == 1:
        return "统计年份"
    return ""


#: What joins the items of a list of figures sharing the last one's unit (0.7、1.4个百分点).
_LIST_LINK = lazy(r"\s*(?:、|和|及|与|與|至|到|或)\s*")
_SHARABLE = frozenset({"percent", "points", "money", "number"})


def _money_by_context(text: str, found: list) -> list:
    """Bare 億/萬 amounts before a money word are money: 帶動 187 億投資 (Taiwan's press
    leaves out 元)."""
    return [replace(q, kind="money") if q.kind == "number" and not q.unit
            and isinstance(q.value, Decimal) and abs(q.value) >= 10000
            and _MONEY_NEXT.match(text, q.end) else q for q in found]


def _shared_units(text: str, found: list) -> list:
    """Bare numbers listed before a figure with a unit take its unit and kind:
    分别高0.7、1.4个百分点 states two points figures, 增长12%、15%和18% three percentages."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if q.kind == "number" and not q.unit and not q.qualifier and nxt.kind in _SHARABLE \
                and (nxt.unit or nxt.kind == "money") and _LIST_LINK.fullmatch(text[q.end:nxt.start]) \
                and not text[q.start:q.end].endswith(("年", "月", "日")):
            out[i] = replace(q, kind=nxt.kind, unit=nxt.unit, currency=nxt.currency)
    return out


def _word_next(after: str) -> bool:
    """A word right after a figure, naming what it counts (13个特色产业园区): a hanzi
    (U+4E00-U+9FFF) or a Latin letter, as the pattern [的之]?[hanzi A-Za-z] matched (its class
    cost 0.8 ms to compile in every run)."""
    c = after[:1]
    return "\u4e00" <= c <= "\u9fff" or "A" <= c <= "Z" or "a" <= c <= "z"


def _relates_to(prev: Claim | None, kind: str, before: str, after: str,
                after_date: bool) -> Claim | None:
    """The figure a change, rate or share relates to when its own words name nothing: the one
    before it in the sentence (总额1523亿元，同比增长6.2%; 结案1238.9万件，同比上升20.16%;
    总数为13,699,516人次，较去年同期上升44.1%), but not a figure a date frames (2022年的77.93岁)."""
    if prev is None or kind == "date" or _word_next(after):
        return None
    if own_referent(DEGREE.sub("", before), rank=kind == "ordinal"):
        return None  # 较去年同期大幅上升63.2% names nothing of its own
    if after_date and measure(before) in ("", "per"):
        return None
    if not own_referent(prev.before) and not prev.subject:
        return None
    return prev


def _law_claims(doc: Document, unit: Unit) -> list[Claim]:
    return [Claim(kind="law", value=m.group(0)[1:-1], subject=m.group(0)[1:-1],
                  context=unit.text[slice(*clause_bounds(unit.text, m.start()))],
                  sentence=unit.text.strip(), **span_position(doc, unit, m.start(), m.end()))
            for m in _LAW.finditer(unit.text)]


def assign_ids(claims: list[Claim], source: str) -> list[Claim]:
    """Stable, readable ids from what a claim says: `number:试点企业:768家`, `person:刘云清`."""
    seen: Counter[str] = Counter()
    out = []
    for c in claims:
        if c.kind in ("person", "organisation", "law"):
            key = f"{c.kind}:{c.value}"
        elif c.kind == "quote":
            key = f"quote:{c.subject}:{str(c.value)[:12]}"
        else:
            key = f"{c.kind}:{c.subject}:{c.text}"
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        out.append(c.with_(id=key, source=source))
    return out
