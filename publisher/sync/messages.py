"""Messages of the publish engine in pt-BR (default) and English, and the mapping of
exceptions to stable error codes. Every message is scrubbed of the API token.
"""

from __future__ import annotations

from typing import Any

from publisher.ckan.errors import CKANAPIError, CkanError, NotAuthorized, NotFound, ValidationError, scrub
from publisher.ckan.mapping import MappingError
from publisher.settings import Lang

_M: dict[str, tuple[str, str]] = {
    # errors (code -> pt, en)
    "organization-unknown": (
        "A organização {detail} não existe no portal nem em datapackages/organizations.json: cadastre-a no arquivo.",
        "Organization {detail} is neither on the portal nor in datapackages/organizations.json: add it to the file.",
    ),
    "organization-missing": ("O pacote não declara owner_org: {detail}", "The package declares no owner_org: {detail}"),
    "license-unknown": (
        "Licença sem equivalente no portal (CKAN): {detail}",
        "License with no CKAN equivalent: {detail}",
    ),
    "resource-not-local": (
        "Só arquivos locais podem ser publicados: {detail}",
        "Only local files can be published: {detail}",
    ),
    "resource-name-reserved": ("Nome de recurso reservado: {detail}", "Reserved resource name: {detail}"),
    "ckan-validation": ("O portal recusou os dados: {detail}", "The portal rejected the data: {detail}"),
    "not-authorized": (
        "O token não tem permissão para esta operação no portal: {detail}",
        "The token is not allowed to do this on the portal: {detail}",
    ),
    "not-found": ("Não encontrado no portal: {detail}", "Not found on the portal: {detail}"),
    "portal-unreachable": (
        "O portal não responde; nada foi feito. Confira CKAN_URL e se o portal está no ar: {detail}",
        "The portal does not answer; nothing was done. Check CKAN_URL and whether the portal is up: {detail}",
    ),
    "portal-unavailable": (
        "Portal indisponível após novas tentativas: {detail}",
        "Portal unavailable after retries: {detail}",
    ),
    "portal-transient": ("Falha passageira do portal: {detail}", "Transient portal failure: {detail}"),
    "portal-unexpected-response": (
        "Resposta inesperada do portal: {detail}",
        "Unexpected answer from the portal: {detail}",
    ),
    "upload-too-large": (
        "Arquivo maior que o limite do portal (ckan.max_resource_size): {detail}",
        "File larger than the portal limit (ckan.max_resource_size): {detail}",
    ),
    "file-changed": (
        "O arquivo mudou durante a publicação; valide e publique de novo: {detail}",
        "The file changed while being published; validate and publish again: {detail}",
    ),
    "portal-mismatch": (
        "O portal guardou valores diferentes dos enviados: {detail}",
        "The portal stored other values than sent: {detail}",
    ),
    "local-file-error": ("Não foi possível ler um arquivo local: {detail}", "Could not read a local file: {detail}"),
    "ckan-error": ("Erro do portal: {detail}", "Portal error: {detail}"),
    "unexpected": ("Erro inesperado: {detail}", "Unexpected error: {detail}"),
    "no-token": (
        "Sem token de API: defina CKAN_API_TOKEN ou CKAN_API_TOKEN_FILE.",
        "No API token: set CKAN_API_TOKEN or CKAN_API_TOKEN_FILE.",
    ),
    # verification problems
    "verify-missing": ("não está no portal", "not on the portal"),
    "verify-state": ("estado no portal é {detail}, não active", "portal state is {detail}, not active"),
    "verify-private": ("o conjunto está privado no portal", "the dataset is private on the portal"),
    "verify-pending": (
        "a publicação ainda tem mudanças pendentes: {detail}",
        "publishing still has pending changes: {detail}",
    ),
    "verify-resource-missing": ("recurso {detail} não está no portal", "resource {detail} is not on the portal"),
    "verify-download": ("download falhou para o recurso {detail}", "download failed for resource {detail}"),
    "verify-size": ("tamanho diferente no recurso {detail}", "size differs for resource {detail}"),
    "verify-hash": (
        "conteúdo diferente (sha256) no recurso {detail}",
        "content differs (sha256) for resource {detail}",
    ),
    "verify-local": ("pacote local ilegível: {detail}", "unreadable local package: {detail}"),
    "retire-not-found": ("O conjunto {detail} não existe no portal.", "Dataset {detail} does not exist on the portal."),
}


def message(code: str, lang: Lang, detail: Any = "") -> str:
    pt, en = _M.get(code, ("{detail}", "{detail}"))
    return (pt if lang == "pt" else en).format(detail=detail)


def _validation_detail(exc: ValidationError) -> str:
    errors: Any = getattr(exc, "error_dict", None)
    if not isinstance(errors, dict):
        return str(exc)
    parts = []
    for key, value in sorted(errors.items()):
        if key.startswith("__"):
            continue
        text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{key}: {text}")
    return ", ".join(parts) or str(errors.get("message") or errors)


def error_code(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "ckan-validation"
    if isinstance(exc, NotAuthorized):
        return "not-authorized"
    if isinstance(exc, NotFound):
        return "not-found"
    if isinstance(exc, (CkanError, MappingError)):
        return str(getattr(exc, "code", "ckan-error"))
    if isinstance(exc, CKANAPIError):
        return "ckan-error"
    if isinstance(exc, OSError):
        return "local-file-error"
    return "unexpected"


def describe(exc: BaseException, lang: Lang, secret: str | None) -> tuple[str, str]:
    """(code, localised message) for an exception, token-free."""
    code = error_code(exc)
    if isinstance(exc, ValidationError):
        detail = _validation_detail(exc)
    elif isinstance(exc, NotAuthorized):
        err: Any = getattr(exc, "extra_msg", None) or getattr(exc, "args", [""])
        detail = err.get("message", str(err)) if isinstance(err, dict) else str(exc)
    elif isinstance(exc, OSError):
        detail = f"{exc.filename or ''} {exc.strerror or exc}".strip()
    else:
        detail = str(exc) or type(exc).__name__
    # CKAN error texts can be long HTML pages; keep the message readable.
    detail = scrub(detail, secret)
    if len(detail) > 600:
        detail = detail[:600] + "…"
    return code, message(code, lang, detail)
