"""A long draft is checked in batches of paragraphs: the findings are those of the whole draft
checked at once. Batches are forced here at every blank line."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.check import checker
from factcheck.text.document import Document
from tests.conftest import registry_from
from tests.rules.test_rule_cases import CASES, parse_case, seed_registry


def both(doc: Document, registry, monkeypatch) -> tuple[list, list]:
    """(findings of the whole draft at once, findings batch by batch)."""
    whole = checker.check(doc, registry)
    with monkeypatch.context() as m:
        m.setattr(checker, "BATCH_ABOVE", 0)
        m.setattr(checker, "BATCH_CHARS", 1)  # a batch ends at every blank line
        assert len(checker._batches(doc, 1)) > 1
        batched = checker.check(doc, registry)
    return whole, batched


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_rule_cases_repeated(path: Path, monkeypatch) -> None:
    """Every rule case's draft, three times over with its lines apart: the same findings."""
    source, draft, _, name, later = parse_case(path)
    registry = seed_registry() if source.strip() == "@seed" else registry_from(source, more=later)
    text = "\n\n".join([draft, draft.replace("\n", "\n\n"), draft]) + "\n"
    whole, batched = both(Document(name, text), registry, monkeypatch)
    assert batched == whole


SWAP_SOURCE = "洪涝灾害已造成1.6万间房屋倒塌，15.1万间不同程度损坏。\n"
SWAP_DRAFT = "房屋：倒塌15.1万间，不同程度损坏1.6万间。\n"


def test_swaps_count_the_whole_drafts_sentences(monkeypatch) -> None:
    """A sentence stated in many batches has its figures counted in the whole draft: 13 times
    two figures is more than a sentence's swaps are looked for in (no swap reported)."""
    registry = registry_from(SWAP_SOURCE)
    once, _ = both(Document("d.txt", SWAP_DRAFT + "\n" + SWAP_DRAFT), registry, monkeypatch)
    assert any("swapped" in f.message for f in once)
    whole, batched = both(Document("d.txt", (SWAP_DRAFT + "\n") * 13), registry, monkeypatch)
    assert not any("swapped" in f.message for f in whole)
    assert batched == whole


def test_names_in_other_batches(monkeypatch) -> None:
    """Rules that ask whether the draft names someone anywhere, or decide a name once where it
    first stands, see the whole draft from every batch."""
    source = ("常州市总工会主席张建国介绍，上海市工商局发布通知。火箭由北方研究院研制，卫星由南方研究所研制。"
              "全国劳模刘云清指导。\n")
    draft = ("上海市政府发布通知。\n\n火箭由东方研究院研制。\n\n总工会主席王小明介绍了经验。\n\n"
             "张建国出席。\n\n北方研究院参与。\n\n全国劳模刘云青指导。\n\n上海市政府结案。\n")
    registry = registry_from(source)
    whole, batched = both(Document("d.txt", draft), registry, monkeypatch)
    assert whole and batched == whole


def test_words_around_a_name_across_a_blank_line(monkeypatch) -> None:
    """Name slots compare the words before a name across a blank line: a batch reads a few
    lines beyond its own."""
    registry = registry_from("项目负责人说，由北方研究院研制。\n")
    draft = "北方研究院参与。\n\n项目负责人说，\n\n由东海航天研究院研制。\n\n北方研究院参与。\n"
    whole, batched = both(Document("d.txt", draft), registry, monkeypatch)
    assert [f.line for f in whole] == [5]
    assert batched == whole


def test_a_name_is_weighed_where_it_first_stands(monkeypatch) -> None:
    """A body standing for another is weighed once, where the draft first names it (the words
    after it there), in whichever batch it stands later."""
    registry = registry_from("上海市第一中级法院结案率较高。广州市第二中级法院收案数增加。\n")
    draft = ("深圳市第三中级法院结案率较高。\n\n会议在北京举行，多位代表发言，气氛热烈，会议取得圆满成功。\n\n"
             "深圳市第三中级法院收案数增加。\n")
    whole, batched = both(Document("d.txt", draft), registry, monkeypatch)
    assert [f.expected for f in whole] == ["上海市第一中级法院"] * 2
    assert batched == whole


def test_nothing_after_the_body_ends(monkeypatch) -> None:
    """A figure after the body's end (责任编辑) is not read, in whichever batch it stands."""
    draft = "累计培育试点企业786家。\n\n责任编辑：王五\n\n累计培育试点企业786家。\n"
    whole, batched = both(Document("d.txt", draft), seed_registry(), monkeypatch)
    assert [f.line for f in whole if f.rule == "figure-mismatch"] == [1]
    assert batched == whole
