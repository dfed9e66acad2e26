"""Writing the site: templates, files on disk, feeds, the search index."""
