"""Curating registries: keep human edits on re-extraction, edit a claim, validate the schema."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ConfigError, RegistryError
from factcheck.registry.claim import Claim
from factcheck.registry.files import atomic_write, dumps, load_file
from factcheck.registry.model import Registry

if TYPE_CHECKING:
    pass

STATUSES = ("auto", "verified", "ignored")


# --- re-extraction -------------------------------------------------------------------------

@dataclass
class Merge:
    """What a re-extraction changed in a registry."""

    kept: list[Claim] = field(default_factory=list)
    reworded: list[tuple[Claim, Claim]] = field(default_factory=list)  # (old, new): same words, new sentence
    added: list[Claim] = field(default_factory=list)
    removed: list[Claim] = field(default_factory=list)
    edited: int = 0          # kept claims carrying a human edit (status, note or subject)

    @property
    def claims(self) -> list[Claim]:
        """The merged claims in text order."""
        claims = self.kept + [new for _, new in self.reworded] + self.added
        return sorted(claims, key=lambda c: (c.start, c.end, c.id))


def _key(c: Claim) -> tuple[str, str, str]:
    return c.kind, c.text, c.sentence


def merge(old: list[Claim], new: list[Claim]) -> Merge:
    """New claims, keeping the id, status, note and subject of each old claim whose text and
    sentence are unchanged; the same words in a changed sentence keep only their id (a human
    decision about the old sentence may not hold for the new one); other claims get ids no
    kept claim uses."""
    pool: dict[tuple[str, str, str], deque[Claim]] = defaultdict(deque)
    for c in old:
        pool[_key(c)].append(c)
    out, fresh = Merge(), []
    for c in new:
        queue = pool.get(_key(c))
        if not queue:
            fresh.append(c)
            continue
        o = queue.popleft()
        # A reviewed claim (status set or a note written) keeps its reviewed subject; an
        # unreviewed one takes the new extraction's, so better extraction reaches old registries.
        reviewed = o.status != "auto" or bool(o.note)
        out.kept.append(c.with_(id=o.id, subject=o.subject if reviewed else c.subject,
                                status=o.status, note=o.note))
        out.edited += reviewed
    left = [o for queue in pool.values() for o in queue]
    taken = {c.id for c in out.kept}
    for c in fresh:
        was = next((o for o in left if (o.kind, o.text) == (c.kind, c.text) and o.id not in taken), None)
        claim = c.with_(id=was.id if was else _free_id(c.id, taken))
        taken.add(claim.id)
        if was:
            left.remove(was)
            out.reworded.append((was, claim))
        else:
            out.added.append(claim)
    out.removed = left
    return out


def _free_id(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted#2`, `#3` … if a kept claim has it."""
    base, n, cand = wanted.split("#")[0], 1, wanted
    while cand in taken:
        n += 1
        cand = f"{base}#{n}"
    return cand


def _edits(c: Claim) -> str:
    parts = [f"status {c.status}"] * (c.status != "auto") + [f"note “{c.note}”"] * bool(c.note)
    return "; dropped its " + ", ".join(parts) + ", review it" if parts else ""


def describe(m: Merge) -> list[str]:
    """Lines for stderr: counts, then every added, reworded and removed claim."""
    lines = [f"kept {len(m.kept)} claims ({m.edited} with human edits), "
             f"{len(m.reworded)} in reworded sentences, added {len(m.added)}, removed {len(m.removed)}"]
    lines += [f"  + {c.id}  (line {c.line}: {c.text})" for c in m.added]
    lines += [f"  ~ {new.id}  (line {new.line}: sentence changed{_edits(old)})"
              for old, new in m.reworded]
    lines += [f"  - {c.id}  (was line {c.line}: {c.text}{_edits(c).replace('; dropped its', '; it had')})"
              for c in m.removed]
    return lines


# --- editing -------------------------------------------------------------------------------

def find_claims(reg: Registry, claim_id: str, source: str | None = None) -> list[Claim]:
    """Claims with this id (in any source, or in one); an unknown id is a RegistryError."""
    found = [c for c in reg.claims if c.id == claim_id and (source is None or c.source == source)]
    if not found:
        where = f"source {source!r}" if source else ", ".join(reg.sources) or "the registry"
        raise RegistryError(f"no claim with id {claim_id!r}", where,
                            "list ids with 'factcheck claims list'")
    return found


def edit_claim(path: Path, claim_id: str, status: str | None = None, note: str | None = None,
               subject: str | None = None) -> Claim:
    """Change one claim's status, note or subject in its registry file, atomically."""
    if status is not None and status not in STATUSES:
        raise ConfigError(f"status {status!r} is not one of {', '.join(STATUSES)}", "--status")
    source, claims = load_file(path)
    changes = {k: v for k, v in (("status", status), ("note", note), ("subject", subject))
               if v is not None}
    index = next((i for i, c in enumerate(claims) if c.id == claim_id), None)
    if index is None:
        raise RegistryError(f"no claim with id {claim_id!r}", str(path))
    claims[index] = claims[index].with_(**changes)
    atomic_write(path, dumps(source, claims))
    return claims[index]


def schema_errors(data: object) -> tuple[list[str], list[str]]:
    """(errors, notes): where a registry object breaks the JSON Schema (needs jsonschema)."""
    try:
        import jsonschema
    except ImportError:
        return [], ["JSON Schema not checked (pip install jsonschema)"]
    from factcheck.registry.schema import json_schema

    validator = jsonschema.Draft202012Validator(json_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return [f"schema: {e.message} at /{'/'.join(map(str, e.absolute_path))}" for e in errors[:20]], []
