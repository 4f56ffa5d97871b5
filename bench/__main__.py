"""`python -m bench`: the parse benchmark (the only one so far)."""

from bench.parse import main

raise SystemExit(main())
