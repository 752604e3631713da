"""A LocalCluster of two worker processes shared by this folder's tests, 400 drafts, and what
`--jobs 1` reports of them."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from tests.conftest import draft_files

#: Drafts the cluster tests check: the seed drafts copied (and lengthened) to this many files.
DRAFTS = 400


@pytest.fixture(scope="session")
def many_drafts(tmp_path_factory) -> list[Path]:
    """400 drafts of the seed article, copies of the dev drafts."""
    folder = tmp_path_factory.mktemp("drafts")
    sources = draft_files()
    out: list[Path] = []
    for i in range(DRAFTS):
        src = sources[i % len(sources)]
        dest = folder / f"{i:03d}-{src.name}"
        dest.write_bytes(src.read_bytes())
        out.append(dest)
    return out


@pytest.fixture(scope="session")
def jobs_one_report(many_drafts):
    """`factcheck check --jobs 1 --format FMT` over the 400 drafts: (exit code, stdout), run
    once per format for the folder's tests (each run checks all 400 drafts)."""
    from factcheck.cli import main

    done: dict[str, tuple[int, str]] = {}

    def report(fmt: str) -> tuple[int, str]:
        if fmt not in done:
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = main(["check", str(many_drafts[0].parent), "--jobs", "1", "--format", fmt])
            done[fmt] = (code, out.getvalue())
        return done[fmt]

    return report


@pytest.fixture(scope="session")
def jobs_one(jobs_one_report) -> list[dict]:
    """The findings of `factcheck check --jobs 1 --format json` over the 400 drafts."""
    code, out = jobs_one_report("json")
    assert code == 1
    return json.loads(out)["findings"]


def start_cluster():
    """A LocalCluster of 2 single-threaded worker processes, as `--dask local` makes them."""
    from factcheck.dask.cluster import local_cluster

    return local_cluster(2)


@pytest.fixture(scope="package")
def cluster():
    """One cluster for the folder: starting one takes seconds. Closed when the folder's tests
    are done (its idle workers cost CPU for as long as they live)."""
    with start_cluster() as c:
        yield c


@pytest.fixture
def client(cluster):
    """A client of the shared cluster, closed after the test."""
    from distributed import Client

    with Client(cluster) as c:
        yield c
