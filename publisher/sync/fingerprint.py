"""What a dataset's plan is made of, as one key: the package's content and the run's inputs.

A plan is a function of the package (its descriptor, every file it names, README, CHANGELOG:
the validation cache's content key covers them, with the limits, the language and the portal
URL), of how this publisher turns a package into a dataset (its code, the zip limit, the
portal's `site_url` in the published datapackage.json) and of the dataset as the portal holds
it. When the first two are unchanged (this key) and the third is too (the same
`metadata_modified`, see `portal_view`), the plan is the one found last time: "nothing to do"
is known without building the desired dataset again.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from publisher import __version__
from publisher.settings import Settings
from publisher.sync.desired import build_options


@functools.cache
def _source_fingerprint() -> str:
    """A hash of this publisher's whole source: any change of code plans every dataset again once."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for source in sorted(package.rglob("*.py")):
        digest.update(str(source.relative_to(package)).encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def plan_inputs(settings: Settings, site_url: str) -> str:
    """The run's part of every dataset's key (read once per run)."""
    parts = [_source_fingerprint(), str(build_options(settings).zip_max_bytes), site_url, settings.ckan_url]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def dataset_key(content_key: str | None, inputs: str | None) -> str | None:
    """The key of a package's plan from its validation content key (`validate_many(keys_out=)`);
    None without one (validation cache off, an unreadable descriptor) or without the run's
    inputs (reads not batched): then it is always planned in full."""
    if content_key is None or inputs is None:
        return None
    return hashlib.sha256(f"{inputs}\0{content_key}".encode()).hexdigest()
