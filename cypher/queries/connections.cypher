// Everything directly linked to one actor, in either direction (but articles), and in how many articles.
// params: actor="Choe Son Hui"
// names: actor
// backends: embedded, neo4j
MATCH (a)-[r]-(b)
WHERE a.name = $actor AND type(r) <> "MENTIONED_IN"
RETURN type(r) AS relation, b.name AS other, count(r) AS articles
ORDER BY relation, other
