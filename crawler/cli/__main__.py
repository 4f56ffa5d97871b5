"""`python -m crawler.cli` runs the `seminars` command (tests use it to get a subprocess)."""

from crawler.cli import main

main()
