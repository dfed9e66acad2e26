"""How an entity's or a tag's list of articles is laid out, so that it stays readable
and light at any size: the newest articles in context at the top of its page, the
rest as a compact archive by year (date, title, source).

- Up to :data:`NEWEST` articles: the page lists them all in context.
- Up to :data:`INLINE`: the newest in context, then the others in the archive, on the
  same page (year headings ``#y2024``).
- More: the newest in context, then the years with their counts, each a link to a
  year page ``…/archive/2024/`` listing every article of that year.

The old pages of a long list (``…/page/N/``, by ``paginate:``) stay as redirects to
where their first article is listed now. Pure functions of counts and years.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dossier.site.urls import page_url

NEWEST = 20      # articles shown with their context at the top of a list page
INLINE = 300     # up to this many, the whole archive is on the list page itself


@dataclass(frozen=True)
class Layout:
    """A list of ``count`` articles whose years (newest first) are ``years``: one
    (year, articles, position of the year's newest article in the list) per year."""

    count: int
    years: tuple[tuple[int, int, int], ...]

    @property
    def newest(self) -> int:
        return min(self.count, NEWEST)

    @property
    def paged(self) -> bool:
        """True when the archive is on year pages rather than on the list page."""
        return self.count > INLINE

    def year_span(self, year: int) -> tuple[int, int]:
        """(start, stop) positions of a year's articles in the list."""
        for y, n, start in self.years:
            if y == year:
                return start, start + n
        raise KeyError(year)

    def year_at(self, position: int) -> int:
        for year, n, start in self.years:
            if start <= position < start + n:
                return year
        raise IndexError(position)


def layout(years_newest_first: Sequence[int]) -> Layout:
    """The layout of a list whose articles, newest first, fall in these years."""
    found: list[tuple[int, int, int]] = []
    for position, year in enumerate(years_newest_first):
        if found and found[-1][0] == year:
            y, n, start = found[-1]
            found[-1] = (y, n + 1, start)
        else:
            found.append((year, 1, position))
    return Layout(len(years_newest_first), tuple(found))


def from_months(count: int, months: Sequence[tuple[int, int, int, int]]) -> Layout:
    """The layout from a list's months (year, month, count, position of the month's
    newest article), oldest month first, as :meth:`Facts.months` gives them."""
    years: dict[int, list[int]] = {}
    for year, _, n, position in months:
        entry = years.setdefault(year, [0, position])
        entry[0] += n
        entry[1] = min(entry[1], position)
    ordered = sorted(((y, n, p) for y, (n, p) in years.items()), key=lambda t: t[2])
    return Layout(count, tuple(ordered))


def archive_url(base: str, year: int) -> str:
    """The year page of a long list at ``base``."""
    return f"{base}archive/{year}/"


def year_anchor(year: int) -> str:
    return f"y{year}"


def where_listed(base: str, lay: Layout, position: int) -> str:
    """The site path (with its anchor) where the article at ``position`` is listed."""
    if position < lay.newest:
        return base
    year = lay.year_at(position)
    if lay.paged:
        return archive_url(base, year)
    return f"{base}#{year_anchor(year)}"


def old_pages(base: str, lay: Layout, per_page: int) -> list[tuple[str, str]]:
    """(old address, where it leads now) for the later pages a paginated list of
    this size had: ``…/page/2/`` on."""
    total = max(1, -(-lay.count // per_page))
    return [(page_url(base, n), where_listed(base, lay, (n - 1) * per_page))
            for n in range(2, total + 1)]
