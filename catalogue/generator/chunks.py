"""The works of one chunk, with their languages, people, locations and citations: built
from plain numbers (a Skeleton's plan), so that worker processes can build chunks side by side."""

import itertools
import random

from ..models import ArchivalLocation, Citation, Contribution, Work
from .skeleton import (
    CHUNK,
    DE_WORDS,
    EN_WORDS,
    KINDS,
    LANGUAGES,
    PLACES,
    PREFIX,
    PUBLISHERS,
    RU_ADJ,
    RU_WORDS,
    STAMP,
    as_row,
    seed_for,
)


def _title(rng, language):
    if language == "ru":
        words = rng.sample(RU_WORDS, rng.randint(3, 7))
        words.insert(0, rng.choice(RU_ADJ))
        title = " ".join(words).capitalize()
    elif language == "de":
        title = " ".join(rng.sample(DE_WORDS, rng.randint(3, 5)))
    else:
        title = " ".join(rng.sample(EN_WORDS, rng.randint(3, 7))).capitalize()
    return f"{title} ({rng.randint(1900, 1990)})" if rng.random() < 0.3 else title


def build_chunk(plan, index, size):
    """The rows of works `index*CHUNK … +size`, with their languages, people, locations
    and citations: {model label: [row tuples in concrete-field order]}."""
    rng = random.Random(seed_for(plan["seed"], index))
    ids = plan["first_ids"]
    base = index * CHUNK
    first_work = ids["work"] + base
    # Each chunk owns a block of ids for every table, so chunks need not talk to each other.
    next_location = ids["location"] + base * 2
    next_contribution = ids["contribution"] + base * 3
    next_citation = ids["citation"] + base * 2
    next_language = ids["language"] + base * 2
    codes = list(LANGUAGES)
    kinds = [k for k, _ in KINDS]
    kind_cum = list(itertools.accumulate(w for _, w in KINDS))
    files_lo, files_hi = plan["file_ids"]
    person_lo, n_people = plan["person_ids"]
    periodical_lo, n_periodicals = plan["periodical_ids"]
    rows = {m: [] for m in ("work", "language", "contribution", "location", "citation")}
    through = Work.languages.through

    for offset in range(size):
        n = base + offset
        pk = first_work + offset
        language_index = rng.choices(range(len(codes)), cum_weights=plan["language_cum"])[0]
        code = codes[language_index]
        kind = rng.choices(kinds, cum_weights=kind_cum)[0]
        archival = kind == Work.Kind.ARCHIVAL_DOCUMENT
        title = _title(rng, code)
        work = Work(
            pk=pk,
            key=f"{PREFIX}{plan['seed']}-{n + 1}",
            kind=kind,
            title=title,
            title_original=_title(rng, "ru") if code == "en" and rng.random() < 0.2 else "",
            year=None if archival and rng.random() < 0.6 else rng.randint(1925, 2024),
            date=f"{rng.randint(1921, 1960)}-{rng.randint(1, 12):02d}" if archival else "",
            created=STAMP,
            updated=STAMP,
        )
        if kind == Work.Kind.ARTICLE:
            work.periodical_id = (
                periodical_lo
                + rng.choices(range(n_periodicals), cum_weights=plan["periodical_cum"])[0]
            )
            work.volume, work.issue = str(rng.randint(1, 60)), str(rng.randint(1, 12))
            first = rng.randint(1, 300)
            work.pages = f"{first}-{first + rng.randint(2, 30)}"
        elif kind in (Work.Kind.BOOK, Work.Kind.DOCUMENT_COLLECTION, Work.Kind.EDITED_VOLUME):
            work.place, work.publisher = rng.choice(PLACES), rng.choice(PUBLISHERS)
        work.derive_fields()
        languages, archives = set(), set()

        for lang in [plan["language_ids"][language_index]] + (
            [plan["language_ids"][rng.randrange(len(codes))]] if rng.random() < 0.05 else []
        ):
            if len(rows["language"]) and rows["language"][-1][1:] == (pk, lang):
                continue
            rows["language"].append(as_row(through(id=next_language, work_id=pk, language_id=lang)))
            languages.add(lang)
            next_language += 1

        if not archival or rng.random() < 0.1:
            chosen = set()
            for position in range(1, rng.choice((1, 1, 1, 2, 2, 3)) + 1):
                person = person_lo + rng.choices(range(n_people), cum_weights=plan["person_cum"])[0]
                if person in chosen:
                    continue
                chosen.add(person)
                contribution = Contribution(
                    id=next_contribution,
                    work_id=pk,
                    person_id=person,
                    position=position,
                    role=Contribution.Role.AUTHOR if rng.random() < 0.9 else "editor",
                )
                rows["contribution"].append(as_row(contribution))
                next_contribution += 1

        if archival:
            for position in range(1, (2 if rng.random() < 0.05 else 1) + 1):
                first = rng.randint(1, 400)
                folios = rng.choice(
                    (str(first), f"{first}-{first + rng.randint(1, 20)}", f"{first}-{first} об.")
                )
                location = ArchivalLocation(
                    id=next_location,
                    work_id=pk,
                    file_id=rng.randint(files_lo, files_hi),
                    folios=folios,
                    position=position,
                )
                location.derive_fields()
                rows["location"].append(as_row(location))
                archives.add(plan["file_archives"][location.file_id - files_lo])
                next_location += 1

        # The work's row ends with its facet arrays (0006), as the rebuild would compute
        # them: written with the work, they need no second pass over a million rows.
        rows["work"].append((*as_row(work), sorted(archives), sorted(languages)))

    # About one citation a work: a random work of this chunk cites a random earlier work.
    numbers = {}
    for _ in range(size):
        citing = first_work + rng.randrange(size)
        cited = ids["work"] + rng.randrange(max(1, base + size))
        if cited == citing:
            continue
        numbers[citing] = numbers.get(citing, 0) + 1
        citation = Citation(
            id=next_citation,
            citing_id=citing,
            cited_id=cited,
            number=numbers[citing],
            text_as_printed=f"Synthetic reference {cited - ids['work'] + 1}, no. {numbers[citing]}.",
        )
        citation.derive_fields()
        rows["citation"].append(as_row(citation))
        next_citation += 1
    return rows


# The tables of a chunk, in the order they are written (a row's foreign keys first).
CHUNK_MODELS = {
    "work": Work,
    "language": Work.languages.through,
    "contribution": Contribution,
    "location": ArchivalLocation,
    "citation": Citation,
}


def build(args):
    """build_chunk for Pool.imap, which passes one argument."""
    return build_chunk(*args)
