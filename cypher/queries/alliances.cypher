// Every alliance, treaty or partnership with its members.
// params: (none)
// backends: networkx, neo4j
MATCH (s)-[:MEMBER_OF]->(a:Alliance)
RETURN a.name AS alliance, s.name AS member
ORDER BY alliance, member
