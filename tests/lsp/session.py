"""A language client driving `python -m factcheck lsp` over stdio (pygls's own client)."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Any

WAIT = 30.0  # seconds: generous, the machine is shared


class _Types:
    """`lsprotocol.types`, imported when a test first uses it: both pytest-xdist workers
    collect this folder, and importing it costs about 0.6 s of CPU."""

    def __getattr__(self, name: str) -> Any:
        from lsprotocol import types as real

        return getattr(real, name)


types = _Types()


class Session:
    """One server process and the notifications it sent, with helpers to wait for them."""

    def __init__(self, root: Path, encodings: list[str] | None = None, watch: bool = True) -> None:
        self.root, self.encodings, self.watch = root, encodings, watch
        from pygls.lsp.client import LanguageClient

        self.client = LanguageClient("factcheck-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self.messages: list[str] = []
        self.registrations: list[str] = []
        self.changed = asyncio.Event()
        self.versions: dict[str, int] = {}
        self.init: types.InitializeResult | None = None

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self.changed.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_message(params: types.ShowMessageParams) -> None:
            self.messages.append(params.message)
            self.changed.set()

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def on_register(params: types.RegistrationParams) -> None:
            self.registrations += [r.method for r in params.registrations]
            self.changed.set()

    async def __aenter__(self) -> "Session":
        await self.client.start_io(sys.executable, "-m", "factcheck", "lsp", cwd=str(self.root),
                                   env=dict(os.environ))  # bytecode kept aside (tests/conftest.py)
        general = types.GeneralClientCapabilities(position_encodings=self.encodings) \
            if self.encodings else None
        caps = types.ClientCapabilities(general=general, workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=self.watch)))
        self.init = await self.client.initialize_async(types.InitializeParams(
            capabilities=caps, root_uri=self.root.as_uri(), process_id=os.getpid(),
            workspace_folders=[types.WorkspaceFolder(uri=self.root.as_uri(), name="ws")]))
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc: Any) -> None:
        if self.client._server is not None and self.client._server.returncode is None:
            await asyncio.wait_for(self.shutdown(), WAIT)

    async def shutdown(self) -> int:
        """shutdown, exit: the server's exit code."""
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await asyncio.wait_for(self.client._server.wait(), WAIT)
        await self.client.stop()
        return self.client._server.returncode

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def open(self, name: str, text: str, language: str = "markdown") -> str:
        uri = self.uri(name)
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1,
                                                 text=text)))
        return uri

    def change(self, uri: str, text: str, rng: types.Range | None = None) -> int:
        """Replace the whole text (or `rng` with `text`); the new version."""
        self.versions[uri] += 1
        change: Any = types.TextDocumentContentChangeWholeDocument(text=text) if rng is None \
            else types.TextDocumentContentChangePartial(range=rng, text=text)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[change]))
        return self.versions[uri]

    async def diagnostics(self, uri: str, version: int | None = None,
                          after: int = 0) -> types.PublishDiagnosticsParams:
        """The first diagnostics published for `uri` (at `version`) after the `after`-th."""
        async def found() -> types.PublishDiagnosticsParams:
            while True:
                for p in self.published[after:]:
                    if p.uri == uri and (version is None or p.version == version):
                        return p
                self.changed.clear()
                await self.changed.wait()
        return await asyncio.wait_for(found(), WAIT)

    async def registered(self) -> list[str]:
        """The methods the server registered for, once it has registered any."""
        async def found() -> list[str]:
            while not self.registrations:
                self.changed.clear()
                await self.changed.wait()
            return self.registrations
        return await asyncio.wait_for(found(), WAIT)

    async def message(self) -> str:
        async def found() -> str:
            while not self.messages:
                self.changed.clear()
                await self.changed.wait()
            return self.messages[0]
        return await asyncio.wait_for(found(), WAIT)

    def files_changed(self, *names: str) -> None:
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=self.uri(n), type=types.FileChangeType.Changed)
                     for n in names]))


def spans(params: types.PublishDiagnosticsParams) -> list[tuple[Any, ...]]:
    """(code, start line, start character, end character, severity) of each diagnostic."""
    return [(d.code, d.range.start.line, d.range.start.character, d.range.end.character,
             d.severity) for d in params.diagnostics]
