// Who took part in which event, in what role, and in how many articles.
// params: (none)
// backends: embedded, neo4j
MATCH (x)-[r:PARTICIPATED_IN]->(e:Event)
RETURN e.kind AS kind, e.name AS event, x.name AS participant, r.role AS role, count(r) AS articles
ORDER BY kind, event, participant
