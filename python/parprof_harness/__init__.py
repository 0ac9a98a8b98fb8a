"""Modules of the Parallelism Profiler harness; python/harness.py is the entry point."""
