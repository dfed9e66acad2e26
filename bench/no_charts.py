"""`dossier` with the charts left out (bench/charts_serve.py's baseline): the views
that feed the charts give nothing, so the pages render as if there were none.

    python3 bench/no_charts.py serve --port 0
"""

from __future__ import annotations

import sys

from dossier.site import viewmodel

viewmodel.activity = lambda *a, **k: ()  # type: ignore[assignment]
viewmodel.network_view = lambda *a, **k: None  # type: ignore[assignment]

if __name__ == "__main__":
    from dossier.cli import main

    sys.exit(main())
