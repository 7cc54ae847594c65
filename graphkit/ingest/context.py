"""What the rule stages read, and what they return.

:class:`Context` is one article as parsed and resolved: its text, the spaCy
``Doc``, the dictionaries, the role base, the resolved mentions and entities.
It is built once, before the rule stages, and no stage changes it.

Each stage declares what it reads (its arguments) and returns what it found as
:class:`Facts` (relationships with their evidence, and any Statement or Event
nodes); the extractor passes one stage's output to the stages that need it and
assembles the GraphDoc at the end. So an edit to one stage changes another only
through the output it declares.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import INTERACTIONS, Node
from .dictionary import Gazetteer
from .entities import Entity
from .mentions import Mention
from .reader import ArticleText
from .roles import RoleBase

_OPEN_QUOTES = "\u201c\"\u00ab"
_CLOSE_QUOTES = "\u201d\"\u00bb"


@dataclass
class Context:
    """One article, parsed and resolved: read by every rule stage, changed by none."""

    article: ArticleText
    doc: Doc
    gaz: Gazetteer
    mentions: list[Mention]
    entities: dict[str, Entity]
    roles: RoleBase = field(default_factory=RoleBase)
    #: the text the Doc was made from (``clean.prepare``'s: the article's, noise blanked, same offsets)
    text: str = ""
    #: token index -> the mention covering it (name and demonym mentions alike)
    token_mention: dict[int, Mention] = field(default_factory=dict)
    #: per token, whether it lies inside quotation marks
    quoted: list[bool] = field(default_factory=list)
    #: the article's date, for relative dates and the role base
    day: dt.date | None = None
    #: character spans of the places wire datelines name (``clean.Prepared.datelines``)
    datelines: list[tuple[int, int]] = field(default_factory=list)
    #: start tokens of the headline sentences (the first line, when it reads as a headline)
    headline: frozenset[int] = frozenset()
    #: the Doc's tokens, made once (every stage walks them; spaCy builds a new Token per access)
    tokens: list[Token] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text
        self.tokens = list(self.doc)
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.token_mention[i] = m
        if not self.quoted:
            self.quoted = _scan_quotes(self.doc)
        if self.day is None and self.article.published:
            try:
                self.day = dt.date.fromisoformat(self.article.published)
            except ValueError:
                self.day = None
        self.headline = frozenset(_headline(self.doc))

    # -- entities ----------------------------------------------------------

    def node_id(self, entity_key: str) -> str:
        """The graph node id of a resolved entity key (``State:PRK`` -> ``PRK``)."""
        return self.entities[entity_key].id

    def mention_at(self, tok: Token) -> Mention | None:
        return self.token_mention.get(tok.i)

    def entity_at(self, tok: Token, *, demonyms: bool = False) -> str | None:
        """The entity key a token names (a demonym counts only when asked)."""
        m = self.token_mention.get(tok.i)
        if m is None:
            return None
        if m.role == "demonym":
            return f"State:{m.key}" if demonyms and f"State:{m.key}" in self.entities else None
        return m.entity

    def label_of(self, key: str) -> str:
        return key.split(":", 1)[0]

    def kind_of(self, key: str | None) -> str | None:
        ent = self.entities.get(key or "")
        return str(ent.props.get("kind")) if ent is not None and ent.props.get("kind") else None

    def is_media(self, key: str | None) -> bool:
        return key is not None and self.label_of(key) == "Organization" and self.kind_of(key) == "media"

    def in_headline(self, sent: Span) -> bool:
        return sent.start in self.headline

    def provenance(self, sent: Span) -> dict[str, Any]:
        """Properties every extracted relationship carries: article, evidence and offsets.

        The offsets cover the sentence's words (no blanked noise or line breaks around it); the
        evidence is those words with wrapped lines joined.
        """
        words = [t for t in sent if not t.is_space]
        start = words[0].idx if words else sent.start_char
        end = words[-1].idx + len(words[-1].text) if words else sent.end_char
        return {"article": self.article.id, "evidence": " ".join(self.text[start:end].split()),
                "start": start, "end": end}


def _scan_quotes(doc: Doc) -> list[bool]:
    """For each token, whether it lies inside quotation marks (a paragraph break closes a quote)."""
    inside = False
    mask = []
    for tok in doc:
        if tok.text in _OPEN_QUOTES and (tok.text != '"' or not inside):
            mask.append(False)
            inside = True
            continue
        if tok.text in _CLOSE_QUOTES and inside:
            mask.append(False)
            inside = False
            continue
        mask.append(inside)
        if "\n\n" in tok.text:
            inside = False
    return mask


def _headline(doc: Doc) -> list[int]:
    """The first line is a headline when it is one sentence that does not end like one.

    Headlines compress: present tense for the past, infinitives for the future, nouns
    for events that may not happen ("Kerry announces talks with Venezuela"). The rules
    read names from them but not what they announce.
    """
    sents = list(doc.sents)
    if len(sents) < 2:
        return []
    first = sents[0]
    if "\n" not in first.text_with_ws or first.text.strip().endswith((".", "!", "?")):
        return []
    return [first.start]


@dataclass
class Fact:
    """A relationship a stage found: type, the entity keys (or node ids) of its ends, its sentence."""

    type: str
    start: str
    end: str
    sent: Span
    props: dict[str, Any] = field(default_factory=dict)


class Facts:
    """What one stage found: relationships with their evidence, and new nodes (Statements, Events)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.rels: list[Fact] = []
        self.nodes: list[Node] = []

    def add(self, rel_type: str, start: str, end: str, sent: Span, **props: Any) -> Fact | None:
        """Record a relationship between two entities (keys) or nodes (ids); self-loops are dropped."""
        ents = self.ctx.entities
        a = ents[start].id if start in ents else start
        b = ents[end].id if end in ents else end
        if a == b:
            return None
        props = {**self.ctx.provenance(sent), **{k: v for k, v in props.items() if v is not None}}
        if rel_type in INTERACTIONS:
            props.setdefault("cameo", INTERACTIONS[rel_type])
        fact = Fact(rel_type, start, end, sent, props)
        self.rels.append(fact)
        return fact

    def node(self, node_id: str, label: str, **props: Any) -> Node:
        props.setdefault("articles", [self.ctx.article.id])
        node = Node(node_id, label, props)
        self.nodes.append(node)
        return node

    def extend(self, other: Facts) -> None:
        self.rels.extend(other.rels)
        self.nodes.extend(other.nodes)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.rels)

    def of_type(self, *types: str) -> list[Fact]:
        return [f for f in self.rels if f.type in types]
