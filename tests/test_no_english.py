"""In Portuguese, the CLI says nothing in English: success and failure paths, human and `--json`.

Each command is run as a user runs it (a subprocess of the real CLI, `PUBLISHER_LANG=pt`,
against the local portal) and what a person reads is searched for English words: the
human output whole, and in `--json` the values meant to be read (messages, hints,
problems), not the keys and codes meant for machines. Identifiers are not words: code
spans, dataset names, paths, URLs and error codes are left out before the search.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures_publish import REPO, TmpCatalogue

# Common English words that are not Portuguese words (so "a", "no", "do", "as", "for",
# "set" are not here: they are Portuguese too).
ENGLISH = frozenset(
    """
    the and not is are was were with without of to from this that which when then there
    their it its an if else by at on or be been has have will would could should must cannot
    does did done nothing never already next only all any some each every into than
    file files failed error errors invalid unchanged created updated skipped succeeded
    interrupted running deleted active private public dataset datasets package packages
    resource resources field fields row rows column value expected found missing unknown
    verified uploaded request requests write writes retired counted organization
    run runs new change changes goal remaining pace projection month date source
    check see please none job jobs last schedule scheduled
    """.split()
)

# Keys of `--json` output whose values a person reads.
READ_KEYS = frozenset({"message", "hint", "error_message", "problems", "error", "summary", "reason_text"})

CODE_SPAN = re.compile(r"`[^`]*`")
PLURAL_MARK = re.compile(r"\((?:s|es|ões|ns|is)\)")  # "dataset(s)", "requisição(ões)"
IDENTIFIER_CHARS = re.compile(r"[-_/.:@=<>{}\[\]\\|#$%&*+0-9]")


def english_words(text: str, identifiers: set[str]) -> list[str]:
    """The English words in `text`, identifiers (names, paths, codes) left out."""
    found: list[str] = []
    for token in PLURAL_MARK.sub("", CODE_SPAN.sub(" ", text)).split():
        word = token.strip(",;:.!?()\"'«»“”…")
        if not word or word in identifiers or IDENTIFIER_CHARS.search(word):
            continue
        if word.lower() in ENGLISH:
            found.append(word)
    return found


def readable_values(data: Any, key: str | None = None) -> Iterator[str]:
    """Strings under READ_KEYS anywhere in a JSON document."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from readable_values(v, k)
    elif isinstance(data, list):
        for item in data:
            yield from readable_values(item, key)
    elif isinstance(data, str) and key in READ_KEYS:
        yield data


class Cli:
    def __init__(self, catalogue: TmpCatalogue) -> None:
        self.catalogue = catalogue
        self.identifiers: set[str] = {catalogue.org}
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PUBLISHER_", "CKAN_"))},
            "PUBLISHER_ROOT": str(catalogue.root),
            "PUBLISHER_DATAPACKAGES_DIR": str(catalogue.dir),
            "CKAN_URL": catalogue.ckan_url,
            "CKAN_API_TOKEN_FILE": str(catalogue.token_file),
            "PUBLISHER_LANG": "pt",
            "COLUMNS": "200",
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        }
        self.seen: list[tuple[str, str]] = []

    def __call__(self, *args: str, json_output: bool = False, **env: str) -> tuple[int, str]:
        argv = [sys.executable, "-c", "from publisher.cli import main; main()", *args]
        if json_output:
            argv.append("--json")
        proc = subprocess.run(
            argv,
            env={**self.env, **env},
            cwd=self.catalogue.root,
            capture_output=True,
            text=True,
            timeout=300,
            stdin=subprocess.DEVNULL,
        )
        label = " ".join(args) + (" --json" if json_output else "")
        assert "Traceback" not in proc.stderr, f"{label}: {proc.stderr}"
        if json_output:
            try:
                data = json.loads(proc.stdout)
            except json.JSONDecodeError:
                pytest.fail(f"{label}: no JSON on stdout: {proc.stdout!r} {proc.stderr!r}")
            for value in readable_values(data):
                self.seen.append((label, value))
            self.seen.append((label + " (stderr)", proc.stderr))
        else:
            self.seen.append((label, proc.stdout + proc.stderr))
        return proc.returncode, proc.stdout

    def english(self) -> list[str]:
        return [
            f"{label}: {word!r} in {line.strip()!r}"
            for label, text in self.seen
            for line in text.splitlines()
            for word in english_words(line, self.identifiers)
        ]


@pytest.fixture
def cli(catalogue: TmpCatalogue) -> Cli:
    return Cli(catalogue)


def test_the_detector_finds_english_and_spares_identifiers() -> None:
    assert english_words("3 dataset(s) unchanged, 1 failed", set()) == ["dataset", "unchanged", "failed"]
    assert english_words("Publicação: sem mudanças: 3, falhou: 1.", set()) == []
    assert english_words("rode `publisher verify the-name` em data/file.csv", set()) == []
    assert english_words("conjunto meu-dataset-de-teste criado", set()) == []


def test_the_cli_in_portuguese_has_no_english(cli: Cli, catalogue: TmpCatalogue, tmp_path: Path) -> None:
    name = catalogue.add()
    cli.identifiers.add(name)
    bad = catalogue.add("bad")
    cli.identifiers.add(bad)
    descriptor = catalogue.descriptor(bad)
    descriptor["version"] = "um ponto zero"  # not semver: a profile error
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "integer"  # a data error too
    catalogue.write(bad, descriptor)
    csv = REPO / "datapackages" / "fhemig-indice-crib" / "data"
    source = next(csv.glob("*.csv"))

    for as_json in (False, True):
        # steward: validate (valid, invalid, nothing there), scaffold (new, then again: exists)
        assert cli("validate", str(catalogue.path(name)), json_output=as_json)[0] == 0
        assert cli("validate", str(catalogue.path(bad)), json_output=as_json)[0] == 1
        new_name = f"novo-{'json' if as_json else 'texto'}"
        cli.identifiers.add(new_name)
        if not as_json:  # `new` has no --json
            assert cli("new", new_name, "--from", str(source), "--org", catalogue.org)[0] == 0
            assert cli("new", new_name, "--from", str(source), "--org", catalogue.org)[0] != 0
            shutil.rmtree(catalogue.path(new_name))
        # operator: plan, publish (new, then unchanged), verify, retire, status, goal
        assert cli("plan", str(catalogue.path(name)), json_output=as_json)[0] == 0
        assert cli("publish", str(catalogue.path(name)), str(catalogue.path(bad)), json_output=as_json)[0] == 1
        assert cli("publish", str(catalogue.path(name)), json_output=as_json)[0] == 0
        assert cli("verify", str(catalogue.path(name)), json_output=as_json)[0] == 0
        assert cli("status", json_output=as_json)[0] in (0, 1)
        goals = ("--goals-file", str(REPO / "jobs" / "goals.toml"))
        assert cli("goal", "--offline", *goals, json_output=as_json)[0] == 0
        assert cli("goal", "--offline", *goals, "--goal", "nao-existe", json_output=as_json)[0] == 2
        # the catalogue as DCAT (the invalid package is left out, so exit 1), and a bad format
        dcat_out = str(tmp_path / f"catalogo-{as_json}.ttl")
        assert cli("export", "dcat", "--out", dcat_out, json_output=as_json)[0] == 1
        assert cli("export", "dcat", "--format", "xml", json_output=as_json)[0] == 2
        # failures of the set-up: a portal that does not answer, a bad setting
        assert cli("plan", json_output=as_json, CKAN_URL="http://127.0.0.1:9")[0] == 1
        assert cli("validate", json_output=as_json, PUBLISHER_RETRIES="abc")[0] == 2
    assert cli("retire", name)[0] == 0
    assert cli("retire", name, json_output=True)[0] == 0

    english = cli.english()
    assert english == [], "\n".join(english)
