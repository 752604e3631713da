"""The Document: decoded text, a same-length normalised copy, offset <-> (line, column)."""

from __future__ import annotations

import bisect
import re
from array import array
from functools import cached_property, lru_cache

from factcheck.lazyre import lazy
from factcheck.records import dataclass, field

#: Full-width ASCII variants folded to ASCII. The full-width comma (，) is kept on purpose:
#: folding it would glue "768，130" into a thousands-separated number.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
_FULLWIDTH[0x3000] = 0x20
_FULLWIDTH_RE = lazy("[" + "".join(map(chr, sorted(_FULLWIDTH))) + "]")

_SURROGATE = lazy("[\ud800-\udfff]")
#: A line ends at \r\n, \n or a lone \r.
_LINE_BREAK = re.compile("\r\n?|\n")


@dataclass(frozen=True)
class Document:
    """Decoded text with a same-length normalised copy and a line index."""

    path: str
    text: str
    encoding: str = "utf-8"
    #: The number of the text's first line: a part of a larger draft (checked in batches)
    #: counts its lines as the draft does in `position`; `offset` and `line_text` take the
    #: text's own line numbers, from 1.
    first_line: int = 1
    line_starts: array = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # An array of machine integers: a tuple of ints costs 36 bytes a line, this 8.
        starts = array("q", [0])
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.text))
        object.__setattr__(self, "line_starts", starts)

    @cached_property
    def norm(self) -> str:
        """The text with full-width forms folded and traditional script simplified, same length."""
        return normalise(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a 0-based character offset; columns count code points
        (lines counted from `first_line`)."""
        idx = bisect.bisect_right(self.line_starts, offset) - 1
        return idx + self.first_line, offset - self.line_starts[idx] + 1

    def offset(self, line: int, column: int) -> int:
        """0-based offset in `text` of a 1-based (line, column)."""
        return self.line_starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def part(self, first: int, end: int) -> "Document":
        """Lines [first, end) of the text (0-based, with their line breaks) as a document of its
        own that numbers its lines as this one does."""
        start = self.line_starts[first]
        stop = self.line_starts[end] if end < len(self.line_starts) else len(self.text)
        out = Document(self.path, self.text[start:stop], self.encoding, self.first_line + first)
        out.__dict__["norm"] = self.norm[start:stop]  # this text's, not normalised anew
        return out

    @property
    def line_count(self) -> int:
        """Number of lines."""
        return len(self.line_starts)


def normalise(text: str) -> str:
    """Fold full-width ASCII and convert traditional to simplified script, keeping every offset."""
    folded = translate(text, _FULLWIDTH, _FULLWIDTH_RE)
    if not any("\u3400" <= ch <= "\u9fff" for ch in folded):
        return folded
    return _simplify(folded)


def translate(text: str, table: dict[int, int], chars: re.Pattern[str]) -> str:
    """`text.translate(table)` for a table of characters to characters, `chars` matching its
    keys: each character found is replaced at once (str.translate looks up every character;
    on 1 MB of Chinese that is 20 ms, this 2 ms)."""
    for ch in set(chars.findall(text)):
        text = text.replace(ch, chr(table[ord(ch)]))
    return text


def _simplify(text: str) -> str:
    """OpenCC t2s, applied so the result has exactly the input's length."""
    if _SURROGATE.search(text):  # OpenCC takes UTF-8, which cannot hold a lone surrogate
        text = _SURROGATE.sub("\ufffd", text)
    changing = _t2s_chars()
    if changing is not None and changing.isdisjoint(text):
        return text  # nothing OpenCC would change: skip loading it (a fifth of start-up)
    out = _opencc().convert(text)
    if len(out) == len(text):
        return out
    # Rare phrase conversions change length: redo line by line, and char by char where needed.
    return "".join(_simplify_line(line) for line in text.splitlines(keepends=True))


def _simplify_line(line: str) -> str:
    out = _opencc().convert(line)
    return out if len(out) == len(line) else "".join(_char_t2s(ch) for ch in line)


@lru_cache(maxsize=4096)
def _char_t2s(ch: str) -> str:
    conv = _opencc().convert(ch)
    return conv if len(conv) == 1 else ch


@lru_cache(maxsize=1)
def _t2s_chars() -> frozenset[str] | None:
    """Every character t2s may change (text/t2s_chars.py), or None when the installed OpenCC's
    dictionaries are not the ones it was built from (then every text is converted)."""
    import importlib.util
    import os

    from factcheck.text import t2s_chars

    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        return None
    share = os.path.join(spec.submodule_search_locations[0], "clib", "share", "opencc")
    for name, size in t2s_chars.FILES.items():
        try:
            if os.stat(os.path.join(share, name)).st_size != size:
                return None
        except OSError:
            return None
    return frozenset(t2s_chars.CHARS)


@lru_cache(maxsize=1)
def _opencc():
    import opencc  # only here: the one OpenCC import

    return opencc.OpenCC("t2s.json")
