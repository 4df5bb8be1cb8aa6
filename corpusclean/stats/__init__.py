"""Pass-1 collectors: mergeable corpus statistics (DESIGN §3).

A collector has ``empty()``, ``observe(state, doc)``, ``merge(a, b)`` (associative and commutative) and
``finalize(state)``. States are plain JSON-able data, so they pickle, cross process boundaries and can be
saved and reused.
"""
from corpusclean.stats.code import CodeCollector
from corpusclean.stats.lines import LineCollector
from corpusclean.stats.tokens import TokenCollector

COLLECTORS = {TokenCollector.name: TokenCollector(), LineCollector.name: LineCollector(),
              CodeCollector.name: CodeCollector()}
