"""What every rule receives, and the one way rules build findings."""

from __future__ import annotations

from functools import cached_property
from sys import intern
from typing import Any, Callable, TypeVar

from factcheck.check.findings import ClaimRef, Finding, Severity
from factcheck.check.rules import memos
from factcheck.check.rules.memos import ALONE_FREE, PAIR_FREE, keep, placeless, sentence_free
from factcheck.records import dataclass, field
from factcheck.registry.claim import FIGURE_KINDS, Claim
from factcheck.registry.model import Registry
from factcheck.text.document import Document


@dataclass
class Context:
    """A draft, its claims and the registry it is checked against.

    A long draft is checked in batches of paragraphs (`checker`): `doc` and `claims` are then
    a batch's, and what a rule asks of the whole draft is handed in: `draft` (the whole
    draft), `shared` (memos kept from batch to batch, so the first place a name stands in
    the draft decides for all) and `repeats` (for a sentence stated in other batches too:
    its figures in the whole draft and in this batch)."""

    doc: Document
    claims: list[Claim]
    registry: Registry
    options: dict = field(default_factory=dict)
    draft: Document | None = None
    shared: dict = field(default_factory=dict)
    repeats: dict[str, tuple[int, int]] = field(default_factory=dict)

    def in_draft(self, words: str) -> bool:
        """Whether the whole draft writes `words` (normalised), anywhere."""
        if self.draft is None:
            return words in self.doc.norm
        memo = self.shared.setdefault("in_draft", {})
        if words not in memo:
            memo[words] = words in self.draft.norm
        return memo[words]

    def memo(self, name: str) -> dict:
        """A memo of a rule's, kept for the whole draft."""
        return self.shared.setdefault(name, {})

    @cached_property
    def figures(self) -> list[Claim]:
        """The draft's figures, dates and ordinals."""
        return [c for c in self.claims if c.kind in FIGURE_KINDS]

    @cached_property
    def pairs(self):
        """Each draft figure aligned with its source claim (computed once, shared by rules)."""
        from factcheck.check.align import Pair

        alike: dict[int, Pair] = {}  # pairings that read no sentence, by `_free_keys` number
        before = memos.FREE.setdefault(self.registry.index(), {})  # and of earlier checks
        out = []
        for d in self.figures:
            key = self._free_keys[id(d)]
            found = alike.get(key)
            if found is None:
                free = self._free_tuples[key]
                found = before.get(free)
                if found is not None:
                    alike[key] = found
                else:
                    found = self._pairing(d, key, alike)
                    if alike.get(key) is found:
                        keep(before, free, found)
            if alike.get(key) is found:
                self._free[id(d)] = key
            out.append(found if found.draft is d else Pair(
                d, found.claim, found.referent, found.similarity, found.rivals, found.supporters))
        return out

    def _pairing(self, d: Claim, key: int, alike: dict) -> Any:
        """`settle(align(d))` (`once`), kept in `alike` by `key` when worked out here without
        reading the figure's sentence (`align` never does; `settle` does for a list item)."""
        from factcheck.check.agreement import list_item, settle
        from factcheck.check.align import align

        read: list[bool] = []  # [whether the sentence was read], once worked out here

        def item(c: Claim) -> str:
            read[0] = True
            return list_item(c)

        def compute() -> Any:
            read.append(False)
            return settle(self.registry, align(d, self.registry.index()), item)

        found = self.once("pairs", d, compute)
        if read == [False]:
            alike[key] = found
        return found

    @cached_property
    def _generation(self) -> memos.Memos:
        """The registry's memos this check uses: new ones when the last check's hold too
        many figures. A check keeps its own to the end, so the numbers it gave its figures
        (`_keys`) never name another check's."""
        index = self.registry.index()  # a new one when the registry's claims change
        found = memos.REMEMBERED.get(index)
        if found is None or len(found.numbers) + len(self.figures) > memos.MAX_REMEMBERED:
            found = memos.REMEMBERED[index] = memos.Memos()
        return found

    @cached_property
    def _keys(self) -> dict[int, int]:
        """Each figure's number among its `placeless` keys, by its `id`: the memos are keyed
        by these numbers (one hash of a key a figure, not one a lookup)."""
        numbers, count = self._generation.numbers, self._generation.count
        return {id(d): numbers.get(k) or numbers.setdefault(k, next(count))
                for d in self.figures for k in (placeless(d),)}

    def remembered(self, name: str) -> dict:
        """A memo kept as long as the registry (from draft to draft, and for the fixes
        checked after), by the figures' numbers (`_keys`): for what depends only on a draft
        figure and the registry."""
        memos = self._memos
        if name not in memos:
            memos[name] = self._generation.by_name.setdefault(name, {})
        return memos[name]

    @cached_property
    def _memos(self) -> dict[str, dict]:
        return {}

    @cached_property
    def _free_keys(self) -> dict[int, int]:
        """Each figure's number among its `sentence_free` keys (`_free_tuples`), by its `id`."""
        numbers: dict[tuple, int] = {}
        out = {id(d): numbers.setdefault(sentence_free(d), len(numbers)) for d in self.figures}
        self._free_tuples = list(numbers)
        return out

    @cached_property
    def _free(self) -> dict[int, int]:
        """`_free_keys` of the figures whose pairing read no sentence (`pairs`): what reads
        their pairs and no sentence is the same for all alike in their `sentence_free` key."""
        return {}

    @cached_property
    def _own(self) -> dict[str, dict]:
        """This check's own memos, by name and the figures' numbers: unbounded, as they hold
        no more than the check's figures and go with it. The registry's (`remembered`) start
        again at MAX_REMEMBERED, which a draft of more figures reached again and again, so
        the same figure was worked out anew within one check."""
        return {}

    def once(self, name: str, d: Claim, compute: Callable[[], T]) -> T:
        """`compute()`, which depends only on the draft figure `d` (one of `figures`) and the
        registry, remembered for this check (`_own`) and for the registry (`remembered`)."""
        key = self._keys.get(id(d))
        if key is None:  # not one of the figures: nothing to remember it by
            return compute()
        own = self._own.get(name)
        if own is None:
            own = self._own[name] = {}
        free = self._free_keys[id(d)] if name in ALONE_FREE else \
            self._free.get(id(d)) if name in PAIR_FREE else None
        if free is not None:
            return self._once_free(own, free, compute)
        found = own.get(key, _UNSET)
        if found is not _UNSET:
            return found
        memo = self._memos.get(name) or self.remembered(name)
        found = memo.get(key, _UNSET)
        if found is _UNSET:
            found = compute()
            keep(memo, key, found)
        own[key] = found
        return found

    def _once_free(self, own: dict, free: int, compute: Callable[[], T]) -> T:
        """`once` of what reads no sentence (`memos.ALONE_FREE`, `memos.PAIR_FREE`): this
        check's own memo, by the `sentence_free` key's number (negative: never a `_keys` one)."""
        found = own.get(-free - 1, _UNSET)
        if found is _UNSET:
            found = own[-free - 1] = compute()
        return found

    @cached_property
    def dates_by_line(self) -> dict[int, list[Claim]]:
        """The draft's dates by line, in text order (what dates each paragraph's figures)."""
        out: dict[int, list[Claim]] = {}
        for c in self.claims:
            if c.kind == "date":
                out.setdefault(c.line, []).append(c)
        return out

    @cached_property
    def loose(self) -> dict[int, Claim]:
        """For each unpaired figure read as one source figure stated wrongly, that figure
        (`counterparts.loose_counterpart`), by the pair's id; computed once for the rules."""
        from factcheck.check.agreement import paired
        from factcheck.check.counterparts import (
            Paragraphs, loose_counterpart, nearest, sentence_counterpart,
        )

        paragraphs = Paragraphs(self.registry)
        sentences: dict[tuple[int, str], list[Claim]] = {}
        for d in self.figures:
            sentences.setdefault((d.line, d.sentence), []).append(d)
        # a sure pairing has no counterpart of either kind: both ask `paired` first
        sure = {id(p): self.once("paired", p.draft, lambda: paired(p)) for p in self.pairs}
        found: dict[int, Claim] = {}
        for p in self.pairs:  # what depends on the figure alone is worked out once a check
            if not sure[id(p)]:
                c = self.once("loose", p.draft, lambda: loose_counterpart(self.registry, p))
                if c is not None:
                    found[id(p)] = c
        known, companions = _found_in(self.pairs, sure, found)
        read: dict[tuple[int, str, str], list[int]] = {}  # by sentence and source figure
        for p in self.pairs:
            key = (p.draft.line, p.draft.sentence)
            if not sure[id(p)] and id(p) not in found and (c := sentence_counterpart(
                    paragraphs, p, sentences[key], known.get(key, ()), companions.get(key, ()))
                    ) is not None:
                found[id(p)] = c
                read.setdefault((*key, c.id), []).append(id(p))
        figures = {id(p): p.draft for p in self.pairs}
        for ids in read.values():  # two figures of a sentence read as one: the clearly
            if len(ids) > 1:       # nearest in value is, or neither
                keep = nearest([figures[key] for key in ids], found[ids[0]])
                for key in ids:
                    if figures[key] is not keep:
                        del found[key]
        return found


def _found_in(pairs: list, sure: dict[int, bool], found: dict[int, Claim]
              ) -> tuple[dict[tuple[int, str], set[tuple[str, int]]],
                         dict[tuple[int, str], list[Claim]]]:
    """For each draft sentence (line, text): the source paragraphs its figures were found in
    (surely paired or read as a counterpart: where its others are read), and the source
    figures its figures are surely paired with."""
    known: dict[tuple[int, str], set[tuple[str, int]]] = {}
    companions: dict[tuple[int, str], list[Claim]] = {}
    for p in pairs:
        c = found.get(id(p)) or (p.claim if sure[id(p)] else None)
        if c is not None:
            known.setdefault((p.draft.line, p.draft.sentence), set()).add((c.source, c.line))
        if sure[id(p)]:
            companions.setdefault((p.draft.line, p.draft.sentence), []).append(p.claim)
    return known, companions


T = TypeVar("T")
_UNSET = object()


def claim_ref(reg: Registry, c: Claim) -> ClaimRef:
    """A finding's pointer to the source claim, with the source's title and date."""
    src = reg.sources.get(c.source)
    return ClaimRef(id=c.id, source=c.source, line=c.line, text=c.sentence, column=c.column,
                    end_column=c.end_column, title=src.title if src else "",
                    date=src.date if src else "")


def finding(ctx: Context, rule: str, severity: Severity, start: int, end: int, message: str,
            expected: str | None = None, source: Claim | None = None, fix: str | None = None,
            related: tuple[Claim, ...] = (), related_total: int | None = None) -> Finding:
    """A complete finding at document offsets [start, end)."""
    line, col = ctx.doc.position(start)
    end_line, end_col = ctx.doc.position(end)
    # A long draft's findings are kept until all are sorted: the same words and source
    # claims, found again and again in a long paste, are kept once.
    refs = ctx.memo("claim refs")

    def ref(c: Claim) -> ClaimRef:
        key = (c.source, c.id, c.line, c.column, c.end_column, c.sentence)
        if key not in refs:
            refs[key] = claim_ref(ctx.registry, c)
        return refs[key]

    return Finding(
        path=ctx.doc.path, line=line, column=col, end_line=end_line, end_column=end_col,
        severity=severity, rule=rule, text=intern(ctx.doc.text[start:end]), message=intern(message),
        expected=expected and intern(expected), claim=ref(source) if source else None,
        fix=fix and intern(fix), related=tuple(ref(r) for r in related), related_total=related_total)
