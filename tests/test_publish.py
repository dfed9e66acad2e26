"""From `init` to a published site: the name on PyPI, the Pages workflow (checked by
actionlint), and `dossier deploy` against a local bare repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from dossier import __version__
from dossier.commands.scaffold import DISTRIBUTION
from tests.helpers import REPO, Run, tree_digest


def _env(home: Path) -> dict[str, str]:
    """No global or system git config: only what a test sets in the repository counts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(home / "none"))
    return env


def run(*args: str, cwd: Path, env: dict[str, str]) -> Run:
    done = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=env)
    return Run(done.returncode, done.stdout, done.stderr)


def dossier(*args: str, cwd: Path, env: dict[str, str]) -> Run:
    return run(sys.executable, "-m", "dossier", *args, cwd=cwd, env=env)


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = run("git", *args, cwd=cwd, env=env)
    assert done.code == 0, done.stderr
    return done.stdout


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "home").mkdir()
    env = _env(tmp_path / "home")
    env["PYTHONPATH"] = str(REPO)
    return env


def _site_repo(tmp_path: Path, env: dict[str, str], identity: bool = True) -> Path:
    """`dossier init`, committed on main, with a local bare repository as origin."""
    assert dossier("init", "site", cwd=tmp_path, env=env).code == 0
    site = tmp_path / "site"
    git("init", "-q", "-b", "main", cwd=site, env=env)
    git("init", "-q", "--bare", str(tmp_path / "remote.git"), cwd=tmp_path, env=env)
    git("remote", "add", "origin", str(tmp_path / "remote.git"), cwd=site, env=env)
    git("add", "-A", cwd=site, env=env)
    ident = ["-c", "user.name=Curator", "-c", "user.email=curator@example.org"]
    git(*ident, "commit", "-qm", "A new site", cwd=site, env=env)
    if identity:
        git("config", "user.name", "Curator", cwd=site, env=env)
        git("config", "user.email", "curator@example.org", cwd=site, env=env)
    return site


def _published(remote: Path, env: dict[str, str], branch: str = "gh-pages") -> list[str]:
    return git("--git-dir", str(remote), "ls-tree", "-r", "--name-only", branch,
               cwd=remote.parent, env=env).split()


def _state(site: Path, env: dict[str, str]) -> tuple[object, ...]:
    """Everything deploy must leave alone: files, index, HEAD, branch and its commits."""
    files = {k: v for k, v in tree_digest(site).items()
             if not k.startswith((".git/", "public/", ".dossier-cache/"))}
    index = (site / ".git" / "index").read_bytes()
    return (files, index, git("symbolic-ref", "HEAD", cwd=site, env=env),
            git("log", "--format=%H", "main", cwd=site, env=env),
            git("status", "--porcelain", cwd=site, env=env))


# --- the name and the files init writes --------------------------------------------

def test_the_distribution_has_a_name_of_its_own() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert project["name"] == DISTRIBUTION == "dossier-ssg"
    assert project["scripts"] == {"dossier": "dossier.cli:run"}


def test_init_pins_the_version_it_ran_with(tmp_path: Path, env: dict[str, str]) -> None:
    assert dossier("init", "site", cwd=tmp_path, env=env).code == 0
    lines = (tmp_path / "site" / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        f"dossier-ssg=={__version__}"]
    assert any("git+https://" in line and f"@v{__version__}" in line for line in lines)
    workflow = (tmp_path / "site" / ".github" / "workflows" / "pages.yml").read_text()
    assert "pip install -r requirements.txt" in workflow
    assert "pip install dossier\n" not in workflow


def test_the_workflow_checks_strictly_caches_and_uses_the_pages_actions(
        tmp_path: Path, env: dict[str, str]) -> None:
    assert dossier("init", "site", cwd=tmp_path, env=env).code == 0
    flow = yaml.safe_load((tmp_path / "site/.github/workflows/pages.yml").read_text())
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"] == "pages"
    steps = flow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs.index("dossier check --strict") < runs.index("dossier build")
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    cached = [step["with"]["path"] for step in steps
              if step.get("uses", "").startswith("actions/cache@")]
    assert cached == ["~/.cache/pip", ".dossier-cache"]
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def _actionlint() -> str:
    found = shutil.which("actionlint") or shutil.which("actionlint",
                                                       path=str(Path(sys.executable).parent))
    assert found, "actionlint is not installed: pip install -e '.[test]'"
    return found


def test_actionlint_passes_the_workflow_and_bites_on_a_broken_one(
        tmp_path: Path, env: dict[str, str]) -> None:
    assert dossier("init", "site", cwd=tmp_path, env=env).code == 0
    workflow = tmp_path / "site" / ".github" / "workflows" / "pages.yml"
    lint = run(_actionlint(), "-no-color", str(workflow), cwd=tmp_path / "site", env=env)
    assert lint.code == 0, lint.stdout + lint.stderr
    broken = workflow.parent / "broken.yml"   # the output of a step that has no id
    broken.write_text(workflow.read_text().replace("id: deployment", "name: deployment"))
    lint = run(_actionlint(), "-no-color", str(broken), cwd=tmp_path / "site", env=env)
    assert lint.code == 1 and "deployment" in lint.stdout


def test_ci_run_is_the_readme_test_line_and_fails_when_no_tests_ran(
        tmp_path: Path, env: dict[str, str]) -> None:
    ci = (REPO / ".ci" / "run").read_text().strip().splitlines()
    readme = (REPO / "README.md").read_text()
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:]]
    assert blocks[1] == ci[-1]
    assert blocks[0].count("\n") == 0 and "venv" in blocks[0] and "python3-venv" in blocks[0]
    # The same script, its test line pointed at a folder without tests: pytest exits 5
    # ("no tests ran"), and so must the run.
    (tmp_path / ".ci").mkdir()
    (tmp_path / "empty").mkdir()
    script = "\n".join([*ci[:-1], f"python3 -m pytest -q -p no:cacheprovider {tmp_path}/empty"])
    (tmp_path / ".ci" / "run").write_text(script + "\n")
    done = run("bash", str(tmp_path / ".ci" / "run"), cwd=tmp_path, env=env)
    assert done.code == 5, done.stdout + done.stderr


# --- deploy ------------------------------------------------------------------------

def test_init_build_deploy_publishes_only_the_site(tmp_path: Path, env: dict[str, str]) -> None:
    site = _site_repo(tmp_path, env)
    config = site / "config.yaml"
    config.write_text(config.read_text().replace("cname: null", "cname: news.example.org"))
    git("commit", "-qam", "A custom domain", cwd=site, env=env)
    (site / "notes.txt").write_text("not committed")          # a curator's loose file
    (site / "content" / "pages" / "about.md").write_text(
        "---\ntitle: About\n---\n\nEdited, not committed.\n")
    git("add", "notes.txt", cwd=site, env=env)                # and something staged
    assert dossier("build", cwd=site, env=env).code == 0
    before = _state(site, env)

    done = dossier("deploy", cwd=site, env=env)
    assert done.code == 0, done.stderr
    assert "Published" in done.stdout
    assert _state(site, env) == before
    published = _published(tmp_path / "remote.git", env)
    assert sorted(published) == sorted(p.relative_to(site / "public").as_posix()
                                       for p in (site / "public").rglob("*") if p.is_file())
    assert {".nojekyll", "CNAME", "index.html", "feed.xml", "sitemap.xml"} <= set(published)
    assert not {"config.yaml", "requirements.txt", "notes.txt"} & set(published)
    assert not any(p.startswith(("content/", "public/", ".github/")) for p in published)
    cname = git("--git-dir", str(tmp_path / "remote.git"), "show", "gh-pages:CNAME",
                cwd=tmp_path, env=env)
    assert cname == "news.example.org\n"

    # A second deploy adds one commit on top; --branch and --message are honoured.
    assert dossier("deploy", "-q", "--message", "Again", cwd=site, env=env).code == 0
    log = git("--git-dir", str(tmp_path / "remote.git"), "log", "--format=%s", "gh-pages",
              cwd=tmp_path, env=env).splitlines()
    assert log[0] == "Again" and log[1].startswith("Deployed ") and len(log) == 2
    assert dossier("deploy", "-q", "--branch", "site", cwd=site, env=env).code == 0
    assert "index.html" in _published(tmp_path / "remote.git", env, "site")
    assert _state(site, env) == before


def test_deploy_refuses_to_overwrite_history_it_did_not_make_unless_forced(
        tmp_path: Path, env: dict[str, str]) -> None:
    site = _site_repo(tmp_path, env)
    assert dossier("deploy", "-q", cwd=site, env=env).code == 0
    # Someone else's clone rewrites gh-pages; our remote-tracking ref is now behind,
    # but deploy fetches first, so a plain deploy builds on top of it.
    other = tmp_path / "other"
    git("clone", "-q", "-b", "gh-pages", str(tmp_path / "remote.git"), str(other),
        cwd=tmp_path, env=env)
    (other / "extra.txt").write_text("x")
    git("add", "extra.txt", cwd=other, env=env)
    git("-c", "user.name=O", "-c", "user.email=o@x", "commit", "-qm", "other", cwd=other,
        env=env)
    git("push", "-q", "origin", "gh-pages", cwd=other, env=env)
    assert dossier("deploy", "-q", cwd=site, env=env).code == 0
    assert "extra.txt" not in _published(tmp_path / "remote.git", env)
    assert dossier("deploy", "-q", "--force", cwd=site, env=env).code == 0


def _refuse_pushes(remote: Path) -> None:
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed today' >&2\nexit 1\n")
    hook.chmod(0o755)


@pytest.mark.parametrize("problem", ["no-repo", "no-remote", "no-identity", "refused",
                                     "current-branch"])
def test_each_deploy_error_exits_2_and_publishes_nothing(
        tmp_path: Path, env: dict[str, str], problem: str) -> None:
    if problem == "no-repo":
        assert dossier("init", "site", cwd=tmp_path, env=env).code == 0
        site = tmp_path / "site"
        env = {**env, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
        expected = "is not in a git repository"
    else:
        site = _site_repo(tmp_path, env, identity=problem != "no-identity")
        expected = {"no-remote": "no remote named 'upstream'",
                    "no-identity": "no git identity: user.name is not set",
                    "refused": "was refused",
                    "current-branch": "is the branch checked out here"}[problem]
    if problem == "refused":
        _refuse_pushes(tmp_path / "remote.git")
    args = {"no-remote": ["--remote", "upstream"], "current-branch": ["--branch", "main"]}
    done = dossier("deploy", *args.get(problem, []), cwd=site, env=env)
    assert done.code == 2, done.stdout + done.stderr
    assert expected in done.stderr and "nothing was published" in done.stderr
    if problem == "refused":
        assert "pushes are closed today" in done.stderr
    if (tmp_path / "remote.git").exists():
        refs = git("--git-dir", str(tmp_path / "remote.git"), "for-each-ref", cwd=tmp_path,
                   env=env)
        assert refs == ""
    if problem != "no-repo":
        local = git("for-each-ref", "--format=%(refname)", cwd=site, env=env).split()
        assert local == ["refs/heads/main"]


def test_deploy_stops_on_a_failed_build(tmp_path: Path, env: dict[str, str]) -> None:
    site = _site_repo(tmp_path, env)
    (site / "content" / "articles" / "2024" / "broken.md").write_text("---\ntitle: x\n---\n")
    done = dossier("deploy", cwd=site, env=env)
    assert done.code == 1 and "nothing was published" in done.stderr
    assert git("--git-dir", str(tmp_path / "remote.git"), "for-each-ref", cwd=tmp_path,
               env=env) == ""


def test_deploy_strict_stops_on_a_warning(tmp_path: Path, env: dict[str, str]) -> None:
    site = _site_repo(tmp_path, env)
    (site / "content" / "entities" / "nobody.md").write_text(
        "---\nname: Nobody Named\nkind: person\n---\n")   # never mentioned: a warning
    done = dossier("deploy", "--strict", cwd=site, env=env)
    assert done.code == 1 and "never mentioned" in done.stderr
    assert "nothing was published" in done.stderr
    assert git("--git-dir", str(tmp_path / "remote.git"), "for-each-ref", cwd=tmp_path,
               env=env) == ""
    assert dossier("deploy", "-q", cwd=site, env=env).code == 0
