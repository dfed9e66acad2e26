"""The writing loop: `dossier serve`."""
