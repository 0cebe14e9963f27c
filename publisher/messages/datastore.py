"""Messages of the DataStore step (queryable tables, their data dictionary and preview) and of
its checks in `verify`. Keys start with `datastore.`."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # Shown on the portal to citizens (always in Portuguese there): the preview's tab.
    "datastore.view-title": Msg(pt="Tabela", en="Table"),
    "datastore.change.loaded": Msg(
        pt="tabela {resource} carregada no DataStore ({rows} linhas), com dicionário de dados e visualização",
        en="table {resource} loaded into the DataStore ({rows} rows), with data dictionary and preview",
    ),
    "datastore.change.removed": Msg(
        pt="tabela {resource} retirada do DataStore",
        en="table {resource} removed from the DataStore",
    ),
    "datastore.note.too-big": Msg(
        pt="{resource}: o arquivo ({size} bytes) passa do limite do DataStore ({limit} bytes) e não foi "
        "carregado para consulta; o arquivo foi publicado. Para carregá-lo, aumente PUBLISHER_DATASTORE_MAX_BYTES.",
        en="{resource}: the file ({size} bytes) is over the DataStore limit ({limit} bytes) and was not loaded "
        "for queries; the file was published. To load it, raise PUBLISHER_DATASTORE_MAX_BYTES.",
    ),
    "datastore.failed": Msg(
        pt="{resource}: a carga no DataStore falhou ({reason}). Os arquivos foram publicados; a próxima "
        "execução tenta a carga de novo.",
        en="{resource}: loading into the DataStore failed ({reason}). The files were published; the next run "
        "tries the load again.",
    ),
    "datastore.rows-mismatch": Msg(
        pt="o DataStore ficou com {got} linhas, o arquivo tem {want}",
        en="the DataStore holds {got} rows, the file has {want}",
    ),
    "datastore.log": Msg(pt="{name}: {message}", en="{name}: {message}"),
    "datastore.summary.failed": Msg(
        pt="DataStore: {count} tabela(s) não carregada(s); veja as mensagens acima",
        en="DataStore: {count} table(s) not loaded; see the messages above",
    ),
    # verify
    "datastore.verify.inactive": Msg(
        pt="{resource}: a tabela não está no DataStore (sem consulta nem visualização)",
        en="{resource}: the table is not in the DataStore (no queries, no preview)",
    ),
    "datastore.verify.rows": Msg(
        pt="{resource}: o DataStore tem {got} linhas, o arquivo tem {want}",
        en="{resource}: the DataStore holds {got} rows, the file has {want}",
    ),
    "datastore.verify.column-missing": Msg(
        pt="{resource}: falta a coluna {field} no DataStore",
        en="{resource}: column {field} is missing from the DataStore",
    ),
    "datastore.verify.type": Msg(
        pt="{resource}: a coluna {field} é do tipo {got} no DataStore; o Table Schema pede {want}",
        en="{resource}: column {field} has type {got} in the DataStore; the Table Schema asks for {want}",
    ),
    "datastore.verify.label": Msg(
        pt='{resource}: a coluna {field} tem o rótulo "{got}" no dicionário de dados; o Table Schema diz "{want}"',
        en='{resource}: column {field} is labelled "{got}" in the data dictionary; the Table Schema says "{want}"',
    ),
    "datastore.verify.view": Msg(
        pt="{resource}: sem visualização em tabela (datatables_view) no portal",
        en="{resource}: no table preview (datatables_view) on the portal",
    ),
    "datastore.verify.unreadable": Msg(
        pt="{resource}: não foi possível conferir o DataStore ({reason})",
        en="{resource}: the DataStore could not be checked ({reason})",
    ),
}
