// Everything one actor said: each statement's stance, words and evidence sentence.
// params: actor="Sergei Lavrov"
// backends: networkx, neo4j
MATCH (a)-[m:MADE]->(s:Statement)
WHERE a.name = $actor
RETURN s.stance AS stance, s.quoted AS quoted, s.text AS text, m.evidence AS evidence
ORDER BY text
