"""Safe in every pipeline: no input lost, nothing leaked, nothing hung (issue 17's attacks)."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace
from pathlib import Path

import pytest

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
    from factcheck.report.escape import printable

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


# --- crashes and hangs: reading ---------------------------------------------------------------

@pytest.mark.parametrize("limit", ["100000000000", "9223372036854775807", "99999999999999999999"])
def test_a_huge_byte_limit_is_a_limit_not_an_allocation(cli, tmp_path, limit):
    draft = _draft(tmp_path)
    code, out, err = cli("check", draft, "--max-bytes", limit, "--format", "json")
    assert (code, err) == (1, "") and json.loads(out)["summary"]["files"] == 1


def test_the_byte_limit_still_refuses_a_bigger_draft(cli, tmp_path):
    draft = _draft(tmp_path)
    code, out, err = cli("check", draft, "--max-bytes", "100")
    assert code == 2
    assert_one_error_line(err, "over the limit of 100 bytes")


def _random_utf16(seed: int, units: int) -> bytes:
    import random
    import struct

    rng = random.Random(seed)
    codes = [c for c in (rng.randrange(0x20, 0x10000) for _ in range(units * 2))
             if not 0xD800 <= c <= 0xDFFF][:units]  # valid UTF-16: no lone surrogates
    return b"\xff\xfe" + struct.pack(f"<{len(codes)}H", *codes)


@pytest.mark.parametrize("seed", range(6))
def test_random_bytes_behind_a_utf16_bom_are_not_text(cli, tmp_path, seed):
    path = tmp_path / "noise.txt"
    path.write_bytes(_random_utf16(seed, 400))
    code, out, err = cli("check", path)
    assert code == 2
    assert_one_error_line(err, "not a text draft", "noise.txt")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_real_text_behind_a_bom_is_still_read(cli, tmp_path, codec):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}
    path = tmp_path / "draft.txt"
    path.write_bytes(bom[codec] + (DRAFT + "한국어 English Ελληνικά 😀𠀀\n").encode(codec))
    code, out, err = cli("check", path, "--format", "json")
    assert code == 1, err
    assert len(json.loads(out)["findings"]) >= 3


@pytest.mark.parametrize("make, needle", [
    (lambda p: os.symlink(p.name, p), "loops"),
    (lambda p: os.symlink("nowhere.md", p), "does not exist"),
])
def test_broken_links_say_what_they_are(cli, tmp_path, make, needle):
    path = tmp_path / "link.md"
    make(path)
    code, out, err = cli("check", path)
    assert code == 2
    assert_one_error_line(err, needle)
    code, out, err = cli("check", _draft(tmp_path), "--claims", path)
    assert code == 2
    assert_one_error_line(err, "link")


def test_a_non_utf8_file_name_is_escaped_and_the_report_written(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = b"\xb8\xe5\xbc\xfe.md".decode("utf-8", "surrogateescape")  # GBK bytes of 稿件
    _draft(tmp_path, name)
    for fmt in ("plain", "json", "jsonl", "sarif", "github", "rdjson", "junit", "html"):
        code, out, err = cli("check", ".", "--format", fmt, "-o", f"r.{fmt}")
        assert (code, err) == (1, ""), (fmt, err)
        assert (tmp_path / f"r.{fmt}").stat().st_size > 0
    sarif = json.loads((tmp_path / "r.sarif").read_text("utf-8"))
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%B8%E5%BC%FE.md"
    assert "\\xb8\\xe5\\xbc\\xfe.md:" in (tmp_path / "r.plain").read_text("utf-8")
    code, out, err = cli("check", ".", "--format", "sarif")
    assert code == 1 and json.loads(out)["version"] == "2.1.0"


# --- registries -------------------------------------------------------------------------------

def _registry_copy(tmp_path: Path) -> Path:
    from factcheck.registry.files import default_claims_dir

    registry = next(default_claims_dir().glob("*.json"))
    data = json.loads(registry.read_text("utf-8"))
    data["source"]["path"] = ""  # no article beside the copy
    copy = tmp_path / "reg.json"
    copy.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return copy


def test_a_registry_saved_with_a_bom_is_read(cli, tmp_path):
    reg = _registry_copy(tmp_path)
    reg.write_bytes(b"\xef\xbb\xbf" + reg.read_bytes())
    code, out, err = cli("check", _draft(tmp_path), "--claims", reg, "--format", "json")
    assert code == 1, err
    assert cli("claims", "validate", reg)[0] == 0


@pytest.mark.parametrize("claims", ['"x"', "{}", "3", "null"])
def test_claims_that_are_not_a_list_are_named_so(cli, tmp_path, claims):
    reg = tmp_path / "reg.json"
    reg.write_text('{"schema": 1, "source": {"id": "s"}, "claims": %s}' % claims, "utf-8")
    code, out, err = cli("check", _draft(tmp_path), "--claims", reg)
    assert code == 2
    line = assert_one_error_line(err, "'claims' must be a list")
    assert "claims[0]" not in line


@pytest.mark.parametrize("damage", ["truncated", "garbage", "zeroed tail"])
def test_a_damaged_index_is_rebuilt_silently(cli, tmp_path, monkeypatch, damage):
    from factcheck.registry import store

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "MIN_BYTES", 0)
    reg = _registry_copy(tmp_path)
    os.utime(reg, (1, 1))  # old enough to be indexed
    draft = _draft(tmp_path)
    first = cli("check", draft, "--claims", reg, "--format", "json")
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    for extra in (Path(f"{index}-wal"), Path(f"{index}-shm")):
        extra.unlink(missing_ok=True)
    data = index.read_bytes()
    broken = {"truncated": data[: len(data) // 3], "garbage": os.urandom(len(data)),
              "zeroed tail": data[:1024] + bytes(len(data) - 1024)}[damage]
    index.write_bytes(broken)
    assert cli("check", draft, "--claims", reg, "--format", "json") == first


def test_a_damaged_index_row_is_rebuilt_and_the_check_goes_on(cli, tmp_path, monkeypatch):
    import sqlite3

    from factcheck.registry import store

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "MIN_BYTES", 0)
    reg = _registry_copy(tmp_path)
    os.utime(reg, (1, 1))
    draft = _draft(tmp_path)
    first = cli("check", draft, "--claims", reg, "--format", "json")
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    with sqlite3.connect(index) as db:
        db.execute("UPDATE claims SET body = x'ff00ff'")
    assert cli("check", draft, "--claims", reg, "--format", "json") == first


# --- data loss: links, the packaged registry, source ids ----------------------------------------

def test_fix_writes_through_a_symlink_and_keeps_hard_links(cli, tmp_path):
    real = _draft(tmp_path, "real/d.md")
    link = tmp_path / "link.md"
    os.symlink(real, link)
    hard = tmp_path / "hard.md"
    os.link(real, hard)
    code, out, err = cli("check", link, "--fix", "--format", "json")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "768家" in real.read_text("utf-8") and "786家" not in real.read_text("utf-8")
    assert os.path.samefile(real, hard) and hard.read_bytes() == real.read_bytes()


def test_atomic_write_through_links(tmp_path):
    from factcheck.atomic import write_bytes

    real = tmp_path / "real.json"
    real.write_bytes(b"old")
    os.symlink("real.json", tmp_path / "link.json")
    os.link(real, tmp_path / "hard.json")
    write_bytes(tmp_path / "link.json", b"new")
    assert (tmp_path / "link.json").is_symlink()
    assert [p.read_bytes() for p in (real, tmp_path / "hard.json")] == [b"new", b"new"]
    write_bytes(tmp_path / "hard.json", b"newer")
    assert os.path.samefile(real, tmp_path / "hard.json") and real.read_bytes() == b"newer"


@pytest.mark.parametrize("extra", [(), ("--claims", "builtin")])
def test_claims_set_never_edits_the_packaged_registry(cli, tmp_path, monkeypatch, extra):
    import shutil

    from factcheck.registry import files, store

    packaged = tmp_path / "site-packages" / "factcheck" / "_claims"
    shutil.copytree(files.default_claims_dir(), packaged)  # a regression edits this copy
    for module in (files, store):
        monkeypatch.setattr(module, "default_claims_dir", lambda: packaged)
    before = snapshot(packaged)
    code, out, err = cli("claims", "set", "number:试点企业:768家", "--status", "ignored", *extra)
    assert code == 2
    assert_one_error_line(err, "read-only", "--claims")
    assert snapshot(packaged) == before


def test_claims_set_edits_a_copy(cli, tmp_path):
    reg = _registry_copy(tmp_path)
    code, out, err = cli("claims", "set", "number:试点企业:768家", "--status", "verified",
                         "--claims", reg)
    assert code == 0, err
    assert '"verified"' in reg.read_text("utf-8")


@pytest.mark.parametrize("name", ["../../../x", "a/b", "..", ".hidden", "a\\b", "x y", "a\x1bb",
                                  "/tmp/abs", "a\x00b", "名/字"])
def test_extract_name_is_an_id_not_a_path(cli, tmp_path, monkeypatch, name):
    # three folders deep, so ../../../x stays inside tmp_path (other tests' folders, beside
    # it, change on their own: a closing SQLite index checkpoints its WAL)
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    art = work / "art.txt"
    art.write_text("全市开展宣讲活动200多场。\n" * 3, "utf-8")
    outside = [Path("/tmp/abs"), Path("/tmp/abs.json")]
    before = snapshot(tmp_path), [p.exists() for p in outside]
    code, out, err = cli("extract", art, "--name", name)
    assert code == 2
    assert_one_error_line(err, "not a source id")
    assert (snapshot(tmp_path), [p.exists() for p in outside]) == before


@pytest.mark.parametrize("name, written", [("工人日报-2023.04_a", "工人日报-2023.04_a.json"),
                                           (None, "my-art-1.json")])
def test_extract_ids_that_are_fine(cli, tmp_path, monkeypatch, name, written):
    monkeypatch.chdir(tmp_path)
    art = tmp_path / "my art (1).txt"
    art.write_text("全市开展宣讲活动200多场。\n" * 3, "utf-8")
    code, out, err = cli("extract", art, *(("--name", name) if name else ()))
    assert code == 0, err
    assert [p.name for p in (tmp_path / "claims").iterdir()] == [written]


# --- fixes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("draft, fixed", [
    ("全市累計培育試點企業７８６家。\n", "全市累計培育試點企業７６８家。\n"),
    ("覆蓋產業工人54.8萬余人。\n", "覆蓋產業工人44.8萬余人。\n"),
    ("所有一線職工年平均工資上漲２萬元。\n", "所有一線職工年平均工資上漲１萬元。\n"),
    ("全市累计培育试点企业786家。\n", "全市累计培育试点企业768家。\n"),
])
def test_fix_keeps_the_drafts_script_and_width(cli, tmp_path, draft, fixed):
    path = tmp_path / "d.md"
    path.write_text(draft, "utf-8")
    cli("check", path, "--fix", "--format", "json")
    assert path.read_text("utf-8") == fixed


@pytest.mark.parametrize("speaker, left", [
    ("毕业生杨杰", {("quote-attribution", 1)}),  # 毕业生戎建刚 would be a new role-mismatch
    ("全国劳模王伟", {("quote-attribution", 1), ("role-mismatch", 1)}),
])
def test_a_fix_that_makes_a_new_error_is_not_offered(cli, tmp_path, speaker, left):
    quote = f"“我愿意发挥好劳模带头作用,带动更多人立足岗位、善作善成。”{speaker}说。\n"
    path = tmp_path / "d.md"
    path.write_text(quote + "全市累计培育试点企业786家。\n", "utf-8")
    code, out, err = cli("check", path, "--fix", "--format", "json")
    assert path.read_text("utf-8") == quote + "全市累计培育试点企业768家。\n"
    assert {(f["rule"], f["line"]) for f in json.loads(out)["findings"]} == left
    assert all(f["fix"] is None for f in json.loads(out)["findings"])


# --- friction ---------------------------------------------------------------------------------

COMMANDS = [("check",), ("config",), ("extract",), ("parse",), ("claims",), ("claims", "list"),
            ("claims", "show"), ("claims", "set"), ("claims", "validate"), ("claims", "conflicts"), ()]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_type_labels_or_eaten_markup(cli, monkeypatch, command):
    import re

    monkeypatch.setenv("COLUMNS", "120")
    code, out, err = cli(*command, "--help")
    assert code == 0
    assert not re.search(r"<(bool|str|int|float|path|list\[\w+\])>|\{\w+\}|\[\[|Reserved|from  in", out), out


def test_config_help_names_its_table(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    assert "[tool.factcheck]" in cli("config", "--help")[1]


@pytest.mark.parametrize("args, needle", [
    (("check", "--dry-run", "x.md"), "--dry-run only goes with --fix"),
    (("check", "--jobs", "-1", "x.md"), "--jobs must be 0 or more"),
    (("claims", "set", "x"), "nothing to change"),
])
def test_error_lines_name_no_command_as_a_place(cli, args, needle):
    code, out, err = cli(*args)
    line = assert_one_error_line(err, needle)
    assert ", factcheck" not in line and ", claims set" not in line and ", --jobs" not in line


def test_no_drafts_given_reads_plainly(cli, monkeypatch):
    import sys

    class Tty:
        def isatty(self) -> bool:
            return True
    monkeypatch.setattr(sys, "stdin", Tty())
    code, out, err = cli("check")
    assert code == 2
    line = assert_one_error_line(err, "no drafts given")
    assert ", factcheck check" not in line


def test_write_baseline_says_what_it_accepted(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    draft = _draft(tmp_path)
    code, out, err = cli("check", draft, "--write-baseline", "base.json", "--format", "plain")
    recorded = len(json.loads((tmp_path / "base.json").read_text("utf-8"))["findings"])
    assert recorded >= 3
    assert f"0 finding(s) in 1 file(s): 0 error(s), 0 warning(s), 0 info; {recorded} more accepted " \
           "in the baseline" in out
    code, out, err = cli("check", draft, "--baseline", "base.json", "--format", "json")
    assert json.loads(out)["summary"]["baselined"] == recorded


def test_a_quote_finding_shows_the_sentence_naming_the_speaker(cli, tmp_path):
    path = tmp_path / "d.md"
    path.write_text("“我愿意发挥好劳模带头作用,带动更多人立足岗位、善作善成。”王伟说。\n", "utf-8")
    code, out, err = cli("check", path, "--format", "plain")
    source = [ln for ln in out.splitlines() if ln.startswith("    source")]
    assert len(source) == 1 and "劳模戎建刚分享" in source[0]


@pytest.mark.parametrize("width", [40, 60, 80])
def test_text_report_wraps_between_words_not_inside_figures(width):
    import re

    from factcheck.check.findings import ClaimRef, Finding, Severity
    from factcheck.report import Report
    from factcheck.report.text import render_text

    line = "常州市总工会设立校外教学点10个、培训点20个，" * 2 + "包括近8000名职工在内的1805名职工圆了大学梦，覆盖产业工人44.8万余人。"
    at = line.index("1805")
    f = Finding("d.md", 1, at + 1, 1, at + 6, Severity.ERROR, "figure-mismatch", "1805名",
                "figure differs: the source says 1805名 for 职工, the draft says 1805名 12345678",
                "1805名", ClaimRef("s", "src", 3, "累计资助1805名职工圆了大学梦，高技能人才总量已达40余万名"))
    out = render_text(Report([f], ["d.md"], texts={"d.md": line}), width=width, color=False)
    from factcheck.report.wrap import _cells

    for row in out.splitlines():
        assert sum(map(_cells, row)) <= width, row
    rows = out.splitlines()
    for figure in ("1805名", "40余万名", "12345678"):  # every one is shown whole on one row
        assert any(figure in row for row in rows), (figure, rows)
    for row in rows:  # excerpts are cut beside a figure, never inside one
        assert not re.search(r"[0-9]…|…[0-9.万]", row), row


def test_reports_offer_only_fixes_that_leave_the_line_clean(cli, tmp_path):
    path = tmp_path / "d.md"
    path.write_text("“我愿意发挥好劳模带头作用,带动更多人立足岗位、善作善成。”全国劳模王伟说。\n"
                    "覆蓋產業工人54.8萬余人，全市累计培育试点企业786家。\n", "utf-8")
    code, out, err = cli("check", path, "--format", "json")
    offered = {(f["rule"], f["text"]): f["fix"] for f in json.loads(out)["findings"]}
    assert offered == {("quote-attribution", "王伟"): None, ("role-mismatch", "王伟"): None,
                       ("figure-mismatch", "54.8萬余人"): "44.8萬余人",
                       ("figure-mismatch", "786家"): "768家"}
    code, out, err = cli("check", path, "--format", "sarif")
    fixes = [r.get("fixes") for r in json.loads(out)["runs"][0]["results"]]
    assert sum(f is not None for f in fixes) == 2


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_outputs_never_replace_an_article_or_baseline(cli, tmp_path, monkeypatch, option):
    import shutil

    from factcheck.registry.files import default_claims_dir

    monkeypatch.chdir(tmp_path)
    claims = tmp_path / "claims"
    shutil.copytree(default_claims_dir(), claims)  # a copy: a regression must not eat ours
    draft = _draft(tmp_path)
    article = next((claims / "articles").iterdir())
    before = article.read_bytes()
    code, out, err = cli("check", draft, "--claims", claims, option, article)
    assert code == 2 and article.read_bytes() == before
    assert_one_error_line(err, "source article")
    cli("check", draft, "--claims", claims, "--write-baseline", "base.json")
    saved = (tmp_path / "base.json").read_bytes()
    code, out, err = cli("check", draft, "--claims", claims, "--baseline", "base.json",
                         "-o", "base.json")
    assert code == 2 and (tmp_path / "base.json").read_bytes() == saved
    assert_one_error_line(err, "baseline")



def test_outputs_never_replace_an_indexed_registry_s_files(cli, tmp_path, monkeypatch):
    """Through the index `-o` compares the (device, inode) loading `stat`ed: the registry
    file, its article, a hard link to either, and paths through a link and `..` (whose
    absolute path is another file) are each refused as without the index."""
    import shutil

    from factcheck.registry import store
    from factcheck.registry.files import default_claims_dir

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "MIN_BYTES", 0)
    shutil.copytree(default_claims_dir(), tmp_path / "real" / "claims")
    shutil.copytree(default_claims_dir(), tmp_path / "deep" / "claims")  # deep/up/.. as written
    (tmp_path / "deep" / "up").symlink_to(tmp_path / "real" / "claims")  # up/.. is real/
    draft = _draft(tmp_path)
    assert store.load([Path("real/claims")]).inputs()[0]
    assert not store.load([Path("deep/up/../claims")]).inputs()[0]  # each file stat'ed again
    registry_file = next((tmp_path / "real" / "claims").glob("*.json"))
    article = next((tmp_path / "real" / "claims" / "articles").iterdir())
    os.link(article, tmp_path / "linked.txt")
    for claims in ("real/claims", "deep/up/../claims"):
        for target, what in ((registry_file, "registry file"), (article, "source article"),
                             (tmp_path / "linked.txt", "source article")):
            before = target.read_bytes()
            code, out, err = cli("check", draft, "--claims", claims, "-o", target)
            assert code == 2 and target.read_bytes() == before, (claims, target)
            assert_one_error_line(err, what)
    code, out, err = cli("check", draft, "--claims", "real/claims", "-o", "report.json")
    assert code in (0, 1) and (tmp_path / "report.json").exists()


def test_outputs_never_replace_an_indexed_article_found_through_a_link(cli, tmp_path, monkeypatch):
    """An article `../arts/a.txt` of a registry folder reached through a link: its absolute
    path (`link/..` taken away) is another file than the one the system finds, so `-o` does
    not trust what loading stat'ed there and compares the article itself."""
    import json as jsonlib
    import shutil

    from factcheck.registry import store
    from factcheck.registry.files import default_claims_dir

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FACTCHECK_NO_CACHE", raising=False)
    monkeypatch.setattr(store, "MIN_BYTES", 0)
    (registry_file,) = default_claims_dir().glob("*.json")
    data = jsonlib.loads(registry_file.read_text("utf-8"))
    article = default_claims_dir() / data["source"]["path"]
    data["source"]["path"] = "../arts/" + article.name
    for top in (tmp_path / "real", tmp_path):  # the article both where the link leads and beside it
        (top / "arts").mkdir(parents=True)
        shutil.copy(article, top / "arts" / article.name)
    (tmp_path / "real" / "claims").mkdir()
    (tmp_path / "real" / "claims" / registry_file.name).write_text(jsonlib.dumps(data), "utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real" / "claims")
    draft = _draft(tmp_path)
    target = tmp_path / "real" / "arts" / article.name
    before = target.read_bytes()
    code, out, err = cli("check", draft, "--claims", "link", "-o", target)
    assert code == 2 and target.read_bytes() == before
    assert_one_error_line(err, "source article")
    reg = store.load([Path("link")])
    assert reg.inputs()[0] and not reg.inputs(articles=True)[0]  # the file's, not the article's

def test_extract_never_replaces_its_article(cli, tmp_path):
    art = tmp_path / "art.txt"
    art.write_text("全市开展宣讲活动200多场。\n" * 3, "utf-8")
    before = art.read_bytes()
    code, out, err = cli("extract", art, "-o", art, "--fresh")
    assert code == 2 and art.read_bytes() == before
    assert_one_error_line(err, "article itself")


def test_a_baseline_of_a_non_utf8_file_name(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _draft(tmp_path, b"\xb8\xe5.md".decode("utf-8", "surrogateescape"))
    code, out, err = cli("check", ".", "--write-baseline", "base.json", "--format", "json")
    assert (code, err.count("error")) == (0, 0)
    code, out, err = cli("check", ".", "--baseline", "base.json", "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []


def test_exclude_by_name_drops_a_named_file_outside_the_config_folder(cli, tmp_path, monkeypatch):
    outside = _draft(tmp_path, "elsewhere/x.draft.md")
    project = tmp_path / "project"
    project.mkdir()
    (project / ".factcheck.toml").write_text('exclude = ["*.draft.md"]\n', "utf-8")
    monkeypatch.chdir(project)
    code, out, err = cli("check", outside, _draft(project), "--format", "json")
    assert {os.path.basename(f["path"]) for f in json.loads(out)["findings"]} == {"d.md"}


@pytest.mark.parametrize("option", ["--baseline", "--write-baseline", "-o"])
def test_a_looping_link_as_any_file_option_is_one_error_line(cli, tmp_path, option):
    loop = tmp_path / "loop.json"
    os.symlink(loop.name, loop)
    code, out, err = cli("check", _draft(tmp_path), option, loop, "--format", "json")
    assert code == 2
    assert_one_error_line(err, "loop.json")


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_outputs_never_replace_the_config_file(cli, tmp_path, monkeypatch, option):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "warning"\n', "utf-8")
    before = snapshot(tmp_path)
    code, out, err = cli("check", _draft(tmp_path).name, option, "pyproject.toml")
    assert code == 2
    assert_one_error_line(err, "config file")
    assert snapshot(tmp_path) == {**before, "d.md": snapshot(tmp_path)["d.md"]}


def test_output_is_not_compared_by_real_path_with_inputs_that_are_not_there(tmp_path, monkeypatch):
    """An existing `-o` file is no input that does not exist (a registry's missing articles):
    no real path is worked out for them, and an input that is the target is still refused."""
    from factcheck.cli import outputs
    from factcheck.errors import ConfigError

    target = tmp_path / "report.json"
    target.write_text("{}", "utf-8")
    req = SimpleNamespace(output=target, write_baseline=None)
    resolved = []
    real = os.path.realpath
    monkeypatch.setattr(os.path, "realpath", lambda p, *a, **k: resolved.append(p) or real(p, *a, **k))
    outputs.refuse_overwrite(req, [tmp_path / f"gone-{i}.txt" for i in range(50)], "source article")
    assert resolved == []
    with pytest.raises(ConfigError):
        outputs.refuse_overwrite(req, [tmp_path / "gone.txt", tmp_path / "." / "report.json"])
    fresh = SimpleNamespace(output=tmp_path / "new.json", write_baseline=None)  # not there yet
    with pytest.raises(ConfigError):
        outputs.refuse_overwrite(fresh, [tmp_path / "sub" / ".." / "new.json"])
