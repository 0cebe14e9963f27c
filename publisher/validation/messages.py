"""Error messages and hints in Portuguese (default) and English, by error code.

Every frictionless error type a CSV can raise has its own entry, so a steward never
sees frictionless' English text alone (it is kept as `note`, appended for detail, and put
into Portuguese by `notes.note_in` when its pattern is known).
Placeholders: {file} {resource} {row} {field} {value} {note} and code-specific ones;
a placeholder with no value renders as "?" rather than failing.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from publisher.settings import Lang
from publisher.validation.notes import note_in


@dataclass(frozen=True)
class Text:
    pt: str
    en: str
    hint_pt: str
    hint_en: str


_CELL_PT = 'Arquivo {file}, recurso "{resource}", linha {row}, campo "{field}": '
_CELL_EN = 'File {file}, resource "{resource}", row {row}, field "{field}": '
_ROW_PT = 'Arquivo {file}, recurso "{resource}", linha {row}: '
_ROW_EN = 'File {file}, resource "{resource}", row {row}: '
_HEAD_PT = 'Arquivo {file}, recurso "{resource}", cabeçalho, coluna {column}: '
_HEAD_EN = 'File {file}, resource "{resource}", header, column {column}: '
_FILE_PT = 'Arquivo {file}, recurso "{resource}": '
_FILE_EN = 'File {file}, resource "{resource}": '
_DESC_PT = "{file}, propriedade {field}: "
_DESC_EN = "{file}, property {field}: "

MESSAGES: Final[dict[str, Text]] = {
    # --- the descriptor itself -------------------------------------------------------------
    "descriptor-missing": Text(
        "{file}: não existe. Cada pacote precisa de um datapackage.json na sua pasta.",
        "{file}: does not exist. Every package needs a datapackage.json in its folder.",
        "Crie o pacote com `publisher new NOME --from ARQUIVO.csv` ou adicione o datapackage.json.",
        "Scaffold it with `publisher new NAME --from FILE.csv` or add the datapackage.json.",
    ),
    "descriptor-unreadable": Text(
        "{file}: não foi possível ler o arquivo: {note}",
        "{file}: the file could not be read: {note}",
        "Salve o datapackage.json em UTF-8 e confira as permissões do arquivo.",
        "Save datapackage.json as UTF-8 and check the file's permissions.",
    ),
    "json-syntax": Text(
        "{file}: JSON inválido na linha {line}, coluna {column}: {note}.",
        "{file}: invalid JSON at line {line}, column {column}: {note}.",
        "Corrija a sintaxe nesse ponto (vírgula sobrando ou faltando, aspas, chaves ou colchetes); um editor com validação de JSON ajuda.",
        "Fix the syntax there (a missing or extra comma, quotes, braces or brackets); an editor that checks JSON helps.",
    ),
    "json-not-object": Text(
        "{file}: o conteúdo deve ser um objeto JSON ({{...}}), mas é {value}.",
        "{file}: the content must be a JSON object ({{...}}), but it is {value}.",
        "Envolva as propriedades do pacote em um único objeto {{ }}.",
        "Wrap the package's properties in a single {{ }} object.",
    ),
    # --- the portal's metadata profile ------------------------------------------------------
    "profile-missing": Text(
        _DESC_PT + "campo obrigatório ausente no perfil do portal.",
        _DESC_EN + "required by the portal's profile but missing.",
        "Adicione {field} ao datapackage.json. {detail}",
        "Add {field} to datapackage.json. {detail}",
    ),
    "profile-empty": Text(
        _DESC_PT + "está vazio.",
        _DESC_EN + "is empty.",
        "Preencha o valor; o portal exige esse campo.",
        "Fill in the value; the portal requires this field.",
    ),
    "profile-type": Text(
        _DESC_PT + "o valor {value} tem o tipo errado: {note}.",
        _DESC_EN + "the value {value} has the wrong type: {note}.",
        "Use o tipo esperado (texto entre aspas, lista entre colchetes, objeto entre chaves).",
        "Use the expected type (text in quotes, a list in brackets, an object in braces).",
    ),
    "profile-name": Text(
        _DESC_PT + "o nome {value} não é válido para o portal.",
        _DESC_EN + "the name {value} is not valid on the portal.",
        'Use de 2 a 100 caracteres: letras minúsculas sem acento, números, "-" e "_" (por exemplo "{suggestion}").',
        'Use 2 to 100 characters: lowercase letters without accents, digits, "-" and "_" (for example "{suggestion}").',
    ),
    "profile-name-mismatch": Text(
        _DESC_PT + 'o nome {value} difere do nome da pasta "{folder}".',
        _DESC_EN + 'the name {value} differs from the folder name "{folder}".',
        "Renomeie a pasta ou o pacote para que sejam iguais.",
        "Rename the folder or the package so that they match.",
    ),
    "profile-frequency": Text(
        _DESC_PT + "a frequência de atualização {value} não está no vocabulário do portal.",
        _DESC_EN + "the update frequency {value} is not in the portal's vocabulary.",
        "Use uma destas: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual, por evento.",
        "Use one of: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual, por evento.",
    ),
    "profile-publisher-missing": Text(
        _DESC_PT + 'nenhum colaborador tem o papel "publisher".',
        _DESC_EN + 'no contributor has the role "publisher".',
        'Adicione em "contributors" um item com "title", "email" e "role": "publisher" (o órgão que publica).',
        'Add to "contributors" an item with "title", "email" and "role": "publisher" (the publishing agency).',
    ),
    "profile-license": Text(
        _DESC_PT + "a licença {value} não corresponde a nenhuma licença do portal.",
        _DESC_EN + "the license {value} matches no license known to the portal.",
        "Use um identificador como CC-BY-4.0, CC0-1.0 ou ODbL-1.0.",
        "Use an id such as CC-BY-4.0, CC0-1.0 or ODbL-1.0.",
    ),
    "profile-version": Text(
        _DESC_PT + "a versão {value} não segue o versionamento semântico.",
        _DESC_EN + "the version {value} is not a semantic version.",
        'Use o formato MAIOR.MENOR.CORREÇÃO, por exemplo "1.0.0", e registre-a no CHANGELOG.md.',
        'Use MAJOR.MINOR.PATCH, for example "1.0.0", and record it in CHANGELOG.md.',
    ),
    "profile-url": Text(
        _DESC_PT + "{value} não é um endereço http(s) válido.",
        _DESC_EN + "{value} is not a valid http(s) address.",
        "Informe o endereço completo, começando por https://.",
        "Give the full address, starting with https://.",
    ),
    "profile-email": Text(
        _DESC_PT + "{value} não é um e-mail válido.",
        _DESC_EN + "{value} is not a valid e-mail address.",
        "Informe um e-mail institucional, como dados@orgao.mg.gov.br.",
        "Give an institutional e-mail, such as dados@orgao.mg.gov.br.",
    ),
    "profile-date": Text(
        _DESC_PT + "{value} não é uma data no formato AAAA-MM-DD (ou AAAA-MM).",
        _DESC_EN + "{value} is not a date as YYYY-MM-DD (or YYYY-MM).",
        "Escreva a data como 2022-04-15 ou 2022-04.",
        "Write the date as 2022-04-15 or 2022-04.",
    ),
    "profile-field-type": Text(
        _DESC_PT + "o tipo de campo {value} não existe na Table Schema.",
        _DESC_EN + "the field type {value} does not exist in Table Schema.",
        "Use string, number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array ou any.",
        "Use string, number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array or any.",
    ),
    "profile-invalid": Text(
        _DESC_PT + "valor {value} inválido: {note}.",
        _DESC_EN + "invalid value {value}: {note}.",
        "Corrija o valor conforme o perfil de metadados do portal (schemas/datapackage-profile.schema.json).",
        "Fix the value as the portal's metadata profile says (schemas/datapackage-profile.schema.json).",
    ),
    "profile-duplicate-resource": Text(
        _DESC_PT + "há mais de um recurso chamado {value}.",
        _DESC_EN + "more than one resource is named {value}.",
        "Dê a cada recurso um nome único: o portal identifica os arquivos pelo nome.",
        "Give each resource a unique name: the portal identifies files by name.",
    ),
    "profile-duplicate-field": Text(
        _DESC_PT + 'o campo {value} aparece mais de uma vez no esquema do recurso "{resource}".',
        _DESC_EN + 'the field {value} appears more than once in the schema of resource "{resource}".',
        "Cada coluna precisa de um nome único; renomeie uma delas no esquema e no cabeçalho do CSV.",
        "Each column needs a unique name; rename one of them in the schema and the CSV header.",
    ),
    "profile-description-section": Text(
        _DESC_PT + 'a descrição não tem a seção "{section}" recomendada pelo manual do portal.',
        _DESC_EN + 'the description lacks the "{section}" section that the portal\'s manual recommends.',
        'Acrescente um título "## {section}" à descrição com o conteúdo correspondente.',
        'Add a "## {section}" heading to the description with its content.',
    ),
    "changelog-missing": Text(
        "{file}: não existe; o perfil pede um CHANGELOG com cada versão.",
        "{file}: does not exist; the profile asks for a CHANGELOG with every version.",
        'Crie CHANGELOG.md com uma seção "## {version}" descrevendo as mudanças.',
        'Create CHANGELOG.md with a "## {version}" section describing the changes.',
    ),
    "changelog-version": Text(
        "{file}: não registra a versão {value} declarada no datapackage.json.",
        "{file}: does not record version {value} declared in datapackage.json.",
        'Acrescente uma seção "## {version}" ao CHANGELOG.md.',
        'Add a "## {version}" section to CHANGELOG.md.',
    ),
    "todo": Text(
        _DESC_PT + "ainda a preencher: {value}.",
        _DESC_EN + "still to be filled in: {value}.",
        "Substitua o texto TODO pelo valor real; só uma pessoa do órgão pode informá-lo.",
        "Replace the TODO text with the real value; only someone at the agency can provide it.",
    ),
    # --- safety of paths and files ----------------------------------------------------------
    "path-absolute": Text(
        _DESC_PT + 'o caminho {value} do recurso "{resource}" é absoluto.',
        _DESC_EN + 'the path {value} of resource "{resource}" is absolute.',
        'Use um caminho relativo à pasta do pacote, como "data/arquivo.csv".',
        'Use a path relative to the package folder, such as "data/file.csv".',
    ),
    "path-traversal": Text(
        _DESC_PT + 'o caminho {value} do recurso "{resource}" sai da pasta do pacote.',
        _DESC_EN + 'the path {value} of resource "{resource}" leaves the package folder.',
        'Copie o arquivo para dentro da pasta do pacote (em "data/") e aponte para ele sem "..".',
        'Copy the file into the package folder (under "data/") and point at it without "..".',
    ),
    "path-remote": Text(
        _DESC_PT + 'o recurso "{resource}" aponta para um endereço remoto {value}.',
        _DESC_EN + 'resource "{resource}" points at a remote address {value}.',
        'Baixe o arquivo para "data/" e use o caminho local; dados remotos não são publicados.',
        'Download the file into "data/" and use the local path; remote data is not published.',
    ),
    "path-missing": Text(
        _DESC_PT + 'o arquivo {value} do recurso "{resource}" não existe.',
        _DESC_EN + 'the file {value} of resource "{resource}" does not exist.',
        "Confira o nome e a pasta do arquivo (maiúsculas e minúsculas contam) ou corrija o caminho.",
        "Check the file's name and folder (case matters) or fix the path.",
    ),
    "path-invalid": Text(
        _DESC_PT + 'o recurso "{resource}" precisa de um único caminho de arquivo (texto), mas tem {value}.',
        _DESC_EN + 'resource "{resource}" needs a single file path (text), but has {value}.',
        'Informe o caminho como texto, por exemplo "data/arquivo.csv".',
        'Give the path as text, for example "data/file.csv".',
    ),
    "file-too-large": Text(
        _FILE_PT + "tem {value} bytes, acima do limite de {limit} bytes.",
        _FILE_EN + "has {value} bytes, over the limit of {limit} bytes.",
        "Divida o arquivo (por ano ou região) ou comprima-o; peça ao operador se o limite do portal deve mudar.",
        "Split the file (by year or region) or compress it; ask the operator whether the portal's limit should change.",
    ),
    "file-empty": Text(
        _FILE_PT + "está vazio (0 bytes).",
        _FILE_EN + "is empty (0 bytes).",
        "Exporte os dados novamente; o arquivo precisa ao menos do cabeçalho e de uma linha.",
        "Export the data again; the file needs at least a header and one row.",
    ),
    "encoding-mismatch": Text(
        _FILE_PT + "declarado como {declared}, mas o byte {value} na linha {row} não é {declared} válido.",
        _FILE_EN + "declared as {declared}, but byte {value} on row {row} is not valid {declared}.",
        'Salve o arquivo em UTF-8 ou declare a codificação real (por exemplo "encoding": "windows-1252").',
        'Save the file as UTF-8 or declare its real encoding (for example "encoding": "windows-1252").',
    ),
    "encoding-looks-utf8": Text(
        _FILE_PT + "o arquivo está em UTF-8, mas o recurso declara {declared}: os acentos sairiam trocados no portal "
        '(na linha {row}, {value} viraria "{garbled}").',
        _FILE_EN + "the file is UTF-8, but the resource declares {declared}: accents would come out garbled on the "
        'portal (on row {row}, {value} would read "{garbled}").',
        'Declare "encoding": "utf-8" no recurso (ou "utf-8-sig" se o arquivo começa com BOM).',
        'Declare "encoding": "utf-8" on the resource (or "utf-8-sig" if the file starts with a BOM).',
    ),
    "encoding-unknown": Text(
        _FILE_PT + "a codificação declarada {value} não existe.",
        _FILE_EN + "the declared encoding {value} does not exist.",
        'Use "utf-8", "utf-8-sig" ou "windows-1252".',
        'Use "utf-8", "utf-8-sig" or "windows-1252".',
    ),
    # --- frictionless: cells ----------------------------------------------------------------
    "type-error": Text(
        _CELL_PT + "o valor {value} não é do tipo {expected}.",
        _CELL_EN + "the value {value} is not of type {expected}.",
        "{fix}",  # read from the cell: see type_hints.py
        "{fix}",
    ),
    "constraint-error": Text(
        _CELL_PT + "o valor {value} não atende à restrição {constraint}.",
        _CELL_EN + "the value {value} breaks the constraint {constraint}.",
        "Corrija o valor na planilha; {allowed}",
        "Fix the value in the file; {allowed}",
    ),
    "unique-error": Text(
        _CELL_PT + "o valor {value} se repete, mas o campo deve ser único.",
        _CELL_EN + "the value {value} repeats, but the field must be unique.",
        "Remova a linha duplicada ou corrija o valor repetido.",
        "Remove the duplicated row or fix the repeated value.",
    ),
    "missing-cell": Text(
        _CELL_PT + "a linha tem menos colunas que o cabeçalho; falta este valor.",
        _CELL_EN + "the row has fewer columns than the header; this value is missing.",
        "Complete a linha com todos os valores (use o delimitador correto entre eles).",
        "Complete the row with every value (with the right delimiter between them).",
    ),
    "extra-cell": Text(
        _ROW_PT + "a linha tem um valor a mais ({value}) na coluna {column}, além do cabeçalho.",
        _ROW_EN + "the row has an extra value ({value}) at column {column}, beyond the header.",
        "Remova o valor extra ou coloque entre aspas o texto que contém o delimitador.",
        "Remove the extra value or quote the text that contains the delimiter.",
    ),
    "truncated-value": Text(
        _CELL_PT + "o valor {value} parece cortado (truncado).",
        _CELL_EN + "the value {value} looks cut short (truncated).",
        "Exporte os dados de novo sem limite de tamanho de célula.",
        "Export the data again without a cell size limit.",
    ),
    "forbidden-value": Text(
        _CELL_PT + "o valor {value} é proibido: {note}.",
        _CELL_EN + "the value {value} is forbidden: {note}.",
        "Substitua o valor por um permitido.",
        "Replace the value with an allowed one.",
    ),
    "sequential-value": Text(
        _CELL_PT + "o valor {value} quebra a sequência esperada.",
        _CELL_EN + "the value {value} breaks the expected sequence.",
        "Corrija a numeração para que seja sequencial.",
        "Fix the numbering so that it is sequential.",
    ),
    "ascii-value": Text(
        _CELL_PT + "o valor {value} tem caracteres fora do ASCII.",
        _CELL_EN + "the value {value} has non-ASCII characters.",
        "Remova acentos e símbolos desse campo.",
        "Remove accents and symbols from this field.",
    ),
    "cell-error": Text(
        _CELL_PT + "valor {value} inválido: {note}.",
        _CELL_EN + "invalid value {value}: {note}.",
        "Corrija o valor na planilha.",
        "Fix the value in the file.",
    ),
    # --- frictionless: rows -----------------------------------------------------------------
    "blank-row": Text(
        _ROW_PT + "a linha está completamente em branco.",
        _ROW_EN + "the row is completely blank.",
        "Apague a linha vazia.",
        "Delete the blank row.",
    ),
    "primary-key": Text(
        _ROW_PT + "a chave primária ({field}) repete outra linha ou está vazia: {value}.",
        _ROW_EN + "the primary key ({field}) repeats another row or is empty: {value}.",
        "Cada linha precisa de uma chave única e preenchida; corrija ou remova a duplicata.",
        "Each row needs a unique, filled-in key; fix or remove the duplicate.",
    ),
    "foreign-key": Text(
        _ROW_PT + "o valor {value} em {field} não existe na tabela referenciada.",
        _ROW_EN + "the value {value} in {field} does not exist in the referenced table.",
        "Corrija o código ou acrescente-o à tabela referenciada.",
        "Fix the code or add it to the referenced table.",
    ),
    "duplicate-row": Text(
        _ROW_PT + "a linha é idêntica a outra: {note}.",
        _ROW_EN + "the row is identical to another: {note}.",
        "Remova a linha duplicada.",
        "Remove the duplicated row.",
    ),
    "row-constraint": Text(
        _ROW_PT + "a linha não atende à regra: {note}.",
        _ROW_EN + "the row breaks the rule: {note}.",
        "Corrija os valores da linha.",
        "Fix the row's values.",
    ),
    "row-error": Text(
        _ROW_PT + "erro na linha: {note}.",
        _ROW_EN + "row error: {note}.",
        "Corrija a linha.",
        "Fix the row.",
    ),
    # --- frictionless: header ---------------------------------------------------------------
    "blank-header": Text(
        _FILE_PT + "o cabeçalho está em branco.",
        _FILE_EN + "the header is blank.",
        "A primeira linha deve trazer os nomes das colunas.",
        "The first row must hold the column names.",
    ),
    "blank-label": Text(
        _HEAD_PT + "o nome da coluna está em branco.",
        _HEAD_EN + "the column name is blank.",
        'Dê nome à coluna; o esquema espera "{field}".',
        'Name the column; the schema expects "{field}".',
    ),
    "duplicate-label": Text(
        _HEAD_PT + "o nome de coluna {value} aparece mais de uma vez.",
        _HEAD_EN + "the column name {value} appears more than once.",
        "Renomeie uma das colunas repetidas.",
        "Rename one of the repeated columns.",
    ),
    "extra-label": Text(
        _HEAD_PT + "a coluna {value} existe no arquivo, mas não no esquema.",
        _HEAD_EN + "the column {value} is in the file but not in the schema.",
        "Acrescente o campo ao esquema (com título, tipo, formato e descrição) ou remova a coluna do arquivo.",
        "Add the field to the schema (with title, type, format and description) or remove the column from the file.",
    ),
    "missing-label": Text(
        _HEAD_PT + 'o esquema define o campo "{field}", mas o arquivo não tem essa coluna.',
        _HEAD_EN + 'the schema defines field "{field}", but the file has no such column.',
        "Acrescente a coluna ao arquivo ou remova o campo do esquema.",
        "Add the column to the file or remove the field from the schema.",
    ),
    "incorrect-label": Text(
        _HEAD_PT + 'o cabeçalho diz {value}, mas o esquema espera "{field}" nessa posição.',
        _HEAD_EN + 'the header says {value}, but the schema expects "{field}" at that position.',
        "Use no cabeçalho os mesmos nomes e a mesma ordem do esquema.{near}",
        "Use the schema's names, in its order, in the header.{near}",
    ),
    "unmatched-header": Text(
        _FILE_PT + "nenhum campo do esquema aparece no cabeçalho.",
        _FILE_EN + "none of the schema's fields is in the header.",
        'Confira o delimitador declarado (";" ou ",") e os nomes das colunas.',
        'Check the declared delimiter (";" or ",") and the column names.',
    ),
    "header-error": Text(
        _FILE_PT + "erro no cabeçalho: {note}.",
        _FILE_EN + "header error: {note}.",
        "Corrija a primeira linha do arquivo.",
        "Fix the first row of the file.",
    ),
    "label-error": Text(
        _HEAD_PT + "erro no nome da coluna: {note}.",
        _HEAD_EN + "column name error: {note}.",
        "Corrija o nome da coluna.",
        "Fix the column name.",
    ),
    # --- frictionless: whole table / file ---------------------------------------------------
    "encoding-error": Text(
        _FILE_PT + "não foi possível decodificar o arquivo: {note}.",
        _FILE_EN + "the file could not be decoded: {note}.",
        'Salve o arquivo em UTF-8 ou declare a codificação real em "encoding".',
        'Save the file as UTF-8 or declare its real encoding in "encoding".',
    ),
    "format-error": Text(
        _FILE_PT + "não foi possível ler o formato do arquivo: {note}.",
        _FILE_EN + "the file's format could not be read: {note}.",
        'Confira "format" e "dialect" (delimitador, aspas) no datapackage.json.',
        'Check "format" and "dialect" (delimiter, quoting) in datapackage.json.',
    ),
    "scheme-error": Text(
        _FILE_PT + "não foi possível abrir o arquivo: {note}.",
        _FILE_EN + "the file could not be opened: {note}.",
        "Confira o caminho e as permissões do arquivo.",
        "Check the file's path and permissions.",
    ),
    "source-error": Text(
        _FILE_PT + "o conteúdo do arquivo é inconsistente ou não suportado: {note}.",
        _FILE_EN + "the file's contents are inconsistent or unsupported: {note}.",
        "Exporte o arquivo novamente como CSV.",
        "Export the file again as CSV.",
    ),
    "compression-error": Text(
        _FILE_PT + "não foi possível descompactar o arquivo: {note}.",
        _FILE_EN + "the file could not be decompressed: {note}.",
        "Publique o CSV sem compressão ou refaça o arquivo compactado.",
        "Publish the CSV uncompressed or recreate the compressed file.",
    ),
    "file-error": Text(
        _FILE_PT + "erro no arquivo: {note}.",
        _FILE_EN + "file error: {note}.",
        "Confira o arquivo.",
        "Check the file.",
    ),
    "table-error": Text(
        _FILE_PT + "erro na tabela: {note}.",
        _FILE_EN + "table error: {note}.",
        "Confira a estrutura da tabela.",
        "Check the table's structure.",
    ),
    "table-dimensions": Text(
        _FILE_PT + "a tabela não tem as dimensões exigidas: {note}.",
        _FILE_EN + "the table lacks the required dimensions: {note}.",
        "Confira o número de linhas e colunas.",
        "Check the number of rows and columns.",
    ),
    "byte-count": Text(
        _FILE_PT + 'o tamanho do arquivo difere do declarado em "bytes": {note}.',
        _FILE_EN + 'the file size differs from the declared "bytes": {note}.',
        'Atualize ou remova "bytes" no datapackage.json.',
        'Update or remove "bytes" in datapackage.json.',
    ),
    "hash-count": Text(
        _FILE_PT + 'o hash do arquivo difere do declarado em "hash": {note}.',
        _FILE_EN + 'the file hash differs from the declared "hash": {note}.',
        'Atualize ou remova "hash" no datapackage.json.',
        'Update or remove "hash" in datapackage.json.',
    ),
    "field-count": Text(
        _FILE_PT + "o número de colunas difere do declarado: {note}.",
        _FILE_EN + "the number of columns differs from the declared one: {note}.",
        "Confira o esquema e o arquivo.",
        "Check the schema and the file.",
    ),
    "row-count": Text(
        _FILE_PT + "o número de linhas difere do declarado: {note}.",
        _FILE_EN + "the number of rows differs from the declared one: {note}.",
        'Atualize ou remova "rows" no datapackage.json.',
        'Update or remove "rows" in datapackage.json.',
    ),
    "required-value": Text(
        _FILE_PT + "valores obrigatórios não encontrados: {note}.",
        _FILE_EN + "required values not found: {note}.",
        "Acrescente os valores exigidos.",
        "Add the required values.",
    ),
    "deviated-value": Text(
        _FILE_PT + "possível erro, valor fora do padrão: {note}.",
        _FILE_EN + "possible error, deviated value: {note}.",
        "Confira o valor.",
        "Check the value.",
    ),
    "deviated-cell": Text(
        _FILE_PT + "possível erro, célula fora do padrão: {note}.",
        _FILE_EN + "possible error, deviated cell: {note}.",
        "Confira a célula.",
        "Check the cell.",
    ),
    # --- frictionless: metadata -------------------------------------------------------------
    "schema-error": Text(
        _FILE_PT + "o esquema (Table Schema) é inválido: {note}.",
        _FILE_EN + "the Table Schema is invalid: {note}.",
        "Corrija o esquema do recurso no datapackage.json.",
        "Fix the resource's schema in datapackage.json.",
    ),
    "field-error": Text(
        _FILE_PT + "um campo do esquema é inválido: {note}.",
        _FILE_EN + "a schema field is invalid: {note}.",
        "Corrija a definição do campo no esquema.",
        "Fix the field's definition in the schema.",
    ),
    "delimiter-mismatch": Text(
        _FILE_PT + "as colunas do arquivo estão separadas por {actual}, mas o recurso declara {declared}; "
        "assim o arquivo não pode ser lido coluna a coluna ({hidden} erros decorrentes disso foram omitidos).",
        _FILE_EN + "the file's columns are separated by {actual}, but the resource declares {declared}; "
        "so the file cannot be read column by column ({hidden} errors that follow from it were left out).",
        'Declare no recurso "dialect": {{"delimiter": "{actual_json}"}} ou salve o arquivo separado por {declared}.',
        'Declare "dialect": {{"delimiter": "{actual_json}"}} in the resource, or save the file separated by {declared}.',
    ),
    "dialect-error": Text(
        _FILE_PT + 'o "dialect" é inválido: {note}.',
        _FILE_EN + 'the "dialect" is invalid: {note}.',
        'Use por exemplo "dialect": {{"delimiter": ";"}}.',
        'Use for example "dialect": {{"delimiter": ";"}}.',
    ),
    "resource-error": Text(
        _FILE_PT + "o recurso é inválido: {note}.",
        _FILE_EN + "the resource is invalid: {note}.",
        "Corrija a descrição do recurso no datapackage.json.",
        "Fix the resource's description in datapackage.json.",
    ),
    "package-error": Text(
        "{file}: o pacote é inválido: {note}.",
        "{file}: the package is invalid: {note}.",
        "Corrija o datapackage.json.",
        "Fix datapackage.json.",
    ),
    "metadata-error": Text(
        "{file}: erro de metadados: {note}.",
        "{file}: metadata error: {note}.",
        "Corrija o datapackage.json.",
        "Fix datapackage.json.",
    ),
    "control-error": Text(
        _FILE_PT + "opção de leitura inválida: {note}.",
        _FILE_EN + "invalid reading option: {note}.",
        'Confira "dialect" e as opções do recurso.',
        'Check "dialect" and the resource options.',
    ),
    "data-error": Text(
        _FILE_PT + "erro nos dados: {note}.",
        _FILE_EN + "data error: {note}.",
        "Confira os dados.",
        "Check the data.",
    ),
    "error": Text(
        _FILE_PT + "{note}.",
        _FILE_EN + "{note}.",
        "Confira o recurso.",
        "Check the resource.",
    ),
}

# Frictionless error types that only arise from frictionless' own tooling (pipelines,
# inquiries, catalogs), never from validating a CSV in a package: rendered generically.
NOT_FROM_CSV: Final = frozenset(
    {
        "catalog-error",
        "check-error",
        "checklist-error",
        "dataset-error",
        "detector-error",
        "inquiry-error",
        "inquiry-task-error",
        "pipeline-error",
        "report-error",
        "report-task-error",
        "stats-error",
        "step-error",
    }
)


class _Lenient(string.Formatter):
    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        value = kwargs.get(str(key)) if isinstance(key, str) else None
        return "?" if value is None else value


_FORMATTER: Final = _Lenient()


def render(code: str, lang: Lang, **params: Any) -> tuple[str, str]:
    """(message, hint) for an error code in `lang`; unknown codes fall back to the generic text."""
    text = MESSAGES.get(code) or MESSAGES["error"]
    if isinstance(params.get("note"), str):
        params = {**params, "note": note_in(lang, params["note"])}
    message = text.pt if lang == "pt" else text.en
    hint = text.hint_pt if lang == "pt" else text.hint_en
    return _FORMATTER.format(message, **params).strip(), _FORMATTER.format(hint, **params).strip()
