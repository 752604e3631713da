"""Pair each draft claim with the source claim that states the same thing: the only rapidfuzz import."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from factcheck.claims import Claim
from factcheck.compare import consistent
from factcheck.subjects_light import strip_amount_words

#: Measure words that count the same kind of thing and may replace each other in a rewrite.
_UNIT_FAMILIES = [set("家个所座户"), {"名", "人", "位"}, {"项", "件", "个"}, {"场", "场次", "次"}]
#: Clause similarity at which a source claim consistent with the draft figure backs it.
SUPPORT_SIMILARITY = 30.0
#: Kinds whose referent is an event (审议通过, 正式施行) rather than a counted noun: paired by clause.
EVENT_KINDS = frozenset({"date", "ordinal"})
_NOT_WORDS = re.compile(r"[^\u4e00-\u9fffA-Za-z]")
_LINK = re.compile(r"^[的之]")
_FIGURES = re.compile(r"[0-9０-９.,，%％]+|[零〇一二两三四五六七八九十百千万亿余多]+")


@dataclass(frozen=True)
class Pair:
    """A draft claim and the source claim it speaks of (or None), with how sure the pairing is."""

    draft: Claim
    claim: Claim | None
    referent: int = 0           # characters of the source's referent found next to the draft figure
    similarity: float = 0.0     # 0..100 similarity of the two clauses, figures removed
    rivals: tuple[Claim, ...] = ()   # other claims about the same referent
    supporters: tuple[Claim, ...] = ()   # claims consistent with the draft, about a like referent


_FAMILY_OF: dict[str, set[int]] = {}
for _i, _fam in enumerate(_UNIT_FAMILIES):
    for _u in _fam:
        _FAMILY_OF.setdefault(_u, set()).add(_i)


def units_compatible(a: str, b: str) -> bool:
    """Same measure word, or two that count the same kind of thing (家/个, 名/人)."""
    if not a or not b or a == b:
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


@lru_cache(maxsize=65536)
def _strip_after(text: str) -> str:
    return _LINK.sub("", text.lstrip())


def referent_match(d: Claim, c: Claim) -> int:
    """How many characters of what the source figure counts stand right next to the draft figure."""
    d_before, c_before = strip_amount_words(d.before), strip_amount_words(c.before)
    d_after, c_after = _strip_after(d.after), _strip_after(c.after)
    best = max(common_suffix(d_before, c_before), common_prefix(d_after, c_after))
    subj = c.subject
    if d.kind == "date" and len(subj) >= 2 and subj[-2:] in d_after:
        best = max(best, 3)  # the event the source dates (施行, 通过) follows the draft's date
    if len(subj) >= 2:
        if d_before.endswith(subj) or d_after.startswith(subj):
            best = max(best, len(subj))
        else:
            best = max(best, _partial_subject(subj, d_before, d_after))
    return best if best >= 2 else 0


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
def _bigrams(text: str) -> frozenset[str]:
    text = _NOT_WORDS.sub("", _FIGURES.sub("", text))
    return frozenset([text[i:i + 2] for i in range(len(text) - 1)])


def _without_own_words(c: Claim) -> str:
    return c.context.replace(c.text, " ") if c.kind in EVENT_KINDS else c.context


def clause_similarity(d: Claim, c: Claim) -> float:
    """0..100: share of the shorter clause's character pairs found in the other, figures removed.

    Two shared pairs at least; order-free, so paraphrase and reordering still score. A date's
    own words are left out: 年/月/日 would make any two dates look alike."""
    a, b = _bigrams(_without_own_words(d)), _bigrams(_without_own_words(c))
    shared = len(a & b)
    if shared < 2:
        return 0.0
    return 100.0 * shared / min(len(a), len(b))


def comparable(d: Claim, c: Claim) -> bool:
    """Whether two claims could state the same thing at all (same kind, compatible unit).

    Any two currencies compare: 1万美元 for the source's 1万元 is a contradiction to report."""
    return d.kind == c.kind and (d.kind == "money" or units_compatible(d.unit, c.unit))


class ClaimIndex:
    """Source claims by kind, by the character pairs that can anchor a referent, and by value.

    Aligning a draft figure looks only at claims sharing an anchor with it (the last pair of
    characters before it, the first pair after it) or its value, so the cost per figure does
    not grow with the number of registered sources."""

    def __init__(self, claims: list[Claim]) -> None:
        self.by_anchor: dict[tuple[str, str], list[Claim]] = {}
        self.by_value: dict[tuple[str, object], list[Claim]] = {}
        self.events: dict[str, list[Claim]] = {}
        self._position = {id(c): i for i, c in enumerate(claims)}
        self._claims = claims  # keeps the ids above alive
        self._sources: dict[str, ClaimIndex] = {}
        for c in claims:
            for key in _claim_anchors(c):
                self.by_anchor.setdefault((c.kind, key), []).append(c)
            self.by_value.setdefault((c.kind, c.value), []).append(c)
            if c.kind in EVENT_KINDS:
                self.events.setdefault(c.kind, []).append(c)

    def candidates(self, d: Claim) -> list[Claim]:
        """Claims that could be the one a draft figure speaks of, without duplicates."""
        found: dict[int, Claim] = {}
        for key in _draft_anchors(d):
            for c in self.by_anchor.get((d.kind, key), ()):
                found.setdefault(id(c), c)
        for c in self.by_value.get((d.kind, d.value), ()):
            found.setdefault(id(c), c)
        if d.kind in EVENT_KINDS or isinstance(d.value, Decimal) and d.qualifier:
            for c in self.events.get(d.kind, ()) or self.by_kind(d.kind):
                found.setdefault(id(c), c)
        return list(found.values())

    def by_kind(self, kind: str) -> list[Claim]:
        """Numeric claims of a kind, for qualified draft figures that may round a source figure."""
        return [c for (k, _), cs in self.by_value.items() if k == kind for c in cs]

    def in_order(self, claims: list[Claim]) -> list[Claim]:
        """Indexed claims in the order they were indexed (registry order)."""
        return sorted(claims, key=lambda c: self._position[id(c)])

    def by_source(self, d: Claim) -> dict[str, list[Claim]]:
        """`candidates(d)` grouped by source, each group in registry order.

        Aligning `d` with one group pairs it as surely as aligning it with every claim of that
        source and kind: any claim with a referent next to `d` shares an anchor with it, and
        dates and ordinals are all candidates."""
        groups: dict[str, list[Claim]] = {}
        for c in self.in_order(self.candidates(d)):
            groups.setdefault(c.source, []).append(c)
        return groups

    def of_source(self, source: str) -> "ClaimIndex":
        """The index of one source's claims (built on first use)."""
        if source not in self._sources:
            self._sources[source] = ClaimIndex([c for c in self._claims if c.source == source])
        return self._sources[source]


def _claim_anchors(c: Claim) -> set[str]:
    before, after = strip_amount_words(c.before), _strip_after(c.after)
    keys = {before[-2:], after[:2]}
    subj = c.subject
    keys |= {subj[i:i + 2] for i in range(len(subj) - 1)}
    return {k for k in keys if len(k) == 2}


def _draft_anchors(d: Claim) -> set[str]:
    before, after = strip_amount_words(d.before), _strip_after(d.after)
    return {k for k in (before[-2:], after[:2]) if len(k) == 2}


def align(d: Claim, candidates: list[Claim] | ClaimIndex) -> Pair:
    """The best source claim for one draft figure, date or ordinal."""
    if isinstance(candidates, ClaimIndex):
        candidates = candidates.candidates(d)
    scored = []
    supporters = []
    for c in candidates:
        if not comparable(d, c):
            continue
        ref = referent_match(d, c)
        ok = consistent(d, c)
        sim = clause_similarity(d, c) if ref or ok or d.kind in EVENT_KINDS else 0.0
        score = ref * 10 + sim / 10 + (4 if ok else 0) + (2 if d.unit == c.unit else 0)
        scored.append((score, ref, sim, c))
        if ok:
            supporters.append((ref, sim, c))
    if not scored:
        return Pair(d, None)
    scored.sort(key=lambda t: -t[0])
    best_score, ref, sim, best = scored[0]
    rivals = tuple(c for s, r, _, c in scored[1:] if r and r == ref and c.subject == best.subject)
    # A consistent claim backs the draft only if it is at least as surely what the draft speaks
    # of as the best pairing: 10个主题宣传教育活动 is not backed by 成立了10个职工思想政治教育基地.
    backing = tuple(c for r, s, c in supporters
                    if r >= max(2, ref) or (ref == 0 and s >= SUPPORT_SIMILARITY))
    return Pair(d, best, ref, sim, rivals, backing)


def same_value_claims(d: Claim, candidates: list[Claim]) -> list[Claim]:
    """Source claims of the same kind that state a value consistent with the draft's."""
    return [c for c in candidates if comparable(d, c) and consistent(d, c)]


def _same_value(d: Claim, c: Claim) -> bool:
    return isinstance(d.value, (Decimal, str)) and d.value == c.value


def name_similarity(a: str, b: str) -> float:
    """0..100 similarity of two names or titles."""
    from rapidfuzz import fuzz  # imported on first use: most drafts never compare names

    return float(fuzz.ratio(a, b))
