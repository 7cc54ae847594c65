"""Gapped clauses: the verb said once, for several actors, each with its own number.

News counts contributions in one sentence and writes the verb only once:
``Britain has sent some 45,000 troops to fight alongside US forces, Australia
about 2,000 and Poland around 200 special forces``; ``Germany will deliver 14
tanks to Ukraine, and Norway eight``. Each later ``STATE (about) NUMBER``
repeats the first clause's deed with its own subject, so it gets the same
relationship to the same target. The parser hangs such fragments anywhere
(appositions, conjuncts, prepositions), so they are read on the surface: a
comma or ``and``, a state, at most one word of approximation, a number.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .context import Context, Fact, Facts
from .lexicon import wordlist

#: deeds counted in numbers: troops sent, weapons supplied
GAPPED_TYPES = frozenset({"SENT_TROOPS_TO", "SUPPLIED_WEAPONS_TO"})


def _number(tok: Token) -> bool:
    return tok.like_num and tok.ent_type_ != "DATE"


def _gapped_states(ctx: Context, sent: Span, source: str, target: str) -> list[str]:
    """The states of ``, STATE (about) NUMBER`` fragments after the source's own number."""
    start = next((m.end for m in ctx.mentions if m.entity == source and sent.start <= m.start < sent.end), None)
    if start is None:
        return []
    first_number = next((t.i for t in sent if t.i >= start and _number(t)), None)
    if first_number is None:
        return []
    approx = wordlist("approximator")
    doc = ctx.doc
    found: list[str] = []
    for m in ctx.mentions:
        if not (first_number < m.start and m.end < sent.end) or m.entity is None or m.role != "name":
            continue
        if ctx.label_of(m.entity) != "State" or m.entity in (source, target) or m.entity in found:
            continue
        before = m.start - 1 - (doc[m.start - 1].lower_ == "the")
        if doc[before].lower_ not in (",", "and"):
            continue
        nxt = m.end
        if nxt < sent.end and doc[nxt].lower_ in approx:
            nxt += 1
        if nxt < sent.end and _number(doc[nxt]):
            found.append(m.entity)
    return found


def find(ctx: Context, deeds: list[Fact]) -> Facts:
    """The same relationship for every state a gapped fragment adds to a counted deed."""
    facts = Facts(ctx)
    for fact in deeds:
        if fact.type not in GAPPED_TYPES or ctx.label_of(fact.start) != "State":
            continue
        for state in _gapped_states(ctx, fact.sent, fact.start, fact.end):
            facts.add(fact.type, state, fact.end, fact.sent)
    return facts
