// Statements one outlet reported, with who made them.
// params: outlet="Korean Central News Agency"
// backends: networkx, neo4j
MATCH (a)-[:MADE]->(s:Statement)-[:REPORTED_BY]->(o:Organization)
WHERE o.name = $outlet
RETURN a.name AS speaker, s.stance AS stance, s.text AS text
ORDER BY speaker, text
