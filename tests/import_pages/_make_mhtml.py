"""Writes saved-page.mhtml: a page saved by a browser as one web archive (MHTML),
its HTML quoted-printable, as Chromium saves it. Run once; the output is committed."""

import quopri
from pathlib import Path

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Typhoon shuts schools and grounds flights across the islands | Kestrel Wire</title>
<link rel="canonical" href="https://kestrelwire.example/world/asia/typhoon-shuts-schools-2024-09-02/">
<meta property="og:site_name" content="Kestrel Wire">
<meta property="article:published_time" content="2024-09-02T08:45:00+09:00">
<meta name="author" content="Rin Castellanos">
</head><body>
<nav class="main-nav"><a href="/world">World</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Typhoon shuts schools and grounds flights across the islands</h1>
<div class="article-body">
<p>NAHA (Kestrel Wire) - A slow-moving typhoon closed schools and grounded more than 200
flights across the southern islands on Monday, with forecasters warning of rainfall of up to
400 millimetres in some places over the next two days.</p>
<p>Ferry services between the main islands were suspended and power was cut to about 31,000
homes, the regional utility said, as gusts of up to 180 kilometres an hour brought down trees
and lines.</p>
<p>Local authorities opened 140 evacuation centres and urged residents of low-lying coastal
districts to move to higher ground before the storm's centre passes on Tuesday morning.</p>
<p>No deaths had been reported by Monday evening, although the fire service said it had
received dozens of calls about roofs and windows damaged by flying debris.</p>
</div>
<div class="share"><a href="#">Share on X</a></div>
</article>
<footer>&copy; 2024 Kestrel Wire. All rights reserved.</footer>
</body></html>
"""

body = quopri.encodestring(HTML.encode("utf-8")).decode("ascii")
boundary = "----MultipartBoundary--kestrel0001"
archive = f"""From: <Saved by a browser>
Snapshot-Content-Location: https://kestrelwire.example/world/asia/typhoon-shuts-schools-2024-09-02/
Subject: Typhoon shuts schools and grounds flights across the islands | Kestrel Wire
Date: Mon, 2 Sep 2024 10:00:00 +0900
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="{boundary}"

--{boundary}
Content-Type: text/html
Content-ID: <frame-1@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://kestrelwire.example/world/asia/typhoon-shuts-schools-2024-09-02/

{body}
--{boundary}
Content-Type: text/css
Content-Transfer-Encoding: quoted-printable
Content-Location: https://kestrelwire.example/static/site.css

body {{ font-family: serif; }}
--{boundary}--
"""
Path(__file__).with_name("saved-page.mhtml").write_bytes(archive.replace("\n", "\r\n").encode())
