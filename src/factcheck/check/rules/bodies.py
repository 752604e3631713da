"""unknown-organisation: a body the source never names, of a kind the source names (a team where
the source's teams play, an exchange, a ministry), nor one the draft's name may stand for (a
short form, a slip, a body of the same kind in its place: those are name-mismatch's).

The name is what stands before the ending back to a verb or a function word: 战胜北京队 names
北京队, 未经韩国政府同意 names 韩国政府; a name whose start is in doubt (longer than 14 characters,
after a figure, under a deputy's title) is left alone.

Flags:   source 辽宁队和青岛队都已晋级。 draft 北京队已经晋级。
Passes:  source 辽宁队和青岛队都已晋级。 draft 辽宁队已经晋级。
Passes:  source 中天钢铁集团发布调薪计划 draft 中天钢钛集团发布调薪计划
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.check.findings import Finding, Severity
from factcheck.check.rules import substitutions
from factcheck.check.rules.base import Context, finding
from factcheck.registry.orgs import COMMON_WORDS, GENERIC_STEMS, SHORT_SUFFIXES
from factcheck.lazyre import lazy

ID = "unknown-organisation"
SEVERITY = Severity.WARNING
SUMMARY = "An organisation the source does not name"
#: Words a body's name follows: verbs of playing, meeting and consent, prepositions (those of
#: one character that start no name split the text already: `_FUNCTION`; 日本 keeps its 日).
_BEFORE_A_NAME = lazy("(?:战胜|击败|击溃|负于|输给|不敌|逼平|战平|对阵|迎战|挑战|作客|做客|客场|主场|坐镇|东道主|"
                      "未经|经过|通过|根据|来自|前往|访问|会见|联合|会同|代表|加盟|加入|转会|本轮|此前|"
                      "今天|昨天|目前|日前|近日|随后|同时|其中|包括|以及|对于|关于|按照|依据|面对|占用|"
                      "却|未能|经)")
#: Words a one-character ending starts (部分, 局面, 队伍): no body's name ends there.
_NOT_AN_END = {"部": "分门署件位", "局": "面势", "委": "托屈婉", "办": "法理公事", "队": "伍列形", "厅": "堂"}
#: Where rather than who (内地法院, 境外银行), or a team named by what it is (接力队, 梦之队).
_NOT_A_NAME = frozenset("内地 內地 境内 境外 海外 国外 国内 外地 外国 各国 省内 市内 区内 县内 接力 梦之 国家 "
                        "各支 两支 这支 那支 该支".split())
#: Characters looked back from an ending for the name's start, and the longest name kept.
_LOOK_BACK, _LONGEST = 18, 14
_FUNCTION = lazy(r"[^\u4e00-\u9fff]|[" + substitutions.FUNCTION_WORDS + "]")


def check(ctx: Context) -> Iterator[Finding]:
    """Warnings for bodies the source never names, of the kinds it names."""
    orgs = ctx.registry.distinct_entities("organisation")
    kinds, endings = substitutions.body_kinds(orgs)
    if not endings:
        return
    values = [str(e.value) for e in orgs]
    text = ctx.doc.norm
    for short, start, ending in substitutions.named_bodies(ctx, endings):
        end = start + len(short)
        after = text[end:end + 1]
        if after and after in _NOT_AN_END.get(short[-ending:], ""):
            continue
        if substitutions.unplaced(ctx, short, start, ending, orgs, kinds) is not None:
            continue  # the source's body, or another the draft puts in its place (name-mismatch)
        name = _named(text, end, ending)
        if name and not any(_slip(name, v) for v in values):
            yield finding(ctx, ID, SEVERITY, end - len(name), end,
                          f"the source names no organisation {ctx.doc.text[end - len(name):end]}")


def _named(text: str, end: int, ending: int) -> str:
    """The body's name ending at `end`: back to a function word, then after the last verb or
    preposition before a name; "" when its start is in doubt or it names no one body."""
    window = text[max(0, end - _LOOK_BACK):end - ending]
    stem = _FUNCTION.split(window)[-1]
    if len(stem) == len(window) and end - _LOOK_BACK > 0:
        return ""  # no start within reach
    cut = max((m.end() for m in _BEFORE_A_NAME.finditer(stem)), default=0)
    if not cut and text[end - ending - len(stem) - 1:end - ending - len(stem)].isdigit():
        return ""  # a count or a date before it (2014年间大学)
    stem = stem[cut:]
    name = stem + text[end - ending:end]
    return "" if len(stem) < 2 or len(name) > _LONGEST or not _a_name(stem, name) else name


def _a_name(stem: str, name: str) -> bool:
    """Whether the words before the ending name one body: not a deputy's title (副外交部长), a
    body and its own title (工作局局长), a generic or a place word, nor an everyday word."""
    return "副" not in stem and stem[-1] not in SHORT_SUFFIXES and stem not in GENERIC_STEMS \
        and stem[:2] not in GENERIC_STEMS and stem[:2] not in _NOT_A_NAME \
        and not any(name.endswith(w) for w in COMMON_WORDS if len(w) > 1)


def _slip(name: str, value: str) -> bool:
    """Whether the draft's name is a slip of the source's (one character off), or part of it:
    the spelling rules' business, not a name the source never gives."""
    return name in value or value in name or _one_edit(name, value)


def _one_edit(a: str, b: str) -> bool:
    """Whether one character changed, dropped or added turns `a` into `b`."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]
