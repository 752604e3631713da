"""The `extract` command: build a claims registry from a source article."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Optional

import typer

from factcheck.cli import app
from factcheck.errors import ConfigError, InputError


@app.command()
def extract(
    article: Path = typer.Argument(..., help="The trusted source article (.txt or .md)."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Source id (default: from the file name)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Registry file to write (default: claims/NAME.json)."),
    title: Optional[str] = typer.Option(None, "--title", help="Override the detected title."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date, YYYY-MM-DD."),
    publisher: Optional[str] = typer.Option(None, "--publisher", help="Override the detected publisher."),
    url: Optional[str] = typer.Option(None, "--url", help="The article's address."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the article's encoding."),
) -> None:
    """Build a claims registry from a source article.

    Example: [bold]factcheck extract article.txt --name workercn-2023-04-03[/bold] writes
    claims/workercn-2023-04-03.json.
    """
    from factcheck.document import read_path
    from factcheck.extract import extract_claims
    from factcheck.registry import Source, atomic_write, detect_metadata, dumps, sha256_text

    if article.is_dir():
        raise InputError("is a folder; extract reads one article", str(article), "name the article file")
    doc = read_path(article, encoding)
    meta = detect_metadata(doc)
    meta.update({k: v for k, v in (("title", title), ("date", date), ("publisher", publisher),
                                   ("url", url)) if v})
    _check_date(meta.get("date", ""))
    source_id = name or article.stem
    out = output or Path("claims") / f"{source_id}.json"
    ref_year = int(meta["date"][:4]) if meta.get("date") else None
    claims = extract_claims(doc, source_id, ref_year)
    rel = os.path.relpath(article.resolve(), out.resolve().parent)
    source = Source(id=source_id, path=rel.replace(os.sep, "/"), sha256=sha256_text(doc.text),
                    **{k: meta.get(k, "") for k in ("title", "publisher", "author", "date", "url")})
    atomic_write(out, dumps(source, claims))
    sys.stderr.write(f"wrote {out}: {len(claims)} claims from {article}\n")


def _check_date(date: str) -> None:
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        raise ConfigError(f"date {date!r} is not YYYY-MM-DD", "--date")
