"""Who holds which office: LEADS and HOLDS_OFFICE from titles around names.

Three places carry a title in news English, and each is read the same way:
before the name (``Russian Foreign Minister Sergei Lavrov``, ``North Korea's
Supreme Leader Kim``), in apposition (``his North Korean counterpart, Choe Son
Hui``; ``Lavrov, Russia's foreign minister,``) and after an ``of`` (``the
secretary general of NATO``). The title's owner is the state, organization or
alliance named inside the title phrase (a demonym, a possessive or ``of X``).
When the title names no owner (``President Bashar al-Assad``), the owner is the
one the same person's earlier title named, else the one the dated role base
gives for that person and office, and only if the article names it: never the
nearest country in the sentence. The stage returns the :class:`Offices` it
found, which later stages read to take a bare title (``Russia's foreign
minister warned ...``) as the person who holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .context import Context, Facts
from .lexicon import Title, lexicon, wordlist
from .mentions import Mention

_OWNER_LABELS = ("State", "Organization", "Alliance")


@dataclass(frozen=True)
class Office:
    """A person's office as the article gives it: the owner may be unknown."""

    person: str
    owner: str | None
    relation: str
    title: str
    #: the owner is the dateline's country, assumed for a minister the story places nowhere
    assumed: bool = False


class Offices:
    """The offices of an article's people, and the LEADS/HOLDS_OFFICE facts they give."""

    def __init__(self, ctx: Context) -> None:
        self.items: list[Office] = []
        self.facts = Facts(ctx)
        #: person key -> titles seen
        self.titles: dict[str, set[str]] = {}

    def __iter__(self):
        return iter(self.items)

    def owners_of(self, person: str, *, assumed: bool = True) -> set[str]:
        """The bodies a person serves; ``assumed=False`` leaves out the dateline's guess."""
        return {o.owner for o in self.items if o.person == person and o.owner and (assumed or not o.assumed)}

    def person_with_title(self, owner: str | None, title: Title) -> str | None:
        """The person of this article holding ``title`` for ``owner`` (for ``Russia's foreign minister``)."""
        hits = {o.person for o in self.items
                if (o.title.lower() == title.title.lower() or (title.relation == "LEADS" == o.relation))
                and (owner is None or o.owner == owner)}
        return hits.pop() if len(hits) == 1 else None


def _owner_of(ctx: Context, tokens: list[Token]) -> str | None:
    """The state, organization or alliance a title phrase names (nearest to the title wins); not the
    host of an envoy (``ambassador to Kiev``) and not a word of the title itself (``Defense``)."""
    lex = lexicon()
    for tok in reversed(tokens):
        m = ctx.mention_at(tok)
        if m is None:
            continue
        before = [t.lower_ for t in ctx.doc[max(0, m.start - 3):m.start]]
        if any(before[k] in wordlist("envoy") and before[k + 1] in ("to", "in") for k in range(len(before) - 1)):
            continue  # "ambassador to Kiev": the host
        if all(t.lower_ in lex.title_words for t in ctx.doc[m.start:m.end]):
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
        if m is not None and m.label in _OWNER_LABELS and not all(
                t.lower_ in lex.title_words for t in doc[m.start:m.end]):
            tokens.extend(reversed(doc[m.start:m.end]))
            i = m.start - 1
            # "ambassador to Kiev": the host, then the title goes on
            if i - 1 >= sent.start and doc[i].lower_ in ("to", "in") and doc[i - 1].lower_ in wordlist("envoy"):
                tokens.append(doc[i])
                i -= 1
            elif i - 2 >= sent.start and doc[i].lower_ == "the" and doc[i - 1].lower_ in ("to", "in") \
                    and doc[i - 2].lower_ in wordlist("envoy"):
                tokens.extend([doc[i], doc[i - 1]])
                i -= 2
            continue
        low = tok.lower_
        if tok.tag_ == "POS" or low in ("-",):
            tokens.append(tok)
        elif low in lex.title_words:
            words.insert(0, low)
            tokens.append(tok)
        elif low in wordlist("title_modifier"):
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
    """A title noun with its modifiers (``his North Korean counterpart``, ``his secretary of state``)."""
    lex = lexicon()
    left = [t for t in head.lefts if t.dep_ in ("amod", "compound", "poss", "nmod", "det")]
    tokens = [*[t for c in left for t in c.subtree], head]
    words = [t.lower_ for t in tokens if t.lower_ in lex.title_words]
    if not words or head.lower_ not in lex.title_words:
        return None
    of_phrases = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in ("of", "for")]
    # "secretary of state", "minister of defence": a longer title runs on through "of".
    longer = None
    for prep in of_phrases:
        tail = [t.lower_ for t in prep.subtree if t.lower_ in lex.title_words or t.lower_ == "of"]
        if tail and (found := lex.match_title([*words, *tail])) is not None and found[0] > 1:
            longer = found
    found = longer or lex.match_title(words)
    if found is None:
        return None
    # "the foreign minister of Russia": the owner may follow in an of-phrase.
    for prep in of_phrases:
        tokens.extend(prep.subtree)
    return found[1], tokens


def find_offices(ctx: Context) -> Offices:
    """LEADS / HOLDS_OFFICE for every titled person mention."""
    offices = Offices(ctx)
    persons = [m for m in ctx.mentions if m.label == "Person" and m.entity]
    unowned: list[tuple[str, Title, Span, int]] = []
    for m in persons:
        sent = ctx.doc[m.start].sent
        found = title_before(ctx, m.start, sent)
        beside = _appositive_title(ctx, m)
        if found is None or (beside is not None and _owner_of(ctx, found[1]) is None
                             and _owner_of(ctx, beside[1]) is not None):
            # "Pakistan's army chief, General Asim Munir": the owned title beside the name, not the rank
            found = beside
        if found is None:
            continue
        title, tokens = found
        if any(t.lower_ in wordlist("former") for t in tokens) or _former_before(ctx, m.start):
            continue
        owner = _owner_of(ctx, tokens)
        if title.title == "counterpart":
            title = _counterpart_title(ctx, offices.items, m, title, tokens)
        if owner is None:
            owner = _fallback_owner(ctx, m, title, offices.items, tokens)
        assert m.entity is not None
        if title.title == "commander" and owner is not None and ctx.label_of(owner) == "Organization":
            title = Title("LEADS", title.title, title.cls)  # "SDF commander Mazloum Abdi"
        elif title.relation == "LEADS" and _domain_head(ctx, tokens, title):
            title = Title("HOLDS_OFFICE", title.title, "-")  # "the EU's foreign policy chief": not its head
        offices.items.append(Office(m.entity, owner, title.relation, title.title))
        offices.titles.setdefault(m.entity, set()).add(title.title)
        if owner is not None and not ctx.in_headline(sent):
            offices.facts.add(title.relation, m.entity, owner, sent, title=title.title)
        elif owner is None and title.relation == "HOLDS_OFFICE" and _cabinet_title(title.title):
            unowned.append((m.entity, title, sent, len(offices.items) - 1))
    _members_of_bodies(ctx, offices, persons)
    _leaders_by_verb(ctx, offices)
    # "SEOUL (Reuters) - Unification Minister Park Jae-kyu said": a minister the story places
    # nowhere, here or later, is the dateline country's (heads of state travel too often for this)
    for person, title, sent, index in unowned:
        if any(o.person == person and o.owner for o in offices.items):
            continue
        state = _dateline_state(ctx)
        if state is not None and not ctx.in_headline(sent):
            offices.items[index] = Office(person, state, title.relation, title.title, assumed=True)
            offices.facts.add(title.relation, person, state, sent, title=title.title)
    return offices


def _leaders_by_verb(ctx: Context, offices: Offices) -> None:
    """``Mahmoud Abbas heads Fatah``, ``the junta, which is led by General Tiani``, ``Djukanovic, who
    still leads the ruling party``: a person who leads or heads a body or a state LEADS it."""
    doc = ctx.doc
    for verb in ctx.tokens:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("lead", "head") or ctx.in_headline(verb.sent):
            continue
        if any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "aux" and c.lower_ in ("will", "would")
                                                                for c in verb.children):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
            continue  # "Fidel Castro, who led Cuba for half a century": a former leader
        people = [c for c in verb.children if c.dep_ == "agent"] if passive else \
            [c for c in verb.children if c.dep_ == "nsubj"]
        bodies = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        if passive and not bodies and verb.dep_ in ("acl", "relcl"):
            bodies = [verb.head]  # "the junta, led by General Tiani"
        person = _named(ctx, people[0], ("Person",), through_agent=passive) if people else None
        if person is None:
            continue
        for b in bodies:
            body = _named(ctx, b, ("Organization", "State"))
            if body is not None and body not in offices.owners_of(person):
                offices.items.append(Office(person, body, "LEADS", "leader"))
                offices.facts.add("LEADS", person, body, doc[verb.i].sent)


def _named(ctx: Context, tok: Token, labels: tuple[str, ...], *, through_agent: bool = False) -> str | None:
    """The entity a subject, object or ``by`` phrase names: itself, a relative pronoun's noun
    (``which is led by``), or the name a description stands beside."""
    if through_agent:
        tok = next((p for p in tok.children if p.dep_ == "pobj"), tok)
    if tok.lower_ in ("which", "who", "that") and tok.head.dep_ in ("relcl", "acl"):
        tok = tok.head.head
    key = ctx.entity_at(tok, demonyms=False)
    if key is None:
        key = next((k for c in tok.children if c.dep_ in ("appos", "compound") and (k := ctx.entity_at(c))), None)
    if key is None and tok.dep_ == "appos":
        key = ctx.entity_at(tok.head)
    return key if key is not None and ctx.label_of(key) in labels else None


def _domain_head(ctx: Context, tokens: list[Token], title: Title) -> bool:
    """A head title narrowed by a field it heads: ``foreign policy chief``, ``opposition leader``
    lead that field, not the state or body that owns the title (a noun before the title word that
    is not part of the title matched)."""
    titles = lexicon().title_words
    own = set(title.title.lower().split())
    return any(t.dep_ == "compound" and t.pos_ == "NOUN" and t.lower_ not in own and t.head.lower_ in titles
               and t.head.lower_ in own and ctx.mention_at(t) is None for t in tokens)


def _members_of_bodies(ctx: Context, offices: Offices, persons: list[Mention]) -> None:
    """``Colonel Sofiya Qureshi of the Indian Army``, ``Jane Doe of the World Bank``: a person
    written with an organization after ``of`` serves in it (HOLDS_OFFICE), when no title of theirs
    already ties them to it."""
    doc = ctx.doc
    for m in persons:
        k = m.end
        if k + 1 >= len(doc) or doc[k].lower_ != "of":
            continue
        k += 1 + (doc[k + 1].lower_ == "the")
        body = ctx.mention_at(doc[k]) if k < len(doc) else None
        if body is not None and body.role == "demonym" and body.end < len(doc):
            body = ctx.mention_at(doc[body.end])  # "of the Indian Army": the body after its demonym
        if body is None or not body.entity or ctx.label_of(body.entity) != "Organization":
            continue
        assert m.entity is not None
        if body.entity in offices.owners_of(m.entity) or ctx.in_headline(doc[m.start].sent):
            continue
        offices.items.append(Office(m.entity, body.entity, "HOLDS_OFFICE", ""))
        offices.facts.add("HOLDS_OFFICE", m.entity, body.entity, doc[m.start].sent)


def _former_before(ctx: Context, start: int) -> bool:
    """``ex-President``, ``former U.S. President``: a former word just before the title phrase."""
    doc = ctx.doc
    for i in range(start - 1, max(-1, start - 7), -1):
        if doc[i].lower_ in wordlist("former") or (doc[i].lower_.startswith("ex-")):
            return True
        if doc[i].is_punct and doc[i].text not in ("-", "."):
            return False
    return False


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


def _fallback_owner(ctx: Context, m: Mention, title: Title, offices: list[Office], tokens: list[Token]) -> str | None:
    """A title with no owner in its phrase (``President Bashar al-Assad``).

    The same person's earlier office with an owner wins; else the role base's
    owner of that office at the article's date, when the article names it.
    """
    for office in reversed(offices):
        if office.person == m.entity and office.owner and office.relation == title.relation:
            return office.owner
    # "Obama's deputy national security adviser", "Erdogan's spokesman": the state of the one served
    owners = [t for t in tokens if t.dep_ == "poss"]
    if tokens and tokens[0].tag_ == "POS" and tokens[0].i > 0:
        owners.append(ctx.doc[tokens[0].i - 1])  # the phrase began at the possessive's 's
    patron = next((k for t in owners if (k := ctx.entity_at(t)) and ctx.label_of(k) == "Person"), None)
    if patron is not None:
        served = next((o.owner for o in offices if o.person == patron and o.owner
                       and ctx.label_of(o.owner) == "State"), None)
        if served is not None:
            return served
    assert m.entity is not None
    term = ctx.roles.office_of(ctx.entities[m.entity].name, title, ctx.day)
    if term is not None:
        key = f"State:{term.of}" if len(term.of) == 3 and term.of.isupper() else ctx.gaz.body_key(term.of)
        if key in ctx.entities:
            return key
    return None


def _cabinet_title(title: str) -> bool:
    words = title.lower().split()
    return ("minister" in words or "secretary" in words) and not any("general" in w for w in words)


def _dateline_state(ctx: Context) -> str | None:
    """The one country the article's datelines name, if they name exactly one."""
    from .structure import state_of_place

    states: set[str] = set()
    for start, end in ctx.datelines:
        for m in ctx.mentions:
            if not m.entity or not (start <= ctx.doc[m.start].idx < end):
                continue
            if ctx.label_of(m.entity) == "State":
                states.add(m.entity)
            elif ctx.label_of(m.entity) == "Place":
                state = state_of_place(ctx, ctx.entities[m.entity])
                if state is not None:
                    states.add(state)
    return next(iter(states)) if len(states) == 1 else None
