"""Messages of the new-datasets goal: labels, reasons, projections. Keys start with `goals.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # where a first-publication date came from
    "goals.source.issued": Msg(pt="descritor (issued)", en="descriptor (issued)"),
    "goals.source.ledger": Msg(pt="registro de execuções", en="run ledger"),
    "goals.source.portal": Msg(pt="portal (metadata_created)", en="portal (metadata_created)"),
    # why an in-scope dataset is not counted
    "goals.reason.outside-period": Msg(
        pt="primeira publicação fora do período", en="first published outside the period"
    ),
    "goals.reason.after-as-of": Msg(
        pt="publicado depois da data de referência", en="published after the reference date"
    ),
    "goals.reason.not-published": Msg(pt="ainda não publicado no portal", en="not yet published on the portal"),
    "goals.reason.private": Msg(pt="privado no portal", en="private on the portal"),
    "goals.reason.retired": Msg(pt="retirado", en="retired"),
    # goals.toml problems
    "goals.error.unknown-goal": Msg(
        pt="não há meta com id {goal!r}; metas conhecidas: {known}", en="no goal with id {goal!r}; known: {known}"
    ),
    "goals.error.invalid": Msg(pt="{path}: {detail}", en="{path}: {detail}"),
    "goals.error.period": Msg(
        pt="meta {goal}: o fim {end} é anterior ao início {start}", en="goal {goal}: end {end} is before start {start}"
    ),
    # Operator log lines while the facts are gathered.
    "goals.log.unreadable-descriptor": Msg(
        pt="{package} fica de fora: datapackage.json ilegível ({error})",
        en="skipping {package}: unreadable descriptor ({error})",
    ),
    "goals.log.portal-not-consulted": Msg(pt="portal não consultado: {reason}", en="portal not consulted: {reason}"),
}

# Late initiatives (deadline passed, not concluded): the initiatives table named in goals.toml.
MESSAGES.update(
    {
        "goals.initiatives.package-missing": Msg(
            pt="As iniciativas não foram lidas: o pacote {package} (de [initiatives] em goals.toml) não está no catálogo.",
            en="Initiatives not read: package {package} (from [initiatives] in goals.toml) is not in the catalogue.",
        ),
        "goals.initiatives.table-unreadable": Msg(
            pt="As iniciativas não foram lidas: a tabela {resource} do pacote {package} não pôde ser lida ({detail}); "
            "veja com publisher validate.",
            en="Initiatives not read: table {resource} of package {package} could not be read ({detail}); "
            "see with publisher validate.",
        ),
    }
)
