"""Remembered name conversions answer exactly what frictionless' own functions answer."""

from __future__ import annotations

import importlib

from frictionless.vendors import stringcase

from publisher.validation.frictionless_names import remember_name_conversions

NAMES = [
    "missingValues",
    "primaryKey",
    "foreignKeys",
    "decimalChar",
    "groupChar",
    "bareNumber",
    "trueValues",
    "falseValues",
    "$schema",
    "lineTerminator",
    "skipInitialSpace",
    "a.b-c d",
    "already_snake",
    "X",
    "",
    "frequência de atualização",
    "ABCDef",
    "name",
    "mediatype",
]


def test_remembered_conversions_answer_as_the_originals() -> None:
    remember_name_conversions()
    remember_name_conversions()  # twice: still one cache, not a cache of a cache
    fresh = importlib.reload(importlib.import_module("frictionless.vendors.stringcase"))
    try:
        originals = {"snakecase": fresh.snakecase, "camelcase": fresh.camelcase}
        remember_name_conversions()
        for name, original in originals.items():
            remembered = getattr(stringcase, name)
            assert remembered.__wrapped__ is original
            for _ in range(2):  # the second round answers from memory
                assert [remembered(n) for n in NAMES] == [original(n) for n in NAMES]
            assert remembered.cache_info().hits >= len(set(NAMES))
    finally:
        remember_name_conversions()
