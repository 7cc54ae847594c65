"""The working state of one article's extraction, shared by the rule stages.

Each stage (``offices``, ``interactions``, ``statements``, ``events``) reads
the parsed ``Doc`` and the resolved entities through this object and writes
nodes and relationships into its :class:`GraphDoc`, always with the evidence
sentence and its character offsets, so every fact can be traced to its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..model import INTERACTIONS, GraphDoc, Node, Relationship
from .dictionary import Gazetteer
from .entities import Entity, Mention
from .reader import ArticleText


@dataclass
class Context:
    """One article: its text, parse, dictionary, resolved entities and the graph being built."""

    article: ArticleText
    doc: Doc
    gaz: Gazetteer
    mentions: list[Mention]
    entities: dict[str, Entity]
    graph: GraphDoc = field(default_factory=GraphDoc)
    #: token index -> the mention covering it (name and demonym mentions alike)
    token_mention: dict[int, Mention] = field(default_factory=dict)
    #: offices found by the ``offices`` stage (person, owner, relation, title)
    offices: list[Any] = field(default_factory=list)
    #: the last person who made a statement, and where (for "he said" in later sentences)
    last_person_speaker: tuple[str, int] | None = None
    #: per token, whether it lies inside quotation marks (``statements.quote_mask``, made once per article)
    quoted: list[bool] | None = None
    #: the text the Doc was made from (``clean.prepare``'s: the article's, noise blanked, same offsets),
    #: to slice by character offsets (``doc.text`` rebuilds it on every call)
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.token_mention[i] = m

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

    # -- output ------------------------------------------------------------

    def provenance(self, sent: Span) -> dict[str, Any]:
        """Properties every extracted relationship carries: article, evidence and offsets."""
        return {"article": self.article.id, "evidence": sent.text.strip(),
                "start": sent.start_char, "end": sent.end_char}

    def relate(self, rel_type: str, start: str, end: str, sent: Span, **props: Any) -> None:
        """Add a relationship between two entities (keys or node ids) with its evidence."""
        a = self.entities[start].id if start in self.entities else start
        b = self.entities[end].id if end in self.entities else end
        if a == b:
            return
        props = {**self.provenance(sent), **{k: v for k, v in props.items() if v is not None}}
        if rel_type in INTERACTIONS:
            props.setdefault("cameo", INTERACTIONS[rel_type])
        self.graph.add_relationship(Relationship(rel_type, a, b, props))

    def add_node(self, node_id: str, label: str, **props: Any) -> Node:
        props.setdefault("articles", [self.article.id])
        return self.graph.add_node(Node(node_id, label, props))
