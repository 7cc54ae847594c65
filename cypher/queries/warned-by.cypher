// The actors one actor warned (WARNED), with the sentence it came from.
// params: actor="Sergei Lavrov"
// backends: networkx, neo4j
MATCH (a)-[r:WARNED]->(b)
WHERE a.name = $actor
RETURN b.name AS warned, r.evidence AS evidence
ORDER BY warned
