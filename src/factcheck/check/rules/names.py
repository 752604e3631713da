"""name-mismatch: a person or organisation the source names, spelt differently.

A one-character slip in a name the source gives is an error naming the right spelling;
a slip that sounds the same (pinyin input) is called a homophone.

Flags:   source 全国劳模刘云清指导          draft 全国劳模刘云青指导
Flags:   source 中天钢铁集团发布调薪计划     draft 中天钢钛集团发布调薪计划
Flags:   source 样机由北方智能装备研究院研制，芯片由华东集成电路研究所设计 draft 样机由华东集成电路研究所研制
Flags:   source 项目经费来自星火青少年科技基金会 draft 项目经费来自星火青年科技基金会
Passes:  draft 由大国工匠、全国劳模刘云清指导
Passes:  source 包括亚马逊、苹果等国际大厂 draft 包括苹果、亚马逊等国际大厂

A body standing in the slot the source gives another body, with the same words around it, is an
error naming the source's body (火箭由乙研究院研制 where the source's 火箭由甲研究院研制); names the
source lists side by side may be reordered or dropped.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from pathlib import Path

from factcheck.check.findings import Finding, Severity
from factcheck.check.rules import substitutions
from factcheck.check.rules.base import Context, finding
from factcheck.registry.claim import Claim
from factcheck.registry.model import Entity, distinct
from factcheck.lazyre import lazy

ID = "name-mismatch"
SEVERITY = Severity.ERROR
SUMMARY = "A person or organisation name differs from the source's spelling"
_CJK = lazy(r"[\u4e00-\u9fff]+")


def pinyin(text: str) -> list[str]:
    """Toneless pinyin of each character, as pypinyin's `lazy_pinyin` reads it (the only
    pypinyin import); from the reading table when no phrase in `text` reads otherwise."""
    plain = _plain_reading(text)
    if plain is not None:
        return list(plain)
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(text, style=Style.NORMAL, errors="default")


@lru_cache(maxsize=4096)
def _plain_reading(text: str) -> tuple[str, ...] | None:
    """Each character's own reading, when that is what pypinyin gives `text`: every character
    has one, and no phrase of pypinyin's dictionary that reads otherwise stands in `text`
    (pypinyin splits a text into its dictionary's phrases and single characters, so the rest
    read as alone). None when that cannot be told without pypinyin."""
    table = _reading_table()
    if table is None:
        return None
    chars, _, _, defaults, syllables, marked, longest = table
    out = []
    for ch in text:
        i = bisect_left(chars, ch)
        if i == len(chars) or chars[i] != ch or defaults[i] == _NO_READING:
            return None
        out.append(syllables[defaults[i]])
    n = len(text)
    if any(text[i:j] in marked for i in range(n - 1) for j in range(i + 2, min(n, i + longest) + 1)):
        return None
    return tuple(out)


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
    chars, ids, classes = table[:3]
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
def _reading_table() -> tuple | None:
    """(characters in code point order, each one's reading class, the classes' readings, each
    one's own reading as an index into the syllables or `_NO_READING`, the syllables, the
    phrases that read otherwise than their characters alone, the longest of them), or None
    when there is no writable cache folder to keep it in (building it costs more than the
    pypinyin calls it saves)."""
    import importlib.util
    import marshal

    from factcheck.registry import cache as regcache

    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent
    try:
        stamp = [(n, os.stat(folder / n).st_size, os.stat(folder / n).st_mtime_ns)
                 for n in ("__init__.py", "pinyin_dict.py", "phrases_dict.py", "style/__init__.py",
                           "pinyin_dict.json", "phrases_dict.json", "core.py", "converter.py",
                           "seg/mmseg.py", "seg/simpleseg.py")]
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
        chars, ids, classes, defaults, syllables, marked = marshal.loads(blob)
        return (chars, memoryview(ids).cast("H"), classes, memoryview(defaults).cast("H"),
                syllables, marked, max(map(len, marked), default=0))
    except Exception:
        return None


_TABLE_FORMAT = 2
_NO_READING = 0xFFFF


def _build_reading_table() -> tuple:
    """Every toneless reading (Style.NORMAL, as `pinyin` converts them) of each character in
    pypinyin's character and phrase dictionaries, grouped into classes of equal reading sets;
    each character's reading alone and the phrases that read otherwise, as `lazy_pinyin`
    converts them."""
    import array

    from pypinyin import Style
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
    from pypinyin.converter import UltimateConverter
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
    converter = UltimateConverter()  # lazy_pinyin's, which reads the first reading of each
    first: dict[str, str] = {}  # character (alone) or of each of a phrase's characters

    def read(han: str, orig: str) -> str:
        if orig not in first:
            first[orig] = converter.convert_style(han, orig, Style.NORMAL, True) or ""
        return first[orig]

    alone = {chr(num): read(chr(num), pys.split(",")[0]) for num, pys in PINYIN_DICT.items()
             if RE_HANS.match(chr(num))}
    marked = frozenset(p for p, items in PHRASES_DICT.items()
                       if len(items) != len(p) or any(
                           ch not in alone or read(ch, item[0]) != alone[ch]
                           for ch, item in zip(p, items)))
    classes: dict[tuple[str, ...], int] = {}
    syllables: dict[str, int] = {}
    chars = sorted(readings)
    ids = [classes.setdefault(tuple(sorted(readings[c])), len(classes)) for c in chars]
    defaults = [syllables.setdefault(alone[c], len(syllables)) if c in alone else _NO_READING
                for c in chars]
    return ("".join(chars), array.array("H", ids).tobytes(), list(classes),
            array.array("H", defaults).tobytes(), list(syllables), marked)


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
    """The source's names, and whether a string is one of them or part of one; `more` answers
    for names not among `names` (the people of an indexed registry, looked up)."""

    def __init__(self, names: set[str], more: Callable[[str], bool] | None = None) -> None:
        self.names, self._more = names, more
        self._parts: dict[int, set[str]] = {}
        self._asked: dict[str, bool] = {}

    def covers(self, text: str) -> bool:
        """Whether `text` is in some known name (one set lookup per length, built on first use)."""
        n = len(text)
        if n not in self._parts:
            self._parts[n] = {k[i:i + n] for k in self.names for i in range(len(k) - n + 1)}
        if text in self._parts[n] or self._more is None:
            return text in self._parts[n]
        if text not in self._asked:
            self._asked[text] = self._more(text)
        return self._asked[text]


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


#: Characters a short form of a body's name drops, or a longer form adds (上海市法院 / 上海法院).
_LEVELS = set("市省县区州镇乡村")


def gap_misses(text: str, name: str, known: Known) -> Iterator[tuple[int, str, str]]:
    """(offset, spelling, how) of strings in `text` that are a body's name of five or more
    characters with one dropped or added inside it (星火青年科技基金会 for 星火青少年科技基金会):
    two characters at either end stay, so a head or an ending is never what differs."""
    n = len(name)
    if n < 5:
        return
    tail = name[-2:]  # both ends stay: a candidate ends as the name does
    for i in _occurrences(text, name[:2]):
        for cand in (text[i:i + n - 1], text[i:i + n + 1]):
            if not cand.endswith(tail):
                continue
            p = len(os.path.commonprefix([cand, name]))
            if len(cand) == n - 1 and 2 <= p <= n - 3 and cand[p:] == name[p + 1:] and name[p] not in _LEVELS:
                how = "a dropped character"
            elif len(cand) == n + 1 and 2 <= p <= n - 2 and cand[p + 1:] == name[p:] and cand[p] not in _LEVELS:
                how = "an added character"
            else:
                continue
            if _CJK.fullmatch(cand) and not known.covers(cand):
                yield i, cand, how


def _gap_slips(ctx: Context, orgs: list[Entity], known: Known, seen: set[int]) -> Iterator[Finding]:
    """One error per body's name with a character dropped or added."""
    for e in orgs:
        name = str(e.value)
        for pos, cand, how in gap_misses(ctx.doc.norm, name, known):
            if seen.intersection(range(pos, pos + len(cand))):
                continue
            seen.update(range(pos, pos + len(cand)))
            src = ctx.registry.claim(e.row)
            spelt = src.text or name
            yield finding(ctx, ID, SEVERITY, pos, pos + len(cand),
                          f"organisation name differs from the source: {ctx.doc.text[pos:pos + len(cand)]} "
                          f"should be {spelt} ({how})", expected=spelt, source=src,
                          fix=name if ctx.doc.text[pos:pos + len(cand)] == cand else spelt)


#: Characters a body's name can end with: a slip there (国家防总, 统计暨普查司) is still a body.
_BODY_ENDS = set("部局委署办厅院会社队司处科室所站馆台报网团军组总府行校司")


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


def _near(ctx: Context) -> list[Entity]:
    """The people a one-character slip of whose name can stand in the draft, and maybe others
    (`within_reach` keeps the first): a name of two characters or more keeps its first or its
    second (`_reachable`), so only the names with one of the draft's characters there are
    looked up, with those of one character or none; of the first, those `_reachable` keeps
    (the key at 0 is the name), of the second, those of two characters or with the third in
    the draft too (a name whose first is not in it is reachable only so)."""
    have = set(ctx.doc.norm)

    def keep(key: str, pos: int) -> bool:
        return pos < 0 or pos == 0 and _reachable(key, have) or pos == 1 and (len(key) == 1 or key[1] in have)
    chars = sorted(have)
    return distinct(ctx.registry.people_at([(c, 0) for c in chars] + [(c, 1) for c in chars] + [("", -1)], keep))


def _in_a_name(ctx: Context, text: str) -> bool:
    """Whether some source person's name holds `text` (not empty)."""
    return bool(ctx.registry.people_at([(text, None)]))


def check(ctx: Context) -> Iterator[Finding]:
    """One error per misspelt name."""
    # Names with the same spelling, kind and roles find the same slips: the first speaks for all.
    orgs = ctx.registry.distinct_entities("organisation")
    if ctx.registry.indexed:  # the people near the draft's, looked up
        entities = sorted(orgs + _near(ctx))  # registry order, as distinct_entities gives them
    else:
        entities = ctx.registry.distinct_entities("person", "organisation")
    if not entities:
        return  # no name near the draft's characters: no slip, and no body to stand in a slot
    memo = ctx.memo("names")  # the names' parts are built once for the whole draft
    known = memo.get("known") or memo.setdefault("known", Known(
        {str(e.value) for e in orgs}, partial(_in_a_name, ctx)) if ctx.registry.indexed
        else Known({str(e.value) for e in entities}))
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
    yield from _gap_slips(ctx, within_reach(ctx.doc.norm, orgs), known, seen)
    yield from substitutions.in_slots(ctx, entities, seen)
    yield from substitutions.swapped_bodies(ctx, orgs, seen)
