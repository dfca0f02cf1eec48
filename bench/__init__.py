"""Benchmarks of newsledger against its peers (``make bench`` -> ``python -m bench.run``).

Benchmarks are not tests: nothing here is collected by pytest.  Each section is a
module of this package with ``run(quick: bool = False) -> str`` returning a markdown
section; sections that also expose ``measure(quick) -> dict`` and ``render(dict) -> str``
get their raw numbers stored in ``docs/benchmarks.json`` as well.
"""
