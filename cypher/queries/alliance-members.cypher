// The members of one alliance, treaty or partnership, and in how many articles.
// params: alliance="Comprehensive Strategic Partnership Treaty"
// names: alliance
// backends: embedded, neo4j
MATCH (s)-[r:MEMBER_OF]->(a:Alliance)
WHERE a.name = $alliance
RETURN s.name AS member, a.kind AS kind, count(r) AS articles
ORDER BY member
