// Events in date order (events without a resolved date are left out).
// params: (none)
// backends: embedded, neo4j
MATCH (e:Event)
WHERE e.date IS NOT NULL
RETURN e.date AS date, e.kind AS kind, e.name AS event
ORDER BY date, event
