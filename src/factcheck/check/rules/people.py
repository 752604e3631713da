"""unknown-person / role-mismatch / quote-attribution: people the source never names, and titles,
actions or quotes given to the wrong person.

unknown-person (warning) flags a titled name (劳模张三, 毕业生李四), one introduced as a name
(名叫王五), or a surname with a form of address (马师傅, 罗大妈) the source does not name; a dotted
foreign name is compared whole.
role-mismatch (error) flags a title or action the source gives to another named person, and a
dotted name in place of the source's one such name (总统贝拉克·奥巴玛 for its 贝拉克·奥巴马).
quote-attribution (error) flags a quote the source gives to another named person.

Flags:   draft 全国劳模王小明介绍了经验（the source names no 王小明）
Flags:   source 全国劳模刘云清指导 … 毕业生杨杰   draft 毕业生杨杰指导集训队
Flags:   draft 44岁的农民工马师傅正在清洁墙面（the source names no one surnamed 马）
Passes:  draft 国防科技工业系统劳模戎建刚分享了故事
Passes:  source 王某 … draft 王先生
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.check.findings import Finding, Severity
from factcheck.check.rules.base import Context, finding
from factcheck.check.rules.substitutions import SAID_KINDS, source_sentences
from factcheck.registry.entities import (ACTION_VERBS, DOTTED, NAMED_AS, SPEECH_VERBS, SURNAMES,
                                        TITLE_ENDINGS, TRANSLIT, foreign_span)
from factcheck.registry.claim import FIGURE_KINDS, Claim
from factcheck.registry.model import Entity, distinct
from factcheck.lazyre import lazy

ID = "unknown-person"
SEVERITY = Severity.WARNING
SUMMARY = "A person the source does not name"
ROLE_ID = "role-mismatch"
ROLE_SUMMARY = "A title or action the source gives to another person"
QUOTE_ID = "quote-attribution"
QUOTE_SUMMARY = "A quote the source gives to another person"
_SURNAME_CLASS = "[" + "".join(sorted(s for s in SURNAMES if len(s) == 1)) + "]"
_TRANSLIT_CLASS = "[" + "".join(sorted(TRANSLIT)) + "]"
#: A title (or 名叫) then a surname-led name; a lookahead, so 工匠学院院长李明 still finds
#: 院长李明. The class of the titles' first characters goes first: tried at every character
#: of the draft, it turns most away before the titles are tried one by one.
_CUES = set(TITLE_ENDINGS) | set(NAMED_AS)
_TITLED = lazy("(?=[" + re.escape("".join(sorted({t[0] for t in _CUES}))) + "])"
               "(?=(" + "|".join(sorted(sorted(_CUES), key=len, reverse=True)) +
               r")[ 　]?(" + _SURNAME_CLASS + r"[\u4e00-\u9fff]{1,2}|" + _TRANSLIT_CLASS + "{3,6}))")
#: Titles one person holds at a time (秘书长, 新闻发言人, 经济部长), unlike 劳模 or 记者.
_ONE_HOLDER = ("长", "发言人", "主席", "书记", "主任", "总经理", "总裁", "主帅", "主教练", "总理", "总统",
               "首相", "大使", "负责人", "总干事", "议长", "总监")
_REPORTERS = {"记者", "通讯员", "摄影", "实习生", "编辑"}
_NOT_NAME_END = set("正是在说表介指告认等和与的也都已将从为曾就被把向对带分参获荣了")
#: How news speaks of someone it does not name in full: a surname then a form of address.
_ADDRESSES = ("师傅", "大妈", "大爷", "阿姨", "大姐", "大哥", "大叔", "大婶", "老汉", "先生", "女士",
              "小姐", "奶奶", "爷爷", "婆婆")
#: The common surnames, as a form of address follows them; rarer ones are words' ends more
#: often than surnames (社区大妈 is no 区 person).
_COMMON_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
                    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱尹薛闫段雷"
                    "侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
#: Where a name may start: after no hanzi, or after a word that ends before a name (的, a
#: measure word, a verb of naming, an occupation's last character: 农民工马师傅).
_NAME_START = r"(?:(?<![\u4e00-\u9fff])|(?<=[的位名个是和与及对向给让被把叫称见有工员民户人]))"
_ADDRESSED = lazy(_NAME_START + "([" + _COMMON_SURNAMES + "])(" + "|".join(_ADDRESSES) + ")(?!们)")


def _name_at(text: str, start: int) -> str:
    """The name starting at `start`: three characters unless the third starts the next word."""
    name = text[start:start + 3]
    if len(name) == 3 and (name[2] in _NOT_NAME_END or not re.match(r"[\u4e00-\u9fff]", name[2])):
        name = name[:2]
    return name


def check(ctx: Context) -> Iterator[Finding]:
    """Warnings for titled names the source never gives."""
    text = ctx.doc.norm
    # a registry read from its files has every name at hand: one set, as cheap as a lookup
    people = None if ctx.registry.indexed else {str(p.value) for p in ctx.registry.entities("person")}
    seen: set[int] = set()
    memo: dict[str, str] = {}
    decided: dict[tuple[str, str], tuple[str, Entity] | None] = {}
    wrong: dict[str, tuple[str, Entity, Claim]] = {}
    for m in _TITLED.finditer(text):
        start = m.start(2)
        if start in seen or _named_at(ctx, text, start, people):
            continue
        seen.add(start)
        name = _name_at(text, start)
        if len(m.group(2)) >= 3 and all(ch in TRANSLIT for ch in m.group(2)) \
                and not text[start:start + len(m.group(2)) + 1][-1:] in TRANSLIT | {""}:
            name = m.group(2)  # a transliterated name: its whole run of such characters
        elif name[0] not in SURNAMES:
            continue
        dotted = _dotted_at(text, start)
        name = dotted or name
        if _like_a_person(ctx, name, people):
            if dotted:  # a slip the names rule cannot read across the dot: `_foreign`'s
                seen.discard(start)
            continue
        if _stated(ctx, name, memo):
            continue  # the source writes this name, in a sentence its registry keeps
        before = text[max(0, start - 24):start].rstrip(" 　")
        key = (name, before[-12:])
        if key not in decided:  # a long paste repeats itself: decide each name in its setting once
            # 名叫 introduces someone new, not the titled speaker the draft may have renamed
            decided[key] = _role_holder(ctx, before) or _replaced(ctx, before) \
                or (None if m.group(1) in NAMED_AS else _sole_speaker(ctx, text, start, name))
        holder = decided[key]
        if holder is not None:
            role, other = holder
            right = ctx.registry.claim(other.row)
            wrong.setdefault(name, (role, other, right))
            yield _wrong_name(ctx, start, name, role, other, right)
            yield from _unsourced_title(ctx, before, start, right, memo)
            continue
        if dotted:
            seen.discard(start)  # a dotted name no title settles: `_foreign` compares it whole
            continue
        yield finding(ctx, ID, SEVERITY, start, start + len(name),
                      f"the source names no person {ctx.doc.text[start:start + len(name)]}")
    for name, (role, other, right) in wrong.items():  # the same wrong name wherever else it stands
        for pos in _occurrences(text, name, seen):
            seen.add(pos)
            yield _wrong_name(ctx, pos, name, role, other, right)
    yield from _foreign(ctx, seen, memo)
    yield from _addressed(ctx, seen, memo)


def _addressed(ctx: Context, seen: set[int], memo: dict[str, str]) -> Iterator[Finding]:
    """Warnings for a surname with a form of address (罗大妈) where the source names no one of
    that surname: no person of its registry, and no word of its text starting with it (59岁的
    王友群, 老王)."""
    text = ctx.doc.norm
    for m in _ADDRESSED.finditer(text):
        surname = m.group(1)
        if m.start() in seen or ctx.registry.people_at([(surname, 0)]) \
                or _surname_stated(ctx, surname, memo):
            continue
        seen.add(m.start())
        yield finding(ctx, ID, SEVERITY, m.start(), m.end(),
                      f"the source names no person {ctx.doc.text[m.start():m.end()]}")


def _surname_stated(ctx: Context, surname: str, memo: dict[str, str]) -> bool:
    """Whether a sentence the registry keeps starts a name with `surname` (59岁的王友群, 老王, 王某):
    the sentences of every claim, as a name the source gives no title may stand in any."""
    if "all" not in memo:
        memo["all"] = ctx.registry.said(*FIGURE_KINDS, *SAID_KINDS)
    return re.search("(?:" + _NAME_START + "|[老小])" + surname + "[\u4e00-\u9fff]", memo["all"]) \
        is not None


def _named_at(ctx: Context, text: str, start: int, people: set[str] | None) -> bool:
    """Whether a source person's name (of `people`, else looked up) starts at `start`: a name
    of two characters or more starts with the two there, so only those are looked up, with
    the shorter ones."""
    if people is None:
        people = {str(p.value) for p in ctx.registry.people_at([(text[start:start + 2], 0), ("", -1)])}
    return any(text.startswith(p, start) for p in people)


def _like_a_person(ctx: Context, name: str, people: set[str] | None) -> bool:
    """Whether a source person's name (of `people`, else looked up) holds `name`, or is a
    one-character slip of its start: such a name keeps the first or the second character of
    `name` (or has fewer than two)."""
    if people is None:
        people = {str(p.value) for p in ctx.registry.people_at(
            [(name, None), (name[:1], 0), (name[1:2], 1), ("", -1)])}
    return any(_close(name[:len(p)], p) or name in p for p in people)


def _wrong_name(ctx: Context, pos: int, name: str, role: str, other: Entity, right: Claim) -> Finding:
    return finding(ctx, ROLE_ID, Severity.ERROR, pos, pos + len(name),
                   f"the source's {role} is {right.text}, not {ctx.doc.text[pos:pos + len(name)]}",
                   expected=str(other.value), source=right, fix=right.text)


def _unsourced_title(ctx: Context, before: str, start: int, right: Claim,
                     memo: dict[str, str]) -> Iterator[Finding]:
    """The title a wrong name stands under, when the source never writes it (工程总监 where the
    source's 运河管理局局长 speaks): part of the same substitution."""
    phrase = re.split(r"[，。；、,;：:“”‘’（）()\s的在和与及是为]", before)[-1]
    title = next((t for t in sorted(TITLE_ENDINGS, key=len, reverse=True) if phrase.endswith(t)), "")
    if title and phrase.endswith("副" + title):
        title = "副" + title
    if not title.endswith(_ONE_HOLDER) or _stated(ctx, title, memo):
        return  # a title many hold (选手), or one the source uses: only the name is wrong
    titled = max((r for r in right.roles if r.endswith(TITLE_ENDINGS)), key=len, default="")
    yield finding(ctx, ROLE_ID, Severity.ERROR, start - len(title), start,
                  f"the source names no {title}; its {titled or 'person'} is {right.text}",
                  expected=f"{titled}{right.value}", source=right)


def _dotted_at(text: str, start: int) -> str:
    """The dotted foreign name starting at `start` (名叫阿莉亚娜·达·席尔瓦: the whole name, not its
    first three characters), or ""."""
    m = "·" in text[start:start + 8] and DOTTED.match(text, start)
    if not m:
        return ""
    at, end = foreign_span(text, *m.span())
    return text[at:end] if at == start and "·" in text[at:end] else ""


def _foreign(ctx: Context, seen: set[int], memo: dict[str, str]) -> Iterator[Finding]:
    """A transliterated name (德米特里·亚历山德罗维奇) the source never writes: an error naming the
    source's one such name the draft leaves out, else a warning."""
    text = ctx.doc.norm
    if "·" not in text:  # every name DOTTED finds has one (its pattern is compiled only then)
        return
    theirs = distinct(ctx.registry.people_at([("·", None)]))
    for m in DOTTED.finditer(text):
        start, end = foreign_span(text, *m.span())
        name = text[start:end]
        if "·" not in name or start in seen or _stated(ctx, name, memo) \
                or any(name in str(p.value) for p in theirs):
            continue
        seen.add(start)
        missing = list({str(p.value): p for p in theirs if str(p.value) not in text}.values())
        if len(missing) == 1:
            right = ctx.registry.claim(missing[0].row)
            yield finding(ctx, ROLE_ID, Severity.ERROR, start, end,
                          f"the source names {right.text} here, not {ctx.doc.text[start:end]}",
                          expected=str(missing[0].value), source=right, fix=right.text)
        else:
            yield finding(ctx, ID, SEVERITY, start, end,
                          f"the source names no person {ctx.doc.text[start:end]}")


def _occurrences(text: str, name: str, skip: set[int]) -> list[int]:
    """Other places the draft writes a name, where it stands alone (not inside a longer name)."""
    return [m.start() for m in re.finditer(re.escape(name), text) if m.start() not in skip
            and not re.match(r"[\u4e00-\u9fff]", text[m.end():m.end() + 1] or " ")
            or m.start() not in skip and text[m.end():m.end() + 2].startswith(SPEECH_VERBS + ("在", "是", "的"))]


def _sole_speaker(ctx: Context, text: str, start: int, name: str) -> tuple[str, Entity] | None:
    """("speaker", person) when the source names exactly one person besides its reporters, and
    the draft leaves them out for an unknown titled name."""
    speakers = {str(p.value): p for p in ctx.registry.distinct_entities("person")
                if p.roles and not set(p.roles) & _REPORTERS}
    for short in [v for v in speakers if any(v != w and v in w for w in speakers)]:
        del speakers[short]  # 马米什 is 穆哈卜·马米什
    if len(speakers) != 1:
        return None
    person = next(iter(speakers.values()))
    return (None if str(person.value) in ctx.doc.norm else ("speaker", person))


def _stated(ctx: Context, name: str, memo: dict[str, str]) -> bool:
    """Whether some source sentence the registry keeps holds `name` (joined once per draft)."""
    if "text" not in memo:
        memo["text"] = source_sentences(ctx)
    return name in memo["text"]


def _replaced(ctx: Context, before: str) -> tuple[str, Entity] | None:
    """(shared words, person) when the title phrase before an unknown name shares an
    organisation or a title with one source person's title, more than with anyone else's:
    中国排球协会主席X where the source's 中国排球协会副主席 is 刘文斌."""
    phrase = re.split(r"[，。；、,;：:“”‘’（）()\s的在和与及是为]", before)[-1]
    if len(phrase) < 2:
        return None
    best: dict[str, tuple[int, str]] = {}
    for p in ctx.registry.distinct_entities("person"):
        if str(p.value) in ctx.doc.norm:
            continue  # the draft names them too: the unknown name stands beside them, not for them
        for role in p.roles:
            if len(role) < 2 or role in SPEECH_VERBS or role in ACTION_VERBS:
                continue
            common = _common(phrase, role)
            if len(common) >= 3 or common.endswith(TITLE_ENDINGS) and phrase.endswith(common):
                if len(common) > best.get(str(p.value), (0, ""))[0]:
                    best[str(p.value)] = (len(common), common)
    if not best:
        return None
    top = max(n for n, _ in best.values())
    winners = [v for v, (n, _) in best.items() if n == top]
    if len(winners) != 1:
        return None
    person = next(p for p in ctx.registry.distinct_entities("person") if str(p.value) == winners[0])
    return best[winners[0]][1], person


def _common(a: str, b: str) -> str:
    """The longest run of characters both strings hold."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def _role_holder(ctx: Context, before: str) -> tuple[str, Entity] | None:
    """(title, person) when the words before a name are a title only one source person holds."""
    holders: dict[str, list[Entity]] = {}
    # only a title `before` ends with counts: the people bearing one (all of their spelling)
    bearing = ctx.registry.people_with_roles(before[i:] for i in range(len(before) - 1))
    for p in distinct(bearing):
        for role in p.roles:
            if len(role) >= 2 and role.endswith(_ONE_HOLDER) and before.endswith(role) \
                    and str(p.value) not in ctx.doc.norm:
                holders.setdefault(role, [])
                if all(q.value != p.value for q in holders[role]):
                    holders[role].append(p)
    best = max(holders, key=len, default=None)
    return (best, holders[best][0]) if best and len(holders[best]) == 1 else None


def _close(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) <= 1


def check_roles(ctx: Context) -> Iterator[Finding]:
    """Errors where the draft gives one source person's title or action to another."""
    text = ctx.doc.norm
    for p in _in_draft(ctx, text):
        name = str(p.value)
        for m in re.finditer(re.escape(name), text):
            before, after = text[max(0, m.start() - 12):m.start()], text[m.end():m.end() + 4]
            titles = [before[i:] for i in range(len(before) - 1)] + [after[:i] for i in range(2, len(after) + 1)]
            found = _misattributed(ctx.registry.people_with_roles(titles), p, before, after)
            if found:
                other, role = found
                yield finding(ctx, ROLE_ID, Severity.ERROR, m.start(), m.end(),
                              f"the source gives “{role}” to {other.value}, not to {name}",
                              expected=str(other.value), source=ctx.registry.claim(other.row),
                              fix=str(other.value))


def _in_draft(ctx: Context, text: str) -> list[Entity]:
    """The source people whose name the draft writes, in registry order: a name of two
    characters or more starts with one of the draft's character pairs, so only those are
    looked up, with the shorter ones, and only those built whose key at 0 (the name) it holds."""
    if not ctx.registry.indexed or len(text) > 2_000:  # every name at hand, or a long draft
        return [p for p in ctx.registry.entities("person") if str(p.value) in text]
    pairs = {text[i:i + 2] for i in range(len(text) - 1)}
    starts = [(pair, 0) for pair in sorted(pairs)] + [("", -1)]
    return [p for p in ctx.registry.people_at(starts, lambda key, pos: pos < 0 or key in text)
            if str(p.value) in text]


def check_quotes(ctx: Context) -> Iterator[Finding]:
    """Errors where the draft puts a source quote in another named person's mouth."""
    text = ctx.doc.norm
    if "“" not in text:
        return
    quotes = ctx.registry.entities("quote")
    people = dict.fromkeys(str(p.value) for p in ctx.registry.entities("person"))
    for m in re.finditer(r"“([^“”]{6,})”", text):
        from rapidfuzz import fuzz  # imported on first quote: most drafts have none

        said = m.group(1)
        q = max(quotes, key=lambda q: fuzz.partial_ratio(said, str(q.value)), default=None)
        if q is None or fuzz.partial_ratio(said, str(q.value)) < 85:
            continue
        lo, hi = _speech_scope(text, m.start(), m.end())
        window = text[lo:hi]
        named = [n for n in people if n in window]
        if q.subject in named or not named:
            continue
        other = min(named, key=lambda n: abs(lo + window.index(n) - m.start()))
        pos = text.index(other, lo)
        yield finding(ctx, QUOTE_ID, Severity.ERROR, pos, pos + len(other),
                      f"the source attributes the quote “{said[:16]}…” to {q.subject}, not to {other}",
                      expected=q.subject, source=ctx.registry.claim(q.row), fix=q.subject)


def _speech_scope(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence a quote stands in: back to the previous sentence end, on to the next one."""
    ends = "。！？!?\n"
    lo = start
    while lo > 0 and text[lo - 1] not in ends:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] not in ends:
        hi += 1
    return lo, hi


def _misattributed(people: list[Entity], p: Entity, before: str, after: str) -> tuple[Entity, str] | None:
    """(other person, role) when the words around p are a role only another person has."""
    mine = set(p.roles)
    for other in people:
        if other.value == p.value:
            continue
        for role in other.roles:
            if len(role) < 2 or role in SPEECH_VERBS or role in mine \
                    or any(role in r or r in role for r in mine):
                continue  # everyone speaks: a speech verb tells no one apart
            if before.endswith(role) or after.startswith(role):
                return other, role
    return None
