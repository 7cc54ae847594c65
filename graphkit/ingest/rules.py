"""The rule stages, in order, each with its declared inputs and output.

    offices       (parse)                          -> Offices (LEADS, HOLDS_OFFICE; who holds which title)
    coreference   (parse, offices)                 -> Referents (pronouns and descriptions)
    structure     (parse, offices, referents)      -> PART_OF, LOCATED_IN, MEMBER_OF, SIGNED, ALLIED_WITH
    statements    (... , structure's PART_OF)      -> Statements, MADE, ABOUT, REPORTED_BY, stance interactions
    interactions  (parse, offices, referents)      -> interactions from verbs and nouns
    frames        (parse, offices, referents)      -> meetings, visits, membership, deployments
    gapping       (parse, interactions and frames) -> the same deed for states a gapped clause adds
    events        (... , interactions and frames)  -> Events and PARTICIPATED_IN

The parse (:class:`~graphkit.ingest.context.Context`) is read-only; each stage
returns :class:`~graphkit.ingest.context.Facts`, and :func:`assemble` writes them
all into one GraphDoc.
"""

from __future__ import annotations

from ..model import GraphDoc, Node, Relationship
from . import events, frames, gapping, interactions, statements, structure
from .actors import Actors
from .context import Context, Facts
from .coref import find_referents
from .offices import Offices, find_offices


def extract(ctx: Context) -> GraphDoc:
    """Run every stage over one parsed article and assemble its GraphDoc."""
    offices = find_offices(ctx)
    reader = Actors(ctx, offices, find_referents(ctx, offices))
    found_structure = structure.find(reader)
    found_statements = statements.find(reader, found_structure)
    found_interactions = interactions.find(reader)
    found_frames = frames.find(reader, found_structure)
    found_gapped = gapping.find(ctx, found_interactions.rels + found_frames.rels)
    found_events = events.find(reader, found_interactions.rels + found_frames.rels + found_gapped.rels)
    return assemble(ctx, offices, [offices.facts, found_structure, found_statements, found_interactions,
                                   found_frames, found_gapped, found_events])


def assemble(ctx: Context, offices: Offices, stages: list[Facts]) -> GraphDoc:
    """The Article node, one node per entity (with its titles), MENTIONED_IN, and every stage's facts."""
    graph = GraphDoc()
    art = ctx.article
    graph.add_node(Node(art.id, "Article", {
        "name": art.title, "title": art.title, "source": art.source, "published": art.published,
        "path": art.path, "url": art.url, "sha256": art.sha256, "author": art.author,
        "aliases": [], "articles": [art.id],
    }))
    for key, ent in ctx.entities.items():
        props: dict[str, object] = {"name": ent.name, "aliases": sorted(ent.aliases), "articles": [art.id]}
        props.update(ent.props)
        if key in offices.titles:
            props["titles"] = sorted(offices.titles[key])
        graph.add_node(Node(ent.id, ent.label, props))
        graph.add_relationship(Relationship("MENTIONED_IN", ent.id, art.id, {"count": len(ent.mentions)}))
    for facts in stages:
        for node in facts.nodes:
            graph.add_node(node)
        for fact in facts.rels:
            start = ctx.entities[fact.start].id if fact.start in ctx.entities else fact.start
            end = ctx.entities[fact.end].id if fact.end in ctx.entities else fact.end
            graph.add_relationship(Relationship(fact.type, start, end, dict(fact.props)))
    return graph
