"""The article's own metadata: title, publisher, author and date, as the article states them.

The dateline (新华社北京10月21日电（记者罗沙）) names the outlet, the day and the reporters and
wins over the hosting page's furniture (repost dates, 更新时间 lines, site names, navigation);
the headline is the title line nearest above the article's first paragraph.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from factcheck.registry.dateline import BYLINE, Dateline, authors, find_dateline, source_note
from factcheck.text.document import Document

HEAD_LINES = 40
_FULL_DATE = re.compile(r"((?:19|20)\d\d)[-/年.](\d{1,2})[-/月.](\d{1,2})")
#: Words of page furniture: navigation, sharing, repost stamps.
_FURNITURE = re.compile(r"客户端|下载|扫描|扫一扫|返回|导航|上一[版期篇]|下一[版期篇]|第\d+版|版面|专栏|"
                        r"登录|注册|首页|更新时间|发布时间|作者[:：]|来源[:：]|编辑[:：]|责任编辑|评论|"
                        r"分享|打印|字号|二维码|A-A\+|跳过|当前位置|原标题|点击|\d{1,2}:\d{2}|°C")
_BODY = re.compile(r"[。，,；;]")
_STAMP = re.compile(r"^(?:19|20)\d\d[-/年.]\d{1,2}")
_ORIGINAL_TITLE = re.compile(r"原标题[:：]\s*(.+?)(?:（引题）|\(引题\)|$)")


def detect_metadata(doc: Document) -> dict[str, str]:
    """Title, publisher, author and date read from a news page's text."""
    return detect_with_origins(doc)[0]


def detect_with_origins(doc: Document) -> tuple[dict[str, str], dict[str, str]]:
    """(metadata, where each field was read: "dateline, line 14", "headline, line 7", …)."""
    lines = [doc.norm[doc.line_starts[i]:doc.line_starts[i] + len(doc.line_text(i + 1))]
             for i in range(doc.line_count)]
    meta: dict[str, str] = {}
    origin: dict[str, str] = {}
    dl = find_dateline(lines)
    body = _first_paragraph(lines, dl)
    title = _title(doc, lines, body)
    if title:
        meta["title"], origin["title"] = title[1], f"headline, line {title[0]}"
    if dl is not None and dl.outlet != "本报":
        meta["publisher"], origin["publisher"] = dl.outlet, f"dateline, line {dl.line}"
    else:
        note = source_note(lines)
        if note:
            meta["publisher"], origin["publisher"] = note[1], f"source line, line {note[0]}"
    byline = (dl.line, dl.authors) if dl is not None and dl.authors else _byline(lines, body)
    if byline:
        meta["author"] = "、".join(_original(doc, byline[0], a) for a in byline[1][:1])
        origin["author"] = f"byline, line {byline[0]}"
    when = _date(lines[:max(body or 0, 1) + HEAD_LINES], dl)
    if when:
        meta["date"], origin["date"] = when
    return meta, origin


def _original(doc: Document, line: int, name: str) -> str:
    """A name as the source writes it (its own script), found on its line."""
    text = doc.line_text(line)
    norm = doc.norm[doc.line_starts[line - 1]:doc.line_starts[line - 1] + len(text)]
    i = norm.find(name)
    return text[i:i + len(name)] if i >= 0 else name


def _byline(lines: list[str], body: int | None) -> tuple[int, tuple[str, ...]] | None:
    """(line, names) of a byline line above or at the first paragraph (工人日报记者 王伟)."""
    for i, text in enumerate(lines[:(body or HEAD_LINES)]):
        if BYLINE.search(text) and (len(text.strip()) <= 40 or i + 1 == body):
            names = authors(text)
            if names:
                return i + 1, names
    return None


def _first_paragraph(lines: list[str], dl: Dateline | None) -> int | None:
    """1-based line of the article's first paragraph: the dateline's, or the first long sentence."""
    if dl is not None:
        return dl.line
    for i, text in enumerate(lines[:HEAD_LINES]):
        t = text.strip()
        if (len(t) >= 30 and _BODY.search(t) or t.endswith(("。", "！", "？"))) and not _skipped(t):
            return i + 1
    return None


def _skipped(text: str) -> bool:
    """Page furniture, a byline or a date stamp: lines a headline search steps over."""
    t = text.strip()
    return bool(_FURNITURE.search(t) or _STAMP.match(t) or BYLINE.search(t) and len(t) <= 40
                or t.startswith("【"))


def _headline_like(text: str) -> bool:
    t = text.strip()
    return 4 <= len(t) <= 64 and not _skipped(t) and not t.endswith(("。", "；")) \
        and len(_BODY.findall(t)) <= 1 and bool(re.search(r"[\u4e00-\u9fff]", t))


def _title(doc: Document, lines: list[str], body: int | None) -> tuple[int, str] | None:
    """(line, title): the headline nearest above the first paragraph, with a kicker line above it."""
    for k, text in enumerate(lines[:HEAD_LINES]):
        m = _ORIGINAL_TITLE.search(text)
        if m and m.group(1).strip():  # a repost's 原标题 line names the article's own headline
            i = text.index(m.group(1))
            return k + 1, doc.line_text(k + 1)[i:i + len(m.group(1))].strip()
    if not body:
        return None
    i = body - 2
    while i >= 0 and (not lines[i].strip() or _skipped(lines[i])):
        i -= 1
    if i < 0 or not _headline_like(lines[i]):
        return None
    parts = [i]
    if i > 0 and lines[i - 1].strip() and _headline_like(lines[i - 1]):
        parts.insert(0, i - 1)  # 应急管理部: / 洪涝灾害已致… — a kicker or a two-line headline
    texts = [doc.line_text(k + 1).strip() for k in parts]
    title = texts[0]
    for t in texts[1:]:
        title += t if title.endswith((":", "：")) else " " + t
    return parts[0] + 1, title


def _date(head: list[str], dl: Dateline | None) -> tuple[str, str] | None:
    """(ISO date, where): the dateline's day, its month and year taken from the page when it
    leaves them out; the page's own date only when there is no dateline."""
    stamps = [(i + 1, date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
              for i, text in enumerate(head) for m in _FULL_DATE.finditer(text) if _valid(m)]
    if dl is None:
        return (stamps[0][1].isoformat(), f"page date, line {stamps[0][0]}") if stamps else None
    if dl.year and dl.month:
        return date(dl.year, dl.month, dl.day).isoformat(), f"dateline, line {dl.line}"
    for line, stamp in stamps:
        # A page posts the story on its day or a few days after; the dateline's day comes first.
        for back in range(0, 8):
            d = stamp - timedelta(days=back)
            if d.day == dl.day and (not dl.month or d.month == dl.month):
                return d.isoformat(), f"dateline, line {dl.line}; year from line {line}"
    return None


def _valid(m: re.Match) -> bool:
    try:
        date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True
