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

# Ledger first: why the ledger cannot be used, and a lost history said out loud.
MESSAGES.update(
    {
        "ledger.reason.disk-full": Msg(pt="o disco está cheio", en="the disk is full"),
        "ledger.reason.corrupt": Msg(
            pt="o arquivo está corrompido (não é um banco SQLite íntegro)",
            en="the file is corrupt (not an intact SQLite database)",
        ),
        "ledger.reason.read-only": Msg(
            pt="não há permissão de escrita no arquivo ou na pasta",
            en="the file or its folder cannot be written",
        ),
        "ledger.history-lost": Msg(
            pt="ATENÇÃO: o registro de execuções {path} existia antes (segundo {marker}) e sumiu ou foi "
            "esvaziado: o histórico anterior se perdeu e começa de novo agora. Se houver cópia, restaure-a.",
            en="WARNING: the run ledger {path} existed before (according to {marker}) and is gone or "
            "empty: the earlier history is lost and starts again now. Restore a copy if there is one.",
        ),
        "ledger.history-starts": Msg(
            pt="Histórico desde {since}: o registro anterior se perdeu (detectado em {lost}); "
            "execuções de antes não aparecem.",
            en="History since {since}: the earlier ledger was lost (noticed at {lost}); runs before it are not shown.",
        ),
    }
)
