"""Interactions between actors from verbs and nouns of the lexicon (``verbs.tsv``).

Verbs: the subject is the source and the direct object (or the object of one
of the trigger's prepositions) the target; in the passive the ``by`` agent is
the source and the subject the target; coordinations fan out; a negated verb
gives nothing. Nouns (``a meeting with``, ``support for``, ``its war on``):
the target follows the trigger's preposition, the source is the possessor or,
for meetings, visits and support, the subject of the clause around the noun.

Speech-act triggers (warn, accuse, ...) are left to the statements stage,
which records the Statement and the interaction together.
"""

from __future__ import annotations

from itertools import combinations

from spacy.tokens import Token

from ..model import ACTOR_LABELS, INTERACTIONS
from .actors import Actors, is_negated, is_passive, relative_antecedent, subject
from .context import Facts
from .lexicon import Trigger, lexicon, wordlist

PLACE_OR_STATE = frozenset({"State", "Place"})
#: Nouns whose source is only their possessor or agent, never the clause's subject.
#: auxiliaries of an act announced, not done
FUTURE = frozenset({"will", "'ll", "shall", "would"})
_DELIVERIES = frozenset({"SENT_TROOPS_TO", "SUPPLIED_WEAPONS_TO"})
_OWNED_ONLY = frozenset({"FIGHTS"})


def targets_of_verb(reader: Actors, verb: Token, trig: Trigger, labels: frozenset[str]) -> list[str]:
    """A verb's targets: direct object (shared with a coordinated verb), prepositional objects."""
    out: list[str] = []

    def add(keys: list[str]) -> None:
        out.extend(k for k in keys if k not in out)

    if is_passive(verb):
        subj = subject(verb)
        if subj is not None:
            add(reader.actors(subj, labels=labels))
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    antecedent = relative_antecedent(verb)
    if antecedent is not None:
        objs.append(antecedent)  # "the minister, whom the president criticised": the minister
    if not objs:
        objs += [c for sib in verb.children if sib.dep_ == "conj" and sib.pos_ == "VERB"
                 for c in sib.children if c.dep_ == "dobj"]
    for obj in objs:
        found = reader.actors(obj, labels=labels)
        if found and verb.lemma_.lower() in wordlist("deed_object_verb"):
            continue  # "welcomed Meloni to Downing Street": a host, not a stance
        if not found and trig.type in ("SUPPORTS", "OPPOSES", "CRITICIZED", "PRAISED"):
            # "back Sweden's bid", "oppose Iran's programme": the owner of the thing is the target.
            found = [k for c in obj.children if c.dep_ == "poss" for k in reader.actors(c, labels=labels)]
        add(found)
    # A misparse puts the last of a list on the verb: "accused the US, South Korea, and Japan".
    if objs:
        for child in verb.children:
            if child.dep_ == "conj" and child.pos_ == "PROPN":
                add(reader.actors(child, labels=labels))
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in trig.preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    add(reader.actors(pobj, labels=labels))
    return out


def gapped_pairs(reader: Actors, verb: Token) -> list[tuple[str, str]]:
    """``Germany will deploy to Lithuania, the United States to Poland and Britain to Estonia``: after a
    delivery verb's own ``to`` target, each further ``A to B`` in the sentence is another sender and
    recipient (the verb is left out, as gapping does)."""
    ctx = reader.ctx
    doc = ctx.doc
    to = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
    if to is None:
        return []
    first = next((ctx.mention_at(p) for p in to.children if p.dep_ == "pobj" and ctx.mention_at(p)), None)
    if first is None:
        return []
    sent = verb.sent
    pairs: list[tuple[str, str]] = []
    i = first.end
    while i < sent.end - 2:
        m = ctx.mention_at(doc[i])
        a = ctx.entity_at(doc[i])
        if m is None or a is None or ctx.label_of(a) not in ("State", "Organization") \
                or doc[m.start - 1].lower_ == "to":
            i += 1
            continue
        j = m.end
        if j < sent.end and doc[j].lower_ == "to":
            k = j + 1 + (j + 1 < sent.end and doc[j + 1].lower_ == "the")
            b = ctx.entity_at(doc[k]) if k < sent.end else None
            if b is not None and ctx.label_of(b) in ("State", "Organization") and a != b:
                pairs.append((a, b))
                i = ctx.mention_at(doc[k]).end
                continue
        i = j
    return pairs


def _delivery(reader: Actors, verb: Token, *, first_only: bool = False) -> list[tuple[str, list[str]]]:
    ctx = reader.ctx
    """send/deploy/supply: troops or weapons, and to whom (``to X``, or ``to bolster X's efforts``)."""
    obj_words = {t.lower_ for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for t in c.subtree}
    # "supply Ukraine with air defence systems": the recipient is the object, the goods follow "with".
    goods = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"]
    obj_words |= {t.lower_ for g in goods for t in g.subtree}
    kinds = []
    if obj_words & wordlist("troop_word"):
        kinds.append("SENT_TROOPS_TO")
    if obj_words & wordlist("weapon_word"):
        kinds.append("SUPPLIED_WEAPONS_TO")
    if not kinds and not obj_words and verb.lemma_.lower() in ("deploy", "station"):
        kinds.append("SENT_TROOPS_TO")  # "Germany will deploy to Lithuania": forces, unsaid
    if not kinds:
        return []
    targets: list[str] = []
    if goods:
        targets += [k for c in verb.children if c.dep_ == "dobj"
                    for k in reader.actors(c, labels=frozenset({"State", "Organization"}))]
    # "has sold Venezuela fighter jets": the indirect object is the recipient
    targets += [k for c in verb.children if c.dep_ == "dative"
                for k in reader.actors(c, labels=frozenset({"State", "Organization"})) if k not in targets]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "for"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    if first_only:
                        # a gapped list follows: only the verb's own first recipient is its target
                        key = ctx.entity_at(pobj)
                        return [(kind, [key] if key else []) for kind in kinds]
                    targets += reader.first_actor_in(pobj, labels=frozenset({"State", "Organization"}))
        elif child.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in child.children):
            # purpose clause: "... to bolster the Kremlin's efforts", "to help Russia"
            for t in child.subtree:
                key = ctx.entity_at(t)
                if key and ctx.label_of(key) in ("State", "Organization"):
                    targets.append(key)
                    break
    if not targets:
        # "has sold Venezuela fighter jets", parsed as a compound: a state's name right after the verb,
        # before the goods, is the indirect object
        nxt = ctx.doc[verb.i + 1] if verb.i + 1 < verb.sent.end else None
        m = ctx.mention_at(nxt) if nxt is not None and nxt.dep_ == "compound" else None
        if m is not None and m.role == "name" and m.entity and ctx.label_of(m.entity) == "State":
            targets.append(m.entity)
    return [(kind, targets) for kind in kinds]


def verb_interactions(reader: Actors, facts: Facts) -> None:
    ctx = reader.ctx
    lex = lexicon()
    for tok in ctx.tokens:
        if tok.pos_ != "VERB":
            continue
        trig = lex.verbs.get(tok.lemma_.lower())
        if trig is None or trig.speech or is_negated(tok) or not asserted(tok) or (
                planned(tok) and trig.type not in _DELIVERIES):
            continue  # "threatened to sanction": not done; an announced delivery is news of one
        sent = tok.sent
        if ctx.in_headline(sent) and tok.tag_ != "VBD":
            continue  # headline-ese: "Kerry announces talks", "Biden to visit": not yet a fact
        sources = reader.sources(tok)
        # "recognised Guaido, as did Argentina, Chile and Peru": the ellipsis adds its subjects.
        sources += [k for c in tok.children if c.dep_ == "advcl" and c.lemma_ == "do"
                    and any(m.lower_ == "as" for m in c.children)
                    for sub in c.children if sub.dep_ == "nsubj" for k in reader.actors(sub) if k not in sources]
        if not sources:
            continue
        if trig.type in ("SENT_TROOPS_TO", "SUPPLIED_WEAPONS_TO"):
            gaps = gapped_pairs(reader, tok)
            pairs = _delivery(reader, tok, first_only=bool(gaps))
            for kind, _ in pairs:
                for a, b in gaps:
                    facts.add(kind, a, b, sent, cameo=trig.cameo, trigger=tok.text)
        elif trig.type == "VISITED":
            pairs = [(trig.type, targets_of_verb(reader, tok, trig, PLACE_OR_STATE))]
        elif trig.type == "SIGNED":
            pairs = [(trig.type, targets_of_verb(reader, tok, trig, frozenset({"Alliance"})))]
        elif trig.type == "FIGHTS":
            if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in tok.children):
                continue  # "it would strike deeper inside Israel": a threat (statements), not yet a fight
            enemies = _fight_targets(reader, tok, trig, sources)
            if not enemies and len(sources) >= 2 and _sides_fighting(tok, trig):
                for a, b in combinations(sources, 2):
                    facts.add("FIGHTS", a, b, sent, cameo=trig.cameo, trigger=tok.text)
                continue
            pairs = [(trig.type, enemies)]
            # "fought alongside American troops to defeat Islamic State": the companions fight too
            sources = sources + [k for c in tok.children if c.dep_ == "prep" and (
                c.lower_ == "alongside" or (c.lower_ == "with" and "with" not in trig.preps))
                for p in c.children if p.dep_ == "pobj" for k in reader.actors(p) if k not in sources]
        else:
            pairs = [(trig.type, targets_of_verb(reader, tok, trig, ACTOR_LABELS))]
        for rel_type, targets in pairs:
            cameo = trig.cameo if rel_type == trig.type else None
            for s in sources:
                for t in targets:
                    if s != t:
                        facts.add(rel_type, s, t, sent, cameo=cameo, trigger=tok.text)


def _sides_fighting(verb: Token, trig: Trigger) -> bool:
    """``the army and the RSF have been fighting``: an intransitive fight whose own subject is a
    coordination, each side fighting the other (not ``pledging to fight militancy``)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return verb.lemma_.lower() in ("fight", "clash", "battle") and subj is not None \
        and any(c.dep_ == "conj" for c in subj.children) \
        and not any(c.dep_ in ("dobj", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in trig.preps)
                    for c in verb.children)


def _fight_targets(reader: Actors, verb: Token, trig: Trigger, sources: list[str]) -> list[str]:
    """Whom an attack is on: its object; for a group's attack on a town, the town's country ("JEM
    fighters attacked Omdurman"); for strikes on things somewhere, that place's country ("India struck
    nine sites in Pakistan"); for fighting in a country, that country ("soldiers killed while fighting
    alongside Russian forces in Ukraine")."""
    ctx = reader.ctx
    targets = targets_of_verb(reader, verb, trig, ACTOR_LABELS)
    if targets:
        return targets
    lex = lexicon()
    for c in verb.children:
        # "fought alongside American troops to defeat Islamic State": the enemy of the purpose
        purpose = lex.verbs.get(c.lemma_.lower())
        if c.dep_ in ("advcl", "xcomp") and purpose is not None and purpose.type == "FIGHTS" \
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            targets += targets_of_verb(reader, c, purpose, ACTOR_LABELS)
    if targets:
        return [t for t in dict.fromkeys(targets) if t not in sources]
    non_state = all(ctx.label_of(s) != "State" for s in sources)
    if non_state:
        targets = _countries(reader, targets_of_verb(reader, verb, trig, frozenset({"Place"})))
    if not targets:
        holders = [verb, *[c for c in verb.children if c.dep_ == "dobj"]]
        places = [k for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "inside", "into")
                  for p in c.children if p.dep_ == "pobj"
                  for k in reader.first_actor_in(p, labels=frozenset({"State", "Place"}))]
        targets = [k for k in places if ctx.label_of(k) == "State"] + _countries(
            reader, [k for k in places if ctx.label_of(k) == "Place"])
    own = {s for s in sources}
    return [t for t in dict.fromkeys(targets) if t not in own]


def _countries(reader: Actors, places: list[str]) -> list[str]:
    """The countries the article names that these places are in."""
    from .structure import state_of_place

    out = []
    for p in places:
        state = state_of_place(reader.ctx, reader.ctx.entities[p])
        if state is not None and state not in out:
            out.append(state)
    return out




def stationed(reader: Actors, facts: Facts) -> None:
    """``France has some 1,500 troops in Niger``, ``37,000 U.S. troops stationed in South Korea``:
    a state's forces kept in another country were sent there."""
    ctx = reader.ctx
    for tok in ctx.tokens:
        if tok.lower_ not in ("troops", "soldiers", "forces", "personnel", "contingent", "peacekeepers") \
                or ctx.in_headline(tok.sent) or not asserted(tok):
            continue
        if any(a.lemma_.lower() in ("withdraw", "pull", "remove", "evacuate") or is_negated(a)
               for a in tok.ancestors if a.pos_ == "VERB"):
            continue
        kept = tok.dep_ == "dobj" and tok.head.lemma_.lower() in wordlist("keep_verb")
        stationed = [c for c in tok.children
                     if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in wordlist("stationed_verb")]
        if not kept and not stationed:
            continue  # "Russian forces in Ukraine" alone says where they fight, not who sent them
        owners = [k for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                  for t in c.subtree if (k := ctx.entity_at(t, demonyms=True)) and ctx.label_of(k) == "State"]
        if not owners and kept:
            subj = subject(tok.head)
            owners = reader.actors(subj, labels=frozenset({"State"})) if subj is not None else []
        if not owners:
            continue
        # "in Niger" on the troops, or on the verb that stations them
        holders = [tok, *[c for c in tok.children if c.dep_ in ("acl", "relcl")]]
        if tok.dep_ == "dobj":
            holders.append(tok.head)
        places: list[str] = []
        for h in holders:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside"):
                    places += [k for p in c.children if p.dep_ == "pobj"
                               for k in reader.first_actor_in(p, labels=frozenset({"State", "Place"}))]
        targets = [k for k in places if ctx.label_of(k) == "State"] + _countries(
            reader, [k for k in places if ctx.label_of(k) == "Place"])
        for o in owners[:1]:
            for t in dict.fromkeys(targets):
                if o != t:
                    facts.add("SENT_TROOPS_TO", o, t, tok.sent, cameo="074", trigger=tok.text)


def blamed(reader: Actors, tok: Token) -> tuple[Token, list[str]] | None:
    """The verb and whom a word of blame puts a deed on (``blame_word`` in words.tsv): ``held Hamas
    responsible for the deaths`` (the object of the verb it completes, also when parsed as the
    object's adjective), ``Hamas is responsible for``, ``the United States was behind the
    assassination`` (the subject of ``be``)."""
    if tok.lower_ not in wordlist("blame_word") or is_negated(tok) or is_negated(tok.head):
        return None
    if tok.pos_ == "ADP":
        # "behind the assassination", not "behind closed doors" or "behind schedule"
        if not any(p.dep_ == "pobj" and p.pos_ == "NOUN" and p.lemma_.lower() not in wordlist("not_a_deed")
                   for p in tok.children) or tok.head.lemma_ != "be":
            return None
    elif tok.dep_ == "amod" and tok.i > tok.head.i and tok.head.dep_ == "dobj":
        return tok.head.head, reader.actors(tok.head)  # "held Hamas responsible", parsed as an adjective
    elif tok.dep_ not in ("oprd", "acomp", "xcomp", "ccomp", "attr"):
        return None
    head = tok.head
    objs = [c for c in head.children if c.dep_ == "dobj"]
    if objs:
        return head, [k for o in objs for k in reader.actors(o)]
    if head.lemma_ == "be":
        subj = subject(head)
        return head, reader.actors(subj) if subj is not None else []
    return None


def blame(reader: Actors, facts: Facts) -> None:
    """ACCUSED from words of blame in the narrative: ``Israel held Hamas responsible for the deaths``.
    (In reported words the statement's stance says it.)"""
    for tok in reader.ctx.tokens:
        found = blamed(reader, tok)
        if found is None or not asserted(tok) or reader.ctx.in_headline(tok.sent):
            continue
        verb, targets = found
        sources = reader.sources(verb) if verb.lemma_ != "be" else []
        for s in sources:
            for t in targets:
                if s != t:
                    facts.add("ACCUSED", s, t, tok.sent, cameo=INTERACTIONS["ACCUSED"], trigger=verb.text)


def backed(reader: Actors, facts: Facts) -> None:
    """``the U.S.-backed SDF``, ``Turkey-backed Syrian rebels``: the backer SUPPORTS the backed."""
    ctx = reader.ctx
    doc = ctx.doc
    for tok in ctx.tokens:
        if tok.lower_ not in ("backed", "supported", "funded", "armed", "sponsored") or tok.i < 2 \
                or doc[tok.i - 1].text != "-" or ctx.in_headline(tok.sent):
            continue
        backer = ctx.entity_at(doc[tok.i - 2], demonyms=True)
        if backer is None or ctx.label_of(backer) not in ("State", "Organization", "Person"):
            continue
        head = tok.head if tok.head.i > tok.i else next((t for t in doc[tok.i + 1:tok.i + 6]
                                                         if t.pos_ in ("NOUN", "PROPN")), None)
        if head is None:
            continue
        for k in reader.actors(head):
            if k != backer:
                facts.add("SUPPORTS", backer, k, tok.sent, cameo="051", trigger=tok.text)


def _waged(noun: Token) -> bool:
    """``waged an insurgency against``, ``runs the air war against``, ``launched an offensive on``: the
    clause's subject is the one fighting."""
    return noun.dep_ == "dobj" and (noun.head.lemma_.lower() in wordlist("wage_verb")
                                    or noun.head.lower_ in wordlist("wage_verb"))


def clause_subject_actors(reader: Actors, tok: Token) -> list[str]:
    """The actors of the clause a noun sits in: walk up to a verb and take its subject."""
    node = tok
    for _ in range(6):
        if node.head.i == node.i:
            return []
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = subject(node)
            return reader.actors(subj) if subj is not None else []
    return []


def common_noun(tok: Token) -> bool:
    """A noun, or a lower-case word the tagger took for a proper noun (``pledged solidarity``)."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.is_lower and tok.is_alpha)


def noun_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """The objects of a trigger noun's prepositions (``support for Kyiv``), also when the parser hung
    the preposition on the noun's verb (``pledged solidarity with Poland``)."""
    heads = [tok, tok.head] if tok.dep_ == "dobj" else [tok]
    if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "of"):
        # "pledged $500 million in aid to Ukraine": "to" hangs on the amount or on the verb
        amount = tok.head.head
        heads += [amount, amount.head] if amount.pos_ in ("NOUN", "NUM") and amount.dep_ == "dobj" else [amount]
    return [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i
            for p in c.children if p.dep_ == "pobj"]


def noun_interactions(reader: Actors, facts: Facts) -> None:
    ctx = reader.ctx
    lex = lexicon()
    for tok in ctx.tokens:
        if not common_noun(tok):
            continue
        trig = lex.nouns.get(tok.lemma_.lower()) or lex.nouns.get(tok.lower_)
        if trig is None or ctx.in_headline(tok.sent) or not asserted(tok) or (
                tok.dep_ == "dobj" and (planned(tok.head) or tok.head.lemma_.lower() in wordlist("undo_verb")
                                        or (trig.type in ("OPPOSES", "FIGHTS") and any(
                                            c.dep_ == "aux" and c.lower_ == "would" for c in tok.head.children)))):
            continue  # "threatened to impose sanctions", "would consider easing sanctions": no measure yet
        if any(is_negated(a) for a in tok.ancestors if a.pos_ == "VERB"):
            continue
        labels = PLACE_OR_STATE if trig.type == "VISITED" else ACTOR_LABELS
        targets: list[str] = []
        for pobj in noun_objects(tok, trig.preps):
            targets += [k for k in reader.first_actor_in(pobj, labels=labels) if k not in targets]
        givers = [k for c in tok.children if c.dep_ == "prep" and c.lower_ == "from"
                  for p in c.children if p.dep_ == "pobj" for k in reader.actors(p)]
        if trig.type == "SUPPORTS" and givers and not targets:
            # "shot down with help from the United States": the helpers support the clause's subject.
            for s in givers:
                for t in clause_subject_actors(reader, tok):
                    if s != t:
                        facts.add(trig.type, s, t, tok.sent, cameo=trig.cameo, trigger=tok.text)
            continue
        if not targets and tok.dep_ == "dobj" and tok.head.lemma_.lower() in wordlist("express_verb"):
            targets = addressees(reader, tok.head, exclude=tok)
        if not targets:
            continue
        sources: list[str] = []
        for child in tok.children:
            if child.dep_ == "poss":
                sources += reader.actors(child)
        if tok.dep_ == "appos":
            # "Russia, the main military backer of Syrian President Bashar al-Assad"
            sources += [k for k in reader.actors(tok.head) if k not in sources]
        if trig.type not in _OWNED_ONLY or _waged(tok):
            # a possessor owns the act ("press China over its support": China's, not the presser's),
            # and so does the subject who speaks for it ("Biden reaffirmed America's commitment")
            owners = set(sources)
            sources += [k for k in clause_subject_actors(reader, tok) if k not in sources and (
                not owners or owners & reader.offices.owners_of(k))]
        for s in sources:
            for t in targets:
                if s != t:
                    facts.add(trig.type, s, t, tok.sent, cameo=trig.cameo, trigger=tok.text)


def addressees(reader: Actors, verb: Token, *, exclude: Token) -> list[str]:
    """Whom words are addressed to: ``expressed support to Maduro``, ``offered Kyiv its support``, or
    the one contacted in the clause they are the purpose of (``telephoned Maduro to express ...``)."""
    found: list[str] = []
    for v in (verb, verb.head if verb.dep_ in ("xcomp", "advcl") else None):
        if v is None:
            continue
        for child in v.children:
            if child is exclude or child.dep_ not in ("dobj", "dative", "prep"):
                continue
            if child.dep_ == "prep":
                if child.lower_ != "to":
                    continue
                child = next((p for p in child.children if p.dep_ == "pobj"), None)
                if child is None:
                    continue
            found += [k for k in reader.actors(child) if k not in found]
        if found:
            break
    return found


def planned(tok: Token) -> bool:
    """``will meet``, ``plans to visit``, ``is expected to sign``, ``a bid to join``: not yet a fact."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE for c in tok.children):
        return True
    if tok.tag_ == "VBD":
        return False  # a past tense reports what happened
    node = tok
    for _ in range(3):
        if node.dep_ in ("xcomp", "acl", "advcl", "ccomp", "relcl") \
                and node.head.lemma_.lower() in wordlist("plan_word"):
            return True
        if node.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
                and any(c.dep_ == "aux" and c.lower_ in FUTURE for c in node.head.children):
            return True  # "he would travel to Washington to meet Trump": the purpose of a trip to come
        if node.dep_ == "pobj" and node.head.head.lemma_.lower() in wordlist("plan_word"):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def asserted(tok: Token) -> bool:
    """Whether the text states what ``tok`` says happened: not in a question, under a condition
    (``if X attacks``), a denial (``denied it had supplied``), a hypothesis (``could strike``) or
    another actor's relative clause read from the main one."""
    sent = tok.sent
    if sent.text.rstrip().rstrip('"\u201d\u2019').rstrip().endswith("?"):
        return False
    for node in [tok, *tok.ancestors]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return False
        if node is not tok and (node.lemma_.lower() in ("deny", "dismiss", "refute", "rule") or
                                (node.lemma_.lower() in ("claim", "allegation", "accusation", "report")
                                 and node.head.lemma_.lower() in ("deny", "reject", "dismiss"))):
            return False
        if (node.i == tok.i or (tok.pos_ == "NOUN" and node.i == tok.head.i)) and any(
                c.dep_ == "aux" and c.lower_ in ("could", "might", "may") for c in node.children) \
                and not any(c.dep_ == "nsubj" for c in node.children if c.lower_ in ("we", "i")):
            return False  # "could strike", "a summit with Putin could follow": a possibility
        if node.dep_ in ("csubj", "csubjpass") and node.tag_ == "VBG" and any(
                c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may", "will") for c in node.head.children):
            return False  # "deploying German troops in Lithuania would escalate tensions": a supposition
        if node.dep_ in ("ROOT",):
            break
    return True


def find(reader: Actors) -> Facts:
    """Interactions from verbs and nouns of the lexicon."""
    facts = Facts(reader.ctx)
    verb_interactions(reader, facts)
    noun_interactions(reader, facts)
    backed(reader, facts)
    stationed(reader, facts)
    blame(reader, facts)
    return facts
