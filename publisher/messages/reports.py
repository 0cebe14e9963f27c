"""Messages of the reports: the goal report's labels (run states, triggers). Keys start with `reports.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    "reports.run.running": Msg(pt="em andamento", en="running"),
    "reports.run.succeeded": Msg(pt="concluída", en="succeeded"),
    "reports.run.failed": Msg(pt="falhou", en="failed"),
    "reports.run.interrupted": Msg(pt="interrompida", en="interrupted"),
    "reports.trigger.schedule": Msg(pt="agendada", en="scheduled"),
    "reports.trigger.once": Msg(pt="execução única", en="run once"),
    "reports.trigger.cli": Msg(pt="linha de comando", en="command line"),
    "reports.time-format": Msg(pt="%d/%m/%Y %H:%M", en="%Y-%m-%d %H:%M"),
    "reports.time": Msg(pt="{time} ({zone})", en="{time} ({zone})"),
    # The [publication] table of goals.toml (the goal data package the goal-report job publishes).
    "reports.publication.missing": Msg(
        pt="{path}: falta a tabela [publication] (o pacote de dados da meta)",
        en="{path}: no [publication] table (the goal's data package)",
    ),
    "reports.publication.invalid": Msg(pt="{path}: [publication] {problems}", en="{path}: [publication] {problems}"),
}

# Late initiatives in the HTML goal report (deadline passed on the report's date, not concluded), and
# the plain-language labels of the goal data package published for citizens.
MESSAGES.update(
    {
        "reports.late.heading": Msg(pt="Iniciativas atrasadas", en="Late initiatives"),
        "reports.late.intro": Msg(
            pt="Iniciativas do plano de TIC com o prazo vencido em {date} e que não estão concluídas.",
            en="Initiatives of the ICT plan whose deadline had passed on {date} and that are not concluded.",
        ),
        "reports.late.none": Msg(pt="Nenhuma iniciativa atrasada.", en="No initiative is late."),
        "reports.late.without": Msg(
            pt="{count} das {total} iniciativas não têm prazo informado no relatório e ficam fora desta lista.",
            en="{count} of the {total} initiatives have no deadline in the report and are not in this list.",
        ),
        # Where the first-publication date came from, as the published goal package says it to citizens.
        "reports.goal-package.source.issued": Msg(
            pt="informada pelo órgão responsável", en="stated by the agency in charge"
        ),
        "reports.goal-package.source.ledger": Msg(
            pt="registrada pelo portal na primeira publicação", en="recorded by the portal at the first publication"
        ),
        "reports.goal-package.source.portal": Msg(pt="data de criação no portal", en="date of creation on the portal"),
        "reports.late.id": Msg(pt="Nº", en="No."),
        "reports.late.initiative": Msg(pt="Iniciativa", en="Initiative"),
        "reports.late.deadline": Msg(pt="Prazo", en="Deadline"),
        "reports.late.status": Msg(pt="Situação", en="Status"),
        "reports.late.days": Msg(pt="Dias de atraso", en="Days late"),
    }
)
