from __future__ import annotations

import doctest

import corpusclean


def test_clean_and_check_from_python():
    [result] = corpusclean.clean(["Updated\n\nWe recieved it.  \n"])
    assert result.cleaned == "We received it.\n"
    assert {f.code for f in result.findings} == {"AR01", "SP01", "WS01"}
    [checked] = corpusclean.check(["Updated\n\nWe recieved it.\n"], select=["SP"])
    assert checked.cleaned == checked.original and [f.code for f in checked.findings] == ["SP01"]


def test_package_docstring_example_runs():
    assert doctest.testmod(corpusclean).failed == 0
