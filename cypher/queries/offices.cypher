// Who holds which office (HOLDS_OFFICE with its title), and in how many articles.
// params: (none)
// backends: embedded, neo4j
MATCH (p:Person)-[r:HOLDS_OFFICE]->(x)
RETURN p.name AS person, r.title AS title, x.name AS of, count(r) AS articles
ORDER BY person, of
