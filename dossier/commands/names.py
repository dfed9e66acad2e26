"""Finding names in article text without a model: runs of capitalised words that do
not start a sentence, katakana runs, and near-misses of registered names.

Pure functions over text; `entities suggest`, `mentions` and `report` use them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

# Markdown that is not prose: fenced code, inline code, link targets, HTML tags
_FENCED = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_TAG = re.compile(r"<[^>\n]*>")
_AUTOLINK = re.compile(r"https?://\S+")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)", re.MULTILINE)
_UNDERSCORES = re.compile(r"(?<!\w)_+|_+(?!\w)")   # _emphasis_, not snake_case

# a sentence ends at . ! ? followed by space and a capital, quote or bracket, unless
# the dot closes a title or an initial ("Dr. Tang", "J. Smith")
_ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "adm", "prof", "sen",
    "rep", "gov", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "inc", "corp", "co", "ltd"))
_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"'(\[]*[A-Z0-9])")
_WORD = re.compile(r"[^\W_][\w’'.\-–]*")
_KATAKANA = re.compile(r"[\u30A1-\u30FA\u30FC][\u30A1-\u30FC\u30FB]+")

# capitalised words that are not names on their own
_NOT_NAMES = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "i", "i'm", "i've", "it's", "the",
    "a", "an", "this", "that", "these", "those", "there", "here", "he", "she", "we",
    "they", "his", "her", "our", "their", "its", "it", "in", "on", "at", "by", "for",
    "from", "to", "of", "and", "or", "but", "if", "as", "with", "after", "before",
    "during", "while", "when", "where", "what", "who", "why", "how", "not", "no", "yes",
    "so", "also", "both", "all", "some", "many", "most", "more", "other", "another",
    "each", "every", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "first", "second", "third", "last", "next", "new", "old", "mr",
    "mrs", "ms", "dr", "prof", "sir", "madam", "president", "prime", "minister",
    "secretary", "general", "admiral", "chairman", "chairwoman", "chief",
    "spokesman", "spokeswoman", "spokesperson", "officials", "official",
    "analysts", "observers", "residents", "critics", "experts", "sources", "reporters",
    "key", "points", "according", "however", "meanwhile", "earlier", "later", "still",
    "yet", "even", "though", "although", "because", "since", "until", "unless",
))
_CONNECTORS = frozenset({"of", "the", "for", "de", "da", "del", "van", "von", "bin",
                         "al", "le", "la", "du"})
_DEMONYM = re.compile(r"(?:ese|ian|ean|ans|ish|ican)$")   # Japanese, Korean(s), British …
_STRIP = "’'.-"


def plain_text(markdown: str) -> str:
    """The prose of a Markdown body: no code, no link targets, no tags, no markers.
    (Each pattern runs only when its marker occurs: this is the hot path of suggest.)"""
    text = markdown
    if "```" in text or "~~~" in text:
        text = _FENCED.sub("\n", text)
    if "`" in text:
        text = _INLINE_CODE.sub(" ", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "://" in text:
        text = _AUTOLINK.sub(" ", text)
    text = _BLOCK_START.sub("\n\n", text).replace("|", "\n\n")   # table cells too
    text = text.replace("*", "")
    return _UNDERSCORES.sub("", text) if "_" in text else text


def sentences(text: str) -> Iterator[str]:
    """Sentences of plain text: paragraphs and list items split at sentence ends."""
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for found in _SENTENCE_END.finditer(block):
            before = block[start:found.start()].rstrip("”’\"')]")
            last = before.rsplit(" ", 1)[-1].rstrip(".").lower()
            if before.endswith(".") and (last in _ABBREVIATIONS or len(last) == 1):
                continue
            yield block[start:found.start()]
            start = found.end()
        yield block[start:]


@lru_cache(maxsize=1 << 16)   # words repeat: a pure function, memoised
def fold(text: str) -> str:
    """A name's spelling key: no case, diacritics, hyphens, spaces or dots
    (`Kim Jong Un`, `Kim Jong-un` and `kim jong-un` share one)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def _is_capital(word: str) -> bool:
    return word[:1].isupper()


def _clean(word: str) -> str:
    """A word as runs hold it: outer punctuation off, but the dot of a title, an
    initial or an abbreviation kept (`Dr.`, `J.`, `U.S.`)."""
    stem = word.rstrip(".")
    if word.endswith(".") and not word.endswith("..") and (
            "." in stem or len(stem) == 1 or stem.lower() in _ABBREVIATIONS):
        return stem + "."
    return word.strip(_STRIP)


def _possessive(word: str) -> str:
    """`Japan's` -> `Japan` (any other word as it is)."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_clean(m.group(0)) for m in _WORD.finditer(text))


@dataclass(frozen=True)
class Registry:
    """The names the site knows, as token runs, and their spelling keys."""

    exact: frozenset[tuple[str, ...]]
    starts: frozenset[str]               # first words of the exact names
    longest: int
    keys: dict[str, str]                 # fold(name) -> entity slug
    prefixes: frozenset[str]             # every prefix of a key
    names: dict[str, str] = field(default_factory=dict)   # slug -> display name

    @classmethod
    def of(cls, entities: Iterable[tuple[str, str, Iterable[str]]]) -> Registry:
        """``entities``: (slug, name, aliases)."""
        exact, keys, names = set(), {}, {}
        for slug, name, aliases in entities:
            names[slug] = name
            for text in (name, *aliases):
                tokens = _tokens(text)
                if tokens:
                    exact.add(tokens)
                key = fold(text)
                if len(key) >= 4:
                    keys.setdefault(key, slug)
        prefixes = frozenset(k[:i] for k in keys for i in range(1, len(k) + 1))
        return cls(frozenset(exact), frozenset(t[0] for t in exact),
                   max((len(t) for t in exact), default=1), keys, prefixes, names)


@dataclass(frozen=True)
class Found:
    """One name found in a text."""

    name: str
    initial: bool             # the run started a sentence
    near: str | None = None   # a registered entity this is a variant spelling of
    at: int = 0               # offset of its run in the text


_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAP = rf"[{_UPPER}][\w’'.\-–]*"
_JOIN = "(?:of|the|for|de|da|del|van|von|bin|al|le|la|du|and)"
# a run: capitalised words separated by single spaces, connectors inside, and a
# number closing a one-word run (Article 9, Type 055)
_RUN = re.compile(rf"(?<![\w’'.\-–]){_CAP}(?:(?: {_JOIN})* {_CAP})*(?: \d[\w]*)?")
_OPENERS = frozenset("“‘\"'(—[:")


def _initial(text: str, at: int) -> bool:
    """Whether position ``at`` starts a sentence, a quotation or a block."""
    i = at - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] in "\n.!?…" or text[i] in _OPENERS:
        return True
    return text[i] in "”’\")]" and i > 0 and text[i - 1] in ".!?,"


def _ends_sentence(word: str) -> bool:
    """A word with a dot that ends a sentence (not `Dr.`, `J.`, `U.S.`)."""
    if not word.endswith(".") or word.endswith(".."):
        return word.endswith(("..", "!", "?"))
    stem = word.rstrip(".")
    return not ("." in stem or len(stem) == 1 or stem.lower() in _ABBREVIATIONS)


def _runs(matched: str, initial: bool) -> Iterator[tuple[list[str], bool]]:
    """One match of _RUN split where a dot ends a sentence or an `and` joins two
    names, with whether each part starts a sentence."""
    run: list[str] = []
    has_connector = False
    for word in matched.split(" "):
        if word == "and" and not has_connector:
            if run:
                yield run, initial
            run, initial = [], False
            continue
        has_connector |= word in _CONNECTORS
        clean = _clean(word)
        if clean:
            run.append(clean)
        if _ends_sentence(word):
            if run:
                yield run, initial
            run, initial = [], True
    if run:
        yield run, initial


def _split_possessives(piece: list[str], initial: bool) -> Iterator[tuple[list[str], bool]]:
    """`Japan's Foreign Ministry` -> `Japan`, `Foreign Ministry`."""
    start = 0
    for index, word in enumerate(piece):
        if _possessive(word) != word:
            yield [*piece[start:index], _possessive(word)], initial and start == 0
            start = index + 1
    if start < len(piece):
        yield piece[start:], initial and start == 0


def _trim(tokens: list[str]) -> list[str]:
    while tokens and (tokens[0].lower() in _NOT_NAMES or tokens[0] in _CONNECTORS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower() in _NOT_NAMES or tokens[-1] in _CONNECTORS):
        tokens = tokens[:-1]
    return tokens


def _name_like(tokens: list[str]) -> bool:
    if not tokens or not tokens[0][:1].isupper():
        return False
    if _DEMONYM.search(tokens[-1]):   # an adjective: South Korean, Japanese
        return False
    if len(tokens) > 1:
        return True
    word = tokens[0]
    if word.isupper():   # an acronym: AUKUS, DPRK
        return len(word) >= 3 and word.isalpha()
    return len(word) > 2 and word.lower() not in _NOT_NAMES and not _DEMONYM.search(word)


Named = tuple[str, bool, "str | None"]   # name, starts a sentence, near


def names_in(text: str, registry: Registry,
             memo: dict[tuple[str, bool], tuple[Named, ...]] | None = None) -> Iterator[Found]:
    """The unregistered names of a text, and variant spellings of registered ones.
    ``memo``: results by run, to share between texts (names repeat)."""
    memo = {} if memo is None else memo
    for m in _RUN.finditer(text):
        key = (m.group(0), _initial(text, m.start()))
        found = memo.get(key)
        if found is None:
            found = memo[key] = tuple(_names_of_run(key[0], key[1], registry))
        for name, initial, near in found:
            offset = max(0, key[0].find(name.split(" ", 1)[0]))
            yield Found(name, initial, near, m.start() + offset)


def _names_of_run(matched: str, initial: bool, registry: Registry) -> Iterator[Named]:
    exact, starts, prefixes = registry.exact, registry.starts, registry.prefixes
    for run, run_initial in _runs(matched, initial):
        i, start, pieces = 0, 0, []
        while i < len(run):
            taken = 0
            word = run[i]
            sizes = range(min(registry.longest, len(run) - i), 0, -1) \
                if word in starts or _possessive(word) in starts else ()
            for size in sizes:
                span = run[i:i + size]
                if tuple(span) in exact or (*span[:-1], _possessive(span[-1])) in exact:
                    taken = size
                    break
            near_size, near_slug = 0, None
            key = ""
            for j in range(i, min(len(run), i + registry.longest + 2) if fold(word)[:1] and
                           fold(word)[:1] in prefixes else i):
                bare = key + fold(_possessive(run[j]))
                key += fold(run[j])
                if bare in registry.keys and j - i + 1 > taken:
                    near_size, near_slug = j - i + 1, registry.keys[bare]
                if key not in prefixes:
                    break
            if near_slug:
                taken = 0
            if taken or near_slug:
                pieces.append((run[start:i], run_initial and start == 0))
                if near_slug:
                    words = run[i:i + near_size]
                    yield (" ".join([*words[:-1], _possessive(words[-1])]),
                           run_initial and i == 0, near_slug)
                i += taken or near_size
                start = i
            else:
                i += 1
        pieces.append((run[start:], run_initial and start == 0))
        for piece, at_start in pieces:
            for part, part_start in _split_possessives(piece, at_start):
                trimmed = _trim(part)
                if len(trimmed) == 1 and "-" in trimmed[0] and all(
                        (p,) in exact for p in trimmed[0].split("-")):
                    continue   # Japan-U.S.: an adjective made of two registered names
                if _name_like(trimmed):
                    yield " ".join(trimmed), part_start and trimmed[0] == part[0], None


def katakana_in(text: str, registry: Registry) -> Iterator[Found]:
    """Katakana runs (how Japanese writes foreign names) that no entity has."""
    for m in _KATAKANA.finditer(text):
        name = m.group(0).strip("・ー")
        if len(name) >= 3 and (name,) not in registry.exact:
            yield Found(name, False, None, m.start())


def _boundary(text: str, j: int) -> bool:
    """Whether the character at ``j`` (a dot, ! or ?, or a newline) ends a sentence."""
    if text[j] != ".":
        return True
    word = text[max(text.rfind(" ", 0, j), text.rfind("\n", 0, j)) + 1:j + 1]
    return _ends_sentence(word.lstrip("“‘\"'("))


def sentence_at(text: str, at: int) -> str:
    """The sentence of ``text`` around offset ``at`` (`Dr. Tang` does not end one)."""
    marks = (". ", "! ", "? ", "\n")
    start, i = 0, at
    while i > 0:
        j = max(text.rfind(m, 0, i) for m in marks)
        if j < 0:
            break
        if _boundary(text, j):
            start = j + 1
            break
        i = j
    end, i = len(text), at
    while i < len(text):
        found = [k for k in (text.find(m, i) for m in marks) if k >= 0]
        if not found:
            break
        j = min(found)
        if _boundary(text, j):
            end = j + 1
            break
        i = j + 1
    return " ".join(text[start:end].split())


def excerpt(sentence: str, limit: int = 160) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rstrip() + "…"
