"""Writes spanish-relative.mhtml: a Spanish page dated only "hace 3 horas", saved by a
browser as a web archive on 9 February 2025 at 11:00 UTC. Run once; the output is
committed."""

import quopri
from pathlib import Path

HTML = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<title>El mercado de abastos estrena horario de tarde</title>
</head><body>
<div class="cabecera"><a href="/">Diario del Puerto</a></div>
<div class="noticia">
<h1>El mercado de abastos estrena horario de tarde</h1>
<p class="firma">Lucía Ramos · hace 3 horas</p>
<p>El mercado de abastos abrirá también por las tardes de martes a viernes a partir del
mes que viene, después de que los comerciantes aprobaran el cambio en asamblea.</p>
<p>Los puestos abrirán de cinco a ocho y media, y el aparcamiento del mercado será gratuito
durante la primera hora para quienes compren en él.</p>
<p>La asociación de comerciantes espera atraer así a vecinos que trabajan por las mañanas y
que ahora hacen la compra en los supermercados de las afueras.</p>
<p>El horario se revisará dentro de seis meses.</p>
</div>
</body></html>
"""

body = quopri.encodestring(HTML.encode("utf-8")).decode("ascii")
boundary = "----MultipartBoundary--puerto0003"
archive = f"""From: <Saved by a browser>
Snapshot-Content-Location: https://diariodelpuerto.example/local/mercado-horario-tarde
Subject: El mercado de abastos estrena horario de tarde
Date: Sun, 9 Feb 2025 11:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="{boundary}"

--{boundary}
Content-Type: text/html
Content-ID: <frame-1@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://diariodelpuerto.example/local/mercado-horario-tarde

{body}
--{boundary}--
"""
Path(__file__).with_name("spanish-relative.mhtml").write_bytes(
    archive.replace("\n", "\r\n").encode())
