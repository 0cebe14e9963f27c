"""Keep a bounded number of a resource's errors, but count every one of them.

Frictionless' own `limit_errors` stops reading a file at the limit, so the totals past it are
unknown and the end-of-file checks (hash, keys) never run. Its checklist decides, error by
error, whether an error is kept: counting there and declining past the cap keeps memory
bounded while the whole file is still read and every error counted by resource and code.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import attrs
from frictionless import Checklist
from frictionless import Error as FrictionlessError

from publisher.messages import Lang, number
from publisher.validation.report import LEFT_OUT, Problem, make_error

if TYPE_CHECKING:
    from frictionless import Resource

# Errors of one code kept (and shown in `--json`) per resource; past it they are only counted. Per code,
# so that a flood of one kind (a column of bad cells) never hides another (a duplicate key).
KEEP_PER_RESOURCE = 20_000


@attrs.define(kw_only=True, repr=False)
class CountingChecklist(Checklist):
    """A checklist that counts every error per resource and code and keeps the first `keep` of each."""

    keep: int = attrs.field(factory=lambda: KEEP_PER_RESOURCE)
    # resource name -> code -> errors found / errors kept
    found: dict[str, Counter[str]] = attrs.field(factory=dict)
    kept: dict[str, Counter[str]] = attrs.field(factory=dict)
    _current: str = ""

    def connect(self, resource: Resource) -> list[Any]:
        # Resources are validated one after the other: connect() opens each one's count.
        self._current = str(resource.name)
        self.found.setdefault(self._current, Counter())
        self.kept.setdefault(self._current, Counter())
        checks: list[Any] = super().connect(resource)
        return checks

    def match(self, error: FrictionlessError) -> bool:
        if not super().match(error):
            return False
        code = str(error.type)
        self.found[self._current][code] += 1
        if self.kept[self._current][code] >= self.keep:
            return False
        self.kept[self._current][code] += 1
        return True

    def left_out(self, resource: str) -> dict[str, int]:
        """Errors of `resource` counted but not kept, by code."""
        found = self.found.get(resource, Counter())
        kept = self.kept.get(resource, Counter())
        return {code: n - kept[code] for code, n in sorted(found.items()) if n > kept[code]}


def left_out_problems(
    checklist: CountingChecklist, resource: str, relpath: str | None, package: str, lang: Lang
) -> list[Problem]:
    """One entry per code for the errors of `resource` counted past the cap, with how many."""
    return [
        make_error(
            LEFT_OUT,
            lang,
            package=package,
            file=relpath,
            resource=resource,
            value=code,
            left_out=number(count, lang, 0),
            keep=number(checklist.keep, lang, 0),
        ).model_copy(update={"count": count})
        for code, count in checklist.left_out(resource).items()
    ]
