"""Property tests: no input makes the reader, the document or the checker fail, or point outside the text.

Run harder with HYPOTHESIS_PROFILE=dev (500 examples a test) or bench/fuzz.py (100 000 in all).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from hypothesis import assume, currently_in_test_context, event, given, note
from hypothesis import strategies as st

from factcheck.text.charset import looks_misread
from factcheck.check.checker import check
from factcheck.text.document import Document, normalise
from factcheck.text.read import decode
from factcheck.errors import FactcheckError
from factcheck.registry.extract import extract_claims
from factcheck.quantity import read_quantities
from factcheck.quantity.model import KINDS

from .conftest import ARTICLE

#: Characters that matter to the reader: numerals, magnitudes, qualifiers, units, marks, breaks.
POOL = ("0123456789０１２３４５６７８９一二三四五六七八九十百千万亿两零〇廿卅点余多几近约超过逾"
        "萬億點兩壹贰叁拾佰仟%％‰.,，。、；：！？“”‘’《》()（）-—~～至到年月日时第倍成折个家人名元亿元"
        "美元次项位\r\n \t\u3000eEk^+")
SENTENCES = [s for ln in ARTICLE.read_text("utf-8").splitlines()
             for s in re.split(r"(?<=[。！？；])", ln) if s.strip()]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk",
             "gb2312", "big5", "cp950", "big5hkscs", "latin-1", "cp1252", "shift_jis", "euc-kr",
             "ascii", "idna", "punycode", "utf-7", "rot13", "base64", "raw_unicode_escape",
             "unicode_escape", "no-such-codec"]


@lru_cache(maxsize=1)
def registry():
    from factcheck.registry.store import load

    return load()


@st.composite
def mutated(draw) -> str:
    """One to three article sentences with digits changed and characters inserted, dropped or repeated."""
    parts = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
    chars = list(draw(st.sampled_from(["", "\n", "\r\n", "\r", "\n\n"])).join(parts))
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["digit", "digit", "insert", "delete", "repeat", "swap"]))
        i = draw(st.integers(0, max(len(chars) - 1, 0)))
        digits = [k for k, ch in enumerate(chars) if ch.isdigit()]
        if op == "digit" and digits:
            chars[draw(st.sampled_from(digits))] = draw(st.sampled_from("0123456789０５９一七万亿点"))
        elif op == "insert":
            chars[i:i] = draw(st.text(st.sampled_from(POOL), min_size=1, max_size=4))
        elif op == "delete" and chars:
            del chars[i:i + draw(st.integers(1, 3))]
        elif op == "repeat" and chars:
            chars[i:i] = chars[i:i + draw(st.integers(1, 12))] * draw(st.integers(1, 3))
        elif op == "swap" and len(chars) > 1:
            j = draw(st.integers(0, len(chars) - 1))
            chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


ANY_TEXT = st.text()  # every code point but surrogates
POOL_TEXT = st.text(st.sampled_from(POOL) | st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80),
                    max_size=80)
DRAFTS = st.one_of(ANY_TEXT, POOL_TEXT, mutated())
PATHS = st.sampled_from(["draft.txt", "draft.md"])


def assert_findings_inside(doc: Document, findings) -> None:
    """Every finding lies inside the text and quotes exactly the characters it points at."""
    inside = currently_in_test_context()
    if inside:
        event(f"findings: {min(len(findings), 3)}{'+' if len(findings) >= 3 else ''}")
    for f in findings:
        if inside:
            note(repr(f))
        assert 1 <= f.line <= f.end_line <= doc.line_count
        line = doc.line_text(f.line)
        assert 1 <= f.column <= len(line) + 1
        if f.end_line == f.line:
            assert f.column <= f.end_column <= len(line) + 1
            assert f.text == line[f.column - 1:f.end_column - 1]
        else:
            assert 1 <= f.end_column <= len(doc.line_text(f.end_line)) + 1
            start = doc.line_starts[f.line - 1] + f.column - 1
            end = doc.line_starts[f.end_line - 1] + f.end_column - 1
            assert f.text == doc.text[start:end]


def assert_quantities_inside(text: str, found) -> None:
    """Quantities in order, without overlaps, each quoting its own span of the text."""
    end = 0
    for q in found:
        note(repr(q))
        assert end <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert q.kind in KINDS
        assert q.value is None or isinstance(q.value, (Decimal, str))
        for bound in (q.low, q.high):
            assert bound is None or (isinstance(bound, Decimal) and bound.is_finite())
        end = q.end


@given(DRAFTS, st.none() | st.integers(1900, 2100))
def test_quantity_reader(text, ref_year):
    assert_quantities_inside(text, read_quantities(text, ref_year))


@given(st.binary(max_size=300), st.none() | st.sampled_from(ENCODINGS))
def test_decode_random_bytes(data, encoding):
    try:
        text, enc = decode(data, "draft.txt", encoding)
    except FactcheckError:
        return
    assert isinstance(text, str) and isinstance(enc, str)
    Document("draft.txt", text)


@given(DRAFTS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decode_never_loses_a_word(text, enc):
    """Unicode text comes back exactly, whatever its encoding, or is refused as binary."""
    assume(not (enc == "utf-16" and text.startswith("\x00")))  # FF FE 00 00: the UTF-32 LE mark
    # Deliberate: two or more letters hopping between scripts below U+0800, and no hanzi, are
    # taken for GBK or Big5 bytes that happen to be valid UTF-8 (师 is CA A6, UTF-8 for ʦ).
    assume(not (enc == "utf-8" and looks_misread(text)))
    try:
        got, _ = decode(text.encode(enc), "draft.txt")
    except FactcheckError as exc:
        assert "not a text draft" in exc.what  # only text full of control characters
        return
    assert got == text.removeprefix("\ufeff") if enc == "utf-8" else got == text


@given(st.text(st.characters(exclude_categories=())) | DRAFTS)
def test_document_positions(text):
    doc = Document("draft.txt", text)
    assert doc.line_count == len(re.split(r"\r\n|\r|\n", text))
    assert len(doc.norm) == len(text) == len(normalise(text))
    for line in range(1, doc.line_count + 1):
        body = doc.line_text(line)
        assert "\r" not in body and "\n" not in body
        start = doc.line_starts[line - 1]
        assert text[start:start + len(body)] == body
        for col in (1, len(body) + 1):
            assert doc.position(start + col - 1) == (line, col)


@given(DRAFTS, PATHS)
def test_check_text(text, path):
    doc = Document(path, text)
    assert_findings_inside(doc, check(doc, registry()))


@given(DRAFTS, st.none() | st.integers(1900, 2100))
def test_extract_text(text, ref_year):
    """What `factcheck extract` reads from an article: claims inside the text, ids unique."""
    doc = Document("article.txt", text)
    claims = extract_claims(doc, "src", ref_year)
    assert len({c.id for c in claims}) == len(claims)
    for c in claims:
        assert 0 <= c.start < c.end <= len(text) and c.text == text[c.start:c.end]
        assert doc.position(c.start) == (c.line, c.column)


@given(st.binary(max_size=400) | mutated().map(lambda s: s.encode("gb18030")), PATHS)
def test_check_bytes(data, path):
    try:
        text, enc = decode(data, path)
    except FactcheckError:
        return
    doc = Document(path, text, enc)
    assert_findings_inside(doc, check(doc, registry()))


def test_repeated_amounts_found_by_fuzzing():
    """Found by bench/fuzz.py: 3.03亿3.03亿… reads as one 33-digit amount; stays exact."""
    doc = Document("draft.txt", "累计创造经济效益达3.03亿3.03亿3.03亿3.03亿元。")
    assert_findings_inside(doc, check(doc, registry()))
