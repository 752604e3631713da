"""Regular expressions compiled on first use, from compiled code kept in the cache folder.

Compiling a pattern with a large character class costs up to 2 ms (the `re` module walks
every character of a range like \\u4e00-\\u9fff): compiling the patterns factcheck's modules
define was a third of the CPU time of a one-paragraph check. Patterns made with `lazy` are
compiled only by a run that uses them, and then from the code `re` compiled for them in an
earlier run (the blob "regex" in the cache folder, keyed by the interpreter's version and
its regex engine's; missing patterns are compiled as usual and added at exit). The result is
the pattern `re.compile` returns (same code, flags and groups); when the cache is off or the
interpreter's `re` internals differ, patterns are compiled by `re.compile` itself.

After the first use the compiled pattern's methods are found on the object directly (no
`__getattr__` call), so hot loops pay nothing.
"""

from __future__ import annotations

import re
import sys
from typing import Any

#: The attributes of a compiled pattern copied onto a `lazy` on first use.
_ATTRS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
          "scanner", "pattern", "flags", "groups", "groupindex")
#: Compiled code by (pattern, flags): the arguments of `_sre.compile` after the pattern.
_codes: dict[tuple[str, int], tuple[Any, ...]] | None = None
_added = False
_keep = True
#: More entries than this and the blob is started afresh (patterns of older versions).
_MAX_ENTRIES = 2000


class lazy:  # noqa: N801 (used like re.compile)
    """`re.compile(pattern, flags)`, done when an attribute is first read. Call its methods
    (`P.search(text)`), not `re.search(P, text)`."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = self.compiled = compile(*self._args)
        self.__dict__.update((a, getattr(compiled, a)) for a in _ATTRS)
        return getattr(compiled, name)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001
    """`re.compile(pattern, flags)`, from the cached compiled code when there is some."""
    global _codes, _added
    flags = int(flags)
    try:
        import _sre

        if _codes is None:
            _codes = _load()
        args = _codes.get((pattern, flags))
        if args is not None:
            return _sre.compile(pattern, *args)
        compiled = re.compile(pattern, flags)
        if not _keep:  # caching is off: nothing to keep
            return compiled
        args = _compiled_code(pattern, flags)
        kept = _sre.compile(pattern, *args)
        if kept == compiled and (kept.groups, kept.groupindex) == (compiled.groups,
                                                                   compiled.groupindex):
            _codes[(pattern, flags)] = args  # the same code, flags and groups as re's
            if not _added:
                import atexit

                _added = True
                atexit.register(_save)
        return compiled
    except Exception:  # an interpreter whose re internals differ
        return re.compile(pattern, flags)


def _compiled_code(pattern: str, flags: int) -> tuple[Any, ...]:
    """What re._compiler.compile hands _sre.compile after the pattern (CPython 3.11-3.13)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (flags | p.state.flags, list(map(int, code)), p.state.groups - 1, groupindex,
            tuple(indexgroup))


def _key() -> str:
    import _sre

    return f"{sys.version} {_sre.MAGIC} {_sre.CODESIZE}"


def _load() -> dict[tuple[str, int], tuple[Any, ...]]:
    """The kept compiled code ({} if there is none; nothing is kept when caching is off)."""
    global _keep
    import marshal

    from factcheck.registry import cache

    _keep = cache.cache_dir() is not None
    blob = cache.read_blob("regex", _key())
    try:
        codes = marshal.loads(blob) if blob else {}
        return codes if isinstance(codes, dict) else {}
    except Exception:
        return {}


def _save() -> None:
    """Keep the compiled code of every pattern compiled so far (at exit, when some were new)."""
    import marshal

    from factcheck.registry import cache

    if _codes is None or not cache.writable():
        return
    codes = _codes if len(_codes) <= _MAX_ENTRIES else {}
    try:
        cache.write_blob("regex", _key(), marshal.dumps(codes))
    except Exception:
        pass
