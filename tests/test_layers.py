"""The layering of the code, enforced: data flows source -> fetch -> parse -> store -> serve.

* `parsers` is pure: it never imports `crawler`, Scrapy, Twisted or sqlite.
* `crawler.db` (SQLite) and `crawler.outputs` (files, calendar, report, Datasette plugin)
  never import Scrapy or Twisted, directly or through another module of ours; `crawler.db`
  imports nothing from `crawler` but itself, the sources list and paths (it stores what a
  crawl hands it, and knows nothing of how pages were fetched), and `crawler.outputs` reads
  the database and never the crawler.
* No import cycle among our modules (imports at module level; an import inside a function is
  how the CLI defers Scrapy, and is checked by the layer rules above, not here).
Imports are read from the source with `ast`, so nothing here depends on import side effects.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("parsers", "crawler")
SCRAPY = ("scrapy", "twisted")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {
    module_name(path): path for package in PACKAGES for path in (ROOT / package).rglob("*.py")
}


@cache
def imports(module: str, top_level_only: bool = False) -> frozenset[str]:
    """Absolute names `module` imports (`from a import b` gives `a.b` when that is a module)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text("utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.If) and top_level_only:  # `if TYPE_CHECKING:` is not an import
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(
                f"{node.module}.{alias.name}"
                for alias in node.names
                if f"{node.module}.{alias.name}" in MODULES
            )
    return frozenset(found)


def ours(name: str) -> str | None:
    """The module of ours that `name` refers to, if any."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def reachable(module: str) -> set[str]:
    """Every name imported by `module` or, transitively, by the modules of ours it imports."""
    seen, stack, names = {module}, [module], set()
    while stack:
        for name in imports(stack.pop()):
            names.add(name)
            target = ours(name)
            if target and target not in seen:
                seen.add(target)
                stack.append(target)
    return names


def in_layer(prefix: str) -> list[str]:
    return sorted(m for m in MODULES if m == prefix or m.startswith(prefix + "."))


def test_modules_found() -> None:
    assert {"parsers.chain", "parsers.walk", "crawler.db.store", "crawler.outputs.calendar"} <= (
        set(MODULES)
    )


@pytest.mark.parametrize("module", in_layer("parsers"))
def test_parsers_are_pure(module: str) -> None:
    bad = {
        name
        for name in reachable(module)
        if name.split(".")[0] in ("crawler", *SCRAPY, "sqlite3", "sqlite_utils")
    }
    assert not bad, f"{module} reaches {sorted(bad)}"


@pytest.mark.parametrize("module", in_layer("crawler.db") + in_layer("crawler.outputs"))
def test_db_and_outputs_never_import_scrapy(module: str) -> None:
    bad = {name for name in reachable(module) if name.split(".")[0] in SCRAPY}
    assert not bad, f"{module} reaches {sorted(bad)}"


ALLOWED = {
    "crawler.db": ("crawler.db", "crawler.sources", "crawler.paths"),
    "crawler.outputs": ("crawler.outputs", "crawler.db", "crawler.paths"),
}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_lower_layers_do_not_import_upper_ones(layer: str) -> None:
    allowed = ALLOWED[layer]
    bad = {
        f"{module} -> {name}"
        for module in in_layer(layer)
        for name in imports(module)
        if name.startswith("crawler")
        and name != "crawler"
        and not any(name == a or name.startswith(a + ".") for a in allowed)
    }
    assert not bad, sorted(bad)


def test_no_import_cycles() -> None:
    graph = {
        module: {
            target
            for name in imports(module, top_level_only=True)
            if (target := ours(name)) and target != module
        }
        for module in MODULES
    }
    # A package's __init__ importing its own submodules is how re-exports work, not a cycle.
    for module, targets in graph.items():
        targets -= {t for t in targets if t.startswith(module + ".")}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, " | ".join(" -> ".join(c) for c in cycles)


def test_parsers_are_discovered_from_their_folders() -> None:
    """Adding a site or platform is adding a module: every module file in parsers/sites and
    parsers/platforms is a parser by its NAME, with no list to edit."""
    from parsers import available_parsers, get_parser

    files = {
        path.stem
        for folder in ("sites", "platforms")
        for path in (ROOT / "parsers" / folder).glob("*.py")
        if not path.stem.startswith("_")
    }
    names = set(available_parsers())
    assert files <= names
    assert {get_parser(stem).__name__.rsplit(".", 1)[1] for stem in files} == files
    assert {"structured", "ical", "heuristic"} <= names


MAX_MODULE_LINES = 420  # "no module over ~400 lines" (issue 9), with a little slack
LONG_MODULES_ALLOWED: set[str] = set()


def test_no_module_is_too_long() -> None:
    """A module that grows past ~400 lines is doing more than one job: split it by job."""
    long = {
        f"{path.relative_to(ROOT).as_posix()} ({count} lines)"
        for package in (*PACKAGES, "bench")
        for path in (ROOT / package).rglob("*.py")
        if (count := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
        and path.relative_to(ROOT).as_posix() not in LONG_MODULES_ALLOWED
    }
    assert not long, f"over {MAX_MODULE_LINES} lines: " + ", ".join(sorted(long))
