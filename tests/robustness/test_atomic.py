"""A write that fails half-way (`extract --output`, `check --output`) leaves the old file whole."""

from __future__ import annotations

import errno
import os

import pytest

from .conftest import FIXTURES, ARTICLE, assert_one_error_line, snapshot

DRAFT = FIXTURES / "summary.md"


def _fail_replace(monkeypatch):
    def boom(src, dst, *a, **k):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", boom)


def _fail_mid_write(monkeypatch):
    """The temp file's write stops half-way with a full disk."""
    real_fdopen = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        fh = real_fdopen(fd, mode, *args, **kwargs)
        if "w" not in mode:
            return fh
        real_write = fh.write

        def write(text):
            real_write(text[: len(text) // 2])
            fh.flush()
            raise OSError(errno.ENOSPC, "No space left on device")

        fh.write = write
        return fh

    monkeypatch.setattr(os, "fdopen", fdopen)


FAILURES = {"replace": _fail_replace, "mid-write": _fail_mid_write}


def _setup(cli, tmp_path, command):
    """(args, target): the target already holds a good earlier result, which a new run changes."""
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE.read_bytes())
    draft = tmp_path / "draft.md"
    draft.write_bytes(DRAFT.read_bytes())
    target = tmp_path / "out" / "result.json"
    args = {"extract": ["extract", article, "--name", "src"],
            "check": ["check", draft, "--format", "json"]}[command]
    code, _, err = cli(*args, "--output", target)
    assert code in (0, 1), err
    target.chmod(0o644)
    article.write_text(ARTICLE.read_text("utf-8").replace("768家", "786家"), "utf-8")
    draft.write_text(DRAFT.read_text("utf-8") + "\n全市累计培育试点企业7680家。\n", "utf-8")
    return args, target


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("command", ["extract", "check"])
def test_failed_write_keeps_the_old_file(cli, tmp_path, monkeypatch, command, failure):
    args, target = _setup(cli, tmp_path, command)
    old = target.read_bytes()
    before = snapshot(tmp_path)
    FAILURES[failure](monkeypatch)
    code, out, err = cli(*args, "--output", target)
    monkeypatch.undo()
    assert code == 2
    assert_one_error_line(err)
    assert target.read_bytes() == old
    assert snapshot(tmp_path) == before  # no temp file left behind either


@pytest.mark.parametrize("command", ["extract", "check"])
def test_the_write_itself_works(cli, tmp_path, command):
    """The failing runs above differ from a good run only by the injected failure."""
    args, target = _setup(cli, tmp_path, command)
    old = target.read_bytes()
    code, out, err = cli(*args, "--output", target)
    assert code in (0, 1), err
    assert target.read_bytes() != old
    assert [p.name for p in target.parent.iterdir()] == ["result.json"]
