"""Reading a parse token as the actor it stands for, and a verb's arguments.

Shared by the interaction, frame and statement stages, in the manner of
political event coders: the subject is the source, the object (or the passive
subject) the target, coordinations fan out, negation cancels. An argument may
be a name, a pronoun or a description (``coref``), a relative pronoun (``China,
which warned`` is China), a bare title (``Russia's foreign minister`` is the
person holding that office here; an unnamed ``ministry spokeswoman`` speaks for
the ministry) or a group of a state's people (``North Korean soldiers`` stand
for North Korea).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..model import ACTOR_LABELS
from .context import Context
from .coref import Referents
from .lexicon import lexicon, word_values, wordlist
from .offices import Offices

_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_FIRST_PERSON = frozenset({"i", "we", "us", "me", "our"})
_RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens coordinated with it (``the US, South Korea, and Japan``)."""
    out = [tok]
    for child in tok.children:
        # A list of names is often parsed as an apposition: "The United States, Germany, the Netherlands".
        if child.dep_ == "conj" or (child.dep_ == "appos" and child.pos_ == "PROPN" and tok.pos_ == "PROPN"):
            out.extend(conjuncts(child))
    return out


def is_negated(tok: Token) -> bool:
    """``did not support``, ``never met``, ``refused to back``, ``are not threats``."""
    if any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in tok.children):
        return True
    if tok.dep_ in ("attr", "acomp") and any(c.dep_ == "neg" for c in tok.head.children):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.lemma_ in ("refuse", "decline", "fail", "deny"):
        return True
    return tok.dep_ == "conj" and head is not tok and any(c.dep_ == "neg" for c in head.children) \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def relative_antecedent(verb: Token) -> Token | None:
    """The noun an object relative clause the parser got wrong describes: in ``the treaty, which the
    two countries signed in 1960`` it hangs ``signed`` on ``countries`` as a participle and
    ``which`` on ``countries``; the clause's subject is ``countries`` and its object the treaty."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN"):
        return None
    noun = verb.head
    rel = next((c for c in noun.children if c.lower_ in ("which", "that", "whom") and c.i < noun.i), None)
    if rel is None or noun.dep_ != "relcl" or any(c.dep_ == "dobj" for c in verb.children):
        return None
    return noun.head


def subject(tok: Token) -> Token | None:
    """The subject of a verb, inherited through coordination and subordinate clauses."""
    if relative_antecedent(tok) is not None:
        return tok.head  # "which the two countries signed": "countries"
    seen = 0
    while seen < 6:
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if subjects:
            # The nearest one before the verb: a dateline ("VILNIUS, July 11 -") can parse as a second subject.
            before = [c for c in subjects if c.i < tok.i]
            return before[-1] if before else subjects[0]
        if tok.dep_ == "conj" and tok.tag_ == "VBD" and tok.head.tag_ == "VB":
            # "flew to Niamey in a bid to mediate and met both": a past tense coordinated under an
            # infinitive is the parser's slip; it goes with the finite verb above.
            finite = next((a for a in tok.ancestors if a.tag_ in ("VBD", "VBZ", "VBP")), None)
            if finite is not None:
                tok = finite
                seen += 1
                continue
        if tok.dep_ in ("conj", "xcomp", "advcl", "dep") and tok.head is not tok and tok.head.pos_ in ("VERB", "AUX"):
            tok = tok.head
            seen += 1
            continue
        return None
    return None


def is_passive(tok: Token) -> bool:
    """A passive verb, also a participle with its ``by`` agent (``the accords, signed by Israel``)."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl") and any(c.dep_ == "agent" for c in tok.children))


def agent(tok: Token) -> Token | None:
    """The ``by`` phrase's object of a passive verb."""
    for child in tok.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def is_first_person(tok: Token | None) -> bool:
    return tok is not None and tok.lower_ in _FIRST_PERSON


class Actors:
    """Reads tokens as actors, with what the earlier stages found (offices, referents)."""

    def __init__(self, ctx: Context, offices: Offices, refs: Referents) -> None:
        self.ctx = ctx
        self.offices = offices
        self.refs = refs

    def _owner_in(self, tokens: list[Token]) -> str | None:
        for t in tokens:
            key = self.ctx.entity_at(t, demonyms=True)
            if key and self.ctx.label_of(key) in ("State", "Organization", "Alliance"):
                return key
        return None

    def office_owner(self, tok: Token) -> str | None:
        """The state or body a bare title speaks for when the article names no holder:
        ``Iran's foreign minister``, ``the Chinese defence ministry spokesman``."""
        if tok.lower_ not in lexicon().title_words:
            return None
        return self._owner_in([t for c in tok.lefts if c.dep_ in ("amod", "compound", "poss", "nmod")
                               for t in c.subtree])

    def actor(self, tok: Token, *, labels: frozenset[str] = ACTOR_LABELS) -> str | None:
        """The entity key one token stands for, or None."""
        found = self.actors_of(tok, labels=labels)
        return found[0] if found else None

    def actors_of(self, tok: Token, *, labels: frozenset[str] = ACTOR_LABELS) -> list[str]:
        """The entity keys one token stands for (``they`` may stand for several)."""
        ctx = self.ctx
        key = ctx.entity_at(tok)
        if key is None and tok.pos_ == "PROPN":
            # The NER span stopped short of the name's head ("Yoon Suk" of "Yoon Suk Yeol").
            key = next((k for c in tok.children if c.dep_ == "compound" and (k := ctx.entity_at(c))
                        and ctx.label_of(k) == "Person"), None)
        if key is not None:
            return [key] if ctx.label_of(key) in labels else []
        m = ctx.mention_at(tok)
        if m is not None and m.role == "demonym" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") \
                and tok.head.i not in range(m.start, m.end) and tok.i == m.end - 1:
            # "demanding that the Chinese return our rifles": a demonym used as a noun is its state.
            key = ctx.entity_at(tok, demonyms=True)
            return [key] if key and "State" in labels else []
        # "his North Korean counterpart, Choe Son Hui": the name in apposition is the actor.
        for child in tok.children:
            if child.dep_ == "appos":
                named = ctx.entity_at(child)
                if named is None and child.pos_ == "PROPN":
                    # the name's head may lie outside its mention ("Gen. Romeo Brawner Jr.": "Jr.")
                    named = next((k for c in child.children if c.dep_ == "compound" and (k := ctx.entity_at(c))
                                  and ctx.label_of(k) == "Person"), None)
                if named is not None and ctx.label_of(named) in labels:
                    # "Japan's prime minister, Fumio Kishida, and South Korean President Yoon": the
                    # coordination hangs on the name in apposition.
                    return [k for t in conjuncts(child) for k in self.actors_of(t, labels=labels)]
        if tok.i in self.refs:
            return [k for k in self.refs[tok.i] if ctx.label_of(k) in labels]
        low = tok.lower_
        if low in _RELATIVES and tok.head.dep_ == "relcl" and tok.head.head is not tok:
            # "China, which warned ...", "the treaty, which the two countries signed": the relative
            # pronoun is the noun its clause describes.
            return self.actors_of(tok.head.head, labels=labels)
        if tok.pos_ not in ("NOUN", "PROPN"):
            return []
        if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.i < tok.i:
            # "the Gulf Cooperation Council, a six-nation bloc that ...": the description is its head.
            found = [k for k in [ctx.entity_at(tok.head)] if k and ctx.label_of(k) in labels]
            if found:
                return found
        lefts = [t for c in tok.lefts if c.dep_ in ("amod", "compound", "poss", "nmod") for t in c.subtree]
        lex = lexicon()
        owner = self._owner_in(lefts)
        if owner is None:
            owner = next((k for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj" for k in [ctx.entity_at(p)]
                          if k and ctx.label_of(k) in ("State", "Organization", "Alliance")), None)
        # A bare title: "Russia's foreign minister", "North Korea's Supreme Leader".
        if low in lex.title_words and "Person" in labels:
            words = [t.lower_ for t in lefts if t.lower_ in lex.title_words] + [low]
            found = lex.match_title(words)
            if found is not None and owner is not None:
                person = self.offices.person_with_title(owner, found[1])
                if person is not None:
                    return [person]
        # "the YPG militia", "the Wagner group", "the Hamas movement": the kind of body it names
        if tok.lemma_.lower() in word_values("org_noun"):
            named = next((k for c in tok.lefts if c.dep_ == "compound" and (k := ctx.entity_at(c))
                          and ctx.label_of(k) in ("Organization", "Alliance")), None)
            if named is not None and ctx.label_of(named) in labels:
                return [named]
        # "North Korean soldiers", "JEM fighters", "a Chinese foreign ministry spokeswoman": they act
        # for the owner (an organization owns its fighters and positions, a state everything here).
        lemma = tok.lemma_.lower()
        if lemma in wordlist("group_noun") and owner is not None:
            org_owner = next((k for t in lefts if (k := ctx.entity_at(t)) and ctx.label_of(k) == "Organization"),
                             None)
            if org_owner is not None and lemma in wordlist("armed_noun") and "Organization" in labels:
                return [org_owner]
            if ctx.label_of(owner) in labels and (ctx.label_of(owner) == "State" or lemma in wordlist("armed_noun")):
                return [owner]
        return []

    def actors(self, tok: Token, *, labels: frozenset[str] = ACTOR_LABELS) -> list[str]:
        """Every actor ``tok`` and its coordinations stand for, in order, without repeats."""
        out: list[str] = []
        for t in conjuncts(tok):
            for key in self.actors_of(t, labels=labels):
                if key not in out:
                    out.append(key)
        return out

    def first_actor_in(self, tok: Token, *, labels: frozenset[str] = ACTOR_LABELS) -> list[str]:
        """The actor(s) a phrase is about: itself if it names one, else the first one inside it.

        ``all actions taken by Russia in its war on Ukraine`` is about Russia.
        """
        direct = self.actors(tok, labels=labels)
        if direct:
            return direct
        # A relative clause says something else about the phrase ("a bill that would sanction Nigeria"
        # is no call on Nigeria); "actions taken by Russia" (a participle) stays.
        inner = {t.i for c in tok.children if c.dep_ == "relcl" for t in c.subtree}
        sub = [t for t in tok.subtree if t.i not in inner]
        # Who did it comes first: the "by" agent, then a possessor ("Iran's attack").
        for t in sub:
            if t.dep_ == "pobj" and t.head.dep_ == "agent":
                found = self.actors(t, labels=labels)
                if found:
                    return found[:1]
        for t in sub:
            if t.dep_ == "poss":
                found = self.actors(t, labels=labels)
                if found:
                    return found[:1]
        ctx = self.ctx
        for t in sub:
            if t is tok:
                continue
            key = self.actor(t, labels=labels) or (
                k if (k := ctx.entity_at(t, demonyms=True)) and ctx.label_of(k) in labels else None)
            if key is not None:
                return [key]
        return []

    def sources(self, verb: Token) -> list[str]:
        """Who acts: the subject, or the passive's ``by`` agent."""
        if is_passive(verb):
            by = agent(verb)
            return self.actors(by) if by is not None else []
        subj = subject(verb)
        return self.actors(subj) if subj is not None else []
