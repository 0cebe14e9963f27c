"""Scaffold a data package from a CSV: `publisher new NAME --from FILE.csv`.

Everything that can be inferred is filled in; everything only a person can say is
a `TODO: ...` value, which validation reports one by one (severity `todo`), so the
steward's checklist is simply the output of `publisher validate`.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from publisher.profile import is_valid_name
from publisher.scaffold.infer import Inferred, infer_csv
from publisher.validation.profile_check import slugify


class ScaffoldError(ValueError):
    """The package cannot be scaffolded (bad name, existing folder, unreadable CSV)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Scaffolded:
    path: Path
    descriptor: dict[str, Any]
    inferred: Inferred


def _resource_name(csv_path: Path) -> str:
    name = slugify(csv_path.stem)
    return name if is_valid_name(name) else f"{name}-dados"


def build_descriptor(name: str, csv_name: str, inferred: Inferred, org: str | None) -> dict[str, Any]:
    fields = [
        {**spec, "description": f'TODO: descreva a coluna "{spec["name"]}" (significado, unidade, origem).'}
        for spec in inferred.fields
    ]
    resource: dict[str, Any] = {
        "profile": "tabular-data-resource",
        "name": _resource_name(Path(csv_name)),
        "title": "TODO: título do arquivo",
        "description": "TODO: o que cada linha do arquivo representa e como os dados são coletados.",
        "path": f"data/{csv_name}",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": inferred.encoding,
        "schema": {"fields": fields},
    }
    if inferred.delimiter != ",":
        resource["dialect"] = {"delimiter": inferred.delimiter}
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": "TODO: título do conjunto de dados",
        "description": (
            'TODO: descreva o conjunto de dados e inclua as seções "## Como participar" e "## Controle de alterações".'
        ),
        "homepage": "TODO: endereço (https://...) da página do órgão de origem dos dados",
        "owner_org": org or "TODO: identificador da organização no portal (ex.: seplag)",
        "version": "1.0.0",
        "contributors": [
            {
                "title": "TODO: nome do órgão ou equipe que publica",
                "email": "TODO: e-mail de contato",
                "role": "publisher",
            }
        ],
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Creative Commons Atribuição 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
            }
        ],
        "keywords": ["TODO: palavras-chave"],
        "frequência de atualização": "TODO: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual ou por evento",
        "resources": [resource],
    }


def _readme(name: str, csv_name: str, inferred: Inferred) -> str:
    columns = "\n".join(f"| {f['name']} | {f['type']} | TODO |" for f in inferred.fields)
    return f"""# {name}

TODO: o que são estes dados, de onde vêm e para que servem.

## Arquivos

- `data/{csv_name}` ({inferred.encoding}, separador `{inferred.delimiter}`)

| coluna | tipo | descrição |
|---|---|---|
{columns}

## Como participar

TODO: como o cidadão pode enviar dúvidas, correções e sugestões.

## Controle de alterações

Veja o [CHANGELOG](CHANGELOG.md).
"""


def scaffold(name: str, csv_path: Path, catalogue: Path, org: str | None = None) -> Scaffolded:
    if not is_valid_name(name):
        raise ScaffoldError("invalid-name", slugify(name))
    if org is not None and not is_valid_name(org):
        raise ScaffoldError("invalid-org", slugify(org))
    if not csv_path.is_file():
        raise ScaffoldError("csv-missing", str(csv_path))
    target = catalogue / name
    if target.exists():
        raise ScaffoldError("exists", str(target))
    inferred = infer_csv(csv_path)
    if len(inferred.header) < 1 or inferred.rows_sampled == 0:
        raise ScaffoldError("csv-empty", str(csv_path))
    csv_name = slugify(csv_path.stem) + ".csv"
    descriptor = build_descriptor(name, csv_name, inferred, org)

    (target / "data").mkdir(parents=True)
    # The steward's bytes go in unchanged: the package declares their encoding and dialect.
    shutil.copyfile(csv_path, target / "data" / csv_name)
    (target / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (target / "README.md").write_text(_readme(name, csv_name, inferred), encoding="utf-8")
    (target / "CHANGELOG.md").write_text(
        f"# Controle de alterações\n\n## 1.0.0 - {date.today().isoformat()}\n\n- Primeira versão do conjunto de dados.\n",
        encoding="utf-8",
    )
    return Scaffolded(path=target, descriptor=descriptor, inferred=inferred)
