"""Reading content: discover files, split front matter, parse Markdown. Pure, per file."""
