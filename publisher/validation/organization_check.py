"""Is the package's `owner_org` an organization the publish can use?

`plan` and `publish` need the organization on the portal or declared in the catalogue's
`organizations.json` (to create it). Validation asks the same two places, so a package it
calls valid does not fail later for its organization: the file first (no network), then
the portal when one is configured (CKAN_URL) and answers. Offline, the file alone decides; with
neither a file nor a portal there is nothing to compare with, and nothing is reported.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Final

from publisher.ckan.organizations import ORGANIZATIONS_FILE, OrganizationError, load_organizations, slug_index
from publisher.messages import Texts
from publisher.profile import is_valid_name
from publisher.settings import Settings
from publisher.validation.profile_check import TODO_MARKER
from publisher.validation.report import Problem, make_error
from publisher.validation.suggest import closest_choice

# Validation must stay quick when the portal is slow or away: it is only a second opinion.
PORTAL_TIMEOUT_SECONDS: Final = 5.0


@functools.lru_cache(maxsize=512)
def portal_has_organization(url: str, slug: str) -> bool | None:
    """True or False as the portal answers; None when no CKAN answers there."""
    # Imported here: most validations ask no portal, and worker processes import this module.
    import ckanapi
    import requests

    try:
        with ckanapi.RemoteCKAN(url) as portal:
            portal.call_action("organization_show", {"id": slug}, requests_kwargs={"timeout": PORTAL_TIMEOUT_SECONDS})
    except ckanapi.NotFound:
        return False
    except (ckanapi.CKANAPIError, requests.RequestException, ValueError):
        return None
    return True


def _declared(catalogue_dir: Path) -> dict[str, dict[str, Any]] | None:
    """organizations.json by slug; None when there is no readable file to compare with."""
    if not (catalogue_dir / ORGANIZATIONS_FILE).is_file():
        return None
    try:
        return load_organizations(catalogue_dir)
    except (OrganizationError, ValueError, KeyError, OSError):
        return None  # publish reports a broken file itself, naming it


def closest_organization(slug: str, declared: dict[str, dict[str, Any]]) -> str | None:
    """The declared slug `slug` most likely meant: an alias's slug, or one spelled almost the same."""
    index = slug_index(declared)
    if slug in index:
        return index[slug]
    guess = closest_choice(slug, list(index))
    return index[guess] if guess is not None else None


def check_organization(descriptor: dict[str, Any], package: str, settings: Settings) -> list[Problem]:
    slug = descriptor.get("owner_org")
    if not isinstance(slug, str) or not is_valid_name(slug) or TODO_MARKER.match(slug):
        return []  # the profile check reports a missing, malformed or TODO slug
    declared = _declared(settings.catalogue_dir)
    if declared is not None and slug in declared:
        return []
    # Only a portal the operator named (CKAN_URL, .env): the built-in default address is not one,
    # and whatever answers there on a developer's machine must not decide a package's verdict.
    configured = "ckan_url" in settings.model_fields_set
    on_portal = portal_has_organization(settings.ckan_url.rstrip("/"), slug) if configured else None
    if on_portal or (on_portal is None and declared is None):
        return []
    t = Texts(settings.lang)
    guess = closest_organization(slug, declared or {})
    orgs_file = str(settings.catalogue_dir / ORGANIZATIONS_FILE)
    where = (
        t("validation.organization.where-file", orgs_file=orgs_file)
        if on_portal is None
        else t("validation.organization.where-both", orgs_file=orgs_file, url=settings.ckan_url)
    )
    return [
        make_error(
            "organization-unknown",
            settings.lang,
            package=package,
            file="datapackage.json",
            field="owner_org",
            value=slug,
            where=where,
            guess=t("validation.constraint.did-you-mean", guess=guess) if guess else "",
        )
    ]
