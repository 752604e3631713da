"""The pipeline behind `factcheck check`: find drafts, check, filter, fix, report, exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.api import check_document, load_registry
from factcheck.check.findings import Finding, Severity
from factcheck.cli import outputs, parallel, progress
from factcheck.cli.config import CLI, Config
from factcheck.records import dataclass, replace
from factcheck.text.walk import Walk
from factcheck.errors import ConfigError, ExitCode, FactcheckError, InputError
from factcheck.registry.model import Registry, Source
from factcheck.report.escape import printable, printable_lines
from factcheck.text.document import Document

if TYPE_CHECKING:
    from factcheck.check.gitdiff import ChangedLines
    from factcheck.dask import Settings, Tally

Checked = tuple[Document, list[Finding]]
#: Formats that offer a finding's fix as a suggested change.
OFFERS_FIXES = frozenset({"json", "jsonl", "sarif", "rdjson", "html"})


@dataclass(frozen=True)
class Request:
    """What `check` was asked to do beyond the config: inputs, outputs and modes."""

    paths: tuple[str, ...] = ()
    output: Path | None = None
    no_color: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    diff: str | None = None
    fix: bool = False
    dry_run: bool = False
    quiet: bool = False
    sources: tuple[str, ...] = ()
    jobs: int = 0
    dask: str | None = None  # `local` or a scheduler address: check on a Dask cluster


def exit_code(findings: list[Finding], fail_on: str, unreadable: int) -> int:
    """2 if any input could not be read, 1 if a finding reaches --fail-on, else 0."""
    if unreadable:
        return ExitCode.USAGE
    if fail_on == "never":
        return ExitCode.OK
    bar = Severity.parse(fail_on)
    return ExitCode.FINDINGS if any(f.severity >= bar for f in findings) else ExitCode.OK


def pick_format(fmt: str, no_color: bool, output: Path | None = None) -> str:
    """`auto`: github under GitHub Actions, text on a terminal, plain otherwise; colour opt-outs."""
    if fmt == "auto":
        if os.environ.get("GITHUB_ACTIONS") == "true":
            return "github"
        fmt = "text" if output is None and sys.stdout.isatty() else "plain"
    if fmt == "text" and (no_color or os.environ.get("NO_COLOR")):
        return "plain"
    return fmt


def _validate(args: list[str], req: Request) -> None:
    """Combinations of options that cannot work, as one-line errors."""
    if req.dry_run and not req.fix:
        raise ConfigError("--dry-run only goes with --fix", "", "add --fix or drop --dry-run")
    if "-" in args and req.dask:
        raise InputError("standard input cannot be used with --dask", "",
                         "name draft files the Dask workers can read")
    if "-" in args and (req.fix or req.diff):
        what = "--fix" if req.fix else "--diff"
        raise InputError(f"standard input cannot be used with {what}", "",
                         "name the draft files instead")


def _args(paths: tuple[str, ...]) -> list[str]:
    if paths:
        return list(paths)
    if sys.stdin is None or sys.stdin.isatty():
        raise InputError("no drafts given", "",
                         "name files or folders, or pipe text to 'factcheck check -'")
    return ["-"]


class Run:
    """One `check` run: the config, the registry and the filters every draft goes through."""

    def __init__(self, config: Config, req: Request, registry: Registry) -> None:
        self.config, self.req, self.registry = config, req, registry
        self.known: frozenset[str] | None = None
        self.base = Path.cwd()
        self.changed: ChangedLines | None = None
        self.errors: list[str] = []
        self.baselined = 0
        #: Offer fixes as each draft is checked (in the worker that checked it): only when every
        #: raw finding is reported, since which fixes are offered depends on all of a draft's.
        self.offer_early = False

    def read(self, arg: str) -> Document:
        """A Document from a path or '-' (stdin)."""
        from factcheck.text.read import read_path, read_stdin

        if arg == "-":
            return read_stdin(self.config.encoding, self.config.max_bytes)
        return read_path(Path(arg), self.config.encoding, self.config.max_bytes)

    def raw(self, doc: Document) -> list[Finding]:
        """The rules' findings minus suppression comments and the ignore list."""
        return check_document(doc, self.registry, rules=self.config.rules(),
                              ignore=self.config.ignore, options=self.config.options())

    def reported(self, doc: Document, found: list[Finding]) -> list[Finding]:
        """Findings not in the baseline and, with --diff, on changed lines."""
        if self.known is not None:
            from factcheck.check import baseline  # imported only with --baseline

            new = baseline.new_findings(found, doc, self.known, self.base)
            self.baselined += len(found) - len(new)
            found = new
        if self.changed is not None:
            from factcheck.check import gitdiff  # only with --diff

            found = gitdiff.on_changed_lines(found, self.changed)
        return found

    def check_one(self, arg: str) -> tuple[Document | None, list[Finding] | str]:
        """(draft, raw findings), or (None, the one-line error) when it cannot be read."""
        try:
            doc = self.read(arg)
        except FactcheckError as exc:
            return None, exc.line()
        with progress.working(doc.path, len(doc.text), self.req.quiet or self.req.jobs < 0):
            found = self.raw(doc)
            return doc, (self.offers(doc, found) if self.offer_early else found)

    def check_all(self, args: list[str]) -> list[Checked]:
        """Every readable draft with its raw findings, in argument order; unreadable ones
        noted on stderr. Many files are spread over --jobs worker processes."""
        out: list[Checked] = []
        if self.req.dask:
            from factcheck.dask import checked

            results = checked(args, self.registry, self.req.dask, self.settings())
        else:
            results = parallel.map_ordered(self, args, self.req.jobs)
        for doc, found in progress.track(results, self.req.quiet, total=len(args)):
            if doc is None:
                self.errors.append(found)
                sys.stderr.write(printable(found) + "\n")
                continue
            out.append((doc, found))
        return out

    def settings(self) -> Settings:
        """How Dask workers read and check each draft: this run's config."""
        from factcheck.dask import Settings

        c = self.config
        return Settings(tuple(c.rules()), c.options(), c.ignore, c.encoding, c.max_bytes)

    def write_parts(self, args: list[str]) -> int:
        """--dask with --format jsonl and --output DIR: partitions written on the workers,
        only counts and errors come back. The exit code, as for a report."""
        from factcheck.dask import written

        ticks = _per_draft(written(args, self.registry, self.req.output, self.req.dask,
                                   self.settings()))
        drafts = found = worst = 0
        for t in progress.track(ticks, self.req.quiet, total=len(args)):
            if t is not None:
                drafts, found, worst = drafts + t.drafts, found + t.findings, max(worst, t.worst)
                self.errors += t.errors
                sys.stderr.writelines(e + "\n" for e in t.errors)
        self.note(f"wrote {found} finding(s) of {drafts} draft(s) to {self.req.output}")
        if self.errors:
            return ExitCode.USAGE
        fail_on = self.config.fail_on
        hit = fail_on != "never" and worst >= Severity.parse(fail_on)
        return ExitCode.FINDINGS if hit else ExitCode.OK

    def use_baseline(self, checked: list[Checked]) -> None:
        """Write the baseline if asked, then load the one to filter by."""
        req = self.req
        path = req.write_baseline or req.baseline
        if path is None:
            return
        from factcheck.check import baseline

        self.base = Path(os.path.realpath(path)).parent  # a looping link: no RuntimeError
        if req.write_baseline:
            rows = [e for doc, found in checked for e in baseline.entries(found, doc, self.base)]
            baseline.write(req.write_baseline, rows)
            self.note(f"wrote {len(rows)} finding(s) to baseline {req.write_baseline}")
        self.known = baseline.load(path)

    def note(self, text: str) -> None:
        """An informational line on stderr, unless --quiet."""
        if not self.req.quiet:
            sys.stderr.write(f"factcheck: {printable(text)}\n")

    def offers(self, doc: Document, found: list[Finding]) -> list[Finding]:
        """The findings with fixes as the draft would write them, and a fix that would give its
        line a new finding taken off (not offered)."""
        from factcheck.check import fix

        return fix.offered(doc, found, self.raw)

    def fix(self, items: list[Checked]) -> list[Checked]:
        """Apply (or with --dry-run, print) the safe fixes; re-check the drafts that changed."""
        from factcheck.check import fix

        plans = [p for doc, found in items if (p := fix.safe_plan(doc, found, self.raw))]
        out = dict((doc.path, (doc, found)) for doc, found in items)
        done = 0
        for p in plans:
            try:
                if self.req.dry_run:
                    sys.stdout.write(printable_lines(fix.unified_diff(p)))
                else:
                    fix.apply(p)
            except FactcheckError as exc:
                sys.stderr.write(printable(exc.line()) + "\n")
                continue
            done += len(p.fixed)
            if not self.req.dry_run:
                doc = Document(p.doc.path, p.text, p.doc.encoding)
                out[doc.path] = (doc, self.reported(doc, self.raw(doc)))
        verb = "would fix" if self.req.dry_run else "fixed"
        self.note(f"{verb} {done} finding(s) in {len(plans)} file(s)")
        return list(out.values())


def run(config: Config, req: Request) -> int:
    """Check the drafts `req` names under `config`; write the report; return the exit code."""
    from factcheck.registry.model import only

    args = _args(req.paths)
    _validate(args, req)
    fmt = pick_format(config.format, req.no_color, req.output)
    walk = Walk(config.include, config.exclude, _exclude_base(config))
    drafts = walk.paths(args)
    outputs.refuse_overwrite(req, [*args, *drafts])
    if config.file is not None:
        outputs.refuse_overwrite(req, [config.file], "config file")
    if req.baseline:
        outputs.refuse_overwrite(replace(req, write_baseline=None), [req.baseline], "baseline")
    registry = load_registry(list(config.claims) or None)
    if req.output or req.write_baseline:
        for what in ("registry file", "source article"):
            known, paths = registry.inputs(articles=what == "source article")
            outputs.refuse_overwrite(req, paths, what, known)
    if req.sources:
        registry = only(registry, list(req.sources))
    run_ = Run(config, req, registry)
    run_.offer_early = fmt in OFFERS_FIXES and not (
        req.fix or req.baseline or req.write_baseline or req.diff or req.dask)
    for line in walk.notes():
        run_.note(line)
    if req.dask and fmt == "jsonl" and req.output is not None and req.output.is_dir():
        if req.baseline or req.write_baseline or req.diff or req.fix:
            raise ConfigError("--output DIR writes partitions: no --baseline, --diff or --fix",
                              str(req.output), "name an --output file for those")
        return run_.write_parts(drafts)
    if req.diff:
        from factcheck.check import gitdiff

        run_.changed = gitdiff.changed_lines(req.diff, [a for a in args if a != "-"])
    checked = run_.check_all(drafts)
    run_.use_baseline(checked)
    items = [(doc, run_.reported(doc, found)) for doc, found in checked]
    if req.fix:
        items = run_.fix(items)
    findings = [f for _, found in items for f in found]
    if not (req.fix and req.dry_run):
        if fmt in OFFERS_FIXES and not run_.offer_early:
            items = [(doc, run_.offers(doc, found)) for doc, found in items]
        emit(_report(items, run_), fmt, req)
    return exit_code(findings, config.fail_on, len(run_.errors))


def _exclude_base(config: Config) -> Path:
    """The folder `exclude` patterns are relative to: the config file's, unless the CLI set them."""
    if config.file is not None and config.origins.get("exclude") not in (None, CLI, "default"):
        return config.file.parent
    return Path.cwd()


def _per_draft(tallies: Iterable[Tally]) -> Iterator[Tally | None]:
    """Each partition's tally, then a None for each further draft in it: the bar counts drafts."""
    for t in tallies:
        yield t
        yield from (None,) * (t.drafts - 1)


def _report(items: list[Checked], run_: Run):
    """The Report every formatter reads."""
    from factcheck.check.findings import sort_findings
    from factcheck.check.rules import rule_infos
    from factcheck.report import Report

    findings = sort_findings([f for _, found in items for f in found])
    sources = cited(run_.registry, findings)
    return Report(findings, [doc.path for doc, _ in items], rule_infos(), sources,
                  {doc.path: doc.text for doc, _ in items}, run_.errors,
                  speakers(run_.registry, findings), run_.baselined)


def cited(registry: Registry, findings: list[Finding]) -> list[Source]:
    """The sources the findings cite, in registry order (the rest are never built)."""
    named = {ref.source for f in findings for ref in (f.claim, *f.related) if ref is not None}
    return [registry.sources[s] for s in registry.sources if s in named]


def speakers(registry: Registry, findings: list[Finding]) -> dict[tuple[str, str], str]:
    """For each quote a finding cites whose own words do not name its speaker, the source
    sentence nearest the quote that does."""
    out: dict[tuple[str, str], str] = {}
    for f in findings:
        ref, who = f.claim, f.expected or ""
        if ref is None or not ref.id.startswith("quote:") or not who or who in ref.text:
            continue
        people = (registry.claim(e.row) for e in registry.entities("person") if e.value == who)
        named = [p for p in people if p.source == ref.source and who in p.sentence]
        if named:
            out[(ref.source, ref.id)] = min(named, key=lambda p: abs(p.line - ref.line)).sentence
    return out


def emit(report, fmt: str, req: Request) -> None:
    """The report to --output (atomically) or stdout; the GitHub step summary when it applies."""
    from factcheck.report import pieces

    if req.output:  # written as rendered: a large report is never whole in memory
        from factcheck.atomic import replacing  # tempfile and shutil: not for stdout

        try:
            with replacing(req.output) as fh:
                for piece in pieces(fmt, report):
                    # backslashreplace: a file name that is not UTF-8 shows as \udcXX, not a crash
                    fh.write(piece.encode("utf-8", "backslashreplace"))
        except OSError as exc:
            raise InputError(f"cannot write the report ({exc.strerror or exc})",
                             str(req.output)) from None
    else:
        for piece in pieces(fmt, report):
            sys.stdout.write(piece)
        sys.stdout.flush()
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary:
        from factcheck.report.github import github_step_summary

        with open(summary, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(github_step_summary(report) + "\n")
