"""The sources list (`data/sources.toml`): which seminar pages to crawl, and how.

Why it is checked so strictly, and all at once: a nightly job that dies on entry 7 of 12 after
crawling the first six leaves a half-refreshed database and a confusing log. So every entry is
validated before anything is fetched, every problem is reported (not just the first), and each
message names the entry and the field, e.g.
`data/sources.toml: source 3 (id 'weihuang'): timezone: unknown time zone 'Europe/Pari'`.
Unknown keys are errors too: a misspelt `timezon` would otherwise be silently ignored.

No Scrapy import: the CLI validates the file before it starts the crawler.
"""

from __future__ import annotations

import ipaddress
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from parsers import available_parsers
from parsers.common.zones import is_valid_zone

SOURCE_KINDS = ("seminar", "workshop", "conference", "course", "talks")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# One label of a host name: letters, digits, "-" (not at either end) and "_" (some real hosts).
HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$", re.IGNORECASE)
PORTS = "a port is a number from 1 to 65535"
REQUIRED = ("id", "name", "url")
# Zone files that name no place: the machine's own zone, and tzdata's placeholders.
PLACELESS_ZONES = {
    "localtime": "the zone of whichever machine this runs on",
    "posixrules": "a rules file of the zone database",
    "Factory": "the zone database's placeholder",
}
OPTIONAL = ("parser", "timezone", "institution", "kind", "enabled")


class SourcesError(ValueError):
    """The sources file cannot be used; the message lists every problem, one per line."""


@dataclass(frozen=True)
class Source:
    """One seminar source: where its listing lives and how to read it."""

    id: str
    name: str
    url: str
    parser: str = "auto"
    timezone: str | None = None
    institution: str | None = None
    kind: str | None = None
    enabled: bool = True

    @property
    def site(self) -> str:
        """The site the crawl may follow links within (see `site_of`)."""
        return site_of(self.url)

    def owns(self, url: str) -> bool:
        """Whether `url` is on this source's own site (follows and redirects stay there)."""
        return site_of(url) == self.site

    def series_row(self) -> dict[str, Any]:
        """The `series` row the store keeps for this source."""
        return {
            "id": self.id,
            "name": self.name,
            "url": self.url,
            "institution": self.institution,
            "timezone": self.timezone,
            "kind": self.kind,
            "parser": self.parser,
        }


def site_of(url: str) -> str:
    """Scheme-less host[:port], lower-cased, without a leading `www.`.

    Why not the registered domain: `github.io` hosts thousands of unrelated sites, so one
    source's site is exactly its host (http/https and `www.` variants of it included).
    """
    netloc = urlsplit(url).netloc.lower()
    return netloc.removeprefix("www.")


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate a sources file; SourcesError lists every problem found."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such sources file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SourcesError(f"{path}: not valid TOML: {error}") from None
    return parse_sources(data, str(path))


def parse_sources(data: dict[str, Any], origin: str = "sources") -> list[Source]:
    """Validate the decoded TOML (`[[source]]` tables) into Source objects, in file order."""
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{origin}: no [[source]] entries")
    problems: list[str] = []
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        label = _label(number, entry)
        errors = _check_entry(entry)
        source_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(source_id, str) and source_id in seen:
            errors.append(f"id: duplicate id {source_id!r} (also source {seen[source_id]})")
        elif isinstance(source_id, str):
            seen[source_id] = number
        problems.extend(f"{origin}: {label}: {error}" for error in errors)
        if not errors:
            sources.append(_source(entry))
    if problems:
        raise SourcesError("\n".join(problems))
    return sources


def select(sources: list[Source], ids: Iterable[str] = ()) -> list[Source]:
    """The sources to crawl: the named ones (even if disabled), else every enabled one."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return [source for source in sources if source.enabled]
    known = {source.id: source for source in sources}
    unknown = [source_id for source_id in wanted if source_id not in known]
    if unknown:
        raise SourcesError(
            f"unknown source id(s): {', '.join(unknown)} (known: {', '.join(known)})"
        )
    return [known[source_id] for source_id in wanted]


def _label(number: int, entry: Any) -> str:
    source_id = entry.get("id") if isinstance(entry, dict) else None
    return f"source {number} (id {source_id!r})" if source_id else f"source {number}"


def _check_entry(entry: Any) -> list[str]:
    """Every problem of one entry, as 'field: what is wrong'."""
    if not isinstance(entry, dict):
        return ["not a table"]
    errors = [f"{key}: unknown field" for key in entry if key not in (*REQUIRED, *OPTIONAL)]
    errors += [f"{key}: missing" for key in REQUIRED if key not in entry]
    unusable = {key for key in REQUIRED if key not in entry}
    for key in ("id", "name", "url", "parser", "timezone", "institution", "kind"):
        if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
            errors.append(f"{key}: must be a non-empty string")
            unusable.add(key)
    if "enabled" in entry and not isinstance(entry["enabled"], bool):
        errors.append("enabled: must be true or false")
    # Every field that is a string gets its own check too, whatever else is wrong with the
    # entry: one run lists all of its errors, not one more per edit.
    for key, check in _FIELD_CHECKS.items():
        if key in entry and key not in unusable:
            errors += check(entry)
    return errors


def _check_id(entry: dict[str, Any]) -> list[str]:
    if ID_PATTERN.match(entry["id"]):
        return []
    return [f"id: {entry['id']!r} must be lower-case letters, digits, '_' or '-'"]


def _check_url(entry: dict[str, Any]) -> list[str]:
    """An absolute http(s) URL whose host and port a request can use.

    Why more than the scheme: `urlsplit` accepts `https://example.org:99999/` and a host with a
    space, and such a URL used to stop the whole crawl (Scrapy refuses it when the request is
    built) or fail later with a traceback.
    """
    url = entry["url"]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:  # a port out of range or not a number, an IPv6 host's "[" open
        if "port" in str(error).lower():
            return [f"url: {url!r} has an invalid port ({_host_and_port(url)!r}; {PORTS})"]
        return [f"url: {url!r} has an invalid host name ({_host_and_port(url)!r})"]
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [f"url: {url!r} is not an absolute http(s) URL"]
    if port == 0:
        return [f"url: {url!r} has an invalid port ({_host_and_port(url)!r}; {PORTS})"]
    if not _valid_host(parts.hostname, ipv6="[" in parts.netloc):
        return [f"url: {url!r} has an invalid host name ({parts.hostname!r})"]
    return []


def _host_and_port(url: str) -> str:
    """The `host[:port]` part of a URL urlsplit refuses, for the message."""
    rest = url.split("://", 1)[-1]
    return re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]


def _valid_host(host: str, *, ipv6: bool) -> bool:
    """A DNS name (international names allowed), an IPv4 address, or an IPv6 literal."""
    if ipv6:
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:  # an empty label ("a..org") or one over 63 characters
        return False
    return all(HOST_LABEL.match(label) for label in ascii_host.removesuffix(".").split("."))


def _check_parser(entry: dict[str, Any]) -> list[str]:
    parser = entry.get("parser", "auto")
    if parser == "auto" or parser in available_parsers():
        return []
    return [f"parser: unknown parser {parser!r} (auto or one of {', '.join(available_parsers())})"]


def _check_timezone(entry: dict[str, Any]) -> list[str]:
    problem = timezone_problem(entry["timezone"]) if "timezone" in entry else None
    return [f"timezone: {problem}"] if problem else []


def timezone_problem(name: str) -> str | None:
    """Why `name` cannot be a series' zone (also `--timezone` of `seminars parse`), or None.

    "localtime" is a zone file too, but it is the zone of whichever machine runs the crawl: a
    nightly job on a server in another country would silently move every talk.
    """
    if name in PLACELESS_ZONES:
        return (
            f"{name!r} is {PLACELESS_ZONES[name]}, not a place's zone "
            "(use an IANA name such as 'Europe/Paris')"
        )
    if not is_valid_zone(name):
        return f"unknown time zone {name!r} (use an IANA name)"
    return None


def _check_kind(entry: dict[str, Any]) -> list[str]:
    if "kind" not in entry or entry["kind"] in SOURCE_KINDS:
        return []
    return [f"kind: {entry['kind']!r} is not one of {', '.join(SOURCE_KINDS)}"]


_FIELD_CHECKS = {
    "id": _check_id,
    "url": _check_url,
    "parser": _check_parser,
    "timezone": _check_timezone,
    "kind": _check_kind,
}


def _source(entry: dict[str, Any]) -> Source:
    return Source(**{key: value for key, value in entry.items() if key in (*REQUIRED, *OPTIONAL)})
