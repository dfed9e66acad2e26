"""Cutting a large site's search records into index shards."""

from __future__ import annotations

from dossier.output.search import MAX_SHARDS, SHARD_LIMIT, Record, shards


def article(n: int, language: str = "") -> Record:
    return Record(f"/articles/a{n}/", f"A{n}", "text", {}, {"date": f"2020-01-{n + 1:02d}"},
                  language=language)


def entity(n: int) -> Record:
    return Record(f"/entities/e{n}/", f"E{n}", "profile", {}, {}, kind="entity")


def test_a_small_language_is_one_index() -> None:
    records = [article(n) for n in range(3)] + [entity(0)]
    assert shards(records, "en", 3) == [("en", records)]


def test_shards_are_newest_first_with_the_undated_in_the_first() -> None:
    records = [article(n) for n in range(7)] + [entity(0), entity(1)]
    made = shards(records, "en", 3)
    assert [key for key, _ in made] == ["en", "en-x-1", "en-x-2"]
    first, second, third = (group for _, group in made)
    assert [r.url for r in first] == ["/entities/e0/", "/entities/e1/", "/articles/a6/",
                                      "/articles/a5/", "/articles/a4/"]
    assert [r.url for r in second] == ["/articles/a3/", "/articles/a2/", "/articles/a1/"]
    assert [r.url for r in third] == ["/articles/a0/"]
    assert all(r.language == "en-x-1" and r.meta["shard"] == "1" for r in second)
    assert all("shard" not in r.meta for r in first)


def test_japanese_is_never_cut_and_languages_stay_apart() -> None:
    records = [article(n, "ja") for n in range(7)] + [article(n) for n in range(2)]
    made = dict(shards(records, "en", 3))
    assert set(made) == {"ja", "en"}
    assert len(made["ja"]) == 7


def dated(count: int) -> list[Record]:
    return [Record(f"/a{n}/", "", "", {}, {"date": "2020-01-01"}) for n in range(count)]


def test_shards_grow_rather_than_pass_the_most_a_page_merges() -> None:
    made = shards(dated(3 * MAX_SHARDS + 1), "en", 1)
    assert MAX_SHARDS // 2 < len(made) <= MAX_SHARDS


def test_no_shard_holds_more_than_a_weight_step_can_order() -> None:
    made = shards(dated(SHARD_LIMIT + 5), "en", 10 ** 6)
    assert [len(group) for _, group in made] == [SHARD_LIMIT, 5]
