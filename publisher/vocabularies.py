"""The EU vocabularies DCAT-AP asks for, from the profile's own words.

DCAT-AP (what dados.gov.br and the European data portal harvest) names a dataset's update
frequency and themes by URI from the EU's authority tables; the state's packages say
`"frequência de atualização": "mensal"` and name VCGE themes ("Saúde"). These tables turn the
one into the other; a theme with no close EU theme is left out of DCAT rather than guessed.
"""

from __future__ import annotations

from typing import Final

from publisher.profile import plain_words

FREQUENCY_BASE: Final = "http://publications.europa.eu/resource/authority/frequency/"
THEME_BASE: Final = "http://publications.europa.eu/resource/authority/data-theme/"
LANGUAGE_PT: Final = "http://publications.europa.eu/resource/authority/language/POR"

# The profile's frequency vocabulary (profile.FREQUENCIES) -> EU frequency authority codes.
FREQUENCY_EU: Final[dict[str, str]] = {
    "diária": "DAILY",
    "semanal": "WEEKLY",
    "quinzenal": "BIWEEKLY",
    "mensal": "MONTHLY",
    "bimestral": "BIMONTHLY",
    "trimestral": "QUARTERLY",
    "anual": "ANNUAL",
    "por evento": "IRREG",
}

# VCGE themes (the federal government's controlled vocabulary, folded) -> EU data themes.
THEME_EU: Final[dict[str, str]] = {
    "abastecimento": "AGRI",
    "administracao": "GOVE",
    "agropecuaria, pesca e extrativismo": "AGRI",
    "ciencia, informacao e comunicacao": "TECH",
    "comercio, servicos e turismo": "ECON",
    "cultura, lazer e esporte": "EDUC",
    "esporte e lazer": "EDUC",
    "cultura": "EDUC",
    "defesa e seguranca": "JUST",
    "economia e financas": "ECON",
    "educacao": "EDUC",
    "energia": "ENER",
    "equipamentos publicos": "GOVE",
    "governo e politica": "GOVE",
    "habitacao, saneamento e urbanismo": "REGI",
    "urbanismo": "REGI",
    "industria": "ECON",
    "justica e legislacao": "JUST",
    "meio ambiente": "ENVI",
    "pessoa, familia e sociedade": "SOCI",
    "relacoes internacionais": "INTR",
    "saude": "HEAL",
    "trabalho": "SOCI",
    "transportes e transito": "TRAN",
}


def frequency_uri(frequency: str) -> str | None:
    code = FREQUENCY_EU.get(frequency.strip().lower())
    return FREQUENCY_BASE + code if code else None


def theme_uris(themes: list[str]) -> list[str]:
    """EU data-theme URIs for VCGE themes, sorted and without repeats (two VCGE themes may share one)."""
    return sorted({THEME_BASE + code for t in themes if (code := THEME_EU.get(plain_words(t)))})
