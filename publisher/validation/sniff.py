"""The csv dialect sniffing frictionless does, with the same answers in a fraction of the time.

Python's `csv.Sniffer` guesses a delimiter (when no quoted cell shows it) by tallying, line by
line, how often each of the 127 ASCII characters occurs, and only then keeps the characters
among the allowed delimiters. The tallies of the other characters never change the answer, so
counting the allowed ones alone gives the same dialect: about a millisecond less per table,
which is most of the fast path's cost on a small file. Any result differing from
`csv.Sniffer` would be a bug (a test compares the two on many samples).
"""

from __future__ import annotations

import csv
from typing import Any

_ASCII = [chr(code) for code in range(127)]  # what csv.Sniffer considers, in its order
_CHUNK = 10  # lines tallied before each attempt to decide, as csv.Sniffer does
_THRESHOLD = 0.9


def _mode(tally: dict[int, int]) -> tuple[int, int]:
    """The most frequent count (the first one seen on a tie), and by how many lines it wins
    over all the other counts together."""
    best = max(tally.items(), key=lambda item: item[1])
    return best[0], best[1] - (sum(tally.values()) - best[1])


def _skips_space(first_line: str, delimiter: str) -> bool:
    return first_line.count(delimiter) == first_line.count(delimiter + " ")


class CandidateSniffer(csv.Sniffer):
    """`csv.Sniffer` whose delimiter guess tallies only the allowed delimiters."""

    def _guess_delimiter(self, data: str, delimiters: str | None) -> tuple[str, Any]:
        if delimiters is None:
            return super()._guess_delimiter(data, delimiters)  # type: ignore[misc, no-any-return]
        lines = [line for line in data.split("\n") if line]
        candidates = [char for char in _ASCII if char in delimiters]
        tallies: dict[str, dict[int, int]] = {char: {} for char in candidates}
        modes: dict[str, tuple[int, int]] = {}
        chosen: dict[str, tuple[int, int]] = {}
        chunk = min(_CHUNK, len(lines))
        done = 0
        while done < len(lines):
            for line in lines[done : done + chunk]:
                for char in candidates:
                    count = line.count(char)
                    tallies[char][count] = tallies[char].get(count, 0) + 1
            done += chunk
            for char, tally in tallies.items():
                if tally.keys() != {0}:  # a character never seen is no candidate
                    modes[char] = _mode(tally)
            lines_seen = float(min(done, len(lines)))
            consistency = 1.0
            while not chosen and consistency >= _THRESHOLD:
                for char, (count, wins) in modes.items():
                    if count > 0 and wins > 0 and wins / lines_seen >= consistency:
                        chosen[char] = (count, wins)
                consistency -= 0.01
            if len(chosen) == 1:
                delimiter = next(iter(chosen))
                return delimiter, _skips_space(lines[0], delimiter)
        if not chosen:
            return "", 0
        if len(chosen) > 1:
            for delimiter in self.preferred:
                if delimiter in chosen:
                    return delimiter, _skips_space(lines[0], delimiter)
        delimiter = max((mode, char) for char, mode in chosen.items())[1]
        return delimiter, _skips_space(lines[0], delimiter)
