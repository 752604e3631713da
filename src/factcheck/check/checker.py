"""check(draft, registry) -> findings: extract, align, run the rules, sort. Never prints or exits.

A long draft is checked in batches of paragraphs, so that what the rules build for each figure
and name is kept for one batch at a time: only the findings are kept. What a rule reads of the
whole draft is worked out first and handed to each batch (`Context`): the sources the draft is
written from (from all its figures), how often each sentence's figures recur (value swaps),
which names the draft writes anywhere, and the memos that let a name's first place decide for
all. The rules about people, which read no claims, run once over the whole draft. A batch ends
at a blank line (no sentence runs on across it); the name rules see a few more lines on either
side, as they compare the words around a name, and keep only the batch's own findings."""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from factcheck.check.findings import Finding, Severity, sort_findings
from factcheck.check.rules import RULES, names, people
from factcheck.check.rules.bodies import ID as BODY_RULE
from factcheck.check.rules.figures import ID as FIGURE_RULE
from factcheck.check.rules.base import Context
from factcheck.check.rules.substitutions import compact
from factcheck.registry.claim import FIGURE_KINDS
from factcheck.registry.extract import extract_claims
from factcheck.check.sources import draft_sources
from factcheck.registry.model import Registry, only
from factcheck.text.document import Document
from factcheck.text.sentences import _BODY_END, skipped_ranges

#: Drafts of more characters than this are checked in batches (about 1.2 MB of Chinese).
BATCH_ABOVE = 400_000
#: Characters of a batch, about: it ends at the first blank line after this many.
BATCH_CHARS = 100_000
#: Rules that read no claims: run once over the whole draft.
WHOLE_DRAFT = {people.ROLE_ID, people.ID, people.QUOTE_ID}
#: Rules that compare the words around a name: given lines around the batch to read.
AROUND = {names.ID}
#: Characters of words (as name slots compare them) read beyond a batch on either side.
MARGIN = 20


def check(doc: Document, registry: Registry, rules: Iterable[str] | None = None,
          options: dict | None = None) -> list[Finding]:
    """Findings for one draft against the registry, in their total order."""
    selected = list(rules) if rules is not None else list(RULES)
    if len(doc.text) > BATCH_ABOVE:
        batches = _batches(doc, BATCH_CHARS)
        if len(batches) > 1:
            return _in_batches(doc, batches, registry, selected, options or {})
    claims = extract_claims(doc, with_subjects=False)
    ctx = Context(doc, claims, _written_from(claims, registry), options or {})
    findings: list[Finding] = []
    for rule_id in selected:
        findings.extend(RULES[rule_id][0](ctx))
    return sort_findings(_one_error_each(findings))


def _written_from(figures: list, registry: Registry) -> Registry:
    """An archive narrowed to the articles the draft is written from (`draft_sources`, from
    the draft's figures); any other registry as it is."""
    keep = draft_sources(figures, registry)
    return registry if keep is None else only(registry, keep)


class _Figure(NamedTuple):
    """What `draft_sources` weighs of a figure."""

    kind: str
    value: object


def _in_batches(doc: Document, batches: list[tuple[int, int]], registry: Registry,
                selected: list[str], options: dict) -> list[Finding]:
    """`check` one batch of lines at a time: the same findings."""
    import pickle  # only for drafts checked in batches

    packed, figures, sentences = [], {}, Counter()
    ended = False  # past the body's end (责任编辑): no claims, as `units` reads the draft
    for a, b in batches:  # first the claims, kept packed, and what the whole draft says
        part = doc.part(a, b)
        claims = [] if ended else extract_claims(part, with_subjects=False)
        ended = ended or any(_BODY_END.match(part.norm, i, j) for i, j in _lines(part))
        for c in claims:
            if c.kind in FIGURE_KINDS:
                if c.value is not None:
                    figures.setdefault((c.kind, c.value), _Figure(c.kind, c.value))
                if c.kind != "date":
                    sentences[c.sentence] += 1
        packed.append(zlib.compress(pickle.dumps(claims, pickle.HIGHEST_PROTOCOL), 1))
    registry = _written_from(list(figures.values()), registry)  # type: ignore[arg-type]
    del figures
    by_rule: dict[str, list[Finding]] = {r: [] for r in selected}
    shared: dict = {}
    for (a, b), blob in zip(batches, packed):
        claims = pickle.loads(zlib.decompress(blob))
        here = Counter(c.sentence for c in claims if c.kind in FIGURE_KINDS and c.kind != "date")
        repeats = {s: (sentences[s], n) for s, n in here.items() if sentences[s] != n}
        ctx = Context(doc.part(a, b), claims, registry, options, doc, shared, repeats)
        wide = None
        for rule_id in selected:
            if rule_id in WHOLE_DRAFT:
                continue
            if rule_id in AROUND:
                if wide is None:
                    lo, hi = _margins(doc, a, b)
                    wide = Context(doc.part(lo, hi), [], registry, options, doc, shared)
                first, last = doc.first_line + a, doc.first_line + b - 1
                by_rule[rule_id].extend(f for f in RULES[rule_id][0](wide) if first <= f.line <= last)
            else:
                by_rule[rule_id].extend(RULES[rule_id][0](ctx))
    whole = Context(doc, [], registry, options)
    for rule_id in selected:
        if rule_id in WHOLE_DRAFT:
            by_rule[rule_id].extend(RULES[rule_id][0](whole))
    return sort_findings(_one_error_each([f for r in selected for f in by_rule[r]]))


def _lines(doc: Document) -> Iterator[tuple[int, int]]:
    """[start, end) of each line of the text, without its line break."""
    for i in range(doc.line_count):
        start = doc.line_starts[i]
        yield start, start + len(doc.line_text(i + 1))


def _batches(doc: Document, size: int) -> list[tuple[int, int]]:
    """[first, end) line numbers (from 0) of batches of about `size` characters, each ending
    with a blank line outside the ranges never checked (comments, Markdown code) and before
    any line reading as a Markdown front matter's start."""
    markdown = doc.path.lower().endswith((".md", ".markdown"))
    skipped = skipped_ranges(doc.text, markdown)  # by start
    out, first, k, reach = [], 0, 0, 0
    starts, norm, n = doc.line_starts, doc.norm, doc.line_count
    for i in range(n - 1):
        cut = starts[i + 1]
        if cut - starts[first] < size or norm[starts[i]:cut].strip() \
                or doc.line_text(i + 2).startswith("---"):
            continue
        while k < len(skipped) and skipped[k][0] < cut:
            reach = max(reach, skipped[k][1])
            k += 1
        if reach > cut:
            continue  # inside a comment or a code block
        out.append((first, i + 1))
        first = i + 1
    out.append((first, n))
    return out


def _margins(doc: Document, first: int, end: int) -> tuple[int, int]:
    """Lines [first, end) and enough lines on either side for MARGIN characters of words."""
    lo, hi = first, end
    while lo > 0 and len(compact(doc.norm[doc.line_starts[lo]:doc.line_starts[first]])[0]) < MARGIN:
        lo -= 1
    stop = lambda j: doc.line_starts[j] if j < doc.line_count else len(doc.text)  # noqa: E731
    while hi < doc.line_count and len(compact(doc.norm[stop(end):stop(hi)])[0]) < MARGIN:
        hi += 1
    return lo, hi


def _one_error_each(findings: list[Finding]) -> list[Finding]:
    """A figure error inside another rule's error says the same thing once more: 北京法院 for
    上海法院 is a wrong place (figure-mismatch) and a wrong name (name-mismatch), reported
    once, as the name. A body the source never names, on words an error already names the
    source's body for, is that error's too."""
    others: dict[int, list[tuple[int, int, int, int]]] = {}  # by the line each starts on
    for f in findings:
        if f.severity is Severity.ERROR and f.rule != FIGURE_RULE:
            others.setdefault(f.line, []).append((f.line, f.column, f.end_line, f.end_column))

    def inside(f: Finding) -> bool:
        return any((f.line, f.column) >= (a, b) and (f.end_line, f.end_column) <= (c, d)
                   for a, b, c, d in others.get(f.line, ()))

    def overlaps(f: Finding) -> bool:
        return any((f.line, f.column) < (c, d) and (a, b) < (f.end_line, f.end_column)
                   for a, b, c, d in others.get(f.line, ()))

    return [f for f in findings if not (f.rule == FIGURE_RULE and f.severity is Severity.ERROR
                                        and inside(f) or f.rule == BODY_RULE and overlaps(f))]
