"""Check drafts on a Dask cluster: the registry is sent to each worker once, drafts are read on
the workers in partitions of a few MB, and results come back in draft order (docs/dask.md).

Needs the optional extra: pip install 'factcheck[dask]'."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.check.findings import Finding, sort_findings
from factcheck.dask import cluster, plan, work
from factcheck.dask.work import DraftError, Outcome, RegistryFiles, Settings, Tally
from factcheck.registry.model import Registry

__all__ = ["DraftError", "RegistryFiles", "Results", "Settings", "Tally", "check_bag",
           "check_paths", "checked", "write_jsonl", "written"]

PathLike = str | os.PathLike[str]
#: A registry in memory (sent to each worker once) or files every worker loads itself.
AnyRegistry = Registry | RegistryFiles


@dataclass(frozen=True)
class Results:
    """Findings of many drafts in their total order, and the one-line errors of unreadable ones."""

    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def check_bag(bag: Any, registry: AnyRegistry, settings: Settings | None = None) -> Any:
    """A bag of findings from a bag of (path, text); text may be bytes, decoded on the worker.
    A draft that cannot be decoded becomes a DraftError in the bag rather than failing it."""
    cluster.require()
    import dask

    client = _current_client()
    if isinstance(registry, RegistryFiles):
        handle: Any = registry
    elif client is not None:
        handle = client.scatter(cluster.shippable(registry), broadcast=True, hash=False)
    else:  # dask's local schedulers: one task in the graph that every partition depends on
        handle = dask.delayed(cluster.shippable(registry), pure=False)
    return bag.map_partitions(work.texts, handle, settings or Settings())


def check_paths(paths: Sequence[PathLike], registry: AnyRegistry, client: Any = None,
                settings: Settings | None = None) -> Results:
    """Check draft files (or fsspec URLs) on the cluster of `client`, a Client or a scheduler
    address (default: the current client, else a LocalCluster for this call)."""
    found: list[Finding] = []
    errors: list[str] = []
    for doc, result in checked(paths, registry, client, settings):
        if doc is None:
            errors.append(str(result))
        else:
            found.extend(result)  # type: ignore[arg-type]
    return Results(sort_findings(found), errors)


def checked(paths: Sequence[PathLike], registry: AnyRegistry, client: Any = None,
            settings: Settings | None = None) -> Iterator[Outcome]:
    """(draft, findings) or (None, error) for every path, in the order given."""
    if not paths:  # no cluster to start for nothing
        return
    with _using(client) as client:
        parts = plan.partitions(plan.drafts(paths), cluster.workers(client))
        handle = _ship(client, registry)
        futures = client.map(work.outcomes, parts, registry=handle,
                             settings=settings or Settings(), pure=False)
        try:
            for future in futures:
                yield from future.result()
                future.release()  # the client keeps only what it has not yet handed on
        finally:
            client.cancel(futures)
            if not isinstance(handle, RegistryFiles):
                handle.release()


def written(paths: Sequence[PathLike], registry: AnyRegistry, out_dir: PathLike,
            client: Any = None, settings: Settings | None = None) -> Iterator[Tally]:
    """Write each partition's findings to out_dir/part-NNNNN.jsonl on the workers; yield each
    partition's tally as it finishes. Part files of an earlier run there are removed first."""
    out = Path(out_dir).absolute()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.jsonl"):
        old.unlink()
    if not paths:
        return
    with _using(client) as client:
        from distributed import as_completed

        parts = plan.partitions(plan.drafts(paths), cluster.workers(client))
        targets = [str(out / f"part-{i:05d}.jsonl") for i in range(len(parts))]
        handle = _ship(client, registry)
        futures = client.map(work.write_part, parts, targets, registry=handle,
                             settings=settings or Settings(), pure=False)
        try:
            for future in as_completed(futures):
                yield future.result()
                future.release()
        finally:
            client.cancel(futures)
            if not isinstance(handle, RegistryFiles):
                handle.release()


def write_jsonl(paths: Sequence[PathLike], registry: AnyRegistry, out_dir: PathLike,
                client: Any = None, settings: Settings | None = None) -> Tally:
    """`written` to the end: the whole run's tally, nothing gathered but counts and errors."""
    drafts = found = worst = 0
    errors: list[str] = []
    for t in written(paths, registry, out_dir, client, settings):
        drafts, found, worst = drafts + t.drafts, found + t.findings, max(worst, t.worst)
        errors += t.errors
    return Tally(drafts, found, worst, tuple(errors))


def _ship(client: Any, registry: AnyRegistry) -> Any:
    """What tasks name the registry by: the files' paths, or the registry scattered once to
    every worker (a worker that joins later fetches it from a peer)."""
    if isinstance(registry, RegistryFiles):
        return registry
    return client.scatter(cluster.shippable(registry), broadcast=True, hash=False)


def _current_client() -> Any:
    """The distributed Client in use, if there is one."""
    from distributed import default_client

    try:
        return default_client()
    except ValueError:
        return None


@contextmanager
def _using(client: Any) -> Iterator[Any]:
    """The client given, else the current one, else one of a LocalCluster closed afterwards;
    an address (`local`, tcp://scheduler:8786) connects for the run."""
    cluster.require()
    if client is None:
        client = _current_client()
    if client is not None and not isinstance(client, str):
        yield client
        return
    with cluster.connect(client or "local") as client:
        yield client
