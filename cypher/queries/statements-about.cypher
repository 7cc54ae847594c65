// What was said about one actor or place: speaker, stance and words.
// params: target="Japan"
// names: target
// backends: embedded, neo4j
MATCH (a)-[:MADE]->(s:Statement)-[:ABOUT]->(t)
WHERE t.name = $target
RETURN a.name AS speaker, s.stance AS stance, s.text AS text, count(s) AS articles
ORDER BY speaker, text
