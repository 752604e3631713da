"""A frozen Config from [tool.factcheck] in pyproject.toml or .factcheck.toml; the CLI overrides it."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from factcheck.check.rules.conflicts import DEFAULT_MAX_RELATED
from factcheck.errors import ConfigError
from factcheck.records import dataclass, field
from factcheck.text.read import DEFAULT_MAX_BYTES

FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.txt", "*.text")
DOT_FILE = ".factcheck.toml"
#: Other sources a source-conflict note names (the rest are counted): 0 names them all.
CLI = "CLI"
DEFAULT = "default"


@dataclass(frozen=True)
class Config:
    """Every setting of `check`; `origins` maps each key to default, a file path or CLI."""

    claims: tuple[Path, ...] = ()
    fail_on: str = "error"
    format: str = "auto"
    enable: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    tolerance: float | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_related: int = DEFAULT_MAX_RELATED
    file: Path | None = None
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)

    def rules(self) -> list[str]:
        """Rule ids to run: `enable` (or every rule) minus `disable`."""
        from factcheck.check.rules import RULES

        chosen = self.enable or tuple(RULES)
        return [r for r in chosen if r not in self.disable]

    def options(self) -> dict[str, Any]:
        """Options handed to the rules (`tolerance` is reserved: no rule reads it yet)."""
        found: dict[str, Any] = {"max_related": self.max_related}
        if self.tolerance is not None:
            found["tolerance"] = self.tolerance
        return found


def attr(key: str) -> str:
    """The Config attribute of a config key (`fail-on` -> `fail_on`)."""
    return key.replace("-", "_")


def _str_list(key: str, value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v for v in items):
        raise ConfigError(f"{key} must be a list of strings, not {value!r}", where)
    return tuple(items)


def _choice(options: tuple[str, ...]) -> Callable[[str, Any, str], str]:
    def check(key: str, value: Any, where: str) -> str:
        if value not in options:
            raise ConfigError(f"{key} must be one of {', '.join(options)}, not {value!r}", where)
        return value
    return check


def _formats() -> tuple[str, ...]:
    from factcheck.report import FORMAT_NAMES

    return ("auto", *FORMAT_NAMES)


def _format(key: str, value: Any, where: str) -> str:
    return _choice(_formats())(key, value, where)


def _rule_ids(key: str, value: Any, where: str) -> tuple[str, ...]:
    from factcheck.check.rules import RULES

    ids = tuple(i.strip() for v in _str_list(key, value, where) for i in v.split(",") if i.strip())
    for rule in ids:
        if rule not in RULES:
            raise ConfigError(f"{key} names unknown rule {rule!r}", where,
                              f"rules are {', '.join(RULES)}")
    return ids


def _tolerance(key: str, value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(f"{key} must be a number >= 0, not {value!r}", where)
    return float(value)


def _encoding(key: str, value: Any, where: str) -> str:
    try:
        codecs.lookup(value)
    except (LookupError, TypeError):
        raise ConfigError(f"{key} names no known encoding: {value!r}", where) from None
    return value


def _max_bytes(key: str, value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{key} must be a whole number of bytes > 0, not {value!r}", where)
    return value


def _max_related(key: str, value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{key} must be a whole number >= 0 (0: no limit), not {value!r}", where)
    return value


#: Every config key, named like its long option, with its validator.
KEYS: dict[str, Callable[[str, Any, str], Any]] = {
    "claims": _str_list, "fail-on": _choice(FAIL_ON), "format": _format,
    "enable": _rule_ids, "disable": _rule_ids, "tolerance": _tolerance,
    "include": _str_list, "exclude": _str_list, "ignore": _str_list,
    "encoding": _encoding, "max-bytes": _max_bytes, "max-related": _max_related,
}


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest .factcheck.toml, or pyproject.toml with [tool.factcheck], from `start` upward."""
    for folder in (start, *start.parents):
        dot = folder / DOT_FILE
        if dot.is_file():
            return dot, _read_toml(dot)
        py = folder / "pyproject.toml"
        if py.is_file() and "factcheck" in py.read_text("utf-8", errors="replace"):
            table = _read_toml(py).get("tool", {}).get("factcheck")
            if table is not None:
                if not isinstance(table, dict):
                    raise ConfigError("[tool.factcheck] must be a table", str(py))
                return py, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when a config file exists: keeps it off the start-up path

    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"invalid TOML ({' '.join(str(exc).split())})", str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read ({exc.strerror or exc})", str(path)) from None


def _from_file(path: Path, table: dict[str, Any]) -> dict[str, Any]:
    """Validated values of a config table; `claims` made relative to the file's folder."""
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in KEYS:
            import difflib

            near = difflib.get_close_matches(key.replace("_", "-"), KEYS, n=1)
            hint = f"did you mean {near[0]!r}?" if near else f"known keys: {', '.join(KEYS)}"
            raise ConfigError(f"unknown key {key!r}", str(path), hint)
        values[key] = KEYS[key](key, raw, f"{path} key {key!r}")
    if "claims" in values:  # relative to the file; `builtin` names the shipped registry
        values["claims"] = tuple(Path(p) if p == "builtin" else path.parent / p
                                 for p in values["claims"])
    return values


def _from_cli(cli: Mapping[str, Any]) -> dict[str, Any]:
    """Validated CLI overrides; None (or an empty list) means 'not given'."""
    values: dict[str, Any] = {}
    for key, raw in cli.items():
        if raw is None or raw == [] or raw == ():
            continue
        if key == "claims":
            values[key] = tuple(Path(p) for p in raw)
            continue
        value = list(raw) if isinstance(raw, tuple) else raw
        values[key] = KEYS[key](f"--{key}", value, "")
    return values


def load_config(cli: Mapping[str, Any] | None = None, start: Path | None = None) -> Config:
    """Defaults, overridden by the nearest config file, overridden by CLI options."""
    found = find_config((start or Path.cwd()).resolve())
    origins = {key: DEFAULT for key in KEYS}
    values: dict[str, Any] = {}
    if found:
        file_values = _from_file(*found)
        values.update(file_values)
        origins.update({k: str(found[0]) for k in file_values})
    cli_values = _from_cli(cli or {})
    values.update(cli_values)
    origins.update({k: CLI for k in cli_values})
    return Config(**{attr(k): v for k, v in values.items()},
                  file=found[0] if found else None, origins=origins)
