"""Score and time the reference parser on a labelled corpus of real citations.

    .venv/bin/python bench/parser.py [../shared/corpus/real-citations.jsonl]

Each corpus line is one note, read as `manage.py parse_references` reads a file (one
note a line, several references a note); the first archival reference of a note (else
its first) is compared with the note's `expected` labels, as the project's scorer does.
Prints the shares per field and whole archival rows, the published fields, and how many
references a second one core parses. Needs no database: the registry comes from
fixtures/archives.json.
"""

import json
import os
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpus" / "real-citations.jsonl"
# The archive as cited, or the archive that holds those records today.
SUCCESSOR = {
    "tskhsd": "rgani", "tsgaorsssr": "garf", "tsgarsfsr": "garf", "tsgvia": "rgvia",
    "tspa": "rgaspi", "rtskhidni": "rgaspi", "tsgasa": "rgva", "tsgva": "rgva",
    "lgaorss": "tsgaspb", "mpa": "tsaodm", "tsamorf": "tsamo",
}  # fmt: skip
LATIN = str.maketrans("РрАаОоСсЕеВвКкМмНнТтХхУу", "RrAaOoSsEeBbKkMmHhTtXxYy")
# The corpus's names of kinds and the parser's, read as one (journal article = article...).
KINDS = {
    "journalarticle": "article", "bookchapter": "chapter", "bookpart": "chapter",
    "collectedworks": "book", "memoir": "book", "monograph": "book",
    "newspaperarticle": "newspaper", "website": "webpage",
}  # fmt: skip
PAIRS = {"fond": "fond", "inventory": "opis", "folder": "papka", "file": "delo"}


def key(text):
    return re.sub(r"[^0-9a-z]", "", (text or "").lower())


def number(text):
    text = (text or "").translate(LATIN).lower().strip().rstrip(".")
    return re.sub(r"[\s\-–—]", "", text)


def folios(text):
    text = (text or "").lower().translate(LATIN)
    text = re.sub(r"\b(ll?|лл?|list|листы?)\.?\s*", "", text)
    text = re.sub(r"(об|ob|oб)\.?|(?<=\d)\s*v\b\.?", "v", text)
    return re.sub(r"[\s.]", "", re.sub(r"[–—−]", "-", text))


def fold(text):
    text = unicodedata.normalize("NFKD", str(text or "")).lower()
    return re.sub(r"[\W_]+", "", "".join(c for c in text if not unicodedata.combining(c)))


def archive_ok(expected, got):
    e, g = key(expected), key(got)
    return bool(g) and (g == e or g == SUCCESSOR.get(e, e) or SUCCESSOR.get(g) == e)


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ.setdefault("SECRET_KEY", "bench-parser-only-not-a-secret-0123456789")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from catalogue.citations import ArchiveRegistry

    return ArchiveRegistry.from_fixture(ROOT / "fixtures" / "archives.json")


def first_of_each_line(rows, parsed):
    by_line = {}
    for p in parsed:
        by_line.setdefault(p.line, []).append(p.as_dict())
    out = []
    for n in range(1, len(rows) + 1):
        got = by_line.get(n, [{}])
        out.append(next((g for g in got if g.get("is_archival")), got[0]))
    return out


def kind(name):
    folded = fold(name)
    return KINDS.get(folded, folded)


def score(rows, got):
    flag = sum(
        bool(g.get("is_archival")) == bool(r["expected"]["is_archival"])
        for r, g in zip(rows, got, strict=True)
    )
    fields = dict.fromkeys(("archive", "fond", "inventory", "folder", "file", "folios"), 0)
    published = {k: [0, 0] for k in ("kind", "title", "author", "year", "container")}
    whole = archival = 0
    for row, g in zip(rows, got, strict=True):
        e = row["expected"]
        if e["is_archival"]:
            archival += 1
            ok = {
                "archive": archive_ok(e["archive"], g.get("archive")) if e["archive"] else True,
                "folios": folios(e["folios"]) == folios(g.get("folios")),
            }
            for name, label in PAIRS.items():
                ok[name] = number(e[label]) == number(g.get(name))
            for name, value in ok.items():
                fields[name] += value
            whole += all(ok.values())
            continue
        authors = g.get("authors") or [""]
        checks = {
            "kind": (e.get("kind"), kind(e.get("kind")) == kind(g.get("kind"))),
            "title": (e.get("work_title"), fold(e.get("work_title")) == fold(g.get("title"))),
            "author": (
                e.get("authors"),
                bool(e.get("authors"))
                and fold(str(e["authors"][0]).split(",")[0].split()[-1]) in fold(authors[0]),
            ),
            "year": (e.get("year"), str(e.get("year")) == str(g.get("year") or "")),
            "container": (
                e.get("container"),
                fold(e.get("container")) == fold(g.get("container") or g.get("periodical")),
            ),
        }
        for name, (wanted, right) in checks.items():
            if wanted:
                published[name][0] += bool(right)
                published[name][1] += 1
    return flag, fields, whole, archival, published


def main(path=None):
    path = Path(path) if path else DEFAULT
    if not path.exists():
        print(f"no corpus at {path}: give the path of real-citations.jsonl as the argument")
        return 0
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    registry = setup()
    from catalogue.citations import parse_text

    text = "\n".join(row["citation"] for row in rows)
    parsed = parse_text(text, registry)
    got = first_of_each_line(rows, parsed)
    flag, fields, whole, archival, published = score(rows, got)
    print(f"corpus: {path.name}, {len(rows)} notes, {len(parsed)} references read")
    print(f"archival-or-not {flag / len(rows):.0%}")
    print("archival: " + "  ".join(f"{k} {v / archival:.0%}" for k, v in fields.items()))
    print(f"whole archival rows {whole / archival:.0%} ({whole}/{archival})")
    print(
        "published: "
        + "  ".join(f"{k} {a / b:.0%} (of {b})" for k, (a, b) in published.items() if b)
    )
    rounds, start = 0, time.process_time()
    while time.process_time() - start < 3 or rounds < 3:
        parse_text(text, registry)
        rounds += 1
    seconds = time.process_time() - start
    print(f"speed: {len(parsed) * rounds / seconds:,.0f} references a second (one core, CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
