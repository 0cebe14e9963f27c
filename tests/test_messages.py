"""The message catalogue: every key in both languages, with the same placeholders."""

from __future__ import annotations

import pytest

from publisher.messages import CATALOGUE, Texts, number, placeholders, render, text


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    problems = []
    for key, msg in CATALOGUE.items():
        if not msg.pt.strip() or not msg.en.strip():
            problems.append(f"{key}: a language is empty")
        elif placeholders(msg.pt) != placeholders(msg.en):
            problems.append(f"{key}: pt {sorted(placeholders(msg.pt))} != en {sorted(placeholders(msg.en))}")
    assert problems == []


def test_keys_are_dotted_and_start_with_their_area() -> None:
    from publisher.messages import areas

    for module in areas.MODULES:
        area = module.__name__.rsplit(".", 1)[1]
        wrong = [key for key in module.MESSAGES if not key.startswith(area + ".")]
        assert wrong == [], f"{area}: keys outside the area: {wrong}"


def test_rendering_fills_values_and_never_fails_on_a_missing_one() -> None:
    assert render("{a} de {b}", {"a": 1, "b": 2}) == "1 de 2"
    assert render("{a} de {b}", {"a": 1}) == "1 de ?"
    assert render("{a}", {"a": None}) == "?"


def test_an_unknown_key_is_a_bug_not_a_silent_blank() -> None:
    with pytest.raises(KeyError):
        text("no.such.key", "pt")
    key = next(iter(CATALOGUE))
    assert Texts("en")(key) == text(key, "en") != text(key, "pt")


def test_numbers_are_written_as_the_reader_writes_them() -> None:
    assert number(1234.56, "pt") == "1.234,6"
    assert number(1234.56, "en", 2) == "1,234.56"
    assert number(0, "pt") == "0,0"
