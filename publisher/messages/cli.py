"""Messages of the CLI's shared words and the texts of its commands (help, summaries, tables). Keys start with `cli.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # cli.common: options and messages shared by every command.
    "cli.common.lang_invalid": Msg(
        pt="--lang deve ser pt ou en, não {value!r}", en="--lang must be pt or en, not {value!r}"
    ),
    "cli.common.see_help": Msg(pt="Ajuda: {command} --help", en="Help: {command} --help"),
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
    "cli.publish.verify.retired": Msg(
        pt="{name}: retirado (datapackages/retired.json), não verificado",
        en="{name}: retired (datapackages/retired.json), not verified",
    ),
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

# The --help texts (cli/*.py): `cli.help.<command>` is the summary (also listed by `publisher --help`),
# `.details` and `.exit` the paragraphs after it; `cli.help.option.*` are shared by several commands,
# `cli.help.<command>.<option>` belong to one. Shown in PUBLISHER_LANG: help is printed before --lang is read.
MESSAGES.update(
    {
        "cli.help.app": Msg(
            pt="Valida pacotes de dados (Frictionless) e publica no portal CKAN.",
            en="Validates Frictionless Data Packages and publishes them to a CKAN portal.",
        ),
        "cli.help.app.details": Msg(
            pt="As mensagens saem em português; para inglês, use --lang en ou PUBLISHER_LANG=en.",
            en="Messages are in Portuguese by default; for English, use --lang en or PUBLISHER_LANG=en.",
        ),
        "cli.help.app.exit": Msg(
            pt="Saída: 0 sucesso; 1 algo inválido ou com falha; 2 erro de uso ou de configuração; "
            "3 outro executor está rodando (lock ocupado).",
            en="Exit: 0 success; 1 something invalid or failed; 2 usage or configuration error; "
            "3 another runner holds the lock.",
        ),
        # shared options
        "cli.help.option.lang": Msg(
            pt="Idioma das mensagens: pt (padrão) ou en. Variável: PUBLISHER_LANG.",
            en="Message language: pt (default) or en. Variable: PUBLISHER_LANG.",
        ),
        "cli.help.option.json": Msg(pt="Saída JSON para máquinas.", en="JSON output for machines."),
        "cli.help.option.paths": Msg(
            pt="Pastas de pacotes (padrão: todos em datapackages/).",
            en="Package folders (default: all under datapackages/).",
        ),
        "cli.help.option.prune": Msg(
            pt="Apaga do portal os recursos que não existem mais no pacote.",
            en="Deletes the portal's resources that are no longer in the package.",
        ),
        "cli.help.option.workers": Msg(pt="Conjuntos processados em paralelo.", en="Datasets processed in parallel."),
        "cli.help.option.goals_file": Msg(
            pt="Arquivo de metas (padrão: jobs/goals.toml). Variável: PUBLISHER_GOALS_FILE.",
            en="Goals file (default: jobs/goals.toml). Variable: PUBLISHER_GOALS_FILE.",
        ),
        "cli.help.option.schedule_file": Msg(
            pt="Arquivo da agenda (padrão: jobs/schedule.toml). Variável: PUBLISHER_SCHEDULE_FILE.",
            en="Schedule file (default: jobs/schedule.toml). Variable: PUBLISHER_SCHEDULE_FILE.",
        ),
        # validate
        "cli.help.validate": Msg(
            pt="Valida pacotes: sintaxe JSON, perfil de metadados do portal, caminhos e dados (frictionless).",
            en="Validates packages: JSON syntax, the portal's metadata profile, paths and data (frictionless).",
        ),
        "cli.help.validate.exit": Msg(
            pt="Saída: 0 todos válidos; 1 algum inválido; 2 erro de uso ou de configuração.",
            en="Exit: 0 all valid; 1 any invalid; 2 usage or configuration error.",
        ),
        # new
        "cli.help.new": Msg(
            pt="Cria datapackages/NOME/ a partir de um CSV, com esquema, dialeto e codificação inferidos.",
            en="Scaffolds datapackages/NAME/ from a CSV, with inferred schema, dialect and encoding.",
        ),
        "cli.help.new.details": Msg(
            pt="Todo campo obrigatório fica presente, com TODO onde só uma pessoa sabe a resposta; "
            "no fim, lista esses TODOs.",
            en="Every required field is present, with TODOs where only a person can answer; then lists those TODOs.",
        ),
        "cli.help.new.exit": Msg(
            pt="Saída: 0 pacote criado; 2 erro de uso (nome, organização ou CSV inválidos, ou a pasta já existe).",
            en="Exit: 0 package created; 2 usage error (bad name, organization or CSV, or the folder already exists).",
        ),
        "cli.help.new.name": Msg(
            pt="Nome do pacote (minúsculas sem acento, números e '-').",
            en="Package name (lowercase letters without accents, digits and '-').",
        ),
        "cli.help.new.from": Msg(pt="CSV de origem.", en="Source CSV file."),
        "cli.help.new.org": Msg(
            pt="Organização no portal (ex.: seplag).", en="Organization on the portal (e.g. seplag)."
        ),
        # plan
        "cli.help.plan": Msg(
            pt="Mostra o que publicar mudaria no portal, campo a campo, sem escrever nada.",
            en="Shows what publishing would change on the portal, field by field, writing nothing.",
        ),
        "cli.help.plan.exit": Msg(
            pt="Saída: 0 ok; 1 algum pacote inválido ou com falha, ou o portal não responde; "
            "2 erro de uso ou de configuração.",
            en="Exit: 0 ok; 1 any package invalid or failed, or the portal does not answer; "
            "2 usage or configuration error.",
        ),
        # publish
        "cli.help.publish": Msg(
            pt="Valida e publica no portal o que mudou (criar, atualizar, enviar arquivos).",
            en="Validates and publishes to the portal what changed (create, update, upload files).",
        ),
        "cli.help.publish.details": Msg(
            pt="Conjuntos novos ficam privados até estarem completos. A execução fica registrada, "
            "menos com --dry-run, que não muda nada.",
            en="New datasets stay private until complete. The run is recorded, "
            "except with --dry-run, which changes nothing.",
        ),
        "cli.help.publish.exit": Msg(
            pt="Saída: 0 ok; 1 algum inválido, com falha ou interrompido; "
            "2 erro de uso ou de configuração (ex.: sem token da API); 3 outro executor está rodando (lock ocupado).",
            en="Exit: 0 ok; 1 any invalid, failed or interrupted; "
            "2 usage or configuration error (e.g. no API token); 3 another runner holds the lock.",
        ),
        "cli.help.publish.dry_run": Msg(
            pt="Valida e planeja, sem escrever no portal.", en="Validates and plans, writing nothing to the portal."
        ),
        # verify
        "cli.help.verify": Msg(
            pt="Baixa cada arquivo do portal (anonimamente) e compara tamanho e sha256 com o local.",
            en="Downloads every file back from the portal (anonymously) and compares size and sha256 with the local one.",
        ),
        "cli.help.verify.details": Msg(
            pt="Também confere se cada conjunto está ativo, público e sem nada pendente de publicação.",
            en="Also checks that each dataset is active, public and has nothing left to publish.",
        ),
        "cli.help.verify.exit": Msg(
            pt="Saída: 0 tudo confere; 1 alguma diferença; 2 erro de uso ou de configuração.",
            en="Exit: 0 all match; 1 any mismatch; 2 usage or configuration error.",
        ),
        # retire
        "cli.help.retire": Msg(
            pt="Retira (exclui de forma reversível) um conjunto do portal e o registra em datapackages/retired.json.",
            en="Retires (soft-deletes) a dataset from the portal and lists it in datapackages/retired.json.",
        ),
        "cli.help.retire.details": Msg(
            pt="Os comandos plan, publish e verify deixam o conjunto de lado até `publisher retire NOME --undo` "
            "(ou até a entrada ser apagada à mão).",
            en="The plan, publish and verify commands leave it alone until `publisher retire NAME --undo` "
            "(or until the entry is removed by hand).",
        ),
        "cli.help.retire.exit": Msg(
            pt="Saída: 0 retirado (ou já estava); 1 não encontrado ou com falha; 2 erro de uso ou de configuração; "
            "3 outro executor está rodando (lock ocupado). Com --undo: 0 desfeito; 1 o conjunto não estava retirado.",
            en="Exit: 0 retired (or already retired); 1 not found or failed; 2 usage or configuration error; "
            "3 another runner holds the lock. With --undo: 0 undone; 1 the dataset was not retired.",
        ),
        "cli.help.retire.name": Msg(pt="Nome do conjunto no portal.", en="Dataset name on the portal."),
        "cli.help.retire.reason": Msg(
            pt="Por que o conjunto sai do portal (fica em retired.json e aparece no plan).",
            en="Why the dataset leaves the portal (kept in retired.json and shown by plan).",
        ),
        "cli.help.retire.undo": Msg(
            pt="Tira o conjunto de datapackages/retired.json; o próximo publish o reativa.",
            en="Takes the dataset off datapackages/retired.json; the next publish reactivates it.",
        ),
        # goal
        "cli.help.goal": Msg(
            pt="Mostra a meta de novos conjuntos de dados: alcançado, ritmo, projeção, por órgão e por mês.",
            en="Shows the new-datasets goal: achieved, pace, projection, per organization and per month.",
        ),
        "cli.help.goal.details": Msg(
            pt="Lista cada conjunto que conta, com a data da primeira publicação e a origem dessa data.",
            en="Lists every dataset counted, with the date of its first publication and that date's source.",
        ),
        "cli.help.goal.exit": Msg(
            pt="Saída: 0 ok; 2 erro de uso ou de configuração.", en="Exit: 0 ok; 2 usage or configuration error."
        ),
        "cli.help.goal.goal": Msg(pt="Só esta meta (id).", en="Only this goal (id)."),
        "cli.help.goal.html": Msg(
            pt="Grava o relatório HTML neste arquivo.", en="Writes the HTML report to this file."
        ),
        "cli.help.goal.offline": Msg(
            pt="Não consulta o portal (só o catálogo e o registro de execuções).",
            en="Does not ask the portal (only the catalogue and the run ledger).",
        ),
        "cli.help.goal.as_of": Msg(
            pt="Data de referência, AAAA-MM-DD (padrão: hoje).", en="Reference date, YYYY-MM-DD (default: today)."
        ),
        # status
        "cli.help.status": Msg(
            pt="Mostra as últimas execuções, o que falhou e por quê, e quando cada tarefa roda de novo "
            "(jobs/schedule.toml).",
            en="Shows the last runs, what failed and why, and when each job runs next (jobs/schedule.toml).",
        ),
        "cli.help.status.exit": Msg(
            pt="Saída: 0 a última execução de cada tarefa deu certo; 1 alguma falhou ou foi interrompida; "
            "2 erro de configuração.",
            en="Exit: 0 every job's last run succeeded; 1 one failed or was interrupted; 2 configuration error.",
        ),
        "cli.help.status.limit": Msg(pt="Quantas execuções mostrar.", en="How many runs to show."),
        # schedule
        "cli.help.schedule": Msg(
            pt="Executa as tarefas agendadas ({jobs}) conforme jobs/schedule.toml.",
            en="Runs the scheduled jobs ({jobs}) as set in jobs/schedule.toml.",
        ),
        "cli.help.schedule.details": Msg(
            pt="Roda em primeiro plano, ou cada tarefa uma vez com --once. Só um executor por vez "
            "(arquivo de lock .publisher/runner.lock). SIGTERM/SIGINT: termina o conjunto em andamento, "
            "registra a execução como interrompida e sai. Os logs vão para stderr; com --json, "
            "um resumo das execuções vai para stdout.",
            en="Runs in the foreground, or each job once with --once. Only one runner at a time "
            "(lock file .publisher/runner.lock). SIGTERM/SIGINT: finishes the dataset in hand, "
            "records the run as interrupted and exits. Logs go to stderr; with --json, "
            "a summary of the runs goes to stdout.",
        ),
        "cli.help.schedule.exit": Msg(
            pt="Saída: 0 tudo certo; 1 alguma tarefa falhou ou foi interrompida; 2 erro de configuração; "
            "3 outro executor está rodando (lock ocupado).",
            en="Exit: 0 all succeeded; 1 a job failed or was interrupted; 2 configuration error; "
            "3 another runner holds the lock.",
        ),
        "cli.help.schedule.once": Msg(
            pt="Roda cada tarefa uma vez e sai (cron, systemd, Kubernetes).",
            en="Runs every job once and exits (cron, systemd, Kubernetes).",
        ),
        "cli.help.schedule.job": Msg(pt="Só estas tarefas ({jobs}).", en="Only these jobs ({jobs})."),
        "cli.help.schedule.log_json": Msg(
            pt="Logs em JSON, um objeto por linha.", en="JSON logs, one object per line."
        ),
        "cli.help.schedule.verbose": Msg(pt="Logs de depuração.", en="Debug logs."),
    }
)

# `publisher adopt`: a package an agency already publishes, brought into the portal's profile.
MESSAGES.update(
    {
        "cli.adopt.confirm": Msg(pt="Gravar estas alterações? [s/N] ", en="Write these changes? [y/N] "),
        "cli.adopt.not-interactive": Msg(
            pt="Sessão não interativa: nada foi gravado. Use --yes para gravar as alterações acima.",
            en="Not an interactive session: nothing was written. Use --yes to write the changes above.",
        ),
        "cli.adopt.summary": Msg(
            pt="{filled} item(ns) preenchido(s) a partir do pacote e dos dados; {todos} TODO(s) para uma pessoa responder.",
            en="{filled} item(s) filled in from the package and its data; {todos} TODO(s) for a person to answer.",
        ),
        "cli.adopt.nothing": Msg(
            pt="O pacote já segue o perfil do portal: nada a alterar.",
            en="The package already follows the portal's profile: nothing to change.",
        ),
        "cli.adopt.written": Msg(
            pt="Gravado em {path} (os arquivos de dados não foram alterados).",
            en="Written in {path} (the data files were not changed).",
        ),
        "cli.adopt.not-written": Msg(pt="Nada foi gravado.", en="Nothing was written."),
        "cli.adopt.todos-left": Msg(
            pt="publisher validate lista agora {count} TODO(s) a preencher:",
            en="publisher validate now lists {count} TODO(s) to fill in:",
        ),
        "cli.adopt.error.no-package": Msg(
            pt="Nenhum datapackage.json em {detail} nem em {detail}/dataset.",
            en="No datapackage.json in {detail} nor in {detail}/dataset.",
        ),
        "cli.adopt.error.unreadable": Msg(
            pt="Não foi possível ler o datapackage.json ({detail}): corrija-o e rode publisher validate.",
            en="The datapackage.json could not be read ({detail}): fix it and run publisher validate.",
        ),
        "cli.help.adopt": Msg(
            pt="Traz para o perfil do portal um pacote que o órgão já publica, sem alterar os dados.",
            en="Brings a package an agency already publishes into the portal's profile, without changing its data.",
        ),
        "cli.help.adopt.details": Msg(
            pt="Preenche o que se deduz do pacote e dos dados (format de cada coluna, grafia das chaves, "
            "organização pelo organizations.json, CHANGELOG.md a partir da versão), marca com TODO o que só "
            "uma pessoa sabe e mostra o diff antes de gravar. Com --yes grava sem perguntar; com --dry-run "
            "ou fora de um terminal interativo só mostra o diff.",
            en="Fills in what the package and its data tell (each column's format, key spellings, the "
            "organization from organizations.json, CHANGELOG.md from the version), marks as TODO what only "
            "a person knows, and shows the diff before writing. With --yes it writes without asking; with "
            "--dry-run or outside an interactive terminal it only shows the diff.",
        ),
        "cli.help.adopt.exit": Msg(
            pt="Saída: 0 diff mostrado (gravado ou não); 1 datapackage.json ilegível; 2 nenhum pacote no caminho.",
            en="Exit: 0 diff shown (written or not); 1 unreadable datapackage.json; 2 no package at the path.",
        ),
        "cli.help.adopt.path": Msg(
            pt="Pasta do pacote, seu datapackage.json ou o repositório com dataset/ (padrão: a pasta atual).",
            en="The package folder, its datapackage.json or the repository holding dataset/ (default: the current folder).",
        ),
        "cli.help.adopt.yes": Msg(pt="Grava as alterações sem perguntar.", en="Writes the changes without asking."),
        "cli.help.adopt.dry_run": Msg(
            pt="Só mostra o diff; não grava nada.", en="Only shows the diff; writes nothing."
        ),
    }
)

# `publisher validate`: reports a person can read (like errors grouped, exact totals).
MESSAGES.update(
    {
        "cli.validate.group.rows": Msg(
            pt="{count} linhas com este problema: {rows}", en="{count} rows with this problem: {rows}"
        ),
        "cli.validate.group.more": Msg(pt="... (lista completa em --json)", en="... (full list in --json)"),
        "cli.validate.group.times": Msg(
            pt="{count} ocorrências deste problema", en="{count} occurrences of this problem"
        ),
        "cli.validate.adopt-tip": Msg(
            pt="Dica: `publisher adopt {path}` preenche o que dá para inferir e marca o resto como TODO.",
            en="Tip: `publisher adopt {path}` fills in what can be inferred and marks the rest as TODO.",
        ),
        "cli.validate.group.places": Msg(
            pt="o mesmo em {count} lugares (recurso/campo): {places}",
            en="the same in {count} places (resource/field): {places}",
        ),
        "cli.validate.group.values": Msg(pt="valores: {values}", en="values: {values}"),
        "cli.validate.totals": Msg(pt="Totais por arquivo e código:", en="Totals by file and code:"),
        "cli.validate.left-out": Msg(
            pt="{count} erro(s) foram contados mas não listados um a um (nem no --json): o total acima os inclui.",
            en="{count} error(s) were counted but not listed one by one (nor in --json): the totals above include them.",
        ),
    }
)

# Ownership and tokens: options of plan and publish (and --strict of retire).
MESSAGES.update(
    {
        "cli.help.option.allow_move": Msg(
            pt="Permite mover o conjunto NOME para a organização do pacote (ou reativá-lo nela), de propósito; "
            "requer sysadmin e fica registrado no histórico. Repita para vários.",
            en="Allow dataset NAME to move to the package's organization (or be reactivated there), on purpose; "
            "needs a sysadmin and is recorded in the history. Repeat for several.",
        ),
        "cli.help.option.adopt": Msg(
            pt="Permite ao publisher assumir o conjunto NOME, que já existe no portal e não foi criado por ele. "
            "Repita para vários.",
            en="Allow the publisher to take over dataset NAME, which exists on the portal and was not made by it. "
            "Repeat for several.",
        ),
        "cli.help.option.strict": Msg(
            pt="Recusa um arquivo de token que outros usuários podem ler (saída 2), em vez de só avisar.",
            en="Refuse a token file other users can read (exit 2), instead of only warning.",
        ),
    }
)

# `publisher export dcat` (the catalogue as DCAT-AP 3), and the late initiatives in `publisher goal`.
MESSAGES.update(
    {
        "cli.help.export": Msg(
            pt="Exporta o catálogo para outros formatos, a partir dos pacotes (sem consultar o portal).",
            en="Exports the catalogue to other formats, from the packages (without asking the portal).",
        ),
        "cli.help.export.exit": Msg(
            pt="Saída: 0 gravado com todos os pacotes; 1 gravado, mas algum pacote inválido ficou de fora; "
            "2 erro de uso ou de configuração.",
            en="Exit: 0 written with every package; 1 written, but some invalid package was left out; "
            "2 usage or configuration error.",
        ),
        "cli.help.export.dcat": Msg(
            pt="Grava o catálogo em DCAT-AP 3 (Turtle ou JSON-LD), para agregadores como o dados.gov.br.",
            en="Writes the catalogue as DCAT-AP 3 (Turtle or JSON-LD), for aggregators such as dados.gov.br.",
        ),
        "cli.help.export.dcat.details": Msg(
            pt="Cada pacote válido vira um conjunto com uma distribuição por recurso (tamanho e sha256 do arquivo); "
            "a frequência segue o vocabulário da União Europeia. Pacotes inválidos ficam de fora, com o motivo.",
            en="Each valid package becomes a dataset with one distribution per resource (file size and sha256); "
            "the frequency follows the European Union's vocabulary. Invalid packages are left out, with the reason.",
        ),
        "cli.help.export.dcat.exit": Msg(
            pt="Saída: 0 gravado com todos os pacotes; 1 gravado, mas algum pacote inválido ficou de fora; "
            "2 formato desconhecido, nenhum pacote ou configuração inválida.",
            en="Exit: 0 written with every package; 1 written, but some invalid package was left out; "
            "2 unknown format, no package or invalid configuration.",
        ),
        "cli.help.export.dcat.format": Msg(
            pt="ttl (Turtle) ou jsonld (JSON-LD).", en="ttl (Turtle) or jsonld (JSON-LD)."
        ),
        "cli.help.export.dcat.out": Msg(
            pt="Grava neste arquivo (padrão: a saída padrão).", en="Writes to this file (default: standard output)."
        ),
        "cli.help.export.dcat.portal_url": Msg(
            pt="Endereço público do portal, base dos endereços dos conjuntos (padrão: CKAN_URL).",
            en="The portal's public address, base of the datasets' addresses (default: CKAN_URL).",
        ),
        "cli.help.export.dcat.no_portal": Msg(
            pt="Sem portal: os conjuntos recebem identificadores URN estáveis em vez de endereços do portal.",
            en="No portal: datasets get stable URN identifiers instead of the portal's addresses.",
        ),
        "cli.export.dcat.bad-format": Msg(
            pt="Formato desconhecido: {value!r}. Use um destes: {known}.",
            en="Unknown format: {value!r}. Use one of: {known}.",
        ),
        "cli.export.dcat.skipped.invalid": Msg(
            pt="{name} ficou de fora: o pacote tem {errors} erro(s) de validação (veja com publisher validate).",
            en="{name} was left out: the package has {errors} validation error(s) (see them with publisher validate).",
        ),
        "cli.export.dcat.skipped.unreadable": Msg(
            pt="{name} ficou de fora: o datapackage.json não pôde ser lido (veja com publisher validate).",
            en="{name} was left out: its datapackage.json could not be read (see with publisher validate).",
        ),
        "cli.export.dcat.stdout": Msg(pt="a saída padrão", en="standard output"),
        "cli.ops.goal.late.title": Msg(
            pt="Iniciativas atrasadas em {date} (prazo vencido e não concluídas): {count}",
            en="Initiatives late on {date} (deadline passed, not concluded): {count}",
        ),
        "cli.ops.goal.late.none": Msg(
            pt="Nenhuma iniciativa atrasada em {date} ({without} sem prazo informado).",
            en="No initiative late on {date} ({without} without a stated deadline).",
        ),
        "cli.ops.goal.late.without": Msg(
            pt="{count} iniciativa(s) sem prazo informado ficam fora desta conta.",
            en="{count} initiative(s) without a stated deadline are not counted here.",
        ),
        "cli.ops.goal.late.id": Msg(pt="Nº", en="No."),
        "cli.ops.goal.late.initiative": Msg(pt="Iniciativa", en="Initiative"),
        "cli.ops.goal.late.deadline": Msg(pt="Prazo", en="Deadline"),
        "cli.ops.goal.late.status": Msg(pt="Situação", en="Status"),
        "cli.ops.goal.late.days": Msg(pt="Dias de atraso", en="Days late"),
        "cli.export.dcat.written": Msg(
            pt="Catálogo DCAT-AP 3 ({format}) gravado em {path}: {count} conjunto(s) de dados.",
            en="DCAT-AP 3 catalogue ({format}) written to {path}: {count} dataset(s).",
        ),
    }
)

# `publisher pull`: a dataset from the portal back into a local data package.
MESSAGES.update(
    {
        "cli.help.pull": Msg(
            pt="Baixa um conjunto do portal para uma pasta de pacote de dados: arquivos, datapackage.json, "
            "README e CHANGELOG.",
            en="Downloads a dataset from the portal into a data package folder: files, datapackage.json, "
            "README and CHANGELOG.",
        ),
        "cli.help.pull.details": Msg(
            pt="Cada arquivo é conferido pelo sha256 registrado no portal; o pacote valida com publisher validate. "
            "Sem token, só conjuntos públicos; com CKAN_API_TOKEN, também os privados.",
            en="Each file is checked against the sha256 the portal records; the package validates with publisher "
            "validate. Without a token, public datasets only; with CKAN_API_TOKEN, private ones too.",
        ),
        "cli.help.pull.exit": Msg(
            pt="Saída: 0 baixado; 1 conjunto ausente ou download que não confere; 2 pasta já existe (sem --force) "
            "ou erro de configuração.",
            en="Exit: 0 downloaded; 1 dataset missing or a download that does not match; 2 folder exists "
            "(without --force) or configuration error.",
        ),
        "cli.help.pull.name": Msg(pt="Nome do conjunto no portal.", en="The dataset's name on the portal."),
        "cli.help.pull.to": Msg(
            pt="Pasta de destino (padrão: datapackages/NOME).", en="Target folder (default: datapackages/NAME)."
        ),
        "cli.help.pull.force": Msg(
            pt="Grava mesmo numa pasta que já tem arquivos: os baixados substituem os de mesmo nome.",
            en="Write into a folder that has files already: the downloaded ones replace those of the same name.",
        ),
    }
)
