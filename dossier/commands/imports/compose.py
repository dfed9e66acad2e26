"""A draft and the user's overrides into an article file: front matter in the
contract's order, the body, and where it goes (``content/articles/YYYY/``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import yaml

from dossier.commands.imports.draft import Draft
from dossier.content.slugs import slugify

SLUG_LENGTH = 60


@dataclass(frozen=True)
class Overrides:
    date: date | datetime | None = None
    source: str = ""
    slug: str = ""
    dossiers: tuple[str, ...] = ()
    full_text: bool = False


@dataclass(frozen=True)
class Composed:
    front: dict[str, object]
    body: str
    slug: str
    day: date

    def text(self) -> str:
        header = yaml.safe_dump(self.front, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{header}---\n\n{self.body}"

    def path(self, slug: str | None = None) -> str:
        return (f"content/articles/{self.day.year:04d}/"
                f"{self.day.isoformat()}-{slug or self.slug}.md")


def short_slug(title: str) -> str:
    slug = slugify(title)
    if len(slug) > SLUG_LENGTH:
        slug = slug[:SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def compose(draft: Draft, overrides: Overrides, site_language: str = "") -> Composed:
    """Raises ValueError naming the field when the draft lacks a title or a date."""
    if not draft.title.strip():
        raise ValueError("title: none found; the first line of copied text is its title")
    when = overrides.date or draft.date
    if when is None and draft.date_relative:
        raise ValueError(f'date: the page dates the article only as "{draft.date_relative}", '
                         "and when it was saved is not known; give the date with "
                         "--date YYYY-MM-DD")
    if when is None:
        raise ValueError("date: none found in the text; give one with --date YYYY-MM-DD")
    front: dict[str, object] = {"title": draft.title.strip(), "date": when}
    if draft.updated and draft.updated != when and _day(draft.updated) >= _day(when):
        front["updated"] = draft.updated
    source_name = overrides.source or draft.source_name
    if source_name:
        source: dict[str, str] = {"name": source_name}
        if draft.source_url:
            source["url"] = draft.source_url
        front["source"] = source
    if draft.authors:
        front["authors"] = list(draft.authors)
    if draft.summary:
        front["summary"] = draft.summary
    if draft.location:
        front["location"] = draft.location
    if overrides.dossiers:
        front["dossiers"] = list(overrides.dossiers)
    if draft.image:
        image = {k: v for k, v in (("src", draft.image.src), ("alt", draft.image.alt),
                                   ("caption", draft.image.caption),
                                   ("credit", draft.image.credit)) if v}
        if image.get("src") or image.get("caption") or image.get("credit"):
            front["image"] = image
    if overrides.slug:
        front["slug"] = overrides.slug
    if draft.language and draft.language != site_language:
        front["language"] = draft.language
    if overrides.full_text:
        front["full_text"] = True
    elif source_name or draft.from_outlet:
        # curators rarely hold the right to republish an outlet's text
        front["full_text"] = False
    if draft.editor_note:
        front["editor_note"] = draft.editor_note
    slug = overrides.slug or short_slug(draft.title)
    return Composed(front, draft.body, slug, _day(when))
