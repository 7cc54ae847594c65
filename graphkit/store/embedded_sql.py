"""Whole-graph read queries of one plain shape, compiled straight to SQL over graphqlite's tables.

graphqlite turns a pattern into one nested-loop join walked from its first
node: labels are checked and properties read (through correlated subqueries
over five tables) on every partial path. That is what an anchored query
wants, and what makes a whole-graph aggregation pay for every path it walks:
co-mentioned people at 1,000,000 relationships walk 3.5 million partial
paths to find 583,472 matches. A query of this shape, with no node pinned by
``v.key = value``, is compiled here instead:

    MATCH <one chain of nodes and relationships: ->, <- or -, types, labels>
    [WHERE <comparisons of properties, type(r), values; IS [NOT] NULL; joined by AND>]
    RETURN [DISTINCT] <v.key | type(r) | count/sum/min/max/avg(...)> [AS alias], ...
    [ORDER BY <returned column> [ASC|DESC], ...] [SKIP n] [LIMIT n]

Each relationship becomes a *hop*: the edges of its types whose ends carry
the labels the pattern gives them, with the properties the query reads of
those ends and the conditions on one of them applied (an undirected one: each
edge from both ends, an edge to itself once), materialized once when the
pattern has several (identical hops are shared, as in
``(a)-[:T]->(x)<-[:T]-(b)``). The hops are joined on their shared nodes
(SQLite builds an index on the fly), so labels and properties are read once
per edge, not once per path; a key that is only a node's property is read
once per node, after grouping by the node (``late_keys``). What Neo4j
defines, the SQL keeps: different pattern relationships are different edges;
a variable bound twice is the same node; a comparison with null, or a missing
property, keeps no row; nulls sort last ascending and first descending;
``sum`` of nothing is 0; aggregations without keys give one row.

Whether a query is compiled is decided twice: from its text alone
(``compile_query``, cached; ``None`` for anything outside the shape) and at
run time from the data (``Compiled.sql``): every property it reads must hold
one kind of value in the store (text, integers or floats, or be absent), and
each comparison must compare text with text or numbers with numbers; else
graphqlite answers it. Text compares by code point, as graphqlite's does.
tests/test_cypher_conformance.py runs queries of this shape against Neo4j.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import QueryError
from .embedded_cypher import Token, _nesting, _Reader, _unquote, tokenize
from .sqlite_graph import TABLES

_COMPARISONS = {"=", "<>", "<", "<=", ">", ">="}
_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG"}
#: value tables graphkit reads in compiled queries, and the kind of value each holds
_KINDS = {"text": "text", "int": "number", "real": "number"}


@dataclass(frozen=True)
class Prop:
    var: str
    key: str


@dataclass(frozen=True)
class TypeOf:
    """``type(r)`` in a condition."""

    var: str


@dataclass(frozen=True)
class Value:
    """A literal (``param`` None) or a parameter."""

    literal: Any = None
    param: str | None = None


Operand = Prop | TypeOf | Value


@dataclass(frozen=True)
class Cond:
    left: Operand
    op: str  # a comparison, or IS NULL / IS NOT NULL (``right`` None)
    right: Operand | None

    def props(self) -> list[Prop]:
        return [side for side in (self.left, self.right) if isinstance(side, Prop)]

    def variables(self) -> set[str]:
        return {side.var for side in (self.left, self.right) if isinstance(side, Prop | TypeOf)}


@dataclass(frozen=True)
class Item:
    """A RETURN item: a property, ``type(r)``, or an aggregate of ``*``, a variable or a property."""

    func: str | None  # None (a property), TYPE, COUNT, SUM, MIN, MAX, AVG
    arg: Prop | str | None  # a property, a variable name, or None for count(*)
    distinct: bool = False
    tokens: tuple[str, ...] = ()  # the expression as written, to match ORDER BY keys

    @property
    def aggregate(self) -> bool:
        return self.func in _AGGREGATES


@dataclass(frozen=True)
class Compiled:
    """A query of the compiled shape, read from its text; ``sql`` makes the statement for one store and run."""

    nodes: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]  # per position: variable, label alternatives
    #: variable, types (empty: any), direction (True: left to right, False: right to left, None: either)
    rels: tuple[tuple[str, tuple[str, ...], bool | None], ...]
    conds: tuple[Cond, ...]
    items: tuple[Item, ...]
    distinct: bool
    order: tuple[tuple[int, bool], ...]  # (item, descending)
    skip: Value | None
    limit: Value | None

    def sql(self, conn: Any, key_id: Any, params: dict[str, Any]) -> tuple[str, list[Any]] | None:
        """The SQL and its arguments, or ``None`` when the store's values or the parameters leave the shape."""
        return _Builder(self, conn, key_id, params).build()


# -- reading the text -----------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def compile_query(text: str) -> Compiled | None:
    """The query as a ``Compiled``, or ``None`` if it is not of the shape this module compiles."""
    try:
        tokens = tokenize(text)
    except QueryError:
        return None  # graphqlite's reading of it says where the error is
    while tokens and tokens[-1].kind == "op" and tokens[-1].text == ";":
        tokens.pop()
    return _Parser(tokens).parse()


class _Unsupported(Exception):
    pass


class _Parser:
    """Reads the compiled shape from the tokens, raising ``_Unsupported`` at the first thing outside it."""

    def __init__(self, tokens: list[Token]) -> None:
        self.t = tokens
        self.i = 0
        self.node_vars: set[str] = set()
        self.rel_vars: set[str] = set()

    # small helpers
    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.t[j] if j < len(self.t) else None

    def word(self, *words: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "name" and tok.upper in words

    def op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "op" and tok.text in ops

    def take(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise _Unsupported
        self.i += 1
        return tok

    def expect_op(self, text: str) -> None:
        if not self.op(text):
            raise _Unsupported
        self.i += 1

    def ident(self) -> str:
        tok = self.take()
        if not tok.ident:
            raise _Unsupported
        return tok.ident

    def parse(self) -> Compiled | None:
        try:
            return self._parse()
        except _Unsupported:
            return None

    def _parse(self) -> Compiled:
        t = self.t
        if not t or t[0].upper != "MATCH":
            raise _Unsupported
        clause = _Reader(t).match(1, False)
        if clause is None or clause.parts != 1 or clause.paths:
            raise _Unsupported
        nodes, rels = self.pattern(clause)
        self.i = clause.end
        conds: list[Cond] = []
        if self.word("WHERE"):
            assert clause.where is not None
            self.i += 1
            conds.append(self.cond())
            while self.word("AND"):
                self.i += 1
                conds.append(self.cond())
            if self.i != clause.where[1]:
                raise _Unsupported
        if any(c.op == "=" and any(isinstance(side, Value) for side in (c.left, c.right))
               and c.variables() & self.node_vars for c in conds):
            raise _Unsupported  # a pinned node: graphqlite starts there, through the property index
        if not self.word("RETURN"):
            raise _Unsupported
        self.i += 1
        distinct = self.word("DISTINCT")
        if distinct:
            self.i += 1
        items, aliases = [self.item()], []
        aliases.append(self.alias())
        while self.op(","):
            self.i += 1
            items.append(self.item())
            aliases.append(self.alias())
        order: list[tuple[int, bool]] = []
        if self.word("ORDER"):
            self.i += 1
            if not self.word("BY"):
                raise _Unsupported
            self.i += 1
            order.append(self.order_key(items, aliases))
            while self.op(","):
                self.i += 1
                order.append(self.order_key(items, aliases))
        skip = limit = None
        if self.word("SKIP"):
            self.i += 1
            skip = self.count_value()
        if self.word("LIMIT"):
            self.i += 1
            limit = self.count_value()
        if self.i != len(t):
            raise _Unsupported
        return Compiled(tuple(nodes), tuple(rels), tuple(conds), tuple(items), distinct, tuple(order), skip, limit)

    def pattern(self, clause: Any) -> tuple[list[tuple[str, tuple[tuple[str, ...], ...]]],
                                            list[tuple[str, tuple[str, ...], bool | None]]]:
        nodes = []
        for k, node in enumerate(clause.nodes):
            if node.map_open is not None or node.where is not None:
                raise _Unsupported
            name = node.name or f" n{k}"  # a space: no user variable looks like it
            if name in self.rel_vars:
                raise _Unsupported
            self.node_vars.add(name)
            nodes.append((name, tuple(tuple(alt.strip("`") for alt in labels) for labels in node.labels)))
        rels = []
        for k, rel in enumerate(clause.rels):
            if rel.var_length or rel.map_span is not None or rel.where is not None \
                    or (rel.arrow_left and rel.arrow_right):
                raise _Unsupported
            name = rel.name or f" r{k}"
            if name in self.node_vars or name in self.rel_vars:
                raise _Unsupported
            self.rel_vars.add(name)
            direction = True if rel.arrow_right else False if rel.arrow_left else None
            rels.append((name, tuple(sorted({ty.strip("`") for ty in rel.types})), direction))
        return nodes, rels

    def operand(self) -> Operand:
        tok = self.take()
        if tok.upper == "TYPE" and self.op("("):
            self.i += 1
            name = self.ident()
            self.expect_op(")")
            if name not in self.rel_vars:
                raise _Unsupported
            return TypeOf(name)
        if tok.kind == "str":
            return Value(_unquote(tok.text))
        if tok.kind == "num":
            return Value(_number(tok.text))
        if tok.kind == "op" and tok.text == "-" and self.peek() is not None and self.peek().kind == "num":
            return Value(-_number(self.take().text))
        if tok.kind == "param":
            return Value(param=tok.text[1:].strip("`"))
        if tok.ident and tok.ident in self.node_vars | self.rel_vars and self.op("."):
            self.i += 1
            return Prop(tok.ident, self.ident())
        raise _Unsupported

    def cond(self) -> Cond:
        left = self.operand()
        if self.word("IS"):
            self.i += 1
            negated = self.word("NOT")
            if negated:
                self.i += 1
            if not self.word("NULL") or isinstance(left, Value):
                raise _Unsupported
            self.i += 1
            return Cond(left, "IS NOT NULL" if negated else "IS NULL", None)
        tok = self.take()
        if tok.kind != "op" or tok.text not in _COMPARISONS:
            raise _Unsupported
        right = self.operand()
        if isinstance(left, Value) and isinstance(right, Value):
            raise _Unsupported
        return Cond(left, tok.text, right)

    def item(self) -> Item:
        start = self.i
        tok = self.take()
        if tok.kind == "name" and self.op("(") and tok.upper in _AGGREGATES | {"TYPE"}:
            self.i += 1
            distinct = self.word("DISTINCT")
            if distinct:
                self.i += 1
            arg: Prop | str | None
            if self.op("*"):
                if tok.upper != "COUNT" or distinct:
                    raise _Unsupported
                self.i += 1
                arg = None
            else:
                name = self.ident()
                if self.op("."):
                    if tok.upper == "TYPE" or name not in self.node_vars | self.rel_vars:
                        raise _Unsupported
                    self.i += 1
                    arg = Prop(name, self.ident())
                elif (tok.upper == "COUNT" and name in self.node_vars | self.rel_vars) or \
                        (tok.upper == "TYPE" and name in self.rel_vars and not distinct):
                    arg = name
                else:
                    raise _Unsupported
            self.expect_op(")")
            return Item(tok.upper, arg, distinct, self.spelled(start))
        self.i -= 1
        prop = self.operand()
        if not isinstance(prop, Prop):
            raise _Unsupported
        return Item(None, prop, False, self.spelled(start))

    def spelled(self, start: int) -> tuple[str, ...]:
        words = _AGGREGATES | {"TYPE", "DISTINCT"}  # case-insensitive; variables and keys are not
        return tuple(tok.upper if tok.upper in words else tok.ident or tok.text for tok in self.t[start:self.i])

    def alias(self) -> str | None:
        if self.word("AS"):
            self.i += 1
            return self.ident()
        return None

    def order_key(self, items: list[Item], aliases: list[str | None]) -> tuple[int, bool]:
        start = self.i
        depth_end = start
        for j, tok, depth in _nesting(self.t, start):
            if depth == 0 and ((tok.kind == "op" and tok.text == ",") or tok.upper in (
                    "ASC", "ASCENDING", "DESC", "DESCENDING", "SKIP", "LIMIT")):
                break
            depth_end = j + 1
        self.i = depth_end
        written = self.spelled(start)
        found = None
        if len(written) == 1 and self.t[start].ident in aliases:
            found = aliases.index(self.t[start].ident)
        else:
            matches = [k for k, item in enumerate(items) if item.tokens == written]
            found = matches[0] if matches else None
        if found is None:
            raise _Unsupported  # ORDER BY something not returned: left to graphqlite
        descending = self.word("DESC", "DESCENDING")
        if descending or self.word("ASC", "ASCENDING"):
            self.i += 1
        return found, descending

    def count_value(self) -> Value:
        tok = self.take()
        if tok.kind == "num" and tok.text.isdigit():
            return Value(int(tok.text))
        if tok.kind == "param":
            return Value(param=tok.text[1:].strip("`"))
        raise _Unsupported


def _number(text: str) -> int | float:
    return float(text) if any(c in text for c in ".eE") else int(text)


# -- writing the SQL ------------------------------------------------------------------------------------


class _Builder:
    """One statement for one store and one set of parameters (see the module's docstring for its shape)."""

    def __init__(self, plan: Compiled, conn: Any, key_id: Any, params: dict[str, Any]) -> None:
        self.plan = plan
        self.conn = conn
        self.key_id = key_id
        self.params = params
        self.rel_names = {name for name, _, _ in plan.rels}

    def kind(self, prop: Prop) -> str | None:
        """text, number or absent (``"none"``) for a property's values in the store; None if mixed or other."""
        element = "edge" if prop.var in self.rel_names else "node"
        kid = self.key_id(prop.key)
        if kid is None:
            return "none"
        held = [table for table in TABLES if self.conn.execute(
            f"SELECT 1 FROM {element}_props_{table} WHERE key_id = ? LIMIT 1", (kid,)).fetchone()]
        if not held:
            return "none"
        if len(held) > 1 or held[0] not in _KINDS:
            return None
        return held[0]

    def value(self, value: Value) -> tuple[str, Any]:
        """(kind, Python value) of a literal or parameter; kind None for what the compiled path does not take."""
        found = self.params.get(value.param) if value.param is not None else value.literal
        if isinstance(found, str):
            return "text", found
        if isinstance(found, int | float) and not isinstance(found, bool):
            return "number", found
        return None, found

    def build(self) -> tuple[str, list[Any]] | None:
        plan = self.plan
        props = sorted({p for c in plan.conds for p in c.props()}
                       | {i.arg for i in plan.items if isinstance(i.arg, Prop)}, key=lambda p: (p.var, p.key))
        tables: dict[Prop, str] = {}
        for prop in props:
            table = self.kind(prop)
            if table is None:
                return None
            tables[prop] = table
        for cond in plan.conds:
            if cond.right is None:
                continue
            kinds = set()
            for side in (cond.left, cond.right):
                if isinstance(side, Prop):
                    kinds.add(_KINDS.get(tables[side], "none"))
                elif isinstance(side, TypeOf):
                    kinds.add("text")
                else:
                    kind, _ = self.value(side)
                    if kind is None:
                        return None
                    kinds.add(kind)
            if len(kinds - {"none"}) > 1:
                return None  # text against a number: Neo4j's answer differs by operator
        for item in plan.items:
            if item.func in ("SUM", "AVG") and isinstance(item.arg, Prop) and tables[item.arg] == "text":
                return None
        for paging in (plan.skip, plan.limit):
            if paging is not None:
                kind, number = self.value(paging)
                if kind != "number" or not isinstance(number, int) or number < 0:
                    return None
        return self.statement(tables)

    def statement(self, tables: dict[Prop, str]) -> tuple[str, list[Any]]:
        plan = self.plan
        nodes, rels = plan.nodes, plan.rels
        hops = max(len(rels), 1)
        # where each node position is held: (hop, column); a position between two hops is in both
        held: list[list[tuple[int, str]]] = []
        for k in range(len(nodes)):
            here = []
            if k > 0:
                here.append((k - 1, "s" if rels[k - 1][2] is False else "t"))
            if k < len(rels) or not rels:
                here.append((k, "t" if rels and rels[k][2] is False else "s"))
            held.append(here)
        positions: dict[str, list[int]] = {}
        for k, (name, _) in enumerate(nodes):
            positions.setdefault(name, []).append(k)
        labels: dict[str, list[tuple[str, ...]]] = {}  # a variable bound twice has the labels of both
        for name, alts in nodes:
            have = labels.setdefault(name, [])
            have += [a for a in alts if a not in have]
        # each variable is read in its first hop: its properties and the conditions on it alone
        home: dict[str, tuple[int, str]] = {name: min(h for k in ks for h in held[k]) for name, ks in positions.items()}
        home.update({name: (j, "e") for j, (name, _, _) in enumerate(rels)})
        late = self.late_keys()
        reads: list[dict[str, list[Prop]]] = [{"s": [], "t": [], "e": []} for _ in range(hops)]
        for prop in tables:
            if prop not in late:
                j, side = home[prop.var]
                reads[j][side].append(prop)
        column: dict[Prop | TypeOf, str] = {
            p: f"x{home[p.var][0]}.{side}p{n}" for j in range(hops) for side, ps in reads[j].items()
            for n, p in enumerate(ps)}
        column.update({TypeOf(name): f"x{j}.ty" for j, (name, _, _) in enumerate(rels)})
        local: list[list[Cond]] = [[] for _ in range(hops)]
        joined: list[Cond] = []
        for cond in plan.conds:
            owners = cond.variables()
            if len(owners) == 1:
                local[home[next(iter(owners))][0]].append(cond)
            else:
                joined.append(cond)

        def element(var: str) -> str:
            """The column holding a variable's node, or its relationship's id."""
            j, side = home[var]
            return f"x{j}.eid" if side == "e" else f"x{j}.{side}"

        where: list[str] = []
        for ks in positions.values():
            cols = [f"x{j}.{side}" for k in ks for j, side in held[k]]
            where += [f"{cols[0]} = {col}" for col in cols[1:]]
        for a in range(len(rels)):
            for b in range(a + 1, len(rels)):
                ta, tb = set(rels[a][1]), set(rels[b][1])
                if not ta or not tb or ta & tb:
                    where.append(f"x{a}.eid <> x{b}.eid")
        where_args: list[Any] = []
        for cond in joined:
            sql, more = self.condition(cond, column.__getitem__)
            where.append(sql)
            where_args += more
        groups = sorted({p.var for p in late})  # grouped by these nodes first, their keys read per node
        keys = [n for n, item in enumerate(plan.items) if not item.aggregate]
        select = [f"{element(v)} AS g{k}" for k, v in enumerate(groups)]
        select += [f"{self.expression(item, column, element)} AS c{n}" for n, item in enumerate(plan.items)
                   if item.arg not in late]
        # the hops' columns the statement reads: a hop gives only those (and reads its table only for them)
        needs: list[set[str]] = [set() for _ in range(hops)]
        for j, col in re.findall(r"\bx(\d+)\.(eid|s|t|ty)\b", " ".join([*where, *select])):
            needs[int(j)].add(col)
        ends = [(nodes[j][0], nodes[j + 1][0]) if rels else (nodes[0][0],) for j in range(hops)]
        bodies = [self.hop(j, ends[j], labels, reads[j], tables, local[j], needs[j]) for j in range(hops)]
        ctes: dict[tuple[str, tuple[Any, ...]], str] = {}
        for body in bodies:
            ctes.setdefault(body, f"h{len(ctes)}")
        args: list[Any] = [a for body in ctes for a in body[1]] + where_args
        materialized = " AS MATERIALIZED" if hops > 1 else " AS"
        head = "WITH " + ", ".join(f"{name}{materialized} ({sql})" for (sql, _), name in ctes.items())
        sources = ", ".join(f"{ctes[body]} AS x{j}" for j, body in enumerate(bodies))
        query = f"{head} SELECT {'DISTINCT ' if plan.distinct else ''}{', '.join(select)} FROM {sources}"
        if where:
            query += " WHERE " + " AND ".join(where)
        grouped = [f"g{k}" for k in range(len(groups))] + [f"c{n}" for n in keys if plan.items[n].arg not in late]
        if grouped and len(keys) < len(plan.items):
            query += " GROUP BY " + ", ".join(grouped)
        if late:
            outer, outer_args = [], []
            for n, item in enumerate(plan.items):
                if item.arg in late:
                    assert isinstance(item.arg, Prop)
                    g = f"g{groups.index(item.arg.var)}"
                    if tables[item.arg] == "none":
                        outer.append(f"NULL AS c{n}")
                    else:
                        outer.append(f"(SELECT value FROM node_props_{tables[item.arg]} WHERE node_id = {g} "
                                     f"AND key_id = ?) AS c{n}")
                        outer_args.append(self.key_id(item.arg.key))
                else:
                    combine = {"COUNT": "SUM", "SUM": "SUM", "MIN": "MIN", "MAX": "MAX"}.get(item.func or "")
                    outer.append(f"{combine}(c{n}) AS c{n}" if item.aggregate else f"c{n}")
            query = f"SELECT {', '.join(outer)} FROM ({query}) GROUP BY {', '.join(f'c{n}' for n in keys)}"
            args = outer_args + args
        query = f"SELECT {', '.join(f'c{n}' for n in range(len(plan.items)))} FROM ({query})"
        if plan.order:
            query += " ORDER BY " + ", ".join(
                f"(c{n} IS NULL) {'DESC' if desc else 'ASC'}, c{n} {'DESC' if desc else 'ASC'}"
                for n, desc in plan.order)
        if plan.skip is not None or plan.limit is not None:
            query += " LIMIT ? OFFSET ?"
            args += [self.value(plan.limit)[1] if plan.limit else -1, self.value(plan.skip)[1] if plan.skip else 0]
        return query, args

    def late_keys(self) -> set[Prop]:
        """Node properties that are only grouping keys of a decomposable aggregation: read once per node.

        Rows are grouped by those nodes first (counts and sums of the groups
        add up, minimums and maximums of them are the whole's), then by the
        keys, so a property is read once per node rather than once per row:
        the degree of every actor reads each name once, not once per
        relationship. Not for properties a condition or an aggregate reads
        (the hops read them anyway), nor for DISTINCT aggregates or avg.
        """
        plan = self.plan
        aggregates = [item for item in plan.items if item.aggregate]
        if not aggregates or len(aggregates) == len(plan.items) or any(
                item.distinct or item.func == "AVG" for item in aggregates):
            return set()
        needed = {p for c in plan.conds for p in c.props()} | {i.arg for i in aggregates if isinstance(i.arg, Prop)}
        return {item.arg for item in plan.items if item.func is None and isinstance(item.arg, Prop)
                and item.arg not in needed and item.arg.var not in self.rel_names}

    def hop(self, j: int, ends: tuple[str, ...], labels: dict[str, list[tuple[str, ...]]],
            reads: dict[str, list[Prop]], tables: dict[Prop, str], conds: list[Cond],
            needs: set[str]) -> tuple[str, tuple[Any, ...]]:
        """One hop's SELECT: relationship ``j``'s edges (or the nodes, for a pattern of one node).

        Its columns say source and target, not left and right, so the two
        hops of ``(a:P)-[:T]->(x)<-[:T]-(b:P)`` are one and the same.
        """
        plan = self.plan
        if not plan.rels:
            return self.branch({"s": "n.id"}, "nodes AS n", {"s": ends[0]}, labels, reads, tables, conds, [], [],
                               needs)
        _, types, forward = plan.rels[j]
        where = [f"e.type IN ({', '.join('?' * len(types))})"] if types else []
        sides = dict(zip(("t", "s") if forward is False else ("s", "t"), ends, strict=True))
        ahead = self.branch({"s": "e.source_id", "t": "e.target_id", "e": "e.id"}, "edges AS e", sides, labels,
                            reads, tables, conds, list(where), list(types), needs)
        if forward is not None:
            return ahead
        # either way: each relationship once from each end (a relationship to itself once)
        back = self.branch({"s": "e.target_id", "t": "e.source_id", "e": "e.id"}, "edges AS e", sides, labels,
                           reads, tables, conds, [*where, "e.source_id <> e.target_id"], list(types), needs)
        return f"{ahead[0]} UNION ALL {back[0]}", ahead[1] + back[1]

    def branch(self, owner: dict[str, str], sql_from: str, sides: dict[str, str],
               labels: dict[str, list[tuple[str, ...]]], reads: dict[str, list[Prop]], tables: dict[Prop, str],
               conds: list[Cond], where: list[str], where_args: list[Any],
               needs: set[str]) -> tuple[str, tuple[Any, ...]]:
        """A hop's SELECT with its ends' columns read from ``owner`` (``s``, ``t``: the nodes, ``e``: the edge).

        Only the columns the statement reads (``needs``): an index can then answer for the table.
        """
        source = {"eid": owner.get("e"), "s": owner["s"], "t": owner.get("t"), "ty": "e.type" if "e" in owner else None}
        cols = [f"{source[col]} AS {col}" for col in ("eid", "s", "t", "ty") if col in needs] or [f"{owner['s']} AS s"]
        for side, var in sorted(sides.items()):
            for alts in labels[var]:
                where.append(f"EXISTS (SELECT 1 FROM node_labels WHERE node_id = {owner[side]} "
                             f"AND label IN ({', '.join('?' * len(alts))}))")
                where_args += alts
        # a property is read by a subquery in the SELECT list (and in a condition on it): only for the edges
        # whose ends have the labels, which a join would read first
        col_args: list[Any] = []
        refs: dict[Prop | TypeOf, tuple[str, list[Any]]] = {}
        for side, props in reads.items():
            element = "edge" if side == "e" else "node"
            for n, prop in enumerate(props):
                if tables[prop] == "none":
                    refs[prop] = ("NULL", [])
                else:
                    refs[prop] = (f"(SELECT value FROM {element}_props_{tables[prop]} WHERE {element}_id = "
                                  f"{owner[side]} AND key_id = ?)", [self.key_id(prop.key)])
                cols.append(f"{refs[prop][0]} AS {side}p{n}")
                col_args += refs[prop][1]
        if "e" in owner:
            refs.update({TypeOf(name): ("e.type", []) for name, _, _ in self.plan.rels})
        for cond in conds:
            sql, more = self.condition(cond, refs.__getitem__)
            where.append(sql)
            where_args += more
        sql = f"SELECT {', '.join(cols)} FROM {sql_from}"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, tuple(col_args + where_args)

    def condition(self, cond: Cond, ref: Any) -> tuple[str, list[Any]]:
        args: list[Any] = []

        def side(x: Operand) -> str:
            if isinstance(x, Prop | TypeOf):
                found = ref(x)
                if isinstance(found, tuple):  # (a subquery, its arguments)
                    args.extend(found[1])
                    return found[0]
                return found
            args.append(self.value(x)[1])
            return "?"

        if cond.right is None:
            return f"{side(cond.left)} {cond.op}", args
        left = side(cond.left)
        return f"{left} {'<>' if cond.op == '<>' else cond.op} {side(cond.right)}", args

    def expression(self, item: Item, column: dict[Prop, str], element: Any) -> str:
        if item.func is None:
            assert isinstance(item.arg, Prop)
            return column[item.arg]
        if item.func == "TYPE":
            return element(item.arg).replace(".eid", ".ty")
        if item.arg is None:
            return "COUNT(*)"
        if isinstance(item.arg, str):  # a variable: never null in a MATCH
            return f"COUNT(DISTINCT {element(item.arg)})" if item.distinct else "COUNT(*)"
        distinct = "DISTINCT " if item.distinct else ""
        if item.func == "SUM":
            return f"COALESCE(SUM({distinct}{column[item.arg]}), 0)"
        return f"{item.func}({distinct}{column[item.arg]})"
