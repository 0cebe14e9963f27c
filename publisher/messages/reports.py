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
