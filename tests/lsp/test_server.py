"""The language server end to end over stdio: open, change, code action, hover, configuration
change, shutdown; positions in the negotiated encoding."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.lsp.session import Session, spans, types

#: lsprotocol's DiagnosticSeverity.Error and .Warning (an IntEnum, equal to its numbers), so
#: that collecting the file does not import lsprotocol
ERROR, WARNING = 1, 2
WRONG = "全市累计培育试点企业786家。\n"
UNSTATED = "每万名劳动者中高技能人才数达1330名。\n"


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One server for the tests that need no configuration or encoding of their own (starting
    one costs about a second of CPU): each opens documents of names of its own, so what one
    test publishes never answers another's wait; the file's last test shuts it down. Yields
    (session, run)."""
    loop = asyncio.new_event_loop()
    session = Session(tmp_path_factory.mktemp("lsp"))
    loop.run_until_complete(session.__aenter__())
    try:
        yield session, loop.run_until_complete
    finally:
        try:
            loop.run_until_complete(session.__aexit__(None, None, None))
        finally:
            loop.close()


def test_open_publishes_diagnostics_with_source_and_related_sentence(shared):
    s, run = shared

    async def go():
        assert s.init.capabilities.position_encoding == "utf-16"
        p = await s.diagnostics(s.open("open.md", WRONG + UNSTATED))
        assert spans(p) == [("figure-mismatch", 0, 10, 14, ERROR),
                            ("unsupported-figure", 1, 14, 19, WARNING)]
        first = p.diagnostics[0]
        assert first.source == "factcheck" and first.message.startswith("digits transposed")
        [rel] = first.related_information
        assert rel.location.uri.endswith("claims/articles/workercn-2023-04-03.txt")
        assert (rel.location.range.start.line, rel.location.range.start.character,
                rel.location.range.end.character) == (17, 57, 61)
        assert "(2023-04-03), line 18: " in rel.message and "768家" in rel.message
        assert p.diagnostics[1].related_information is None
    run(go())


@pytest.mark.parametrize("encodings, expected", [
    (None, (12, 16)),              # UTF-16 by default: 𠮷 counts 2
    (["utf-32"], (11, 15)),        # code points
    (["utf-8"], (34, 40)),         # bytes: 𠮷 4, each hanzi 3, each digit 1
])
def test_columns_in_the_negotiated_encoding(shared, tmp_path, encodings, expected):
    async def columns(s: Session) -> None:
        p = await s.diagnostics(s.open("columns.md", "𠮷全市累计培育试点企业786家。\n"))
        [d] = p.diagnostics
        assert (d.range.start.character, d.range.end.character) == expected
        # the quick fix's edit is in the same units
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=p.uri), range=d.range,
            context=types.CodeActionContext(diagnostics=[d])))
        [edit] = actions[0].edit.changes[p.uri]
        assert (edit.range.start.character, edit.new_text) == (expected[0], "768家")

    if encodings is None:  # the shared server offered no encodings either: UTF-16
        s, on_shared = shared
        assert s.encodings is None
        on_shared(columns(s))
        return

    async def go():
        async with Session(tmp_path, encodings) as s:
            await columns(s)
    run(go())


def test_changes_publish_for_the_newest_version_only(shared):
    s, run = shared

    async def go():
        uri = s.open("changes.md", WRONG)
        await s.diagnostics(uri, 1)
        seen = len(s.published)
        texts = [WRONG.replace("786", d) for d in ("7", "76", "768", "7680", "768")]
        for text in texts:
            last = s.change(uri, text)
        p = await s.diagnostics(uri, last, after=seen)
        assert list(p.diagnostics) == []
        versions = [q.version for q in s.published[seen:] if q.uri == uri]
        assert versions == sorted(versions) and versions[-1] == last
        # an incremental edit: 768 -> 786 again, in UTF-16 units
        rng = types.Range(start=types.Position(line=0, character=10),
                          end=types.Position(line=0, character=13))
        version = s.change(uri, "786", rng)
        p = await s.diagnostics(uri, version)
        assert spans(p) == [("figure-mismatch", 0, 10, 14, ERROR)]
    run(go())


@pytest.mark.parametrize("name, language, comment", [
    ("d.md", "markdown", " <!-- factcheck-disable-line figure-mismatch -->"),
    ("d.txt", "plaintext", "  # factcheck: disable-line figure-mismatch"),
])
def test_code_actions_fix_and_suppress(shared, name, language, comment):
    s, run = shared

    async def go():
        uri = s.open(f"actions-{name}", WRONG + UNSTATED, language)
        p = await s.diagnostics(uri)
        cursor = types.Position(line=0, character=12)
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=cursor, end=cursor),
            context=types.CodeActionContext(diagnostics=p.diagnostics)))
        got = [(a.title, [(e.range.start.line, e.range.start.character, e.new_text)
                          for e in a.edit.changes[uri]]) for a in actions]
        assert got == [
            ("Replace 786家 with the source's 768家", [(0, 10, "768家")]),
            ("Suppress figure-mismatch on this line", [(0, 15, comment)]),
            ("Ignore 786家 (every rule on this line)",
             [(0, 15, comment.replace("figure-mismatch", "-- ignore 786家"))]),
        ]
        assert actions[0].is_preferred and actions[0].diagnostics[0].code == "figure-mismatch"
        # applying the suppression comment clears the line's diagnostic
        end = types.Position(line=0, character=15)
        version = s.change(uri, comment, types.Range(start=end, end=end))
        p = await s.diagnostics(uri, version)
        assert spans(p) == [("unsupported-figure", 1, 14, 19, WARNING)]
    run(go())


def test_no_quick_fix_for_a_warning(shared):
    s, run = shared

    async def go():
        uri = s.open("warning.md", UNSTATED)
        await s.diagnostics(uri)
        cursor = types.Position(line=0, character=15)
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=cursor, end=cursor),
            context=types.CodeActionContext(diagnostics=[])))
        assert [a.title.split()[0] for a in actions] == ["Suppress", "Ignore"]
    run(go())


def test_hover_shows_the_source_sentence_with_its_figure(shared):
    s, run = shared

    async def go():
        uri = s.open("hover.md", "𠮷" + WRONG)
        await s.diagnostics(uri)
        doc = types.TextDocumentIdentifier(uri=uri)
        h = await s.client.text_document_hover_async(types.HoverParams(
            text_document=doc, position=types.Position(line=0, character=13)))
        text = h.contents.value
        assert text.startswith("**figure-mismatch** (error): digits transposed")
        assert "全市累计培育试点企业**768家**、特色产业园区13个" in text
        assert "《江苏常州厚植技能人才培养沃土,为经济高质量发展提供支撑》 · 2023-04-03 · line 18" in text
        assert (h.range.start.character, h.range.end.character) == (12, 16)
        nothing = await s.client.text_document_hover_async(types.HoverParams(
            text_document=doc, position=types.Position(line=0, character=4)))
        assert nothing is None
    run(go())


def _registry(folder: Path, text: str) -> None:
    import factcheck

    folder.mkdir(exist_ok=True)
    factcheck.save_registry(factcheck.extract_article(text, "local", date="2024-05-06"),
                            folder / "local.json")


def test_configuration_is_read_and_reread_when_it_changes(tmp_path):
    _registry(tmp_path / "claims", "全市新建公园12座，惠及市民约30万人。\n")
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nclaims = ["claims"]\n', "utf-8")
    draft = "全市新建公园21座，惠及市民约30万人。\n" + WRONG

    async def go():
        async with Session(tmp_path) as s:
            uri = s.open("d.md", draft)
            p = await s.diagnostics(uri)
            assert await s.registered() == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
            assert spans(p) == [("figure-mismatch", 0, 6, 9, ERROR),
                                ("unsupported-figure", 1, 10, 14, WARNING)]
            seen = len(s.published)
            (tmp_path / ".factcheck.toml").write_text(
                'claims = ["claims", "builtin"]\ndisable = ["unsupported-figure"]\n', "utf-8")
            s.files_changed(".factcheck.toml")
            p = await s.diagnostics(uri, after=seen)
            assert spans(p) == [("figure-mismatch", 0, 6, 9, ERROR),
                                ("figure-mismatch", 1, 10, 14, ERROR)]
            seen = len(s.published)
            _registry(tmp_path / "claims", "全市新建公园21座，惠及市民约30万人。\n")  # the source changed
            s.files_changed("claims/local.json")
            p = await s.diagnostics(uri, after=seen)
            assert spans(p) == [("figure-mismatch", 1, 10, 14, ERROR)]
            seen = len(s.published)
            (tmp_path / ".factcheck.toml").write_text('fail-on = "error"\nclaims = [\n', "utf-8")
            s.files_changed(".factcheck.toml")
            p = await s.diagnostics(uri, after=seen)
            assert list(p.diagnostics) == []
            assert (await s.message()).startswith("factcheck error: invalid TOML")
    run(go())


def test_other_languages_are_left_alone(shared):
    s, run = shared

    async def go():
        s.open("x.py", "n = 786  # 全市累计培育试点企业786家\n", "python")
        uri = s.open("other.md", WRONG)
        await s.diagnostics(uri)
        # the server answers in order: x.py had its turn before other.md's diagnostics
        published = {p.uri for p in s.published}
        assert uri in published and s.uri("x.py") not in published
    run(go())


def test_a_result_for_an_old_version_is_never_published(shared):
    """Version 2 arrives while version 1 (a long draft) is being checked: 1 is dropped."""
    long = (WRONG + UNSTATED) * 400

    s, run = shared

    async def go():
        uri = s.open("long.md", long)
        s.change(uri, WRONG)
        p = await s.diagnostics(uri, 2)
        assert spans(p) == [("figure-mismatch", 0, 10, 14, ERROR)]
        await asyncio.sleep(0.5)  # anything still on its way
        assert [q.version for q in s.published if q.uri == uri] == [2]
    run(go())


def test_closing_a_document_clears_its_diagnostics(shared):
    s, run = shared

    async def go():
        uri = s.open("closed.md", WRONG)
        await s.diagnostics(uri)
        seen = len(s.published)
        s.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
        p = await s.diagnostics(uri, after=seen)
        assert list(p.diagnostics) == []
    run(go())


def test_shutdown_and_exit(shared):
    """Last of the file: it shuts the shared server down (its teardown then has nothing to do)."""
    s, run = shared

    async def go():
        await s.diagnostics(s.open("shutdown.md", WRONG))
        assert await s.shutdown() == 0
    run(go())
