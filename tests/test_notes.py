"""The English detail of libraries, put into Portuguese: the notes are produced by the real
libraries here, so a change in their wording makes these tests fail rather than leaving
English in a steward's message."""

from __future__ import annotations

import json
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


def _raised_by(action: Any) -> str:
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - any library error is what is being read
        return str(exc)
    raise AssertionError("the library accepted what it should have refused")


def _broken_files_notes(tmp_path: Any) -> list[tuple[str, str]]:
    import bz2
    import gzip
    import io
    import lzma
    import zipfile
    import zlib

    whole = gzip.compress(b"municipio;valor\nBH;1\n")
    missing = tmp_path / "nao-existe.csv"
    return [
        (_raised_by(lambda: gzip.decompress(b"municipio;valor\n")), "não é um arquivo gzip (começa com b'mu')"),
        (_raised_by(lambda: gzip.decompress(whole[:20])), "o arquivo compactado termina antes do fim"),
        (_raised_by(lambda: zlib.decompress(b"municipio")), "erro ao descompactar os dados ("),
        (_raised_by(lambda: zipfile.ZipFile(io.BytesIO(b"municipio"))), "não é um arquivo zip"),
        (_raised_by(lambda: bz2.decompress(b"municipio;valor")), "dados compactados inválidos"),
        (_raised_by(lambda: lzma.decompress(b"municipio;valor")), "formato compactado não reconhecido"),
        (_raised_by(lambda: b"S\xe3o".decode("utf-8")), "o byte 0xe3 na posição 1 não é utf-8 válido"),
        (_raised_by(lambda: "São".encode("ascii")), "não pode ser escrito em ascii"),
        (_raised_by(lambda: b"x".decode("latin-9x")), "codificação desconhecida: latin-9x"),
        (_raised_by(lambda: missing.open()), f"arquivo ou pasta não encontrado: '{missing}'"),
        (_raised_by(lambda: tmp_path.open()), "é uma pasta, não um arquivo"),
    ]


def test_errors_of_broken_files_read_in_portuguese(tmp_path: Any) -> None:
    for note, expected in _broken_files_notes(tmp_path):
        assert expected in note_in("pt", note), note
        assert note_in("en", note) == note


def test_a_file_that_is_not_gzip_is_said_in_portuguese_end_to_end(tmp_path: Any) -> None:
    from test_validation_state_style import ROWS, write_state_package

    from publisher.catalog import PackageDir
    from publisher.settings import Settings
    from publisher.validation import validate_package

    pkg = write_state_package(tmp_path, ROWS)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["path"] = "data/despesas.csv.gz"
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    (pkg / "data" / "despesas.csv").rename(pkg / "data" / "despesas.csv.gz")
    for lang, expected, foreign in [
        ("pt", "não é um arquivo gzip", "Not a gzipped"),
        ("en", "Not a gzipped", "gzip ("),
    ]:
        report = validate_package(PackageDir(pkg), Settings(root=tmp_path, lang=lang), use_cache=False)
        found = [e.message for e in report.errors if e.code == "compression-error"]
        assert len(found) == 1 and expected in found[0] and foreign not in found[0], found


def test_a_compressed_file_cut_short_is_a_problem_not_a_crash(tmp_path: Any) -> None:
    import gzip

    from test_validation_state_style import ROWS, write_state_package

    from publisher.catalog import PackageDir
    from publisher.settings import Settings
    from publisher.validation import validate_package

    pkg = write_state_package(tmp_path, ROWS)
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    # latin-1 accepts any byte, so the safety check lets the compressed bytes through to frictionless.
    descriptor["resources"][0].update(path="data/despesas.csv.gz", encoding="latin-1")
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    whole = gzip.compress((pkg / "data" / "despesas.csv").read_bytes())
    (pkg / "data" / "despesas.csv.gz").write_bytes(whole[:30])
    report = validate_package(PackageDir(pkg), Settings(root=tmp_path), use_cache=False)
    assert [e.code for e in report.errors] == ["compression-error"]
    assert "o arquivo compactado termina antes do fim" in report.errors[0].message
    assert report.errors[0].file == "data/despesas.csv.gz"
