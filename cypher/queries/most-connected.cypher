// The most connected actors: relationships of any kind but MENTIONED_IN, both directions.
// params: limit=10
// backends: embedded, neo4j
MATCH (a)-[r]-(b)
WHERE type(r) <> "MENTIONED_IN" AND type(r) <> "PARTICIPATED_IN"
RETURN a.name AS actor, count(r) AS degree
ORDER BY degree DESC, actor
LIMIT $limit
