"""Messages of the scheduled jobs, the runner, the lock and the operator's log lines. Keys start with `runner.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # runner.config: jobs/schedule.toml, its descriptions and its errors.
    "runner.config.every.day": Msg(pt="todo dia", en="every day"),
    "runner.config.every_n.day": Msg(pt="a cada {n} dias", en="every {n} days"),
    "runner.config.every.hour": Msg(pt="toda hora", en="every hour"),
    "runner.config.every_n.hour": Msg(pt="a cada {n} horas", en="every {n} hours"),
    "runner.config.every.minute": Msg(pt="todo minuto", en="every minute"),
    "runner.config.every_n.minute": Msg(pt="a cada {n} minutos", en="every {n} minutes"),
    "runner.config.every.monday": Msg(pt="toda segunda-feira", en="every Monday"),
    "runner.config.every_n.monday": Msg(pt="toda segunda-feira", en="every Monday"),
    "runner.config.every.tuesday": Msg(pt="toda terça-feira", en="every Tuesday"),
    "runner.config.every_n.tuesday": Msg(pt="toda terça-feira", en="every Tuesday"),
    "runner.config.every.wednesday": Msg(pt="toda quarta-feira", en="every Wednesday"),
    "runner.config.every_n.wednesday": Msg(pt="toda quarta-feira", en="every Wednesday"),
    "runner.config.every.thursday": Msg(pt="toda quinta-feira", en="every Thursday"),
    "runner.config.every_n.thursday": Msg(pt="toda quinta-feira", en="every Thursday"),
    "runner.config.every.friday": Msg(pt="toda sexta-feira", en="every Friday"),
    "runner.config.every_n.friday": Msg(pt="toda sexta-feira", en="every Friday"),
    "runner.config.every.saturday": Msg(pt="todo sábado", en="every Saturday"),
    "runner.config.every_n.saturday": Msg(pt="todo sábado", en="every Saturday"),
    "runner.config.every.sunday": Msg(pt="todo domingo", en="every Sunday"),
    "runner.config.every_n.sunday": Msg(pt="todo domingo", en="every Sunday"),
    "runner.config.at": Msg(pt="às {at}", en="at {at}"),
    "runner.config.weekday_interval": Msg(
        pt="a tarefa {job} roda num dia da semana, toda semana: tire `interval`",
        en="job {job} runs on a weekday, every week: remove `interval`",
    ),
    "runner.config.bad_at": Msg(
        pt='a tarefa {job} tem at = {at!r}, que não serve para every = {every!r} (use "HH:MM" para dias e dias da semana, ":MM" para horas, ":SS" para minutos)',
        en='job {job} has at = {at!r}, which does not fit every = {every!r} (use "HH:MM" for days and weekdays, ":MM" for hours, ":SS" for minutes)',
    ),
    "runner.config.duplicate": Msg(
        pt="tarefas listadas duas vezes: {names} (deixe uma entrada [[job]] para cada)",
        en="jobs listed twice: {names} (keep one [[job]] entry for each)",
    ),
    "runner.config.default_source": Msg(pt="a agenda", en="the schedule"),
    "runner.config.no_job": Msg(
        pt="não há tarefa {name!r} em {source}; as tarefas são: {known}",
        en="no job {name!r} in {source}; the jobs are: {known}",
    ),
    "runner.config.missing": Msg(
        pt="{path} não existe: crie o arquivo (modelo em jobs/schedule.toml) ou aponte PUBLISHER_SCHEDULE_FILE para ele",
        en="{path} does not exist: create it (model in jobs/schedule.toml) or point PUBLISHER_SCHEDULE_FILE at it",
    ),
    "runner.config.invalid": Msg(
        pt="{path}: {problems}. Corrija o arquivo (formato em jobs/README.md).",
        en="{path}: {problems}. Fix the file (format in jobs/README.md).",
    ),
    "runner.config.where.job_field": Msg(pt="[[job]] nº {n}, {field}", en="[[job]] {n}, {field}"),
    "runner.config.where.job": Msg(pt="[[job]] nº {n}", en="[[job]] {n}"),
    "runner.config.where.file": Msg(pt="o arquivo", en="the file"),
    # What happened to a dataset, as people read it (log lines, the CLI's outcome lines).
    "runner.action.created": Msg(pt="criado", en="created"),
    "runner.action.updated": Msg(pt="atualizado", en="updated"),
    "runner.action.reactivated": Msg(pt="reativado", en="reactivated"),
    "runner.action.unchanged": Msg(pt="sem mudanças", en="unchanged"),
    "runner.action.failed": Msg(pt="falhou", en="failed"),
    "runner.action.invalid": Msg(pt="inválido", en="invalid"),
    "runner.action.skipped": Msg(pt="não processado", en="skipped"),
    "runner.status.succeeded": Msg(pt="concluída", en="succeeded"),
    "runner.status.failed": Msg(pt="falhou", en="failed"),
    "runner.status.interrupted": Msg(pt="interrompida", en="interrupted"),
    "runner.status.running": Msg(pt="em andamento", en="running"),
    "runner.trigger.schedule": Msg(pt="agendada", en="schedule"),
    "runner.trigger.once": Msg(pt="única", en="once"),
    "runner.trigger.cli": Msg(pt="comando", en="cli"),
    # Operator log lines of a dataset.
    "runner.log.outcome": Msg(
        pt="{job}: {dataset}: {details} ({seconds} s)", en="{job}: {dataset}: {details} ({seconds} s)"
    ),
    "runner.log.outcome.files": Msg(pt="{files} arquivo(s), {bytes} bytes", en="{files} file(s), {bytes} bytes"),
    "runner.log.outcome.validation_errors": Msg(pt="{count} erro(s) de validação", en="{count} validation error(s)"),
    "runner.log.verified": Msg(
        pt="{job}: {dataset} conferido ({files} arquivo(s), {bytes} bytes)",
        en="{job}: {dataset} verified ({files} file(s), {bytes} bytes)",
    ),
    "runner.log.mismatch": Msg(
        pt="{job}: {dataset} não confere com o catálogo: {problems}",
        en="{job}: {dataset} does not match the catalogue: {problems}",
    ),
    # Operator log lines of a run.
    "runner.log.run_started": Msg(
        pt="{job}: execução {run_id} iniciada ({trigger})", en="{job}: run {run_id} started ({trigger})"
    ),
    "runner.log.run_finished": Msg(pt="{job}: execução {run_id} {status}", en="{job}: run {run_id} {status}"),
    "runner.log.run_finished_error": Msg(
        pt="{job}: execução {run_id} {status} ({error})", en="{job}: run {run_id} {status} ({error})"
    ),
    "runner.log.run_raised": Msg(
        pt="{job}: a execução {run_id} lançou {error}", en="{job}: run {run_id} raised {error}"
    ),
    "runner.log.not_started": Msg(
        pt="parada pedida: {job} e as tarefas seguintes não foram iniciadas",
        en="stop requested: {job} and the jobs after it were not started",
    ),
    "runner.log.abandoned": Msg(
        pt="a execução {run_id} ficou em andamento por um processo que não existe mais: registrada como interrompida",
        en="run {run_id} was left running by a process that is gone: recorded as interrupted",
    ),
    "runner.log.next_run": Msg(pt="agendado {job}: próxima execução {at}", en="scheduled {job}: next run {at}"),
    "runner.log.stopped": Msg(pt="executor parado ({reason})", en="runner stopped ({reason})"),
    "runner.log.stop_requested": Msg(pt="pedido", en="requested"),
    # Signals.
    "runner.stop.first": Msg(
        pt="{signal} recebido: parando depois do pedido em andamento ao portal (de novo para parar já)",
        en="{signal} received: stopping after the request in flight to the portal (again to stop at once)",
    ),
    "runner.stop.now": Msg(pt="{signal} recebido de novo: parando já", en="{signal} received again: stopping at once"),
    "runner.stop.at_once": Msg(
        pt="parada imediata (segundo sinal de interrupção)", en="stopped at once (second interrupt)"
    ),
    # The run's error line, kept in the ledger.
    "runner.run.publish_failed": Msg(
        pt="{invalid} pacote(s) inválido(s), {failures} falha(s)",
        en="{invalid} invalid package(s), {failures} failure(s)",
    ),
    "runner.run.publish_interrupted": Msg(
        pt="interrompida antes do fim: {skipped} conjunto(s) não processado(s)",
        en="stopped before the end: {skipped} dataset(s) not processed",
    ),
    "runner.run.verify_failed": Msg(
        pt="{count} conjunto(s) diferente(s) do catálogo", en="{count} dataset(s) differ from the catalogue"
    ),
    "runner.run.retire_failed": Msg(pt="{dataset}: {error}", en="{dataset}: {error}"),
    # Events' messages, kept in the ledger.
    "runner.event.validation_errors": Msg(pt="{count} erro(s) de validação", en="{count} validation error(s)"),
    "runner.event.verification_failed": Msg(pt="a verificação falhou", en="verification failed"),
    # The runner lock.
    "runner.lock.holder": Msg(pt="pid {pid} em {host}, desde {since}", en="pid {pid} on {host}, since {since}"),
    "runner.lock.holder_command": Msg(
        pt="pid {pid} em {host}, desde {since} ({command})", en="pid {pid} on {host}, since {since} ({command})"
    ),
    "runner.lock.unknown_holder": Msg(pt="um processo desconhecido", en="an unknown process"),
    "runner.lock.held": Msg(pt="outro executor detém {path}: {holder}", en="another runner holds {path}: {holder}"),
    # The freshness job.
    "runner.date": Msg(pt="%d/%m/%Y", en="%Y-%m-%d"),
    "runner.datetime": Msg(pt="%d/%m/%Y %H:%M", en="%Y-%m-%d %H:%M"),
    "runner.freshness.overdue_log": Msg(
        pt="freshness: {dataset} está atrasado: frequência {frequency}, última atualização {last_update} ({source}), prazo {due}",
        en="freshness: {dataset} is overdue: frequency {frequency}, last update {last_update} ({source}), due {due}",
    ),
    "runner.freshness.overdue_item": Msg(
        pt="frequência {frequency}: última atualização em {last_update}, prazo vencido em {due}",
        en="frequency {frequency}: last updated {last_update}, due {due}",
    ),
    "runner.goal_report.status": Msg(
        pt="goal-report: {goal}: {achieved} de {target} ({percent}%)",
        en="goal-report: {goal}: {achieved} of {target} ({percent}%)",
    ),
    "runner.goal_report.written": Msg(
        pt="goal-report: relatório gravado em {path}", en="goal-report: report written to {path}"
    ),
}
