// Who sent troops or weapons to whom, and who fights whom, in how many articles.
// params: (none)
// backends: embedded, neo4j
MATCH (a)-[r:SENT_TROOPS_TO|SUPPLIED_WEAPONS_TO|FIGHTS]->(b)
RETURN a.name AS source, type(r) AS action, b.name AS target, count(r) AS articles
ORDER BY source, action, target
