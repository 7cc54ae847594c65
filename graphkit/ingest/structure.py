"""Who belongs where: PART_OF, LOCATED_IN, MEMBER_OF, SIGNED (of treaties) and ALLIED_WITH.

* An organization preceded by its state (``North Korea's official Korean
  Central News Agency``, ``Russia's state Tass news agency``, ``the Russian
  Defence Ministry``) or described through it (``Seoul's spy agency``) is
  PART_OF that state.
* A place the dictionary knows is LOCATED_IN its state; so is a place written
  ``Kharkiv, Ukraine`` or ``the Kursk region of Russia``.
* A treaty or pact ``between X and Y`` has X and Y as members; when the text
  speaks of its signing, they SIGNED it.
* A state and a bloc named in one sentence are MEMBER_OF when ``members.tsv``
  says the state was a member on the article's day.
* ``X ... one of Y's allies``, ``Y's ally X``, ``X and Y are allies``:
  ALLIED_WITH; the other relational nouns say support, supply of weapons or
  criticism the same way (``Iran, the main backer of the Houthis``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import ACTOR_LABELS
from .actors import Actors, is_negated, subject
from .context import Context, Facts
from .lexicon import memberships, word_values, wordlist
from .mentions import first_conjunct

_SKIPPABLE = frozenset({"ADJ", "NOUN", "PROPN", "DET"})
#: words after a place's name that make it a region (``Sanliurfa province``, ``the Donbas region``)
_REGION_WORDS = frozenset({"region", "province", "oblast", "governorate", "prefecture", "state", "county"})
_TREATY_NOUNS = frozenset({"treaty", "pact", "agreement", "accord", "alliance", "partnership", "deal"})
_SIGN_WORDS = frozenset({"sign", "signing", "signed", "ratify", "ratified", "ratification", "conclude"})


def _state_before(ctx: Context, start: int, sent: Span) -> str | None:
    """A state written right before a noun phrase: a demonym, or a possessive ``X's``."""
    doc = ctx.doc
    i = start - 1
    steps = 0
    while i >= sent.start and steps < 6:
        tok = doc[i]
        key = ctx.entity_at(tok, demonyms=True)
        if key is not None:
            m = ctx.mention_at(tok)
            if m is not None and m.start >= 2 and doc[m.start - 1].text == "-" and \
                    doc[m.start - 2].lower_ in ("pro", "anti", "non"):
                return None  # "pro-Russian": aligned with, not part of
            return key if ctx.label_of(key) == "State" else None
        if tok.tag_ == "POS" or (tok.pos_ in _SKIPPABLE and tok.lower_ not in ("a", "an")):
            i -= 1
            steps += 1
            continue
        return None
    return None


#: Kinds of organization that can be a body of a state (a party, a company or a militia named
#: beside a country is not thereby part of its state).
_STATE_BODY_KINDS = frozenset({"government", "military", "intelligence", "legislature", "media"})


def part_of(ctx: Context, facts: Facts) -> None:
    """PART_OF where the text or the dictionary ties a body to its state (or to its parent body)."""
    done: set[str] = set()
    for m in ctx.mentions:
        if m.label != "Organization" or not m.entity or m.entity in done:
            continue
        ent = ctx.entities[m.entity]
        entry = ctx.gaz.get("Organization", m.key) if m.key else None
        sent = ctx.doc[m.start].sent
        if entry is not None:
            # The dictionary knows the body: its state (state bodies, state media, state companies) or
            # its parent (the UN Security Council of the United Nations); none for a private or
            # non-state one, whatever country stands next to it.
            parent = ctx.gaz.body_key(entry.parent) if entry.parent else None
            state = f"State:{entry.state}" if entry.state and entry.kind in (*_STATE_BODY_KINDS, "company") \
                else None
            for target in (parent, state):
                if target and target in ctx.entities:
                    facts.add("PART_OF", m.entity, target, sent)
                    done.add(m.entity)
            continue
        if ent.props.get("kind") not in _STATE_BODY_KINDS:
            continue
        state = _state_before(ctx, m.start, sent)
        if state is None:
            # "Tass, Russia's state news agency": the state inside an apposition.
            root = ctx.doc[m.start:m.end].root
            for child in root.children:
                if child.dep_ == "appos":
                    state = next((k for t in child.subtree
                                  if (k := ctx.entity_at(t, demonyms=True)) and ctx.label_of(k) == "State"),
                                 None)
        if state is None:
            # "the China Coast Guard", "Armed Forces of the Philippines": the state is in the name.
            inner = [f"State:{x.key}" for x in m.inner if f"State:{x.key}" in ctx.entities]
            name = ent.name.split()
            first = ctx.gaz.forms.get(" ".join(name[:2])) or ctx.gaz.forms.get(name[0]) if name else None
            if inner:
                state = inner[0]
            elif first and first[0] in ("GK_STATE", "GK_DEMONYM") and f"State:{first[1].id}" in ctx.entities:
                state = f"State:{first[1].id}"
        if state is not None:
            facts.add("PART_OF", m.entity, state, sent)
            done.add(m.entity)


def located_in(ctx: Context, facts: Facts) -> None:
    """Where places and bodies are: what the text writes (``Crawford, Texas``, ``the U.S. Embassy in
    Havana``, ``Minsk's Independence Palace``, ``the Doha-based Al Jazeera``), else the country the
    dictionary or GeoNames gives, when the article names it."""
    doc = ctx.doc
    for key, ent in ctx.entities.items():
        if ent.label not in ("Place", "Organization") or not ent.mentions:
            continue
        target: tuple[str, Span] | None = None
        for m in ent.mentions:
            if m.role == "demonym":
                continue
            where = _written_location(ctx, m.start, m.end, place=ent.label == "Place")
            if where is not None and where != key:
                target = (where, doc[m.start].sent)
                break
        if target is None and ent.label == "Place":
            state = state_of_place(ctx, ent)
            if state is not None and state != key:
                target = (state, doc[ent.mentions[0].start].sent)
        if target is None and ent.label == "Organization":
            # the dictionary knows where a non-state body is based (Hamas in the Gaza Strip)
            entry = ctx.gaz.get("Organization", ent.id)
            for where in entry.located if entry is not None else []:
                found = f"State:{where}" if len(where) == 3 and where.isupper() else next(
                    (k for k, e in ctx.entities.items() if e.label == "Place" and e.name == where), None)
                if found and found in ctx.entities:
                    target = (found, doc[ent.mentions[0].start].sent)
                    break
        if target is not None:
            facts.add("LOCATED_IN", key, target[0], target[1])


def state_of_place(ctx: Context, ent) -> str | None:
    """The country of a place, from the dictionary or GeoNames, if the article names that country."""
    if ent.state:
        key = f"State:{ent.state}"
        return key if key in ctx.entities else None
    from .geo import countries_of

    for iso3 in countries_of(ent.name):
        if f"State:{iso3}" in ctx.entities:
            return f"State:{iso3}"
    return None


def _written_location(ctx: Context, start: int, end: int, *, place: bool = True) -> str | None:
    """Where the text says something is, right around its name."""
    doc = ctx.doc
    j = end
    label = ctx.label_of

    def where(tok_i: int, *, regions: bool) -> str | None:
        key = ctx.entity_at(doc[tok_i]) if 0 <= tok_i < len(doc) else None
        if key is None:
            return None
        if label(key) == "State":
            return key
        if label(key) == "Place" and (not regions or ctx.kind_of(key) in ("region", None) or _named_region(tok_i)):
            return key
        return None

    def _named_region(tok_i: int) -> bool:
        """The text calls the place a region: ``Sanliurfa province``, ``the Donbas region``."""
        m = ctx.mention_at(doc[tok_i])
        return m is not None and (doc[m.end - 1].lower_ in _REGION_WORDS
                                  or (m.end < len(doc) and doc[m.end].lower_ in _REGION_WORDS))

    if place and j < len(doc) and doc[j].lower_ in wordlist("area_word"):
        # "the Kursk region of Russia"
        while j < len(doc) and doc[j].lower_ in wordlist("area_word"):
            j += 1
        if j + 1 < len(doc) and doc[j].lower_ == "of":
            return where(j + 1, regions=True)
    if place and j + 1 < len(doc) and doc[j].text == ",":
        # "Kharkiv, Ukraine", "Crawford, Texas" (not "Kyiv, Kharkiv and Odesa": a list of cities)
        key = where(j + 1, regions=True)
        m = ctx.mention_at(doc[j + 1])
        if key and m is not None and (m.end == len(doc) or not doc[m.end].is_alpha
                                      or doc[m.end].lower_ in _REGION_WORDS) and not (
                m.end + 1 < len(doc) and doc[m.end].text == "," and ctx.entity_at(doc[m.end + 1])
                and label(ctx.entity_at(doc[m.end + 1]) or "") == label(key)):
            return key
    # "the U.S. Embassy in Havana", "Miraflores Palace in Caracas": a site or body and its city
    span = doc[start:end]
    root = span.root
    if root.dep_ == "compound" and root.head.lower_ in wordlist("site_head"):
        root = root.head  # "the Saint-Dizier air base in eastern France"
    kind = ctx.kind_of(ctx.entity_at(span.root))
    if not place or kind == "site" or any(t.lower_ in wordlist("site_head") for t in doc[start:root.i + 1]):
        for c in root.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at") and c.i >= end - 1:
                for p in c.children:
                    if p.dep_ == "pobj" and (key := where(p.i, regions=False)):
                        return key
                    if p.dep_ == "pobj":  # "in eastern France"
                        key = next((k for t in p.subtree if (k := where(t.i, regions=False))), None)
                        if key:
                            return key
        if " in " in span.text:
            after = span.text.split(" in ")[-1]
            entry = ctx.gaz.place_named(after)
            if entry is not None and f"Place:{entry.id}" in ctx.entities:
                return f"Place:{entry.id}"
    if place and kind not in ("site", "region"):
        # "Bakhmut in the Donbas region", "the city of Kharkiv in the Kharkiv region": a town in a
        # region the text names as one
        # (or "Vladikavkaz, the capital of Russia's North Ossetia region")
        heads = [root, *([root.head.head] if root.dep_ == "pobj" and root.head.lower_ == "of"
                         and root.head.head.lower_ in wordlist("settlement_noun") else []),
                 *(a for a in root.children if a.dep_ == "appos" and a.lower_ == "capital")]
        for c in (c for h in heads for c in h.children):
            if c.dep_ == "prep" and (c.lower_ == "in" or (c.lower_ == "of" and c.head.lower_ == "capital")):
                for p in c.children:
                    region = next((k for t in p.subtree if ctx.label_of(ctx.entity_at(t) or "") == "Place"
                                   and (k := where(t.i, regions=True))), None)
                    if region:
                        return region
    # "Minsk's Independence Palace", "the Doha-based Al Jazeera"
    i = start - 1
    if i >= 1 and doc[i].tag_ == "POS":
        key = where(i - 1, regions=False)
        if key and label(key) == "Place":
            return key
    if i >= 2 and doc[i].lower_ == "based" and doc[i - 1].text == "-":
        key = where(i - 2, regions=False)
        if key:
            return key
    return None




def _states_in(ctx: Context, tokens: list[Token]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        key = ctx.entity_at(tok)
        if key and ctx.label_of(key) == "State" and key not in out:
            out.append(key)
    return out


def known_members(ctx: Context, facts: Facts) -> None:
    """MEMBER_OF for a state and a bloc one sentence names together when the state was a member
    that day (``members.tsv``): news rarely says it outright (``fellow EU and NATO leaders``, ``the
    summit of ASEAN foreign ministers with Vietnam's ...``). Named in different sentences, the two
    are too often unrelated. The evidence is the first sentence naming both."""
    day = ctx.day.isoformat() if ctx.day is not None else None
    table = memberships()
    for key, ent in ctx.entities.items():
        if ent.label != "Alliance" or ent.name not in table or not ent.mentions:
            continue
        bloc_sents = {ctx.doc[m.start].sent.start: ctx.doc[m.start].sent for m in ent.mentions
                      if not ctx.in_headline(ctx.doc[m.start].sent)}
        if not bloc_sents:
            continue
        for member, start, end in table[ent.name]:
            state = f"State:{member}"
            if state not in ctx.entities or (day is not None and not (start <= day and (not end or day < end))):
                continue
            both = [bloc_sents[s] for s in sorted(bloc_sents)
                    if any(ctx.doc[m.start].sent.start == s for m in ctx.entities[state].mentions)]
            if both:
                facts.add("MEMBER_OF", state, key, both[0])


def alliances(reader: Actors, facts: Facts) -> None:
    """Members and signatories of treaties named in the text."""
    ctx = reader.ctx
    doc = ctx.doc
    for m in ctx.mentions:
        if m.label != "Alliance" or not m.entity:
            continue
        sent = doc[m.start].sent
        root = doc[m.start:m.end].root
        # The noun the name is attached to: "a treaty between X and Y, known as the <name>".
        nouns = [root]
        head = root
        for _ in range(4):
            if head.head is head:
                break
            head = head.head
            if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in _TREATY_NOUNS:
                nouns.append(head)
                break
        members: list[str] = []
        # "the Ukraine-Poland Agreement": the states in a treaty's name are its parties.
        members += [f"State:{inner.key}" for inner in m.inner if f"State:{inner.key}" in ctx.entities]
        for noun in nouns:
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("between", "among", "with"):
                    members += [k for k in _states_in(ctx, list(child.subtree)) if k not in members]
        # "Under the 1951 Mutual Defense Treaty, the United States and the Philippines are bound ..."
        if root.dep_ == "pobj" and root.head.lower_ in ("under", "through", "via"):
            verb = root.head.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                members += [k for k in reader.actors(subj) if ctx.label_of(k) in ("State", "Organization")
                            and k not in members]
            else:
                # the parser may hang the parties on the treaty's name as a list
                members += [k for c in root.children if c.dep_ == "conj" for k in reader.actors(c)
                            if ctx.label_of(k) == "State" and k not in members]
        # "NATO member Poland", "Poland, a NATO member": membership nouns.
        if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in ("member", "ally", "signatory"):
            noun = root.head
            holders = [k for c in noun.children if c.dep_ in ("appos",) for k in reader.actors(c)]
            if noun.head.pos_ == "PROPN" or noun.dep_ in ("compound", "nmod"):
                holders += reader.actors(noun.head)
            if noun.dep_ == "appos":
                holders += reader.actors(noun.head)
            members += [k for k in holders if ctx.label_of(k) in ("State", "Organization") and k not in members]
        if not members:
            continue
        signed = any(t.lemma_.lower() in _SIGN_WORDS or t.lower_ in _SIGN_WORDS
                     for n in nouns for t in n.ancestors) or \
            any(t.lower_ in _SIGN_WORDS for t in sent if t.i < m.start and t.head in nouns)
        for state in members:
            facts.add("MEMBER_OF", state, m.entity, sent)
            if signed:
                facts.add("SIGNED", state, m.entity, sent, cameo="057")


_STATES = frozenset({"State"})


def _relational_owner(reader: Actors, tok: Token, rel_type: str) -> str | None:
    """Whose ally, backer or critic a relational noun names: ``Y's ally``, ``ally of Y``, ``a close
    U.S. ally`` (a demonym owns only an ally: a ``Russian arms supplier`` is Russia's own),
    ``its ally`` (the clause's subject)."""
    ctx = reader.ctx
    labels = _STATES if rel_type == "ALLIED_WITH" else ACTOR_LABELS
    for c in tok.children:
        if c.dep_ == "poss":
            found = reader.actors(c, labels=labels) or [
                k for t in c.subtree if (k := ctx.entity_at(t)) and ctx.label_of(k) in labels]
            if found:
                return found[0]
    preps = ("of", "to") if rel_type == "SUPPLIED_WEAPONS_TO" else ("of",)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    found = reader.actors(p, labels=labels)
                    if found:
                        return found[0]
    if rel_type == "ALLIED_WITH":
        # "a traditional Russian ally", "a close U.S. ally"
        owner = next((k for c in tok.children if c.dep_ in ("amod", "compound", "nmod")
                      for t in c.subtree if (k := ctx.entity_at(t, demonyms=True))
                      and ctx.label_of(k) == "State"), None)
        if owner is not None:
            return owner
    # "The United States stands with our ally the Philippines": "our" is the clause's subject.
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("our", "its", "their")), None)
    if poss is not None:
        node = tok
        for _ in range(5):
            node = node.head
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return next((k for t in subj.subtree
                             if (k := ctx.entity_at(t)) and ctx.label_of(k) in labels), None)
            if node.head.i == node.i:
                break
    return None


def _relational_holders(reader: Actors, tok: Token, labels: frozenset[str]) -> list[str]:
    """Who is the ally, backer or critic: the subject of ``X is/emerged as Y's ally``, the name in
    apposition (``Y's ally X``, ``X, a critic of Y,``), through coordinated descriptions (``China,
    Pakistan's closest ally and its main supplier of weapons``)."""
    ctx = reader.ctx
    node = tok
    for _ in range(4):
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                found = reader.actors(subj, labels=labels)
                return found or [k for t in subj.subtree
                                 if (k := ctx.entity_at(t)) and ctx.label_of(k) in labels][:1]
            break
        if node.head.i == node.i:
            break
    found = [k for c in tok.children if c.dep_ in ("appos", "compound") for k in reader.actors(c, labels=labels)]
    described = first_conjunct(tok)
    if not found and described.dep_ == "appos":
        found = reader.actors(described.head, labels=labels)
    return found


def relational_nouns(reader: Actors, facts: Facts) -> None:
    """Nouns that say how one actor stands to another (``relation_noun`` in words.tsv): ``X ... one
    of Y's allies`` (ALLIED_WITH, states only), ``Iran, the main backer of the Houthis`` (SUPPORTS),
    ``Russia, Syria's main arms supplier`` (SUPPLIED_WEAPONS_TO: only with a word for weapons),
    ``Navalny, a fierce critic of Putin`` (CRITICIZED)."""
    ctx = reader.ctx
    kinds = word_values("relation_noun")
    weapons = wordlist("weapon_word")
    for tok in ctx.tokens:
        rel_type = kinds.get(tok.lower_)
        if rel_type is None or tok.pos_ != "NOUN" or is_negated(tok):
            continue
        if rel_type == "SUPPLIED_WEAPONS_TO" and not any(
                t.lower_ in weapons for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "prep")
                for t in c.subtree):
            continue  # "its main supplier of gas" is trade
        owner = _relational_owner(reader, tok, rel_type)
        labels = _STATES if rel_type == "ALLIED_WITH" else ACTOR_LABELS
        holders = _relational_holders(reader, tok, labels)
        if (owner is None or owner in holders) and tok.dep_ == "conj" and tok.head.pos_ == "NOUN":
            # "China, Pakistan's closest ally and its main supplier of weapons": "its" is Pakistan's,
            # the owner of the description it is coordinated with, not the holder's own
            owner = _relational_owner(reader, tok.head, rel_type)
        if owner is None:
            continue
        for holder in holders:
            if holder != owner:
                facts.add(rel_type, holder, owner, tok.sent)


def pacts(reader: Actors, facts: Facts) -> None:
    """``Turkey ... under a defense pact with Doha``, ``its alliance with Russia``: ALLIED_WITH."""
    ctx = reader.ctx
    for tok in ctx.tokens:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ("pact", "alliance", "partnership", "treaty") \
                or ctx.in_headline(tok.sent):
            continue
        partners = [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj" for k in reader.actors(p, labels=frozenset({"State"}))]
        if not partners:
            continue
        owners = [k for c in tok.children if c.dep_ == "poss" for k in reader.actors(c, labels=frozenset({"State"}))]
        if not owners:
            node = tok
            for _ in range(6):
                if node.head.i == node.i:
                    break
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    subj = subject(node)
                    owners = reader.actors(subj, labels=frozenset({"State"})) if subj is not None else []
                    break
        for a in owners:
            for b in partners:
                if a != b:
                    facts.add("ALLIED_WITH", a, b, tok.sent)


def find(reader: Actors) -> Facts:
    """PART_OF, LOCATED_IN, MEMBER_OF, SIGNED (of treaties) and ALLIED_WITH."""
    facts = Facts(reader.ctx)
    part_of(reader.ctx, facts)
    located_in(reader.ctx, facts)
    alliances(reader, facts)
    relational_nouns(reader, facts)
    known_members(reader.ctx, facts)
    pacts(reader, facts)
    return facts
