"""What the synthetic works hang on (archives, fonds, files, people, journals), the
vocabulary they are drawn from, and the helpers that turn an instance into a row."""

import datetime as dt
import itertools
import random

from django.db.models import Max

from ..models import (
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


def columns_of(model):
    return [f for f in model._meta.concrete_fields]


def as_row(obj):
    return tuple(getattr(obj, f.attname) for f in columns_of(type(obj)))


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
