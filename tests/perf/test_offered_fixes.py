"""Offered fixes (check/fix.unsafe_offers) are rechecked with their sentence, not their line."""

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


def test_a_fix_is_rechecked_with_its_sentence_only_and_fixed_only():
    filler = "职工技能培训惠及职工15万人次。"
    line = filler * 3 + "全市累计培育试点企业786家。" + filler
    unsafe, seen, found = _offers(line + "\n")
    assert not unsafe and [f.fix for f in found if f.fix] == ["768家"]
    # the line as it is is the draft's own findings: not checked again, nor the other sentences
    assert [d.text for d in seen] == ["全市累计培育试点企业768家。"]


def test_a_quote_is_rechecked_with_the_sentence_naming_its_speaker():
    line = "职工技能培训惠及职工15万人次。" + QUOTE + "全市累计培育试点企业786家。"
    unsafe, seen, found = _offers(line + "\n")
    speaker = [f for f in found if f.text == "杨杰" and f.fix]
    assert speaker and set(speaker) == unsafe
    assert QUOTE.replace("杨杰", "戎建刚") in seen[0].text.split("\n\n")


def test_on_a_long_line_a_fix_that_makes_a_new_error_is_still_not_offered():
    filler = "职工技能培训惠及职工15万人次。" * 80  # past LONG_LINE
    for line in (QUOTE + "全市累计培育试点企业786家。", filler + QUOTE + filler):
        unsafe, _, found = _offers(line + "\n")
        speaker = [f for f in found if f.text == "杨杰" and f.fix]
        assert speaker and set(speaker) <= unsafe  # 毕业生戎建刚 would be a role-mismatch


def _traditional_loop(doc: Document) -> dict[str, str]:
    """What `fix._traditional` gives, character by character."""
    out: dict[str, str] = {}
    for simple, written in zip(doc.norm, doc.text):
        if simple != written and "\u3400" <= written <= "\u9fff":
            out.setdefault(simple, written)
    return out


def test_the_drafts_script_is_each_characters_first_traditional_form():
    import random

    rng = random.Random(18)
    simple = "头发展干净部后面皇万个７８6家，。\n" * 8
    for dense in (0.01, 0.2, 0.9):  # 发 and 干 have two traditional forms each
        for _ in range(60):
            text = "".join(rng.choice("髮發乾幹萬個後") if rng.random() < dense
                           else rng.choice(simple) for _ in range(rng.randint(0, 400)))
            doc = Document("d.md", text)
            assert fix._traditional(doc) == _traditional_loop(doc)
    assert fix._traditional(Document("d.md", "头" * 63 + "發展頭髮"))["发"] == "發"
    assert fix._traditional(Document("d.md", "头" * 70 + "髮" + "头" * 70 + "發"))["发"] == "髮"
