"""People and organisations named in a source article, with the titles and actions given them."""

from __future__ import annotations

import re

from factcheck.registry.claim import Claim
from factcheck.text.document import Document
from factcheck.text.segment import Token, tokens
from factcheck.text.sentences import Unit, clause_bounds, span_position

from factcheck.registry.orgs import latin_companies, listed_companies, org_spans
from factcheck.registry.people import (ACTION_VERBS, DOTTED, NAMED_AS, SPEECH_VERBS, SURNAMES,
                                       TITLE_ENDINGS, TRANSLIT, foreign_span, person_spans)
from factcheck.lazyre import lazy

__all__ = ["ACTION_VERBS", "DOTTED", "NAMED_AS", "SPEECH_VERBS", "SURNAMES", "TITLE_ENDINGS", "TRANSLIT",
           "entity_claims", "foreign_span", "quote_claims"]
_VERB_FLAGS = ("v", "vd")
#: Words between a name and its verb that are not the verb: 吴春耕27日在北京召开.
_SKIP_AFTER = lazy(r"^(?:\d{1,2}日|今天|昨天|昨日|当天|当日|日前|近日|也|还|则|又|曾|再次|[ 　])+")


def entity_claims(doc: Document, unit: Unit) -> list[Claim]:
    """Person and organisation claims of one sentence."""
    text = unit.text
    toks = tokens(text)
    out: list[Claim] = []
    people = person_spans(text, toks)
    orgs = [s for s in org_spans(text, toks) + listed_companies(text) + latin_companies(text)
            if not any(a < s[1] and s[0] < b for a, b in people)]
    for (start, end), roles in people.items():
        roles = roles + _titles(text, start) + _actions(text, toks, end)
        out.append(_claim(doc, unit, "person", start, end, dict.fromkeys(roles)))
    for start, end in sorted(set(orgs)):
        out.append(_claim(doc, unit, "organisation", start, end, _actions(text, toks, end)))
    return out


def _claim(doc: Document, unit: Unit, kind: str, start: int, end: int, roles) -> Claim:
    pos = span_position(doc, unit, start, end)
    name = unit.text[start:end]
    return Claim(kind=kind, value=name, subject=name, roles=tuple(roles),
                 context=unit.text[slice(*clause_bounds(unit.text, start))],
                 sentence=unit.text.strip(), **pos)


def _titles(text: str, start: int) -> list[str]:
    """Titles right before a name: 大国工匠、全国劳模刘云清 -> 大国工匠, 全国劳模;
    交通运输部新闻发言人吴春耕 -> 交通运输部新闻发言人, 新闻发言人."""
    m = re.search(r"[\u4e00-\u9fff、]{2,24}$", text[:start].rstrip(" 　"))
    if not m:
        return []
    run = re.split(r"[的在由和与从据将是了为对向]", m.group(0))[-1]
    out: list[str] = []
    for part in run.split("、"):
        ending = next((t for t in sorted(TITLE_ENDINGS, key=len, reverse=True) if part.endswith(t)), "")
        if len(part) >= 2 and (ending or "、" in run):
            out.append(part)
            if ending and ending != part:
                out.append(_longest_title(part))
    return out


def _longest_title(part: str) -> str:
    """The title word a titled phrase ends with, with its modifier (新闻发言人, 全国劳模 -> 劳模)."""
    for t in sorted(TITLE_ENDINGS, key=len, reverse=True):
        if part.endswith(t):
            cut = max(len(part) - len(t) - 2, 0) if t in ("发言人",) else len(part) - len(t)
            return part[cut:]
    return part


def _actions(text: str, toks: list[Token], end: int) -> list[str]:
    """The verb a name is the subject of: 刘云清指导 -> 指导, 吴春耕27日在北京召开 -> 召开."""
    after = text[end:end + 16]
    skip = _SKIP_AFTER.match(after)
    rest = after[skip.end():] if skip else after
    verb = next((v for v in SPEECH_VERBS + ACTION_VERBS if rest.startswith(v)), None)
    if verb:
        return [verb]
    following = [t for t in toks if t.start >= end + (skip.end() if skip else 0)][:3]
    for tok in following:
        if tok.word in ("，", ",", "。", "、", "；"):
            break
        if tok.flag.startswith(_VERB_FLAGS) and len(tok.word) >= 2:
            return [tok.word]
    return []


_QUOTE = lazy(r"“([^“”]{8,})”")


def quote_claims(doc: Document, sentences: list[Unit], claims: list[Claim]) -> list[Claim]:
    """Quoted speech with its speaker: the person named in its sentence or the next one."""
    people = sorted((c for c in claims if c.kind == "person"), key=lambda c: c.start)
    out = []
    for i, unit in enumerate(sentences):
        for m in _QUOTE.finditer(unit.text):
            if not re.search(r"[，,。！？]", m.group(1)):
                continue  # a slogan or a name in quotes, not speech
            scope = [u for u in sentences[i:i + 2]]
            lo, hi = scope[0].offsets[0], scope[-1].offsets[-1]
            speaker = next((p for p in people if lo <= p.start <= hi), None)
            if speaker is None:
                continue
            out.append(Claim(kind="quote", value=m.group(1), subject=str(speaker.value),
                             context=unit.text, sentence=unit.text.strip(),
                             **span_position(doc, unit, m.start(), m.end())))
    return out
