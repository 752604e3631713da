"""Drafts are grouped into ordered partitions of a few MB, enough to keep every worker busy."""

from __future__ import annotations

import pytest

from factcheck.dask import plan

KB = 1024


@pytest.mark.parametrize(("total", "workers", "target"), [
    (10 * KB, 2, plan.MIN_PART_BYTES),          # tiny runs: tasks no smaller than the floor
    (16 * 256 * KB, 2, 256 * KB),               # 8 partitions per worker
    (10_000 * 1024 * KB, 2, plan.MAX_PART_BYTES),  # big runs: a few MB per task
    (1_000 * 1024 * KB, 100, 1_000 * 1024 * KB // 800),  # 100 workers: 1.25 MB each
])
def test_target_bytes(total, workers, target):
    assert plan.target_bytes(total, workers) == target


def test_partitions_keep_order_and_fill_to_the_target(tmp_path):
    sizes = [40, 10, 30, 50, 5, 5, 70, 1]  # KB
    paths = []
    for i, size in enumerate(sizes):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(b"x" * size * KB)
        paths.append(str(p))
    parts = plan.partitions(plan.drafts(paths), workers=1)  # 211 KB: the 32 KB floor
    assert [[int(name.rsplit("/", 1)[1][0]) for name, _ in part] for part in parts] == [
        [0], [1, 2], [3], [4, 5, 6], [7]]


def test_drafts_keep_names_as_given_and_read_from_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert plan.drafts(["a.txt", "s3://bucket/b.txt"]) == [
        ("a.txt", str(tmp_path / "a.txt")), ("s3://bucket/b.txt", "s3://bucket/b.txt")]
