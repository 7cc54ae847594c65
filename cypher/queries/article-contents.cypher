// Everything mentioned in one article (by Article id), most mentioned first.
// params: article="c0c4de2189be"
// backends: embedded, neo4j
MATCH (n)-[m:MENTIONED_IN]->(a:Article)
WHERE a.id = $article
RETURN n.name AS name, m.count AS mentions
ORDER BY mentions DESC, name
