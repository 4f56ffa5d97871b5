"""Read queries over the store that more than one output needs (search quoting, ...)."""

from __future__ import annotations

import re

_FTS_TOKEN = re.compile(r'"[^"]*"?|\S+')


def fts_query(text: str | None) -> str:
    """User text as an FTS5 query: every word quoted (so 'C++' or 'AND' cannot break the
    syntax), "quoted phrases" kept; empty input gives '""', which matches nothing."""
    tokens = []
    for token in _FTS_TOKEN.findall(text or ""):
        words = token.strip('"').replace('"', "")
        if words.strip():
            tokens.append(f'"{words}"')
    return " ".join(tokens) or '""'
