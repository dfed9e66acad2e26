"""The pure parts of live reload: addresses, the injected script, epochs, frames."""

from __future__ import annotations

import json
import threading

from dossier.dev.livereload import (
    MAX_URLS,
    LiveState,
    Update,
    accept_key,
    content_hash,
    frame,
    inject,
    parse_query,
    site_url,
    update_for,
)


def test_site_url() -> None:
    assert site_url("index.html", "/b/") == "/b/"
    assert site_url("articles/x/index.html", "/b/") == "/b/articles/x/"
    assert site_url("assets/style.0123456789.css", "/") == "/assets/style.0123456789.css"
    assert site_url("404.html", "/b/") == "/b/404.html"


def test_update_lists_addresses_or_says_everything() -> None:
    update = update_for(3, ["a/index.html"], ["b/index.html"], "/")
    assert update.urls == ("/a/", "/b/") and update.epoch == 3
    many = [f"p{n}/index.html" for n in range(MAX_URLS + 1)]
    assert update_for(4, many, [], "/").urls is None


def test_inject_before_the_last_body_end_or_at_the_end() -> None:
    page = b"<html><body><p>x</p><script>'</body>'</script></body></html>"
    out = inject(page, 7, "ab12", navigate=True)
    assert out.count(b"data-dossier-live") == 1
    assert out.endswith(b"</script></body></html>")
    assert b'data-epoch="7"' in out and b'data-run="ab12"' in out
    assert b'data-navigate="1"' in out
    assert inject(b"<p>no body</p>", 1, "a", False).startswith(b"<p>no body</p><script")


def test_content_hash_ignores_only_stylesheet_links() -> None:
    a = b'<head><link rel="stylesheet" href="/assets/style.aaaaaaaaaa.css"></head><p>x</p>'
    b = b'<head><link rel="stylesheet" href="/assets/style.bbbbbbbbbb.css"></head><p>x</p>'
    c = b'<head><link rel="stylesheet" href="/assets/style.bbbbbbbbbb.css"></head><p>y</p>'
    d = b'<head><link rel="icon" href="/a.png"></head><p>x</p>'
    e = b'<head><link rel="icon" href="/b.png"></head><p>x</p>'
    assert content_hash(a) == content_hash(b)
    assert content_hash(b) != content_hash(c)
    assert content_hash(d) != content_hash(e)


def test_parse_query_never_trusts_its_input() -> None:
    assert parse_query("epoch=3&run=ab12", "ab12", 5) == 3
    assert parse_query("epoch=9&run=ab12", "ab12", 5) == 5          # not past the present
    assert parse_query("epoch=3&run=ffff", "ab12", 5) == -1         # another run
    assert parse_query("epoch=../../etc&run=ab12", "ab12", 5) == -1
    assert parse_query("epoch=-1&run=ab12", "ab12", 5) == -1
    assert parse_query("run=%2e%2e&epoch=1", "ab12", 5) == -1
    assert parse_query("", "ab12", 5) == -1
    assert parse_query("epoch=" + "9" * 10_000 + "&run=ab12", "ab12", 5) == 5


def test_since_gathers_the_updates_a_tab_missed() -> None:
    state = LiveState("ab12")
    state.publish(Update(1, ()))
    state.publish(Update(2, ("/a/",)))
    state.publish(Update(3, ("/b/",), navigate="/b/"))
    caught = state.since(1)
    assert caught.epoch == 3 and caught.urls == ("/a/", "/b/") and caught.navigate == "/b/"
    assert state.since(3).urls == ()
    assert state.since(-1).urls is None        # nothing known of that tab
    state.publish(Update(4, None))
    assert state.since(2).urls is None         # too much changed to list


def test_since_knows_when_history_is_gone() -> None:
    state = LiveState("ab12")
    for epoch in range(1, 400):
        state.publish(Update(epoch, (f"/p{epoch}/",)))
    assert state.since(398).urls == ("/p399/",)
    assert state.since(2).urls is None


def test_styles_only_when_every_missed_update_was_stylesheets() -> None:
    state = LiveState("ab12")
    state.publish(Update(1, ()))
    state.publish(Update(2, ("/a/",), styles=True))
    assert state.since(1).styles
    state.publish(Update(3, ("/a/",)))
    assert not state.since(1).styles


def test_a_failed_rebuild_keeps_the_epoch_and_carries_errors() -> None:
    state = LiveState("ab12")
    state.publish(Update(1, ()))
    state.publish(Update(1, (), ("a.md:2: title: missing",)))
    epoch, errors, message = state.next_message(1, (), 0.01)
    assert epoch == 1 and message == {"type": "errors", "errors": ["a.md:2: title: missing"]}
    assert state.next_message(1, errors, 0.01)[2] is None


def test_next_message_wakes_a_waiting_tab() -> None:
    state = LiveState("ab12")
    state.publish(Update(1, ()))
    got: list[object] = []
    waiter = threading.Thread(target=lambda: got.append(state.next_message(1, (), 5.0)))
    waiter.start()
    state.publish(Update(2, ("/a/",)))
    waiter.join(5)
    assert got and got[0][2]["urls"] == ("/a/",)  # type: ignore[index]


def test_frames() -> None:
    assert frame(None) == b"\x89\x00"
    small = frame({"a": 1})
    assert small[0] == 0x81 and small[1] == len(small) - 2
    assert json.loads(small[2:]) == {"a": 1}
    medium = frame({"a": "x" * 300})
    assert medium[1] == 126 and int.from_bytes(medium[2:4], "big") == len(medium) - 4
    large = frame({"a": "x" * 70_000})
    assert large[1] == 127 and int.from_bytes(large[2:10], "big") == len(large) - 10


def test_accept_key_of_rfc_6455() -> None:
    assert accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
