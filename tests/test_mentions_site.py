"""The mentions fixture site: every rule of the contract, on every page that lists articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import article_links_in_main, copy_site, dossier, page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = copy_site("mentions", tmp_path_factory.mktemp("mentions"))
    run = dossier("build", cwd=site)
    assert run.code == 0, run.stderr
    return site / "public", run.stderr


ENTITY_PAGES = {
    "jim-mattis": ["excluded-article", "linked-all", "possessives"],
    "james": ["possessives"],
    "korea": ["exclusions", "overlaps"],
    "south-korea": ["overlaps"],
    "senkaku-islands": ["cjk-article", "explicit-entity"],
    "shinzo-abe": ["cjk-article"],
    "washington-dc": ["disambiguated"],
    "us-government": [],
    "zebulon-pike": [],
}

DOSSIER_PAGES = {
    "alliance": ["keyword", "linked-all", "possessives", "tagged"],
    "peninsula": ["exclusions", "overlaps"],
    "capital": ["disambiguated"],
    "islands": ["cjk-article", "explicit-entity"],
    "empty": [],
}


@pytest.mark.parametrize(("slug", "articles"), ENTITY_PAGES.items())
def test_entity_page_lists_exactly_its_articles(built: tuple[Path, str], slug: str,
                                                 articles: list[str]) -> None:
    assert article_links_in_main(page(built[0], f"/entities/{slug}/")) == articles


@pytest.mark.parametrize(("slug", "articles"), DOSSIER_PAGES.items())
def test_dossier_page_lists_exactly_its_articles(built: tuple[Path, str], slug: str,
                                                  articles: list[str]) -> None:
    assert article_links_in_main(page(built[0], f"/dossiers/{slug}/")) == articles


def entity_links(public: Path, slug: str) -> list[tuple[str, str]]:
    body = page(public, f"/articles/{slug}/").select(".article-body")
    assert len(body) == 1
    return [(a["data-entity"], a.get_text()) for a in body[0].select("a.entity")]


def test_first_mention_only_is_linked(built: tuple[Path, str]) -> None:
    assert entity_links(built[0], "linked-all") == [("jim-mattis", "Jim Mattis")]
    assert entity_links(built[0], "possessives") == [("jim-mattis", "Mattis"),
                                                     ("james", "James")]


def test_link_form_matches_the_contract(built: tuple[Path, str]) -> None:
    html = (built[0] / "articles" / "linked-all" / "index.html").read_text()
    assert ('<a class="entity" data-entity="jim-mattis" href="/sub/entities/jim-mattis/" '
            'title="US defence secretary.">Jim Mattis</a>') in html


def test_exclusions_link_only_the_real_mention(built: tuple[Path, str]) -> None:
    assert entity_links(built[0], "exclusions") == [("korea", "Korea")]


def test_overlaps_and_cjk(built: tuple[Path, str]) -> None:
    assert entity_links(built[0], "overlaps") == [("south-korea", "South Korea"),
                                                  ("korea", "Korea")]
    assert entity_links(built[0], "cjk-article") == [("shinzo-abe", "安倍晋三"),
                                                     ("senkaku-islands", "尖閣諸島")]


def test_ambiguity_warns_and_stays_unlinked(built: tuple[Path, str]) -> None:
    public, stderr = built
    assert entity_links(public, "ambiguous") == []
    assert entity_links(public, "disambiguated") == [("washington-dc", "Washington")]
    assert ("content/articles/2020-01-05-ambiguous.md:5: body: “Washington” could be "
            "us-government or washington-dc") in stderr
    assert "content/entities/us-government.md:4: aliases: “Washington” is also claimed" \
        in stderr


def test_diagnostics_for_unused_entities_and_empty_dossiers(built: tuple[Path, str]) -> None:
    stderr = built[1]
    assert "entity 'zebulon-pike' is never mentioned in any article (warning)" in stderr
    assert "dossier 'empty' has no articles (warning)" in stderr


def test_drafts_are_nowhere(built: tuple[Path, str]) -> None:
    public = built[0]
    assert not (public / "articles" / "draft").exists()
    assert "draft" not in (public / "feed.xml").read_text()
    assert "draft" not in article_links_in_main(page(public, "/tags/alliance/"))


def test_drafts_flag_builds_them(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    assert dossier("build", "--drafts", cwd=site).code == 0
    assert "draft" in article_links_in_main(page(site / "public", "/entities/jim-mattis/"))


def test_article_page_shows_dossiers_entities_and_context(built: tuple[Path, str]) -> None:
    public = built[0]
    soup = page(public, "/articles/possessives/")
    text = soup.get_text(" ")
    assert "Alliance" in text and "Jim Mattis" in text and "James" in text
    entity_page = page(public, "/entities/jim-mattis/").get_text(" ")
    assert "Mattis's plan was discussed." in entity_page.replace("’", "'")


def test_explain_says_why(tmp_path: Path) -> None:
    site = copy_site("mentions", tmp_path)
    run = dossier("explain", "excluded-article", cwd=site)
    assert run.code == 0
    assert "alliance: excluded by exclude:" in run.stdout
    assert "jim-mattis (Jim Mattis): 1 mention: line 6 “Mattis”" in run.stdout
    run = dossier("explain", "keyword", cwd=site)
    assert "match.keywords: contains “mutual defence treaty”" in run.stdout
    assert "match.keywords: contains “Japan's defence”" in run.stdout
    missing = dossier("explain", "no-such-article", cwd=site)
    assert missing.code == 2 and "no article" in missing.stderr
