"""Scaffold a data package from a CSV: `publisher new NAME --from FILE.csv`.

Everything that can be inferred is filled in; everything only a person can say is
a `TODO: ...` value, which validation reports one by one (severity `todo`), so the
steward's checklist is simply the output of `publisher validate`.

The TODOs speak the steward's language (they are instructions, replaced before
publishing); what stays in the published package (README headings, the license's title,
the CHANGELOG's first entry) is in Portuguese whatever that language, as the portal is.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from publisher.messages import Lang, Texts
from publisher.profile import DESCRIPTION_SECTIONS, STEWARD_SECTION, is_valid_name
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


def build_descriptor(
    name: str, csv_name: str, inferred: Inferred, org: str | None, lang: Lang = "pt"
) -> dict[str, Any]:
    t = Texts(lang)
    fields = [
        {**spec, "description": t("scaffold.todo.field-description", field=spec["name"])} for spec in inferred.fields
    ]
    resource: dict[str, Any] = {
        "profile": "tabular-data-resource",
        "name": _resource_name(Path(csv_name)),
        "title": t("scaffold.todo.resource-title"),
        "description": t("scaffold.todo.resource-description"),
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
        "title": t("scaffold.todo.title"),
        "description": t("scaffold.todo.description", first=DESCRIPTION_SECTIONS[0], second=DESCRIPTION_SECTIONS[1]),
        "homepage": t("scaffold.todo.homepage"),
        "owner_org": org or t("scaffold.todo.owner-org"),
        "version": "1.0.0",
        "contributors": [
            {
                "title": t("scaffold.todo.publisher-title"),
                "email": t("scaffold.todo.publisher-email"),
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
        "keywords": [t("scaffold.todo.keywords")],
        "frequência de atualização": t("scaffold.todo.frequency"),
        "resources": [resource],
    }


def _readme(name: str, csv_name: str, inferred: Inferred, lang: Lang) -> str:
    t = Texts(lang)
    columns = "\n".join(f"| {f['name']} | {f['type']} | TODO |" for f in inferred.fields)
    return f"""# {name}

{t("scaffold.todo.readme-intro")}

## Arquivos

- `data/{csv_name}` ({inferred.encoding}, separador `{inferred.delimiter}`)

| coluna | tipo | descrição |
|---|---|---|
{columns}

## Como participar

{t("scaffold.todo.readme-participation")}

## Controle de alterações

Veja o [CHANGELOG](CHANGELOG.md).

## {STEWARD_SECTION}

{t("scaffold.readme.steward")}

```bash
publisher validate datapackages/{name}
```
"""


def scaffold(name: str, csv_path: Path, catalogue: Path, org: str | None = None, lang: Lang = "pt") -> Scaffolded:
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
    descriptor = build_descriptor(name, csv_name, inferred, org, lang)

    (target / "data").mkdir(parents=True)
    # The steward's bytes go in unchanged: the package declares their encoding and dialect.
    shutil.copyfile(csv_path, target / "data" / csv_name)
    (target / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (target / "README.md").write_text(_readme(name, csv_name, inferred, lang), encoding="utf-8")
    (target / "CHANGELOG.md").write_text(
        f"# Controle de alterações\n\n## 1.0.0 - {date.today().isoformat()}\n\n- Primeira versão do conjunto de dados.\n",
        encoding="utf-8",
    )
    return Scaffolded(path=target, descriptor=descriptor, inferred=inferred)
