// Pairs of states the text calls allies (ALLIED_WITH, unordered), and in how many articles.
// params: (none)
// backends: embedded, neo4j
MATCH (a:State)-[r:ALLIED_WITH]->(b:State)
RETURN a.name AS state, b.name AS ally, count(r) AS articles
ORDER BY state, ally
