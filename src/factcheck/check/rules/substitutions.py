"""Names standing where the source names another (part of name-mismatch): a body of the same kind
(上海市政府 for the source's 上海市工商局), or a name in the slot the source gives another name, with
the same words around it (火箭由甲研究院研制 where the source's 火箭由乙研究院研制)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Hashable, Iterator
from functools import lru_cache, partial

from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding
from factcheck.registry.claim import Claim
from factcheck.registry.index import SLOT_REACH, compact, slot_contexts
from factcheck.registry.model import Entity
from factcheck.registry.orgs import GENERIC_STEMS, LONG_SUFFIXES, SHORT_SUFFIXES
from factcheck.lazyre import lazy

ID = "name-mismatch"
SEVERITY = Severity.ERROR

#: Endings of the same kind of body: a draft's 上海市政府 can stand for the source's 上海市工商局.
_KINDS = (("局", "部", "委", "厅", "办", "署", "政府", "人民政府", "委员会", "总局", "警方"), ("大学", "学院"),
          ("网站", "新闻网", "通讯社", "电视台", "日报", "报社"),
          ("公司", "集团", "有限公司", "股份有限公司"), ("队",), ("交易所",), ("法院", "人民法院"),
          ("医院",), ("银行",), ("协会", "学会", "联合会"), ("研究院", "研究所", "中心"))
#: Hanzi only; the pattern of names.py, compiled once for both (re keeps it by its text).
_HANZI = lazy(r"[\u4e00-\u9fff]+")
#: Function words a body's name never holds: where the words before it end.
FUNCTION_WORDS = "在从由据和与及的是为向对将被了等把给让使跟同"
_FUNCTION = lazy("[" + FUNCTION_WORDS + "、，。；：“”]")


def kind_of(name: str) -> tuple[str, tuple[str, ...]] | None:
    """(ending, endings of its kind) of a body's name."""
    for kind in _KINDS:
        ending = max((e for e in kind if name.endswith(e)), key=len, default="")
        if ending:
            return ending, kind
    return None


def _trailing_hanzi(text: str) -> str:
    """The run of hanzi `text` ends with (before one final line break), as
    `re.findall(r"[\u4e00-\u9fff]*$", text)[0]` finds it."""
    body = text[:-1] if text.endswith("\n") else text
    run = _HANZI.match(body[::-1])
    return run.group()[::-1] if run else ""


def body_kinds(orgs: list[Entity]) -> tuple[dict[str, tuple[str, tuple[str, ...]] | None], list[str]]:
    """({source body: (ending, endings of its kind)}, the endings of those kinds, longest first)."""
    kinds = {str(e.value): kind_of(str(e.value)) for e in orgs}
    return kinds, sorted({end for k in kinds.values() if k for end in k[1]}, key=len, reverse=True)


def named_bodies(ctx: Context, endings: list[str]) -> Iterator[tuple[str, int, int]]:
    """(name, start, ending's length) of each body the draft names with one of `endings`: the
    hanzi before the ending back to a function word, two or more (264家基层法院 is a count)."""
    text = ctx.doc.norm
    for m in re.finditer("|".join(map(re.escape, endings)), text):
        stem = _FUNCTION.split(text[max(0, m.start() - 10):m.start()])[-1]
        stem = _trailing_hanzi(stem)
        start = m.start() - len(stem)
        counted = re.search(r"[\d一二两三四五六七八九十百千万几多余数][家个所支名]?$", text[max(0, start - 3):start + 1])
        if len(stem) >= 2 and not counted:
            yield stem + m.group(0), start, len(m.group(0))


def unplaced(ctx: Context, name: str, start: int, ending: int, orgs: list[Entity],
             kinds: dict) -> Entity | None | bool:
    """False when the draft's body is the source's (`_known_body`), else the source body it
    most likely stands for (`_likeliest`), or None: both decided once a draft."""
    known: dict[str, bool] = ctx.memo("swapped_bodies.known")
    chosen: dict[str, Entity | None] = ctx.memo("swapped_bodies.chosen")
    if name not in known:
        known[name] = _known_body(name, ending, ctx.memo("said"), ctx, orgs)
    if known[name]:
        return False
    if name not in chosen:  # a long paste repeats itself: weigh each name once
        chosen[name] = _likeliest(ctx, name, start, orgs, kinds)
    return chosen[name]


def swapped_bodies(ctx: Context, orgs: list[Entity], seen: set[int]) -> Iterator[Finding]:
    """Errors where the draft puts another body of the same kind where the source names one:
    上海市政府 for the source's 上海市工商局, 北京法院 for 上海法院 (not a slip: a substitution)."""
    kinds, endings = body_kinds(orgs)
    if not endings:
        return
    for name, start, ending in named_bodies(ctx, endings):
        if seen.intersection(range(start, start + len(name))):
            continue
        best = unplaced(ctx, name, start, ending, orgs, kinds)
        if not best:
            continue
        seen.add(start)
        src = ctx.registry.claim(best.row)
        yield finding(ctx, ID, SEVERITY, start, start + len(name),
                      f"organisation differs from the source: the source names {src.text}, "
                      f"not {ctx.doc.text[start:start + len(name)]}", expected=src.text, source=src)


#: The kinds whose claims' sentences a draft's unknown name is looked up in.
SAID_KINDS = ("person", "organisation", "quote", "law")
#: A character a UTF-16 search cannot look for as the string search does: a lone surrogate may
#: be half of another character's pair, and a pair may be two lone surrogates of the source.
_NOT_PLAIN = lazy("[\ud800-\udfff\U00010000-\U0010ffff]")


def source_sentences(ctx: Context) -> str:
    """The source sentences that name someone or something, joined: what a draft's unknown name
    is looked up in (built from the name rows only, so a cached registry stays lazy)."""
    return ctx.registry.said(*SAID_KINDS)


def _known_body(name: str, ending: int, memo: dict, ctx: Context, orgs: list[Entity]) -> bool:
    """Whether the draft's name is the source's: as written, a short form of one (国家卫健委), or
    a name the source gives after three or more words the draft puts before it (本次比赛中国队);
    a shorter head is a place or a name of its own (酒泉卫星发射中心 against 西昌…)."""
    values = {str(e.value) for e in orgs}
    if any(name[i:] in values for i in range(len(name) - ending)) \
            or any(_abbreviates(name, v) for v in values):
        return True
    if "said" not in memo:  # read on first need: a cached registry builds no rows it need not
        memo["said"] = ctx.registry.said_units(*SAID_KINDS)
    said, tails = memo["said"], [name[i:] for i in range(3, len(name) - ending)]
    if _NOT_PLAIN.search(name) or any(_NOT_PLAIN.search(v) for v in values):
        if "text" not in memo:
            memo["text"] = said.decode("utf-16-le", "surrogatepass")
        said, unit, code = memo["text"], 1, str
    else:  # searched as UTF-16 code units, two bytes each: the text is not decoded
        unit, code = 2, partial(str.encode, encoding="utf-16-le")
    return _has(said, code(name), unit) or _has(said, code(name[1:]), unit) \
        or any(_stands_alone(code, tail, said, values, unit) for tail in tails)


def _has(said: str | bytes, part: str | bytes, unit: int) -> bool:
    """Whether `part` is in `said`, at a whole character (`unit`: 2 for UTF-16 bytes)."""
    return next(_occurrences(said, part, unit), None) is not None


def _stands_alone(code: Callable, tail: str, said: str | bytes, values: set[str],
                  unit: int) -> bool:
    """Whether the source writes `tail` other than inside a longer name of its own (卫星发射中心
    inside 西昌卫星发射中心 is not a name the source gives alone); `said` and `unit` as `_has`,
    `code` makes a string what `said` holds."""
    longer = [(code(v), unit * v.index(tail)) for v in values if tail in v and len(v) > len(tail)]
    for p in _occurrences(said, code(tail), unit):
        if not any(p >= before and said.startswith(v, p - before) for v, before in longer):
            return True
    return False


def _occurrences(text: str | bytes, part: str | bytes, unit: int = 1) -> Iterator[int]:
    """Every start of `part` in `text` at a whole character (a multiple of `unit`)."""
    i = text.find(part)
    while i >= 0:
        if i % unit == 0:
            yield i
        i = text.find(part, i + 1)


def _likeliest(ctx: Context, name: str, at: int, orgs: list[Entity], kinds: dict) -> Entity | None:
    """The one source body of the same kind the draft's name most likely stands for: the most
    shared characters at either end (上海市…局, …卫星发射中心), then the same words around it."""
    text = ctx.doc.norm
    scored = []
    for e in orgs:
        value, kind = str(e.value), kinds.get(str(e.value))
        if kind is None or not name.endswith(kind[1]) or ctx.in_draft(value) or _abbreviates(name, value):
            continue
        shared = len(os.path.commonprefix([name, value])) + len(os.path.commonprefix([name[::-1], value[::-1]]))
        scored.append((shared, e))
    top = max((n for n, _ in scored), default=0)
    winners = list({str(e.value): e for n, e in scored if n == top}.values())
    if top < 1:
        return None
    if len(winners) > 1 or top < 2:  # the same words around it: 上海法院结案率 / 北京法院结案率
        # words, not a stop: 北京队。 shares nothing with the source's 山西队。
        before, after = text[max(0, at - 2):at], _HANZI.match(text, at + len(name))
        after = after.group()[:3] if after else ""
        winners = [e for e in winners if len(after) >= 2 and (str(e.value) + after) in ctx.registry.claim(e.row).sentence
                   or len(before) == 2 and (before + str(e.value)) in ctx.registry.claim(e.row).sentence]
    return winners[0] if len(winners) == 1 else None


def _abbreviates(short: str, full: str) -> bool:
    """Whether `short` keeps some of `full`'s characters in order (国家卫健委, 北大): a short form."""
    it = iter(full)
    return len(short) < len(full) and all(ch in it for ch in short)


_REACH = SLOT_REACH  # characters of context compared on either side, and the longest name in a slot
_NOT_IN_SLOT = lazy(r"[|。\"、\d在从由据和与及的是为向对将被了把给让使跟同等]")


def _prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a, b]))


def _suffix(a: str, b: str) -> int:
    return len(os.path.commonprefix([a[::-1], b[::-1]]))


def _slots(draft: str, grams: str, left: str, right: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, words shared around it) of each stretch of the draft standing between the
    source's words before and after a name: found from four words of either side."""
    found: dict[tuple[int, int], int] = {}
    if len(right) >= 4 and right[:4] in grams:
        for y in _occurrences(draft, right[:4]):
            b = _prefix(draft[y:y + _REACH + 1], right)
            # a start shares no word unless the character before it ends `left`: only those
            # can be best, and a best sharing none is not kept
            best = max(((_suffix(draft[max(0, x - _REACH - 1):x], left), x) for x in _starts_before(draft, y)
                        if draft[x - 1:x] == left[-1:]), default=(0, 0))
            if best[0]:
                found[best[1], y] = max(found.get((best[1], y), 0), best[0] + b)
    if len(left) >= 4 and left[-4:] in grams:
        for x in (i + 4 for i in _occurrences(draft, left[-4:])):
            a = _suffix(draft[max(0, x - _REACH - 1):x], left)
            best = max(((_prefix(draft[y:y + _REACH + 1], right), -y) for y in _ends_after(draft, x)
                        if draft[y:y + 1] == right[:1]), default=(0, 0))
            if best[0]:
                found[x, -best[1]] = max(found.get((x, -best[1]), 0), a + best[0])
    for (x, y), shared in found.items():
        yield x, y, shared


def _starts_before(draft: str, y: int) -> Iterator[int]:
    """Where a name ending at `y` can start: within reach, after the last clause mark."""
    for x in range(y - 2, max(-1, y - _REACH - 1), -1):
        yield x
        if x == 0 or draft[x - 1] in '|。"':
            return


def _ends_after(draft: str, x: int) -> Iterator[int]:
    """Where a name starting at `x` can end: within reach, before the next clause mark."""
    for y in range(x + 2, min(len(draft), x + _REACH) + 1):
        if draft[y - 1] in '|。"':
            return
        yield y


def in_slots(ctx: Context, entities: list[Entity], seen: set[int]) -> Iterator[Finding]:
    """Errors where the draft puts another name where the source names a body, with the same
    words around it: another body the same source names (not one it lists beside it), or a
    body's name the source never gives, in a draft about that source."""
    text = ctx.doc.norm
    if not any(e.kind == "organisation" and ctx.in_draft(str(e.value)) for e in entities):
        return  # a draft naming none of the sources' bodies holds no body in the wrong slot
    draft, where = compact(text, "|")  # the draft's start is a clause's start
    memo: tuple[dict, dict] = ({}, {})  # the draft's slots of some words, and names in them
    bodies, about, named = _bodies(ctx, draft, entities, memo)
    done: set = set()
    for said, value, contexts, claim in bodies:
        if said in done:  # the same sentence and name: found by the first of them
            continue
        done.add(said)
        if contexts is None:
            contexts = _contexts(*said)
        for x, y in _other_bodies_in_slot(draft, value, contexts, claim, named, about, memo):
            start, end = where[x], where[y - 1] + 1
            if seen.intersection(range(start, end)):
                continue
            seen.update(range(start, end))
            said_here, body = ctx.doc.text[start:end], claim()
            yield finding(ctx, ID, SEVERITY, start, end,
                          f"organisation differs from the source: the source names {body.text} here, "
                          f"not {said_here}", expected=body.text, source=body)


#: One source body for `in_slots`: its sentence and name (or an id of the two), its name,
#: its slots' words (`_contexts`; None to compute them) and its claim (built when needed).
Body = tuple[Hashable, str, "tuple[tuple[str, str], ...] | None", Callable[[], Claim]]


def _bodies(ctx: Context, draft: str, entities: list[Entity], memo: tuple[dict, dict]) \
        -> tuple[list[Body], set[str], Callable[[str], list[Claim]]]:
    """The source bodies whose slot the draft can repeat, in registry order; the sources the
    draft names a body of (only their bodies can be put in a slot); and the bodies of those
    sources a name is, in registry order. A registry read through its SQLite index gives the
    first from the words around bodies' names sharing a slot word with the draft
    (`index.slot_keys`; the rest find no slot in it), and of those only the words with a slot
    holding a name that is no form of the body's (`_open`: the others find nothing whatever
    claim gives them), the others by the names `entities` give, and builds only the claims
    looked at."""
    index = ctx.registry.index()
    if index.slot_words is None or index.body_rows is None:
        claims = ctx.registry.of_kind("organisation")
        about = {c.source for c in claims if ctx.in_draft(str(c.value))}
        claims = [c for c in claims if c.source in about]  # the bodies a draft can put in a slot
        bodies: list[Body] = [((c.sentence, str(c.value)), str(c.value), None, partial(_same, c))
                              for c in claims]
        return bodies, about, lambda name: [c for c in claims if str(c.value) == name]
    source_of, claim, body_rows = index.source_of, ctx.registry.claim, index.body_rows
    named_here = {str(e.value) for e in entities if e.kind == "organisation" and ctx.in_draft(str(e.value))}
    about = index.body_sources(sorted(named_here))
    words = {w: (value, contexts) for w, value, contexts in index.slot_words(draft)
             if _open(draft, value, contexts, memo)}
    bodies = [(said, *words[w], partial(claim, row))
              for row, said, w in index.slot_rows(sorted(words)) if source_of(row) in about]
    return bodies, about, lambda name: [claim(r) for r in body_rows([name]) if source_of(r) in about]


def _same(c: Claim) -> Claim:
    return c


#: (words before, words after) each mention of a name in a source sentence, compacted.
_contexts = lru_cache(maxsize=4096)(slot_contexts)


def _other_bodies_in_slot(draft: str, value: str, contexts: tuple[tuple[str, str], ...],
                          body: Callable[[], Claim], named: Callable[[str], list[Claim]],
                          about: set[str], memo: tuple[dict, dict]) -> list[tuple[int, int]]:
    """The stretches of the draft standing in this source body's slot and naming another body:
    six or more words shared around each, four on one side; the surest where they overlap.
    `memo` keeps the draft's slots of each words around a name, and what `_form` finds of a
    name in one."""
    hits: list[tuple[int, int, int]] = []
    for x, y, shared in _candidates(draft, value, contexts, memo):
        if _other_body(draft, x, y, shared, value, body, named, about):
            hits.append((shared, x, y))
    out: list[tuple[int, int]] = []
    for _, x, y in sorted(hits, reverse=True):
        if not any(x < b and a < y for a, b in out):
            out.append((x, y))
    return sorted(out)


def _candidates(draft: str, value: str, contexts: tuple[tuple[str, str], ...],
                memo: tuple[dict, dict]) -> Iterator[tuple[int, int, int]]:
    """(start, end, words shared) of the draft's slots of a body's words (six or more words
    shared, no clause word in it) holding a name that is not a form of the body's (`_form`):
    what `_other_body` is asked about. It reads nothing of the claim giving the words."""
    for left, right in contexts:
        if left.endswith("、") or right.startswith("、"):
            continue  # one of a list: lists are reordered and shortened freely
        slots = memo[0].get((left, right))
        if slots is None:
            # a four-character piece is one of the draft's four-grams when it is in it (no set
            # of every four-gram: 240 MB on a 4 MB draft)
            slots = memo[0][left, right] = [(x, y, shared) for x, y, shared in _slots(draft, draft, left, right)
                                            if shared >= 6 and not _NOT_IN_SLOT.search(draft[x:y])]
        for x, y, shared in slots:
            if not _form(draft, x, y, value, memo[1]):
                yield x, y, shared


def _open(draft: str, value: str, contexts: tuple[tuple[str, str], ...], memo: tuple[dict, dict]) -> bool:
    """Whether the draft has a slot of these words around a body's name that `_other_body` is
    asked about: without one, no claim giving the words finds a body in their slot."""
    return next(_candidates(draft, value, contexts, memo), None) is not None


def _form(draft: str, x: int, y: int, value: str, kept: dict) -> bool:
    """Whether the draft's name in the slot draft[x:y] is the body's too (beside it in the
    clause), or a short or long form or a one-character slip of it (kept for each slot)."""
    form = kept.get((x, y, value))
    if form is None:
        name = draft[x:y]
        form = kept[x, y, value] = compact(value)[0] in _clause(draft, x, y) \
            or name in value or value in name or _abbreviates(name, value) or _abbreviates(value, name) \
            or len(name) == len(value) and sum(a != b for a, b in zip(name, value)) == 1
    return form


def _other_body(draft: str, x: int, y: int, shared: int, value: str, claim: Callable[[], Claim],
                named: Callable[[str], list[Claim]], about: set[str]) -> bool:
    """Whether the draft's name in the slot, no form of the body's (`_candidates`), is another
    body than the source's: one the same source names elsewhere and fitting there less well,
    or, in a draft about that source, a body's name it never gives."""
    name = draft[x:y]
    body = claim()
    same = [c for c in named(name) if c.source == body.source]
    if same:
        listed = re.escape(value) + "[、和与及]" + re.escape(name) + "|" + re.escape(name) + "[、和与及]" \
            + re.escape(value)
        if re.search(listed, body.sentence):
            return False  # named side by side: a draft may keep one of the two
        own = max(_suffix(draft[max(0, x - _REACH - 1):x], left) + _prefix(draft[y:y + _REACH + 1], right)
                  for c in same for left, right in _contexts(c.sentence, name))
        return shared >= own + 4
    if named(name):
        return False  # another source's body: the draft may follow that source
    return body.source in about and _body_like(name)


def _clause(draft: str, x: int, y: int) -> str:
    """The compacted clause around draft[x:y]."""
    start = max(draft.rfind(mark, 0, x) for mark in "|。") + 1
    ends = [i for i in (draft.find(mark, y) for mark in "|。") if i >= 0]
    return draft[start:min(ends, default=len(draft))]


_LATIN_NAME = lazy(r"[A-Za-z][A-Za-z0-9&\-]*[A-Za-z0-9]")


def _body_like(name: str) -> bool:
    """Whether a name the source never gives reads as a body's: a Latin-script name, or a name
    ending as bodies do, after more than a describing word (not 该公司, 一家银行)."""
    if _LATIN_NAME.fullmatch(name):
        return True
    ending = next((s for s in LONG_SUFFIXES if name.endswith(s)), "") \
        or (name[-1] if name[-1] in SHORT_SUFFIXES else "")
    stem = name[:len(name) - len(ending)]
    return bool(ending) and len(stem) >= 2 and stem not in GENERIC_STEMS \
        and not any(stem.startswith(g) for g in ("该", "此", "这", "那", "本", "其", "各", "某", "一", "每"))
