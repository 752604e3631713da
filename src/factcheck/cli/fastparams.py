"""Option coercion without pydantic for plain str/int/float/Path (and lists of them) options.

typer (0.29) coerces every option value through a pydantic TypeAdapter, built when the
command runs; importing pydantic and building the adapters costs ~100 ms, most of the
start-up of `factcheck check`. `FastCommand` gives each plain parameter a converter that
returns what typer's adapter returns for ordinary input (a digit string for an int, any
non-empty text for a Path …) and hands anything else, errors included, to typer's own
adapter, so results and messages stay typer's. If typer's internals ever change shape,
nothing is installed and typer works as it always does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, get_args, get_origin

import typer.core

try:  # private typer API (0.29); without it FastCommand is a plain TyperCommand
    from typer._coercion import RuntimeParam, build_runtime_param
    from typer._param_types import coerce_cli_path
except ImportError:  # pragma: no cover
    RuntimeParam = None  # type: ignore[assignment,misc]

_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class _Slow(Exception):
    """The value is not plain: typer's adapter decides."""


Convert = Callable[[Any, Any, Any], Any]


def _text(value: Any) -> bool:
    """Plain text: a str that is valid Unicode (no lone surrogates from undecodable argv)."""
    if type(value) is not str:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _str(value: Any, param: Any, ctx: Any) -> Any:
    if _text(value):
        return value
    raise _Slow


def _bool(value: Any, param: Any, ctx: Any) -> Any:
    if type(value) is bool:
        return value
    raise _Slow


def _int(value: Any, param: Any, ctx: Any) -> Any:
    if type(value) is int or (type(value) is str and _INT.fullmatch(value) and len(value) < 19):
        return int(value)
    raise _Slow


def _float(value: Any, param: Any, ctx: Any) -> Any:
    if type(value) is float or (type(value) is str and _FLOAT.fullmatch(value)
                                and len(value) < 16):
        return float(value)
    raise _Slow


def _path(info: Any) -> Convert:
    def convert(value: Any, param: Any, ctx: Any) -> Any:
        if _text(value) and value and "\x00" not in value:
            # typer validates with TypeAdapter(Path) and then checks the path's flags;
            # a Path already is one, so coerce_cli_path goes straight to the checks.
            return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        raise _Slow
    return convert


def _leaf(annotation: Any, info: Any) -> Convert | None:
    """A converter for a plain annotation with no constraints, else None."""
    if info.parser is not None or getattr(info, "click_type", None) is not None:
        return None
    if annotation is str:
        return _str
    if annotation is bool:
        return _bool
    if annotation is int and info.min is None and info.max is None:
        return _int
    if annotation is float and info.min is None and info.max is None:
        return _float
    if annotation is Path and info.path_type is None and not info.resolve_path:
        return _path(info)
    return None


def _converter(annotation: Any, info: Any) -> Convert | None:
    if get_origin(annotation) is list:
        args = get_args(annotation)
        item = _leaf(args[0], info) if len(args) == 1 else None
        if item is None:
            return None

        def convert_list(value: Any, param: Any, ctx: Any) -> Any:
            if not isinstance(value, (list, tuple)):
                value = [value]
            return [item(v, param, ctx) for v in value]
        return convert_list
    return _leaf(annotation, info)


if RuntimeParam is not None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class FastRuntimeParam(RuntimeParam):  # type: ignore[misc,valid-type]
        """Plain values converted here; anything else by typer's own adapter."""

        convert: Convert = _str

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value, param, ctx)
            except _Slow:
                real = build_runtime_param(param.type_descriptor)
                param._runtime_param = real
                return real._coerce_value(value, param=param, ctx=ctx)


def install(params: list[Any]) -> None:
    """Give each plain typer parameter the fast converter (others keep typer's)."""
    if RuntimeParam is None:
        return
    for p in params:
        desc = getattr(p, "type_descriptor", None)
        if desc is None or getattr(p, "_runtime_param", 0) is not None or desc.file_annotation:
            continue
        convert = _converter(desc.annotation, desc.parameter_info)
        if convert is not None:
            p._runtime_param = FastRuntimeParam(desc.parameter_info, desc.annotation,
                                                convert=convert)


class _Fast:
    """Coerce a command's own options, and its --help, without pydantic."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        install(self.params)  # type: ignore[attr-defined]

    def get_help_option(self, ctx: Any) -> Any:
        """typer's --help option, with the fast converter too (None when there is none)."""
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            install([option])
        return option


def _usage_name(param: Any) -> str:
    """An argument in the usage line as docopt writes it: NAME, [NAME] or [NAME]..."""
    name = param.metavar or param.name.upper()
    name = name if param.required else f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


def tidy_help(command: Any) -> None:
    """Help without typer's type labels (<bool>, <list[str]>, {article}): a flag shows no
    value, an option or argument its metavar or upper-case name; every subcommand too."""
    for p in getattr(command, "params", ()):
        if isinstance(p, typer.core.TyperArgument):
            p.display_type_rich = lambda ctx: None
            p._usage_display_name = lambda p=p: _usage_name(p)
            p._rich_display_name = lambda p=p: p.metavar or p.name.upper()
        elif p.metavar is None:
            p.metavar = "" if getattr(p, "is_flag", False) else (p.name or "value").upper()
    original = command.get_help_option

    def help_option(ctx: Any) -> Any:
        option = original(ctx)
        if option is not None:
            option.metavar = ""
        return option
    command.get_help_option = help_option
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub)


class FastCommand(_Fast, typer.core.TyperCommand):
    """A TyperCommand whose plain options are coerced without pydantic."""


class FastGroup(_Fast, typer.core.TyperGroup):
    """A TyperGroup whose own options (--version, --help) are coerced without pydantic."""


def speed_up(app: typer.Typer) -> None:
    """Build `app`'s group as a FastGroup unless it names its own class."""
    if app.info.cls is None or getattr(app.info.cls, "value", 0) is None:
        app.info.cls = FastGroup
