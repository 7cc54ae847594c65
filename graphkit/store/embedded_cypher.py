"""Cypher on the embedded store: graphqlite runs it, this module decides what it may run and how.

Each query text is read once (``analyse``, cached): a tokenizer that knows
strings, comments, backticks and parameters, and a small reader of MATCH
patterns. From that one reading come

* **refusals by name** for what the store does not do or would answer
  differently from Neo4j: writing clauses (the store is the loader's),
  ``CALL``, ``shortestPath``/``allShortestPaths`` (graphqlite searches every
  path; ``graphkit path`` answers the question), variable-length relationships
  without an upper bound of at most ``MAX_HOPS``, ``collect(DISTINCT ...)``
  (graphqlite keeps the duplicates), ``COUNT { }``/``COLLECT { }``;
* **rewrites** that make graphqlite give Neo4j's rows: an unnamed
  relationship of an OPTIONAL MATCH gets a name (graphqlite merges the rows of
  parallel relationships otherwise) and an OPTIONAL MATCH chain becomes one
  pattern per relationship (graphqlite drops the rows it does not match);
  the relationships of comma-separated patterns of one MATCH are required to
  be different ones (Neo4j's relationship uniqueness, which graphqlite applies
  within one chain only); a RETURN alias that repeats a variable gets a hidden
  name (graphqlite puts every row in one group); ``labels()`` lists ``Node``
  last, as Neo4j does; and a node pinned in WHERE by ``v.key = value`` is also
  pinned in its pattern (``(v {key: value})``), which graphqlite looks up
  through its index instead of scanning every node;
* the **columns** of the result, named as Neo4j names them;
* the **labels, relationship types and property names** the query uses, which
  the store checks against its data to warn about names it does not hold.

Syntax errors come from graphqlite's parser, rewritten as one line that says
where and what was expected. The pins of graphqlite and pysqlite3 are
checked by the conformance suite (tests/test_cypher_conformance.py): every
query there gives Neo4j's rows or is refused by name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import QueryError
from .neo4j import NODE_LABEL

#: Longest variable-length relationship run (``*..3``); longer ones search too many paths.
MAX_HOPS = 3
#: Prefix of the relationship names this module adds (users do not write names like it).
HIDDEN = "_gk_r"

_TOKEN = re.compile(r"""
  (?P<ws>\s+|//[^\n]*|/\*.*?\*/)
| (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
| (?P<bq>`(?:[^`]|``)+`)
| (?P<num>\d+\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)
| (?P<param>\$(?:[A-Za-z_][A-Za-z_0-9]*|`[^`]+`|\d+))
| (?P<name>[A-Za-z_][A-Za-z_0-9]*)
| (?P<op>->|<-|<>|<=|>=|=~|\.\.|\+=|[-+*/%^=<>(){}\[\],.:;|!])
""", re.S | re.X)

#: Clause keywords that end a pattern or a WHERE at the same bracket depth.
_CLAUSES = {"MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "UNWIND", "UNION", "CALL", "ORDER", "SKIP",
            "LIMIT", "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD"}
_WRITES = {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD"}


@dataclass(frozen=True)
class Token:
    kind: str  # str, bq, num, param, name, op
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "name" else ""

    @property
    def ident(self) -> str:
        """The identifier this token spells (backticks removed), or ''."""
        if self.kind == "name":
            return self.text
        if self.kind == "bq":
            return self.text[1:-1].replace("``", "`")
        return ""


@dataclass
class Rel:
    name: str | None
    open: int  # index of the token after which a name goes ('[' or the first dash)
    bracket: bool
    var_length: bool
    part: int  # which comma-separated pattern of the clause it is in


@dataclass
class NodePat:
    name: str | None
    open: int  # index of '('
    close: int  # index of ')'
    map_close: int | None  # index of '}' of its property map
    map_keys: set[str]
    inner: bool = False  # between two relationships of a chain


@dataclass
class MatchClause:
    optional: bool
    end: int  # index of the first token after the pattern
    rels: list[Rel] = field(default_factory=list)
    nodes: list[NodePat] = field(default_factory=list)
    where: tuple[int, int] | None = None  # token range of the WHERE expression
    named_chains: bool = False  # a named path of more than one relationship


@dataclass(frozen=True)
class Analysis:
    """What one reading of a query found: the text to run, refusal, columns, names used."""

    text: str
    refusal: str | None
    columns: tuple[str, ...] | None
    params: frozenset[str]
    labels: frozenset[str]
    types: frozenset[str]
    properties: frozenset[str]


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos, n = 0, len(text)
    while pos < n:
        m = _TOKEN.match(text, pos)
        if m is None:
            what = "unterminated string" if text[pos] in "'\"`" else f"unexpected character {text[pos]!r}"
            raise QueryError(f"syntax error at {_where(text, pos)}: {what}")
        kind = m.lastgroup or ""
        if kind != "ws":
            tokens.append(Token(kind, m.group(), m.start(), m.end()))
        pos = m.end()
    return tokens


def _nesting(tokens: list[Token], start: int = 0, stop: int | None = None) -> Iterator[tuple[int, Token, int]]:
    """Each token with the bracket depth around it (a bracket counts as outside what it encloses)."""
    depth = 0
    for i in range(start, len(tokens) if stop is None else stop):
        tok = tokens[i]
        if tok.kind == "op" and tok.text in ")]}":
            depth -= 1
        yield i, tok, depth
        if tok.kind == "op" and tok.text in "([{":
            depth += 1


class _Reader:
    """Reads MATCH patterns from the token list; ``None`` results mean 'not a form I know'."""

    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens

    def at(self, i: int, *ops: str) -> bool:
        return i < len(self.t) and self.t[i].kind == "op" and self.t[i].text in ops

    def skip_group(self, i: int) -> int:
        """Index after the bracket group opening at ``i``."""
        pairs = {"(": ")", "[": "]", "{": "}"}
        depth, stack = 0, []
        while i < len(self.t):
            tok = self.t[i]
            if tok.kind == "op" and tok.text in pairs:
                stack.append(pairs[tok.text])
                depth += 1
            elif tok.kind == "op" and stack and tok.text == stack[-1]:
                stack.pop()
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return i

    def map_keys(self, i: int) -> tuple[set[str], int]:
        """Keys of the map literal opening at ``i`` and the index of its '}'."""
        end = self.skip_group(i) - 1
        keys, depth = set(), 0
        for j in range(i, end):
            tok = self.t[j]
            if tok.kind == "op" and tok.text in "([{":
                depth += 1
            elif tok.kind == "op" and tok.text in ")]}":
                depth -= 1
            elif depth == 1 and tok.ident and self.at(j + 1, ":") and self.at(j - 1, "{", ","):
                keys.add(tok.ident)
        return keys, end

    def node(self, i: int, clause: MatchClause) -> int | None:
        if not self.at(i, "("):
            return None
        open_at = i
        i += 1
        name = None
        if i < len(self.t) and self.t[i].ident and not self.at(i + 1, "("):
            name = self.t[i].ident
            i += 1
        while self.at(i, ":"):
            if i + 1 >= len(self.t) or not self.t[i + 1].ident:
                return None
            i += 2
            while self.at(i, "|", "&") and i + 1 < len(self.t) and self.t[i + 1].ident:
                i += 2
        map_close, keys = None, set()
        if self.at(i, "{"):
            keys, map_close = self.map_keys(i)
            i = map_close + 1
        elif i < len(self.t) and self.t[i].kind == "param":
            i += 1
        if not self.at(i, ")"):
            return None
        clause.nodes.append(NodePat(name, open_at, i, map_close, keys))
        return i + 1

    def rel(self, i: int, clause: MatchClause, part: int) -> int | None:
        if not self.at(i, "-", "<-"):
            return None
        first = i
        i += 1
        name, bracket, var_length = None, False, False
        if self.at(i, "["):
            bracket = True
            open_at = i
            i += 1
            if i < len(self.t) and self.t[i].ident and not self.at(i, ":"):
                name = self.t[i].ident
                i += 1
            if self.at(i, ":"):
                i += 1
                while i < len(self.t) and (self.t[i].ident or self.at(i, "|", ":")):
                    i += 1
            if self.at(i, "*"):
                var_length = True
                i += 1
                while i < len(self.t) and (self.t[i].kind == "num" or self.at(i, "..")):
                    i += 1
            if self.at(i, "{"):
                i = self.skip_group(i)
            elif i < len(self.t) and self.t[i].kind == "param":
                i += 1
            if not self.at(i, "]"):
                return None
            i += 1
        else:
            open_at = first
        if not self.at(i, "-", "->"):
            return None
        clause.rels.append(Rel(name, open_at, bracket, var_length, part))
        return i + 1

    def pattern(self, i: int, clause: MatchClause, part: int) -> int | None:
        named = i + 1 < len(self.t) and self.t[i].ident != "" and self.at(i + 1, "=")
        if named:
            i += 2  # a named path
        if i < len(self.t) and self.t[i].upper in ("SHORTESTPATH", "ALLSHORTESTPATHS"):
            return None
        first, hops = len(clause.nodes), 0
        i = self.node(i, clause)
        while i is not None and self.at(i, "-", "<-"):
            i = self.rel(i, clause, part)
            hops += 1
            if i is not None:
                i = self.node(i, clause)
        for node in clause.nodes[first + 1:-1]:
            node.inner = True
        if named and hops > 1:
            clause.named_chains = True
        return i

    def match(self, i: int, optional: bool) -> MatchClause | None:
        """The MATCH clause whose pattern starts at ``i``."""
        clause = MatchClause(optional, i)
        part = 0
        i = self.pattern(i, clause, part)
        while i is not None and self.at(i, ","):
            part += 1
            i = self.pattern(i + 1, clause, part)
        if i is None:
            return None
        clause.end = i
        if i < len(self.t) and self.t[i].upper == "WHERE":
            j = self.clause_end(i + 1)
            clause.where = (i + 1, j)
        return clause

    def clause_end(self, i: int) -> int:
        depth = 0
        while i < len(self.t):
            tok = self.t[i]
            if tok.kind == "op" and tok.text in "([{":
                depth += 1
            elif tok.kind == "op" and tok.text in ")]}":
                depth -= 1
                if depth < 0:
                    return i
            elif depth == 0 and tok.upper in _CLAUSES:
                return i
            i += 1
        return i


def _refusal(tokens: list[Token]) -> str | None:
    """The construct this query uses that the embedded store refuses, by name."""
    for i, tok in enumerate(tokens):
        up = tok.upper
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if up in _WRITES and not (up == "SET" and i and tokens[i - 1].upper == "ON"):
            if up == "LOAD" and (nxt is None or nxt.upper != "CSV"):
                continue
            return "writing clauses (CREATE, MERGE, SET, DELETE, REMOVE: the embedded store is written by " \
                   "`graphkit load`)"
        if up == "CALL":
            return "CALL (procedures and subqueries)"
        if up in ("SHORTESTPATH", "ALLSHORTESTPATHS") and nxt is not None and nxt.text == "(":
            return "shortestPath() and allShortestPaths() (`graphkit path A B` finds shortest paths)"
        if up in ("EXPLAIN", "PROFILE") and i == 0:
            return "EXPLAIN and PROFILE"
        if up in ("COUNT", "COLLECT") and nxt is not None and nxt.text == "{":
            return f"{up} {{ ... }} subqueries"
        if up == "COLLECT" and nxt is not None and nxt.text == "(" and i + 2 < len(tokens) \
                and tokens[i + 2].upper == "DISTINCT":
            # graphqlite 0.12 keeps the duplicates
            return "collect(DISTINCT ...)"
    return None


def _var_length_problem(tokens: list[Token]) -> str | None:
    """A variable-length relationship that may run longer than ``MAX_HOPS``, or ``None``."""
    rel_bracket: list[bool] = []
    for i, tok in enumerate(tokens):
        if tok.kind == "op" and tok.text in "([{":
            rel_bracket.append(tok.text == "[" and i > 0 and tokens[i - 1].text in ("-", "<-"))
            continue
        if tok.kind == "op" and tok.text in ")]}":
            if rel_bracket:
                rel_bracket.pop()
            continue
        if tok.kind != "op" or tok.text != "*" or not rel_bracket or not rel_bracket[-1]:
            continue
        j, low, high, dots = i + 1, None, None, False
        if j < len(tokens) and tokens[j].kind == "num":
            low = int(tokens[j].text)
            j += 1
        if j < len(tokens) and tokens[j].text == "..":
            dots = True
            j += 1
            if j < len(tokens) and tokens[j].kind == "num":
                high = int(tokens[j].text)
        elif low is not None:
            high = low
        if not dots and low is None:
            high = None
        if high is None or high > MAX_HOPS:
            return f"variable-length relationships longer than {MAX_HOPS} hops (write an upper bound: *..{MAX_HOPS})"
    return None


def _names(tokens: list[Token]) -> tuple[set[str], set[str], set[str]]:
    """Labels, relationship types and property names the query mentions."""
    labels: set[str] = set()
    types: set[str] = set()
    props: set[str] = set()
    stack: list[str] = []
    rel_bracket: list[bool] = []
    for i, tok in enumerate(tokens):
        if tok.kind == "op" and tok.text in "([{":
            stack.append(tok.text)
            rel_bracket.append(tok.text == "[" and i > 0 and tokens[i - 1].text in ("-", "<-"))
            continue
        if tok.kind == "op" and tok.text in ")]}":
            if stack:
                stack.pop()
                rel_bracket.pop()
            continue
        prev = tokens[i - 1] if i else None
        if not tok.ident or prev is None:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if prev.text == "." and prev.kind == "op" and i >= 2 and (tokens[i - 2].ident or tokens[i - 2].text in ")]") \
                and not (following is not None and following.text == "("):
            props.add(tok.ident)
        elif prev.kind == "op" and prev.text in (":", "|") and (not stack or stack[-1] != "{"):
            if rel_bracket and rel_bracket[-1]:
                types.add(tok.ident)
            elif prev.text == ":":
                labels.add(tok.ident)
        elif stack and stack[-1] == "{" and following is not None and following.text == ":" \
                and prev.text in ("{", ",") and i >= 2 and _map_in_pattern(tokens, i):
            props.add(tok.ident)
    return labels, types, props


def _enclosing(tokens: list[Token], i: int) -> int | None:
    """Index of the innermost bracket open around token ``i``, or ``None``."""
    depth = 0
    for j in range(i - 1, -1, -1):
        tok = tokens[j]
        if tok.kind == "op" and tok.text in ")]}":
            depth += 1
        elif tok.kind == "op" and tok.text in "([{":
            if depth == 0:
                return j
            depth -= 1
    return None


def _map_in_pattern(tokens: list[Token], i: int) -> bool:
    """Is the map around token ``i`` a node's or relationship's property map (not a map literal)?"""
    brace = _enclosing(tokens, i)
    if brace is None or tokens[brace].text != "{" or brace == 0:
        return False
    before = tokens[brace - 1]
    outer = _enclosing(tokens, brace)
    return (before.ident != "" or before.text in ("(", "[")) and outer is not None and tokens[outer].text in "(["


def _map_refers(tokens: list[Token]) -> str | None:
    """A pattern's property map whose value graphqlite gets wrong, to be written as WHERE instead.

    In an OPTIONAL MATCH graphqlite ignores a map value that reads a variable
    (``OPTIONAL MATCH (p {id: e.place})`` matches every node), and in a MATCH it
    fails on one that reads a property (``{id: e.place}``); the same condition
    in WHERE gives Neo4j's rows. A variable alone in a MATCH (from UNWIND or
    WITH) is matched right.
    """
    optional, clause_optional = False, [False] * len(tokens)
    for i, tok, depth in _nesting(tokens):
        if depth == 0 and tok.upper in _CLAUSES:
            optional = tok.upper == "OPTIONAL" or (tok.upper == "MATCH" and i > 0
                                                    and tokens[i - 1].upper == "OPTIONAL")
        clause_optional[i] = optional
    for i, tok in enumerate(tokens):
        if tok.kind != "name" or tok.upper in ("TRUE", "FALSE", "NULL"):
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and following.text in (":", "("):
            continue  # a key, or a function's name
        if i and tokens[i - 1].kind == "op" and tokens[i - 1].text == ".":
            continue  # the property after a variable; the variable itself is what counts
        j: int | None = i
        while j is not None and not (tokens[j].text == "{" and _map_in_pattern(tokens, j + 1)):
            j = _enclosing(tokens, j)
        if j is None or not (clause_optional[j] or (following is not None and following.text == ".")):
            continue
        keys = [tokens[k].ident for k in range(j + 1, i) if tokens[k].ident and tokens[k + 1].text == ":"]
        outer = _enclosing(tokens, j)
        var = tokens[outer + 1].text if outer is not None and tokens[outer + 1].kind == "name" else "v"
        end = i + 2 if following is not None and following.text == "." and i + 2 < len(tokens) else i
        value = "".join(t.text for t in tokens[i:end + 1])
        hint = f"`{var}.{keys[-1]} = {value}`" if keys else "the condition"
        return f"a pattern's property map that reads the variable `{tok.text}` (write {hint} in WHERE)"
    return None


def _columns(text: str, tokens: list[Token]) -> tuple[str, ...] | None:
    """Column names of the last RETURN at depth 0, as Neo4j names them (alias, else the text written)."""
    start = None
    for i, tok, depth in _nesting(tokens):
        if depth == 0 and tok.upper == "RETURN":
            start = i + 1
    if start is None:
        return None
    if start < len(tokens) and tokens[start].upper == "DISTINCT":
        start += 1
    items: list[list[Token]] = [[]]
    for _, tok, depth in _nesting(tokens, start):
        if depth == 0 and (tok.upper in ("ORDER", "SKIP", "LIMIT", "UNION") or tok.text == ";"):
            break
        if depth == 0 and tok.kind == "op" and tok.text == ",":
            items.append([])
            continue
        items[-1].append(tok)
    columns = []
    for item in items:
        if not item:
            return None
        if len(item) >= 3 and item[-2].upper == "AS" and item[-1].ident:
            columns.append(item[-1].ident)
        elif len(item) == 1 and item[0].text == "*":
            return None
        else:
            columns.append(text[item[0].start:item[-1].end])
    return tuple(columns)


def _rewrites(tokens: list[Token], clauses: list[MatchClause]) -> list[tuple[int, str]]:
    """Text insertions (offset, text) that make graphqlite match as Neo4j does."""
    edits: list[tuple[int, str]] = []
    counter = 0
    hidden_nodes = 0
    for clause in clauses:
        if clause.optional and len(clause.rels) > 1:
            # graphqlite drops the rows an OPTIONAL MATCH chain of several relationships does not match,
            # and answers right when the chain is written as one pattern per relationship: (a)-->(b), (b)-->(c)
            for k, rel in enumerate(clause.rels):
                rel.part = k
            for node in clause.nodes:
                if not node.inner:
                    continue
                name = node.name
                if name is None:
                    hidden_nodes += 1
                    name = f"_gk_n{hidden_nodes}"
                    edits.append((tokens[node.open].end, name))
                edits.append((tokens[node.close].end, f", ({name})"))
        # graphqlite keeps relationships apart within one chain, not across comma-separated ones
        parts = {rel.part for rel in clause.rels if not rel.var_length}
        names: list[tuple[str, int]] = []
        for rel in clause.rels:
            name = rel.name
            needs_name = clause.optional or (len(parts) > 1 and not rel.var_length)
            if name is None and needs_name:
                counter += 1
                name = f"{HIDDEN}{counter}"
                if rel.bracket:
                    edits.append((tokens[rel.open].end, name))
                else:
                    edits.append((tokens[rel.open].end, f"[{name}]"))
            if name is not None and not rel.var_length and len(parts) > 1:
                names.append((name, rel.part))
        different = [f"id({a}) <> id({b})" for k, (a, pa) in enumerate(names) for b, pb in names[k + 1:] if pa != pb]
        pinned = _pins(tokens, clause)
        for node_index, key, value in pinned:
            node = clause.nodes[node_index]
            if node.map_close is None:
                edits.append((tokens[node.close].start, f" {{{key}: {value}}}"))
            else:
                edits.append((tokens[node.map_close].start, f", {key}: {value}"))
        if different:
            condition = " AND ".join(different)
            if clause.where is None:
                edits.append((tokens[clause.end - 1].end, f" WHERE {condition}"))
            else:
                first, stop = clause.where
                edits.append((tokens[first].start, "("))
                edits.append((tokens[stop - 1].end, f") AND {condition}"))
    return edits


def _alias_renames(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """Replacements (start, end, text) giving a hidden name to each RETURN alias that is also a variable's.

    graphqlite groups every row into one when an alias repeats a variable
    (``RETURN a.name AS a, count(*)``); the result's columns are named from
    the query text anyway, so the alias graphqlite sees does not matter. The
    alias's uses in the ORDER BY after that RETURN are renamed with it.
    """
    seen: set[str] = set()
    out: list[tuple[int, int, str]] = []
    depth = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "op" and tok.text in "([{":
            depth += 1
        elif tok.kind == "op" and tok.text in ")]}":
            depth -= 1
        elif depth == 0 and tok.upper == "RETURN":
            i = _rename_return(tokens, i + 1, seen, out)
            continue
        elif tok.ident and not (i and tokens[i - 1].text == "." and tokens[i - 1].kind == "op"):
            seen.add(tok.ident)
        i += 1
    return out


def _rename_return(tokens: list[Token], i: int, seen: set[str], out: list[tuple[int, int, str]]) -> int:
    """Rename colliding aliases of the RETURN whose items start at ``i``; the index where it ends."""
    position, renamed, end = 0, {}, len(tokens)
    for j, tok, depth in _nesting(tokens, i):
        if depth != 0:
            continue
        if tok.upper in ("UNION", "ORDER", "SKIP", "LIMIT"):
            end = j
            break
        if tok.kind == "op" and tok.text == ",":
            position += 1
        elif tok.upper == "AS" and j + 1 < len(tokens) and tokens[j + 1].ident in seen:
            hidden = f"_gk_c{position}"
            renamed[tokens[j + 1].ident] = hidden
            out.append((tokens[j + 1].start, tokens[j + 1].end, hidden))
    i = end
    while i < len(tokens) and tokens[i].upper != "UNION":
        tok = tokens[i]
        if tok.ident in renamed and not (tokens[i - 1].kind == "op" and tokens[i - 1].text == ".") \
                and not (i + 1 < len(tokens) and tokens[i + 1].text in (".", "(")):
            out.append((tok.start, tok.end, renamed[tok.ident]))
        i += 1
    return i


def _label_order(text: str, tokens: list[Token], reader: _Reader) -> list[tuple[int, int, str]]:
    """``labels(x)`` with ``Node`` last, as Neo4j lists a graphkit node's labels (graphqlite sorts them)."""
    out = []
    for i, tok in enumerate(tokens):
        if tok.upper == "LABELS" and i + 1 < len(tokens) and tokens[i + 1].text == "(" \
                and not (i and tokens[i - 1].text == "."):
            end = reader.skip_group(i + 1) - 1
            call = text[tok.start:tokens[end].end]
            out.append((tok.start, tokens[end].end,
                        f"([_gk_l IN {call} WHERE _gk_l <> '{NODE_LABEL}'] + ['{NODE_LABEL}'])"))
    return out


def _pins(tokens: list[Token], clause: MatchClause) -> list[tuple[int, str, str]]:
    """Nodes of ``clause`` that its WHERE pins by ``v.key = value``: (node index, key, value text)."""
    if clause.where is None:
        return []
    first, stop = clause.where
    conjuncts: list[list[Token]] = [[]]
    for _, tok, depth in _nesting(tokens, first, stop):
        if depth == 0 and tok.upper in ("OR", "XOR"):
            return []
        if depth == 0 and tok.upper == "AND":
            conjuncts.append([])
            continue
        conjuncts[-1].append(tok)
    by_name = {}
    for k, node in enumerate(clause.nodes):
        if node.name and node.name not in by_name:
            by_name[node.name] = k
    found: list[tuple[int, str, str]] = []
    done: set[tuple[int, str]] = set()
    for conj in conjuncts:
        if len(conj) != 5 or conj[3].text != "=" or conj[3].kind != "op":
            continue
        if conj[1].text == "." and conj[0].ident and conj[2].ident and conj[4].kind in ("str", "num", "param"):
            var, key, value = conj[0].ident, conj[2].ident, conj[4].text
        else:
            continue
        k = by_name.get(var)
        if k is None or key in clause.nodes[k].map_keys or (k, key) in done or not re.fullmatch(r"\w+", key):
            continue
        done.add((k, key))
        found.append((k, key, value))
    return found


@lru_cache(maxsize=512)
def analyse(text: str) -> Analysis:
    """Read a query once: refusal, the text graphqlite runs, columns and the names it uses."""
    tokens = tokenize(text)
    while tokens and tokens[-1].kind == "op" and tokens[-1].text == ";":
        tokens.pop()
    params = frozenset(t.text[1:].strip("`") for t in tokens if t.kind == "param")
    labels, types, props = _names(tokens)
    base = dict(params=params, labels=frozenset(labels), types=frozenset(types), properties=frozenset(props))
    refusal = _refusal(tokens) or _var_length_problem(tokens) or _map_refers(tokens)
    if refusal:
        return Analysis(text, refusal, None, **base)
    reader = _Reader(tokens)
    clauses: list[MatchClause] = []
    unread = False
    for i, tok, depth in _nesting(tokens):
        if depth == 0 and tok.upper == "MATCH":
            optional = i > 0 and tokens[i - 1].upper == "OPTIONAL"
            clause = reader.match(i + 1, optional)
            if clause is None:
                unread = True
            else:
                clauses.append(clause)
    stars = any(t.text == "*" and i and tokens[i - 1].upper in ("RETURN", "WITH", "DISTINCT")
                for i, t in enumerate(tokens))
    if unread:
        # graphqlite may still parse it: if it does, the store refuses rather than risk rows Neo4j would not give
        return Analysis(text, "", None, **base)
    if any(c.optional and c.named_chains for c in clauses):
        return Analysis(text, "OPTIONAL MATCH of a named path of more than one relationship", None, **base)
    edits = _rewrites(tokens, clauses)
    if stars and any(e[1].startswith((HIDDEN, "[" + HIDDEN)) for e in edits):
        return Analysis(text, "RETURN * or WITH * over unnamed relationships (name them)", None, **base)
    out = text[:tokens[-1].end] if tokens else text
    replacements = [(offset, offset, insert) for offset, insert in edits] + _alias_renames(tokens) \
        + _label_order(text, tokens, reader)
    for start, end, insert in sorted(replacements, key=lambda e: e[0], reverse=True):
        out = out[:start] + insert + out[end:]
    return Analysis(out, None, _columns(text, tokens), **base)


# -- results ------------------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """graphqlite's values as the Neo4j store gives them: nodes and relationships as their properties."""
    if isinstance(value, dict):
        if "properties" in value and ("labels" in value or "startNode" in value) and "id" in value:
            return {k: plain(v) for k, v in value["properties"].items()}
        if set(value) == {"nodes", "rels"}:
            return [plain(n) for n in value["nodes"]]
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def parse_rows(raw: str | None) -> list[list[tuple[str, Any]]]:
    """graphqlite's JSON result as rows of (column, value) pairs, in column order."""
    if raw is None:
        return []
    data = json.loads(raw, object_pairs_hook=list)
    if not isinstance(data, list):
        return [[("result", data)]]
    rows = []
    for row in data:
        if isinstance(row, list) and all(isinstance(p, tuple) or (isinstance(p, list) and len(p) == 2)
                                         for p in row):
            rows.append([(k, _unpairs(v)) for k, v in row])
        else:
            rows.append([("result", _unpairs(row))])
    return rows


def _unpairs(value: Any) -> Any:
    """Undo ``object_pairs_hook=list`` below the row level: objects back to dicts."""
    if isinstance(value, list):
        if value and all(isinstance(p, tuple) for p in value):
            return {k: _unpairs(v) for k, v in value}
        return [_unpairs(v) for v in value]
    return value


def engine_error(message: str, text: str) -> QueryError:
    """graphqlite's error (JSON with code, line and column, or plain text) as one line for users."""
    try:
        data = json.loads(message)
    except ValueError:
        data = {"error": message}
    if not isinstance(data, dict):
        data = {"error": message}
    error = str(data.get("error", message)).strip().splitlines()[0] if str(data.get("error", message)).strip() \
        else "unknown error"
    if data.get("code") == "PARSE_ERROR" or "syntax error" in error.lower():
        what = re.sub(r"^.*?syntax error,?\s*", "", error, flags=re.I) or error
        line, column = data.get("line"), data.get("column")
        where = ""
        if line and column:
            lines = text.splitlines() or [""]
            near = lines[line - 1][column - 1:column + 19] if line <= len(lines) else ""
            where = f" at line {line}, column {column}" + (f" (near {near!r})" if near.strip() else "")
        return QueryError(f"syntax error{where}: {what}")
    return QueryError(f"the embedded backend cannot run this query: {error[:200]}; use --backend neo4j")
