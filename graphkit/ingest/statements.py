"""Statements: who said what, about whom, reported by which outlet, with what stance.

In the manner of rule-based quote attributors:

1. A speech verb (``speech.tsv`` and the speech acts of ``verbs.tsv``) with an
   actor as subject makes a Statement; its text is the verb's complement (the
   reported clause, the quote, or the object and its ``against``/``of``
   phrase). ``he said`` / ``she said`` / ``it said`` are resolved by the
   coreference stage (gender and salience; the last speaker is the most salient).
2. When the teller is a news outlet (``KCNA said``, ``Tass reported``) or the
   sentence ends ``according to <outlet>``, the outlet is the REPORTED_BY, and
   the speaker is the one speaking inside the reported words (``"Kim reaffirmed
   ...," KCNA said``). An outlet reporting with no speaker inside is news, not
   a statement.
3. ``according to <person>`` makes that person the speaker of the sentence.
4. A sentence that is all quote and names no speaker continues the previous
   quote's speaker.
5. Stance: the speech act's own type (warn, accuse, threaten, ...), else the
   first attitude the reported words express as the speaker's own (a verb whose
   subject is the speaker, "we" or nobody; a noun of attitude; an evaluative word
   of ``stance.tsv`` about another actor), else CLAIM. Words under a condition
   (``if``), a question, a denial or another actor's clause (``China, which warned
   ...``) give no stance. ABOUT: the stance's targets, or for a claim the actors
   the words name; the speaker and what the speaker speaks for are never targets
   of the interaction a stance yields.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import ACTOR_LABELS, INTERACTIONS
from .actors import Actors, agent, conjuncts, is_first_person, is_negated, is_passive, subject
from .context import Context, Facts
from .interactions import blamed, common_noun, noun_objects, planned, targets_of_verb
from .lexicon import Trigger, lexicon, wordlist

#: Stances a statement can take from the words it reports (events are not stances).
ATTITUDES = frozenset({"SUPPORTS", "OPPOSES", "WARNED", "ACCUSED", "CRITICIZED", "PRAISED", "THREATENED",
                       "CALLED_ON", "COOPERATES_WITH"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "advcl", "oprd", "attr", "acomp", "dative",
                           "npadvmod", "parataxis"})
_CLOSE_QUOTES = "\u201d\"\u00bb"
_WHERE = frozenset({"in", "at", "near", "outside", "inside", "from", "across", "over", "around", "into",
                    "through", "within", "throughout", "of"})
_GROUP_TWO = re.compile(r"\b(the two|both) (countries|nations|sides|states|governments)\b", re.I)
_ORGS_AND_STATES = frozenset({"State", "Organization"})
_TIE_WORDS = frozenset({"tie", "ties", "relation", "relations", "cooperation", "partnership", "link", "links",
                        "relationship", "coordination", "collaboration"})


@dataclass
class Found:
    """A statement before it is written to the graph."""

    verb: Token | None
    speaker: str
    tokens: list[Token]
    sent: Span
    reporter: str | None = None
    stance: str = "CLAIM"
    cameo: str | None = None
    about: list[str] = field(default_factory=list)


def content_tokens(verb: Token, skip: set[int]) -> list[Token]:
    """The verb's complement: the subtrees of its content children, minus attributions."""
    toks: list[Token] = []
    for child in verb.children:
        if child.i in skip:
            continue
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
            pass  # a misparsed list member hanging on the verb ("accused the US, ..., and Japan of")
        elif child.dep_ not in _CONTENT_DEPS:
            continue
        if child.i < verb.i and child.dep_ in ("prep", "advcl", "npadvmod"):
            continue  # "at the same time, warned ...": framing before the verb is not what was said
        if child.dep_ == "prep" and child.lower_ == "according":
            continue
        if child.dep_ in ("advcl",) and child.i < verb.i and child.lemma_ in ("speak", "talk"):
            continue
        toks.extend(t for t in child.subtree if t.i not in skip)
    toks.sort(key=lambda t: t.i)
    return toks


def _without_dateline(tokens: list[Token]) -> list[Token]:
    """Drop a wire dateline ("VILNIUS, July 11 —") that the parser glued to the first sentence."""
    for k, t in enumerate(tokens[:10]):
        if t.text in ("\u2014", "\u2013", "--") and tokens[0].is_upper and len(tokens[0]) > 1:
            return tokens[k + 1:]
    return tokens


class _OwnStates:
    """The speaker and what the speaker speaks for (a minister's state, a spokesperson's ministry)."""

    def __init__(self, reader: Actors, part_of: list[tuple[str, str]]) -> None:
        self.reader = reader
        #: (start key, end key) of every PART_OF found by the structure stage
        self.part_of = part_of
        self.known: dict[str, frozenset[str]] = {}

    def __call__(self, speaker: str) -> frozenset[str]:
        own = self.known.get(speaker)
        if own is None:
            own = {speaker} | self.reader.offices.owners_of(speaker)
            for start, end in self.part_of:
                if start in own:
                    own.add(end)
            own = self.known[speaker] = frozenset(own)
        return own


class StatementFinder:
    """Finds the article's statements; reads the parse, offices, referents and PART_OF facts."""

    def __init__(self, reader: Actors, part_of: list[tuple[str, str]]) -> None:
        self.reader = reader
        self.ctx: Context = reader.ctx
        self.lex = lexicon()
        self.mask = self.ctx.quoted
        self.own_states = _OwnStates(reader, part_of)
        self.last_person_speaker: tuple[str, int] | None = None

    # -- finding -------------------------------------------------------------

    def find(self) -> list[Found]:
        ctx, mask = self.ctx, self.mask
        found: list[Found] = []
        pending: list[Token] = []  # an all-quote sentence whose quote runs on into the next one
        for sent in ctx.doc.sents:
            before = len(found)
            if not ctx.in_headline(sent):
                found.extend(self._sentence(sent))
            if pending and len(found) > before and mask[sent[0].i if not sent[0].is_punct else sent[0].i + 1]:
                # '"We are not ... wars. Our goal is peace," Marcos told troops': one quote, one speaker.
                first = found[before]
                first.tokens = sorted(set(pending) | set(first.tokens), key=lambda t: t.i)
                pending = []
            elif pending:
                cont = self._continued_quote(pending[0].sent, found[:before])
                if cont is not None:
                    found.insert(before, cont)
                pending = []
            if len(found) == before:
                words = [t for t in sent if not t.is_punct and not t.is_space]
                if words and all(mask[t.i] for t in words):
                    last = next(t for t in reversed(sent) if not t.is_space)
                    if last.text not in _CLOSE_QUOTES:
                        pending = [t for t in sent if not t.is_space]
                        continue
                cont = self._continued_quote(sent, found)
                if cont is not None:
                    prev = found[-1]
                    if self._same_quotation(prev, cont):
                        # '"We had a very good dialogue. I was able to get a sense of his soul."': one quote
                        prev.tokens = sorted(set(prev.tokens) | set(cont.tokens), key=lambda t: t.i)
                    else:
                        found.append(cont)
            for f in found[before:]:
                if ctx.label_of(f.speaker) == "Person":
                    self.last_person_speaker = (f.speaker, sent.start)
        return found

    def _according_to(self, sent: Span) -> tuple[Token, list[str]] | None:
        doc = self.ctx.doc
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    return tok, []
                return tok, self.reader.first_actor_in(pobj)
        return None

    def _speaker_of(self, verb: Token) -> str | None:
        if is_passive(verb):
            # "Kishida and Yoon were praised by Biden": the agent speaks.
            by = agent(verb)
            found = self.reader.actors(by) if by is not None else []
            return found[0] if found else None
        subj = subject(verb)
        if subj is None:
            return None
        key = self.reader.actor(subj)
        if key is None and subj.lower_ in ("he", "she"):
            key = self._last_speaker_or_person(subj.i)
        if key is None:
            key = self.reader.office_owner(subj)  # "Iran's foreign minister cautioned": Iran speaks
        return key

    def _last_speaker_or_person(self, before: int) -> str | None:
        last = self.last_person_speaker
        if last is not None and last[1] >= self.ctx.doc[before].sent.start - 400:
            return last[0]
        for m in reversed(self.ctx.mentions):
            if m.start < before and m.label == "Person" and m.entity:
                return m.entity
        return None

    def _sentence(self, sent: Span) -> list[Found]:
        ctx, mask, lex = self.ctx, self.mask, self.lex
        out: list[Found] = []
        used: set[int] = set()
        according = self._according_to(sent)
        acc_skip: set[int] = set()
        acc_key: str | None = None
        if according is not None:
            acc_tok, keys = according
            acc_skip = {t.i for t in acc_tok.subtree}
            acc_key = keys[0] if keys else None
        verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.speech
                 and not is_negated(t)]
        # Outer verbs first: an attribution governs the speech verbs inside what it reports.
        verbs.sort(key=lambda t: (mask[t.i], len(list(t.ancestors)), t.i))
        for verb in verbs:
            if verb.i in used:
                continue
            lemma = verb.lemma_.lower()
            if lemma == "call" and not any(c.dep_ in ("prep", "mark", "oprd", "dobj") and c.lower_ in ("for", "on")
                                           for c in verb.children) \
                    and not any(c.dep_ == "advcl" for c in verb.children) and not _labels_something(verb):
                continue  # "what he called 'X'" is a label, not a statement
            if lemma in wordlist("deed_object_verb") and any(
                    c.dep_ == "dobj" and self.reader.actors(c) for c in verb.children):
                continue  # "welcomed the two leaders at the castle": a host's act, no words
            subj = subject(verb)
            if is_first_person(subj) and mask[verb.i]:
                continue  # "We warn" inside a quote: the stance of the enclosing statement
            speaker = self._speaker_of(verb)
            if speaker is None:
                continue
            tokens = content_tokens(verb, acc_skip | ({subj.i} if subj is not None else set()))
            quoted = [t for t in sent if mask[t.i] and self._teller(t) in (None, verb.i)]
            if not mask[verb.i] and quoted and lemma in wordlist("attribution_verb") and (
                    not set(quoted) <= set(tokens) or 2 * len(quoted) >= len(tokens)):
                # '"We warn against ...," he said' / '"...," Stoltenberg told reporters': the quote beside
                # the verb is what was said (a short quote inside "said that ..." is not).
                tokens = quoted
            elif lemma not in wordlist("neutral_speech") and not mask[verb.i] and tokens and tokens[0].i > verb.i:
                # "denied any role in the attack", "vowed to retaliate": the act is part of what was said
                tokens = [verb, *[t for t in verb.rights if t.dep_ == "prt"], *tokens]
            tokens = _without_dateline([t for t in tokens if not t.is_space])
            if not tokens:
                continue
            reporter = None
            inner_verb = verb
            if ctx.is_media(speaker):
                inner = self._inner_speech(tokens)
                if inner is not None:
                    inner_verb, inner_speaker = inner
                    reporter, speaker = speaker, inner_speaker
                    used.add(inner_verb.i)
                    if not mask[inner_verb.i]:
                        tokens = [t for t in content_tokens(inner_verb, acc_skip) if not t.is_space] or tokens
                elif lemma == "report":
                    continue  # news, not somebody's statement
            if acc_key is not None and ctx.is_media(acc_key) and reporter is None:
                reporter = acc_key
            # Nested speech verbs of the same speaker belong to this statement, but a speech act of
            # its own coordinated into it ("said the expulsions would do damage, and urged Khartoum to
            # reverse the decision") is the speaker's second statement.
            # A clause beside it with a speaker of its own ("Mubarak called on Israel to halt its
            # attacks, while his foreign minister said Hamas bore responsibility") is that speaker's.
            acts = [t for t in tokens if t.lemma_.lower() in lex.speech and t.i != inner_verb.i]
            others = [t for t in acts if t.dep_ in ("advcl", "conj") and t.head.i == inner_verb.i
                      and not mask[t.i] and subject(t) is not None
                      and self._speaker_of(t) not in (None, speaker)]
            for t in acts:
                if t not in others:
                    used.add(t.i)
            split = [t for t in acts if self._own_act(t)]
            cut = {x.i for t in (*split, *others) for x in t.subtree}
            main = [t for t in tokens if t.i not in cut and not (t.dep_ == "cc" and t.head.i in cut)]
            out.append(Found(inner_verb, speaker, main or tokens, sent, reporter))
            for t in split:
                rest = [x for x in content_tokens(t, set()) if not x.is_space]
                if rest:
                    out.append(Found(t, speaker, rest, sent, reporter))
        if not out and according is not None and acc_key is not None and not ctx.is_media(acc_key):
            root = sent.root
            tokens = [t for t in sent if t.i not in acc_skip and not t.is_space
                      and not (t.is_punct and t.i >= acc_tok.i)]
            if tokens and ctx.label_of(acc_key) in ACTOR_LABELS:
                out.append(Found(root, acc_key, tokens, sent))
        return out

    def _own_act(self, verb: Token) -> bool:
        """A speech act coordinated into a statement with no subject of its own: the speaker's too."""
        trig = self.lex.verbs.get(verb.lemma_.lower())
        return trig is not None and trig.speech and trig.type in ATTITUDES and verb.dep_ == "conj" \
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not self.mask[verb.i]

    def _inner_speech(self, tokens: list[Token]) -> tuple[Token, str] | None:
        """Inside an outlet's report: a speech verb with a named (non-outlet) subject."""
        for t in tokens:
            if t.pos_ == "VERB" and t.lemma_.lower() in self.lex.speech:
                subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None:
                    continue
                key = self.reader.actor(subj)
                if key is None and subj.lower_ in ("he", "she"):
                    key = self._last_speaker_or_person(subj.i)
                if key is not None and not self.ctx.is_media(key):
                    return t, key
        return None

    def _teller(self, tok: Token) -> int | None:
        """The speech verb outside quotation marks that governs a quoted token, if any (the quote in
        "called the decision 'dangerous' and said ..." is the calling's, not the saying's)."""
        for a in tok.ancestors:
            if not self.mask[a.i] and a.pos_ in ("VERB", "AUX") and a.lemma_.lower() in self.lex.speech:
                return a.i
        return None

    def _same_quotation(self, prev: Found, cont: Found) -> bool:
        """Whether ``cont`` goes on inside the quotation ``prev`` ends in (no quote mark closes between)."""
        quoted = [t for t in prev.tokens if self.mask[t.i]]
        if not quoted:
            return False
        end = max(t.i for t in quoted)
        start = min(t.i for t in cont.tokens if not t.is_punct) if any(not t.is_punct for t in cont.tokens) else end
        return all(self.mask[i] or self.ctx.tokens[i].is_space for i in range(end + 1, start))

    def _continued_quote(self, sent: Span, found: list[Found]) -> Found | None:
        """A sentence that is all quote, right after a quoted statement: the same speaker goes on."""
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if not words or not found or not all(self.mask[t.i] for t in words):
            return None
        last = found[-1]
        if sent.start - last.sent.end > 60:
            return None
        return Found(None, last.speaker, [t for t in sent if not t.is_space], sent, last.reporter)

    # -- stance --------------------------------------------------------------

    def stance(self, f: Found) -> tuple[str, str | None, list[str]]:
        """Stance, CAMEO code and targets of a statement."""
        reader, lex = self.reader, self.lex
        verb = f.verb
        question = f.sent.text.rstrip().rstrip('"\u201d').rstrip().endswith("?")
        if verb is not None and _labels_something(verb):
            labelled = self._labelling(f, verb)
            if labelled is not None:
                return labelled
        if verb is not None and not question:
            trig = lex.verbs.get(verb.lemma_.lower())
            if trig is not None and trig.speech and trig.type in ATTITUDES and not (
                    verb.lemma_.lower() == "ask" and not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)):
                return trig.type, trig.cameo, self._speech_act_targets(verb, trig)
            if verb.lemma_.lower() == "call" and any(c.lower_ == "on" for c in verb.children):
                on = next(c for c in verb.children if c.lower_ == "on")
                return "CALLED_ON", INTERACTIONS["CALLED_ON"], [
                    k for p in on.children if p.dep_ == "pobj" for k in reader.actors(p)]
            appeals = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
            if verb.lemma_.lower() == "call" and appeals:
                # "called for maximum restraint from both countries": an appeal, to whoever it asks it of
                return "CALLED_ON", INTERACTIONS["CALLED_ON"], [
                    k for c in appeals for p in c.children if p.dep_ == "pobj"
                    for q in noun_objects(p, ("from", "by")) for k in reader.actors(q)]
        if question:
            return "CLAIM", None, []
        inside = {t.i for t in f.tokens}
        obligation = self._obligation(f)
        if obligation is not None:
            return obligation
        for t in f.tokens:
            if is_negated(t) or _hypothetical(t, inside) or _denied(t) or t.dep_ == "amod":
                continue  # ... and "the Iran-backed group", "U.S.-led forces" describe, not say
            if t.pos_ == "NOUN" and t.dep_ in ("compound", "nsubj", "nsubjpass"):
                continue  # "missile warning data", "these accusations are false": no act of warning
            trig: Trigger | None = None
            if t.pos_ == "VERB":
                trig = lex.verbs.get(t.lemma_.lower())
            elif common_noun(t):
                trig = lex.nouns.get(t.lemma_.lower())
            frame = lex.frames.get(("VERB" if t.pos_ == "VERB" else "NOUN", t.lemma_.lower()))
            if frame is not None and frame.frame == "ties" and t.pos_ == "VERB" and t.lemma_.lower() != "cooperate" \
                    and not any(c.dep_ == "dobj" and c.lemma_.lower() in _TIE_WORDS for c in t.children):
                frame = None  # "Why is it expanding?": not ties
            if trig is None and frame is not None and frame.frame == "ties":
                # "strengthen their strategic and tactical cooperation": a pledge of closer ties
                trig = Trigger(t.lemma_.lower(), t.pos_, "COOPERATES_WITH", INTERACTIONS["COOPERATES_WITH"],
                               False, frame.preps)
            if trig is not None and t.pos_ == "VERB" and trig.type in _HOSTILE and _future(t) \
                    and not self._someone_else(t, f.speaker):
                # "it would strike deeper inside Israel": a hostile act announced is a threat.
                targets = [k for c in t.children if c.dep_ in ("dobj", "prep")
                           for k in reader.first_actor_in(c) if k not in self.own_states(f.speaker)]
                return "THREATENED", INTERACTIONS["THREATENED"], targets
            if t.pos_ != "VERB" and t.dep_ == "dobj" and (
                    t.head.lemma_.lower() in wordlist("undo_verb") | wordlist("disregard_verb")
                    or any(n.dep_ in ("csubj", "csubjpass") for n in [t.head, *t.head.ancestors][:3])):
                continue  # "lifting sanctions", "ignoring warnings", "imposing sanctions on it would not solve
                # anything": no stance of the speaker's
            if trig is not None and t.pos_ != "VERB" and trig.type in _HOSTILE and t.dep_ == "dobj" \
                    and _future(t.head) and not self._someone_else(t.head, f.speaker):
                # "he would lead an effort to impose sanctions on Turkey": a hostile measure announced
                targets = [k for p in noun_objects(t, trig.preps) for k in reader.first_actor_in(p)
                           if k not in self.own_states(f.speaker)]
                if targets:
                    return "THREATENED", INTERACTIONS["THREATENED"], targets
            if trig is None or trig.type not in ATTITUDES:
                continue
            if t.pos_ == "VERB" and self._someone_else(t, f.speaker):
                continue  # "Erdogan agreed to back Sweden's bid, Stoltenberg said": Erdogan's stance, not his
            if t.pos_ != "VERB" and any(c.dep_ == "poss" and (owners := reader.actors(c)) and f.speaker not in owners
                                        for c in t.children):
                continue  # "Scholz had called Macron to express his backing, a spokesman said": Scholz's
            if t.pos_ != "VERB" and t.dep_ == "dobj" and self._someone_else(t.head, f.speaker):
                continue  # "Tehran was deepening its military cooperation with Moscow": Tehran's
            if t.pos_ == "VERB":
                targets = targets_of_verb(reader, t, trig, ACTOR_LABELS) or self._clause_subjects(t)
            else:
                targets = [k for p in noun_objects(t, trig.preps) for k in reader.first_actor_in(p)]
            if not targets and t.pos_ == "VERB" and trig.type == "COOPERATES_WITH":
                # "Moscow and Beijing had agreed to deepen cooperation": the speaker's partners are
                # the others of the clause's coordinated subject
                subj = subject(t)
                targets = [k for k in (reader.actors(subj) if subj is not None else [])
                           if k not in self.own_states(f.speaker) and k != f.speaker]
            if not targets and t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ == "dobj":
                        targets += reader.first_actor_in(c, labels=_ORGS_AND_STATES)
                if not targets:
                    targets = [k for sib in t.children if sib.dep_ == "conj"
                               for c in sib.children if c.dep_ == "dobj"
                               for k in reader.first_actor_in(c, labels=_ORGS_AND_STATES)]
            if trig.type in _FRIENDLY and _breached(t):
                # "contrary to the spirit of the cooperation between France and Australia": the ties
                # named are the ones broken, a censure of the other party
                return "CRITICIZED", INTERACTIONS["CRITICIZED"], [
                    k for k in targets if k not in self.own_states(f.speaker) and k != f.reporter]
            return trig.type, trig.cameo, targets
        return self._evaluative(f)

    def reported_acts(self, f: Found) -> list[tuple[Trigger, str, list[str], Token]]:
        """Speech acts of someone else that a statement reports: ``the Kremlin said Putin had urged
        Erdogan to think carefully`` (Putin CALLED_ON Erdogan), ``Lavrov said Moscow had warned
        Washington`` (Russia WARNED the United States). Not denied, conditional or planned."""
        lex = self.lex
        inside = {t.i for t in f.tokens}
        found: list[tuple[Trigger, str, list[str], Token]] = []
        for t in f.tokens:
            trig = lex.verbs.get(t.lemma_.lower()) if t.pos_ == "VERB" else None
            if trig is None or not trig.speech or trig.type not in ATTITUDES:
                continue
            if f.verb is not None and t.i == f.verb.i:
                continue  # the statement's own act is the speaker's
            if is_negated(t) or _hypothetical(t, inside) or _denied(t) or planned(t):
                continue
            subj = subject(t)
            if subj is None or is_first_person(subj) or subj.i not in inside:
                continue
            doers = self.reader.actors(subj)
            if not doers or f.speaker in doers:
                continue
            targets = self._speech_act_targets(t, trig)
            found += [(trig, d, [k for k in targets if k != d], t) for d in doers]
        return found

    def _labelling(self, f: Found, verb: Token) -> tuple[str, str | None, list[str]] | None:
        """``called the decision "extremely dangerous"``, ``dismissed the warrant``, ``described the
        strikes as a crime``: the words the speaker puts on a thing are a stance toward whoever did it."""
        lex = self.lex
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        labels = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "attr")] + \
            [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
        if not objs and len(labels) >= 2:
            objs, labels = labels[:1], labels[1:]  # "called the air strikes 'a crime'": both parsed as oprd
        words = [t for lab in labels for t in lab.subtree] + _quoted_label(verb)
        stance = next((lex.stance_words.get(t.lemma_.lower()) or lex.stance_words.get(t.lower_)
                       for t in words if (lex.stance_words.get(t.lemma_.lower()) or lex.stance_words.get(t.lower_))
                       and not is_negated(t)), None)
        if stance == "ACCUSED":
            stance = "CRITICIZED"
        if stance is None and verb.lemma_.lower() in ("dismiss", "brand"):
            # dismissing a thing rejects it (CAMEO 120); branding it puts a bad name on it
            stance = "OPPOSES" if verb.lemma_.lower() == "dismiss" else "CRITICIZED"
        if stance is None:
            return None
        targets: list[str] = []
        for obj in objs:
            targets += self.reader.first_actor_in(obj) or self._doer_of(obj)
        targets = [k for k in dict.fromkeys(targets) if k not in self.own_states(f.speaker) and k != f.reporter]
        return stance, INTERACTIONS[stance], targets

    def _doer_of(self, noun: Token) -> list[str]:
        """Who did what a noun names (``the decision``, ``the air strikes``, ``the expulsions``): the
        subject of the latest verb of the same stem in this sentence or the three before."""
        ctx = self.ctx
        lemma = noun.lemma_.lower()
        stem = lemma[:4]
        first = ctx.doc[max(0, noun.sent.start - 1)].sent.start
        for _ in range(3):
            if first == 0:
                break
            first = ctx.doc[first - 1].sent.start
        for t in reversed(ctx.tokens[first:noun.i]):
            # "banned all seafood imports ... the ban": a short stem must be the whole word
            if t.pos_ == "VERB" and (t.lemma_.lower()[:4] == stem if len(stem) == 4 else t.lemma_.lower() == lemma):
                found = self.reader.sources(t)
                if found:
                    return found
        # "the sale" after "the U.S. arms sale to Taiwan", "the pact" after the headline's "U.S., UK
        # pact": the owner an earlier mention of the same thing was given
        for t in reversed(ctx.tokens[:noun.i]):
            if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and t.i != noun.i:
                # ... or the subject of the verb it was the object of ("the court issued an arrest
                # warrant ... JEM welcomed the warrant")
                owners = self._owners(t) or (self.reader.sources(t.head) if t.dep_ == "dobj"
                                             and t.head.lemma_.lower() in _MAKING else [])
                if owners:
                    return owners
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children)
        if lemma in wordlist("act_noun") and definite:
            # "Russia's decision to expel ... 'We regret this step'": the deed just named, if its owner
            # was written with it
            for t in reversed(ctx.tokens[first:noun.i]):
                if t.pos_ == "NOUN" and t.lemma_.lower() in wordlist("act_noun"):
                    owners = self._owners(t)
                    if owners:
                        return owners
            # "called the decision 'extremely dangerous'" with no decision named before: the news the
            # article opens with, done by the lead sentence's actor
            for sent in ctx.doc.sents:
                if sent.start >= noun.sent.start:
                    break
                if ctx.in_headline(sent) or sent.root.pos_ not in ("VERB", "AUX"):
                    continue  # headlines put two stories in one line; a dateline is no sentence
                # the lead only: a later sentence's actor is not the news
                return self.reader.sources(sent.root)
        return []

    def _deed_owners(self, phrase: Token) -> list[str]:
        """Whom a verdict on a phrase is about: the actor it names, else, for a deed noun (``the war
        was a big political mistake``), whoever did the deed."""
        reader = self.reader
        found = reader.actors(phrase)
        if not found and phrase.pos_ == "NOUN" and not any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in phrase.children):
            # its own owner first: "this action taken without the approval of the United Nations" is
            # not about the United Nations
            found = self._owners(phrase) or self._doer_of(phrase)
        return found or reader.first_actor_in(phrase)

    def _owners(self, noun: Token) -> list[str]:
        """Whose a deed noun is, as written next to it: ``the U.S. arms sale``, ``Israel's air strikes``,
        ``Russian strikes``, ``strikes by Israel``."""
        ctx, reader = self.ctx, self.reader
        found: list[str] = []
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < noun.i:
                for t in conjuncts(c):
                    key = ctx.entity_at(t, demonyms=True) or reader.actor(t)
                    if key and ctx.label_of(key) in _ORGS_AND_STATES and key not in found:
                        found.append(key)
            elif c.dep_ == "prep" and c.lower_ == "by":
                found += [k for p in c.children if p.dep_ == "pobj" for k in reader.actors(p) if k not in found]
        return found

    def _obligation(self, f: Found) -> tuple[str, str | None, list[str]] | None:
        """``Turkey must halt the operation``, ``the U.S. must stay away``: what another actor must or
        should do is a call on it."""
        for t in f.tokens:
            if t.pos_ not in ("VERB", "AUX") or is_negated(t) or t.i not in {x.i for x in f.tokens}:
                continue
            if not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in t.children) and not (
                    t.lemma_ == "have" and any(c.dep_ == "xcomp" for c in t.children)
                    and any(c.lower_ == "to" for x in t.children for c in x.children)):
                continue
            subj = subject(t)
            if subj is None or subj.dep_ == "nsubjpass":
                continue
            targets = [k for k in self.reader.first_actor_in(subj) if k not in self.own_states(f.speaker)]
            if targets:
                return "CALLED_ON", INTERACTIONS["CALLED_ON"], targets
        return None

    def _speech_act_targets(self, verb: Token, trig: Trigger) -> list[str]:
        """Whom a speech act is aimed at: its object or preposition, else inside its complement.

        ``threatened to retaliate against Poland``, ``warned that the United States had no right``.
        """
        reader = self.reader
        targets = targets_of_verb(reader, verb, trig, ACTOR_LABELS)
        if not targets:
            # "condemned Iran's attack": the actor behind the object.
            for c in verb.children:
                if c.dep_ == "dobj":
                    targets += reader.first_actor_in(c, labels=frozenset({"State", "Organization", "Person"}))
        if not targets and not (trig.type in ("WARNED", "THREATENED") and _own_response(verb)):
            # "condemned that Turkey attacked": the doer in the words, never the speaker itself
            # ("condemned what it called ...": "it" is the speaker)
            speaker = reader.actor(subject(verb)) if subject(verb) is not None else None
            targets = [k for k in self._clause_subjects(verb)
                       if speaker is None or (k != speaker and k not in self.own_states(speaker))]
        if trig.type in ("WARNED", "THREATENED"):
            # "warned that Russia would respond if Washington abandoned the accord": the one warned
            # is the subject of the condition.
            for t in verb.subtree:
                if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
                    subj = subject(t)
                    found = reader.actors(subj) if subj is not None else []
                    targets += [k for k in found if k not in targets and k not in self.own_states(
                        self.reader.actor(subject(verb)) or "")]
        if not targets and trig.type in ("WARNED", "THREATENED"):
            # "warned of a decisive response to any deployment of U.S. missiles": whom the threatened
            # response is for
            speaker = reader.actor(subject(verb)) if subject(verb) is not None else None
            targets = [k for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about")
                       for p in c.children if p.dep_ == "pobj" for k in reader.first_actor_in(p)
                       if speaker is None or (k != speaker and k not in self.own_states(speaker))][:2]
        if not targets:
            for c in verb.children:
                if c.dep_ in ("xcomp", "ccomp", "advcl") and c.i > verb.i:
                    for t in c.subtree:
                        if t.dep_ in ("dobj", "pobj") and not self.mask[t.i]:
                            found = reader.actors(t)
                            if found:
                                return found
        if not targets:
            # "condemned what it called Turkey's aggression", "protested against the release": whose
            # deed it is, from a possessor inside the words or the doer of the deed named
            after = [t for t in verb.subtree if t.i > verb.i]
            targets = [k for t in after if t.dep_ == "poss" for k in reader.actors(t)][:1]
            if not targets:
                objs = [c for c in verb.children if c.dep_ == "dobj"] + [
                    p for c in verb.children if c.dep_ == "prep" and c.lower_ in (*trig.preps, "against", "over")
                    for p in c.children if p.dep_ == "pobj"]
                targets = [k for o in objs if o.pos_ == "NOUN" for k in self._doer_of(o)][:2]
            speaker = reader.actor(subject(verb)) if subject(verb) is not None else None
            targets = [k for k in targets if speaker is None or k not in self.own_states(speaker)]
        return targets

    def _evaluative(self, f: Found) -> tuple[str, str | None, list[str]]:
        """An evaluative word about another actor (``Washington's bullying``, ``China's provocative
        moves``, ``X's reckless actions``): the stance of ``stance.tsv`` toward that actor."""
        reader, lex = self.reader, self.lex
        inside = {t.i for t in f.tokens}
        for t in f.tokens:
            blame = blamed(reader, t) if not (_hypothetical(t, inside) or _denied(t)) else None
            if blame is not None:
                # "held Hamas responsible for", "the United States was behind the assassination"
                targets = [k for k in blame[1] if k not in self.own_states(f.speaker) and k != f.reporter]
                if targets:
                    return "ACCUSED", INTERACTIONS["ACCUSED"], targets
            entry = lex.stance_words.get(t.lemma_.lower()) or lex.stance_words.get(t.lower_)
            if entry is None or is_negated(t) or _hypothetical(t, inside):
                continue
            stance = entry
            if stance == "ACCUSED" and t.pos_ != "VERB" and t.lemma_.lower() != "responsibility":
                continue  # wrongdoing is a deed: "attacks" as a noun accuses nobody by itself
            if t.pos_ == "ADJ" and any(c.dep_ == "prep" and c.lower_ in ("to", "for", "with") for c in t.children):
                # "sincerely grateful to Scholz"
                cands = [k for c in t.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                         for k in reader.actors(p)]
                targets = [k for k in cands if k not in self.own_states(f.speaker) and k != f.reporter]
                if targets:
                    return stance, INTERACTIONS[stance], targets
            if t.pos_ == "VERB" or (t.lemma_.lower() == "responsibility" and t.dep_ == "dobj"):
                # "Chinese ships rammed ...", "Hamas bore responsibility for ...": the doer is accused.
                verb = t if t.pos_ == "VERB" else t.head
                if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or _denied(verb):
                    continue
                subj = subject(verb)
                targets = [k for k in (reader.first_actor_in(subj) if subj is not None else [])
                           if k not in self.own_states(f.speaker) and k != f.reporter]
                if targets:
                    return stance, INTERACTIONS[stance], targets
                if stance != "ACCUSED" and (subj is None or is_first_person(subj) or any(
                        k in self.own_states(f.speaker) for k in reader.actors(subj))):
                    # "France regrets this action": the speaker's own verdict is on what it names
                    targets = [k for o in verb.children if o.dep_ == "dobj" for k in self._deed_owners(o)
                               if k not in self.own_states(f.speaker) and k != f.reporter]
                    if targets:
                        return stance, INTERACTIONS[stance], targets
                continue
            # The actor evaluated: the possessor or subject of the word's phrase or clause.
            head = t if t.pos_ in ("NOUN", "VERB") else t.head
            cands: list[str] = []
            for c in head.children:
                if c.dep_ in ("poss", "nsubj", "nsubjpass", "compound", "amod"):
                    cands += reader.actors(c)
            if not cands and head.pos_ in ("AUX", "VERB"):
                subj = subject(head)
                cands = reader.actors(subj) if subj is not None else []
            if not cands and t.dep_ in ("acomp", "attr"):
                subj = subject(t.head)
                if subj is not None:
                    cands = self._deed_owners(subj)
            if not cands and t.dep_ == "amod" and head.pos_ == "NOUN":
                # "the brutal, unilateral decision": a verdict on a deed no actor is written with is
                # on whoever did it
                cands = self._deed_owners(head)
            targets = [k for k in cands if k not in self.own_states(f.speaker) and k != f.reporter]
            if targets:
                return stance, INTERACTIONS[stance], targets
        return "CLAIM", None, []

    def _someone_else(self, verb: Token, speaker: str) -> bool:
        """The verb's subject is a named actor other than the speaker and what the speaker speaks for."""
        subj = subject(verb)
        if subj is None or is_first_person(subj):
            return False
        who = self.reader.actor(subj)
        return who is not None and who not in self.own_states(speaker)

    def _clause_subjects(self, verb: Token) -> list[str]:
        """"warned that the United States had no right ...": the reported clause's subject is the target."""
        for c in verb.children:
            if c.dep_ == "ccomp":
                subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return self.reader.actors(subj)
        return []

    def named_in(self, f: Found) -> list[str]:
        """The actors a claim's words are about: those they name (not where things happen), what their
        pronouns mean, and ``the two countries``."""
        ctx = self.ctx
        tokens = f.tokens
        out: list[str] = []
        two = _GROUP_TWO.search(" ".join(t.text for t in tokens))
        refs = self.reader.refs
        for t in tokens:
            key = ctx.entity_at(t, demonyms=True)
            if key is None and t.i in refs and len(refs[t.i]) == 1:
                key = refs[t.i][0]
            if key is None and self.mask[t.i] and t.pos_ == "PRON" and hasattr(refs, "in_quote"):
                found = refs.in_quote(t, f.speaker)
                key = found[0] if found else None
            if key is None or key in out:
                continue
            m = ctx.mention_at(t)
            root = ctx.doc[m.start:m.end].root if m is not None else t
            if ctx.label_of(key) == "Place" and root.dep_ == "pobj" and root.head.lower_ in _WHERE:
                continue  # "in Beijing", "at Warsaw University": where, not whom
            out.append(key)
        if two and len([k for k in out if ctx.label_of(k) == "State"]) < 2:
            out += [k for k in self.last_states(tokens[0].i, 2) if k not in out]
        return out

    def last_states(self, before: int, n: int) -> list[str]:
        """The last ``n`` distinct states named before a token (``the two countries``)."""
        out: list[str] = []
        for m in reversed(self.ctx.mentions):
            # a demonym counts ("Russia's Lavrov hosted the North Korean minister ... the two countries")
            key = self.ctx.entity_at(self.ctx.doc[m.start], demonyms=True)
            if m.start < before and m.label == "State" and key is not None and key not in out:
                out.append(key)
                if len(out) == n:
                    break
        return out


#: Interaction types that, announced for the future by the speaker's side, are threats.
_HOSTILE = frozenset({"FIGHTS", "OPPOSES", "THREATENED"})


def _own_response(verb: Token) -> bool:
    """``warned that the North would respond with overwhelming force``: whoever a warning says will
    respond or retaliate is the warner's side, not the one warned."""
    return any(c.dep_ == "ccomp" and c.lemma_.lower() in wordlist("response_verb") and _future(c)
               for c in verb.children)


def _future(verb: Token) -> bool:
    """An act announced, not done: ``would strike``, ``will impose``, and what those govern (``would
    lead an effort to impose sanctions``, ``vowed to retaliate``)."""
    node = verb
    for _ in range(5):
        if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in node.children):
            return True
        if node.lemma_.lower() in ("vow", "threaten", "pledge", "promise") and node is not verb:
            return True
        if node.dep_ not in ("xcomp", "acl", "dobj", "pobj", "prep", "advcl") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _labels_something(verb: Token) -> bool:
    """``called X Y``, ``described X as Y``, ``dismissed X``: the verb puts words on a thing."""
    lemma = verb.lemma_.lower()
    if lemma not in wordlist("labelling_verb"):
        return False
    kids = [c.dep_ for c in verb.children]
    has_label = "oprd" in kids or "xcomp" in kids or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    return ("dobj" in kids and (has_label or lemma in ("dismiss", "brand") or bool(_quoted_label(verb)))) \
        or kids.count("oprd") >= 2


def _quoted_label(verb: Token) -> list[Token]:
    """The quoted words closing a ``called X "Y"`` (the parser may hang them inside X)."""
    doc = verb.doc
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    end = max(t.i for t in obj.subtree)
    if doc[end].text not in '"\u201d' and not (end + 1 < len(doc) and doc[end + 1].text in '"\u201d'):
        return []
    close = end if doc[end].text in '"\u201d' else end + 1
    start = close - 1
    while start > obj.i and doc[start].text not in '"\u201c':
        start -= 1
    return list(doc[start + 1:close]) if start > obj.i else []


def _hypothetical(tok: Token, inside: set[int]) -> bool:
    """Inside an "if"/"unless" clause of the statement: a condition, not a stance."""
    for node in [tok, *tok.ancestors]:
        if node.i not in inside:
            return False
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return True
    return False


def _denied(tok: Token) -> bool:
    """Under a denial: ``denied that it had supplied``, ``rejected claims that it backed``."""
    for node in tok.ancestors:
        if node.lemma_.lower() in ("deny", "dismiss", "refute") or (
                node.lemma_.lower() in ("claim", "allegation", "report", "accusation", "suggestion")
                and node.head.lemma_.lower() in ("deny", "reject", "dismiss", "refute")):
            return True
    return False


#: stances of good will, and the words that say such ties were broken ("contrary to", "in violation of")
_FRIENDLY = frozenset({"COOPERATES_WITH", "SUPPORTS", "PRAISED"})
_BREACH = frozenset({"contrary", "violation", "breach", "violate", "betrayal", "betray"})


def _breached(t: Token) -> bool:
    """The word stands in a phrase of breaking it: ``contrary to the spirit of the cooperation``,
    ``in violation of the agreement``, ``betrayed the partnership``."""
    for a in t.ancestors:  # up to the clause's verb
        if a.lemma_.lower() in _BREACH:
            return True
        if a.pos_ in ("VERB", "AUX"):
            return False
    return False


#: verbs whose subject is the doer of the deed their object names ("issued an arrest warrant"), or
#: keeps doing it ("Israel presses Gaza air strikes", "stepped up its raids")
_MAKING = frozenset({"issue", "launch", "make", "take", "announce", "order", "carry", "conduct", "stage",
                     "impose", "adopt", "pass", "approve", "sign",
                     "press", "intensify", "escalate", "expand", "resume", "step", "continue", "widen"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})


def find(reader: Actors, structure: Facts) -> Facts:
    """The article's Statements (nodes), who MADE them, what they are ABOUT, who REPORTED them,
    and the interactions their stances yield."""
    ctx = reader.ctx
    facts = Facts(ctx)
    part_of = [(f.start, f.end) for f in structure.of_type("PART_OF")]
    finder = StatementFinder(reader, part_of)
    previous: dict[tuple[str, str], list[str]] = {}
    for f in finder.find():
        stance, cameo, targets = finder.stance(f)
        own = finder.own_states(f.speaker)
        if stance != "CLAIM":
            if not targets:
                two = _GROUP_TWO.search(" ".join(t.text for t in f.tokens))
                if two:
                    targets = finder.last_states(f.tokens[0].i, 2)
            if not targets:
                targets = previous.get((f.speaker, stance), [])
            if not targets and stance == "CRITICIZED":
                # 'called the dumping "irresponsible", saying Norway had ignored its neighbours': censure
                # with no grammatical target is aimed at the actors it names
                targets = [k for k in finder.named_in(f) if k not in (f.speaker, f.reporter)
                           and ctx.label_of(k) in ACTOR_LABELS]
            targets = [t for t in targets if t not in own]
            about = targets
            if targets:
                previous[(f.speaker, stance)] = targets
        else:
            about = [k for k in finder.named_in(f) if k != f.speaker and k != f.reporter]
            if not about and ctx.label_of(f.speaker) == "State":
                about = [f.speaker]  # "Serbia said it would remain militarily neutral": about itself
            elif not about and any(t.lower_ in _FIRST_PLURAL for t in f.tokens):
                # "'We will not be intimidated,' Marcos said": a claim naming nobody but "we" is about
                # the speaker's own state
                about = sorted(k for k in own if ctx.label_of(k) == "State")
        _write(ctx, facts, f, stance, cameo, about,
               [t for t in about if ctx.label_of(t) in ACTOR_LABELS] if stance != "CLAIM" else [])
        for trig, doer, targets, verb in finder.reported_acts(f):
            for target in targets:
                facts.add(trig.type, doer, target, f.sent, cameo=trig.cameo, trigger=verb.text)
    return facts


def _write(ctx: Context, facts: Facts, f: Found, stance: str, cameo: str | None, about: list[str],
           targets: list[str]) -> None:
    start, end = f.tokens[0].idx, f.tokens[-1].idx + len(f.tokens[-1].text)
    text = " ".join(ctx.text[start:end].split()).strip(",").strip()
    text = text.strip("\u201c\u201d\"").strip().rstrip(",").strip()
    quoted = _longest_quoted_run(f.tokens, ctx.quoted) >= 3
    sid = "statement:" + hashlib.sha1(f"{ctx.article.id}:{start}:{end}".encode()).hexdigest()[:12]
    cameo = cameo or (INTERACTIONS.get(stance) if stance != "CLAIM" else "010")
    short = text if len(text) <= 80 else text[:77].rstrip() + "..."
    facts.node(sid, "Statement", name=short, text=text, quoted=quoted, stance=stance, cameo=cameo,
               sentence=" ".join(f.sent.text.split()), aliases=[], start=start, end=end)
    facts.add("MADE", f.speaker, sid, f.sent)
    for key in about:
        facts.add("ABOUT", sid, key, f.sent)
    if f.reporter:
        facts.add("REPORTED_BY", sid, f.reporter, f.sent)
    if stance in INTERACTIONS:
        for key in targets:
            facts.add(stance, f.speaker, key, f.sent, cameo=cameo, statement=sid)


def _longest_quoted_run(tokens: list[Token], mask: list[bool]) -> int:
    best = run = 0
    for t in tokens:
        if mask[t.i] and t.is_alpha:
            run += 1
            best = max(best, run)
        elif not mask[t.i]:
            run = 0
    return best
