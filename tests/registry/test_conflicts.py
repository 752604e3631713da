"""Two sources that give different figures for the same thing: check says so instead of guessing."""

from __future__ import annotations

import inspect
import re

import pytest

from factcheck.check.checker import check
from factcheck.check.agreement import supported_elsewhere
from factcheck.check.conflicting import conflicts, conflicts_of
from factcheck.text.document import Document
from factcheck.registry.extract import extract_claims
from factcheck.registry.model import only
from factcheck.errors import RegistryError
from factcheck.check.rules import RULES, conflicts as rule, figures
from factcheck.check.rules.base import Context
from tests.registry.conftest import sources_registry


def findings(reg, draft: str, rules=None):
    return check(Document("d.txt", draft), reg, rules)


def test_conflicting_pairs(two_sources):
    pairs = {(a.text, b.text, a.source, b.source) for a, b in conflicts(two_sources)}
    assert pairs == {("768家", "820家", "april", "may"), ("13个", "15个", "april", "may"),
                     ("44.8万余人", "47.6万余人", "april", "may")}


def test_whole_and_part_are_not_a_conflict(two_sources):
    part = next(c for c in two_sources.claims if c.text == "63家")
    assert conflicts_of(two_sources, part) == []


def test_agreeing_and_rounded_figures_are_not_conflicts():
    reg = sources_registry(("a", "2023-04-03", "覆盖产业工人44.8万余人，设立培训点20个。"),
                           ("b", "2023-05-26", "覆盖产业工人约45万人，设立培训点20个。"))
    assert conflicts(reg) == []


def test_ignored_claim_ends_a_conflict(two_sources):
    two_sources.claims[:] = [c.with_(status="ignored") if c.text == "768家" else c for c in two_sources.claims]
    assert ("768家", "820家") not in {(a.text, b.text) for a, b in conflicts(two_sources)}


def test_rule_registered():
    assert rule.ID in RULES and RULES[rule.ID][1].severity.label == "info"


@pytest.mark.parametrize("draft,follows,other", [
    ("全市累计培育试点企业820家。", "may (2023-05-26)", "april (2023-04-03) says 768家"),
    ("全市累计培育试点企业768家。", "april (2023-04-03)", "may (2023-05-26) says 820家")])
def test_draft_following_one_source_gets_an_info_naming_the_other(two_sources, draft, follows, other):
    found = findings(two_sources, draft)
    assert [(f.rule, f.severity.label, f.line, f.column) for f in found] == [("source-conflict", "info", 1, 11)]
    (f,) = found
    assert f"the draft follows {follows}" in f.message and other in f.message
    assert f.claim.source == follows.split()[0] and f.claim.date
    assert [(r.source, r.date) for r in f.related] == [(other.split()[0], other.split()[1][1:-1])]


def test_draft_matching_neither_source(two_sources):
    rules = [(f.rule, f.severity.label) for f in findings(two_sources, "全市累计培育试点企业786家。")]
    assert rules == [("figure-mismatch", "error"), ("source-conflict", "info")]


def test_single_source_gets_no_conflict_notes(two_sources):
    reg = only(two_sources, ["april"])
    assert [f.rule for f in findings(reg, "全市累计培育试点企业820家。")] == ["figure-mismatch"]
    assert list(reg.sources) == ["april"] and {c.source for c in reg.claims} == {"april"}


def test_only_unknown_source(two_sources):
    with pytest.raises(RegistryError, match="no source 'june'"):
        only(two_sources, ["june"])


#: The April source names the thing in the draft's words; the May source in its own.
WORDED = (("april", "2023-04-03", "全市累计培育试点企业768家。"),
          ("may", "2023-05-26", "据统计，常州产改试点企业已达820家。"))


def test_supported_elsewhere_finds_the_other_source():
    reg = sources_registry(*WORDED)
    doc = Document("d.txt", "全市累计培育试点企业820家。")
    ctx = Context(doc, extract_claims(doc, with_subjects=False), reg)
    (pair,) = ctx.pairs
    assert pair.claim.source == "april" and figures.contradicted(pair, ctx)
    assert supported_elsewhere(ctx, pair).text == "820家"


@pytest.mark.skipif("supported_elsewhere" not in inspect.getsource(figures),
                    reason="figures.check does not call curate.supported_elsewhere yet")
def test_figure_mismatch_quiet_when_another_source_supports_the_draft():
    found = findings(sources_registry(*WORDED), "全市累计培育试点企业820家。")
    assert [(f.rule, f.severity.label) for f in found] == [("source-conflict", "info")]


def docstring_examples() -> list[tuple[str, list[tuple[str, str]], str]]:
    """(verdict, [(date, source text)], draft) from the rule's 'Flags:/Passes: sources …' lines."""
    out = []
    for verdict, sources, draft in re.findall(r"(Flags|Passes):\s+sources (.+?)\s+draft (\S+)", rule.__doc__):
        out.append((verdict, [tuple(s.split()) for s in sources.split(" | ")], draft))
    return out


@pytest.mark.parametrize("verdict,sources,draft", docstring_examples())
def test_docstring_example(verdict, sources, draft):
    reg = sources_registry(*((f"s{i}", date, text) for i, (date, text) in enumerate(sources)))
    assert (rule.ID in {f.rule for f in findings(reg, draft)}) == (verdict == "Flags")


def test_docstring_examples_exist():
    assert {v for v, *_ in docstring_examples()} == {"Flags", "Passes"}


def many_disagreeing(n: int):
    """n reports, each stating its own count of 试点企业."""
    return sources_registry(*[(f"r{i:02d}", f"2023-05-{i + 1:02d}",
                               f"全市累计培育试点企业{713 + 17 * i}家。") for i in range(n)])


@pytest.mark.parametrize("limit,named", [(None, 10), (3, 3), (0, 11), (50, 11)])
def test_a_note_names_at_most_max_related_sources_and_counts_the_rest(limit, named):
    reg = many_disagreeing(12)
    options = {} if limit is None else {"max_related": limit}
    found = check(Document("d.txt", "全市累计培育试点企业713家。"), reg, None, options)
    (f,) = [f for f in found if f.rule == "source-conflict"]
    assert [r.source for r in f.related] == [f"r{i:02d}" for i in range(1, named + 1)]
    assert f.to_dict()["related_total"] == 11
    assert f.message.count(" says ") == named
    if named < 11:
        assert f.message.endswith(f"and {11 - named} more source(s) say otherwise "
                                  "(--max-related 0 names them all)")
    else:
        assert "more source(s)" not in f.message


def test_max_related_from_the_command_line_and_the_config(run_cli, tmp_path):
    import json as json_
    from factcheck.registry.files import dumps

    folder = tmp_path / "claims"
    folder.mkdir()
    reg = many_disagreeing(5)
    for sid, source in reg.sources.items():
        (folder / f"{sid}.json").write_text(
            dumps(source, [c for c in reg.claims if c.source == sid]), "utf-8")
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业713家。\n", "utf-8")
    base = ["check", str(draft), "--claims", str(folder), "-f", "json"]
    for extra, named in (([], 4), (["--max-related", "2"], 2), (["--max-related", "0"], 4)):
        code, out, _ = run_cli(*base, *extra, cwd=tmp_path)
        (f,) = json_.loads(out)["findings"]
        assert (len(f["related"]), f["related_total"]) == (named, 4), extra
    (tmp_path / ".factcheck.toml").write_text("max-related = 1\n", "utf-8")
    code, out, _ = run_cli(*base, cwd=tmp_path)
    assert len(json_.loads(out)["findings"][0]["related"]) == 1
    code, _, err = run_cli(*base, "--max-related", "-1", cwd=tmp_path)
    assert code == 2 and err.count("\n") == 1 and "max-related" in err
