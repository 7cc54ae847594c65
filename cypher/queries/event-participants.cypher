// Who took part in which event, and in what role.
// params: (none)
// backends: networkx, neo4j
MATCH (x)-[r:PARTICIPATED_IN]->(e:Event)
RETURN e.kind AS kind, e.name AS event, x.name AS participant, r.role AS role
ORDER BY kind, event, participant
