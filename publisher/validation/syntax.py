"""Read a descriptor, turning JSON syntax problems into report errors with line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from publisher.settings import Lang
from publisher.validation.report import Problem, make_error

# Python's json messages, in Portuguese, for the mistakes people actually make by hand.
_JSON_PT = {
    "Expecting ',' delimiter": "falta uma vírgula entre dois itens",
    "Expecting ':' delimiter": "faltam os dois-pontos entre o nome e o valor",
    "Expecting property name enclosed in double quotes": "esperava o nome de uma propriedade entre aspas duplas (vírgula sobrando antes de } ?)",
    "Expecting value": "esperava um valor (vírgula sobrando ou arquivo vazio?)",
    "Extra data": "há conteúdo depois do fim do objeto JSON",
    "Unterminated string starting at": "texto entre aspas sem fechar",
    "Invalid control character at": "caractere de controle dentro de um texto (quebra de linha sem \\n?)",
    "Invalid \\escape": "sequência de escape inválida (use \\\\ para barra invertida)",
}


def _note(msg: str, lang: Lang) -> str:
    if lang == "en":
        return msg
    for prefix, pt in _JSON_PT.items():
        if msg.startswith(prefix):
            return pt
    return msg


def load_descriptor(path: Path, package: str, lang: Lang) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed descriptor, or None with the errors that stopped it from parsing."""
    file = path.name
    if not path.is_file():
        return None, [make_error("descriptor-missing", lang, package=package, file=str(path))]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [make_error("descriptor-unreadable", lang, package=package, file=file, note=str(exc))]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [
            make_error(
                "json-syntax",
                lang,
                package=package,
                file=file,
                row=exc.lineno,
                column=exc.colno,
                line=exc.lineno,
                note=_note(exc.msg, lang),
            )
        ]
    if not isinstance(data, dict):
        return None, [make_error("json-not-object", lang, package=package, file=file, value=type(data).__name__)]
    return data, []
