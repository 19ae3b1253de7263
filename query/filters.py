"""Filter expressions in Meilisearch's syntax, parsed into a typed tree.

    genres = "hip hop" AND year >= 1990 AND NOT explicit = true
    (language IN [sv, no] OR artists = "ABBA") AND popularity > 50

Comparisons are `=`, `!=`, `>`, `>=`, `<`, `<=` and `IN [...]` / `NOT IN [...]`,
combined with `NOT`, `AND` (binding tighter) and `OR`, and parentheses; a value is a
quoted string ('single' or "double", backslash escapes), a number, `true`/`false`,
or a bare word. The grammar is lark's (LALR), so the text is only ever parsed,
never pasted into another engine's syntax; each engine evaluates the tree.

Every mistake is a `FilterError` with the character position (0-based) where it
is: a syntax error, an unknown field, a value of the wrong type for its field, an
operator its field does not take, or an expression past `MAX_FILTER_CHARS`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import (
    UnexpectedCharacters,
    UnexpectedEOF,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
)

from segue.schema import DOC_TYPES, FILTERABLE, Kind, fold_value

MAX_FILTER_CHARS = 2_000
MAX_FILTER_DEPTH = 40     # nested parentheses / NOTs: deeper is an error, not a stack

_GRAMMAR = r"""
?start: or_
?or_: and_ (_OR and_)*
?and_: not_ (_AND not_)*
?not_: _NOT not_   -> negation
     | atom
?atom: "(" or_ ")"
     | NAME OP value                          -> comparison
     | NAME _IN "[" [value ("," value)*] "]"  -> member
     | NAME _NOT _IN "[" [value ("," value)*] "]" -> not_member
value: STRING | NUMBER | NAME

_OR.2: /OR(?![A-Za-z0-9_.-])/i
_AND.2: /AND(?![A-Za-z0-9_.-])/i
_NOT.2: /NOT(?![A-Za-z0-9_.-])/i
_IN.2: /IN(?![A-Za-z0-9_.-])/i
OP: ">=" | "<=" | "!=" | "=" | ">" | "<"
NAME: /[A-Za-z_][A-Za-z0-9_.-]*/
NUMBER: /[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?/
STRING: /"(?:[^"\\]|\\.)*"/ | /'(?:[^'\\]|\\.)*'/
%import common.WS
%ignore WS
"""

Value = str | float | bool


@dataclass(frozen=True, slots=True)
class Compare:
    """`field op value`; for a keyword field `=` means "holds the value" (any of a
    list) and `!=` "does not hold it"."""

    field: str
    op: str            # = != > >= < <=
    value: Value       # folded string, number or boolean, by the field's Kind
    position: int


@dataclass(frozen=True, slots=True)
class In:
    field: str
    values: tuple[Value, ...]
    position: int


@dataclass(frozen=True, slots=True)
class Not:
    expr: Expr


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Expr, ...]


Expr = Compare | In | Not | And | Or


class FilterError(ValueError):
    """A filter that cannot be used, and where (a 0-based character position)."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} at position {position}")
        self.message, self.position = message, position


@functools.cache
def _parser() -> Lark:
    return Lark(_GRAMMAR, parser="lalr", maybe_placeholders=False)


def parse_filter(text: str, extra: Iterable[str] = ()) -> Expr | None:
    """The filter's tree, its fields and values checked; None for an empty filter.
    `extra`: keyword fields a configuration declares filterable."""
    if len(text) > MAX_FILTER_CHARS:
        raise FilterError(f"the filter is {len(text)} characters; the limit is "
                          f"{MAX_FILTER_CHARS}", MAX_FILTER_CHARS)
    if not text.strip():
        return None
    depth = _depth(text)
    if depth is not None:
        raise FilterError(f"the filter nests deeper than {MAX_FILTER_DEPTH} levels", depth)
    try:
        tree = _parser().parse(text)
    except UnexpectedInput as e:
        raise FilterError(_syntax(e, text), _position(e, text)) from None
    fields = {**FILTERABLE, **{f: Kind.KEYWORD for f in extra}}
    try:
        expr = _Build(fields).transform(tree)
    except VisitError as e:
        if isinstance(e.orig_exc, FilterError):
            raise e.orig_exc from None
        raise
    assert isinstance(expr, Compare | In | Not | And | Or)
    return expr


def fields_of(expr: Expr | None) -> frozenset[str]:
    """The fields a filter reads."""
    if expr is None:
        return frozenset()
    if isinstance(expr, Compare | In):
        return frozenset((expr.field,))
    if isinstance(expr, Not):
        return fields_of(expr.expr)
    return frozenset().union(*(fields_of(p) for p in expr.parts))


def _depth(text: str) -> int | None:
    """Where the nesting (parentheses and NOTs) first passes the limit, if it does:
    checked before parsing, so a deep expression costs a scan, not a recursion."""
    level = 0
    upper = text.upper()
    for i, ch in enumerate(text):
        if ch == "(":
            level += 1
        elif ch == ")":
            level -= 1
        elif ch in "Nn" and upper.startswith("NOT", i):
            level += 1
        if level > MAX_FILTER_DEPTH:
            return i
    return None


def _position(e: UnexpectedInput, text: str) -> int:
    if isinstance(e, UnexpectedEOF):
        return len(text)
    if isinstance(e, UnexpectedToken) and e.token.type == "$END":
        return len(text)
    pos = getattr(e, "pos_in_stream", None)
    return int(pos) if pos is not None else len(text)


def _syntax(e: UnexpectedInput, text: str) -> str:
    if isinstance(e, UnexpectedCharacters):
        at = e.pos_in_stream or 0
        ch = text[at] if at < len(text) else ""
        if ch == '"' or ch == "'":
            return "a quoted string is not closed"
        return f"unexpected character {ch!r}"
    if isinstance(e, UnexpectedEOF) or (isinstance(e, UnexpectedToken)
                                        and e.token.type == "$END"):
        return "the filter ends too early (an unclosed parenthesis or bracket, or a " \
               "missing value)"
    if isinstance(e, UnexpectedToken):
        return f"unexpected {str(e.token)[:40]!r}; expected {_expected(e.expected)}"
    return "syntax error"


_NAMES = {"OP": "an operator (= != > >= < <=)", "NAME": "a field or a value",
          "STRING": "a quoted string", "NUMBER": "a number", "LPAR": "'('",
          "RPAR": "')'", "LSQB": "'['", "RSQB": "']'", "COMMA": "','", "_AND": "AND",
          "_OR": "OR", "_NOT": "NOT", "_IN": "IN"}


def _expected(expected: Iterable[str]) -> str:
    names = sorted({_NAMES.get(t, t) for t in expected})
    return " or ".join(names) if names else "the end"


@v_args(inline=True)
class _Build(Transformer):
    """The lark tree as `Expr`, each comparison checked against its field's Kind."""

    def __init__(self, fields: dict[str, Kind]) -> None:
        super().__init__()
        self.fields = fields

    def or_(self, *parts: Expr) -> Or:
        return Or(tuple(parts))

    def and_(self, *parts: Expr) -> And:
        return And(tuple(parts))

    def negation(self, expr: Expr) -> Not:
        return Not(expr)

    def value(self, token: Token) -> Token:
        return token

    def comparison(self, name: Token, op: Token, value: Token) -> Compare:
        kind = self._kind(name)
        if kind is not Kind.NUMBER and op not in ("=", "!="):
            raise FilterError(f"'{name}' is a {kind.value} field: it takes = != IN, not "
                              f"'{op}'", _at(op))
        return Compare(str(name), str(op), _value(kind, name, value), _at(name))

    def member(self, name: Token, *values: Token) -> In:
        kind = self._kind(name)
        return In(str(name), tuple(_value(kind, name, v) for v in values), _at(name))

    def not_member(self, name: Token, *values: Token) -> Not:
        return Not(self.member(name, *values))

    def _kind(self, name: Token) -> Kind:
        kind = self.fields.get(str(name))
        if kind is None:
            raise FilterError(f"unknown field '{name}'; filterable: "
                              f"{', '.join(sorted(self.fields))}", _at(name))
        return kind


def _value(kind: Kind, field: Token, token: Token) -> Value:
    text = str(token)
    pos = _at(token)
    if kind is Kind.NUMBER:
        if token.type != "NUMBER":
            raise FilterError(f"'{field}' is a number field; {text[:40]!r} is not a number",
                              pos)
        number = float(text)
        if not math.isfinite(number):
            raise FilterError(f"{text[:40]!r} is not a finite number", pos)
        return number
    if kind is Kind.BOOLEAN:
        if token.type != "NAME" or text.lower() not in ("true", "false"):
            raise FilterError(f"'{field}' is a boolean field; use true or false, not "
                              f"{text[:40]!r}", pos)
        return text.lower() == "true"
    if token.type == "STRING":
        text = _unquote(text)
    value = fold_value(text)
    if field == "type" and value not in DOC_TYPES:
        raise FilterError(f"{text[:40]!r} is not a type; use one of {', '.join(DOC_TYPES)}",
                          pos)
    return value


def _at(token: Token) -> int:
    return token.start_pos or 0


def _unquote(text: str) -> str:
    body = text[1:-1]
    out, i = [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            i += 1
        out.append(body[i])
        i += 1
    return "".join(out)
