// Shortest paths between two actors, up to four hops, ignoring articles (Neo4j only:
// on the embedded store use `graphkit path A B`).
// params: from="Choe Son Hui" to="Ukraine"
// names: from to
// backends: neo4j
MATCH (a {name: $from}), (b {name: $to})
MATCH p = allShortestPaths((a)-[*..4]-(b))
WHERE none(r IN relationships(p) WHERE type(r) = "MENTIONED_IN")
RETURN [n IN nodes(p) | n.name] AS path, length(p) AS hops
ORDER BY hops
