"""Frames: the facts analysts ask about most, read with their roles, in the manner of event coders.

A frame is evoked by a word of ``frames.tsv`` and fills its roles from the parse:

* **meeting** (``met``, ``hosted``, ``held talks with``, ``talks between X and Y``,
  ``a summit with``): every participant MET every other (``Biden hosted Kishida and
  Yoon``: the three of them), unless the text says they met ``separately``; a host's
  guests VISITED the place it names (``at Camp David``).
* **visit** (``visited``, ``arrived in``, ``travelled to``, ``stopped in``, ``a visit
  to``, ``trip to``): the person VISITED the State or Place.
* **join** (``joined``, ``acceded to``, ``X's accession to``), membership nouns
  (``X is a member of Y``, ``fellow NATO member Y``) and **group** verbs (``The G7
  groups Britain, Canada ...``): MEMBER_OF.
* **sign** (``signed``, ``ratified``): SIGNED, and the signing states (a person's
  own state) MEMBER_OF the treaty; a treaty signed ``with`` another party binds it
  too; ``signed a treaty`` whose name comes in the same or the next sentences is
  that treaty.
* **ties** (``agreed to strengthen ties with``, ``cooperate with``, ``cooperation
  between``): COOPERATES_WITH.
* **delivery** nouns (``the deployment of German troops to Lithuania``, ``arms sales
  to Taiwan``); gapped lists after a delivery verb are the interactions stage's.

What a frame reports must be asserted: not negated, not in a question, condition,
denial or hypothesis, not planned (``will meet``, ``plans to visit``, ``a bid to
join``) and not from a headline.
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Span, Token

from ..model import ACTOR_LABELS
from .actors import Actors, conjuncts, is_negated, is_passive, relative_antecedent, subject
from .context import Facts
from .interactions import asserted, planned
from .lexicon import Frame, lexicon, wordlist

_PLACE_OR_STATE = frozenset({"State", "Place"})
_MEMBERS = frozenset({"State", "Organization"})
_ALLIANCE = frozenset({"Alliance"})


def _fact(reader: Actors, tok: Token) -> bool:
    """A frame's trigger states a fact: asserted, not negated, not planned, not in the headline."""
    ctx = reader.ctx
    return asserted(tok) and not is_negated(tok) and not planned(tok) and not ctx.in_headline(tok.sent)


def _pledged(reader: Actors, tok: Token) -> bool:
    """``vowed to boost defence cooperation``: a pledge of ties is the news itself (the graph
    model's COOPERATES_WITH is "agreed or pledged to cooperate"), though a plan by the tests of
    :func:`planned`."""
    return asserted(tok) and not is_negated(tok) and not reader.ctx.in_headline(tok.sent) and \
        tok.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
        tok.head.lemma_.lower() in wordlist("pledge_word") and not is_negated(tok.head)


def _counted(subj: Token | None) -> bool:
    """A subject that says who met whom by itself: a coordination (``Biden and Xi``), ``they``, or a
    counted plural (``the two leaders``, ``both sides``), not a vague one (``the allies``)."""
    if subj is None:
        return False
    return subj.lower_ == "they" or any(c.dep_ == "conj" for c in subj.children) or any(
        c.dep_ in ("nummod", "det", "predet") and c.lower_ in ("two", "three", "four", "both") for c in subj.children)


def _pobjs(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    return [p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _location(reader: Actors, tok: Token) -> list[str]:
    """Where a meeting was held: ``in Warsaw``, ``at Camp David`` (the parser often hangs the place
    on the last guest rather than on the verb)."""
    found = [k for p in _pobjs(tok, ("in", "at")) for k in reader.first_actor_in(p, labels=_PLACE_OR_STATE)]
    if not found:
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            for t in obj.subtree:
                if t.dep_ == "prep" and t.lower_ in ("in", "at"):
                    found += [k for p in t.children if p.dep_ == "pobj"
                              for k in reader.actors(p, labels=_PLACE_OR_STATE)]
                    if found:
                        return found[:1]
    return found


class FrameFinder:
    """Fills the frames of one article; reads the parse, offices and referents."""

    def __init__(self, reader: Actors, structure: Facts) -> None:
        self.reader = reader
        self.ctx = reader.ctx
        self.facts = Facts(reader.ctx)
        self.lex = lexicon()
        self.structure = structure

    def run(self) -> Facts:
        for tok in self.ctx.tokens:
            if tok.pos_ not in ("VERB", "NOUN", "PROPN"):
                continue
            pos = "VERB" if tok.pos_ == "VERB" else "NOUN"
            frame = self.lex.frames.get((pos, tok.lemma_.lower())) or self.lex.frames.get((pos, tok.lower_))
            if frame is None or not (_fact(self.reader, tok) or (frame.frame == "ties" and _pledged(self.reader, tok))):
                continue
            handler = getattr(self, f"_{frame.frame}_{pos.lower()}", None)
            if handler is not None:
                handler(tok, frame)
        self._members()
        self._spoke_abroad()
        return self.facts

    # -- helpers -------------------------------------------------------------

    def _add(self, rel_type: str, a: str, b: str, sent: Span, trigger: Token) -> None:
        if a != b:
            self.facts.add(rel_type, a, b, sent, trigger=trigger.text)

    def _home(self, person: str) -> set[str]:
        """The ISO3 codes of the states a person serves (offices in the article, the role base; not
        the dateline's guess for a minister placed nowhere, who may be the one travelling)."""
        ctx = self.ctx
        homes = {o.split(":", 1)[1] for o in self.reader.offices.owners_of(person, assumed=False)
                 if ctx.label_of(o) == "State"}
        if ctx.label_of(person) == "Person":
            homes |= {t.of for t in ctx.roles.terms_at(ctx.entities[person].name, ctx.day) if len(t.of) == 3}
        elif ctx.label_of(person) == "State":
            homes.add(person.split(":", 1)[1])
        return homes

    def _country_of(self, place: str) -> str | None:
        ctx = self.ctx
        if ctx.label_of(place) == "State":
            return place.split(":", 1)[1]
        ent = ctx.entities[place]
        if ent.state:
            return ent.state
        from .geo import countries_of

        found = countries_of(ent.name)
        return next((c for c in found if f"State:{c}" in ctx.entities), found[0] if found else None)

    def _abroad(self, people: list[str], places: list[str], sent: Span, trigger: Token) -> None:
        """Who meets in another country than the one they serve has visited it (Livni meeting Mubarak
        in Cairo); a meeting at home is no visit. The first place counts, and the state after it when
        that is the first place's country (a dateline's ``KRANJ, Slovenia``)."""
        for place in places[:1] + [p for p in places[1:2] if self.ctx.label_of(p) == "State"
                                   and self._country_of(places[0]) == p.split(":", 1)[1]]:
            country = self._country_of(place)
            if country is None:
                continue
            for p in people:
                home = self._home(p)
                if self.ctx.label_of(p) == "Person" and home and country not in home:
                    self._add("VISITED", p, place, sent, trigger)

    def _dateline_place(self, sent: Span) -> list[str]:
        """Where the lead sentence's news happened: the dateline's city and the state it names or
        lies in (``KRANJ, Slovenia (AP) - Bush and Putin ended their first meeting``). Only for the
        lead: later paragraphs report from elsewhere as often as not."""
        ctx = self.ctx
        if not ctx.datelines:
            return []
        start, end = ctx.datelines[0]
        lead = next((s for s in ctx.doc.sents if s.start_char >= end and not ctx.in_headline(s)
                     and any(t.pos_ in ("VERB", "AUX") for t in s)), None)
        if lead is None or lead.start != sent.start:
            return []
        city = next((m.entity for m in ctx.mentions if m.entity and start <= ctx.doc[m.start].idx < end
                     and ctx.label_of(m.entity) in _PLACE_OR_STATE), None)
        if city is None or ctx.label_of(city) == "State":
            return [city] if city else []
        country = self._country_of(city)
        return [city] + ([f"State:{country}"] if country and f"State:{country}" in ctx.entities else [])

    def _spoke_abroad(self) -> None:
        """``In Poland a day earlier, Bush had said``, ``Speaking in Hanoi, Blinken said``: a person
        speaking in another country than the one they serve is there, a visit."""
        ctx, reader = self.ctx, self.reader
        speech = self.lex.speech
        for verb in ctx.tokens:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in speech or ctx.in_headline(verb.sent) \
                    or is_negated(verb) or planned(verb) or not asserted(verb):
                continue
            subj = subject(verb)
            # "Speaking in Sydney, Tillerson said", "Blinken, speaking in Kyiv, said"
            participles = [c for c in verb.children if c.dep_ == "advcl"] + (
                [c for c in subj.children if c.dep_ in ("acl", "advcl", "appos")] if subj is not None else [])
            holders = [verb, *[c for c in participles if c.tag_ == "VBG"
                               and (c.lemma_.lower() in speech or c.lemma_.lower() in ("speak", "talk"))]]
            places = [k for h in holders for p in _pobjs(h, ("in",))
                      for k in reader.actors(p, labels=_PLACE_OR_STATE)]
            people = [k for k in (reader.actors(subj) if subj is not None else []) if ctx.label_of(k) == "Person"]
            if places and people:
                self._abroad(people, places, verb.sent, verb)

    def _coordinated_people(self, verb: Token) -> list[str]:
        """``Brazilian President Luiz Inacio Lula da Silva and Argentine President Javier Milei met``:
        long titled names coordinated before the verb, which the parser may hang on one another
        instead of coordinating them; every person named in the subject, when an ``and`` joins them."""
        subj = subject(verb)
        if subj is None or subj.i > verb.i:
            return []
        span = list(subj.subtree)
        if not any(t.lower_ == "and" and t.dep_ == "cc" for t in span):
            return []
        ctx = self.ctx
        found = [m.entity for m in ctx.mentions if m.entity and ctx.label_of(m.entity) == "Person"
                 and span[0].i <= m.start and m.end <= span[-1].i + 1]
        return list(dict.fromkeys(found)) if len(set(found)) >= 2 else []

    def _meet_all(self, sources: list[str], others: list[str], sent: Span, trigger: Token, *,
                  separately: bool = False) -> None:
        """Everyone at one meeting met everyone else: the hosts (or the subject's side) each guest, and
        the guests one another; hosts on one side do not "meet" each other. With no guests named, the
        subject's parties met one another (``Biden and Xi met``)."""
        sources = list(dict.fromkeys(sources))
        others = [o for o in dict.fromkeys(others) if o not in sources]
        if not others:
            pairs = list(combinations(sources, 2))
        else:
            pairs = [(s, o) for s in sources for o in others]
            if not separately:
                pairs += list(combinations(others, 2))
        for a, b in pairs:
            self._add("MET", a, b, sent, trigger)

    def _noun_sources(self, noun: Token) -> list[str]:
        """Who takes part in a meeting, visit or pledge a noun names: its possessor, an ``of`` phrase
        (``the visit of Pope Francis``), or the subject of a verb of taking part around it."""
        reader = self.reader
        found = [k for c in noun.children if c.dep_ == "poss" for k in reader.actors(c)]
        if found:
            return found
        found = [k for p in _pobjs(noun, ("of", "by")) for k in reader.actors(p, labels=frozenset({"Person"}))]
        if found:
            return found
        node = noun
        through_prep = False
        for _ in range(9):
            if node.head.i == node.i:
                return []
            if node.dep_ in ("nsubj", "nsubjpass"):
                return []  # "Talks with Iran ended": the talks are the subject, not who held them
            through_prep = through_prep or node.dep_ in ("pobj", "prep")
            node = node.head
            if node.pos_ in ("PROPN", "NOUN") and through_prep and (found := reader.actors(node)) \
                    and node.dep_ in ("nsubj", "nsubjpass", "appos"):
                return found  # "Payne and Dutton, on a visit to Washington, met ...": who is on it
            if node.pos_ in ("VERB", "AUX"):
                # "after a meeting with", "on a visit to": framing the clause; "held talks", "paid a
                # visit": taking part; "criticised the meeting": neither.
                if not through_prep and node.lemma_.lower() not in wordlist("participate_verb"):
                    return []
                subj = subject(node)
                if subj is None and node.tag_ in ("VBG", "VBN") and node.dep_ in ("pcomp", "pobj", "acl"):
                    continue  # "after drawing criticism for a visit": the clause above says who
                return reader.actors(subj) if subj is not None else []
        return []

    # -- meeting ---------------------------------------------------------------

    def _meeting_verb(self, verb: Token, frame: Frame) -> None:
        reader = self.reader
        lemma = verb.lemma_.lower()
        sent = verb.sent
        if lemma in ("hold", "have"):
            nouns = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in wordlist("meeting_noun")]
            if not nouns:
                return
            others = [k for p in _pobjs(verb, frame.preps) + [q for n in nouns for q in _pobjs(n, ("with",))]
                      for k in reader.actors(p)]
            between = [k for n in nouns for p in _pobjs(n, ("between", "among")) for k in reader.actors(p)]
            sources = reader.sources(verb)
            if between:
                self._meet_all(between, [], sent, verb)
            if others or len(sources) >= 2:
                self._meet_all(sources, others, sent, verb)
                places = _location(reader, verb) or [
                    k for n in nouns for p in _pobjs(n, ("in", "at")) for k in reader.first_actor_in(
                        p, labels=_PLACE_OR_STATE)]
                self._abroad(sources + others, places, sent, verb)
            return
        sources = reader.sources(verb)
        coordinated = self._coordinated_people(verb) if len(sources) == 1 and not is_passive(verb) else []
        sources = coordinated or sources
        if not sources:
            return
        objs = [c for c in verb.children if c.dep_ in ("dobj",) and lemma not in wordlist("topic_meeting_verb")] \
            + _pobjs(verb, frame.preps)
        if any(c.dep_ == "agent" for c in verb.children):
            objs += [c for c in verb.children if c.dep_ == "nsubjpass"]  # "Putin was greeted by Xi"
        if verb.dep_ == "conj" and not objs:
            objs = [c for c in verb.head.children if c.dep_ == "dobj"]
        others = [k for o in objs for k in reader.actors(o)]
        # "hosted an emergency summit in Paris with Cameron, Clinton ...": the guests are the summit's.
        if any(o.lemma_.lower() in wordlist("meeting_noun") for o in objs):
            others += [k for o in objs for p in _pobjs(o, ("with",)) for k in reader.actors(p)]
            others += [k for p in _pobjs(verb, ("with",)) for k in reader.actors(p) if k not in others]
        if lemma in wordlist("host_verb"):
            others = [k for k in others if reader.ctx.label_of(k) in ("Person", "State")]
            if not others:
                return
            for place in _location(reader, verb)[:1]:
                for guest in others:
                    if reader.ctx.label_of(guest) == "Person" and self._country_of(place) not in self._home(guest):
                        self._add("VISITED", guest, place, sent, verb)
        if not others and (len(sources) < 2 or not (coordinated or _counted(subject(verb)))):
            return
        # A host's guests meet one another; the people someone meets are one side of the table.
        together = lemma in wordlist("host_verb") or any(o.lemma_.lower() in wordlist("meeting_noun") for o in objs)
        separately = not together or any(c.lower_ in ("separately", "individually") for c in verb.children)
        self._meet_all(sources, others, sent, verb, separately=separately)
        if lemma not in wordlist("host_verb"):
            self._abroad(sources + others, _location(reader, verb) or self._dateline_place(sent), sent, verb)

    def _meeting_noun(self, noun: Token, frame: Frame) -> None:
        reader = self.reader
        sent = noun.sent
        between = [k for p in _pobjs(noun, ("between", "among")) for k in reader.actors(p)]
        if len(between) >= 2:
            self._meet_all(between, [], sent, noun)
            return
        others = [k for p in _pobjs(noun, ("with",)) for k in reader.actors(p)]
        sources = self._noun_sources(noun)
        if others or len(sources) >= 2:
            # "their first meeting", "a meeting with Cameron and Clinton"
            self._meet_all(sources, others, sent, noun)
            places = [k for p in _pobjs(noun, ("in", "at")) for k in reader.first_actor_in(p, labels=_PLACE_OR_STATE)]
            self._abroad(sources + others, places or self._dateline_place(sent), sent, noun)

    # -- visit -------------------------------------------------------------------

    def _visit_verb(self, verb: Token, frame: Frame) -> None:
        reader = self.reader
        lemma = verb.lemma_.lower()
        labels = ACTOR_LABELS if lemma in ("visit", "tour") else frozenset({"Person"})
        visitors = [k for k in reader.sources(verb) if reader.ctx.label_of(k) in labels]
        if not visitors:
            return
        if any(c.lower_ == "home" for c in verb.children):
            return  # "flew home to Seoul": a return, not a visit
        objs = [c for c in verb.children if c.dep_ == "dobj"] if lemma in ("visit", "tour") else []
        preps = (*frame.preps, "in") if lemma == "travel" else frame.preps
        places = self._places(objs + _pobjs(verb, preps))
        # "arrived in Havana with first lady Michelle Obama and their daughters": they came too
        visitors += [k for p in _pobjs(verb, ("with",)) for k in reader.actors(p, labels=frozenset({"Person"}))]
        for v in dict.fromkeys(visitors):
            for p in places:
                self._add("VISITED", v, p, verb.sent, verb)

    def _places(self, phrases: list[Token]) -> list[str]:
        """The places a visit goes to: each phrase's own place, else the first one inside it (``the
        Western Command headquarters in Palawan province``); a country only when no town of it is named."""
        reader = self.reader
        found: list[str] = []
        for ph in phrases:
            found += reader.actors(ph, labels=_PLACE_OR_STATE) or reader.first_actor_in(ph, labels=_PLACE_OR_STATE)
        found = list(dict.fromkeys(found))
        towns = {self.ctx.entities[k].state for k in found if self.ctx.label_of(k) == "Place"}
        return [k for k in found if not (self.ctx.label_of(k) == "State" and k.split(":", 1)[1] in towns)]

    def _visit_noun(self, noun: Token, frame: Frame) -> None:
        reader = self.reader
        # "a five-nation tour that took him to Spain, to Brussels and to Goteborg"
        verb = noun.head if noun.dep_ == "nsubj" and noun.head.lemma_.lower() == "take" else None
        verb = verb or next((c for c in noun.children if c.dep_ == "relcl" and c.lemma_.lower() == "take"), None)
        if verb is not None:
            visitors = [k for c in verb.children if c.dep_ == "dobj" for k in reader.actors(c)
                        if reader.ctx.label_of(k) == "Person"]
            preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"]
            preps += [cc for c in preps for cc in c.conjuncts if cc.dep_ in ("prep", "conj")]
            places = [k for pr in preps for p in pr.children if p.dep_ == "pobj"
                      for k in reader.actors(p, labels=_PLACE_OR_STATE)]
            places += [k for pr in preps for p in pr.children if p.dep_ == "pobj"
                       for t in p.subtree if t.dep_ == "pobj" and t is not p
                       for k in reader.actors(t, labels=_PLACE_OR_STATE)]
            for v in visitors:
                for p in dict.fromkeys(places):
                    self._add("VISITED", v, p, noun.sent, noun)
        places = self._places(_pobjs(noun, frame.preps))
        if not places:
            return
        visitors = [k for k in self._noun_sources(noun) if reader.ctx.label_of(k) in ("Person", "State",
                                                                                         "Organization")]
        for v in visitors:
            for p in places:
                self._add("VISITED", v, p, noun.sent, noun)

    # -- membership ----------------------------------------------------------------

    def _join_verb(self, verb: Token, frame: Frame) -> None:
        reader = self.reader
        members = [k for k in reader.sources(verb) if reader.ctx.label_of(k) in _MEMBERS]
        objs = [c for c in verb.children if c.dep_ == "dobj"] + _pobjs(verb, frame.preps)
        alliances = [k for o in objs for k in reader.actors(o, labels=_ALLIANCE)]
        for m in members:
            for a in alliances:
                self._add("MEMBER_OF", m, a, verb.sent, verb)

    def _join_noun(self, noun: Token, frame: Frame) -> None:
        reader = self.reader
        alliances = [k for p in _pobjs(noun, frame.preps) for k in reader.actors(p, labels=_ALLIANCE)]
        owner = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
        # "Montenegro's instrument of accession to ...": the owner may sit on the governing noun.
        members = [k for n in {noun, owner} for c in n.children if c.dep_ == "poss"
                   for k in reader.actors(c, labels=_MEMBERS)]
        if owner is not noun and owner.lemma_.lower() in wordlist("plan_word"):
            return
        for m in members:
            for a in alliances:
                self._add("MEMBER_OF", m, a, noun.sent, noun)

    def _group_verb(self, verb: Token, frame: Frame) -> None:
        """``The G7 groups Britain, Canada, France ...``; ``NATO's members include ...``; ``the Group of
        Eight, which brings together ...``."""
        reader = self.reader
        if verb.lemma_.lower() == "bring" and not any(c.lower_ == "together" for c in verb.children):
            return
        subj = subject(verb)
        alliance = reader.actors(subj, labels=_ALLIANCE) if subj is not None else []
        if subj is not None and not alliance and subj.lemma_.lower() == "member":
            alliance = [k for c in subj.children if c.dep_ in ("poss", "compound")
                        for k in reader.actors(c, labels=_ALLIANCE)] + \
                       [k for p in _pobjs(subj, ("of",)) for k in reader.actors(p, labels=_ALLIANCE)]
        if not alliance and subj is None:
            # "The G7 groups Britain, ...": the parser may leave the bloc as a modifier of the verb
            alliance = [k for c in verb.lefts if c.dep_ in ("compound", "npadvmod", "nmod")
                        for k in reader.actors(c, labels=_ALLIANCE)]
        if not alliance:
            return
        objs = [c for c in verb.children if c.dep_ in ("dobj", "appos") and c.i > verb.i]
        for obj in objs:
            for k in reader.actors(obj, labels=_MEMBERS):
                self._add("MEMBER_OF", k, alliance[0], verb.sent, verb)

    def _found_verb(self, verb: Token, frame: Frame) -> None:
        """``China, Russia ... formed the Shanghai Five``, ``a group formed in 1996 by China, Russia``,
        ``Biden, Morrison and Johnson unveiled the partnership, known as AUKUS``: the founders are members
        (a person's own state, for leaders)."""
        reader = self.reader
        ctx = self.ctx
        lemma = verb.lemma_.lower()
        if lemma == "set" and not any(c.lower_ == "up" for c in verb.children):
            return
        if verb.dep_ == "acl" or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            objs = [verb.head] if verb.dep_ == "acl" else [c for c in verb.children if c.dep_ == "nsubjpass"]
            by = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
            founders = reader.actors(by) if by is not None else []
        else:
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            founders = reader.sources(verb)
        alliances = [k for o in objs for k in self._treaty_for(o) if ctx.label_of(k) == "Alliance"]
        for a in alliances[:1]:
            members: list[str] = []
            for f in founders:
                states = [f] if ctx.label_of(f) in _MEMBERS else sorted(
                    o for o in reader.offices.owners_of(f) if ctx.label_of(o) == "State")
                for state in states:
                    self._add("MEMBER_OF", state, a, verb.sent, verb)
                    members.append(state)
            if ctx.kind_of(a) in ("alliance", "partnership"):
                # the states that form an alliance or a partnership are allies
                states = [m for m in dict.fromkeys(members) if ctx.label_of(m) == "State"]
                for x, y in combinations(states, 2):
                    self._add("ALLIED_WITH", x, y, verb.sent, verb)

    def _members(self) -> None:
        """Membership nouns: ``X is a member of Y``, ``X, a member of Y``, ``Y members A and B``,
        ``A and B are members of Y``, ``fellow Y member A``."""
        reader = self.reader
        ctx = self.ctx
        for tok in ctx.tokens:
            if tok.lemma_.lower() not in ("member", "signatory", "party") or tok.pos_ != "NOUN":
                continue
            if not asserted(tok) or ctx.in_headline(tok.sent):
                continue
            alliance = [k for c in tok.children if c.dep_ in ("poss", "compound", "nmod")
                        for k in reader.actors(c, labels=_ALLIANCE)]
            alliance += [k for p in _pobjs(tok, ("of", "to")) for k in reader.actors(p, labels=_ALLIANCE)]
            if not alliance and tok.lemma_.lower() != "member":
                continue
            if not alliance:
                continue
            holders: list[str] = []
            if tok.dep_ in ("attr",) and tok.head.lemma_ in ("be", "become", "remain"):
                subj = subject(tok.head)
                if subj is not None and not is_negated(tok.head) and not planned(tok.head):
                    holders += reader.actors(subj, labels=_MEMBERS)
            if tok.dep_ == "appos":
                holders += reader.actors(tok.head, labels=_MEMBERS)
            holders += [k for c in tok.children if c.dep_ in ("appos",) for k in reader.actors(c, labels=_MEMBERS)]
            if tok.dep_ in ("compound", "nmod") and tok.head.pos_ == "PROPN":
                holders += reader.actors(tok.head, labels=_MEMBERS)
            holders += [k for p in _pobjs(tok, ("including", "like", "such"))
                        for k in reader.actors(p, labels=_MEMBERS)]
            for h in dict.fromkeys(holders):
                self._add("MEMBER_OF", h, alliance[0], tok.sent, tok)
                if tok.lemma_.lower() == "signatory":
                    self._add("SIGNED", h, alliance[0], tok.sent, tok)  # a signatory signed it

    # -- signing -------------------------------------------------------------------

    def _treaty_for(self, noun: Token) -> list[str]:
        """The treaty an object noun stands for: named itself, described (``the pact``), named in
        apposition or ``known as``, or the first treaty named in the next two sentences."""
        reader = self.reader
        ctx = self.ctx
        found = reader.actors(noun, labels=_ALLIANCE)
        if found:
            return found
        for t in noun.subtree:
            key = ctx.entity_at(t)
            if key and ctx.label_of(key) == "Alliance":
                return [key]
        edge = noun.left_edge.i
        if noun.dep_ == "appos" and edge >= 2 and ctx.doc[edge - 1].text == ",":
            # "the Shanghai Five, a group formed by ...": the name the description follows (the parser
            # may hang the description elsewhere)
            key = ctx.entity_at(ctx.doc[edge - 2])
            if key and ctx.label_of(key) == "Alliance":
                return [key]
        if noun.lemma_.lower() not in wordlist("treaty_noun"):
            return []
        sent = noun.sent
        limit = sent.end
        nxt = sent
        for _ in range(2):
            if nxt.end >= len(ctx.doc):
                break
            nxt = ctx.doc[nxt.end].sent
            limit = nxt.end
        for m in ctx.mentions:
            if noun.i < m.start < limit and m.entity and m.label == "Alliance":
                kind = ctx.kind_of(m.entity)
                if kind in (None, "treaty", "partnership"):
                    return [m.entity]
        return []

    def _sign_verb(self, verb: Token, frame: Frame) -> None:
        reader = self.reader
        ctx = self.ctx
        signers = [k for k in reader.sources(verb)]
        subj = subject(verb)
        if not signers and subj is not None and subj.tag_ == "NNS" and subj.lemma_.lower() in self.lex.title_words:
            # "the foreign ministers of Congo and Rwanda signed": they sign for their states
            signers = [k for p in _pobjs(subj, ("of",)) for t in conjuncts(p)
                       if (k := ctx.entity_at(t)) and ctx.label_of(k) == "State"]
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        antecedent = relative_antecedent(verb)
        if antecedent is not None:
            objs.append(antecedent)  # "the treaty, which the two countries signed"
        if verb.tag_ == "VBN" and verb.dep_ == "acl":
            objs.append(verb.head)  # "the Abraham Accords, signed by Israel, the UAE and Bahrain"
        treaties = [k for o in objs for k in self._treaty_for(o)]
        # "signed the founding declaration of the SCO and the Shanghai Convention": every one named
        treaties += [k for o in objs for t in o.subtree if (k := ctx.entity_at(t)) and k not in treaties
                     and ctx.label_of(k) == "Alliance" and t.dep_ in ("conj", "pobj", "dobj", "appos")]
        treaties = list(dict.fromkeys(treaties))
        if not treaties or not signers:
            return
        partners = [k for p in _pobjs(verb, frame.preps) for k in reader.actors(p)]
        for t in treaties:
            for s in signers + partners:
                self._add("SIGNED", s, t, verb.sent, verb)
                states = [s] if ctx.label_of(s) in _MEMBERS else sorted(
                    o for o in reader.offices.owners_of(s) if ctx.label_of(o) == "State")
                for state in states:
                    self._add("MEMBER_OF", state, t, verb.sent, verb)

    def _sign_noun(self, noun: Token, frame: Frame) -> None:
        reader = self.reader
        treaties = [k for p in _pobjs(noun, frame.preps) for k in self._treaty_for(p)]
        signers = [k for p in _pobjs(noun, ("by", "between")) for k in reader.actors(p)]
        for t in treaties:
            for s in signers:
                self._add("SIGNED", s, t, noun.sent, noun)
                if self.ctx.label_of(s) in _MEMBERS:
                    self._add("MEMBER_OF", s, t, noun.sent, noun)

    # -- ties ------------------------------------------------------------------------

    def _ties_verb(self, verb: Token, frame: Frame) -> None:
        reader = self.reader
        lemma = verb.lemma_.lower()
        if lemma in wordlist("cooperate_verb"):
            if lemma == "work" and not any(c.lower_ in ("closely", "together") for c in verb.children):
                return  # "work with" alone is any business
        elif not any(c.dep_ == "dobj" and c.lemma_.lower() in wordlist("tie_noun") for c in verb.children):
            return
        sources = reader.sources(verb)
        nouns = [c for c in verb.children if c.dep_ == "dobj"]
        others = [k for p in _pobjs(verb, frame.preps) + [q for n in nouns for q in _pobjs(n, ("with",))]
                  for k in reader.actors(p)]
        between = [k for n in nouns for p in _pobjs(n, ("between",)) for k in reader.actors(p)]
        parties = sources + others + between
        if others:
            for s in sources:
                for o in others:
                    self._add("COOPERATES_WITH", s, o, verb.sent, verb)
        elif len(set(parties)) >= 2:
            for a, b in combinations(dict.fromkeys(parties), 2):
                self._add("COOPERATES_WITH", a, b, verb.sent, verb)

    def _ties_noun(self, noun: Token, frame: Frame) -> None:
        reader = self.reader
        between = [k for p in _pobjs(noun, ("between",)) for k in reader.actors(p)]
        if len(between) >= 2:
            for a, b in combinations(dict.fromkeys(between), 2):
                self._add("COOPERATES_WITH", a, b, noun.sent, noun)
            return
        others = [k for p in _pobjs(noun, ("with",)) for k in reader.actors(p)]
        if others:
            for s in self._noun_sources(noun):
                for o in others:
                    self._add("COOPERATES_WITH", s, o, noun.sent, noun)
            return
        # "Egypt and Sudan signed an agreement on security cooperation": a pledge of it by the
        # coordinated subject of the verb of agreeing above it
        pledges = wordlist("pledge_word")
        if noun.pos_ != "NOUN" or self.ctx.mention_at(noun) is not None:
            return  # the "Cooperation" of the Shanghai Cooperation Organisation is a name
        verb = next((a for a in list(noun.ancestors)[:4] if a.pos_ == "VERB"), None)
        if verb is None or not any(t.lemma_.lower() in pledges for t in [verb, *list(noun.ancestors)[:3]]):
            return
        if is_negated(verb) or not asserted(verb):
            return
        parties = list(dict.fromkeys(reader.sources(verb)))
        for a, b in combinations(parties, 2):
            self._add("COOPERATES_WITH", a, b, noun.sent, noun)

    # -- deliveries ------------------------------------------------------------------

    def _delivery_noun(self, noun: Token, frame: Frame) -> None:
        """``the deployment of German troops to Lithuania``, ``arms sales to Taiwan``."""
        reader = self.reader
        words = {t.lower_ for p in _pobjs(noun, ("of",)) for t in p.subtree}
        words |= {t.lower_ for c in noun.children if c.dep_ in ("compound", "amod") for t in c.subtree}
        kinds = (["SENT_TROOPS_TO"] if words & wordlist("troop_word") else []) + \
            (["SUPPLIED_WEAPONS_TO"] if words & wordlist("weapon_word") else [])
        if not kinds:
            return
        targets = [k for p in _pobjs(noun, frame.preps) for k in reader.first_actor_in(p, labels=_MEMBERS)]
        sources = [k for c in noun.children if c.dep_ == "poss" for k in reader.actors(c, labels=_MEMBERS)]
        if not sources:
            sources = [k for p in _pobjs(noun, ("of", "by")) for t in p.subtree
                       if (k := self.ctx.entity_at(t, demonyms=True)) and self.ctx.label_of(k) in _MEMBERS][:1]
        if not sources:
            sources = [k for k in self._noun_sources(noun) if self.ctx.label_of(k) in _MEMBERS]
        for kind in kinds:
            for s in sources:
                for t in targets:
                    self._add(kind, s, t, noun.sent, noun)


def find(reader: Actors, structure: Facts) -> Facts:
    """Meetings, visits, membership, signings, cooperation pledges and deliveries."""
    return FrameFinder(reader, structure).run()
