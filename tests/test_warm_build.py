"""A warm `dossier build` (the last build's state in .dossier-cache/) renders only the
pages whose recorded reads changed, and its public/ equals a cold build's byte for byte
after every kind of change."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from dossier.build import BuildOptions, BuildReport, build, state_file
from dossier.commands.check import check
from dossier.errors import ContentError
from dossier.output import reuse
from tests.helpers import copy_site
from tests.test_incremental import ARTICLE, CHANGES, _files


def _build(root: Path, **options: object) -> BuildReport:
    return build(root, BuildOptions(jobs=1, search=False, **options))  # type: ignore[arg-type]


def assert_same_as_cold(root: Path, tmp: Path, label: str) -> None:
    cold = tmp / f"cold-{label.replace(' ', '-')}"
    report = _build(root, output=cold, cache=False)
    assert report.reused == 0
    warm, expected = _files(root / "public"), _files(cold)
    assert sorted(warm.keys() - expected.keys()) == [], f"{label}: left behind"
    assert sorted(expected.keys() - warm.keys()) == [], f"{label}: missing"
    different = sorted(k for k in expected if warm[k] != expected[k])
    assert different == [], f"{label}: differ from a cold build"


def _cache(root: Path) -> dict[str, tuple[bytes, int]]:
    folder = root / ".dossier-cache"
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site("mentions", tmp_path)


@pytest.mark.parametrize("name", list(CHANGES))
def test_each_kind_of_change_equals_a_cold_build(name: str, site: Path, tmp_path: Path
                                                  ) -> None:
    first = _build(site)
    assert first.reused == 0
    assert (site / ".dossier-cache" / state_file(site / "public")).is_file()
    _, change = CHANGES[name]
    change(site)
    warm = _build(site)
    assert_same_as_cold(site, tmp_path, name)
    if name in ("text", "entity description", "entity link mode", "summary", "static file"):
        assert warm.reused > 0


def test_an_article_edit_renders_only_what_shows_it(site: Path) -> None:
    first = _build(site)
    pages = sum(first.pages.values())
    CHANGES["text"][1](site)
    before = (site / "public/dossiers/index.html").stat().st_ino
    warm = _build(site)
    assert pages - warm.reused < pages / 3
    assert warm.changed > 0
    # taken from the last build, not written again
    assert (site / "public/dossiers/index.html").stat().st_ino == before


def test_nothing_changed_renders_nothing(site: Path, tmp_path: Path) -> None:
    first = _build(site)
    again = _build(site)
    assert again.reused == sum(first.pages.values())
    assert again.changed == 0
    assert_same_as_cold(site, tmp_path, "again")


def test_a_page_edited_by_hand_in_public_is_rendered_again(site: Path, tmp_path: Path
                                                            ) -> None:
    _build(site)
    page = site / "public/articles/overlaps/index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"<", b"[", 1))    # same size, other bytes
    (site / "public/tags/index.html").unlink()
    _build(site)
    assert page.read_bytes() == original
    assert_same_as_cold(site, tmp_path, "edited by hand")


def test_another_output_folder_is_built_cold(site: Path, tmp_path: Path) -> None:
    _build(site)
    other = _build(site, output=tmp_path / "elsewhere")
    assert other.reused == 0
    back = _build(site)          # the state is public/'s no more: a cold render again
    assert back.reused == 0


def test_no_cache_is_a_cold_build_and_writes_no_cache(site: Path, tmp_path: Path) -> None:
    """It writes nothing into the cache, and removes the build state: the files that
    state lists as the output's are no longer the folder's."""
    _build(site)
    before = _cache(site)
    report = _build(site, cache=False)
    assert report.reused == 0
    state = state_file(site / "public")
    assert _cache(site) == {k: v for k, v in before.items() if k != state}
    assert state in before
    assert_same_as_cold(site, tmp_path, "no cache")


def test_a_failed_build_writes_nothing_cache_included(site: Path, tmp_path: Path) -> None:
    _build(site)
    public, cache = _files(site / "public"), _cache(site)
    (site / ARTICLE).write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    with pytest.raises(ContentError):
        _build(site)
    assert _files(site / "public") == public
    assert _cache(site) == cache
    # a template that fails while rendering: the pages are read, the cache is not kept
    (site / ARTICLE).write_text("---\ntitle: Fixed\ndate: 2020-01-02\n---\nJim Mattis.\n",
                                encoding="utf-8")
    template = site / "themes/default/templates/partials/footer.html"
    template.parent.mkdir(parents=True, exist_ok=True)
    template.write_text("<footer>{{ site.title | nosuchfilter }}</footer>\n",
                        encoding="utf-8")
    with pytest.raises(ContentError):
        _build(site)
    assert _files(site / "public") == public
    assert _cache(site) == cache
    template.unlink()
    _build(site)
    assert_same_as_cold(site, tmp_path, "fixed")


def test_check_never_writes_the_cache(site: Path) -> None:
    _build(site)
    CHANGES["text"][1](site)
    before = _cache(site)
    check(site, jobs=1)
    assert _cache(site) == before


@pytest.mark.parametrize("delta", [False, True], ids=["full state", "state and delta"])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_random_sequence_of_changes_equals_a_cold_build(
        seed: int, delta: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``delta``: every warm build records only what it rendered, beside the full
    state the first build wrote; else each writes the state in full."""
    monkeypatch.setattr(reuse, "DELTA_SHARE", 1.0 if delta else -1.0)
    site = copy_site("example" if seed == 2 else "mentions", tmp_path)
    rng = random.Random(seed)
    articles = sorted((site / "content/articles").rglob("*.md"))
    entities = sorted((site / "content/entities").rglob("*.md"))
    _build(site)
    state = site / ".dossier-cache" / state_file(site / "public")
    written = state.stat().st_mtime_ns
    for step in range(8):
        what = rng.choice(["edit", "add", "delete", "alias", "static", "title"])
        if what in ("edit", "title") and articles:
            path = rng.choice(articles)
            text = path.read_text(encoding="utf-8")
            text = text.replace("title: ", f"title: Step {step} ", 1) if what == "title" \
                else text.rstrip("\n") + f"\n\nPlain words {step}.\n"
            path.write_text(text, encoding="utf-8")
        elif what == "add":
            path = site / f"content/articles/2021-0{1 + step % 9}-1{step % 10}-step-{step}.md"
            path.write_text(f"---\ntitle: Step {step}\ndate: 2021-0{1 + step % 9}-1{step % 10}\n"
                            f"tags: [step]\n---\nWords.\n", encoding="utf-8")
            articles.append(path)
        elif what == "delete" and len(articles) > 3:
            articles.pop(rng.randrange(len(articles))).unlink()
        elif what == "alias" and entities:
            path = rng.choice(entities)
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("name:", f"aliases: [Alias{step}]\nname:", 1)
                            if "aliases:" not in text else
                            text.replace("aliases: [", f"aliases: [Alias{step}, ", 1),
                            encoding="utf-8")
        elif what == "static":
            path = site / f"static/step/{step % 2}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and rng.random() < 0.5:
                path.unlink()
            else:
                path.write_text(f"step {step}\n", encoding="utf-8")
        _build(site)
        assert_same_as_cold(site, tmp_path, f"step {step} {what}")
    delta_file = state.with_name(state.name + reuse.DELTA)
    assert delta_file.is_file() == delta
    assert (state.stat().st_mtime_ns == written) == delta


def test_the_state_is_public_s_own(site: Path) -> None:
    """The marks tell the file the build wrote from one put there since."""
    _build(site)
    page = site / "public/articles/overlaps/index.html"
    page.unlink()
    page.write_bytes(b"x")
    os.utime(page, ns=(0, 0))
    _build(site)
    assert page.read_bytes() != b"x"


def test_a_build_stopped_after_its_commit_leaves_no_stale_page(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The output changed but its state was not written (Ctrl-C held through the
    commit, a kill): the next build must not trust the file list of the state before."""
    _build(site)
    extra = site / "content" / "articles" / "2020-02-01-extra.md"
    extra.write_text("---\ntitle: An extra article\ndate: 2020-02-01\n---\n\nA body.\n")

    def stopped(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(reuse.Stored, "save", stopped)
    with pytest.raises(KeyboardInterrupt):
        _build(site)
    assert (site / "public" / "articles" / "extra" / "index.html").is_file()
    monkeypatch.undo()
    extra.unlink()
    _build(site)
    assert not (site / "public" / "articles" / "extra").exists()
