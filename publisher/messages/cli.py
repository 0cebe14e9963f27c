"""Messages of the CLI's shared words and the texts of its commands (options, summaries, tables). Keys start with `cli.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {}

# `publisher validate`.
MESSAGES.update(
    {
        "cli.validate.severity.error": Msg(pt="erro", en="error"),
        "cli.validate.severity.warning": Msg(pt="aviso", en="warning"),
        "cli.validate.severity.todo": Msg(pt="a preencher", en="todo"),
        "cli.validate.valid": Msg(pt="✔ válido", en="✔ valid"),
        "cli.validate.invalid": Msg(pt="✘ inválido", en="✘ invalid"),
        "cli.validate.summary": Msg(
            pt="{total} pacote(s) verificado(s): {valid} válido(s), {invalid} inválido(s); "
            "{errors} erro(s), {warnings} aviso(s).",
            en="{total} package(s) checked: {valid} valid, {invalid} invalid; "
            "{errors} error(s), {warnings} warning(s).",
        ),
        "cli.validate.path-missing": Msg(pt="{paths}: não existe", en="{paths}: does not exist"),
        "cli.validate.no-package": Msg(pt="Nenhum pacote encontrado em {where}.", en="No package found in {where}."),
        "cli.validate.progress": Msg(pt="validando", en="validating"),
    }
)

# `publisher new`.
MESSAGES.update(
    {
        "cli.new.error.invalid-name": Msg(
            pt="Nome inválido; use minúsculas sem acento, números e '-', por exemplo: {detail}",
            en="Invalid name; use lowercase letters without accents, digits and '-', for example: {detail}",
        ),
        "cli.new.error.invalid-org": Msg(
            pt="Organização inválida; use o identificador do portal, por exemplo: {detail}",
            en="Invalid organization; use the portal's id, for example: {detail}",
        ),
        "cli.new.error.csv-missing": Msg(pt="Arquivo CSV não encontrado: {detail}", en="CSV file not found: {detail}"),
        "cli.new.error.csv-empty": Msg(
            pt="O CSV não tem cabeçalho e linhas de dados: {detail}", en="The CSV has no header and data rows: {detail}"
        ),
        "cli.new.error.exists": Msg(
            pt="A pasta já existe: {detail} (escolha outro nome ou apague-a)",
            en="The folder already exists: {detail} (choose another name or delete it)",
        ),
        "cli.new.created": Msg(pt="Pacote criado em {path}", en="Package created at {path}"),
        "cli.new.inferred": Msg(
            pt="(codificação {encoding}, separador '{delimiter}', {columns} colunas).",
            en="(encoding {encoding}, delimiter '{delimiter}', {columns} columns).",
        ),
        "cli.new.todos-left": Msg(pt="Falta preencher {count} item(ns):", en="{count} item(s) left to fill in:"),
    }
)
