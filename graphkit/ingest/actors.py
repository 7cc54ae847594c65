"""Reading a parse token as the actor it stands for, and a verb's arguments.

Shared by the interaction and statement stages, in the manner of political
event coders: the subject is the source, the object (or the passive subject)
the target, coordinations fan out, negation cancels. An argument may be a
name, a pronoun (``he`` is the last person named; ``its`` the last state or
organization), a bare title (``Russia's foreign minister`` is the person
holding that office here) or a group of a state's people (``North Korean
soldiers`` stand for North Korea).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ACTOR_LABELS
from .context import Context
from .lexicon import lexicon
from .offices import person_with_title

#: Nouns for a state's people or institutions: "North Korean troops" act for North Korea.
GROUP_NOUNS = frozenset({
    "soldier", "troop", "force", "military", "army", "navy", "official", "government", "authority",
    "diplomat", "leadership", "regime", "administration", "delegation", "side", "country", "nation",
    "state", "media", "ministry", "embassy", "negotiator", "leader", "commander", "unit", "warship",
    "jet", "drone", "missile",
})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_FIRST_PERSON = frozenset({"i", "we", "us", "me", "our"})


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it (``the US, South Korea, and Japan``)."""
    out = [tok]
    for child in tok.children:
        # A list of names is often parsed as an apposition: "The United States, Germany, the Netherlands".
        if child.dep_ == "conj" or (child.dep_ == "appos" and child.pos_ == "PROPN" and tok.pos_ == "PROPN"):
            out.extend(conjuncts(child))
    return out


def is_negated(tok: Token) -> bool:
    """``did not support``, ``never met``, ``refused to back``."""
    if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_ in ("refuse", "decline", "fail", "deny"):
        return True
    return tok.dep_ == "conj" and head is not tok and any(c.dep_ == "neg" for c in head.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def antecedent_person(ctx: Context, before: int) -> str | None:
    """The person a ``he``/``she`` at token ``before`` most likely means: the last one named."""
    for m in reversed(ctx.mentions):
        if m.start < before and m.label == "Person" and m.entity:
            return m.entity
    return None


def antecedent_group(ctx: Context, before: int) -> str | None:
    """What ``it``/``its`` means: the last state or organization named before it."""
    for m in reversed(ctx.mentions):
        if m.start < before and m.entity and m.label in ("State", "Organization"):
            return m.entity
    return None


def _owner_in(ctx: Context, tokens: list[Token]) -> str | None:
    for t in tokens:
        key = ctx.entity_at(t, demonyms=True)
        if key and ctx.label_of(key) in ("State", "Organization", "Alliance"):
            return key
    return None


def actor(ctx: Context, tok: Token, *, labels: frozenset[str] = ACTOR_LABELS) -> str | None:
    """The entity key one token stands for, or None."""
    key = ctx.entity_at(tok)
    if key is not None:
        return key if ctx.label_of(key) in labels else None
    m = ctx.mention_at(tok)
    if m is not None and m.role == "demonym" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") \
            and tok.head.i not in range(m.start, m.end) and tok.i == m.end - 1:
        # "demanding that the Chinese return our rifles": a demonym used as a noun is its state.
        return ctx.entity_at(tok, demonyms=True) if "State" in labels else None
    # "his North Korean counterpart, Choe Son Hui": the name in apposition is the actor.
    for child in tok.children:
        if child.dep_ == "appos":
            named = ctx.entity_at(child)
            if named is not None and ctx.label_of(named) in labels:
                return named
    low = tok.lower_
    if low in ("he", "she", "him", "her") and "Person" in labels:
        return antecedent_person(ctx, tok.i)
    if low in ("it", "its") and labels & {"State", "Organization"}:
        return antecedent_group(ctx, tok.i)
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lefts = [t for c in tok.lefts if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree]
    # A bare title: "Russia's foreign minister", "North Korea's Supreme Leader".
    lex = lexicon()
    words = [t.lower_ for t in lefts if t.lower_ in lex.title_words] + [low]
    if low in lex.title_words and "Person" in labels:
        found = lex.match_title(words)
        if found is not None:
            owner = _owner_in(ctx, lefts)
            if owner is not None:
                person = person_with_title(ctx, owner, found[1])
                if person is not None:
                    return person
    if tok.lemma_.lower() in GROUP_NOUNS and "State" in labels:
        owner = _owner_in(ctx, lefts)
        if owner is not None and ctx.label_of(owner) == "State":
            return owner
    return None


def actors(ctx: Context, tok: Token, *, labels: frozenset[str] = ACTOR_LABELS) -> list[str]:
    """Every actor ``tok`` and its coordinations stand for, in order, without repeats."""
    out: list[str] = []
    for t in conjuncts(tok):
        key = actor(ctx, t, labels=labels)
        if key is not None and key not in out:
            out.append(key)
    return out


def first_actor_in(ctx: Context, tok: Token, *, labels: frozenset[str] = ACTOR_LABELS) -> list[str]:
    """The actor(s) a phrase is about: itself if it names one, else the first one inside it.

    ``all actions taken by Russia in its war on Ukraine`` is about Russia.
    """
    direct = actors(ctx, tok, labels=labels)
    if direct:
        return direct
    sub = list(tok.subtree)
    # Who did it comes first: the "by" agent, then a possessor ("Iran's attack").
    for t in sub:
        if t.dep_ == "pobj" and t.head.dep_ == "agent":
            found = actors(ctx, t, labels=labels)
            if found:
                return found[:1]
    for t in sub:
        if t.dep_ == "poss":
            found = actors(ctx, t, labels=labels)
            if found:
                return found[:1]
    for t in sub:
        if t is tok:
            continue
        key = actor(ctx, t, labels=labels) or (
            k if (k := ctx.entity_at(t, demonyms=True)) and ctx.label_of(k) in labels else None)
        if key is not None:
            return [key]
    return []


def subject(tok: Token) -> Token | None:
    """The subject of a verb, inherited through coordination and subordinate clauses."""
    seen = 0
    while seen < 6:
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            # The nearest one before the verb: a dateline ("VILNIUS, July 11 -") can parse as a second subject.
            before = [c for c in subjects if c.i < tok.i]
            return before[-1] if before else subjects[0]
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head is not tok:
            tok = tok.head
            seen += 1
            continue
        return None
    return None


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)


def agent(tok: Token) -> Token | None:
    """The ``by`` phrase's object of a passive verb."""
    for child in tok.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def is_first_person(tok: Token | None) -> bool:
    return tok is not None and tok.lower_ in _FIRST_PERSON
