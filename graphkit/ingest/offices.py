"""Who holds which office: LEADS and HOLDS_OFFICE from titles around names.

Three places carry a title in news English, and each is read the same way:
before the name (``Russian Foreign Minister Sergei Lavrov``, ``North Korea's
Supreme Leader Kim``), in apposition (``his North Korean counterpart, Choe Son
Hui``; ``Lavrov, Russia's foreign minister,``) and after an ``of`` (``the
secretary general of NATO``). The title's owner is the state, organization or
alliance named inside the title phrase (a demonym, a possessive or ``of X``).
Offices are also kept on the context so later stages can read a bare title
(``Russia's foreign minister warned ...``) as the person who holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .context import Context
from .entities import Mention
from .lexicon import Title, lexicon

#: Words that may sit inside a title phrase without being part of the title.
_MODIFIERS = frozenset({"the", "former", "acting", "then", "top", "senior", "new", "outgoing", "incoming",
                        "interim", "current", "longtime", "veteran", "powerful", "influential"})
_OWNER_LABELS = ("State", "Organization", "Alliance")


@dataclass(frozen=True)
class Office:
    person: str
    owner: str | None
    relation: str
    title: str


def _owner_of(ctx: Context, tokens: list[Token]) -> str | None:
    """The state, organization or alliance a title phrase names (nearest to the title wins)."""
    for tok in reversed(tokens):
        m = ctx.mention_at(tok)
        if m is None:
            continue
        key = ctx.entity_at(tok, demonyms=True)
        if key and ctx.label_of(key) in _OWNER_LABELS:
            return key
    return None


def title_before(ctx: Context, start: int, sent: Span) -> tuple[Title, list[Token]] | None:
    """The title phrase ending right before token ``start`` and the tokens it spans."""
    lex = lexicon()
    doc = ctx.doc
    words: list[str] = []
    tokens: list[Token] = []
    i = start - 1
    while i >= sent.start:
        tok = doc[i]
        m = ctx.mention_at(tok)
        if m is not None and m.label in _OWNER_LABELS:
            tokens.extend(reversed(doc[m.start:m.end]))
            i = m.start - 1
            continue
        low = tok.lower_
        if tok.tag_ == "POS" or low in ("-",):
            tokens.append(tok)
        elif low in lex.title_words:
            words.insert(0, low)
            tokens.append(tok)
        elif low in _MODIFIERS:
            tokens.append(tok)
        else:
            break
        i -= 1
    if not words:
        return None
    found = lex.match_title(words)
    if found is None:
        return None
    return found[1], list(reversed(tokens))


def _title_in_phrase(head: Token) -> tuple[Title, list[Token]] | None:
    """A title noun with its modifiers (``his North Korean counterpart``)."""
    lex = lexicon()
    left = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "det")]
    tokens = [*[t for c in left for t in c.subtree], head]
    words = [t.lower_ for t in tokens if t.lower_ in lex.title_words]
    if not words or head.lower_ not in lex.title_words:
        return None
    found = lex.match_title(words)
    if found is None:
        return None
    # "the foreign minister of Russia": the owner may follow in an of-phrase.
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for"):
            tokens.extend(child.subtree)
    return found[1], tokens


def find_offices(ctx: Context) -> None:
    """Add LEADS / HOLDS_OFFICE for every titled person mention and record ``ctx.offices``."""
    offices: list[Office] = []
    persons = [m for m in ctx.mentions if m.label == "Person" and m.entity]
    for m in persons:
        sent = ctx.doc[m.start].sent
        found = title_before(ctx, m.start, sent) or _appositive_title(ctx, m)
        if found is None:
            continue
        title, tokens = found
        owner = _owner_of(ctx, tokens)
        if title.title == "counterpart":
            title = _counterpart_title(ctx, offices, m, title, tokens)
        if owner is None:
            owner = _fallback_owner(ctx, m, title, offices)
        assert m.entity is not None
        offices.append(Office(m.entity, owner, title.relation, title.title))
        node = ctx.graph.nodes[ctx.node_id(m.entity)]
        node.properties["titles"] = sorted({*node.properties.get("titles", []), title.title})
        if owner is not None:
            ctx.relate(title.relation, m.entity, owner, sent, title=title.title)
    ctx.offices = offices


def _appositive_title(ctx: Context, m: Mention) -> tuple[Title, list[Token]] | None:
    root = ctx.doc[m.start:m.end].root
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
        return _title_in_phrase(root.head)
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return _title_in_phrase(child)
    return None


def _counterpart_title(ctx: Context, offices: list[Office], m: Mention, title: Title,
                       tokens: list[Token]) -> Title:
    """``his counterpart``: the office of the person ``his`` refers to.

    That is the other person named in the same sentence (``... after a meeting
    with his counterpart, Choe Son Hui, Lavrov accused ...``), else the last
    person named before it.
    """
    if not any(t.lower_ in ("his", "her", "their") for t in tokens):
        return title
    sent = ctx.doc[m.start].sent
    same = [p for p in ctx.mentions if p.label == "Person" and p.entity and p.entity != m.entity
            and sent.start <= p.start < sent.end]
    before = [p for p in ctx.mentions if p.label == "Person" and p.entity and p.entity != m.entity
              and p.start < m.start]
    referent = same[0] if same else (before[-1] if before else None)
    if referent is None:
        return title
    for office in reversed(offices):
        if office.person == referent.entity:
            return Title(office.relation, office.title)
    return title


def _fallback_owner(ctx: Context, m: Mention, title: Title, offices: list[Office]) -> str | None:
    """A title with no owner in its phrase (``President Vladimir Putin``).

    The same person's earlier office with an owner wins; else the nearest state
    named earlier in the same sentence (``The Kremlin criticized ..., and
    spokesman Dmitry Peskov warned``).
    """
    for office in reversed(offices):
        if office.person == m.entity and office.owner and office.relation == title.relation:
            return office.owner
    sent = ctx.doc[m.start].sent
    for i in range(m.start - 1, sent.start - 1, -1):
        key = ctx.entity_at(ctx.doc[i], demonyms=True)
        if key and ctx.label_of(key) == "State":
            return key
    return None


def person_with_title(ctx: Context, owner: str | None, title: Title) -> str | None:
    """The person of this article holding ``title`` for ``owner`` (for ``Russia's foreign minister``)."""
    hits = {o.person for o in ctx.offices
            if (o.title.lower() == title.title.lower() or (title.relation == "LEADS" == o.relation))
            and (owner is None or o.owner == owner)}
    return hits.pop() if len(hits) == 1 else None
