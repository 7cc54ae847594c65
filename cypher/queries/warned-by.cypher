// The actors one actor warned (WARNED), and in how many articles (see provenance for the sentences).
// params: actor="Sergei Lavrov"
// names: actor
// backends: embedded, neo4j
MATCH (a)-[r:WARNED]->(b)
WHERE a.name = $actor
RETURN b.name AS warned, count(r) AS articles
ORDER BY warned
