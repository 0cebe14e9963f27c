"""Datasets the stewards retired: `datapackages/retired.json`, committed with the catalogue.

`publisher retire NAME` soft-deletes the dataset on the portal and lists it here, with the
day (on the settings' clock) and the reason. While it is listed, `plan` shows it as retired,
`publish` skips it and `verify` does not check it, although its package may still be in
`datapackages/`. `publisher retire NAME --undo`, or deleting its entry from the file, takes it
off the list; the next `publish` then reactivates it on the portal.

The file is a JSON list, one object per dataset, sorted by name so that diffs stay small:
`[{"name": "...", "date": "2026-12-01", "reason": "..."}]`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from pydantic import BaseModel, TypeAdapter, ValidationError

from publisher.atomic_file import write_text_atomic
from publisher.catalog import PackageDir, package_dataset_name
from publisher.messages import text
from publisher.settings import Lang, Settings

RETIRED_FILE: Final = "retired.json"


class Retirement(BaseModel):
    name: str
    date: dt.date
    reason: str | None = None


class RetiredListError(ValueError):
    """retired.json cannot be read: publishing would risk bringing a retired dataset back."""

    code = "retired-list"


_LIST = TypeAdapter(list[Retirement])


def retired_file(settings: Settings) -> Path:
    return settings.catalogue_dir / RETIRED_FILE


def load_retired(settings: Settings) -> dict[str, Retirement]:
    """The retired datasets by name; none when the file does not exist."""
    path = retired_file(settings)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise RetiredListError(text("sync.error.retired-list", settings.lang, path=path, detail=exc.strerror)) from None
    try:
        entries = _LIST.validate_json(raw)
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise RetiredListError(text("sync.error.retired-list", settings.lang, path=path, detail=detail)) from None
    return {e.name: e for e in entries}


def _save(settings: Settings, entries: dict[str, Retirement]) -> None:
    path = retired_file(settings)
    if not entries:  # nothing retired: no file, as before the first retirement
        path.unlink(missing_ok=True)
        return
    data = [entries[name].model_dump(mode="json") for name in sorted(entries)]
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def record_retirement(settings: Settings, name: str, reason: str | None = None) -> Retirement:
    """List `name` as retired today (the settings' clock); an earlier entry keeps its day."""
    entries = load_retired(settings)
    today = dt.datetime.now(ZoneInfo(settings.timezone)).date()
    previous = entries.get(name)
    if previous is not None:
        entry = previous.model_copy(update={"reason": reason or previous.reason})
    else:
        entry = Retirement(name=name, date=today, reason=reason)
    entries[name] = entry
    _save(settings, entries)
    return entry


def undo_retirement(settings: Settings, name: str) -> bool:
    """Take `name` off the list; False when it was not on it."""
    entries = load_retired(settings)
    if entries.pop(name, None) is None:
        return False
    _save(settings, entries)
    return True


def split_retired(
    pkgs: list[PackageDir], retired: dict[str, Retirement]
) -> tuple[list[PackageDir], list[tuple[PackageDir, Retirement]]]:
    """The packages to work on, and the retired ones with their entry."""
    keep: list[PackageDir] = []
    left: list[tuple[PackageDir, Retirement]] = []
    for pkg in pkgs:
        entry = retired.get(package_dataset_name(pkg)) if retired else None
        if entry is None:
            keep.append(pkg)
        else:
            left.append((pkg, entry))
    return keep, left


def retired_note(entry: Retirement, lang: Lang) -> str:
    """Why a retired package is left alone, and how to bring it back."""
    reason = entry.reason or text("sync.retired.no-reason", lang)
    return text("sync.retired.skipped", lang, date=f"{entry.date:%Y-%m-%d}", reason=reason, name=entry.name)
