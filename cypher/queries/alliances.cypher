// Every alliance, treaty or partnership with its members, and in how many articles.
// params: (none)
// backends: embedded, neo4j
MATCH (s)-[r:MEMBER_OF]->(a:Alliance)
RETURN a.name AS alliance, s.name AS member, count(r) AS articles
ORDER BY alliance, member
