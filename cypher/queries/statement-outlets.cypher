// Statements with the outlet they are attributed to (REPORTED_BY), for one speaker.
// params: actor="Kim Jong Un"
// names: actor
// backends: embedded, neo4j
MATCH (a)-[:MADE]->(s:Statement)-[:REPORTED_BY]->(o:Organization)
WHERE a.name = $actor
RETURN o.name AS outlet, s.stance AS stance, s.text AS text, count(s) AS articles
ORDER BY outlet, text
