"""Results of pure text functions remembered while one page is read, forgotten at the next.

The heuristic asks the same questions of the same strings many times on a page: every line
is read for its date and time by the record finder, again by the context pass and again by
the record's fields, and each title/speaker hypothesis asks `people_in` of texts an earlier
one already tried (over the 72 corpus pages: 5,125 `people_in` calls for 2,099 distinct
texts, 9,432 `find_time_range` calls for 2,700). `per_page` keeps the answers.

Only for functions whose result depends on their arguments alone and cannot be changed by
the caller (tuples, frozen dataclasses, strings, numbers). The caches are emptied when
`parsers.chain.parse_document` starts a page (`new_page`), so a page is never answered from
another page's reading: the cost measured is that of one page read cold, as a crawl meets it
(`python -m bench.parse` parses each page many times), and memory stays bounded by a page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

# Bounds a page's cache (a 1 MB page has a few thousand lines), and any caller that never
# goes through `parse_document` (unit tests, the crawler's own helpers).
MAX_ENTRIES = 20_000

_caches: list[Any] = []


def per_page(function: F) -> F:
    """`function` with its results kept until the next `new_page()`."""
    cached = lru_cache(maxsize=MAX_ENTRIES)(function)
    _caches.append(cached)
    return cached  # type: ignore[return-value]


def page_dict() -> dict[Any, Any]:
    """A dict emptied by `new_page()`, for results keyed by what `per_page` cannot hash (the
    identity of a line: the entry must keep its object alive, so the id is not reused)."""
    found: dict[Any, Any] = {}
    _caches.append(found)
    return found


def new_page() -> None:
    """Forget every remembered result: a new page is being read."""
    for cached in _caches:
        if isinstance(cached, dict):
            cached.clear()
        else:
            cached.cache_clear()
