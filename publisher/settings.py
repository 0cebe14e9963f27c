"""One settings object, built at the edge (CLI, jobs) and passed in.

Values come from arguments, then environment variables (prefix `PUBLISHER_`,
plus the portal's conventional `CKAN_URL`, `CKAN_API_TOKEN`, `CKAN_API_TOKEN_FILE`),
then defaults. The API token is a `SecretStr`: its repr and str are masked, so it
cannot leak through logs, reports, the ledger or exception text by accident.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from publisher.messages import Lang

__all__ = ["Lang", "Settings", "SettingsError"]


class SettingsError(ValueError):
    """Settings that cannot be used (e.g. an unreadable token file)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PUBLISHER_", extra="ignore")

    root: Path = Field(default_factory=Path.cwd, description="Project root (holds datapackages/).")
    datapackages_dir: Path | None = Field(default=None, description="Catalogue folder; default ROOT/datapackages.")
    lang: Lang = "pt"
    timezone: str = Field(
        default="America/Sao_Paulo",
        description="The clock every time shown to people is on (IANA name); jobs/schedule.toml's `timezone` too.",
    )

    ckan_url: str = Field(
        default="http://127.0.0.1:5000",
        validation_alias=AliasChoices("CKAN_URL", "PUBLISHER_CKAN_URL"),
    )
    ckan_api_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("CKAN_API_TOKEN", "PUBLISHER_CKAN_API_TOKEN"),
    )
    ckan_api_token_file: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("CKAN_API_TOKEN_FILE", "PUBLISHER_CKAN_API_TOKEN_FILE"),
    )
    timeout_seconds: float = 60.0
    retries: int = 4
    max_requests_per_second: float = Field(default=50.0, description="Request-rate limit toward the portal (0 = none).")

    # Validation limits.
    max_file_bytes: int = Field(default=5 * 1024**3, description="Largest data file accepted.")
    max_resource_size_bytes: int = Field(
        default=10 * 1024**3,
        description="The portal's ckan.max_resource_size; CKAN does not expose it, so it is a setting.",
    )
    allow_remote_data: bool = False

    validation_cache: bool = Field(default=True, description="Reuse reports of unchanged packages (keyed by content).")
    ledger_path: Path | None = Field(default=None, description="Default ROOT/.publisher/ledger.sqlite.")

    @model_validator(mode="after")
    def _read_token_file(self) -> Settings:
        # An empty CKAN_API_TOKEN= (a common shell leftover) means "not set", not "an empty token".
        if self.ckan_api_token is not None and not self.ckan_api_token.get_secret_value().strip():
            self.ckan_api_token = None
        if self.ckan_api_token is None and self.ckan_api_token_file is not None:
            try:
                text = self.ckan_api_token_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                # Only the path is named: the content is the secret.
                raise SettingsError(
                    f"cannot read CKAN_API_TOKEN_FILE {self.ckan_api_token_file}: {exc.strerror}"
                ) from None
            self.ckan_api_token = SecretStr(text) if text else None
        return self

    @property
    def catalogue_dir(self) -> Path:
        return self.datapackages_dir or self.root / "datapackages"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".publisher" / "cache"

    @property
    def ledger_file(self) -> Path:
        return self.ledger_path or self.root / ".publisher" / "ledger.sqlite"

    def token_value(self) -> str | None:
        """The raw token, for the HTTP layer only."""
        return self.ckan_api_token.get_secret_value() if self.ckan_api_token else None
