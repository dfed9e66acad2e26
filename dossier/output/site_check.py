"""Checks of a rendered site, as pure functions over ``{output path: bytes}``.

Nothing here reads the disk: ``dossier check`` hands in the files of a render (today a
build into a temporary folder, later the in-memory render ``serve`` keeps) and a way
to map a page back to the source file it was made from, so a broken link a curator
wrote in Markdown is reported at that file and line rather than in the HTML.

- links: every internal ``href``/``src``/``srcset``/``poster``/``action`` and meta refresh
  must name a file of the site (``/x/`` is ``x/index.html``; ``/x`` is also ``x.html`` or
  ``x/index.html``, as GitHub Pages serves them); every ``#anchor`` must name an ``id``
  (or ``<a name>``) on the page it points at. A root-relative address outside the base
  path is broken (on a project site it leads to another site); absolute addresses are
  checked only under the site's own base URL.
- images: an ``<img>`` needs alt text (an empty ``alt`` passes only with
  ``role="presentation"``/``"none"`` or ``aria-hidden="true"``): a warning.
- feeds: every ``.xml`` file must parse, a ``feed.xml`` as Atom or RSS; every ``.json``
  outside Pagefind's bundle must parse.
- size: the whole output must stay under GitHub Pages' published-site limit (1 GB).
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from dossier.errors import Diagnostic, error, warning
from dossier.output import weight

SIZE_LIMIT = weight.SITE_LIMIT       # GitHub Pages: "no larger than 1 GB"

Mapper = Callable[[Callable[[str], Any], Sequence[str]], list[Any]]


@dataclass(frozen=True)
class Source:
    """The file a page was made from (relative to the site root) and its text."""
    path: str
    text: str


SourceOf = Callable[[str], Source | None]


def _no_source(_: str) -> Source | None:
    return None


@dataclass(frozen=True)
class Link:
    attr: str           # href, src, srcset, poster, action, refresh
    value: str          # the address (entities decoded)
    raw: str            # the attribute's value as written, to find it again
    offset: int = -1    # where in the page, when known (found again only for findings)


@dataclass(frozen=True)
class Broken:
    """One finding on one page, before it is placed at a source line."""
    page: str           # output path
    field: str          # link | anchor | image
    value: str          # the address (or image source) as written
    offset: int
    message: str
    severity: str = "error"


@dataclass(frozen=True)
class PageScan:
    ids: frozenset[str]
    broken: tuple[Broken, ...]
    deferred: tuple[tuple[str, str, Link], ...]   # (target page, fragment, link)


# --- scanning one page ---------------------------------------------------------------

# Comments and the text of script/style/template/textarea hold no links: they are
# blanked out (same length, newlines kept, so offsets and lines stay those of the page);
# a script's opening tag (its src) stays.
_HIDDEN_STARTS = ("<!--", "<script", "<style", "<template", "<textarea")
_VALUE = r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
# Addresses are found by attribute, not tag by tag, each with a pattern that starts with
# a literal (`href=`), which the regex engine finds with a fast search: a page's text
# cannot hold a literal `href="` (the Markdown renderer escapes quotes), and walking
# every tag of 700 MB of HTML in Python takes many times longer. Attribute names are
# matched as the renderer writes them, in lower case.
_QUOTED = r"""=("[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
_URL_ATTRS = {name: re.compile(name + _QUOTED)
              for name in ("href", "src", "srcset", "poster", "action")}
_ID = re.compile("id" + _QUOTED)
_NAME = re.compile("name" + _QUOTED)
_IMG = re.compile(r"""<img\b(?:"[^"]*"|'[^']*'|[^'">])*>""", re.I)
_META = re.compile(r"""<meta\s(?:"[^"]*"|'[^']*'|[^'">])*>""", re.I)
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:""" + _VALUE + ")?")
_SPACE = frozenset(" \t\n\r\f")
_NOT_NEWLINE = re.compile(r"[^\n]")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_REFRESH = re.compile(r"^\s*\d*\s*[;,]?\s*url\s*=\s*['\"]?([^'\"]*)", re.I)


def _value(match: re.Match[str], first: int) -> str:
    value = match.group(first)
    if value is None:
        value = match.group(first + 1)
    if value is None:
        value = match.group(first + 2) or ""
    return html.unescape(value) if "&" in value else value


def _attrs(tag: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(tag, 1):
        found.setdefault(match.group(1).lower(), _value(match, 2))
    return found


_CLOSE = {name: re.compile(f"</{name}", re.I)
          for name in ("script", "style", "template", "textarea")}


def visible(text: str) -> str:
    """The page with comments and the text of script/style/template/textarea blanked
    out: same length and lines; a script's opening tag (its src) stays."""
    parts: list[str] = []
    done = 0
    upcoming = {marker: text.find(marker) for marker in _HIDDEN_STARTS}
    while True:
        for marker, at in upcoming.items():
            if 0 <= at < done:
                upcoming[marker] = text.find(marker, done)
        found = [at for at in upcoming.values() if at >= 0]
        if not found:
            break
        start = min(found)
        if text.startswith("<!--", start):
            keep, close = start, text.find("-->", start + 4)
            end = len(text) if close < 0 else close + 3
        else:
            tag_end = text.find(">", start)
            keep = len(text) if tag_end < 0 else tag_end + 1
            name = text[start + 1:keep].split(None, 1)[0].rstrip(">/").lower()
            if name not in _CLOSE:          # <scripts-x>: another element
                parts.append(text[done:keep])
                done = keep
                continue
            close_tag = _CLOSE[name].search(text, keep)
            end = len(text) if close_tag is None else close_tag.start()
        parts.append(text[done:keep])
        parts.append(_NOT_NEWLINE.sub(" ", text[keep:end]))
        done = end
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def _unquote_attr(raw: str) -> str:
    value = raw[1:-1] if raw[:1] in ('"', "'") else raw
    return html.unescape(value) if "&" in value else value


def _attr_values(pattern: re.Pattern[str], name: str, text: str) -> list[str]:
    """Each value of one attribute, as written, once; only real attributes count
    (``data-href=`` does not), which needs the slow path only when such a name is
    there."""
    if f"-{name}=" not in text and f":{name}=" not in text:
        return list(dict.fromkeys(pattern.findall(text)))
    found: dict[str, None] = {}
    for match in pattern.finditer(text):
        start = match.start()
        if start and text[start - 1] in _SPACE:
            found.setdefault(match.group(1))
    return list(found)


def page_ids(text: str) -> frozenset[str]:
    """The ids (and ``<a name>``s) of a page, from its visible text."""
    ids = {_unquote_attr(raw) for raw in _attr_values(_ID, "id", text)}
    for match in _NAME.finditer(text) if "<a " in text else ():
        tag = text.rfind("<", 0, match.start())
        if text.startswith("<a", tag) and text[tag + 2:tag + 3] in _SPACE:
            ids.add(_unquote_attr(match.group(1)))
    return frozenset(ids)


def offset_of(text: str, link: Link) -> int:
    """Where a link is on its page (its first occurrence)."""
    if link.offset >= 0:
        return link.offset
    return max(0, text.find(f"{link.attr}={link.raw}"))


def scan_html(text: str) -> tuple[frozenset[str], list[Link], list[tuple[str, int]]]:
    """A page's ids, its links (each address once; offsets found again only for
    findings), and its images without alt text (src, offset). ``text`` is the page as
    rendered; offsets are into it."""
    return _scan_visible(visible(text))


def _raw_links(text: str) -> list[tuple[str, str]]:
    """(attribute, value as written) for each address of a visible page, once."""
    return [(attr, raw) for attr, pattern in _URL_ATTRS.items() if attr + "=" in text
            for raw in _attr_values(pattern, attr, text)]


def _links(attr: str, raw: str) -> list[Link]:
    value = _unquote_attr(raw).strip()
    if attr == "srcset":
        return [Link(attr, part.split()[0], raw) for part in value.split(",") if part.strip()]
    return [Link(attr, value, raw)]


def _scan_visible(text: str, raw_links: list[tuple[str, str]] | None = None
                  ) -> tuple[frozenset[str], list[Link], list[tuple[str, int]]]:
    """As scan_html, on visible text; only the meta-refresh links when ``raw_links``
    are given (the caller resolves those itself)."""
    links = [link for attr, raw in (_raw_links(text) if raw_links is None else ())
             for link in _links(attr, raw)]
    for match in _META.finditer(text) if "http-equiv" in text else ():
        attrs = _attrs(match.group(0))
        if attrs.get("http-equiv", "").lower() != "refresh":
            continue
        refresh = _REFRESH.match(attrs.get("content", ""))
        if refresh and refresh.group(1).strip():
            links.append(Link("refresh", refresh.group(1).strip(), "", match.start()))
    no_alt: list[tuple[str, int]] = []
    for match in _IMG.finditer(text) if "<img" in text else ():
        attrs = _attrs(match.group(0))
        if attrs.get("alt", "").strip():
            continue
        decorative = "alt" in attrs and (
            attrs.get("role", "").lower() in ("presentation", "none")
            or attrs.get("aria-hidden", "").lower() == "true")
        if not decorative:
            no_alt.append((attrs.get("src", ""), match.start()))
    return page_ids(text), links, no_alt


# --- resolving addresses ---------------------------------------------------------------

def page_address(base_path: str, output: str) -> str:
    """The address a page is served at (base_path ends with "/")."""
    if output == "index.html" or output.endswith("/index.html"):
        output = output[: -len("index.html")]
    return base_path + output


def resolve(value: str, page: str, base_path: str, files: Mapping[str, bytes] | frozenset[str],
            origin: str = "") -> tuple[str | None, str, str | None]:
    """(target output path or None, fragment, why it is broken or None). External
    addresses give (None, "", None). ``origin`` (``https://host``) makes absolute links
    to the site's own host internal."""
    if not value or value.startswith("//"):
        return None, "", None
    if _SCHEME.match(value):
        # Absolute addresses are the site's own only under its base path: the rest
        # of its host (a user site above a project site) is another site.
        if not origin or not value.lower().startswith(origin.lower() + base_path.lower()):
            return None, "", None
        value = value[len(origin):]
    joined = urljoin(page_address(base_path, page), value)
    parts = urlsplit(joined)
    fragment = unquote(parts.fragment)
    path = parts.path
    if not (path + "/").startswith(base_path):
        return None, fragment, (f"it is outside the site's base path {base_path} (on "
                                f"GitHub Pages, another site); write it as "
                                f"{base_path}{path.lstrip('/')}" if path.startswith("/")
                                else "it is outside the site")
    rel = unquote(path[len(base_path):]) if len(path) >= len(base_path) else ""
    if rel == "" or rel.endswith("/"):
        candidates = [rel + "index.html"]
    else:
        candidates = [rel, rel + ".html", rel + "/index.html"]
    for candidate in candidates:
        if candidate in files:
            return candidate, fragment, None
    return None, fragment, "no such page or file in the site"


Resolved = tuple[str | None, str, str | None]


def scan_page(page: str, data: bytes, base_path: str, files: Mapping[str, bytes],
              origin: str = "", known: dict[str, Resolved] | None = None) -> PageScan:
    """Everything about one HTML page that needs no other page: its ids, its broken
    links, its same-page anchors, its images without alt text; links with an anchor on
    another page are deferred until every page's ids are known. ``known`` caches the
    resolution of addresses that mean the same on every page (root-relative, absolute)."""
    text = data.decode("utf-8", "replace")
    shown = visible(text)
    raw_links = _raw_links(shown)
    ids, refresh_links, no_alt = _scan_visible(shown, raw_links)
    broken: list[Broken] = []
    deferred: list[tuple[str, str, Link]] = []
    known = {} if known is None else known
    todo: list[tuple[Link, Resolved]] = []
    for attr, raw in raw_links:
        # The common case, an address seen on an earlier page, costs one lookup.
        result = known.get(raw) if attr != "srcset" else None
        if result is not None:
            if result[2] is not None or (result[1] and attr == "href"):
                todo.append((_links(attr, raw)[0], result))
            continue
        for link in _links(attr, raw):
            value = link.value
            shared = value.startswith("/") or _SCHEME.match(value)
            result = resolve(value, page, base_path, files, origin)
            if shared and attr != "srcset":
                known[raw] = result
            todo.append((link, result))
    todo.extend((link, resolve(link.value, page, base_path, files, origin))
                for link in refresh_links)
    for link, (target, fragment, why) in todo:
        if why:
            broken.append(Broken(page, "link", link.value, offset_of(shown, link),
                                 f"broken link {link.value}: {why}"))
        elif target is None or not fragment or fragment == "top" or link.attr != "href":
            continue
        elif target == page:
            if fragment not in ids:
                broken.append(Broken(page, "anchor", link.value, offset_of(shown, link),
                                     f"broken anchor {link.value}: this page has no "
                                     f'element with id="{fragment}"'))
        elif target.endswith(".html"):
            deferred.append((target, fragment, Link(link.attr, link.value, link.raw,
                                                    offset_of(shown, link))))
    for src, offset in no_alt:
        broken.append(Broken(page, "image", src, offset,
                             f"image {src or '(no src)'} has no alt text: describe it "
                             "(![what it shows](…) in Markdown, image.alt in front "
                             "matter, alt=\"…\" in HTML)", "warning"))
    return PageScan(ids, tuple(broken), tuple(deferred))


def anchor_findings(scans: Mapping[str, PageScan]) -> list[Broken]:
    """Links with an anchor on another page whose ids do not include it."""
    found = []
    for page, scan in scans.items():
        for target, fragment, link in scan.deferred:
            target_scan = scans.get(target)
            if target_scan is not None and fragment not in target_scan.ids:
                found.append(Broken(page, "anchor", link.value, link.offset,
                                    f"broken anchor {link.value}: {target} has no "
                                    f'element with id="{fragment}"'))
    return found


# --- placing findings ---------------------------------------------------------------

def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _source_line(source: Source, value: str, base_path: str) -> int | None:
    """The line of the source file that holds the address, as written or without the
    base path the build adds to root-relative addresses."""
    candidates = [value]
    if base_path != "/" and value.startswith(base_path):
        candidates.append("/" + value[len(base_path):])
    lines = source.text.splitlines()
    for candidate in candidates:
        for number, line in enumerate(lines, start=1):
            if candidate in line:
                return number
    return None


def place(findings: Iterable[Broken], files: Mapping[str, bytes], base_path: str,
          source_of: SourceOf = _no_source, output_label: str = "public/"
          ) -> list[Diagnostic]:
    """Diagnostics for findings: at the source file and line where the address was
    written; otherwise (a theme's link) once per address, at its first page and line,
    with the number of pages it is on."""
    placed: list[Diagnostic] = []
    unplaced: dict[tuple[str, str, str], list[Broken]] = defaultdict(list)
    for finding in findings:
        source = source_of(finding.page)
        line = _source_line(source, finding.value, base_path) if source and finding.value \
            else None
        make = error if finding.severity == "error" else warning
        if source is not None and line is not None:
            placed.append(make(source.path, line, finding.field, finding.message))
        else:
            unplaced[(finding.field, finding.value, finding.severity)].append(finding)
    for (field, _, severity), group in unplaced.items():
        group.sort(key=lambda f: (f.page, f.offset))
        first = group[0]
        text = files[first.page].decode("utf-8", "replace")
        others = len({f.page for f in group}) - 1
        more = f" (and on {others:,} more page{'s' if others > 1 else ''})" if others else ""
        make = error if severity == "error" else warning
        placed.append(make(f"{output_label}{first.page}", _line(text, first.offset), field,
                           first.message + more))
    return sorted(set(placed), key=lambda d: (d.path, d.line, d.field, d.message))


# --- feeds and size ---------------------------------------------------------------------

_FEED_ROOTS = ("{http://www.w3.org/2005/Atom}feed", "rss")


def check_feeds(files: Mapping[str, bytes], output_label: str = "public/") -> list[Diagnostic]:
    """Every XML file parses (feeds as Atom or RSS); every JSON file outside Pagefind's
    bundle parses."""
    found = []
    for path in sorted(files):
        data = files[path]
        if path.endswith(".xml"):
            try:
                root = ET.fromstring(data)
            except ET.ParseError as exc:
                line = exc.position[0] if exc.position else 1
                found.append(error(f"{output_label}{path}", line, "feed",
                                   f"does not parse as XML: {exc}"))
                continue
            if path.rsplit("/", 1)[-1] == "feed.xml" and root.tag not in _FEED_ROOTS:
                found.append(error(f"{output_label}{path}", 1, "feed",
                                   f"is not an Atom or RSS feed (its root is <{root.tag}>)"))
        elif path.endswith(".json") and not path.startswith("pagefind/"):
            try:
                json.loads(data)
            except ValueError as exc:
                found.append(error(f"{output_label}{path}", getattr(exc, "lineno", 1),
                                   "feed", f"does not parse as JSON: {exc}"))
    return found


def check_size(files: Mapping[str, bytes], limit: int | None = None,
               output_label: str = "public/") -> list[Diagnostic]:
    """GitHub Pages' limits (:mod:`dossier.output.weight`, which the build warns with),
    as errors."""
    total = sum(len(data) for data in files.values())
    large = [(rel, len(data)) for rel, data in files.items() if len(data) > weight.FILE_LIMIT]
    return [error(d.path, d.line, d.field, d.message)
            for d in weight.limit_problems(output_label, total, 0, large, limit)]


# --- the whole site ----------------------------------------------------------------------

def _serial_map(func: Callable[[str], Any], items: Sequence[str]) -> list[Any]:
    return [func(item) for item in items]


def check_site(files: Mapping[str, bytes], base_path: str = "/",
               source_of: SourceOf = _no_source, origin: str = "",
               output_label: str = "public/", size_limit: int | None = None,
               map_pages: Mapper = _serial_map) -> list[Diagnostic]:
    """Every finding about a rendered site, as diagnostics (images: warnings)."""
    pages = sorted(path for path in files if path.endswith(".html"))
    known: dict[str, Resolved] = {}
    scans = dict(zip(pages, map_pages(
        lambda page: scan_page(page, files[page], base_path, files, origin, known), pages),
        strict=True))
    findings = [f for scan in scans.values() for f in scan.broken]
    findings += anchor_findings(scans)
    return [*place(findings, files, base_path, source_of, output_label),
            *check_feeds(files, output_label), *check_size(files, size_limit, output_label)]
