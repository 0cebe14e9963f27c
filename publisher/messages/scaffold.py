"""Messages of `publisher new`: the package skeleton and its TODOs. Keys start with `scaffold.`.

Every TODO starts with "TODO:" in both languages: that marker is what validation reports.
"""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    "scaffold.todo.title": Msg(pt="TODO: título do conjunto de dados", en="TODO: the dataset's title"),
    "scaffold.todo.description": Msg(
        pt='TODO: descreva o conjunto de dados e inclua as seções "## {first}" e "## {second}".',
        en='TODO: describe the dataset and include the sections "## {first}" and "## {second}".',
    ),
    "scaffold.todo.homepage": Msg(
        pt="TODO: endereço (https://...) da página do órgão de origem dos dados",
        en="TODO: address (https://...) of the page of the agency the data comes from",
    ),
    "scaffold.todo.owner-org": Msg(
        pt="TODO: identificador da organização no portal (ex.: seplag)",
        en="TODO: the organization's id on the portal (e.g. seplag)",
    ),
    "scaffold.todo.publisher-title": Msg(
        pt="TODO: nome do órgão ou equipe que publica", en="TODO: name of the publishing agency or team"
    ),
    "scaffold.todo.publisher-email": Msg(pt="TODO: e-mail de contato", en="TODO: contact e-mail"),
    "scaffold.todo.keywords": Msg(pt="TODO: palavras-chave", en="TODO: keywords"),
    "scaffold.todo.frequency": Msg(
        pt="TODO: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual ou por evento",
        en="TODO: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual or por evento",
    ),
    "scaffold.todo.resource-title": Msg(pt="TODO: título do arquivo", en="TODO: the file's title"),
    "scaffold.todo.resource-description": Msg(
        pt="TODO: o que cada linha do arquivo representa e como os dados são coletados.",
        en="TODO: what each row of the file stands for and how the data is collected.",
    ),
    "scaffold.todo.field-description": Msg(
        pt='TODO: descreva a coluna "{field}" (significado, unidade, origem).',
        en='TODO: describe the column "{field}" (meaning, unit, source).',
    ),
    "scaffold.todo.readme-intro": Msg(
        pt="TODO: o que são estes dados, de onde vêm e para que servem.",
        en="TODO: what this data is, where it comes from and what it is for.",
    ),
    "scaffold.todo.readme-participation": Msg(
        pt="TODO: como o cidadão pode enviar dúvidas, correções e sugestões.",
        en="TODO: how citizens can send questions, corrections and suggestions.",
    ),
}

# `publisher adopt`: what only a person can answer in a package an agency already publishes.
MESSAGES.update(
    {
        "scaffold.adopt.todo.licenses": Msg(
            pt="TODO: licença dos dados (ex.: CC-BY-4.0, a do portal), com name, title e path",
            en="TODO: the data's license (e.g. CC-BY-4.0, the portal's), with name, title and path",
        ),
        "scaffold.adopt.todo.field-title": Msg(
            pt='TODO: título da coluna "{field}" para o cidadão.',
            en='TODO: a title for the column "{field}" that citizens understand.',
        ),
    }
)

# Dataset pages for people: the README's section for stewards, which the portal never shows.
MESSAGES.update(
    {
        "scaffold.readme.steward": Msg(
            pt=(
                "Esta seção fica só no repositório: o `publisher` não a publica no portal. Escreva aqui o que só "
                "quem mantém o pacote precisa saber (como atualizar os arquivos, a quem perguntar); um trecho de "
                "outra seção também fica fora do portal entre `<!-- mantenedores -->` e `<!-- /mantenedores -->`. "
                "Para conferir o pacote antes de publicar:"
            ),
            en=(
                "This section stays in the repository: `publisher` never publishes it on the portal. Write here "
                "what only the package's stewards need (how to update the files, whom to ask); a passage of "
                "another section also stays off the portal between `<!-- mantenedores -->` and "
                "`<!-- /mantenedores -->`. To check the package before publishing:"
            ),
        ),
    }
)
