"""graphkit: news articles to a knowledge graph, in Neo4j or an embedded NetworkX store."""

from .errors import GraphkitError
from .model import GraphDoc, Node, Relationship

__version__ = "0.1.0"
__all__ = ["GraphDoc", "GraphkitError", "Node", "Relationship", "__version__"]
