"""Safe in every pipeline: no input lost, nothing leaked, nothing hung (issue 17's attacks)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from factcheck.report.escape import printable

from .conftest import FIXTURES, assert_one_error_line, snapshot

DRAFT = (FIXTURES / "summary.md").read_text("utf-8")
#: Control sequences a hostile draft may carry: clear screen, a fake summary, a bidi override.
HOSTILE = "《\x1b[2J\x1b[H0 finding(s)榜样》\u202e试点企业786家。\r伪造\n"
#: What must never reach a human-readable output raw.
RAW = ("\x1b", "\u202e", "\r")


def _draft(folder: Path, name: str = "d.md", extra: str = "") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DRAFT + extra, "utf-8")
    return path


# --- data loss ------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("{d}", "-o", "{d}"),
    (".", "-o", "{d}"),
    ("{d}", "--write-baseline", "{d}"),
    ("{d}", "-o", "{link}"),
    ("{d}", "-o", "{hard}"),
])
def test_output_never_names_an_input(cli, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    draft = _draft(tmp_path)
    os.symlink(draft, tmp_path / "link.md")
    os.link(draft, tmp_path / "hard.md")
    before = snapshot(tmp_path)
    code, out, err = cli("check", *(a.format(d=draft.name, link="link.md", hard="hard.md")
                                    for a in args))
    assert (code, out) == (2, "")
    assert_one_error_line(err, "names an input")
    assert snapshot(tmp_path) == before


def test_output_never_names_a_registry_file(cli, tmp_path):
    from factcheck.registry.files import default_claims_dir

    registry = next(default_claims_dir().glob("*.json"))
    reg = tmp_path / "r.json"
    reg.write_bytes(registry.read_bytes())
    draft = _draft(tmp_path)
    code, out, err = cli("check", draft, "--claims", reg, "-o", reg)
    assert code == 2
    assert_one_error_line(err, "registry file")
    assert reg.read_bytes() == registry.read_bytes()


# --- security: escapes ----------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["plain", "text"])
def test_control_characters_never_reach_the_terminal(cli, tmp_path, monkeypatch, fmt):
    monkeypatch.delenv("NO_COLOR", raising=False)
    draft = _draft(tmp_path, extra=HOSTILE)
    code, out, err = cli("check", draft, "--format", fmt)
    assert code == 1
    assert not any(ch in out + err for ch in RAW if fmt == "plain" or ch != "\x1b")
    if fmt == "text":  # colour codes are ours; the draft's are shown as text
        assert "\\x1b[2J" in out and "\x1b[2J" not in out
    assert "\\x1b[2J" in out and ("\\u202e" in out or fmt == "plain")  # plain shows no context
    assert out.count("finding(s) in") == 1


def test_stderr_and_claims_outputs_escape_controls(cli, tmp_path):
    bad = tmp_path / "a\x1b[2Jb.md"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    code, out, err = cli("check", bad)
    assert code == 2 and "\x1b" not in err and "\\x1b[2J" in err
    art = tmp_path / "art.txt"
    art.write_text("精心打造了全国劳模《\x1b[2J榜样的力量》宣传阵地。\n" + "全市开展宣讲活动200多场。\n" * 20,
                   "utf-8")
    reg = tmp_path / "art.json"
    code, out, err = cli("extract", art, "-o", reg)
    assert code == 0 and "\x1b" not in err
    for args in (("claims", "list"), ("claims", "show", "law:\x1b[2J榜样的力量")):
        code, out, err = cli(*args, "--claims", reg)
        assert code == 0, err
        assert "\x1b[2J" not in out and "\\x1b[2J" in out


def test_rich_report_escapes_controls_between_its_colours(monkeypatch):
    from factcheck.check.findings import Finding, Severity
    from factcheck.report import Report
    from factcheck.report.text import render_text

    text = "《\x1b[2J榜样》\u202e试点企业786家。"
    f = Finding("d\x1b]0;x\x07.md", 1, 14, 1, 18, Severity.ERROR, "figure-mismatch", "786家",
                "the draft says 786\x1b[H家")
    out = render_text(Report([f], ["d.md"], texts={f.path: text}), color=True)
    assert "\x1b[2J" not in out and "\x1b]0" not in out and "\u202e" not in out
    assert all(s in out for s in ("\\x1b[2J", "\\x1b]0;x\\x07", "\\u202e", "786\\x1b[H家"))


@pytest.mark.parametrize("text, shown", [
    ("a\x1b[2Jb", "a\\x1b[2Jb"), ("line\nfake", "line\\x0afake"), ("x\ry", "x\\x0dy"),
    ("\u202egnp.exe", "\\u202egnp.exe"), ("tab\tok", "tab\tok"), ("中文７８６家", "中文７８６家"),
    (b"\xd6\xd0.md".decode("utf-8", "surrogateescape"), "\\xd6\\xd0.md"), ("\x9b2J", "\\x9b2J"),
])
def test_printable(text, shown):
    assert printable(text) == shown


# --- security: folders ----------------------------------------------------------------------

def test_links_out_of_a_folder_are_skipped_but_named_ones_read(cli, tmp_path):
    secret = tmp_path / "config"
    secret.write_text("token = ghp_SECRET试点企业786家\n", "utf-8")
    drafts = tmp_path / "drafts"
    _draft(drafts)
    os.symlink("../config", drafts / "notes.txt")
    code, out, err = cli("check", drafts, "--format", "html")
    assert "ghp_SECRET" not in out
    assert err.count("outside") == 1 and "notes.txt" in err
    code, out, err = cli("check", drafts / "notes.txt", "--format", "json")
    assert json.loads(out)["summary"]["files"] == 1


def test_links_inside_the_folder_are_followed(cli, tmp_path):
    drafts = tmp_path / "drafts"
    _draft(drafts, "real/a.md")
    os.symlink("real/a.md", drafts / "b.md")
    code, out, err = cli("check", drafts, "--format", "json")
    assert json.loads(out)["summary"]["files"] == 2 and "outside" not in err


def test_a_fifo_in_a_folder_is_skipped(cli, tmp_path):
    import signal

    def hung(*_):
        raise TimeoutError("reading a FIFO hangs")

    signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    drafts = tmp_path / "drafts"
    _draft(drafts)
    os.mkfifo(drafts / "pipe.md")
    code, out, err = cli("check", drafts, "--format", "json")
    assert code == 1
    signal.alarm(0)
    assert json.loads(out)["summary"]["files"] == 1 and "pipe.md" in err


# --- CI: exclude ----------------------------------------------------------------------------

@pytest.mark.parametrize("config", [".factcheck.toml", "pyproject.toml"])
def test_config_exclude_is_relative_to_the_config_file(cli, tmp_path, monkeypatch, config):
    table = "" if config == ".factcheck.toml" else "[tool.factcheck]\n"
    (tmp_path / config).write_text(table + 'exclude = ["drafts/archive/**"]\n', "utf-8")
    _draft(tmp_path, "drafts/new.md")
    _draft(tmp_path, "drafts/archive/old.md")
    for cwd, args in ((tmp_path, ["drafts"]), (tmp_path, ["drafts/new.md", "drafts/archive/old.md"]),
                      (tmp_path / "drafts", ["."]), (tmp_path / "drafts", ["archive/old.md", "new.md"])):
        monkeypatch.chdir(cwd)
        code, out, err = cli("check", *args, "--format", "json")
        files = {f["path"].replace(os.sep, "/").rsplit("/", 1)[-1] for f in json.loads(out)["findings"]}
        assert files == {"new.md"}, (cwd, args)
