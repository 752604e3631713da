"""The `extract` command: build or refresh a claims registry from a source article."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Optional

import typer

from factcheck.cli.app import app
from factcheck.cli.outputs import same_file
from factcheck.errors import ConfigError, InputError

META_OPTIONS = ("title", "publisher", "author", "date", "url")


@app.command()
def extract(
    article: Path = typer.Argument(..., help="The trusted source article: .txt, .md or a saved .html page."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Source id (default: from the file name)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Registry file to write (default: claims/NAME.json)."),
    title: Optional[str] = typer.Option(None, "--title", help="Override the detected title."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date, YYYY-MM-DD."),
    publisher: Optional[str] = typer.Option(None, "--publisher", help="Override the detected publisher."),
    author: Optional[str] = typer.Option(None, "--author", help="Override the detected author."),
    url: Optional[str] = typer.Option(None, "--url", help="The article's address."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the article's encoding."),
    fresh: bool = typer.Option(False, "--fresh",
                               help="Ignore an existing registry file instead of keeping its edits."),
) -> None:
    """Build a claims registry from a source article, or refresh one keeping its human edits.

    Examples: [bold]factcheck extract article.txt --name workercn-2023-04-03[/bold] writes
    claims/workercn-2023-04-03.json · [bold]factcheck extract saved-page.html --name later-report[/bold]
    reads the page's article body (not its navigation, ads or footer).
    """
    from dataclasses import replace

    from factcheck.api import extract_article
    from factcheck.registry.files import atomic_write, dumps
    from factcheck.registry.ingest import read_article

    if article.is_dir():
        raise InputError("is a folder; extract reads one article", str(article), "name the article file")
    given = {k: v for k, v in zip(META_OPTIONS, (title, publisher, author, date, url)) if v}
    _check_date(given.get("date", ""))
    source_id = source_name(name, article)
    art = read_article(article, encoding)
    out = output or Path("claims") / f"{source_id}.json"
    if same_file(out, article):
        raise ConfigError("--output names the article itself, which the registry would replace",
                          str(out), "write the registry to a .json file of its own")
    old = _existing(out) if out.is_file() and not fresh else None
    meta = _metadata(art.meta, old[0] if old else None, given)
    extracted = extract_article(art.doc.text, source_id, **meta)
    claims = extracted.claims
    lines = []
    if old:
        from factcheck.registry.curate import describe, merge

        merged = merge(old[1], claims)
        claims, lines = merged.claims, describe(merged)
    rel = os.path.relpath(os.path.realpath(article), os.path.dirname(os.path.realpath(out)))
    source = replace(extracted.sources[source_id], path=rel.replace(os.sep, "/"), sha256=art.sha256)
    atomic_write(out, dumps(source, claims))
    what = "article body of " if art.html else ""
    from factcheck.report.escape import printable, printable_lines

    sys.stderr.write(printable(f"wrote {out}: {len(claims)} claims from {what}{article}") + "\n")
    sys.stderr.write(printable_lines(_metadata_note(meta, art.origins, given, old[0] if old else None)))
    sys.stderr.write("".join(printable(line) + "\n" for line in lines))


def _id_char(ch: str) -> bool:
    return ch.isalnum() or ch in "-_."


def source_name(name: str | None, article: Path) -> str:
    """The source id: --name (letters, digits, -_. and CJK, never a path), else the article's
    file name with anything else turned into '-'."""
    if name is None:
        stem = re.sub("-+", "-", "".join(ch if _id_char(ch) else "-" for ch in article.stem))
        stem = stem.strip("-.")
        return stem or "source"
    if not name or not all(_id_char(ch) for ch in name) or name.startswith("."):
        raise ConfigError(f"--name {name!r} is not a source id", "",
                          "use letters, digits, CJK characters, '-', '_' and '.' (not first), "
                          "e.g. workercn-2023-04-03; choose the file with --output")
    return name


def _existing(out: Path):
    """The registry being refreshed; a broken one stops extraction rather than losing its edits."""
    from factcheck.errors import RegistryError
    from factcheck.registry.files import load_file

    try:
        return load_file(out)
    except RegistryError as exc:
        raise RegistryError(exc.what, exc.where, "fix it, or pass --fresh to rebuild it from "
                            "scratch (its human edits are lost)") from None


def _metadata(detected: dict[str, str], old, given: dict[str, str]) -> dict[str, str]:
    """Options first, then what the existing registry says (it may be hand-edited), then detection."""
    kept = {k: getattr(old, k) for k in META_OPTIONS if old is not None and getattr(old, k)}
    return {k: given.get(k) or kept.get(k) or detected.get(k, "") for k in META_OPTIONS}


def _metadata_note(meta: dict[str, str], origins: dict[str, str], given: dict[str, str], old) -> str:
    """One stderr line saying which metadata was taken and from where."""
    parts = []
    for key in ("title", "date", "publisher", "author"):
        if not meta.get(key):
            continue
        where = f"--{key}" if key in given else "kept from the registry" \
            if old is not None and getattr(old, key, "") == meta[key] and key not in origins \
            else origins.get(key, "detected")
        parts.append(f"{key} {meta[key]} ({where})")
    return f"metadata: {'; '.join(parts)}\n" if parts else "metadata: none found; set it with --title/--date/--publisher\n"


def _check_date(date: str) -> None:
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ConfigError(f"date {date!r} is not YYYY-MM-DD", "--date")
