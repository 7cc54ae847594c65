// Where a relationship between two nodes came from: type, article and evidence sentence.
// params: from="Sergei Lavrov" to="Japan"
// names: from to
// backends: embedded, neo4j
MATCH (a)-[r]->(b)
WHERE a.name = $from AND b.name = $to
RETURN type(r) AS relation, r.article AS article, r.evidence AS evidence
ORDER BY relation
