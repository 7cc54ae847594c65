// Everything directly linked to one actor, in either direction (but articles).
// params: actor="Choe Son Hui"
// backends: networkx, neo4j
MATCH (a)-[r]-(b)
WHERE a.name = $actor AND type(r) <> "MENTIONED_IN"
RETURN type(r) AS relation, b.name AS other
ORDER BY relation, other
