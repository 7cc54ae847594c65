"""Cypher on the embedded store: graphqlite runs it, this module decides what it may run and how.

Each query text is read once (``analyse``, cached): a tokenizer that knows
strings, comments, backticks and parameters, and a small reader of patterns.
From that one reading come

* **refusals by name** for what the store does not do or would answer
  differently from Neo4j: writing clauses (the store is the loader's),
  ``CALL``, ``shortestPath``/``allShortestPaths`` (graphqlite searches every
  path; ``graphkit path`` answers the question), variable-length relationships
  without an upper bound of at most ``MAX_HOPS`` or inside a subquery or a
  pattern condition, ``collect(DISTINCT ...)`` (graphqlite keeps the
  duplicates), ``COUNT { }``/``COLLECT { }``; the OPTIONAL MATCH forms
  graphqlite answers wrong and no rewrite fixes (an undirected or
  variable-length relationship, several comma-separated patterns, a pattern
  that neither starts nor ends at a bound variable, a named path of more than
  one relationship); a pattern comprehension over more than one relationship;
  ``round(x, precision)`` and ``percentileDisc()``; ``=~`` with a pattern
  computed in the query or using a Java feature POSIX lacks (``cypher_regex``);
  ``LIMIT``/``SKIP`` with an expression (graphqlite ignores it); a property
  map that reads a variable in a subquery's pattern;
* **rewrites** that make graphqlite give Neo4j's rows:

  - OPTIONAL MATCH: labels, property maps and inline WHEREs of its pattern
    move into its WHERE, which also says ``new IS NOT NULL`` (graphqlite then
    checks the WHERE on the relationship's join as well as the node's, and
    returns no partial matches); a chain becomes one OPTIONAL MATCH per
    relationship, each required to reach the end by ``EXISTS { MATCH rest }``
    and to use relationships different from the earlier ones;
  - MATCH: the relationships of comma-separated patterns are required to be
    different ones (Neo4j's uniqueness, which graphqlite applies within one
    chain only); inline WHEREs and property maps that compute a value move
    into the WHERE; a node pinned in WHERE by ``v.key = value`` is also
    pinned in its pattern (``(v {key: value})``), which graphqlite looks up
    through its index instead of scanning every node;
  - a pattern used as a condition becomes ``EXISTS { MATCH ... }``
    (graphqlite ignores a bare pattern's property maps and later hops); a
    pattern comprehension's property maps move into its WHERE;
  - the WHERE of a WITH is computed as a column of a WITH and filtered on in
    the next (graphqlite aborts the process on several such WHEREs, and drops
    one after LIMIT); a WITH that renames a node keeps its name;
  - functions: ``min``/``max`` of a property (read as numbers), ``sum`` of no
    rows (0), ``ceil``/``floor`` (floats), ``round`` (halves up), ``split``
    (empty pieces kept), and ``split``, ``keys``, ``labels``, slices, list
    comprehensions and ``any``/``all``/``none``/``single`` of null (null);
    ``labels()`` lists ``Node`` last; ``=~`` matches the whole string with
    Java's syntax (translated to POSIX, ``cypher_regex``);
  - a RETURN alias that repeats a variable gets a hidden name (graphqlite
    puts every row in one group);
  - an aggregation over one MATCH is grouped by the nodes its keys read
    first, then by the keys (``_group_first``): graphqlite reads a property
    once per row, so the keys, ORDER BY and a WHERE that compares two of
    those nodes are then computed once per group;
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import QueryError
from .cypher_regex import UnsupportedRegex, to_posix
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
#: Keywords a node pattern's '(' may follow (after any other name, '(' opens a function's arguments).
_PATTERN_KEYWORDS = {"MATCH", "WHERE", "AND", "OR", "XOR", "NOT", "EXISTS", "MERGE", "CREATE", "WHEN", "THEN",
                     "ELSE", "RETURN", "WITH"}
_WRITES = {"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "LOAD"}


def _is_clause(tokens: list[Token], i: int) -> bool:
    """Does token ``i`` start a clause (``WITH`` after STARTS or ENDS is part of an operator)?"""
    up = tokens[i].upper
    return up in _CLAUSES and not (up == "WITH" and i > 0 and tokens[i - 1].upper in ("STARTS", "ENDS"))


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


#: A property map's entries: (key, index of the value's first token, index after its last).
Pairs = list[tuple[str, int, int]]


@dataclass
class Rel:
    name: str | None
    open: int  # index of the token after which a name goes ('[' or the first dash)
    bracket: bool
    var_length: bool
    part: int  # which comma-separated pattern of the clause it is in
    first: int = 0  # index of its first token ('-' or '<-')
    last: int = 0  # index of its last token ('-' or '->')
    types: tuple[str, ...] = ()  # as written (backticks kept)
    map_span: tuple[int, int] | None = None  # indices of '{' and '}' of its property map
    pairs: Pairs = field(default_factory=list)
    where: tuple[int, int] | None = None  # an inline WHERE: indices of WHERE and of the closing ']'
    arrow_left: bool = False  # written <-
    arrow_right: bool = False  # written ->


@dataclass
class NodePat:
    name: str | None
    open: int  # index of '('
    close: int  # index of ')'
    map_close: int | None  # index of '}' of its property map
    map_keys: set[str]
    inner: bool = False  # between two relationships of a chain
    part: int = 0
    labels: list[list[str]] = field(default_factory=list)  # (:A:B) [[A], [B]]; (:A|B) [[A, B]]
    label_span: tuple[int, int] | None = None  # indices of the first ':' and of the last label
    map_open: int | None = None
    pairs: Pairs = field(default_factory=list)
    where: tuple[int, int] | None = None  # an inline WHERE: indices of WHERE and of the closing ')'


@dataclass
class MatchClause:
    optional: bool
    end: int  # index of the first token after the pattern
    rels: list[Rel] = field(default_factory=list)
    nodes: list[NodePat] = field(default_factory=list)
    where: tuple[int, int] | None = None  # token range of the WHERE expression
    named_chains: bool = False  # a named path of more than one relationship
    start: int = 0  # index of the pattern's first token
    parts: int = 1  # comma-separated patterns
    paths: list[str] = field(default_factory=list)  # names of named paths


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
    #: ``=~`` patterns as hidden parameters: (name, POSIX pattern, or None and the user's parameter to translate)
    regexes: tuple[tuple[str, str | None, str | None], ...] = ()


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
        pairs, end = self.map_pairs(i)
        return {key for key, _, _ in pairs}, end

    def map_pairs(self, i: int) -> tuple[Pairs, int]:
        """Entries of the map literal opening at ``i`` and the index of its '}'."""
        end = self.skip_group(i) - 1
        pairs: Pairs = []
        depth = 0
        for j in range(i, end):
            tok = self.t[j]
            if tok.kind == "op" and tok.text in "([{":
                depth += 1
            elif tok.kind == "op" and tok.text in ")]}":
                depth -= 1
            elif depth == 1 and tok.ident and self.at(j + 1, ":") and self.at(j - 1, "{", ","):
                pairs.append((tok.ident, j + 2, j + 2))
            elif depth == 1 and tok.kind == "op" and tok.text == "," and pairs:
                key, value, _ = pairs[-1]
                pairs[-1] = (key, value, j)
        if pairs:
            key, value, _ = pairs[-1]
            pairs[-1] = (key, value, end)
        return pairs, end

    def inline_where(self, i: int, close: str) -> int:
        """Index of the bracket ``close`` that ends the inline WHERE starting at ``i`` (or past the end)."""
        end = self.clause_end(i)
        return end if self.at(end, close) else len(self.t)

    def node(self, i: int, clause: MatchClause, part: int = 0) -> int | None:
        if not self.at(i, "("):
            return None
        open_at = i
        i += 1
        name = None
        if i < len(self.t) and self.t[i].ident and not self.at(i + 1, "(") and self.t[i].upper != "WHERE":
            name = self.t[i].ident
            i += 1
        labels: list[list[str]] = []
        label_span = None
        while self.at(i, ":"):
            if i + 1 >= len(self.t) or not self.t[i + 1].ident:
                return None
            first = i if label_span is None else label_span[0]
            labels.append([self.t[i + 1].text])
            i += 2
            while self.at(i, "|", "&") and i + 1 < len(self.t) and self.t[i + 1].ident:
                if self.t[i].text == "|":
                    labels[-1].append(self.t[i + 1].text)
                else:
                    labels.append([self.t[i + 1].text])
                i += 2
            label_span = (first, i - 1)
        map_open, map_close, pairs = None, None, []
        if self.at(i, "{"):
            map_open = i
            pairs, map_close = self.map_pairs(i)
            i = map_close + 1
        elif i < len(self.t) and self.t[i].kind == "param":
            return None  # (n $map): not a form graphkit reads
        where = None
        if i < len(self.t) and self.t[i].upper == "WHERE":
            close = self.inline_where(i + 1, ")")
            where = (i, close)
            i = close
        if not self.at(i, ")"):
            return None
        clause.nodes.append(NodePat(name, open_at, i, map_close, {k for k, _, _ in pairs}, part=part,
                                    labels=labels, label_span=label_span, map_open=map_open, pairs=pairs,
                                    where=where))
        return i + 1

    def rel(self, i: int, clause: MatchClause, part: int) -> int | None:
        if not self.at(i, "-", "<-"):
            return None
        first = i
        i += 1
        name, bracket, var_length = None, False, False
        types: list[str] = []
        map_span, pairs, where = None, [], None
        if self.at(i, "["):
            bracket = True
            open_at = i
            i += 1
            if i < len(self.t) and self.t[i].ident and not self.at(i, ":") and self.t[i].upper != "WHERE":
                name = self.t[i].ident
                i += 1
            if self.at(i, ":"):
                i += 1
                while i < len(self.t) and ((self.t[i].ident and self.t[i].upper != "WHERE") or self.at(i, "|", ":")):
                    if self.t[i].ident:
                        types.append(self.t[i].text)
                    i += 1
            if self.at(i, "*"):
                var_length = True
                i += 1
                while i < len(self.t) and (self.t[i].kind == "num" or self.at(i, "..")):
                    i += 1
            if self.at(i, "{"):
                pairs, close = self.map_pairs(i)
                map_span = (i, close)
                i = close + 1
            elif i < len(self.t) and self.t[i].kind == "param":
                return None  # [r $map]: not a form graphkit reads
            if i < len(self.t) and self.t[i].upper == "WHERE":
                close = self.inline_where(i + 1, "]")
                where = (i, close)
                i = close
            if not self.at(i, "]"):
                return None
            i += 1
        else:
            open_at = first
        if not self.at(i, "-", "->"):
            return None
        clause.rels.append(Rel(name, open_at, bracket, var_length, part, first=first, last=i, types=tuple(types),
                               map_span=map_span, pairs=pairs, where=where,
                               arrow_left=self.t[first].text == "<-", arrow_right=self.t[i].text == "->"))
        return i + 1

    def pattern(self, i: int, clause: MatchClause, part: int) -> int | None:
        named = i + 1 < len(self.t) and self.t[i].ident != "" and self.at(i + 1, "=")
        if named:
            clause.paths.append(self.t[i].ident)
            i += 2  # a named path
        if i < len(self.t) and self.t[i].upper in ("SHORTESTPATH", "ALLSHORTESTPATHS"):
            return None
        first, hops = len(clause.nodes), 0
        i = self.node(i, clause, part)
        while i is not None and self.at(i, "-", "<-"):
            i = self.rel(i, clause, part)
            hops += 1
            if i is not None:
                i = self.node(i, clause, part)
        for node in clause.nodes[first + 1:-1]:
            node.inner = True
        if named and hops > 1:
            clause.named_chains = True
        return i

    def match(self, i: int, optional: bool) -> MatchClause | None:
        """The MATCH clause whose pattern starts at ``i``."""
        clause = MatchClause(optional, i, start=i)
        part = 0
        i = self.pattern(i, clause, part)
        while i is not None and self.at(i, ","):
            part += 1
            i = self.pattern(i + 1, clause, part)
        if i is None:
            return None
        clause.end = i
        clause.parts = part + 1
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
            elif depth == 0 and _is_clause(self.t, i):
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
        if up in ("LIMIT", "SKIP") and nxt is not None and not (
                nxt.kind in ("num", "param") and (i + 2 >= len(tokens) or tokens[i + 2].upper in _CLAUSES
                                                  or tokens[i + 2].text in (";", ")", "}"))):
            # graphqlite ignores LIMIT 2 + 1
            return f"{up} with an expression (give a number or a parameter)"
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
    if outer is None or not (before.ident != "" or before.text in ("(", "[")):
        return False
    opener = tokens[outer - 1] if outer else None
    if tokens[outer].text == "[":  # a relationship's brackets follow a dash; a list's do not
        return opener is not None and opener.text in ("-", "<-")
    # a node's parenthesis; a function's follows its name (collect({...}), collect(n {.name}))
    return tokens[outer].text == "(" and not (opener is not None and opener.kind == "name"
                                               and opener.upper not in _PATTERN_KEYWORDS)


def _map_refers(tokens: list[Token], handled: set[int]) -> str | None:
    """A pattern's property map whose value graphqlite gets wrong, outside the clauses graphkit rewrites.

    In an OPTIONAL MATCH graphqlite ignores a map value that reads a variable
    (``OPTIONAL MATCH (p {id: e.place})`` matched every node), and in a MATCH
    it fails on one that reads a property (``{id: e.place}``). The maps of a
    query's own MATCH and OPTIONAL MATCH clauses (``handled``: indices of
    their '{') are rewritten as WHERE conditions; this refuses such values in
    the patterns of subqueries and conditions.
    """
    optional, clause_optional = False, [False] * len(tokens)
    for i, tok, depth in _nesting(tokens):
        if depth == 0 and _is_clause(tokens, i):
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
        if j is None or j in handled or not (clause_optional[j] or (following is not None and following.text == ".")):
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


@dataclass(frozen=True)
class Edit:
    """A change to the query text: the characters [start, end) become ``make(rewritten span, render)``.

    ``render(a, b)`` gives the characters [a, b) with the edits inside them
    applied, so an edit can repeat a part of the text (a guard that tests an
    argument for null) with that part's own rewrites. Edits nest; an edit
    with the same span as an earlier one goes inside it.
    """

    start: int
    end: int
    make: Callable[[str, Callable[[int, int], str]], str]
    order: int


def _inside(outer: Edit, edit: Edit) -> bool:
    if edit is outer or outer.start == outer.end:
        return False
    if edit.start == edit.end:
        return outer.start < edit.start < outer.end
    if (edit.start, edit.end) == (outer.start, outer.end):
        return edit.order > outer.order
    return outer.start <= edit.start and edit.end <= outer.end


def _apply(text: str, edits: list[Edit]) -> str:
    """The text with every edit applied (see ``Edit``)."""

    def render(lo: int, hi: int, pool: list[Edit], whole: bool = False) -> str:
        members = [e for e in pool if lo <= e.start and e.end <= hi
                   and (whole or e.start != e.end or lo < e.start < hi)]
        tops = sorted((e for e in members if not any(_inside(o, e) for o in members)),
                      key=lambda e: (e.start, e.start != e.end, -e.end, e.order))
        out, pos = [], lo
        for e in tops:
            out.append(text[pos:e.start])
            inner = render(e.start, e.end, [x for x in members if _inside(e, x)])
            out.append(e.make(inner, lambda a, b: render(a, b, edits)))
            pos = max(pos, e.end)
        out.append(text[pos:hi])
        return "".join(out)

    return render(0, len(text), edits, whole=True)


def _label_test(var: str, labels: list[list[str]]) -> list[str]:
    """A pattern's labels as WHERE conditions: (v:A:B) -> v:A, v:B; (v:A|B) -> (v:A OR v:B)."""
    out = []
    for group in labels:
        tests = [f"{var}:{label}" for label in group]
        out.append(tests[0] if len(tests) == 1 else "(" + " OR ".join(tests) + ")")
    return out


#: Tokens after which ``(`` starts an expression (so a pattern there is a pattern predicate).
_BEFORE_EXPRESSION = {"WHERE", "AND", "OR", "XOR", "NOT", "WHEN", "THEN", "ELSE", "RETURN", "WITH", "DISTINCT"}
#: Tokens that end an operand (what may follow ``=~ 'pattern'``).
_AFTER_OPERAND = {"AND", "OR", "XOR", "THEN", "ELSE", "END", "WHEN", "AS", "ORDER", "SKIP", "LIMIT", "UNION",
                  "RETURN", "WITH", "MATCH", "OPTIONAL", "UNWIND", "WHERE", "IS"} | _CLAUSES


#: A condition's text, given the function that renders a span of the query with its rewrites.
Cond = Callable[[Callable[[int, int], str]], str]


def _fixed(text: str) -> Cond:
    return lambda _render: text


def _equals(left: str, span: tuple[int, int]) -> Cond:
    return lambda render: f"{left} = {render(*span)}"


def _parenthesized(span: tuple[int, int]) -> Cond:
    return lambda render: f"({render(*span)})"


class _Rewriter:
    """What graphkit changes in a query so that graphqlite gives Neo4j's rows, or why it refuses it."""

    def __init__(self, text: str, tokens: list[Token], reader: _Reader) -> None:
        self.text = text
        self.t = tokens
        self.reader = reader
        self.edits: list[Edit] = []
        self.refusal: str | None = None
        self.hidden_rels = 0
        self.hidden_nodes = 0
        self.regexes: list[tuple[str, str | None, str | None]] = []  # (hidden param, POSIX text, user param)
        self.claimed: set[int] = set()  # token indices of '{' of maps this class rewrites itself
        self.renamed: list[tuple[int, str, str]] = []  # WITH x AS y of nodes: (index of y, x, y)
        self.filters = 0  # WHEREs of WITHs written as columns (filter_with)

    # -- the edit list --------------------------------------------------------------------------------

    def edit(self, start: int, end: int, make: Callable[[str, Callable[[int, int], str]], str]) -> None:
        self.edits.append(Edit(start, end, make, len(self.edits)))

    def unwind_operands(self) -> None:
        """An UNWIND over a rewritten expression: graphqlite unwinds a function call, not a CASE."""
        t = self.t
        for i, tok in enumerate(t):
            if tok.upper != "UNWIND":
                continue
            stop = next((j for j, other, depth in _nesting(t, i + 1) if depth == 0 and other.upper == "AS"), None)
            if stop is None or stop <= i + 1:
                continue
            a, b = self.span(i + 1, stop)
            if any(a <= e.start and e.end <= b and e.end > e.start for e in self.edits):
                outer = -len(self.edits) - 1  # outside every other edit of the same span
                self.edits.append(Edit(a, b, lambda inner, _render: f"coalesce({inner}, null)"
                                       if inner.lstrip().upper().startswith("CASE") else inner, outer))

    def rename(self, at: int, old: str, new: str) -> None:
        """``WITH x AS y`` of a node or relationship x: keep the name x, and write x for y after it.

        graphqlite 0.12 aborts the process (a double free) on a WHERE of a WITH
        that has such a renamed variable in scope. Refused when the names are
        bound again later, where writing one for the other would change the query.
        """
        t = self.t
        last = max((i for i, tok, d in _nesting(t) if d == 0 and tok.upper == "RETURN"), default=len(t))
        aliased = [j for j in range(last, len(t)) if t[j].ident == new and t[j - 1].upper == "AS"]
        # the final RETURN may name a column like the variable; its ORDER BY then means the column
        stop = next((j for j, tok, d in _nesting(t, last) if d == 0 and tok.upper == "ORDER"), len(t)) \
            if aliased else len(t)
        uses = [j for j in range(at + 1, stop) if _variable_use(t, j, new) and j not in aliased]
        if any(_variable_use(t, j, old) for j in range(at + 1, len(t))) \
                or any(t[j - 1].upper == "AS" for j in uses) or any(t[j].upper == "UNION" for j in range(at, len(t))):
            return self.refuse(f"WITH that renames a node or relationship ({old} AS {new}) and binds a name "
                               "again (keep the name)")
        self.replace(t[at - 2].end, t[at].end, "")  # "x AS y" -> "x"
        for j in uses:
            self.replace(t[j].start, t[j].end, old)
        self.renamed.append((at, old, new))
        return None

    def filter_with(self, where: int, names: list[str]) -> None:
        """The WHERE of a WITH as a column of its own WITH, tested in the next one.

        graphqlite 0.12 aborts the process (a double free) on many WHEREs of
        a WITH: size() of a property or of a variable holding one, a node
        the WITH renamed, CASE inside size(); and it drops a WHERE that
        follows ORDER BY, SKIP or LIMIT. Computed as a column of a WITH with
        no WHERE, then filtered on in another (``WITH names, (cond) AS _gk_w1
        WITH names, _gk_w1 WHERE _gk_w1``), the same condition runs right.
        """
        t = self.t
        stop = self.reader.clause_end(where + 1)
        if stop <= where + 1:
            return
        self.filters += 1
        hidden = f"_gk_w{self.filters}"
        kept = ", ".join(dict.fromkeys(_backticked(self.var(n, where)) for n in names))
        cond = self.span(where + 1, stop)
        passed = f"{kept}, " if kept else ""
        self.edit(t[where].start, t[stop - 1].end, lambda _inner, render: (
            f"WITH {passed}({render(*cond)}) AS {hidden} WITH {passed}{hidden} WHERE {hidden}"))

    def var(self, name: str, index: int) -> str:
        """The name graphqlite sees for the variable ``name`` written at token ``index`` (see ``rename``)."""
        for at, old, new in self.renamed:
            if index > at and name == new:
                return old
        return name

    def insert(self, pos: int, text: str) -> None:
        self.edit(pos, pos, lambda _inner, _render: text)

    def replace(self, start: int, end: int, text: str) -> None:
        self.edit(start, end, lambda _inner, _render: text)

    def wrap(self, start: int, end: int, before: str, after: str) -> None:
        self.edit(start, end, lambda inner, _render: before + inner + after)

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """Character offsets of the tokens [first, stop)."""
        return self.t[first].start, self.t[stop - 1].end

    def refuse(self, construct: str) -> None:
        if self.refusal is None:
            self.refusal = construct

    def rel_name(self, rel: Rel) -> str:
        if rel.name is None:
            self.hidden_rels += 1
            rel.name = f"{HIDDEN}{self.hidden_rels}"
            if rel.bracket:
                self.insert(self.t[rel.open].end, rel.name)
            else:
                self.replace(self.t[rel.open].start, self.t[rel.open].end, self.t[rel.open].text + f"[{rel.name}]")
        return rel.name

    def node_name(self, node: NodePat) -> str:
        if node.name is None:
            self.hidden_nodes += 1
            node.name = f"_gk_n{self.hidden_nodes}"
            self.insert(self.t[node.open].end, node.name)
        return node.name

    # -- conditions moved out of patterns -------------------------------------------------------------

    def moved(self, var: str, pairs: Pairs, where: tuple[int, int] | None, labels: list[list[str]]) -> list[Cond]:
        """Conditions equal to a pattern element's labels, property map and inline WHERE."""
        out = [_fixed(test) for test in _label_test(var, labels)]
        out += [_equals(f"{var}.{key}", self.span(first, stop)) for key, first, stop in pairs]
        if where is not None and where[1] > where[0] + 1:
            out.append(_parenthesized(self.span(where[0] + 1, where[1])))
        return out

    def strip(self, first: int | None, last: int | None) -> None:
        """Remove the tokens [first, last] (a label list, a property map, an inline WHERE)."""
        if first is not None and last is not None:
            self.replace(self.t[first].start, self.t[last].end, "")

    def strip_node(self, node: NodePat, labels: bool = True) -> None:
        if labels and node.label_span:
            self.strip(*node.label_span)
        if node.map_open is not None:
            self.claimed.add(node.map_open)
            self.strip(node.map_open, node.map_close)
        if node.where:
            self.strip(node.where[0], node.where[1] - 1)

    def strip_rel(self, rel: Rel) -> None:
        if rel.map_span:
            self.claimed.add(rel.map_span[0])
            self.strip(*rel.map_span)
        if rel.where:
            self.strip(rel.where[0], rel.where[1] - 1)

    def add_where(self, clause: MatchClause, conds: list[Cond]) -> None:
        """AND ``conds`` to the clause's WHERE (or give it one)."""
        if not conds:
            return
        text = lambda render: " AND ".join(c(render) for c in conds)  # noqa: E731
        if clause.where is None:
            end = self.t[clause.end - 1].end
            self.edit(end, end, lambda _inner, render: f" WHERE {text(render)}")
        else:
            a, b = self.span(*clause.where)
            self.edit(a, b, lambda inner, render: f"{text(render)} AND ({inner})")

    # -- MATCH ----------------------------------------------------------------------------------------

    def match(self, clause: MatchClause) -> None:
        """A MATCH: relationships of comma-separated patterns kept apart, inline WHERE and computed maps moved."""
        t = self.t
        conds: list[Cond] = []
        # graphqlite keeps relationships apart within one chain, not across comma-separated ones
        parts = {rel.part for rel in clause.rels if not rel.var_length}
        names: list[tuple[str, int]] = []
        for rel in clause.rels:
            if len(parts) > 1 and not rel.var_length:
                names.append((self.rel_name(rel), rel.part))
        for k, (a, pa) in enumerate(names):
            for b, pb in names[k + 1:]:
                if pa != pb:
                    conds.append(_fixed(f"id({a}) <> id({b})"))
        for node in clause.nodes:
            computed = any(not _constant(t, first, stop) for _, first, stop in node.pairs)
            if node.where or computed:
                var = self.node_name(node)
                conds += self.moved(var, node.pairs if computed else [], node.where, [])
                if computed:
                    self.claimed.add(node.map_open)  # type: ignore[arg-type]
                    self.strip(node.map_open, node.map_close)
                if node.where:
                    self.strip(node.where[0], node.where[1] - 1)
        for rel in clause.rels:
            computed = any(not _constant(t, first, stop) for _, first, stop in rel.pairs)
            if rel.where or computed:
                var = self.rel_name(rel)
                conds += self.moved(var, rel.pairs if computed else [], rel.where, [])
                if computed and rel.map_span:
                    self.claimed.add(rel.map_span[0])
                    self.strip(*rel.map_span)
                if rel.where:
                    self.strip(rel.where[0], rel.where[1] - 1)
        for node_index, key, value in _pins(t, clause):
            node = clause.nodes[node_index]
            if node.map_close is None:
                self.insert(t[node.close].start, f" {{{key}: {value}}}")
            elif node.map_open not in self.claimed:
                self.insert(t[node.map_close].start, f", {key}: {value}")
        self.add_where(clause, conds)

    # -- OPTIONAL MATCH -------------------------------------------------------------------------------

    def optional(self, clause: MatchClause, bound: set[str]) -> None:
        """An OPTIONAL MATCH in a form graphqlite answers as Neo4j does, or a refusal.

        graphqlite writes an OPTIONAL MATCH as LEFT JOINs and attaches its
        WHERE to the last join only, unless the WHERE names the new node
        (then it also checks it on the relationship's join); it drops a
        pattern's property maps, checks labels on the node's join only,
        follows an undirected relationship one way, and keeps a partial
        match of a longer pattern. What it answers right is a WHERE that
        names the new node, over one relationship from a bound node. So:
        labels, property maps and inline WHEREs move into the WHERE, which
        also says ``new IS NOT NULL``; a chain becomes one OPTIONAL MATCH per
        relationship, each required to reach the end by ``EXISTS { MATCH
        ... }`` (the rest of the chain and the WHERE); the rest is refused.
        """
        nodes, rels = clause.nodes, clause.rels
        if clause.parts > 1:
            return self.refuse("OPTIONAL MATCH of several comma-separated patterns (write one OPTIONAL MATCH "
                               "per pattern if they are independent)")
        if any(rel.var_length for rel in rels):
            return self.refuse("variable-length relationships in OPTIONAL MATCH")
        bound_at = [node.name is not None and node.name in bound for node in nodes]
        if not rels:
            node = nodes[0]
            if bound_at[0]:
                if node.labels or node.pairs or node.where:
                    self.refuse("OPTIONAL MATCH of a node bound before it, with labels or properties (test "
                                "them in a WHERE)")
                return None
            conds = self.moved(self.node_name(node), node.pairs, node.where, node.labels)
            self.strip_node(node)
            return self.add_where(clause, conds)
        if not bound_at[0] and not bound_at[-1]:
            return self.refuse("OPTIONAL MATCH whose pattern neither starts nor ends at a variable bound before it")
        forward = bound_at[0]
        order = list(range(len(rels))) if forward else list(reversed(range(len(rels))))
        for k in order:
            rel = rels[k]
            far = k + 1 if forward else k
            if not (rel.arrow_left or rel.arrow_right) and not bound_at[far]:
                return self.refuse("an undirected relationship in OPTIONAL MATCH (graphqlite follows it one way "
                                   "only, a pattern comprehension follows both)")
        for node in nodes:
            self.node_name(node)
        for rel in rels:
            self.rel_name(rel)
        if len(rels) == 1:
            far = nodes[1] if forward else nodes[0]
            conds: list[Cond] = []
            if not bound_at[nodes.index(far)]:
                conds.append(_fixed(f"{far.name} IS NOT NULL"))
            for node in nodes:
                conds += self.moved(node.name, node.pairs, node.where, node.labels)  # type: ignore[arg-type]
                self.strip_node(node)
            conds += self.moved(rels[0].name, rels[0].pairs, rels[0].where, [])  # type: ignore[arg-type]
            self.strip_rel(rels[0])
            return self.add_where(clause, conds)
        self.chain(clause, forward, bound_at)
        return None

    def chain(self, clause: MatchClause, forward: bool, bound_at: list[bool]) -> None:
        """An OPTIONAL MATCH chain as one OPTIONAL MATCH per relationship, each guarded by EXISTS."""
        t = self.t
        nodes, rels = clause.nodes, clause.rels
        hops = list(range(len(rels))) if forward else list(reversed(range(len(rels))))
        self.claimed |= {n.map_open for n in nodes if n.map_open is not None}
        self.claimed |= {r.map_span[0] for r in rels if r.map_span}
        start = t[clause.start - 2].start  # OPTIONAL
        stop = t[clause.where[1] - 1].end if clause.where else t[clause.end - 1].end
        where = self.span(*clause.where) if clause.where else None

        def arrow(rel: Rel, with_map: bool, render: Callable[[int, int], str]) -> str:
            left, right = (rel.arrow_left, rel.arrow_right) if forward else (rel.arrow_right, rel.arrow_left)
            types = ":" + "|".join(rel.types) if rel.types else ""
            props = " " + render(*self.span(rel.map_span[0], rel.map_span[1] + 1)) if with_map and rel.map_span \
                else ""
            return f"{'<-' if left else '-'}[{rel.name}{types}{props}]{'->' if right else '-'}"

        def node_text(node: NodePat, render: Callable[[int, int], str]) -> str:
            labels = "".join(":" + "|".join(group) for group in node.labels)
            props = " " + render(*self.span(node.map_open, node.map_close + 1)) if node.map_open is not None else ""
            return f"({node.name}{labels}{props})"

        def apart(k: int, others: list[int]) -> list[str]:
            """Neo4j's rule that a pattern's relationships are different ones, for those of a type in common."""
            mine = set(rels[k].types)
            return [f"id({rels[k].name}) <> id({rels[j].name})" for j in others
                    if not mine or not rels[j].types or mine & set(rels[j].types)]

        def make(_inner: str, render: Callable[[int, int], str]) -> str:
            out = []
            for step, k in enumerate(hops):
                rel = rels[k]
                near, far = (nodes[k], nodes[k + 1]) if forward else (nodes[k + 1], nodes[k])
                conds = [] if bound_at[nodes.index(far)] else [f"{far.name} IS NOT NULL"]
                elements = ([near] if step == 0 else []) + [far]
                for node in elements:
                    conds += [c(render) for c in self.moved(node.name, node.pairs, node.where, node.labels)]
                conds += [c(render) for c in self.moved(rel.name, rel.pairs, rel.where, [])]
                conds += apart(k, hops[:step])
                rest = hops[step + 1:]
                if rest:
                    pattern = f"({far.name})"
                    inline = [cond for n, j in enumerate(rest) for cond in apart(j, hops[:step + 1] + rest[:n])]
                    for j in rest:
                        r = rels[j]
                        nxt = nodes[j + 1] if forward else nodes[j]
                        pattern += arrow(r, True, render) + node_text(nxt, render)
                        for element in (r, nxt):
                            if element.where is not None:
                                inline.append(f"({render(*self.span(element.where[0] + 1, element.where[1]))})")
                    if where is not None:
                        inline.append(f"({render(*where)})")
                    tail = f" WHERE {' AND '.join(inline)}" if inline else ""
                    conds.append(f"EXISTS {{ MATCH {pattern}{tail} }}")
                elif where is not None:
                    conds.append(f"({render(*where)})")
                out.append(f"OPTIONAL MATCH ({near.name}){arrow(rel, False, render)}({far.name}) "
                           f"WHERE {' AND '.join(conds)}")
            return " ".join(out)

        self.edit(start, stop, make)

    # -- expressions ----------------------------------------------------------------------------------

    def expressions(self, patterns: list[tuple[int, int]]) -> None:
        """Functions, operators and pattern predicates graphqlite answers differently, rewritten or refused."""
        t = self.t
        in_pattern = [False] * len(t)
        for first, stop in patterns:
            for k in range(first, stop):
                in_pattern[k] = True
        for i, tok in enumerate(t):
            prev = t[i - 1] if i else None
            after_dot = prev is not None and prev.kind == "op" and prev.text == "."
            if tok.kind == "name" and not after_dot and i + 1 < len(t) and t[i + 1].text == "(" \
                    and t[i + 1].kind == "op":
                self.function(i)
            elif tok.kind == "op" and tok.text == "[" and not in_pattern[i]:
                self.comprehension(i)
            elif tok.kind == "op" and tok.text == "=~":
                self.regex(i)
            elif tok.kind == "op" and tok.text == "(" and not in_pattern[i]:
                self.pattern_predicate(i, prev)

    def args(self, open_at: int) -> tuple[int, list[tuple[int, int]]]:
        """Index of the ')' closing the call whose '(' is at ``open_at``, and its arguments' token ranges."""
        close = self.reader.skip_group(open_at) - 1
        args, first = [], open_at + 1
        for j, tok, depth in _nesting(self.t, open_at + 1, close):
            if depth == 0 and tok.kind == "op" and tok.text == ",":
                args.append((first, j))
                first = j + 1
        if close > open_at + 1:
            args.append((first, close))
        return close, args

    def function(self, i: int) -> None:
        t = self.t
        name = t[i].upper
        if name not in ("MIN", "MAX", "SUM", "CEIL", "FLOOR", "ROUND", "SPLIT", "ANY", "ALL", "NONE", "SINGLE",
                        "PERCENTILEDISC", "KEYS", "LABELS"):
            return
        close, args = self.args(i + 1)
        call = (t[i].start, t[close].end)
        if name in ("MIN", "MAX") and len(args) == 1:
            first, stop = args[0]
            if t[first].upper == "DISTINCT":
                first += 1
            if stop - first == 3 and t[first].ident and t[first + 1].text == "." and t[first + 2].ident:
                # graphqlite reads min(n.prop) as a number: min of date strings gave 2000.0
                self.wrap(*self.span(first, stop), "coalesce(", ", null)")
        elif name == "SUM":
            self.wrap(*call, "coalesce(", ", 0)")  # Neo4j's sum of no rows is 0, graphqlite's null
        elif name in ("CEIL", "FLOOR"):
            self.wrap(*call, "toFloat(", ")")  # Neo4j gives a float, graphqlite an integer
        elif name == "ROUND" and len(args) == 1:
            # Neo4j rounds halves up (round(-2.5) = -2.0), graphqlite away from zero
            a, b = self.span(*args[0])
            self.edit(*call, lambda _inner, render: f"toFloat(floor(({render(a, b)}) + 0.5))")
        elif name == "ROUND":
            self.refuse("round() with a precision (Neo4j rounds the decimal text, the embedded store the binary "
                        "value: round(x * 100) / 100.0 is the same on both)")
        elif name == "PERCENTILEDISC":
            self.refuse("percentileDisc() (the embedded store gives a float where Neo4j gives the value)")
        elif name == "SPLIT" and len(args) == 2:
            text, sep = (self.span(*arg) for arg in args)
            self.edit(*call, lambda _inner, render: _split(f"({render(*text)})", f"({render(*sep)})"))
        elif name in ("ANY", "ALL", "NONE", "SINGLE") and args:
            self.guard_list(i + 2, args[0][1], call)
        elif name in ("KEYS", "LABELS") and len(args) == 1:
            arg = self.span(*args[0])  # keys(null) and labels(null) are [] on graphqlite, null on Neo4j
            self.edit(*call, lambda inner, render: f"CASE WHEN ({render(*arg)}) IS NULL THEN null ELSE {inner} END")

    def guard_list(self, var_at: int, stop: int, span: tuple[int, int]) -> None:
        """``x IN list ...`` at ``var_at``: the expression ``span`` is null when the list is (as on Neo4j)."""
        t = self.t
        if not (var_at + 2 < stop and t[var_at].ident and t[var_at + 1].upper == "IN"):
            return
        end = stop
        for j, tok, depth in _nesting(t, var_at + 2, stop):
            if depth == 0 and (tok.upper == "WHERE" or (tok.kind == "op" and tok.text == "|")):
                end = j
                break
        if end <= var_at + 2:
            return
        a, b = self.span(var_at + 2, end)
        self.edit(*span, lambda inner, render: f"CASE WHEN ({render(a, b)}) IS NULL THEN null ELSE {inner} END")

    def slice(self, i: int) -> bool:
        """``list[a..b]`` of a null list is null on Neo4j, [] on graphqlite. Is the '[' at ``i`` a slice?"""
        t = self.t
        close = self.reader.skip_group(i) - 1
        if not any(d == 0 and tok.text == ".." for _, tok, d in _nesting(t, i + 1, close)):
            return False
        first = _operand_start(t, i)
        if first is None:
            return True
        base = self.span(first, i)
        self.edit(t[first].start, t[close].end,
                  lambda inner, render: f"CASE WHEN ({render(*base)}) IS NULL THEN null ELSE {inner} END")
        return True

    def pattern_comprehension(self, i: int, close: int) -> None:
        """``[(a)-[:T {k: v}]->(b) WHERE ... | ...]``: graphqlite ignores the property maps (moved to the WHERE)
        and cannot read more than one relationship (refused)."""
        t = self.t
        probe = MatchClause(False, i + 1)
        end = self.reader.pattern(i + 1, probe, 0)
        if end is None or not probe.rels:
            return None
        if len(probe.rels) > 1 or probe.rels[0].var_length:
            return self.refuse("a pattern comprehension over more than one relationship")
        if any(n.where for n in probe.nodes) or probe.rels[0].where:
            return self.refuse("WHERE inside a pattern of a pattern comprehension")
        rel = probe.rels[0]
        conds: list[Cond] = []
        for node in probe.nodes:
            if node.map_open is not None:
                conds += self.moved(self.node_name(node), node.pairs, None, [])
                self.claimed.add(node.map_open)
                self.strip(node.map_open, node.map_close)
        if rel.map_span:
            conds += self.moved(self.rel_name(rel), rel.pairs, None, [])
            self.claimed.add(rel.map_span[0])
            self.strip(*rel.map_span)
        if not conds:
            return None
        text = lambda render: " AND ".join(c(render) for c in conds)  # noqa: E731
        bar = next((j for j, tok, d in _nesting(t, end, close) if d == 0 and tok.kind == "op" and tok.text == "|"),
                   close)
        if end < len(t) and t[end].upper == "WHERE":
            a, b = self.span(end + 1, bar)
            self.edit(a, b, lambda inner, render: f"{text(render)} AND ({inner})")
        else:
            pos = t[end - 1].end
            self.edit(pos, pos, lambda _inner, render: f" WHERE {text(render)}")
        return None

    def comprehension(self, i: int) -> None:
        """A list comprehension over a null list is null on Neo4j, [] on graphqlite."""
        t = self.t
        if self.slice(i):
            return
        close = self.reader.skip_group(i) - 1
        if i + 1 < len(t) and t[i + 1].text == "(" and t[i + 1].kind == "op":
            self.pattern_comprehension(i, close)
            return
        if any(depth == 0 and tok.text == "," and tok.kind == "op" for _, tok, depth in _nesting(t, i + 1, close)):
            return
        self.guard_list(i + 1, close, (t[i].start, t[close].end))

    def regex(self, i: int) -> None:
        """``x =~ pattern``: Neo4j matches the whole string with Java's syntax; give graphqlite the same."""
        t = self.t
        operand = t[i + 1] if i + 1 < len(t) else None
        after = t[i + 2] if i + 2 < len(t) else None
        ends = after is None or (after.kind == "op" and after.text in ")]},;") or after.upper in _AFTER_OPERAND
        if operand is None or operand.kind not in ("str", "param") or not ends:
            return self.refuse("=~ with a pattern computed in the query (give it as one string or a parameter)")
        hidden = f"_gk_re{len(self.regexes) + 1}"
        if operand.kind == "param":
            self.regexes.append((hidden, None, operand.text[1:].strip("`")))
        else:
            try:
                self.regexes.append((hidden, to_posix(_unquote(operand.text)), None))
            except UnsupportedRegex as e:
                return self.refuse(f"the regular expression feature {e} in =~")
        self.replace(operand.start, operand.end, "$" + hidden)
        return None

    def pattern_predicate(self, i: int, prev: Token | None) -> None:
        """A pattern used as a condition: graphqlite ignores its property maps and later hops, EXISTS does not."""
        t = self.t
        exists_short = prev is not None and prev.text == "{" and i >= 2 and t[i - 2].upper == "EXISTS"
        if not exists_short and prev is not None and not (prev.upper in _BEFORE_EXPRESSION
                                                          or (prev.kind == "op" and prev.text in "(,=")):
            return
        probe = MatchClause(False, i)
        end = self.reader.pattern(i, probe, 0)
        if end is None or not probe.rels:
            return None
        if any(n.where for n in probe.nodes) or any(r.where for r in probe.rels):
            return self.refuse("WHERE inside a pattern used as a condition (use EXISTS { MATCH ... WHERE ... })")
        if any(r.var_length for r in probe.rels):
            return self.refuse("variable-length relationships in a pattern used as a condition")
        ends = probe.nodes[0], probe.nodes[-1]
        plain = not any(n.map_open is not None for n in probe.nodes) and not any(r.map_span for r in probe.rels)
        if len(probe.rels) == 1 and ends[0].name and ends[1].name and plain and not exists_short:
            return None  # between two bound nodes: graphqlite answers the bare pattern right, not EXISTS
        self.claimed |= {n.map_open for n in probe.nodes if n.map_open is not None}
        self.claimed |= {r.map_span[0] for r in probe.rels if r.map_span}
        a, b = self.span(i, end)
        tail = ""
        if len(probe.rels) == 1 and ends[0].name and ends[1].name and not exists_short:
            # a bare pattern introduces no variables, so both ends are bound; graphqlite cannot run
            # EXISTS { MATCH (a)-->(b) } with both ends bound, and can (a)-->(x) WHERE x = b
            self.hidden_nodes += 1
            other, name_at = f"_gk_n{self.hidden_nodes}", self.t[ends[1].open + 1]
            self.replace(name_at.start, name_at.end, other)
            tail = f" WHERE {other} = {self.var(ends[1].name, i)}"
        if exists_short:
            self.wrap(a, b, "MATCH ", tail)
        else:
            self.wrap(a, b, "EXISTS { MATCH ", tail + " }")
        return None


def _operand_start(tokens: list[Token], i: int) -> int | None:
    """Index of the first token of the operand that ends just before token ``i`` (``n.list`` in ``n.list[1..]``),
    or None when nothing there is an operand."""
    j = i - 1
    while j >= 0:
        tok = tokens[j]
        if tok.kind == "op" and tok.text in ")]":
            start = _opener(tokens, j)
            if start is None:
                return None
            if tokens[start].text == "[" and start and _ends_operand(tokens[start - 1]):
                j = start - 1  # an index or slice of what comes before
                continue
            if tokens[start].text == "(" and start and tokens[start - 1].kind == "name" \
                    and tokens[start - 1].upper not in _KEYWORDS:
                start -= 1  # a function call
        elif _ends_operand(tok) and tok.text not in ")]":
            start = j
        else:
            return None
        if start >= 2 and tokens[start - 1].kind == "op" and tokens[start - 1].text == ".":
            j = start - 2  # a property of what comes before
            continue
        return start
    return None


#: Words that are not operands (a '[' after them opens a list, not an index).
_KEYWORDS = _CLAUSES | _BEFORE_EXPRESSION | {"IN", "AS", "CASE", "IS", "NULL", "TRUE", "FALSE", "STARTS", "ENDS",
                                             "CONTAINS", "BY", "ASC", "DESC", "ASCENDING", "DESCENDING"}


def _ends_operand(tok: Token) -> bool:
    if tok.kind == "op":
        return tok.text in ")]"
    return tok.kind in ("param", "str", "num", "bq") or (tok.kind == "name" and tok.upper not in _KEYWORDS)


def _split(text: str, sep: str) -> str:
    """Neo4j's split(text, sep) in what graphqlite runs right.

    graphqlite's split drops empty pieces (split(',a', ',') is ['a'], not
    ['', 'a']), gives [] for null and never returns for an empty separator.
    So every piece gets a leading \u0001 (no piece is empty then) that is cut
    off again, and an empty separator splits into characters.
    """
    mark = "'\\u0001'"
    return (f"CASE WHEN {text} IS NULL OR {sep} IS NULL THEN null "
            f"WHEN {sep} = '' AND {text} = '' THEN [''] "
            f"WHEN {sep} = '' THEN [_gk_i IN range(0, length({text}) - 1) | substring({text}, _gk_i, 1)] "
            f"ELSE [_gk_p IN split({mark} + replace({text}, {sep}, {sep} + {mark}), {sep}) | substring(_gk_p, 1)] END")


def _backticked(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_]\w*", name) else "`" + name.replace("`", "``") + "`"


def _enclosers(tokens: list[Token], j: int) -> list[int]:
    """Indices of the brackets open around token ``j``, innermost first."""
    out, k = [], _enclosing(tokens, j)
    while k is not None:
        out.append(k)
        k = _enclosing(tokens, k)
    return out


def _opener(tokens: list[Token], j: int) -> int | None:
    """Index of the bracket that the closing bracket at ``j`` closes."""
    depth = 0
    for k in range(j, -1, -1):
        tok = tokens[k]
        if tok.kind == "op" and tok.text in ")]}":
            depth += 1
        elif tok.kind == "op" and tok.text in "([{":
            depth -= 1
            if depth == 0:
                return k
    return None


def _variable_use(tokens: list[Token], j: int, name: str) -> bool:
    """Is token ``j`` the variable ``name`` (not a property key, map key, label, type or function name)?"""
    tok = tokens[j]
    if tok.ident != name or tok.kind not in ("name", "bq"):
        return False
    prev = tokens[j - 1] if j else None
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    if prev is not None and prev.kind == "op" and prev.text in (".", ":", "|", "&"):
        return False
    if nxt is not None and nxt.kind == "op" and nxt.text == "(":
        return False
    if nxt is not None and nxt.kind == "op" and nxt.text == ":":
        brace = _enclosing(tokens, j)
        return brace is not None and tokens[brace].text == "("  # (y:Label) yes, {y: 1} no
    return True


def _constant(tokens: list[Token], first: int, stop: int) -> bool:
    """Is the map value [first, stop) one graphqlite matches in a pattern (a literal, parameter or variable)?"""
    if stop - first != 1:
        return stop - first == 2 and tokens[first].text == "-" and tokens[first + 1].kind == "num"
    tok = tokens[first]
    return tok.kind in ("str", "num", "param") or tok.upper in ("TRUE", "FALSE", "NULL") or bool(tok.ident)


_ESCAPES = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def _unquote(literal: str) -> str:
    """The value of a Cypher string literal."""
    body, out, k = literal[1:-1], [], 0
    while k < len(body):
        ch = body[k]
        if ch == "\\" and k + 1 < len(body):
            nxt = body[k + 1]
            if nxt in _ESCAPES:
                out.append(_ESCAPES[nxt])
                k += 2
                continue
            if nxt in "uU" and re.fullmatch(r"[0-9a-fA-F]{4}", body[k + 2:k + 6]):
                out.append(chr(int(body[k + 2:k + 6], 16)))
                k += 6
                continue
        out.append(ch)
        k += 1
    return "".join(out)


def _scopes(tokens: list[Token], clauses: dict[int, MatchClause]
            ) -> tuple[dict[int, set[str]], list[tuple[int, str, str]], list[tuple[int, list[str]]]]:
    """The variables bound before each depth-0 MATCH (by its token index); the WITH items that give a node
    or relationship another name: (index of the new name, old name, new name); and the WHEREs of WITHs
    with the variables in scope there: (index of WHERE, names)."""
    scope: set[str] = set()
    entities: set[str] = set()  # variables that hold nodes, relationships or paths
    out: dict[int, set[str]] = {}
    renames: list[tuple[int, str, str]] = []
    filters: list[tuple[int, list[str]]] = []
    for i, tok, depth in _nesting(tokens):
        if depth != 0 or not _is_clause(tokens, i):
            continue
        up = tok.upper
        if up == "MATCH" and i in clauses:
            clause = clauses[i]
            out[i] = set(scope)
            names = {n.name for n in clause.nodes if n.name} | {r.name for r in clause.rels if r.name}
            scope |= names | set(clause.paths)
            entities |= names | set(clause.paths)
        elif up == "UNWIND":
            for j, other, d in _nesting(tokens, i + 1):
                if d == 0 and other.upper == "AS" and j + 1 < len(tokens):
                    scope.add(tokens[j + 1].ident)
                    entities.discard(tokens[j + 1].ident)
                    break
        elif up == "WITH":
            end, where = len(tokens), None
            for j, other, d in _nesting(tokens, i + 1):
                if d == 0 and end == len(tokens) and (_is_clause(tokens, j) or other.upper in ("ORDER", "SKIP")):
                    end = j
                if d == 0 and other.upper == "WHERE":
                    where = j
                if d == 0 and _is_clause(tokens, j) and other.upper not in ("ORDER", "SKIP", "LIMIT", "WHERE"):
                    break
            items: list[list[Token]] = [[]]
            for j, other, d in _nesting(tokens, i + 1, end):
                if d == 0 and other.kind == "op" and other.text == ",":
                    items.append([])
                elif not (j == i + 1 and other.upper == "DISTINCT"):
                    items[-1].append(other)
            new: set[str] = set()
            new_entities: set[str] = set()
            for item in items:
                kept = _scope_item(item, scope)
                new |= kept
                if len(item) == 1 and item[0].text == "*":
                    new_entities |= entities
                elif item and item[0].ident in entities and len(item) in (1, 3):
                    new_entities |= kept
                    if len(item) == 3 and item[2].ident != item[0].ident:
                        renames.append((tokens.index(item[2]), item[0].ident, item[2].ident))
            scope, entities = new, new_entities
            if where is not None:
                filters.append((where, sorted(scope)))
        elif up == "UNION":
            scope, entities = set(), set()
    return out, renames, filters


def _scope_item(item: list[Token], scope: set[str]) -> set[str]:
    """The variables a WITH item keeps (its alias, or the variable itself; ``*`` keeps them all)."""
    if len(item) >= 3 and item[-2].upper == "AS" and item[-1].ident:
        return {item[-1].ident}
    if len(item) == 1 and item[0].ident:
        return {item[0].ident}
    if len(item) == 1 and item[0].text == "*":
        return set(scope)
    return set()


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


def _label_calls(tokens: list[Token], reader: _Reader) -> list[tuple[int, int]]:
    """Spans of the ``labels(x)`` calls: listed with ``Node`` last, as Neo4j lists a graphkit node's labels
    (graphqlite sorts them)."""
    out = []
    for i, tok in enumerate(tokens):
        if tok.upper == "LABELS" and i + 1 < len(tokens) and tokens[i + 1].text == "(" \
                and not (i and tokens[i - 1].text == "."):
            end = reader.skip_group(i + 1) - 1
            out.append((tok.start, tokens[end].end))
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


#: Aggregating functions (an item that uses one anywhere but at its top is left as written).
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "COLLECT", "STDEV", "STDEVP", "PERCENTILECONT",
               "PERCENTILEDISC"}
#: How partial results per group of nodes combine into the result per key: count and sum add up.
_PARTIALS = {"COUNT": "sum", "SUM": "sum", "MIN": "min", "MAX": "max"}
#: Functions of values that graphqlite computes on a node or relationship passed through a WITH (it cannot
#: compute labels(), keys(), properties() or exists() there), and that give one value per call.
_GROUP_FUNCTIONS = {"ID", "TYPE", "TOUPPER", "TOLOWER", "TOSTRING", "TOINTEGER", "TOFLOAT", "TOBOOLEAN", "TRIM",
                    "LTRIM", "RTRIM", "SUBSTRING", "LEFT", "RIGHT", "REPLACE", "REVERSE", "SIZE", "COALESCE",
                    "ABS", "SIGN", "HEAD", "LAST"}
#: Words an expression over variables may use besides variables, property keys and function names.
_EXPRESSION_WORDS = {"AND", "OR", "XOR", "NOT", "IS", "NULL", "TRUE", "FALSE", "IN", "STARTS", "ENDS", "WITH",
                     "CONTAINS", "CASE", "WHEN", "THEN", "ELSE", "END"}


def _variables_of(tokens: list[Token], groupable: set[str]) -> set[str] | None:
    """The variables an expression reads, if it reads nothing but ``groupable`` ones through properties,
    labels, ``_GROUP_FUNCTIONS`` and operators (no lists, maps or patterns); else ``None``."""
    used: set[str] = set()
    for k, tok in enumerate(tokens):
        prev = tokens[k - 1] if k else None
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if tok.kind == "op":
            if tok.text in "[]{}" or tok.text in ("->", "<-", "|") or (
                    tok.text == ")" and nxt is not None and nxt.text in ("-", "<-", "->")):
                return None  # lists, maps, comprehensions and patterns: left as written
            continue
        if tok.kind in ("str", "num", "param"):
            continue
        if prev is not None and prev.kind == "op" and prev.text in (".", ":"):
            continue  # a property key or a label
        if nxt is not None and nxt.kind == "op" and nxt.text == "(" and tok.kind == "name":
            if tok.upper not in _GROUP_FUNCTIONS:
                return None
            continue
        if tok.kind == "name" and tok.upper in _EXPRESSION_WORDS:
            continue
        if tok.ident not in groupable:
            return None
        used.add(tok.ident)
    return used


def _group_first(text: str, tokens: list[Token], clauses: dict[int, MatchClause], reader: _Reader) -> str | None:
    """``MATCH ... RETURN keys, aggregates`` grouped by the keys' nodes first, or ``None`` if it does not apply.

    graphqlite computes each property a query reads (a lookup in several
    tables) once per row, for the WHERE, the grouping keys and the ORDER BY,
    before it groups. Rows grouped first by the node (and relationship)
    variables the keys read, then by the keys, read each property once per
    group instead:

        MATCH p WHERE a.name < b.name RETURN a.name AS x, b.name AS y, count(c) AS n
        -> MATCH p WITH a, b, count(c) AS _gk_g1 WHERE a.name < b.name
           RETURN a.name AS x, b.name AS y, sum(_gk_g1) AS n

    This is exact: the keys are functions of the grouped variables, so each
    group of nodes falls into one key, and the partial counts and sums of a
    key's groups add up to its count and sum (its minimum and maximum are
    those of the partial ones), even when two nodes share a name. A WHERE
    condition (a conjunct of it) that reads only the grouped variables keeps
    or drops whole groups; one that compares two of them is tested once per
    group after the WITH (it cannot be tested before the rows are joined
    anyway). The rest stay in the MATCH: a condition on one node filters
    it before the joins (or pins it, looked up through the index), which
    grouping first would undo. Only one MATCH, no DISTINCT, and
    count, sum, min and max without DISTINCT (avg, collect and the others do
    not combine from partial results); at least one key, since an
    aggregation without keys gives a row even when nothing matches; and only
    when some node of the pattern is not fixed by the grouped variables,
    else the groups are the rows and grouping twice is only slower.
    """
    t = tokens
    top = [(i, tok.upper) for i, tok, depth in _nesting(t) if depth == 0 and _is_clause(t, i)]
    kinds = [up for _, up in top]
    clause = clauses.get(0) if t and t[0].upper == "MATCH" else None
    if clause is None or clause.optional or clause.parts != 1 or clause.paths or "RETURN" not in kinds:
        return None
    ret = kinds.index("RETURN")
    if kinds[:ret] not in (["MATCH"], ["MATCH", "WHERE"]) or any(up not in ("ORDER", "SKIP", "LIMIT")
                                                                  for up in kinds[ret + 1:]):
        return None
    ret_at = top[ret][0]
    tail_at = top[ret + 1][0] if ret + 1 < len(top) else len(t)
    if ret_at + 1 >= tail_at or t[ret_at + 1].upper == "DISTINCT":
        return None
    groupable = {n.name for n in clause.nodes if n.name} | {r.name for r in clause.rels
                                                            if r.name and not r.var_length}
    items: list[tuple[int, int]] = []
    first = ret_at + 1
    for j, tok, depth in _nesting(t, ret_at + 1, tail_at):
        if depth == 0 and tok.kind == "op" and tok.text == ",":
            items.append((first, j))
            first = j + 1
    items.append((first, tail_at))
    keys: list[str] = []  # the grouped variables, in the order the items read them
    aliases: set[str] = set()
    partials: list[str] = []
    out_items: list[str] = []
    for a, b in items:
        stop = b - 2 if b - a >= 3 and t[b - 2].upper == "AS" and t[b - 1].ident else b
        if stop <= a:
            return None
        alias = t[b - 1].ident if stop < b else None
        if alias:
            aliases.add(alias)
        head = t[a]
        if head.kind == "name" and head.upper in _AGGREGATES and a + 1 < stop and t[a + 1].text == "(" \
                and reader.skip_group(a + 1) == stop:
            if head.upper not in _PARTIALS or t[a + 2].upper == "DISTINCT":
                return None
            partials.append(text[head.start:t[stop - 1].end])
            hidden = f"_gk_g{len(partials)}"
            out_items.append(f"{_PARTIALS[head.upper]}({hidden}) AS {_backticked(alias or hidden)}")
            continue
        used = _variables_of(t[a:stop], groupable)
        if used is None:
            return None
        keys += [v for v in sorted(used, key=lambda v: next(k for k in range(a, stop) if t[k].ident == v))
                 if v not in keys]
        out_items.append(text[head.start:t[b - 1].end])
    if not keys or not partials or len(partials) == len(items):
        return None
    # a node the grouped variables leave free (a relationship fixes both its ends)
    fixed = [n.name in keys for n in clause.nodes]
    for k, rel in enumerate(clause.rels):
        if rel.name in keys:
            fixed[k] = fixed[k + 1] = True
    if all(fixed):
        return None
    for k in range(tail_at, len(t)):
        tok = t[k]
        if tok.kind == "name" and tok.upper in _AGGREGATES and k + 1 < len(t) and t[k + 1].text == "(":
            return None
        after_dot = t[k - 1].kind == "op" and t[k - 1].text == "."
        call = k + 1 < len(t) and t[k + 1].text == "("
        if tok.ident and not after_dot and not call and tok.upper not in _KEYWORDS \
                and tok.ident not in aliases and tok.ident not in keys:
            return None  # ORDER BY a variable the grouping drops
    stays: list[str] = []
    moves: list[str] = []
    if clause.where is not None:
        w_first, w_stop = clause.where
        conjuncts: list[tuple[int, int]] = []
        start = w_first
        split = not any(d == 0 and tok.upper in ("OR", "XOR") for _, tok, d in _nesting(t, w_first, w_stop))
        for j, tok, depth in _nesting(t, w_first, w_stop):
            if split and depth == 0 and tok.upper == "AND":
                conjuncts.append((start, j))
                start = j + 1
        conjuncts.append((start, w_stop))
        for a, b in conjuncts:
            if b <= a:
                return None
            conj = text[t[a].start:t[b - 1].end]
            used = _variables_of(t[a:b], set(keys))
            (moves if used is not None and len(used) > 1 else stays).append(conj)
    out = [text[t[0].start:t[clause.end - 1].end]]
    if stays:
        out.append("WHERE " + " AND ".join(stays))
    out.append("WITH " + ", ".join([_backticked(v) for v in keys]
                                   + [f"{p} AS _gk_g{n}" for n, p in enumerate(partials, 1)]))
    if moves:
        out.append("WHERE " + " AND ".join(moves))
    out.append("RETURN " + ", ".join(out_items))
    if tail_at < len(t):
        out.append(text[t[tail_at].start:t[-1].end])
    return " ".join(out)


@lru_cache(maxsize=512)
def analyse(text: str) -> Analysis:
    """Read a query once: refusal, the text graphqlite runs, columns and the names it uses."""
    return _analyse(text)


def _analyse(text: str, regroup: bool = True) -> Analysis:
    tokens = tokenize(text)
    while tokens and tokens[-1].kind == "op" and tokens[-1].text == ";":
        tokens.pop()
    params = frozenset(t.text[1:].strip("`") for t in tokens if t.kind == "param")
    labels, types, props = _names(tokens)
    base = dict(params=params, labels=frozenset(labels), types=frozenset(types), properties=frozenset(props))
    refusal = _refusal(tokens) or _var_length_problem(tokens)
    if refusal:
        return Analysis(text, refusal, None, **base)
    reader = _Reader(tokens)
    clauses: dict[int, MatchClause] = {}
    patterns: list[tuple[int, int]] = []
    unread = False
    for i, tok, depth in _nesting(tokens):
        if tok.upper != "MATCH":
            continue
        optional = i > 0 and tokens[i - 1].upper == "OPTIONAL"
        clause = reader.match(i + 1, optional)
        if clause is None:
            unread = True
            continue
        patterns.append((clause.start, clause.end))
        if depth == 0:
            clauses[i] = clause
        elif any(n.where for n in clause.nodes) or any(r.where for r in clause.rels):
            return Analysis(text, "WHERE inside a pattern of a subquery (write it in the subquery's WHERE)", None,
                            **base)
        elif any(r.var_length for r in clause.rels):
            return Analysis(text, "variable-length relationships in a subquery", None, **base)
    if unread:
        # graphqlite may still parse it: if it does, the store refuses rather than risk rows Neo4j would not give
        return Analysis(text, "", None, **base)
    if any(c.optional and c.named_chains for c in clauses.values()):
        return Analysis(text, "OPTIONAL MATCH of a named path of more than one relationship", None, **base)
    grouped = _group_first(text, tokens, clauses, reader) if regroup else None
    if grouped is not None:
        inner = _analyse(grouped, regroup=False)
        if inner.refusal is None:
            return Analysis(inner.text, None, _columns(text, tokens), regexes=inner.regexes, **base)
    rewriter = _Rewriter(text, tokens, reader)
    bound, renames, filters = _scopes(tokens, clauses)
    for at, old, new in renames:
        rewriter.rename(at, old, new)
    for where, names in filters:
        rewriter.filter_with(where, names)
    for i, clause in clauses.items():
        before = {rewriter.var(name, i) for name in bound.get(i, set())}
        for element in [*clause.nodes, *clause.rels]:
            if element.name:
                element.name = rewriter.var(element.name, i)
        if clause.optional:
            rewriter.optional(clause, before)
        else:
            rewriter.match(clause)
    rewriter.expressions(patterns)
    handled = {k for c in clauses.values() for k in [n.map_open for n in c.nodes] + [r.map_span[0] for r in c.rels
                                                                                     if r.map_span] if k is not None}
    refusal = rewriter.refusal or _map_refers(tokens, handled)
    if refusal:
        return Analysis(text, refusal, None, **base)
    stars = any(t.text == "*" and i and tokens[i - 1].upper in ("RETURN", "WITH", "DISTINCT")
                for i, t in enumerate(tokens))
    if stars and rewriter.filters:
        return Analysis(text, "RETURN * or WITH * after a WITH ... WHERE", None, **base)
    if stars and rewriter.hidden_rels:
        return Analysis(text, "RETURN * or WITH * over unnamed relationships (name them)", None, **base)
    for start, end, insert in _alias_renames(tokens):
        rewriter.replace(start, end, insert)
    for start, end in _label_calls(tokens, reader):
        rewriter.wrap(start, end, "([_gk_l IN ", f" WHERE _gk_l <> '{NODE_LABEL}'] + ['{NODE_LABEL}'])")
    rewriter.unwind_operands()
    out = _apply(text[:tokens[-1].end] if tokens else text, rewriter.edits)
    return Analysis(out, None, _columns(text, tokens), regexes=tuple(rewriter.regexes), **base)


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
    if data.get("code") == "PARSE_ERROR" or ("syntax error" in error.lower() and "SQL prepare" not in error):
        what = re.sub(r"^.*?syntax error,?\s*", "", error, flags=re.I) or error
        line, column = data.get("line"), data.get("column")
        where = ""
        if line and column:
            lines = text.splitlines() or [""]
            near = lines[line - 1][column - 1:column + 19] if line <= len(lines) else ""
            where = f" at line {line}, column {column}" + (f" (near {near!r})" if near.strip() else "")
        return QueryError(f"syntax error{where}: {what}")
    return QueryError(f"the embedded backend cannot run this query: {error[:200]}; use --backend neo4j")
