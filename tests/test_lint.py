"""The code base stays ruff clean (the project's lint settings are in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO


def test_ruff_is_clean() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "dossier", "tests", "bench"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
