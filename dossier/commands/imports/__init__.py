"""`dossier import`: saved news pages and copied wire text into articles.

One module per job: ``inputs`` gathers and decodes what the user named; ``wire``
reads copied text; saved pages go through ``htmlmeta`` (the head's metadata),
``htmlclean`` (furniture removed), ``htmlmain`` (where the article is),
``htmlfigures`` and ``htmlmarkdown`` (the body as Markdown), tied by ``htmlpage``;
``compose`` turns a draft into an article file, ``duplicates`` finds an article
already imported, ``report`` says what happened, ``run`` ties it all together and
``cli`` holds the command's options.
"""
