"""The other ways to put a graph into Neo4j from Python, fed the same GraphDocs as graphkit.

* LangChain's ``Neo4jGraph.add_graph_documents`` (langchain-neo4j; APOC ``apoc.merge.*``): two
  statements per document, one relationship per (type, start, end), last value wins.
* neo4j-graphrag's ``Neo4jWriter`` (APOC too): nodes and relationships in batches of 1,000.
* A plain driver baseline: one transaction per article, one UNWIND MERGE per label and type.

All need the ``bench`` extra (``pip install -e .[bench]``); the first two need APOC on the server,
which ``make bench`` gives its own server (never the test or user server).
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from graphkit.model import GraphDoc
from graphkit.store.neo4j import Neo4jStore

logging.getLogger("neo4j_graphrag").setLevel(logging.ERROR)


def _props(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if v is not None}


def langchain(store: Neo4jStore, password: str) -> Callable[[Sequence[GraphDoc]], None]:
    """``add_graph_documents`` over one GraphDocument per GraphDoc (it writes them one by one)."""
    from langchain_neo4j import Neo4jGraph
    from langchain_neo4j.graphs.graph_document import GraphDocument, Node, Relationship

    try:
        from langchain_core.documents import Document
    except ImportError:  # pragma: no cover
        from langchain.schema import Document  # type: ignore[no-redef]
    graph = Neo4jGraph(url=store.uri, username=store.user, password=password, database=store.database,
                       refresh_schema=False)

    def convert(doc: GraphDoc) -> GraphDocument:
        nodes = {n.id: Node(id=n.id, type=n.label, properties=_props(n.properties)) for n in doc.nodes.values()}
        rels = [Relationship(source=nodes[r.start], target=nodes[r.end], type=r.type, properties=_props(r.properties))
                for r in doc.relationships.values()]
        return GraphDocument(nodes=list(nodes.values()), relationships=rels, source=Document(page_content=""))

    def load(docs: Sequence[GraphDoc]) -> None:
        graph.add_graph_documents([convert(d) for d in docs])

    load.close = graph.close  # type: ignore[attr-defined]
    return load


def graphrag(store: Neo4jStore) -> Callable[[Sequence[GraphDoc]], None]:
    """``Neo4jWriter.run`` once per GraphDoc (as a pipeline writes each document's graph)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from neo4j_graphrag.components.kg_writer import Neo4jWriter
        from neo4j_graphrag.components.types import Neo4jGraph, Neo4jNode, Neo4jRelationship
    writer = Neo4jWriter(store.driver, neo4j_database=store.database)

    def convert(doc: GraphDoc) -> Neo4jGraph:
        return Neo4jGraph(nodes=[Neo4jNode(id=n.id, label=n.label, properties=_props(n.properties))
                                 for n in doc.nodes.values()],
                          relationships=[Neo4jRelationship(start_node_id=r.start, end_node_id=r.end, type=r.type,
                                                           properties=_props(r.properties))
                                         for r in doc.relationships.values()])

    async def run(docs: Sequence[GraphDoc]) -> None:
        for doc in docs:
            await writer.run(convert(doc))

    def load(docs: Sequence[GraphDoc]) -> None:
        asyncio.run(run(docs))

    return load


def plain(store: Neo4jStore) -> Callable[[Sequence[GraphDoc]], None]:
    """One transaction per GraphDoc: UNWIND MERGE per label, then per relationship type (on its article)."""
    def write(tx: Any, doc: GraphDoc) -> None:
        labels = {n.id: n.label for n in doc.nodes.values()}
        by_label: dict[str, list[dict[str, Any]]] = {}
        for n in doc.nodes.values():
            by_label.setdefault(n.label, []).append({"id": n.id, "p": _props(n.properties)})
        for label, rows in by_label.items():
            tx.run(f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.p", rows=rows).consume()
        by_type: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for r in doc.relationships.values():
            by_type.setdefault((r.type, labels[r.start], labels[r.end]), []).append(
                {"s": r.start, "e": r.end, "a": r.properties.get("article", ""), "p": _props(r.properties)})
        for (rel_type, a, b), rows in by_type.items():
            tx.run(f"UNWIND $rows AS row MATCH (a:{a} {{id: row.s}}) MATCH (b:{b} {{id: row.e}}) "
                   f"MERGE (a)-[r:{rel_type} {{article: row.a}}]->(b) SET r += row.p", rows=rows).consume()

    def load(docs: Sequence[GraphDoc]) -> None:
        with store.driver.session(database=store.database) as session:
            for doc in docs:
                session.execute_write(write, doc)

    return load


def held(store: Neo4jStore, hub: str) -> dict[str, Any]:
    """What a loader left: node and relationship counts, and how many nodes are named ``hub``
    and how many articles the fullest of them lists."""
    row = store.query("MATCH (n) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS rels"
                      ).rows[0]
    hubs = store.query("MATCH (n) WHERE n.name = $name RETURN n.articles AS a", {"name": hub}).rows
    return {"nodes": row["nodes"], "rels": row["rels"], "hub_nodes": len(hubs),
            "hub_articles": max((len(r["a"] or []) for r in hubs), default=0)}
