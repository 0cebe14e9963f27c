"""The CI workflow the README shows for an agency's repository (`jobs/ci/github-actions.yml`):
it parses, validates on every push, publishes from the main branch only with the two secrets,
and every `publisher` command it runs exists. No network."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import yaml

from publisher.cli import _register, app

WORKFLOW = Path(__file__).resolve().parents[1] / "jobs" / "ci" / "github-actions.yml"


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _runs(job: dict[str, Any]) -> list[list[str]]:
    """The `publisher ...` command lines of a job's steps."""
    lines = [line for step in job["steps"] for line in str(step.get("run", "")).splitlines()]
    return [shlex.split(line) for line in lines if line.strip().startswith("publisher ")]


def test_the_workflow_validates_on_every_push_and_publishes_from_main() -> None:
    flow = _workflow()
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers and "branches" not in (triggers["push"] or {})
    jobs = flow["jobs"]
    assert [cmd[:2] for cmd in _runs(jobs["validate"])] == [["publisher", "validate"]]
    publish = jobs["publish"]
    assert publish["needs"] == "validate" and "refs/heads/main" in publish["if"]
    commands = [cmd[1] for cmd in _runs(publish)]
    assert commands[0] == "publish"
    for step in publish["steps"]:
        if "publisher " in str(step.get("run", "")):
            assert step["env"] == {
                "CKAN_URL": "${{ secrets.CKAN_URL }}",
                "CKAN_API_TOKEN": "${{ secrets.CKAN_API_TOKEN }}",
            }


def test_every_command_the_workflow_runs_exists() -> None:
    _register()
    known = {command.name for command in app.registered_commands}
    used = {cmd[1] for job in _workflow()["jobs"].values() for cmd in _runs(job)}
    assert used and used <= known, used - known
