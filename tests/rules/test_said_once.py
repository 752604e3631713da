"""What an error or a place slip says is worked out once for the figures alike but for their
sentence (`memos.PAIR_FREE`), and every such figure's finding says it at its own place."""

from __future__ import annotations

from factcheck.api import load_registry
from factcheck.check.checker import check
from factcheck.check.rules import figures
from factcheck.text.document import Document
from tests.conftest import registry_from


def test_an_error_alike_but_for_its_sentence_is_worded_once(monkeypatch) -> None:
    calls = []
    real = figures._error
    monkeypatch.setattr(figures, "_error", lambda ctx, p: calls.append(p.draft.text) or real(ctx, p))
    found = check(Document("d.txt", "全市累计培育试点企业786家，特色产业园区13个。\n"
                                    "全市累计培育试点企业786家，特色产业园区15个。\n"), load_registry())
    errors = [f for f in found if f.text == "786家"]
    assert [(f.line, f.column) for f in errors] == [(1, 11), (2, 11)]
    assert errors[0].message == errors[1].message and errors[0].fix == errors[1].fix == "768家"
    assert calls.count("786家") == 1


def test_a_place_slip_alike_but_for_its_sentence_is_read_once(monkeypatch) -> None:
    registry = registry_from("今年1至9月，全国法院结案率为68.17%。各省法院中，上海法院结案率为84.06%，为全国最高。")
    calls = []
    real = figures._slipped
    monkeypatch.setattr(figures, "_slipped", lambda p, same: calls.append(p.draft.text) or real(p, same))
    found = check(Document("d.txt", "北京结案率84.06%，全国最高。\n北京结案率84.06%，居全国首位。\n"), registry)
    slips = [f for f in found if f.message.startswith("place differs")]
    assert [(f.line, f.column, f.text) for f in slips] == [(1, 1, "北京"), (2, 1, "北京")]
    assert calls == ["84.06%"]
