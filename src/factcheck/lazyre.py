"""Regular expressions compiled on first use.

Compiling a pattern with a large character class costs up to 2 ms (the `re` module walks
every character of a range like \\u4e00-\\u9fff); a one-paragraph check needs only about a
third of the patterns its modules define, so the rest are wrapped in `lazy` and compiled
only by a run that uses them. After the first use the compiled pattern's methods are found
on the object directly (no `__getattr__` call), so hot loops pay nothing.
"""

from __future__ import annotations

import re
from typing import Any

#: The attributes of a compiled pattern copied onto a `lazy` on first use.
_ATTRS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
          "scanner", "pattern", "flags", "groups", "groupindex")


class lazy:  # noqa: N801 (used like re.compile)
    """`re.compile(pattern, flags)`, done when an attribute is first read. Call its methods
    (`P.search(text)`), not `re.search(P, text)`."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        compiled = self.compiled = re.compile(*self._args)
        self.__dict__.update((a, getattr(compiled, a)) for a in _ATTRS)
        return getattr(compiled, name)
