"""The pygls server: debounced checks in one worker thread, newest version wins, stale results
dropped; code actions and hovers answered from the last check."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from factcheck import __version__
from factcheck.api import check_document
from factcheck.check.findings import ClaimRef, Finding
from factcheck.errors import FactcheckError
from factcheck.cli.lsp import features
from factcheck.cli.lsp.workspace import Settings, Workspace
from factcheck.text.document import Document

#: Seconds a change waits before it is checked: long enough to fold a burst of changes (a
#: paste, a multi-cursor edit, an editor's save actions) into one check, short enough that a
#: keystroke's diagnostics stay within 100 ms (bench/lsp_latency.py).
DEBOUNCE = 0.01
LANGUAGES = frozenset({"markdown", "plaintext", "text"})
SUFFIXES = (".md", ".markdown", ".txt", ".text")
WATCHED = ("**/.factcheck.toml", "**/pyproject.toml", "**/*.json")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checked:
    """One version of a document as checked: its text, findings and the fixes --fix would make."""

    version: int | None
    doc: Document
    findings: list[Finding]
    safe: set[Finding]
    diagnostics: list[types.Diagnostic]


class FactcheckServer(LanguageServer):
    """The server's state: the workspace settings, the last check of each document, pending checks."""

    def __init__(self, debounce: float = DEBOUNCE) -> None:
        super().__init__("factcheck", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.state = Workspace(None)
        self.languages: dict[str, str] = {}
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.shown: set[str] = set()
        # One thread: checks run one at a time, off the loop that reads the client's messages.
        self.checker = ThreadPoolExecutor(1, thread_name_prefix="factcheck-check")

    @property
    def encoding(self) -> str:
        """The position encoding negotiated with the client."""
        enc = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return str(getattr(enc, "value", enc))

    def wanted(self, uri: str) -> bool:
        """Markdown and plain-text documents are checked; other languages are left alone."""
        lang = self.languages.get(uri, "")
        return lang in LANGUAGES or (not lang and uri.lower().endswith(SUFFIXES))

    def markdown(self, uri: str) -> bool:
        """Whether suppression comments for `uri` take the Markdown (HTML comment) form."""
        lang = self.languages.get(uri, "")
        return lang == "markdown" or (lang not in LANGUAGES and not uri.lower().endswith((".txt", ".text")))

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay` seconds; a newer change cancels a check still waiting."""
        if not self.wanted(uri):
            return
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._run(uri, delay))

    def recheck_all(self) -> None:
        """Check every open document again (configuration or registry files changed)."""
        self.state.forget()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    async def _run(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        text_doc = self.workspace.text_documents.get(uri)
        if text_doc is None:
            return
        version, text = text_doc.version, text_doc.source
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(self.checker, self._check, uri, version, text)
        except Exception:  # a bug: its traceback goes to the client's log, the server lives on
            log.exception("checking %s failed", uri)
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # stale: a newer version is on its way
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        if isinstance(result, str):
            self._tell(result)
            result = Checked(version, Document(uri, text), [], set(), [])
        self.checked[uri] = result
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=result.diagnostics))

    def _check(self, uri: str, version: int | None, text: str) -> Checked | str:
        """Check one version of a document (in the worker thread); a user error as its line."""
        from factcheck.check.fix import plan

        path = to_fs_path(uri) if uri.startswith("file:") else None
        try:
            settings: Settings = self.state.settings(Path(path) if path else None)
            doc = Document(path or uri, text)
            config = settings.config
            found = check_document(doc, settings.registry, rules=config.rules(),
                                   fail_on=settings.fail_on(), ignore=config.ignore,
                                   options=config.options())
        except FactcheckError as exc:
            return exc.line()
        fixes = plan(doc, found)
        enc, reg = self.encoding, settings.registry

        def locate(claim: ClaimRef) -> types.Location:
            return self.state.location(reg, claim, enc)

        diags = [features.diagnostic(doc, f, enc, locate) for f in found]
        return Checked(version, doc, found, set(fixes.fixed) if fixes else set(), diags)

    def _tell(self, line: str) -> None:
        """Show a user error once (a broken config or registry), not on every keystroke."""
        if line not in self.shown:
            self.shown.add(line)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error,
                                                             message=f"factcheck {line}"))

    def close(self) -> None:
        """Stop pending checks and the worker thread."""
        for task in self.pending.values():
            task.cancel()
        self.pending.clear()
        self.checker.shutdown(wait=False, cancel_futures=True)


def _root(params: types.InitializeParams) -> Path | None:
    """The workspace folder configuration is looked up from when a document has no path."""
    uri = params.workspace_folders[0].uri if params.workspace_folders else params.root_uri
    path = to_fs_path(uri) if uri else params.root_path
    return Path(path) if path else None


def build(debounce: float = DEBOUNCE) -> FactcheckServer:
    """A server with every feature registered."""
    server = FactcheckServer(debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: FactcheckServer, params: types.InitializeParams) -> None:
        ls.state = Workspace(_root(params))
        ls.checker.submit(_warm_up, ls.state)

    @server.feature(types.INITIALIZED)
    def initialized(ls: FactcheckServer, params: types.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps.did_change_watched_files if caps else None
        if watch and watch.dynamic_registration:
            opts = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
            ls.client_register_capability(types.RegistrationParams(registrations=[
                types.Registration(id="factcheck-watch", register_options=opts,
                                   method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES)]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: FactcheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.languages[params.text_document.uri] = params.text_document.language_id
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: FactcheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: FactcheckServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        ls.languages.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: FactcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.shown.clear()
        ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def config_changed(ls: FactcheckServer, params: types.DidChangeConfigurationParams) -> None:
        ls.shown.clear()
        ls.recheck_all()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: FactcheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        done = ls.checked.get(uri)
        if done is None:
            return []
        here = features.at(done.doc, done.findings, params.range, ls.encoding)
        return features.actions(uri, done.doc, here, done.safe, ls.encoding, ls.markdown(uri))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: FactcheckServer, params: types.HoverParams) -> types.Hover | None:
        done = ls.checked.get(params.text_document.uri)
        if done is None:
            return None
        return features.hover(done.doc, done.findings, params.position, ls.encoding)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: FactcheckServer, params: None) -> None:
        ls.close()

    return server


def _warm_up(state: Workspace) -> None:
    """Load the default settings and run one small check, so the first keystroke is fast."""
    try:
        settings = state.settings(None)
        check_document(Document("-", "全市768家企业，增长5.2%。\n由刘云清指导。\n"), settings.registry)
    except FactcheckError:
        pass  # reported when a document is checked


def serve(tcp: int | None = None, host: str = "127.0.0.1") -> int:
    """Run the server on stdio, or on a TCP port; the exit code LSP asks for (1: the client
    sent exit without shutdown)."""
    import os
    import sys

    server = build()
    if tcp is not None:
        server.start_tcp(host, tcp)
        return 0
    # The protocol gets its own handle on stdout (closed at exit); anything else printed goes
    # to stderr, where it cannot corrupt the messages.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    saved, sys.stdout = sys.stdout, sys.stderr
    try:
        server.start_io(sys.stdin.buffer, out)
    finally:
        sys.stdout = saved
    return 0 if getattr(server.protocol, "_shutdown", True) else 1
