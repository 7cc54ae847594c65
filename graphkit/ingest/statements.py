"""Statements: who said what, about whom, reported by which outlet.

In the manner of rule-based quote attributors:

1. A speech verb (``speech.tsv`` and the speech acts of ``verbs.tsv``) with an
   actor as subject makes a Statement; its text is the verb's complement (the
   reported clause, the quote, or the object and its ``against``/``of``
   phrase). ``he said`` is the last person named.
2. When the teller is a news outlet (``KCNA said``, ``Tass reported``) or the
   sentence ends ``according to <outlet>``, the outlet is the REPORTED_BY, and
   the speaker is the one speaking inside the reported words (``"Kim reaffirmed
   ...," KCNA said``). An outlet reporting with no speaker inside is news, not
   a statement.
3. ``according to <person>`` makes that person the speaker of the sentence.
4. A sentence that is all quote and names no speaker continues the previous
   quote's speaker.
5. Stance: the speech act's own type (warn, accuse, ...) or else the first
   attitude the reported words express (support, cooperation, criticism ...),
   else CLAIM. ABOUT: the stance's targets, or for a claim every entity the
   words name; the speaker and the speaker's own state are never targets of
   the interaction a stance yields.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import ACTOR_LABELS, INTERACTIONS
from .actors import actor, actors, agent, first_actor_in, is_first_person, is_negated, is_passive, subject
from .context import Context
from .interactions import targets_of_verb
from .lexicon import Trigger, lexicon

#: Stances a statement can take from the words it reports (events are not stances).
ATTITUDES = frozenset({"SUPPORTS", "OPPOSES", "WARNED", "ACCUSED", "CRITICIZED", "PRAISED", "THREATENED",
                       "CALLED_ON", "COOPERATES_WITH"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "advcl", "oprd", "attr", "acomp", "dative",
                           "npadvmod", "parataxis"})
_OPEN_QUOTES = "\u201c\"\u00ab"
_CLOSE_QUOTES = "\u201d\"\u00bb"
#: Verbs that attribute a quote standing beside them rather than inside their own clause.
_ATTRIBUTION = frozenset({"say", "tell", "add", "state", "write", "explain", "insist", "stress", "note",
                          "declare", "continue", "reply", "respond", "comment", "remark"})
_GROUP_TWO = re.compile(r"\b(the two|both) (countries|nations|sides|states|governments)\b", re.I)


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


def quote_mask(ctx: Context) -> list[bool]:
    """For each token, whether it lies inside quotation marks (one scan per article, kept on ``ctx``)."""
    if ctx.quoted is None:
        ctx.quoted = _scan_quotes(ctx)
    return ctx.quoted


def _scan_quotes(ctx: Context) -> list[bool]:
    inside = False
    mask = []
    for tok in ctx.doc:
        if tok.text in _OPEN_QUOTES and (tok.text != '"' or not inside):
            mask.append(False)
            inside = True
            continue
        if tok.text in _CLOSE_QUOTES and inside:
            mask.append(False)
            inside = False
            continue
        mask.append(inside)
        if tok.text == "\n\n":
            inside = False
    return mask


def is_media(ctx: Context, key: str | None) -> bool:
    if key is None or ctx.label_of(key) != "Organization":
        return False
    node = ctx.graph.nodes.get(ctx.node_id(key))
    return node is not None and node.properties.get("kind") == "media"


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


def _according_to(ctx: Context, sent: Span) -> tuple[Token, list[str]] | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            to = ctx.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                return tok, []
            return tok, first_actor_in(ctx, pobj)
    return None


def _speaker_of(ctx: Context, verb: Token, mask: list[bool]) -> str | None:
    if is_passive(verb):
        # "Kishida and Yoon were praised by Biden": the agent speaks.
        by = agent(verb)
        found = actors(ctx, by) if by is not None else []
        return found[0] if found else None
    subj = subject(verb)
    if subj is None:
        return None
    if subj.lower_ in ("he", "she"):
        return _last_speaker_or_person(ctx, subj.i)
    return actor(ctx, subj)


def _last_speaker_or_person(ctx: Context, before: int) -> str | None:
    last = ctx.last_person_speaker
    if last is not None and last[1] >= ctx.doc[before].sent.start - 400:
        return last[0]
    for m in reversed(ctx.mentions):
        if m.start < before and m.label == "Person" and m.entity:
            return m.entity
    return None


def find_statements(ctx: Context) -> list[Found]:
    lex = lexicon()
    mask = quote_mask(ctx)
    found: list[Found] = []
    ctx.last_person_speaker = None
    pending: list[Token] = []  # an all-quote sentence whose quote runs on into the next one
    for sent in ctx.doc.sents:
        before = len(found)
        found.extend(_sentence_statements(ctx, sent, mask, lex))
        if pending and len(found) > before and mask[sent[0].i if not sent[0].is_punct else sent[0].i + 1]:
            # '"We are not ... wars. Our goal is peace," Marcos told troops': one quote, one speaker.
            first = found[before]
            first.tokens = sorted(set(pending) | set(first.tokens), key=lambda t: t.i)
            pending = []
        elif pending:
            cont = _continued_quote(ctx, pending[0].sent, mask, found[:before])
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
            cont = _continued_quote(ctx, sent, mask, found)
            if cont is not None:
                found.append(cont)
        for f in found[before:]:
            if ctx.label_of(f.speaker) == "Person":
                ctx.last_person_speaker = (f.speaker, sent.start)
    return found


def _sentence_statements(ctx: Context, sent: Span, mask: list[bool], lex) -> list[Found]:
    out: list[Found] = []
    used: set[int] = set()
    according = _according_to(ctx, sent)
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
                                       for c in verb.children) and not any(c.dep_ == "advcl" for c in verb.children):
            continue  # "what he called 'X'" is a label, not a statement
        subj = subject(verb)
        if is_first_person(subj) and mask[verb.i]:
            continue  # "We warn" inside a quote: the stance of the enclosing statement
        speaker = _speaker_of(ctx, verb, mask)
        if speaker is None:
            continue
        tokens = content_tokens(verb, acc_skip | {subj.i for subj in [subj] if subj is not None})
        quoted = [t for t in sent if mask[t.i]]
        if not mask[verb.i] and quoted and lemma in _ATTRIBUTION and (
                not set(quoted) <= set(tokens) or 2 * len(quoted) >= len(tokens)):
            # '"We warn against ...," he said' / '"...," Stoltenberg told reporters': the quote beside
            # the verb is what was said (a short quote inside "said that ..." is not).
            tokens = quoted
        tokens = _without_dateline([t for t in tokens if not t.is_space])
        if not tokens:
            continue
        reporter = None
        inner_verb = verb
        if is_media(ctx, speaker):
            inner = _inner_speech(ctx, tokens, lex, mask)
            if inner is not None:
                inner_verb, inner_speaker = inner
                reporter, speaker = speaker, inner_speaker
                used.add(inner_verb.i)
                if not mask[inner_verb.i]:
                    tokens = [t for t in content_tokens(inner_verb, acc_skip) if not t.is_space] or tokens
            elif lemma == "report":
                continue  # news, not somebody's statement
        if acc_key is not None and is_media(ctx, acc_key) and reporter is None:
            reporter = acc_key
        # Nested speech verbs of the same speaker belong to this statement.
        for t in tokens:
            if t.lemma_.lower() in lex.speech:
                used.add(t.i)
        f = Found(inner_verb, speaker, tokens, sent, reporter)
        out.append(f)
    if not out and according is not None and acc_key is not None and not is_media(ctx, acc_key):
        root = sent.root
        tokens = [t for t in sent if t.i not in acc_skip and not t.is_space
                  and not (t.is_punct and t.i >= acc_tok.i)]
        if tokens and ctx.label_of(acc_key) in ACTOR_LABELS:
            out.append(Found(root, acc_key, tokens, sent))
    return out


def _without_dateline(tokens: list[Token]) -> list[Token]:
    """Drop a wire dateline ("VILNIUS, July 11 —") that the parser glued to the first sentence."""
    for k, t in enumerate(tokens[:10]):
        if t.text in ("\u2014", "\u2013", "--") and tokens[0].is_upper and len(tokens[0]) > 1:
            return tokens[k + 1:]
    return tokens


def _inner_speech(ctx: Context, tokens: list[Token], lex, mask: list[bool]) -> tuple[Token, str] | None:
    """Inside an outlet's report: a speech verb with a named (non-outlet) subject."""
    for t in tokens:
        if t.pos_ == "VERB" and t.lemma_.lower() in lex.speech:
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            key = actor(ctx, subj)
            if subj.lower_ in ("he", "she"):
                key = _last_speaker_or_person(ctx, subj.i)
            if key is not None and not is_media(ctx, key):
                return t, key
    return None


def _continued_quote(ctx: Context, sent: Span, mask: list[bool], found: list[Found]) -> Found | None:
    """A sentence that is all quote, right after a quoted statement: the same speaker goes on."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words or not found or not all(mask[t.i] for t in words):
        return None
    last = found[-1]
    if sent.start - last.sent.end > 60:
        return None
    return Found(None, last.speaker, [t for t in sent if not t.is_space], sent, last.reporter)


def _stance(ctx: Context, f: Found, lex, own_states: _OwnStates) -> tuple[str, str | None, list[str]]:
    """Stance, CAMEO code and targets of a statement."""
    verb = f.verb
    if verb is not None:
        trig = lex.verbs.get(verb.lemma_.lower())
        if trig is not None and trig.speech and trig.type in ATTITUDES:
            targets = targets_of_verb(ctx, verb, trig, ACTOR_LABELS)
            if not targets:
                # "condemned Iran's attack": the actor behind the object.
                for c in verb.children:
                    if c.dep_ == "dobj":
                        targets += first_actor_in(ctx, c, labels=frozenset({"State", "Organization", "Person"}))
            if not targets:
                targets = _clause_subjects(ctx, verb)
            return trig.type, trig.cameo, targets
        if verb.lemma_.lower() == "call" and any(c.lower_ == "on" for c in verb.children):
            on = next(c for c in verb.children if c.lower_ == "on")
            return "CALLED_ON", INTERACTIONS["CALLED_ON"], [
                k for p in on.children if p.dep_ == "pobj" for k in actors(ctx, p)]
    inside = {t.i for t in f.tokens}
    for t in f.tokens:
        if is_negated(t) or _hypothetical(t, inside):
            continue
        trig: Trigger | None = None
        if t.pos_ == "VERB":
            trig = lex.verbs.get(t.lemma_.lower())
        elif t.pos_ == "NOUN":
            trig = lex.nouns.get(t.lemma_.lower())
        if trig is None or trig.type not in ATTITUDES:
            continue
        if t.pos_ == "VERB" and _someone_else(ctx, t, f.speaker, own_states):
            continue  # "Erdogan agreed to back Sweden's bid, Stoltenberg said": Erdogan's stance, not his
        if t.pos_ == "VERB":
            targets = targets_of_verb(ctx, t, trig, ACTOR_LABELS) or _clause_subjects(ctx, t)
        else:
            targets = [k for c in t.children if c.dep_ == "prep" and c.lower_ in trig.preps
                       for p in c.children if p.dep_ == "pobj" for k in first_actor_in(ctx, p)]
        if not targets and t.pos_ == "VERB":
            for c in t.children:
                if c.dep_ == "dobj":
                    targets += first_actor_in(ctx, c, labels=frozenset({"State", "Organization"}))
            if not targets:
                targets = [k for sib in t.children if sib.dep_ == "conj"
                           for c in sib.children if c.dep_ == "dobj"
                           for k in first_actor_in(ctx, c, labels=frozenset({"State", "Organization"}))]
        return trig.type, trig.cameo, targets
    return "CLAIM", None, []


def _someone_else(ctx: Context, verb: Token, speaker: str, own_states: _OwnStates) -> bool:
    """The verb's subject is a named actor other than the speaker and what the speaker speaks for."""
    subj = subject(verb)
    if subj is None or is_first_person(subj):
        return False
    who = actor(ctx, subj)
    return who is not None and who not in own_states(speaker)


def _hypothetical(tok: Token, inside: set[int]) -> bool:
    """Inside an "if"/"unless" clause of the statement: a condition, not a stance."""
    for node in [tok, *tok.ancestors]:
        if node.i not in inside:
            return False
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return True
    return False


def _clause_subjects(ctx: Context, verb: Token) -> list[str]:
    """"warned that the United States had no right ...": the reported clause's subject is the target."""
    for c in verb.children:
        if c.dep_ == "ccomp":
            subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return actors(ctx, subj)
    return []


class _OwnStates:
    """The speaker and what the speaker speaks for (a minister's state), worked out once per speaker.

    Made once per article by ``apply``: offices and PART_OF come from earlier stages and statements
    add neither, so the entity index and the PART_OF list need not be rebuilt for every Statement
    (that was a scan of the article's whole graph per Statement).
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        by_id = {ent.id: key for key, ent in ctx.entities.items()}
        #: (start key or None, end key) of every PART_OF between entities, in the graph's order
        self.part_of = [(by_id.get(rel.start), by_id[rel.end]) for rel in ctx.graph.relationships.values()
                        if rel.type == "PART_OF" and rel.end in by_id]
        self.known: dict[str, frozenset[str]] = {}

    def __call__(self, speaker: str) -> frozenset[str]:
        own = self.known.get(speaker)
        if own is None:
            own = self.known[speaker] = self._find(speaker)
        return own

    def _find(self, speaker: str) -> frozenset[str]:
        own = {speaker}
        for office in self.ctx.offices:
            if office.person == speaker and office.owner:
                own.add(office.owner)
        # ... and the state of the organization they speak for (a State Department spokesperson).
        for start, end in self.part_of:
            if start in own:
                own.add(end)
        return frozenset(own)


def _named_in(ctx: Context, tokens: list[Token]) -> list[str]:
    out: list[str] = []
    two = _GROUP_TWO.search(" ".join(t.text for t in tokens))
    for t in tokens:
        key = ctx.entity_at(t, demonyms=True)
        if key and key not in out:
            out.append(key)
    if two and len([k for k in out if ctx.label_of(k) == "State"]) < 2:
        out += [k for k in _last_states(ctx, tokens[0].i, 2) if k not in out]
    return out


def _last_states(ctx: Context, before: int, n: int) -> list[str]:
    """The last ``n`` distinct states named before a token (``the two countries``)."""
    out: list[str] = []
    for m in reversed(ctx.mentions):
        if m.start < before and m.label == "State" and m.entity and m.role != "demonym" \
                and m.entity not in out:
            out.append(m.entity)
            if len(out) == n:
                break
    return out


def apply(ctx: Context) -> None:
    lex = lexicon()
    previous: dict[tuple[str, str], list[str]] = {}
    own_states = _OwnStates(ctx)
    for f in find_statements(ctx):
        stance, cameo, targets = _stance(ctx, f, lex, own_states)
        own = own_states(f.speaker)
        if stance != "CLAIM":
            if not targets:
                two = _GROUP_TWO.search(" ".join(t.text for t in f.tokens))
                if two:
                    targets = _last_states(ctx, f.tokens[0].i, 2)
            if not targets:
                targets = previous.get((f.speaker, stance), [])
            targets = [t for t in targets if t not in own]
            about = targets
            if targets:
                previous[(f.speaker, stance)] = targets
        else:
            about = [k for k in _named_in(ctx, f.tokens) if k != f.speaker and k != f.reporter]
        _write(ctx, f, stance, cameo, about, [t for t in about if ctx.label_of(t) in ACTOR_LABELS]
               if stance != "CLAIM" else [])


def _write(ctx: Context, f: Found, stance: str, cameo: str | None, about: list[str],
           targets: list[str]) -> None:
    start, end = f.tokens[0].idx, f.tokens[-1].idx + len(f.tokens[-1].text)
    text = ctx.text[start:end].strip().strip(",").strip()
    text = text.strip("\u201c\u201d\"").strip().rstrip(",").strip()
    mask = quote_mask(ctx)
    quoted = _longest_quoted_run(f.tokens, mask) >= 3
    sid = "statement:" + hashlib.sha1(f"{ctx.article.id}:{start}:{end}".encode()).hexdigest()[:12]
    cameo = cameo or (INTERACTIONS.get(stance) if stance != "CLAIM" else "010")
    short = text if len(text) <= 80 else text[:77].rstrip() + "..."
    ctx.add_node(sid, "Statement", name=short, text=text, quoted=quoted, stance=stance, cameo=cameo,
                 sentence=f.sent.text.strip(), aliases=[], start=start, end=end)
    ctx.relate("MADE", f.speaker, sid, f.sent)
    for key in about:
        ctx.relate("ABOUT", sid, key, f.sent)
    if f.reporter:
        ctx.relate("REPORTED_BY", sid, f.reporter, f.sent)
    if stance in INTERACTIONS:
        for key in targets:
            ctx.relate(stance, f.speaker, key, f.sent, cameo=cameo, statement=sid)


def _longest_quoted_run(tokens: list[Token], mask: list[bool]) -> int:
    best = run = 0
    for t in tokens:
        if mask[t.i] and t.is_alpha:
            run += 1
            best = max(best, run)
        elif not mask[t.i]:
            run = 0
    return best
