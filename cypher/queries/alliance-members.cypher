// The members of one alliance, treaty or partnership, and whether the text says they signed it.
// params: alliance="Comprehensive Strategic Partnership Treaty"
// backends: networkx, neo4j
MATCH (s)-[:MEMBER_OF]->(a:Alliance)
WHERE a.name = $alliance
RETURN s.name AS member, a.kind AS kind
ORDER BY member
