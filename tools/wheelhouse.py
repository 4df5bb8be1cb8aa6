"""Download the wheels that installing corpusclean needs (runtime deps and the build backend) into a folder.

The pre-commit test installs this repository as a hook repository the way pre-commit really does (a
fresh virtualenv and `pip install .`), with PIP_NO_INDEX and PIP_FIND_LINKS pointing here, so the test
itself never touches the network. Run by `make test` at install time.
"""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / ".venv/wheelhouse"
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = project["project"]["dependencies"] + project["build-system"]["requires"]
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "--dest", str(target),
                    *requirements], check=True)


if __name__ == "__main__":
    main()
