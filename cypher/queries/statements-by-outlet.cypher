// Statements one outlet reported, with who made them.
// params: outlet="Korean Central News Agency"
// names: outlet
// backends: embedded, neo4j
MATCH (a)-[:MADE]->(s:Statement)-[:REPORTED_BY]->(o:Organization)
WHERE o.name = $outlet
RETURN a.name AS speaker, s.stance AS stance, s.text AS text, count(s) AS articles
ORDER BY speaker, text
