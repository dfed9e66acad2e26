"""What the entity index sorts a name by: people by family name, shown as written.

``Shinzo Abe`` sorts as ``Abe Shinzo`` (under A); ``Ludwig van Beethoven`` as
``Beethoven Ludwig van``; ``Martin Luther King Jr.`` as ``King Martin Luther``. Names
written family name first stay as they are: names in Chinese, Japanese or Korean
script, and romanised Korean and Chinese names whose first word is a common family
name and whose given name is one or two romanised syllables (``Kim Jong Un``,
``Moon Jae-in``, ``Xi Jinping``, ``Lee Hsien Loong``; not ``Kim Kardashian``). The
Western parse is nameparser's; an entity's ``sort_name:`` overrides all of this.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

# romanised family names of Korea and China, as English-language news writes them
_FAMILY_NAMES = """
kim lee yi rhee park pak choi choe jung jeong chung kang cho jo yoon yun jang chang
lim im han oh seo suh shin kwon hwang ahn an song ryu yoo yu hong jeon chun ko moon mun
yang son bae baek paik heo huh nam roh noh ha ban kwak sung chae won
wang li zhang liu chen huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng
liang xie tang feng deng cao peng zeng xiao tian dong pan yuan cai jiang du ye cheng
wei su lu ding ren shen yao xi wen mao bo qin lai tsai chiang teo ong goh tan ng chan
"""
EAST_ASIAN_FAMILY_NAMES = frozenset(_FAMILY_NAMES.split())

# one romanised syllable (Korean revised / McCune-Reischauer, pinyin, Wade-Giles)
_ONSET = r"(?:ch|sh|zh|hs|ts|kk|tt|pp|ss|jj|[bcdfghjklmnpqrstwxyz])?"
_SYLLABLE = _ONSET + r"[aeiouy]{1,3}(?:ng|n|r|k|l|m|p|t)?"
_GIVEN = re.compile(rf"(?:{_SYLLABLE}){{1,2}}")


def _is_cjk(text: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(("CJK UNIFIED", "HANGUL", "HIRAGANA",
                                                     "KATAKANA")) for ch in text)


def family_name_first(name: str) -> bool:
    """Is the name written family name first (as Chinese, Japanese and Korean names
    are in their own scripts, and Korean and Chinese names usually are in English)?"""
    if _is_cjk(name):
        return True
    words = name.split()
    if len(words) < 2 or words[0].lower() not in EAST_ASIAN_FAMILY_NAMES:
        return False
    parts = [p for w in words[1:] for p in w.split("-") if p]
    if not 1 <= len(parts) <= 2 or not all(p[:1].isupper() or p.islower() for p in parts):
        return False
    # the given name, one or two syllables in all: "Jong Un", "Jae-in", "Jinping"
    return _GIVEN.fullmatch(anyascii("".join(parts)).lower().replace("'", "")) is not None


@lru_cache(maxsize=4096)
def person_sort_name(name: str) -> str:
    """A person's name as the index sorts it: family name first."""
    if family_name_first(name):
        return name
    from nameparser import HumanName  # only for people: not on every start-up

    parsed = HumanName(name)
    last = parsed.last.split()
    # particles (van, de, von der, bin) follow the name they belong to: Beethoven, Ludwig van
    particles = []
    while len(last) > 1 and last[0].islower():
        particles.append(last.pop(0))
    if not last:
        return name
    given = " ".join(p for p in (parsed.first, parsed.middle) if p)
    return " ".join(p for p in (" ".join(last), given, " ".join(particles)) if p)


def sort_name(name: str, kind: str, explicit: str = "") -> str:
    """What an entity sorts by: its ``sort_name:``, a person's family name first, or
    its name."""
    if explicit:
        return explicit
    return person_sort_name(name) if kind == "person" else name


def sort_key(text: str) -> tuple[str, str]:
    """Case, accents and script set aside: ``Ōno`` sorts with ``Ono``."""
    return anyascii(text).casefold(), text


def index_letter(text: str) -> str:
    """The letter an entry sorts under in the index (``#`` for a digit or a sign)."""
    first = anyascii(text).lstrip()[:1].upper()
    return first if first.isalpha() else "#"
