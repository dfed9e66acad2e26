"""`dossier serve` as a command: ports, addresses, what it serves and refuses, and how
it stops. (Live reload in a browser: test_live_reload.py.)"""

from __future__ import annotations

import base64
import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import copy_site
from tests.serving import Served, serve_args, serving, wait_until

ARTICLE = "content/articles/2023/2023-08-18-camp-david-trilateral-summit.md"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    site = copy_site("example", tmp_path_factory.mktemp("serve"))
    with serving(site) as running:
        yield running


def request(served: Served, path: str, method: str = "GET",
            headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    host, port = served.origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=20)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True,
                              skip_host="Host" in (headers or {}))
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read() if method != "HEAD" else b""
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def test_root_leads_to_the_base_path(served: Served) -> None:
    assert served.base == "/east-asia/"
    status, headers, _ = request(served, "/")
    assert status == 302 and headers["location"] == "/east-asia/"
    status, _, body = request(served, "/east-asia/")
    assert status == 200 and b"<html" in body


@pytest.mark.parametrize("path", [
    "/east-asia/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/east-asia/..%2f..%2f..%2fetc/passwd",
    "/east-asia/%2E%2E%2F%2E%2E%2Fconfig.yaml",
    "//etc/passwd",
    "/east-asia//etc/passwd",
    "/etc/passwd",
    "/east-asia/%00/index.html",
    "/east-asia/no/such/page/",
])
def test_nothing_outside_the_output_and_unknown_paths_get_the_404_page(
        served: Served, path: str) -> None:
    status, headers, body = request(served, path)
    assert status == 404
    assert b"root:" not in body and b"base_url" not in body
    assert headers["content-type"].startswith("text/html")
    assert b"<title>" in body and b"dossier-live" in body   # the site's own 404 page


def test_a_symbolic_link_out_of_the_tree_is_not_followed(served: Served,
                                                         tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("a secret outside the site", encoding="utf-8")
    link = Path(served.log_path.parent, "example/.dossier-cache/serve/leak.txt")
    link.symlink_to(secret)
    try:
        status, _, body = request(served, "/east-asia/leak.txt")
        assert status == 404 and b"a secret" not in body
    finally:
        link.unlink()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_only_get_and_head(served: Served, method: str) -> None:
    status, _, _ = request(served, "/east-asia/", method)
    assert status == 501


def test_head_matches_get_for_pages_with_the_script_added(served: Served) -> None:
    status, headers, _ = request(served, "/east-asia/about/", "HEAD")
    _, get_headers, body = request(served, "/east-asia/about/")
    assert status == 200
    assert int(headers["content-length"]) == len(body) == int(get_headers["content-length"])
    assert body.count(b"data-dossier-live") == 1


def test_the_live_endpoint_takes_nothing_to_the_file_system(served: Served) -> None:
    status, _, _ = request(served, "/__dossier/live")          # not a WebSocket
    assert status == 404
    status, _, _ = request(served, "/__dossier/../config.yaml")
    assert status == 404
    status, _, _ = request(served, "/__dossier/style.css")
    assert status == 404
    host, port = served.origin.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /__dossier/live?epoch=../../etc/passwd&run=%2e%2e HTTP/1.1\r\n"
                      f"Host: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                     .encode())
        answer = b""
        while b"}" not in answer:
            chunk = sock.recv(65536)
            assert chunk, answer
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 101")
    # a tab it cannot place is told everything may have changed: it checks its own page
    assert b'"urls":null' in answer and b"root:" not in answer


def test_the_script_is_served(served: Served) -> None:
    status, headers, body = request(served, "/__dossier/livereload.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert b"WebSocket" in body


def test_build_output_has_no_live_reload(tmp_path: Path) -> None:
    from tests.helpers import dossier

    site = copy_site("example", tmp_path)
    assert dossier("build", cwd=site).code == 0
    assert not [p for p in (site / "public").rglob("*.html")
                if b"/__dossier/" in p.read_bytes() or b"dossier-live" in p.read_bytes()]


def test_a_port_in_use_is_one_line_and_exit_2_before_building(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        done = subprocess.run(serve_args("--port", str(port)), cwd=site, capture_output=True,
                              text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"port {port}" in lines[0] and "in use" in lines[0], done.stderr
    assert "Traceback" not in done.stderr
    assert not (site / ".dossier-cache/serve").exists()     # nothing was built
    assert time.monotonic() - started < 30


def test_port_0_and_the_network_warning(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    with serving(site, "--host", "0.0.0.0") as running:
        text = running.log()
        assert "any free port was asked for" in text
        assert "visible to every machine on the network" in text
        assert running.origin.startswith("http://127.0.0.1:")


def test_open_starts_the_browser_at_the_site(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n', encoding="utf-8")
    browser.chmod(0o755)
    with serving(site, "--open", browser=str(browser)) as running:
        wait_until(lambda: opened.exists() and opened.read_text().strip(), timeout=20)
        assert opened.read_text().strip() == running.url


def test_a_failed_first_build_serves_a_page_that_recovers(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    source = site / ARTICLE
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("title:", "title: [unclosed", 1), encoding="utf-8")
    with serving(site) as running:
        assert "Build failed" in running.log()
        status, _, body = request(running, "/east-asia/")
        assert status == 503 and b"data-dossier-live" in body
        source.write_text(good, encoding="utf-8")
        running.wait_for(r" rendered, ")
        status, _, body = request(running, "/east-asia/")
        assert status == 200 and b"Camp David" in body


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def test_ctrl_c_stops_cleanly_leaving_no_process(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    with serving(site) as running:
        children = _children(running.process.pid)
        assert children, "the server process"
        running.process.send_signal(signal.SIGINT)
        assert running.process.wait(15) == 0
        assert "Traceback" not in running.log()
    wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in children),
               timeout=10)


def test_head_answers_as_get_does(served: Served) -> None:
    status, headers, _ = request(served, "/", "HEAD")
    assert status == 302 and headers["location"] == "/east-asia/"
    status, _, _ = request(served, "/__dossier/livereload.js", "HEAD")
    assert status == 200


def _upgrade(served: Served, extra: str) -> bytes:
    host, port = served.origin.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /__dossier/live HTTP/1.1\r\nHost: {host}:{port}\r\n"
                      f"Upgrade: websocket\r\nConnection: Upgrade\r\n{extra}"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                     .encode())
        return sock.recv(65536)


def test_another_sites_page_cannot_listen(served: Served) -> None:
    assert _upgrade(served, "Origin: https://evil.example\r\n").startswith(b"HTTP/1.1 404")
    assert _upgrade(served, f"Origin: {served.origin}\r\n").startswith(b"HTTP/1.1 101")


def test_a_host_name_of_another_machine_is_refused_dns_rebinding(served: Served) -> None:
    status, _, body = request(served, "/east-asia/", headers={"Host": "attacker.example"})
    assert status == 403 and b"<html" not in body
    for name in ("localhost", "127.0.0.1", "app.localhost"):
        status, _, _ = request(served, "/east-asia/", headers={"Host": f"{name}:8000"})
        assert status == 200, name


def test_a_new_base_url_path_is_served_at_once(tmp_path: Path) -> None:
    site = copy_site("example", tmp_path)
    with serving(site) as running:
        config = site / "config.yaml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "example.github.io/east-asia/", "example.github.io/other/"), encoding="utf-8")
        running.wait_for(r"base_url's path is now /other/")
        status, _, body = request(running, "/other/")
        assert status == 200 and b'href="/other/' in body
        status, _, _ = request(running, "/east-asia/")
        assert status == 404
        status, headers, _ = request(running, "/")
        assert headers.get("location") == "/other/"
