"""Reaching a Dask cluster: the optional extra, a LocalCluster or a scheduler's address."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from factcheck.errors import ConfigError
from factcheck.registry.model import Registry

INSTALL = "pip install 'factcheck[dask]'"
#: Seconds to wait for a scheduler before giving up on its address.
CONNECT_TIMEOUT = 10


def require() -> None:
    """Import Dask's distributed scheduler, or say in one line how to install it."""
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ConfigError("--dask needs Dask, which is not installed", "--dask", INSTALL) from None


def check_address(address: str) -> str:
    """`local` or a scheduler address such as tcp://scheduler:8786, else a one-line error."""
    if address == "local" or "://" in address:
        return address
    raise ConfigError(f"--dask takes 'local' or a scheduler address, not {address!r}", "--dask",
                      "e.g. --dask local or --dask tcp://scheduler:8786")


def local_cluster(workers: int | None = None) -> Any:
    """A LocalCluster of one single-threaded process per CPU: checking holds the GIL. Its
    status page takes any free port on this machine alone, so two runs never collide."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers or _cpus(), threads_per_worker=1, processes=True,
                        dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)


def _cpus() -> int:
    import os

    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A Client of a new LocalCluster (`local`) or of the scheduler at `address`, closed after."""
    require()
    from distributed import Client

    check_address(address)
    if address == "local":
        with local_cluster() as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler ({exc})", address,
                          "check the address and that the scheduler runs") from None
    with client:
        yield client


def workers(client: Any) -> int:
    """How many workers the cluster has now (at least 1)."""
    return max(1, len(client.scheduler_info().get("workers", {})))


def shippable(registry: Registry) -> Registry:
    """The registry as a plain picklable value: its claims and sources, without the compiled
    cache's memory map or the alignment index (each worker builds that once)."""
    return Registry(dict(registry.sources), list(registry.claims), dict(registry.files))
