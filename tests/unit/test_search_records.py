"""Search records from the site model: what an article's record holds."""

from __future__ import annotations

import pytest

from dossier.site.search_records import _opens


@pytest.mark.parametrize(("text", "summary", "opens"), [
    # the default summary is the first paragraph: indexed once
    ("Talks resumed in Seoul.\nThe envoys met for an hour.", "Talks resumed in Seoul.", True),
    # a link's text is joined with a space before the full stop in the plain text
    ("Said in an earlier report . Then more.", "Said in an earlier report.", True),
    # a summary written apart is indexed beside the text
    ("Talks resumed in Seoul.", "Envoys meet again after a year.", False),
    ("Talks resumed in Seoul.", "", False),
])
def test_a_summary_that_opens_the_text_is_not_indexed_twice(text: str, summary: str,
                                                              opens: bool) -> None:
    assert _opens(text, summary) is opens
