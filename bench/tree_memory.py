"""The memory of a command and every process it starts, over time: Pss summed (shared
pages split among the processes that share them), sampled every half second.

    python3 bench/tree_memory.py SITE_DIR python3 -m dossier build -q --no-cache --output OUT

Prints one line a sample (seconds, total MB, each process's MB) and, last, the peak,
the wall time and the exit status. For a timeline of where memory goes by stage;
bench/search.py reports the peak alone.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path


def tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found = [root]
    for pid in found:
        found.extend(children.get(pid, []))
    return found


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def main() -> int:
    cwd, command = sys.argv[1], sys.argv[2:]
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    started = time.time()
    peak = 0
    while process.poll() is None:
        sizes = {pid: pss_kb(pid) for pid in tree(process.pid)}
        total = sum(sizes.values())
        peak = max(peak, total)
        each = " ".join(f"{name(pid)}{pid}:{kb / 1024:.0f}" for pid, kb in sorted(sizes.items()))
        print(f"{time.time() - started:6.1f}s total {total / 1024:7.0f} MB  {each}", flush=True)
        time.sleep(0.5)
    print(f"peak MB {peak / 1024:.0f} wall {time.time() - started:.1f} rc {process.returncode}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
