"""A dossier for other tools: its articles as a Knight Lab TimelineJS timeline, its
entity network as GEXF (Gephi). Plain text written with escaping, no templates; the
same site gives the same bytes (no dates of writing)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from html import escape as html_escape
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from dossier.site.facts import Facts
from dossier.site.urls import absolute, article_url, dossier_url, entity_url

TIMELINE_EVENTS = 500    # TimelineJS slows past a few hundred events: the newest 500


def _date(moment: Any) -> dict[str, str]:
    """TimelineJS's date; an article dated by day only (midnight in the site's zone)
    carries no hour or minute, which would make TimelineJS show it to the minute."""
    found = {"year": str(moment.year), "month": str(moment.month), "day": str(moment.day)}
    if (moment.hour, moment.minute, moment.second) != (0, 0, 0):
        found.update(hour=str(moment.hour), minute=str(moment.minute))
    found["display_date"] = moment.date().isoformat()
    return found


def timeline_json(facts: Facts, slug: str) -> bytes:
    """One event per article (the newest TIMELINE_EVENTS), oldest first as TimelineJS
    shows them: start_date, headline, text with a link to the article, its image."""
    from dossier.content.dates import local

    config = facts.config
    dossier = facts.dossier(slug)
    to_abs: Callable[[str], str] = lambda path: absolute(config.base_url, path)  # noqa: E731
    events = []
    for member in reversed(facts.members("dossier", slug, 0, TIMELINE_EVENTS)):
        article = facts.article(member)
        link = to_abs(article_url(article.slug))
        text = f"<p>{html_escape(article.summary)}</p>" if article.summary else ""
        source = f" ({html_escape(article.source.name)})" if article.source else ""
        text += f'<p><a href="{html_escape(link)}">Read the article</a>{source}</p>'
        event: dict[str, Any] = {
            "unique_id": article.slug,
            "start_date": _date(local(article.date, config.zone)),
            "text": {"headline": html_escape(article.title), "text": text},
        }
        if article.image and article.image.src:   # a photo not reproduced has no media
            src = article.image.src
            event["media"] = {"url": src if src.startswith(("http://", "https://"))
                              else to_abs(src),
                              "alt": article.image.alt,
                              "caption": html_escape(article.image.caption or ""),
                              "credit": html_escape(article.image.credit or ""), "link": link}
        events.append(event)
    page = to_abs(dossier_url(slug))
    title_text = html_escape(dossier.summary)
    data = {"title": {"text": {"headline": html_escape(dossier.title),
                               "text": f'<p>{title_text}</p><p><a href="{html_escape(page)}">'
                                       "The dossier</a></p>"}},
            "events": events}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def gexf(facts: Facts, slug: str) -> bytes:
    """The dossier's network (its most-mentioned entities, co-mentions as weighted
    edges) in GEXF 1.3, with each entity's kind and address as attributes."""
    config = facts.config
    nodes, edges = facts.network("dossier", slug)
    title = facts.dossier_title(slug)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
             f"<meta><creator>dossier</creator><description>{escape(title)}: entities "
             "joined by the articles that name both</description></meta>",
             '<graph defaultedgetype="undirected" mode="static">',
             '<attributes class="node">'
             '<attribute id="kind" title="kind" type="string"/>'
             '<attribute id="mentions" title="mentions" type="integer"/>'
             '<attribute id="url" title="url" type="anyURI"/></attributes>',
             "<nodes>"]
    for other, weight in nodes:
        card = facts.entity_card(other)
        url = absolute(config.base_url, entity_url(other))
        lines.append(f"<node id={quoteattr(other)} label={quoteattr(card.name)}><attvalues>"
                     f'<attvalue for="kind" value={quoteattr(card.kind)}/>'
                     f'<attvalue for="mentions" value="{weight}"/>'
                     f'<attvalue for="url" value={quoteattr(url)}/></attvalues></node>')
    lines.append("</nodes>")
    lines.append("<edges>")
    lines.extend(_edges(edges))
    lines.append("</edges>")
    lines.append("</graph>")
    lines.append("</gexf>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _edges(edges: Sequence[tuple[str, str, int]]) -> list[str]:
    return [f'<edge id="{n}" source={quoteattr(a)} target={quoteattr(b)} weight="{w}"/>'
            for n, (a, b, w) in enumerate(edges)]
