"""Typed parsing and constraints of one batch of rows, column by column in polars.

Each field gives a parsed column and an "accepted" column; a row is accepted only when its
text matches a shape frictionless surely reads the same way (the fast path is stricter than
frictionless, never looser: a value it doubts sends the table to frictionless). Keys
(unique, primary, foreign) are remembered across batches with bounded state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

import polars as pl

from publisher.validation.fast_plan import FieldPlan, NoPlan, TablePlan

_NUMBER: Final = r"^[+-]?[0-9]+(\.[0-9]+)?$"
# Up to 15 significant digits a float holds a decimal exactly enough to compare it with a
# bound as frictionless' Decimal does; longer numbers near a bound go to frictionless.
_EXACT_DIGITS: Final = 15


def _among(v: pl.Expr, values: tuple[Any, ...]) -> pl.Expr:
    if len(values) == 1:
        return v.eq(values[0])
    return v.is_in(list(values)) if values else pl.lit(False)


def _integer(v: pl.Expr, f: FieldPlan) -> tuple[pl.Expr, pl.Expr]:
    # polars reads exactly [+-]?[0-9]+ within 64 bits, all of which Python's int() reads too.
    parsed = v.cast(pl.Int64, strict=False)
    ok = parsed.is_not_null()
    for bound, above in ((f.minimum, True), (f.maximum, False)):
        if bound is not None:
            if isinstance(bound, float) and not bound.is_integer():
                raise NoPlan("bound")
            ok &= parsed >= int(bound) if above else parsed <= int(bound)
    if f.enum is not None:
        ok &= _among(parsed, f.enum)
    return parsed, ok


def _digits(bound: float | int) -> int:
    return sum(ch.isdigit() for ch in repr(bound))


def _number(v: pl.Expr, f: FieldPlan) -> tuple[pl.Expr, pl.Expr]:
    text = v.str.replace_all(f.group_char, "", literal=True) if f.group_char else v
    ok = pl.lit(True)
    if f.decimal_char != ".":
        ok = ~text.str.contains(".", literal=True)
        text = text.str.replace_all(f.decimal_char, ".", literal=True)
    parsed = text.str.strip_prefix("+").cast(pl.Float64, strict=False)
    ok &= text.str.contains(_NUMBER) & parsed.is_not_null()
    bounds = [(b, above) for b, above in ((f.minimum, True), (f.maximum, False)) if b is not None]
    if bounds:
        ok &= text.str.len_bytes() <= _EXACT_DIGITS  # digits, sign and point: at most that many digits
    for bound, above in bounds:
        if _digits(bound) > _EXACT_DIGITS:
            raise NoPlan("bound")
        ok &= parsed >= bound if above else parsed <= bound
    return parsed, ok


def _string(v: pl.Expr, f: FieldPlan) -> tuple[pl.Expr, pl.Expr]:
    ok = pl.lit(True)
    if f.min_length is not None:
        ok &= v.str.len_chars() >= f.min_length
    if f.max_length is not None:
        ok &= v.str.len_chars() <= f.max_length
    if f.enum is not None:
        ok &= _among(v, f.enum)
    return v, ok


def _date(v: pl.Expr, f: FieldPlan) -> tuple[pl.Expr, pl.Expr]:
    text = v.str.slice(0, 19) if f.date_shape.endswith("Z?$") else v
    parsed = text.str.strptime(pl.Datetime("us"), f.date_format, strict=False)
    if f.type == "date":
        parsed = parsed.dt.date()
    # Python's dates start at year 1; chrono's go further back.
    return parsed, v.str.contains(f.date_shape) & parsed.is_not_null() & (parsed.dt.year() >= 1)


def _boolean(v: pl.Expr, f: FieldPlan) -> tuple[pl.Expr, pl.Expr]:
    return _among(v, f.true_values), _among(v, (*f.true_values, *f.false_values))


def _any(v: pl.Expr, f: FieldPlan) -> tuple[pl.Expr, pl.Expr]:
    return v, pl.lit(True)


_READERS: Final = {
    "integer": _integer,
    "number": _number,
    "string": _string,
    "date": _date,
    "datetime": _date,
    "boolean": _boolean,
    "any": _any,
}


def _field_exprs(f: FieldPlan, missing: tuple[str, ...], key: bool, kept: str) -> tuple[pl.Expr | None, pl.Expr]:
    """(parsed value, whether the cell is accepted) of one field. A primary key's cell with no
    value is doubted (frictionless accepts one when another key cell has one). `kept` says what
    later checks read of the parsed value: "" nothing (not selected), "key" a primary key's
    (missing cells are never accepted there, so the text is parsed as it is), "value" the value
    with missing cells as null."""
    col = pl.col(f.name)
    miss = col.is_null() | _among(col, missing)
    # On the other cells the text is the value: `ok` is read only where it is not missing.
    parsed, ok = _READERS[f.type](col, f)
    needed = f.required or key
    accepted = (~miss & ok.fill_null(False)) if needed else (miss | ok.fill_null(False))
    if kept == "value":
        parsed = _READERS[f.type](pl.when(miss).then(None).otherwise(col), f)[0]
    return (parsed.alias(f.name) if kept else None), accepted.alias(f.name)


# The final look for repeated keys goes through the stored hashes a slice of the hash range
# at a time: it needs 1/_KEY_SLICES of their size on top, not a copy of them all.
_KEY_SLICES: Final = 16
_HASH_SPAN: Final = 2**64


@dataclass
class KeyTracker:
    """Whether any key repeats, across batches. A single integer key that only grows (an id
    column) costs nothing to remember; other keys keep a sorted 64-bit hash per row (a
    collision only sends the table to frictionless)."""

    integer: bool
    low: int | None = None  # the first and last values of the growing run
    high: int | None = None
    growing: bool = True
    seen: list[pl.Series] = field(default_factory=list)

    def add(self, keys: pl.Series) -> None:
        if keys.len() == 0:
            return
        if self.integer and self.growing:
            if self._extends_run(keys):
                return
            self.growing = False
        if self.low is not None and self.high is not None and ((keys >= self.low) & (keys <= self.high)).any():
            raise NoPlan("key may repeat")
        hashed = keys if keys.dtype == pl.UInt64 else keys.hash(seed=0)
        self.seen.append(hashed.sort())

    def _extends_run(self, keys: pl.Series) -> bool:
        # Series methods, not an expression: a small batch would pay more for the query than the check.
        strictly = keys.len() < 2 or (keys.is_sorted() and keys.n_unique() == keys.len())
        if not strictly or (self.high is not None and keys[0] <= self.high):
            return False
        if self.low is None:
            self.low = int(keys[0])
        self.high = int(keys[-1])
        return True

    def check(self) -> None:
        step = _HASH_SPAN // _KEY_SLICES
        for lo in range(0, _HASH_SPAN, step):
            parts = [self._slice(s, lo, lo + step) for s in self.seen]
            if sum(p.len() for p in parts) > 1 and pl.concat(parts).is_duplicated().any():
                raise NoPlan("duplicate key")

    @staticmethod
    def _slice(sorted_hashes: pl.Series, lo: int, hi: int) -> pl.Series:
        start = int(sorted_hashes.search_sorted(lo, side="left"))
        end = sorted_hashes.len() if hi >= _HASH_SPAN else int(sorted_hashes.search_sorted(hi, side="left"))
        return sorted_hashes.slice(start, end - start)


@dataclass
class TableState:
    plan: TablePlan
    missing: tuple[str, ...]
    keys: dict[tuple[str, ...], KeyTracker]
    wanted: set[tuple[str, ...]]  # key columns other tables' foreign keys point at
    references: dict[tuple[str, ...], list[pl.DataFrame]] = field(default_factory=dict)
    foreign: dict[tuple[str, ...], list[pl.DataFrame]] = field(default_factory=dict)
    _query: list[pl.Expr] | None = None

    @classmethod
    def of(cls, plan: TablePlan, wanted: set[tuple[str, ...]]) -> TableState:
        keys: list[tuple[str, ...]] = [(f.name,) for f in plan.fields if f.unique]
        if plan.primary_key:
            keys.append(plan.primary_key)
        trackers = {k: KeyTracker(integer=len(k) == 1 and plan.field(k[0]).type == "integer") for k in keys}
        return cls(plan, plan.missing_values, trackers, wanted)

    def query(self) -> list[pl.Expr]:
        """The parsed columns later checks read, and "__ok__": every cell and row accepted. The
        same for each batch of the table, so built once."""
        if self._query is None:
            self._query = _batch_query(self)
        return self._query


def _kept(plan: TablePlan, wanted: set[tuple[str, ...]]) -> dict[str, str]:
    """What later checks read of each field's parsed value (see `_field_exprs`)."""
    values = {f.name for f in plan.fields if f.unique or f.pattern is not None}
    values.update(name for key in wanted for name in key)
    values.update(name for fk in plan.foreign_keys for name in fk.fields)
    kept = dict.fromkeys(plan.primary_key, "key")
    kept.update(dict.fromkeys(values, "value"))
    return kept


def _batch_query(state: TableState) -> list[pl.Expr]:
    plan = state.plan
    kept = _kept(plan, state.wanted)
    exprs = [_field_exprs(f, state.missing, f.name in plan.primary_key, kept.get(f.name, "")) for f in plan.fields]
    blank = pl.all_horizontal(_among(pl.all(), state.missing))
    # A foreign key with some cells empty and others not: frictionless looks up a tuple with
    # None in it; the fast path leaves that to it.
    partly = [
        pl.sum_horizontal([_among(pl.col(n), state.missing) for n in fk.fields]).is_between(1, len(fk.fields) - 1)
        for fk in plan.foreign_keys
        if len(fk.fields) > 1
    ]
    checks = pl.all_horizontal([a for _, a in exprs]) & ~blank & ~pl.any_horizontal([pl.lit(False), *partly])
    return [*(p for p, _ in exprs if p is not None), checks.alias("__ok__")]


def _key_values(parsed: pl.DataFrame, key: tuple[str, ...]) -> pl.Series:
    """An integer key's values as they are (a growing run needs no memory), else a hash per row."""
    if len(key) == 1:
        series = parsed.get_column(key[0])
        if series.null_count():
            series = series.drop_nulls()
        return series if series.dtype == pl.Int64 else series.hash(seed=0)
    return parsed.select(pl.struct(key).hash(seed=0)).to_series()


# Patterns made of these only mean the same to Python's re and to polars' regex engine (no
# escapes, classes of plain characters, no look-around): polars checks them; others go to re.
_PORTABLE_PATTERN: Final = re.compile(r"[A-Za-z0-9 _\-\[\]{},|()?*+.:/]*")


def _python_patterns(parsed: pl.DataFrame, plan: TablePlan) -> None:
    for f in plan.fields:
        if f.pattern is None or _PORTABLE_PATTERN.fullmatch(f.pattern) and "(?" not in f.pattern:
            continue
        compiled = re.compile(f"^{f.pattern}$")  # as frictionless compiles it
        for value in parsed.get_column(f.name).drop_nulls().unique():
            if not compiled.match(value):
                raise NoPlan("pattern")


def _portable_pattern(f: FieldPlan) -> pl.Expr | None:
    if f.pattern is None or not _PORTABLE_PATTERN.fullmatch(f.pattern) or "(?" in f.pattern:
        return None
    # Frictionless wraps the pattern as ^...$ without a group; the same text means the same here.
    return pl.col(f.name).str.contains(f"^{f.pattern}$")


def check_batch(batch: pl.DataFrame, state: TableState) -> None:
    """Raises NoPlan at the first doubt about this batch; otherwise remembers its keys."""
    plan = state.plan
    parsed = batch.select(state.query())
    if not parsed.get_column("__ok__").all():
        raise NoPlan("a cell or row frictionless may reject")
    patterns = [e for e in (_portable_pattern(f) for f in plan.fields) if e is not None]
    if patterns and not parsed.select(pl.all_horizontal(patterns).fill_null(True).all()).item():
        raise NoPlan("pattern")
    _python_patterns(parsed, plan)
    for key, tracker in state.keys.items():
        tracker.add(_key_values(parsed, key))
    for key in state.wanted:
        state.references.setdefault(key, []).append(parsed.select(key).unique())
    for fk in plan.foreign_keys:
        cols = parsed.select(fk.fields).drop_nulls()  # all empty: not looked up
        state.foreign.setdefault(fk.fields, []).append(cols.unique())


def finish_table(state: TableState) -> None:
    for tracker in state.keys.values():
        tracker.check()


def check_foreign_keys(states: dict[str, TableState]) -> None:
    """Every foreign key's values are found in the table it points at (within the package)."""
    for state in states.values():
        for fk in state.plan.foreign_keys:
            target = states.get(fk.resource)
            if target is None:
                raise NoPlan("foreign key target")
            for mine, theirs in zip(fk.fields, fk.reference, strict=True):
                if state.plan.field(mine).type != target.plan.field(theirs).type:
                    raise NoPlan("foreign key types")
            names = [f"k{i}" for i in range(len(fk.fields))]
            child = _stacked(state.foreign.get(fk.fields, []), fk.fields, names)
            parent = _stacked(target.references.get(fk.reference, []), fk.reference, names)
            if child.height and (parent.height == 0 or child.join(parent, on=names, how="anti").height):
                raise NoPlan("foreign key value not found")


def _stacked(frames: list[pl.DataFrame], key: tuple[str, ...], names: list[str]) -> pl.DataFrame:
    if not frames:
        return pl.DataFrame(schema=dict.fromkeys(names, pl.String))
    return pl.concat(frames).unique().rename(dict(zip(key, names, strict=True)))
