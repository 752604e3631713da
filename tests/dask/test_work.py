"""Workers read drafts from paths or fsspec URLs, decoded and bounded as `factcheck check` reads files."""

from __future__ import annotations

import pytest

from factcheck.dask import work
from factcheck.errors import InputError

fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def memory_files():
    """Drafts in fsspec's in-memory file system, removed afterwards."""
    fs = fsspec.filesystem("memory")
    fs.pipe({"/d20/utf8.txt": "全市累计培育试点企业786家。".encode("utf-8"),
             "/d20/gbk.txt": "全市累计培育试点企业786家。".encode("gb18030"),
             "/d20/big.txt": b"x" * 2000})
    yield
    fs.rm("/d20", recursive=True)


@pytest.mark.parametrize(("name", "encoding"), [("utf8.txt", "utf-8"), ("gbk.txt", "gb18030")])
def test_a_url_is_read_through_fsspec_and_decoded(memory_files, name, encoding):
    doc = work.read((name, f"memory://d20/{name}"), work.Settings())
    assert (doc.path, doc.text, doc.encoding) == (name, "全市累计培育试点企业786家。", encoding)


@pytest.mark.parametrize(("where", "what"), [
    ("memory://d20/big.txt", "file is over the limit of 1000 bytes"),
    ("memory://d20/missing.txt", "cannot read"),
])
def test_a_url_that_cannot_be_read_is_an_input_error(memory_files, where, what):
    with pytest.raises(InputError) as caught:
        work.read(("draft.txt", where), work.Settings(max_bytes=1000))
    assert caught.value.what.startswith(what) and caught.value.where == "draft.txt"
