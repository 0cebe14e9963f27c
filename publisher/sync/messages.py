"""The mapping of exceptions to the publish engine's stable error codes, and their messages
(worded in the catalogue, `publisher/messages/sync.py`). Every message is scrubbed of the API token.
"""

from __future__ import annotations

from typing import Any

from publisher.ckan.errors import CKANAPIError, CkanError, NotAuthorized, NotFound, ValidationError, scrub
from publisher.ckan.mapping import MappingError
from publisher.messages import CATALOGUE, text
from publisher.settings import Lang


def message_key(code: str) -> str:
    """The catalogue key of an error code or a verification problem."""
    if code.startswith("verify-"):
        return "sync.verify." + code.removeprefix("verify-")
    if code.startswith("retire-"):
        return "sync.retire." + code.removeprefix("retire-")
    return "sync.error." + code


def message(code: str, lang: Lang, detail: Any = "") -> str:
    """The message of `code` in `lang`; a code without one is shown by its detail alone."""
    key = message_key(code)
    return text(key, lang, detail=detail) if key in CATALOGUE else str(detail)


def _validation_detail(exc: ValidationError) -> str:
    errors: Any = getattr(exc, "error_dict", None)
    if not isinstance(errors, dict):
        return str(exc)
    parts = []
    for key, value in sorted(errors.items()):
        if key.startswith("__"):
            continue
        said = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{key}: {said}")
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
    elif isinstance(exc, CkanError):
        detail = exc.localized(lang) or type(exc).__name__
    else:
        detail = str(exc) or type(exc).__name__
    # CKAN error texts can be long HTML pages; keep the message readable.
    detail = scrub(detail, secret)
    if len(detail) > 600:
        detail = detail[:600] + "…"
    return code, message(code, lang, detail)
