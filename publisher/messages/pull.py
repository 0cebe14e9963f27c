"""Messages of `publisher pull`: a dataset from the portal back into a local data package."""

from __future__ import annotations

from publisher.messages.msg import Msg

MESSAGES: dict[str, Msg] = {
    "pull.error.not-found": Msg(
        pt='O conjunto "{name}" não está no portal (ou foi retirado).',
        en='Dataset "{name}" is not on the portal (or was retired).',
    ),
    "pull.error.not-allowed": Msg(
        pt='O portal não deixa ler o conjunto "{name}": é privado? Defina CKAN_API_TOKEN ou CKAN_API_TOKEN_FILE.',
        en='The portal does not let you read dataset "{name}": is it private? Set CKAN_API_TOKEN or CKAN_API_TOKEN_FILE.',
    ),
    "pull.error.exists": Msg(
        pt="A pasta {folder} já existe e não está vazia; escolha outra com --to ou use --force para "
        "substituir os arquivos baixados (os demais ficam).",
        en="Folder {folder} exists and is not empty; pick another with --to or use --force to replace "
        "the downloaded files (others stay).",
    ),
    "pull.error.not-a-folder": Msg(pt="{folder} é um arquivo, não uma pasta.", en="{folder} is a file, not a folder."),
    "pull.error.no-descriptor": Msg(
        pt='O conjunto "{name}" não tem datapackage.json no portal: não foi publicado pelo publisher.',
        en='Dataset "{name}" has no datapackage.json on the portal: it was not published by publisher.',
    ),
    "pull.error.bad-descriptor": Msg(
        pt='O datapackage.json do conjunto "{name}" no portal não é JSON válido.',
        en='The datapackage.json of dataset "{name}" on the portal is not valid JSON.',
    ),
    "pull.error.missing": Msg(
        pt='O recurso "{resource}" do datapackage.json não está no conjunto "{name}" do portal.',
        en='Resource "{resource}" of the datapackage.json is not in dataset "{name}" on the portal.',
    ),
    "pull.error.unsafe-path": Msg(
        pt='O conjunto "{name}" indica um caminho fora do pacote ("{path}"): nada foi gravado.',
        en='Dataset "{name}" names a path outside the package ("{path}"): nothing was written.',
    ),
    "pull.error.download": Msg(
        pt="{path}: o portal respondeu HTTP {status} ao baixar o arquivo.",
        en="{path}: the portal answered HTTP {status} to the download.",
    ),
    "pull.error.network": Msg(
        pt="{path}: o download falhou ({reason}); nada foi gravado.",
        en="{path}: the download failed ({reason}); nothing was written.",
    ),
    "pull.error.hash": Msg(
        pt="{path}: o arquivo baixado não confere com o sha256 registrado no portal ({got}… ≠ {want}…); "
        "nada foi gravado.",
        en="{path}: the downloaded file does not match the sha256 the portal records ({got}… ≠ {want}…); "
        "nothing was written.",
    ),
    "pull.done": Msg(
        pt='Conjunto "{name}" baixado em {folder}: {files} arquivos, {size}, conferidos pelo sha256.',
        en='Dataset "{name}" downloaded into {folder}: {files} files, {size}, checked by sha256.',
    ),
    "pull.next": Msg(
        pt="Para conferir: publisher validate {folder}",
        en="To check it: publisher validate {folder}",
    ),
}
