"""name-mismatch: a person or organisation the source names, spelt differently.

A one-character slip in a name the source gives is an error naming the right spelling;
a slip that sounds the same (pinyin input) is called a homophone.

Flags:   source 全国劳模刘云清指导          draft 全国劳模刘云青指导
Flags:   source 中天钢铁集团发布调薪计划     draft 中天钢钛集团发布调薪计划
Passes:  draft 由大国工匠、全国劳模刘云清指导
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding
from factcheck.registry.claim import Claim
from factcheck.registry.model import Entity

ID = "name-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = "A person or organisation name differs from the source's spelling"
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def pinyin(text: str) -> list[str]:
    """Toneless pinyin of each character (the only pypinyin import)."""
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors="default")


def homophone(a: str, b: str) -> bool:
    """Whether two strings of equal length sound the same."""
    return len(a) == len(b) and may_sound_alike(a, b) and pinyin(a) == pinyin(b)


def may_sound_alike(a: str, b: str) -> bool:
    """False when some character of `a` can be read in no way its counterpart in `b` can (no
    reading pypinyin gives either, alone or in a phrase, is shared), so the strings cannot
    sound the same; True otherwise. Answered from a table of readings built once from
    pypinyin's dictionaries and kept in the cache folder, so most slips (高技 for 高兰) are
    told apart without loading pypinyin."""
    table = _reading_table()
    if table is None:
        return True
    chars, ids, classes = table
    for x, y in zip(a, b):
        if x != y:
            rx, ry = _reading_class(chars, ids, x), _reading_class(chars, ids, y)
            if rx is None or ry is None:
                return True  # a character pypinyin has no reading for: ask pypinyin
            if rx != ry and not set(classes[rx]) & set(classes[ry]):
                return False
    return True


def _reading_class(chars: str, ids, ch: str) -> int | None:
    i = bisect_left(chars, ch)
    return ids[i] if i < len(chars) and chars[i] == ch else None


@lru_cache(maxsize=1)
def _reading_table() -> tuple[str, Any, list[tuple[str, ...]]] | None:
    """(characters in code point order, each one's reading class, the classes' readings), or
    None when there is no writable cache folder to keep it in (building it costs more than
    the pypinyin calls it saves)."""
    import importlib.util
    import marshal

    from factcheck.registry import cache as regcache

    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent
    try:
        stamp = [(n, os.stat(folder / n).st_size, os.stat(folder / n).st_mtime_ns)
                 for n in ("__init__.py", "pinyin_dict.py", "phrases_dict.py", "style/__init__.py")]
    except OSError:
        return None
    key = repr([_TABLE_FORMAT, str(folder), stamp])
    blob = regcache.read_blob("pinyin", key)
    if blob is None:
        if not regcache.writable():
            return None
        blob = marshal.dumps(_build_reading_table())
        regcache.write_blob("pinyin", key, blob)
    try:
        chars, ids, classes = marshal.loads(blob)
        return chars, memoryview(ids).cast("H"), classes
    except Exception:
        return None


_TABLE_FORMAT = 1


def _build_reading_table() -> tuple[str, bytes, list[tuple[str, ...]]]:
    """Every toneless reading (Style.NORMAL, as `pinyin` converts them) of each character in
    pypinyin's character and phrase dictionaries, grouped into classes of equal reading sets."""
    import array

    from pypinyin import Style
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
    from pypinyin.style import convert as convert_style

    readings: dict[str, set[str]] = {}
    toneless: dict[str, str] = {}  # Style.NORMAL reads only the syllable, not the character

    def add(han: str, orig: str) -> None:
        if orig not in toneless:
            toneless[orig] = convert_style(orig, Style.NORMAL, True, default=orig, han=han)
        readings.setdefault(han, set()).add(toneless[orig])

    for num, pys in PINYIN_DICT.items():
        for orig in pys.split(","):
            add(chr(num), orig)
    for phrase, items in PHRASES_DICT.items():
        for han, item in zip(phrase, items):
            for orig in item:
                add(han, orig)
    classes: dict[tuple[str, ...], int] = {}
    chars = sorted(readings)
    ids = [classes.setdefault(tuple(sorted(readings[c])), len(classes)) for c in chars]
    return "".join(chars), array.array("H", ids).tobytes(), list(classes)


def _occurrences(text: str, part: str) -> Iterator[int]:
    """Every start of `part` in `text` (C-speed search, overlapping)."""
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


def _starts(text: str, name: str) -> set[int]:
    """Where a one-character slip of `name` can start: one of its ends is always intact."""
    n = len(name)
    starts = set(_occurrences(text, name[:n - 1])) | {j - 1 for j in _occurrences(text, name[1:])}
    if n >= 3:
        starts |= {i for i in _occurrences(text, name[0]) if text[i + n - 1:i + n] == name[-1]}
    return {i for i in starts if 0 <= i <= len(text) - n}


class Known:
    """The source's names, and whether a string is one of them or part of one."""

    def __init__(self, names: set[str]) -> None:
        self.names = names
        self._parts: dict[int, set[str]] = {}

    def covers(self, text: str) -> bool:
        """Whether `text` is in some known name (one set lookup per length, built on first use)."""
        n = len(text)
        if n not in self._parts:
            self._parts[n] = {k[i:i + n] for k in self.names for i in range(len(k) - n + 1)}
        return text in self._parts[n]


def near_misses(text: str, name: str, known: set[str] | Known) -> Iterator[tuple[int, str]]:
    """(offset, spelling) of strings in `text` one character away from `name`."""
    known = known if isinstance(known, Known) else Known(known)
    n = len(name)
    for i in sorted(_starts(text, name)):
        cand = text[i:i + n]
        if not _CJK.fullmatch(cand):
            continue
        diff = sum(a != b for a, b in zip(cand, name))
        if diff == 1 and not known.covers(cand):
            yield i, cand


def plausible_slip(ctx: Context, entity: Claim | Entity, pos: int, cand: str) -> bool:
    """A slip is reported when it sounds the same, or stands where the source puts the name."""
    n = len(cand)
    if entity.kind == "organisation":
        at = next(i for i, (a, b) in enumerate(zip(cand, str(entity.value))) if a != b)
        if at == 0 or at == n - 1 and cand[-1] not in _BODY_ENDS:
            return False  # 敌日本队 / 交通运输经济: a neighbouring word, not a misspelt name
        return n >= 4 or homophone(cand, entity.value)
    text = ctx.doc.norm
    before, after = text[max(0, pos - 8):pos], text[pos + n:pos + n + 3]
    from factcheck.registry.entities import SPEECH_VERBS, TITLE_ENDINGS

    cues = tuple(r for r in entity.roles if len(r) >= 2) + TITLE_ENDINGS
    own = tuple(r for r in entity.roles if len(r) >= 2)
    return n >= 3 and cand[0] == entity.value[0] and (
        before.endswith(cues) or after.startswith(SPEECH_VERBS + tuple(entity.roles))) \
        or n == 2 and cand[0] == entity.value[0] and bool(own) and before.rstrip(" 　").endswith(own) \
        or homophone(cand, entity.value)


def within_reach(text: str, names: Iterable[Entity]) -> list[Entity]:
    """The names a one-character slip of which can stand in `text`, in their order: a slip
    keeps two neighbouring characters of a name, or its first and last (`_starts`)."""
    have = set(text)
    return [e for e in names if _reachable(str(e.value), have)]


def _reachable(name: str, have: set[str]) -> bool:
    n = len(name)
    if n < 2:
        return True
    if n == 2:
        return name[0] in have or name[1] in have
    return (name[1] in have and (name[0] in have or name[2] in have)
            or name[0] in have and name[-1] in have)


def check(ctx: Context) -> Iterator[Finding]:
    """One error per misspelt name."""
    # Names with the same spelling, kind and roles find the same slips: the first speaks for all.
    entities = ctx.registry.distinct_entities("person", "organisation")
    if not entities:
        return
    known = Known({str(e.value) for e in entities})
    seen: set[int] = set()
    for e in within_reach(ctx.doc.norm, sorted(entities, key=lambda e: -len(str(e.value)))):
        name = str(e.value)
        for pos, cand in near_misses(ctx.doc.norm, name, known):
            if pos in seen or not plausible_slip(ctx, e, pos, cand):
                continue
            seen.add(pos)
            how = "a homophone slip" if homophone(cand, name) else "a one-character slip"
            kind = "person" if e.kind == "person" else "organisation"
            src = ctx.registry.claim(e.row)
            spelt = src.text or name  # the source's own script: 沈榮津 in a traditional source
            yield finding(ctx, ID, SEVERITY, pos, pos + len(cand),
                          f"{kind} name differs from the source: {ctx.doc.text[pos:pos + len(cand)]} "
                          f"should be {spelt} ({how})", expected=spelt, source=src,
                          fix=name if ctx.doc.text[pos:pos + len(cand)] == cand else spelt)
    yield from _swapped_bodies(ctx, [e for e in entities if e.kind == "organisation"], seen)


#: Endings of the same kind of body: a draft's 上海市政府 can stand for the source's 上海市工商局.
_KINDS = (("局", "部", "委", "厅", "办", "署", "政府", "人民政府", "委员会", "总局", "警方"), ("大学", "学院"),
          ("网站", "新闻网", "通讯社", "电视台", "日报", "报社"),
          ("公司", "集团", "有限公司", "股份有限公司"), ("队",), ("交易所",), ("法院", "人民法院"),
          ("医院",), ("银行",), ("协会", "学会", "联合会"), ("研究院", "研究所", "中心"))
#: Characters a body's name can end with: a slip there (国家防总, 统计暨普查司) is still a body.
_BODY_ENDS = set("部局委署办厅院会社队司处科室所站馆台报网团军组总府行校司")
_FUNCTION = re.compile(r"[在从由据和与及的是为向对将被了等把给让使跟同、，。；：“”]")


def _kind_of(name: str) -> tuple[str, tuple[str, ...]] | None:
    """(ending, endings of its kind) of a body's name."""
    for kind in _KINDS:
        ending = max((e for e in kind if name.endswith(e)), key=len, default="")
        if ending:
            return ending, kind
    return None


def _swapped_bodies(ctx: Context, orgs: list[Entity], seen: set[int]) -> Iterator[Finding]:
    """Errors where the draft puts another body of the same kind where the source names one:
    上海市政府 for the source's 上海市工商局, 北京法院 for 上海法院 (not a slip: a substitution)."""
    text = ctx.doc.norm
    kinds = {str(e.value): _kind_of(str(e.value)) for e in orgs}
    endings = sorted({end for k in kinds.values() if k for end in k[1]}, key=len, reverse=True)
    if not endings:
        return
    memo: dict[str, str] = {}
    chosen: dict[str, Entity | None] = {}
    known: dict[str, bool] = {}
    for m in re.finditer("|".join(map(re.escape, endings)), text):
        stem = re.split(_FUNCTION, text[max(0, m.start() - 10):m.start()])[-1]
        stem = re.findall(r"[\u4e00-\u9fff]*$", stem)[0]
        name, start = stem + m.group(0), m.start() - len(stem)
        counted = re.search(r"[\d一二两三四五六七八九十百千万几多余数][家个所支名]?$", text[max(0, start - 3):start + 1])
        if len(stem) < 2 or start in seen or counted:
            continue  # 264家基层法院: a count of bodies, not one named body
        if name not in known:
            known[name] = _known_body(name, len(m.group(0)), memo, ctx, orgs)
        if known[name]:
            continue
        if name not in chosen:  # a long paste repeats itself: weigh each name once
            chosen[name] = _likeliest(ctx, name, start, orgs, kinds)
        best = chosen[name]
        if best is None:
            continue
        seen.add(start)
        src = ctx.registry.claim(best.row)
        yield finding(ctx, ID, SEVERITY, start, start + len(name),
                      f"organisation differs from the source: the source names {src.text}, "
                      f"not {ctx.doc.text[start:start + len(name)]}", expected=src.text, source=src)


def source_sentences(ctx: Context) -> str:
    """The source sentences that name someone or something, joined: what a draft's unknown name
    is looked up in (built from the name rows only, so a cached registry stays lazy)."""
    return "\n".join(ctx.registry.sentences("person", "organisation", "quote", "law"))


def _known_body(name: str, ending: int, memo: dict[str, str], ctx: Context, orgs: list[Entity]) -> bool:
    """Whether the draft's name is the source's: as written, a short form of one (国家卫健委), or
    a name the source gives after three or more words the draft puts before it (本次比赛中国队);
    a shorter head is a place or a name of its own (酒泉卫星发射中心 against 西昌…)."""
    values = {str(e.value) for e in orgs}
    if any(name[i:] in values for i in range(len(name) - ending)) \
            or any(_abbreviates(name, v) for v in values):
        return True
    if "said" not in memo:  # joined on first need: a cached registry builds no rows it need not
        memo["said"] = source_sentences(ctx)
    said = memo["said"]
    return name in said or name[1:] in said or any(name[i:] in said for i in range(3, len(name) - ending))


def _likeliest(ctx: Context, name: str, at: int, orgs: list[Entity], kinds: dict) -> Entity | None:
    """The one source body of the same kind the draft's name most likely stands for: the most
    shared characters at either end (上海市…局, …卫星发射中心), then the same words around it."""
    text = ctx.doc.norm
    scored = []
    for e in orgs:
        value, kind = str(e.value), kinds.get(str(e.value))
        if kind is None or not name.endswith(kind[1]) or value in text or _abbreviates(name, value):
            continue
        shared = len(os.path.commonprefix([name, value])) + len(os.path.commonprefix([name[::-1], value[::-1]]))
        scored.append((shared, e))
    top = max((n for n, _ in scored), default=0)
    winners = list({str(e.value): e for n, e in scored if n == top}.values())
    if top < 1:
        return None
    if len(winners) > 1 or top < 2:  # the same words around it: 上海法院结案率 / 北京法院结案率
        before, after = text[max(0, at - 2):at], text[at + len(name):at + len(name) + 3]
        winners = [e for e in winners if (str(e.value) + after) in ctx.registry.claim(e.row).sentence
                   or len(before) == 2 and (before + str(e.value)) in ctx.registry.claim(e.row).sentence]
    return winners[0] if len(winners) == 1 else None


def _abbreviates(short: str, full: str) -> bool:
    """Whether `short` keeps some of `full`'s characters in order (国家卫健委, 北大): a short form."""
    it = iter(full)
    return len(short) < len(full) and all(ch in it for ch in short)
