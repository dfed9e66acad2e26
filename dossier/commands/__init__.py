"""Commands beside the build: init and new, import, explain."""
