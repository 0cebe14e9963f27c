"""Messages of settings and configuration files (environment variables, jobs/*.toml): what is wrong and which variable fixes it. Keys start with `settings.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    "settings.invalid": Msg(
        pt="Configuração inválida em {variable}: {reason}. Corrija o valor (veja a seção Settings do README).",
        en="Invalid setting {variable}: {reason}. Fix the value (see the README's Settings section).",
    ),
    "settings.value.not_integer": Msg(pt="{value} não é um número inteiro", en="{value} is not a whole number"),
    "settings.value.not_number": Msg(pt="{value} não é um número", en="{value} is not a number"),
    "settings.value.not_flag": Msg(
        pt="{value} não é sim ou não (use true ou false)", en="{value} is not yes or no (use true or false)"
    ),
    "settings.value.not_one_of": Msg(
        pt="{value} não é um valor aceito (aceitos: {expected})", en="{value} is not an accepted value ({expected})"
    ),
    "settings.value.too_small": Msg(
        pt="{value} é pequeno demais (mínimo {limit})", en="{value} is too small (minimum {limit})"
    ),
    "settings.value.not_above": Msg(
        pt="{value} deveria ser maior que {limit}", en="{value} should be greater than {limit}"
    ),
    "settings.value.too_large": Msg(
        pt="{value} é grande demais (máximo {limit})", en="{value} is too large (maximum {limit})"
    ),
    "settings.value.missing": Msg(pt="falta um valor obrigatório", en="a required value is missing"),
    "settings.value.not_text": Msg(pt="{value} deveria ser um texto", en="{value} should be text"),
    "settings.value.not_list": Msg(pt="{value} deveria ser uma lista", en="{value} should be a list"),
    "settings.value.too_few": Msg(
        pt="a lista precisa de ao menos {limit} item(ns)", en="the list needs at least {limit} item(s)"
    ),
    "settings.value.invalid": Msg(pt="{value} não é um valor válido", en="{value} is not a valid value"),
    "settings.timezone.unknown": Msg(
        pt="fuso horário desconhecido {value!r} (use um nome IANA, como America/Sao_Paulo)",
        en="unknown time zone {value!r} (use an IANA name such as America/Sao_Paulo)",
    ),
    "settings.file.unreadable": Msg(
        pt="Não foi possível ler {variable} ({path}): {reason}. Corrija o caminho em {variable} ou a permissão do arquivo.",
        en="Cannot read {variable} ({path}): {reason}. Fix the path in {variable} or the file's permissions.",
    ),
    "settings.toml.unreadable": Msg(pt="não foi possível ler {path}: {reason}", en="cannot read {path}: {reason}"),
    "settings.toml.syntax": Msg(
        pt="{path} não é TOML válido (linha {line}, coluna {column}): corrija a sintaxe (formato em jobs/README.md)",
        en="{path} is not valid TOML (line {line}, column {column}): fix the syntax (format in jobs/README.md)",
    ),
    "settings.file.missing": Msg(pt="o arquivo não existe", en="the file does not exist"),
    "settings.file.denied": Msg(pt="sem permissão de leitura", en="no permission to read it"),
    "settings.file.is_dir": Msg(pt="é uma pasta, não um arquivo", en="it is a folder, not a file"),
    "settings.file.other": Msg(pt="erro do sistema {code}", en="system error {code}"),
}

# Ownership and tokens: a token file others can read (like ssh with a private key).
MESSAGES.update(
    {
        "settings.token_file.open": Msg(
            pt="Atenção: o arquivo do token {path} pode ser lido por outros usuários desta máquina (permissões "
            "{mode}). Restrinja-o com chmod 600 {path}.",
            en="Warning: the token file {path} can be read by other users of this machine (permissions {mode}). "
            "Restrict it with chmod 600 {path}.",
        ),
        "settings.token_file.refused": Msg(
            pt="O arquivo do token {path} pode ser lido por outros usuários desta máquina (permissões {mode}) e "
            "--strict (ou PUBLISHER_TOKEN_FILE_STRICT=true) o recusa. Restrinja-o com chmod 600 {path}.",
            en="The token file {path} can be read by other users of this machine (permissions {mode}) and "
            "--strict (or PUBLISHER_TOKEN_FILE_STRICT=true) refuses it. Restrict it with chmod 600 {path}.",
        ),
    }
)
