"""The synthetic site's sources and pages (`build`), for the crawl and refresh benchmarks.

Sources are built from the seed fixtures' own pages: each page keeps its fixture's chrome
(head, navigation, sidebar, footer, sliced from `tests/fixtures/sites/`) and gets generated
talk blocks in that fixture's markup, with varied titles, speakers, affiliations, dates,
times, abstracts and links. Three kinds, in a fixed rotation:

* academicpages talks list (as weihuang): a listing of 20 `article.archive__item` and a page per
  talk (`<time datetime>`, full abstract, slides link), parser `auto`: 21 pages;
* GAPinDNNs cards (as gapindnns): 20 Bootstrap cards on one page, parser `gapindnns`: 1 page;
* IST seminar blocks (as ist_mpml): 20 `div.seminar` on one page, parser `ist_mpml`: 1 page.

Generation is deterministic, so a second crawl sees identical bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from bench.site import FIRST, FRAME, KINDS, LAST, PLACES, SENTENCES, TIMES, TOPIC, Site
from crawler.paths import SNAPSHOTS

TALKS_PER_LISTING = 20
# Which kind each source is, in turn: mostly personal academicpages sites (most pages).
ROTATION = ("ap", "gap", "ist", "ap", "ap", "gap", "ap", "ap", "ap", "ap")
PAGES_PER_SOURCE = {"ap": 1 + TALKS_PER_LISTING, "gap": 1, "ist": 1}


def build(origin: str, pages: int, seed: int = 0) -> Site:
    """Sources in `ROTATION` order until the site has at least `pages` pages."""
    site = Site(origin)
    rnd = random.Random(seed)
    shells = _Shells()
    number = 0
    while len(site.pages) < pages:
        kind = ROTATION[number % len(ROTATION)]
        {"ap": _academicpages, "gap": _cards, "ist": _ist}[kind](site, shells, rnd, number)
        site.talks += TALKS_PER_LISTING
        number += 1
    return site


def pages_for(sources: int) -> int:
    return sum(PAGES_PER_SOURCE[ROTATION[n % len(ROTATION)]] for n in range(sources))


# ---- talk content ---------------------------------------------------------------------------


@dataclass
class Talk:
    title: str
    speaker: str
    affiliation: str | None
    place: str
    day: date
    time: str
    paragraphs: list[str]
    kind: str
    slides: bool
    video: bool
    arxiv: bool


def _talk(rnd: random.Random, owner: str | None = None) -> Talk:
    a, b = rnd.sample(TOPIC, 2)
    affiliation, place = rnd.choice(PLACES)
    sentences = [s.format(a=a.lower(), b=b.lower(), place=affiliation) for s in SENTENCES]
    paragraphs = [
        " ".join(rnd.sample(sentences, rnd.randint(2, 5))) for _ in range(rnd.randint(1, 3))
    ]
    return Talk(
        title=rnd.choice(FRAME).format(a=a, b=b),
        speaker=owner or f"{rnd.choice(FIRST)} {rnd.choice(LAST)}",
        affiliation=None if rnd.random() < 0.1 else affiliation,
        place=place,
        day=date(2019, 1, 1) + timedelta(days=rnd.randrange(7 * 365)),
        time=rnd.choice(TIMES),
        paragraphs=paragraphs,
        kind=rnd.choice(KINDS),
        slides=rnd.random() < 0.5,
        video=rnd.random() < 0.3,
        arxiv=rnd.random() < 0.3,
    )


def _talks(rnd: random.Random, owner: str | None = None) -> list[Talk]:
    talks = [_talk(rnd, owner) for _ in range(TALKS_PER_LISTING)]
    for index, talk in enumerate(talks):  # titles unique within a source (ids may use them)
        talk.title = f"{talk.title} ({index + 1})" if index % 7 == 6 else talk.title
    return sorted(talks, key=lambda talk: talk.day, reverse=True)


# ---- page shells: the fixtures' own chrome --------------------------------------------------


class _Shells:
    """(before, after) the talk blocks of each fixture page, and the detail-page template."""

    def __init__(self) -> None:
        self.ap = _slice(SNAPSHOTS / "weihuang/talks/index.html", '<div class="list__item">')
        self.gap = _slice(SNAPSHOTS / "gapindnns/_pages/seminar.html", '<div id="talk_')
        self.ist = _slice(SNAPSHOTS / "ist_mpml/seminars/index.html", '<div class="seminar"')
        detail = (SNAPSHOTS / "weihuang/talks/2021-06-01-talk-2/index.html").read_text("utf-8")
        start = detail.index('  <article class="page"')
        end = detail.index("</article>", start) + len("</article>")
        self.detail = (detail[:start], detail[end:])
        self.detail_description = detail.split('<meta name="description" content="', 1)[1]
        self.detail_description = self.detail_description.split('"', 1)[0]


def _slice(path: Path, marker: str) -> tuple[str, str]:
    text = path.read_text("utf-8")
    first, last = text.index(marker), text.rindex(marker)
    end = text.index("\n</div>\n", last) + len("\n</div>\n")
    return text[:first], text[end:]


# ---- the three kinds of source --------------------------------------------------------------

AP_ORIGIN = "https://weihuang05.github.io"
DETAIL_TITLE = "Understanding deep neural networks through over-parameterization."


def _academicpages(site: Site, shells: _Shells, rnd: random.Random, number: int) -> None:
    owner = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
    base = f"{site.origin}/ap{number}"
    talks = _talks(rnd, owner)
    slugs = [f"{t.day.isoformat()}-talk-{len(talks) - i}" for i, t in enumerate(talks)]
    before, after = shells.ap
    blocks = []
    for talk, slug in zip(talks, slugs, strict=True):
        excerpt = escape(talk.paragraphs[0])
        blocks.append(
            f"""<div class="list__item">
  <article class="archive__item" itemscope itemtype="http://schema.org/CreativeWork">
    <h2 class="archive__item-title" itemprop="headline">
        <a href="{base}/talks/{slug}" rel="permalink">{escape(talk.title)}.</a>
    </h2>
    <p class="page__meta"><i class="fa fa-clock-o" aria-hidden="true"></i> {talk.day:%B %d, %Y}</p>
    <p class="archive__item-excerpt" itemprop="description">{talk.kind}, {escape(talk.affiliation or "Online")},  {escape(talk.place)}
    <p class="archive__item-excerpt" itemprop="description"><p>{excerpt}</p>
</p>
  </article>
</div>
"""  # noqa: E501
        )
    chrome = (before + "\n".join(blocks) + after).replace(AP_ORIGIN, base)
    site.add(f"/ap{number}/talks/", chrome.replace("Wei Huang", escape(owner)))
    for index, (talk, slug) in enumerate(zip(talks, slugs, strict=True)):
        page = _detail(shells, talk, slug, base, owner, [*slugs[index + 1 : index + 2], None][0],
                       slugs[index - 1] if index else None)  # fmt: skip
        site.add(f"/ap{number}/talks/{slug}", page)
    site.sources.append(
        {"id": f"ap{number}", "name": f"{owner}: Talks and presentations", "kind": "talks"}
        | {"url": f"{base}/talks/", "parser": "auto"}
    )


def _detail(
    shells: _Shells, talk: Talk, slug: str, base: str, owner: str, older: str | None,
    newer: str | None,
) -> str:  # fmt: skip
    head, tail = shells.detail
    head = head.replace(DETAIL_TITLE, escape(f"{talk.title}.")).replace(
        shells.detail_description, escape(talk.paragraphs[0])
    )
    head = head.replace(f"{AP_ORIGIN}/talks/2021-06-01-talk-2", f"{base}/talks/{slug}")
    body = "\n".join(f"        <p>{escape(p)}</p>" for p in talk.paragraphs)
    if talk.slides:
        body += f'\n        <p><a href="{base}/files/{slug}.pdf">Slides</a></p>'
    if talk.video:
        body += f'\n        <p><a href="https://www.youtube.com/watch?v={slug[-6:]}">Video</a></p>'
    pager = [
        f'<a href="{base}/talks/{other}" class="pagination--pager">{label}</a>'
        for other, label in ((older, "Previous"), (newer, "Next"))
        if other
    ]
    article = f"""  <article class="page" itemscope itemtype="http://schema.org/CreativeWork">
    <meta itemprop="headline" content="{escape(talk.title)}.">
    <meta itemprop="datePublished" content="{talk.day:%B %d, %Y}">

    <div class="page__inner-wrap">
        <header>
          <h1 class="page__title" itemprop="headline">{escape(talk.title)}.</h1>
          <p class="page__date"><strong><i class="fa fa-fw fa-calendar" aria-hidden="true"></i>Date:</strong> <time datetime="{talk.day.isoformat()}T00:00:00+00:00">{talk.day:%B %d, %Y}</time></p>
        </header>

      <section class="page__content" itemprop="text">
{body}

      </section>

      <footer class="page__meta">
      </footer>

      <nav class="pagination">
        {" ".join(pager)}
      </nav>
    </div>
  </article>"""  # noqa: E501
    return (head + article + tail).replace(AP_ORIGIN, base).replace("Wei Huang", escape(owner))


def _cards(site: Site, shells: _Shells, rnd: random.Random, number: int) -> None:
    talks = _talks(rnd)
    before, after = shells.gap
    blocks = []
    for index, talk in enumerate(talks):
        anchor = f"talk_{talk.day.isoformat()}_{talk.speaker.replace(' ', '_')}_{index}"
        affiliation = (
            f'\n          <span class="">({escape(talk.affiliation)})</span>'
            if talk.affiliation
            else ""
        )
        links = []
        if talk.slides:
            links.append(f'<a href="/gap{number}/slides/{index}.pdf">Slides</a>')
        if talk.video:
            links.append(
                f'<a href="https://www.youtube.com/watch?v=g{number}x{index}">Recording</a>'
            )
        paragraphs = "\n".join(f"        <p>{escape(p)}</p>" for p in talk.paragraphs)
        blocks.append(
            f"""<div id="{anchor}" class="card mb-3 talk-entry">
  <div class="card-body">
    <div class="row justify-content-between">
      <div class="col-sm-8">
        <h5 class="card-title">{escape(talk.title)}</h5>
        <h6 class="card-subtitle mb-2 text-muted">
          <a href="https://example.org/~{number}-{index}/">{escape(talk.speaker)}</a>{affiliation}
        </h6>
      </div>
      <div class="col-sm text-end text-body-secondary">
        <div class="row">
          <i class="bi bi-calendar2-week-fill"></i> <span class="talk-date">{talk.day.day} {talk.day:%b %Y}</span>
          <i class="ms-3 bi bi-clock-fill"></i> {talk.time}
        </div>

        <div class="row">
          <i class="bi bi-geo-alt-fill"></i>
            MVL-{index + 10}
        </div>
      </div>
    </div>

    <div class="card-text">
      <div class="row align-items-center justify-content-between">
        <div class="col-sm-5">
          <button class="btn btn-primary btn-sm" type="button" data-bs-toggle="collapse"
            data-bs-target="#talk_abstract_{index}" aria-pressed="false" aria-expanded="false"
            aria-controls="talk_abstract_{index}">
            Abstract
          </button>
        </div>
        <div class="col text-end">
          {" ".join(links)}
        </div>
      </div>

      <div class="collapse mt-3" id="talk_abstract_{index}">
{paragraphs}

      </div>
    </div>
  </div>
</div>
"""  # noqa: E501
        )
    name = f"Seminar on Learning and Geometry {number}"
    page = (before + "\n".join(blocks) + after).replace("GAPinDNNs Seminar", name)
    site.add(f"/gap{number}/_pages/seminar.html", page)
    site.sources.append(
        {
            "id": f"gap{number}",
            "name": name,
            "url": f"{site.origin}/gap{number}/_pages/seminar.html",
        }
        | {"parser": "gapindnns", "timezone": "Europe/Stockholm", "kind": "seminar"}
    )


def _ist(site: Site, shells: _Shells, rnd: random.Random, number: int) -> None:
    talks = _talks(rnd)
    before, after = shells.ist
    blocks = []
    for index, talk in enumerate(talks):
        when = ""
        if index % 3:
            hour, minute = talk.time.split(":")
            start = f"{talk.day.isoformat()}T{hour}:{minute}:00+00:00"
            end = f"{talk.day.isoformat()}T{int(hour) + 1:02d}:{minute}:00+00:00"
            when = f'<time class="seminar-start" datetime="{start}" data-end="{end}"></time> '
        where = '<span class="room">Amphitheatre Fa2, IST</span> — ' if index % 4 == 0 else ""
        files = ""
        if talk.slides:
            files = f"""
  <div class="seminar-files">
    <h4>Additional file</h4>
    <a class="file-preview" href="/ist{number}/files/{index}%20slides.pdf"><img src="/ist{number}/files/{index}.png" alt=""><span>document preview</span></a>
    <a class="file-name" href="/ist{number}/files/{index}%20slides.pdf">{index} slides.pdf</a>
  </div>"""  # noqa: E501
        arxiv = (
            f' See <a href="https://arxiv.org/abs/2{number:03d}.{index:05d}">arXiv</a>.'
            if talk.arxiv
            else ""
        )
        paragraphs = "\n".join(f"  <p>{escape(p)}</p>" for p in talk.paragraphs)
        affiliation = (
            f', <span class="speaker-affiliation">{escape(talk.affiliation)}</span>'
            if talk.affiliation
            else ""
        )
        blocks.append(
            f"""<div class="seminar" id="seminar-{number}-{index}">
  <div class="seminar-header">
    <div class="seminar-when">{when}<span class="timezone">Europe/Lisbon</span></div>
    <div class="seminar-where">{where}<span class="online">Online</span></div>
  </div>
  <div class="seminar-who">
    <p class="speaker"><strong class="speaker-name">{escape(talk.speaker)}</strong>{affiliation}</p>
  </div>
  <h3 class="seminar-title">{escape(talk.title)}</h3>
  <div class="seminar-abstract">
{paragraphs[:-4]}{arxiv}</p>
  </div>{files}
</div>
"""
        )
    name = f"Mathematics, Physics & Machine Learning {number}"
    site.add(f"/ist{number}/seminars", before + "\n".join(blocks) + after)
    site.sources.append(
        {"id": f"ist{number}", "name": name, "url": f"{site.origin}/ist{number}/seminars"}
        | {"parser": "ist_mpml", "timezone": "Europe/Lisbon", "kind": "seminar"}
    )
