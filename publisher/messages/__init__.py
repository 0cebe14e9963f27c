"""The message catalogue: every sentence a user reads, in Portuguese (default) and English.

One module of keyed messages per area (`cli`, `runner`, `sync`, ...), merged here into
`CATALOGUE`. Keys are dotted and start with the area (`cli.plan.summary`); a key defined
twice is an import error, and a test checks that every key has both languages with the
same placeholders.

Why keyed Python modules and not gettext `.po` files: the product speaks Portuguese first
and English second, so there is no "source language" to extract from; keys are stable
identifiers that tests and `--json` consumers can rely on; the catalogue needs no build
step (no `.mo` compilation) on a fresh machine; and mypy and the tests see every message.

Usage:
    text("cli.plan.summary", lang, total=3, changing=1)
    t = Texts(lang); t("cli.plan.summary", total=3, changing=1)
A placeholder with no value renders as "?" rather than failing: a message is never the
reason a run breaks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from publisher.messages.msg import LANGS, Lang, Msg, placeholders, render


def _merge(*areas: Mapping[str, Msg]) -> dict[str, Msg]:
    merged: dict[str, Msg] = {}
    for area in areas:
        for key, msg in area.items():
            if key in merged:
                raise ValueError(f"message key defined twice: {key}")
            merged[key] = msg
    return merged


def _load() -> dict[str, Msg]:
    # Each area's module holds a MESSAGES dict; import here so a new area is one line.
    from publisher.messages import areas

    return _merge(*(module.MESSAGES for module in areas.MODULES))


CATALOGUE: Final[dict[str, Msg]] = _load()


def text(key: str, lang: Lang, /, **values: Any) -> str:
    """The message `key` in `lang`, with `values` filled in. An unknown key is a bug: KeyError."""
    return render(CATALOGUE[key].get(lang), values)


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """`value` with `digits` decimals, written as the reader writes numbers (pt: 1.234,5; en: 1,234.5)."""
    written = f"{value:,.{digits}f}"
    if lang == "pt":
        written = written.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return written


class Texts:
    """The catalogue bound to one language: `t = Texts("pt"); t("cli.plan.summary", n=3)`."""

    def __init__(self, lang: Lang) -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, /, **values: Any) -> str:
        return text(key, self.lang, **values)


__all__ = ["CATALOGUE", "LANGS", "Lang", "Msg", "Texts", "number", "placeholders", "render", "text"]
