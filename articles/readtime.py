"""Reading time as Material's ``readtime``: a whole number of minutes."""

from __future__ import annotations

import math
import re

_MINUTES = re.compile(
    r"^(?:environ\s+|~\s*)?(?:(?P<hours>\d+)\s*h(?:eures?)?\s*)?(?P<low>\d+(?:[.,]\d+)?)?"
    r"(?:\s*(?:-|à|a)\s*(?P<high>\d+(?:[.,]\d+)?))?\s*(?:min(?:ute)?s?|mn|m)?\.?$"
)


def parse_readtime(value: object) -> int | None:
    """``3``, ``"3 min"``, ``"3mn"``, ``"3 minutes"``, ``"1h30"`` -> minutes; None if unreadable.

    A range (``5-7 min``) counts as its upper bound; a fraction rounds up.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        return math.ceil(value) if math.isfinite(value) and value > 0 else None
    if not isinstance(value, str):
        return None
    found = _MINUTES.match(value.strip().casefold())
    if not found or not (found.group("low") or found.group("hours")):
        return None
    hours = int(found.group("hours") or 0)
    number = found.group("high") or found.group("low") or "0"
    minutes = math.ceil(float(number.replace(",", "."))) + 60 * hours
    if minutes <= 0 or minutes > 24 * 60:
        return None
    return minutes
