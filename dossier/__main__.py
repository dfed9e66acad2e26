"""`python -m dossier`: a signal that arrives while the interpreter is still importing
the package stops as cleanly as one that arrives mid-build (exit 130, no traceback).
The process ends as :func:`dossier.cli.run` ends it (without freeing the site)."""

import signal
import sys


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


try:
    signal.signal(signal.SIGTERM, _terminated)
    from dossier.cli import leave, main

    status = main()
except KeyboardInterrupt:   # before dossier.cli could catch it
    exec("pass", {})   # see dossier.cli.forget_unhandled_interrupt
    sys.stderr.write("interrupted\n")
    status = 130
leave(status)
