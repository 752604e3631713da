"""`factcheck lsp` as a command: bad options, a missing pygls, TCP, and the check path's start-up."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys

import pytest

LSP_MODULES = ("pygls", "lsprotocol", "cattrs", "factcheck.cli.lsp", "factcheck.api")


@pytest.mark.parametrize("args, needle", [
    (["--tcp", "0"], "--tcp must be a port from 1 to 65535"),
    (["--tcp", "70000"], "--tcp must be a port"),
    (["--tcp", "2087", "--stdio"], "cannot go together"),
])
def test_bad_options_are_one_line_errors(run_cli, args, needle):
    code, out, err = run_cli("lsp", *args)
    assert (code, out) == (2, "") and needle in err and err.count("\n") == 1


def test_without_pygls_the_command_says_what_to_install(run_cli, monkeypatch):
    for name in [m for m in sys.modules if m.split(".")[0] in ("pygls", "factcheck")
                 and (m.startswith("pygls") or m.startswith("factcheck.cli.lsp"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "pygls", None)  # as if not installed
    code, _, err = run_cli("lsp")
    assert code == 2 and err.startswith("error: the language server needs pygls")
    assert "pip install 'factcheck[lsp]'" in err


def test_check_path_loads_no_language_server(tmp_path):
    (tmp_path / "d.md").write_text("全市累计培育试点企业786家。\n", "utf-8")
    code = ("import json, sys; from factcheck.cli import main; "
            "main(['check', 'd.md', '--quiet', '-f', 'json']); "
            f"print(json.dumps([m for m in {LSP_MODULES!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == ["factcheck.api"]


def test_a_port_in_use_is_a_one_line_error(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        p = subprocess.run([sys.executable, "-m", "factcheck", "lsp", "--tcp", str(port)],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port} (")
    assert p.stderr.count("\n") == 1 and "pick a free port" in p.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_tcp_serves_diagnostics(tmp_path):
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "factcheck", "lsp", "--tcp", str(port)],
                              cwd=tmp_path, stderr=subprocess.DEVNULL)

    async def go() -> list[str]:
        client = LanguageClient("t", "1")
        got: asyncio.Queue = asyncio.Queue()

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
            got.put_nowait(params)

        for _ in range(300):  # the server starts listening within a few seconds
            try:
                await client.start_tcp("127.0.0.1", port)
                break
            except OSError:
                await asyncio.sleep(0.1)
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
        client.initialized(types.InitializedParams())
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=(tmp_path / "d.md").as_uri(), language_id="markdown", version=1,
            text="全市累计培育试点企业786家。\n")))
        params = await asyncio.wait_for(got.get(), 30)
        await client.shutdown_async(None)
        client.exit(None)
        return [d.code for d in params.diagnostics]

    try:
        assert asyncio.run(go()) == ["figure-mismatch"]
    finally:
        server.kill()
        server.wait()
