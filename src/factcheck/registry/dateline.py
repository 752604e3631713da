"""The article's dateline and byline: 新华社北京10月21日电（记者罗沙）, 中新网5月16日电, （中央社台北29日电）,
新华社里约热内卢8月12日体育专电."""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.registry.referents import DATELINE_END

_OUTLET = r"(?P<outlet>新华社|中新社|中新网|中央社|人民网|新华网|央视网|央广网|中国新闻网|本报|本刊|[\u4e00-\u9fff]{2,5}?(?:社|网|报|台))"
_PLACE = r"(?P<place>[\u4e00-\u9fff]{0,8}?)"
_DAY = r"(?:(?P<year>(?:19|20)\d\d)年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日"
DATELINE = re.compile(_OUTLET + _PLACE + r"[ 　]?" + _DAY + "(?:" + DATELINE_END + "|讯|报道|消息)")
_LOCAL_NEWS = re.compile(r"(?P<outlet>本报)讯")
BYLINE = re.compile(r"(?P<role>记者|通讯员|实习生|撰稿)[ 　:：]*(?P<name>[\u4e00-\u9fff]{2,4}?)(?=[ 　)）、，,]|$|通讯员|实习生)")
_SOURCE_NOTE = re.compile(r"(?:资料来源|新闻资料来源|新闻来源|稿件来源|来源)[ 　]*[:：][ 　]*(?P<outlet>[\u4e00-\u9fff][\u4e00-\u9fff\-－]{1,15})")


@dataclass(frozen=True)
class Dateline:
    """Where a dateline stands and what it says; month and year are 0 when it leaves them out."""

    line: int
    outlet: str
    place: str
    year: int
    month: int
    day: int
    authors: tuple[str, ...]


def find_dateline(lines: list[str], limit: int = 60) -> Dateline | None:
    """The first dateline within the first `limit` lines (normalised text, 1-based line)."""
    for i, text in enumerate(lines[:limit]):
        m = DATELINE.search(text[:80])
        if m and (m.start() < 30):
            return Dateline(i + 1, m.group("outlet"), m.group("place"), int(m.group("year") or 0),
                            int(m.group("month") or 0), int(m.group("day")), _authors(text, m.end()))
        m = _LOCAL_NEWS.search(text[:20])
        if m:
            return Dateline(i + 1, "本报", "", 0, 0, 0, _authors(text, m.end()))
    return None


def _authors(text: str, at: int) -> tuple[str, ...]:
    """Reporters named in the byline right after a dateline."""
    tail = text[at:at + 40]
    m = re.match(r"[ 　]*[（(]([^）)]{2,30})[）)]", tail)
    return authors(m.group(1) if m else tail[:20])


def authors(text: str) -> tuple[str, ...]:
    """The reporters a byline names (记者 王伟 通讯员 陆阳丽 -> 王伟), or its other names when it
    names no reporter."""
    found = [(b.group("role"), b.group("name")) for b in BYLINE.finditer(text)]
    reporters = tuple(n for r, n in found if r == "记者")
    return reporters or tuple(n for _, n in found)


def source_note(lines: list[str]) -> tuple[int, str] | None:
    """(line, outlet) of a “（新闻资料来源：中央社）” or “来源：新华社” line."""
    for i, text in enumerate(lines):
        m = _SOURCE_NOTE.search(text)
        if m and len(text.strip()) <= 60:
            return i + 1, re.split(r"[ 　]", m.group("outlet"))[0]
    return None
