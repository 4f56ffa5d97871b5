# Benchmarks (see bench/__main__.py and bench/RESULTS.md). PYTHON is the project's interpreter.
PYTHON ?= python3

.PHONY: bench bench-quick

bench:  ## every stage at full size (< 10 minutes on 2 cores); rewrites bench/RESULTS.md
	$(PYTHON) -m bench

bench-quick:  ## every stage at smoke sizes (seconds); writes nothing
	$(PYTHON) -m bench --quick
