"""--diff BASE: keep only findings on lines added or changed since a git revision."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from factcheck.check.findings import Finding
from factcheck.errors import ConfigError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
#: Marks a file git does not track yet: every line of it is new.
ALL_LINES: frozenset[int] = frozenset({0})

ChangedLines = dict[Path, frozenset[int]]


def _git(args: list[str], cwd: Path | None = None) -> str:
    """Run git without a shell; any failure is a one-line ConfigError."""
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd,
                              capture_output=True, text=True, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise ConfigError("git is not installed", "--diff", "install git or drop --diff") from None
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()] or [f"exit {done.returncode}"]
        raise ConfigError(f"git {args[0]} failed: {lines[0].strip()}", "--diff")
    return done.stdout


def repo_root(cwd: Path | None = None) -> Path:
    """The top folder of the git work tree around `cwd`."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip()).resolve()
    except ConfigError:
        raise ConfigError("not inside a git repository", "--diff",
                          "run from a git work tree or drop --diff") from None


def _check_revision(base: str, cwd: Path | None) -> None:
    if base.startswith("-"):
        raise ConfigError(f"bad revision {base!r}", "--diff", "name a commit, branch or tag")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], cwd)
    except ConfigError:
        raise ConfigError(f"unknown revision {base!r}", "--diff",
                          "name a commit, branch or tag of this repository") from None


def parse_diff(text: str, root: Path) -> ChangedLines:
    """Added or changed line numbers (new side) per file from `git diff --unified=0` output."""
    changed: dict[Path, set[int]] = {}
    current: set[int] | None = None
    for line in text.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else changed.setdefault(
                (root / name.removeprefix("b/")).resolve(), set())
        elif current is not None and (m := _HUNK.match(line)):
            start, count = int(m.group(1)), int(m.group(2) or 1)
            current.update(range(start, start + count))
    return {path: frozenset(lines) for path, lines in changed.items()}


def _work_dir(paths: list[str]) -> Path:
    """Where git runs: the first draft's folder, so drafts in a repository work from anywhere."""
    if not paths:
        return Path.cwd()
    first = Path(paths[0]).resolve()
    return first if first.is_dir() else first.parent


def changed_lines(base: str, paths: Iterable[str]) -> ChangedLines:
    """Lines added or changed since `base` in `paths`; untracked files count as wholly new."""
    names = [str(Path(p).resolve()) for p in paths]
    cwd = _work_dir(names)
    root = repo_root(cwd)
    _check_revision(base, cwd)
    spec = ["--", *names]
    diff = _git(["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-relative",
                 "--src-prefix=a/", "--dst-prefix=b/", base, *spec], cwd)
    changed = parse_diff(diff, root)
    for name in _git(["ls-files", "--others", "--exclude-standard", "--full-name", *spec],
                     cwd).splitlines():
        changed[(root / name).resolve()] = ALL_LINES
    return changed


def on_changed_lines(findings: Iterable[Finding], changed: ChangedLines) -> list[Finding]:
    """The findings that touch at least one changed line."""
    out = []
    for f in findings:
        lines = changed.get(Path(f.path).resolve(), frozenset())
        if lines is ALL_LINES or any(n in lines for n in range(f.line, f.end_line + 1)):
            out.append(f)
    return out
