"""The fix for a cell of the wrong type, read from the cell itself.

Most type errors in state files are Brazilian conventions the schema does not declare yet:
a decimal comma, a thousands dot, a date written dd/mm/aaaa, "sim"/"não" for booleans, a
currency sign. Naming the exact property to add to the field beats a generic "fix the value
or the schema".
"""

from __future__ import annotations

import re
from typing import Any

from publisher.messages import Lang, text

_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")
_GROUPED = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$")
_SYMBOLS = re.compile(r"^[^\d-]*[-+]?[\d.,\s]+[^\d]*$")
_DMY = re.compile(r"^\d{2}([/.-])\d{2}\1\d{4}$")
_DMY_TIME = re.compile(r"^\d{2}([/.-])\d{2}\1\d{4}[ T]\d{2}:\d{2}(:\d{2})?$")
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
    pattern = _DMY if ftype == "date" else _DMY_TIME
    found = pattern.match(value.strip())
    if not found:
        return None
    sep = found.group(1)
    fmt = f"%d{sep}%m{sep}%Y"
    if ftype == "datetime":
        fmt += " %H:%M" + (":%S" if found.group(2) else "")
    if field.get("format") == fmt:
        return None  # declared already: the value itself is wrong (a 31st of February...)
    return "validation.type-fix.date-dmy", {"name": name, "format": fmt}


def _boolean_fix(value: str, name: str) -> Fix | None:
    if value.strip().lower() not in _YES_NO:
        return None
    return "validation.type-fix.boolean-words", {"name": name}


def type_error_hint(value: object, field: dict[str, Any], ftype: str, lang: Lang) -> str:
    """What to declare on the field so that `value` reads as `ftype`; the generic advice otherwise."""
    name = str(field.get("name") or "?")
    fix: Fix | None = None
    if isinstance(value, str) and value.strip():
        if ftype == "number":
            fix = _number_fix(value, field, name)
        elif ftype == "integer":
            fix = _integer_fix(value, name)
        elif ftype in ("date", "datetime"):
            fix = _date_fix(value, ftype, field, name)
        elif ftype == "boolean":
            fix = _boolean_fix(value, name)
    key, values = fix or GENERIC
    return text(key, lang, **values)
