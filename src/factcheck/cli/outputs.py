"""Files `check` writes must never be files it reads: a report over a draft loses the draft."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Protocol

from factcheck.errors import ConfigError


class _Outputs(Protocol):
    output: Path | None
    write_baseline: Path | None


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name one file: the same inode (links included), or the same real path
    when either does not exist yet."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        try:
            return os.path.realpath(a) == os.path.realpath(b)
        except (OSError, ValueError):
            return False


def _same_as(target: Path | str, held: os.stat_result | None, path: Path | str) -> bool:
    """`same_file(target, path)`, given the target's `stat` (None if it has none)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # a path that resolves to no file is not a file that is there
        return held is None and same_file(target, path)
    if held is None:  # ... nor is a file that is there one that is not
        return False
    return os.path.samestat(held, st)


def refuse_overwrite(req: _Outputs, inputs: Iterable[str | Path], what: str = "draft",
                     known: Collection[tuple[int, int]] = ()) -> None:
    """A ConfigError when --output or --write-baseline names one of `inputs` (or each other),
    or a file whose (device, inode) is `known` (inputs already `stat`ed: `Registry.inputs`)."""
    targets = [(opt, path) for opt, path in (("--output", req.output),
                                             ("--write-baseline", req.write_baseline)) if path]
    if len(targets) == 2 and same_file(targets[0][1], targets[1][1]):
        raise ConfigError("--output and --write-baseline name the same file", str(req.output),
                          "give each its own file")
    for opt, target in targets:
        try:  # stat once: a registry brings thousands of inputs
            held = os.stat(target)
        except (OSError, ValueError):
            held = None
        if held is not None and (held.st_dev, held.st_ino) in known:
            _refuse(opt, target, what)
        for path in inputs:
            if str(path) != "-" and _same_as(target, held, path):
                _refuse(opt, target, what)


def _refuse(opt: str, target: Path | str, what: str) -> None:
    raise ConfigError(f"{opt} names an input {what}, which the report would replace",
                      str(target), f"write the {opt.strip('-').replace('-', ' ')} to another file")
