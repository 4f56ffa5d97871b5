"""Benchmarks, run from the repository root: `python -m bench` (or `python -m bench.parse`)."""
