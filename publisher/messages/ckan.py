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

# Large packages and portal error pages: a refusal the portal answered with a page instead of CKAN's
# API (one sentence: the action, the status, what it means; never the page), and a resource that no
# request within the portal's form limits can carry.
MESSAGES.update(
    {
        "ckan.refused": Msg(
            pt="o portal recusou {action}: HTTP {status}, {meaning}",
            en="the portal refused {action}: HTTP {status}, {meaning}",
        ),
        "ckan.refused.detail": Msg(
            pt="o portal recusou {action}: HTTP {status}, {detail}",
            en="the portal refused {action}: HTTP {status}, {detail}",
        ),
        "ckan.refused.status.400": Msg(pt="requisição malformada", en="malformed request"),
        "ckan.refused.status.401": Msg(
            pt="não autenticado (confira o token)", en="not authenticated (check the token)"
        ),
        "ckan.refused.status.403": Msg(pt="acesso negado", en="access denied"),
        "ckan.refused.status.404": Msg(
            pt="endereço não encontrado (CKAN_URL é o endereço raiz do portal?)",
            en="address not found (is CKAN_URL the portal's root address?)",
        ),
        "ckan.refused.status.405": Msg(pt="método não permitido", en="method not allowed"),
        "ckan.refused.status.408": Msg(
            pt="o portal cansou de esperar a requisição", en="the portal timed out waiting for the request"
        ),
        "ckan.refused.status.409": Msg(pt="conflito", en="conflict"),
        "ckan.refused.status.413": Msg(
            pt="requisição grande demais para o portal (limites de formulário: PUBLISHER_FORM_MAX_FIELD_BYTES, "
            "PUBLISHER_FORM_MAX_PARTS)",
            en="request too large for the portal (form limits: PUBLISHER_FORM_MAX_FIELD_BYTES, "
            "PUBLISHER_FORM_MAX_PARTS)",
        ),
        "ckan.refused.status.414": Msg(pt="endereço longo demais", en="address too long"),
        "ckan.refused.status.500": Msg(pt="erro interno do portal", en="internal error of the portal"),
        "ckan.refused.status.502": Msg(
            pt="o servidor à frente do portal não obteve resposta dele",
            en="the server in front of the portal got no answer from it",
        ),
        "ckan.refused.status.503": Msg(pt="portal indisponível no momento", en="portal unavailable at the moment"),
        "ckan.refused.status.504": Msg(
            pt="o servidor à frente do portal esperou demais por ele",
            en="the server in front of the portal waited too long for it",
        ),
        "ckan.refused.status.other": Msg(pt="a resposta não é da API do CKAN", en="the answer is not CKAN's API"),
        "ckan.form-too-large": Msg(
            pt="{what}: os metadados deste recurso sozinhos passam dos limites de formulário do portal "
            "({bytes} bytes por campo, {parts} partes por requisição)",
            en="{what}: this resource's metadata alone exceeds the portal's form limits "
            "({bytes} bytes per field, {parts} parts per request)",
        ),
    }
)

# Transient means transient: answers cut short are retried like other network failures.
MESSAGES.update(
    {
        "ckan.net.cut-short": Msg(
            pt="a resposta do portal chegou incompleta ({name})",
            en="the portal's answer arrived incomplete ({name})",
        ),
    }
)

# Dataset pages for people: structured extras written as text on the portal (always in Portuguese).
MESSAGES.update(
    {
        "ckan.period.range": Msg(pt="{start} a {end}", en="{start} to {end}"),
        "ckan.period.from": Msg(pt="a partir de {start}", en="from {start}"),
        "ckan.period.until": Msg(pt="até {end}", en="until {end}"),
    }
)

# The package's own files on the portal (descriptor, README, CHANGELOG, zip): resource titles
# and descriptions citizens read; always rendered in Portuguese, the portal's language.
MESSAGES.update(
    {
        "ckan.resource.descriptor.title": Msg(
            pt="Descritor do pacote de dados (datapackage.json)",
            en="Data package descriptor (datapackage.json)",
        ),
        "ckan.resource.descriptor.description": Msg(
            pt="Metadados completos deste conjunto no padrão Frictionless Data Package, com o dicionário de "
            "dados (Table Schema) de cada arquivo. Os caminhos apontam para os arquivos neste portal: "
            "ferramentas como `frictionless` leem o conjunto direto deste endereço.",
            en="This dataset's complete metadata as a Frictionless Data Package, with each file's data "
            "dictionary (Table Schema). Paths point at the files on this portal: tools such as "
            "`frictionless` read the dataset straight from this address.",
        ),
        "ckan.resource.readme.title": Msg(pt="Leia-me (README.md)", en="Read me (README.md)"),
        "ckan.resource.readme.description": Msg(
            pt="Apresentação do conjunto de dados: origem, uso e limitações.",
            en="About this dataset: origin, use and limitations.",
        ),
        "ckan.resource.changelog.title": Msg(
            pt="Histórico de alterações (CHANGELOG.md)", en="Change log (CHANGELOG.md)"
        ),
        "ckan.resource.changelog.description": Msg(
            pt="O que mudou em cada versão deste conjunto de dados.",
            en="What changed in each version of this dataset.",
        ),
        "ckan.resource.zip.title": Msg(
            pt="Conjunto completo em um arquivo (.zip)", en="The whole dataset in one file (.zip)"
        ),
        "ckan.resource.zip.description": Msg(
            pt="O pacote de dados inteiro: datapackage.json, os arquivos de dados, README e CHANGELOG. "
            "Descompacte e use com qualquer ferramenta Frictionless.",
            en="The whole data package: datapackage.json, the data files, README and CHANGELOG. "
            "Unzip it and use it with any Frictionless tool.",
        ),
    }
)

# Atomic updates and interruptions: a first SIGTERM stops before the next request.
MESSAGES.update(
    {
        "ckan.stopped": Msg(
            pt="parado a pedido (sinal recebido): o pedido em andamento terminou, nenhum outro foi enviado",
            en="stopped on request (signal received): the request in flight finished, no other was sent",
        ),
    }
)
