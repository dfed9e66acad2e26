"""Writes relative-saved.mhtml: a page whose only date is relative ("2 days ago"),
saved by a browser as one web archive, whose Date header says when it was saved.
Run once; the output is committed."""

import quopri
from pathlib import Path

HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour wall repairs finished ahead of winter storms</title>
<meta property="og:site_name" content="Shoreline Today">
</head><body>
<div class="nav"><a href="/">Shoreline Today</a></div>
<div class="story">
<h1>Harbour wall repairs finished ahead of winter storms</h1>
<p class="when">Published 2 days ago &middot; By Cara Nolan</p>
<p>Repairs to the harbour wall have been finished a month early, before the autumn storms
that damaged it so badly last year.</p>
<p>Contractors replaced more than four hundred of the old granite blocks and filled the gaps
behind them with concrete, the harbour board said.</p>
<p>Fishing boats had been moored in the outer basin while the work was done, and will move
back to their usual berths at the weekend.</p>
<p>The board said the wall should now last another fifty years if it is checked after every
big storm.</p>
</div>
</body></html>
"""

body = quopri.encodestring(HTML.encode("utf-8")).decode("ascii")
boundary = "----MultipartBoundary--shoreline0002"
archive = f"""From: <Saved by a browser>
Snapshot-Content-Location: https://shoreline-today.example/news/harbour-wall-repairs-finished
Subject: Harbour wall repairs finished ahead of winter storms
Date: Tue, 14 May 2024 18:20:00 +0000
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="{boundary}"

--{boundary}
Content-Type: text/html
Content-ID: <frame-1@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://shoreline-today.example/news/harbour-wall-repairs-finished

{body}
--{boundary}--
"""
Path(__file__).with_name("relative-saved.mhtml").write_bytes(
    archive.replace("\n", "\r\n").encode())
