"""Texts of the DCAT export that end up in the catalogue itself (written in every language,
each literal tagged with its own). Keys start with `dcat.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    "dcat.catalog.title": Msg(
        pt="Portal de Dados Abertos do Estado de Minas Gerais", en="Open Data Portal of the State of Minas Gerais"
    ),
    "dcat.catalog.description": Msg(
        pt="Conjuntos de dados abertos publicados pelos órgãos e entidades do Governo de Minas Gerais, "
        "com os arquivos para baixar e a descrição de cada coluna.",
        en="Open datasets published by the agencies of the Government of Minas Gerais, "
        "with the files to download and a description of each column.",
    ),
    "dcat.catalog.publisher": Msg(pt="Governo do Estado de Minas Gerais", en="Government of the State of Minas Gerais"),
}
