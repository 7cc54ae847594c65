// Pairs of states the text calls allies (ALLIED_WITH, unordered).
// params: (none)
// backends: networkx, neo4j
MATCH (a:State)-[r:ALLIED_WITH]->(b:State)
RETURN a.name AS state, b.name AS ally, r.evidence AS evidence
ORDER BY state, ally
