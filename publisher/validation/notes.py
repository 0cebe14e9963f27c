"""Portuguese for the English detail that frictionless, pydantic and Python attach to an error.

A message is ours and bilingual, but its `{note}` comes from the library that found the
problem. The notes a steward meets with a package (schema, field and resource descriptors,
the profile's types and limits, undecodable bytes, broken compressed files, files that
cannot be opened) are matched here by pattern and rendered in Portuguese with their quoted
parts kept; any other note stays as written. The tables are data, by language: English
needs none, the libraries already speak it.
"""

from __future__ import annotations

import re
from typing import Final

from publisher.messages import Lang

_PT: Final[list[tuple[re.Pattern[str], str]]] = [
    (re.compile(pattern), text)
    for pattern, text in [
        # frictionless: schema, field and resource descriptors
        (r"^names of the fields are not unique$", "há campos com o mesmo nome"),
        (r"^names of the resources are not unique$", "há recursos com o mesmo nome"),
        (
            r'^primary key "(?P<a>.*)" does not match the fields "(?P<b>.*)"$',
            "a chave primária {a} não está entre os campos {b}",
        ),
        (
            r'^foreign key "(?P<a>.*)" does not match the fields "(?P<b>.*)"$',
            "a chave estrangeira {a} não está entre os campos {b}",
        ),
        (
            r'^foreign key fields "(?P<a>.*)" does not match the reference fields "(?P<b>.*)"$',
            "os campos da chave estrangeira {a} não correspondem aos campos referenciados {b}",
        ),
        (r'^field type "(?P<a>.*)" is not supported$', 'o tipo de campo "{a}" não existe'),
        (
            r'^constraint "(?P<a>.*)" is not supported by type "(?P<b>.*)"$',
            'a restrição "{a}" não se aplica ao tipo "{b}"',
        ),
        (
            r'^failed to handle a foreign key for resource "(?P<a>.*)" as resource "(?P<b>.*)" does not exist$',
            'a chave estrangeira do recurso "{a}" aponta para o recurso "{b}", que não existe',
        ),
        (r'^profile "(?P<a>.*)" requires "(?P<b>.*)" to be present$', 'o perfil "{a}" exige a propriedade "{b}"'),
        (r'^license requires "path" or "name": (?P<a>.*)$', 'a licença precisa de "path" ou "name": {a}'),
        (r"^the same as in the row at position (?P<a>\d+)$", "igual à da linha {a}"),
        (r"^the source is empty$", "a origem está vazia"),
        # frictionless: JSON Schema checks of a descriptor, "<detail> at property '<path>'"
        (
            r"^(?P<a>.+) does not match (?P<b>'.*') at property '(?P<c>.*)'$",
            "{a} não segue o padrão {b} (propriedade '{c}')",
        ),
        (r"^(?P<a>'.+') is a required property at property '(?P<c>.*)'$", "falta a propriedade {a} (em '{c}')"),
        (r"^(?P<a>.+) is not of type (?P<b>.+) at property '(?P<c>.*)'$", "{a} não é do tipo {b} (propriedade '{c}')"),
        (
            r"^(?P<a>.+) is not one of (?P<b>.+) at property '(?P<c>.*)'$",
            "{a} não é um dos valores {b} (propriedade '{c}')",
        ),
        (r"^(?P<a>.+) is too short at property '(?P<c>.*)'$", "{a} é curto demais (propriedade '{c}')"),
        # pydantic: the profile's types and limits
        (r"^Field required$", "campo obrigatório"),
        (r"^Input should be a valid string$", "deveria ser um texto (entre aspas)"),
        (r"^Input should be a valid list$", "deveria ser uma lista (entre colchetes)"),
        (r"^Input should be a valid dictionary.*$", "deveria ser um objeto (entre chaves)"),
        (r"^Input should be a valid integer.*$", "deveria ser um número inteiro"),
        (r"^Input should be a valid number.*$", "deveria ser um número"),
        (r"^Input should be a valid boolean.*$", "deveria ser true ou false"),
        (r"^Input should be (?P<a>'.*)$", "deveria ser {a}"),
        (r"^Input should be greater than or equal to (?P<a>.+)$", "deveria ser maior ou igual a {a}"),
        (r"^Input should be greater than (?P<a>.+)$", "deveria ser maior que {a}"),
        (r"^Input should be less than or equal to (?P<a>.+)$", "deveria ser menor ou igual a {a}"),
        (r"^Input should be less than (?P<a>.+)$", "deveria ser menor que {a}"),
        (r"^String should have at least (?P<a>\d+) characters?$", "deveria ter ao menos {a} caractere(s)"),
        (r"^String should have at most (?P<a>\d+) characters?$", "deveria ter no máximo {a} caractere(s)"),
        (r"^String should match pattern (?P<a>.+)$", "deveria seguir o padrão {a}"),
        (
            r"^List should have at least (?P<a>\d+) items? after validation, not (?P<b>\d+)$",
            "a lista deveria ter ao menos {a} item(ns), mas tem {b}",
        ),
        (
            r"^List should have at most (?P<a>\d+) items? after validation, not (?P<b>\d+)$",
            "a lista deveria ter no máximo {a} item(ns), mas tem {b}",
        ),
        (r"^Extra inputs are not permitted$", "propriedade não prevista"),
        # Python: bytes that do not decode
        (
            r"^'(?P<a>[^']+)' codec can't decode byte (?P<b>0x[0-9a-fA-F]+) in position (?P<c>\d+): .*$",
            "o byte {b} na posição {c} não é {a} válido",
        ),
        (
            r"^'(?P<a>[^']+)' codec can't decode bytes in position (?P<c>\d+)-(?P<d>\d+): .*$",
            "os bytes das posições {c} a {d} não são {a} válido",
        ),
        (
            r"^'(?P<a>[^']+)' codec can't encode characters? (?P<b>.+) in position (?P<c>[\d-]+): .*$",
            "o caractere {b} (posição {c}) não pode ser escrito em {a}",
        ),
        (r"^unknown encoding: (?P<a>.*)$", "codificação desconhecida: {a}"),
        # Python: compressed files (gzip, zlib, zip, bz2, xz) that do not decompress
        (r"^Not a gzipped file \((?P<a>.*)\)$", "não é um arquivo gzip (começa com {a})"),
        (
            r"^Compressed file ended before the end-of-stream marker was reached$",
            "o arquivo compactado termina antes do fim (está incompleto)",
        ),
        (r"^CRC check failed (?P<a>\S+) != (?P<b>\S+)$", "o CRC não confere ({a} != {b}): o arquivo está corrompido"),
        (r"^Incorrect length of data produced$", "o tamanho dos dados descompactados não confere"),
        (r"^Error -?\d+ while decompressing data: (?P<a>.*)$", "erro ao descompactar os dados ({a})"),
        (r"^File is not a zip file$", "não é um arquivo zip"),
        (r"^Bad CRC-32 for file (?P<a>.*)$", "o CRC-32 do arquivo {a} não confere: o zip está corrompido"),
        (r"^Bad magic number for file header$", "cabeçalho inválido dentro do zip"),
        (r"^Truncated file header$", "cabeçalho truncado dentro do zip"),
        (r"^Invalid data stream$", "dados compactados inválidos"),
        (r"^Input format not supported by decoder$", "formato compactado não reconhecido"),
        (
            r"^Compressed data ended before the end-of-stream marker was reached$",
            "os dados compactados estão incompletos",
        ),
        # Python: files that cannot be opened or written ("[Errno 13] Permission denied: 'x'")
        (r"^\[Errno \d+\] No such file or directory(?P<a>: .*)?$", "arquivo ou pasta não encontrado{a}"),
        (r"^\[Errno \d+\] Permission denied(?P<a>: .*)?$", "permissão negada{a}"),
        (r"^\[Errno \d+\] Is a directory(?P<a>: .*)?$", "é uma pasta, não um arquivo{a}"),
        (r"^\[Errno \d+\] No space left on device(?P<a>: .*)?$", "não há espaço livre no disco{a}"),
        (r"^\[Errno \d+\] Read-only file system(?P<a>: .*)?$", "o sistema de arquivos é somente leitura{a}"),
    ]
]

_BY_LANG: Final[dict[Lang, list[tuple[re.Pattern[str], str]]]] = {"pt": _PT, "en": []}


def note_in(lang: Lang, note: str) -> str:
    """`note` in `lang`: translated when a pattern knows it, else as the library wrote it."""
    for pattern, text in _BY_LANG[lang]:
        found = pattern.match(note)
        if found:
            # Choices quoted by pydantic ("'a', 'b' or 'c'") keep their quotes and lose the "or";
            # an optional part that is absent (a path after an OS error) is left out.
            parts = {k: (v or "").replace("' or '", "' ou '") for k, v in found.groupdict().items()}
            return text.format(**parts)
    return note
