"""`publisher validate` against the bad-input corpus in tests/bad_inputs/.

Each case folder is `_base/` with one thing broken and an `expected.json` naming the
error that must be reported and where (see tests/bad_inputs/README.md). The CLI is
run in-process with `--json`, as a steward's CI would run it. A case may carry a
`known_bug` (a validator bug it found): the test then xfails, and fails loudly once
the bug is fixed so the entry gets removed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from publisher.cli import _register, app
from publisher.portal_notes import notes_for

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
BASE = CORPUS / "_base"
KEYS = ("code", "file", "row", "field", "resource", "value")
ERROR_KEYS = {"code", "severity", "package", "file", "resource", "row", "column", "field", "value", "message", "hint"}

_register()
_runner = CliRunner()


def _case_names() -> list[str]:
    return sorted(d.name for d in CORPUS.iterdir() if (d / "expected.json").is_file())


CASES = _case_names()


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    output: str
    exception: BaseException | None

    def report(self) -> dict[str, Any]:
        data = json.loads(self.stdout)
        assert isinstance(data, dict)
        return data


def run_validate(*paths: Path, lang: str | None = None, env: dict[str, str] | None = None) -> Run:
    args = ["validate", *(str(p) for p in paths), "--json"]
    if lang is not None:
        args += ["--lang", lang]
    # A developer's own PUBLISHER_* settings must not change what the corpus proves, and a
    # cached report must not stand in for the validator under test (nor land in the tree).
    environment: dict[str, str | None] = {k: None for k in os.environ if k.startswith("PUBLISHER_")}
    environment["PUBLISHER_VALIDATION_CACHE"] = "false"
    environment.update(env or {})
    result = _runner.invoke(app, args, env=environment)
    return Run(result.exit_code, result.stdout, result.output, result.exception)


@cache
def run_case(name: str, lang: str | None = None) -> Run:
    return run_validate(CORPUS / name, lang=lang)


def load_expected(name: str) -> dict[str, Any]:
    data = json.loads((CORPUS / name / "expected.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def package_errors(run: Run) -> list[dict[str, Any]]:
    """The single package's errors, after the checks every run must pass."""
    assert run.exit_code in (0, 1), f"exit {run.exit_code}: {run.output}"
    assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
    assert "Traceback" not in run.output
    report = run.report()
    assert len(report["packages"]) == 1
    package = report["packages"][0]
    assert report["valid"] is package["valid"] is (run.exit_code == 0)
    errors: list[dict[str, Any]] = package["errors"]
    for err in errors:
        assert set(err) == ERROR_KEYS
        assert isinstance(err["message"], str) and err["message"].strip(), err
        assert isinstance(err["hint"], str) and err["hint"].strip(), err
        assert err["severity"] in ("error", "warning", "todo")
        assert err["package"] == package["name"]
    return errors


def summary(errors: list[dict[str, Any]]) -> str:
    return "\n".join(json.dumps({k: e[k] for k in KEYS}, ensure_ascii=False) for e in errors) or "(no errors)"


def matches(err: dict[str, Any], expected: dict[str, Any], keys: tuple[str, ...] = KEYS) -> bool:
    return all(err[k] == expected[k] for k in keys)


def known_bug(expected: dict[str, Any]) -> tuple[tuple[str, ...], str] | None:
    bug = expected.get("known_bug")
    if bug is None:
        return None
    wrong = tuple(bug["wrong"])
    assert set(wrong) <= set(KEYS) and bug["reason"]
    return wrong, str(bug["reason"])


def _fail_if_fixed(fixed: bool, reason: str) -> None:
    if fixed:
        pytest.fail(f"known bug looks fixed, remove `known_bug` from expected.json: {reason}")
    pytest.xfail(reason)


def assert_detected(run: Run, expected: dict[str, Any]) -> None:
    errors = package_errors(run)
    codes = {e["code"] for e in errors}
    bug = known_bug(expected)
    if bug is not None and "code" in bug[0]:
        _fail_if_fixed(run.exit_code == 1 and expected["code"] in codes, bug[1])
    assert run.exit_code == expected.get("exit", 1), summary(errors)
    assert expected["code"] in codes, summary(errors)
    # One thing is broken: anything beyond the expected error and its listed consequences
    # is the validator reporting a problem that is not there.
    unexpected = codes - {expected["code"], *expected.get("also", [])}
    assert not unexpected, f"unexpected {sorted(unexpected)}:\n{summary(errors)}"


def assert_located(run: Run, expected: dict[str, Any]) -> None:
    errors = package_errors(run)
    bug = known_bug(expected)
    wrong = bug[0] if bug else ()
    if "code" in wrong:
        _fail_if_fixed(any(matches(e, expected) for e in errors), bug[1] if bug else "")
    right = tuple(k for k in KEYS if k not in wrong)
    candidates = [e for e in errors if matches(e, expected, right)]
    want = {k: expected[k] for k in KEYS}
    assert candidates, f"expected {json.dumps(want, ensure_ascii=False)}\ngot:\n{summary(errors)}"
    if bug is not None:
        _fail_if_fixed(any(matches(e, expected, wrong) for e in candidates), bug[1])


# --- the committed corpus -----------------------------------------------------------------


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 45


def test_base_is_valid() -> None:
    # The corpus proves one thing broken at a time only if the base itself is clean.
    run = run_validate(BASE)
    errors = package_errors(run)
    assert run.exit_code == 0, summary(errors)
    assert errors == []


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_detected(case: str) -> None:
    assert_detected(run_case(case), load_expected(case))


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_located(case: str) -> None:
    assert_located(run_case(case), load_expected(case))


@pytest.mark.parametrize("case", CASES)
def test_no_python_none_shown(case: str) -> None:
    for err in package_errors(run_case(case)):
        assert err["value"] != "None", err
        assert '"None"' not in err["message"], err


# --- cases built at run time --------------------------------------------------------------


def copy_base(tmp_path: Path, name: str) -> Path:
    """A fresh copy of the base package named `name` (the folder and the descriptor agree)."""
    target = tmp_path / name
    shutil.copytree(BASE, target, symlinks=True)
    descriptor = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] = name
    (target / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    return target


def set_cell(pkg: Path, rel: str, row: int, column: str, value: str) -> None:
    lines = (pkg / rel).read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    cells = lines[row - 1].split(";")
    cells[header.index(column)] = value
    lines[row - 1] = ";".join(cells)
    (pkg / rel).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _too_large(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    pkg = copy_base(tmp_path, "file-too-large")
    small = (pkg / "data/municipios.csv").stat().st_size
    big = (pkg / "data/atendimentos.csv").stat().st_size
    assert small < big
    # A limit exactly at the smaller file: only the bigger one is over it.
    expected = {
        "code": "file-too-large",
        "file": "data/atendimentos.csv",
        "row": None,
        "field": None,
        "resource": "atendimentos",
        "value": str(big),
    }
    return pkg, expected, {"PUBLISHER_MAX_FILE_BYTES": str(small)}


def _symlink_escape(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    pkg = copy_base(tmp_path, "symlink-escape")
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(pkg / "data/municipios.csv", outside / "municipios.csv")
    (pkg / "data/municipios.csv").unlink()
    (pkg / "data/municipios.csv").symlink_to(outside / "municipios.csv")
    expected = {
        "code": "path-traversal",
        "file": "datapackage.json",
        "row": None,
        "field": 'resources["municipios"].path',
        "resource": "municipios",
        "value": "data/municipios.csv",
    }
    return pkg, expected, {}


RUNTIME: dict[str, Callable[[Path], tuple[Path, dict[str, Any], dict[str, str]]]] = {
    "file-too-large": _too_large,
    "symlink-escape": _symlink_escape,
}


# --- bounded input: package files stay in the package; lines, cells, metadata and notes are capped ---


def _expect(code: str, file: str, **where: Any) -> dict[str, Any]:
    return {"code": code, "file": file, "row": None, "field": None, "resource": None, "value": None, **where}


def _linked_out(rel: str) -> Callable[[Path], tuple[Path, dict[str, Any], dict[str, str]]]:
    """`rel` (README, CHANGELOG, the descriptor) a symlink to a file outside the package."""

    def build(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
        name = "linked-" + rel.split(".")[0].lower()
        pkg = copy_base(tmp_path, name)
        secret = tmp_path / "outside" / rel
        secret.parent.mkdir()
        shutil.move(pkg / rel, secret)
        (pkg / rel).symlink_to(secret)
        return pkg, _expect("file-outside-package", rel, value=rel), {}

    return build


def _schema_linked_out(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    pkg = copy_base(tmp_path, "schema-linked-out")
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in descriptor["resources"] if r["name"] == "municipios")
    (tmp_path / "schema.json").write_text(json.dumps(res["schema"]), encoding="utf-8")
    (pkg / "schema.json").symlink_to(tmp_path / "schema.json")
    res["schema"] = "schema.json"
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    field = 'resources["municipios"].schema'
    return (
        pkg,
        _expect("path-traversal", "datapackage.json", field=field, resource="municipios", value="schema.json"),
        {},
    )


def _sparse_data_file(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    # 2 GB of zeros after the real rows, with no newline: a sparse file, so it costs no disk.
    pkg = copy_base(tmp_path, "sparse-data-file")
    data = pkg / "data/atendimentos.csv"
    rows = data.read_bytes().count(b"\n")
    os.truncate(data, 2 * 1024**3)
    return pkg, _expect("line-too-long", "data/atendimentos.csv", row=rows + 1, resource="atendimentos"), {}


def _long_line(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    pkg = copy_base(tmp_path, "long-line")
    set_cell(pkg, "data/atendimentos.csv", 3, "quantidade", "9" * 300)
    expected = _expect("line-too-long", "data/atendimentos.csv", row=3, resource="atendimentos")
    return pkg, expected, {"PUBLISHER_MAX_LINE_BYTES": "200"}


def _long_cell(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    # A quoted cell over many short lines: no line is long, the cell is.
    pkg = copy_base(tmp_path, "long-cell")
    set_cell(pkg, "data/municipios.csv", 3, "nome", '"' + "Belo Horizonte\n" * 20 + '"')
    expected = _expect("cell-too-long", "data/municipios.csv", resource="municipios")
    return pkg, expected, {"PUBLISHER_MAX_CELL_BYTES": "100"}


def _metadata_too_large(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    pkg = copy_base(tmp_path, "metadata-too-large")
    size = (pkg / "datapackage.json").stat().st_size
    expected = _expect("metadata-too-large", "datapackage.json", value=str(size))
    return pkg, expected, {"PUBLISHER_MAX_METADATA_BYTES": str(size - 1)}


def _description_too_large(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    pkg = copy_base(tmp_path, "description-too-large")
    description = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["description"]
    size = len(description.encode("utf-8"))
    expected = _expect("description-too-large", "datapackage.json", field="description", value=str(size))
    return pkg, expected, {"PUBLISHER_MAX_NOTES_BYTES": str(size - 1)}


def _notes_too_large(tmp_path: Path) -> tuple[Path, dict[str, Any], dict[str, str]]:
    # The description fits; with the README's "Metodologia" section (sent as notes too) it does not.
    pkg = copy_base(tmp_path, "notes-too-large")
    description = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))["description"]
    readme = (pkg / "README.md").read_text(encoding="utf-8") + "\n## Metodologia\n\n" + "Contagem mensal. " * 200
    (pkg / "README.md").write_text(readme, encoding="utf-8")
    notes = len(notes_for(description, readme).encode("utf-8"))
    limit = len(description.encode("utf-8")) + 1000
    assert notes > limit
    return pkg, _expect("notes-too-large", "README.md", value=str(notes)), {"PUBLISHER_MAX_NOTES_BYTES": str(limit)}


RUNTIME.update(
    {
        "readme-linked-out": _linked_out("README.md"),
        "changelog-linked-out": _linked_out("CHANGELOG.md"),
        "descriptor-linked-out": _linked_out("datapackage.json"),
        "schema-linked-out": _schema_linked_out,
        "sparse-data-file": _sparse_data_file,
        "long-line": _long_line,
        "long-cell": _long_cell,
        "metadata-too-large": _metadata_too_large,
        "description-too-large": _description_too_large,
        "notes-too-large": _notes_too_large,
    }
)


@pytest.mark.parametrize("case", sorted(RUNTIME))
def test_runtime_case(case: str, tmp_path: Path) -> None:
    pkg, expected, env = RUNTIME[case](tmp_path)
    run = run_validate(pkg, env=env)
    assert_detected(run, expected)
    assert_located(run, expected)


def test_huge_cell_is_reported_without_flooding(tmp_path: Path) -> None:
    pkg = copy_base(tmp_path, "huge-cell")
    huge = "X" * (2 * 1024 * 1024)
    set_cell(pkg, "data/atendimentos.csv", 3, "quantidade", huge)
    run = run_validate(pkg)
    expected = {
        "code": "type-error",
        "file": "data/atendimentos.csv",
        "row": 3,
        "field": "quantidade",
        "resource": "atendimentos",
        "value": None,
    }
    assert_detected(run, expected)
    errors = [e for e in package_errors(run) if matches(e, expected, KEYS[:-1])]
    assert len(errors) == 1, summary(package_errors(run))
    value = errors[0]["value"]
    # The value is shown, but cut: a 2 MB cell must not turn into a 2 MB report.
    assert value.startswith("X" * 100)
    assert len(value) < 300 and len(errors[0]["message"]) < 1000
    assert len(run.stdout) < 20_000


def test_symlink_inside_the_package_is_fine(tmp_path: Path) -> None:
    # The counterpart of symlink-escape: a link that stays inside must not be refused.
    pkg = copy_base(tmp_path, "symlink-inside")
    (pkg / "data/municipios.csv").rename(pkg / "municipios-real.csv")
    (pkg / "data/municipios.csv").symlink_to(Path("..") / "municipios-real.csv")
    run = run_validate(pkg)
    errors = package_errors(run)
    assert run.exit_code == 0, summary(errors)


def test_portuguese_todos_is_not_a_todo(tmp_path: Path) -> None:
    pkg = copy_base(tmp_path, "todos-os-atendimentos")
    descriptor = json.loads((pkg / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = "Todos os atendimentos de saúde por município"
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    run = run_validate(pkg)
    errors = package_errors(run)
    assert run.exit_code == 0 and errors == [], summary(errors)


# --- language -----------------------------------------------------------------------------

# (words every pt-BR message of the case must use, words every English one must use)
LANG_CASES = {
    "enum-string": (("arquivo", "linha", "campo"), ("file", "row", "field")),
    "header-renamed": (("arquivo", "cabeçalho", "coluna"), ("file", "header", "column")),
    "encoding-cp1252-as-utf8": (("arquivo", "linha"), ("file", "row")),
    "missing-title": (("propriedade", "ausente"), ("property", "missing")),
    # Not "path": the property name resources[...].path is the same in both languages.
    "path-traversal": (("propriedade", "caminho", "pasta"), ("property", "leaves", "folder")),
    "json-missing-comma": (("linha", "coluna", "vírgula"), ("line", "column", "delimiter")),
}


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("case", sorted(LANG_CASES))
def test_messages_follow_the_language(case: str) -> None:
    pt_words, en_words = LANG_CASES[case]
    pt_errors = package_errors(run_case(case))
    en_errors = package_errors(run_case(case, "en"))
    assert pt_errors, "the case must report something"
    # Same findings, same locations; only the text changes.
    assert [{k: e[k] for k in (*KEYS, "severity", "column")} for e in pt_errors] == [
        {k: e[k] for k in (*KEYS, "severity", "column")} for e in en_errors
    ]
    expected = load_expected(case)
    pt_err = next(e for e in pt_errors if e["code"] == expected["code"])
    en_err = next(e for e in en_errors if e["code"] == expected["code"])
    assert pt_err["message"] != en_err["message"] and pt_err["hint"] != en_err["hint"]
    assert set(pt_words) <= _words(pt_err["message"]), pt_err["message"]
    assert set(en_words) <= _words(en_err["message"]), en_err["message"]
    assert not set(pt_words) & _words(en_err["message"]), en_err["message"]
    assert not set(en_words) & _words(pt_err["message"]), pt_err["message"]


def test_language_from_the_environment() -> None:
    by_flag = package_errors(run_case("enum-string", "en"))
    by_env = package_errors(run_validate(CORPUS / "enum-string", env={"PUBLISHER_LANG": "en"}))
    assert [e["message"] for e in by_env] == [e["message"] for e in by_flag]


# --- the corpus as a whole ----------------------------------------------------------------


def test_whole_corpus_at_once() -> None:
    run = run_validate(CORPUS)
    assert run.exit_code == 1
    assert "Traceback" not in run.output
    report = run.report()
    by_folder = {Path(p["path"]).name: p for p in report["packages"]}
    assert len(report["packages"]) == len(CASES) + 1
    assert set(by_folder) == {*CASES, "_base"}
    assert by_folder["_base"]["valid"] is True
    for case in CASES:
        package = by_folder[case]
        bug = known_bug(load_expected(case))
        if bug is None or "code" not in bug[0]:
            assert package["valid"] is (load_expected(case).get("exit", 1) == 0), case
        # Validating many packages in one run gives each the same report as validating it alone.
        alone = run_case(case).report()["packages"][0]
        assert package["errors"] == alone["errors"], case


# English function words; quoted values and property names are left out before looking.
_ENGLISH = {
    "should",
    "does",
    "is",
    "are",
    "the",
    "must",
    "cannot",
    "failed",
    "not",
    "of",
    "required",
    "input",
    "to",
    "be",
    "or",
}


def test_portuguese_messages_carry_no_english_detail() -> None:
    report = run_validate(CORPUS).report()
    leaks = []
    for package in report["packages"]:
        for error in package["errors"]:
            unquoted = re.sub(r"\"[^\"]*\"|'[^']*'|\[[^\]]*\]", "", error["message"])
            if set(re.findall(r"[a-z]+", unquoted.lower())) & _ENGLISH:
                leaks.append(error["message"])
    assert leaks == []


def test_cache_does_not_change_a_report(tmp_path: Path) -> None:
    first = copy_base(tmp_path / "one", "dados-a")
    second = tmp_path / "two" / "dados-b"
    shutil.copytree(first, second)  # same bytes, another folder: its name no longer matches
    # The repository's catalogue still names the organizations, as in the uncached run.
    catalogue = str(Path(__file__).resolve().parents[1] / "datapackages")
    cached = {
        "PUBLISHER_VALIDATION_CACHE": "true",
        "PUBLISHER_ROOT": str(tmp_path),
        "PUBLISHER_DATAPACKAGES_DIR": catalogue,
    }
    run_validate(first, env=cached)
    with_cache = run_validate(second, env=cached).report()
    without = run_validate(second).report()
    assert any(e["code"] == "profile-name-mismatch" for e in without["packages"][0]["errors"])
    assert with_cache == without


def test_corpus_is_up_to_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed folders are exactly what build_corpus.py makes from _base (no hand edits drift)."""
    spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_corpus", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    assert sorted(module.check_names()) == CASES
    for case in module.CASES:
        module.build_case(case, tmp_path)
        built = {
            p.relative_to(tmp_path / case.name): p.read_bytes()
            for p in (tmp_path / case.name).rglob("*")
            if p.is_file()
        }
        committed = {
            p.relative_to(CORPUS / case.name): p.read_bytes() for p in (CORPUS / case.name).rglob("*") if p.is_file()
        }
        assert built.keys() == committed.keys(), case.name
        for rel in built:
            assert built[rel] == committed[rel], f"{case.name}/{rel} differs: run tests/bad_inputs/build_corpus.py"
