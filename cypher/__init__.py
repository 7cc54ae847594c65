"""graphkit's Cypher files, installed as the package ``graphkit.cypher``.

``queries/*.cypher`` is the query library (``graphkit queries``) and
``schema.cypher`` the Neo4j schema generated from ``graphkit/schema.py``. The
folder stays at the top of the repository so that the queries are easy to find
and read; pyproject.toml maps it into the package so that an installed graphkit
has them too.
"""
