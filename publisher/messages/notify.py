"""Messages of webhook and e-mail notifications. Keys start with `notify.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    "notify.product": Msg(pt="Publicador de dados abertos MG", en="MG open-data publisher"),
    "notify.subject.invalid": Msg(
        pt="{n} erro(s) de validação em {d} pacote(s) de dados", en="{n} validation error(s) in {d} data package(s)"
    ),
    "notify.subject.overdue": Msg(
        pt="{d} conjunto(s) de dados com atualização atrasada", en="{d} dataset(s) overdue for an update"
    ),
    "notify.subject.failed": Msg(
        pt="a execução nº {run} da tarefa {job} falhou ({n} erro(s))", en="run {run} of job {job} failed ({n} error(s))"
    ),
    "notify.subject.interrupted": Msg(
        pt="a execução nº {run} da tarefa {job} foi interrompida ({n} erro(s))",
        en="run {run} of job {job} was interrupted ({n} error(s))",
    ),
    "notify.run_line": Msg(
        pt="Tarefa {job}, execução nº {run}, máquina {host}, {at}: {status}.",
        en="Job {job}, run {run}, host {host}, {at}: {status}.",
    ),
    "notify.error_line": Msg(pt="Motivo: {error}", en="Reason: {error}"),
    "notify.count_line": Msg(
        pt="Total: {n} erro(s) em {d} conjunto(s) de dados. Lista completa abaixo.",
        en="Total: {n} error(s) in {d} dataset(s). Full list below.",
    ),
    "notify.dataset_head": Msg(pt="Conjunto de dados {dataset} ({n} erro(s)):", en="Dataset {dataset} ({n} error(s)):"),
    "notify.general_head": Msg(pt="Erros gerais:", en="General errors:"),
    "notify.hint": Msg(pt="Como corrigir", en="How to fix"),
    "notify.footer": Msg(
        pt="Veja o histórico com `publisher status`. Mensagem automática do publicador de dados abertos.",
        en="See the history with `publisher status`. Automatic message from the open-data publisher.",
    ),
    "notify.status.failed": Msg(pt="falhou", en="failed"),
    "notify.status.interrupted": Msg(pt="interrompida", en="interrupted"),
    "notify.status.succeeded": Msg(pt="concluída", en="succeeded"),
    "notify.status.running": Msg(pt="em andamento", en="running"),
    "notify.email.attachment": Msg(pt="erros.json", en="errors.json"),
    # Delivery: operator log lines and the errors recorded when a channel fails.
    "notify.delivery.failed": Msg(
        pt="notificação por {channel} falhou: {error}", en="notification via {channel} failed: {error}"
    ),
    "notify.webhook.delivered": Msg(
        pt="webhook {target}: entregue ({status})", en="webhook {target}: delivered ({status})"
    ),
    "notify.webhook.failed": Msg(pt="webhook {target}: {reason}", en="webhook {target}: {reason}"),
    "notify.webhook.no_url": Msg(
        pt="nenhuma URL de webhook configurada (PUBLISHER_NOTIFY_WEBHOOK_URL)",
        en="no webhook URL configured (PUBLISHER_NOTIFY_WEBHOOK_URL)",
    ),
    "notify.email.no_host": Msg(
        pt="nenhum servidor SMTP ou destinatário configurado (PUBLISHER_NOTIFY_SMTP_HOST, PUBLISHER_NOTIFY_EMAIL_TO)",
        en="no SMTP host or recipients configured (PUBLISHER_NOTIFY_SMTP_HOST, PUBLISHER_NOTIFY_EMAIL_TO)",
    ),
    "notify.email.failed": Msg(pt="smtp {host}:{port}: {reason}", en="smtp {host}:{port}: {reason}"),
    "notify.email.refused": Msg(
        pt="smtp {host}:{port}: destinatários recusados {recipients}",
        en="smtp {host}:{port}: recipients refused {recipients}",
    ),
    "notify.email.delivered": Msg(
        pt="e-mail para {n} destinatário(s) via {host}:{port}: entregue",
        en="e-mail to {n} recipient(s) via {host}:{port}: delivered",
    ),
    # notify.config: jobs/notify.toml and its variables.
    "notify.config.committed_password": Msg(
        pt="{path}: não guarde a senha SMTP no arquivo; use PUBLISHER_NOTIFY_SMTP_PASSWORD ou PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE",
        en="{path}: do not commit the SMTP password; use PUBLISHER_NOTIFY_SMTP_PASSWORD or PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE",
    ),
    "notify.config.invalid": Msg(
        pt="configuração de notificação inválida ({path}): {problems}. Corrija o arquivo ou a variável PUBLISHER_NOTIFY_* correspondente.",
        en="invalid notification settings ({path}): {problems}. Fix the file or the matching PUBLISHER_NOTIFY_* variable.",
    ),
}
