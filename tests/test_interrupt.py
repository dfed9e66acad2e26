"""An interrupted build (Ctrl-C, or SIGINT/SIGTERM to the main process only) stops
promptly, leaves the previous output exactly as it was and no staging folder or
worker process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import REPO, tree_digest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("corpus") / "site"
    subprocess.run([sys.executable, str(REPO / "bench" / "generate.py"), "--articles", "800",
                    "--out", str(site)], check=True, capture_output=True)
    return site


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.parametrize(("signum", "delay"), [
    (signal.SIGINT, 0.7), (signal.SIGINT, 1.4), (signal.SIGTERM, 0.7), (signal.SIGTERM, 1.4)])
def test_interrupting_the_main_process(corpus: Path, tmp_path: Path, signum: int,
                                       delay: float) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("previous build")
    (out / ".nojekyll").write_text("")
    before = tree_digest(out)
    process = subprocess.Popen([sys.executable, "-m", "dossier", "build", "-q", "--jobs", "2",
                                "--output", str(out)], cwd=corpus,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(delay)
    workers = _children(process.pid)
    try:
        os.kill(process.pid, signum)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("the build did not stop after the signal")
        if process.returncode == 0:
            pytest.skip("the build finished before the signal arrived")
        assert process.returncode == 130
        assert tree_digest(out) == before
        assert not list(tmp_path.glob(".out.*")), "staging folder left behind"
        time.sleep(0.5)
        assert not [w for w in workers if _alive(w)], "worker processes left behind"
    finally:   # whatever happened, leave no process behind
        for pid in [process.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """A live (not zombie) process still running dossier."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return state != "Z" and b"dossier" in command


def _main_with_parser(tmp_path: Path, name: str, make_parser: str) -> tuple[int, str]:
    """Exit status and stderr of ``python -m`` running dossier's main with
    ``make_parser`` (source defining it) in place of the real one."""
    (tmp_path / f"{name}.py").write_text(
        "import time\nimport dossier.cli as cli\n" + make_parser
        + "cli.make_parser = make_parser\nraise SystemExit(cli.main([]))\n")
    result = subprocess.run([sys.executable, "-m", name], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    return result.returncode, result.stderr


def test_a_ctrl_c_inside_a_string_exec_still_exits_130(tmp_path: Path) -> None:
    """CPython marks a KeyboardInterrupt leaving a string ``exec`` (dataclasses build
    their methods so while modules import) as unhandled even once it is caught, and
    ``python -m`` then dies by SIGINT (-2): the CI flake of a Ctrl-C during start-up."""
    assert _main_with_parser(tmp_path, "interrupted_in_exec", (
        "def make_parser():\n"
        "    exec('raise KeyboardInterrupt', {})\n")) == (130, "interrupted\n")


def test_a_ctrl_c_that_lands_in_a_finaliser_still_stops_the_build(tmp_path: Path) -> None:
    """A signal whose KeyboardInterrupt is raised inside a ``__del__`` (or a weakref
    callback) cannot leave it: Python prints it as unraisable and goes on, and the build
    would run to its end. `dossier` delivers it to the main thread again."""
    assert _main_with_parser(tmp_path, "interrupted_in_del", (
        "class Finalised:\n"
        "    def __del__(self):\n"
        "        raise KeyboardInterrupt\n"
        "def make_parser():\n"
        "    Finalised()\n"
        "    time.sleep(5)   # the build going on\n"
        "    raise SystemExit('the interruption was lost')\n")) == (130, "interrupted\n")
