"""The publication date a web page states in its markup: meta tags, JSON-LD, marked-up elements, URL.

Deliberately narrower than htmldate (which trafilatura runs): no date is taken from the visible
text, so a footer's copyright year or an "Updated" line never becomes the publication date, and
nothing depends on today's date. Where to look is data (``resources/readers/page_dates.yaml``).
"""

from __future__ import annotations

import json
from datetime import date
from urllib.parse import urlsplit

from dateline.readers.common import checked_date, parse_metadata_date
from dateline.readers.rules import page_date_rules

# JSON-LD blocks are small; a huge one is not metadata and is not worth parsing.
MAX_JSON_LD_CHARS = 200_000


def page_date(tree, url: str | None = None) -> date | None:
    """The publication date stated by a parsed page (lxml ``HtmlElement``), or ``None``.

    ``url`` is the address the page was fetched from, else the page's canonical link is used.
    """
    return (
        _meta_date(tree)
        or _json_ld_date(tree)
        or _element_date(tree)
        or url_date(url or _canonical_url(tree))
    )


def _meta_date(tree) -> date | None:
    stated: dict[tuple[str, str], str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            value = meta.get(attribute)
            if value:
                stated.setdefault((attribute, value.strip().lower()), content)
    for key in page_date_rules().meta:
        if key in stated:
            found = parse_metadata_date(stated[key])
            if found is not None:
                return found
    return None


def _json_ld_date(tree) -> date | None:
    keys = page_date_rules().json_ld
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = script.text or ""
        if len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for key in keys:
            value = _first_value(data, key, depth=0)
            found = parse_metadata_date(value) if value else None
            if found is not None:
                return found
    return None


def _first_value(data: object, key: str, depth: int) -> str | None:
    """The first string under ``key`` in nested JSON-LD (objects, lists, ``@graph``)."""
    if depth > 6:
        return None
    if isinstance(data, dict):
        value = data.get(key)
        if isinstance(value, str):
            return value
        children = data.values()
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        found = _first_value(child, key, depth + 1)
        if found:
            return found
    return None


def _element_date(tree) -> date | None:
    for xpath, attribute in page_date_rules().elements:
        for element in tree.xpath(xpath):
            found = parse_metadata_date(element.get(attribute) or "")
            if found is not None:
                return found
    return None


def _canonical_url(tree) -> str | None:
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            return link.get("href")
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            return meta.get("content")
    return None


def url_date(url: str | None) -> date | None:
    """The date in a news URL's path (``/2018/09/27/``), or ``None``."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern, _examples in page_date_rules().url:
        match = pattern.search(path)
        day = checked_date(match["year"], match["month"], match["day"]) if match else None
        if day is not None:
            return day
    return None
