"""How a run reads the portal: in batches for a large catalogue, exactly before any write.

One `package_show` per dataset costs a request each (22 s for a no-op over 1,000 datasets).
For a run over many packages (`Settings.portal_batch_min`), each organization's datasets are
read instead with `package_search` (`include_private`, `include_drafts`, pages of up to
1,000, the most CKAN's `ckan.search.rows_max` allows by default): the search index keeps each
dataset's `validated_data_dict`, the same dictionary `package_show` answers, resources
included. Pages are streamed and each dataset is kept compressed, so memory grows by about a
kilobyte per dataset.

The index may lag behind the database or be wrong, so a search copy is trusted only to say
"nothing to do", and only when its `metadata_modified` is the one this state folder recorded
from an exact read (`package_show`, or the read that follows this publisher's own writes).
Anything else is read again with `package_show` and planned from that fresh read: a dataset
the copy shows as changed (every write is planned from the database), one the index lacks
(new, deleted), one whose `metadata_modified` moved since the last run (edited by hand on
the portal, or a write whose re-index is pending), one with no record yet.

A no-op over thousands of datasets must not rebuild and compare each one either (it was most
of the time: ~4 ms per package). When a plan from an exact or trusted read found nothing to do,
the record keeps that dataset's key (`fingerprint.dataset_key`: the package's content and the
run's inputs) beside its `metadata_modified`. A later run whose package has the same key and
whose search copy shows the same recorded `metadata_modified` knows the plan without making
it: nothing to do (`PortalView.unchanged`). Any change of the package, of this publisher's
code or settings, or of the dataset on the portal (which moves `metadata_modified`) makes the
full plan again.

Knowing that needs only each dataset's head (name, state, visibility, organization, times),
which the index answers without the whole dictionary (`fl`): about thirty times fewer bytes, and
CKAN skips decoding each dataset. The heads of the organizations a run will ask about are read
in the background as the run starts, while the packages are being keyed. The index keeps
`metadata_modified` to the millisecond (Solr's dates); it is compared at the precision the
index shows.
"""

from __future__ import annotations

import json
import logging
import threading
import zlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from publisher.atomic_file import write_text_atomic
from publisher.ckan.client import CkanClient
from publisher.ckan.errors import CkanError
from publisher.settings import Settings
from publisher.sync.desired import DesiredDataset

if TYPE_CHECKING:
    from publisher.sync.plan import DatasetPlan

log = logging.getLogger(__name__)

# CKAN's default `ckan.search.rows_max`; a portal configured lower answers fewer per page,
# and paging goes by what came back.
SEARCH_ROWS: Final = 1000
SEEN_FORMAT: Final = "publisher-portal-seen-1"

Portal = dict[str, Any]
Kept = TypeVar("Kept")
PlanMaker = Callable[[Portal | None], "DatasetPlan"]


def seen_file(settings: Settings) -> Path:
    return settings.root / ".publisher" / "portal-seen.json"


class SeenRecord:
    """`metadata_modified` of each dataset as this state folder last read it exactly, for one
    portal URL (another portal's record is ignored). Thread-safe; saved atomically."""

    def __init__(self, file: Path | None, portal_url: str) -> None:
        self.file = file
        self.portal_url = portal_url.rstrip("/")
        # Dataset name -> (key, organization) of the package last found in sync with the dataset
        # at its recorded `metadata_modified` (dropped when that moves).
        self.synced: dict[str, tuple[str, str]] = {}
        self.modified: dict[str, str] = self._load() if file is not None else {}
        self._lock = threading.Lock()
        self._dirty = False

    def _load(self) -> dict[str, str]:
        assert self.file is not None
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("format") != SEEN_FORMAT or data.get("portal") != self.portal_url:
                return {}
            modified = {str(k): str(v) for k, v in dict(data["datasets"]).items()}
            self.synced = {str(k): (str(v[0]), str(v[1])) for k, v in dict(data.get("synced") or {}).items()}
            return modified
        except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError):
            self.synced = {}
            return {}  # no record: every dataset is read exactly once more

    def matches(self, name: str, copy: Portal) -> bool:
        recorded, shown = self.modified.get(name), copy.get("metadata_modified")
        return recorded is not None and isinstance(shown, str) and same_instant(recorded, shown)

    def note(self, name: str, portal: Portal | None) -> None:
        """Record an exact read of `name` (None: it is not on the portal)."""
        modified = (portal or {}).get("metadata_modified")
        with self._lock:
            if isinstance(modified, str) and modified:
                changed = self.modified.get(name) != modified
                self.modified[name] = modified
            else:
                changed = self.modified.pop(name, None) is not None
            if changed:
                self.synced.pop(name, None)
            self._dirty = self._dirty or changed

    def mark_synced(self, name: str, key: str, organization: str) -> None:
        """A plan of `name` made from its recorded `metadata_modified` found nothing to do."""
        with self._lock:
            if name in self.modified and self.synced.get(name) != (key, organization):
                self.synced[name] = (key, organization)
                self._dirty = True

    def synced_organization(self, name: str, key: str) -> str | None:
        """The organization of `name` when it was last found in sync with a package of this `key`."""
        entry = self.synced.get(name)
        return entry[1] if entry is not None and entry[0] == key else None

    def forget(self, name: str) -> None:
        self.note(name, None)

    def save(self) -> None:
        if self.file is None or not self._dirty:
            return
        with self._lock:
            payload = {"format": SEEN_FORMAT, "portal": self.portal_url, "datasets": dict(self.modified),
                       "synced": {k: list(v) for k, v in self.synced.items()}}  # fmt: skip
            self._dirty = False
        try:
            write_text_atomic(self.file, json.dumps(payload, separators=(",", ":")))
        except OSError as exc:  # only costs exact reads next time
            log.debug("portal record not written: %s", exc)


def same_instant(recorded: str, shown: str) -> bool:
    """Whether a time the index shows (`...Z`, microseconds in the stand-in, milliseconds with
    trailing zeros dropped in Solr) is the `metadata_modified` recorded from CKAN's exact answer."""
    shown = shown.removesuffix("Z")
    if shown == recorded:
        return True
    seconds, _, fraction = shown.partition(".")
    recorded_seconds, _, recorded_fraction = recorded.partition(".")
    if len(fraction) >= 6 or seconds != recorded_seconds:
        return False
    kept = max(3, len(fraction))  # digits the index kept: at least the milliseconds
    return recorded_fraction.ljust(6, "0")[:kept].ljust(6, "0") == fraction.ljust(6, "0")


def pack(dataset: Portal) -> bytes:
    """A search copy as kept between the page it came in and its use: compressed JSON."""
    return zlib.compress(json.dumps(dataset, separators=(",", ":")).encode(), 1)


def unpack(packed: bytes) -> Portal:
    dataset: Portal = json.loads(zlib.decompress(packed))
    return dataset


# What a dataset known to be in sync is reported with, as the index stores it.
HEAD_FIELDS: Final = ("name", "state", "capacity", "organization", "metadata_created", "metadata_modified")


def _head(indexed: Portal) -> Portal:
    """An index head in the shape of CKAN's answer (`private`, `organization.name`, naive times)."""
    times = {k: str(indexed.get(k) or "").removesuffix("Z") or None for k in ("metadata_created", "metadata_modified")}
    return {"name": indexed.get("name"), "state": indexed.get("state"), "private": indexed.get("capacity") != "public",
            "organization": {"name": indexed.get("organization")}, **times}  # fmt: skip


def _search_by_name(
    client: CkanClient, organization: str, fields: tuple[str, ...] | None, keep: Callable[[Portal], Kept]
) -> dict[str, Kept]:
    """Every dataset of `organization` the token may see (private and drafts included), by name,
    as `keep` makes it; read page by page. `fields`: only these of the index (see `HEAD_FIELDS`)."""
    found: dict[str, Kept] = {}
    start = 0
    while True:
        query: dict[str, Any] = {"q": "*:*", "fq": f'organization:"{organization}"', "include_private": True,
                                 "include_drafts": True, "rows": SEARCH_ROWS, "start": start, "sort": "name asc"}  # fmt: skip
        if fields is not None:
            query["fl"] = ",".join(fields)
        page = client.call("package_search", query)
        results = page.get("results") or []
        for dataset in results:
            if isinstance(dataset, dict) and isinstance(dataset.get("name"), str):
                found[dataset["name"]] = keep(dataset)
        start += len(results)
        if not results or start >= int(page.get("count") or 0):
            return found


def search_heads(client: CkanClient, organization: str) -> dict[str, Portal]:
    """The head of every dataset of `organization`, by name (see `_head`)."""
    return _search_by_name(client, organization, HEAD_FIELDS, _head)


def search_organization(client: CkanClient, organization: str) -> dict[str, bytes]:
    """Every dataset of `organization`, by name, each as compressed JSON (see `pack`)."""
    return _search_by_name(client, organization, None, pack)


class PortalView:
    """The portal as one run sees it. `batched` turns the search copies on; without it every
    dataset is read with `package_show`, as before."""

    def __init__(self, settings: Settings, *, batched: bool) -> None:
        self.batched = batched
        self.seen = SeenRecord(seen_file(settings), settings.ckan_url)
        self._copies: dict[str, dict[str, bytes]] = {}
        self._heads: dict[str, dict[str, Portal] | Future[dict[str, Portal]]] = {}
        self._prefetch: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self.trusted = 0
        self.exact_reads = 0
        self.known_unchanged = 0  # of the trusted: not even planned (see `unchanged`)

    def search_copy(self, client: CkanClient, desired: DesiredDataset) -> Portal | None:
        """The index's copy of the dataset, read with the rest of its organization on first use."""
        return self._copy(client, desired.organization, desired.name) if self.batched else None

    def _copy(self, client: CkanClient, organization: str, name: str) -> Portal | None:
        if not self.batched:
            return None
        with self._lock:  # one thread reads an organization; the others wait for it
            copies = self._copies.get(organization)
            if copies is None:
                copies = search_organization(client, organization)
                self._copies[organization] = copies
            packed = copies.pop(name, None)
        if packed is None:
            return None
        return unpack(packed)

    def prefetch_heads(self, client: CkanClient) -> None:
        """Start reading the heads of the organizations this state folder found datasets in
        sync in, two at a time, each on a client of its own (see `unchanged`)."""
        organizations = sorted({org for _, org in self.seen.synced.values()})
        if not self.batched or not organizations:
            return
        self._prefetch = ThreadPoolExecutor(max_workers=2, thread_name_prefix="heads")
        for org in organizations:
            self._heads[org] = self._prefetch.submit(_heads_on_fork, client, org)

    def _head(self, client: CkanClient, organization: str, name: str) -> Portal | None:
        with self._lock:  # as for the copies: one read per organization
            heads = self._heads.get(organization)
            if heads is None:
                heads = self._heads[organization] = search_heads(client, organization)
        if isinstance(heads, Future):
            heads = heads.result()  # a failed read raises here: the dataset is planned instead
        return heads.get(name)

    def unchanged(self, client: CkanClient, name: str, key: str | None) -> Portal | None:
        """The index's head of `name` (`HEAD_FIELDS`, see `_head`) when its plan is known to be
        nothing to do without making it: the package has the `key` last found in sync with the dataset, and the copy shows the
        `metadata_modified` recorded then. None: plan it (the copy, if taken, is read again as
        `package_show`, as for any copy not trusted)."""
        organization = self.seen.synced_organization(name, key) if key is not None and self.batched else None
        if organization is None:
            return None
        copy = self._head(client, organization, name)
        if copy is None or not self.seen.matches(name, copy):
            return None
        with self._lock:
            self.trusted += 1
            self.known_unchanged += 1
        return copy

    def in_sync(self, name: str, portal: Portal | None, plan: DatasetPlan, key: str | None) -> None:
        """Remember that the plan from `portal` (an exact read, or a trusted copy) had nothing to
        do, not even one held for `--prune`, for a package of `key`."""
        if key is None or portal is None or not self.batched or not plan.nothing_to_do or plan.held:
            return
        if self.seen.matches(name, portal) and plan.organization:
            self.seen.mark_synced(name, key, plan.organization)

    def plan(
        self, client: CkanClient, desired: DesiredDataset, make_plan: PlanMaker
    ) -> tuple[Portal | None, DatasetPlan]:
        """The portal's dataset and the plan from it: the search copy when it is trusted to have
        nothing to do, else a fresh `package_show` (what every write is planned from)."""
        copy = self.search_copy(client, desired)
        if copy is not None and self.seen.matches(desired.name, copy):
            try:
                plan = make_plan(copy)
            except CkanError:
                plan = None  # an ownership refusal is decided on the exact read
            if plan is not None and plan.nothing_to_do:
                with self._lock:
                    self.trusted += 1
                return copy, plan
        portal = client.package_show(desired.name)
        with self._lock:
            self.exact_reads += 1
        self.seen.note(desired.name, portal)
        return portal, make_plan(portal)

    def written(self, client: CkanClient, name: str) -> Portal | None:
        """After writes: record the state they left, read exactly, so the next batched run
        trusts the index only once it shows that state (one request, batched runs only).
        Returns that state (None when not batched)."""
        if not self.batched:
            self.seen.forget(name)
            return None
        portal = client.package_show(name)
        self.seen.note(name, portal)
        return portal

    def close(self) -> None:
        """Drop the background reads (ended, or no longer wanted): also when a run stops early."""
        if self._prefetch is not None:
            self._prefetch.shutdown(wait=True, cancel_futures=True)

    def save(self) -> None:
        """Write the record down, the background reads dropped."""
        self.close()
        self.seen.save()


def _heads_on_fork(client: CkanClient, organization: str) -> dict[str, Portal]:
    with client.fork() as own:
        return search_heads(own, organization)


def batched_for(settings: Settings, targets: int) -> bool:
    return settings.portal_batch_min > 0 and targets >= settings.portal_batch_min
