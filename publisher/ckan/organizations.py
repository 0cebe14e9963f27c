"""Organizations: looked up on the portal, created only from `datapackages/organizations.json`.

An organization is never guessed from a slug: a dataset whose `owner_org` is neither
on the portal nor in organizations.json fails with a clear error. Each entry's `name` is
the portal's own slug (the long one the state portal shows in its addresses); its
`aliases` are the short names stewards say (`seplag`), known only to suggest the slug,
never to stand in for it: one organization has one slug in packages, the portal and the goal.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.ckan import errors
from publisher.ckan.errors import CkanError, PortalUnavailable
from publisher.messages import text

if TYPE_CHECKING:
    from publisher.ckan.client import CkanClient

log = logging.getLogger(__name__)

ORGANIZATIONS_FILE = "organizations.json"


class OrganizationError(CkanError):
    code = "organization-unknown"

    def __init__(self, code: str, name: str) -> None:
        super().__init__(repr(name))  # the message names the organization; the code says what is wrong
        self.code = code
        self.name = name


def load_organizations(catalogue_dir: Path) -> dict[str, dict[str, Any]]:
    """organizations.json by slug; missing file = no organization may be created."""
    path = catalogue_dir / ORGANIZATIONS_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    if not isinstance(data, list):
        raise OrganizationError("organizations-file", str(path))
    return {str(o["name"]): o for o in data if isinstance(o, dict) and o.get("name")}


def slug_index(declared: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Every name and alias of the declared organizations -> the organization's slug."""
    index: dict[str, str] = {}
    for slug, org in declared.items():
        aliases = org.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str) and alias:
                index.setdefault(alias, slug)
    index.update({slug: slug for slug in declared})
    return index


def organization_dict(org: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {"name": org["name"]}
    for key in ("title", "description", "image_url"):
        if org.get(key):
            data[key] = org[key]
    if org.get("homepage"):
        data["extras"] = [{"key": "homepage", "value": org["homepage"]}]
    return data


class Organizations:
    """Which organizations exist, asked once per run; creation is serialised between workers."""

    def __init__(self, client: CkanClient, catalogue_dir: Path) -> None:
        self._client = client
        self._catalogue_dir = catalogue_dir
        self._known: dict[str, bool] = {}
        self._lock = threading.Lock()
        self._declared: dict[str, dict[str, Any]] | None = None

    def declared(self) -> dict[str, dict[str, Any]]:
        if self._declared is None:
            self._declared = load_organizations(self._catalogue_dir)
        return self._declared

    def exists(self, name: str, client: CkanClient | None = None) -> bool:
        with self._lock:
            if name not in self._known:
                self._known[name] = (client or self._client).organization_show(name) is not None
            return self._known[name]

    def check_creatable(self, name: str) -> None:
        """Raise if `name` is missing on the portal and cannot be created from organizations.json."""
        if name not in self.declared():
            raise OrganizationError("organization-unknown", name)

    def ensure(self, name: str, client: CkanClient | None = None) -> bool:
        """Make sure `name` exists; True if this call created it."""
        c = client or self._client
        with self._lock:
            if self._known.get(name) is None:
                self._known[name] = c.organization_show(name) is not None
            if self._known[name]:
                return False
            self.check_creatable(name)
            try:
                c.call("organization_create", organization_dict(self.declared()[name]))
            except (errors.ValidationError, PortalUnavailable):
                # Another runner may have created it between our look and our create (CKAN then
                # says "Group name already exists"), or the create may have gone through before
                # its answer was lost: what counts is whether it exists now.
                if c.organization_show(name) is None:
                    raise
                self._known[name] = True
                return False
            log.info("%s", text("ckan.organization-created", c.lang, name=name))
            self._known[name] = True
            return True
