"""A synthetic catalogue for measuring Opis at scale: `manage.py generate_catalogue`.

Everything it makes is marked as synthetic: work, person and periodical keys start with
`gen-`, its archives are "Synthetic Regional Archive N" (slug `gen-regional-N`), and its
fonds are titled "Synthetic fond N". It reuses the real archives of fixtures/archives.json
when they are loaded, and the Language rows (creating missing codes).

Deterministic for a seed: the skeleton (archives, fonds, files, people, journals) comes from
`random.Random(seed)`, each chunk of works from its own Random seeded by (seed, chunk), so
the rows are the same whether the chunks are built in one process or several.

Derived columns (search keys, sort keys, folio numbers) are filled by each instance's
`derive_fields()`, exactly as the pre_save signal fills them; this is most of the cost
(fold() is ~0.3 ms a title), so on PostgreSQL the chunks are built in worker processes
and written with COPY.
"""

import datetime as dt
import itertools
import random
from multiprocessing import get_context

from django.db import connection, transaction
from django.db.models import Max

from .models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Contribution,
    Folder,
    Fond,
    Inventory,
    Language,
    Periodical,
    Person,
    Work,
)
from .search import facet_cells

PREFIX = "gen-"
CHUNK = 10_000
# One fixed timestamp, so two runs with one seed give the same rows.
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

LANGUAGES = {  # code: (English, Russian name, weight)
    "ru": ("Russian", "русский", 70),
    "en": ("English", "английский", 12),
    "mn": ("Mongolian", "монгольский", 6),
    "de": ("German", "немецкий", 4),
    "ja": ("Japanese", "японский", 3),
    "fr": ("French", "французский", 2),
    "zh": ("Chinese", "китайский", 2),
    "uk": ("Ukrainian", "украинский", 1),
}

RU_WORDS = (
    "история сотрудничество политика война армия граница договор переписка доклад "
    "записка отчёт совещание Монголия Маньчжурия Бурятия Сибирь Забайкалье Халхин-Гол "
    "Красная хозяйство колхоз промышленность торговля миссия посольство делегация "
    "революция партия правительство комитет культура школа экспедиция дипломатия "
    "оборона снабжение транспорт железная дорога кочевники скотоводство монастырь"
).split()
RU_ADJ = "советский монгольский военный политический экономический японский китайский".split()
EN_WORDS = (
    "history cooperation policy war army frontier treaty correspondence report memorandum "
    "meeting Mongolia Manchuria Buryatia Siberia Khalkhin Gol trade mission embassy "
    "delegation revolution party government committee culture expedition diplomacy "
    "defence supply railway nomads herding monastery Soviet Japanese Chinese Kwantung"
).split()
DE_WORDS = (
    "Geschichte Politik Krieg Grenze Vertrag Mongolei Mandschurei Handel Gesandtschaft".split()
)
SURNAMES = (
    "Иванов Петров Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков "
    "Алексеев Батуев Цыбиков Дашиев Жамсоев Namsrai Batbayar Tsend Dorj Suzuki Tanaka "
    "Smith Brown Müller Schmidt Lattimore Bawden Sanders Atwood"
).split()
INITIALS = "АБВГДЕИКЛМНОПСТЮЯ"
LATIN_INITIALS = "ABCDEGHJKLMNOPRSTW"
PLACES = ("Москва", "Улан-Удэ", "Новосибирск", "Иркутск", "Ulaanbaatar", "London", "Berlin")
PUBLISHERS = ("Наука", "Восточная литература", "Soyombo", "Routledge", "Brill")

KINDS = (  # kind, weight; archival documents are ~30 %
    (Work.Kind.ARCHIVAL_DOCUMENT, 30),
    (Work.Kind.ARTICLE, 35),
    (Work.Kind.BOOK, 15),
    (Work.Kind.CHAPTER, 8),
    (Work.Kind.DOCUMENT_COLLECTION, 4),
    (Work.Kind.EDITED_VOLUME, 3),
    (Work.Kind.MEMOIR, 3),
    (Work.Kind.OTHER, 2),
)


def zipf_weights(n, s=1.1):
    """Cumulative Zipf-like weights for n items: item 0 is the biggest."""
    return list(itertools.accumulate(1 / (i + 1) ** s for i in range(n)))


def _next_ids(*models):
    return {m: (m.objects.aggregate(m=Max("pk"))["m"] or 0) + 1 for m in models}


def _columns(model):
    return [f for f in model._meta.concrete_fields]


def _row(obj):
    return tuple(getattr(obj, f.attname) for f in _columns(type(obj)))


class Skeleton:
    """What works hang on: languages, archives, fonds, inventories, folders, files,
    people and journals. Built once, in the main process, and passed to the workers
    as plain ids and weights."""

    def __init__(self, works, seed):
        self.works, self.seed = works, seed
        self.rows = {}  # model -> list of instances to write

    def build(self):
        rng = random.Random(seed_for(self.seed, "skeleton"))
        ids = _next_ids(Archive, Fond, Inventory, Folder, ArchivalFile, Person, Periodical)
        languages = {lang.code: lang for lang in Language.objects.all()}
        new_languages = [
            Language(code=code, name_en=en, name_ru=ru)
            for code, (en, ru, _) in LANGUAGES.items()
            if code not in languages
        ]
        Language.objects.bulk_create(new_languages)
        languages = {lang.code: lang.pk for lang in Language.objects.all()}
        self.language_ids = [languages[c] for c in LANGUAGES]
        self.language_cum = list(itertools.accumulate(w for _, _, w in LANGUAGES.values()))

        real = list(Archive.objects.exclude(slug__startswith=PREFIX).order_by("pk"))
        synthetic = []
        for n in range(1, max(4, min(40, self.works // 25_000)) + 1):
            archive = Archive(
                pk=ids[Archive] + n - 1,
                slug=f"{PREFIX}regional-{n}",
                abbreviation=f"SRA {n}",
                name_en=f"Synthetic Regional Archive {n}",
                city="Nowhere",
                uses_folders=n % 7 == 0,
                note="Synthetic: made by generate_catalogue for performance tests.",
            )
            archive.derive_fields()
            synthetic.append(archive)
        self.rows[Archive] = synthetic
        archives = real + synthetic
        rng.shuffle(archives)  # which archive is the biggest: by seed

        n_fonds = max(10, self.works // 200)
        n_files = max(20, self.works * 3 // 10 // 3)  # about three documents a file
        fond_cum = zipf_weights(n_fonds, 1.0)
        archive_cum = zipf_weights(len(archives), 0.8)
        fonds, inventories, folders = [], [], []
        fond_inventories = []  # fond index -> [(inventory id, [folder ids])]
        for i in range(n_fonds):
            archive = rng.choices(archives, cum_weights=archive_cum)[0]
            fond = Fond(
                pk=ids[Fond] + i,
                archive_id=archive.pk,
                number=str(100_000 + i),
                title=f"Synthetic fond {i + 1}",
            )
            fond.derive_fields()
            fonds.append(fond)
            entries = []
            for j in range(rng.choice((1, 1, 1, 2, 3))):
                inventory = Inventory(
                    pk=ids[Inventory] + len(inventories), fond_id=fond.pk, number=str(j + 1)
                )
                inventory.derive_fields()
                inventories.append(inventory)
                folder_ids = []
                if archive.uses_folders:
                    for k in range(rng.randint(1, 5)):
                        folder = Folder(
                            pk=ids[Folder] + len(folders),
                            inventory_id=inventory.pk,
                            number=str(rng.randint(1, 400) * 10 + k),
                        )
                        folder.derive_fields()
                        folders.append(folder)
                        folder_ids.append(folder.pk)
                entries.append((inventory.pk, folder_ids))
            fond_inventories.append(entries)
        files, counters = [], {}
        for i in range(n_files):
            fond_index = rng.choices(range(n_fonds), cum_weights=fond_cum)[0]
            inventory_id, folder_ids = rng.choice(fond_inventories[fond_index])
            counters[inventory_id] = counters.get(inventory_id, 0) + 1
            number = str(counters[inventory_id]) + ("а" if rng.random() < 0.02 else "")
            file = ArchivalFile(
                pk=ids[ArchivalFile] + i,
                inventory_id=inventory_id,
                folder_id=rng.choice(folder_ids) if folder_ids else None,
                number=number,
                dates=f"{rng.randint(1920, 1960)}",
            )
            file.derive_fields()
            files.append(file)
        self.rows.update({Fond: fonds, Inventory: inventories, Folder: folders})
        self.rows[ArchivalFile] = files
        self.file_ids = (files[0].pk, files[-1].pk)
        # Each file's archive, by the file's place in `files`: a work's facet_archives.
        fond_archive = {fond.pk: fond.archive_id for fond in fonds}
        inventory_archive = {i.pk: fond_archive[i.fond_id] for i in inventories}
        self.file_archives = [inventory_archive[file.inventory_id] for file in files]

        people = []
        for i in range(max(20, self.works // 10)):
            surname = rng.choice(SURNAMES)
            latin = surname.isascii() or not surname[0].isalpha()
            letters = LATIN_INITIALS if latin else INITIALS
            person = Person(
                pk=ids[Person] + i,
                slug=f"{PREFIX}person-{i + 1}",
                name=f"{surname}-{i + 1}" if i >= len(SURNAMES) else surname,
                given_names=f"{rng.choice(letters)}. {rng.choice(letters)}.",
                kind=Person.Kind.PERSON if rng.random() < 0.97 else Person.Kind.ORGANISATION,
            )
            person.derive_fields()
            people.append(person)
        self.rows[Person] = people
        self.person_ids = (people[0].pk, len(people))
        self.person_cum = zipf_weights(len(people), 0.9)

        periodicals = []
        for i in range(max(5, min(2_000, self.works // 500))):
            words = rng.sample(RU_WORDS, 2)
            periodical = Periodical(
                pk=ids[Periodical] + i,
                slug=f"{PREFIX}journal-{i + 1}",
                title=f"Vestnik {rng.choice(EN_WORDS)} {i + 1}",
                title_original=f"Вестник: {' '.join(words)} {i + 1}",
            )
            periodical.derive_fields()
            periodicals.append(periodical)
        self.rows[Periodical] = periodicals
        self.periodical_ids = (periodicals[0].pk, len(periodicals))
        self.periodical_cum = zipf_weights(len(periodicals), 1.0)

        ids = _next_ids(Work, ArchivalLocation, Contribution, Citation, Work.languages.through)
        self.first_ids = {
            "work": ids[Work],
            "location": ids[ArchivalLocation],
            "contribution": ids[Contribution],
            "citation": ids[Citation],
            "language": ids[Work.languages.through],
        }
        return self

    def plan(self):
        """What a worker needs to build a chunk: picklable numbers only."""
        return {
            "seed": self.seed,
            "works": self.works,
            "first_ids": self.first_ids,
            "language_ids": self.language_ids,
            "language_cum": self.language_cum,
            "file_ids": self.file_ids,
            "file_archives": self.file_archives,
            "person_ids": self.person_ids,
            "person_cum": self.person_cum,
            "periodical_ids": self.periodical_ids,
            "periodical_cum": self.periodical_cum,
        }


def seed_for(seed, part):
    # A string seed is hashed with SHA-512 by random.Random: stable across processes.
    return f"opis-generate:{seed}:{part}"


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
            rows["language"].append(_row(through(id=next_language, work_id=pk, language_id=lang)))
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
                rows["contribution"].append(_row(contribution))
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
                rows["location"].append(_row(location))
                archives.add(plan["file_archives"][location.file_id - files_lo])
                next_location += 1

        # The work's row ends with its facet arrays (0006), as the rebuild would compute
        # them: written with the work, they need no second pass over a million rows.
        rows["work"].append((*_row(work), sorted(archives), sorted(languages)))

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
        rows["citation"].append(_row(citation))
        next_citation += 1
    return rows


_CHUNK_MODELS = {
    "work": Work,
    "language": Work.languages.through,
    "contribution": Contribution,
    "location": ArchivalLocation,
    "citation": Citation,
}


def _build(args):
    return build_chunk(*args)


# Columns of a table outside its model, after the model's in each row of build_chunk.
EXTRA_COLUMNS = {Work: ("facet_archives", "facet_languages")}


def write(model, rows):
    """Write rows (tuples in concrete-field order, then EXTRA_COLUMNS): COPY on
    PostgreSQL, bulk_create elsewhere (where the extra columns do not exist)."""
    if not rows:
        return
    fields = _columns(model)
    if connection.vendor == "postgresql":
        columns = ", ".join(
            [connection.ops.quote_name(f.column) for f in fields]
            + list(EXTRA_COLUMNS.get(model, ()))
        )
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        names = [f.attname for f in fields]
        model.objects.bulk_create(
            [model(**dict(zip(names, row[: len(names)], strict=True))) for row in rows],
            batch_size=500,
        )


def reset_sequences(models):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"coalesce(max(id), 1)) FROM {table}"
            )


def generate(works, seed, jobs=1, progress=print):
    """Generate `works` works (and all they hang on) for `seed`; returns the Skeleton."""
    with transaction.atomic():
        skeleton = Skeleton(works, seed).build()
        for model in (Archive, Fond, Inventory, Folder, ArchivalFile, Person, Periodical):
            write(model, [_row(obj) for obj in skeleton.rows[model]])
        progress(
            f"skeleton: {len(skeleton.rows[Archive])} synthetic archives, "
            f"{len(skeleton.rows[Fond])} fonds, {len(skeleton.rows[ArchivalFile])} files, "
            f"{len(skeleton.rows[Person])} people"
        )
    plan = skeleton.plan()
    tasks = [(plan, i, min(CHUNK, works - i * CHUNK)) for i in range(-(-works // CHUNK))]
    if jobs > 1 and len(tasks) > 1:
        # Workers only build rows (no database); forking shares Django's loaded state.
        connection.close()
        pool = get_context("fork").Pool(jobs)
        chunks = pool.imap(_build, tasks)
    else:
        pool, chunks = None, map(_build, tasks)
    done = 0
    try:
        # The facet cells are rebuilt once at the end rather than moved row by row, from
        # the arrays each work row carries.
        with facet_cells.triggers_off(arrays_written=True):
            for rows in chunks:
                with transaction.atomic():
                    for name in ("work", "language", "contribution", "location", "citation"):
                        write(_CHUNK_MODELS[name], rows[name])
                done += len(rows["work"])
                progress(f"works: {done:,} / {works:,}")
    finally:
        if pool:
            pool.close()
            pool.join()
    progress("facet cells rebuilt")
    reset_sequences(
        [
            Archive,
            Fond,
            Inventory,
            Folder,
            ArchivalFile,
            Person,
            Periodical,
            Language,
            *_CHUNK_MODELS.values(),
        ]
    )
    return skeleton
