"""The source figure an unpaired draft figure restates wrongly, read from the sentences: the
source paragraph its sentence restates, and the one figure of it the draft figure may stand
for (`sentence_counterpart`, `_date_counterpart`, `nearest`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from decimal import Decimal

from factcheck.lazyre import lazy
from factcheck.check.agreement import (
    CLAUSE_BREAK, MIN_LIST, PAGE_STAMP, SENTENCE_SOURCES, counted_alike, list_item,
    near_in_value, page_date, paired, planned, same_things, text_pairs,
)
from factcheck.check.align import Pair, alike, comparable, draft_point, points_differ, same_figure
from factcheck.check.compare import (
    date_parts, dates_agree, sig_digits, signed_direction, spans_overlap, states_date,
)
from factcheck.check.similarity import (
    context_similarity, modifiers_conflict, sentence_pairs, words_found,
)
from factcheck.registry.claim import Claim, decimal_text, is_article
from factcheck.registry.referents import fold_names, measure, session_point, trailing_words
from factcheck.registry.model import Registry


#: How alike the words around two figures must be, and by how much more than any other
#: source figure's, for an unpaired draft figure to be read as that one stated wrongly.
CONTEXT_SIMILARITY = 35.0
CONTEXT_MARGIN = 10.0


def _stated_as_other_kind(registry: Registry, d: Claim) -> bool:
    """The value stands in the source as a plain number or as money (900億 / 900億元)."""
    if d.kind not in ("number", "money"):
        return False
    index = registry.index()
    return any(index.rows_with_value(kind, d.value) for kind in ("number", "money"))


def typo_of(d: Claim, c: Claim) -> bool:
    """The draft figure is the source figure with two digits swapped (77.39岁 for 77.93岁,
    6245.3元 for 6425.3元): three significant digits or more, the same unit and qualifier,
    too particular to be another figure by chance."""
    a, b = d.value, c.value
    if not isinstance(a, Decimal) or not isinstance(b, Decimal) or a == b or \
            d.unit not in ("", c.unit):  # a table cell (| 關閘 | 7,250,945 |) has no unit
        return False
    if d.qualifier or c.qualifier or sig_digits(b) < 3:
        return False
    x, y = decimal_text(abs(a)), decimal_text(abs(b))
    if len(x) != len(y) or sorted(x) != sorted(y):
        return False
    diff = [i for i in range(len(x)) if x[i] != y[i]]
    if len(diff) != 2 or x[diff[0]] != y[diff[1]] or x[diff[1]] != y[diff[0]]:
        return False
    # the words right before the figure, a sign left out (| 其中：關閘 | -> 關閘):
    # 一般公共预算收入增长12.6% is no slip for 电子信息增幅21.6%
    return words_found(trailing_words(d.before.rstrip(" +-＋－")), c.sentence)


def loose_counterpart(registry: Registry, pair: Pair) -> Claim | None:
    """The source figure an unpaired draft figure most likely restates wrongly: the one whose
    surrounding words (a dozen characters either side) are clearly the most alike, when no
    source figure of its kind agrees with it (LLM rewrites reword the referent: 精神科医师约1.2万人
    for 精神科医生只有2000多名)."""
    d = pair.draft
    if paired(pair) or is_article(d) or _stated_as_other_kind(registry, d):
        return None
    scored = []
    typos = []
    for c in registry.index().candidates(d):
        if not comparable(d, c) or page_date(d, c) or d.kind == "date" and (
                not _restates_date(d, c) or spans_overlap(str(d.value), str(c.value))
                or _closes(d) != _closes(c)):
            continue
        if same_figure(d, c):
            return None
        if typo_of(d, c):
            typos.append(c)
        if near_in_value(d, c) and counted_alike(d, c) and not modifiers_conflict(d, c) \
                and planned(d) == planned(c) and measure(d.before) == measure(c.before) \
                and (d.kind != "number" or same_things(d, c)):
            scored.append((context_similarity(d, c), c))
    if len(typos) == 1:
        return typos[0]
    scored.sort(key=lambda t: -t[0])
    if not scored or scored[0][0] < CONTEXT_SIMILARITY:
        return None
    if len(scored) > 1 and scored[1][0] > scored[0][0] - CONTEXT_MARGIN:
        return None
    return scored[0][1]


def _closes(c: Claim) -> bool:
    """Whether a date ends a period (持续到6月15日, 截至3月底): no restatement of the day an
    event took place or began."""
    return c.before.rstrip().endswith(_UNTIL)


_UNTIL = ("到", "至", "截至", "截止", "止于")


def _restates_date(d: Claim, c: Claim) -> bool:
    """Whether the draft date may restate the source's: they share a part the source writes
    out (its year, month or day), and any part the draft states that the source leaves to its
    dateline agrees (3月29日 for a 30日 of March; not 2008年4月1日 for a 29日 of 2016)."""
    ours, theirs = date_parts(d), date_parts(c)
    written = _written_parts(c.text)
    shared = [i for i, part in enumerate(ours[:len(theirs)]) if "X" not in part]
    return any(i in written and "X" not in theirs[i] for i in shared) and all(
        ours[i] == theirs[i] for i in shared if i not in written and "X" not in theirs[i])


def _written_parts(text: str) -> set[int]:
    """The parts of a date its words write out in figures: 0 the year, 1 the month, 2 the day
    (今年, 当月 and 次日 leave theirs to the dateline)."""
    return {i for i, part in enumerate(_WRITTEN) if part.search(text)}


_WRITTEN = (lazy(r"[\d〇零一二三四五六七八九]年"), lazy(r"[\d一二三四五六七八九十]月"),
            lazy(r"[\d一二三四五六七八九十][日号]"))


#: A source paragraph is the one a draft sentence restates when it shares this many character
#: pairs of content words with it (上证综指 is three), weighing this much (a pair found in n
#: paragraphs weighs 1/n) and this many times as much as any other paragraph.
SENTENCE_SHARED = 3
SENTENCE_WEIGHT = 1.5
SENTENCE_MARGIN = 1.5


_COUNTED = ("number", "money", "percent", "points", "ordinal")


class Paragraphs:
    """The source's figures by paragraph, for `sentence_counterpart`: built once a check for
    each kind and draft unit, with the paragraph each draft sentence restates remembered."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._figures: dict[tuple[str, str], dict[tuple[str, int], list[Claim]]] = {}
        self._sentences: dict[str, set[str]] = {}
        self._anchors: dict[tuple[str, str, str], tuple[tuple[str, int] | None, frozenset]] = {}
        self._paragraph: dict[tuple[str, int], tuple[int, Counter]] = {}

    def of(self, d: Claim) -> dict[tuple[str, int], list[Claim]]:
        """The source figures of `d`'s kind and unit (`alike`), by (source, line): the same for
        every draft figure of them (`_slot` leaves out those of another point of the day)."""
        key = (d.kind, d.unit)
        found = self._figures.get(key)
        if found is None:
            found = self._figures[key] = {}
            for c in self.registry.index().by_kind(d.kind):
                if alike(d, c) and not is_article(c):
                    found.setdefault((c.source, c.line), []).append(c)
        return found

    def quoted(self, d: Claim) -> bool:
        """The draft figure's sentence is a source sentence of a figure of its kind."""
        if d.kind not in self._sentences:
            self._sentences[d.kind] = {c.sentence for c in self.registry.index().by_kind(d.kind)}
        return d.sentence in self._sentences[d.kind]

    def anchor(self, d: Claim, known: Collection[tuple[str, int]] = ()
               ) -> tuple[tuple[str, int] | None, frozenset[str]]:
        """The paragraph the draft figure's sentence clearly restates (or None), and the
        character pairs they share. When several paragraphs fit its sentence alike (one names
        上证综指 and a level it fell below, the next 上证综指 and its close), the one of them
        where the sentence's other figures were found (`known`: 跌幅1.2% read as that close's
        跌幅1.5%)."""
        key = (d.kind, d.unit, d.sentence)
        if key not in self._anchors:
            self._anchors[key] = _anchor(self.of(d), sentence_pairs(fold_names(d.sentence)))
        found, tied = self._anchors[key]
        if found is None:
            found = _known_among(tied, known)
        return found, frozenset() if found is None else tied[found]

    def words(self, c: Claim) -> tuple[int, Counter]:
        """How many sentences of the paragraph a source figure stands in hold figures, and in
        how many of them each word (character pair, names folded) stands."""
        key = (c.source, c.line)
        if key not in self._paragraph:
            sentences = {o.sentence for kind in _COUNTED
                         for o in self.registry.index().by_kind(kind) if (o.source, o.line) == key}
            self._paragraph[key] = (len(sentences), Counter(
                p for sentence in sentences for p in text_pairs(fold_names(sentence))))
        return self._paragraph[key]

    def tied(self, d: Claim) -> dict[tuple[str, int], frozenset[str]]:
        """The paragraphs that fit the draft figure's sentence about as well as the best,
        each with the character pairs they share (after `anchor`)."""
        return self._anchors[d.kind, d.unit, d.sentence][1]


def _anchor(paragraphs: dict[tuple[str, int], list[Claim]], ours: frozenset[str]
            ) -> tuple[tuple[str, int] | None, dict[tuple[str, int], frozenset[str]]]:
    """The paragraph clearly restated (or None), and the paragraphs that fit about as well as
    the best, each with the pairs it shares."""
    shared = {key: ours & _paragraph_pairs(claims) for key, claims in paragraphs.items()}
    spread = Counter(p for found in shared.values() for p in found)  # rarer pairs weigh more
    # fsum: exactly rounded whatever the order the set yields its pairs in (a plain sum
    # differs in the last bit from one hash seed to the next, and breaks exact ties)
    scored = sorted(((math.fsum(1 / spread[p] for p in found), len(found), key)
                     for key, found in shared.items()), key=lambda t: -t[0])
    if not scored:
        return None, {}
    top = scored[0][0]
    tied = {key: shared[key] for score, n, key in scored
            if score * SENTENCE_MARGIN > top and n >= SENTENCE_SHARED}
    if scored[0][1] < SENTENCE_SHARED or top < SENTENCE_WEIGHT or \
            len(scored) > 1 and scored[1][0] * SENTENCE_MARGIN > top:
        return None, tied
    return scored[0][2], tied


def _known_among(tied: Collection[tuple[str, int]], known: Collection[tuple[str, int]]
                 ) -> tuple[str, int] | None:
    """The one paragraph of those that fit alike where the sentence's other figures were
    found, or None."""
    among = [k for k in known if k in tied]
    return among[0] if len(among) == 1 else None


def sentence_counterpart(found: Paragraphs, pair: Pair, others: Sequence[Claim],
                         known: Collection[tuple[str, int]] = (),
                         companions: Collection[Claim] = ()) -> Claim | None:
    """The source figure an unpaired draft figure restates wrongly, read from the sentences:
    the source paragraph clearly about what the draft sentence is about (上证综指…下跌0.26%
    and 当日上证综指…尾盘收报2945.59点，跌8.08点，跌幅为0.27%) holds exactly one figure of the
    draft figure's kind, unit, measure and direction within a factor of ten of it (among an
    index's figures, the one the same verb leads: 收于 / 收报, or of a list's, the one its
    item words name: 铜期货), that none of `others` (the draft sentence's other figures)
    states. Among paragraphs that fit alike, the one where the sentence's other figures were
    found (`known`), else the only one with such a figure. First of all, the one figure of
    its kind in the list item of a source figure another figure of the sentence is paired
    with (`companions`, `_beside`). Market and statistics reports reword everything but the
    figures, so the words around the figure alone find nothing."""
    d = pair.draft
    registry = found.registry
    if paired(pair) or is_article(d) or len(registry.sources) > SENTENCE_SOURCES:
        return None
    if d.kind == "date":
        return _date_counterpart(found, d, others, known)
    index = registry.index()
    if any(index.rows_with_value(kind, d.value) for kind in _COUNTED) or found.quoted(d):
        return None  # stated, maybe as another kind (第三十二次 for 32次), or quoted whole
    beside = _beside(found, d, others, companions)
    if len({c.value for c in beside}) == 1 and _restates(d, beside[0], True):
        return beside[0]  # a list item the sentence's other figure names
    read = _read_slot(found, d, others, known)
    return read[0][0] if read is not None and _restates(d, read[0][0], read[1]) else None


def _restates(d: Claim, c: Claim, named: bool) -> bool:
    """Whether `d` may be `c` stated wrongly: the same measure, direction (but for an item a
    list's words name: a fall for a rise is a contradiction all the same) and plan."""
    ours, theirs = signed_direction(d), signed_direction(c)
    return not (ours != theirs and not (named and ours and theirs) or planned(d) != planned(c)
                or measure(c.before) != measure(d.before) or modifiers_conflict(d, c)
                or same_figure(d, c))


def _read_slot(found: Paragraphs, d: Claim, others: Sequence[Claim],
               known: Collection[tuple[str, int]]) -> tuple[list[Claim], bool] | None:
    """The figures of the paragraph the draft sentence restates that `d` may restate, down to
    one value if the words tell (with whether a list item's own words named it), or None."""
    anchor, topic = found.anchor(d, known)
    if anchor is None:  # several paragraphs fit alike: the one with a figure it may restate
        fits = [(slot, pairs) for key, pairs in found.tied(d).items()
                if (slot := _slot(found.of(d)[key], d, others))]
        if len(fits) != 1:
            return None
        slot, topic = fits[0]
    else:
        slot = _slot(found.of(d)[anchor], d, others)
    named = False  # the item's own words single the figure out of a list
    if len(slot) >= MIN_LIST:  # 铜 / 铝 / 锌 of a list: the item's own words tell
        slot = _by_item(slot, d)
        named = len({c.value for c in slot}) == 1
    if len({c.value for c in slot}) > 1:  # 开盘 / 最高 / 收报 of one index: the point of the
        slot = _at_point(slot, d) or _by_lead(slot, d, topic)  # day tells, else the verb
    return (slot, named) if len({c.value for c in slot}) == 1 else None


def _beside(found: Paragraphs, d: Claim, others: Sequence[Claim], companions: Collection[Claim]
            ) -> list[Claim]:
    """The figures `d` may restate, at any distance in value, in the list item (sentence) of
    a source figure another figure of the draft sentence is paired with, when the draft's
    words name that item (大豆期货主力合约收于每吨4123元，涨幅0.02% for the 涨2.50% of
    大豆期货…收于每吨4106元)."""
    return [c for k in companions if _names_item(d, k, *found.words(k))
            for c in _slot(found.of(d).get((k.source, k.line), []), d, others, near=False)
            if c is not k and c.sentence == k.sentence]


def _names_item(d: Claim, k: Claim, sentences: int, count: Counter) -> bool:
    """Whether the draft sentence names `k`'s list item: it holds a word of the item's name,
    the words of `k`'s sentence nearest before `k` that at most half the `sentences` of its
    paragraph have (`count`: in how many each word stands; 大豆期货 of 油脂类商品亦弱势盘整：
    大豆期货主力合约收于每吨4372元; a paragraph of one sentence needs none)."""
    if sentences < 2:
        return True
    at = k.sentence.find(k.text)
    head = k.sentence[:at + len(k.text)] if at >= 0 else k.sentence
    for clause in reversed(CLAUSE_BREAK.split(fold_names(head))):
        rare = {p for p in _word_pairs(clause) if count[p] <= sentences // 2}
        if rare:
            return bool(rare & text_pairs(fold_names(d.sentence)))
    return False


def nearest(figures: Sequence[Claim], c: Claim) -> Claim | None:
    """Of draft figures read as the one source figure `c` (第27分钟和第71分钟 for 第35分钟), the
    one clearly nearest it in value (by ratio, at most half as far as any other as a
    logarithm), or None: a garbled figure keeps its order of magnitude."""
    if not isinstance(c.value, Decimal) or not c.value:
        return None
    far = sorted((abs(math.log(abs(d.value / c.value))), i) for i, d in enumerate(figures)
                 if isinstance(d.value, Decimal) and d.value)
    if len(far) < len(figures) or far[0][0] * 2 > far[1][0]:
        return None
    return figures[far[0][1]]


def _date_counterpart(found: Paragraphs, d: Claim, others: Sequence[Claim],
                      known: Collection[tuple[str, int]]) -> Claim | None:
    """The source date an unpaired draft date restates wrongly: the paragraph its sentence
    clearly restates (红艳超市成立于2001年 and 红艳超市1993年诞生于…) dates one thing, which
    the draft date contradicts in a part the source writes out, the others agreeing."""
    dates = found.registry.index().by_kind("date")
    if any(states_date(c, d) and dates_agree(str(d.value), str(c.value))
           and not PAGE_STAMP.match(c.text) for c in dates):
        return None  # the source states it, for some event or as its dateline
    # the paragraphs with a date the draft's may restate: a lead paragraph that shares the
    # most words but dates only the announcement does not hide the one dating the event
    paragraphs = {key: fit for key, claims in found.of(d).items() if (fit := [
        c for c in claims if not page_date(d, c) and c.subject not in _TOLD
        and _restates_date(d, c) and _closes(d) == _closes(c)
        and not any(o is not d and o.kind == "date" and o.value == c.value for o in others)])}
    anchor, tied = _anchor(paragraphs, sentence_pairs(fold_names(d.sentence)))
    if anchor is None:
        anchor = _known_among(tied, known)
    slot = [c for key in ([anchor] if anchor else tied) for c in paragraphs[key]]
    if len({str(c.value) for c in slot}) != 1 or dates_agree(str(d.value), str(slot[0].value)) \
            or spans_overlap(str(d.value), str(slot[0].value)):
        return None  # several paragraphs alike date one thing alike: that is the one
    return slot[0]


#: What a source date dates when it dates the telling (记者21日获悉, 据…7月24日报道, the
#: dateline), not an event a draft sentence restates.
_TOLD = frozenset({"获悉", "表示", "指出", "透露", "宣布", "介绍", "通报", "证实", "报道", "电讯日期"})


def _slot(figures: list[Claim], d: Claim, others: Sequence[Claim], near: bool = True
          ) -> list[Claim]:
    """The figures of a paragraph `d` may restate: within a factor of ten (when `near`),
    counted alike (a bare small number restates none; `same_things`), as exact
    (`_as_exact`), at no other point of the day (`points_differ`), and none that another
    figure of the draft sentence states."""
    return [c for c in figures
            if (not near or near_in_value(d, c)) and counted_alike(d, c) and _as_exact(d, c)
            and not points_differ(d, c)
            and (d.kind != "number" or not _bare_name(d) and same_things(d, c))
            and not any(same_figure(o, c) for o in others if o is not d)]


def _bare_name(d: Claim) -> bool:
    """A bare number under ten thousand (158, 26): a name's part, a score or a list's mark
    rather than a count; 30万 is a count all the same."""
    return not d.unit and isinstance(d.value, Decimal) and d.value < 10000


def _as_exact(d: Claim, c: Claim) -> bool:
    """Whether `c` is as exact as the draft figure: an open bound (突破1600万, 逾1%) restates no
    figure but a bound, and an exact figure (1.27%) is no restatement of a bound, nor one of
    four significant digits (3560.74点) of a round level (失守3600点)."""
    if _open(d) and not _open(c):
        return False
    if d.qualifier or not isinstance(d.value, Decimal) or not isinstance(c.value, Decimal):
        return True
    if _open(c):
        return False
    return sig_digits(d.value) < 4 or sig_digits(c.value) * 2 > sig_digits(d.value)


def _open(c: Claim) -> bool:
    """An open bound: 超过6%, 30%以上, 突破千亿元."""
    return c.low is None or c.high is None


def _by_item(slot: list[Claim], d: Claim) -> list[Claim]:
    """The figures of a list whose item words (铜期货, 铝期货) the draft's words before its figure
    repeat best, among the words (not figures) held by at most half of them, read from the
    draft's clause nearest the figure back; all of them when no clause has such words."""
    theirs = [_word_pairs(list_item(c)) for c in slot]
    count = Counter(p for pairs in theirs for p in pairs)
    for clause in reversed(CLAUSE_BREAK.split(fold_names(list_item(d)))):
        rare = {p for p in text_pairs(clause) if 0 < count[p] <= len(slot) // 2}
        if rare:
            shared = [len(rare & pairs) for pairs in theirs]
            return [c for c, n in zip(slot, shared) if n == max(shared)]
    return slot


def _at_point(slot: list[Claim], d: Claim) -> list[Claim]:
    """The figures given at the draft figure's point of the trading day (`session_point`:
    上摸…点 finds 触及…点的全天高点), when it names one and some are."""
    ours = draft_point(d)
    return [c for c in slot if session_point(c.before, c.after) == ours] if ours else []


def _by_lead(slot: list[Claim], d: Claim, topic: frozenset[str]) -> list[Claim]:
    """The figures whose four characters before them share the most with the draft figure's,
    the paragraph's topic left out (收于 finds 收报, not 高开); none when none shares any."""
    lead = _lead(d) - {ch for pair in topic for ch in pair}
    shared = [len(lead & _lead(c)) for c in slot]
    best = max(shared)
    return [c for c, n in zip(slot, shared) if n == best] if best else []


def _lead(c: Claim) -> frozenset[str]:
    """The characters of the four before a figure, names folded (收于 and 报收 read 收报, 沪指
    上证综指): the verb or the noun that says which of a paragraph's figures it is."""
    return frozenset(ch for ch in fold_names(c.before)[-4:] if ch.isalnum())


def _paragraph_pairs(claims: list[Claim]) -> frozenset[str]:
    """The content-word pairs of the sentences some claims stand in."""
    return sentence_pairs(fold_names("".join(dict.fromkeys(c.sentence for c in claims))))


def _word_pairs(text: str) -> frozenset[str]:
    """The character pairs of a text's words, none holding a digit (what names a list item)."""
    return frozenset(p for p in text_pairs(text) if not any(ch.isdigit() for ch in p))

