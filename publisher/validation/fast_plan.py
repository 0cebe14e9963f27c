"""Which tables the columnar fast path may judge, and how: a plan read from the descriptor.

The fast path only ever says "valid"; anything it finds wrong goes to frictionless for the
report. So a plan is made only for what it can check exactly as frictionless would: each
accepted value must be one frictionless accepts too (the fast path may be stricter, never
looser). Any schema feature, dialect option or resource property outside that set gives no
plan, and the table goes to frictionless whole.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any, Final

from publisher.validation.compressed import compression_of, inner_suffix

# Properties that only describe a field: they change nothing frictionless checks.
_FIELD_DESCRIPTIVE: Final = frozenset({"name", "title", "description", "example", "rdfType", "unit"})
_FIELD_OPTIONS: Final = {
    "integer": frozenset({"format", "constraints", "bareNumber"}),
    "number": frozenset({"format", "constraints", "bareNumber", "decimalChar", "groupChar"}),
    "string": frozenset({"format", "constraints"}),
    "boolean": frozenset({"format", "constraints", "trueValues", "falseValues"}),
    "date": frozenset({"format", "constraints"}),
    "datetime": frozenset({"format", "constraints"}),
    "any": frozenset({"format", "constraints"}),
}
_CONSTRAINTS: Final = {
    "integer": frozenset({"required", "unique", "enum", "minimum", "maximum"}),
    "number": frozenset({"required", "unique", "minimum", "maximum"}),
    "string": frozenset({"required", "unique", "enum", "minLength", "maxLength", "pattern"}),
    "boolean": frozenset({"required", "unique"}),
    "date": frozenset({"required", "unique"}),
    "datetime": frozenset({"required", "unique"}),
    "any": frozenset({"required"}),
}
# Resource properties that make frictionless check more than the rows (declared sizes and
# hashes) or read the file another way: the fast path leaves those tables to it.
_RESOURCE_BLOCKERS: Final = frozenset(
    {"hash", "bytes", "stats", "innerpath", "extrapaths", "layout", "control", "data", "sql", "multipart"}
)
_DIALECT_KEYS: Final = frozenset(
    {"delimiter", "lineTerminator", "quoteChar", "doubleQuote", "skipInitialSpace", "header", "headerRows"}
)
# Two digits each, in the ranges Python's strptime takes (chrono, under polars, would also
# take a leap second in some forms; the shape keeps such texts for frictionless).
_DATE_DIRECTIVES: Final = {
    "%d": r"(?:0[1-9]|[12][0-9]|3[01])",
    "%m": r"(?:0[1-9]|1[0-2])",
    "%Y": r"[0-9]{4}",
    "%H": r"(?:[01][0-9]|2[0-3])",
    "%M": r"[0-5][0-9]",
    "%S": r"[0-5][0-9]",
}
_DATE_LITERALS: Final = frozenset("-/.: T")
DEFAULT_TRUE: Final = ("true", "True", "TRUE", "1")
DEFAULT_FALSE: Final = ("false", "False", "FALSE", "0")
ENCODINGS: Final = frozenset({"utf-8", "utf-8-sig", "cp1252", "iso8859-1"})


@dataclass(frozen=True)
class FieldPlan:
    name: str
    type: str
    required: bool = False
    unique: bool = False
    decimal_char: str = "."
    group_char: str = ""
    date_format: str = ""  # strptime format of a date or datetime
    date_shape: str = ""  # the regex every accepted date text matches
    true_values: tuple[str, ...] = DEFAULT_TRUE
    false_values: tuple[str, ...] = DEFAULT_FALSE
    enum: tuple[Any, ...] | None = None
    minimum: float | int | None = None
    maximum: float | int | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class TablePlan:
    name: str
    encoding: str  # Python's name for the declared encoding
    delimiter: str | None  # None: frictionless sniffs it from the first lines
    dialect: dict[str, Any]
    compression: str | None
    fields: tuple[FieldPlan, ...]
    missing_values: tuple[str, ...] = ("",)
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> FieldPlan:
        return next(f for f in self.fields if f.name == name)


class NoPlan(Exception):
    """The fast path cannot check this table exactly as frictionless does."""


def _number(value: object) -> float | int:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise NoPlan("bound")
    return value


def _strings(value: object, default: tuple[str, ...]) -> tuple[str, ...]:
    if value is None:
        return default
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NoPlan("list of texts")
    return tuple(value)


def _date_shape(fmt: str) -> str:
    """A regex of the texts `fmt` reads that strptime surely reads too (two-digit days and months)."""
    parts = re.split(r"(%.)", fmt)
    shape = ""
    for part in parts:
        if part.startswith("%"):
            if part not in _DATE_DIRECTIVES:
                raise NoPlan(f"date directive {part}")
            shape += _DATE_DIRECTIVES[part]
        elif set(part) <= _DATE_LITERALS:
            shape += re.escape(part)
        else:
            raise NoPlan("date literal")
    return f"^{shape}$"


def _date_options(ftype: str, fmt: object) -> dict[str, str]:
    if ftype == "date":
        fmt = "%Y-%m-%d" if fmt in (None, "default") else fmt
    elif fmt in (None, "default"):
        # Frictionless reads these with dateutil's isoparse: only its plainest shape is taken.
        return {"date_format": "%Y-%m-%dT%H:%M:%S", "date_shape": _date_shape("%Y-%m-%dT%H:%M:%S")[:-1] + "Z?$"}
    if not isinstance(fmt, str) or fmt == "any":
        raise NoPlan("date format")
    return {"date_format": fmt, "date_shape": _date_shape(fmt)}


def _integer_enum(items: list[Any]) -> tuple[int, ...]:
    """An integer field's enum as frictionless reads it: each item through int()."""
    out = []
    for item in items:
        if isinstance(item, bool):
            raise NoPlan("enum")
        if isinstance(item, int):
            out.append(item)
        elif isinstance(item, str) and re.fullmatch(r"[+-]?[0-9]{1,18}", item):
            out.append(int(item))
        else:
            raise NoPlan("enum")
    return tuple(out)


def _constraints(ftype: str, raw: object) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not set(raw) <= _CONSTRAINTS[ftype]:
        raise NoPlan("constraints")
    out: dict[str, Any] = {}
    for flag in ("required", "unique"):
        if flag in raw:
            if not isinstance(raw[flag], bool):
                raise NoPlan(flag)
            out[flag] = raw[flag]
    for name, key in (("minimum", "minimum"), ("maximum", "maximum")):
        if name in raw:
            out[key] = _number(raw[name])
    for name, key in (("minLength", "min_length"), ("maxLength", "max_length")):
        if name in raw:
            if isinstance(raw[name], bool) or not isinstance(raw[name], int):
                raise NoPlan(name)
            out[key] = raw[name]
    if "pattern" in raw:
        if not isinstance(raw["pattern"], str):
            raise NoPlan("pattern")
        out["pattern"] = raw["pattern"]
    if "enum" in raw:
        items = raw["enum"]
        if not isinstance(items, list):
            raise NoPlan("enum")
        out["enum"] = _integer_enum(items) if ftype == "integer" else tuple(i for i in items if isinstance(i, str))
    return out


def _field_plan(raw: object) -> FieldPlan:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise NoPlan("field")
    ftype = raw.get("type", "string")
    if (
        not isinstance(ftype, str)
        or ftype not in _FIELD_OPTIONS
        or not set(raw) - _FIELD_DESCRIPTIVE - {"type"} <= _FIELD_OPTIONS[ftype]
    ):
        raise NoPlan(f"field type {ftype}")
    fmt = raw.get("format")
    options: dict[str, Any] = _constraints(ftype, raw.get("constraints"))
    if ftype in ("date", "datetime"):
        options.update(_date_options(ftype, fmt))
    elif fmt not in (None, "default"):
        raise NoPlan("format")
    if ftype == "number":
        decimal, group = raw.get("decimalChar", "."), raw.get("groupChar", "")
        if not isinstance(decimal, str) or not isinstance(group, str) or len(decimal) != 1 or len(group) > 1:
            raise NoPlan("number chars")
        if decimal.isdigit() or group.isdigit() or decimal in "+-" or (group and group in "+-") or decimal == group:
            raise NoPlan("number chars")
        options.update(decimal_char=decimal, group_char=group)
    if "bareNumber" in raw and not isinstance(raw["bareNumber"], bool):
        raise NoPlan("bareNumber")
    if ftype == "boolean":
        options["true_values"] = _strings(raw.get("trueValues"), DEFAULT_TRUE)
        options["false_values"] = _strings(raw.get("falseValues"), DEFAULT_FALSE)
    return FieldPlan(name=raw["name"], type=ftype, **options)


def _key(raw: object) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list) and raw and all(isinstance(n, str) for n in raw):
        return tuple(raw)
    raise NoPlan("key")


def _foreign_keys(raw: object) -> tuple[ForeignKey, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise NoPlan("foreignKeys")
    out = []
    for fk in raw:
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if not isinstance(ref, dict) or not isinstance(ref.get("resource"), str) or not ref["resource"]:
            raise NoPlan("foreign key")  # a key into the table itself is left to frictionless
        fields, reference = _key(fk.get("fields")), _key(ref.get("fields"))
        if len(fields) != len(reference):
            raise NoPlan("foreign key")
        out.append(ForeignKey(fields, ref["resource"], reference))
    return tuple(out)


def _dialect(dialect: object) -> dict[str, Any]:
    if dialect is None:
        return {}
    if not isinstance(dialect, dict) or not set(dialect) <= _DIALECT_KEYS:
        raise NoPlan("dialect")
    expected = {"quoteChar": '"', "doubleQuote": True, "skipInitialSpace": False, "header": True, "headerRows": [1]}
    if any(k in dialect and dialect[k] != v for k, v in expected.items()):
        raise NoPlan("dialect option")
    delimiter = dialect.get("delimiter", ",")
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n\x00' or delimiter.isalnum():
        raise NoPlan("delimiter")
    return dict(dialect)


def _encoding(res: dict[str, Any]) -> str:
    declared = res.get("encoding")
    if not isinstance(declared, str):
        raise NoPlan("encoding not declared")  # frictionless would guess it
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        raise NoPlan("encoding") from None
    if name not in ENCODINGS:
        raise NoPlan("encoding")
    return name


def _resource_shape(res: dict[str, Any]) -> None:
    if set(res) & _RESOURCE_BLOCKERS or res.get("scheme", "file") != "file":
        raise NoPlan("resource property")
    if res.get("type", "table") != "table" or res.get("profile", "tabular-data-resource") != "tabular-data-resource":
        raise NoPlan("resource type")
    path = res.get("path")
    if not isinstance(path, str):
        raise NoPlan("path")
    compression = compression_of(res)
    fmt = res.get("format", inner_suffix(path, compression))
    if not isinstance(fmt, str) or fmt.lower() != "csv" or inner_suffix(path, compression).lower() != "csv":
        raise NoPlan("format")


def plan_table(res: dict[str, Any]) -> TablePlan:
    """The plan of one resource; raises NoPlan when the fast path must leave it to frictionless."""
    _resource_shape(res)
    schema = res.get("schema")
    if not isinstance(schema, dict) or not set(schema) <= {"fields", "primaryKey", "foreignKeys", "missingValues"}:
        raise NoPlan("schema")
    raw_fields = schema.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise NoPlan("fields")
    fields = tuple(_field_plan(f) for f in raw_fields)
    names = [f.name for f in fields]
    if len(set(names)) != len(names):
        raise NoPlan("duplicate names")
    primary = _key(schema["primaryKey"]) if "primaryKey" in schema else ()
    foreign = _foreign_keys(schema.get("foreignKeys"))
    if not set(primary) <= set(names) or any(not set(fk.fields) <= set(names) for fk in foreign):
        raise NoPlan("key field")
    dialect = _dialect(res.get("dialect"))
    return TablePlan(
        name=str(res.get("name")),
        encoding=_encoding(res),
        delimiter=dialect.get("delimiter"),
        dialect=dialect,
        compression=compression_of(res),
        fields=fields,
        missing_values=_strings(schema.get("missingValues"), ("",)),
        primary_key=primary,
        foreign_keys=foreign,
    )
