"""Messages of validation problems and their hints, by problem code. Keys start with `validation.`.

`validation.<code>` says what is wrong and where; `validation.<code>.hint` says how to fix it.
Every frictionless error type a CSV can raise has its own pair, so a steward never sees
frictionless' English text alone (it is kept as `{note}`, appended for detail, and put
into Portuguese by `publisher.validation.notes.note_in` when its pattern is known).
Placeholders: {file} {resource} {row} {field} {value} {note} and code-specific ones;
a placeholder with no value renders as "?".
"""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

# Where a problem is, the opening of most messages.
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

MESSAGES: Final[dict[str, Msg]] = {
    # --- the descriptor itself -------------------------------------------------------------
    "validation.descriptor-missing": Msg(
        pt="{file}: não existe. Cada pacote precisa de um datapackage.json na sua pasta.",
        en="{file}: does not exist. Every package needs a datapackage.json in its folder.",
    ),
    "validation.descriptor-missing.hint": Msg(
        pt="Crie o pacote com `publisher new NOME --from ARQUIVO.csv` ou adicione o datapackage.json.",
        en="Scaffold it with `publisher new NAME --from FILE.csv` or add the datapackage.json.",
    ),
    "validation.descriptor-unreadable": Msg(
        pt="{file}: não foi possível ler o arquivo: {note}",
        en="{file}: the file could not be read: {note}",
    ),
    "validation.descriptor-unreadable.hint": Msg(
        pt="Salve o datapackage.json em UTF-8 e confira as permissões do arquivo.",
        en="Save datapackage.json as UTF-8 and check the file's permissions.",
    ),
    "validation.json-syntax": Msg(
        pt="{file}: JSON inválido na linha {line}, coluna {column}: {note}.",
        en="{file}: invalid JSON at line {line}, column {column}: {note}.",
    ),
    "validation.json-syntax.hint": Msg(
        pt="Corrija a sintaxe nesse ponto (vírgula sobrando ou faltando, aspas, chaves ou colchetes); um editor com validação de JSON ajuda.",
        en="Fix the syntax there (a missing or extra comma, quotes, braces or brackets); an editor that checks JSON helps.",
    ),
    "validation.json-not-object": Msg(
        pt="{file}: o conteúdo deve ser um objeto JSON ({{...}}), mas é {value}.",
        en="{file}: the content must be a JSON object ({{...}}), but it is {value}.",
    ),
    "validation.json-not-object.hint": Msg(
        pt="Envolva as propriedades do pacote em um único objeto {{ }}.",
        en="Wrap the package's properties in a single {{ }} object.",
    ),
    # --- the portal's metadata profile ------------------------------------------------------
    "validation.profile-missing": Msg(
        pt=_DESC_PT + "campo obrigatório ausente no perfil do portal.",
        en=_DESC_EN + "required by the portal's profile but missing.",
    ),
    "validation.profile-missing.hint": Msg(
        pt="Adicione {field} ao datapackage.json. {detail}",
        en="Add {field} to datapackage.json. {detail}",
    ),
    "validation.profile-empty": Msg(
        pt=_DESC_PT + "está vazio.",
        en=_DESC_EN + "is empty.",
    ),
    "validation.profile-empty.hint": Msg(
        pt="Preencha o valor; o portal exige esse campo.",
        en="Fill in the value; the portal requires this field.",
    ),
    "validation.profile-type": Msg(
        pt=_DESC_PT + "o valor {value} tem o tipo errado: {note}.",
        en=_DESC_EN + "the value {value} has the wrong type: {note}.",
    ),
    "validation.profile-type.hint": Msg(
        pt="Use o tipo esperado (texto entre aspas, lista entre colchetes, objeto entre chaves).",
        en="Use the expected type (text in quotes, a list in brackets, an object in braces).",
    ),
    "validation.profile-name": Msg(
        pt=_DESC_PT + "o nome {value} não é válido para o portal.",
        en=_DESC_EN + "the name {value} is not valid on the portal.",
    ),
    "validation.profile-name.hint": Msg(
        pt='Use de 2 a 100 caracteres: letras minúsculas sem acento, números, "-" e "_" (por exemplo "{suggestion}").',
        en='Use 2 to 100 characters: lowercase letters without accents, digits, "-" and "_" (for example "{suggestion}").',
    ),
    "validation.profile-name-mismatch": Msg(
        pt=_DESC_PT + 'o nome {value} difere do nome da pasta "{folder}".',
        en=_DESC_EN + 'the name {value} differs from the folder name "{folder}".',
    ),
    "validation.profile-name-mismatch.hint": Msg(
        pt="Renomeie a pasta ou o pacote para que sejam iguais.",
        en="Rename the folder or the package so that they match.",
    ),
    "validation.profile-frequency": Msg(
        pt=_DESC_PT + "a frequência de atualização {value} não está no vocabulário do portal.",
        en=_DESC_EN + "the update frequency {value} is not in the portal's vocabulary.",
    ),
    "validation.profile-frequency.hint": Msg(
        pt="Use uma destas: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual, por evento.",
        en="Use one of: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual, por evento.",
    ),
    "validation.profile-publisher-missing": Msg(
        pt=_DESC_PT + 'nenhum colaborador tem o papel "publisher".',
        en=_DESC_EN + 'no contributor has the role "publisher".',
    ),
    "validation.profile-publisher-missing.hint": Msg(
        pt='Adicione em "contributors" um item com "title", "email" e "role": "publisher" (o órgão que publica).',
        en='Add to "contributors" an item with "title", "email" and "role": "publisher" (the publishing agency).',
    ),
    "validation.profile-license": Msg(
        pt=_DESC_PT + "a licença {value} não corresponde a nenhuma licença do portal.",
        en=_DESC_EN + "the license {value} matches no license known to the portal.",
    ),
    "validation.profile-license.hint": Msg(
        pt="Use um identificador como CC-BY-4.0, CC0-1.0 ou ODbL-1.0.",
        en="Use an id such as CC-BY-4.0, CC0-1.0 or ODbL-1.0.",
    ),
    "validation.profile-version": Msg(
        pt=_DESC_PT + "a versão {value} não segue o versionamento semântico.",
        en=_DESC_EN + "the version {value} is not a semantic version.",
    ),
    "validation.profile-version.hint": Msg(
        pt='Use o formato MAIOR.MENOR.CORREÇÃO, por exemplo "1.0.0", e registre-a no CHANGELOG.md.',
        en='Use MAJOR.MINOR.PATCH, for example "1.0.0", and record it in CHANGELOG.md.',
    ),
    "validation.profile-url": Msg(
        pt=_DESC_PT + "{value} não é um endereço http(s) válido.",
        en=_DESC_EN + "{value} is not a valid http(s) address.",
    ),
    "validation.profile-url.hint": Msg(
        pt="Informe o endereço completo, começando por https://.",
        en="Give the full address, starting with https://.",
    ),
    "validation.profile-email": Msg(
        pt=_DESC_PT + "{value} não é um e-mail válido.",
        en=_DESC_EN + "{value} is not a valid e-mail address.",
    ),
    "validation.profile-email.hint": Msg(
        pt="Informe um e-mail institucional, como dados@orgao.mg.gov.br.",
        en="Give an institutional e-mail, such as dados@orgao.mg.gov.br.",
    ),
    "validation.profile-date": Msg(
        pt=_DESC_PT + "{value} não é uma data no formato AAAA-MM-DD (ou AAAA-MM).",
        en=_DESC_EN + "{value} is not a date as YYYY-MM-DD (or YYYY-MM).",
    ),
    "validation.profile-date.hint": Msg(
        pt="Escreva a data como 2022-04-15 ou 2022-04.",
        en="Write the date as 2022-04-15 or 2022-04.",
    ),
    "validation.profile-field-type": Msg(
        pt=_DESC_PT + "o tipo de campo {value} não existe na Table Schema.",
        en=_DESC_EN + "the field type {value} does not exist in Table Schema.",
    ),
    "validation.profile-field-type.hint": Msg(
        pt="Use string, number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array ou any.",
        en="Use string, number, integer, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array or any.",
    ),
    "validation.profile-invalid": Msg(
        pt=_DESC_PT + "valor {value} inválido: {note}.",
        en=_DESC_EN + "invalid value {value}: {note}.",
    ),
    "validation.profile-invalid.hint": Msg(
        pt="Corrija o valor conforme o perfil de metadados do portal (schemas/datapackage-profile.schema.json).",
        en="Fix the value as the portal's metadata profile says (schemas/datapackage-profile.schema.json).",
    ),
    "validation.profile-duplicate-resource": Msg(
        pt=_DESC_PT + "há mais de um recurso chamado {value}.",
        en=_DESC_EN + "more than one resource is named {value}.",
    ),
    "validation.profile-duplicate-resource.hint": Msg(
        pt="Dê a cada recurso um nome único: o portal identifica os arquivos pelo nome.",
        en="Give each resource a unique name: the portal identifies files by name.",
    ),
    "validation.profile-duplicate-field": Msg(
        pt=_DESC_PT + 'o campo {value} aparece mais de uma vez no esquema do recurso "{resource}".',
        en=_DESC_EN + 'the field {value} appears more than once in the schema of resource "{resource}".',
    ),
    "validation.profile-duplicate-field.hint": Msg(
        pt="Cada coluna precisa de um nome único; renomeie uma delas no esquema e no cabeçalho do CSV.",
        en="Each column needs a unique name; rename one of them in the schema and the CSV header.",
    ),
    "validation.profile-description-section": Msg(
        pt=_DESC_PT + 'a descrição não tem a seção "{section}" recomendada pelo manual do portal.',
        en=_DESC_EN + 'the description lacks the "{section}" section that the portal\'s manual recommends.',
    ),
    "validation.profile-description-section.hint": Msg(
        pt='Acrescente um título "## {section}" à descrição com o conteúdo correspondente.',
        en='Add a "## {section}" heading to the description with its content.',
    ),
    "validation.changelog-missing": Msg(
        pt="{file}: não existe; o perfil pede um CHANGELOG com cada versão.",
        en="{file}: does not exist; the profile asks for a CHANGELOG with every version.",
    ),
    "validation.changelog-missing.hint": Msg(
        pt='Crie CHANGELOG.md com uma seção "## {version}" descrevendo as mudanças.',
        en='Create CHANGELOG.md with a "## {version}" section describing the changes.',
    ),
    "validation.changelog-version": Msg(
        pt="{file}: não registra a versão {value} declarada no datapackage.json.",
        en="{file}: does not record version {value} declared in datapackage.json.",
    ),
    "validation.changelog-version.hint": Msg(
        pt='Acrescente uma seção "## {version}" ao CHANGELOG.md.',
        en='Add a "## {version}" section to CHANGELOG.md.',
    ),
    "validation.todo": Msg(
        pt=_DESC_PT + "ainda a preencher: {value}.",
        en=_DESC_EN + "still to be filled in: {value}.",
    ),
    "validation.todo.hint": Msg(
        pt="Substitua o texto TODO pelo valor real; só uma pessoa do órgão pode informá-lo.",
        en="Replace the TODO text with the real value; only someone at the agency can provide it.",
    ),
    # --- safety of paths and files ----------------------------------------------------------
    "validation.path-absolute": Msg(
        pt=_DESC_PT + 'o caminho {value} do recurso "{resource}" é absoluto.',
        en=_DESC_EN + 'the path {value} of resource "{resource}" is absolute.',
    ),
    "validation.path-absolute.hint": Msg(
        pt='Use um caminho relativo à pasta do pacote, como "data/arquivo.csv".',
        en='Use a path relative to the package folder, such as "data/file.csv".',
    ),
    "validation.path-traversal": Msg(
        pt=_DESC_PT + 'o caminho {value} do recurso "{resource}" sai da pasta do pacote.',
        en=_DESC_EN + 'the path {value} of resource "{resource}" leaves the package folder.',
    ),
    "validation.path-traversal.hint": Msg(
        pt='Copie o arquivo para dentro da pasta do pacote (em "data/") e aponte para ele sem "..".',
        en='Copy the file into the package folder (under "data/") and point at it without "..".',
    ),
    "validation.path-remote": Msg(
        pt=_DESC_PT + 'o recurso "{resource}" aponta para um endereço remoto {value}.',
        en=_DESC_EN + 'resource "{resource}" points at a remote address {value}.',
    ),
    "validation.path-remote.hint": Msg(
        pt='Baixe o arquivo para "data/" e use o caminho local; dados remotos não são publicados.',
        en='Download the file into "data/" and use the local path; remote data is not published.',
    ),
    "validation.path-missing": Msg(
        pt=_DESC_PT + 'o arquivo {value} do recurso "{resource}" não existe.',
        en=_DESC_EN + 'the file {value} of resource "{resource}" does not exist.',
    ),
    "validation.path-missing.hint": Msg(
        pt="Confira o nome e a pasta do arquivo (maiúsculas e minúsculas contam) ou corrija o caminho.",
        en="Check the file's name and folder (case matters) or fix the path.",
    ),
    "validation.path-invalid": Msg(
        pt=_DESC_PT + 'o recurso "{resource}" precisa de um único caminho de arquivo (texto), mas tem {value}.',
        en=_DESC_EN + 'resource "{resource}" needs a single file path (text), but has {value}.',
    ),
    "validation.path-invalid.hint": Msg(
        pt='Informe o caminho como texto, por exemplo "data/arquivo.csv".',
        en='Give the path as text, for example "data/file.csv".',
    ),
    "validation.file-too-large": Msg(
        pt=_FILE_PT + "tem {value} bytes, acima do limite de {limit} bytes.",
        en=_FILE_EN + "has {value} bytes, over the limit of {limit} bytes.",
    ),
    "validation.file-too-large.hint": Msg(
        pt="Divida o arquivo (por ano ou região) ou comprima-o; peça ao operador se o limite do portal deve mudar.",
        en="Split the file (by year or region) or compress it; ask the operator whether the portal's limit should change.",
    ),
    "validation.file-empty": Msg(
        pt=_FILE_PT + "está vazio (0 bytes).",
        en=_FILE_EN + "is empty (0 bytes).",
    ),
    "validation.file-empty.hint": Msg(
        pt="Exporte os dados novamente; o arquivo precisa ao menos do cabeçalho e de uma linha.",
        en="Export the data again; the file needs at least a header and one row.",
    ),
    "validation.encoding-mismatch": Msg(
        pt=_FILE_PT + "declarado como {declared}, mas o byte {value} na linha {row} não é {declared} válido.",
        en=_FILE_EN + "declared as {declared}, but byte {value} on row {row} is not valid {declared}.",
    ),
    "validation.encoding-mismatch.hint": Msg(
        pt='Salve o arquivo em UTF-8 ou declare a codificação real (por exemplo "encoding": "windows-1252").',
        en='Save the file as UTF-8 or declare its real encoding (for example "encoding": "windows-1252").',
    ),
    "validation.encoding-looks-utf8": Msg(
        pt=_FILE_PT
        + "o arquivo está em UTF-8, mas o recurso declara {declared}: os acentos sairiam trocados no portal "
        '(na linha {row}, {value} viraria "{garbled}").',
        en=_FILE_EN + "the file is UTF-8, but the resource declares {declared}: accents would come out garbled on the "
        'portal (on row {row}, {value} would read "{garbled}").',
    ),
    "validation.encoding-looks-utf8.hint": Msg(
        pt='Declare "encoding": "utf-8" no recurso (ou "utf-8-sig" se o arquivo começa com BOM).',
        en='Declare "encoding": "utf-8" on the resource (or "utf-8-sig" if the file starts with a BOM).',
    ),
    "validation.encoding-unknown": Msg(
        pt=_FILE_PT + "a codificação declarada {value} não existe.",
        en=_FILE_EN + "the declared encoding {value} does not exist.",
    ),
    "validation.encoding-unknown.hint": Msg(
        pt='Use "utf-8", "utf-8-sig" ou "windows-1252".',
        en='Use "utf-8", "utf-8-sig" or "windows-1252".',
    ),
    # --- frictionless: cells ----------------------------------------------------------------
    "validation.type-error": Msg(
        pt=_CELL_PT + "o valor {value} não é do tipo {expected}.",
        en=_CELL_EN + "the value {value} is not of type {expected}.",
    ),
    "validation.type-error.hint": Msg(
        pt="{fix}",
        en="{fix}",
    ),
    "validation.constraint-error": Msg(
        pt=_CELL_PT + "o valor {value} não atende à restrição {constraint}.",
        en=_CELL_EN + "the value {value} breaks the constraint {constraint}.",
    ),
    "validation.constraint-error.hint": Msg(
        pt="Corrija o valor na planilha; {allowed}",
        en="Fix the value in the file; {allowed}",
    ),
    "validation.unique-error": Msg(
        pt=_CELL_PT + "o valor {value} se repete, mas o campo deve ser único.",
        en=_CELL_EN + "the value {value} repeats, but the field must be unique.",
    ),
    "validation.unique-error.hint": Msg(
        pt="Remova a linha duplicada ou corrija o valor repetido.",
        en="Remove the duplicated row or fix the repeated value.",
    ),
    "validation.missing-cell": Msg(
        pt=_CELL_PT + "a linha tem menos colunas que o cabeçalho; falta este valor.",
        en=_CELL_EN + "the row has fewer columns than the header; this value is missing.",
    ),
    "validation.missing-cell.hint": Msg(
        pt="Complete a linha com todos os valores (use o delimitador correto entre eles).",
        en="Complete the row with every value (with the right delimiter between them).",
    ),
    "validation.extra-cell": Msg(
        pt=_ROW_PT + "a linha tem um valor a mais ({value}) na coluna {column}, além do cabeçalho.",
        en=_ROW_EN + "the row has an extra value ({value}) at column {column}, beyond the header.",
    ),
    "validation.extra-cell.hint": Msg(
        pt="Remova o valor extra ou coloque entre aspas o texto que contém o delimitador.",
        en="Remove the extra value or quote the text that contains the delimiter.",
    ),
    "validation.truncated-value": Msg(
        pt=_CELL_PT + "o valor {value} parece cortado (truncado).",
        en=_CELL_EN + "the value {value} looks cut short (truncated).",
    ),
    "validation.truncated-value.hint": Msg(
        pt="Exporte os dados de novo sem limite de tamanho de célula.",
        en="Export the data again without a cell size limit.",
    ),
    "validation.forbidden-value": Msg(
        pt=_CELL_PT + "o valor {value} é proibido: {note}.",
        en=_CELL_EN + "the value {value} is forbidden: {note}.",
    ),
    "validation.forbidden-value.hint": Msg(
        pt="Substitua o valor por um permitido.",
        en="Replace the value with an allowed one.",
    ),
    "validation.sequential-value": Msg(
        pt=_CELL_PT + "o valor {value} quebra a sequência esperada.",
        en=_CELL_EN + "the value {value} breaks the expected sequence.",
    ),
    "validation.sequential-value.hint": Msg(
        pt="Corrija a numeração para que seja sequencial.",
        en="Fix the numbering so that it is sequential.",
    ),
    "validation.ascii-value": Msg(
        pt=_CELL_PT + "o valor {value} tem caracteres fora do ASCII.",
        en=_CELL_EN + "the value {value} has non-ASCII characters.",
    ),
    "validation.ascii-value.hint": Msg(
        pt="Remova acentos e símbolos desse campo.",
        en="Remove accents and symbols from this field.",
    ),
    "validation.cell-error": Msg(
        pt=_CELL_PT + "valor {value} inválido: {note}.",
        en=_CELL_EN + "invalid value {value}: {note}.",
    ),
    "validation.cell-error.hint": Msg(
        pt="Corrija o valor na planilha.",
        en="Fix the value in the file.",
    ),
    # --- frictionless: rows -----------------------------------------------------------------
    "validation.blank-row": Msg(
        pt=_ROW_PT + "a linha está completamente em branco.",
        en=_ROW_EN + "the row is completely blank.",
    ),
    "validation.blank-row.hint": Msg(
        pt="Apague a linha vazia.",
        en="Delete the blank row.",
    ),
    "validation.primary-key": Msg(
        pt=_ROW_PT + "a chave primária ({field}) repete outra linha ou está vazia: {value}.",
        en=_ROW_EN + "the primary key ({field}) repeats another row or is empty: {value}.",
    ),
    "validation.primary-key.hint": Msg(
        pt="Cada linha precisa de uma chave única e preenchida; corrija ou remova a duplicata.",
        en="Each row needs a unique, filled-in key; fix or remove the duplicate.",
    ),
    "validation.foreign-key": Msg(
        pt=_ROW_PT + "o valor {value} em {field} não existe na tabela referenciada.",
        en=_ROW_EN + "the value {value} in {field} does not exist in the referenced table.",
    ),
    "validation.foreign-key.hint": Msg(
        pt="Corrija o código ou acrescente-o à tabela referenciada.",
        en="Fix the code or add it to the referenced table.",
    ),
    "validation.duplicate-row": Msg(
        pt=_ROW_PT + "a linha é idêntica a outra: {note}.",
        en=_ROW_EN + "the row is identical to another: {note}.",
    ),
    "validation.duplicate-row.hint": Msg(
        pt="Remova a linha duplicada.",
        en="Remove the duplicated row.",
    ),
    "validation.row-constraint": Msg(
        pt=_ROW_PT + "a linha não atende à regra: {note}.",
        en=_ROW_EN + "the row breaks the rule: {note}.",
    ),
    "validation.row-constraint.hint": Msg(
        pt="Corrija os valores da linha.",
        en="Fix the row's values.",
    ),
    "validation.row-error": Msg(
        pt=_ROW_PT + "erro na linha: {note}.",
        en=_ROW_EN + "row error: {note}.",
    ),
    "validation.row-error.hint": Msg(
        pt="Corrija a linha.",
        en="Fix the row.",
    ),
    # --- frictionless: header ---------------------------------------------------------------
    "validation.blank-header": Msg(
        pt=_FILE_PT + "o cabeçalho está em branco.",
        en=_FILE_EN + "the header is blank.",
    ),
    "validation.blank-header.hint": Msg(
        pt="A primeira linha deve trazer os nomes das colunas.",
        en="The first row must hold the column names.",
    ),
    "validation.blank-label": Msg(
        pt=_HEAD_PT + "o nome da coluna está em branco.",
        en=_HEAD_EN + "the column name is blank.",
    ),
    "validation.blank-label.hint": Msg(
        pt='Dê nome à coluna; o esquema espera "{field}".',
        en='Name the column; the schema expects "{field}".',
    ),
    "validation.duplicate-label": Msg(
        pt=_HEAD_PT + "o nome de coluna {value} aparece mais de uma vez.",
        en=_HEAD_EN + "the column name {value} appears more than once.",
    ),
    "validation.duplicate-label.hint": Msg(
        pt="Renomeie uma das colunas repetidas.",
        en="Rename one of the repeated columns.",
    ),
    "validation.extra-label": Msg(
        pt=_HEAD_PT + "a coluna {value} existe no arquivo, mas não no esquema.",
        en=_HEAD_EN + "the column {value} is in the file but not in the schema.",
    ),
    "validation.extra-label.hint": Msg(
        pt="Acrescente o campo ao esquema (com título, tipo, formato e descrição) ou remova a coluna do arquivo.",
        en="Add the field to the schema (with title, type, format and description) or remove the column from the file.",
    ),
    "validation.missing-label": Msg(
        pt=_HEAD_PT + 'o esquema define o campo "{field}", mas o arquivo não tem essa coluna.',
        en=_HEAD_EN + 'the schema defines field "{field}", but the file has no such column.',
    ),
    "validation.missing-label.hint": Msg(
        pt="Acrescente a coluna ao arquivo ou remova o campo do esquema.",
        en="Add the column to the file or remove the field from the schema.",
    ),
    "validation.incorrect-label": Msg(
        pt=_HEAD_PT + 'o cabeçalho diz {value}, mas o esquema espera "{field}" nessa posição.',
        en=_HEAD_EN + 'the header says {value}, but the schema expects "{field}" at that position.',
    ),
    "validation.incorrect-label.hint": Msg(
        pt="Use no cabeçalho os mesmos nomes e a mesma ordem do esquema.{near}",
        en="Use the schema's names, in its order, in the header.{near}",
    ),
    "validation.unmatched-header": Msg(
        pt=_FILE_PT + "nenhum campo do esquema aparece no cabeçalho.",
        en=_FILE_EN + "none of the schema's fields is in the header.",
    ),
    "validation.unmatched-header.hint": Msg(
        pt='Confira o delimitador declarado (";" ou ",") e os nomes das colunas.',
        en='Check the declared delimiter (";" or ",") and the column names.',
    ),
    "validation.header-error": Msg(
        pt=_FILE_PT + "erro no cabeçalho: {note}.",
        en=_FILE_EN + "header error: {note}.",
    ),
    "validation.header-error.hint": Msg(
        pt="Corrija a primeira linha do arquivo.",
        en="Fix the first row of the file.",
    ),
    "validation.label-error": Msg(
        pt=_HEAD_PT + "erro no nome da coluna: {note}.",
        en=_HEAD_EN + "column name error: {note}.",
    ),
    "validation.label-error.hint": Msg(
        pt="Corrija o nome da coluna.",
        en="Fix the column name.",
    ),
    # --- frictionless: whole table / file ---------------------------------------------------
    "validation.encoding-error": Msg(
        pt=_FILE_PT + "não foi possível decodificar o arquivo: {note}.",
        en=_FILE_EN + "the file could not be decoded: {note}.",
    ),
    "validation.encoding-error.hint": Msg(
        pt='Salve o arquivo em UTF-8 ou declare a codificação real em "encoding".',
        en='Save the file as UTF-8 or declare its real encoding in "encoding".',
    ),
    "validation.format-error": Msg(
        pt=_FILE_PT + "não foi possível ler o formato do arquivo: {note}.",
        en=_FILE_EN + "the file's format could not be read: {note}.",
    ),
    "validation.format-error.hint": Msg(
        pt='Confira "format" e "dialect" (delimitador, aspas) no datapackage.json.',
        en='Check "format" and "dialect" (delimiter, quoting) in datapackage.json.',
    ),
    "validation.scheme-error": Msg(
        pt=_FILE_PT + "não foi possível abrir o arquivo: {note}.",
        en=_FILE_EN + "the file could not be opened: {note}.",
    ),
    "validation.scheme-error.hint": Msg(
        pt="Confira o caminho e as permissões do arquivo.",
        en="Check the file's path and permissions.",
    ),
    "validation.source-error": Msg(
        pt=_FILE_PT + "o conteúdo do arquivo é inconsistente ou não suportado: {note}.",
        en=_FILE_EN + "the file's contents are inconsistent or unsupported: {note}.",
    ),
    "validation.source-error.hint": Msg(
        pt="Exporte o arquivo novamente como CSV.",
        en="Export the file again as CSV.",
    ),
    "validation.compression-error": Msg(
        pt=_FILE_PT + "não foi possível descompactar o arquivo: {note}.",
        en=_FILE_EN + "the file could not be decompressed: {note}.",
    ),
    "validation.compression-error.hint": Msg(
        pt="Publique o CSV sem compressão ou refaça o arquivo compactado.",
        en="Publish the CSV uncompressed or recreate the compressed file.",
    ),
    "validation.file-error": Msg(
        pt=_FILE_PT + "erro no arquivo: {note}.",
        en=_FILE_EN + "file error: {note}.",
    ),
    "validation.file-error.hint": Msg(
        pt="Confira o arquivo.",
        en="Check the file.",
    ),
    "validation.table-error": Msg(
        pt=_FILE_PT + "erro na tabela: {note}.",
        en=_FILE_EN + "table error: {note}.",
    ),
    "validation.table-error.hint": Msg(
        pt="Confira a estrutura da tabela.",
        en="Check the table's structure.",
    ),
    "validation.table-dimensions": Msg(
        pt=_FILE_PT + "a tabela não tem as dimensões exigidas: {note}.",
        en=_FILE_EN + "the table lacks the required dimensions: {note}.",
    ),
    "validation.table-dimensions.hint": Msg(
        pt="Confira o número de linhas e colunas.",
        en="Check the number of rows and columns.",
    ),
    "validation.byte-count": Msg(
        pt=_FILE_PT + 'o tamanho do arquivo difere do declarado em "bytes": {note}.',
        en=_FILE_EN + 'the file size differs from the declared "bytes": {note}.',
    ),
    "validation.byte-count.hint": Msg(
        pt='Atualize ou remova "bytes" no datapackage.json.',
        en='Update or remove "bytes" in datapackage.json.',
    ),
    "validation.hash-count": Msg(
        pt=_FILE_PT + 'o hash do arquivo difere do declarado em "hash": {note}.',
        en=_FILE_EN + 'the file hash differs from the declared "hash": {note}.',
    ),
    "validation.hash-count.hint": Msg(
        pt='Atualize ou remova "hash" no datapackage.json.',
        en='Update or remove "hash" in datapackage.json.',
    ),
    "validation.field-count": Msg(
        pt=_FILE_PT + "o número de colunas difere do declarado: {note}.",
        en=_FILE_EN + "the number of columns differs from the declared one: {note}.",
    ),
    "validation.field-count.hint": Msg(
        pt="Confira o esquema e o arquivo.",
        en="Check the schema and the file.",
    ),
    "validation.row-count": Msg(
        pt=_FILE_PT + "o número de linhas difere do declarado: {note}.",
        en=_FILE_EN + "the number of rows differs from the declared one: {note}.",
    ),
    "validation.row-count.hint": Msg(
        pt='Atualize ou remova "rows" no datapackage.json.',
        en='Update or remove "rows" in datapackage.json.',
    ),
    "validation.required-value": Msg(
        pt=_FILE_PT + "valores obrigatórios não encontrados: {note}.",
        en=_FILE_EN + "required values not found: {note}.",
    ),
    "validation.required-value.hint": Msg(
        pt="Acrescente os valores exigidos.",
        en="Add the required values.",
    ),
    "validation.deviated-value": Msg(
        pt=_FILE_PT + "possível erro, valor fora do padrão: {note}.",
        en=_FILE_EN + "possible error, deviated value: {note}.",
    ),
    "validation.deviated-value.hint": Msg(
        pt="Confira o valor.",
        en="Check the value.",
    ),
    "validation.deviated-cell": Msg(
        pt=_FILE_PT + "possível erro, célula fora do padrão: {note}.",
        en=_FILE_EN + "possible error, deviated cell: {note}.",
    ),
    "validation.deviated-cell.hint": Msg(
        pt="Confira a célula.",
        en="Check the cell.",
    ),
    # --- frictionless: metadata -------------------------------------------------------------
    "validation.schema-error": Msg(
        pt=_FILE_PT + "o esquema (Table Schema) é inválido: {note}.",
        en=_FILE_EN + "the Table Schema is invalid: {note}.",
    ),
    "validation.schema-error.hint": Msg(
        pt="Corrija o esquema do recurso no datapackage.json.",
        en="Fix the resource's schema in datapackage.json.",
    ),
    "validation.field-error": Msg(
        pt=_FILE_PT + "um campo do esquema é inválido: {note}.",
        en=_FILE_EN + "a schema field is invalid: {note}.",
    ),
    "validation.field-error.hint": Msg(
        pt="Corrija a definição do campo no esquema.",
        en="Fix the field's definition in the schema.",
    ),
    "validation.delimiter-mismatch": Msg(
        pt=_FILE_PT + "as colunas do arquivo estão separadas por {actual}, mas o recurso declara {declared}; "
        "assim o arquivo não pode ser lido coluna a coluna ({hidden} erros decorrentes disso foram omitidos).",
        en=_FILE_EN + "the file's columns are separated by {actual}, but the resource declares {declared}; "
        "so the file cannot be read column by column ({hidden} errors that follow from it were left out).",
    ),
    "validation.delimiter-mismatch.hint": Msg(
        pt='Declare no recurso "dialect": {{"delimiter": "{actual_json}"}} ou salve o arquivo separado por {declared}.',
        en='Declare "dialect": {{"delimiter": "{actual_json}"}} in the resource, or save the file separated by {declared}.',
    ),
    "validation.dialect-error": Msg(
        pt=_FILE_PT + 'o "dialect" é inválido: {note}.',
        en=_FILE_EN + 'the "dialect" is invalid: {note}.',
    ),
    "validation.dialect-error.hint": Msg(
        pt='Use por exemplo "dialect": {{"delimiter": ";"}}.',
        en='Use for example "dialect": {{"delimiter": ";"}}.',
    ),
    "validation.resource-error": Msg(
        pt=_FILE_PT + "o recurso é inválido: {note}.",
        en=_FILE_EN + "the resource is invalid: {note}.",
    ),
    "validation.resource-error.hint": Msg(
        pt="Corrija a descrição do recurso no datapackage.json.",
        en="Fix the resource's description in datapackage.json.",
    ),
    "validation.package-error": Msg(
        pt="{file}: o pacote é inválido: {note}.",
        en="{file}: the package is invalid: {note}.",
    ),
    "validation.package-error.hint": Msg(
        pt="Corrija o datapackage.json.",
        en="Fix datapackage.json.",
    ),
    "validation.metadata-error": Msg(
        pt="{file}: erro de metadados: {note}.",
        en="{file}: metadata error: {note}.",
    ),
    "validation.metadata-error.hint": Msg(
        pt="Corrija o datapackage.json.",
        en="Fix datapackage.json.",
    ),
    "validation.control-error": Msg(
        pt=_FILE_PT + "opção de leitura inválida: {note}.",
        en=_FILE_EN + "invalid reading option: {note}.",
    ),
    "validation.control-error.hint": Msg(
        pt='Confira "dialect" e as opções do recurso.',
        en='Check "dialect" and the resource options.',
    ),
    "validation.data-error": Msg(
        pt=_FILE_PT + "erro nos dados: {note}.",
        en=_FILE_EN + "data error: {note}.",
    ),
    "validation.data-error.hint": Msg(
        pt="Confira os dados.",
        en="Check the data.",
    ),
    "validation.error": Msg(
        pt=_FILE_PT + "{note}.",
        en=_FILE_EN + "{note}.",
    ),
    "validation.error.hint": Msg(
        pt="Confira o recurso.",
        en="Check the resource.",
    ),
}

# The pieces that messages and hints are built from.
MESSAGES.update(
    {
        "validation.value.cut": Msg(pt="… (+{more} caracteres)", en="… (+{more} characters)"),
        "validation.constraint.allowed": Msg(pt="valores permitidos: {values}.", en="allowed values: {values}."),
        "validation.constraint.did-you-mean": Msg(pt='Seria "{guess}"?', en='Did you mean "{guess}"?'),
        "validation.constraint.required": Msg(
            pt="o campo é obrigatório e não pode ficar vazio.",
            en="the field is required and cannot be empty.",
        ),
        "validation.constraint.limit": Msg(pt="limite: {name} = {limit}.", en="limit: {name} = {limit}."),
        "validation.incorrect-label.near": Msg(
            pt="Aqui a diferença é só de espaços, maiúsculas ou acentos.",
            en="Here they differ only in spaces, case or accents.",
        ),
    }
)

# Hints for a cell of the wrong type, read from the cell (`publisher.validation.type_hints`).
MESSAGES.update(
    {
        "validation.type-fix.generic": Msg(
            pt='Corrija o valor na planilha ou ajuste o tipo/formato do campo no esquema (ex.: decimalChar "," para vírgula decimal).',
            en='Fix the value in the file or adjust the field\'s type/format in the schema (e.g. decimalChar "," for a decimal comma).',
        ),
        "validation.type-fix.number-locale": Msg(
            pt='O número está no formato brasileiro: declare {first} no campo "{name}".',
            en='The number is written the Brazilian way: declare {first} on field "{name}".',
        ),
        "validation.type-fix.number-locale-both": Msg(
            pt='O número está no formato brasileiro: declare {first} e {second} no campo "{name}".',
            en='The number is written the Brazilian way: declare {first} and {second} on field "{name}".',
        ),
        "validation.type-fix.number-symbols": Msg(
            pt='O valor tem símbolos além do número (R$, %...): declare "bareNumber": false no campo "{name}" '
            '(e "decimalChar"/"groupChar" se preciso) ou remova-os do arquivo.',
            en='The value has symbols besides the number (R$, %...): declare "bareNumber": false on field "{name}" '
            '(and "decimalChar"/"groupChar" if needed) or remove them from the file.',
        ),
        "validation.type-fix.integer-grouped": Msg(
            pt="O número usa ponto de milhar, que campos integer não aceitam: tire os pontos do arquivo ou declare "
            'o campo "{name}" como "type": "number" com "groupChar": ".".',
            en="The number uses a thousands dot, which integer fields do not accept: remove the dots from the file or "
            'declare field "{name}" as "type": "number" with "groupChar": ".".',
        ),
        "validation.type-fix.integer-decimals": Msg(
            pt='O valor tem casas decimais: declare o campo "{name}" como "type": "number" com "decimalChar": ",".',
            en='The value has decimals: declare field "{name}" as "type": "number" with "decimalChar": ",".',
        ),
        "validation.type-fix.date-dmy": Msg(
            pt='A data está no formato dia/mês/ano: declare "format": "{format}" no campo "{name}".',
            en='The date is written day/month/year: declare "format": "{format}" on field "{name}".',
        ),
        "validation.type-fix.boolean-words": Msg(
            pt='Declare no campo "{name}" "trueValues": ["sim", "Sim", "S"] e "falseValues": ["não", "Não", "N"] '
            "(com as grafias que o arquivo usa).",
            en='Declare on field "{name}" "trueValues": ["sim", "Sim", "S"] and "falseValues": ["não", "Não", "N"] '
            "(with the spellings the file uses).",
        ),
    }
)

# Python's json messages for hand-made mistakes; English as Python words them.
MESSAGES.update(
    {
        "validation.json-note.comma": Msg(pt="falta uma vírgula entre dois itens", en="Expecting ',' delimiter"),
        "validation.json-note.colon": Msg(
            pt="faltam os dois-pontos entre o nome e o valor", en="Expecting ':' delimiter"
        ),
        "validation.json-note.property-name": Msg(
            pt="esperava o nome de uma propriedade entre aspas duplas (vírgula sobrando antes de }} ?)",
            en="Expecting property name enclosed in double quotes",
        ),
        "validation.json-note.value": Msg(
            pt="esperava um valor (vírgula sobrando ou arquivo vazio?)", en="Expecting value"
        ),
        "validation.json-note.extra-data": Msg(pt="há conteúdo depois do fim do objeto JSON", en="Extra data"),
        "validation.json-note.unterminated-string": Msg(
            pt="texto entre aspas sem fechar", en="Unterminated string starting at"
        ),
        "validation.json-note.control-character": Msg(
            pt="caractere de controle dentro de um texto (quebra de linha sem \\n?)",
            en="Invalid control character at",
        ),
        "validation.json-note.escape": Msg(
            pt="sequência de escape inválida (use \\\\ para barra invertida)", en="Invalid \\escape"
        ),
        # Names of delimiters, as messages show them.
        "validation.delimiter.comma": Msg(pt='vírgula (",")', en='comma (",")'),
        "validation.delimiter.semicolon": Msg(pt='ponto e vírgula (";")', en='semicolon (";")'),
        "validation.delimiter.tab": Msg(pt="tabulação", en="tab"),
        "validation.delimiter.pipe": Msg(pt='barra vertical ("|")', en='pipe ("|")'),
        # Examples added to the hint of a missing property, by property.
        "validation.missing-detail.contributors": Msg(
            pt='Exemplo: [{{"title": "Órgão", "email": "dados@orgao.mg.gov.br", "role": "publisher"}}].',
            en='Example: [{{"title": "Agency", "email": "dados@orgao.mg.gov.br", "role": "publisher"}}].',
        ),
        "validation.missing-detail.licenses": Msg(
            pt='Exemplo: [{{"name": "CC-BY-4.0", "title": "Creative Commons Atribuição 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}}].',
            en='Example: [{{"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}}].',
        ),
        "validation.missing-detail.frequency": Msg(
            pt="Valores: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual, por evento.",
            en="Values: diária, semanal, quinzenal, mensal, bimestral, trimestral, anual, por evento.",
        ),
        "validation.missing-detail.owner-org": Msg(
            pt='É o identificador da organização no portal, por exemplo "secretaria-de-estado-de-planejamento-e-gestao-seplag".',
            en='It is the organization\'s id on the portal, for example "secretaria-de-estado-de-planejamento-e-gestao-seplag".',
        ),
        "validation.missing-detail.version": Msg(
            pt='Use versionamento semântico, por exemplo "1.0.0".',
            en='Use semantic versioning, for example "1.0.0".',
        ),
        "validation.missing-detail.format": Msg(
            pt='Nos campos, use "default" quando não houver formato especial.',
            en='For fields, use "default" when there is no special format.',
        ),
        # Lines of the operator's log.
        "validation.log.unchanged": Msg(
            pt="{package} validado: sem mudanças desde a última validação",
            en="validated {package}: unchanged since the last validation",
        ),
        "validation.log.validated": Msg(
            pt="{package} validado: {count} problema(s)", en="validated {package}: {count} problem(s)"
        ),
        "validation.log.processes": Msg(
            pt="validando {packages} pacote(s) em {processes} processos",
            en="validating {packages} package(s) in {processes} processes",
        ),
        "validation.log.cache-not-written": Msg(
            pt="cache de validação não gravado: {reason}", en="validation cache not written: {reason}"
        ),
    }
)

# The state's real packages: organizations checked by validate, and profile levels
# (Table Schema defaults as warnings, keys matched regardless of case and accents, string booleans).
MESSAGES.update(
    {
        "validation.organization-unknown": Msg(
            pt=_DESC_PT + "a organização {value} {where}. {guess}",
            en=_DESC_EN + "the organization {value} is {where}. {guess}",
        ),
        "validation.organization-unknown.hint": Msg(
            pt="Use o identificador da organização no portal (o fim do endereço "
            "dados.mg.gov.br/organization/...) ou cadastre a organização em organizations.json.",
            en="Use the organization's id on the portal (the end of the address "
            "dados.mg.gov.br/organization/...) or add the organization to organizations.json.",
        ),
        "validation.organization.where-file": Msg(pt="não está em {orgs_file}", en="not in {orgs_file}"),
        "validation.organization.where-both": Msg(
            pt="não está em {orgs_file} nem no portal {url}", en="neither in {orgs_file} nor on the portal {url}"
        ),
        "validation.profile-field-format": Msg(
            pt=_DESC_PT + 'o campo não declara "format"; vale o padrão do Table Schema, "default".',
            en=_DESC_EN + 'the field declares no "format"; the Table Schema default, "default", applies.',
        ),
        "validation.profile-field-format.hint": Msg(
            pt='Declare "format": "default", ou o formato do campo (por exemplo "%d/%m/%Y" numa data).',
            en='Declare "format": "default", or the field\'s format (for example "%d/%m/%Y" for a date).',
        ),
        "validation.profile-key-spelling": Msg(
            pt=_DESC_PT + 'a chave está escrita de outro jeito; o perfil a escreve "{canonical}".',
            en=_DESC_EN + 'the key is spelled differently; the profile spells it "{canonical}".',
        ),
        "validation.profile-key-spelling.hint": Msg(
            pt='Renomeie a chave para "{canonical}" (minúsculas e acentos como no perfil).',
            en='Rename the key to "{canonical}" (lowercase and accents as in the profile).',
        ),
        "validation.profile-boolean-string": Msg(
            pt=_DESC_PT + "o valor {value} é um texto, não um valor lógico (verdadeiro/falso).",
            en=_DESC_EN + "the value {value} is text, not a boolean (true/false).",
        ),
        "validation.profile-boolean-string.hint": Msg(
            pt="Escreva true ou false sem aspas: {field}: {bare}.",
            en="Write true or false without quotes: {field}: {bare}.",
        ),
    }
)

# Readable reports: errors counted past the cap, hints that fit the type, git conflict markers.
MESSAGES.update(
    {
        "validation.errors-left-out": Msg(
            pt=_FILE_PT + "mais {left_out} erro(s) {value} além dos listados: só os primeiros {keep} erros de "
            "cada tipo em cada recurso são guardados um a um (os demais só são contados).",
            en=_FILE_EN + "{left_out} more {value} error(s) besides those listed: only the first {keep} errors of "
            "each kind in each resource are kept one by one (the rest are only counted).",
        ),
        "validation.errors-left-out.hint": Msg(
            pt="Corrija as causas dos erros listados (em geral poucas) e valide de novo.",
            en="Fix the causes of the errors listed (usually few) and validate again.",
        ),
        "validation.merge-conflict": Msg(
            pt="{file}, linha {line}: marca de conflito do git ({value}): o arquivo ficou no meio de um merge "
            "e não é JSON.",
            en="{file}, line {line}: a git conflict marker ({value}): the file was left in the middle of a merge "
            "and is not JSON.",
        ),
        "validation.merge-conflict.hint": Msg(
            pt="Resolva o conflito: entre <<<<<<< e ======= está uma versão, entre ======= e >>>>>>> a outra; "
            "fique com o conteúdo certo, apague as linhas de marca e valide de novo.",
            en="Resolve the conflict: one version is between <<<<<<< and =======, the other between ======= and "
            ">>>>>>>; keep the right content, delete the marker lines and validate again.",
        ),
        "validation.type-fix.generic-plain": Msg(
            pt='Corrija o valor na planilha ou ajuste o tipo do campo "{name}" no esquema.',
            en='Fix the value in the file or adjust the type of field "{name}" in the schema.',
        ),
        "validation.type-fix.generic-date": Msg(
            pt='O valor não é uma data válida no formato do campo "{name}" ({format}): corrija o valor na '
            'planilha ou o "format" do campo.',
            en='The value is not a valid date in the format of field "{name}" ({format}): fix the value in the '
            'file or the field\'s "format".',
        ),
        "validation.type-fix.date-format": Msg(
            pt='A data está escrita no formato "{actual}", mas o campo "{name}" declara "format": "{declared}": '
            'declare "format": "{actual}" se todas as datas forem assim, ou reescreva-as no formato declarado.',
            en='The date is written in format "{actual}", but field "{name}" declares "format": "{declared}": '
            'declare "format": "{actual}" if every date is written so, or rewrite them in the declared format.',
        ),
        "validation.type-fix.missing-value": Msg(
            pt='O valor {value} marca um dado ausente: declare "missingValues": ["", {value}] no "schema" do '
            "recurso (ou deixe a célula vazia).",
            en='The value {value} marks a missing value: declare "missingValues": ["", {value}] in the '
            'resource\'s "schema" (or leave the cell empty).',
        ),
        "validation.type-fix.several-numbers": Msg(
            pt='A célula reúne mais de um número ({numbers}), e o campo "{name}" guarda um só: separe-os em '
            'linhas ou colunas, ou declare o campo como "type": "string".',
            en='The cell holds more than one number ({numbers}), and field "{name}" holds one: split them into '
            'rows or columns, or declare the field as "type": "string".',
        ),
    }
)

# Compressed resources and external schema and dialect files.
MESSAGES.update(
    {
        "validation.zip-not-single": Msg(
            pt=_FILE_PT + "o arquivo zip deve conter um único arquivo de dados, mas contém {value}: {members}.",
            en=_FILE_EN + "the zip file must hold a single data file, but it holds {value}: {members}.",
        ),
        "validation.descriptor-shape": Msg(
            pt='{file}: o recurso "{resource}" tem uma propriedade com um tipo que o validador de dados '
            "não consegue ler ({note}).",
            en='{file}: resource "{resource}" has a property of a type the data validator cannot read ({note}).',
        ),
        "validation.descriptor-shape.hint": Msg(
            pt="Corrija os tipos apontados nos outros erros deste recurso (texto, número, lista ou objeto, como "
            "pede a especificação Data Package); os dados serão conferidos em seguida.",
            en="Fix the types the other errors of this resource point at (text, number, list or object, as the "
            "Data Package spec asks); the data is checked next.",
        ),
        "validation.zip-not-single.hint": Msg(
            pt="Deixe um arquivo por zip (um recurso para cada tabela) ou publique os CSV sem compressão.",
            en="Keep one file per zip (one resource per table) or publish the CSVs uncompressed.",
        ),
    }
)

# Bounded input: package files read from inside the package, within size and depth limits.
MESSAGES.update(
    {
        "validation.file-outside-package": Msg(
            pt='{file}: o arquivo fica fora da pasta do pacote (caminho absoluto, ".." ou link simbólico '
            "para fora) e não é lido nem publicado.",
            en='{file}: the file is outside the package folder (an absolute path, ".." or a symbolic link '
            "out) and is neither read nor published.",
        ),
        "validation.file-outside-package.hint": Msg(
            pt="Coloque o próprio arquivo dentro da pasta do pacote, no lugar do link.",
            en="Put the file itself inside the package folder, in place of the link.",
        ),
        "validation.metadata-too-large": Msg(
            pt="{file}: tem {value} bytes, acima do limite de {limit} bytes para arquivos de metadados.",
            en="{file}: has {value} bytes, over the limit of {limit} bytes for metadata files.",
        ),
        "validation.metadata-too-large.hint": Msg(
            pt="Confira se o arquivo certo está nesse lugar; se o tamanho for mesmo necessário, peça ao "
            "operador para aumentar PUBLISHER_MAX_METADATA_BYTES.",
            en="Check that the right file is there; if the size is really needed, ask the operator to raise "
            "PUBLISHER_MAX_METADATA_BYTES.",
        ),
        "validation.json-too-deep": Msg(
            pt="{file}: o JSON aninha objetos e listas em mais de {limit} níveis (linha {row}, coluna {column}).",
            en="{file}: the JSON nests objects and lists more than {limit} levels deep (line {row}, column {column}).",
        ),
        "validation.json-too-deep.hint": Msg(
            pt="Um datapackage.json tem poucos níveis (pacote, recursos, esquema, campos); confira se o "
            "arquivo não foi gerado errado.",
            en="A datapackage.json has few levels (package, resources, schema, fields); check that the file "
            "was not generated wrong.",
        ),
        "validation.line-too-long": Msg(
            pt=_FILE_PT + "a linha {row} tem mais de {limit} bytes.",
            en=_FILE_EN + "line {row} is longer than {limit} bytes.",
        ),
        "validation.line-too-long.hint": Msg(
            pt="Confira se o arquivo é mesmo um CSV com uma linha por registro (um arquivo sem quebras de "
            "linha ou cheio de zeros não é); se for, peça ao operador para aumentar PUBLISHER_MAX_LINE_BYTES.",
            en="Check that the file really is a CSV with one line per record (a file with no line breaks or "
            "full of zeros is not); if it is, ask the operator to raise PUBLISHER_MAX_LINE_BYTES.",
        ),
        "validation.cell-too-long": Msg(
            pt=_FILE_PT + "uma célula tem mais de {limit} bytes.",
            en=_FILE_EN + "a cell is longer than {limit} bytes.",
        ),
        "validation.cell-too-long.hint": Msg(
            pt="Confira as aspas do arquivo: uma aspa sem par junta o resto do arquivo numa célula só; se a "
            "célula for mesmo assim, peça ao operador para aumentar PUBLISHER_MAX_CELL_BYTES.",
            en="Check the file's quotes: an unmatched quote joins the rest of the file into one cell; if the "
            "cell really is that long, ask the operator to raise PUBLISHER_MAX_CELL_BYTES.",
        ),
        "validation.description-too-large": Msg(
            pt=_DESC_PT + "a descrição tem {value} bytes, acima do limite de {limit} bytes.",
            en=_DESC_EN + "the description has {value} bytes, over the limit of {limit} bytes.",
        ),
        "validation.description-too-large.hint": Msg(
            pt="Resuma a descrição e deixe os detalhes no README.md ou em um documento publicado como recurso.",
            en="Shorten the description and keep the details in README.md or in a document published as a resource.",
        ),
        "validation.notes-too-large": Msg(
            pt="{file}: a descrição com as seções do README que vão para o portal somam {value} bytes, acima do "
            "limite de {limit} bytes.",
            en="{file}: the description with the README sections sent to the portal add up to {value} bytes, over "
            "the limit of {limit} bytes.",
        ),
        "validation.notes-too-large.hint": Msg(
            pt="Encurte as seções Origem, Como usar, Metodologia e Limitações do README, ou a descrição.",
            en="Shorten the README's Origin, How to use, Methodology and Limitations sections, or the description.",
        ),
    }
)


# Hostile inputs (reliability suites): a name with letters of another alphabet that look Latin.
MESSAGES.update(
    {
        "validation.name-lookalike": Msg(
            pt=_DESC_PT + "o nome {value} tem letras de outro alfabeto que parecem latinas: {chars}.",
            en=_DESC_EN + "the name {value} has letters of another alphabet that look Latin: {chars}.",
        ),
        "validation.name-lookalike.hint": Msg(
            pt='Digite o nome de novo no teclado, sem copiar e colar: "{suggestion}".',
            en='Type the name again on the keyboard, without copy and paste: "{suggestion}".',
        ),
    }
)
