"""Read one content file into a record: pure functions of (path, bytes, settings)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dossier.config import LINK_MODES, Config
from dossier.content.body import parse_body
from dossier.content.frontmatter import Fields, Split, decode, described, split
from dossier.content.markdown import (
    first_paragraph_text,
    make_markdown,
    parse,
    rebase_urls,
    render,
)
from dossier.content.roles import read_roles
from dossier.content.slugs import (
    RESERVED_PAGE_SLUGS,
    first_segment,
    is_slug,
    redirect_alias,
    slug_from_filename,
    slugify,
)
from dossier.content.sortnames import sort_name
from dossier.content.typography import typeset
from dossier.errors import Diagnostic, error
from dossier.linking.references import Known, match_problems
from dossier.model import (
    ENTITY_KINDS,
    KIND_SPELLINGS,
    Dossier,
    Entity,
    Image,
    MatchRules,
    Page,
    ParsedArticle,
    SourceRef,
    UnreadArticle,
)

READER_VERSION = "4"   # 4: titles, summaries and captions typeset


@dataclass(frozen=True)
class ParseSettings:
    """Everything parsing an article depends on besides its own bytes."""

    base_path: str = "/"
    timezone: str = "UTC"
    language: str = "en"

    @classmethod
    def of(cls, config: Config) -> ParseSettings:
        return cls(config.base_path, config.timezone, config.language)

    @property
    def fingerprint(self) -> str:
        parts = (READER_VERSION, self.base_path, self.timezone, self.language)
        return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def content_digest(path: str, raw: bytes, settings: ParseSettings) -> str:
    """The cache key of a file's parse: its path (the slug comes from it) and bytes,
    under these settings."""
    digest = hashlib.blake2b(raw, digest_size=16, key=settings.fingerprint.encode())
    digest.update(b"\x00" + path.encode())
    return digest.hexdigest()


def _stem(path: str) -> str:
    return PurePosixPath(path).stem


def _own_slug(fields: Fields, default: str) -> str:
    custom = fields.text("slug")
    if not custom:
        return default
    if not is_slug(custom):
        fields.fail("slug", f"{custom!r} is not a slug, expected lowercase ASCII letters, "
                    f"digits and hyphens such as {slugify(custom)!r}")
        return default
    return custom


def _source(fields: Fields) -> SourceRef | None:
    value = fields.raw("source")
    if value is None:
        return None
    if isinstance(value, str):
        return SourceRef(value.strip(), None) if value.strip() else None
    if not isinstance(value, dict):
        fields.fail("source", "expected a mapping such as {name: Reuters, url: \"https://…\"}")
        return None
    name = value.get("name")
    url = value.get("url")
    ok = True
    if isinstance(name, int | float) and not isinstance(name, bool):
        name = str(name)   # an outlet called 1843 is a name, as YAML reads it a number
    if name is None or (isinstance(name, str) and not name.strip()):
        fields.fail("source.name", "missing, expected the outlet's name", nested=True)
        ok = False
    elif not isinstance(name, str):
        fields.fail("source.name", f"got {name!r}, expected the outlet's name as text",
                    nested=True)
        ok = False
    if url is not None and (not isinstance(url, str) or not url.startswith(("http://", "https://"))):
        fields.fail("source.url", f"got {url!r}, expected an http(s) address", nested=True)
        ok = False
    return SourceRef(name.strip(), url) if ok and isinstance(name, str) else None


def _image(fields: Fields) -> Image | None:
    value = fields.raw("image")
    if value is None:
        return None
    if isinstance(value, str):
        value = {"src": value}
    if not isinstance(value, dict):
        fields.fail("image", "expected a mapping such as {src: /images/x.jpg, alt: …}")
        return None
    src = value.get("src", "")
    if src is None:
        src = ""
    if not isinstance(src, str):
        fields.fail("image.src", f"got {src!r}, expected the image's address", nested=True)
        return None
    texts = {}
    for key in ("alt", "caption", "credit"):
        item = value.get(key, "")
        if item is None:
            item = ""
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            fields.fail(f"image.{key}", "expected text", nested=True)
            item = ""
        texts[key] = str(item).strip()
    if not src.strip() and not (texts["caption"] or texts["credit"]):
        fields.fail("image.src", "missing, expected the image's address", nested=True)
        return None
    if src.strip() and not texts["alt"]:
        fields.warn("image", "no alt text: describe the image for readers who cannot see it")
    return Image(src.strip(), texts["alt"], texts["caption"], texts["credit"])


def open_fields(path: str, raw: bytes) -> tuple[Fields | None, list[Diagnostic]]:
    """Decode and split a content file; its front matter ready to be read field by field."""
    text, problem = decode(path, raw)
    if problem is not None:
        return None, [problem]
    assert text is not None
    parts, problems = split(path, text)
    return (Fields(path, parts) if parts is not None else None), problems


def _render_body(md: MarkdownIt, parts: Split, base_path: str) -> tuple[str, list[Token]]:
    env: dict[str, Any] = {}
    tokens = parse(md, parts.body, env)
    rebase_urls(tokens, base_path)
    return render(md, tokens, env), tokens


def parse_article(path: str, raw: bytes, settings: ParseSettings,
                  md: MarkdownIt | None = None) -> tuple[ParsedArticle | UnreadArticle | None,
                                                         list[Diagnostic]]:
    """Parse an article file: a pure function of its bytes and the settings. A file
    whose front matter has errors gives an UnreadArticle (its references are checked
    when the site is linked); one with no front matter at all, None."""
    text, problem = decode(path, raw)
    if problem is not None:
        return None, [problem]
    assert text is not None
    parts, problems = split(path, text)
    if parts is None:
        return None, problems
    zone = ZoneInfo(settings.timezone)
    fields = Fields(path, parts)
    title = fields.text("title", required=True)
    date = fields.moment("date", zone, required=True)
    updated = fields.moment("updated", zone)
    source = _source(fields)
    authors = fields.texts("authors")
    summary = fields.text("summary")
    location = fields.text("location")
    dossiers = fields.texts("dossiers")
    entities = fields.texts("entities")
    tags = fields.texts("tags")
    image = _image(fields)
    draft = bool(fields.flag("draft"))
    slug = _own_slug(fields, slug_from_filename(_stem(path)))
    language = fields.text("language", default=settings.language)
    full_text = fields.flag("full_text", default=None)
    aliases = _redirect_aliases(fields, slug)
    for key, values in (("dossiers", dossiers), ("entities", entities)):
        for value in values:
            if not is_slug(value):
                fields.fail(key, f"{value!r} is not a slug, expected e.g. {slugify(value)!r}")
    if fields.problems and any(p.severity == "error" for p in fields.problems):
        return UnreadArticle(path, dict(parts.lines), dossiers, entities), fields.problems
    md = md or make_markdown()
    body = parse_body(md, parts.body, settings.base_path, parts.body_line)
    assert date is not None
    if image is not None and image.caption:
        image = Image(image.src, image.alt, typeset(image.caption, md), image.credit)
    return ParsedArticle(
        digest=content_digest(path, raw, settings), path=path, slug=slug,
        title=typeset(title, md), date=date, updated=updated, source=source, authors=authors,
        summary=typeset(summary, md) if summary else body.first_paragraph,
        location=location, dossiers=dossiers,
        entities=entities, tags=tags, image=image, draft=draft, language=language,
        full_text=full_text, aliases=aliases, params=fields.params(), body=body,
        field_lines=dict(parts.lines), warnings=tuple(fields.problems)), []


def _redirect_aliases(fields: Fields, slug: str) -> tuple[str, ...]:
    found = []
    for value in fields.texts("aliases"):
        alias = redirect_alias(value)
        if alias is None:
            fields.fail("aliases", f"{value!r} is neither a slug nor a path of the site; "
                        "expected e.g. 'old-slug' or '/2017/01/old-page.html'")
        elif alias == slug:
            fields.fail("aliases", f"{value!r} is this article's own address; a redirect "
                        "there would replace the article")
        elif alias.startswith("/") and first_segment(alias) in RESERVED_PAGE_SLUGS:
            fields.fail("aliases", f"{value!r} is an address the site itself uses; "
                        "redirects may not replace its pages")
        elif alias not in found:
            found.append(alias)
    return tuple(found)


def read_entity(path: str, raw: bytes, md: MarkdownIt, base_path: str) -> tuple[
        Entity | None, list[Diagnostic]]:
    fields, problems = open_fields(path, raw)
    if fields is None:
        return None, problems
    parts = fields.split
    name = fields.text("name", required=True)
    kind = fields.text("kind", default="topic").lower()
    kind = KIND_SPELLINGS.get(kind, kind)
    if kind not in ENTITY_KINDS:
        fields.fail("kind", f"got {kind!r}, expected one of {', '.join(ENTITY_KINDS)}")
    aliases = fields.texts("aliases")
    description = typeset(fields.text("description"), md)
    links = _links(fields)
    link = _link_mode(fields)
    slug = _own_slug(fields, slug_from_filename(_stem(path)))
    explicit_sort = fields.text("sort_name")
    roles = read_roles(fields)
    shown = fields.texts("also_known_as") if "also_known_as" in parts.data else None
    if any(p.severity == "error" for p in fields.problems):
        return None, fields.problems
    profile_html, _ = _render_body(md, parts, base_path)
    return Entity(path, slug, name, kind, tuple(a for a in aliases if a != name), description,
                  links, profile_html, fields.params(), dict(parts.lines),
                  link, sort_name=sort_name(name, kind, explicit_sort), roles=roles,
                  also_known_as=shown), fields.problems


def _link_mode(fields: Fields) -> str | None:
    """An entity's ``link:``: which of its mentions in an article become links."""
    value = fields.raw("link")
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in LINK_MODES:
        return value.strip().lower()
    hint = " (external links go under links:)" if isinstance(value, dict) else ""
    fields.fail("link", f"got {described(value)}, expected one of {', '.join(LINK_MODES)}: "
                "first links its first mention in each article, all every mention, "
                f"none no mention{hint}")
    return None


_LINK_NAMES = {"wikipedia": "Wikipedia", "wikidata": "Wikidata", "website": "Website",
               "twitter": "X (Twitter)", "x": "X"}


def link_label(key: str) -> str:
    return _LINK_NAMES.get(key.lower(), key.replace("_", " ").capitalize())


def _links(fields: Fields) -> dict[str, str]:
    value = fields.mapping("links")
    if not value:
        return {}
    links: dict[str, str] = {}
    for key, target in value.items():
        if not isinstance(target, str) or not target.strip():
            fields.fail(f"links.{key}", "expected an address (or a Wikidata id such as Q42)",
                        nested=True)
            continue
        target = target.strip()
        if key.lower() == "wikidata" and not target.startswith(("http://", "https://")):
            target = f"https://www.wikidata.org/wiki/{target}"
        if not target.startswith(("http://", "https://", "/")):
            fields.fail(f"links.{key}", f"got {target!r}, expected an http(s) address",
                        nested=True)
            continue
        links[key] = target
    return links


def read_dossier(path: str, raw: bytes, md: MarkdownIt, base_path: str,
                 known: Known | None = None) -> tuple[Dossier | None, list[Diagnostic]]:
    """``known``: the entities, to report a failed dossier's unknown `match.entities:`
    in the same run (a dossier that is read is checked by the linker)."""
    fields, problems = open_fields(path, raw)
    if fields is None:
        return None, problems
    parts = fields.split
    title = fields.text("title", required=True)
    summary = fields.text("summary")
    match = _match(fields)
    exclude = fields.texts("exclude")
    slug = _own_slug(fields, slug_from_filename(_stem(path)))
    if any(p.severity == "error" for p in fields.problems):
        if known is not None:
            fields.problems.extend(match_problems(path, fields.line("match"), match.entities,
                                                  known))
        return None, fields.problems
    intro_html, tokens = _render_body(md, parts, base_path)
    return Dossier(path, slug, title, typeset(summary, md) or first_paragraph_text(tokens),
                   match, exclude, intro_html, fields.params(), dict(parts.lines)), \
        fields.problems


_MATCH_KEYS = ("entities", "tags", "keywords")


def _match(fields: Fields) -> MatchRules:
    value = fields.mapping("match")
    if not value:
        return MatchRules()
    found: dict[str, tuple[str, ...]] = {}
    for key, items in value.items():
        if key not in _MATCH_KEYS:
            fields.fail(f"match.{key}", f"unknown rule, expected one of {', '.join(_MATCH_KEYS)}",
                        nested=True)
            continue
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(
                isinstance(i, str | int | float) and not isinstance(i, bool) for i in items):
            fields.fail(f"match.{key}", "expected a list of texts such as [a, b]", nested=True)
            continue
        found[key] = tuple(dict.fromkeys(str(i).strip() for i in items if str(i).strip()))
    return MatchRules(**found)


def read_page(path: str, raw: bytes, md: MarkdownIt, base_path: str) -> tuple[
        Page | None, list[Diagnostic]]:
    fields, problems = open_fields(path, raw)
    if fields is None:
        return None, problems
    parts = fields.split
    title = typeset(fields.text("title", required=True), md)
    description = typeset(fields.text("description") or fields.text("summary"), md)
    draft = bool(fields.flag("draft"))
    slug = _own_slug(fields, slug_from_filename(_stem(path)))
    if any(p.severity == "error" for p in fields.problems):
        return None, fields.problems
    body_html, _ = _render_body(md, parts, base_path)
    return Page(path, slug, title, description, body_html, draft, fields.params(),
                dict(parts.lines)), fields.problems


def content_error(path: str, exc: Exception) -> Diagnostic:
    """An unexpected failure while reading one file: reported, never a crash."""
    return error(path, 1, "file", f"could not be read: {type(exc).__name__}: {exc}")
