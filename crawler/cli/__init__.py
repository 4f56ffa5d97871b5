"""The `seminars` command line.

Each command lives in its own module under `crawler/cli/` and is imported only when it
runs. Why: `seminars crawl` must let Scrapy install its asyncio reactor before anything
imports Twisted, and `seminars parse` should not pay for Scrapy or Datasette at start-up.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import click

# command name -> "module:function"; the help line is shown without importing the module.
COMMANDS = {
    "parse": ("crawler.cli.parse:parse", "Print the talks of one page (file or URL)."),
    "crawl": ("crawler.cli.crawl:crawl", "Crawl the sources list into the database."),
    "demo": ("crawler.cli.demo:demo", "Offline demo crawl of the bundled seed snapshots."),
    "sources": ("crawler.cli.sources:sources", "List sources with their crawl health."),
    "export": ("crawler.cli.export:export", "Export talks as jsonl, json, csv or ics."),
    "serve": ("crawler.cli.serve:serve", "Serve the database read-only with Datasette."),
    "report": ("crawler.cli.report:report", "Write a self-contained HTML report."),
    "probe": ("crawler.cli.probe:probe", "Say which extractor fits a page, and how well."),
    "changes": ("crawler.cli.changes:changes", "What the crawls changed: new, moved, removed."),
}
CRAWLS = ("crawl", "demo")  # commands whose exit code is the crawl's outcome


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _exists(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _exists(name):
            return None
        module_name, attribute = COMMANDS[name][0].split(":")
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; a reader that stops early (`seminars export jsonl | head -1`) ends
        it with exit 0, as for `cat` (click's own handler exits 1, which fails a pipeline
        under `set -o pipefail`). Not for a crawl: its exit code says whether sources failed.
        """
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # here, not at interpreter exit, where a failure exits 120
            return result
        except BrokenPipeError:
            if ctx.invoked_subcommand in CRAWLS:
                raise
            _stdout_to_devnull()
            raise SystemExit(0) from None


def _stdout_to_devnull() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush of what is still
    buffered cannot fail again (Python's documented recipe for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _exists(name: str) -> bool:
    module_name = COMMANDS[name][0].split(":")[0]
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup)
@click.version_option(package_name="seminars")
def main() -> None:
    """Crawl academic seminar pages into a clean, queryable SQLite database.

    \b
    Quick start:
      seminars demo                      # offline crawl of the seed sites into data/seminars.db
      seminars export jsonl | head -1    # the talks, one JSON object per line
      seminars serve                     # browse and search them in Datasette
    """


if __name__ == "__main__":
    main()
