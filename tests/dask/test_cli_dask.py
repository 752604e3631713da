"""`check --dask`: one-line errors for what cannot work, and findings written as partitions."""

from __future__ import annotations

import sys

import pytest

INSTALL = "pip install 'factcheck[dask]'"


@pytest.mark.parametrize("missing", ["distributed", "dask.bag"])
def test_without_the_extra_dask_is_a_one_line_error_naming_it(run_cli, monkeypatch, tmp_path, missing):
    monkeypatch.setitem(sys.modules, missing, None)  # what an interpreter without Dask raises
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业786家。", "utf-8")
    code, out, err = run_cli("check", str(draft), "--dask", "local")
    assert (code, out, err.count("\n")) == (2, "", 1)
    assert err.startswith("error: ") and INSTALL in err


@pytest.mark.parametrize("args", [
    ("--dask", "scheduler:8786"),  # no scheme: a typo for tcp://…
    ("--dask", ""),
])
def test_a_bad_address_is_a_usage_error(run_cli, tmp_path, args):
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业786家。", "utf-8")
    code, _, err = run_cli("check", str(draft), *args)
    assert (code, err.count("\n")) == (2, 1) and err.startswith("error: --dask takes")


def test_standard_input_cannot_go_to_the_workers(run_cli):
    code, _, err = run_cli("check", "-", "--dask", "local", stdin="全市累计培育试点企业786家。")
    assert (code, err.count("\n")) == (2, 1) and "standard input cannot be used with --dask" in err


def test_no_scheduler_at_the_address_is_a_usage_error(run_cli, tmp_path, monkeypatch):
    import socket

    from factcheck.dask import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业786家。", "utf-8")
    code, _, err = run_cli("check", str(draft), "--dask", f"tcp://127.0.0.1:{port}")
    assert (code, err.count("\n")) == (2, 1) and "cannot reach the Dask scheduler" in err


def test_jsonl_partitions_hold_the_jobs_1_findings(run_cli, cluster, many_drafts, jobs_one_report,
                                                   tmp_path):
    folder = str(many_drafts[0].parent)
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-09999.jsonl").write_text("stale\n", "utf-8")  # an earlier run's, removed
    one = jobs_one_report("jsonl")
    code, stdout, err = run_cli("check", folder, "--dask", cluster.scheduler_address,
                                "--format", "jsonl", "--output", str(out))
    parts = sorted(out.iterdir())
    assert (code, stdout) == (one[0], "") == (1, "")
    assert len(parts) > 2 and all(p.name.startswith("part-0") for p in parts)
    assert "".join(p.read_text("utf-8") for p in parts) == one[1]
    assert f"wrote {one[1].count(chr(10))} finding(s) of 400 draft(s)" in err


def test_jsonl_partitions_report_an_unreadable_draft_and_exit_2(run_cli, cluster, many_drafts, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run_cli("check", *map(str, many_drafts[:30]), str(bad), "--dask",
                           cluster.scheduler_address, "--format", "jsonl", "--output", str(out))
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert code == 2 and errors == [
        f"error: a PNG image is not a text draft, {bad}; give a .txt or .md draft "
        "(save Word or PDF files as plain text first)"]
    assert sum(len(p.read_text("utf-8").splitlines()) for p in out.iterdir()) > 30


def test_partitions_refuse_baseline_diff_and_fix(run_cli, many_drafts, tmp_path):
    code, _, err = run_cli("check", str(many_drafts[0]), "--dask", "local", "--format", "jsonl",
                           "--output", str(tmp_path), "--baseline", str(tmp_path / "b.json"))
    assert (code, err.count("\n")) == (2, 1) and err.startswith("error: --output DIR writes partitions")
