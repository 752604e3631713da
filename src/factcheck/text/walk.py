"""Which drafts a `check` reads: files named, plus the regular files in folders named that match
`include` and not `exclude`, never following a link out of the folder given."""

from __future__ import annotations

import fnmatch
import os
import stat
from pathlib import Path

from factcheck.records import dataclass, field


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    """A relative posix path matches a glob by its whole path or its name."""
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _relative(path: Path, base: Path) -> str | None:
    """`path` relative to `base` as posix text, or None when it lies outside."""
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        return None


@dataclass
class Walk:
    """The drafts found and what was skipped on the way (for one note each on stderr)."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    #: The folder `exclude` patterns are relative to (the config file's, or the working one).
    base: Path = field(default_factory=Path.cwd)
    outside: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)

    def excluded(self, path: Path, rel: str = "", folder: bool = False) -> bool:
        """Whether an exclude pattern matches `path` relative to the walked folder or the base."""
        if not self.exclude:
            return False
        names = [r for r in (rel, _relative(path, Path(os.path.abspath(self.base)))) if r] \
            or [path.name]
        names += [r + "/" for r in names] if folder else []
        return any(_matches(r, self.exclude) for r in names)

    def paths(self, args: list[str]) -> list[str]:
        """Files named (unless excluded), plus what `folder` finds in folders named."""
        out: list[str] = []
        for arg in args:
            top = Path(arg)
            if arg == "-":
                out.append(arg)
            elif top.is_dir():
                out += self.folder(top)
            elif not self.excluded(top):
                out.append(arg)
        return out

    def folder(self, top: Path) -> list[str]:
        """Regular files under `top` that match; links leading out of it and pipes, sockets or
        devices are skipped (a pull request can add `notes.txt -> ../.git/config`)."""
        real_top = os.path.realpath(top)
        out: list[str] = []
        for root, dirs, files in os.walk(top):
            rel = Path(root).relative_to(top).as_posix().removeprefix(".").lstrip("/")
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                             and not self.excluded(Path(root, d), f"{rel}/{d}".lstrip("/"), True))
            for name in sorted(files):
                path, sub = Path(root, name), f"{rel}/{name}".lstrip("/")
                if name.startswith(".") or not _matches(sub, self.include) \
                        or self.excluded(path, sub):
                    continue
                if self._safe(path, real_top):
                    out.append(str(path))
        return out

    def _safe(self, path: Path, real_top: str) -> bool:
        """A regular file that resolves inside the walked folder; anything else is noted."""
        real = os.path.realpath(path)
        if os.path.commonpath([real, real_top]) != real_top:
            self.outside.append(str(path))
            return False
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return True  # a dangling link: reading it reports the problem
        if not stat.S_ISREG(mode):
            self.special.append(str(path))
            return False
        return True

    def notes(self) -> list[str]:
        """One line per kind of file skipped."""
        out = []
        if self.outside:
            out.append(f"skipped {len(self.outside)} link(s) that lead outside the folder "
                       f"checked ({', '.join(self.outside[:3])}{', …' if len(self.outside) > 3 else ''});"
                       " name a file to check it")
        if self.special:
            out.append(f"skipped {len(self.special)} file(s) that are not regular files "
                       f"({', '.join(self.special[:3])}{', …' if len(self.special) > 3 else ''})")
        return out
