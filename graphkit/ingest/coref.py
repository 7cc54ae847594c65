"""Coreference inside an article: what ``he``, ``it``, ``they``, ``the minister`` and ``the alliance`` mean.

A salience model in the manner of Lappin and Leass (1994), kept small. Every
named mention adds salience to its entity: more for a subject than an object,
more again for the subject of a speech verb (the speaker ``he said`` goes on
with), and the weight halves with every sentence since. A pronoun takes the
most salient entity that agrees with it:

* ``he``/``him``/``his``: a person not known to be a woman; ``she``/``her``: not
  known to be a man (gender from the role base, given names, titles, honorifics);
* ``it``/``its``: a state, organization or alliance (not ``it`` in ``it is likely
  that``), never the subject of its own clause when it is that clause's object;
* ``they``/``their``: the actors of the latest coordinated subject (``Japan and
  South Korea ... they``).

A definite description names its kind and takes the latest entity of that kind:
``the minister`` a person holding a minister's office in the article, ``the
ministry`` an organization whose name holds the word, ``the alliance`` or ``the
treaty`` an alliance of that kind, ``the country`` a state. Pronouns inside
quotations are left alone: they belong to the speaker's words, not the narration.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .context import Context
from .lexicon import lexicon, word_values, wordlist
from .offices import Offices

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_NEUTER = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_GROUP_LABELS = frozenset({"State", "Organization", "Alliance"})
#: How much a possessive pronoun prefers its own clause's subject over salience elsewhere
_POSS_SUBJECT_BONUS = 150
_ROLE_WEIGHT = {"nsubj": 80, "nsubjpass": 70, "dobj": 50, "dative": 40, "pobj": 30, "poss": 40, "appos": 30}
_SPEECH_BONUS = 40
_WINDOW = 4


class Referents(dict[int, tuple[str, ...]]):
    """Token index of a pronoun or description -> the entity keys it stands for.

    It keeps the salience of the article's mentions, so that a pronoun inside a quotation can be
    resolved on demand once the quotation's speaker is known (``in_quote``).
    """

    ctx: Context
    weights: list
    sent_index: dict[int, int]

    def in_quote(self, tok: Token, speaker: str) -> tuple[str, ...] | None:
        """What a third-person pronoun in someone's quoted words means: the most salient agreeing
        entity other than the speaker ("Why is it expanding?" from Putin, about NATO)."""
        low = tok.lower_
        if low in _MALE or low in _FEMALE:
            gender: str | None = "m" if low in _MALE else "f"
        elif low in _NEUTER and not _pleonastic(tok):
            gender = None
        else:
            return None
        weights = [w for w in self.weights if w[0].entity != speaker]
        return _pronoun(self.ctx, tok, weights, self.sent_index, Referents(), gender)


def find_referents(ctx: Context, offices: Offices) -> Referents:
    """Resolve every pronoun and definite description of the article's narration."""
    refs = Referents()
    doc = ctx.doc
    lex = lexicon()
    sent_index: dict[int, int] = {}
    sents = list(doc.sents)
    for k, sent in enumerate(sents):
        for i in range(sent.start, sent.end):
            sent_index[i] = k
    named = [m for m in ctx.mentions if m.entity and m.role != "demonym"]
    weights = [(m, sent_index[m.start], _weight(doc[m.start:m.end].root, lex.speech)) for m in named]
    positions: dict[str, list[int]] = {}
    for m in named:
        positions.setdefault(m.entity or "", []).append(m.start)
    for m in ctx.mentions:
        # a demonym places its state in the text too ("the North Korean minister ... the two countries")
        if m.role == "demonym" and (key := ctx.entity_at(doc[m.start], demonyms=True)):
            positions.setdefault(key, []).append(m.start)
    surnames = _surnames(ctx)
    refs.ctx, refs.weights, refs.sent_index = ctx, weights, sent_index
    for tok in ctx.tokens:
        if ctx.quoted[tok.i] or ctx.entity_at(tok) is not None:
            continue
        low = tok.lower_
        found: tuple[str, ...] | None = None
        if tok.pos_ == "PRON" or low in _MALE | _FEMALE | _NEUTER | _PLURAL:
            if low in _MALE or low in _FEMALE:
                found = _pronoun(ctx, tok, weights, sent_index, refs, "m" if low in _MALE else "f")
            elif low in _NEUTER and not _pleonastic(tok):
                found = _pronoun(ctx, tok, weights, sent_index, refs, None)
            elif low in _PLURAL:
                found = _plural(ctx, tok, sents, sent_index[tok.i])
        elif tok.tag_ in ("NNPS", "NNS", "NNP") and low.endswith("s") and len(surnames.get(low[:-1], ())) >= 2:
            # "the two Kims", "the Castros": the article's people of that surname (the latest ones named)
            n = next((_NUMBERS[c.lower_] for c in tok.children if c.lower_ in _NUMBERS), 0)
            people = sorted(surnames[low[:-1]], key=lambda k: -max(
                [p for p in positions.get(k, []) if p < tok.i] or [-1]))
            found = tuple(people[:n] if n else people)
        elif tok.pos_ == "NOUN" and tok.tag_ == "NNS" and _plural_definite(tok):
            found = _plural_description(ctx, offices, tok, positions)
        elif tok.pos_ == "NOUN" and _definite(tok):
            found = _description(ctx, offices, tok, positions)
        if found:
            refs[tok.i] = found
    return refs


def _weight(root: Token, speech: Iterable[str]) -> int:
    w = _ROLE_WEIGHT.get(root.dep_, 30)
    if root.dep_ == "pobj" and root.head.dep_ == "agent":
        w = 60
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in speech:
        w += _SPEECH_BONUS
    return w


def _pronoun(ctx: Context, tok: Token, weights, sent_index: dict[int, int], refs: Referents,
             gender: str | None) -> tuple[str, ...] | None:
    here = sent_index[tok.i]
    person = gender is not None
    # Principle B: an object pronoun is not the subject of its own clause ("Putin praised him").
    barred: set[int] = set()
    if tok.dep_ in ("dobj", "dative", "pobj"):
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        barred = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    scores: dict[str, float] = {}
    for m, k, w in weights:
        if m.start >= tok.i or here - k > _WINDOW:
            continue
        if m.start <= tok.i and any(i in barred for i in range(m.start, m.end)):
            continue
        key = m.entity
        label = ctx.label_of(key)
        if person:
            if label != "Person":
                continue
            ent = ctx.entities.get(key)
            if ent is not None and ent.gender not in (None, gender):
                continue
        elif label not in _GROUP_LABELS and not (label == "Alliance" and ctx.quoted[tok.i]):
            continue
        scores[key] = scores.get(key, 0.0) + (100 + w) / (2 ** (here - k))
    # A possessive leans to the subject of its own clause: "the SDF holds fighters in its prisons",
    # "Putin telephoned Maduro to express his support" (through the verbs that share a subject).
    if tok.dep_ == "poss":
        # ... except in the reason for an act on someone: "press China over its support for Russia",
        # "thanked Japan for its help", "punish Iran for its nuclear programme": the one acted on
        reason = tok.head.head if tok.head.dep_ == "pobj" else None
        acted_on = _object_keys(ctx, reason.head) if reason is not None and reason.lower_ in ("over", "for") \
            and reason.head.pos_ == "VERB" else []
        named = [k for k in acted_on if k in scores]
        if len(named) == 1:
            return (named[0],)  # the syntax says it, whatever the salience
        for key in _clause_subject_keys(ctx, tok):
            if key in scores:
                scores[key] += _POSS_SUBJECT_BONUS
    # The subject of reported words leans to whoever reports them: "the Brigades said in a statement
    # that it would strike deeper".
    elif tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ccomp" \
            and tok.head.head.lemma_.lower() in lexicon().speech:
        for key in _subject_keys(ctx, tok.head.head):
            if key in scores:
                scores[key] += _POSS_SUBJECT_BONUS
    # Earlier pronouns of the same kind keep their referent salient (parallelism).
    for i, keys in refs.items():
        if here - sent_index[i] <= 1 and keys and keys[0] in scores:
            scores[keys[0]] += 35
    if not scores:
        return None
    return (max(scores, key=lambda key: scores[key]),)


def _clause_subject_keys(ctx: Context, tok: Token) -> list[str]:
    """The named subject of the nearest verb above ``tok`` that has one (xcomp and advcl verbs share
    their governor's subject), as entity keys."""
    node = tok
    for _ in range(8):
        if node.head.i == node.i:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
                return _subject_keys(ctx, node)
            if node.dep_ not in ("xcomp", "advcl", "conj", "acl"):
                return []
    return []


def _object_keys(ctx: Context, verb: Token) -> list[str]:
    """The entities a verb's direct object names."""
    return [m.entity for c in verb.children if c.dep_ == "dobj" and (m := ctx.mention_at(c)) and m.entity]


def _subject_keys(ctx: Context, verb: Token) -> list[str]:
    """The entities a verb's subject names: the subject itself, else a name in apposition to it
    ("Hamas's armed wing, the Qassam Brigades"), else the first name inside it."""
    keys = []
    for subject in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")):
        m = ctx.mention_at(subject) or next(
            (ctx.mention_at(c) for c in subject.children if c.dep_ == "appos" and ctx.mention_at(c)), None) or next(
            (ctx.mention_at(t) for t in subject.subtree if ctx.mention_at(t)), None)
        if m is not None and m.entity:
            keys.append(m.entity)
    return keys


def _pleonastic(tok: Token) -> bool:
    """``it is likely that``, ``it remains unclear whether``, ``it took weeks``: no referent."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in ("be", "seem", "appear", "remain", "become",
                                                             "take", "happen", "matter"):
        return any(c.dep_ in ("ccomp", "xcomp", "acomp", "attr", "csubj", "advcl") for c in head.children)
    return False


def _plural(ctx: Context, tok: Token, sents, here: int) -> tuple[str, ...] | None:
    """``they``: the actors of the latest coordinated subject, in this sentence or the two before;
    ``them`` as an object: first the coordinated objects before it in its sentence."""
    if tok.dep_ in ("dobj", "pobj"):
        # "spoke with Doval and Malik and urged them": an object pronoun goes back to the objects before it
        for obj in reversed([t for t in sents[here] if t.dep_ in ("dobj", "pobj") and t.i < tok.i]):
            keys = _group(ctx, obj)
            if len(keys) >= 2:
                return keys
    for k in range(here, max(-1, here - 3), -1):
        subjects = [t for t in sents[k] if t.dep_ in ("nsubj", "nsubjpass") and (k < here or t.i < tok.i)]
        for subj in reversed(subjects):
            keys = _group(ctx, subj)
            if len(keys) >= 2:
                return keys
    return None


def _group(ctx: Context, head: Token) -> tuple[str, ...]:
    """The actors a coordination names, each conjunct by itself or by its apposition ("his counterpart,
    Asim Malik")."""
    from .actors import conjuncts

    keys: list[str] = []
    for c in conjuncts(head):
        for u in (c, *(a for a in c.children if a.dep_ == "appos")):
            key = ctx.entity_at(u)
            if key and ctx.label_of(key) in ("Person", "State", "Organization"):
                if key not in keys:
                    keys.append(key)
                break
    return tuple(keys)


_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _surnames(ctx: Context) -> dict[str, list[str]]:
    """Folded family names (first and last words) -> the article's people who bear them."""
    from .roles import fold_name

    out: dict[str, list[str]] = {}
    for key, e in ctx.entities.items():
        if e.label == "Person":
            words = fold_name(e.name).split()
            for w in {words[0], words[-1]} if words else ():
                out.setdefault(w, []).append(key)
    return out


def _plural_definite(tok: Token) -> bool:
    """``the two leaders``, ``both countries``, ``the presidents``: a plural with no owner of its own."""
    if any(c.dep_ in ("poss", "compound") or (c.dep_ == "amod" and c.pos_ == "PROPN") for c in tok.children):
        return False
    return any((c.dep_ == "det" and c.lower_ in ("the", "both", "these")) or
               (c.dep_ in ("nummod", "det", "predet") and c.lower_ in _NUMBERS) for c in tok.children)


def _plural_description(ctx: Context, offices: Offices, tok: Token,
                        positions: dict[str, list[int]]) -> tuple[str, ...] | None:
    """The latest actors of the kind a plural names: ``the two leaders`` are the last two people with
    a leader's office, ``both countries`` the last two states named."""
    lemma = tok.lemma_.lower()
    lex = lexicon()
    n = next((_NUMBERS[c.lower_] for c in tok.children if c.lower_ in _NUMBERS), 0)
    barred = _clause_subjects(ctx, tok)
    if lemma in lex.title_words:
        found = lex.match_title([lemma])
        keys = {o.person for o in offices if found and (found[1].fits(o.title, lex.title_class(o.title))
                                                        or o.title.lower().endswith(lemma))}
    elif lemma in wordlist("state_plural"):
        keys = {k for k, e in ctx.entities.items() if e.label == "State"}
    else:
        return None
    latest = sorted(((max(p for p in positions.get(k, []) if p < tok.i), k) for k in keys - barred
                     if any(p < tok.i for p in positions.get(k, []))), reverse=True)
    if n:
        chosen = [k for _, k in latest[:n]] if len(latest) >= n else []
    else:
        here = tok.sent.start
        chosen = [k for p, k in latest if here - p < 120]
    return tuple(chosen) if len(chosen) >= 2 else None


def _clause_subjects(ctx: Context, tok: Token) -> set[str]:
    """The actors that are the subject of the clause an object stands in: "Drnovsek and Kucan welcomed
    the two leaders" (the leaders are not Drnovsek and Kucan)."""
    from .actors import conjuncts

    def named(t: Token) -> str | None:
        if t.lower_ in ("which", "who", "that") and t.head.dep_ == "relcl":
            t = t.head.head  # "Russia, which has threatened the small country": Russia
        return ctx.entity_at(t)

    if tok.dep_ in ("nsubj", "nsubjpass"):
        # "The four countries accused Qatar": the subject is not the object
        return {k for c in tok.head.children if c.dep_ in ("dobj", "dative") for t in conjuncts(c)
                if (k := named(t))}
    if tok.dep_ not in ("dobj", "dative", "pobj"):
        return set()
    verb = tok.head if tok.dep_ != "pobj" else tok.head.head
    return {k for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in conjuncts(c)
            if (k := named(t))}


def _definite(tok: Token) -> bool:
    """``the minister``, ``the alliance``: a noun with ``the`` and no owner of its own."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
        return False
    return not any(c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "amod" and c.pos_ == "PROPN")
                   for c in tok.children)


def _description(ctx: Context, offices: Offices, tok: Token,
                 positions: dict[str, list[int]]) -> tuple[str, ...] | None:
    low = tok.lower_
    lemma = tok.lemma_.lower()
    lex = lexicon()

    def latest(keys: Iterable[str]) -> tuple[str, ...] | None:
        before = [(max(p for p in positions.get(k, []) if p < tok.i), k) for k in keys
                  if any(p < tok.i for p in positions.get(k, []))]
        return (max(before)[1],) if before else None

    if low in lex.title_words and tok.tag_ == "NN":
        words = [c.lower_ for c in tok.lefts if c.dep_ in ("amod", "compound") and c.lower_ in lex.title_words]
        found = lex.match_title([*words, low])
        if found is None:
            return None
        title = found[1]
        holders = [o.person for o in offices if title.fits(o.title, lex.title_class(o.title))
                   or (title.cls == "-" and o.title.lower().endswith(low))]
        # "the Chinese leader": a holder of that state's office only
        states = {k for c in tok.lefts if c.dep_ in ("amod", "compound")
                  and (k := ctx.entity_at(c, demonyms=True)) and ctx.label_of(k) == "State"}
        if states:
            holders = [h for h in holders if offices.owners_of(h) & states]
        return latest(set(holders))
    alliance_nouns, org_nouns = word_values("alliance_noun"), word_values("org_noun")
    if lemma in alliance_nouns:
        kinds = tuple(alliance_nouns[lemma].split(","))
        keys = [k for k, e in ctx.entities.items() if e.label == "Alliance"
                and (e.props.get("kind") in kinds or lemma in e.name.lower())]
        return latest(keys)
    if lemma in org_nouns:
        kinds = tuple(org_nouns[lemma].split(","))
        keys = [k for k, e in ctx.entities.items() if e.label == "Organization"
                and (lemma in e.name.lower() or e.props.get("kind") in kinds)]
        named = [k for k in keys if lemma in ctx.entities[k].name.lower()]
        return latest(named) or latest(keys)
    if lemma in wordlist("state_noun"):
        barred = _clause_subjects(ctx, tok)
        keys = [k for k, e in ctx.entities.items() if e.label == "State" and k not in barred]
        return latest(keys)
    return None
