"""Word segmentation with part-of-speech tags: the only jieba import, loaded on first use.

Only `extract` (building a registry from a source article) segments text; checking a draft
reads the registry's vocabulary instead, so the check path never loads jieba's dictionary.
"""

from __future__ import annotations

from functools import lru_cache

from factcheck.records import dataclass


@dataclass(frozen=True, slots=True)
class Token:
    """A word, its part-of-speech flag (jieba's ICTCLAS tags) and its span in the text."""

    word: str
    flag: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _posseg():
    import logging  # here, not at import: start-up

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


def tokens(text: str) -> list[Token]:
    """Segment `text` into tagged tokens with character offsets."""
    out: list[Token] = []
    pos = 0
    for pair in _posseg().cut(text, HMM=True):
        word, flag = pair.word, pair.flag
        out.append(Token(word, flag, pos, pos + len(word)))
        pos += len(word)
    return out
