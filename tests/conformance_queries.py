"""Read queries an analyst writes against graphkit's model, for the embedded store's conformance suite.

Each is (name, Cypher, parameters). tests/test_cypher_conformance.py runs
every one on Neo4j (the oracle) and on the embedded store over the same
graph and compares the rows; the table in docs/cypher.md counts the results.
Rows are compared in order when the query has ORDER BY, as a multiset
otherwise; list values are compared as multisets unless the name ends in
``[ordered lists]``.
"""

from __future__ import annotations

from typing import Any

QUERIES: list[tuple[str, str, dict[str, Any]]] = [
    # -- one pattern, properties, filters ---------------------------------------------------------
    ("states and their codes", "MATCH (s:State) RETURN s.name AS state, s.iso3 AS iso3 ORDER BY state", {}),
    ("office holders of one state", "MATCH (p:Person)-[r:HOLDS_OFFICE]->(s:State {name: $state}) "
     "RETURN p.name AS person, r.title AS title ORDER BY person", {"state": "Russia"}),
    ("who one actor warned", "MATCH (a)-[r:WARNED]->(b) WHERE a.name = $name RETURN b.name AS warned, "
     "r.evidence AS evidence ORDER BY warned", {"name": "Sergei Lavrov"}),
    ("relationship type alternatives", "MATCH (a)-[r:SUPPORTS|OPPOSES|CRITICIZED]->(b) "
     "RETURN a.name AS a, type(r) AS t, b.name AS b", {}),
    ("IS NULL on a missing property", "MATCH (e:Event) WHERE e.date IS NULL RETURN e.name AS event", {}),
    ("IS NOT NULL", "MATCH (e:Event) WHERE e.date IS NOT NULL RETURN e.date AS date, e.name AS event "
     "ORDER BY date, event", {}),
    ("STARTS WITH / CONTAINS / ENDS WITH", "MATCH (n) WHERE n.name STARTS WITH 'Korea' OR n.name CONTAINS "
     "'Foreign' OR n.name ENDS WITH 'Treaty' RETURN n.name AS name", {}),
    ("IN a list parameter", "MATCH (s:State) WHERE s.name IN $names RETURN s.iso3 AS iso3",
     {"names": ["Japan", "China", "Atlantis"]}),
    ("boolean property", "MATCH (a)-[:MADE]->(s:Statement) WHERE s.quoted = true RETURN a.name AS speaker, "
     "s.text AS text", {}),
    ("NOT and <>", "MATCH (a)-[r]->(b:State) WHERE NOT type(r) = 'MENTIONED_IN' AND type(r) <> 'ABOUT' "
     "RETURN a.name AS a, type(r) AS t, b.name AS b", {}),
    ("property join in WHERE", "MATCH (e:Event) OPTIONAL MATCH (p:Place) WHERE p.id = e.place "
     "RETURN e.name AS event, p.name AS place", {}),
    ("property join in a pattern map", "MATCH (e:Event) OPTIONAL MATCH (p:Place {id: e.place}) "
     "RETURN e.name AS event, p.name AS place", {}),
    ("variable in an optional pattern map", "UNWIND $ids AS id OPTIONAL MATCH (p:Place {id: id}) "
     "RETURN id, p.name AS place", {"ids": ["pyongyang", "atlantis"]}),
    ("variable from WITH in a pattern map", "MATCH (e:Event) WITH DISTINCT e.place AS id "
     "MATCH (p:Place {id: id}) RETURN p.name AS place", {}),
    ("inline id pin", "MATCH (p {id: $id})-[r]->(x) RETURN type(r) AS t, x.name AS x", {"id": "kim-jong-un"}),
    ("undirected pattern", "MATCH (a:Person {name: $name})-[r:MET]-(b) RETURN b.name AS other",
     {"name": "Joe Biden"}),
    ("incoming pattern", "MATCH (s:State {name: $name})<-[r]-(x) WHERE type(r) <> 'ABOUT' "
     "RETURN type(r) AS t, x.name AS x", {"name": "North Korea"}),
    ("two hops through a statement", "MATCH (a)-[:MADE]->(s:Statement)-[:ABOUT]->(t) WHERE a.name = $name "
     "RETURN t.name AS target, s.stance AS stance", {"name": "Sergei Lavrov"}),
    ("three hops", "MATCH (p:Person)-[:LEADS]->(s:State)-[:MEMBER_OF]->(al:Alliance)<-[:MEMBER_OF]-(o) "
     "RETURN p.name AS leader, al.name AS alliance, o.name AS partner", {}),
    ("mixed directions", "MATCH (a)-[:MADE]->(s:Statement)-[:ABOUT]-(b) RETURN a.name AS a, b.name AS b", {}),
    ("relationship property map", "MATCH (a)-[r:PARTICIPATED_IN {role: 'visitor'}]->(e:Event) "
     "RETURN a.name AS who, e.name AS event", {}),
    ("relationship property map with a parameter", "MATCH (a)-[r:LEADS {article: $article}]->(b) "
     "RETURN a.name AS a, b.name AS b", {"article": "d85a891888f2"}),
    ("parallel edges: one row per relationship", "MATCH (p:Person)-[r:LEADS]->(s:State) "
     "RETURN p.name AS person, s.name AS state, r.article AS article", {}),
    ("parallel edges, unnamed", "MATCH (p:Person)-[:LEADS]->(s:State) RETURN p.name AS person, s.name AS state", {}),
    ("a node bound twice in one pattern", "MATCH (p:Person)-[:MADE]->(st:Statement)-[:REPORTED_BY]->(o)"
     "-[:PART_OF]->(s:State)<-[:HOLDS_OFFICE|LEADS]-(p) RETURN p.name AS speaker, o.name AS outlet, s.name AS state",
     {}),
    ("a node bound twice: member and signatory", "MATCH (a)-[:MEMBER_OF]->(al:Alliance)<-[:SIGNED]-(a) "
     "RETURN a.name AS party, al.name AS treaty", {}),
    ("two relationships must differ", "MATCH (a)-[r1:LEADS]->(s)<-[r2:LEADS]-(a) RETURN a.name AS a, "
     "r1.article AS first, r2.article AS second", {}),
    ("comma patterns: relationships differ", "MATCH (a)-[r1:LEADS]->(s), (a)-[r2:LEADS]->(s) "
     "RETURN a.name AS a, count(*) AS pairs", {}),
    ("comma patterns joined on a node", "MATCH (a:Person)-[:LEADS]->(s:State), (s)-[:MEMBER_OF]->(al) "
     "RETURN a.name AS leader, al.name AS alliance", {}),
    ("cartesian product counted", "MATCH (a:Alliance), (s:State) RETURN count(*) AS n", {}),
    ("a cycle back to the first node", "MATCH (p)-[:MADE]->(s:Statement)-[:ABOUT]->(x)<-[:LEADS|HOLDS_OFFICE]-(p) "
     "RETURN p.name AS speaker, x.name AS about", {}),
    # -- label predicates, pattern predicates -----------------------------------------------------
    ("label predicate in WHERE", "MATCH (a)-[:SUPPORTS]->(b) WHERE b:State RETURN a.name AS a, b.name AS b", {}),
    ("label disjunction in WHERE", "MATCH (x)-[:MENTIONED_IN]->(:Article) WHERE x:Person OR x:Organization "
     "RETURN DISTINCT x.name AS name", {}),
    ("pattern predicate", "MATCH (p:Person) WHERE (p)-[:LEADS]->(:State) RETURN p.name AS leader", {}),
    ("negated pattern predicate", "MATCH (s:State) WHERE NOT (s)<-[:LEADS]-() RETURN s.name AS state", {}),
    ("EXISTS subquery", "MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:MADE]->(:Statement) } "
     "RETURN p.name AS speaker", {}),
    # -- functions and expressions ----------------------------------------------------------------
    ("labels()", "MATCH (n) WHERE n.name = $name RETURN labels(n) AS labels", {"name": "North Korea"}),
    ("keys()", "MATCH (n:State {iso3: 'JPN'}) RETURN keys(n) AS keys", {}),
    ("type() and properties of a relationship", "MATCH (a:Person {name: $name})-[r]->(b) "
     "WHERE type(r) <> 'MENTIONED_IN' RETURN type(r) AS t, r.article AS article", {"name": "Choe Son Hui"}),
    ("toUpper on non-ASCII", "MATCH (p:Person) WHERE p.name STARTS WITH 'Viktor' RETURN toUpper(p.name) AS upper, "
     "toLower(p.name) AS lower", {}),
    ("string functions", "MATCH (s:State) WHERE s.iso3 = 'PRK' RETURN size(s.name) AS n, substring(s.name, 0, 5) "
     "AS head, replace(s.name, ' ', '_') AS snake, split(s.name, ' ') AS words", {}),
    ("regular expression =~", "MATCH (p:Person) WHERE p.name =~ '.*(Jong|Son).*' RETURN p.name AS name", {}),
    ("case-insensitive regex", "MATCH (s:State) WHERE s.name =~ '(?i)north.*' RETURN s.name AS name", {}),
    ("arithmetic", "MATCH (n)-[m:MENTIONED_IN]->(a:Article) WHERE n.name = $name RETURN a.id AS article, "
     "m.count * 2 + 1 AS odd, m.count % 2 AS parity, m.count / 2.0 AS half", {"name": "Sergei Lavrov"}),
    ("CASE", "MATCH (s:Statement) RETURN CASE WHEN s.quoted THEN 'quote' ELSE 'claim' END AS kind, "
     "count(*) AS n", {}),
    ("simple CASE", "MATCH (e:Event) RETURN e.name AS event, CASE e.kind WHEN 'meeting' THEN 1 WHEN 'war' THEN 2 "
     "ELSE 0 END AS code", {}),
    ("coalesce", "MATCH (e:Event) RETURN e.name AS event, coalesce(e.date, 'undated') AS date", {}),
    ("list comprehension", "MATCH (n:Person) WHERE size(n.aliases) > 1 RETURN n.name AS name, "
     "[a IN n.aliases WHERE a <> n.name | toUpper(a)] AS others", {}),
    ("list functions", "MATCH (n:Person {name: $name}) RETURN size(n.articles) AS articles, head(n.titles) AS title",
     {"name": "Joe Biden"}),
    ("IN on a list property", "MATCH (n) WHERE 'Kim' IN n.aliases RETURN n.name AS name", {}),
    ("any() over a list", "MATCH (n:Person) WHERE any(t IN n.titles WHERE t CONTAINS 'Minister') "
     "RETURN n.name AS name", {}),
    # -- aggregation --------------------------------------------------------------------------------
    ("count per label", "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n ORDER BY label", {}),
    ("count(*) per type", "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY n DESC, type", {}),
    ("count(DISTINCT)", "MATCH (a)-[:MENTIONED_IN]->(art:Article) RETURN count(DISTINCT a) AS things, "
     "count(a) AS mentions", {}),
    ("collect(DISTINCT)", "MATCH (p:Person)-[:LEADS]->(s:State) RETURN s.name AS state, "
     "collect(DISTINCT p.name) AS leaders", {}),
    ("collect()", "MATCH (s)-[:MEMBER_OF]->(a:Alliance) RETURN a.name AS alliance, collect(s.name) AS members", {}),
    ("sum, min, max, avg", "MATCH (n)-[m:MENTIONED_IN]->(:Article) RETURN sum(m.count) AS total, "
     "min(m.count) AS least, max(m.count) AS most, avg(m.count) AS mean", {}),
    ("most mentioned", "MATCH (n)-[m:MENTIONED_IN]->(:Article) RETURN n.name AS name, sum(m.count) AS mentions "
     "ORDER BY mentions DESC, name LIMIT 10", {}),
    ("degree, both directions", "MATCH (a)-[r]-(b) WHERE type(r) <> 'MENTIONED_IN' RETURN a.name AS actor, "
     "count(r) AS degree ORDER BY degree DESC, actor LIMIT 10", {}),
    ("co-mentioned pairs", "MATCH (a:Person)-[:MENTIONED_IN]->(art:Article)<-[:MENTIONED_IN]-(b:Person) "
     "WHERE a.name < b.name RETURN a.name AS a, b.name AS b, count(art) AS articles "
     "ORDER BY articles DESC, a, b LIMIT 10", {}),
    ("RETURN DISTINCT with an alias", "MATCH (a)-[:WARNED]->(b) RETURN DISTINCT a.name AS speaker", {}),
    ("RETURN DISTINCT of an expression", "MATCH (s:State)<-[:LEADS]-(p) RETURN DISTINCT toUpper(s.name) AS state",
     {}),
    ("integer and float arithmetic", "MATCH (s:State {iso3: 'JPN'}) RETURN 7 / 2 AS i, 7 / 2.0 AS f, 2 ^ 3 AS p, "
     "toInteger('42') AS n, toString(12) AS s, round(2.5) AS r, abs(-3) AS a", {}),
    ("map projection", "MATCH (s:State) WHERE s.iso3 IN ['JPN', 'PRK'] RETURN s {.name, .iso3} AS state", {}),
    ("range and reduce", "MATCH (s:State {iso3: 'JPN'}) RETURN range(1, 4) AS r, "
     "reduce(total = 0, x IN range(1, 4) | total + x) AS total", {}),
    ("list index and slice [ordered lists]", "MATCH (p:Person {name: $name}) RETURN p.aliases[0] AS first, "
     "size(p.aliases[1..]) AS rest", {"name": "Kim Jong Un"}),
    ("COUNT subquery", "MATCH (s:State) RETURN s.name AS state, COUNT { (s)<-[:ABOUT]-(:Statement) } AS said "
     "ORDER BY said DESC, state LIMIT 5", {}),
    ("count on no match", "MATCH (p:Person {name: 'Nobody At All'}) RETURN count(p) AS n", {}),
    ("DISTINCT whole nodes", "MATCH (s:State)<-[:LEADS]-(:Person) RETURN DISTINCT s.iso3 AS iso3", {}),
    ("null comparisons", "MATCH (e:Event) RETURN e.name AS event, e.date = null AS eq, e.date IS NULL AS missing", {}),
    ("ORDER BY DESC puts missing values first", "MATCH (e:Event) RETURN e.name AS event ORDER BY e.date DESC, e.name",
     {}),
    ("OPTIONAL MATCH two hops", "MATCH (s:State) OPTIONAL MATCH (s)<-[:LEADS]-(p:Person)-[:MADE]->(st:Statement) "
     "RETURN s.name AS state, count(st) AS statements ORDER BY statements DESC, state", {}),
    ("WITH collect then size", "MATCH (a)-[:MADE]->(s:Statement) WITH a, collect(s.stance) AS stances "
     "RETURN a.name AS speaker, size(stances) AS n ORDER BY n DESC, speaker LIMIT 5", {}),
    ("string concatenation", "MATCH (p:Person)-[:LEADS]->(s:State) RETURN p.name + ' (' + s.iso3 + ')' AS label", {}),
    # -- ORDER BY, SKIP, LIMIT ------------------------------------------------------------------------
    ("ORDER BY a property some nodes lack", "MATCH (e:Event) RETURN e.name AS event, e.date AS date "
     "ORDER BY e.date, e.name", {}),
    ("ORDER BY DESC on a property some nodes lack", "MATCH (n:Organization) RETURN n.name AS name "
     "ORDER BY n.kind DESC, n.name", {}),
    ("SKIP and LIMIT", "MATCH (s:State) RETURN s.name AS name ORDER BY name SKIP 2 LIMIT 3", {}),
    ("LIMIT from a parameter", "MATCH (s:State) RETURN s.name AS name ORDER BY name LIMIT $n", {"n": 4}),
    # -- OPTIONAL MATCH, WITH, UNWIND, UNION -------------------------------------------------------------
    ("OPTIONAL MATCH", "MATCH (s:State) OPTIONAL MATCH (p:Person)-[:LEADS]->(s) RETURN s.name AS state, "
     "p.name AS leader", {}),
    ("OPTIONAL MATCH over parallel edges, unnamed", "MATCH (p:Person) WHERE p.name STARTS WITH 'J' "
     "OPTIONAL MATCH (p)-[:LEADS]->(s) RETURN p.name AS person, s.name AS leads", {}),
    ("OPTIONAL MATCH with WHERE", "MATCH (s:State) OPTIONAL MATCH (s)-[r:MEMBER_OF]->(a) WHERE a.kind = 'alliance' "
     "RETURN s.name AS state, a.name AS alliance", {}),
    ("OPTIONAL MATCH counted", "MATCH (s:State) OPTIONAL MATCH (s)<-[r:ABOUT]-(:Statement) "
     "RETURN s.name AS state, count(r) AS said ORDER BY said DESC, state", {}),
    ("WITH and a filter on an aggregate", "MATCH (a)-[:MADE]->(s:Statement) WITH a, count(s) AS n WHERE n > 2 "
     "RETURN a.name AS speaker, n ORDER BY n DESC, speaker", {}),
    ("WITH ... ORDER BY ... LIMIT then MATCH", "MATCH (n)-[m:MENTIONED_IN]->(:Article) WITH n, sum(m.count) AS c "
     "ORDER BY c DESC, n.name LIMIT 3 MATCH (n)-[r]->(x) WHERE type(r) <> 'MENTIONED_IN' "
     "RETURN n.name AS name, count(x) AS out", {}),
    ("WITH DISTINCT", "MATCH (a)-[:MENTIONED_IN]->(art:Article) WITH DISTINCT art RETURN count(art) AS articles", {}),
    ("UNWIND a parameter", "UNWIND $names AS name MATCH (s:State {name: name}) RETURN name, s.iso3 AS iso3",
     {"names": ["Japan", "Russia"]}),
    ("UNWIND a list property", "MATCH (p:Person {name: $name}) UNWIND p.articles AS article RETURN article",
     {"name": "Joe Biden"}),
    ("UNWIND and collect back", "MATCH (p:Person) UNWIND p.titles AS t RETURN t AS title, count(*) AS people "
     "ORDER BY people DESC, title", {}),
    ("UNION", "MATCH (s:State)<-[:LEADS]-(p) RETURN p.name AS name UNION MATCH (o:Organization)<-[:LEADS]-(p) "
     "RETURN p.name AS name", {}),
    ("UNION ALL", "MATCH (a)-[:WARNED]->(b) RETURN b.name AS name UNION ALL MATCH (a)-[:ACCUSED]->(b) "
     "RETURN b.name AS name", {}),
    # -- whole nodes, paths ----------------------------------------------------------------------------
    ("whole node returned", "MATCH (s:State {iso3: 'JPN'}) RETURN s", {}),
    ("one-hop expand, as the explorer asks", "MATCH (a:Node {id: $id})-[r]-(b) RETURN type(r) AS type, "
     "properties(r) AS props, startNode(r).id AS start, b.id AS other, labels(b) AS labels, properties(b) AS node",
     {"id": "sergei-lavrov"}),
    ("whole relationship returned", "MATCH (a:Person {name: $name})-[r:HOLDS_OFFICE]->(b) RETURN r",
     {"name": "Sergei Lavrov"}),
    ("variable-length path, bounded", "MATCH (a:Person {name: $name})-[:HOLDS_OFFICE|LEADS|MEMBER_OF*1..2]->(x) "
     "RETURN DISTINCT x.name AS reached", {"name": "Choe Son Hui"}),
    ("variable-length, exact length", "MATCH (a:State {name: 'Poland'})-[:MEMBER_OF*1]->(x) RETURN x.name AS x", {}),
    ("variable-length, unbounded", "MATCH (a:Person {name: $name})-[*]->(x) RETURN count(DISTINCT x) AS n",
     {"name": "Choe Son Hui"}),
    ("named path with length()", "MATCH p = (a:Person {name: $name})-[:MADE]->(:Statement)-[:ABOUT]->(t) "
     "RETURN t.name AS target, length(p) AS hops", {"name": "Sergei Lavrov"}),
    ("nodes() of a path [ordered lists]", "MATCH p = (a:Person {name: $name})-[:HOLDS_OFFICE]->(s)-[:ALLIED_WITH]-(o) "
     "RETURN [n IN nodes(p) | n.name] AS names", {"name": "Choe Son Hui"}),
    ("shortestPath", "MATCH (a {name: $a}), (b {name: $b}) MATCH p = shortestPath((a)-[*..6]-(b)) "
     "RETURN length(p) AS hops", {"a": "Choe Son Hui", "b": "Ukraine"}),
    ("allShortestPaths", "MATCH (a {name: $a}), (b {name: $b}) MATCH p = allShortestPaths((a)-[*..4]-(b)) "
     "RETURN [n IN nodes(p) | n.name] AS path", {"a": "Choe Son Hui", "b": "Ukraine"}),
]
