"""The freshness rules: overdue by the declared update frequency, last update from the
ledger or the portal's metadata_modified, whichever is later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from publisher.facts import DatasetFacts, Facts, PortalDataset
from publisher.freshness import FREQUENCY_DAYS, assess

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def one(**kw: object) -> str:
    [verdict] = assess(Facts(datasets=[DatasetFacts(name="x", in_catalogue=True, **kw)], portal_checked=True), NOW)  # type: ignore[arg-type]
    return verdict.state


@pytest.mark.parametrize(("frequency", "days"), [("diária", 1), ("semanal", 7), ("quinzenal", 15), ("mensal", 31),
                                                  ("bimestral", 62), ("trimestral", 92), ("anual", 366)])  # fmt: skip
def test_each_frequency_has_its_deadline(frequency: str, days: int) -> None:
    assert FREQUENCY_DAYS[frequency] == days
    just_in_time = NOW - timedelta(days=days) + timedelta(minutes=1)
    too_late = NOW - timedelta(days=days) - timedelta(minutes=1)
    assert one(frequency=frequency, ledger_last_change=just_in_time) == "ok"
    assert one(frequency=frequency, ledger_last_change=too_late) == "overdue"


def test_event_driven_unknown_and_never_published() -> None:
    long_ago = NOW - timedelta(days=4000)
    assert one(frequency="por evento", ledger_last_change=long_ago) == "event-driven"
    assert one(frequency=None, ledger_last_change=long_ago) == "no-frequency"
    assert one(frequency="mensal") == "never-published"


def test_the_later_of_ledger_and_portal_counts() -> None:
    old = NOW - timedelta(days=40)
    recent = NOW - timedelta(days=3)
    facts = Facts(
        datasets=[
            DatasetFacts(name="a", in_catalogue=True, frequency="mensal", ledger_last_change=old,
                         portal=PortalDataset(name="a", metadata_modified=recent)),
            DatasetFacts(name="b", in_catalogue=True, frequency="mensal", ledger_last_change=recent,
                         portal=PortalDataset(name="b", metadata_modified=old)),
            DatasetFacts(name="c", in_catalogue=True, frequency="mensal", ledger_last_change=old,
                         portal=PortalDataset(name="c", metadata_modified=old)),
            DatasetFacts(name="not-ours", frequency="diária", ledger_last_change=old),  # only in the ledger
        ],
        portal_checked=True,
    )  # fmt: skip
    verdicts = {v.name: v for v in assess(facts, NOW)}
    assert set(verdicts) == {"a", "b", "c"}
    assert (verdicts["a"].state, verdicts["a"].source) == ("ok", "portal")
    assert (verdicts["b"].state, verdicts["b"].source) == ("ok", "ledger")
    assert verdicts["c"].overdue and verdicts["c"].due_at == old + timedelta(days=31)
    assert verdicts["c"].age_days == pytest.approx(40.0)
