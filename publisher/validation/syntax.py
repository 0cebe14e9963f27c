"""Read a descriptor, turning JSON syntax problems into report errors with line and column."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from publisher.messages import Lang, text
from publisher.validation.report import Problem, make_error

# Python's json messages for the mistakes people actually make by hand, by how they start,
# and the catalogue key that says them (in English, as Python does; in Portuguese, plainly).
_JSON_NOTES = {
    "Expecting ',' delimiter": "validation.json-note.comma",
    "Expecting ':' delimiter": "validation.json-note.colon",
    "Expecting property name enclosed in double quotes": "validation.json-note.property-name",
    "Expecting value": "validation.json-note.value",
    "Extra data": "validation.json-note.extra-data",
    "Unterminated string starting at": "validation.json-note.unterminated-string",
    "Invalid control character at": "validation.json-note.control-character",
    "Invalid \\escape": "validation.json-note.escape",
}


# A file left mid-merge: git's markers at the start of a line, which no JSON can hold there.
_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(?:[ \t].*)?$", re.M)


def _conflict_marker(source: str, package: str, file: str, lang: Lang) -> Problem | None:
    found = _CONFLICT_MARKER.search(source)
    if found is None:
        return None
    line = source.count("\n", 0, found.start()) + 1
    return make_error(
        "merge-conflict", lang, package=package, file=file, row=line, line=line, value=found.group(0).rstrip()
    )


def _note(msg: str, lang: Lang) -> str:
    key = next((key for prefix, key in _JSON_NOTES.items() if msg.startswith(prefix)), None)
    return text(key, lang) if key else msg


def load_descriptor(
    path: Path, package: str, lang: Lang, shown: str | None = None
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed descriptor (or external schema or dialect file, named `shown` in problems),
    or None with the errors that stopped it from parsing."""
    file = shown or path.name
    if not path.is_file():
        return None, [make_error("descriptor-missing", lang, package=package, file=str(path))]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [make_error("descriptor-unreadable", lang, package=package, file=file, note=str(exc))]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        conflict = _conflict_marker(text, package, file, lang)
        if conflict is not None:
            return None, [conflict]
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
