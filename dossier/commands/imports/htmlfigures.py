"""Pictures in a saved page: addresses made absolute, captions split from credits, the
lead figure found."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import Tag

from dossier.commands.imports.draft import DraftImage

_CREDIT_CLASS = re.compile(r"credit|copyright|source|photographer|byline|attribution",
                           re.IGNORECASE)


_CREDIT_TEXT = re.compile(
    r"(?:(?:(?<=[.!?])\s+|\s*[(\[]\s*|^)(?i:photo(?:graph)?|image|picture|credit|foto)s?\s*(?i:by|:)\s*"
    r"(?P<a>[^()\[\]]{2,80}?)[)\]]?\s*$)|(?:\s+(?P<b>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.'-]+){0,3}"
    r"\s*/\s*(?:[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?|AFP|AP|EPA|REUTERS|Getty Images))\s*$)|"
    r"(?:\s+(?P<c>(?:REUTERS|AFP|AP|EPA|KYODO|YONHAP|XINHUA)/[^.]{2,60}?)\s*$)")


AGENCY_CASE = {"REUTERS": "Reuters", "KYODO": "Kyodo", "YONHAP": "Yonhap", "XINHUA": "Xinhua"}


def absolute_url(url: str, base: str) -> str:
    url = url.strip()
    if not url or url.startswith(("javascript:", "data:")):
        return ""
    if url.startswith("#"):
        return ""
    joined = urljoin(base, url) if base else url
    if not joined.startswith(("http://", "https://", "mailto:")):
        return ""   # a saved page's own files, or the outlet's paths with no address known
    return joined.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def image_src(img: Tag, base: str) -> str:
    for key in ("src", "data-src", "data-original", "data-lazy-src"):
        value = str(img.get(key) or "")
        if value and not value.startswith("data:"):
            return absolute_url(value, base)
    srcset = str(img.get("srcset") or img.get("data-srcset") or "")
    return absolute_url(srcset.split(",")[0].split()[0], base) if srcset.strip() else ""


def split_credit(caption_tag: Tag | None, text: str) -> tuple[str, str]:
    """A figure caption into (caption, credit)."""
    credit = ""
    if caption_tag is not None:
        for child in caption_tag.find_all(True):
            if _CREDIT_CLASS.search(" ".join(child.get("class") or [])) or child.name in (
                    "small", "cite"):
                credit = " ".join(child.get_text(" ").split())
                child.extract()
                text = " ".join(caption_tag.get_text(" ").split())
                break
    if not credit:
        m = _CREDIT_TEXT.search(text)
        if m:
            credit = (m.group("a") or m.group("b") or m.group("c") or "").strip()
            text = text[:m.start()].rstrip(" ,;-–—(")
    credit = re.sub(r"^(photo(graph)?|image|picture|credit)s?\s*(by|:)\s*", "", credit,
                    flags=re.IGNORECASE).strip(" ()[]")
    agency = re.match(r"^(REUTERS|KYODO|YONHAP|XINHUA|AFP|AP|EPA)/(.+)$", credit)
    if agency:   # REUTERS/Name -> Name/Reuters, as the wire reader writes it
        credit = f"{agency.group(2).strip()}/{AGENCY_CASE.get(agency.group(1), agency.group(1))}"
    return text.strip(), credit


def read_figure(tag: Tag, base: str) -> DraftImage | None:
    img = tag.find(["img", "amp-img"]) if tag.name not in ("img", "amp-img") else tag
    caption_tag = tag.find("figcaption") if tag.name != "img" else None
    text = " ".join(caption_tag.get_text(" ").split()) if isinstance(caption_tag, Tag) else ""
    caption, credit = split_credit(caption_tag if isinstance(caption_tag, Tag) else None, text)
    src = image_src(img, base) if isinstance(img, Tag) else ""
    alt = " ".join(str(img.get("alt") or "").split()) if isinstance(img, Tag) else ""
    if not src and not caption and not credit:
        return None
    return DraftImage(src=src, alt=alt or caption[:120], caption=caption, credit=credit)


def lead_figure(root: Tag, container: Tag, base: str) -> DraftImage | None:
    """A figure that stands before the article text, outside its body element (in the
    article's header)."""
    scope = container.find_parent(["article", "main"]) or container.parent
    if not isinstance(scope, Tag):
        return None
    order = {id(tag): index for index, tag in enumerate(scope.find_all(True))}
    first_text = container.find("p")
    for figure in scope.find_all("figure"):
        if container in figure.parents or figure in container.parents:
            continue
        if first_text is not None and order[id(figure)] > order.get(id(first_text), 0):
            continue
        return read_figure(figure, base)
    return None
