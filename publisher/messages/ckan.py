"""Messages of the CKAN layer: network failures, retries, refused uploads, the portal check.
Keys start with `ckan.`. They are details: the publish engine's `sync.error.*` message frames them."""

from __future__ import annotations

from typing import Final

from publisher.messages.msg import Msg

MESSAGES: Final[dict[str, Msg]] = {
    # Network failures, as an operator reads them (the exception's class name kept for searching).
    "ckan.net.connect-timeout": Msg(
        pt="nenhuma conexão antes do tempo limite ({name})", en="no connection before the timeout ({name})"
    ),
    "ckan.net.read-timeout": Msg(
        pt="nenhuma resposta antes do tempo limite ({name})", en="no answer before the timeout ({name})"
    ),
    "ckan.net.tls": Msg(pt="falha de TLS: {detail} ({name})", en="TLS failure: {detail} ({name})"),
    "ckan.net.refused": Msg(
        pt="conexão recusada: o portal está no ar neste endereço? ({name})",
        en="connection refused: is the portal running at this address? ({name})",
    ),
    "ckan.net.host-unknown": Msg(pt="nome do servidor não encontrado ({name})", en="host name not found ({name})"),
    "ckan.net.closed": Msg(pt="o portal fechou a conexão ({name})", en="the portal closed the connection ({name})"),
    "ckan.net.unreachable": Msg(pt="rede inacessível ({name})", en="network unreachable ({name})"),
    "ckan.net.other": Msg(pt="{name}: {detail}", en="{name}: {detail}"),
    "ckan.http-status": Msg(
        pt="o portal respondeu HTTP {status} {reason}", en="the portal answered HTTP {status} {reason}"
    ),
    "ckan.unexpected": Msg(pt="{what}: {reason}", en="{what}: {reason}"),
    # Retries: the log line of each one, and the failure after the last.
    "ckan.retry": Msg(pt="{what}: {reason}; nova tentativa {n}/{total}", en="{what}: {reason}; retry {n}/{total}"),
    "ckan.after-attempts": Msg(
        pt="{what}: {reason} (após {tries} tentativa(s))", en="{what}: {reason} (after {tries} attempt(s))"
    ),
    # The portal check before a run.
    "ckan.unreachable": Msg(pt="{url}: {reason}", en="{url}: {reason}"),
    "ckan.not-ckan.no-status-show": Msg(
        pt="{url}: a ação status_show não existe aí (CKAN_URL é o endereço raiz do portal?)",
        en="{url}: status_show not found (is CKAN_URL the portal's root address?)",
    ),
    "ckan.not-ckan.not-api": Msg(
        pt="{url}: a resposta não é da API do CKAN (CKAN_URL é o endereço raiz do portal?)",
        en="{url}: the answer is not CKAN's API (is CKAN_URL the portal's root address?)",
    ),
    # Uploads.
    "ckan.upload-too-large": Msg(
        pt="{path}: {size} bytes, acima do limite do portal de {limit} bytes",
        en="{path}: {size} bytes exceeds the portal limit of {limit} bytes",
    ),
    "ckan.file-changed": Msg(
        pt="{path}: sha256 enviado {sent}, validado {validated}",
        en="{path}: sent sha256 {sent}, validated {validated}",
    ),
    "ckan.organization-created": Msg(pt="organização {name} criada no portal", en="created organization {name}"),
}
