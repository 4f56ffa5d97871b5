"""One module per `seminars` subcommand (see crawler/cli.py for why they load lazily)."""
