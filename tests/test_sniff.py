"""The fast path's delimiter sniffing answers exactly what csv.Sniffer (frictionless' own) answers."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from publisher.validation.sniff import CandidateSniffer

# What frictionless allows when no delimiter is declared, a declared one, and odd ones.
CANDIDATES = (",\t;|", ";", ",", "\t", "|", ";,", " ", ":", "", "ab;", "é;")
ALPHABET = "abcxyz019 ;,\t|:.-\"'"


def _answer(sniffer: csv.Sniffer, sample: str, delimiters: str) -> tuple[object, ...]:
    try:
        d = sniffer.sniff(sample, delimiters)
    except csv.Error as exc:
        return ("error", str(exc))
    return (d.delimiter, d.quotechar, d.doublequote, d.skipinitialspace, d.lineterminator, d.quoting)


def _random_sample(rng: random.Random) -> str:
    delimiter = rng.choice(";,\t|: ")
    cells = rng.randint(1, 6)
    lines = []
    for _ in range(rng.randint(0, 45)):
        if rng.random() < 0.08:
            lines.append("")  # empty lines, dropped by the guess
            continue
        width = cells + (rng.choice((-1, 1)) if rng.random() < 0.15 else 0)  # ragged rows
        row = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 7))) for _ in range(max(width, 1))]
        lines.append(delimiter.join(row))
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(20))
def test_same_dialect_as_csv_sniffer_on_random_samples(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        sample = _random_sample(rng)
        for delimiters in CANDIDATES:
            assert _answer(CandidateSniffer(), sample, delimiters) == _answer(csv.Sniffer(), sample, delimiters), (
                sample,
                delimiters,
            )


def _corpus_samples() -> list[Path]:
    root = Path(__file__).parent
    return sorted(p for p in root.rglob("*.csv") if p.stat().st_size < 2_000_000)


def test_same_dialect_as_csv_sniffer_on_every_csv_of_the_tests() -> None:
    files = _corpus_samples()
    assert files, "the tests hold CSV files"
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        sample = "\n".join(text.splitlines()[:100])
        for delimiters in (",\t;|", ";", ","):
            assert _answer(CandidateSniffer(), sample, delimiters) == _answer(csv.Sniffer(), sample, delimiters), path


def test_no_candidates_given_is_csv_sniffer_itself() -> None:
    sample = "a;b;c\n1;2;3\n4;5;6\n"
    assert _answer(CandidateSniffer(), sample, None) == _answer(csv.Sniffer(), sample, None)  # type: ignore[arg-type]
