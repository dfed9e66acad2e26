"""`dossier serve`: from saving a file to the server answering with the change.

    python bench/serve_edit.py --site /tmp/c/r10k/site --edits 7
    python bench/serve_edit.py --articles 1000          # generate the project's corpus

Copies the site into a work folder, builds it cold once (the baseline, in the same
run), starts `dossier serve --port 0` on it twice (cold cache, then warm), and then,
for each kind of change, saves a file and polls the page that must show the change
until it does. Prints medians in milliseconds, the start times against the cold
build, and the memory of serve's whole process tree (PSS, so shared pages count once).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import TreeSampler

from dossier.content.slugs import slugify

POLL = 0.005


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def wait_for(url: str, test: Callable[[int, str], bool], limit: float = 120.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        status, body = fetch(url)
        if test(status, body):
            return time.perf_counter() - started
        time.sleep(POLL)
    raise SystemExit(f"serve_edit.py: {url} did not show the change within {limit} s")


class Server:
    def __init__(self, site: Path, log: Path,
                 command: tuple[str, ...] = ("-m", "dossier")) -> None:
        self.log = log
        self.handle = open(log, "w")  # noqa: SIM115 - kept open while it runs
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, *command, "serve", "--port", "0"], cwd=site,
            stdout=subprocess.DEVNULL, stderr=self.handle)
        while True:
            found = re.search(r"Serving (http://\S+)", log.read_text())
            if found:
                break
            if self.process.poll() is not None:
                raise SystemExit(f"serve_edit.py: serve stopped:\n{log.read_text()[-2000:]}")
            time.sleep(0.05)
        self.start_s = time.perf_counter() - started
        self.base = found.group(1)

    def memory_mb(self) -> float:
        return TreeSampler(self.process.pid).sample() / 1024

    def stop(self) -> None:
        self.process.send_signal(2)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.handle.close()


def article_slug(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^slug:\s*(\S+)", text, re.M)
    if found:
        return found.group(1)
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem)


def append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text)


def work_site(work: Path, source: Path | None, articles: int | None) -> Path:
    """A fresh ``work`` folder holding ``work/site``: a copy of ``source`` without its
    output and cache, or bench/generate.py's corpus of ``articles`` (1,000)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    site = work / "site"
    if source:
        shutil.copytree(source, site, ignore=shutil.ignore_patterns(
            "public", ".dossier-cache", ".public.*"))
    else:
        subprocess.run([sys.executable, str(Path(__file__).parent / "generate.py"),
                        "--articles", str(articles or 1000), "--out", str(site)],
                       check=True, stdout=subprocess.DEVNULL)
    return site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a dossier site (copied, never changed)")
    parser.add_argument("--articles", type=int, help="generate bench/generate.py's corpus")
    parser.add_argument("--edits", type=int, default=7, help="article edits (median)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/dossier-serve-bench"))
    args = parser.parse_args()
    work = args.workdir
    site = work_site(work, args.site, args.articles)
    articles = sorted((site / "content/articles").rglob("*.md"))
    print(f"{len(articles):,} articles in {site}")

    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "dossier", "build", "-q", "--no-cache",
                    "--output", str(work / "cold")], cwd=site, check=True,
                   stderr=subprocess.DEVNULL)
    cold = time.perf_counter() - started
    shutil.rmtree(work / "cold", ignore_errors=True)

    first = Server(site, work / "serve-cold.log")
    first.stop()
    server = Server(site, work / "serve.log")
    print(f"cold build {cold:.1f} s; serve start: cold cache {first.start_s:.1f} s, "
          f"warm cache {server.start_s:.1f} s ({server.start_s / cold:.2f} of the cold build)")
    print(f"serve memory after start: {server.memory_mb():.0f} MB (PSS, all processes)")
    base = server.base
    results: dict[str, list[float]] = {}
    try:
        step = len(articles) // (args.edits + 1)
        for n in range(args.edits):
            path = articles[(n + 1) * step]
            mark = f"EDITMARK{n}X{time.monotonic_ns()}"
            url = f"{base}articles/{article_slug(path)}/"
            fetch(url)
            time.sleep(0.3)
            append(path, f"\n\n{mark} said nothing new.\n")
            results.setdefault("article edit", []).append(
                wait_for(url, lambda s, b, m=mark: m in b))
            time.sleep(0.3)

        entity = sorted((site / "content/entities").glob("*.md"))[0]
        text = entity.read_text(encoding="utf-8")
        alias = f"Aliasmark{time.monotonic_ns()}"
        slug = entity.stem
        entity.write_text(text.replace("aliases: [", f"aliases: [{alias}, ", 1)
                          if "aliases: [" in text else
                          text.replace("\n---", f"\naliases: [{alias}]\n---", 1),
                          encoding="utf-8")
        results["entity alias"] = [wait_for(f"{base}entities/{slug}/",
                                            lambda s, b: alias in b)]
        time.sleep(0.5)

        dossier = sorted((site / "content/dossiers").glob("*.md"))[0]
        text = dossier.read_text(encoding="utf-8")
        mark = f"Rulemark{time.monotonic_ns()}"
        text = text.replace("summary: ", f"summary: {mark} ", 1) if "summary: " in text \
            else text.replace("\n---", f"\nsummary: {mark}\n---", 1)
        if "keywords: [" in text:
            text = text.replace("keywords: [", 'keywords: ["joint exercise", ', 1)
        elif "match:" in text:
            text = text.replace("match:", 'match:\n  keywords: ["joint exercise"]', 1)
        else:
            text = text.replace("\n---", '\nmatch:\n  keywords: ["joint exercise"]\n---', 1)
        dossier.write_text(text, encoding="utf-8")
        results["dossier rule"] = [wait_for(f"{base}dossiers/{dossier.stem}/",
                                            lambda s, b: mark in b)]
        time.sleep(0.5)

        template = site / "themes/default/templates/tag.html"
        template.parent.mkdir(parents=True, exist_ok=True)
        mark = f"Templatemark{time.monotonic_ns()}"
        template.write_text('{% extends "default/tag.html" %}{% block content %}'
                            f"<p>{mark}</p>{{{{ super() }}}}{{% endblock %}}\n",
                            encoding="utf-8")
        tag = next(found.group(1).strip().strip("'\"") for path in articles
                   if (found := re.search(r"^tags:\s*(?:\[|\n-\s*)([^,\]\n]+)",
                                          path.read_text(encoding="utf-8"), re.M)))
        tag_slug = slugify(tag)
        results["template (tag pages)"] = [wait_for(f"{base}tags/{tag_slug}/",
                                                    lambda s, b: mark in b)]
        time.sleep(0.5)

        new = site / "content/articles/2030-01-01-bench-added.md"
        new.write_text("---\ntitle: Bench added\ndate: 2024-12-31\n---\nA new article.\n",
                       encoding="utf-8")
        results["article added"] = [wait_for(f"{base}articles/bench-added/",
                                             lambda s, b: s == 200)]
        time.sleep(0.5)
        new.unlink()
        results["article deleted"] = [wait_for(f"{base}articles/bench-added/",
                                               lambda s, b: s == 404)]
        time.sleep(0.5)
        print(f"serve memory after the edits: {server.memory_mb():.0f} MB (PSS, all processes)")
    finally:
        server.stop()
        report(results, work)


def report(results: dict[str, list[float]], work: Path) -> None:
    print("from save to the page showing it (ms):")
    for kind, times in results.items():
        shown = ", ".join(f"{t * 1000:.0f}" for t in times)
        print(f"  {kind:22} median {statistics.median(times) * 1000:7.0f}   ({shown})")
    lines = [line for line in (work / "serve.log").read_text().splitlines()
             if " rendered, " in line]
    print("serve's own lines:")
    for line in lines:
        print(f"  {line}")
    start = Path(work / "serve-start.txt")
    if start.exists():
        print(start.read_text().rstrip())


if __name__ == "__main__":
    main()
