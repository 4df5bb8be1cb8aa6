"""The Ray Data executor on a local Ray instance: the same cleaned bytes and findings as the local one."""
from __future__ import annotations

import pytest

from tests.test_scale import make_corpus, tree

import ray  # noqa: E402  (the `ray` extra is part of the test extra: `make test` installs it)


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_the_ray_executor_writes_the_same_bytes_as_the_local_one(cli, tmp_path, local_ray):
    corpus = make_corpus(tmp_path / "in")
    code, _, _ = cli("clean", corpus, "--out", tmp_path / "local", "--jobs", "1", "--unsafe-fixes")
    assert code == 0
    code, out, _ = cli("clean", corpus, "--out", tmp_path / "ray", "--executor", "ray", "--unsafe-fixes")
    assert code == 0 and "Cleaned corpus and report written" in out
    local, on_ray = tree(tmp_path / "local"), tree(tmp_path / "ray")
    assert local.keys() == on_ray.keys() and len(local) > 40
    assert [name for name in local if local[name] != on_ray[name]] == []


def test_ray_runs_clean_only(cli, tmp_path):
    code, _, err = cli("check", make_corpus(tmp_path / "in"), "--executor", "ray")
    assert code == 2 and "--executor" in err
