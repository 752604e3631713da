"""Re-running extract on the same source keeps ids and human edits, and says what changed."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.registry.claim import Claim
from factcheck.registry.curate import merge
from factcheck.registry.store import load
from tests.registry.conftest import claim_by_text, read_registry

ARTICLE = "全市累计培育试点企业768家、特色产业园区13个，覆盖产业工人44.8万余人。\n\n" \
          "设立校外教学点10个，培训点20个。\n"


def extract(run_cli, tmp_path: Path, text: str, *extra: str) -> tuple[Path, str]:
    art = tmp_path / "source.txt"
    art.write_text(text, "utf-8")
    out = tmp_path / "claims" / "source.json"
    code, _, err = run_cli("extract", str(art), "--output", str(out), "--date", "2023-04-03", *extra)
    assert code == 0, err
    return out, err


def test_ignored_status_survives_reextraction(run_cli, tmp_path):
    out, _ = extract(run_cli, tmp_path, ARTICLE)
    code, _, err = run_cli("claims", "set", "number:培训点:20个", "--claims", str(out),
                           "--status", "ignored", "--note", "counted twice in the source")
    assert code == 0 and "updated number:培训点:20个" in err
    # the article gains a sentence above; the ignored claim's words and sentence are unchanged
    out, err = extract(run_cli, tmp_path, "常州产改持续推进，新增试点企业50家。\n\n" + ARTICLE)
    c = claim_by_text(out, "20个")
    assert (c["id"], c["status"], c["note"], c["line"]) == (
        "number:培训点:20个", "ignored", "counted twice in the source", 5)
    assert "kept 5 claims (1 with human edits)" in err and "added 1" in err and "removed 0" in err
    assert "+ number:试点企业:50家" in err
    reg = load([out])
    assert "number:培训点:20个" not in {c.id for c in reg.of_kind("number")}


def test_hand_edited_subject_survives(run_cli, tmp_path):
    out, _ = extract(run_cli, tmp_path, ARTICLE)
    run_cli("claims", "set", "number:产业工人:44.8万余人", "--claims", str(out), "--subject", "覆盖产业工人")
    out, err = extract(run_cli, tmp_path, ARTICLE)
    assert claim_by_text(out, "44.8万余人")["subject"] == "覆盖产业工人"
    assert "1 with human edits" in err


def test_removed_and_reworded_claims_are_reported(run_cli, tmp_path):
    out, _ = extract(run_cli, tmp_path, ARTICLE)
    run_cli("claims", "set", "number:特色产业园区:13个", "--claims", str(out), "--status", "verified")
    changed = ARTICLE.replace("试点企业768家、", "试点企业820家、").replace("设立校外教学点10个，", "")
    out, err = extract(run_cli, tmp_path, changed)
    assert "+ number:试点企业:820家" in err and "- number:试点企业:768家" in err
    assert "- number:校外教学点:10个" in err
    # same words in an edited sentence: the id stays, the human decision is dropped and reported
    assert "~ number:特色产业园区:13个" in err and "dropped its status verified" in err
    c = claim_by_text(out, "13个")
    assert (c["id"], c["status"]) == ("number:特色产业园区:13个", "auto")


def test_fresh_drops_edits(run_cli, tmp_path):
    out, _ = extract(run_cli, tmp_path, ARTICLE)
    run_cli("claims", "set", "number:培训点:20个", "--claims", str(out), "--status", "ignored")
    out, err = extract(run_cli, tmp_path, ARTICLE, "--fresh")
    assert claim_by_text(out, "20个")["status"] == "auto" and "kept" not in err


def test_hand_edited_metadata_survives_options_win(run_cli, tmp_path):
    out, _ = extract(run_cli, tmp_path, ARTICLE)
    data = read_registry(out)
    data["source"]["url"] = "https://example.org/april"
    out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    out, _ = extract(run_cli, tmp_path, ARTICLE, "--title", "新标题")
    src = read_registry(out)["source"]
    assert (src["url"], src["title"], src["date"]) == ("https://example.org/april", "新标题", "2023-04-03")


def test_broken_registry_is_not_overwritten(run_cli, tmp_path):
    out, _ = extract(run_cli, tmp_path, ARTICLE)
    out.write_text("{not json", "utf-8")
    code, _, err = run_cli("extract", str(tmp_path / "source.txt"), "--output", str(out))
    assert code == 2 and "--fresh" in err and out.read_text("utf-8") == "{not json"


def _claim(text: str, sentence: str, cid: str, start: int, **kw) -> Claim:
    return Claim(kind="number", text=text, start=start, end=start + len(text), line=1, column=start + 1,
                 end_column=start + 1 + len(text), sentence=sentence, id=cid, **kw)


def test_merge_keeps_ids_and_avoids_taken_ones():
    old = [_claim("10个", "甲10个", "number:x:10个", 1, status="ignored", note="n"),
           _claim("10个", "乙10个", "number:x:10个#2", 9)]
    new = [_claim("10个", "乙10个", "number:x:10个", 9), _claim("10个", "丙10个", "number:x:10个#2", 20),
           _claim("10个", "甲10个", "number:x:10个#3", 1)]
    m = merge(old, new)
    assert [(c.sentence, c.id, c.status) for c in m.claims] == [
        ("甲10个", "number:x:10个", "ignored"), ("乙10个", "number:x:10个#2", "auto"),
        ("丙10个", "number:x:10个#3", "auto")]
    assert len({c.id for c in m.claims}) == 3 and m.removed == [] and m.edited == 1
