"""Deterministic synthetic corpus for benchmarking ``dossier build`` against Hugo.

Writes a dossier site (the format of shared/CONTENT.md) and, optionally, the
same articles as a Hugo site with three taxonomies (tags, entities, dossiers).

    python bench/generate.py --articles 10000 --out /tmp/corpus --hugo /tmp/corpus-hugo

The output depends only on ``--articles`` and ``--seed``: no clock, no set
iteration order, no hash randomisation.  Summary statistics go to stdout as JSON.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import re
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from random import Random

BASE_URL = "https://example.org/bench/"
FIRST_DAY = dt.date(2010, 1, 1).toordinal()
LAST_DAY = dt.date(2024, 12, 31).toordinal()
TOTAL_NAMES = 442  # entity names + aliases, as in the reference corpus
MEAN_MENTIONS = 22.0
NOUN_PHRASES_PER_WORD = 0.22  # measured on the clause templates below; steers mention density

# --------------------------------------------------------------------------- vocabulary


def wordlist(text: str) -> list[str]:
    return text.split()


NOUNS = wordlist("""
government officials talks agreement region border port ministry vessels market prices
exports budget election vote parliament court ruling policy plan proposal report statement
meeting summit crisis conflict ceasefire dispute alliance treaty sanctions investment company
bank economy growth inflation currency debt loan aid refugees workers union strike protest
police army troops navy patrol drills missiles weapons security defence intelligence network
system infrastructure pipeline grid energy oil gas coal plant reactor water river dam drought
floods harvest grain farmers fishing quota licence shipping route corridor channel strait
airport railway road bridge project contract tender deal partnership delegation envoy diplomats
negotiators minister president leaders lawmakers committee council agency commission inquiry
investigation allegations evidence documents data survey analysts experts observers residents
villagers city capital province district neighbours partners rivals allies measures rules
regulations reforms tariffs costs funding revenue taxes schools hospitals doctors vaccine
outbreak cases weeks months year decade spring summer autumn winter morning night weekend
question concerns risks pressure tensions response support opposition criticism warning threat
attack incident collision accident damage losses recovery reconstruction coastline fleet island
islands cargo tanker freighter terminal warehouse factory mine miners smelter satellite launch
frequency broadcast newspaper editor journalists court-martial verdict appeal judges prosecutor
lawyers witnesses hearing testimony ballot turnout campaign candidate coalition cabinet mandate
""")

VERBS = wordlist("""
said announced warned agreed rejected approved signed urged denied confirmed reported launched
suspended resumed expanded cut raised lowered blocked opened closed discussed reviewed proposed
criticised welcomed accused questioned pledged promised delayed postponed extended ended began
completed halted doubled increased reduced deployed withdrew detained released arrested charged
sued fined awarded won lost secured sought offered received visited hosted joined left backed
opposed supported challenged examined published disclosed revealed estimated expected planned
inspected monitored tracked funded financed negotiated drafted ratified vetoed overturned
""")

ADJECTIVES = wordlist("""
new former local regional national international foreign domestic senior military civilian
economic political public private federal coastal northern southern eastern western central
major key joint bilateral multilateral annual final first second recent latest early long
short strong weak high low large small significant sharp gradual fragile uncertain
controversial disputed temporary permanent emergency strategic commercial independent official
unofficial provisional interim covert rural urban offshore
""")

DETERMINERS = wordlist("the the the the the its their this several some two a another")
PREPOSITIONS = wordlist("""
in on at for with after before during over under against across near from into without amid
despite through between since
""")
ADVERBS = wordlist("""
also again quickly publicly quietly formally reportedly still already later earlier repeatedly
sharply largely partly briefly
""")
JOINERS = [
    (",", "and"),
    (",", "but"),
    (",", "while"),
    ("", "as"),
    ("", "after"),
    (",", "although"),
    ("", "because"),
    (";", "meanwhile,"),
]

# clause templates: N = noun phrase (may become an entity mention), V verb, P preposition,
# R adverb, T the word "that"
CLAUSES = ["NVN", "NVNPN", "NRVN", "NVPN", "NVTNVN", "PNNVN", "NVNPN", "NRVNPN"]

# --------------------------------------------------------------------------- invented names

FIRST_NAMES = wordlist("""
Mara Tomas Ilse Pieter Nadia Oskar Lena Rafael Yara Anton Selma Jonas Irene Mateo Hana Viktor
Elin Darius Noor Felix Amara Bruno Leila Henrik Sofia Kasper Marta Idris Greta Lucas Ayla
Stefan Nina Omar Alma Jakob Rosa Emil Dana Tariq Vera Milan Asha Karl Eva Luca Inez Aurel
Zoë Renée José Jörg Ångel Søren Chloé Dário Zofia Miklós
""")
SURNAME_HEADS = wordlist("""
Val Ost Kar Bren Hal Mor Tes Lind Dra Fen Gor Harl Ist Jan Kel Lor Mar Nor Pel Quin Ros Sar Tor
Vel Wen Zar Brack Cald Dov Ell Fors Grim Hask Ivers Jell Kov Lask Mend Nyl Orv Prusk Rask Sten
""")
SURNAME_TAILS = wordlist("""
den wick ova ard ell mont ski ani enko berg holm eiro ssen ez ley rin ovic gard sted ari ton
""")
PLACE_HEADS = wordlist("""
Ald Bris Cor Dun Elm Fal Glas Hav Ith Kes Lam Mir Nes Orl Pra Rav Sol Tam Ulv Var Wes Yor Ast
Bel Cas Dor Eld Gav Hol Ist Jor Kal Lum Mav Nor Ost Pel Qar Ser Tav
""")
PLACE_TAILS = wordlist("""
haven mora stad ia ovo ara mere gard ista burg ica enza opol ium ador
""")
ORG_KINDS = [
    "Maritime Agency",
    "Development Bank",
    "Energy Company",
    "Institute for Strategic Studies",
    "Defence Ministry",
    "Grain Board",
    "Port Authority",
    "Shipping Group",
    "Workers' Union",
    "Human Rights Watchers",
    "Security Council",
    "Broadcasting Corporation",
    "Mining Consortium",
    "Coast Guard",
    "Election Commission",
    "Supreme Court",
    "Central Bank",
    "Fisheries Council",
    "Rail Corporation",
    "Telecom Group",
    "Party of Renewal",
    "Peace Foundation",
]
EVENT_KINDS = [
    "Summit",
    "Crisis",
    "Floods",
    "Accord Talks",
    "Blockade",
    "Protests",
    "Election",
    "Earthquake",
    "Ferry Disaster",
    "Border Clash",
]
DOCUMENT_FORMS = [
    "Treaty of {p}",
    "{p} Accord",
    "{p} Report",
    "{p} Declaration",
    "{p} Charter",
    "{p} Protocol",
    "{p} Memorandum",
]
TOPIC_HEADS = [
    "Blue Lanes",
    "Cold Chain",
    "Deep Water",
    "Open Skies",
    "Green Corridor",
    "Silver Coast",
    "High Plains",
    "Northern Route",
    "Salt Road",
    "Iron Bridge",
    "Clear Signal",
    "Harbour Reform",
    "Fair Vote",
    "Quiet Border",
    "Grain Bridge",
    "Safe Passage",
    "Bright Grid",
    "Long Shore",
    "River Compact",
    "Twin Ports",
    "Open Data",
    "Red Line",
    "Glass House",
]
TOPIC_TAILS = ["Initiative", "Programme", "Agenda", "Plan", "Doctrine"]
ORG_TITLES = ["Gen.", "Adm.", "Dr.", "Judge", "Minister", "Senator"]

TAGS = wordlist("""
defence diplomacy trade energy maritime elections economy sanctions security climate migration
technology cyber health agriculture fisheries infrastructure finance law courts human-rights
protests military nuclear arms-control intelligence corruption media education labour transport
shipping mining water disasters terrorism aid space telecoms tourism
""")

OUTLETS = [
    "The Meridian Ledger",
    "Harbour Post",
    "Northgate Times",
    "Coastline Daily",
    "The Continental",
    "Eastwind News",
    "Ridgeway Herald",
    "The Open Record",
    "Lantern Press Agency",
    "Capital Observer",
    "Saltmarsh Gazette",
    "The Quarterly Brief",
    "Riverside Tribune",
    "Signal Wire",
    "The Civic Chronicle",
    "Atlas Newswire",
    "Bellwether Review",
    "Frontier Dispatch",
    "Granite Weekly",
    "The Evening Compass",
]

KEYWORD_PHRASES = [
    "maritime boundary",
    "grain corridor",
    "ceasefire talks",
    "export controls",
    "joint patrols",
    "water rights",
    "sovereign debt",
    "fishing quotas",
]


# --------------------------------------------------------------------------- helpers


def slugify(text: str, max_len: int = 64) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def zipf_cum(n: int, s: float) -> list[float]:
    return list(accumulate(1.0 / (rank + 1) ** s for rank in range(n)))


def yaml_str(value: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def yaml_flow(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Entity:
    slug: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class Dossier:
    slug: str
    title: str
    summary: str
    entities: list[str]
    tags: list[str]
    keywords: list[str]


@dataclass
class Article:
    path: str  # relative to content/articles/
    slug: str
    title: str
    date: str
    year: int
    body: str
    front: list[str]  # dossier-format front matter lines (without ---)
    tags: list[str]
    entities: list[str]  # mentioned or attached, sorted
    explicit_dossiers: list[str]
    source: dict[str, str]
    authors: list[str]
    summary: str
    location: str | None
    words: int
    mentions: int


# --------------------------------------------------------------------------- entities


class NamePool:
    """Hands out names, refusing any surface form already taken or clashing with prose."""

    def __init__(self, vocabulary: set[str]) -> None:
        self.taken: set[str] = set()
        self.vocabulary = vocabulary

    def ok(self, name: str) -> bool:
        if name in self.taken:
            return False
        words = name.split()
        # a one-word name must not be an ordinary word that prose could capitalise
        return not (len(words) == 1 and name.lower().strip(".'") in self.vocabulary)

    def take(self, name: str) -> str:
        self.taken.add(name)
        return name


def invent(
    rng: Random, heads: Sequence[str], tails: Sequence[str], pool: NamePool, used_words: set[str]
) -> str:
    while True:
        word = rng.choice(heads) + rng.choice(tails)
        if word not in used_words and pool.ok(word):
            used_words.add(word)
            return word


def make_entities(rng: Random) -> list[Entity]:
    vocabulary = {
        w.lower() for w in NOUNS + VERBS + ADJECTIVES + DETERMINERS + PREPOSITIONS + ADVERBS
    }
    pool = NamePool(vocabulary)
    used_words: set[str] = set()
    entities: list[Entity] = []
    slugs: dict[str, str] = {}

    def add(kind: str, name: str, description: str) -> Entity:
        slug = slugify(name)
        assert slug not in slugs, (slug, name, slugs.get(slug))
        slugs[slug] = name
        entity = Entity(slug=slug, name=pool.take(name), kind=kind, description=description)
        entities.append(entity)
        return entity

    places: list[Entity] = []
    plain_places: list[Entity] = []
    for i in range(52):
        base = invent(rng, PLACE_HEADS, PLACE_TAILS, pool, used_words)
        form = i % 5
        if form == 0:
            name = f"Republic of {base}"
        elif form == 1:
            name = f"Port {base}"
        elif form == 2:
            name = f"{base} Strait"
        else:
            name = base
        place = add("place", name, f"Invented place: {name}.")
        places.append(place)
        if form > 2:
            plain_places.append(place)
    # three "South Korea" / "Korea" pairs: a longer name that contains a shorter one
    for place in plain_places[:3]:
        places.append(
            add("place", f"North {place.name}", f"Invented region north of {place.name}.")
        )

    place_bases = list(
        dict.fromkeys(
            p.name.removeprefix("Republic of ")
            .removeprefix("Port ")
            .removeprefix("North ")
            .removesuffix(" Strait")
            for p in places
        )
    )

    people: list[Entity] = []
    surnames_used: set[str] = set()
    while len(people) < 110:
        surname = invent(rng, SURNAME_HEADS, SURNAME_TAILS, pool, used_words)
        first = rng.choice(FIRST_NAMES)
        name = f"{first} {surname}"
        if not pool.ok(name) or slugify(name) in slugs:
            continue
        surnames_used.add(surname)
        role = rng.choice(
            [
                "minister",
                "diplomat",
                "admiral",
                "judge",
                "executive",
                "activist",
                "journalist",
                "economist",
                "governor",
                "opposition leader",
            ]
        )
        people.append(add("person", name, f"Invented {role} from {rng.choice(place_bases)}."))

    orgs: list[Entity] = []
    while len(orgs) < 70:
        head = rng.choice(place_bases) if rng.random() < 0.6 else rng.choice(sorted(surnames_used))
        name = f"{head} {rng.choice(ORG_KINDS)}"
        if not pool.ok(name) or slugify(name) in slugs:
            continue
        orgs.append(
            add("organization", name, f"Invented organisation based in {rng.choice(place_bases)}.")
        )

    events: list[Entity] = []
    while len(events) < 25:
        year = rng.randint(2010, 2024)
        base = rng.choice(place_bases)
        kind = rng.choice(EVENT_KINDS)
        name = f"{year} {base} {kind}" if rng.random() < 0.4 else f"{base} {kind}"
        if not pool.ok(name) or slugify(name) in slugs:
            continue
        events.append(add("event", name, f"Invented event, {year}."))

    documents: list[Entity] = []
    while len(documents) < 20:
        name = rng.choice(DOCUMENT_FORMS).format(p=rng.choice(place_bases))
        if not pool.ok(name) or slugify(name) in slugs:
            continue
        documents.append(add("document", name, "Invented document."))

    topics: list[Entity] = []
    while len(topics) < 20:
        name = f"{rng.choice(TOPIC_HEADS)} {rng.choice(TOPIC_TAILS)}"
        if not pool.ok(name) or slugify(name) in slugs:
            continue
        topics.append(add("topic", name, "Invented policy topic."))

    # aliases: exactly TOTAL_NAMES - len(entities) of them, none shared
    def alias_person(e: Entity) -> list[str]:
        first, surname = e.name.split(" ", 1)
        return [surname, f"{rng.choice(ORG_TITLES)} {surname}", f"{first[0]}. {surname}"]

    def alias_org(e: Entity) -> list[str]:
        words = [
            w for w in e.name.replace("'", "").split() if w[0].isupper() and w not in ("of", "for")
        ]
        return [
            "".join(w[0] for w in words),
            " ".join(e.name.split()[1:]) + " of " + e.name.split()[0],
        ]

    def alias_place(e: Entity) -> list[str]:
        if e.name.startswith("Republic of "):
            return [
                e.name.removeprefix("Republic of "),
                e.name.removeprefix("Republic of ") + " Republic",
            ]
        if e.name.startswith("Port "):
            return [e.name.removeprefix("Port ") + " Harbour"]
        if e.name.endswith(" Strait"):
            return ["Strait of " + e.name.removesuffix(" Strait")]
        return [e.name + " City"]

    def alias_event(e: Entity) -> list[str]:
        words = e.name.split()
        if words[0].isdigit():
            return [" ".join(words[1:]) + " of " + words[0]]
        return [" ".join(words[1:]) + " in " + words[0]]

    def alias_document(e: Entity) -> list[str]:
        if e.name.startswith("Treaty of "):
            return [e.name.removeprefix("Treaty of ") + " Treaty"]
        base, kind = e.name.split(" ", 1)
        return [f"{kind} of {base}"]

    def alias_topic(e: Entity) -> list[str]:
        return ["".join(w[0] for w in e.name.split())]

    plan: list[tuple[list[Entity], Callable[[Entity], list[str]], int]] = [
        (people, alias_person, 70),
        (orgs, alias_org, 45),
        (places, alias_place, 12),
        (events, alias_event, 6),
        (documents, alias_document, 5),
        (topics, alias_topic, 4),
    ]
    needed = TOTAL_NAMES - len(entities)
    assert sum(n for _, _, n in plan) == needed, needed
    for group, make, count in plan:
        order = list(group)
        rng.shuffle(order)
        given = 0
        for entity in order:
            if given == count:
                break
            for alias in make(entity):
                if pool.ok(alias) and not any(alias == other.name for other in entities):
                    entity.aliases.append(pool.take(alias))
                    given += 1
                    break
        assert given == count, (group[0].kind, given, count)
    assert len(entities) == 300
    assert sum(1 + len(e.aliases) for e in entities) == TOTAL_NAMES
    return entities


def make_dossiers(rng: Random, ranked: list[Entity]) -> list[Dossier]:
    titles = [
        ("Strait Tensions", "Naval incidents, patrols and boundary claims at sea."),
        ("Grain and Food Security", "Harvests, export bans and the grain corridor."),
        ("Energy Transition", "Pipelines, grids and the politics of power."),
        ("Courts and Accountability", "Trials, inquiries and the rule of law."),
        ("Elections Watch", "Campaigns, coalitions and contested results."),
    ]
    tag_choices = [
        ["maritime", "defence"],
        ["agriculture"],
        ["energy", "climate"],
        ["courts", "corruption"],
        ["elections"],
    ]
    dossiers: list[Dossier] = []
    for i, (title, summary) in enumerate(titles):
        picks = [ranked[rng.randint(8, 40)].slug] + [
            ranked[rng.randint(40, 299)].slug for _ in range(3)
        ]
        entities = list(dict.fromkeys(picks))
        keywords = [KEYWORD_PHRASES[(2 * i) % len(KEYWORD_PHRASES)]]
        if i % 2 == 0:
            keywords.append(KEYWORD_PHRASES[(2 * i + 1) % len(KEYWORD_PHRASES)])
        dossiers.append(
            Dossier(
                slug=slugify(title),
                title=title,
                summary=summary,
                entities=entities,
                tags=tag_choices[i],
                keywords=keywords,
            )
        )
    return dossiers


# --------------------------------------------------------------------------- prose


class Writer:
    """Builds one article body; all randomness comes from the shared Random."""

    def __init__(self, rng: Random, entities: list[Entity], entity_cum: list[float]) -> None:
        self.rng = rng
        self.entities = entities
        self.entity_cum = entity_cum
        self.noun_cum = zipf_cum(len(NOUNS), 0.8)
        self.verb_cum = zipf_cum(len(VERBS), 0.8)
        self.adj_cum = zipf_cum(len(ADJECTIVES), 0.8)
        self.prep_cum = zipf_cum(len(PREPOSITIONS), 0.9)
        self.clause_cum = zipf_cum(len(CLAUSES), 0.3)
        self.outlet_cum = zipf_cum(len(OUTLETS), 0.7)
        self.tag_cum = zipf_cum(len(TAGS), 0.8)
        self.dossier_slugs: list[str] = []
        self.place_names: list[str] = []
        self.markup = True  # emphasis allowed (not in titles and summaries)
        self.cast: list[Entity] = []
        self.cast_cum: list[float] = []
        self.seen: dict[str, None] = {}
        self.keywords: list[str] = []
        self.words = self.mentions = self.remaining_mentions = 0
        self.remaining_words = 0.0

    # -- words
    def pick(self, words: Sequence[str], cum: list[float]) -> str:
        return words[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def noun_phrase(self, allow_mention: bool) -> list[str]:
        rng = self.rng
        if allow_mention and self.remaining_mentions > 0:
            p = self.remaining_mentions / max(1.0, self.remaining_words * NOUN_PHRASES_PER_WORD)
            if rng.random() < p:
                return self.mention()
        det = rng.choice(DETERMINERS)
        noun = self.pick(NOUNS, self.noun_cum)
        allow_emphasis = self.markup
        words: list[str] = []
        if rng.random() < 0.3:
            adj = self.pick(ADJECTIVES, self.adj_cum)
            if allow_emphasis and rng.random() < 0.03:
                words = [f"**{adj}", f"{noun}**"]
            else:
                words = [adj, noun]
        else:
            words = [f"*{noun}*" if allow_emphasis and rng.random() < 0.02 else noun]
        if det == "a" and words[0].lstrip("*")[0] in "aeiou":
            det = "an"
        return [det, *words]

    def mention(self) -> list[str]:
        rng = self.rng
        entity = self.cast[bisect.bisect(self.cast_cum, rng.random() * self.cast_cum[-1])]
        if entity.slug not in self.seen:
            self.seen[entity.slug] = None
            form = (
                entity.name
                if not entity.aliases or rng.random() < 0.8
                else rng.choice(entity.aliases)
            )
        elif entity.aliases and rng.random() < 0.6:
            form = rng.choice(entity.aliases)
        else:
            form = entity.name
        self.mentions += 1
        self.remaining_mentions -= 1
        if rng.random() < 0.08:  # a possessive, then the thing possessed
            if form.endswith("s"):
                form += rng.choice(("’", "'"))
            else:
                form += "’s" if rng.random() < 0.6 else "'s"
            return [*form.split(), self.pick(NOUNS, self.noun_cum)]
        return form.split()

    def clause(self, allow_mention: bool) -> list[str]:
        rng = self.rng
        out: list[str] = []
        template = CLAUSES[bisect.bisect(self.clause_cum, rng.random() * self.clause_cum[-1])]
        for i, slot in enumerate(template):
            if slot == "N":
                out += self.noun_phrase(allow_mention)
            elif slot == "V":
                out.append(self.pick(VERBS, self.verb_cum))
            elif slot == "P":
                out.append(self.pick(PREPOSITIONS, self.prep_cum))
            elif slot == "R":
                out.append(rng.choice(ADVERBS))
            else:
                out.append("that")
            if i == 1 and template[0] == "P":
                out[-1] += ","
        return out

    def sentence(self, allow_mention: bool = True, link: str | None = None) -> str:
        rng = self.rng
        words = self.clause(allow_mention)
        if rng.random() < 0.45:
            punctuation, joiner = JOINERS[rng.randrange(len(JOINERS))]
            words[-1] += punctuation
            words.append(joiner)
            words += self.clause(allow_mention)
        if self.keywords and allow_mention and rng.random() < 0.1:
            words += ["over", "the", *self.keywords.pop().split()]
        if link:
            words[-1] += ","
            words += ["according", "to", link]
        self.count(len(words) - (1 if link else 0))  # the anchor's words were counted by plain()
        words[0] = cap(words[0])
        return " ".join(words) + "."

    def plain(self, n: int) -> str:
        """Words with no mentions and no markup (headings, anchors, table cells)."""
        words = [
            self.pick(NOUNS, self.noun_cum)
            if self.rng.random() < 0.6
            else self.pick(ADJECTIVES, self.adj_cum)
            for _ in range(n)
        ]
        self.count(n)
        return " ".join(words)

    def count(self, n: int) -> None:
        self.words += n
        self.remaining_words -= n

    # -- blocks
    def paragraph(self, link: str | None) -> str:
        n = self.rng.randint(3, 6)
        link_at = self.rng.randrange(n) if link else -1
        return " ".join(self.sentence(link=link if i == link_at else None) for i in range(n))

    def body(self, target_words: int, target_mentions: int, outlet_domain: str) -> str:
        rng = self.rng
        self.words = 0
        self.mentions = 0
        self.remaining_words = float(target_words)
        self.remaining_mentions = target_mentions
        self.seen = {}
        self.keywords = [k for k in KEYWORD_PHRASES if rng.random() < 0.04]
        n_paragraphs = max(4, round(target_words / 80))
        links = {rng.randrange(n_paragraphs) for _ in range(rng.randint(1, 3))}
        list_at = rng.randint(1, max(1, n_paragraphs - 2))
        quote_at = rng.randint(1, n_paragraphs - 1) if rng.random() < 0.3 else -1
        table_at = rng.randint(2, n_paragraphs - 1) if rng.random() < 0.12 else -1
        next_heading = rng.randint(2, 4)
        blocks: list[str] = []
        i = 0
        while self.remaining_words > 0 or i <= max(list_at, quote_at, table_at):
            if i == next_heading:
                blocks.append("## " + cap(self.plain(rng.randint(3, 6))))
                next_heading += rng.randint(3, 5)
            link = None
            if i in links:
                anchor = self.plain(rng.randint(2, 4))
                path = "-".join(anchor.split())
                link = f"[{anchor}](https://www.{outlet_domain}/{path}-{rng.randrange(10**6)}.html)"
            blocks.append(self.paragraph(link))
            if i == list_at:
                blocks[-1] = blocks[-1][:-1] + ", among them:"
                blocks.append("\n".join("- " + self.sentence() for _ in range(rng.randint(3, 5))))
            if i == quote_at:
                blocks.append("> " + " ".join(self.sentence() for _ in range(rng.randint(1, 2))))
            if i == table_at:
                blocks.append(self.table())
            i += 1
        return "\n\n".join(blocks) + "\n"

    def table(self) -> str:
        rng = self.rng
        rows = ["| Year | Measure | Share |", "| --- | --- | ---: |"]
        for _ in range(rng.randint(3, 5)):
            rows.append(f"| {rng.randint(2005, 2024)} | {self.plain(2)} | {rng.randint(1, 99)}% |")
            self.count(2)
        return "\n".join(rows)

    # -- whole article
    def article(self, used_slugs: dict[str, None]) -> Article:
        rng = self.rng
        ordinal = rng.randint(FIRST_DAY, LAST_DAY)
        day = dt.date.fromordinal(ordinal)
        if rng.random() < 0.1:
            hour, minute = rng.randint(0, 23), rng.choice((0, 15, 30, 45))
            offset = rng.choice(("+00:00", "+01:00", "+09:00", "-05:00"))
            date = f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset}"
        else:
            date = day.isoformat()

        # the article's cast: a few entities, drawn by Zipf popularity
        k = rng.randint(3, 9)
        cast: dict[str, Entity] = {}
        for _ in range(60):
            e = self.entities[bisect.bisect(self.entity_cum, rng.random() * self.entity_cum[-1])]
            cast.setdefault(e.slug, e)
            if len(cast) == k:
                break
        self.cast = list(cast.values())
        self.cast_cum = zipf_cum(len(self.cast), 1.0)

        outlet_i = bisect.bisect(self.outlet_cum, rng.random() * self.outlet_cum[-1])
        outlet = OUTLETS[outlet_i]
        domain = slugify(outlet.removeprefix("The ")).replace("-", "") + ".example"

        # title and summary do not count toward words or mentions
        self.remaining_mentions = 0
        self.markup = False
        title_words = self.clause(False)
        if rng.random() < 0.5 and title_words[0] in DETERMINERS:
            noun_at = 2 if title_words[1] in ADJECTIVES else 1
            title_words[0 : noun_at + 1] = [self.cast[0].name]
        title = cap(" ".join(title_words).replace(",", ""))
        summary = cap(" ".join(self.clause(False))) + "."
        self.markup = True

        target_words = int(rng.triangular(500, 900, 830))
        target_mentions = max(3, round(rng.gauss(MEAN_MENTIONS, 5.0)))
        body = self.body(target_words - round(target_mentions * 1.7), target_mentions, domain)
        mentioned = list(self.seen)

        slug = slugify(" ".join(title.split()[:8]), 60)
        base, n = slug, 2
        while slug in used_slugs:
            slug = f"{base}-{n}"
            n += 1
        used_slugs[slug] = None

        tags = sorted(
            {
                TAGS[bisect.bisect(self.tag_cum, rng.random() * self.tag_cum[-1])]
                for _ in range(rng.randint(1, 4))
            }
        )
        authors = [
            self.author(outlet_i, j)
            for j in sorted({rng.randrange(8) for _ in range(rng.randint(1, 2))})
        ]
        attached: list[str] = []
        if rng.random() < 0.08:
            attached = [rng.choice(mentioned)] if mentioned else []
            if rng.random() < 0.5:
                attached.append(self.entities[rng.randrange(len(self.entities))].slug)
            attached = list(dict.fromkeys(attached))
        explicit_dossiers = (
            [self.dossier_slugs[rng.randrange(len(self.dossier_slugs))]]
            if rng.random() < 0.03
            else []
        )
        location = None
        if rng.random() < 0.3:
            location = self.place_names[rng.randrange(len(self.place_names))]
        source = {"name": outlet, "url": f"https://www.{domain}/{day.year}/{day.month:02d}/{slug}"}

        front = [f"title: {yaml_str(title)}", f"date: {date}"]
        if rng.random() < 0.05:
            updated = dt.date.fromordinal(min(LAST_DAY, ordinal + rng.randint(1, 30)))
            front.append(f"updated: {updated.isoformat()}")
        front += [
            f"source: {yaml_flow(source)}",
            f"authors: {yaml_flow(authors)}",
            f"summary: {yaml_str(summary)}",
        ]
        if location:
            front.append(f"location: {yaml_str(location)}")
        front.append(f"tags: {yaml_flow(tags)}")
        if attached:
            front.append(f"entities: {yaml_flow(attached)}")
        if explicit_dossiers:
            front.append(f"dossiers: {yaml_flow(explicit_dossiers)}")

        return Article(
            path=f"{day.year}/{day.isoformat()}-{slug}.md",
            slug=slug,
            title=title,
            date=date,
            year=day.year,
            body=body,
            front=front,
            tags=tags,
            entities=sorted(dict.fromkeys(mentioned + attached)),
            explicit_dossiers=explicit_dossiers,
            source=source,
            authors=authors,
            summary=summary,
            location=location,
            words=self.words,
            mentions=self.mentions,
        )

    def author(self, outlet: int, j: int) -> str:
        r = Random(outlet * 100 + j)  # stable per outlet, independent of the main stream
        surname = r.choice(SURNAME_HEADS) + r.choice(["s", "er", "man", "by", "well"])
        return f"{r.choice(FIRST_NAMES)} {surname}"


# --------------------------------------------------------------------------- output


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def front_matter(lines: list[str], body: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def prepare(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not force:
            sys.exit(f"generate.py: {out} is not empty (use --force to replace it)")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def dossier_members(
    article: Article, dossiers: list[Dossier], patterns: dict[str, re.Pattern[str]]
) -> list[str]:
    """The contract's rule: explicit, or any entity, tag or keyword matches."""
    text = article.title + "\n" + article.body
    members = []
    entities = set(article.entities)
    tags = set(article.tags)
    for d in dossiers:
        if (
            d.slug in article.explicit_dossiers
            or entities.intersection(d.entities)
            or tags.intersection(d.tags)
            or patterns[d.slug].search(text)
        ):
            members.append(d.slug)
    return members


HUGO_TEMPLATE = Path(__file__).resolve().parent / "hugo"  # hugo.toml and layouts/


HUGO_RELATED_CONFIG = """
[related]
  includeNewer = true
  threshold = 80
  toLower = false
  [[related.indices]]
    name = 'entities'
    weight = 100
  [[related.indices]]
    name = 'tags'
    weight = 80
"""
HUGO_RELATED_BLOCK = (
    "{{ with site.RegularPages.Related . | first 5 }}<section><h2>Related articles</h2><ul>"
    '{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}'
    "</ul></section>{{ end }}\n</article>"
)


def generate(
    articles: int,
    out: Path,
    seed: int = 1,
    hugo: Path | None = None,
    force: bool = False,
    hugo_related: bool = False,
) -> dict[str, object]:
    """Write the corpus. ``hugo_related``: Hugo's article pages also list related
    articles by shared entities and tags, as dossier's article pages do."""
    rng = Random(seed)
    entities = make_entities(rng)
    ranked = list(entities)
    rng.shuffle(ranked)  # popularity rank, independent of kind
    entity_cum = zipf_cum(len(ranked), 1.0)
    dossiers = make_dossiers(rng, ranked)
    writer = Writer(rng, ranked, entity_cum)
    writer.dossier_slugs = [d.slug for d in dossiers]
    writer.place_names = [e.name for e in entities if e.kind == "place"]
    patterns = {
        d.slug: re.compile("|".join(r"\b" + re.escape(k) + r"\b" for k in d.keywords), re.I)
        for d in dossiers
    }

    prepare(out, force)
    title = "Bench Dossiers"
    write(
        out / "config.yaml",
        "\n".join(
            [
                f"title: {title}",
                f"description: Synthetic benchmark corpus ({articles} articles, seed {seed}).",
                f"base_url: {BASE_URL}",
                "language: en",
                "timezone: UTC",
                "entities:",
                "  link: first",
                "search:",
                "  enabled: false",
                "",
            ]
        ),
    )
    content = out / "content"
    for sub in ("articles", "entities", "dossiers"):
        (content / sub).mkdir(parents=True)
    if hugo is not None:
        prepare(hugo, force)
        config = (HUGO_TEMPLATE / "hugo.toml").read_text(encoding="utf-8")
        config = config.format(base_url=BASE_URL, title=title)
        write(hugo / "hugo.toml", config + (HUGO_RELATED_CONFIG if hugo_related else ""))
        shutil.copytree(HUGO_TEMPLATE / "layouts", hugo / "layouts")
        if hugo_related:
            single = hugo / "layouts" / "single.html"
            html = single.read_text(encoding="utf-8")
            single.write_text(html.replace("</article>", HUGO_RELATED_BLOCK, 1), encoding="utf-8")
        for sub in ("articles", "entities", "dossiers"):
            (hugo / "content" / sub).mkdir(parents=True)
        write(hugo / "content" / "entities" / "_index.md", front_matter(['title: "Entities"'], ""))
        write(hugo / "content" / "dossiers" / "_index.md", front_matter(['title: "Dossiers"'], ""))
        write(hugo / "content" / "articles" / "_index.md", front_matter(['title: "Articles"'], ""))

    for e in entities:
        profile = f"{e.name} appears in the synthetic benchmark corpus. {e.description}\n"
        lines = [f"name: {yaml_str(e.name)}", f"kind: {e.kind}"]
        if e.aliases:
            lines.append(f"aliases: {yaml_flow(e.aliases)}")
        lines.append(f"description: {yaml_str(e.description)}")
        write(content / "entities" / f"{e.slug}.md", front_matter(lines, profile))
        if hugo is not None:
            d = hugo / "content" / "entities" / e.slug
            d.mkdir()
            write(
                d / "_index.md",
                front_matter(
                    [
                        f"title: {yaml_str(e.name)}",
                        f"kind: {e.kind}",
                        f"description: {yaml_str(e.description)}",
                    ],
                    profile,
                ),
            )
    for d in dossiers:
        intro = (
            f"This dossier follows {d.summary[0].lower() + d.summary[1:]}\n\n"
            "## Key questions\n\n- What changed, and who decided it?\n- What comes next?\n"
        )
        match = {"entities": d.entities, "tags": d.tags, "keywords": d.keywords}
        lines = [f"title: {yaml_str(d.title)}", f"summary: {yaml_str(d.summary)}", "match:"]
        lines += [f"  {key}: {yaml_flow(value)}" for key, value in match.items()]
        write(content / "dossiers" / f"{d.slug}.md", front_matter(lines, intro))
        if hugo is not None:
            folder = hugo / "content" / "dossiers" / d.slug
            folder.mkdir()
            write(
                folder / "_index.md",
                front_matter(
                    [f"title: {yaml_str(d.title)}", f"summary: {yaml_str(d.summary)}"], intro
                ),
            )

    used_slugs: dict[str, None] = {}
    years: dict[int, None] = {}
    words = mentions = 0
    dossier_sizes = {d.slug: 0 for d in dossiers}
    articles_per_entity = {e.slug: 0 for e in entities}
    for _ in range(articles):
        a = writer.article(used_slugs)
        if a.year not in years:
            years[a.year] = None
            (content / "articles" / str(a.year)).mkdir()
            if hugo is not None:
                (hugo / "content" / "articles" / str(a.year)).mkdir()
        write(content / "articles" / a.path, front_matter(a.front, a.body))
        words += a.words
        mentions += a.mentions
        for slug in a.entities:
            articles_per_entity[slug] += 1
        members = dossier_members(a, dossiers, patterns)
        for slug in members:
            dossier_sizes[slug] += 1
        if hugo is not None:
            lines = [
                f"title: {yaml_str(a.title)}",
                f"date: {a.date}",
                f"slug: {yaml_str(a.slug)}",
                f"summary: {yaml_str(a.summary)}",
                f"source: {yaml_flow(a.source)}",
                f"authors: {yaml_flow(a.authors)}",
            ]
            if a.location:
                lines.append(f"location: {yaml_str(a.location)}")
            lines += [
                f"tags: {yaml_flow(a.tags)}",
                f"entities: {yaml_flow(a.entities)}",
                f"dossiers: {yaml_flow(members)}",
            ]
            write(hugo / "content" / "articles" / a.path, front_matter(lines, a.body))

    per_entity = sorted(articles_per_entity.values(), reverse=True)
    return {
        "articles": articles,
        "seed": seed,
        "entities": len(entities),
        "names_and_aliases": sum(1 + len(e.aliases) for e in entities),
        "entity_kinds": {
            k: sum(e.kind == k for e in entities)
            for k in ("person", "organization", "place", "event", "document", "topic")
        },
        "dossiers": len(dossiers),
        "tags": len(TAGS),
        "avg_words": round(words / max(1, articles), 1),
        "avg_mentions": round(mentions / max(1, articles), 2),
        "articles_per_entity_top5": per_entity[:5],
        "entities_in_no_article": sum(c == 0 for c in per_entity),
        "dossier_sizes": dossier_sizes,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=1000, help="number of articles (default 1000)"
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the dossier site")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--hugo", type=Path, help="also write the articles as a Hugo site here")
    parser.add_argument("--force", action="store_true", help="replace non-empty output folders")
    parser.add_argument(
        "--hugo-related",
        action="store_true",
        help="Hugo's article pages list related articles too (as dossier's do)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    stats = generate(args.articles, args.out, args.seed, args.hugo, args.force, args.hugo_related)
    print(json.dumps(stats, indent=2))
    print(f"generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
