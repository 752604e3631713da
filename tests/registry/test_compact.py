"""index.compact: the text as name slots compare it, with each character's offset."""

from __future__ import annotations

from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.registry import index


def one_at_a_time(text: str, opening: str = "") -> tuple[str, array]:
    """What `compact` gives, read a character at a time."""
    chars, where = list(opening), array("q", [0] * len(opening))
    for i, ch in enumerate(text):
        if ch in index._SKIP:
            continue
        c = "|" if ch in index._CLAUSE else "。" if ch in index._STOP \
            else '"' if ch in index._QUOTES else ch
        if c in "|。" and chars and chars[-1] == c:
            continue
        chars.append(c)
        where.append(i)
    return "".join(chars), where


MARKS = sorted(index._SKIP | index._CLAUSE | index._STOP | index._QUOTES) + ["|", "。", "a", "中"]


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(MARKS) | st.characters(), max_size=30),
       st.sampled_from(["", "|", "。", '"', "a"]))
def test_runs_at_a_time_give_what_one_character_at_a_time_gives(text: str, opening: str) -> None:
    assert index.compact(text, opening) == one_at_a_time(text, opening)


def test_repeated_marks_and_spaces_are_left_out() -> None:
    assert index.compact("，，甲 。 。乙", "|") == ("|甲。乙", array("q", [0, 2, 4, 7]))


def test_a_mark_after_the_same_opening_mark_is_left_out() -> None:
    for text in ("。甲 乙", "。甲", "，甲 乙"):
        for opening in ("。", "|"):
            assert index.compact(text, opening) == one_at_a_time(text, opening)
