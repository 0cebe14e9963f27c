"""Where notifications go: `jobs/notify.toml`, overridden by the settings' `notify` section
(the `PUBLISHER_NOTIFY_*` variables, see `publisher.settings.NotifyEnv`).

Secrets (the SMTP password, a webhook URL that embeds a key) are best given in the
environment or a file (`PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE`), never committed; they are
`SecretStr` and never logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, SecretStr, ValidationError

from publisher.messages import Lang, text
from publisher.settings import (
    NotifyEnv,
    Settings,
    SettingsError,
    explain_error,
    read_secret_file,
    read_toml,
)


class NotifyConfigError(SettingsError):
    """notify.toml or its environment overrides cannot be used; the text names the file or variable."""


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


def notify_config(settings: Settings) -> NotifyConfig:
    """The notification channels the settings point at (their notify file and `notify` section)."""
    return load_notify_config(settings.notify_file, settings.notify, lang=settings.lang)


def load_notify_config(
    path: Path | None, env: NotifyEnv | Mapping[str, str] | None = None, *, lang: Lang = "pt"
) -> NotifyConfig:
    """The file (optional: a missing file means 'no channels') plus the environment's overrides.
    `env`: the settings' section; a mapping of variables (tests); None reads the process environment."""
    overrides = _overrides(env, lang)
    data = _read_file(path, lang)
    notify = dict(data.get("notify", {}))
    webhook = dict(data.get("webhook", {}))
    email = dict(data.get("email", {}))
    if "from" in email:
        email["sender"] = email.pop("from")
    if "password" in email:
        raise NotifyConfigError(text("notify.config.committed_password", lang, path=path))
    if overrides.enabled is not None:
        notify["enabled"] = overrides.enabled
    if overrides.webhook_url is not None:
        webhook["url"] = overrides.webhook_url
    email.update(_email_overrides(overrides, lang))
    try:
        return NotifyConfig.model_validate({**notify, "webhook": webhook, "email": email})
    except ValidationError as exc:
        # Never pydantic's own text: it shows the input values, and the password must not be among them.
        problems = "; ".join(_explain(e, lang) for e in exc.errors())
        raise NotifyConfigError(text("notify.config.invalid", lang, path=path, problems=problems)) from None


def _overrides(env: NotifyEnv | Mapping[str, str] | None, lang: Lang) -> NotifyEnv:
    if isinstance(env, NotifyEnv):
        return env
    try:
        return NotifyEnv.load(lang) if env is None else NotifyEnv.from_mapping(env, lang)
    except SettingsError as exc:
        raise NotifyConfigError(str(exc)) from None


def _read_file(path: Path | None, lang: Lang) -> dict[str, Any]:
    if path is None or not path.is_file():
        return {}
    return read_toml(path, lang, NotifyConfigError)


def _email_overrides(env: NotifyEnv, lang: Lang) -> dict[str, Any]:
    """The e-mail fields the environment sets (a set variable wins over the file)."""
    found: dict[str, Any] = {
        "host": env.smtp_host,
        "port": env.smtp_port,
        "username": env.smtp_user,
        "starttls": env.smtp_starttls,
        "ssl": env.smtp_ssl,
        "sender": env.email_from,
        "to": env.recipients,
        "password": env.smtp_password,
    }
    if env.smtp_password is None and env.smtp_password_file is not None:
        try:
            secret = read_secret_file(env.smtp_password_file, "PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE", lang)
        except SettingsError as exc:
            raise NotifyConfigError(str(exc)) from None
        found["password"] = SecretStr(secret) if secret else None
    return {key: value for key, value in found.items() if value is not None}


_SECRETS = {"password", "url"}


def _explain(error: Any, lang: Lang) -> str:
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {explain_error(error, lang, secret=str(error['loc'][-1]) in _SECRETS)}"
