"""Messages of the scheduled jobs, the runner, the lock and the operator's log lines. Keys start with `runner.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
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
        pt="parada pedida: {job} e os jobs seguintes não foram iniciados",
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
        pt="{signal} recebido: terminando o conjunto em mãos, depois parando (de novo para parar já)",
        en="{signal} received: finishing the dataset in hand, then stopping (again to stop at once)",
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
}
