"""Validation's texts come from the catalogue, in the language asked for and in no other."""

from __future__ import annotations

from pathlib import Path

from test_validation_state_style import ROWS, write_state_package
from typer.testing import CliRunner

from publisher.cli import _register, app
from publisher.messages import CATALOGUE
from publisher.validation.messages import message_key, render
from publisher.validation.report import VALUE_PREVIEW, preview

_register()
runner = CliRunner()


def _human_validate(pkg: Path, lang: str) -> str:
    env = {"PUBLISHER_VALIDATION_CACHE": "false"}
    return runner.invoke(app, ["validate", str(pkg), "--lang", lang], env=env).output


def test_every_problem_code_has_a_message_and_a_hint() -> None:
    codes = [
        key.removeprefix("validation.").removesuffix(".hint")
        for key in CATALOGUE
        if key.startswith("validation.") and key.endswith(".hint")
    ]
    assert len(codes) > 80
    assert [code for code in codes if message_key(code) != f"validation.{code}"] == []


def test_an_unknown_code_gets_the_generic_message() -> None:
    assert message_key("pipeline-error") == "validation.error"
    message, hint = render("pipeline-error", "pt", file="a.csv", resource="r", note="falhou")
    assert message == 'Arquivo a.csv, recurso "r": falhou.' and hint == "Confira o recurso."


def test_a_cut_value_says_how_much_is_left_out_in_one_language() -> None:
    long_value = "x" * (VALUE_PREVIEW + 5)
    assert str(preview(long_value, "pt")).endswith("… (+5 caracteres)")
    assert str(preview(long_value, "en")).endswith("… (+5 characters)")


def test_the_human_report_in_portuguese_and_in_english(tmp_path: Path) -> None:
    pkg = write_state_package(tmp_path, [*ROWS, ("4", "Contagem", "dez", "3")])
    pt = _human_validate(pkg, "pt")
    assert "✘ inválido" in pt and " erro type-error " in pt
    assert "1 pacote(s) verificado(s): 0 válido(s), 1 inválido(s); 1 erro(s), 0 aviso(s)." in pt
    en = _human_validate(pkg, "en")
    assert "✘ invalid" in en and " error type-error " in en
    assert "1 package(s) checked: 0 valid, 1 invalid; 1 error(s), 0 warning(s)." in en


def test_no_package_found_is_said_in_the_language_asked_for(tmp_path: Path) -> None:
    empty = tmp_path / "vazio"
    empty.mkdir()
    pt = runner.invoke(app, ["validate", str(empty)])
    assert pt.exit_code == 2 and "Nenhum pacote encontrado em" in pt.output
    en = runner.invoke(app, ["validate", str(empty), "--lang", "en"])
    assert en.exit_code == 2 and "No package found in" in en.output
