"""dossier: a static site generator for curated news dossiers."""

__version__ = "0.1.0"
