from __future__ import annotations

from dossier.linking.membership import KeywordMatcher, normalise
from dossier.model import Dossier, MatchRules


def dossier(*keywords: str) -> Dossier:
    return Dossier("d.md", "d", "D", "", MatchRules(keywords=keywords), (), "", {}, {})


def test_normalise_quotes_case_and_space() -> None:
    assert normalise("Japan’s  “Mutual”\nDefence") == "japan's \"mutual\" defence"


def test_keywords_whole_words_case_and_quote_insensitive() -> None:
    matcher = KeywordMatcher.from_dossiers([dossier("mutual defence treaty", "Japan's defence")])
    assert matcher.find("the Mutual Defence\nTreaty and Japan’s defence") == {
        "mutual defence treaty", "japan's defence"}
    assert matcher.find("mutual defence treatyless") == frozenset()
    assert matcher.find("nothing here") == frozenset()


def test_no_keywords() -> None:
    assert KeywordMatcher.from_dossiers([]).find("anything") == frozenset()


def test_keywords_written_with_quotes_or_odd_spacing() -> None:
    matcher = KeywordMatcher.from_dossiers([dossier('"Mutual  Defence Treaty"', "‘Japan’s")])
    assert matcher.find("the “mutual defence\ttreaty”, Japan's") == {
        "mutual defence treaty", "japan's"}
    assert matcher.find("xmutual defence treaty") == frozenset()


def test_cjk_keywords_need_no_word_boundary() -> None:
    matcher = KeywordMatcher.from_dossiers([dossier("日米同盟", "Security Treaty")])
    assert matcher.find("日米同盟は重要だ。") == {"日米同盟"}
    assert matcher.find("今日Security Treatyが話題。") == {"security treaty"}
    assert matcher.find("the Security Treatyx and xSecurity Treaty") == frozenset()
