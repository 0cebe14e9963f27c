"""Messages of the CLI's shared words and the texts of its commands (options, summaries, tables). Keys start with `cli.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # cli.common: options and messages shared by every command.
    "cli.common.option.lang": Msg(
        pt="Idioma das mensagens: pt (padrão) ou en. Variável: PUBLISHER_LANG.",
        en="Message language: pt (default) or en. Variable: PUBLISHER_LANG.",
    ),
    "cli.common.option.json": Msg(pt="Saída JSON para máquinas.", en="JSON output for machines."),
    "cli.common.option.paths": Msg(
        pt="Pastas de pacotes (padrão: todos em datapackages/).",
        en="Package folders (default: all under datapackages/).",
    ),
    "cli.common.lang_invalid": Msg(
        pt="--lang deve ser pt ou en, não {value!r}", en="--lang must be pt or en, not {value!r}"
    ),
    "cli.common.unknown_process": Msg(pt="processo desconhecido", en="unknown process"),
    "cli.common.lock_held": Msg(
        pt="Outro executor já está rodando: {holder}. Lock: {lock}. Espere ele terminar e rode de novo.",
        en="Another runner is already running: {holder}. Lock: {lock}. Wait for it to finish and run again.",
    ),
}
