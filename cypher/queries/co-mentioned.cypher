// Actors mentioned in the same articles as one actor, and in how many (co-occurrence, not a relationship).
// params: actor="Sergei Lavrov"
// names: actor
// backends: embedded, neo4j
MATCH (a)-[:MENTIONED_IN]->(art:Article)<-[:MENTIONED_IN]-(b)
WHERE a.name = $actor
RETURN b.name AS other, count(art) AS articles
ORDER BY articles DESC, other
