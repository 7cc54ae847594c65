"""Mentions and within-article resolution: which spans name which entity.

Stage one of the rules. It reads the dictionary ruler's matches and spaCy's
NER, fixes the statistical model's known misses with general rules, decides
whether a capital is the State (it acts or speaks) or a Place (it is where
something happens), and clusters person-name variants (``Kim Jong-Un``,
``Kim Jong-un``, ``Kim``) into one entity with a canonical name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import slugify
from ..text import fold
from .dictionary import Entry, Gazetteer

#: Prepositions after which a capital is a location, not the government acting.
LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "around", "across", "toward",
                            "towards", "to", "via", "through", "over", "within", "throughout"})
# Not "from": "pressure from Beijing", "a message from Moscow" are the governments.
_ALLIANCE_WORDS = re.compile(r"\b(treaty|pact|alliance|partnership|accords?|agreement|bloc|union|"
                             r"coalition|convention|charter)\b", re.I)
_ORG_KINDS = (
    (re.compile(r"\b(news|agency|times|post|journal|tv|television|radio|broadcast\w*|press|daily|media|"
                r"gazette|herald|tribune)\b", re.I), "media"),
    (re.compile(r"\b(intelligence|spy|security service)\b", re.I), "intelligence"),
    (re.compile(r"\b(army|navy|air force|forces|military|guard|command|marines|brigade|regiment|"
                r"battalion|division|fleet|militia)\b", re.I), "military"),
    (re.compile(r"\b(parliament|assembly|congress|senate|duma|house of|council of representatives|"
                r"legislature|diet)\b", re.I), "legislature"),
    (re.compile(r"\b(party)\b", re.I), "party"),
    (re.compile(r"\b(ministry|ministries|department|government|cabinet|office|commission|embassy|"
                r"administration|presidency|council)\b", re.I), "government"),
    (re.compile(r"\b(inc|corp|corporation|company|ltd|plc|group|holdings|bank|airlines?)\b", re.I),
     "company"),
    (re.compile(r"\b(united nations|international|organi[sz]ation|world|global)\b", re.I), "international"),
)
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "gen", "general", "president", "minister",
                         "leader", "chairman", "premier", "king", "queen", "prince", "sheikh", "lt",
                         "col", "adm", "sen", "rep", "gov", "secretary"})


def guess_org_kind(name: str) -> str:
    """Guess an unknown organization's ``kind`` from the words of its name."""
    for pattern, kind in _ORG_KINDS:
        if pattern.search(name):
            return kind
    return "other"


def surface(span: Span | str) -> str:
    """The surface form as recorded in ``aliases``: straight apostrophes, no possessive, no ``the``."""
    text = span if isinstance(span, str) else span.text
    text = re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()
    text = re.sub(r"'s?$", "", text).strip()
    if text.lower().startswith("the "):
        text = text[4:]
    return text


@dataclass
class Mention:
    """A span that refers to an entity (``role`` name) or qualifies a noun (``role`` demonym)."""

    start: int
    end: int
    label: str
    text: str
    role: str = "name"
    key: str | None = None
    kind: str | None = None
    entity: str | None = None
    extra_alias: str | None = None
    #: canonical name for a mention without a dictionary key ("Russian Foreign Ministry")
    canonical: str | None = None
    #: state mentions inside an alliance's name ("Ukraine-Poland Agreement"): its parties
    inner: list[Mention] = field(default_factory=list)

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass
class Entity:
    """One resolved real-world thing within an article."""

    id: str
    label: str
    name: str
    aliases: set[str] = field(default_factory=set)
    props: dict[str, object] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    state: str | None = None


def _trim_person(span: Span) -> Span:
    """Drop honorifics before a name and possessives or stray verbs after it."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'", "\u2019")
                               or doc[end - 1].is_punct):
        end -= 1
    while end - start > 1 and doc[start].lower_.rstrip(".") in _HONORIFICS:
        start += 1
    return doc[start:end]


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Every entity mention in ``doc``, with dictionary matches already keyed."""
    mentions: list[Mention] = []
    for ent in doc.ents:
        label = ent.label_
        if label.startswith("GK_"):
            reading, _, ident = ent.ent_id_.partition(":")
            entry = gaz.get(reading, ident)
            if entry is None:
                continue
            if label == "GK_DEMONYM":
                mentions.append(Mention(ent.start, ent.end, "State", ent.text, "demonym", entry.id))
            elif label == "GK_SEAT":
                mentions.append(_seat_mention(ent, entry, gaz))
            else:
                mentions.append(Mention(ent.start, ent.end, entry.label, ent.text, "name", entry.id,
                                        entry.kind))
        elif label == "PERSON":
            span = _trim_person(ent)
            if any(t.is_alpha for t in span):
                mentions.append(Mention(span.start, span.end, "Person", span.text))
        elif label in ("GPE", "LOC", "FAC"):
            text = surface(ent)
            if text in ("North", "South") and label == "LOC":
                mentions.append(Mention(ent.start, ent.end, "State", ent.text, "direction"))
            elif text and text[0].isupper():
                kind = {"GPE": "city", "LOC": "region", "FAC": "site"}[label]
                mentions.append(Mention(ent.start, ent.end, "Place", ent.text, kind=kind))
        elif label == "ORG":
            text = surface(ent)
            if not text or not text[0].isupper():
                continue
            if _ALLIANCE_WORDS.search(text) and not re.search(r"\b(news|agency|party)\b", text, re.I):
                kind = _alliance_kind(text)
                mentions.append(Mention(ent.start, ent.end, "Alliance", ent.text, kind=kind))
            else:
                mention = Mention(ent.start, ent.end, "Organization", ent.text, kind=guess_org_kind(text))
                _name_state_body(doc, mention, gaz, text)
                mentions.append(mention)
        elif label in ("LAW", "EVENT") and _ALLIANCE_WORDS.search(ent.text) and ent.text[:1].isupper():
            text = surface(ent)
            mentions.append(Mention(ent.start, ent.end, "Alliance", ent.text, kind=_alliance_kind(text)))
        elif label in ("PRODUCT", "EVENT", "WORK_OF_ART") and ent.end < len(doc) \
                and doc[ent.end].lower_ in ("region", "province", "oblast", "border", "city"):
            # spaCy's small model often tags a town before "region" as a product.
            mentions.append(Mention(ent.start, ent.end, "Place", ent.text, kind="region"))
    mentions = _treaty_names(doc, mentions)
    mentions.extend(_names_after_titles(doc, mentions))
    mentions.extend(_described_orgs(doc, mentions, gaz))
    mentions.sort(key=lambda m: m.start)
    return mentions


_TREATY_HEADS = frozenset({"treaty", "agreement", "pact", "accord", "accords", "alliance", "partnership",
                           "convention", "charter", "declaration", "commitment", "compact", "protocol"})
_NAME_JOINERS = frozenset({"-", "on", "of", "for", "and", "to", "the"})
#: Heads of organization names that carry their state: "the Armed Forces of the Philippines".
_ORG_HEADS = frozenset({"forces", "ministry", "army", "navy", "guard", "command", "department", "office",
                        "bank", "council", "agency", "service", "assembly", "parliament", "court", "commission"})


def _treaty_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Title-case names of treaties that NER splits or misses: ``the Ukraine-Poland Agreement on
    Security Cooperation``, ``the Commitment to Consult``. States named inside the name stay
    available (``inner``) as the treaty's parties."""
    out: list[Mention] = []
    taken: set[int] = set()
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not (tok.is_title or tok.text[:1].isupper()) or (tok.is_sent_start and tok.lower_ == "the"):
            i += 1
            continue
        j = i
        while j < n and (doc[j].is_title or doc[j].text[:1].isupper() or doc[j].text == "-"
                         or (doc[j].lower_ in _NAME_JOINERS and j + 1 < n
                             and (doc[j + 1].is_title or doc[j + 1].lower_ == "the"))) \
                and not doc[j].is_space and doc[j].text not in (",", ".", '"'):
            j += 1
        words = [t.lower_ for t in doc[i:j]]
        heads = [k for k, w in enumerate(words) if w in _TREATY_HEADS and doc[i + k].text[:1].isupper()]
        org_heads = [k for k, w in enumerate(words) if w in _ORG_HEADS and doc[i + k].text[:1].isupper()]
        if not heads and org_heads and j - i >= 3 and "of" in words[org_heads[0]:]:
            # "the Armed Forces of the Philippines": an organization named after its state.
            end = j
            while end > i and doc[end - 1].lower_ in _NAME_JOINERS:
                end -= 1
            inside = [m for m in mentions if i <= m.start and m.end <= end]
            states = [m for m in inside if m.label == "State" and m.key]
            if states and not any(m.label == "Organization" and m.key for m in inside) \
                    and states[-1].end == end:
                org = Mention(i, end, "Organization", doc[i:end].text, kind=guess_org_kind(doc[i:end].text))
                org.inner = states
                out.append(org)
                taken.update(range(i, end))
            i = max(j, i + 1)
            continue
        if heads and j - i >= 2 and any(doc[i + k].pos_ in ("PROPN", "NOUN") for k in heads):
            end = j
            while end > i and doc[end - 1].lower_ in _NAME_JOINERS:
                end -= 1
            span = doc[i:end]
            inside = [m for m in mentions if i <= m.start and m.end <= end]
            if not any(m.label == "Alliance" and m.key for m in inside):
                alliance = Mention(i, end, "Alliance", span.text, kind=_alliance_kind(span.text))
                alliance.inner = [m for m in inside if m.label == "State"]
                out.append(alliance)
                taken.update(range(i, end))
        i = max(j, i + 1)
    if not out:
        return mentions
    kept = [m for m in mentions if not any(t in taken for t in range(m.start, m.end))]
    return sorted(kept + out, key=lambda m: m.start)


def _covered(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def _names_after_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names the NER missed that stand in apposition to, or right after, a title.

    ``his North Korean counterpart, Choe Son Hui`` and ``spokesman Zhang Wei``:
    a run of two to four capitalised proper nouns next to a title noun is a person.
    """
    from .lexicon import lexicon

    titles = lexicon().title_words
    covered = _covered(mentions)
    found: list[Mention] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in covered:
            continue
        if not (tok.dep_ == "appos" and tok.head.lower_ in titles):
            continue
        start = tok.i
        while start - 1 >= 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == tok.i \
                and doc[start - 1].dep_ == "compound" and start - 1 not in covered:
            start -= 1
        words = doc[start:tok.i + 1]
        if 2 <= len(words) <= 4 and all(w.is_title or w.text[:1].isupper() for w in words):
            found.append(Mention(start, tok.i + 1, "Person", words.text))
            covered.update(range(start, tok.i + 1))
    return found


def _described_orgs(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Organizations named by description: ``Seoul's spy agency``, ``the South Korean spy agency``.

    A state (by name, capital or demonym) followed by a noun phrase that the
    dictionary lists as a descriptor of one of that state's organizations.
    """
    covered = _covered(mentions)
    found: list[Mention] = []
    for m in mentions:
        if m.label != "State" or m.key is None:
            continue
        j = m.end
        if m.role != "demonym":
            if j >= len(doc) or doc[j].tag_ != "POS":
                continue
            j += 1
        k = j
        while k < len(doc) and k - j < 4 and k not in covered and doc[k].pos_ in ("ADJ", "NOUN", "PROPN") \
                and not doc[k].is_punct and doc[k].is_lower:
            k += 1
        k = _extend_body(doc, j, k, covered)
        for end in range(k, j, -1):
            phrase = doc[j:end].text
            entry = gaz.org_for(m.key, phrase)
            generic = None if entry else _generic_body(phrase)
            if entry is None and generic is None:
                continue
            if end < len(doc) and doc[end].i in covered:
                break  # "Russia's state news agency TASS": the name that follows is the organization
            mention = Mention(j, end, "Organization", phrase, "described",
                              entry.id if entry else None, entry.kind if entry else generic)
            if m.role != "demonym":
                mention.extra_alias = f"{surface(m.text)}'s {phrase}"
            if entry is None:
                mention.canonical = _body_name(gaz, m.key, phrase)
            found.append(mention)
            covered.update(range(j, end))
            break
    return found


#: Bodies every state has, named in news by the state and a common noun: the
#: state's foreign ministry, military, mission to the UN. Each becomes an
#: Organization named "<demonym> <body>" (Russian Foreign Ministry), PART_OF it.
GENERIC_BODIES: dict[str, str] = {
    "foreign ministry": "government", "ministry of foreign affairs": "government",
    "foreign office": "government", "defense ministry": "government", "defence ministry": "government",
    "ministry of defense": "government", "ministry of defence": "government",
    "interior ministry": "government", "finance ministry": "government", "trade ministry": "government",
    "unification ministry": "government", "economy ministry": "government", "health ministry": "government",
    "military": "military", "armed forces": "military", "army": "military", "navy": "military",
    "air force": "military", "coast guard": "military", "defense forces": "military",
    "mission to the united nations": "government", "mission to the un": "government", "un mission": "government",
    "embassy": "government", "government": "government", "cabinet": "government",
    "presidential office": "government", "parliament": "legislature", "central bank": "government",
    "intelligence agency": "intelligence", "spy agency": "intelligence", "intelligence service": "intelligence",
    "state media": "media", "state news agency": "media", "state television": "media",
}
_SMALL_WORDS = frozenset({"of", "to", "the", "for", "and", "on"})


def _extend_body(doc: Doc, j: int, k: int, covered: set[int]) -> int:
    """Let a body's phrase run on through ``of``/``to`` + a name: "mission to the United Nations"."""
    if k + 1 < len(doc) and doc[k].lower_ in ("to", "of"):
        end = k + 1
        if end < len(doc) and doc[end].lower_ == "the":
            end += 1
        stop = end
        while stop < len(doc) and doc[stop].pos_ in ("PROPN", "NOUN") and not doc[stop].is_punct:
            stop += 1
        if stop > end and _generic_body(doc[j:stop].text):
            return stop
    return k


def _generic_body(phrase: str) -> str | None:
    low = re.sub(r"\s+", " ", phrase.lower().replace("\u2019", "'")).strip()
    low = re.sub(r"^(official|state|national|top|main|own) ", "", low)
    return GENERIC_BODIES.get(low)


def _body_name(gaz: Gazetteer, iso3: str, phrase: str) -> str:
    state = gaz.states.get(iso3)
    adjective = state.demonyms[0] if state and state.demonyms else (state.name if state else iso3)
    words = [w if w.lower() in _SMALL_WORDS else (w[:1].upper() + w[1:])
             for w in phrase.replace("\u2019", "'").split()]
    words = [w for w in words if w.lower() not in ("official",)]
    return f"{adjective} {' '.join(words)}"


def _name_state_body(doc: Doc, mention: Mention, gaz: Gazetteer, text: str) -> None:
    """An ORG that is a state's generic body ("Foreign Ministry" after "Chinese", "Filipino navy"):
    name it "<demonym> <body>" so each state's ministry is its own organization."""
    words = text.split()
    for n in range(min(3, len(words) - 1), 0, -1):
        head = " ".join(words[:n])
        reading = gaz.forms.get(head)
        if reading and reading[0] in ("GK_DEMONYM", "GK_STATE") and _generic_body(" ".join(words[n:])):
            mention.canonical = _body_name(gaz, reading[1].id, " ".join(words[n:]))
            mention.kind = _generic_body(" ".join(words[n:]))
            return
    if not _generic_body(text) or mention.start == 0:
        return
    prev = doc[mention.start - 1]
    j = mention.start - 1
    if prev.tag_ == "POS" and j > 0:
        j -= 1
    if doc[j].ent_type_ in ("GK_DEMONYM", "GK_STATE", "GK_SEAT"):
        ent_id = doc[j].ent_id_.partition(":")[2]
        mention.canonical = _body_name(gaz, ent_id, text)
        mention.kind = _generic_body(text)


def _alliance_kind(text: str) -> str:
    low = text.lower()
    if "treaty" in low or "pact" in low or "accord" in low or "agreement" in low or "convention" in low:
        return "treaty"
    if "partnership" in low:
        return "partnership"
    if "alliance" in low or "coalition" in low:
        return "alliance"
    return "bloc"


def _seat_mention(ent: Span, state: Entry, gaz: Gazetteer) -> Mention:
    """A capital or seat of power: the State when it acts or speaks, a Place when it is a location."""
    root = ent.root
    is_location = root.dep_ == "pobj" and root.head.lower_ in LOCATION_PREPS
    place = gaz.place_named(ent.text)
    if is_location and (place is not None or not ent.text.lower().startswith("the ")):
        mention = Mention(ent.start, ent.end, "Place", ent.text, "name",
                          place.id if place else None, place.kind if place else "city")
        mention.kind = place.kind if place else "city"
        return mention
    return Mention(ent.start, ent.end, "State", ent.text, "seat", state.id)


def _edit_distance_le(a: str, b: str, limit: int) -> bool:
    """True when ``a`` and ``b`` differ by at most ``limit`` edits (small strings)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] <= limit


def _canonical_person_name(forms: list[str]) -> str:
    """Pick the display name of a person from the full forms seen, in order of appearance.

    A form without hyphens wins (``Kim Jong Un`` over ``Kim Jong-Un``), then the
    most frequent, then the first seen: wires hyphenate given names unevenly.
    """
    counts: dict[str, int] = {}
    for f in forms:
        counts[f] = counts.get(f, 0) + 1
    return max(counts, key=lambda f: ("-" not in f, counts[f], -forms.index(f)))


def resolve(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> dict[str, Entity]:
    """Cluster mentions into entities; sets ``mention.entity`` on every name mention."""
    entities: dict[str, Entity] = {}

    def entity_for(label: str, ident: str, name: str, **props: object) -> Entity:
        key = f"{label}:{ident}"
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = Entity(ident, label, name, props={k: v for k, v in props.items() if v})
        return ent

    persons = _resolve_persons(doc, mentions)
    person_tokens = {fold(tok): pid for pid, (name, _) in persons.items() for tok in name.split()
                     if len(tok) > 2}
    # Surnames the NER missed altogether ("Zelenskyy accused Russia", tagged a common noun):
    # a capitalised word equal to a known person's surname (or a Korean/Chinese family name).
    surnames = {}
    for pid, (name, _) in persons.items():
        parts = name.replace("-", " ").split()
        if len(parts) >= 2:
            surnames.setdefault(fold(parts[-1]), pid)
        if len(parts) >= 3:
            surnames.setdefault(fold(parts[0]), pid)
    covered = _covered(mentions)
    for tok in doc:
        if tok.i not in covered and tok.is_title and tok.pos_ in ("PROPN", "NOUN") and len(tok) > 2 \
                and fold(tok.text) in surnames and not tok.ent_type_:
            mentions.append(Mention(tok.i, tok.i + 1, "Person", tok.text, entity=surnames[fold(tok.text)]))
    mentions.sort(key=lambda m: m.start)
    states_seen = {m.key for m in mentions if m.label == "State" and m.key}
    for m in mentions:
        if m.label == "Person":
            pid = m.entity
            if pid is None:
                continue
            ent = entity_for("Person", pid, persons[pid][0])
            m.entity = f"Person:{pid}"
            ent.aliases.add(surface(m.text))
            ent.mentions.append(m)
            continue
        if m.label in ("Organization", "Place") and m.key is None and m.role == "name" \
                and fold(surface(m.text)) in person_tokens:
            # The small model tags a surname alone as ORG ("Lavrov accused ...").
            pid = person_tokens[fold(surface(m.text))]
            m.label, m.entity = "Person", f"Person:{pid}"
            ent = entity_for("Person", pid, persons[pid][0])
            ent.aliases.add(surface(m.text))
            ent.mentions.append(m)
            continue
        if m.role == "demonym":
            # "Russian Foreign Minister ...": the state exists in the article even if never named;
            # the demonym is not one of its names, so it is not an alias.
            entry = gaz.states.get(m.key or "")
            if entry is not None:
                ent = entity_for("State", entry.id, entry.name, iso3=entry.id)
                ent.mentions.append(m)
            continue
        if m.role == "direction":
            target = next((s for s in sorted(states_seen) if gaz.states[s].name.startswith(surface(m.text))),
                          None)
            if target is None:
                continue
            m.key, m.role = target, "seat"
        if m.label == "State":
            entry = gaz.states.get(m.key or "")
            if entry is None:
                continue
            ent = entity_for("State", entry.id, entry.name, iso3=entry.id)
        elif m.key is not None:
            entry = gaz.get(m.label, m.key)
            if entry is None:
                entry = gaz.place_named(m.text)
            if entry is None:
                continue
            ent = entity_for(m.label, entry.id, entry.name, kind=entry.kind)
            ent.state = entry.state
        else:
            name = m.canonical or surface(m.text)
            if not name:
                continue
            known = gaz.place_named(name) if m.label == "Place" else None
            if known is not None:
                ent = entity_for("Place", known.id, known.name, kind=known.kind)
                ent.state = known.state
            else:
                ent = entity_for(m.label, slugify(name), name, kind=m.kind)
        m.entity = f"{ent.label}:{ent.id}"
        ent.aliases.add(surface(m.text))
        if m.key is not None and m.label in ("Organization", "Alliance", "Place"):
            # "IRNA news agency" also shows "IRNA": record the dictionary forms seen inside.
            seen = f" {surface(m.text)} "
            entry = gaz.get(m.label, m.key)
            if entry is not None:
                ent.aliases.update(f for f in gaz.forms_of(entry) if f" {f} " in seen)
        if m.extra_alias:
            ent.aliases.add(surface(m.extra_alias))
        ent.mentions.append(m)
    return entities


def _resolve_persons(doc: Doc, mentions: list[Mention]) -> dict[str, tuple[str, list[str]]]:
    """Group person mentions; returns person id -> (canonical name, forms) and sets ``entity``."""
    people = [m for m in mentions if m.label == "Person"]
    groups: list[dict[str, object]] = []  # each: {"key": folded full name, "forms": [...]}

    def find_group(key: str) -> dict[str, object] | None:
        toks = key.split()
        for g in groups:
            gtoks = str(g["key"]).split()
            if g["key"] == key:
                return g
            if len(toks) == len(gtoks) >= 2 and toks[-1] == gtoks[-1] and toks[0][0] == gtoks[0][0] \
                    and _edit_distance_le(toks[0], gtoks[0], 2) and toks[1:-1] == gtoks[1:-1]:
                return g  # Sergei / Sergey Lavrov
        return None

    # Full names first (two or more tokens), so that surnames can attach to them.
    multi = [m for m in people if len(fold(surface(m.text)).split()) >= 2]
    keys = {fold(surface(m.text)) for m in multi}
    for m in multi:
        key = fold(surface(m.text))
        words = surface(m.text).split()
        # A headline's verb glued to a name ("Kim Jong-Un Breaks"): keep the known prefix.
        for cut in range(len(words) - 1, 0, -1):
            prefix = fold(" ".join(words[:cut]))
            if len(prefix.split()) >= 2 and prefix in keys:
                key, m.text = prefix, " ".join(words[:cut])
                m.end -= len(words) - cut
                break
        g = find_group(key)
        if g is None:
            g = {"key": key, "forms": [], "order": len(groups)}
            groups.append(g)
        g["forms"].append(surface(m.text))  # type: ignore[union-attr]
        m.entity = "pending:" + str(g["order"])
    single = [m for m in people if len(fold(surface(m.text)).split()) < 2]
    for m in single:
        tok = fold(surface(m.text))
        # Attach to the most recent full name before it containing that token, else any.
        cands = [g for g in groups if tok in str(g["key"]).split()]
        if cands:
            g = cands[-1]
            g["forms"].append(surface(m.text))  # type: ignore[union-attr]
        else:
            g = find_group(tok)
            if g is None:
                g = {"key": tok, "forms": [surface(m.text)], "order": len(groups)}
                groups.append(g)
            else:
                g["forms"].append(surface(m.text))  # type: ignore[union-attr]
        m.entity = "pending:" + str(g["order"])
    out: dict[str, tuple[str, list[str]]] = {}
    ids: dict[int, str] = {}
    for g in groups:
        forms = list(g["forms"])  # type: ignore[arg-type]
        full = [f for f in forms if len(f.split()) >= 2] or forms
        name = _canonical_person_name(full)
        pid = slugify(name)
        ids[int(g["order"])] = pid  # type: ignore[arg-type]
        prev = out.get(pid)
        out[pid] = (name, (prev[1] if prev else []) + forms)
    for m in people:
        if m.entity and m.entity.startswith("pending:"):
            m.entity = ids[int(m.entity.split(":")[1])]
    return out


def token_is_possessive_of(tok: Token) -> bool:
    """True when ``tok`` is followed by a possessive marker (``Russia's``)."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.tag_ == "POS"
