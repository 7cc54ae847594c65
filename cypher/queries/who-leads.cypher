// Who leads which state, organization or alliance, with the title the text gave them, in how many articles.
// params: (none)
// backends: embedded, neo4j
MATCH (p:Person)-[r:LEADS]->(x)
RETURN p.name AS person, r.title AS title, x.name AS leads, count(r) AS articles
ORDER BY person, leads
