// Who leads which state, organization or alliance, with the title the text gave them.
// params: (none)
// backends: networkx, neo4j
MATCH (p:Person)-[r:LEADS]->(x)
RETURN p.name AS person, r.title AS title, x.name AS leads
ORDER BY person, leads
