"""Where notifications go: `jobs/notify.toml`, overridden by environment variables.

Secrets (the SMTP password, a webhook URL that embeds a key) are best given in the
environment or a file, never committed; they are `SecretStr` and never logged.

Environment overrides (each wins over the file):
  PUBLISHER_NOTIFY_WEBHOOK_URL              turns the webhook on
  PUBLISHER_NOTIFY_SMTP_HOST, _SMTP_PORT, _SMTP_USER, _SMTP_PASSWORD, _SMTP_PASSWORD_FILE,
  _SMTP_STARTTLS, _SMTP_SSL, PUBLISHER_NOTIFY_EMAIL_FROM, PUBLISHER_NOTIFY_EMAIL_TO (comma-separated)
  PUBLISHER_NOTIFY_ENABLED=0                silences every channel
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, SecretStr, ValidationError


class NotifyConfigError(ValueError):
    """notify.toml or its environment overrides cannot be used."""


class WebhookConfig(BaseModel):
    url: SecretStr | None = None
    timeout_s: float = 10.0
    attempts: int = Field(default=3, ge=1, le=10)

    @property
    def enabled(self) -> bool:
        return self.url is not None and bool(self.url.get_secret_value())


class EmailConfig(BaseModel):
    host: str | None = None
    port: int = 25
    username: str | None = None
    password: SecretStr | None = None
    starttls: bool = False
    ssl: bool = False
    sender: str = "publicador-dados-abertos@localhost"
    to: list[str] = Field(default_factory=list)
    timeout_s: float = 20.0

    @property
    def enabled(self) -> bool:
        return bool(self.host) and bool(self.to)


class NotifyConfig(BaseModel):
    enabled: bool = True
    # Which outcomes are worth a message.
    on_run_failed: bool = True
    on_invalid: bool = True
    on_overdue: bool = False
    webhook: WebhookConfig = Field(default_factory=WebhookConfig)
    email: EmailConfig = Field(default_factory=EmailConfig)

    @property
    def active(self) -> bool:
        return self.enabled and (self.webhook.enabled or self.email.enabled)


_TRUE = {"1", "true", "yes", "sim", "on"}
_FALSE = {"0", "false", "no", "nao", "não", "off", ""}


def _flag(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise NotifyConfigError(f"{name} must be true or false, not {value!r}")


def load_notify_config(path: Path | None, env: Mapping[str, str] | None = None) -> NotifyConfig:
    """The file (optional: a missing file means 'no channels') plus the environment."""
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    if path is not None and path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise NotifyConfigError(f"{path}: {exc}") from None
    notify = dict(data.get("notify", {}))
    webhook = dict(data.get("webhook", {}))
    email = dict(data.get("email", {}))
    if "from" in email:
        email["sender"] = email.pop("from")
    if "password" in email:
        raise NotifyConfigError(
            f"{path}: do not commit the SMTP password; use PUBLISHER_NOTIFY_SMTP_PASSWORD or _PASSWORD_FILE"
        )

    def get(key: str) -> str | None:
        value = env.get(f"PUBLISHER_NOTIFY_{key}")
        return value if value is not None else None

    if (v := get("ENABLED")) is not None:
        notify["enabled"] = _flag("PUBLISHER_NOTIFY_ENABLED", v)
    if (v := get("WEBHOOK_URL")) is not None:
        webhook["url"] = v or None
    if (v := get("SMTP_HOST")) is not None:
        email["host"] = v or None
    if (v := get("SMTP_PORT")) is not None:
        email["port"] = v
    if (v := get("SMTP_USER")) is not None:
        email["username"] = v or None
    if (v := get("SMTP_PASSWORD")) is not None:
        email["password"] = v or None
    elif (v := get("SMTP_PASSWORD_FILE")) is not None:
        try:
            email["password"] = Path(v).read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            raise NotifyConfigError(f"cannot read PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE {v}: {exc.strerror}") from None
    for key, field in (("SMTP_STARTTLS", "starttls"), ("SMTP_SSL", "ssl")):
        if (v := get(key)) is not None:
            email[field] = _flag(f"PUBLISHER_NOTIFY_{key}", v)
    if (v := get("EMAIL_FROM")) is not None:
        email["sender"] = v
    if (v := get("EMAIL_TO")) is not None:
        email["to"] = [a.strip() for a in v.split(",") if a.strip()]
    try:
        return NotifyConfig.model_validate({**notify, "webhook": webhook, "email": email})
    except ValidationError as exc:
        # pydantic's text shows the input values; the password must not be among them.
        fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in exc.errors())
        raise NotifyConfigError(f"invalid notification settings: {fields}") from None
