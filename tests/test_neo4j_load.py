"""Loading folders into the real Neo4j server: batches, retries, reloads that write nothing,
changed articles that replace their own contribution (issue 18)."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, NEO4J_PASSWORD, NEO4J_URI

from graphkit.ingest import Extractor, read_article
from graphkit.ingest.reader import iter_article_paths
from graphkit.load import load_paths
from graphkit.model import GraphDoc
from graphkit.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

ARTICLES = DATA / "articles"
#: One article whose graph Neo4j refuses: a list property holding a number and a text.
BAD = "03-nato-summit-ukraine.txt"


class RefusedArticle(Extractor):
    """The real extractor, except that one article's graph carries a value Neo4j cannot store."""

    def extract_doc(self, article, doc, prepared=None):
        graph = super().extract_doc(article, doc, prepared)
        if article.path.endswith(BAD):
            graph.nodes[article.id].properties["aliases"] = [1, "one"]
        return graph


@pytest.fixture(scope="module")
def docs(extractor) -> dict[str, GraphDoc]:
    """Each test article's graph, extracted once."""
    return {str(p): extractor.extract(read_article(p)) for p in iter_article_paths([ARTICLES])}


def fresh(store: Neo4jStore, docs) -> str:
    """The export of ``docs`` upserted one by one into an emptied database."""
    store.clear()
    for doc in docs:
        store.upsert(doc)
    return store.export().to_json()


def test_a_folder_loads_in_one_transaction_and_gives_what_upserting_each_article_gives(
        neo4j_store, extractor, docs):
    expected = fresh(neo4j_store, docs.values())
    neo4j_store.clear()
    before = neo4j_store.transactions
    report = load_paths([ARTICLES], neo4j_store, extractor, batch_rows=10**6, batch_seconds=600)
    assert neo4j_store.transactions - before == 1
    assert sorted(report.loaded) == sorted(docs) and report.unchanged == [] and report.failed == []
    assert neo4j_store.export().to_json() == expected


def test_small_batches_and_two_workers_give_the_same_graph(neo4j_store, extractor, docs):
    expected = fresh(neo4j_store, docs.values())
    neo4j_store.clear()
    before = neo4j_store.transactions
    report = load_paths([ARTICLES], neo4j_store, extractor, workers=2, batch_size=2, batch_rows=150)
    assert neo4j_store.transactions - before > 2
    assert len(report.loaded) == len(docs)
    assert neo4j_store.export().to_json() == expected


def test_one_refused_article_in_a_batch_costs_only_itself(neo4j_store, docs):
    report = load_paths([ARTICLES], neo4j_store, RefusedArticle(), batch_rows=10**6, batch_seconds=600)
    assert [path for path, _ in report.failed] == [str(ARTICLES / BAD)]
    assert report.failed[0][1].startswith(f"{ARTICLES / BAD}: Neo4j rejected")
    assert len(report.loaded) == len(docs) - 1
    good = [doc for path, doc in docs.items() if not path.endswith(BAD)]
    assert neo4j_store.export().to_json() == fresh(Neo4jStore(NEO4J_URI, "neo4j", NEO4J_PASSWORD), good)


def test_a_reload_of_unchanged_articles_writes_nothing(neo4j_store, extractor, docs):
    first = load_paths([ARTICLES], neo4j_store, extractor)
    exported, transactions = neo4j_store.export().to_json(), neo4j_store.transactions
    again = load_paths([ARTICLES], neo4j_store, extractor)
    assert again.loaded == [] and sorted(again.unchanged) == sorted(first.loaded)
    assert neo4j_store.transactions == transactions
    assert neo4j_store.export().to_json() == exported
    hashes = neo4j_store.article_hashes([doc.articles()[0].id for doc in docs.values()] + ["no-such-article"])
    assert sorted(hashes) == sorted(doc.articles()[0].id for doc in docs.values())
    assert all(len(h) == 64 for h in hashes.values())


def test_changed_settings_replace_each_article_with_no_leftovers(neo4j_store, extractor, docs, tmp_path):
    """A user dictionary naming something the text mentions changes the article's graph: the
    reload replaces it, and the store holds exactly what a fresh load with the new settings holds."""
    user = tmp_path / "orgs.jsonl"
    user.write_text(json.dumps({"label": "Organization", "name": "BRP Sierra Madre", "kind": "military"}) + "\n")
    changed = Extractor(dictionaries=[user])
    article = str(ARTICLES / "01-philippines-china-shoal.txt")
    others = [p for p in docs if p != article]
    load_paths([ARTICLES], neo4j_store, extractor)
    report = load_paths([article], neo4j_store, changed)
    assert report.loaded == report.replaced == [article] and report.unchanged == []
    replaced = changed.extract(read_article(article))
    assert "brp-sierra-madre" in replaced.nodes and "brp-sierra-madre" not in docs[article].nodes
    after = neo4j_store.export().to_json()
    assert after == fresh(neo4j_store, [*(docs[p] for p in others), replaced])
    # the same articles in another order merge to the same graph
    assert after == fresh(neo4j_store, [replaced, *(docs[p] for p in others)])


def test_dropping_an_article_leaves_what_the_others_made(neo4j_store, docs):
    paths = sorted(docs)
    for path in paths:
        neo4j_store.upsert(docs[path])
    dropped = docs[paths[1]].articles()[0].id
    neo4j_store.drop_article(dropped)
    left = neo4j_store.export()
    expected = GraphDoc.from_json(fresh(neo4j_store, [docs[p] for p in paths if p != paths[1]]))
    # Names and titles are merged without saying which article gave them, so those only the
    # dropped article gave stay (docs/model.md); everything else is what the other articles made.
    for node_id, node in expected.nodes.items():
        for key in ("aliases", "titles"):
            kept = left.nodes[node_id].properties.pop(key, [])
            assert set(node.properties.pop(key, [])) <= set(kept)
    assert left.to_json() == expected.to_json()
    assert dropped not in left.nodes
    assert not any(dropped in n.properties.get("articles", []) for n in left.nodes.values())
