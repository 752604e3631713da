"""Checking on a LocalCluster of two processes gives what `--jobs 1` gives, even when a worker dies."""

from __future__ import annotations

import importlib.util
import os
import signal

import pytest

from factcheck.cli.config import Config
from factcheck.dask import Settings, check_bag, check_paths, checked
from factcheck.dask.work import DraftError
from factcheck.registry.store import load

if importlib.util.find_spec("distributed") is None:  # imported by the tests, not to collect them
    pytest.skip("needs distributed (factcheck[dask])", allow_module_level=True)


def _plain(finding: dict) -> dict:
    """A finding without its offered fix (reports restyle it; the API does not)."""
    return {k: v for k, v in finding.items() if k != "fix"}


def cli_settings() -> Settings:
    """The settings `factcheck check` runs with when nothing is configured."""
    c = Config()
    return Settings(tuple(c.rules()), c.options(), c.ignore, c.encoding, c.max_bytes)


def test_400_drafts_on_two_workers_match_jobs_1(client, many_drafts, jobs_one):
    expected = jobs_one
    assert len(many_drafts) == 400 and len(client.scheduler_info()["workers"]) == 2
    results = check_paths(many_drafts, load(), client, cli_settings())
    assert results.errors == []
    # the API gives the source's words as a fix; the report restyles it for the draft
    assert [_plain(f.to_dict()) for f in results.findings] == [_plain(f) for f in expected]
    assert len({f["path"] for f in expected}) > 300


def test_cli_dask_report_is_byte_identical_to_jobs_1(run_cli, cluster, many_drafts, jobs_one_report):
    folder = str(many_drafts[0].parent)
    for fmt in ("json", "plain"):
        one = jobs_one_report(fmt)
        on_dask = run_cli("check", folder, "--dask", cluster.scheduler_address, "--format", fmt)
        assert (on_dask[0], on_dask[1]) == (one[0], one[1]) == (1, one[1]), fmt


def test_check_bag_gives_findings_and_an_undecodable_draft_as_an_error(client, many_drafts):
    import dask.bag as db

    from factcheck.check.findings import sort_findings
    from factcheck.dask import work

    reg = load()
    items = [(str(p), p.read_bytes()) for p in many_drafts[:40]] + [("bad.txt", b"\x89PNG\r\n")]
    out = check_bag(db.from_sequence(items, npartitions=4), reg, cli_settings()).compute()
    errors = [x for x in out if isinstance(x, DraftError)]
    found = sort_findings([x for x in out if not isinstance(x, DraftError)])
    local = sort_findings([f for p, data in items[:-1]
                           for f in work.texts([(p, data)], reg, cli_settings())])
    assert [(e.path, e.error.split(",")[0]) for e in errors] == [
        ("bad.txt", "error: a PNG image is not a text draft")]
    assert found == local and len(found) > 40


def test_an_unreadable_draft_is_one_error_line_and_the_rest_is_checked(client, many_drafts, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.7 \x00\x01")
    paths = [*many_drafts[:20], bad, tmp_path / "missing.txt", *many_drafts[20:40]]
    results = check_paths(paths, load(), client, cli_settings())
    whole = check_paths(many_drafts[:40], load(), client, cli_settings())
    assert [e.split(",")[0] for e in results.errors] == [
        "error: a PDF document is not a text draft", "error: no such file"]
    assert results.findings == whole.findings


def test_registry_files_are_loaded_on_each_worker_with_the_same_findings(client, many_drafts):
    from factcheck.dask import RegistryFiles
    from factcheck.registry.files import default_claims_dir

    sent = check_paths(many_drafts[:60], load(), client, cli_settings())
    loaded = check_paths(many_drafts[:60], RegistryFiles((str(default_claims_dir()),)), client,
                         cli_settings())
    assert loaded == sent and len(sent.findings) > 60


def test_check_bag_runs_on_dasks_local_scheduler_without_a_cluster(many_drafts):
    import dask.bag as db

    from factcheck.dask import work

    items = [(str(p), p.read_text("utf-8", errors="replace")) for p in many_drafts[:12]]
    got = check_bag(db.from_sequence(items, npartitions=3), load()).compute(scheduler="sync")
    assert got == [f for item in items for f in work.texts([item], load(), Settings())]
    assert len(got) > 12


def test_a_worker_killed_mid_run_still_gives_the_full_report(client, many_drafts, jobs_one):
    """Last of the file: it kills one of the shared cluster's workers (its nanny starts another)."""
    results = checked(many_drafts, load(), client, cli_settings())
    got = [next(results)]  # the first partition is back; the rest are running or queued
    busy = {w: keys for w, keys in client.processing().items() if keys}
    assert busy, "nothing left running to interrupt"
    victim = sorted(busy)[0]
    os.kill(client.run(os.getpid)[victim], signal.SIGKILL)
    got += list(results)
    assert victim not in client.scheduler_info()["workers"]  # it died; a new one took over
    assert [d.path if d else None for d, _ in got] == [str(p) for p in many_drafts]
    assert [_plain(f.to_dict()) for _, found in got for f in found] == [_plain(f) for f in jobs_one]
