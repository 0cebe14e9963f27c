"""One settings object, built once at the edge (CLI, jobs) and passed in.

Sources, highest first: arguments, environment variables, a `.env` file in the working
directory, `*_FILE` secrets, the TOML files under `jobs/` (`schedule.toml` gives the
`timezone` when `PUBLISHER_TIMEZONE` is not set), then defaults.

Sections:
- the top level: prefix `PUBLISHER_`, plus the portal's conventional `CKAN_URL`,
  `CKAN_API_TOKEN`, `CKAN_API_TOKEN_FILE`;
- `jobs`: where the jobs' files are (`PUBLISHER_SCHEDULE_FILE`, `PUBLISHER_GOALS_FILE`,
  `PUBLISHER_NOTIFY_FILE`; default ROOT/jobs/...);
- `notify`: the `PUBLISHER_NOTIFY_*` overrides of `jobs/notify.toml`.

A bad value raises `SettingsError` (never pydantic's `ValidationError`), whose text names
the variable and what is wrong, in the requested language. The API token is a `SecretStr`
and its file is read only when the token is asked for, so commands that do not talk to
the portal work with a broken token file.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import (
    AliasChoices,
    BeforeValidator,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, SettingsConfigDict

from publisher.messages import LANGS, Lang, text
from publisher.package_files import DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_METADATA_BYTES, DEFAULT_MAX_NOTES_BYTES, Limits

__all__ = ["JobsFiles", "Lang", "NotifyEnv", "Settings", "SettingsError", "explain_error", "file_problem"]

ENV_FILE = ".env"
DEFAULT_TIMEZONE = "America/Sao_Paulo"


class SettingsError(ValueError):
    """Settings that cannot be used; the text names the variable (or file) and the fix."""


class SettingProblem(ValueError):
    """Raised inside validators: a catalogue key instead of English text, rendered later
    in the requested language (a validator does not know it yet)."""

    def __init__(self, key: str, variable: str | None = None, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.variable = variable
        self.values = values


_TRUE = {"1", "true", "yes", "sim", "on"}
_FALSE = {"0", "false", "no", "nao", "não", "off", ""}


def _flag(value: Any) -> Any:
    """Yes/no in either language; an empty variable means "no" (a shell leftover)."""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise SettingProblem("settings.value.not_flag", value=repr(value))
    return value


def _blank_is_none(value: Any) -> Any:
    """`VAR=` (empty) means "not set", not an empty host, user or URL."""
    if isinstance(value, str) and not value.strip():
        return None
    return value


Flag = Annotated[bool, BeforeValidator(_flag)]
OptionalFlag = Annotated[bool | None, BeforeValidator(_flag)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_is_none)]
OptionalSecret = Annotated[SecretStr | None, BeforeValidator(_blank_is_none)]
OptionalPath = Annotated[Path | None, BeforeValidator(_blank_is_none)]


class _Section(BaseSettings):
    """A settings section with its own variable prefix."""

    @classmethod
    def load(cls, lang: Lang | None = None) -> Any:
        """From the environment and .env; a bad value is a SettingsError in `lang`."""
        try:
            return cls()
        except ValidationError as exc:
            raise settings_error(exc, requested_lang(lang)) from None


class JobsFiles(_Section):
    """Where the jobs' configuration files are; None means ROOT/jobs/<default name>."""

    model_config = SettingsConfigDict(env_prefix="PUBLISHER_", env_file=ENV_FILE, extra="ignore")

    schedule_file: OptionalPath = None
    goals_file: OptionalPath = None
    notify_file: OptionalPath = None


class NotifyEnv(_Section):
    """The environment's overrides of jobs/notify.toml (each wins over the file)."""

    model_config = SettingsConfigDict(env_prefix="PUBLISHER_NOTIFY_", env_file=ENV_FILE, extra="ignore")

    enabled: OptionalFlag = None
    webhook_url: OptionalSecret = None
    smtp_host: OptionalText = None
    smtp_port: Annotated[int | None, BeforeValidator(_blank_is_none)] = Field(default=None, ge=1, le=65535)
    smtp_user: OptionalText = None
    smtp_password: OptionalSecret = None
    smtp_password_file: OptionalPath = None
    smtp_starttls: OptionalFlag = None
    smtp_ssl: OptionalFlag = None
    email_from: OptionalText = None
    email_to: OptionalText = Field(default=None, description="Comma-separated addresses.")

    @property
    def recipients(self) -> list[str] | None:
        if self.email_to is None:
            return None
        return [address.strip() for address in self.email_to.split(",") if address.strip()]

    @classmethod
    def from_mapping(cls, env: Mapping[str, str], lang: Lang | None = None) -> NotifyEnv:
        """From a mapping of variables (tests, embedding) instead of the process environment."""
        prefix = str(cls.model_config.get("env_prefix", ""))
        values = {k[len(prefix) :].lower(): v for k, v in env.items() if k.startswith(prefix)}
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            raise settings_error(exc, requested_lang(lang)) from None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PUBLISHER_", env_file=ENV_FILE, extra="ignore")

    root: Path = Field(default_factory=Path.cwd, description="Project root (holds datapackages/).")
    datapackages_dir: OptionalPath = Field(default=None, description="Catalogue folder; default ROOT/datapackages.")
    lang: Lang = "pt"
    timezone: str = Field(
        default=DEFAULT_TIMEZONE,
        description="The clock every time shown to people is on (IANA name); else jobs/schedule.toml's `timezone`.",
    )

    ckan_url: str = Field(
        default="http://127.0.0.1:5000",
        validation_alias=AliasChoices("CKAN_URL", "PUBLISHER_CKAN_URL"),
    )
    ckan_api_token: OptionalSecret = Field(
        default=None,
        validation_alias=AliasChoices("CKAN_API_TOKEN", "PUBLISHER_CKAN_API_TOKEN"),
    )
    ckan_api_token_file: OptionalPath = Field(
        default=None,
        validation_alias=AliasChoices("CKAN_API_TOKEN_FILE", "PUBLISHER_CKAN_API_TOKEN_FILE"),
    )
    token_file_strict: Flag = Field(
        default=False, description="Refuse a token file that group or others can read (else a warning)."
    )
    timeout_seconds: float = Field(default=60.0, gt=0)
    retries: int = Field(default=4, ge=0)
    max_requests_per_second: float = Field(
        default=50.0, ge=0, description="Request-rate limit toward the portal (0 = none)."
    )

    # Validation limits.
    max_file_bytes: int = Field(default=5 * 1024**3, gt=0, description="Largest data file accepted.")
    max_resource_size_bytes: int = Field(
        default=10 * 1024**3,
        gt=0,
        description="The portal's ckan.max_resource_size; CKAN does not expose it, so it is a setting.",
    )
    # The portal's multipart form limits (Werkzeug 3.1's defaults, which CKAN 2.12 keeps): a request
    # over them is refused with 413 before CKAN sees it, so large datasets are sent in batches.
    form_max_field_bytes: int = Field(
        default=500_000, gt=0, description="Largest non-file field of a multipart request (max_form_memory_size)."
    )
    form_max_parts: int = Field(
        default=1000, ge=4, description="Most parts (fields and files) in one multipart request (max_form_parts)."
    )
    allow_remote_data: Flag = False
    # Bounded input: what one package may ask of memory and time before anything is read whole.
    max_metadata_bytes: int = Field(
        default=DEFAULT_MAX_METADATA_BYTES,
        gt=0,
        description="Largest datapackage.json, external schema or dialect, README.md or CHANGELOG.md.",
    )
    max_json_depth: int = Field(
        default=DEFAULT_MAX_JSON_DEPTH, ge=2, description="Deepest nesting of objects and lists in a JSON file."
    )
    max_line_bytes: int = Field(default=8 * 1024**2, gt=0, description="Longest line of a data file.")
    max_cell_bytes: int = Field(default=4 * 1024**2, gt=0, description="Longest cell of a data file (characters).")
    max_notes_bytes: int = Field(
        default=DEFAULT_MAX_NOTES_BYTES,
        gt=0,
        description="Largest description, and notes (description and README) on the portal.",
    )

    # DataStore (queryable tables and their data dictionary on the portal): loaded after the files.
    datastore: Flag = Field(default=True, description="Load each tabular resource into CKAN's DataStore.")
    datastore_max_bytes: int = Field(
        default=512 * 1024**2,
        gt=0,
        description="Largest file (as published, compressed or not) loaded into the DataStore; larger ones are skipped.",
    )
    datastore_batch_rows: int = Field(default=5000, gt=0, description="Rows sent to the DataStore per request.")

    validation_cache: Flag = Field(default=True, description="Reuse reports of unchanged packages (keyed by content).")
    # A catalogue of thousands: read the portal in batches, and do not re-hash unchanged files.
    portal_batch_min: int = Field(
        default=20,
        ge=0,
        description="From this many target packages on, the portal is read in batches (package_search per"
        " organization) instead of one package_show each; 0 = never.",
    )
    stat_cache: Flag = Field(
        default=True,
        description="Remember file hashes by path, size, mtime and inode, so unchanged files are not re-hashed.",
    )
    package_zip: Flag = Field(
        default=True,
        description="Offer each dataset on the portal as one zip too (when it fits max_resource_size_bytes).",
    )
    ledger_path: OptionalPath = Field(default=None, description="Default ROOT/.publisher/ledger.sqlite.")

    jobs: JobsFiles = Field(default_factory=JobsFiles)
    notify: NotifyEnv = Field(default_factory=NotifyEnv)

    _token: SecretStr | None = PrivateAttr(default=None)
    _token_read: bool = PrivateAttr(default=False)

    # The sections are separate settings classes (their own prefixes); their errors name them.
    SECTIONS: ClassVar[tuple[type[BaseSettings], ...]] = (JobsFiles, NotifyEnv)

    def __init__(self, **values: Any) -> None:
        lang = requested_lang(values.get("lang"))
        # The sections read their own variables; built here so their errors speak `lang` too.
        values.setdefault("jobs", JobsFiles.load(lang))
        values.setdefault("notify", NotifyEnv.load(lang))
        try:
            super().__init__(**values)
        except ValidationError as exc:
            # One clear sentence instead of pydantic's report (which may echo a secret).
            raise settings_error(exc, lang) from None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if not _is_zone(value):
            raise SettingProblem("settings.timezone.unknown", value=value)
        return value

    @model_validator(mode="after")
    def _timezone_from_schedule(self) -> Settings:
        if "timezone" not in self.model_fields_set:
            zone = _schedule_timezone(self.schedule_file)
            if zone is not None:
                if not _is_zone(zone):
                    raise SettingProblem("settings.timezone.unknown", variable=str(self.schedule_file), value=zone)
                self.timezone = zone
        return self

    @property
    def catalogue_dir(self) -> Path:
        return self.datapackages_dir or self.root / "datapackages"

    @property
    def cache_dir(self) -> Path:
        return self.root / ".publisher" / "cache"

    @property
    def build_dir(self) -> Path:
        """Files made for the portal from each package (its datapackage.json with portal URLs, its zip)."""
        return self.cache_dir / "portal-files"

    @property
    def limits(self) -> Limits:
        return Limits(self.max_metadata_bytes, self.max_json_depth, self.max_notes_bytes)

    @property
    def ledger_file(self) -> Path:
        return self.ledger_path or self.root / ".publisher" / "ledger.sqlite"

    @property
    def jobs_dir(self) -> Path:
        return self.root / "jobs"

    @property
    def schedule_file(self) -> Path:
        return self.jobs.schedule_file or self.jobs_dir / "schedule.toml"

    @property
    def goals_file(self) -> Path:
        return self.jobs.goals_file or self.jobs_dir / "goals.toml"

    @property
    def notify_file(self) -> Path:
        return self.jobs.notify_file or self.jobs_dir / "notify.toml"

    def token_value(self) -> str | None:
        """The raw token, for the HTTP layer only. Its file is read here, on first use, so a
        broken token file stops only the commands that talk to the portal (SettingsError)."""
        if self.ckan_api_token is not None:
            return self.ckan_api_token.get_secret_value()
        if not self._token_read and self.ckan_api_token_file is not None:
            refused = self._token_file_message("settings.token_file.refused") if self.token_file_strict else None
            if refused:
                raise SettingsError(refused)
            content = read_secret_file(self.ckan_api_token_file, "CKAN_API_TOKEN_FILE", self.lang)
            self._token = SecretStr(content) if content else None
            self._token_read = True
        return self._token.get_secret_value() if self._token else None

    def token_file_warning(self) -> str | None:
        """What is wrong with the token file's permissions (group or others may read it, as ssh
        warns of a private key), or None: the CLI shows it (the library never prints)."""
        return self._token_file_message("settings.token_file.open")

    def _token_file_message(self, key: str) -> str | None:
        path = self.ckan_api_token_file
        if self.ckan_api_token is not None or path is None:
            return None
        try:
            mode = path.stat().st_mode
        except OSError:
            return None  # reading it says what is wrong
        if not mode & (stat.S_IRWXG | stat.S_IRWXO):
            return None
        return text(key, self.lang, path=path, mode=oct(stat.S_IMODE(mode))[2:].zfill(4))


def read_secret_file(path: Path, variable: str, lang: Lang) -> str:
    """A secret from a `*_FILE` variable, stripped. Only the path is ever named: the content is the secret."""
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SettingsError(text("settings.file.unreadable", lang, variable=variable, path=path,
                                 reason=file_problem(exc, lang))) from None  # fmt: skip


def file_problem(exc: OSError, lang: Lang) -> str:
    """Why a file could not be read, in words (strerror is English only)."""
    keys = {
        errno.ENOENT: "settings.file.missing",
        errno.EACCES: "settings.file.denied",
        errno.EPERM: "settings.file.denied",
        errno.EISDIR: "settings.file.is_dir",
    }
    key = keys.get(exc.errno or 0, "settings.file.other")
    return text(key, lang, code=errno.errorcode.get(exc.errno or 0, exc.__class__.__name__))


_TOML_POSITION = re.compile(r"line (\d+), column (\d+)")


def read_toml(path: Path, lang: Lang, error: Callable[[str], Exception]) -> dict[str, Any]:
    """A TOML file under jobs/ (schedule, goals, notify), or `error(message)` naming the file and
    what is wrong in `lang`: unreadable (why), or not TOML (where: tomllib's text is English,
    its position is what the reader needs)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise error(text("settings.toml.unreadable", lang, path=path, reason=file_problem(exc, lang))) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        where = _TOML_POSITION.search(str(exc))
        line, column = (where.group(1), where.group(2)) if where else ("?", "?")
        raise error(text("settings.toml.syntax", lang, path=path, line=line, column=column)) from None


def requested_lang(given: Any) -> Lang:
    """The language to explain a settings error in, before the settings exist:
    the argument, else PUBLISHER_LANG from the environment or .env, else Portuguese."""
    for candidate in (given, os.environ.get("PUBLISHER_LANG"), _dotenv_value("PUBLISHER_LANG")):
        for lang in LANGS:
            if candidate == lang:
                return lang
    return "pt"


def _dotenv_value(name: str) -> str | None:
    if not Path(ENV_FILE).is_file():
        return None
    return dotenv_values(ENV_FILE).get(name)


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _schedule_timezone(path: Path) -> str | None:
    """schedule.toml's `timezone`, if the file says one. A file that cannot be read is not this
    object's to judge: the scheduler reports it (runner.config) when it needs the schedule."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    zone = data.get("timezone")
    return zone if isinstance(zone, str) else None


# -- errors -------------------------------------------------------------------------------------

_SECRET_FIELDS = {"ckan_api_token", "smtp_password", "webhook_url"}

_ERROR_KEYS = {
    "int_parsing": "settings.value.not_integer",
    "int_from_float": "settings.value.not_integer",
    "float_parsing": "settings.value.not_number",
    "bool_parsing": "settings.value.not_flag",
    "literal_error": "settings.value.not_one_of",
    "greater_than": "settings.value.not_above",
    "greater_than_equal": "settings.value.too_small",
    "less_than": "settings.value.too_large",
    "less_than_equal": "settings.value.too_large",
    "missing": "settings.value.missing",
    "string_type": "settings.value.not_text",
    "list_type": "settings.value.not_list",
    "too_short": "settings.value.too_few",
}


def explain_error(error: ErrorDetails, lang: Lang, *, secret: bool = False) -> str:
    """One pydantic error as a sentence in `lang` (no variable name; the caller adds it).
    A secret's value is never repeated."""
    problem = error.get("ctx", {}).get("error")
    if isinstance(problem, SettingProblem):
        values = dict(problem.values)
        if secret:
            values.pop("value", None)
        return text(problem.key, lang, **values)
    ctx = error.get("ctx", {})
    value = "***" if secret else _short(error.get("input"))
    limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ctx.get("min_length")))))
    key = _ERROR_KEYS.get(error["type"], "settings.value.invalid")
    # pydantic joins the accepted values with an English "or".
    expected = str(ctx.get("expected", "")).replace(" or ", ", ")
    return text(key, lang, value=value, expected=expected, limit=limit)


def _short(value: Any) -> str:
    shown = repr(value) if isinstance(value, str) else str(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def settings_error(exc: ValidationError, lang: Lang) -> SettingsError:
    """pydantic's report as one SettingsError naming each bad variable."""
    models: tuple[type[BaseSettings], ...] = (Settings, *Settings.SECTIONS)
    model = next((m for m in models if m.__name__ == exc.title), Settings)
    lines = [_explain_variable(model, error, lang) for error in exc.errors()]
    return SettingsError("\n".join(lines))


def _explain_variable(model: type[BaseSettings], error: ErrorDetails, lang: Lang) -> str:
    problem = error.get("ctx", {}).get("error")
    field = str(error["loc"][0]) if error["loc"] else ""
    name = _field_name(model, field)
    if isinstance(problem, SettingProblem) and problem.variable:
        variable = problem.variable
    else:
        variable = variable_name(model, name) if name else ENV_FILE
    reason = explain_error(error, lang, secret=name in _SECRET_FIELDS)
    return text("settings.invalid", lang, variable=variable, reason=reason)


def _field_name(model: type[BaseSettings], loc: str) -> str | None:
    """The field a loc speaks of: a field name, or one of its aliases."""
    if loc in model.model_fields:
        return loc
    for name, info in model.model_fields.items():
        alias = info.validation_alias
        if isinstance(alias, AliasChoices) and loc in alias.choices:
            return name
        if alias == loc:
            return name
    return None


def variable_name(model: type[BaseSettings], field: str) -> str:
    """The environment variable that sets `field` of `model` (its first alias if it has one)."""
    alias = model.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    if isinstance(alias, str):
        return alias
    return (str(model.model_config.get("env_prefix", "")) + field).upper()
