"""Mentions: which spans of the parse name an entity, before anything is resolved.

Reads the dictionary ruler's matches and spaCy's NER, and fixes the small
model's known misses with general rules: names in apposition to a title,
treaty names NER splits, state bodies named by description (``Seoul's spy
agency``), a town tagged PRODUCT before ``region``, and a PERSON label on a
facility or an organization (``Boryspil airport``). A capital is a State when
it acts or speaks and a Place when it is where something happens; a wire
dateline's place is a Place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..text import fold
from .dictionary import Entry, Gazetteer
from .lexicon import word_values, wordlist
from .roles import RoleBase

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




def _whole_name(doc: Doc, ent: Span) -> Span:
    """An organization's name the NER cut at the country it names (``Islamic Movement of`` +
    ``Uzbekistan``), or that took in half a parenthesis (``... Homeland (CNSP``)."""
    start, end = ent.start, ent.end
    if end - start > 1 and doc[end - 1].text == "(":
        end -= 1
    elif end - start > 2 and doc[end - 2].text == "(":
        end -= 2
    if doc[end - 1].lower_ in ("of", "for", "the") and end < len(doc) and doc[end].ent_type_.startswith("GK_"):
        j = end + 1  # the name it contains, to that name's end
        while j < len(doc) and doc[j].ent_type_ == doc[end].ent_type_ and doc[j].ent_iob_ == "I":
            j += 1
        end = j
    return doc[start:end]


def _before_product(doc: Doc, end: int) -> bool:
    """A name right before a product noun, perhaps through a hyphen or a lower-case word or two
    (``Leopard 2 tanks``, ``Patriot-type missiles``, ``Leopard 2 battle tanks``)."""
    products = wordlist("product_noun")
    for k in range(end, min(end + 3, len(doc))):
        if doc[k].lower_ in products:
            return True
        if not (doc[k].text == "-" or (doc[k].is_lower and doc[k].pos_ in ("NOUN", "ADJ"))):
            return False
    return False


def _a_town(text: str) -> bool:
    """Whether GeoNames knows a town of this name (the index is built once per machine, then cached)."""
    from .geo import countries_of

    return bool(countries_of(text))


def _person_or_not(doc: Doc, span: Span) -> Mention:
    """A PERSON span as a Person, unless its words say it is a site or an organization."""
    words = [t.lower_ for t in span]
    # "Boryspil airport", "Al Udeid Air Base", "the Miraflores presidential palace"
    after = [t.lower_ for t in doc[span.end:span.end + 3]]
    site_at = next((k for k, w in enumerate(after) if w in wordlist("site_word") and w not in ("house", "field")), None)
    if any(w in wordlist("site_word") for w in words[1:]) or (
            site_at is not None and all(doc[span.end + k].pos_ in ("PROPN", "NOUN", "ADJ") for k in range(site_at))):
        end = span.end + (0 if any(w in wordlist("site_word") for w in words[1:]) else site_at + 1)
        return Mention(span.start, end, "Place", doc[span.start:end].text, kind="site")
    if any(w in wordlist("org_word") for w in words[1:]) or (
            len(span) == 1 and span.text.isupper() and len(span.text) > 1):
        text = span.text
        return Mention(span.start, span.end, "Organization", text, kind=guess_org_kind(text))
    return Mention(span.start, span.end, "Person", span.text)


def _is_title_word(word: str) -> bool:
    from .lexicon import lexicon

    return word in lexicon().title_words


def _trim_person(span: Span) -> Span:
    """Drop honorifics before a name and possessives or stray verbs after it; take in the rest of a
    name the NER cut short (``Yoon Suk`` of ``Yoon Suk Yeol``: the span's last word is a compound
    of the capitalised word after it)."""
    start, end = span.start, span.end
    doc = span.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title and not doc[start - 1].ent_type_ \
            and doc[start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < end \
            and doc[start - 1].lower_ not in wordlist("honorific") and not _is_title_word(doc[start - 1].lower_):
        start -= 1  # "Mahamat" of "Mahamat Idriss Deby", where the NER began late
    while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
            and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ in ("", "NORP"):
        end += 1  # ("Choe Son Hui": the model takes "Hui" for a people)
    while end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'", "\u2019")
                               or doc[end - 1].is_punct):
        end -= 1
    while end - start > 1 and doc[start].lower_.rstrip(".") in wordlist("honorific"):
        start += 1
    return doc[start:end]


def find_mentions(doc: Doc, gaz: Gazetteer, datelines: list[tuple[int, int]] = (),
                  roles: RoleBase | None = None) -> list[Mention]:
    """Every entity mention in ``doc``, with dictionary matches already keyed.

    ``datelines`` are the character spans of wire datelines' places (``clean.prepare``):
    a name there is where the story was filed, a Place, even when it is a capital.
    """
    mentions: list[Mention] = []
    given_names = roles.given_names if roles is not None else {}
    for ent in doc.ents:
        label = ent.label_
        if ent.text in wordlist("not_a_name") or (not label.startswith("GK_") and _before_product(doc, ent.end)):
            continue  # "0600 GMT", "Leopard 2 tanks", "Leopard 2 battle tanks", "Patriot missiles": no actor
        if any(s <= ent.start_char and ent.end_char <= e for s, e in datelines):
            place = gaz.place_named(ent.text)
            if place is not None:
                mentions.append(Mention(ent.start, ent.end, "Place", ent.text, "name", place.id, place.kind))
            elif label in ("GPE", "LOC", "GK_SEAT", "GK_PLACE"):
                mentions.append(Mention(ent.start, ent.end, "Place", ent.text, kind="city"))
            continue
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
                mentions.append(_person_or_not(doc, span))
        elif label in ("GPE", "LOC", "FAC"):
            text = surface(ent)
            if text in ("North", "South") and label == "LOC":
                mentions.append(Mention(ent.start, ent.end, "State", ent.text, "direction"))
            elif text and label != "FAC" and gaz.place_named(text) is None and len(text.split()) <= 3 and (
                    fold(text.split()[0]) in given_names or (
                        len(text.split()) == 1 and roles is not None and roles.is_surname(text))):
                # "Malia", "Berta Soler", "Bazoum": a person's name the small model took for a place.
                mentions.append(Mention(ent.start, ent.end, "Person", ent.text))
            elif text and text[0].isupper():
                kind = {"GPE": "city", "LOC": "region", "FAC": "site"}[label]
                mentions.append(Mention(ent.start, ent.end, "Place", ent.text, kind=kind))
        elif label == "ORG":
            ent = _whole_name(doc, ent)
            text = surface(ent)
            if not text or not text[0].isupper() or all(_is_title_word(w.lower()) for w in text.split()):
                continue  # "State", "Defense" of "Secretary of State", "Defense Secretary": the title
            if len(text.split()) == 1 and _a_town(text) and not gaz.forms.get(text):
                mentions.append(Mention(ent.start, ent.end, "Place", ent.text, kind="city"))
                continue  # "Debaltseve", "Vladikavkaz": a town the small model took for a body
            words = text.split()
            if 2 <= len(words) <= 3 and fold(words[0]) in given_names and not gaz.forms.get(text) and not any(
                    w.lower() in wordlist("org_word") for w in words) and roles is not None and (
                    roles.is_surname(words[-1]) or (ent.start > 0 and _is_title_word(doc[ent.start - 1].lower_))):
                mentions.append(Mention(ent.start, ent.end, "Person", ent.text))
                continue  # "Chancellor Olaf Scholz" taken for a body: a given name, then a surname or a title
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
    taken = {i for m in mentions for i in range(m.start, m.end)}
    for s, e in datelines:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and not any(t.i in taken for t in span):
            place = gaz.place_named(span.text)
            mentions.append(Mention(span.start, span.end, "Place", span.text, "name",
                                    place.id if place else None, place.kind if place else "city"))
    mentions = _treaty_names(doc, mentions)
    mentions = _settlements(doc, mentions, given_names)
    mentions.extend(_names_after_titles(doc, mentions))
    mentions.extend(_names_by_given_name(doc, mentions, gaz, given_names))
    mentions.extend(_names_seen_before(doc, mentions, gaz))
    mentions.extend(_described_orgs(doc, mentions, gaz))
    mentions.sort(key=lambda m: m.start)
    _home_bodies(doc, mentions, gaz, datelines)
    return mentions


def _home_bodies(doc: Doc, mentions: list[Mention], gaz: Gazetteer, datelines: list[tuple[int, int]]) -> None:
    """"In Beijing, Foreign Ministry spokesman ...", "BEIJING (Reuters) - The Foreign Ministry said": a
    state's generic body named without its state is the state of the capital its sentence is set in,
    else of the one country the datelines name (so each state's ministry stays its own)."""
    bare = [m for m in mentions if m.label == "Organization" and m.key is None and not m.canonical
            and _generic_body(surface(m.text))]
    if not bare:
        return
    home: set[str] = set()
    for m in mentions:
        if m.key and any(s <= doc[m.start].idx < e for s, e in datelines):
            entry = gaz.states.get(m.key) if m.label == "State" else gaz.get("Place", m.key)
            iso = m.key if m.label == "State" else (entry.state if entry is not None else None)
            if iso:
                home.add(iso)
    for m in bare:
        sent = doc[m.start].sent
        seat = next((s.key for s in mentions if s.role == "seat" and s.key and sent.start <= s.start < sent.end
                     and doc[s.start:s.end].root.dep_ == "pobj" and doc[s.start:s.end].root.head.lower_ == "in"),
                    None)
        iso = seat or (next(iter(home)) if len(home) == 1 else None)
        if iso is not None:
            m.canonical = _body_name(gaz, iso, surface(m.text))
            m.kind = _generic_body(surface(m.text))


_NAME_JOINERS = frozenset({"-", "on", "of", "for", "and", "to", "the"})


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
                and not doc[j].is_space and doc[j].text not in (",", ".", '"') \
                and not (j + 1 < n and doc[j].lower_ in _NAME_JOINERS and doc[j + 1].ent_type_ in ("DATE", "TIME")) \
                and doc[j].ent_type_ not in ("DATE", "TIME") \
                and not (doc[j].lower_ == "and" and j > i and doc[j - 1].lower_ in wordlist("treaty_head")):
            j += 1  # "the Moscow Declaration and the ... Treaty" are two names
        words = [t.lower_ for t in doc[i:j]]
        heads = [k for k, w in enumerate(words) if w in wordlist("treaty_head") and doc[i + k].text[:1].isupper()]
        org_heads = [k for k, w in enumerate(words) if w in wordlist("org_head") and doc[i + k].text[:1].isupper()]
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


def first_conjunct(tok: Token) -> Token:
    """The head of the coordination ``tok`` is in (``Ouagadougou`` of ``in Bamako and Ouagadougou``
    is in Bamako's slot)."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _settlement_context(tok: Token) -> bool:
    """A name the words around it make a town or an area: ``the border towns of Akcakale and
    Nusaybin``, ``the Poonch district``, ``Sanliurfa province``, ``Kotli, a town in ...``."""
    settlement = wordlist("settlement_noun")
    tok = first_conjunct(tok)
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in settlement:
        return True
    if tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in settlement and tok.head.i > tok.i:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in settlement for c in tok.children)


def _attacked_town(tok: Token, text: str, given_names: dict[str, str]) -> bool:
    """A name GeoNames knows as a town, in a place's slot: the object of a verb of attack or
    capture, or after a preposition of place (``JEM fighters attacked Omdurman``, ``shells hit
    Nusaybin``); not when its first word is a given name (``Jackson``, ``Florence`` stay people)."""
    if fold(text.split()[0]) in given_names or not _a_town(text):
        return False
    tok = first_conjunct(tok)
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in wordlist("place_verb"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATION_PREPS and tok.head.lower_ != "to"


def _settlements(doc: Doc, mentions: list[Mention], given_names: dict[str, str]) -> list[Mention]:
    """Towns the small model took for people, bodies or nationalities, or missed, made places by
    the words around them (:func:`_settlement_context`) or by GeoNames in a place's slot."""
    by_start = {m.start: m for m in mentions}
    covered = _covered(mentions)
    out = list(mentions)
    replaced: set[int] = set()
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.is_title or (tok.i in covered and tok.i not in by_start):
            continue
        m = by_start.get(tok.i)
        if m is not None and ((m.label not in ("Person", "Organization") and m.role == "name") or m.key):
            continue  # the dictionary's, or a place already
        if m is None and tok.dep_ == "compound" and doc[tok.i + 1].pos_ == "PROPN":
            continue  # start the run at its last word
        start, end = (m.start, m.end) if m is not None else (tok.i, tok.i + 1)
        if m is None:
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                    and doc[start - 1].dep_ == "compound" and start - 1 not in covered:
                start -= 1
        head = doc[start:end].root
        text = doc[start:end].text
        mislabelled = m is not None and m.label == "Person" and _attacked_town(head, text, given_names)
        if _settlement_context(head) or mislabelled:
            if m is not None:
                replaced.add(id(m))
            out.append(Mention(start, end, "Place", text, kind="city"))
    for ent in doc.ents:
        # "attacked Omdurman": a town the small model took for a nationality
        if ent.label_ == "NORP" and len(ent) == 1 and not any(ent.start == m.start for m in out) \
                and _attacked_town(ent.root, ent.text, given_names):
            out.append(Mention(ent.start, ent.end, "Place", ent.text, kind="city"))
    return [m for m in out if id(m) not in replaced]


def _covered(mentions: list[Mention]) -> set[int]:
    return {i for m in mentions for i in range(m.start, m.end)}


def _names_after_titles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Names the NER missed that stand in apposition to, or right after, a title.

    ``his North Korean counterpart, Choe Son Hui``, ``Ngo Ngoc Thu, vice commander of ...`` and
    ``spokesman Zhang Wei``: a run of two to four capitalised proper nouns next to a title noun is a person.
    """
    from .lexicon import lexicon

    titles = lexicon().title_words
    covered = _covered(mentions)
    found: list[Mention] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in covered:
            continue
        # "counterpart, Choe Son Hui" (the name in apposition to the title) or "Ngo Ngoc Thu, vice
        # commander of the coast guard" (the title in apposition to the name)
        beside = (tok.dep_ == "appos" and tok.head.lower_ in titles) or any(
            c.dep_ == "appos" and c.lower_ in titles and c.i > tok.i for c in tok.children)
        start = tok.i
        while start - 1 >= 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == tok.i \
                and doc[start - 1].dep_ == "compound" and start - 1 not in covered:
            start -= 1
        # "Defence Minister Rustem Umerov": the name is the head the capitalised title hangs on
        before = start
        while before < tok.i and _is_title_word(doc[before].lower_):
            before += 1
        titled = before > start and tok.dep_ != "compound" and 2 <= tok.i + 1 - before <= 3
        if not beside and not titled:
            continue
        while start < tok.i and (_is_title_word(doc[start].lower_) or doc[start].lower_ in wordlist("honorific")
                                 or doc[start].lower_.split("-")[-1] in titles):
            start += 1  # "Colonel-General Anatoly Nogovitsyn, deputy chief ...": the name only
        words = doc[start:tok.i + 1]
        if 2 <= len(words) <= 4 and all(w.is_title or w.text[:1].isupper() for w in words):
            found.append(Mention(start, tok.i + 1, "Person", words.text))
            covered.update(range(start, tok.i + 1))
    return found


def _names_by_given_name(doc: Doc, mentions: list[Mention], gaz: Gazetteer,
                         given_names: dict[str, str]) -> list[Mention]:
    """Names the NER missed that begin with a known given name: ``Colonel-General Anatoly Nogovitsyn``.

    A run of two to four capitalised proper nouns, titles and honorifics dropped, whose first word is a
    given name and whose words name no place, organization or title.
    """
    if not given_names:
        return []
    covered = _covered(mentions)
    found: list[Mention] = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if i in covered or tok.pos_ != "PROPN" or not tok.is_title or fold(tok.text) not in given_names \
                or _is_title_word(tok.lower_) or tok.lower_ in wordlist("honorific"):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < 4 and j not in covered and doc[j].pos_ == "PROPN" and \
                (doc[j].is_title or "-" in doc[j].text) and not _is_title_word(doc[j].lower_):
            j += 1
        words = doc[i:j]
        if len(words) >= 2 and not any(w.lower_ in wordlist("site_word") or w.lower_ in wordlist("org_word")
                                       for w in words) \
                and gaz.forms.get(words.text) is None:
            found.append(Mention(i, j, "Person", words.text))
            covered.update(range(i, j))
        i = j
    return found


def _names_seen_before(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A person's name the article has already given in full, where the NER missed it later
    (``Milei has called Lula "corrupt"``, with "Lula" taken for a title of a work): a capitalised
    proper noun that is one of the words of an earlier person mention (not a particle)."""
    covered = _covered(mentions)
    people = sorted((m for m in mentions if m.label == "Person"), key=lambda m: m.start)
    found: list[Mention] = []
    for tok in doc:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.is_title or len(tok.text) < 3 \
                or _is_title_word(tok.lower_) or gaz.forms.get(tok.text) is not None:
            continue
        if any(m.start < tok.i and tok.text in m.text.split() for m in people):
            found.append(Mention(tok.i, tok.i + 1, "Person", tok.text))
            covered.add(tok.i)
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
            if j < len(doc) and doc[j].tag_ == "POS":
                j += 1
            elif not (j < len(doc) and doc[j].is_title):
                continue  # "the Vietnam Coast Guard": a name before a capitalised body is its own
        # "the Philippine navy", "the Indian Army": lower case, or capitalised as a name
        capitalised = j < len(doc) and doc[j].is_title
        k = j
        while k < len(doc) and k - j < 4 and k not in covered and doc[k].pos_ in ("ADJ", "NOUN", "PROPN") \
                and not doc[k].is_punct and (doc[k].is_title if capitalised else doc[k].is_lower):
            k += 1
        k = _extend_body(doc, j, k, covered)
        for end in range(k, j, -1):
            phrase = doc[j:end].text
            entry = gaz.org_for(m.key, phrase)
            generic = None if entry else _generic_body(phrase, name=capitalised)
            if entry is None and generic is None:
                continue
            if end < len(doc) and doc[end].i in covered:
                break  # "Russia's state news agency TASS": the name that follows is the organization
            mention = Mention(j, end, "Organization", phrase, "described",
                              entry.id if entry else None, entry.kind if entry else generic)
            if m.role != "demonym":
                mention.extra_alias = f"{surface(m.text)}'s {phrase}"
            if entry is None:
                # "the Philippine navy" is the Philippine Navy: the demonym as written names the body
                mention.canonical = _body_name(gaz, m.key, phrase,
                                               surface(m.text) if m.role == "demonym" or capitalised else None)
            found.append(mention)
            covered.update(range(j, end))
            break
    found += _located_bodies(doc, mentions, gaz, covered)
    return found


def _located_bodies(doc: Doc, mentions: list[Mention], gaz: Gazetteer, covered: set[int]) -> list[Mention]:
    """``In Beijing, foreign ministry spokesman Kong Quan said``: a state's generic body named without
    its state, in a sentence set in that state's capital, is that state's body."""
    found: list[Mention] = []
    seats = [m for m in mentions if m.key and (m.role == "seat" or (m.label == "Place" and m.key))]
    for sent in doc.sents:
        here = [m for m in seats if sent.start <= m.start < sent.end and doc[m.start:m.end].root.dep_ == "pobj"
                and doc[m.start:m.end].root.head.lower_ == "in"]
        iso = None
        for m in here:
            if m.role == "seat":
                iso = m.key
            else:
                place = gaz.get("Place", m.key)
                state = gaz.states.get(place.state or "") if place else None
                if state is not None and state.capital and gaz.place_named(state.capital) is place:
                    iso = state.id
        if iso is None:
            continue
        for i in range(sent.start, sent.end - 1):
            if i in covered or doc[i].is_punct:
                continue
            for n in (3, 2):
                phrase = doc[i:i + n]
                if phrase.end > sent.end or any(t.i in covered for t in phrase):
                    continue
                kind = _generic_body(phrase.text)
                if (kind and kind != "government") or (kind and "ministry" in phrase.text.lower()):
                    mention = Mention(i, i + n, "Organization", phrase.text, "described", kind=kind)
                    mention.canonical = _body_name(gaz, iso, phrase.text)
                    found.append(mention)
                    covered.update(range(i, i + n))
                    break
    return found


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


def _generic_body(phrase: str, *, name: bool = False) -> str | None:
    """The kind of a state's body a phrase describes; a capitalised ``name`` must be the body's
    words alone (the "National" of the rebel ``Syrian National Army`` is part of its name)."""
    low = re.sub(r"\s+", " ", phrase.lower().replace("\u2019", "'")).strip()
    if not name:
        low = re.sub(r"^(official|state|national|top|main|own) ", "", low)
    return word_values("generic_body").get(low)


def _body_name(gaz: Gazetteer, iso3: str, phrase: str, adjective: str | None = None) -> str:
    state = gaz.states.get(iso3)
    adjective = adjective or (state.demonyms[0] if state and state.demonyms else (state.name if state else iso3))
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
            entry = gaz.org_for(reading[1].id, " ".join(words[n:]))
            if entry is not None:  # "Chinese coast guard" is the dictionary's China Coast Guard
                mention.key, mention.kind = entry.id, entry.kind
                return
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
    # "in Bamako and Ouagadougou": the second city is in the first one's slot
    root = first_conjunct(ent.root)
    doc = ent.doc
    addressed = root.dep_ == "pobj" and root.head.lower_ in ("to", "toward", "towards") and \
        root.head.head.pos_ == "NOUN" and root.head.head.lemma_.lower() not in wordlist("motion_noun")
    # "a warning to Moscow", "an appeal to Beijing": words addressed to the government; "a trip to
    # Moscow", "the road to Kyiv": the city
    is_location = (root.dep_ == "pobj" and root.head.lower_ in LOCATION_PREPS and not addressed) or (
        # "the Slovenian capital, Ljubljana", "Kyiv, the capital": the city itself
        root.dep_ == "appos" and root.head.lemma_.lower() in wordlist("city_noun")) or any(
        c.dep_ == "appos" and c.lemma_.lower() in wordlist("city_noun") for c in root.children) or (
        # "Hague-based", "the streets of Kyiv"
        ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ == "based") or (
        root.dep_ == "pobj" and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in wordlist("place_part")) or (
        # "Minsk's Independence Palace", "Kyiv's largest children's hospital"
        ent.end + 1 < len(doc) and doc[ent.end].tag_ == "POS" and root.head.lemma_.lower() in wordlist("site_noun"))
    place = gaz.place_named(ent.text)
    if is_location and (place is not None or not ent.text.lower().startswith("the ")):
        mention = Mention(ent.start, ent.end, "Place", ent.text, "name",
                          place.id if place else None, place.kind if place else "city")
        mention.kind = place.kind if place else "city"
        return mention
    return Mention(ent.start, ent.end, "State", ent.text, "seat", state.id)
