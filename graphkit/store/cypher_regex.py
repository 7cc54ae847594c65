"""Cypher's ``=~`` (Java regular expressions, whole-string match) as graphqlite's POSIX ERE.

graphqlite runs ``=~`` with the C library's POSIX extended regular
expressions and looks for the pattern anywhere in the string, while Neo4j
matches the whole string with Java's syntax: ``'Kim Jong Un' =~ 'Kim'`` is
false on Neo4j and was true on the embedded store, and ``\\d`` means a digit
to Java and the letter ``d`` to POSIX. ``to_posix`` writes a Java pattern as
an anchored POSIX one that matches the same strings, or raises
``UnsupportedRegex`` naming the Java feature that has no POSIX twin (the
query is then refused rather than answered differently).

Covered: literals and escapes of them, ``.``, bracket classes (ranges,
negation, ``\\d \\w \\s`` inside), ``\\d \\D \\w \\W \\s \\S`` (ASCII, as
Java's defaults), groups (capturing, ``(?:``, named), alternation, the
quantifiers ``* + ? {n} {n,} {n,m}`` (lazy ones too: for a whole-string
test laziness changes nothing) and a leading ``(?i)`` (ASCII letters only,
as Java's default). Not covered: look-around, back-references, possessive
quantifiers, ``\\b``, ``\\p{...}``, ``\\Q...\\E``, inline flags other than a
leading ``(?i)``, class intersections.
"""

from __future__ import annotations

#: Java's default (ASCII) classes, as POSIX bracket contents; whitespace as the characters themselves.
_CLASSES = {"d": "0-9", "w": "a-zA-Z0-9_", "s": " \t\n\x0b\f\r"}
_SPECIAL = set(".[]{}()*+?|^$\\")
_ESCAPED_CHARS = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "e": "\x1b", "a": "\x07"}
#: Java's ``.`` matches anything but a line terminator; POSIX's matches newlines too.
_DOT = "[^\n\r]"


class UnsupportedRegex(ValueError):
    """A Java regular expression feature with no POSIX equivalent; the message names it."""


def to_posix(pattern: str) -> str:
    """The anchored POSIX ERE that matches what Java's ``pattern`` matches as a whole string."""
    flags = ""
    if pattern.startswith("(?i)"):
        flags, pattern = "(?i)", pattern[4:]
        if any(ch.isalpha() and not ch.isascii() for ch in pattern):
            raise UnsupportedRegex("(?i) with non-ASCII letters (Java folds ASCII letters only)")
    return f"{flags}^({_Translator(pattern).run()})$"


class _Translator:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.out: list[str] = []
        self.depth = 0

    def run(self) -> str:
        while self.i < len(self.p):
            ch = self.p[self.i]
            if ch == "\\":
                self.out.append(self.escape(in_class=False))
            elif ch == "[":
                self.out.append(self.bracket())
            elif ch == "(":
                self.group()
            elif ch == ")":
                if self.depth == 0:
                    raise UnsupportedRegex("an unbalanced ')'")
                self.depth -= 1
                self.out.append(")")
                self.i += 1
            elif ch in "*+?":
                self.out.append(ch)
                self.i += 1
                self.lazy_or_possessive()
            elif ch == "{":
                self.repetition()
            elif ch == ".":
                self.out.append(_DOT)
                self.i += 1
            else:  # literals, and | ^ $ which mean the same in both
                self.out.append(ch)
                self.i += 1
        if self.depth:
            raise UnsupportedRegex("an unclosed '('")
        return "".join(self.out)

    def lazy_or_possessive(self) -> None:
        if self.i < len(self.p) and self.p[self.i] == "?":
            self.i += 1  # lazy: the same strings match as a whole
        elif self.i < len(self.p) and self.p[self.i] == "+":
            raise UnsupportedRegex("possessive quantifiers")

    def repetition(self) -> None:
        end = self.p.find("}", self.i)
        body = self.p[self.i + 1:end] if end > 0 else ""
        low, _, high = body.partition(",")
        if end < 0 or not low.isdigit() or not (high == "" or high.isdigit()):
            raise UnsupportedRegex("a '{' that is not a repetition {n,m}")
        self.out.append(self.p[self.i:end + 1])
        self.i = end + 1
        self.lazy_or_possessive()

    def group(self) -> None:
        rest = self.p[self.i:]
        if rest.startswith("(?:"):
            self.i += 3
        elif rest.startswith("(?<") and not rest.startswith(("(?<=", "(?<!")):
            close = rest.find(">")
            if close < 0:
                raise UnsupportedRegex("an unclosed group name")
            self.i += close + 1
        elif rest.startswith("(?"):
            raise UnsupportedRegex("look-around, atomic groups and inline flags")
        else:
            self.i += 1
        self.depth += 1
        self.out.append("(")

    def escape(self, in_class: bool) -> str:
        """The escape at ``self.i`` (a backslash): bracket contents if ``in_class``, else an atom."""
        if self.i + 1 >= len(self.p):
            raise UnsupportedRegex("a trailing backslash")
        ch = self.p[self.i + 1]
        self.i += 2
        if ch.lower() in _CLASSES:
            inner = _CLASSES[ch.lower()]
            if in_class:
                if ch.isupper():
                    raise UnsupportedRegex(f"\\{ch} inside a character class")
                return inner
            return f"[{'^' if ch.isupper() else ''}{inner}]"
        if ch in _ESCAPED_CHARS:
            return _ESCAPED_CHARS[ch] if in_class else _literal(_ESCAPED_CHARS[ch])
        if ch.isalnum():
            raise UnsupportedRegex(f"\\{ch}")
        return ch if in_class else _literal(ch)

    def bracket(self) -> str:
        """A character class ``[...]`` as a POSIX bracket expression."""
        self.i += 1
        negate = self.i < len(self.p) and self.p[self.i] == "^"
        if negate:
            self.i += 1
        items: list[str] = []  # single characters and ranges "a-z"
        while self.i < len(self.p) and self.p[self.i] != "]":
            ch = self.p[self.i]
            if ch == "[" or self.p.startswith("&&", self.i):
                raise UnsupportedRegex("nested classes and class intersections")
            if ch == "\\":
                part = self.escape(in_class=True)
            else:
                part = ch
                self.i += 1
            if len(part) == 1 and self.p.startswith("-", self.i) and self.i + 1 < len(self.p) \
                    and self.p[self.i + 1] != "]":
                self.i += 1
                if self.p[self.i] == "\\":
                    high = self.escape(in_class=True)
                    if len(high) != 1:
                        raise UnsupportedRegex("a range ending in a class")
                else:
                    high = self.p[self.i]
                    self.i += 1
                items.append(f"{part}-{high}")
            else:
                items.extend(_class_items(part))
        if self.i >= len(self.p):
            raise UnsupportedRegex("an unclosed '['")
        self.i += 1
        if not items:
            raise UnsupportedRegex("an empty character class")
        if items == ["^"] and not negate:
            return "\\^"
        return "[" + ("^" if negate else "") + _bracket_body(items) + "]"


def _class_items(part: str) -> list[str]:
    """Split an expanded class body (``0-9``, ``a-zA-Z0-9_``, characters) into items."""
    items, k = [], 0
    while k < len(part):
        if k + 2 < len(part) and part[k + 1] == "-":
            items.append(part[k:k + 3])
            k += 3
        else:
            items.append(part[k])
            k += 1
    return items


def _bracket_body(items: list[str]) -> str:
    """POSIX bracket contents: ']' first, '-' last, '^' anywhere but first (POSIX has no escapes there)."""
    close = "]" if "]" in items else ""
    dash = "-" if "-" in items else ""
    rest = [x for x in items if x not in ("]", "-")]
    if rest and rest[0] == "^" and not close:
        rest = [*rest[1:], "^"]
    return close + "".join(rest) + dash


def _literal(ch: str) -> str:
    """One literal character as a POSIX atom."""
    if ch in _SPECIAL:
        return "[" + _bracket_body([ch]) + "]" if ch not in "\\^" else "\\" + ch
    return ch
