"""Which parser reads a page: site parsers by URL, platform parsers by what the page looks like.

Site and platform parsers are discovered, not listed: every module in `parsers/sites/` and
`parsers/platforms/` that defines `NAME` and `parse` is a parser. Adding a site or a platform
is adding a module; nothing else is edited. The generic stages (schema.org markup, iCalendar,
the heuristic extractor) are fixed parts of the `auto` chain (`parsers.chain`), so they are
named here rather than discovered.

A parser module has `NAME`, `parse(root, ctx) -> ParseResult` and, when its pages link to
per-talk pages, `parse_detail(root, ctx)`. Site parsers add `URL_PATTERNS` (regexes matched
against the page URL); platform parsers add `detect(root) -> float` (0-1, how sure they are
the page was made with their generator).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import re
from functools import cache
from types import ModuleType

from parsers.common.html import HtmlElement

log = logging.getLogger(__name__)

# The generic stages of the auto chain, by parser name.
GENERIC_MODULES = {
    "structured": "parsers.markup.structured",
    "ical": "parsers.markup.ical",
    "heuristic": "parsers.heuristic",
}
PLATFORM_THRESHOLD = 0.5  # a platform parser must be at least this sure it recognises a page


@cache
def _discover(package: str) -> dict[str, ModuleType]:
    """Parser modules of one package, by their NAME, in module-name order (stable output)."""
    found: dict[str, ModuleType] = {}
    base = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(base.__path__), key=lambda info: info.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        if hasattr(module, "NAME") and hasattr(module, "parse"):
            found[module.NAME] = module
    return found


def site_parsers() -> dict[str, ModuleType]:
    return _discover("parsers.sites")


def platform_parsers() -> dict[str, ModuleType]:
    return _discover("parsers.platforms")


def generic_parsers() -> tuple[str, ...]:
    return tuple(GENERIC_MODULES)


def available_parsers() -> list[str]:
    """Every parser name a source or `seminars parse --parser` may use (besides `auto`)."""
    return [*site_parsers(), *platform_parsers(), *GENERIC_MODULES]


def get_parser(name: str) -> ModuleType:
    """The parser module called `name`; ValueError naming the choices if there is none."""
    for parsers in (site_parsers(), platform_parsers()):
        if name in parsers:
            return parsers[name]
    if name in GENERIC_MODULES:
        return importlib.import_module(GENERIC_MODULES[name])
    raise ValueError(f"unknown parser {name!r} (choose from: {', '.join(available_parsers())})")


def site_parser(url: str) -> ModuleType | None:
    """The site parser whose URL patterns match `url`, if any."""
    for module in site_parsers().values():
        if any(re.search(pattern, url) for pattern in module.URL_PATTERNS):
            return module
    return None


def detect(module: ModuleType, root: HtmlElement) -> float:
    """How sure `module` is that it recognises the page; a failing detector scores 0."""
    try:
        return float(module.detect(root))
    except Exception as error:  # a detector must never take the page down
        log.warning("%s.detect failed: %s", module.NAME, error)
        return 0.0


def choose_parser(root: HtmlElement | None, url: str) -> ModuleType | None:
    """Site parser by URL, else the platform parser most sure it recognises the page."""
    site = site_parser(url)
    if site is not None or root is None:
        return site
    return choose_platform(root)[0]


def choose_platform(root: HtmlElement) -> tuple[ModuleType | None, float]:
    """The platform parser most sure it recognises the page, with its `detect` score; (None,
    the best score) when none reaches `PLATFORM_THRESHOLD`."""
    scored = [(detect(module, root), name) for name, module in platform_parsers().items()]
    best = max(scored, default=(0.0, ""))
    return (get_parser(best[1]) if best[0] >= PLATFORM_THRESHOLD else None), best[0]
