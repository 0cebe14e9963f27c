"""The English detail of libraries, put into Portuguese: the notes are produced by the real
libraries here, so a change in their wording makes these tests fail rather than leaving
English in a steward's message."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from publisher.validation.notes import note_in


class _Limits(BaseModel, extra="forbid"):
    text: Annotated[str, Field(min_length=3, max_length=5)] = "abc"
    items: Annotated[list[str], Field(min_length=1)] = ["x"]
    count: Annotated[int, Field(gt=0, le=10)] = 1
    kind: Literal["a", "b"] = "a"


def _pydantic_note(shape: Any, value: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(shape).validate_python(value)
    return str(caught.value.errors()[0]["msg"])


@pytest.mark.parametrize(
    ("shape", "value", "expected"),
    [
        (str, 2022, "deveria ser um texto (entre aspas)"),
        (list[str], "saúde, atendimentos", "deveria ser uma lista (entre colchetes)"),
        (dict[str, str], [], "deveria ser um objeto (entre chaves)"),
        (int, "x", "deveria ser um número inteiro"),
        (float, "x", "deveria ser um número"),
        (bool, "talvez", "deveria ser true ou false"),
        (_Limits, {"text": "ab"}, "deveria ter ao menos 3 caractere(s)"),
        (_Limits, {"text": "abcdef"}, "deveria ter no máximo 5 caractere(s)"),
        (_Limits, {"items": []}, "a lista deveria ter ao menos 1 item(ns), mas tem 0"),
        (_Limits, {"count": 0}, "deveria ser maior que 0"),
        (_Limits, {"count": 11}, "deveria ser menor ou igual a 10"),
        (_Limits, {"kind": "c"}, "deveria ser 'a' ou 'b'"),
        (_Limits, {"other": 1}, "propriedade não prevista"),
        (_Limits, {"text": None}, "deveria ser um texto (entre aspas)"),
    ],
)
def test_pydantic_notes_read_in_portuguese(shape: Any, value: Any, expected: str) -> None:
    note = _pydantic_note(shape, value)
    assert note_in("pt", note) == expected
    assert note_in("en", note) == note


def test_frictionless_schema_notes_read_in_portuguese() -> None:
    from frictionless import FrictionlessException, Schema

    with pytest.raises(FrictionlessException) as caught:
        Schema.from_descriptor({"fields": [{"name": "id", "type": "texto"}]})
    notes = [str(e.note) for e in caught.value.reasons] or [str(caught.value.error.note)]
    assert 'o tipo de campo "texto" não existe' in [note_in("pt", n) for n in notes]


def test_undecodable_bytes_read_in_portuguese() -> None:
    with pytest.raises(UnicodeDecodeError) as caught:
        b'{"a": "\xfa"}'.decode("utf-8")
    assert note_in("pt", str(caught.value)) == "o byte 0xfa na posição 7 não é utf-8 válido"


def test_unknown_notes_stay_as_written() -> None:
    assert note_in("pt", "something nobody translated") == "something nobody translated"
