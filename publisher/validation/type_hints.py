"""The fix for a cell of the wrong type, read from the cell itself.

Most type errors in state files are Brazilian conventions the schema does not declare yet:
a decimal comma, a thousands dot, a date written dd/mm/aaaa, "sim"/"não" for booleans, a
currency sign. Naming the exact property to add to the field beats a generic "fix the value
or the schema".
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from publisher.messages import Lang, text

_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")
_GROUPED = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$")
_SYMBOLS = re.compile(r"^[^\d-]*[-+]?[\d.,\s]+[^\d]*$")
_DMY = re.compile(r"^\d{2}([/.-])\d{2}\1\d{4}$")
_DMY_TIME = re.compile(r"^\d{2}([/.-])\d{2}\1\d{4}[ T]\d{2}:\d{2}(:\d{2})?$")
# Several numbers in one cell ("1450 / 2270", "12 e 15"): no locale declaration reads that as one.
_SEVERAL_NUMBERS = re.compile(r"^\s*\d[\d.,]*(?:\s*(?:/|;|\||\be\b|\+)\s*\d[\d.,]*)+\s*$")
_NUMBER = re.compile(r"\d[\d.,]*")
# What people write for "no value" in a typed column (a dash, "n/d", "s/i"...).
_MISSING_MARKS = frozenset({"-", "--", "---", "–", "—", ".", "..", "...", "x", "n/a", "n/d", "na", "nd", "s/i", "null"})
# Date formats state files use, tried in order when a date does not match its field's format.
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y")
_DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
_YES_NO = {"sim": True, "s": True, "verdadeiro": True, "não": False, "nao": False, "n": False, "falso": False}

# A fix is a catalogue key with its values, rendered once the language is known.
Fix = tuple[str, dict[str, str]]
GENERIC: Fix = ("validation.type-fix.generic", {})


def _number_fix(value: str, field: dict[str, Any], name: str) -> Fix | None:
    props: list[str] = []
    if field.get("decimalChar", ".") != "," and ("," in value):
        props.append('"decimalChar": ","')
    if field.get("groupChar") != "." and _GROUPED.match(value.strip()):
        props.append('"groupChar": "."')
    core = value.strip()
    if props and (_DECIMAL_COMMA.match(core) or _GROUPED.match(core)):
        key = "validation.type-fix.number-locale" if len(props) == 1 else "validation.type-fix.number-locale-both"
        return key, {"name": name, "first": props[0], "second": props[-1]}
    if field.get("bareNumber", True) and _SYMBOLS.match(core) and re.search(r"[^\d.,\s+-]", core):
        return "validation.type-fix.number-symbols", {"name": name}
    return None


def _integer_fix(value: str, name: str) -> Fix | None:
    if _GROUPED.match(value.strip()) and "," not in value:
        return "validation.type-fix.integer-grouped", {"name": name}
    if _DECIMAL_COMMA.match(value.strip()) or _GROUPED.match(value.strip()):
        return "validation.type-fix.integer-decimals", {"name": name}
    return None


def _date_fix(value: str, ftype: str, field: dict[str, Any], name: str) -> Fix | None:
    declared = str(field.get("format") or "default")
    if declared == "default":
        return _dmy_fix(value, ftype, name)
    written = _date_format_of(value.strip(), ftype)
    if written is None or written == declared:
        # The value matches no usual format, or the declared one (a 31st of February...).
        return "validation.type-fix.generic-date", {"name": name, "format": declared}
    return "validation.type-fix.date-format", {"name": name, "actual": written, "declared": declared}


def _date_format_of(value: str, ftype: str) -> str | None:
    for fmt in _DATE_FORMATS if ftype == "date" else _DATETIME_FORMATS:
        try:
            datetime.strptime(value, fmt)
        except ValueError:
            continue
        return fmt
    return None


def _dmy_fix(value: str, ftype: str, name: str) -> Fix | None:
    pattern = _DMY if ftype == "date" else _DMY_TIME
    found = pattern.match(value.strip())
    if not found:
        return "validation.type-fix.generic-date", {"name": name, "format": "default"}
    sep = found.group(1)
    fmt = f"%d{sep}%m{sep}%Y"
    if ftype == "datetime":
        fmt += " %H:%M" + (":%S" if found.group(2) else "")
    return "validation.type-fix.date-dmy", {"name": name, "format": fmt}


def _boolean_fix(value: str, name: str) -> Fix | None:
    if value.strip().lower() not in _YES_NO:
        return None
    return "validation.type-fix.boolean-words", {"name": name}


def _fix_for_type(value: str, field: dict[str, Any], ftype: str, name: str) -> Fix | None:
    if ftype == "number":
        return _number_fix(value, field, name)
    if ftype == "integer":
        return _integer_fix(value, name)
    if ftype in ("date", "datetime"):
        return _date_fix(value, ftype, field, name)
    if ftype == "boolean":
        return _boolean_fix(value, name)
    return None


def _any_type_fix(value: str, ftype: str, name: str) -> Fix | None:
    """Fixes that do not depend on the locale: a missing-value mark, several numbers in one cell."""
    if value.strip().lower() in _MISSING_MARKS:
        return "validation.type-fix.missing-value", {"value": f'"{value.strip()}"'}
    if ftype in ("number", "integer") and _SEVERAL_NUMBERS.match(value):
        numbers = ", ".join(f'"{n}"' for n in _NUMBER.findall(value))
        return "validation.type-fix.several-numbers", {"name": name, "numbers": numbers}
    return None


def generic_fix(ftype: str, name: str) -> Fix:
    """The advice when the cell says nothing more: the decimal-comma example only where it can apply."""
    if ftype in ("number", "integer"):
        return GENERIC
    return "validation.type-fix.generic-plain", {"name": name}


def type_error_hint(value: object, field: dict[str, Any], ftype: str, lang: Lang) -> str:
    """What to declare on the field so that `value` reads as `ftype`; the generic advice otherwise."""
    name = str(field.get("name") or "?")
    fix: Fix | None = None
    if isinstance(value, str) and value.strip():
        fix = _any_type_fix(value, ftype, name) or _fix_for_type(value, field, ftype, name)
    key, values = fix or generic_fix(ftype, name)
    return text(key, lang, **values)
