"""The README's tour of the database must name every default facet data/metadata.yml sets.

The README is where an analyst learns which columns the talks pages are faceted by; a facet
added to the metadata but not to the README (as `extracted_by` once was) is one nobody knows
to use. Facet names are matched as words, with `series_id` shown as `series`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def default_facets(table: str) -> list[str]:
    metadata = yaml.safe_load((ROOT / "data" / "metadata.yml").read_text("utf-8"))
    facets = metadata["databases"]["seminars"]["tables"][table]["facets"]
    return [next(iter(f.values())) if isinstance(f, dict) else f for f in facets]


def readme_tour() -> str:
    text = (ROOT / "README.md").read_text("utf-8")
    return text[text.index("**`talks_view`**") : text.index("**search box**")]


@pytest.mark.parametrize("table", ["talks_view", "talks"])
def test_readme_names_every_default_facet(table: str) -> None:
    tour = readme_tour()
    for facet in default_facets(table):
        shown = facet.removesuffix("_id")
        assert re.search(rf"\b{re.escape(shown)}\b", tour), f"README does not name facet {facet}"
