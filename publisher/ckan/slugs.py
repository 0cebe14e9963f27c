"""Which package resource a portal resource stands for.

A resource's name on the portal is its title (what citizens read); the package's own
resource name (a slug, stable across title edits) is kept in the resource's `slug` field,
and that is what the publisher matches on.
"""

from __future__ import annotations

from typing import Any, Final

SLUG_FIELD: Final = "slug"


def resource_key(res: dict[str, Any]) -> str:
    """A portal resource's slug, or its name for resources published before names became
    titles (they converge by an update, not a duplicate)."""
    return str(res.get(SLUG_FIELD) or res.get("name") or "")
