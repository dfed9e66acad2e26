"""Word boundaries across scripts.

Japanese, Chinese, Thai, Lao, Burmese and Khmer are written without spaces between
words, so a name in those scripts has no word boundary to check, and a character of
those scripts next to a Latin name does not make the name part of a longer word
(``Abeは来た``: "Abe" is a whole word)."""

from __future__ import annotations

import re
import unicodedata

NO_SPACE_CLASS = (
    "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\U00020000-\U0002fa1f"
)
NO_SPACE = re.compile(f"[{NO_SPACE_CLASS}]")

# A word character of a spaced script: what may not touch a whole word.
# In a pattern: "(?!" + SPACED_WORD + ")" after a match is a right word boundary.
SPACED_WORD = f"(?![{NO_SPACE_CLASS}])\\w"


def is_word_char(ch: str) -> bool:
    """Letters, digits, underscore and combining marks make words."""
    return ch.isalnum() or ch == "_" or (ch > "\x7f" and unicodedata.category(ch)[0] == "M")


def joins_word(ch: str) -> bool:
    """Would ``ch`` next to a name make the name part of a longer word?"""
    # every unspaced script lies above U+0DFF: Latin letters skip the regex
    return is_word_char(ch) and not (ch > "\u0dff" and NO_SPACE.match(ch))


def is_unspaced(ch: str) -> bool:
    return bool(NO_SPACE.match(ch))
