// Who supports, opposes, warns, accuses, criticizes, praises, threatens, urges or meets whom, in how many articles.
// params: (none)
// backends: embedded, neo4j
MATCH (a)-[r:SUPPORTS|OPPOSES|WARNED|ACCUSED|CRITICIZED|PRAISED|THREATENED|CALLED_ON|MET|COOPERATES_WITH]->(b)
RETURN a.name AS source, type(r) AS interaction, b.name AS target, count(r) AS articles
ORDER BY source, interaction, target
