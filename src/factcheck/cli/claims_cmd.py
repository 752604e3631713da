"""The `claims` command group: list, show, validate, edit a registry, and find sources that disagree."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import List, Optional

import typer

from factcheck.cli.app import _write, app
from factcheck.errors import ConfigError, ExitCode, FactcheckError
from factcheck.report.escape import printable, printable_lines

claims_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode="rich",
    help="Curate claims registries: list, show, validate and edit claims; find sources that disagree.")
app.add_typer(claims_app, name="claims")

CLAIMS_OPTION = typer.Option(None, "--claims", "-c",
                             help="Registry file or folder (repeatable). Default: built-in.")
FORMAT_OPTION = typer.Option("text", "--format", "-f", help="text (a table) or json.")


def _load(claims: Optional[List[Path]], check_stale: bool = False):
    from factcheck.registry.store import load

    return load(list(claims) if claims else None, check_stale=check_stale)


def _check_format(fmt: str) -> None:
    if fmt not in ("text", "json"):
        raise ConfigError(f"unknown format {fmt!r}", "--format", "use text or json")


def _color() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _table(title: str, columns: list[str], rows: list[list[str]]) -> str:
    """A rich table as text (plain when stdout is not a terminal)."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(*columns, title=printable(title), title_justify="left")
    for row in rows:
        table.add_row(*(printable(cell) for cell in row))
    buf = io.StringIO()
    width = shutil.get_terminal_size((160, 40)).columns if _color() else 160
    Console(file=buf, width=width, force_terminal=_color(), markup=False, highlight=False,
            emoji=False).print(table)
    return buf.getvalue()


def _source_label(reg, source_id: str) -> str:
    src = reg.sources.get(source_id)
    return f"{source_id} ({src.date})" if src and src.date else source_id


@claims_app.command("list")
def list_claims(
    source: Optional[List[str]] = typer.Option(None, "--source", "-s", help="Only this source (repeatable)."),
    kind: Optional[List[str]] = typer.Option(None, "--kind", "-k",
                                             help="Only this kind: number, money, date, person … (repeatable)."),
    status: Optional[str] = typer.Option(None, "--status", help="Only auto, verified or ignored claims."),
    claims: Optional[List[Path]] = CLAIMS_OPTION,
    fmt: str = FORMAT_OPTION,
) -> None:
    """List the claims of every registered source.

    Example: [bold]factcheck claims list --kind number --source workercn-2023-04-03[/bold]
    """
    from factcheck.registry.model import only

    _check_format(fmt)
    reg = _load(claims)
    if source:
        reg = only(reg, source)
    rows = [c for c in reg.claims if (not kind or c.kind in kind) and (not status or c.status == status)]
    if fmt == "json":
        _write(json.dumps({"claims": [{"source": c.source, **c.to_dict()} for c in rows]},
                          ensure_ascii=False, indent=2) + "\n")
        return
    heads = {sid: _metadata_rows(reg, sid) for sid in dict.fromkeys(c.source for c in rows)}
    _write("".join(f"{sid}: " + "; ".join(printable(f"{k} {v}") for k, v in meta) + "\n" for sid, meta in heads.items() if meta))
    _write(_table(f"{len(rows)} claims from {', '.join(reg.sources)}",
                  ["source", "id", "kind", "text", "subject", "line:col", "status"],
                  [[c.source, c.id, c.kind, c.text, c.subject, f"{c.line}:{c.column}",
                    c.status + (" *" if c.note else "")] for c in rows]))


@claims_app.command()
def show(
    claim_id: str = typer.Argument(..., metavar="ID", help="A claim id, as 'claims list' shows it."),
    source: Optional[str] = typer.Option(None, "--source", "-s", help="The source, when ids repeat."),
    claims: Optional[List[Path]] = CLAIMS_OPTION,
    fmt: str = FORMAT_OPTION,
) -> None:
    """Show one claim with its source sentence, its words highlighted.

    Example: [bold]factcheck claims show number:试点企业:768家[/bold]
    """
    from factcheck.registry.curate import find_claims

    _check_format(fmt)
    reg = _load(claims)
    found = find_claims(reg, claim_id, source)
    if fmt == "json":
        _write(json.dumps({"claims": [{"source": c.source, **c.to_dict()} for c in found]},
                          ensure_ascii=False, indent=2) + "\n")
        return
    _write("\n".join(_render_claim(reg, c) for c in found))


def _render_claim(reg, c) -> str:
    """The claim's fields, then its sentence with the words (and what they count) marked."""
    src = reg.sources[c.source]
    rows = [("id", c.id), ("source", f"{_source_label(reg, c.source)} {src.title}".strip()),
            ("file", f"{reg.files[c.source]}"), ("where", f"line {c.line}, column {c.column}"),
            ("kind", c.kind), ("text", c.text), ("value", _plain(c.value)),
            ("bounds", _bounds(c)), ("subject", c.subject), ("status", c.status), ("note", c.note)]
    rows[2:2] = _metadata_rows(reg, c.source)
    head = "".join(f"{k:>8}: {printable(str(v))}\n" for k, v in rows if v not in ("", None))
    return head + f"sentence: {highlight(c.sentence, c, _color())}\n"


def _metadata_rows(reg, source_id: str) -> list[tuple[str, str]]:
    """The source's title, date, publisher and author, each with where `extract` read it."""
    src = reg.sources[source_id]
    origins = _origins(reg, source_id)
    return [(key, f"{getattr(src, key)} ({origins.get(key, 'set by hand or by an option')})")
            for key in ("title", "date", "publisher", "author") if getattr(src, key)]


def _origins(reg, source_id: str) -> dict[str, str]:
    """Where each metadata field stands in the source's article (read again: the registry keeps
    values, not places), for the fields whose value is still the detected one."""
    from factcheck.registry.ingest import read_article

    src = reg.sources[source_id]
    path = reg.files[source_id].parent / src.path if src.path else None
    if path is None or not path.is_file():
        return {}
    try:
        art = read_article(path)
    except FactcheckError:
        return {}
    return {k: v for k, v in art.origins.items() if art.meta.get(k) == getattr(src, k)}


def _plain(value) -> str:
    from factcheck.registry.claim import decimal_text

    return "" if value is None else decimal_text(value) if not isinstance(value, str) else value


def _bounds(c) -> str:
    if not c.numeric or (c.low is None and c.high is None) or c.low == c.high:
        return ""
    lo = "(" if c.low_open else "["
    hi = ")" if c.high_open or c.high is None else "]"
    return f"{lo}{_plain(c.low) if c.low is not None else '-∞'}, {_plain(c.high) if c.high is not None else '∞'}{hi}"


def highlight(sentence: str, c, color: bool = False) -> str:
    """The sentence with the claim's words in ⟦ ⟧ (or reverse video) and its subject underlined."""
    at = _locate(sentence, c)
    if at < 0:
        return printable(sentence)
    end = at + len(c.text)
    s0 = sentence.rfind(c.subject, 0, at) if len(c.subject) >= 2 else -1
    if s0 < 0 and len(c.subject) >= 2:
        s0 = sentence.find(c.subject, end)
    marks = [(at, end, "\x1b[7;1m", "\x1b[0m") if color else (at, end, "⟦", "⟧")]
    if s0 >= 0 and not (s0 < end and at < s0 + len(c.subject)):
        marks.append((s0, s0 + len(c.subject), "\x1b[4m", "\x1b[0m") if color
                     else (s0, s0 + len(c.subject), "‹", "›"))
    out, last = "", 0
    for a, b, on, off in sorted(marks):
        out += printable(sentence[last:a]) + on + printable(sentence[a:b]) + off
        last = b
    return out + printable(sentence[last:])


def _locate(sentence: str, c) -> int:
    """Where the claim's words stand in its sentence, using the words around them to choose."""
    for probe, shift in ((c.before + c.text + c.after, len(c.before)), (c.before + c.text, len(c.before)),
                         (c.text + c.after, 0), (c.text, 0)):
        at = sentence.find(probe) if probe else -1
        if at >= 0:
            return at + shift
    return -1


@claims_app.command()
def validate(
    paths: Optional[List[Path]] = typer.Argument(None, help="Registry files or folders. Default: built-in."),
    claims: Optional[List[Path]] = CLAIMS_OPTION,
) -> None:
    """Check registries: the JSON Schema, duplicate ids, sources registered twice, stale sha256.

    Exits 1 when a registry has a problem. Example: [bold]factcheck claims validate claims/[/bold]
    """
    from factcheck.registry.files import default_claims_dir, registry_files

    files = registry_files(list(paths or []) + list(claims or []) or [default_claims_dir()])
    problems, seen = 0, {}
    for f in files:
        errors, notes, source = _validate_file(f)
        if source in seen:
            errors.append(f"source {source!r} is also registered in {seen[source]}")
        if source:
            seen.setdefault(source, f)
        problems += bool(errors)
        _write(printable_lines("".join(f"{f}: error: {e}\n" for e in errors)
                               + ("" if errors else f"{f}: ok\n")
                               + "".join(f"{f}: note: {n}\n" for n in notes)))
    if not files:
        _write("no registry files found\n")
    raise typer.Exit(ExitCode.FINDINGS if problems else ExitCode.OK)


def _validate_file(path: Path) -> tuple[list[str], list[str], str]:
    """(errors, notes, source id) for one registry file."""
    from factcheck.registry.curate import schema_errors
    from factcheck.registry.files import dumps, load_file, read_json_text
    from factcheck.registry.store import load

    try:
        source, claims = load_file(path)
    except FactcheckError as exc:
        return [f"{exc.what} ({exc.where})"], [], ""
    errors, notes = schema_errors(json.loads(read_json_text(path)))
    try:
        load([path])          # the stale-article check, as `check` does it
    except FactcheckError as exc:
        errors.append(exc.what)
    if source.path and not (path.parent / source.path).is_file():
        notes.append(f"article {source.path} not found, so its sha256 is not checked")
    if not errors and path.read_bytes() != dumps(source, claims).encode("utf-8"):
        notes.append("not in canonical form; 'factcheck claims set' and 'extract' rewrite it canonically")
    notes.append(f"{len(claims)} claims from source {source.id!r}")
    return errors, notes, source.id


@claims_app.command("set")
def set_claim(
    claim_id: str = typer.Argument(..., metavar="ID", help="The claim to edit."),
    status: Optional[str] = typer.Option(None, "--status", help="auto, verified or ignored (ignored claims are not checked)."),
    note: Optional[str] = typer.Option(None, "--note", help="Why: kept with the claim, shown by 'claims show'."),
    subject: Optional[str] = typer.Option(None, "--subject", help="Correct what the figure counts."),
    source: Optional[str] = typer.Option(None, "--source", "-s", help="The source, when ids repeat."),
    claims: Optional[List[Path]] = CLAIMS_OPTION,
) -> None:
    """Edit one claim in its registry file (atomically); re-extraction keeps the edit.

    Example: [bold]factcheck claims set number:年:5 --status ignored --note "duration, not a count"[/bold]
    """
    from factcheck.registry.curate import edit_claim, find_claims

    if status is None and note is None and subject is None:
        raise ConfigError("nothing to change", "", "give --status, --note or --subject")
    reg = _load(claims)
    found = find_claims(reg, claim_id, source)
    if len(found) > 1:
        raise ConfigError(f"claim id {claim_id!r} is in several sources", "",
                          f"pick one with --source ({', '.join(c.source for c in found)})")
    path = reg.files[found[0].source]
    _refuse_builtin(path, claims)
    if subject is not None and status is None:
        status = "verified"  # a corrected subject is a review: re-extraction must keep it
    c = edit_claim(path, claim_id, status=status, note=note, subject=subject)
    changed = [f"{k} {v}" for k, v in (("status", status), ("note", note and f"“{note}”"),
                                       ("subject", subject)) if v is not None]
    sys.stderr.write(printable(f"updated {c.id} in {path}: {', '.join(changed)}") + "\n")


def _refuse_builtin(path: Path, claims: Optional[List[Path]]) -> None:
    """The registry shipped with factcheck is read-only unless named by its path."""
    from factcheck.registry.files import default_claims_dir

    if claims and all(str(c) != "builtin" for c in claims):
        return
    builtin = Path(os.path.realpath(default_claims_dir()))
    if Path(os.path.realpath(path)).is_relative_to(builtin):
        raise ConfigError("the built-in registry is read-only", str(path),
                          f"copy it and edit the copy: cp -r {builtin} my-claims && "
                          "factcheck claims set ... --claims my-claims")


@claims_app.command()
def conflicts(
    claims: Optional[List[Path]] = CLAIMS_OPTION,
    fmt: str = FORMAT_OPTION,
) -> None:
    """List figures that two sources state differently (a later report may update a figure).

    Example: [bold]factcheck claims conflicts --claims claims/ --claims later.json[/bold]
    """
    from factcheck.check.conflicting import conflicts as find_conflicts

    _check_format(fmt)
    reg = _load(claims)
    pairs = find_conflicts(reg)
    if fmt == "json":
        _write(json.dumps({"conflicts": [[{"source": c.source, **c.to_dict()} for c in pair]
                                         for pair in pairs]}, ensure_ascii=False, indent=2) + "\n")
        return
    rows = [[a.subject or b.subject, a.text, f"{_source_label(reg, a.source)}:{a.line}",
             b.text, f"{_source_label(reg, b.source)}:{b.line}"] for a, b in pairs]
    if not pairs:
        _write(printable(f"no conflicts among {len(reg.sources)} sources ({', '.join(reg.sources)})")
               + "\n")
        return
    _write(_table(f"{len(pairs)} figures the sources state differently",
                  ["counts", "one says", "in (date):line", "another says", "in (date):line"], rows)
           + "ids: 'factcheck claims conflicts --format json'; settle one with 'factcheck claims set ID "
             "--status ignored'\n")
