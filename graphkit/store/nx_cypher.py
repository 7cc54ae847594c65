"""Cypher on the embedded store: grand-cypher, with the gaps users hit most closed.

grand-cypher parses a subset of Cypher. This adapter rewrites what it safely
can before handing the query over, and refuses what it cannot run with one
line naming the construct, so that nothing silently returns wrong rows:

* ``$name`` parameters are bound as literals (strings JSON-escaped, so a value
  can never change the query's structure);
* single-quoted strings become double-quoted ones;
* ``count(...)`` in any case becomes ``COUNT(...)``;
* ``x IS NOT NULL`` becomes ``NOT x IS NULL`` and ``count(*)`` counts the
  first matched node;
* undirected patterns ``(a)-[r]-(b)`` run as directed ones on a view of the
  graph that holds every relationship in both directions (what Neo4j matches);
* the RETURN clause's column order is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..errors import QueryError

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_AGGREGATES = ("count", "sum", "avg", "max", "min", "collect")
_UNSUPPORTED = (
    (re.compile(r"\bOPTIONAL\s+MATCH\b", re.I), "OPTIONAL MATCH"),
    (re.compile(r"(?<!STARTS )(?<!ENDS )\bWITH\b", re.I), "WITH"),
    (re.compile(r"\bUNWIND\b", re.I), "UNWIND"),
    (re.compile(r"\b(shortestPath|allShortestPaths)\s*\(", re.I), "shortestPath()"),
    (re.compile(r"\blabels\s*\(", re.I), "labels()"),
    (re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE)\b", re.I), "writing clauses (CREATE/MERGE/SET/DELETE)"),
    (re.compile(r"\bCALL\b", re.I), "CALL"),
    (re.compile(r"\bUNION\b", re.I), "UNION"),
    (re.compile(r"\bEXISTS\s*\(", re.I), "exists()"),
    (re.compile(r"\b(nodes|relationships|length)\s*\(\s*p\b", re.I), "path functions"),
)
_IS_NOT_NULL = re.compile(r"(\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?)\s+IS\s+NOT\s+NULL\b", re.I)
_COUNT_STAR = re.compile(r"\bCOUNT\s*\(\s*\*\s*\)", re.I)
_FIRST_VAR = re.compile(r"\bMATCH\s*\(\s*([A-Za-z_]\w*)", re.I)
#: An edge pattern with no arrow on either side: -[...]- or --
_UNDIRECTED = re.compile(r"(?<![<])-(\[[^\]]*\])?-(?![>])")
_DIRECTED = re.compile(r"<-(\[[^\]]*\])?-|-(\[[^\]]*\])?->")


def literal(value: Any, name: str) -> str:
    """A Cypher literal for a parameter value, safe to place in query text."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=True)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v, name) for v in value) + "]"
    raise QueryError(f"parameter ${name}: values of type {type(value).__name__} are not supported")


def _split_strings(cypher: str) -> list[tuple[bool, str]]:
    """Split query text into (is_string_literal, text) pieces; strings come out double-quoted."""
    pieces: list[tuple[bool, str]] = []
    i, n, start = 0, len(cypher), 0
    while i < n:
        ch = cypher[i]
        if ch == "/" and cypher.startswith("//", i):
            end = cypher.find("\n", i)
            end = n if end < 0 else end
            pieces.append((False, cypher[start:i]))
            i = start = end
            continue
        if ch in ("'", '"'):
            pieces.append((False, cypher[start:i]))
            j, buf = i + 1, []
            while j < n and cypher[j] != ch:
                if cypher[j] == "\\" and j + 1 < n:
                    buf.append(cypher[j:j + 2])
                    j += 2
                    continue
                buf.append(cypher[j])
                j += 1
            if j >= n:
                raise QueryError("unterminated string literal in query")
            raw = "".join(buf)
            try:
                value = json.loads('"' + raw.replace("\\'", "'").replace('"', '\\"') + '"') \
                    if ch == "'" else json.loads('"' + raw + '"')
            except ValueError as e:
                raise QueryError(f"bad escape in string literal {raw[:30]!r}") from e
            pieces.append((True, json.dumps(value, ensure_ascii=True)))
            i = start = j + 1
            continue
        i += 1
    pieces.append((False, cypher[start:]))
    return pieces


@dataclass
class Prepared:
    """A query rewritten for grand-cypher."""

    text: str
    columns: list[str]
    #: the query's relationship patterns are all undirected: run it on the both-ways view
    undirected: bool = False


def prepare(cypher: str, params: dict[str, Any] | None = None) -> Prepared:
    """Rewrite a query for grand-cypher: bound parameters, quotes, aggregates, directions, columns."""
    params = params or {}
    out: list[str] = []
    code_only: list[str] = []
    for is_string, text in _split_strings(cypher):
        if is_string:
            out.append(text)
            code_only.append('""')
            continue
        for pattern, construct in _UNSUPPORTED:
            if pattern.search(text):
                raise QueryError(f"{construct} is not supported on the embedded backend; "
                                 "use --backend neo4j")

        def bind(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in params:
                raise QueryError(f"query uses ${name} but no value was given (--param {name}=...)")
            return literal(params[name], name)

        text = _PARAM.sub(bind, text)
        text = re.sub(r"\b(" + "|".join(_AGGREGATES) + r")\s*\(",
                      lambda m: m.group(1).upper() + "(", text, flags=re.I)
        text = _IS_NOT_NULL.sub(lambda m: f"NOT {m.group(1)} IS NULL", text)
        out.append(text)
        code_only.append(text)
    query = "".join(out).strip().rstrip(";").strip()
    code = "".join(code_only)
    columns = return_columns(query)
    if _COUNT_STAR.search(code):
        first = _FIRST_VAR.search(code)
        if first is None:
            raise QueryError("count(*) needs a named node in MATCH on the embedded backend; "
                             "use --backend neo4j")
        query = _COUNT_STAR.sub(f"COUNT({first.group(1)})", query)
    patterns = re.sub(r"\bRETURN\b.*", "", re.sub(r'"(?:[^"\\]|\\.)*"', '""', query), flags=re.I | re.S)
    undirected = bool(_UNDIRECTED.search(patterns))
    if undirected and _DIRECTED.search(patterns):
        raise QueryError("mixing directed and undirected relationship patterns is not supported on the "
                         "embedded backend; use --backend neo4j")
    if undirected:
        query = _UNDIRECTED.sub(lambda m: "-" + (m.group(1) or "") + "->", query)
    return Prepared(query, columns, undirected)


def return_columns(cypher: str) -> list[str]:
    """The column names of the last RETURN clause, as grand-cypher names its result keys."""
    masked = re.sub(r'"(?:[^"\\]|\\.)*"', lambda m: "_" * len(m.group(0)), cypher)
    found = list(re.finditer(r"\bRETURN\b", masked, re.I))
    if not found:
        raise QueryError("query has no RETURN clause")
    start = found[-1].end()
    stop = re.search(r"\b(ORDER\s+BY|SKIP|LIMIT)\b", masked[start:], re.I)
    clause = cypher[start:start + stop.start()] if stop else cypher[start:]
    clause = re.sub(r"^\s*DISTINCT\b", "", clause, flags=re.I)
    items, depth, buf = [], 0, ""
    for ch in clause:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(buf)
            buf = ""
        else:
            buf += ch
    items.append(buf)
    columns = []
    for item in items:
        item = item.strip()
        alias = re.search(r"\s+AS\s+([A-Za-z_][A-Za-z0-9_]*)\s*$", item, re.I)
        columns.append(alias.group(1) if alias else re.sub(r"\s+", "", item))
    return columns


_ANCHOR = re.compile(r'(?<!NOT )\b([A-Za-z_]\w*)\.(name|id)\s*=\s*("(?:[^"\\]|\\.)*")', re.I)
_INLINE = re.compile(r'\(\s*([A-Za-z_]\w*)\s*(?::\s*[A-Za-z_|]+\s*)?\{\s*(name|id)\s*:\s*("(?:[^"\\]|\\.)*")\s*\}')


def anchor(query: str) -> tuple[str, str, str] | None:
    """A node variable pinned to one name or id: (variable, key, value), for an index lookup.

    Only where pinning is certain: no OR anywhere, the variable is a node of a
    MATCH pattern. grand-cypher then starts matching from that node instead of
    scanning every node (milliseconds instead of minutes on a million edges).
    """
    code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', query)
    if re.search(r"\bOR\b|\bXOR\b", code, re.I):
        return None
    found = _INLINE.search(query) or _ANCHOR.search(query)
    if found is None:
        return None
    var, key, literal_text = found.group(1), found.group(2).lower(), found.group(3)
    if not re.search(r"\(\s*" + re.escape(var) + r"\b", code):
        return None
    return var, key, json.loads(literal_text)


_NODE = re.compile(r"\(\s*([A-Za-z_]\w*)?\s*(?::\s*[A-Za-z_]\w*(?:\s*\|\s*[A-Za-z_]\w*)*\s*)?(?:\{[^{}()]*\}\s*)?\)")
#: One fixed-length relationship: -->, <--, -[r:T]->, <-[r]- ... and nothing with a * (variable length) in it.
_EDGE = re.compile(r"<?-(?:\[[^\[\]*]*\])?->?")


def pattern_hops(query: str, var: str) -> int | None:
    """How many relationships the query's one MATCH pattern has, when every match lies that close to ``var``.

    A prepared query whose only clause of pattern is one ``MATCH`` chain of
    nodes and fixed-length relationships, with ``var`` one of its nodes: then
    every node of every match is at most that many relationships away from
    the node ``var`` is matched to, in either direction, and the query can run
    on that neighbourhood instead of the whole graph. ``None`` when that is not
    certain: a second MATCH, a variable-length ``*`` relationship, a named path
    (``p = ...``), an ``EXISTS { }`` subquery, or anything this cannot parse.
    """
    code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', query)
    if len(re.findall(r"\bMATCH\b", code, re.I)) != 1 or re.search(r"\bEXISTS\b", code, re.I):
        return None
    head = re.match(r"\s*MATCH\b(.*?)(?=\bWHERE\b|\bRETURN\b)", code, re.I | re.S)
    if head is None or "{" in code[head.end():]:
        return None
    pattern, pos, hops, nodes = head.group(1).strip(), 0, 0, []
    while True:
        node = _NODE.match(pattern, pos)
        if node is None:
            return None
        nodes.append(node.group(1))
        pos = node.end()
        while pos < len(pattern) and pattern[pos].isspace():
            pos += 1
        if pos == len(pattern):
            break
        edge = _EDGE.match(pattern, pos)
        if edge is None:
            return None
        hops += 1
        pos = edge.end()
        while pos < len(pattern) and pattern[pos].isspace():
            pos += 1
    return hops if var in nodes else None
