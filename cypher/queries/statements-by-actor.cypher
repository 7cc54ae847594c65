// Everything one actor said: each statement's stance and words, and in how many articles.
// params: actor="Sergei Lavrov"
// names: actor
// backends: embedded, neo4j
MATCH (a)-[:MADE]->(s:Statement)
WHERE a.name = $actor
RETURN s.stance AS stance, s.quoted AS quoted, s.text AS text, count(s) AS articles
ORDER BY text
