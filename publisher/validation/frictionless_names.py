"""Frictionless' name conversions, remembered.

Each time frictionless imports or exports a descriptor it converts every property name of its
profiles between camelCase and snake_case, with two regular expressions per name: about 300
conversions for a one-table package, the same few dozen names each time, a sixth of what
checking its descriptor costs. The conversions are pure functions of the name, so remembering
them changes nothing but the time.
"""

from __future__ import annotations

import functools
from typing import Final

from frictionless.vendors import stringcase

# Names are profile properties and the keys of descriptors: a bound keeps odd keys from piling up.
_REMEMBERED: Final = 4096


def remember_name_conversions() -> None:
    """Idempotent: a conversion already remembered is left as it is."""
    for name in ("snakecase", "camelcase"):
        convert = getattr(stringcase, name)
        if not hasattr(convert, "cache_info"):
            setattr(stringcase, name, functools.lru_cache(maxsize=_REMEMBERED)(convert))
