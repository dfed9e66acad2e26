"""`dossier import`: saved news pages and copied wire text into articles.

One module per job: ``inputs`` gathers and decodes what the user named, ``wire``
reads copied text, ``htmlmeta`` and ``htmlbody`` read saved pages, ``compose``
turns a draft into an article file, ``duplicates`` finds an article already
imported, ``report`` says what happened, and ``run`` ties them together.
"""
