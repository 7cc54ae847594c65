// The people and agencies of one state: its leaders, office holders and organizations.
// params: state="North Korea"
// names: state
// backends: embedded, neo4j
MATCH (x)-[r:LEADS|HOLDS_OFFICE|PART_OF]->(s:State)
WHERE s.name = $state
RETURN x.name AS name, type(r) AS relation, r.title AS title, count(r) AS articles
ORDER BY relation, name
