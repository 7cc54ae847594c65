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
    # -- everyday queries, second round: aggregation ------------------------------------------------
    ("people per state, count(DISTINCT)", "MATCH (p:Person)-[:LEADS|HOLDS_OFFICE]->(s:State) "
     "RETURN s.name AS state, count(DISTINCT p) AS people ORDER BY people DESC, state", {}),
    ("size(collect())", "MATCH (a)-[:MEMBER_OF]->(al:Alliance) RETURN al.name AS alliance, "
     "size(collect(a.name)) AS members ORDER BY members DESC, alliance", {}),
    ("WITH ... WHERE on count(DISTINCT)", "MATCH (a)-[:MENTIONED_IN]->(art:Article) WITH a, count(DISTINCT art) AS n "
     "WHERE n >= 4 RETURN a.name AS name, n ORDER BY n DESC, name", {}),
    ("ORDER BY an aggregate and two keys", "MATCH (a)-[r]->(b:State) WHERE type(r) <> 'MENTIONED_IN' "
     "RETURN b.name AS state, type(r) AS type, count(*) AS n ORDER BY n DESC, state, type LIMIT 15", {}),
    ("ORDER BY count(*) written again", "MATCH (a)-[:MADE]->(:Statement) RETURN a.name AS speaker, count(*) AS n "
     "ORDER BY count(*) DESC, speaker LIMIT 8", {}),
    ("DISTINCT on two columns", "MATCH (a:Person)-[r:LEADS]->(b) RETURN DISTINCT a.name AS leader, b.name AS led", {}),
    ("DISTINCT on three columns", "MATCH (a)-[r:PARTICIPATED_IN]->(e:Event) RETURN DISTINCT e.kind AS kind, "
     "r.role AS role, CASE WHEN a:Person THEN 'person' ELSE 'other' END AS who", {}),
    ("count(DISTINCT) per group", "MATCH (x)-[r]->(y) WHERE type(r) <> 'MENTIONED_IN' RETURN r.article AS article, "
     "count(DISTINCT type(r)) AS types, count(*) AS rels ORDER BY rels DESC, article LIMIT 5", {}),
    ("min, max, avg on counts", "MATCH (a)-[:MADE]->(s:Statement) WITH a, count(s) AS n "
     "RETURN min(n) AS least, max(n) AS most, avg(n) AS mean, count(a) AS speakers", {}),
    ("min and max of a date property", "MATCH (a:Article) RETURN min(a.published) AS first, max(a.published) AS last",
     {}),
    ("max of a string property per group", "MATCH (e:Event) WHERE e.date IS NOT NULL RETURN e.kind AS kind, "
     "min(e.date) AS first, max(e.name) AS last_name ORDER BY kind", {}),
    ("sum over no rows is 0", "MATCH (p:Person {name: 'Nobody At All'})-[m:MENTIONED_IN]->() "
     "RETURN sum(m.count) AS total, count(m) AS n", {}),
    ("count(property) skips nulls", "MATCH (e:Event) RETURN count(e.date) AS dated, count(e.place) AS placed, "
     "count(*) AS events", {}),
    ("collect() skips nulls", "MATCH (e:Event) RETURN e.kind AS kind, collect(e.date) AS dates ORDER BY kind", {}),
    ("sum of CASE", "MATCH (s:Statement) RETURN s.stance AS stance, "
     "sum(CASE WHEN s.quoted THEN 1 ELSE 0 END) AS quotes, "
     "count(*) AS statements ORDER BY statements DESC, stance", {}),
    ("titles by how many people hold them", "MATCH (p:Person)-[r:LEADS|HOLDS_OFFICE]->() RETURN r.title AS title, "
     "count(DISTINCT p) AS people ORDER BY people DESC, title LIMIT 10", {}),
    ("WITH ... WHERE size() of a property", "MATCH (p:Person)-[:LEADS]->(s:State) WITH p, count(s) AS n "
     "WHERE size(p.name) > 12 AND n > 1 RETURN p.name AS leader, n ORDER BY n DESC, leader", {}),
    ("WITH that renames nodes, then filters", "MATCH (a:Person)-[:LEADS]->(b:State) WITH a AS leader, b AS state "
     "WHERE leader.name STARTS WITH 'V' AND size(state.name) > 4 "
     "RETURN leader.name AS leader, state.name AS state", {}),
    ("WITH ... ORDER BY ... LIMIT ... WHERE", "MATCH (p:Person) WITH p ORDER BY p.name LIMIT 20 "
     "WHERE p.name CONTAINS 'a' RETURN p.name AS name ORDER BY name", {}),
    ("WITH chain with a filter", "MATCH (s:Statement) WITH s.stance AS stance, count(*) AS n WITH stance, n "
     "WHERE n > 5 RETURN stance, n ORDER BY n DESC, stance", {}),
    ("share of quotes, integer arithmetic on aggregates", "MATCH (s:Statement) WITH count(*) AS total "
     "MATCH (q:Statement) WHERE q.quoted = true RETURN count(q) * 100 / total AS percent, total", {}),
    ("top item per group via ordered collect", "MATCH (n)-[m:MENTIONED_IN]->(a:Article) WITH a, n, m "
     "ORDER BY m.count DESC, n.name WITH a, collect(n.name)[0] AS top "
     "RETURN a.id AS article, top ORDER BY article", {}),
    ("collect then UNWIND", "MATCH (p:Person)-[:LEADS]->(s:State) WITH s, collect(p.name) AS leaders "
     "UNWIND leaders AS leader RETURN s.name AS state, leader", {}),
    ("collect of maps", "MATCH (p:Person {name: $name})-[r:HOLDS_OFFICE|LEADS]->(o) "
     "RETURN collect({office: r.title, of: o.name}) AS offices", {"name": "Vladimir Putin"}),
    ("rounding an average", "MATCH (a)-[:MADE]->(s:Statement) WITH a, count(s) AS n "
     "RETURN round(avg(n) * 100) / 100.0 AS mean, round(2.5) AS up, round(-2.5) AS half_up, ceil(avg(n)) AS c", {}),
    ("round() with a precision", "MATCH (a)-[:MADE]->(s:Statement) WITH a, count(s) AS n "
     "RETURN round(avg(n), 2) AS mean", {}),
    # -- OPTIONAL MATCH ---------------------------------------------------------------------------
    ("OPTIONAL MATCH with WHERE, counted", "MATCH (p:Person) WHERE size(p.titles) > 0 "
     "OPTIONAL MATCH (p)-[:MADE]->(s:Statement) WHERE s.quoted = true RETURN p.name AS person, count(s) AS quotes "
     "ORDER BY quotes DESC, person LIMIT 10", {}),
    ("OPTIONAL MATCH and collect", "MATCH (al:Alliance) OPTIONAL MATCH (x)-[:SIGNED]->(al) "
     "RETURN al.name AS alliance, collect(x.name) AS signatories", {}),
    ("OPTIONAL MATCH then IS NULL", "MATCH (s:State) OPTIONAL MATCH (s)-[:MEMBER_OF]->(a:Alliance) WITH s, a "
     "WHERE a IS NULL RETURN s.name AS state ORDER BY state LIMIT 10", {}),
    ("OPTIONAL MATCH then coalesce", "MATCH (e:Event) OPTIONAL MATCH (p:Place) WHERE p.id = e.place "
     "RETURN e.name AS event, coalesce(p.name, 'unknown') AS place", {}),
    ("two OPTIONAL MATCHes", "MATCH (p:Person) WHERE p.name IN $names OPTIONAL MATCH (p)-[:LEADS]->(l) "
     "OPTIONAL MATCH (p)-[:MADE]->(s:Statement) RETURN p.name AS person, count(DISTINCT l) AS leads, "
     "count(DISTINCT s) AS statements", {"names": ["Vladimir Putin", "Joe Biden", "Choe Son Hui"]}),
    ("OPTIONAL MATCH with a label on the new node", "MATCH (s:State) WHERE s.name STARTS WITH 'P' "
     "OPTIONAL MATCH (s)<-[r]-(x:Person) RETURN s.name AS state, x.name AS person, type(r) AS type", {}),
    ("OPTIONAL MATCH with WHERE on the relationship", "MATCH (a:Alliance) OPTIONAL MATCH (a)<-[r:MEMBER_OF]-(s:State) "
     "WHERE r.article = $article RETURN a.name AS alliance, s.name AS member", {"article": "6e5f66c90bdc"}),
    ("OPTIONAL MATCH with WHERE on the rows before it", "MATCH (p:Person) WHERE p.name STARTS WITH 'V' "
     "OPTIONAL MATCH (p)-[:LEADS]->(s:State) WHERE p.name = 'Vladimir Putin' RETURN p.name AS person, s.name AS state",
     {}),
    ("OPTIONAL MATCH with a relationship property map", "MATCH (p:Person) WHERE p.name STARTS WITH 'V' "
     "OPTIONAL MATCH (p)-[r:LEADS {title: 'President'}]->(s) RETURN p.name AS person, s.name AS state", {}),
    ("OPTIONAL MATCH with a parameter in a node map", "MATCH (p:Person) WHERE p.name STARTS WITH 'V' "
     "OPTIONAL MATCH (p)-[:LEADS]->(s:State {iso3: $iso}) RETURN p.name AS person, s.name AS state", {"iso": "RUS"}),
    ("OPTIONAL MATCH of a node that is not there", "MATCH (s:State {name: 'Japan'}) "
     "OPTIONAL MATCH (x:Place) WHERE x.name = 'Atlantis' RETURN s.name AS state, x.name AS place", {}),
    ("OPTIONAL MATCH undirected", "MATCH (s:State) OPTIONAL MATCH (s)-[:ALLIED_WITH]-(o:State) "
     "RETURN s.name AS state, count(o) AS allies ORDER BY allies DESC, state LIMIT 8", {}),
    ("OPTIONAL MATCH two hops, end returned", "MATCH (s:State) WHERE s.name STARTS WITH 'P' "
     "OPTIONAL MATCH (s)<-[:LEADS]-(p:Person)-[:MADE]->(st:Statement) RETURN s.name AS state, p.name AS leader, "
     "st.stance AS stance", {}),
    ("OPTIONAL MATCH chain over one type: co-members", "MATCH (a:State) WHERE a.name STARTS WITH 'N' "
     "OPTIONAL MATCH (a)-[:MEMBER_OF]->(al:Alliance)<-[:MEMBER_OF]-(b:State) WHERE b <> a "
     "RETURN a.name AS state, al.name AS alliance, b.name AS partner", {}),
    ("OPTIONAL MATCH variable-length", "MATCH (s:State) WHERE s.name STARTS WITH 'P' "
     "OPTIONAL MATCH (s)-[:MEMBER_OF*1..2]-(o:State) WHERE o.name STARTS WITH 'C' "
     "RETURN s.name AS state, o.name AS other",
     {}),
    # -- UNWIND and lists ---------------------------------------------------------------------------
    ("UNWIND aliases with a filter", "MATCH (p:Person) UNWIND p.aliases AS alias WITH p, alias "
     "WHERE alias <> p.name RETURN p.name AS person, count(alias) AS other_names ORDER BY other_names DESC, person "
     "LIMIT 10", {}),
    ("UNWIND article ids and join", "MATCH (p:Person {name: $name}) UNWIND p.articles AS aid "
     "MATCH (a:Article {id: aid}) RETURN a.title AS title ORDER BY title", {"name": "Vladimir Putin"}),
    ("UNWIND a literal list with OPTIONAL MATCH", "UNWIND ['Japan', 'China', 'Atlantis'] AS name "
     "OPTIONAL MATCH (s:State) WHERE s.name = name RETURN name, s.iso3 AS iso3", {}),
    ("UNWIND labels", "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label", {}),
    ("list comprehension, filter only", "MATCH (p:Person) WHERE size(p.titles) > 1 RETURN p.name AS name, "
     "[t IN p.titles WHERE t CONTAINS 'Minister'] AS ministerial", {}),
    ("size of a list comprehension", "MATCH (n:Person) RETURN n.name AS name, "
     "size([a IN n.aliases WHERE a CONTAINS ' ']) AS full_names ORDER BY full_names DESC, name LIMIT 8", {}),
    ("list comprehension over a missing list", "MATCH (e:Event) WHERE e.kind = 'war' RETURN e.name AS event, "
     "[t IN e.titles | toUpper(t)] AS titles, any(t IN e.titles WHERE t = 'x') AS any_x", {}),
    ("all() and none()", "MATCH (p:Person) WHERE size(p.aliases) > 1 AND all(a IN p.aliases WHERE a STARTS WITH 'K') "
     "AND none(t IN p.titles WHERE t = 'President') RETURN p.name AS name", {}),
    ("single()", "MATCH (p:Person) WHERE single(a IN p.aliases WHERE a STARTS WITH 'Vlad') RETURN p.name AS name", {}),
    ("NOT IN a literal list", "MATCH (s:State)<-[:LEADS]-(:Person) WHERE NOT s.iso3 IN ['USA', 'RUS', 'CHN'] "
     "RETURN DISTINCT s.name AS state", {}),
    ("IN labels()", "MATCH (n) WHERE 'Organization' IN labels(n) AND n.kind = 'media' RETURN n.name AS outlet", {}),
    # -- strings and null -----------------------------------------------------------------------------
    ("toLower in WHERE", "MATCH (n) WHERE toLower(n.name) CONTAINS 'korea' "
     "RETURN n.name AS name, labels(n)[0] AS label",
     {}),
    ("split, index and last()", "MATCH (p:Person) WHERE p.name STARTS WITH 'Kim' RETURN p.name AS name, "
     "split(p.name, ' ')[0] AS first, last(split(p.name, ' ')) AS final", {}),
    ("split keeps empty pieces", "MATCH (p:Person) WHERE p.name STARTS WITH 'V' RETURN p.name AS name, "
     "split(toLower(p.name), 'v') AS pieces, size(split(p.name, ' ')) AS words", {}),
    ("slice of a missing list", "MATCH (e:Event) WHERE e.kind = 'war' RETURN e.name AS event, e.titles[0..2] AS titles",
     {}),
    ("split of a missing property", "MATCH (e:Event) WHERE e.kind = 'war' RETURN e.name AS event, "
     "split(e.date, '-') AS parts", {}),
    ("substring of a date, grouped", "MATCH (a:Article) WHERE a.published IS NOT NULL "
     "RETURN substring(a.published, 0, 4) AS year, count(*) AS articles ORDER BY year", {}),
    ("trim, left, right", "MATCH (s:State) WHERE s.iso3 IN ['USA', 'GBR'] RETURN trim('  ' + s.name + ' ') AS t, "
     "left(s.name, 3) AS l, right(s.name, 3) AS r", {}),
    ("replace and toUpper on relationship properties", "MATCH (p:Person)-[r:HOLDS_OFFICE]->(s:State {name: $state}) "
     "RETURN p.name AS person, toUpper(replace(r.title, ' ', '_')) AS code", {"state": "Russia"}),
    ("regular expression is a whole-string match", "MATCH (p:Person) WHERE p.name STARTS WITH 'K' "
     "RETURN p.name AS name, p.name =~ 'Kim' AS exact, p.name =~ 'Kim.*' AS prefix", {}),
    ("regular expression with \\d and a parameter", "MATCH (a:Article) WHERE a.published =~ '20\\d\\d-0[1-6]-.*' "
     "AND a.title =~ $words RETURN a.id AS article", {"words": "(?i).*(china|russia).*"}),
    ("null in arithmetic and concatenation", "MATCH (e:Event) WHERE e.kind = 'meeting' RETURN e.name AS event, "
     "e.count + 1 AS next, e.date + '!' AS marked", {}),
    ("IN with a null property", "MATCH (e:Event) WHERE e.place IN ['warsaw', 'pyongyang', 'havana'] "
     "RETURN e.name AS event, e.place AS place", {}),
    # -- relationships: types, properties, evidence, dates ---------------------------------------------
    ("type() counted for one node", "MATCH (:Person {name: $name})-[r]-() RETURN type(r) AS type, count(*) AS n "
     "ORDER BY n DESC, type", {"name": "Vladimir Putin"}),
    ("labels() of neighbours", "MATCH (:Person {name: $name})-[:MET]-(b) RETURN b.name AS other, labels(b) AS labels",
     {"name": "Vladimir Putin"}),
    ("properties() of an article", "MATCH (a:Article {id: $id}) RETURN properties(a) AS props", {"id": "6e5f66c90bdc"}),
    ("keys() of a relationship", "MATCH (:Person {name: $name})-[r:HOLDS_OFFICE]->() RETURN keys(r) AS keys",
     {"name": "Sergei Lavrov"}),
    ("startNode() and endNode()", "MATCH ()-[r:SIGNED]->() RETURN startNode(r).name AS signer, "
     "endNode(r).name AS treaty", {}),
    ("evidence CONTAINS", "MATCH (a)-[r:WARNED|THREATENED]->(b) WHERE r.evidence CONTAINS 'respond' "
     "RETURN a.name AS a, type(r) AS t, b.name AS b", {}),
    ("toLower(evidence) CONTAINS, counted by type", "MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONED_IN' "
     "AND toLower(r.evidence) CONTAINS 'sanction' RETURN type(r) AS t, count(*) AS n ORDER BY n DESC, t", {}),
    ("relationship property IS NOT NULL", "MATCH (a)-[r:CRITICIZED|PRAISED|ACCUSED]->(b) WHERE r.statement IS NOT NULL "
     "RETURN a.name AS a, type(r) AS t, b.name AS b", {}),
    ("relationship property joined to a node", "MATCH (a)-[r:WARNED]->(b) MATCH (s:Statement) WHERE s.id = r.statement "
     "RETURN a.name AS a, b.name AS b, s.stance AS stance", {}),
    ("date string range", "MATCH (a:Article) WHERE a.published >= '2020-01-01' AND a.published < '2024-01-01' "
     "RETURN a.published AS date, a.title AS title ORDER BY date, title", {}),
    ("events of one year with participants", "MATCH (x)-[:PARTICIPATED_IN]->(e:Event) WHERE e.date STARTS WITH '2024' "
     "RETURN e.date AS date, e.kind AS kind, collect(x.name) AS who ORDER BY date, kind", {}),
    # -- pattern predicates, EXISTS, several MATCH clauses, cartesian products ---------------------------
    ("NOT a pattern with a labelled end", "MATCH (p:Person)-[:MENTIONED_IN]->(:Article) "
     "WHERE NOT (p)-[:MADE]->(:Statement) RETURN count(DISTINCT p) AS silent", {}),
    ("NOT EXISTS { } and EXISTS { }", "MATCH (s:State) WHERE NOT EXISTS { MATCH (s)-[:MEMBER_OF]->(:Alliance) } "
     "AND EXISTS { MATCH (s)<-[:ABOUT]-(:Statement) } RETURN s.name AS state", {}),
    ("EXISTS { } with WHERE inside", "MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:MADE]->(s:Statement) "
     "WHERE s.quoted = true } RETURN p.name AS name", {}),
    ("pattern predicate with a relationship property map", "MATCH (p:Person) "
     "WHERE (p)-[:LEADS {title: 'President'}]->(:State) RETURN p.name AS president", {}),
    ("pattern predicate with a node property map", "MATCH (p:Person) WHERE (p)-[:LEADS]->(:State {iso3: $iso}) "
     "RETURN p.name AS leader", {"iso": "RUS"}),
    ("pattern predicate of two hops", "MATCH (p:Person) "
     "WHERE (p)-[:MADE]->(:Statement)-[:ABOUT]->(:State {iso3: 'USA'}) RETURN p.name AS name", {}),
    ("pattern predicate between two bound nodes", "MATCH (a:State)-[:ALLIED_WITH]-(b:State) WHERE a.name < b.name "
     "AND (a)-[:MEMBER_OF]->(:Alliance)<-[:MEMBER_OF]-(b) RETURN a.name AS a, b.name AS b", {}),
    ("EXISTS { } short form", "MATCH (s:State) WHERE EXISTS { (s)-[:ALLIED_WITH]-(:State {iso3: 'USA'}) } "
     "RETURN s.name AS state", {}),
    ("three MATCH clauses", "MATCH (p:Person {name: $name}) MATCH (p)-[:MADE]->(s:Statement) MATCH (s)-[:ABOUT]->(t) "
     "RETURN t.name AS target, count(*) AS n ORDER BY n DESC, target", {"name": "Vladimir Putin"}),
    ("cartesian product joined in WHERE", "MATCH (e:Event), (p:Place) WHERE e.place = p.id "
     "RETURN e.name AS event, p.name AS place", {}),
    ("cartesian product: same surname", "MATCH (a:Person), (b:Person) WHERE a.name < b.name "
     "AND last(split(a.name, ' ')) = last(split(b.name, ' ')) RETURN a.name AS a, b.name AS b", {}),
    ("inline WHERE in a node pattern", "MATCH (p:Person WHERE p.name STARTS WITH 'Vl')-[:LEADS]->(s) "
     "RETURN p.name AS name, s.name AS led", {}),
    # -- symmetric types, paths, variable length ---------------------------------------------------------
    ("ALLIED_WITH undirected", "MATCH (a:State)-[:ALLIED_WITH]-(b:State) RETURN a.name AS a, b.name AS b", {}),
    ("ALLIED_WITH, each pair once", "MATCH (a:State)-[:ALLIED_WITH]-(b:State) WHERE a.name < b.name "
     "RETURN a.name AS a, b.name AS b, count(*) AS articles ORDER BY articles DESC, a, b", {}),
    ("allies of allies", "MATCH (a:State {name: $name})-[:ALLIED_WITH]-(b)-[:ALLIED_WITH]-(c) WHERE c <> a "
     "RETURN DISTINCT c.name AS state", {"name": "United States"}),
    ("paths of two ALLIED_WITH hops counted", "MATCH (a:State {name: $name})-[:ALLIED_WITH*2]-(c) "
     "RETURN c.name AS state, count(*) AS paths ORDER BY paths DESC, state", {"name": "United States"}),
    ("nodes() and relationships() of a path [ordered lists]", "MATCH p = (a:Person {name: $name})-[:LEADS]->(s:State) "
     "RETURN [n IN nodes(p) | n.name] AS names, [r IN relationships(p) | type(r)] AS types, length(p) AS hops",
     {"name": "Vladimir Putin"}),
    ("variable-length *1..3 to a label", "MATCH (a:State {name: $name})-[:MEMBER_OF|ALLIED_WITH*1..3]-(x:State) "
     "WHERE x <> a RETURN DISTINCT x.name AS state", {"name": "Poland"}),
    ("variable-length with all() over relationships", "MATCH p = (a:Person {name: $name})-[*1..2]->(x) "
     "WHERE all(r IN relationships(p) WHERE type(r) <> 'MENTIONED_IN') RETURN DISTINCT x.name AS reached",
     {"name": "Choe Son Hui"}),
    ("variable-length path lengths", "MATCH p = (a:Person {name: $name})-[:LEADS|HOLDS_OFFICE|MEMBER_OF*1..2]->(x) "
     "RETURN x.name AS x, length(p) AS hops ORDER BY hops, x", {"name": "Vladimir Putin"}),
    # -- SKIP / LIMIT, UNION, whole values -------------------------------------------------------------
    ("LIMIT with an expression", "MATCH (s:State) RETURN s.name AS name ORDER BY name LIMIT 2 + 1", {}),
    ("SKIP and LIMIT from parameters", "MATCH (p:Person) RETURN p.name AS name ORDER BY name SKIP $skip LIMIT $limit",
     {"skip": 5, "limit": 5}),
    ("ORDER BY an expression not returned", "MATCH (p:Person) WHERE size(p.aliases) > 2 RETURN p.name AS name "
     "ORDER BY size(p.aliases) DESC, name", {}),
    ("UNION of two columns", "MATCH (a)-[:SENT_TROOPS_TO]->(b) RETURN a.name AS giver, b.name AS receiver "
     "UNION MATCH (a)-[:SUPPLIED_WEAPONS_TO]->(b) RETURN a.name AS giver, b.name AS receiver", {}),
    ("UNION ALL with literals", "MATCH (a)-[:FIGHTS]->(b) RETURN 'fights' AS kind, a.name AS who "
     "UNION ALL MATCH (a)-[:SUPPORTS]->(b) RETURN 'supports' AS kind, a.name AS who", {}),
    ("whole nodes, two columns", "MATCH (p:Person)-[:LEADS]->(s:State {name: $state}) RETURN p, s",
     {"state": "Russia"}),
    ("whole path returned", "MATCH p = (a:Person {name: $name})-[:HOLDS_OFFICE]->(s) RETURN p",
     {"name": "Sergei Lavrov"}),
    ("whole relationships of a symmetric type", "MATCH (a:State {name: $name})-[r:ALLIED_WITH]-(b) "
     "RETURN b.name AS b, r",
     {"name": "United States"}),
    ("RETURN DISTINCT whole nodes", "MATCH (s:State)<-[:LEADS]-(:Person) RETURN DISTINCT s", {}),
    ("label alternatives in a pattern", "MATCH (n:Person|Organization)-[:MADE]->(:Statement) "
     "RETURN DISTINCT n.name AS speaker", {}),
    ("pattern comprehension", "MATCH (s:State {name: $name}) RETURN [(s)<-[:LEADS]-(p) | p.name] AS leaders",
     {"name": "Russia"}),
    ("pattern comprehension with a property map", "MATCH (s:State) "
     "RETURN s.name AS state, [(s)<-[:LEADS {title: 'President'}]-(p) | p.name] AS presidents", {}),
    ("pattern comprehension, undirected, counted", "MATCH (s:State) "
     "RETURN s.name AS state, size([(s)-[:ALLIED_WITH]-(o:State) | o]) AS allies ORDER BY allies DESC, state LIMIT 8",
     {}),
    # -- aggregation grouped by nodes first (the layer's rewrite), and shapes it leaves alone ----------------
    ("grouped first: events sharing a name", "MATCH (e:Event)-[r]-(x) RETURN e.name AS event, count(r) AS links, "
     "min(type(r)) AS first_type, max(x.name) AS last_other ORDER BY event", {}),
    ("grouped first: a key many nodes share, count sum min max", "MATCH (n)-[m:MENTIONED_IN]->(art:Article) "
     "RETURN n:Person AS person, count(m) AS mentions, sum(m.count) AS total, min(art.published) AS first, "
     "max(art.published) AS last ORDER BY person", {}),
    ("grouped first: WHERE comparing two grouped nodes", "MATCH (a)-[:MADE]->(s:Statement)-[:ABOUT]->(t) "
     "WHERE a.name < t.name RETURN toUpper(a.name) AS speaker, t.name AS target, "
     "count(s) AS statements ORDER BY statements DESC, speaker, target LIMIT 10", {}),
    ("grouped first: WHERE on a node not grouped", "MATCH (a)-[:MADE]->(s:Statement) WHERE s.quoted = true "
     "RETURN a.name AS speaker, count(s) AS quotes ORDER BY quotes DESC, speaker LIMIT 10", {}),
    ("grouped first: WHERE on one grouped node and on two", "MATCH (a:Person)-[:MENTIONED_IN]->(art:Article)"
     "<-[:MENTIONED_IN]-(b) WHERE a.name STARTS WITH 'V' AND a.name < b.name RETURN a.name AS a, "
     "count(b) AS others, max(b.name) AS last ORDER BY others DESC, a LIMIT 10", {}),
    ("grouped first: null keys, null values", "MATCH (e:Event)-[r]-(x) RETURN e.date AS date, "
     "count(e.place) AS placed, sum(CASE WHEN e.place IS NULL THEN null ELSE 1 END) AS placed_links, "
     "min(e.place) AS place, count(*) AS links ORDER BY date, links", {}),
    ("grouped first: by a relationship", "MATCH (p:Person)-[r:HOLDS_OFFICE]->(s:State)-[:MEMBER_OF]->(al) "
     "RETURN r.title AS title, count(al) AS memberships ORDER BY memberships DESC, title", {}),
    ("grouped first: whole nodes as keys", "MATCH (s:State)<-[:LEADS]-(p:Person)-[:MENTIONED_IN]->(art) "
     "RETURN s, count(art) AS mentions ORDER BY mentions DESC, s.name LIMIT 5", {}),
    ("not grouped first: avg, collect, count(DISTINCT)", "MATCH (a)-[:MADE]->(s:Statement) RETURN a.name AS speaker, "
     "count(DISTINCT s.stance) AS stances, avg(size(s.text)) AS mean_length, size(collect(s.stance)) AS said "
     "ORDER BY said DESC, speaker LIMIT 8", {}),
    # -- whole-graph patterns compiled to SQL (embedded_sql): directions, labels, types, nulls, ties ---
    ("to SQL: an incoming hop first, then outgoing", "MATCH (s:Statement)<-[:MADE]-(a)-[:MENTIONED_IN]->(art:Article) "
     "RETURN a.name AS speaker, count(DISTINCT s) AS statements, count(DISTINCT art) AS articles ORDER BY statements "
     "DESC, speaker LIMIT 10", {}),
    ("to SQL: a relationship's integer property compared", "MATCH (n)-[m:MENTIONED_IN]->(a:Article) WHERE m.count >= "
     "3 RETURN n.name AS name, a.id AS article, m.count AS times ORDER BY times DESC, name, article", {}),
    ("to SQL: integers against a float", "MATCH (n)-[m:MENTIONED_IN]->(:Article) WHERE m.count > 2.5 RETURN count(*) "
     "AS n", {}),
    ("to SQL: a text parameter compared", "MATCH (a:Article) WHERE a.published >= $since RETURN a.published AS date "
     "ORDER BY date DESC", {"since": "2023-06-01"}),
    ("to SQL: properties of two nodes compared", "MATCH (a)-[:MET]->(b) WHERE a.name > b.name RETURN a.name AS a, "
     "b.name AS b ORDER BY a, b", {}),
    ("to SQL: a property no node has", "MATCH (s:State) RETURN s.name AS state, s.population AS population ORDER BY "
     "state LIMIT 3", {}),
    ("to SQL: comparing a property no node has keeps no row", "MATCH (s:State) WHERE s.population > 1 RETURN count(*) "
     "AS n", {}),
    ("to SQL: DESC puts nulls first", "MATCH (e:Event) RETURN e.date AS date, e.name AS event ORDER BY date DESC, "
     "event", {}),
    ("to SQL: ties broken by a later key", "MATCH (p:Person)-[:MENTIONED_IN]->(a:Article) RETURN p.name AS person, "
     "count(a) AS articles ORDER BY articles DESC, person LIMIT 15", {}),
    ("to SQL: parallel edges counted", "MATCH (a)-[r:LEADS]->(s:State) RETURN a.name AS leader, s.name AS state, "
     "count(r) AS edges, count(DISTINCT r.article) AS articles ORDER BY edges DESC, leader, state", {}),
    ("to SQL: a node bound twice, there and back", "MATCH (a:State)-[:ALLIED_WITH]->(b)-[:ALLIED_WITH]->(a) RETURN "
     "a.name AS a, b.name AS b", {}),
    ("to SQL: any type between two labels", "MATCH (p:Person)-[r]->(s:State) RETURN type(r) AS type, count(*) AS n "
     "ORDER BY n DESC, type", {}),
    ("to SQL: sum(DISTINCT) and avg of integers", "MATCH (n:State)-[m:MENTIONED_IN]->(:Article) RETURN n.name AS "
     "state, sum(DISTINCT m.count) AS distinct_counts, avg(m.count) AS mean ORDER BY state", {}),
    ("to SQL: properties of two relationships compared", "MATCH "
     "(a)-[r1:MENTIONED_IN]->(art:Article)<-[r2:MENTIONED_IN]-(b) WHERE r1.count > r2.count AND a.name < b.name "
     "RETURN count(*) AS pairs", {}),
    ("to SQL: anonymous nodes, type alternatives", "MATCH ()-[r:SUPPORTS|OPPOSES|WARNED]->() RETURN type(r) AS t, "
     "count(*) AS n ORDER BY t", {}),
    ("to SQL: two labels on one node", "MATCH (n:Person:Node)-[:HOLDS_OFFICE]->(o) RETURN DISTINCT n.name AS name "
     "ORDER BY name", {}),
    ("to SQL: <> between two nodes' properties", "MATCH (a:Person)-[:HOLDS_OFFICE]->(s)<-[:HOLDS_OFFICE]-(b:Person) "
     "WHERE a.name <> b.name RETURN s.name AS office, count(*) AS pairs ORDER BY pairs DESC, office", {}),
    ("to SQL: equal properties of two nodes", "MATCH (e:Event)-[:LOCATED_IN]->(p:Place) WHERE e.place = p.id RETURN "
     "count(*) AS n", {}),
    ("to SQL: a negative number", "MATCH (s:Statement) WHERE s.start > -1 AND s.end <= 100000 RETURN count(*) AS n, "
     "min(s.start) AS first, max(s.end) AS last", {}),
    ("to SQL: DISTINCT types", "MATCH (:Person)-[r]->(:Organization) RETURN DISTINCT type(r) AS t", {}),
    ("to SQL: a text literal bound", "MATCH (p:Person)-[:MENTIONED_IN]->(a:Article) WHERE p.name < 'M' AND "
     "a.published > '2000' RETURN p.name AS name, count(*) AS n ORDER BY n DESC, name LIMIT 10", {}),
    ("to SQL: a self-join through an event", "MATCH (a)-[r1:PARTICIPATED_IN]->(e:Event)<-[r2:PARTICIPATED_IN]-(b) "
     "WHERE r1.role = 'host' AND a.name <> b.name RETURN a.name AS host, r2.role AS role, b.name AS other, e.kind AS "
     "kind ORDER BY host, other, role, kind", {}),
    ("to SQL: numeric parameters and SKIP", "MATCH (n)-[m:MENTIONED_IN]->(:Article) WHERE m.count >= $least RETURN "
     "n.name AS name, sum(m.count) AS total ORDER BY total DESC, name SKIP $skip LIMIT 5", {"least": 2, "skip": 1}),
    ("to SQL: missing relationship property in an aggregate", "MATCH ()-[r:LEADS]->() RETURN count(r.weight) AS "
     "weighted, sum(r.weight) AS total, min(r.weight) AS least, count(*) AS n", {}),
    ("to SQL: IS NULL on a relationship property", "MATCH (a)-[r:PARTICIPATED_IN]->(e:Event) WHERE r.role IS NULL AND "
     "e.kind IS NOT NULL RETURN count(*) AS n, count(DISTINCT e.kind) AS kinds", {}),
    ("to SQL: four hops", "MATCH "
     "(a:Person)-[:MADE]->(s:Statement)-[:ABOUT]->(x)-[:MENTIONED_IN]->(art:Article)<-[:MENTIONED_IN]-(a) RETURN "
     "a.name AS speaker, count(DISTINCT x) AS about ORDER BY about DESC, speaker LIMIT 10", {}),
    ("to SQL: undirected, labels on both ends", "MATCH (a:State)-[r:ALLIED_WITH]-(b:State) RETURN a.name AS a, b.name "
     "AS b, count(r) AS n ORDER BY a, b", {}),
    ("to SQL: undirected in a chain", "MATCH (p:Person)-[:MET]-(q)-[:MENTIONED_IN]->(art:Article) RETURN p.name AS p, "
     "count(DISTINCT art) AS articles ORDER BY articles DESC, p LIMIT 10", {}),
    ("to SQL: type() compared in WHERE", "MATCH (a:Person)-[r]->(b) WHERE type(r) >= 'M' AND type(r) < 'N' RETURN "
     "type(r) AS t, count(*) AS n ORDER BY t", {}),
    ("to SQL: degree with a property of the other end", "MATCH (a:State)-[r]-(b) WHERE type(r) <> 'MENTIONED_IN' "
     "RETURN a.name AS state, count(r) AS degree, max(b.name) AS last ORDER BY degree DESC, state LIMIT 10", {}),
    ("to SQL: keys of a node and of a relationship", "MATCH (a:Person)-[r]->(x) RETURN a.name AS person, type(r) AS "
     "t, count(*) AS n, min(x.name) AS first ORDER BY n DESC, person, t LIMIT 12", {}),
    ("to SQL: a key nobody has", "MATCH (s:State)-[r]-() RETURN s.population AS population, count(*) AS n", {}),
    ("to SQL: undirected between two variables bound twice", "MATCH (a)-[:ALLIED_WITH]-(b)-[:ALLIED_WITH]-(a) RETURN "
     "a.name AS a, b.name AS b, count(*) AS n ORDER BY a, b", {}),
]
