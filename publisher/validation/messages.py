"""Render a problem's message and hint from the catalogue (`publisher/messages/validation.py`).

A problem code `C` has its message under `validation.C` and its hint under
`validation.C.hint`; a code with no entry of its own (a frictionless error type that
only its own tooling raises) gets the generic `validation.error` pair.
"""

from __future__ import annotations

from typing import Any, Final

from publisher.messages import CATALOGUE, Lang, text
from publisher.validation.notes import note_in

# Frictionless error types that only arise from frictionless' own tooling (pipelines,
# inquiries, catalogs), never from validating a CSV in a package: rendered generically.
NOT_FROM_CSV: Final = frozenset(
    {
        "catalog-error",
        "check-error",
        "checklist-error",
        "dataset-error",
        "detector-error",
        "inquiry-error",
        "inquiry-task-error",
        "pipeline-error",
        "report-error",
        "report-task-error",
        "stats-error",
        "step-error",
    }
)


def message_key(code: str) -> str:
    """The catalogue key of a problem code's message (its hint is this key + ".hint")."""
    key = f"validation.{code}"
    return key if key in CATALOGUE and f"{key}.hint" in CATALOGUE else "validation.error"


def render(code: str, lang: Lang, **params: Any) -> tuple[str, str]:
    """(message, hint) for a problem code in `lang`."""
    if isinstance(params.get("note"), str):
        params = {**params, "note": note_in(lang, params["note"])}
    key = message_key(code)
    return text(key, lang, **params).strip(), text(f"{key}.hint", lang, **params).strip()
