"""Messages of the run ledger (runs, events) as the operator reads it in status. Keys start with `ledger.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    "ledger.abandoned": Msg(
        pt="abandonada: o processo terminou sem fechá-la", en="abandoned: its process ended without closing it"
    ),
    "ledger.cannot_open": Msg(
        pt="O registro de execuções {path} não pode ser aberto: {reason}. Nada foi escrito no portal. "
        "Corrija ou mova o arquivo (ou aponte PUBLISHER_LEDGER_PATH para outro) e rode de novo.",
        en="The run ledger {path} cannot be opened: {reason}. Nothing was written to the portal. "
        "Fix or move the file (or point PUBLISHER_LEDGER_PATH elsewhere) and run again.",
    ),
}
