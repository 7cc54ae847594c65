// Who supports, opposes, warns, accuses, criticizes, praises, threatens, urges or meets whom.
// params: (none)
// backends: networkx, neo4j
MATCH (a)-[r:SUPPORTS|OPPOSES|WARNED|ACCUSED|CRITICIZED|PRAISED|THREATENED|CALLED_ON|MET|COOPERATES_WITH]->(b)
RETURN a.name AS source, type(r) AS interaction, b.name AS target, r.cameo AS cameo
ORDER BY source, interaction, target
