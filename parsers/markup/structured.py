"""schema.org `Event`s (and subtypes) embedded as JSON-LD, microdata or RDFa, read with extruct.

The most reliable source on a page when present: WordPress event plugins, Drupal, Indico,
Eventbrite and many university CMSs emit it. Mapping: name -> title, startDate/endDate
(machine values), location (Place name + address, or VirtualLocation -> online), performer
(else a Person organizer) -> speakers, description -> abstract, url, eventStatus -> status,
eventAttendanceMode -> online. A `name` that packs speaker and title ("Jane Doe: Title") is
split when no performer is given.
Quirks: JSON-LD is often malformed (trailing commas, comments, HTML entities): json with
strict=False, then extruct's lenient loader, then a warning; events nest in `@graph`,
`subEvent`, `itemListElement`; RDFa (expanded IRIs) is read only when the page has a
`typeof` attribute, because pyRdfa is slow on big pages.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from lxml.html import tostring

from parsers.base import Context, ParseResult
from parsers.common import dates
from parsers.common.html import HtmlElement
from parsers.common.links import absolute
from parsers.common.people import parse_speaker, people_in, speaker_and_title
from parsers.common.text import clean, status_of
from parsers.talk import Speaker, Talk

NAME = "structured"
URL_PATTERNS: tuple[str, ...] = ()
EXTRACTED_BY = "structured"

EVENT_TYPES = re.compile(r"(?:^|[/#:])(\w*Event|EventSeries|Hackathon|Festival)$")
NOT_EVENTS = re.compile(r"(EventStatusType|EventAttendanceModeEnumeration)$")
STATUS = {
    "eventcancelled": "cancelled",
    "eventpostponed": "postponed",
    "eventrescheduled": "scheduled",
    "eventscheduled": "scheduled",
    "eventmovedonline": "scheduled",
}
MAX_SCRIPT_CHARS = 2_000_000
MAX_ITEMS = 2000
MAX_DEPTH = 12
MAX_MARKUP_FOR_MICRODATA = 3_000_000

log = logging.getLogger(__name__)


def detect(root: HtmlElement) -> float:
    """Cheap: does the page carry any schema.org Event markup at all?"""
    for script in _ld_scripts(root):
        if re.search(r"Event\b", script.text or ""):
            return 0.6
    for element in root.iter():
        kind = (
            element.get("itemtype") or element.get("typeof") if isinstance(element.tag, str) else ""
        )
        if kind and "Event" in kind:
            return 0.6
    return 0.0


def parse(root: HtmlElement, ctx: Context) -> ParseResult:
    result = ParseResult(confidence=0.0)
    items = _json_ld(root, result.warnings, ctx) + _microdata(root, ctx, result.warnings)
    events = []
    for item in items:
        _collect_events(item, events, 0)
    seen: set[tuple] = set()
    for event in events[:MAX_ITEMS]:
        talk = _talk(event, ctx)
        if talk is None:
            continue
        key = (talk.title, talk.starts_at)
        if key in seen:  # the same event given as JSON-LD and microdata
            continue
        seen.add(key)
        result.talks.append(talk)
    if result.talks:
        dated = sum(1 for t in result.talks if t.starts_at) / len(result.talks)
        result.confidence = 0.6 + 0.35 * dated
    return result


# --------------------------------------------------------------------------- reading markup


def _ld_scripts(root: HtmlElement) -> list[HtmlElement]:
    return [s for s in root.iter("script") if "ld+json" in (s.get("type") or "").lower()][:200]


def _json_ld(root: HtmlElement, warnings: list[str], ctx: Context) -> list[Any]:
    items: list[Any] = []
    for script in _ld_scripts(root):
        text = (script.text or "").strip()
        if not text:
            continue
        if len(text) > MAX_SCRIPT_CHARS:
            warnings.append(f"{ctx.url}: JSON-LD block over {MAX_SCRIPT_CHARS} chars skipped")
            continue
        data = _loads(text)
        if data is None:
            warnings.append(f"{ctx.url}: malformed JSON-LD block skipped")
            continue
        items.extend(data if isinstance(data, list) else [data])
    return items


def _loads(text: str) -> Any:
    text = re.sub(r"^\s*<!--|-->\s*$", "", text)
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:
        import jstyleson

        return jstyleson.loads(text, strict=False)
    except Exception:  # jstyleson raises many kinds on garbage
        return None


def _microdata(root: HtmlElement, ctx: Context, warnings: list[str]) -> list[Any]:
    has_micro = any(True for _ in root.iterfind(".//*[@itemtype]"))
    has_rdfa = any("Event" in (e.get("typeof") or "") for e in root.iterfind(".//*[@typeof]"))
    if not (has_micro or has_rdfa):
        return []
    import extruct

    items: list[Any] = []
    try:
        if has_micro:
            found = extruct.extract(
                root, base_url=ctx.url, syntaxes=["microdata"], uniform=True, errors="ignore"
            )
            items.extend(found.get("microdata") or [])
        if has_rdfa:
            markup = tostring(root, encoding="unicode")
            if len(markup) <= MAX_MARKUP_FOR_MICRODATA:
                found = extruct.extract(
                    markup, base_url=ctx.url, syntaxes=["rdfa"], errors="ignore"
                )
                items.extend(_from_rdfa(found.get("rdfa") or []))
            else:
                warnings.append(f"{ctx.url}: page too large for RDFa, skipped")
    except Exception as error:  # extruct and pyRdfa raise arbitrary errors on odd markup
        warnings.append(f"{ctx.url}: structured data unreadable ({type(error).__name__})")
    return items


def _from_rdfa(nodes: list[dict]) -> list[dict]:
    """Expanded RDFa JSON-LD (full IRIs, @value lists) -> plain schema.org dicts."""
    by_id = {node.get("@id"): node for node in nodes if isinstance(node, dict)}

    def simple(node: dict, depth: int = 0) -> dict:
        out: dict[str, Any] = {"@type": [_local(t) for t in node.get("@type", [])]}
        for key, values in node.items():
            if key.startswith("@") or not isinstance(values, list):
                continue
            name = _local(key)
            value = values[0] if values else None
            if isinstance(value, dict) and "@value" in value:
                out[name] = value["@value"]
            elif isinstance(value, dict) and "@id" in value:
                ref = by_id.get(value["@id"])
                out[name] = simple(ref, depth + 1) if ref and depth < 3 else value["@id"]
        return out

    return [simple(node) for node in nodes if isinstance(node, dict) and node.get("@type")]


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri)[-1]


def _collect_events(item: Any, out: list[dict], depth: int) -> None:
    if depth > MAX_DEPTH or len(out) >= MAX_ITEMS:
        return
    if isinstance(item, list):
        for entry in item[:MAX_ITEMS]:
            _collect_events(entry, out, depth + 1)
        return
    if not isinstance(item, dict):
        return
    if _is_event(item):
        out.append(item)
    for key in (
        "@graph",
        "subEvent",
        "subEvents",
        "itemListElement",
        "item",
        "event",
        "events",
        "mainEntity",
    ):
        if key in item:
            _collect_events(item[key], out, depth + 1)


def _is_event(item: dict) -> bool:
    kinds = item.get("@type") or item.get("type") or []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(
        isinstance(k, str) and EVENT_TYPES.search(k) and not NOT_EVENTS.search(k) for k in kinds
    ) and not any(isinstance(k, str) and k.endswith("EventSeries") for k in kinds)


# --------------------------------------------------------------------------- one event


def _talk(event: dict, ctx: Context) -> Talk | None:
    name = clean(_str(event.get("name")))
    speakers = _people(event.get("performer") or event.get("performers"))
    title = name
    if not speakers and name:
        title, speakers = speaker_and_title(name)
    if not speakers:
        speakers = [
            s for s in _people(event.get("organizer")) if _is_person(event.get("organizer"))
        ]
    location, online = _location(event.get("location"))
    mode = _str(event.get("eventAttendanceMode")).lower()
    if "online" in mode or "mixed" in mode:
        online = True
    elif "offline" in mode and online is None:
        online = False
    tz = ctx.timezone
    start_raw, end_raw = _str(event.get("startDate")), _str(event.get("endDate"))
    starts_at = dates.from_machine(start_raw, tz) if start_raw else None
    if starts_at is None and start_raw:
        found = dates.parse_date(start_raw, fallback=False)
        starts_at = found.isoformat() if found else None
    ends_at = dates.from_machine(end_raw, tz) if end_raw else None
    if not title and not speakers:
        return None
    status_key = _local(_str(event.get("eventStatus"))).lower()
    status = STATUS.get(status_key) or status_of(name)
    url = absolute(_str(event.get("url")) or None, ctx.url)
    return Talk(
        title=title,
        speakers=tuple(speakers),
        starts_at=starts_at,
        ends_at=ends_at if ends_at and starts_at and "T" in ends_at else None,
        timezone=tz if starts_at and "T" in starts_at and tz else None,
        location=location,
        online=online,
        abstract=_description(event.get("description")),
        url=url if url and url.split("#")[0] != ctx.url.split("#")[0] else None,
        status=status,
        extracted_by=EXTRACTED_BY,
    )


def _str(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@value") or value.get("@id") or value.get("name") or ""
    return str(value) if value is not None else ""


def _people(value: Any) -> list[Speaker]:
    values = value if isinstance(value, list) else [value] if value else []
    speakers: list[Speaker] = []
    for entry in values[:20]:
        if isinstance(entry, dict):
            name = clean(_str(entry.get("name")))
            affiliation = entry.get("affiliation") or entry.get("worksFor")
            if name:
                speaker = parse_speaker(name, clean(_str(affiliation)) or None)
                if speaker:
                    speakers.append(speaker)
        elif isinstance(entry, str):
            speakers.extend(people_in(entry) or [s for s in [parse_speaker(entry)] if s])
    return speakers


def _is_person(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, dict) and "Person" in str(v.get("@type", "")) for v in values)


def _location(value: Any) -> tuple[str | None, bool | None]:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return clean(value), None
    if not isinstance(value, dict):
        return None, None
    kind = str(value.get("@type") or "")
    if "VirtualLocation" in kind:
        return clean(_str(value.get("name"))) or "Online", True
    name = clean(_str(value.get("name")))
    address = value.get("address")
    if isinstance(address, dict):
        parts = [_str(address.get(k)) for k in ("streetAddress", "addressLocality")]
        address = ", ".join(p for p in parts if p)
    address = clean(_str(address)) if address else None
    if name and address and address not in name:
        return f"{name}, {address}", None
    return name or address, None


def _description(value: Any) -> str | None:
    text = _str(value)
    if not text:
        return None
    if "<" in text:
        from parsers.common.html import load
        from parsers.common.text import join_paragraphs, paragraphs

        root = load(f"<div>{text}</div>")
        return join_paragraphs(paragraphs(root)) if root is not None else clean(text)
    return "\n\n".join(p for p in (clean(b) for b in re.split(r"\n\s*\n", text)) if p) or None
