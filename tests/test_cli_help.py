"""`publisher --help` and every `publisher <command> --help` speak one language: PUBLISHER_LANG's.

Help is printed before any --lang is read, so it follows PUBLISHER_LANG (default Portuguese).
Each help is run as a user runs it (a subprocess of the real CLI) in both languages, and each
of its texts is looked up by its catalogue key: present in the chosen language, absent in the
other one.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from publisher.messages import CATALOGUE, LANGS, Lang, text
from publisher.runner import JOB_NAMES

REPO = Path(__file__).resolve().parents[1]
VALUES = {"jobs": ", ".join(JOB_NAMES)}

_SHARED = ["cli.help.option.json", "cli.help.option.lang"]
_PATHS = ["cli.help.option.paths"]

# The catalogue keys each help shows: the command's own paragraphs, then its options.
HELP_KEYS: dict[str, list[str]] = {
    "validate": ["cli.help.validate", "cli.help.validate.exit", *_PATHS, *_SHARED],
    "new": [
        "cli.help.new",
        "cli.help.new.details",
        "cli.help.new.exit",
        "cli.help.new.name",
        "cli.help.new.from",
        "cli.help.new.org",
        *_SHARED,
    ],
    "adopt": [
        "cli.help.adopt",
        "cli.help.adopt.details",
        "cli.help.adopt.exit",
        "cli.help.adopt.path",
        "cli.help.adopt.yes",
        "cli.help.adopt.dry_run",
        *_SHARED,
    ],
    "plan": [
        "cli.help.plan",
        "cli.help.plan.exit",
        "cli.help.option.prune",
        "cli.help.option.allow_move",
        "cli.help.option.adopt",
        "cli.help.option.strict",
        *_PATHS,
        *_SHARED,
    ],
    "publish": [
        "cli.help.publish",
        "cli.help.publish.details",
        "cli.help.publish.exit",
        "cli.help.publish.dry_run",
        "cli.help.option.workers",
        "cli.help.option.prune",
        "cli.help.option.allow_move",
        "cli.help.option.adopt",
        "cli.help.option.strict",
        *_PATHS,
        *_SHARED,
    ],
    "verify": [
        "cli.help.verify",
        "cli.help.verify.details",
        "cli.help.verify.exit",
        "cli.help.option.strict",
        *_PATHS,
        *_SHARED,
    ],
    "retire": [
        "cli.help.retire",
        "cli.help.retire.details",
        "cli.help.retire.exit",
        "cli.help.retire.name",
        "cli.help.retire.undo",
        "cli.help.retire.reason",
        "cli.help.option.strict",
        *_SHARED,
    ],
    "pull": [
        "cli.help.pull",
        "cli.help.pull.details",
        "cli.help.pull.exit",
        "cli.help.pull.name",
        "cli.help.pull.to",
        "cli.help.pull.force",
        *_SHARED,
    ],
    "goal": [
        "cli.help.goal",
        "cli.help.goal.details",
        "cli.help.goal.exit",
        "cli.help.goal.goal",
        "cli.help.goal.html",
        "cli.help.goal.offline",
        "cli.help.goal.as_of",
        "cli.help.option.goals_file",
        *_SHARED,
    ],
    "export": ["cli.help.export", "cli.help.export.exit", "cli.help.export.dcat"],
    "export dcat": [
        "cli.help.export.dcat",
        "cli.help.export.dcat.details",
        "cli.help.export.dcat.exit",
        "cli.help.export.dcat.format",
        "cli.help.export.dcat.out",
        "cli.help.export.dcat.portal_url",
        "cli.help.export.dcat.no_portal",
        *_PATHS,
        *_SHARED,
    ],
    "status": [
        "cli.help.status",
        "cli.help.status.exit",
        "cli.help.status.limit",
        "cli.help.option.schedule_file",
        *_SHARED,
    ],
    "schedule": [
        "cli.help.schedule",
        "cli.help.schedule.details",
        "cli.help.schedule.exit",
        "cli.help.schedule.once",
        "cli.help.schedule.job",
        "cli.help.schedule.log_json",
        "cli.help.schedule.verbose",
        "cli.help.option.goals_file",
        "cli.help.option.schedule_file",
        *_SHARED,
    ],
}
COMMANDS = list(HELP_KEYS)
# `publisher --help`: the app's paragraphs, and each command's summary in the list of commands
# (a group's subcommands, "export dcat", are listed in the group's own help).
APP_KEYS = [
    "cli.help.app",
    "cli.help.app.details",
    "cli.help.app.exit",
    *(f"cli.help.{c}" for c in COMMANDS if " " not in c),
]

BOX = re.compile(r"[│╭╮╰╯─]")


def flat(output: str) -> str:
    """The help without its frames and line breaks: a wrapped sentence reads as one line."""
    return " ".join(BOX.sub(" ", output).split())


def sentence(key: str, lang: Lang) -> str:
    return " ".join(text(key, lang, **VALUES).split())


def help_output(args: list[str], lang: Lang, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PUBLISHER_", "CKAN_"))}
    env.update(
        PUBLISHER_LANG=lang,
        COLUMNS="250",
        PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    )
    proc = subprocess.run(
        [sys.executable, "-c", "from publisher.cli import main; main()", *args, "--help"],
        env=env,
        cwd=cwd,  # no .env here: only the variable decides
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert proc.returncode == 0, proc.stderr
    return flat(proc.stdout)


def other(lang: Lang) -> Lang:
    return "en" if lang == "pt" else "pt"


def check(output: str, keys: list[str], lang: Lang) -> None:
    missing = [key for key in keys if sentence(key, lang) not in output]
    foreign = [key for key in keys if sentence(key, other(lang)) in output]
    assert missing == [], f"{lang}: not shown: {missing}\n{output}"
    assert foreign == [], f"{lang}: shown in the other language: {foreign}\n{output}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_is_in_the_chosen_language(command: str, lang: Lang, tmp_path: Path) -> None:
    check(help_output(command.split(), lang, tmp_path), HELP_KEYS[command], lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_app_help_is_in_the_chosen_language(lang: Lang, tmp_path: Path) -> None:
    check(help_output([], lang, tmp_path), APP_KEYS, lang)


def test_every_help_text_is_checked_and_says_each_thing_once_per_language() -> None:
    help_keys = {key for key in CATALOGUE if key.startswith("cli.help.")}
    checked = set(APP_KEYS).union(*HELP_KEYS.values())
    assert help_keys == checked
    for command in COMMANDS:
        exit_codes = CATALOGUE[f"cli.help.{command.replace(' ', '.')}.exit"]
        assert exit_codes.pt.startswith("Saída: 0") and exit_codes.en.startswith("Exit: 0"), command
    for key in help_keys:
        pt, en = CATALOGUE[key]
        assert pt != en, key
        for message in (pt, en):
            assert " / " not in message, f"{key}: a bilingual pair: {message!r}"
            assert "[" not in message, f"{key}: rich markup would eat {message!r}"
