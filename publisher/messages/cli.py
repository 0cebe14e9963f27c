"""Messages of the CLI's shared words and the texts of its commands (options, summaries, tables). Keys start with `cli.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

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

MESSAGES: Final[dict[str, Msg]] = {**_PUBLISH}
