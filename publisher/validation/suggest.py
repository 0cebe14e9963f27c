"""The allowed value a steward most likely meant.

Spreadsheets add trailing spaces, change case and drop accents ("Internacao ", "CONSULTA");
naming the intended value beats listing every allowed one.
"""

from __future__ import annotations

import difflib
import unicodedata


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def closest_choice(value: str, choices: list[str]) -> str | None:
    """The choice equal to `value` but for spaces, case and accents; else one spelled almost
    the same (difflib ratio >= 0.8); else None."""
    if not value.strip() or value in choices:
        return None
    folded = _folded(value)
    same = [c for c in choices if _folded(c) == folded]
    if same:
        return same[0]
    close = difflib.get_close_matches(folded, [_folded(c) for c in choices], n=1, cutoff=0.8)
    if not close:
        return None
    return next(c for c in choices if _folded(c) == close[0])
