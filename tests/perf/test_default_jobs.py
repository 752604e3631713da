"""The default worker count follows the amount of work and the CPUs free, never more."""

from __future__ import annotations

import os

import pytest

from factcheck.cli import parallel


def _drafts(tmp_path, count: int, size: int) -> list[str]:
    out = []
    for i in range(count):
        path = tmp_path / f"d{i}.txt"
        path.write_bytes(b"x" * size)
        out.append(str(path))
    return out


@pytest.mark.parametrize("cpus, load, count, size, expected", [
    (4, 0.0, 200, 4000, 3),        # 800 KB: three workers' worth, on an idle machine
    (4, 0.0, 200, 40_000, 4),      # plenty of work: every CPU
    (2, 0.0, 200, 40_000, 2),
    (2, 1.8, 200, 40_000, 1),      # a busy 2-core machine: one worker is the fastest
    (4, 2.2, 200, 40_000, 2),
    (4, 0.0, 9, 100_000, 2),       # nine big files: at least four files per worker
    (4, 0.0, 3, 1_000_000, 1),     # too few files to share
    (2, 0.0, 100, 10, 1),          # 1 KB of drafts: not worth a fork
    (2, 9.0, 200, 40_000, 1),      # overloaded: still one
])
def test_workers_from_work_and_free_cpus(tmp_path, monkeypatch, cpus, load, count, size, expected):
    monkeypatch.setattr(parallel, "usable_cpus", lambda: cpus)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert parallel.default_jobs(_drafts(tmp_path, count, size)) == expected


def test_missing_files_count_as_no_work(tmp_path):
    assert parallel.default_jobs([str(tmp_path / f"gone{i}.txt") for i in range(100)]) == 1
