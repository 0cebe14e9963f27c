"""The goal status as a data package (`metas-dados-abertos`), so citizens find it on the
portal like any other dataset: CSVs of the goal figures with full profile metadata.

Files are written only when their content changes, and hold no generation timestamp,
so a day without news leaves the package byte-identical and the publish engine finds
nothing to send. Its texts are for citizens: what a column means in plain Portuguese, never
how the publisher works inside; the chart of each goal travels with the data as an SVG.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, Field, ValidationError

from publisher.goals import DateSource, GoalStatus
from publisher.messages import Lang, number, text
from publisher.reports.chart import goal_chart_file
from publisher.settings import explain_error, read_toml

# The published package speaks to citizens, in Portuguese, of who gave each date.
SOURCES = {source: text(f"reports.goal-package.source.{source}", "pt") for source in get_args(DateSource)}


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
    version: str = "1.1.0"


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
    _field("meta", "Identificador da meta", "string", "Código da meta, o mesmo nas três tabelas."),
    _field("titulo", "Título da meta", "string", "O que a meta pede, em uma frase."),
    _field("inicio", "Início do período", "date", "Primeiro dia do período da meta."),
    _field("fim", "Fim do período", "date", "Último dia do período da meta."),
    _field("alvo", "Meta (quantidade)", "integer", "Quantidade de novos conjuntos de dados a divulgar no período."),
    _field("alcancado", "Alcançado", "integer", "Quantos conjuntos de dados novos foram publicados no período."),
    _field("percentual", "Percentual alcançado", "number", "Quanto da meta já foi alcançado, em porcentagem."),
    _field(
        "faltam", "Faltam", "integer", "Quantos conjuntos novos ainda faltam para atingir a meta (zero se atingida)."
    ),
]
MONTHLY_FIELDS = [
    _field("meta", "Identificador da meta", "string", "Código da meta à qual a linha se refere."),
    _field("mes", "Mês", "yearmonth", "Mês de referência (AAAA-MM)."),
    _field("novos", "Novos no mês", "integer", "Quantos conjuntos de dados foram publicados pela primeira vez no mês."),
    _field("acumulado", "Acumulado", "integer", "Total de conjuntos novos do início do período até o fim do mês."),
]
DATASET_FIELDS = [
    _field("meta", "Identificador da meta", "string", "Código da meta para a qual o conjunto conta."),
    _field(
        "conjunto",
        "Conjunto de dados",
        "string",
        "Nome do conjunto de dados no portal, como aparece no fim do endereço da sua página.",
    ),
    _field("titulo", "Título do conjunto", "string", "Título do conjunto de dados, como aparece no portal."),
    _field(
        "orgao",
        "Órgão",
        "string",
        "Órgão responsável pelo conjunto, pelo nome que ele tem no endereço da sua página no portal.",
    ),
    _field(
        "data_publicacao",
        "Data da primeira publicação",
        "date",
        "Data em que o conjunto foi publicado pela primeira vez no portal.",
    ),
    _field(
        "origem_data",
        "Origem da data",
        "string",
        "De onde veio a data da primeira publicação: informada pelo órgão responsável, registrada pelo portal "
        "na primeira publicação ou, na falta das duas, a data de criação no portal.",
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


def chart_file(goal: GoalStatus) -> str:
    return f"grafico-{goal.id}.svg"


def _chart_resource(goal: GoalStatus) -> dict[str, Any]:
    # A picture, not a table: Frictionless' plain data-resource, which needs no Table Schema.
    return {
        "profile": "data-resource",
        "name": f"grafico-{goal.id}",
        "title": f"Gráfico: {goal.title}",
        "description": "Gráfico da meta: as barras mostram quantos conjuntos de dados novos foram publicados em cada "
        "mês; a linha azul, o total acumulado; a linha tracejada cinza, o ritmo que leva à meta no fim do período; "
        "a linha vermelha, a meta.",
        "path": chart_file(goal),
        "format": "svg",
        "mediatype": "image/svg+xml",
        "encoding": "utf-8",
    }


def _description(cfg: PublicationConfig, goals: list[GoalStatus]) -> str:
    periods = ", ".join(f"{g.title} ({g.start:%d/%m/%Y} a {g.end:%d/%m/%Y}, meta de {g.target})" for g in goals)
    return (
        "Quantos conjuntos de dados novos o Governo de Minas Gerais publicou no Portal de Dados Abertos, "
        f"comparados com as metas do plano de tecnologia da informação. Metas acompanhadas: {periods}.\n\n"
        "Cada conjunto de dados conta uma vez só, no mês em que foi publicado pela primeira vez no portal; "
        "atualizações de um conjunto que já existia não contam. A data da primeira publicação é a informada pelo "
        "órgão responsável; quando o órgão não a informa, vale a data registrada pelo portal na primeira publicação "
        "e, na falta dela, a data em que o conjunto foi criado no portal. A tabela de conjuntos diz, para cada um, "
        "de onde veio a data.\n\n"
        "O gráfico de cada meta acompanha os dados, como imagem.\n\n"
        "## Como participar\n\n"
        f"Dúvidas, sugestões e correções: escreva para {cfg.publisher_email}.\n\n"
        "## Controle de alterações\n\n"
        f"- {cfg.version}: os dados são atualizados automaticamente e mudam apenas quando a contagem muda; "
        "o histórico de versões está no arquivo CHANGELOG.md."
    )


def _descriptor(cfg: PublicationConfig, goals: list[GoalStatus]) -> dict[str, Any]:
    return {
        "profile": "data-package",
        "name": cfg.name,
        "title": cfg.title,
        "description": _description(cfg, goals),
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
        "methodology": "Contagem dos conjuntos de dados publicados pela primeira vez no portal em cada mês, pela data "
        "informada pelo órgão responsável, pela data registrada pelo portal na primeira publicação ou pela data de "
        "criação no portal, nesta ordem.",
        "resources": [
            _resource(
                "metas",
                "Situação das metas",
                "Uma linha por meta: quantos conjuntos novos a meta pede, quantos já foram publicados, o percentual "
                "e quantos faltam.",
                SUMMARY_FIELDS,
            ),
            _resource(
                "metas-mensal",
                "Novos conjuntos por mês",
                "Quantos conjuntos de dados novos foram publicados em cada mês de cada meta, e o total acumulado.",
                MONTHLY_FIELDS,
            ),
            _resource(
                "metas-conjuntos",
                "Conjuntos que contam para as metas",
                "Cada conjunto de dados que conta para uma meta, com a data da primeira publicação no portal e de "
                "onde veio essa data.",
                DATASET_FIELDS,
            ),
            *(_chart_resource(g) for g in goals),
        ],
    }


def _changelog(cfg: PublicationConfig) -> str:
    earlier = (
        ""
        if cfg.version == "1.0.0"
        else "## [1.0.0]\n\n### Adicionado\n\n- Situação de cada meta (`metas.csv`), novos conjuntos por mês "
        "(`metas-mensal.csv`) e os conjuntos que contam para cada meta (`metas-conjuntos.csv`).\n"
    )
    return (
        "# Controle de alterações\n\n"
        "As versões seguem o Versionamento Semântico. Os dados são atualizados automaticamente quando a contagem "
        "muda; a versão muda apenas quando muda a forma dos arquivos.\n\n"
        f"## [{cfg.version}]\n\n"
        "### Adicionado\n\n"
        "- O gráfico de cada meta, como imagem (`grafico-<meta>.svg`).\n"
        "- Descrições em linguagem simples; a origem da data de cada conjunto (`origem_data`) diz quem a informou.\n"
        + ("\n" + earlier if earlier else "")
    )


def _readme(cfg: PublicationConfig, goals: list[GoalStatus]) -> str:
    lines = [
        f"# {cfg.title}",
        "",
        "Conjuntos de dados novos publicados no Portal de Dados Abertos de Minas Gerais, comparados com as metas. "
        "Atualizado automaticamente sempre que a contagem muda.",
        "",
    ]
    for g in goals:
        percent = number(g.percent, "pt")  # the published package is in Portuguese
        lines.append(f"- **{g.title}**: {g.achieved} de {g.target} ({percent}%). Gráfico: `{chart_file(g)}`.")
    lines += [
        "",
        "Arquivos: `metas.csv` (situação de cada meta), `metas-mensal.csv` (novos por mês), `metas-conjuntos.csv` "
        "(os conjuntos que contam) e o gráfico de cada meta; a descrição de cada coluna está no `datapackage.json`.",
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
        [g.id, d.name, d.title or "", d.organization or "", f"{d.date:%Y-%m-%d}", SOURCES[d.source]]
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
        **{chart_file(g): goal_chart_file(g) for g in goals},
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
