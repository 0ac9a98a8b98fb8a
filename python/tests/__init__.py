"""Unit and protocol tests of the Python harness (standard library unittest only).

Run them from the repository root with:

    cd python && python3 -m unittest discover -s tests -t . -v

Any interpreter works the same way (/usr/bin/python3, pypy3, python3.9 ... python3.14): the tests use
sys.executable whenever they start a harness of their own. Workloads are real modules written to a temporary
directory (tests/support.py); nothing in the harness is mocked.
"""
