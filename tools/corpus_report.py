#!/usr/bin/env python3
"""Print how exactly the citation parser reads the test corpus, part by part.

The corpus (tests/corpus/references.jsonl) holds references with what a historian
reads in them; this script parses each one and prints, for the archival parts
(archive, fond, inventory, folder, file, folios) and the published ones, the share
read exactly. No database is needed: the archive registry comes from
fixtures/archives.json.

The corpus format: one JSON object a line, {"citation": the reference as printed,
"expected": {...}}. `expected` holds what a historian reads in the reference, typed by
hand, never copied from the parser's output: `is_archival` always, the six archival
parts for an archival document (None where the reference has no such part), and for a
published work the fields worth checking. `unsure` lists fields the parser must mark as
doubtful; `n_locations` the number of files cited. Parts not given are not checked.
tests/corpus/seed.jsonl holds the seed's 25 references by number, with design.md's
coordinates.

Run from the project root: python tools/corpus_report.py   (-v lists every miss)
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "references.jsonl"
SEED = ROOT / "tests" / "corpus" / "seed.jsonl"
ARCHIVES = ROOT / "fixtures" / "archives.json"
ARCHIVAL_PARTS = ("archive", "fond", "inventory", "folder", "file", "folios")
PUBLISHED_PARTS = (
    "title", "authors", "editors", "year", "periodical", "volume", "issue", "pages",
    "publisher", "place", "language",
)  # fmt: skip


def load(path=CORPUS):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _same(part, got, expected):
    from catalogue.search.folding import fold

    if part == "title" and got and expected:
        return fold(got).rstrip(" .") == fold(expected).rstrip(" .")
    return got == expected


def mismatches(result, expected):
    """The parts whose parse differs from what the corpus expects: [(part, got, expected)]."""
    out = []
    for part, want in expected.items():
        if part == "unsure":
            missing = set(want) - {entry["field"] for entry in result["unsure"]}
            if missing:
                out.append(("unsure", sorted({e["field"] for e in result["unsure"]}), want))
        elif part == "n_locations":
            if len(result["locations"]) != want:
                out.append((part, len(result["locations"]), want))
        elif not _same(part, result.get(part), want):
            out.append((part, result.get(part), want))
    return out


def score(rows, registry, results=None):
    """{part: (exact, total)} over the rows that state the part, and the failures.

    `results` are parses already made (the seed is parsed as a whole list, whose
    language marks tell about the unmarked entries); otherwise each row is parsed alone.
    """
    from catalogue.citations import parse_reference

    counts, failures = {}, []
    for index, row in enumerate(rows):
        if results is not None:
            result = results[index]
        else:
            result = parse_reference(row["citation"], registry).as_dict()
        expected = row["expected"]
        wrong = mismatches(result, expected)
        failures += [(row["citation"], *miss) for miss in wrong]
        wrong_parts = {miss[0] for miss in wrong}
        parts = ARCHIVAL_PARTS if expected["is_archival"] else PUBLISHED_PARTS
        for part in ("is_archival", *parts):
            if part in expected:
                exact, total = counts.get(part, (0, 0))
                counts[part] = (exact + (part not in wrong_parts), total + 1)
    return counts, failures


def seed_results(registry):
    """The seed's reference list parsed as one list: (rows, results) in number order."""
    from catalogue.citations import parse_text

    text = (ROOT / "fixtures" / "sources" / "batunaev-2019.txt").read_text(encoding="utf-8")
    parsed = {p.number: p for p in parse_text(text, registry) if p.is_reference}
    rows = load(SEED)
    results = [parsed[row["number"]].as_dict() for row in rows]
    rows = [
        {"citation": r["citation"], "expected": row["expected"]}
        for row, r in zip(rows, results, strict=True)
    ]
    return rows, results


def setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    os.environ.setdefault("SECRET_KEY", "corpus-report-only-not-a-secret-0123456789")
    import django

    django.setup()
    from catalogue.citations import ArchiveRegistry

    return ArchiveRegistry.from_fixture(ARCHIVES)


def main():
    registry = setup()
    seed_rows, seed_parses = seed_results(registry)
    for label, data, results in (("corpus", load(), None), ("seed", seed_rows, seed_parses)):
        counts, failures = score(data, registry, results)
        archival = sum(1 for r in data if r["expected"]["is_archival"])
        print(f"{label}: {len(data)} references, {archival} archival; share parsed exactly:")
        for part, (exact, total) in counts.items():
            print(f"  {part:<12} {exact:>4}/{total:<4} {exact / total:6.1%}")
        if "-v" in sys.argv:
            for citation, part, got, want in failures:
                print(f"    {part}: got {got!r}, expected {want!r} in {citation[:90]!r}")


if __name__ == "__main__":
    main()
