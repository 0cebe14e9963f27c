"""What is known about each dataset, gathered from the three places that know something:
the catalogue (descriptors), the run ledger and the portal.

Goals and freshness read these facts; they never talk to the portal themselves, so
they can be computed offline (ledger only) and tested without a network.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from publisher.catalog import PackageDir, dataset_name, find_packages, read_descriptor
from publisher.ckan.errors import PortalUnreachable
from publisher.ledger import Ledger
from publisher.messages import text
from publisher.profile import frequency_of
from publisher.settings import Settings

if TYPE_CHECKING:
    from publisher.ckan.client import CkanClient

log = logging.getLogger(__name__)

PortalState = Literal["active", "deleted", "draft"]


class PortalDataset(BaseModel):
    name: str
    state: str = "active"
    private: bool = False
    organization: str | None = None
    title: str | None = None
    metadata_created: datetime | None = None
    metadata_modified: datetime | None = None


# Returns None when the portal has no such dataset; raises PortalUnreachable when it cannot tell.
PortalLookup = Callable[[str], PortalDataset | None]


class DatasetFacts(BaseModel):
    name: str
    title: str | None = None
    organization: str | None = None
    in_catalogue: bool = False
    issued: date | None = None
    frequency: str | None = None
    ledger_first_public: datetime | None = None
    ledger_last_change: datetime | None = None
    ledger_last_kind: str | None = None
    ledger_public: bool | None = None
    portal: PortalDataset | None = None


class Facts(BaseModel):
    datasets: list[DatasetFacts]
    portal_checked: bool
    portal_error: str | None = None

    def by_name(self) -> dict[str, DatasetFacts]:
        return {d.name: d for d in self.datasets}


def parse_issued(value: object) -> date | None:
    """`issued` as the profile allows it: YYYY-MM-DD, or YYYY-MM meaning the month's first day."""
    if not isinstance(value, str):
        return None
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError:
        return None


def collect(settings: Settings, ledger: Ledger | None, portal: PortalLookup | None = None) -> Facts:
    """Facts for every dataset of the catalogue or the ledger; `portal=None` stays offline."""
    found: dict[str, DatasetFacts] = {}
    for pkg in find_packages(settings.catalogue_dir):
        try:
            descriptor = read_descriptor(pkg)
        except (OSError, ValueError) as exc:
            # A broken descriptor is validation's business; here it just has no facts.
            log.warning(
                "%s", text("goals.log.unreadable-descriptor", settings.lang, package=pkg.name, error=type(exc).__name__)
            )
            continue
        facts = _from_descriptor(descriptor, pkg)
        found[facts.name] = facts

    if ledger is not None:
        first = ledger.first_publications()
        for name, state in ledger.dataset_states().items():
            facts = found.setdefault(name, DatasetFacts(name=name))
            facts.organization = facts.organization or state.organization
            facts.ledger_last_change = state.last_change_at
            facts.ledger_last_kind = state.last_kind
            facts.ledger_public = state.public
        for name, pub in first.items():
            facts = found.setdefault(name, DatasetFacts(name=name, organization=pub.organization))
            facts.ledger_first_public = pub.published_at

    portal_checked = False
    portal_error: str | None = None
    if portal is not None:
        try:
            for facts in found.values():
                facts.portal = portal(facts.name)
                if facts.portal is not None:
                    facts.organization = facts.organization or facts.portal.organization
                    facts.title = facts.title or facts.portal.title
            portal_checked = True
        except PortalUnreachable as exc:
            portal_error = exc.localized(settings.lang)
            log.warning("%s", text("goals.log.portal-not-consulted", settings.lang, reason=portal_error))
            for facts in found.values():
                facts.portal = None
    return Facts(
        datasets=sorted(found.values(), key=lambda f: f.name), portal_checked=portal_checked, portal_error=portal_error
    )


def _from_descriptor(descriptor: dict[str, Any], pkg: PackageDir) -> DatasetFacts:
    title = descriptor.get("title")
    org = descriptor.get("owner_org")
    return DatasetFacts(
        name=dataset_name(descriptor, pkg.path),
        title=title if isinstance(title, str) else None,
        organization=org if isinstance(org, str) else None,
        in_catalogue=True,
        issued=parse_issued(descriptor.get("issued")),
        frequency=frequency_of(descriptor),
    )


def _parse_ckan_time(value: object) -> datetime | None:
    # CKAN writes naive ISO timestamps in UTC.
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def portal_dataset(data: dict[str, Any]) -> PortalDataset:
    """A CKAN package_show dict reduced to what goals and freshness need."""
    org = data.get("organization")
    org_name = org.get("name") if isinstance(org, dict) else None
    return PortalDataset(
        name=str(data.get("name")),
        state=str(data.get("state") or "active"),
        private=bool(data.get("private")),
        organization=org_name if isinstance(org_name, str) else None,
        title=data.get("title") if isinstance(data.get("title"), str) else None,
        metadata_created=_parse_ckan_time(data.get("metadata_created")),
        metadata_modified=_parse_ckan_time(data.get("metadata_modified")),
    )


@contextmanager
def ckan_lookup(settings: Settings) -> Iterator[PortalLookup]:
    """A PortalLookup over the product's CKAN client, for the length of a `with` block:
    the client's connections are closed at its end (the scheduler is long-lived and asks
    the portal on every goal-report and freshness run). package_show reads the database
    exactly; the token, when configured, shows private and retired datasets as such."""
    from publisher.ckan import CkanClient  # local: offline callers skip the HTTP stack
    from publisher.ckan.retry import RetryPolicy

    # Reads for a report: one retry, then report "portal not consulted" rather than stall.
    with CkanClient(settings, policy=RetryPolicy(attempts=min(2, settings.retries + 1))) as client:
        yield lambda name: _look_up(client, settings.ckan_url, name)


def _look_up(client: CkanClient, url: str, name: str) -> PortalDataset | None:
    from publisher.ckan import CkanError, NotAuthorized
    from publisher.ckan.errors import CKANAPIError

    try:
        data = client.package_show(name)
    except NotAuthorized:
        # A private dataset of an organization the token cannot read: it exists, not public.
        return PortalDataset(name=name, private=True)
    except (CkanError, CKANAPIError, OSError) as exc:
        # The class name only: the client's messages are scrubbed, but less is safer.
        raise PortalUnreachable(f"{url}: {exc.__class__.__name__}") from None
    return None if data is None else portal_dataset(data)
