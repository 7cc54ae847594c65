// Who holds which office (every HOLDS_OFFICE with its title).
// params: (none)
// backends: networkx, neo4j
MATCH (p:Person)-[r:HOLDS_OFFICE]->(x)
RETURN p.name AS person, r.title AS title, x.name AS of
ORDER BY person, of
