"""One huge draft on a terminal shows a spinner on stderr; --quiet and small drafts do not.

"Huge" is `progress.BIG_DRAFT` characters; the tests lower it so that a few hundred lines
stand for a 1M-character draft (the spinner reads only the draft's length)."""

from __future__ import annotations

import json

import pytest

from factcheck.cli import progress

LINE = "全市累计培育试点企业786家。\n"
#: The threshold the tests use instead of 1M characters.
BIG = 2_000


@pytest.fixture
def terminal(monkeypatch):
    """stderr looks like a terminal and a draft of BIG characters is huge."""
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(progress, "BIG_DRAFT", BIG)


def _draft(tmp_path, chars: int):
    path = tmp_path / "big.txt"
    path.write_text(LINE * (chars // len(LINE)), "utf-8")
    return path


def test_spinner_for_one_huge_draft(run_cli, tmp_path, terminal):
    code, out, err = run_cli("check", str(_draft(tmp_path, BIG + len(LINE))), "--format", "json")
    assert code == 1 and "checking" in err and "big.txt" in err
    assert json.loads(out)["summary"]["errors"] == (BIG + len(LINE)) // len(LINE)


@pytest.mark.parametrize("chars, args", [(BIG + 100, ("-q",)), (BIG - len(LINE), ())])
def test_no_spinner_when_quiet_or_small(run_cli, tmp_path, terminal, chars, args):
    code, out, err = run_cli("check", str(_draft(tmp_path, chars)), *args, "--format", "json")
    assert code == 1 and "checking" not in err


def test_the_real_threshold_is_a_million_characters():
    assert progress.BIG_DRAFT == 1_000_000
