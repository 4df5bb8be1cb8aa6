"""The real pre-commit tool, with this repository as a hook repository, in a throwaway git repository.

pre-commit clones the hook repository at a commit and installs it into its own virtualenv with pip, the
way it does for users. The test points pip at the wheelhouse `make test` downloads (PIP_NO_INDEX,
PIP_FIND_LINKS), so it runs offline.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

WHEELHOUSE = ROOT / ".venv/wheelhouse"
SKIP = shutil.ignore_patterns(".venv", ".git", "out", "__pycache__", ".pytest_cache", "*.egg-info", "build", "dist",
                              "target", "*.so")


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def env(tmp_path):
    assert WHEELHOUSE.is_dir(), "run `make test` (it downloads the wheelhouse this test installs from)"
    return {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(WHEELHOUSE), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
            # The hook repository's Rust core builds from the crates `make test` already fetched, reusing
            # its compiled dependencies.
            "CARGO_NET_OFFLINE": "true", "CARGO_TARGET_DIR": str(ROOT / "native/target")}


def _hook_repo(tmp_path: Path, env) -> tuple[Path, str]:
    """This working tree (uncommitted changes included) as a committed git repository."""
    repo = tmp_path / "hooks"
    shutil.copytree(ROOT, repo, ignore=SKIP)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    subprocess.run(["git", "commit", "-qm", "snapshot"], cwd=repo, check=True, env=env)
    return repo, _git(repo, "rev-parse", "HEAD")


def _project(tmp_path: Path, env, hooks: tuple[str, ...], files: dict[str, str]) -> Path:
    """A git repository holding ``files``, whose pre-commit config runs ``hooks`` of this repository."""
    repo, rev = _hook_repo(tmp_path, env)
    project = tmp_path / "project"
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    listed = "".join(f"  - id: {hook}\n" for hook in hooks)
    (project / ".pre-commit-config.yaml").write_text(f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n{listed}")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    return project


def _pre_commit(project: Path, env, hook: str, *files: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", hook, *(files or ("--all-files",))],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_check_hook_fails_fix_hook_repairs_and_rerun_passes(tmp_path, env):
    project = _project(tmp_path, env, ("corpusclean-check", "corpusclean-fix"),
                       {"notes/article.txt": "Updated\n\nThe council met on Monday and agreed a budget.\n"})
    article = project / "notes/article.txt"

    check = _pre_commit(project, env, "corpusclean-check", "--files", "notes/article.txt")
    assert check.returncode == 1, check.stdout + check.stderr
    assert "AR01" in check.stdout and "notes/article.txt:1:1" in check.stdout

    fix = _pre_commit(project, env, "corpusclean-fix", "--files", "notes/article.txt")
    assert fix.returncode == 1, fix.stdout + fix.stderr  # it changed a file: the commit stops for review
    assert article.read_text() == "The council met on Monday and agreed a budget.\n"

    for hook in ("corpusclean-check", "corpusclean-fix"):
        rerun = _pre_commit(project, env, hook, "--files", "notes/article.txt")
        assert rerun.returncode == 0, rerun.stdout + rerun.stderr


DOCS_GUIDE = """---
title: Guide
author: jdoe
---

# Guide

The parser reads each `ident` and passes `**kwargs` to the handler. Start the server with `uvicorn`:

```sh
uvicorn app:main --reload  
```

!!! note "Identifiers"
    An ident is any name the lexer accepts. Pass kwargs by name, never by position.

    ```python
    def handler(ident, **kwargs):
        return ident, kwargs


    handler("x", depth=2)
    ```

=== "uvicorn"

    Run uvicorn behind a proxy in production.

/// tip | Debugging
Set `RUST_LOG=debug` before you start uvicorn.
///

| Option | Meaning |
|--------|---------|
| `--reload` | restart uvicorn when a file changes |
| `ident` | the ident to look up |

{* ../src/app.py hl[3] *}

See the [uvicorn settings](https://www.uvicorn.org/settings/#recieve) for more.
"""


def test_check_hook_passes_on_documentation_and_names_a_real_prose_typo(tmp_path, env):
    readme = ("# Widget\n\nWidget parses configuration files and reports what it finds.\n\n"
              "## Install\n\n```sh\npip install widget\n```\n\nRun `widget --help` to see every option.\n")
    project = _project(tmp_path, env, ("corpusclean-check",), {"README.md": readme, "docs/guide.md": DOCS_GUIDE})

    def check() -> subprocess.CompletedProcess:
        return _pre_commit(project, env, "corpusclean-check")

    clean = check()
    assert clean.returncode == 0, clean.stdout + clean.stderr

    (project / "docs/notes.md").write_text("# Notes\n\nThe handler will recieve the ident first.\n")
    _git(project, "add", "-A")
    typo = check()
    assert typo.returncode == 1, typo.stdout + typo.stderr
    assert "docs/notes.md:3:18: SP01" in typo.stdout and "'recieve'" in typo.stdout
    assert "guide.md" not in typo.stdout and "README.md" not in typo.stdout
