"""Pass-1 collectors: mergeable corpus statistics (DESIGN §3).

A collector has ``empty()``, ``observe(state, doc)``, ``merge(a, b)`` (associative and commutative), its
in-place form ``absorb(into, part)`` (what executors fold per-batch states with) and ``finalize(state)``.
States pickle, cross process boundaries and can be saved and reused: plain JSON-able data, or (the token
counts) a native accumulator whose collector converts it with ``to_plain`` and ``from_plain``.
"""
from corpusclean.stats.code import CodeCollector
from corpusclean.stats.lines import LineCollector
from corpusclean.stats.tokens import TokenCollector

COLLECTORS = {TokenCollector.name: TokenCollector(), LineCollector.name: LineCollector(),
              CodeCollector.name: CodeCollector()}
