"""`dossier import`: copied wire text into articles (the first, plain version).

The form it reads: a headline line, a standfirst paragraph, optional photo
captions carrying an agency credit (``REUTERS/Name``), then the story; trailing
page furniture such as "Read Comments" is dropped.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from dossier.content.slugs import slugify

AGENCIES = {"REUTERS": "Reuters", "AFP": "AFP", "AP": "AP", "KYODO": "Kyodo", "YONHAP": "Yonhap",
            "XINHUA": "Xinhua", "BLOOMBERG": "Bloomberg", "EPA": "EPA"}
_CREDIT = re.compile(r"\b(REUTERS|AFP|AP|KYODO|YONHAP|XINHUA|BLOOMBERG|EPA)/([^.\n]+?)\s*$")
_SOFT_CREDIT = re.compile(r"Credit:\s*\w+/.+$")
_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                   r"November|December) (\d{1,2}), (\d{4})\b")
_DATELINE = re.compile(r"^([A-Z][A-Za-z .'-]{1,40}):\s+")
_FURNITURE = {"read comments", "comments", "share", "advertisement", "related coverage"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


@dataclass(frozen=True)
class Imported:
    front: dict[str, object]
    body: str


def _title_case(text: str) -> str:
    return text.strip()


def parse_wire(text: str) -> Imported:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    paragraphs = [p for p in paragraphs if p.lower() not in _FURNITURE]
    if not paragraphs:
        raise ValueError("no text")
    title = _title_case(paragraphs.pop(0))
    front: dict[str, object] = {"title": title}
    summary = paragraphs.pop(0) if paragraphs else ""
    body: list[str] = []
    image: dict[str, str] = {}
    for paragraph in paragraphs:
        credit = _CREDIT.search(paragraph)
        if credit:
            agency = AGENCIES[credit.group(1)]
            front.setdefault("source", {"name": agency})
            if not image:
                # no picture file comes with copied text: keep its caption and credit
                image = {"caption": paragraph[:credit.start()].strip(),
                         "credit": f"{credit.group(2).strip()}/{agency}"}
                date = _DATE.search(paragraph)
                if date:
                    month = _MONTHS.index(date.group(1)) + 1
                    front["date"] = f"{date.group(3)}-{month:02d}-{int(date.group(2)):02d}"
            continue
        if _SOFT_CREDIT.search(paragraph):
            continue
        if not body:
            dateline = _DATELINE.match(paragraph)
            if dateline:
                front["location"] = dateline.group(1)
                paragraph = paragraph[dateline.end():]
        body.append(paragraph)
    if summary:
        front["summary"] = summary
    if image:
        front["image"] = image
    return Imported(front, "\n\n".join(body) + "\n")


def import_files(root: Path, files: list[Path], force: bool = False) -> int:
    status = 0
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
            item = parse_wire(text)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            print(f"{file}:1: file: cannot import: {exc}", file=sys.stderr)
            status = 1
            continue
        front = dict(item.front)
        front.setdefault("date", "2000-01-01")
        if "source" in front:
            front["full_text"] = False
        slug = slugify(str(front["title"]))
        if len(slug) > 60:
            slug = slug[:60].rsplit("-", 1)[0]
        day = str(front["date"])
        target = root / "content" / "articles" / day[:4] / f"{day}-{slug}.md"
        if target.exists() and not force:
            print(f"{target.relative_to(root)}:1: file: exists; use --force to overwrite",
                  file=sys.stderr)
            status = 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
        target.write_text(f"---\n{header}---\n\n{item.body}", encoding="utf-8")
        print(f"Imported {file} -> {target.relative_to(root)}")
    return status
