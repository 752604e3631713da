"""Writes are whole or not at all, keep modes, and never replace a device with a file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from factcheck.atomic import write_bytes


def test_new_file_follows_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_bytes(tmp_path / "new.json", b"{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "kept.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_bytes(path, b"new")
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o640


def test_failed_write_leaves_old_file_and_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    path.write_bytes(b"old")
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "No space")))
    with pytest.raises(OSError):
        write_bytes(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_named_pipe_is_written_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(Path(fifo).read_bytes()))
    reader.start()
    write_bytes(fifo, b"report")
    reader.join(timeout=10)
    assert got == [b"report"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_dev_null_stays_a_device(run_cli, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("全市累计培育试点企业786家。", "utf-8")
    code, out, err = run_cli("check", str(draft), "--output", os.devnull, "--format", "json")
    assert code == 1 and out == "" and err == ""
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)
