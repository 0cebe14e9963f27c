"""The fix for a cell of the wrong type, read from the cell itself.

Most type errors in state files are Brazilian conventions the schema does not declare yet:
a decimal comma, a thousands dot, a date written dd/mm/aaaa, "sim"/"não" for booleans, a
currency sign. Naming the exact property to add to the field beats a generic "fix the value
or the schema".
"""

from __future__ import annotations

import re
from typing import Any

from publisher.settings import Lang

_DECIMAL_COMMA = re.compile(r"^[-+]?\d+,\d+$")
_GROUPED = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$")
_SYMBOLS = re.compile(r"^[^\d-]*[-+]?[\d.,\s]+[^\d]*$")
_DMY = re.compile(r"^\d{2}([/.-])\d{2}\1\d{4}$")
_DMY_TIME = re.compile(r"^\d{2}([/.-])\d{2}\1\d{4}[ T]\d{2}:\d{2}(:\d{2})?$")
_YES_NO = {"sim": True, "s": True, "verdadeiro": True, "não": False, "nao": False, "n": False, "falso": False}

GENERIC = (
    'Corrija o valor na planilha ou ajuste o tipo/formato do campo no esquema (ex.: decimalChar "," para vírgula decimal).',
    'Fix the value in the file or adjust the field\'s type/format in the schema (e.g. decimalChar "," for a decimal comma).',
)


def _number_fix(value: str, field: dict[str, Any], name: str) -> tuple[str, str] | None:
    props: list[str] = []
    if field.get("decimalChar", ".") != "," and ("," in value):
        props.append('"decimalChar": ","')
    if field.get("groupChar") != "." and _GROUPED.match(value.strip()):
        props.append('"groupChar": "."')
    core = value.strip()
    if props and (_DECIMAL_COMMA.match(core) or _GROUPED.match(core)):
        declared = " e ".join(props), " and ".join(props)
        return (f'O número está no formato brasileiro: declare {declared[0]} no campo "{name}".',
                f'The number is written the Brazilian way: declare {declared[1]} on field "{name}".')  # fmt: skip
    if field.get("bareNumber", True) and _SYMBOLS.match(core) and re.search(r"[^\d.,\s+-]", core):
        return (f'O valor tem símbolos além do número (R$, %...): declare "bareNumber": false no campo "{name}" '
                '(e "decimalChar"/"groupChar" se preciso) ou remova-os do arquivo.',
                f'The value has symbols besides the number (R$, %...): declare "bareNumber": false on field "{name}" '
                '(and "decimalChar"/"groupChar" if needed) or remove them from the file.')  # fmt: skip
    return None


def _integer_fix(value: str, name: str) -> tuple[str, str] | None:
    if _GROUPED.match(value.strip()) and "," not in value:
        return (f'O número usa ponto de milhar, que campos integer não aceitam: tire os pontos do arquivo ou declare '
                f'o campo "{name}" como "type": "number" com "groupChar": ".".',
                f'The number uses a thousands dot, which integer fields do not accept: remove the dots from the file or '
                f'declare field "{name}" as "type": "number" with "groupChar": ".".')  # fmt: skip
    if _DECIMAL_COMMA.match(value.strip()) or _GROUPED.match(value.strip()):
        return (f'O valor tem casas decimais: declare o campo "{name}" como "type": "number" com "decimalChar": ",".',
                f'The value has decimals: declare field "{name}" as "type": "number" with "decimalChar": ",".')  # fmt: skip
    return None


def _date_fix(value: str, ftype: str, field: dict[str, Any], name: str) -> tuple[str, str] | None:
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
    return (f'A data está no formato dia/mês/ano: declare "format": "{fmt}" no campo "{name}".',
            f'The date is written day/month/year: declare "format": "{fmt}" on field "{name}".')  # fmt: skip


def _boolean_fix(value: str, name: str) -> tuple[str, str] | None:
    if value.strip().lower() not in _YES_NO:
        return None
    return (f'Declare no campo "{name}" "trueValues": ["sim", "Sim", "S"] e "falseValues": ["não", "Não", "N"] '
            "(com as grafias que o arquivo usa).",
            f'Declare on field "{name}" "trueValues": ["sim", "Sim", "S"] and "falseValues": ["não", "Não", "N"] '
            "(with the spellings the file uses).")  # fmt: skip


def type_error_hint(value: object, field: dict[str, Any], ftype: str, lang: Lang) -> str:
    """What to declare on the field so that `value` reads as `ftype`; the generic advice otherwise."""
    name = str(field.get("name") or "?")
    fix: tuple[str, str] | None = None
    if isinstance(value, str) and value.strip():
        if ftype == "number":
            fix = _number_fix(value, field, name)
        elif ftype == "integer":
            fix = _integer_fix(value, name)
        elif ftype in ("date", "datetime"):
            fix = _date_fix(value, ftype, field, name)
        elif ftype == "boolean":
            fix = _boolean_fix(value, name)
    pt, en = fix or GENERIC
    return pt if lang == "pt" else en
