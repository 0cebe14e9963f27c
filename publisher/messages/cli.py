"""Messages of the CLI's shared words and the texts of its commands (options, summaries, tables). Keys start with `cli.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # cli.common: options and messages shared by every command.
    "cli.common.option.lang": Msg(
        pt="Idioma das mensagens: pt (padrão) ou en. Variável: PUBLISHER_LANG.",
        en="Message language: pt (default) or en. Variable: PUBLISHER_LANG.",
    ),
    "cli.common.option.json": Msg(pt="Saída JSON para máquinas.", en="JSON output for machines."),
    "cli.common.option.paths": Msg(
        pt="Pastas de pacotes (padrão: todos em datapackages/).",
        en="Package folders (default: all under datapackages/).",
    ),
    "cli.common.lang_invalid": Msg(
        pt="--lang deve ser pt ou en, não {value!r}", en="--lang must be pt or en, not {value!r}"
    ),
    "cli.common.unknown_process": Msg(pt="processo desconhecido", en="unknown process"),
    "cli.common.lock_held": Msg(
        pt="Outro executor já está rodando: {holder}. Lock: {lock}. Espere ele terminar e rode de novo.",
        en="Another runner is already running: {holder}. Lock: {lock}. Wait for it to finish and run again.",
    ),
}

# `publisher goal | status | schedule` (cli/ops_cmd.py).
MESSAGES.update(
    {
        "cli.ops.goal.of": Msg(pt="de", en="of"),
        "cli.ops.goal.line": Msg(
            pt="faltam: {remaining} · ritmo: {pace}/mês · projeção: {projection}",
            en="remaining: {remaining} · pace: {pace}/month · projection: {projection}",
        ),
        "cli.ops.goal.below": Msg(pt=" (abaixo da meta)", en=" (below target)"),
        "cli.ops.goal.portal-not-consulted": Msg(pt="portal não consultado", en="portal not consulted"),
        "cli.ops.goal.by-month": Msg(pt="Por mês", en="By month"),
        "cli.ops.goal.month": Msg(pt="Mês", en="Month"),
        "cli.ops.goal.new": Msg(pt="Novos", en="New"),
        "cli.ops.goal.cumulative": Msg(pt="Acumulado", en="Cumulative"),
        "cli.ops.goal.by-org": Msg(pt="Por órgão", en="By organization"),
        "cli.ops.goal.org": Msg(pt="Órgão", en="Organization"),
        "cli.ops.goal.counted": Msg(pt="Conjuntos que contam", en="Datasets counted"),
        "cli.ops.goal.dataset": Msg(pt="Conjunto", en="Dataset"),
        "cli.ops.goal.date": Msg(pt="Data", en="Date"),
        "cli.ops.goal.date-source": Msg(pt="Origem da data", en="Date source"),
        "cli.ops.goal.retired": Msg(pt="Retirados", en="Retired"),
        "cli.ops.goal.not-counted": Msg(pt="Fora da contagem", en="Not counted"),
        "cli.ops.goal.html-written": Msg(pt="Relatório HTML: {path}", en="HTML report: {path}"),
        "cli.ops.goal.bad-as-of": Msg(
            pt="--as-of: {value!r} não é AAAA-MM-DD", en="--as-of: {value!r} is not YYYY-MM-DD"
        ),
        "cli.ops.time": Msg(pt="{time} ({zone})", en="{time} ({zone})"),
        "cli.ops.status.runner-active": Msg(pt="Executor em andamento:", en="Runner active:"),
        "cli.ops.status.jobs-title": Msg(pt="Tarefas: horários ({zone})", en="Jobs: times ({zone})"),
        "cli.ops.status.job": Msg(pt="Tarefa", en="Job"),
        "cli.ops.status.schedule": Msg(pt="Agenda", en="Schedule"),
        "cli.ops.status.next-run": Msg(pt="Próxima execução", en="Next run"),
        "cli.ops.status.last": Msg(pt="Última", en="Last"),
        "cli.ops.status.state": Msg(pt="Situação", en="Status"),
        "cli.ops.status.disabled": Msg(pt="desativado", en="disabled"),
        "cli.ops.status.never-ran": Msg(pt="nunca rodou", en="never ran"),
        "cli.ops.status.runs-title": Msg(pt="Últimas execuções: horários ({zone})", en="Last runs: times ({zone})"),
        "cli.ops.status.trigger": Msg(pt="Gatilho", en="Trigger"),
        "cli.ops.status.started": Msg(pt="Início", en="Started"),
        "cli.ops.status.duration": Msg(pt="Duração", en="Duration"),
        "cli.ops.status.summary": Msg(pt="Resumo", en="Summary"),
        "cli.ops.status.bad-run": Msg(pt="execução {id} {status}", en="run {id} {status}"),
        "cli.ops.run.running": Msg(pt="em andamento", en="running"),
        "cli.ops.run.succeeded": Msg(pt="concluída", en="succeeded"),
        "cli.ops.run.failed": Msg(pt="falhou", en="failed"),
        "cli.ops.run.interrupted": Msg(pt="interrompida", en="interrupted"),
        "cli.ops.trigger.schedule": Msg(pt="agendada", en="schedule"),
        "cli.ops.trigger.once": Msg(pt="única", en="once"),
        "cli.ops.trigger.cli": Msg(pt="comando", en="cli"),
        "cli.ops.count.created": Msg(pt="criados", en="created"),
        "cli.ops.count.updated": Msg(pt="atualizados", en="updated"),
        "cli.ops.count.reactivated": Msg(pt="reativados", en="reactivated"),
        "cli.ops.count.unchanged": Msg(pt="sem mudanças", en="unchanged"),
        "cli.ops.count.invalid": Msg(pt="inválidos", en="invalid"),
        "cli.ops.count.failed": Msg(pt="com falha", en="failed"),
        "cli.ops.count.skipped": Msg(pt="não processados", en="skipped"),
        "cli.ops.count.verified": Msg(pt="verificados", en="verified"),
        "cli.ops.count.verify_failed": Msg(pt="com diferença", en="verify failed"),
        "cli.ops.count.overdue": Msg(pt="atrasados {overdue}/{checked}", en="overdue {overdue}/{checked}"),
        "cli.ops.log.abandoned-run": Msg(
            pt="a execução {id} ficou em andamento por um processo que não existe mais: registrada como interrompida",
            en="run {id} was left running by a process that is gone: recorded as interrupted",
        ),
        "cli.ops.log.stopped-now": Msg(pt="parado imediatamente", en="stopped at once"),
    }
)

# `publisher validate`.
MESSAGES.update(
    {
        "cli.validate.severity.error": Msg(pt="erro", en="error"),
        "cli.validate.severity.warning": Msg(pt="aviso", en="warning"),
        "cli.validate.severity.todo": Msg(pt="a preencher", en="todo"),
        "cli.validate.valid": Msg(pt="✔ válido", en="✔ valid"),
        "cli.validate.invalid": Msg(pt="✘ inválido", en="✘ invalid"),
        "cli.validate.summary": Msg(
            pt="{total} pacote(s) verificado(s): {valid} válido(s), {invalid} inválido(s); "
            "{errors} erro(s), {warnings} aviso(s).",
            en="{total} package(s) checked: {valid} valid, {invalid} invalid; "
            "{errors} error(s), {warnings} warning(s).",
        ),
        "cli.validate.path-missing": Msg(pt="{paths}: não existe", en="{paths}: does not exist"),
        "cli.validate.no-package": Msg(pt="Nenhum pacote encontrado em {where}.", en="No package found in {where}."),
        "cli.validate.progress": Msg(pt="validando", en="validating"),
    }
)

# `publisher new`.
MESSAGES.update(
    {
        "cli.new.error.invalid-name": Msg(
            pt="Nome inválido; use minúsculas sem acento, números e '-', por exemplo: {detail}",
            en="Invalid name; use lowercase letters without accents, digits and '-', for example: {detail}",
        ),
        "cli.new.error.invalid-org": Msg(
            pt="Organização inválida; use o identificador do portal, por exemplo: {detail}",
            en="Invalid organization; use the portal's id, for example: {detail}",
        ),
        "cli.new.error.csv-missing": Msg(pt="Arquivo CSV não encontrado: {detail}", en="CSV file not found: {detail}"),
        "cli.new.error.csv-empty": Msg(
            pt="O CSV não tem cabeçalho e linhas de dados: {detail}", en="The CSV has no header and data rows: {detail}"
        ),
        "cli.new.error.exists": Msg(
            pt="A pasta já existe: {detail} (escolha outro nome ou apague-a)",
            en="The folder already exists: {detail} (choose another name or delete it)",
        ),
        "cli.new.created": Msg(pt="Pacote criado em {path}", en="Package created at {path}"),
        "cli.new.inferred": Msg(
            pt="(codificação {encoding}, separador '{delimiter}', {columns} colunas).",
            en="(encoding {encoding}, delimiter '{delimiter}', {columns} columns).",
        ),
        "cli.new.todos-left": Msg(pt="Falta preencher {count} item(ns):", en="{count} item(s) left to fill in:"),
    }
)
# `publisher plan | publish | verify | retire` (cli/publish_cmd.py). The words for what
# happened to a dataset are shared with the operator's log lines: `runner.action.*`.
_PUBLISH: Final[dict[str, Msg]] = {
    "cli.publish.path_missing": Msg(pt="{paths}: não existe", en="{paths}: does not exist"),
    "cli.publish.no_package": Msg(pt="Nenhum pacote encontrado em {where}.", en="No package found in {where}."),
    "cli.publish.state.active": Msg(pt="ativo", en="active"),
    "cli.publish.state.deleted": Msg(pt="excluído", en="deleted"),
    "cli.publish.state.draft": Msg(pt="rascunho", en="draft"),
    "cli.publish.plan.create_organization": Msg(pt="criar organização {name}", en="create organization {name}"),
    "cli.publish.plan.create_dataset": Msg(
        pt="criar conjunto (privado até completar)", en="create dataset (private until complete)"
    ),
    "cli.publish.plan.reactivate": Msg(pt="reativar conjunto ({state})", en="reactivate dataset ({state})"),
    "cli.publish.plan.new": Msg(pt="novo", en="new"),
    "cli.publish.plan.changed": Msg(pt="alterado", en="changed"),
    "cli.publish.plan.upload": Msg(pt="enviar {resource} ({why}, {size})", en="upload {resource} ({why}, {size})"),
    "cli.publish.plan.delete_resource": Msg(pt="apagar recurso {resource}", en="delete resource {resource}"),
    "cli.publish.plan.reorder": Msg(pt="reordenar recursos", en="reorder resources"),
    "cli.publish.plan.make_public": Msg(pt="tornar público", en="make public"),
    "cli.publish.plan.held": Msg(
        pt="apagar recurso {resource} (só com --prune)", en="delete resource {resource} (only with --prune)"
    ),
    "cli.publish.plan.invalid": Msg(
        pt="inválido ({count} erro(s); veja publisher validate)",
        en="invalid ({count} error(s); see publisher validate)",
    ),
    "cli.publish.plan.nothing": Msg(pt="nada a fazer", en="nothing to do"),
    "cli.publish.plan.state_new": Msg(pt="novo", en="new"),
    "cli.publish.plan.private": Msg(pt=", privado", en=", private"),
    "cli.publish.plan.summary": Msg(
        pt="{total} pacote(s); {changing} com mudanças.", en="{total} package(s); {changing} with changes."
    ),
    "cli.publish.public": Msg(pt="público", en="public"),
    "cli.publish.private": Msg(pt="privado", en="private"),
    "cli.publish.outcome.details": Msg(
        pt="{visibility}; {files} arquivo(s), {size}, {writes} escrita(s)",
        en="{visibility}; {files} file(s), {size}, {writes} write(s)",
    ),
    "cli.publish.summary.publish": Msg(pt="Publicação", en="Publish"),
    "cli.publish.summary.dry_run": Msg(pt="Simulação", en="Dry run"),
    "cli.publish.summary.interrupted": Msg(pt="{head} (interrompida)", en="{head} (interrupted)"),
    "cli.publish.summary": Msg(
        pt="{head}: {parts}. {requests} requisição(ões), {writes} de escrita, {size} enviados.",
        en="{head}: {parts}. {requests} request(s), {writes} write(s), {size} uploaded.",
    ),
    "cli.publish.bar.datasets": Msg(pt="conjuntos", en="datasets"),
    "cli.publish.bar.validated": Msg(pt="validado {dataset}", en="validated {dataset}"),
    "cli.publish.verify.files": Msg(pt="{files} arquivo(s), {size}", en="{files} file(s), {size}"),
    "cli.publish.verify.summary": Msg(
        pt="{count} conjunto(s) verificado(s), {bad} com problema(s).",
        en="{count} dataset(s) verified, {bad} with problems.",
    ),
    "cli.publish.retire.retired": Msg(pt="{name}: retirado do portal.", en="{name}: retired from the portal."),
    "cli.publish.retire.already": Msg(pt="{name}: já estava retirado.", en="{name}: was already retired."),
    "cli.publish.stopped_at_once": Msg(
        pt="Parado já (segundo sinal): a execução ficou registrada como interrompida.",
        en="Stopped at once (second signal): the run is recorded as interrupted.",
    ),
}

MESSAGES.update(_PUBLISH)
