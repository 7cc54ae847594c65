"""Events: meetings, visits, wars, deployments, signings, ceremonies and casualty reports.

An Event is something that happened at a time. Meetings, visits, wars,
deployments and signings come from the interactions found earlier (their
actors take part, with roles); ceremonies and casualty reports from their own
words (``an event to mark``, ``600 soldiers have been killed``). The date is
read from the sentence (``on Saturday``, ``on July 12``, ``yesterday``) and
resolved against the article date when there is one; where it happened is the
Event's ``place`` (the Place node's id), a property rather than a LOCATED_IN
relationship, so that location facts between places stay what the text states.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from ..model import slugify
from .actors import Actors
from .context import Context, Facts
from .lexicon import wordlist

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_DAY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b", re.I)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_KIND_BY_TYPE = {"MET": "meeting", "VISITED": "visit", "FIGHTS": "war", "SENT_TROOPS_TO": "deployment",
                 "SUPPLIED_WEAPONS_TO": "deployment", "SIGNED": "signing"}
_ROLES = {"MET": ("visitor", "host"), "VISITED": ("visitor", "host"), "FIGHTS": ("attacker", "defender"),
          "SENT_TROOPS_TO": ("sender", "recipient"), "SUPPLIED_WEAPONS_TO": ("sender", "recipient"),
          "SIGNED": ("signatory", None)}


def resolve_date(sent: Span, published: str | None) -> tuple[str | None, str | None]:
    """(ISO date or None, the words it came from) for a sentence, given the article's date."""
    text = sent.text
    base = dt.date.fromisoformat(published) if published else None
    m = _ISO.search(text)
    if m:
        return m.group(0), m.group(0)
    m = _MONTH_DAY.search(text)
    if m:
        month = _MONTHS.index(m.group(1).lower()) + 1
        year = int(m.group(3)) if m.group(3) else (base.year if base else None)
        if year is not None:
            try:
                day = dt.date(year, month, int(m.group(2)))
            except ValueError:
                return None, m.group(0)
            if not m.group(3) and base and day > base + dt.timedelta(days=7):
                day = day.replace(year=year - 1)
            return day.isoformat(), m.group(0)
        return None, m.group(0)
    low = text.lower()
    for word, delta in (("yesterday", -1), ("today", 0), ("tomorrow", 1)):
        if re.search(rf"\b{word}\b", low):
            return ((base + dt.timedelta(days=delta)).isoformat() if base else None), word
    for i, name in enumerate(_WEEKDAYS):
        if re.search(rf"\b(on|last|this|next)?\s*{name}\b", low):
            if base is None:
                return None, name.capitalize()
            back = (base.weekday() - i) % 7
            return (base - dt.timedelta(days=back)).isoformat(), name.capitalize()
    return None, None


def _event(ctx: Context, facts: Facts, kind: str, participants: list[tuple[str, str | None]], sent: Span,
           extra_key: str = "", **props: object) -> str:
    date, date_text = resolve_date(sent, ctx.article.published)
    names = sorted({ctx.entities[k].name for k, _ in participants if k in ctx.entities})
    anchor = date or ctx.article.id
    eid = "event:" + slugify(" ".join([kind, *names, extra_key, anchor]))[:120]
    title = f"{kind.capitalize()}: {' / '.join(names)}" + (f" ({date})" if date else "")
    props = {k: v for k, v in props.items() if v is not None}
    facts.node(eid, "Event", name=title, kind=kind, date=date, date_text=date_text, aliases=[], **props)
    for key, role in participants:
        if key in ctx.entities and ctx.label_of(key) in ("Person", "State", "Organization"):
            facts.add("PARTICIPATED_IN", key, eid, sent, role=role)
    return eid


def from_interactions(ctx: Context, found: list, facts: Facts) -> None:
    """One event per interaction sentence of an event-like type."""
    by_sent: dict[tuple[str, int], list[tuple[str, str, str]]] = {}
    for rel in found:
        kind = _KIND_BY_TYPE.get(rel.type)
        if kind is None or "statement" in rel.props:
            continue
        a, b = rel.start, rel.end
        if a not in ctx.entities or b not in ctx.entities:
            continue
        by_sent.setdefault((kind, int(rel.props["start"])), []).append((rel.type, a, b))
    for (kind, start), items in sorted(by_sent.items()):
        sent = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
        if sent is None:
            continue
        sentence = sent.sent
        participants: list[tuple[str, str | None]] = []
        for rel_type, a, b in items:
            roles = _ROLES[rel_type]
            for key, role in ((a, roles[0]), (b, roles[1])):
                if key not in [p for p, _ in participants]:
                    participants.append((key, role))
        places = [ctx.node_id(k) for k, _ in participants if ctx.label_of(k) == "Place"]
        _event(ctx, facts, kind, participants, sentence, place=places[0] if places else None)


def _number(tok: Token) -> int | None:
    for child in tok.subtree:
        if child.like_num:
            try:
                return int(child.text.replace(",", ""))
            except ValueError:
                words = {"hundreds": 100, "thousands": 1000, "dozens": 12}
                return words.get(child.lower_)
    return None


def casualties(reader: Actors, facts: Facts) -> None:
    """``Around 600 North Korean soldiers have been killed``: a casualty report with a count."""
    ctx = reader.ctx
    for tok in ctx.tokens:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in wordlist("casualty_verb"):
            continue
        victims = next((c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if victims is None or victims.pos_ not in ("NOUN", "PROPN"):
            continue
        count = _number(victims)
        if count is None:
            continue
        sides = reader.actors(victims, labels=frozenset({"State", "Organization", "Person"}))
        sides += [k for k in reader.first_actor_in(victims, labels=frozenset({"State"})) if k not in sides]
        if not sides:
            continue
        kind = "casualty report"
        verb = "killed" if tok.lemma_ in ("kill", "die") else "wounded"
        _event(ctx, facts, kind, [(k, "casualty") for k in sides], tok.sent, extra_key=f"{count} {verb}",
               count=count, casualty=verb)


def ceremonies(reader: Actors, facts: Facts) -> None:
    """``Kim attended an event to mark ...``: a ceremony with its attendees and place."""
    ctx = reader.ctx
    for tok in ctx.tokens:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in wordlist("ceremony_word"):
            continue
        head = tok.head
        if head.pos_ != "VERB" or head.lemma_ not in ("attend", "hold", "host", "mark", "join", "lead"):
            continue
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        who = reader.actors(subj)
        if not who:
            continue
        role = "host" if head.lemma_ in ("hold", "host", "lead") else "attendee"
        place = next((ctx.node_id(k) for t in tok.subtree
                      if (k := ctx.entity_at(t)) and ctx.label_of(k) == "Place"), None)
        _event(ctx, facts, "ceremony", [(k, role) for k in who], tok.sent, place=place)


def find(reader: Actors, found: list) -> Facts:
    """Events (nodes) with their participants, from the interactions ``found`` and their own words."""
    facts = Facts(reader.ctx)
    from_interactions(reader.ctx, found, facts)
    casualties(reader, facts)
    ceremonies(reader, facts)
    return facts
