"""One settings object: its sources (environment, .env, *_FILE secrets, jobs/*.toml), its sections,
and the CLI's single answer to a bad value (one message naming the variable, exit 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from publisher.notify import NotifyConfigError, notify_config
from publisher.runner import OpsPaths
from publisher.runner.config import schedule_config
from publisher.settings import Settings, SettingsError

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from publisher.cli import main; main()"]
TOKEN_SECRET = "tok-3n-segredo-nao-mostrar"


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test states the variables it means; the developer's own settings stay out."""
    for name in list(os.environ):
        if name.startswith(("CKAN_", "PUBLISHER_")):
            monkeypatch.delenv(name)


# -- the CLI: a bad value is one message and exit 2, for every command ----------------------------


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project root with the committed catalogue and jobs files, outside the checkout."""
    path = tmp_path_factory.mktemp("root")
    shutil.copytree(REPO / "datapackages", path / "datapackages")
    shutil.copytree(REPO / "jobs", path / "jobs", ignore=shutil.ignore_patterns("__pycache__"))
    (path / "dados.csv").write_text("codigo;nome\n1;Belo Horizonte\n", encoding="utf-8")
    return path


def _run(root: Path, *args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CKAN_", "PUBLISHER_"))}
    env.update(PYTHONPATH=str(REPO), CKAN_URL="http://127.0.0.1:9", COLUMNS="200", **variables)
    return subprocess.run([*CLI, *args], cwd=root, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "datapackages/iniciativas-tic-2022"],
        ["status"],
        ["goal", "--offline"],
        ["new", "municipios-teste", "--from", "dados.csv", "--org", "seplag"],
    ],
    ids=["validate", "status", "goal-offline", "new"],
)
def test_commands_that_need_no_token_work_with_a_broken_token_file(root: Path, args: list[str]) -> None:
    done = _run(root, *args, CKAN_API_TOKEN_FILE="/nonexistent/token")
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("args", [["plan"], ["verify"], ["retire", "nada-aqui"], ["schedule", "--once"]])
def test_commands_that_need_the_token_say_which_variable_is_broken(root: Path, args: list[str]) -> None:
    done = _run(root, *args, CKAN_API_TOKEN_FILE="/nonexistent/token")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "CKAN_API_TOKEN_FILE" in done.stderr and "/nonexistent/token" in done.stderr
    assert "o arquivo não existe" in done.stderr


def test_a_bad_number_is_one_message_in_the_requested_language(root: Path) -> None:
    portuguese = _run(root, "validate", "datapackages/iniciativas-tic-2022", PUBLISHER_RETRIES="abc")
    assert portuguese.returncode == 2 and "Traceback" not in portuguese.stderr
    assert "PUBLISHER_RETRIES" in portuguese.stderr and "não é um número inteiro" in portuguese.stderr
    by_option = _run(root, "validate", "--lang", "en", PUBLISHER_RETRIES="abc")
    by_variable = _run(root, "status", PUBLISHER_RETRIES="abc", PUBLISHER_LANG="en")
    for done in (by_option, by_variable):
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert "PUBLISHER_RETRIES" in done.stderr and "is not a whole number" in done.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PUBLISHER_LANG", "fr"),
        ("PUBLISHER_TIMEZONE", "America/Belo_Horizonte"),
        ("PUBLISHER_ALLOW_REMOTE_DATA", "talvez"),
        ("PUBLISHER_NOTIFY_SMTP_PORT", "porta"),
        ("PUBLISHER_MAX_FILE_BYTES", "0"),
    ],
)
def test_every_bad_variable_is_named_with_exit_2(root: Path, variable: str, value: str) -> None:
    done = _run(root, "status", **{variable: value})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert variable in done.stderr


def test_the_token_never_appears_in_a_settings_error(root: Path, tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN_SECRET, encoding="utf-8")
    done = _run(root, "status", CKAN_API_TOKEN=TOKEN_SECRET, PUBLISHER_RETRIES="-1")
    assert done.returncode == 2 and TOKEN_SECRET not in done.stderr + done.stdout


# -- the settings object ------------------------------------------------------------------------


def _root_with_schedule(tmp_path: Path, zone: str) -> Path:
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "schedule.toml").write_text(
        f'timezone = "{zone}"\n[[job]]\nname = "verify"\nat = "02:00"\n', encoding="utf-8"
    )
    return tmp_path


def test_the_schedule_file_gives_the_time_zone_unless_the_variable_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _root_with_schedule(tmp_path, "Asia/Tokyo")
    settings = Settings(root=root)
    assert settings.timezone == "Asia/Tokyo"
    assert schedule_config(settings).timezone == "Asia/Tokyo"
    monkeypatch.setenv("PUBLISHER_TIMEZONE", "America/Manaus")
    settings = Settings(root=root)
    assert settings.timezone == "America/Manaus"
    # The scheduler runs on the same clock status and the reports show.
    assert schedule_config(settings).timezone == "America/Manaus"
    assert Settings(root=tmp_path / "elsewhere").timezone == "America/Manaus"


def test_an_unknown_zone_in_the_schedule_file_names_the_file(tmp_path: Path) -> None:
    root = _root_with_schedule(tmp_path, "America/Belo_Horizonte")
    with pytest.raises(SettingsError, match="schedule.toml") as info:
        Settings(root=root)
    assert "Belo_Horizonte" in str(info.value)


def test_jobs_files_come_from_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = OpsPaths.from_settings(Settings(root=tmp_path))
    assert defaults.schedule_file == tmp_path / "jobs" / "schedule.toml"
    assert defaults.goals_file == tmp_path / "jobs" / "goals.toml"
    monkeypatch.setenv("PUBLISHER_SCHEDULE_FILE", str(tmp_path / "agenda.toml"))
    monkeypatch.setenv("PUBLISHER_GOALS_FILE", str(tmp_path / "metas.toml"))
    monkeypatch.setenv("PUBLISHER_NOTIFY_FILE", str(tmp_path / "avisos.toml"))
    settings = Settings(root=tmp_path)
    paths = OpsPaths.from_settings(settings)
    assert (paths.schedule_file, paths.goals_file, paths.notify_file) == (
        tmp_path / "agenda.toml",
        tmp_path / "metas.toml",
        tmp_path / "avisos.toml",
    )
    # A command-line option (--goals-file) is set on the same object and wins.
    given = Settings(root=tmp_path, jobs=settings.jobs.model_copy(update={"goals_file": tmp_path / "g.toml"}))
    assert OpsPaths.from_settings(given).goals_file == tmp_path / "g.toml"


def test_a_dotenv_file_is_read_and_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".env").write_text(
        "PUBLISHER_RETRIES=7\nPUBLISHER_LANG=en\nPUBLISHER_NOTIFY_SMTP_HOST=smtp.env.local\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    settings = Settings()
    assert (settings.retries, settings.lang, settings.notify.smtp_host) == (7, "en", "smtp.env.local")
    monkeypatch.setenv("PUBLISHER_RETRIES", "1")
    assert Settings().retries == 1
    # A bad value in .env is explained in .env's language.
    (tmp_path / ".env").write_text("PUBLISHER_LANG=en\nPUBLISHER_RETRIES=many\n", encoding="utf-8")
    monkeypatch.delenv("PUBLISHER_RETRIES")
    with pytest.raises(SettingsError, match="PUBLISHER_RETRIES: 'many' is not a whole number"):
        Settings()


def test_the_token_file_is_read_when_the_token_is_asked_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CKAN_API_TOKEN_FILE", str(tmp_path / "missing"))
    settings = Settings(root=tmp_path)  # nothing read yet: `validate` and `status` go on
    with pytest.raises(SettingsError, match="CKAN_API_TOKEN_FILE"):
        settings.token_value()
    (tmp_path / "token").write_text(f"  {TOKEN_SECRET}\n", encoding="utf-8")
    monkeypatch.setenv("CKAN_API_TOKEN_FILE", str(tmp_path / "token"))
    settings = Settings(root=tmp_path)
    assert settings.token_value() == TOKEN_SECRET
    assert TOKEN_SECRET not in repr(settings) and TOKEN_SECRET not in settings.model_dump_json()
    # An empty CKAN_API_TOKEN= is "not set": the file still counts.
    monkeypatch.setenv("CKAN_API_TOKEN", "")
    assert Settings(root=tmp_path).token_value() == TOKEN_SECRET


def test_the_notify_section_reads_the_documented_variables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    password = tmp_path / "smtp-password"
    password.write_text("s3nh4\n", encoding="utf-8")
    variables = {
        "PUBLISHER_NOTIFY_ENABLED": "sim",
        "PUBLISHER_NOTIFY_WEBHOOK_URL": "http://127.0.0.1:1/hook",
        "PUBLISHER_NOTIFY_SMTP_HOST": "smtp.local",
        "PUBLISHER_NOTIFY_SMTP_PORT": "2525",
        "PUBLISHER_NOTIFY_SMTP_USER": "robo",
        "PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE": str(password),
        "PUBLISHER_NOTIFY_SMTP_STARTTLS": "true",
        "PUBLISHER_NOTIFY_SMTP_SSL": "não",
        "PUBLISHER_NOTIFY_EMAIL_FROM": "robo@mg.local",
        "PUBLISHER_NOTIFY_EMAIL_TO": "a@mg.local, b@mg.local",
        "PUBLISHER_NOTIFY_FILE": str(REPO / "jobs" / "notify.toml"),
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    config = notify_config(Settings(root=tmp_path))
    assert config.active and config.webhook.enabled
    email = config.email
    assert (email.host, email.port, email.username, email.starttls, email.ssl) == (
        "smtp.local",
        2525,
        "robo",
        True,
        False,
    )
    assert (email.sender, email.to) == ("robo@mg.local", ["a@mg.local", "b@mg.local"])
    assert email.password is not None and email.password.get_secret_value() == "s3nh4"
    assert config.on_invalid  # from the committed file
    monkeypatch.setenv("PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE", str(tmp_path / "missing"))
    with pytest.raises(NotifyConfigError, match="PUBLISHER_NOTIFY_SMTP_PASSWORD_FILE"):
        notify_config(Settings(root=tmp_path, lang="en"))
