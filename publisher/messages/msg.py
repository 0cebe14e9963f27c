"""The message type and the template rendering, below every area module."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any, Final, Literal, NamedTuple

Lang = Literal["pt", "en"]
LANGS: Final[tuple[Lang, ...]] = ("pt", "en")


class Msg(NamedTuple):
    """One message in both languages."""

    pt: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.pt if lang == "pt" else self.en


class _Lenient(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


_FORMATTER = string.Formatter()


def render(template: str, values: Mapping[str, Any]) -> str:
    """`template` with `values` in; a missing placeholder becomes "?", a None value "?"."""
    clean = _Lenient({k: ("?" if v is None else v) for k, v in values.items()})
    return _FORMATTER.vformat(template, (), clean)


def placeholders(template: str) -> set[str]:
    """The named placeholders of a template (for the catalogue's own test)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in _FORMATTER.parse(template) if name}
