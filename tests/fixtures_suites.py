"""The reliability suites' figures: each suite records its lines with the `suite_figures`
fixture, and they are printed at the end of the session (no `-s` needed), under a heading,
whatever the outcome, so a failed run shows how far it got.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

FIGURES = pytest.StashKey[list[str]]()


@pytest.fixture
def suite_figures(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """record("fault proxy: ...") keeps one line for the session's summary."""
    lines = request.config.stash.setdefault(FIGURES, [])
    return lines.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(FIGURES, [])
    if lines:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)
