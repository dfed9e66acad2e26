"""`dossier deploy`: commit a built site to a branch of the site's git repository
(``gh-pages`` by default) and push it, as ``mkdocs gh-deploy`` does.

Only git plumbing is used, with an index file of its own in a temporary folder: the
working tree, the index, the current branch and its commits are never touched. The
branch gets one new commit whose tree is exactly the output folder (``.nojekyll`` and
``CNAME`` included, no sources), on top of the remote branch's last commit (fetched
first), so the published history grows by one commit per deploy.

Not ghp-import (which MkDocs uses): it runs git in the process's working folder with no
way to name another, writes a commit with an empty committer when no identity is set,
and reports a failed ``git fast-import`` by writing bytes to ``sys.stdout`` (a
TypeError on Python 3) instead of raising, so a failure could not be told apart from
success. The forty lines here do the same with plain git commands.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class DeployError(Exception):
    """Nothing was published; the message says what to do (exit status 2)."""


@dataclass(frozen=True)
class DeployOptions:
    remote: str = "origin"
    branch: str = "gh-pages"
    message: str = ""
    force: bool = False


@dataclass(frozen=True)
class Deployed:
    commit: str
    files: int
    url: str        # the remote's address, as git knows it


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None,
         env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                          env={**os.environ, **(env or {})}, check=False)


def _out(done: subprocess.CompletedProcess[bytes]) -> str:
    return done.stdout.decode("utf-8", "replace").strip()


def _err(done: subprocess.CompletedProcess[bytes]) -> str:
    """What git said, on one line: the remote's own words (a hook's message) and the
    reason, without the hints and progress lines."""
    lines = [line.strip().removeprefix("fatal: ").removeprefix("error: ")
             for line in done.stderr.decode("utf-8", "replace").splitlines()]
    kept = [line for line in lines if line and not line.startswith(("hint:", "To "))]
    return "; ".join(kept[-6:]) or f"git exited {done.returncode}"


def preflight(root: Path, options: DeployOptions) -> str:
    """Everything a deploy needs that can be known before building. Returns the remote's
    address; raises DeployError (nothing built, nothing published)."""
    inside = _git(["rev-parse", "--is-inside-work-tree", "--is-bare-repository"], root)
    if inside.returncode != 0:
        raise DeployError(f"{root} is not in a git repository; run `git init` and "
                          f"`git remote add {options.remote} URL` first")
    url = _git(["remote", "get-url", options.remote], root)
    if url.returncode != 0:
        names = _out(_git(["remote"], root)).split()
        known = f"this repository has {', '.join(names)}" if names else "it has none"
        raise DeployError(f"--remote: no remote named {options.remote!r} ({known}); add it "
                          f"with `git remote add {options.remote} URL` or choose one "
                          "with --remote")
    if _git(["check-ref-format", f"refs/heads/{options.branch}"], root).returncode != 0:
        raise DeployError(f"--branch: {options.branch!r} is not a valid branch name")
    current = _out(_git(["symbolic-ref", "-q", "--short", "HEAD"], root))
    if current == options.branch:
        raise DeployError(f"--branch: {options.branch!r} is the branch checked out here; "
                          "deploy to another branch (default: gh-pages)")
    for key in ("user.name", "user.email"):
        variable = "GIT_COMMITTER_NAME" if key == "user.name" else "GIT_COMMITTER_EMAIL"
        if not os.environ.get(variable) and not _out(_git(["config", key], root)):
            raise DeployError(f"no git identity: {key} is not set; run "
                              f"`git config {key} \"…\"` (or set {variable})")
    return _out(url)


def _files(output: Path) -> list[str]:
    """Every file under the output folder, relative, in git's form (symbolic links are
    published as the files they point to, as a build writes them)."""
    found = []
    for folder, _, names in os.walk(output):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), output)
            found.append(Path(rel).as_posix())
    return sorted(found)


def deploy(root: Path, output: Path, options: DeployOptions) -> Deployed:
    """Commit the files of ``output`` as the whole tree of ``options.branch`` and push
    it. Raises DeployError when the push is refused or git fails; the local branch ref
    moves only after the remote accepted the commit."""
    url = preflight(root, options)
    files = _files(output)
    if any("\n" in rel for rel in files):
        raise DeployError("a file name in the output holds a line break; rename it")
    remote, branch = options.remote, options.branch
    tracking = f"refs/remotes/{remote}/{branch}"
    fetched = _git(["fetch", "--quiet", "--no-tags", remote,
                    f"+refs/heads/{branch}:{tracking}"], root)
    if fetched.returncode != 0 and b"couldn't find remote ref" not in fetched.stderr:
        raise DeployError(f"--remote: cannot read {remote} ({url}): {_err(fetched)}")
    parent = _out(_git(["rev-parse", "-q", "--verify", f"{tracking}^{{commit}}"], root))
    with tempfile.TemporaryDirectory(prefix="dossier-deploy-") as scratch:
        index = {"GIT_INDEX_FILE": os.path.join(scratch, "index")}
        hashed = _git(["hash-object", "-w", "--no-filters", "--stdin-paths"], output,
                      stdin="".join(f"{rel}\n" for rel in files).encode(),
                      env={"GIT_DIR": _git_dir(root)})
        if hashed.returncode != 0:
            raise DeployError(f"git could not store the site's files: {_err(hashed)}")
        entries = b"".join(b"100644 %s\t%s\0" % (sha, rel.encode())
                           for sha, rel in zip(hashed.stdout.split(), files, strict=True))
        steps = [(["update-index", "-z", "--index-info"], entries), (["write-tree"], None)]
        for args, data in steps:
            done = _git(args, root, stdin=data, env=index)
            if done.returncode != 0:
                raise DeployError(f"git {args[0]} failed: {_err(done)}")
        tree = _out(done)
    message = options.message or "Deploy the site"
    commit_args = ["commit-tree", tree, "-m", message, *(["-p", parent] if parent else [])]
    made = _git(commit_args, root)
    if made.returncode != 0:
        raise DeployError(f"git commit-tree failed: {_err(made)}")
    commit = _out(made)
    push = ["push", "--quiet", *(["--force"] if options.force else []), remote,
            f"{commit}:refs/heads/{branch}"]
    pushed = _git(push, root)
    if pushed.returncode != 0:
        hint = "" if options.force else " (--force replaces the branch's history)"
        raise DeployError(f"the push to {remote} ({url}) was refused{hint}: {_err(pushed)}")
    for ref in (tracking, f"refs/heads/{branch}"):
        _git(["update-ref", "-m", "dossier deploy", ref, commit], root)
    return Deployed(commit, len(files), url)


def _git_dir(root: Path) -> str:
    return _out(_git(["rev-parse", "--absolute-git-dir"], root))


def head_commit(root: Path) -> str:
    """The current commit's short hash, for the default message ('' when there is none)."""
    return _out(_git(["rev-parse", "--short", "HEAD"], root))
