"""Linking the whole site: mentions, dossier membership, references, aggregates."""
