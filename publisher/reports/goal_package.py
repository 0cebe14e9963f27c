"""The goal status as a data package (`metas-dados-abertos`), so citizens find it on the
portal like any other dataset: CSVs of the goal figures with full profile metadata.

Files are written only when their content changes, and hold no generation timestamp,
so a day without news leaves the package byte-identical and the publish engine finds
nothing to send.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from publisher.goals import GoalStatus
from publisher.messages import Lang, number, text
from publisher.reports.html import SOURCE_LABELS
from publisher.settings import explain_error, read_toml


class PublicationConfigError(ValueError):
    pass


class PublicationConfig(BaseModel):
    """`[publication]` in jobs/goals.toml: how the goal package presents itself on the portal."""

    name: str = "metas-dados-abertos"
    title: str = "Metas de divulgação de dados abertos"
    owner_org: str
    homepage: str
    publisher_title: str
    publisher_email: str
    license_name: str = "CC-BY-4.0"
    license_title: str = "Creative Commons Attribution 4.0"
    license_path: str = "https://creativecommons.org/licenses/by/4.0/"
    keywords: list[str] = Field(default_factory=lambda: ["dados abertos", "metas", "transparência", "PETI"])
    version: str = "1.0.0"


def load_publication(path: Path, lang: Lang = "pt") -> PublicationConfig:
    """The [publication] table of goals.toml; its problems are told in `lang`, naming the key."""
    data = read_toml(path, lang, PublicationConfigError)
    if "publication" not in data:
        raise PublicationConfigError(text("reports.publication.missing", lang, path=path))
    try:
        return PublicationConfig(**data["publication"])
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {explain_error(e, lang)}" for e in exc.errors())
        raise PublicationConfigError(text("reports.publication.invalid", lang, path=path, problems=problems)) from None


def _field(name: str, title: str, type_: str, description: str, fmt: str = "default") -> dict[str, Any]:
    return {"name": name, "title": title, "type": type_, "format": fmt, "description": description}


SUMMARY_FIELDS = [
    _field("meta", "Identificador da meta", "string", "Identificador estável da meta."),
    _field("titulo", "Título da meta", "string", "Enunciado da meta."),
    _field("inicio", "Início do período", "date", "Primeiro dia do período da meta."),
    _field("fim", "Fim do período", "date", "Último dia do período da meta."),
    _field("alvo", "Meta (quantidade)", "integer", "Quantidade de novos conjuntos de dados a divulgar no período."),
    _field("alcancado", "Alcançado", "integer", "Novos conjuntos de dados divulgados pela primeira vez no período."),
    _field("percentual", "Percentual alcançado", "number", "Alcançado dividido pela meta, em porcentagem."),
    _field("faltam", "Faltam", "integer", "Conjuntos que faltam para atingir a meta (zero se atingida)."),
]
MONTHLY_FIELDS = [
    _field("meta", "Identificador da meta", "string", "Meta à qual a linha se refere."),
    _field("mes", "Mês", "yearmonth", "Mês de referência (AAAA-MM)."),
    _field("novos", "Novos no mês", "integer", "Conjuntos de dados divulgados pela primeira vez no mês."),
    _field("acumulado", "Acumulado", "integer", "Total de novos conjuntos desde o início do período até o fim do mês."),
]
DATASET_FIELDS = [
    _field("meta", "Identificador da meta", "string", "Meta para a qual o conjunto conta."),
    _field("conjunto", "Conjunto de dados", "string", "Nome (identificador) do conjunto de dados no portal."),
    _field("titulo", "Título do conjunto", "string", "Título do conjunto de dados."),
    _field("orgao", "Órgão", "string", "Sigla (slug) da organização responsável no portal."),
    _field(
        "data_publicacao",
        "Data da primeira publicação",
        "date",
        "Data em que o conjunto foi divulgado pela primeira vez.",
    ),
    _field(
        "origem_data",
        "Origem da data",
        "string",
        "De onde veio a data: descritor (issued), registro de execuções ou portal.",
    ),
]


def _csv(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _resource(name: str, title: str, description: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": name,
        "title": title,
        "description": description,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
    }


def _descriptor(cfg: PublicationConfig, goals: list[GoalStatus]) -> dict[str, Any]:
    periods = ", ".join(f"{g.title} ({g.start:%d/%m/%Y} a {g.end:%d/%m/%Y}, meta de {g.target})" for g in goals)
    description = (
        "Situação das metas de divulgação de novos conjuntos de dados no Portal de Dados Abertos do Estado "
        f"de Minas Gerais. Metas acompanhadas: {periods}.\n\n"
        "Um conjunto de dados conta uma única vez, no mês da sua primeira publicação; atualizações não contam. "
        "A data vem, nesta ordem, do campo `issued` do pacote, do registro de execuções do publicador ou da data "
        "de criação no portal.\n\n"
        "## Como participar\n\n"
        f"Dúvidas, sugestões e correções: escreva para {cfg.publisher_email}.\n\n"
        "## Controle de alterações\n\n"
        f"- {cfg.version}: gerado automaticamente pelo job `goal-report` do publicador; os arquivos mudam apenas "
        "quando a contagem muda."
    )
    return {
        "profile": "tabular-data-package",
        "name": cfg.name,
        "title": cfg.title,
        "description": description,
        "homepage": cfg.homepage,
        "owner_org": cfg.owner_org,
        "version": cfg.version,
        "contributors": [{"title": cfg.publisher_title, "email": cfg.publisher_email, "role": "publisher"}],
        "licenses": [{"name": cfg.license_name, "title": cfg.license_title, "path": cfg.license_path}],
        "keywords": cfg.keywords,
        "frequência de atualização": "por evento",
        "spatial": "Minas Gerais",
        "temporal": {
            "start": f"{min(g.start for g in goals):%Y-%m-%d}",
            "end": f"{max(g.end for g in goals):%Y-%m-%d}",
        },
        "temporal_granularity": "mês",
        "methodology": "Contagem sobre o registro de execuções do publicador, os descritores dos pacotes e o portal.",
        "resources": [
            _resource(
                "metas",
                "Situação das metas",
                "Uma linha por meta: alvo, alcançado, percentual e quanto falta.",
                SUMMARY_FIELDS,
            ),
            _resource(
                "metas-mensal",
                "Novos conjuntos por mês",
                "Novos conjuntos de dados por mês de cada meta, com o acumulado.",
                MONTHLY_FIELDS,
            ),
            _resource(
                "metas-conjuntos",
                "Conjuntos que contam para as metas",
                "Cada conjunto de dados contado, com a data da primeira publicação e a origem dessa data.",
                DATASET_FIELDS,
            ),
        ],
    }


def _changelog(cfg: PublicationConfig) -> str:
    return (
        "# Controle de alterações\n\n"
        "As versões seguem o Versionamento Semântico. Os dados são regenerados pelo job `goal-report` "
        "do publicador; a versão muda apenas quando a estrutura dos arquivos muda.\n\n"
        f"## [{cfg.version}]\n\n"
        "### Adicionado\n\n"
        "- Situação de cada meta (`metas.csv`), novos conjuntos por mês (`metas-mensal.csv`) e os conjuntos "
        "que contam para cada meta com a origem da data (`metas-conjuntos.csv`).\n"
    )


def _readme(cfg: PublicationConfig, goals: list[GoalStatus]) -> str:
    lines = [
        f"# {cfg.title}",
        "",
        "Pacote gerado automaticamente pelo job `goal-report` do publicador de dados abertos.",
        "",
    ]
    for g in goals:
        percent = number(g.percent, "pt")  # the published package is in Portuguese
        lines.append(f"- **{g.title}**: {g.achieved} de {g.target} ({percent}%).")
    lines += [
        "",
        "Arquivos: `metas.csv`, `metas-mensal.csv`, `metas-conjuntos.csv`; dicionário de dados no `datapackage.json`.",
        "",
    ]
    return "\n".join(lines)


def package_files(cfg: PublicationConfig, goals: list[GoalStatus]) -> dict[str, str]:
    """File name -> content for the goal package."""
    if not goals:
        raise ValueError("no goals to publish")
    summary = [
        [g.id, g.title, f"{g.start:%Y-%m-%d}", f"{g.end:%Y-%m-%d}", g.target, g.achieved, g.percent, g.remaining]
        for g in goals
    ]
    monthly = [[g.id, m.month, m.new, m.cumulative] for g in goals for m in g.monthly]
    datasets = [
        [g.id, d.name, d.title or "", d.organization or "", f"{d.date:%Y-%m-%d}", SOURCE_LABELS[d.source]]
        for g in goals
        for d in g.datasets
    ]
    return {
        "datapackage.json": json.dumps(_descriptor(cfg, goals), ensure_ascii=False, indent=2) + "\n",
        "CHANGELOG.md": _changelog(cfg),
        "README.md": _readme(cfg, goals),
        "metas.csv": _csv([f["name"] for f in SUMMARY_FIELDS], summary),
        "metas-mensal.csv": _csv([f["name"] for f in MONTHLY_FIELDS], monthly),
        "metas-conjuntos.csv": _csv([f["name"] for f in DATASET_FIELDS], datasets),
    }


def write_goal_package(folder: Path, cfg: PublicationConfig, goals: list[GoalStatus]) -> list[str]:
    """Write the package into `folder`; returns the names of the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed: list[str] = []
    for name, content in package_files(cfg, goals).items():
        target = folder / name
        if target.is_file() and target.read_text(encoding="utf-8") == content:
            continue
        tmp = target.with_name(name + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        tmp.replace(target)
        changed.append(name)
    return changed
