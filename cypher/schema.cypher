// graphkit's Neo4j schema, generated from graphkit/schema.py (make schema).
// Applied by Neo4jStore.ensure_schema() before every load; all IF NOT EXISTS, so safe to rerun.
// Every node also carries the label Node (ids are unique across the graph), so a load
// finds both ends of a relationship by one index, and `MATCH (n:Node {id: $id})` finds any node.
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE INDEX article_name IF NOT EXISTS FOR (n:Article) ON (n.name);
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE CONSTRAINT state_id IF NOT EXISTS FOR (n:State) REQUIRE n.id IS UNIQUE;
CREATE INDEX state_name IF NOT EXISTS FOR (n:State) ON (n.name);
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name);
CREATE CONSTRAINT alliance_id IF NOT EXISTS FOR (n:Alliance) REQUIRE n.id IS UNIQUE;
CREATE INDEX alliance_name IF NOT EXISTS FOR (n:Alliance) ON (n.name);
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE INDEX event_name IF NOT EXISTS FOR (n:Event) ON (n.name);
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE;
CREATE INDEX statement_name IF NOT EXISTS FOR (n:Statement) ON (n.name);
CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE;
