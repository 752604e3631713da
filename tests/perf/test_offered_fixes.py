"""Offered fixes (check/fix.unsafe_offers) are rechecked in pieces that do not grow with a line."""

from __future__ import annotations

from factcheck.api import load_registry
from factcheck.check import fix
from factcheck.check.checker import check
from factcheck.text.document import Document

#: The built-in source's 768家 stated wrongly, many times on one line.
WRONG = "全市累计培育试点企业786家，"
QUOTE = "“我愿意发挥好劳模带头作用,带动更多人立足岗位、善作善成。”毕业生杨杰说。"


def _offers(text: str) -> tuple[set, list[Document], list]:
    """(unsafe fixes, the documents rechecked, the draft's findings) for one draft."""
    reg = load_registry(None)
    doc = Document("d.md", text)
    found = check(doc, reg)
    seen: list[Document] = []

    def recheck(d: Document) -> list:
        seen.append(d)
        return check(d, reg)

    return fix.unsafe_offers(doc, found, recheck), seen, found


def test_a_long_line_is_rechecked_around_each_fix_not_whole():
    line = WRONG * 120  # 120 fixes on a 1,680-character line: whole, 400,000 characters
    unsafe, seen, found = _offers(line + "\n")
    assert sum(f.fix is not None for f in found) == 120 and not unsafe
    paragraphs = [p for d in seen for p in d.text.split("\n\n")]
    assert max(map(len, paragraphs)) <= 600  # the fix and the sentences around it


def test_a_short_line_is_rechecked_whole_and_once_as_it_is():
    line = WRONG * 3 + QUOTE
    _, seen, _ = _offers(line + "\n")
    assert seen[0].text == line  # three fixes, one line as it is


def test_on_a_long_line_a_fix_that_makes_a_new_error_is_still_not_offered():
    filler = "职工技能培训惠及职工15万人次。" * 80  # past LONG_LINE
    for line in (QUOTE + "全市累计培育试点企业786家。", filler + QUOTE + filler):
        unsafe, _, found = _offers(line + "\n")
        speaker = [f for f in found if f.text == "杨杰" and f.fix]
        assert speaker and set(speaker) <= unsafe  # 毕业生戎建刚 would be a role-mismatch
