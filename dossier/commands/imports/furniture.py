"""Page furniture: the lines around a story that are not the story (share and
subscribe prompts, comment links, advertising labels, copyright lines), shared by
the wire-text and the HTML readers."""

from __future__ import annotations

import re

_EXACT = frozenset({
    "read comments", "comments", "view comments", "show comments", "leave a comment",
    "share", "share this", "share this article", "share this story", "share on facebook",
    "share on twitter", "share on x", "tweet", "email", "print", "copy link", "save",
    "advertisement", "advert", "sponsored", "sponsored content", "ad", "related",
    "related coverage", "related stories", "related articles", "related content",
    "more stories", "recommended", "most read", "most popular", "trending", "read more",
    "continue reading", "subscribe", "subscribe now", "sign up", "log in", "sign in",
    "(end)", "end", "top of page", "back to top", "skip to content", "skip to main content",
    "listen to this article", "our standards: the thomson reuters trust principles",
    "the thomson reuters trust principles", "accept", "accept all", "reject all",
    "manage cookies", "cookie settings", "follow us", "menu", "search", "home",
})
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    r"^\d+\s*min(ute)?s?\s+read$",
    r"^(share|send|post) (this|it) (on|via|to) ",
    r"^(sign up|subscribe|register) (for|to) (our|the|a) .{0,80}(newsletter|briefing|digest|"
    r"alerts?|updates|edition)",
    r"\bnewsletter\b.{0,60}\b(sign up|subscribe|inbox)\b",
    r"\b(sign up|subscribe)\b.{0,60}\bnewsletter\b",
    r"^(get|receive) (our|the) .{0,60}(newsletter|briefing|in your inbox)",
    r"^follow (us|[A-Z].{0,40}) on (twitter|x|facebook|instagram|linkedin|threads|bluesky)",
    r"^(©|\(c\)\s|copyright\s+(©\s*)?(\d{4}|the\b))",
    r"\ball rights reserved\b",
    r"^(this|the) (site|website) uses cookies",
    r"\bwe use cookies\b",
    r"^by (continuing|using) (to use )?(this|our) (site|website)",
    r"^(click|tap) here to ",
    r"^(already a subscriber|subscribe to continue|to continue reading|you have reached)",
    r"^read (more|next|also):?\s*$",
    r"^(photo|image) gallery$",
    r"^(report|suggest) a correction$",
    r"\b(become|becoming) a (paid |premium )?(member|subscriber|supporter|patron)\b",
    r"^new (here|to [\w ]{1,30})\?",                  # a welcome pitch: "New here? …"
    r"\b(paid )?(members|subscribers|supporters) (get|receive|enjoy) (every|all|full|our|"
    r"unlimited|exclusive)\b",
    r"^(is|was) this (page|article|information|answer) (useful|helpful)\??$",
    r"^report a problem with this page$",
    r"^(e-?mail|print|save|share) this (story|article|page)$",
    r"^printer[- ]friendly( version| page)?$",
    r"^(shop|buy) (it )?now\b",
    r"^\d{1,3}\s*(of|/)\s*\d{1,3}$",   # a slideshow's counter: "1 of 3"
    r"^(our standards|trust principles)",
    r"^(the )?(story|article) continues (below|after)",
    r"^continue reading (below|after|the main story)",
    r"^scroll (down )?to continue",
    r"^(advertisement|advert)\s*[-–—:]\s*(scroll|continue|story)",
    r"^[A-Z]{2,6}\s+[a-z]{2,3}(/[a-z]{2,3})+$",   # an agency's sign-off: "dpa lb/ak"
    r"^[a-z]{2,4}(-[a-z]{2,4})*(/[a-z]{2,4})+$",   # "bur-jl/mpa"
    r"^=+\s*\w+$",                                 # "==Kyodo"
)]
_EDGE_PUNCTUATION = " \t.:!|·•»›>-–—"


def is_furniture(text: str) -> bool:
    """A whole paragraph or line that is page furniture."""
    plain = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    if not plain:
        return True
    if plain.lower() in _EXACT:
        return True
    if len(plain) > 220:
        return False
    if any(p.search(plain) for p in _PATTERNS):
        return True
    # a tool line: "E-mail this story | Printer-friendly version"
    pieces = [x for x in re.split(r"\s+[|·•]\s+", plain) if x]
    if len(pieces) > 1 and all(is_furniture(x) for x in pieces):
        return True
    # share targets after a label in any language: "Condividi: Facebook | X | WhatsApp"
    targets = [x.strip(" .").lower() for x in
               re.split(r"\s*[|·•,/]\s*|\s+", plain.split(":", 1)[-1]) if x.strip(" .")]
    return len(targets) >= 2 and len(plain.split(":", 1)[0]) <= 30 \
        and all(t in _SHARE_TARGETS for t in targets)


_SHARE_TARGETS = frozenset({
    "facebook", "x", "twitter", "whatsapp", "email", "e-mail", "mail", "linkedin",
    "pinterest", "reddit", "telegram", "messenger", "threads", "bluesky", "mastodon",
    "flipboard", "print", "copy", "link", "sms"})


_END = re.compile(r"^(related|related stories|related articles|related coverage|more stories|"
                  r"more from [\w ]{1,30}|most read|most popular|recommended|"
                  r"recommended for you|read next|you may also like|you might also like|"
                  r"more on this story|top stories|latest news|trending now)$", re.IGNORECASE)


def ends_story(text: str) -> bool:
    """A heading after which a copied page holds only other stories ("Related stories",
    "Most read")."""
    return bool(_END.match(" ".join(text.split()).strip(_EDGE_PUNCTUATION)))
