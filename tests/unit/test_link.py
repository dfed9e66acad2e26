"""Whole-site linking: related articles weighted by rarity, membership, diagnostics."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from dossier.config import Config
from dossier.linking.link import link_site
from dossier.linking.mentions import build_alias_table
from dossier.model import Article, Dossier, Entity, FixedHtml, MatchRules, Mention
from dossier.site.facts import related_indices


def article(slug: str, day: int, *entities: str, **extra: object) -> Article:
    fields: dict = dict(
        digest=slug, path=f"content/articles/{slug}.md", slug=slug, title=slug.title(),
        date=datetime(2020, 1, day, tzinfo=UTC), updated=None, source=None, authors=(),
        summary="", location="", dossiers=(), entities=(), tags=(), image=None, draft=False,
        language="en", full_text=None, aliases=(), params={}, html=FixedHtml(),
        text="", mentions=tuple(Mention(e, e, 5, "") for e in entities), ambiguities=(),
        keywords=frozenset(), field_lines={})
    fields.update(extra)
    return Article(**fields)


def entity(slug: str) -> Entity:
    return Entity(f"content/entities/{slug}.md", slug, slug.title(), "person", (), "", {}, "",
                  {}, {})


ENTITIES = [entity(s) for s in ("rare", "common", "other")]
CONFIG = Config(root=Path("."))


def site_of(*articles: Article, dossiers: tuple[Dossier, ...] = ()):
    return link_site(CONFIG, list(articles), list(dossiers), ENTITIES, [],
                     build_alias_table(ENTITIES))


def test_rare_shared_entities_count_more_than_common_ones() -> None:
    site = site_of(
        article("target", 10, "rare", "common"),
        article("shares-rare", 1, "rare"),
        article("shares-common-newer", 9, "common"),
        article("shares-common", 2, "common"),
        article("shares-common-too", 3, "common"),
        article("unrelated", 8, "other"),
    )
    index = site.by_slug["target"]
    related = [site.articles[i].slug for i in related_indices(site, index)]
    assert related[0] == "shares-rare"
    assert related[1:] == ["shares-common-newer", "shares-common-too", "shares-common"]
    assert "unrelated" not in related


def test_drafts_do_not_count_and_exclude_wins() -> None:
    dossier = Dossier("content/dossiers/d.md", "d", "D", "", MatchRules(entities=("rare",)),
                      ("excluded",), "", {}, {})
    site = site_of(article("in", 1, "rare"), article("excluded", 2, "rare"),
                   article("draft", 3, "rare", draft=True), dossiers=(dossier,))
    assert [site.articles[i].slug for i in site.dossier_articles["d"]] == ["in"]
    assert [site.articles[i].slug for i in site.entity_articles["rare"]] == ["excluded", "in"]


def test_duplicate_slugs_name_both_files() -> None:
    site = site_of(article("same", 1), article("same", 2, path="content/articles/b.md"))
    messages = [d.format() for d in site.diagnostics if d.severity == "error"]
    assert any("content/articles/same.md" in m and "b.md" in m for m in messages)
