"""What cannot be read is refused with one line naming the file and the reason; the rest is checked."""

from __future__ import annotations

import io
import json
import os
import random
import sys
import zipfile
from pathlib import Path

import pytest

from factcheck.text import document
from factcheck.text.read import DEFAULT_MAX_BYTES, decode, read_path
from factcheck.errors import InputError

from .conftest import FIXTURES, assert_one_error_line, snapshot

DRAFT = FIXTURES / "summary.md"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
       b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
       b"\x00\x00\x00IEND\xaeB`\x82")


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "试点企业768家" * 50)
    return buf.getvalue()


BINARIES = {
    "png": PNG,
    "zip": _zip(),
    "random": random.Random(5).randbytes(4096),
    "random-no-nul": random.Random(7).randbytes(300).replace(b"\x00", b"\x01"),
    "controls": bytes(range(1, 32)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
}


@pytest.mark.parametrize("kind", BINARIES)
def test_binary_drafts_are_refused(cli, tmp_path, kind):
    path = tmp_path / f"draft-{kind}.txt"
    path.write_bytes(BINARIES[kind])
    before = snapshot(tmp_path)
    code, out, err = cli("check", path, "--format", "json")
    assert code == 2
    line = assert_one_error_line(err, str(path))
    assert "not a text draft" in line or "not text" in line
    assert json.loads(out)["findings"] == []
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("data, needle", [
    (b"\xef\xbb\xbf\xe8\xaf\x95\xff", "not valid UTF-8 at byte 6"),
    (b"\xff\xfeA\x00B", "not valid UTF-16-LE at byte 4"),
    (b"\xfe\xff\xd8\x00\x00A", "not valid UTF-16-BE at byte 2"),
])
def test_undecodable_text_is_refused_with_the_byte(cli, tmp_path, data, needle):
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    code, _, err = cli("check", path)
    assert code == 2
    assert_one_error_line(err, str(path), needle, "--encoding")


def test_a_missing_path(cli, tmp_path):
    code, _, err = cli("check", tmp_path / "nope.md")
    assert code == 2
    assert_one_error_line(err, "nope.md", "no such file")


def test_extract_refuses_a_folder(cli, tmp_path):
    before = snapshot(tmp_path)
    code, _, err = cli("extract", tmp_path, "--output", tmp_path / "out.json")
    assert code == 2
    assert_one_error_line(err, str(tmp_path), "folder")
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode")
def test_permission_denied_for_real(cli, tmp_path):
    path = tmp_path / "secret.md"
    path.write_text("试点企业786家。", "utf-8")
    path.chmod(0)
    try:
        code, _, err = cli("check", path)
    finally:
        path.chmod(0o600)
    assert code == 2
    assert_one_error_line(err, str(path), "permission denied")


def test_permission_denied_simulated(cli, tmp_path, monkeypatch):
    path = tmp_path / "secret.md"
    path.write_text("试点企业786家。", "utf-8")
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self.name == "secret.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    code, _, err = cli("check", path)
    assert code == 2
    assert_one_error_line(err, str(path), "permission denied")


def test_a_file_over_the_limit(cli, tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(DRAFT.read_bytes() * 3)
    code, _, err = cli("check", path, "--max-bytes", "1000")
    assert code == 2
    assert_one_error_line(err, str(path), "over the limit of 1000 bytes", "--max-bytes")
    with pytest.raises(InputError, match="over the limit"):
        read_path(path, max_bytes=path.stat().st_size - 1)
    assert read_path(path, max_bytes=path.stat().st_size).text == (DRAFT.read_text("utf-8") * 3)
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024


def test_reading_is_bounded_even_without_a_size(tmp_path):
    """A device or pipe has no size up front: read no more than the limit allows."""
    with pytest.raises(InputError, match="over the limit"):
        read_path(Path("/dev/zero"), max_bytes=4096)


def test_one_bad_file_does_not_stop_the_others(cli, tmp_path):
    good1, good2 = tmp_path / "a.md", tmp_path / "c.md"
    good1.write_bytes(DRAFT.read_bytes())
    good2.write_bytes(DRAFT.read_bytes())
    bad = tmp_path / "b.md"
    bad.write_bytes(PNG)
    code, out, err = cli("check", tmp_path, "--format", "json")
    assert code == 2
    assert_one_error_line(err, str(bad))
    report = json.loads(out)
    assert {f["path"] for f in report["findings"]} == {str(good1), str(good2)}
    code, out, err = cli("check", good1, tmp_path / "missing.md", good2, "--format", "json")
    assert code == 2
    assert_one_error_line(err, "missing.md")
    assert {f["path"] for f in json.loads(out)["findings"]} == {str(good1), str(good2)}


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\n\n\r\n  \t\n",
                                  "。，、；：？！“”《》（）……——".encode(), "。，！".encode("gbk"),
                                  "\u3000\u3000。\n".encode("utf-16")])
def test_empty_and_punctuation_only_drafts(cli, tmp_path, data):
    path = tmp_path / "empty.md"
    path.write_bytes(data)
    code, out, err = cli("check", path, "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["findings"] == []
    code, out, err = cli("check", "-", "--format", "json", stdin=data)
    assert (code, err) == (0, "")
    assert json.loads(out)["findings"] == []


def test_binary_on_stdin(cli):
    code, out, err = cli("check", "-", stdin=PNG)
    assert code == 2
    assert_one_error_line(err, "PNG")


def test_closed_stdin(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    code, _, err = cli("check", "-")
    assert code == 2
    assert_one_error_line(err, "standard input")


def test_unknown_encoding_option(cli, tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(DRAFT.read_bytes())
    code, _, err = cli("check", path, "--encoding", "no-such-codec")
    assert code == 2
    assert_one_error_line(err, "no-such-codec")


def test_decode_names_what_it_is(tmp_path):
    with pytest.raises(InputError, match="PNG image is not a text draft"):
        decode(PNG, "x.png")
    with pytest.raises(InputError, match="ZIP archive"):
        decode(_zip(), "x.docx")


def test_unwritable_output_is_one_line(cli, tmp_path):
    draft = tmp_path / "a.md"
    draft.write_bytes(DRAFT.read_bytes())
    folder = tmp_path / "out"
    folder.mkdir()
    before = snapshot(tmp_path)
    code, out, err = cli("check", draft, "--output", folder)
    assert code == 2
    assert_one_error_line(err, str(folder))
    assert snapshot(tmp_path) == before


def test_over_long_path_is_one_line(cli):
    code, _, err = cli("check", "a" * 300 + ".md")
    assert code == 2
    assert_one_error_line(err, "aaaa")


def test_surrogates_do_not_break_normalisation():
    """A command-line argument with undecodable bytes arrives with lone surrogates."""
    text = "試點\udcff企業768家"
    norm = document.normalise(text)
    assert len(norm) == len(text)
    assert norm.startswith("试点") and norm.endswith("企业768家")
