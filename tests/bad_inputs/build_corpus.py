"""Rebuild the bad-input corpus from `_base/`: one folder per case, one thing broken in each.

Run from the project root:  python tests/bad_inputs/build_corpus.py

Every case starts as a copy of `_base/` (with the package `name` set to the case's
folder name, so the folder/name check stays quiet), gets exactly one change, and an
`expected.json` naming the error the validator must report and where. Expectations
are written here by hand from what the input breaks, never copied from the
validator's output: the corpus is the specification, the validator the thing tested.

Cases that need run-time material (a 2 MB cell, a file over a size limit set in the
environment, a symlink) are built by tests/test_bad_inputs.py in a temporary folder.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASE = HERE / "_base"
DESCRIPTOR = "datapackage.json"
MUN = "data/municipios.csv"
ATE = "data/atendimentos.csv"


@dataclass
class Pkg:
    """A case being built: the descriptor as data, or as raw bytes once it is broken as text."""

    descriptor: dict[str, Any]
    files: dict[str, bytes]
    raw: bytes | None = None
    deleted: set[str] = field(default_factory=set)

    def text(self) -> str:
        return dump(self.descriptor)

    def res(self, name: str) -> dict[str, Any]:
        return next(r for r in self.descriptor["resources"] if r["name"] == name)

    def schema_field(self, res: str, name: str) -> dict[str, Any]:
        return next(f for f in self.res(res)["schema"]["fields"] if f["name"] == name)

    def csv(self, rel: str) -> list[str]:
        return self.files[rel].decode("utf-8").splitlines()

    def set_csv(self, rel: str, lines: list[str]) -> None:
        self.files[rel] = ("\n".join(lines) + "\n").encode("utf-8")

    def edit_line(self, rel: str, row: int, fn: Callable[[list[str]], list[str]]) -> None:
        """Apply `fn` to the cells of file row `row` (header = 1)."""
        lines = self.csv(rel)
        lines[row - 1] = ";".join(fn(lines[row - 1].split(";")))
        self.set_csv(rel, lines)

    def set_cell(self, rel: str, row: int, column: str, value: str) -> None:
        header = self.csv(rel)[0].split(";")
        index = header.index(column)

        def put(cells: list[str]) -> list[str]:
            cells[index] = value
            return cells

        self.edit_line(rel, row, put)


def dump(descriptor: Any) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@dataclass
class Case:
    name: str
    what: str
    mutate: Callable[[Pkg], None]
    code: str
    file: str = DESCRIPTOR
    row: int | None | Callable[[Pkg], int] = None
    field: str | None = None
    resource: str | None = None
    value: str | None = None
    also: tuple[str, ...] = ()
    # A validator bug found by this case: which expected keys it gets wrong, and why.
    bug: tuple[tuple[str, ...], str] | None = None
    # A case whose finding is a warning leaves the package valid (exit 0).
    warning: bool = False


def fpath(res: str, fld: str | None = None, prop: str | None = None) -> str:
    """The validator's readable path of a resource (or field) property."""
    out = f'resources["{res}"]'
    if fld is not None:
        out += f'.schema.fields["{fld}"]'
    return out + (f".{prop}" if prop else "")


# --- mutations ----------------------------------------------------------------------------


def drop(key: str) -> Callable[[Pkg], None]:
    return lambda p: p.descriptor.pop(key)


def setkey(key: str, value: Any) -> Callable[[Pkg], None]:
    return lambda p: p.descriptor.__setitem__(key, value)


def res_drop(res: str, key: str) -> Callable[[Pkg], None]:
    return lambda p: p.res(res).pop(key)


def res_set(res: str, key: str, value: Any) -> Callable[[Pkg], None]:
    return lambda p: p.res(res).__setitem__(key, value)


def field_drop(res: str, fld: str, key: str) -> Callable[[Pkg], None]:
    return lambda p: p.schema_field(res, fld).pop(key)


def field_set(res: str, fld: str, key: str, value: Any) -> Callable[[Pkg], None]:
    return lambda p: p.schema_field(res, fld).__setitem__(key, value)


def cell(rel: str, row: int, column: str, value: str) -> Callable[[Pkg], None]:
    return lambda p: p.set_cell(rel, row, column, value)


def raw(fn: Callable[[str], str]) -> Callable[[Pkg], None]:
    def apply(p: Pkg) -> None:
        p.raw = fn(p.text()).encode("utf-8")

    return apply


def raw_bytes(data: bytes) -> Callable[[Pkg], None]:
    def apply(p: Pkg) -> None:
        p.raw = data

    return apply


def _remove_comma_after_title(text: str) -> str:
    lines = text.splitlines(keepends=True)
    i = line_of(text, '"title": "Atendimentos de saúde') - 1
    lines[i] = lines[i].replace('",\n', '"\n')
    return "".join(lines)


def _trailing_comma(text: str) -> str:
    # The last top-level property ends with "  ]\n}\n": add a comma after it.
    assert text.endswith("  ]\n}\n")
    return text[: -len("  ]\n}\n")] + "  ],\n}\n"


def _unclosed(text: str) -> str:
    assert text.endswith("}\n")
    return text[: -len("}\n")]


def _latin1(p: Pkg) -> None:
    p.raw = p.text().encode("latin-1")


def _json_syntax_row(kind: str) -> Callable[[Pkg], int]:
    """Where the JSON parser must stop, worked out from the text, not from the validator."""

    def row(p: Pkg) -> int:
        text = (p.raw or b"").decode("utf-8")
        if kind == "missing-comma":
            return line_of(text, '"title": "Atendimentos de saúde') + 1  # the next property
        if kind == "trailing-comma":
            return len(text.splitlines())  # the closing brace
        if kind == "unclosed":
            return len(text.splitlines()) + 1  # end of input: the empty line after the last newline
        raise ValueError(kind)

    return row


def _swap_header(rel: str, old: str, new: str) -> Callable[[Pkg], None]:
    def apply(p: Pkg) -> None:
        lines = p.csv(rel)
        cells = lines[0].split(";")
        cells[cells.index(old)] = new
        lines[0] = ";".join(cells)
        p.set_csv(rel, lines)

    return apply


def _add_column(p: Pkg) -> None:
    lines = p.csv(ATE)
    p.set_csv(ATE, [lines[0] + ";observacao"] + [line + ";sem observação" for line in lines[1:]])


def _drop_last_column(p: Pkg) -> None:
    p.set_csv(ATE, [line.rsplit(";", 1)[0] for line in p.csv(ATE)])


def _insert_blank_row(p: Pkg) -> None:
    lines = p.csv(ATE)
    p.set_csv(ATE, lines[:3] + [";" * (lines[0].count(";"))] + lines[3:])


def _comma_delimited(p: Pkg) -> None:
    p.set_csv(ATE, [line.replace(";", ",") for line in p.csv(ATE)])


def _comma_declared(p: Pkg) -> None:
    p.res("atendimentos")["dialect"] = {"delimiter": ","}


def _cp1252(p: Pkg) -> None:
    p.files[MUN] = p.files[MUN].decode("utf-8").encode("cp1252")


def _duplicate_resource(p: Pkg) -> None:
    p.res("atendimentos")["name"] = "municipios"


def _empty_file(p: Pkg) -> None:
    p.files[ATE] = b""


def _no_changelog(p: Pkg) -> None:
    p.deleted.add("CHANGELOG.md")


def _no_publisher(p: Pkg) -> None:
    p.descriptor["contributors"][0]["role"] = "author"


def _publisher_email(value: str | None) -> Callable[[Pkg], None]:
    def apply(p: Pkg) -> None:
        if value is None:
            p.descriptor["contributors"][0].pop("email")
        else:
            p.descriptor["contributors"][0]["email"] = value

    return apply


def _license(key: str, value: Any) -> Callable[[Pkg], None]:
    def apply(p: Pkg) -> None:
        if value is None:
            p.descriptor["licenses"][0].pop(key)
        else:
            p.descriptor["licenses"][0][key] = value

    return apply


def _rename_key(old: str, new: str) -> Callable[[Pkg], None]:
    def apply(p: Pkg) -> None:
        p.descriptor = {new if k == old else k: v for k, v in p.descriptor.items()}

    return apply


def _english_frequency(p: Pkg) -> None:
    p.descriptor.pop("frequência de atualização")
    p.descriptor["frequency"] = "monthly"


def _pk(value: Any) -> Callable[[Pkg], None]:
    return lambda p: p.res("atendimentos")["schema"].__setitem__("primaryKey", value)


def _fk_resource(p: Pkg) -> None:
    p.res("atendimentos")["schema"]["foreignKeys"][0]["reference"]["resource"] = "municipio"


# --- the corpus ---------------------------------------------------------------------------
# Data rows: header = row 1; atendimentos ids 1..4 are rows 2..5; municipios rows 2..5 are
# Belo Horizonte, Uberlândia, Juiz de Fora, Montes Claros.


# Compressed resources and external schema and dialect files (issue 9).
def _gzipped(rel: str, *, cut: int | None = None) -> Callable[[Pkg], None]:
    """The table at `rel` gzipped (the state's budget packages ship every table so), or cut short."""

    def mutate(p: Pkg) -> None:
        packed = gzip.compress(p.files.pop(rel), mtime=0)
        p.files[rel + ".gz"] = packed[:cut] if cut else packed
        p.deleted.add(rel)
        next(r for r in p.descriptor["resources"] if r["path"] == rel)["path"] = rel + ".gz"

    return mutate


def _then(*steps: Callable[[Pkg], None]) -> Callable[[Pkg], None]:
    def mutate(p: Pkg) -> None:
        for step in steps:
            step(p)

    return mutate


def _external(res: str, prop: str, ref: str, content: bytes | None = None) -> Callable[[Pkg], None]:
    """The resource's schema or dialect moved to the file `ref` (with `content`, or as it was)."""

    def mutate(p: Pkg) -> None:
        r = p.res(res)
        if not ref.startswith(".."):
            p.files[ref] = content if content is not None else dump(r[prop]).encode("utf-8")
        r[prop] = ref

    return mutate


CASES: list[Case] = [
    # JSON syntax
    Case(
        "json-missing-comma",
        "a comma missing between two properties",
        raw(_remove_comma_after_title),
        "json-syntax",
        row=_json_syntax_row("missing-comma"),
    ),
    Case(
        "json-trailing-comma",
        "a comma after the last property",
        raw(_trailing_comma),
        "json-syntax",
        row=_json_syntax_row("trailing-comma"),
    ),
    Case(
        "json-unclosed-brace",
        "the closing brace is missing",
        raw(_unclosed),
        "json-syntax",
        row=_json_syntax_row("unclosed"),
    ),
    Case(
        "json-not-object",
        "the descriptor is a list holding the package",
        raw(lambda t: "[\n" + t + "]\n"),
        "json-not-object",
        value="list",
    ),
    Case("json-empty-file", "datapackage.json is empty", raw_bytes(b""), "json-syntax", row=1),
    Case(
        "json-bom-garbage",
        "a UTF-8 BOM followed by HTML",
        raw_bytes(b"\xef\xbb\xbf<html>erro 404</html>\n"),
        "json-syntax",
        row=1,
    ),
    Case("json-latin1", "datapackage.json saved as Latin-1, not UTF-8", _latin1, "descriptor-unreadable"),
    # Required dataset properties
    *[
        Case(f"missing-{key.replace('_', '-')}", f"no {key}", drop(key), "profile-missing", field=key)
        for key in (
            "profile",
            "title",
            "description",
            "homepage",
            "owner_org",
            "version",
            "licenses",
            "keywords",
            "contributors",
            "resources",
        )
    ],
    Case(
        "missing-frequency",
        "no update frequency",
        drop("frequência de atualização"),
        "profile-missing",
        field="frequência de atualização",
    ),
    Case("empty-title", "the title is an empty string", setkey("title", ""), "profile-empty", field="title", value=""),
    Case(
        "no-publisher",
        "the only contributor has role author",
        _no_publisher,
        "profile-publisher-missing",
        field="contributors",
    ),
    Case(
        "publisher-without-email",
        "the publisher contributor has no e-mail",
        _publisher_email(None),
        "profile-missing",
        field="contributors[0].email",
    ),
    Case(
        "bad-frequency",
        "frequency outside the portal vocabulary",
        setkey("frequência de atualização", "mensalmente"),
        "profile-frequency",
        field="frequência de atualização",
        value="mensalmente",
    ),
    Case(
        "frequency-english",
        "plain `frequency` key with an English value",
        _english_frequency,
        "profile-frequency",
        field="frequency",
        value="monthly",
    ),
    Case(
        "name-accents",
        "package name with accents",
        setkey("name", "saúde-atendimentos"),
        "profile-name",
        field="name",
        value="saúde-atendimentos",
    ),
    Case(
        "name-uppercase",
        "package name with capitals",
        setkey("name", "Atendimentos-Saude"),
        "profile-name",
        field="name",
        value="Atendimentos-Saude",
    ),
    Case(
        "name-spaces",
        "package name with spaces",
        setkey("name", "atendimentos de saude"),
        "profile-name",
        field="name",
        value="atendimentos de saude",
    ),
    Case(
        "owner-org-invalid",
        "owner_org is not a CKAN slug",
        setkey("owner_org", "SES MG"),
        "profile-name",
        field="owner_org",
        value="SES MG",
    ),
    Case(
        "bad-semver", "version is not semver", setkey("version", "1.0"), "profile-version", field="version", value="1.0"
    ),
    Case(
        "bad-email",
        "publisher e-mail without @",
        _publisher_email("dados.saude.mg.gov.br"),
        "profile-email",
        field="contributors[0].email",
        value="dados.saude.mg.gov.br",
    ),
    Case(
        "bad-url",
        "homepage without scheme",
        setkey("homepage", "www.saude.mg.gov.br/dados"),
        "profile-url",
        field="homepage",
        value="www.saude.mg.gov.br/dados",
    ),
    Case(
        "license-unknown",
        "a license the portal does not know",
        _license("name", "Licença própria da SES"),
        "profile-license",
        field="licenses[0].name",
        value="Licença própria da SES",
    ),
    # Pydantic errors name list items by their "name" (a license has one); semantic checks by index.
    Case(
        "license-missing-path",
        "license without path",
        _license("path", None),
        "profile-missing",
        field='licenses["CC-BY-4.0"].path',
    ),
    Case(
        "issued-bad-date",
        "issued written as DD/MM/YYYY",
        setkey("issued", "31/03/2022"),
        "profile-date",
        field="issued",
        value="31/03/2022",
    ),
    Case("title-number", "title is a number", setkey("title", 2022), "profile-type", field="title", value="2022"),
    Case(
        "keywords-string",
        "keywords is one string, not a list",
        setkey("keywords", "saúde, atendimentos"),
        "profile-type",
        field="keywords",
        value="saúde, atendimentos",
    ),
    Case(
        "changelog-missing",
        "CHANGELOG.md deleted",
        _no_changelog,
        "changelog-missing",
        file="CHANGELOG.md",
        field="version",
        value="1.0.0",
    ),
    # Not named "todo-...": a name starting with "todo" is itself reported as a TODO (see
    # test_portuguese_todos_is_not_a_todo).
    Case(
        "left-todo-description",
        "description still reads TODO",
        setkey("description", "TODO: descrever os dados"),
        "todo",
        field="description",
        value="TODO: descrever os dados",
    ),
    Case(
        "left-todo-field-description",
        "a field description still reads TODO",
        field_set("atendimentos", "valor", "description", "TODO: descrever a coluna valor"),
        "todo",
        field=fpath("atendimentos", "valor", "description"),
        resource="atendimentos",
        value="TODO: descrever a coluna valor",
    ),
    # Resources
    Case(
        "resource-missing-schema",
        "a resource without schema",
        res_drop("atendimentos", "schema"),
        "profile-missing",
        field=fpath("atendimentos", prop="schema"),
        resource="atendimentos",
        also=("resource-error",),
    ),
    Case(
        "resource-missing-format",
        "a resource without format",
        res_drop("municipios", "format"),
        "profile-missing",
        field=fpath("municipios", prop="format"),
        resource="municipios",
    ),
    Case(
        "resource-missing-encoding",
        "a resource without encoding",
        res_drop("municipios", "encoding"),
        "profile-missing",
        field=fpath("municipios", prop="encoding"),
        resource="municipios",
    ),
    Case(
        "resource-missing-title",
        "a resource without title",
        res_drop("atendimentos", "title"),
        "profile-missing",
        field=fpath("atendimentos", prop="title"),
        resource="atendimentos",
    ),
    Case(
        "resource-name-invalid",
        "a resource name with capitals and a space",
        res_set("atendimentos", "name", "Atendimentos 2022"),
        "profile-name",
        field=fpath("Atendimentos 2022", prop="name"),
        resource="Atendimentos 2022",
        value="Atendimentos 2022",
        also=("resource-error",),
    ),
    Case(
        "duplicate-resource-names",
        "two resources named municipios",
        _duplicate_resource,
        "profile-duplicate-resource",
        field="resources",
        resource="municipios",
        value="municipios",
    ),
    Case(
        "field-missing-title",
        "a schema field without title",
        field_drop("atendimentos", "valor", "title"),
        "profile-missing",
        field=fpath("atendimentos", "valor", "title"),
        resource="atendimentos",
    ),
    Case(
        "field-missing-description",
        "a schema field without description",
        field_drop("atendimentos", "quantidade", "description"),
        "profile-missing",
        field=fpath("atendimentos", "quantidade", "description"),
        resource="atendimentos",
    ),
    Case(
        "field-missing-format",
        "a schema field without format (Table Schema reads it as default): a warning",
        field_drop("atendimentos", "data", "format"),
        "profile-field-format",
        field=fpath("atendimentos", "data", "format"),
        resource="atendimentos",
        warning=True,
    ),
    Case(
        "field-unknown-type",
        "a field of type texto",
        field_set("atendimentos", "tipo", "type", "texto"),
        "profile-field-type",
        field=fpath("atendimentos", "tipo", "type"),
        resource="atendimentos",
        value="texto",
        also=("field-error",),
    ),
    Case(
        "duplicate-field-names",
        "schema field regiao renamed to nome, which exists",
        field_set("municipios", "regiao", "name", "nome"),
        "profile-duplicate-field",
        field='resources["municipios"].schema.fields',
        resource="municipios",
        value="nome",
        also=("resource-error", "schema-error"),
    ),
    # Frictionless rejects these descriptors; the fix is in datapackage.json, which is what the error names.
    Case(
        "primary-key-unknown-field",
        "primaryKey names a field that does not exist",
        _pk(["identificador"]),
        "schema-error",
        file="datapackage.json",
        resource="atendimentos",
        also=("resource-error",),
    ),
    Case(
        "foreign-key-unknown-resource",
        "foreign key references a resource that does not exist",
        _fk_resource,
        "resource-error",
        file="datapackage.json",
        resource="atendimentos",
    ),
    # Safety of paths and files
    Case(
        "path-traversal",
        "path climbs out of the package",
        res_set("municipios", "path", "../_base/data/municipios.csv"),
        "path-traversal",
        field=fpath("municipios", prop="path"),
        resource="municipios",
        value="../_base/data/municipios.csv",
    ),
    Case(
        "path-absolute",
        "absolute path",
        res_set("municipios", "path", "/tmp/municipios.csv"),
        "path-absolute",
        field=fpath("municipios", prop="path"),
        resource="municipios",
        value="/tmp/municipios.csv",
    ),
    Case(
        "path-remote",
        "path is a URL",
        res_set("municipios", "path", "https://dados.mg.gov.br/municipios.csv"),
        "path-remote",
        field=fpath("municipios", prop="path"),
        resource="municipios",
        value="https://dados.mg.gov.br/municipios.csv",
    ),
    Case(
        "path-missing",
        "path names a file that does not exist",
        res_set("municipios", "path", "data/municipio.csv"),
        "path-missing",
        field=fpath("municipios", prop="path"),
        resource="municipios",
        value="data/municipio.csv",
    ),
    Case(
        "path-list",
        "path is a list (multipart) instead of one file",
        res_set("municipios", "path", [MUN, MUN]),
        "path-invalid",
        field=fpath("municipios", prop="path"),
        resource="municipios",
        value="list",
        also=("profile-type",),
    ),
    Case("file-empty", "the data file has 0 bytes", _empty_file, "file-empty", file=ATE, resource="atendimentos"),
    Case(
        "encoding-cp1252-as-utf8",
        "windows-1252 bytes in a file declared utf-8",
        _cp1252,
        "encoding-mismatch",
        file=MUN,
        row=3,
        field=fpath("municipios", prop="encoding"),
        resource="municipios",
        value="0xE2",
    ),
    Case(
        "encoding-unknown",
        "an encoding name that does not exist",
        res_set("municipios", "encoding", "utf-99"),
        "encoding-unknown",
        field=fpath("municipios", prop="encoding"),
        resource="municipios",
        value="utf-99",
    ),
    # Any byte reads as windows-1252: without this check, "internação" would reach the portal garbled.
    Case(
        "encoding-utf8-as-cp1252",
        "a UTF-8 file with accents declared windows-1252",
        res_set("atendimentos", "encoding", "windows-1252"),
        "encoding-looks-utf8",
        file=ATE,
        row=4,
        field=fpath("atendimentos", prop="encoding"),
        resource="atendimentos",
        value="internação",
    ),
    # Data: cells
    Case(
        "enum-string",
        "tipo outside its enum (capitalised)",
        cell(ATE, 3, "tipo", "Exame"),
        "constraint-error",
        file=ATE,
        row=3,
        field="tipo",
        resource="atendimentos",
        value="Exame",
    ),
    Case(
        "enum-integer-as-string",
        "ano outside an integer enum written as strings",
        cell(ATE, 2, "ano", "2019"),
        "constraint-error",
        file=ATE,
        row=2,
        field="ano",
        resource="atendimentos",
        value="2019",
    ),
    Case(
        "enum-region",
        "regiao outside its enum",
        cell(MUN, 4, "regiao", "Zona da Mata"),
        "constraint-error",
        file=MUN,
        row=4,
        field="regiao",
        resource="municipios",
        value="Zona da Mata",
    ),
    Case(
        "constraint-minimum",
        "negative quantidade",
        cell(ATE, 4, "quantidade", "-7"),
        "constraint-error",
        file=ATE,
        row=4,
        field="quantidade",
        resource="atendimentos",
        value="-7",
    ),
    Case(
        "type-integer-text",
        "text in an integer column",
        cell(ATE, 4, "quantidade", "sete"),
        "type-error",
        file=ATE,
        row=4,
        field="quantidade",
        resource="atendimentos",
        value="sete",
    ),
    Case(
        "decimal-comma",
        "a decimal comma without decimalChar",
        cell(ATE, 2, "valor", "1500,50"),
        "type-error",
        file=ATE,
        row=2,
        field="valor",
        resource="atendimentos",
        value="1500,50",
    ),
    Case(
        "date-brazilian",
        "a date as DD/MM/YYYY in a default-format date field",
        cell(ATE, 5, "data", "31/12/2021"),
        "type-error",
        file=ATE,
        row=5,
        field="data",
        resource="atendimentos",
        value="31/12/2021",
    ),
    Case(
        "required-missing",
        "a required date left empty",
        cell(ATE, 3, "data", ""),
        "constraint-error",
        file=ATE,
        row=3,
        field="data",
        resource="atendimentos",
        value=None,
    ),
    Case(
        "unique-violation",
        "two municipalities with the same unique name",
        cell(MUN, 3, "nome", "Belo Horizonte"),
        "unique-error",
        file=MUN,
        row=3,
        field="nome",
        resource="municipios",
        value="Belo Horizonte",
    ),
    Case(
        "primary-key-duplicate",
        "two rows with id 1",
        cell(ATE, 3, "id", "1"),
        "primary-key",
        file=ATE,
        row=3,
        field="id",
        resource="atendimentos",
        value="1",
    ),
    Case(
        "foreign-key-violation",
        "codigo_ibge not in municipios",
        cell(ATE, 4, "codigo_ibge", "3100000"),
        "foreign-key",
        file=ATE,
        row=4,
        field="codigo_ibge",
        resource="atendimentos",
        value="3100000",
    ),
    # Data: rows and header
    Case(
        "blank-row",
        "a row of empty cells between data rows",
        _insert_blank_row,
        "blank-row",
        file=ATE,
        row=4,
        resource="atendimentos",
        also=("primary-key",),
    ),
    Case(
        "missing-cell",
        "a row one value short",
        lambda p: p.edit_line(ATE, 3, lambda c: c[:-1]),
        "missing-cell",
        file=ATE,
        row=3,
        field="data",
        resource="atendimentos",
        also=("constraint-error",),
    ),
    Case(
        "extra-cell",
        "a row with one value too many",
        lambda p: p.edit_line(ATE, 2, lambda c: c + ["x"]),
        "extra-cell",
        file=ATE,
        row=2,
        resource="atendimentos",
        value="x",
    ),
    Case(
        "extra-column",
        "a column in the file that the schema lacks",
        _add_column,
        "extra-label",
        file=ATE,
        resource="atendimentos",
        value="observacao",
    ),
    Case(
        "missing-column",
        "the last column is missing from the file",
        _drop_last_column,
        "missing-label",
        file=ATE,
        field="data",
        resource="atendimentos",
    ),
    Case(
        "header-renamed",
        "a header label renamed",
        _swap_header(MUN, "codigo_ibge", "codigo"),
        "incorrect-label",
        file=MUN,
        field="codigo_ibge",
        resource="municipios",
        value="codigo",
    ),
    Case(
        "header-accented",
        "a header label written with an accent the schema's name does not have",
        _swap_header(MUN, "regiao", "Região"),
        "incorrect-label",
        file=MUN,
        field="regiao",
        resource="municipios",
        value="Região",
    ),
    Case(
        "duplicate-header-labels",
        "a header label repeated",
        _swap_header(MUN, "regiao", "nome"),
        "duplicate-label",
        file=MUN,
        field="regiao",
        resource="municipios",
        value="nome",
    ),
    # One error naming the cause, in place of the label, type and key errors that follow from it.
    Case(
        "delimiter-mismatch",
        "file written with ',' while the dialect says ';'",
        _comma_delimited,
        "delimiter-mismatch",
        file=ATE,
        row=1,
        resource="atendimentos",
        value="id,codigo_ibge,ano,tipo,quantidade,valor,data",
    ),
    Case(
        "delimiter-comma-declared",
        "a ';' file whose resource declares ','",
        _comma_declared,
        "delimiter-mismatch",
        file=ATE,
        row=1,
        resource="atendimentos",
        value="id;codigo_ibge;ano;tipo;quantidade;valor;data",
    ),
    # The state's real packages: organizations and profile levels.
    Case(
        "org-long-slug-unknown",
        "an owner_org in the portal's long form that organizations.json does not hold",
        setkey("owner_org", "secretaria-de-estado-de-saude-ses"),
        "organization-unknown",
        field="owner_org",
        value="secretaria-de-estado-de-saude-ses",
    ),
    Case(
        "org-slug-typo",
        "an owner_org one letter off a known slug",
        setkey("owner_org", "fundacao-hospitalar-do-estado-de-minas-gerais-fhemg"),
        "organization-unknown",
        field="owner_org",
        value="fundacao-hospitalar-do-estado-de-minas-gerais-fhemg",
    ),
    Case(
        "key-capitalised",
        "the frequency key written with a capital F",
        _rename_key("frequência de atualização", "Frequência de atualização"),
        "profile-key-spelling",
        field="Frequência de atualização",
        value="Frequência de atualização",
        warning=True,
    ),
    Case(
        "private-as-string",
        'private written as the text "false"',
        setkey("private", "false"),
        "profile-boolean-string",
        field="private",
        value="false",
    ),
    # Readable reports: hints that fit the type, git conflict markers.
    Case(
        "json-conflict-marker",
        "datapackage.json left mid-merge, with git's conflict markers around the version",
        raw(
            lambda t: t.replace(
                '  "version": "1.0.0",\n',
                '<<<<<<< HEAD\n  "version": "1.0.0",\n=======\n  "version": "1.1.0",\n>>>>>>> nova-versao\n',
            )
        ),
        "merge-conflict",
        row=lambda p: line_of((p.raw or b"").decode("utf-8"), "<<<<<<< HEAD"),
        value="<<<<<<< HEAD",
    ),
    Case(
        "number-dash",
        "a dash for a missing value in a number column",
        cell(ATE, 3, "valor", "-"),
        "type-error",
        file=ATE,
        row=3,
        field="valor",
        resource="atendimentos",
        value="-",
    ),
    Case(
        "integer-two-values",
        "two numbers in one cell of an integer column",
        cell(ATE, 4, "quantidade", "1450 / 2270"),
        "type-error",
        file=ATE,
        row=4,
        field="quantidade",
        resource="atendimentos",
        value="1450 / 2270",
    ),
    Case(
        "date-iso-in-dmy-field",
        "ISO dates in a date field declaring %d/%m/%Y",
        field_set("atendimentos", "data", "format", "%d/%m/%Y"),
        "type-error",
        file=ATE,
        row=2,
        field="data",
        resource="atendimentos",
        value="2022-03-31",
    ),
    # Compressed resources and external schema and dialect files (issue 9).
    Case(
        "gz-primary-key-duplicate",
        "two rows with id 1 in a gzipped table",
        _then(cell(ATE, 3, "id", "1"), _gzipped(ATE)),
        "primary-key",
        file=ATE + ".gz",
        row=3,
        field="id",
        resource="atendimentos",
        value="1",
    ),
    Case(
        "gz-encoding-cp1252-as-utf8",
        "windows-1252 bytes in a gzipped table declared utf-8",
        _then(_cp1252, _gzipped(MUN)),
        "encoding-mismatch",
        file=MUN + ".gz",
        row=3,
        field=fpath("municipios", prop="encoding"),
        resource="municipios",
        value="0xE2",
    ),
    Case(
        "gz-truncated",
        "a gzipped table cut short",
        _gzipped(MUN, cut=40),
        "compression-error",
        file=MUN + ".gz",
        resource="municipios",
    ),
    Case(
        "schema-external-field-missing-title",
        "a field without title in an external schema file",
        _then(field_drop("atendimentos", "valor", "title"), _external("atendimentos", "schema", "schema.json")),
        "profile-missing",
        file="schema.json",
        field=fpath("atendimentos", "valor", "title"),
        resource="atendimentos",
    ),
    Case(
        "schema-external-traversal",
        "an external schema path climbs out of the package",
        _external("municipios", "schema", "../schema.json"),
        "path-traversal",
        field=fpath("municipios", prop="schema"),
        resource="municipios",
        value="../schema.json",
    ),
    Case(
        "dialect-external-bad-json",
        "an external dialect file with a trailing comma",
        _external("municipios", "dialect", "dialect.json", b'{"delimiter": ";",}'),
        "json-syntax",
        file="dialect.json",
        row=1,
    ),
    # Bounded input: JSON nested deeper than PUBLISHER_MAX_JSON_DEPTH (64) is refused before it is
    # parsed, in the descriptor and in an external file alike (Python's parser would recurse).
    Case(
        "json-too-deep",
        "a property nested 100 lists deep",
        raw(lambda text: text.replace("{\n", '{\n  "x": ' + "[" * 100 + "]" * 100 + ",\n", 1)),
        "json-too-deep",
        row=2,
    ),
    Case(
        "dialect-external-too-deep",
        "an external dialect file nested 100 lists deep",
        _external(
            "municipios", "dialect", "dialect.json", b'{"delimiter": ";", "x": ' + b"[" * 100 + b"]" * 100 + b"}"
        ),
        "json-too-deep",
        file="dialect.json",
        row=1,
    ),
    # Hostile inputs (the reliability suite, tests/test_suite_hostile.py, publishes each through a
    # counting proxy): a file:// URL as a path, and names that look like valid ones but hold a
    # Cyrillic letter in place of a Latin one (homoglyphs).
    Case(
        "path-file-url",
        "path is a file:// URL to a file of the machine",
        res_set("municipios", "path", "file:///etc/passwd"),
        "path-remote",
        field=fpath("municipios", prop="path"),
        resource="municipios",
        value="file:///etc/passwd",
    ),
    Case(
        "name-homoglyph",
        "package name with a Cyrillic a that looks Latin",
        setkey("name", "atendimentos-de-s\u0430ude"),
        "name-lookalike",
        field="name",
        value="atendimentos-de-s\u0430ude",
    ),
    Case(
        "resource-name-homoglyph",
        "a resource name with a Cyrillic o that looks Latin",
        res_set("municipios", "name", "municipi\u043es"),
        "name-lookalike",
        field=fpath("municipi\u043es", prop="name"),
        resource="municipi\u043es",
        value="municipi\u043es",
        also=("resource-error",),
    ),
]


def build_case(case: Case, root: Path = HERE) -> None:
    target = root / case.name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(BASE, target)
    descriptor = json.loads((BASE / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["name"] = case.name
    files = {rel: (BASE / rel).read_bytes() for rel in (MUN, ATE)}
    pkg = Pkg(descriptor=descriptor, files=files)
    case.mutate(pkg)
    (target / DESCRIPTOR).write_bytes(pkg.raw if pkg.raw is not None else pkg.text().encode("utf-8"))
    for rel, data in pkg.files.items():
        (target / rel).write_bytes(data)
    for rel in pkg.deleted:
        (target / rel).unlink()
    (target / "README.md").write_text(
        f"# Case `{case.name}`\n\n`_base/` with one thing broken: {case.what}.\n", encoding="utf-8"
    )
    row = case.row(pkg) if callable(case.row) else case.row
    expected: dict[str, Any] = {
        "what": case.what,
        "code": case.code,
        "file": case.file,
        "row": row,
        "field": case.field,
        "resource": case.resource,
        "value": case.value,
    }
    if case.also:
        expected["also"] = list(case.also)
    if case.warning:
        expected["exit"] = 0
    if case.bug:
        wrong, reason = case.bug
        expected["known_bug"] = {"wrong": list(wrong), "reason": reason}
    (target / "expected.json").write_text(dump(expected), encoding="utf-8")


def check_names() -> list[str]:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    return names


def main() -> int:
    names = check_names()
    for case in CASES:
        build_case(case)
    # Folders of cases that no longer exist would linger in the corpus: remove them.
    for folder in HERE.iterdir():
        if folder.is_dir() and not folder.name.startswith(("_", ".")) and folder.name not in names:
            if (folder / "expected.json").is_file():
                shutil.rmtree(folder)
    print(f"{len(CASES)} cases written under {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
