"""The catalogue: works, the people who made them, and the archival holdings they come from.

The archival hierarchy is real rows (archive › fond › inventory › [folder] › file), so
that an editor corrects a fond's title once. An archival document is a Work of kind
`archival_document` with one or more ArchivalLocations (a file and its folios).
A reference list is a set of Citations from the citing work, each with its number and
the reference as printed, garbles included.

Every model keeps its history (django-simple-history: who, when, each field's old and
new value, revert from the admin). It was chosen over writing our own audit trail, and
over django-reversion, because it stores one row per change with plain columns that
can be diffed field by field, and because it skips loaddata's raw saves, so loading the
fixtures does not fill the history with noise.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .archival import NUMBER_MAX_LENGTH, natural_key, parse_folios, validate_number
from .folding import fold, normalise, sort_key
from .querysets import ArchivalFileQuerySet, WorkQuerySet

# A word and the initials after it (`Luzyanin S. G.`, `Лузянин С.Г.`, `Zhukov G.K.`).
_PRINTED_NAME = re.compile(r"(\w[\w'’-]*)((?:\s*\w{1,2}\.)*)")


def _url(name, *args):
    """reverse(name, args=args), or None where no URL can carry an argument: an archival
    number with a slash, saved before the rule (archival.number_problem). The page then
    shows the unit as text, where it was a failed page (issue 23: `f. 33987/2`)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _label(choices, value):
    """The label of `value` among `choices` (a TextChoices), or the value itself."""
    try:
        return choices(value).label
    except ValueError:
        return value


class SlugManager(models.Manager):
    """For records whose natural key is their slug (archives, people, periodicals)."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Language(models.Model):
    code = models.CharField(
        max_length=3, unique=True, help_text="ISO 639-1 code, lower case: ru, mn, en."
    )
    name_en = models.CharField("name (English)", max_length=100)
    name_ru = models.CharField("name (Russian)", max_length=100, blank=True)

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, code):
            return self.get(code=code)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]

    def __str__(self):
        return self.name_en

    def natural_key(self):
        return (self.code,)


class Archive(models.Model):
    slug = models.SlugField(
        unique=True,
        help_text="The standard Latin abbreviation, lower case, spaces as hyphens: rgaspi, avp-rf. "
        "It is part of every link to the archive: do not change it lightly.",
    )
    abbreviation = models.CharField(max_length=40, help_text="Latin abbreviation: RGASPI, AVP RF.")
    abbreviation_ru = models.CharField(
        "abbreviation (Russian)", max_length=40, blank=True, help_text="РГАСПИ, АВП РФ."
    )
    name_en = models.CharField("name (English)", max_length=300, blank=True)
    name_ru = models.CharField("name (original)", max_length=300, blank=True)
    city = models.CharField(max_length=100, blank=True)
    uses_folders = models.BooleanField(
        default=False,
        help_text="Tick if the archive puts a folder (папка) between inventory and file, "
        "as AVP RF does.",
    )
    website = models.URLField(blank=True)
    note = models.TextField(blank=True)
    search_key = models.TextField(editable=False, default="")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["abbreviation"]

    def __str__(self):
        return self.abbreviation

    def get_absolute_url(self):
        return _url("catalogue:archive-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    def derive_fields(self):
        self.search_key = fold(
            " ".join([self.abbreviation, self.abbreviation_ru, self.name_en, self.name_ru])
        )


class ArchiveName(models.Model):
    """Another name of an archive: a Cyrillic abbreviation, a translation, a former name."""

    class Kind(models.TextChoices):
        ABBREVIATION = "abbreviation", _("abbreviation")
        NAME = "name", _("name")
        FORMER_ABBREVIATION = "former_abbreviation", _("former abbreviation")
        FORMER_NAME = "former_name", _("former name")

    archive = models.ForeignKey(Archive, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NAME)
    years = models.CharField(
        max_length=40, blank=True, help_text="When the name was in use, e.g. 1991–1999."
    )
    search_key = models.TextField(editable=False, default="")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, name):
            return self.get(archive__slug=archive_slug, name=name)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["archive", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["archive", "name"], name="catalogue_archivename_unique_name"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()} of {self.archive})"

    def natural_key(self):
        return (*self.archive.natural_key(), self.name)

    natural_key.dependencies = ["catalogue.archive"]

    def derive_fields(self):
        self.name = " ".join(self.name.split())
        self.search_key = fold(self.name)


class ArchivalUnit(models.Model):
    """What fonds, inventories, folders and files share: a number that is a string."""

    number = models.CharField(
        max_length=NUMBER_MAX_LENGTH,
        validators=[validate_number],
        help_text="As the archive writes it, letters and leading zeros included: 17, Р-9401, 06, 1а.",
    )
    title = models.CharField(max_length=500, blank=True)
    sort_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        abstract = True

    def derive_fields(self):
        self.number = self.number.strip()
        self.sort_key = natural_key(self.number)


class Fond(ArchivalUnit):
    archive = models.ForeignKey(Archive, on_delete=models.PROTECT, related_name="fonds")
    dates = models.CharField(max_length=100, blank=True, help_text="Covering dates, if known.")
    note = models.TextField(blank=True)

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, number):
            return self.get(archive__slug=archive_slug, number=number)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["archive", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["archive", "number"], name="catalogue_fond_unique_number"
            ),
            models.CheckConstraint(condition=~Q(number=""), name="catalogue_fond_number_given"),
            # A slash cannot be carried by the unit's URL (archival.number_problem).
            models.CheckConstraint(
                condition=~Q(number__contains="/"), name="catalogue_fond_number_no_slash"
            ),
        ]

    def __str__(self):
        return f"{self.archive} f. {self.number}"

    def get_absolute_url(self):
        return _url("catalogue:fond-detail", self.archive.slug, self.number)

    def natural_key(self):
        return (*self.archive.natural_key(), self.number)

    natural_key.dependencies = ["catalogue.archive"]


class Inventory(ArchivalUnit):
    fond = models.ForeignKey(Fond, on_delete=models.PROTECT, related_name="inventories")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, fond_number, number):
            return self.get(
                fond__archive__slug=archive_slug, fond__number=fond_number, number=number
            )

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "inventories"
        ordering = ["fond", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["fond", "number"], name="catalogue_inventory_unique_number"
            ),
            models.CheckConstraint(
                condition=~Q(number=""), name="catalogue_inventory_number_given"
            ),
            # A slash cannot be carried by the unit's URL (archival.number_problem).
            models.CheckConstraint(
                condition=~Q(number__contains="/"), name="catalogue_inventory_number_no_slash"
            ),
        ]

    def __str__(self):
        return f"{self.fond} op. {self.number}"

    def get_absolute_url(self):
        fond = self.fond
        return _url("catalogue:inventory-detail", fond.archive.slug, fond.number, self.number)

    def natural_key(self):
        return (*self.fond.natural_key(), self.number)

    natural_key.dependencies = ["catalogue.fond"]


class Folder(ArchivalUnit):
    """A folder (папка): AVP RF's level between inventory and file."""

    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="folders")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, fond_number, inventory_number, number):
            return self.get(
                inventory__fond__archive__slug=archive_slug,
                inventory__fond__number=fond_number,
                inventory__number=inventory_number,
                number=number,
            )

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["inventory", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "number"], name="catalogue_folder_unique_number"
            ),
            models.CheckConstraint(condition=~Q(number=""), name="catalogue_folder_number_given"),
            # A slash cannot be carried by the unit's URL (archival.number_problem).
            models.CheckConstraint(
                condition=~Q(number__contains="/"), name="catalogue_folder_number_no_slash"
            ),
        ]

    def __str__(self):
        return f"{self.inventory} p. {self.number}"

    def get_absolute_url(self):
        fond = self.inventory.fond
        return _url(
            "catalogue:folder-detail",
            fond.archive.slug,
            fond.number,
            self.inventory.number,
            self.number,
        )

    def natural_key(self):
        return (*self.inventory.natural_key(), self.number)

    natural_key.dependencies = ["catalogue.inventory"]


class ArchivalFile(ArchivalUnit):
    """A file (дело, единица хранения): the unit an archive issues and a citation names."""

    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="files")
    folder = models.ForeignKey(
        Folder,
        on_delete=models.PROTECT,
        related_name="files",
        null=True,
        blank=True,
        help_text="Only where the archive uses folders (AVP RF); it must be in the same inventory.",
    )
    dates = models.CharField(max_length=100, blank=True, help_text="Covering dates, if known.")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, fond_number, inventory_number, folder, number):
            return self.get(
                inventory__fond__archive__slug=archive_slug,
                inventory__fond__number=fond_number,
                inventory__number=inventory_number,
                folder__number=folder or None,
                number=number,
            )

    objects = NaturalManager.from_queryset(ArchivalFileQuerySet)()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "file"
        ordering = ["inventory", "folder__sort_key", "sort_key"]
        constraints = [
            # Two rules because NULL is never equal to NULL in a unique index.
            models.UniqueConstraint(
                fields=["inventory", "number"],
                condition=Q(folder__isnull=True),
                name="catalogue_file_unique_number",
            ),
            models.UniqueConstraint(
                fields=["folder", "number"],
                condition=Q(folder__isnull=False),
                name="catalogue_file_unique_number_in_folder",
            ),
            models.CheckConstraint(condition=~Q(number=""), name="catalogue_file_number_given"),
            # A slash cannot be carried by the unit's URL (archival.number_problem).
            models.CheckConstraint(
                condition=~Q(number__contains="/"), name="catalogue_file_number_no_slash"
            ),
        ]

    def __str__(self):
        folder = f" p. {self.folder.number}" if self.folder_id else ""
        return f"{self.inventory}{folder} d. {self.number}"

    def get_absolute_url(self):
        """Under its folder where it has one: `…/folders/100/files/38/`."""
        fond = self.inventory.fond
        args = [fond.archive.slug, fond.number, self.inventory.number]
        if self.folder_id:
            return _url("catalogue:folder-file-detail", *args, self.folder.number, self.number)
        return _url("catalogue:file-detail", *args, self.number)

    def get_folder_url(self):
        """The page of the file's folder, from the file's own inventory (no read of the
        folder's); None where it has no folder."""
        if not self.folder_id:
            return None
        fond = self.inventory.fond
        return _url(
            "catalogue:folder-detail",
            fond.archive.slug,
            fond.number,
            self.inventory.number,
            self.folder.number,
        )

    def natural_key(self):
        folder = self.folder.number if self.folder_id else ""
        return (*self.inventory.natural_key(), folder, self.number)

    natural_key.dependencies = ["catalogue.inventory", "catalogue.folder"]

    def clean(self):
        if self.folder_id and self.inventory_id and self.folder.inventory_id != self.inventory_id:
            raise ValidationError(
                {
                    "folder": f"Folder {self.folder.number} belongs to {self.folder.inventory}, "
                    f"not to {self.inventory}."
                }
            )
        duplicates = ArchivalFile.objects.filter(
            inventory_id=self.inventory_id, folder_id=self.folder_id, number=self.number.strip()
        ).exclude(pk=self.pk)
        if self.inventory_id and duplicates.exists():
            raise ValidationError({"number": f"{self.inventory} already has a file {self.number}."})


class Person(models.Model):
    """An author or editor: a person, or a collective or publisher named in their place."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("collective or publisher")

    slug = models.SlugField(
        max_length=120, unique=True, help_text="Part of the person's link: zhukov-g-k."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(
        max_length=200, help_text="Family name of a person, or the full name of a collective."
    )
    given_names = models.CharField(
        max_length=200, blank=True, help_text="Given names or initials: G. K., Yu. M."
    )
    name_original = models.CharField(
        "name in original script",
        max_length=300,
        blank=True,
        help_text="As the person wrote it (Жуков Г. К.). Leave empty unless certain.",
    )
    orcid = models.CharField("ORCID", max_length=19, blank=True)
    note = models.TextField(blank=True)
    search_key = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=255, editable=False, default="")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="catalogue_person_name_given"),
        ]

    def __str__(self):
        return f"{self.name} {self.given_names}".strip()

    def get_absolute_url(self):
        return _url("catalogue:person-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    def names_as_printed(self):
        """The spellings of this person's name in the references that cite their works.

        A word of a printed reference whose folded form is the folded family name, with
        the initials after it: `Luzyanin S. G.`, `Лузянин С.Г.`. For people only; a
        collective's name is too varied to find this way. One query.
        """
        family = fold(self.name)
        if self.kind != self.Kind.PERSON or not family or " " in family:
            return []
        texts = (
            Citation.objects.filter(cited__contributions__person=self)
            .values_list("text_as_printed", flat=True)
            .distinct()
        )
        found = {}
        for text in texts:
            for match in _PRINTED_NAME.finditer(text):
                if fold(match.group(1)) == family:
                    name = " ".join(match.group().split()).rstrip(",; ")
                    found.setdefault(normalise(name), name)
        return sorted(found.values(), key=sort_key)

    def derive_fields(self):
        self.search_key = fold(f"{self.name} {self.given_names} {self.name_original}")
        self.sort_key = sort_key(f"{self.name} {self.given_names}")


class Periodical(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300, help_text="As cited in Latin script: Vostok.")
    title_original = models.CharField(
        "title in original script", max_length=300, blank=True, help_text="Восток. Only if certain."
    )
    issn = models.CharField("ISSN", max_length=9, blank=True)
    search_key = models.TextField(editable=False, default="")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def derive_fields(self):
        self.search_key = fold(f"{self.title} {self.title_original}")


class Work(models.Model):
    """A published work or an archival document, as a corrected catalogue record."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("journal article")
        BOOK = "book", _("book")
        EDITED_VOLUME = "edited_volume", _("edited volume")
        CHAPTER = "chapter", _("chapter")
        DOCUMENT_COLLECTION = "document_collection", _("document collection")
        COLLECTED_WORKS = "collected_works", _("collected works")
        MEMOIR = "memoir", _("memoir")
        ARCHIVAL_DOCUMENT = "archival_document", _("archival document")
        OTHER = "other", _("other")

    key = models.SlugField(
        "citation key",
        max_length=120,
        unique=True,
        help_text="A short stable key, as in BibTeX: zhukov1974. Used in exports and imports.",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(
        max_length=1000,
        help_text="The title as catalogued, in English where the work was cited so.",
    )
    title_original = models.CharField(
        "title in original script",
        max_length=1000,
        blank=True,
        help_text="In the work's own script (Воспоминания и размышления). Leave empty unless certain.",
    )
    title_transliterated = models.CharField("transliterated title", max_length=1000, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Year of publication; for a document, only if known."
    )
    date = models.CharField(
        max_length=100, blank=True, help_text="Date of a document as known: 1939-05-20, May 1939."
    )
    periodical = models.ForeignKey(
        Periodical, on_delete=models.PROTECT, null=True, blank=True, related_name="works"
    )
    volume = models.CharField(max_length=40, blank=True)
    issue = models.CharField(max_length=40, blank=True)
    pages = models.CharField(
        max_length=40, blank=True, help_text="Pages of a published work: 45-49."
    )
    series = models.CharField(max_length=200, blank=True)
    part_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text="The volume a chapter or a document was published in, if catalogued.",
    )
    container_title = models.CharField(
        max_length=500, blank=True, help_text="The volume it appeared in, if not catalogued."
    )
    publisher = models.CharField(max_length=300, blank=True)
    place = models.CharField("place of publication", max_length=200, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="works")
    doi = models.CharField("DOI", max_length=200, blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    note = models.TextField(blank=True, help_text="A public note on the work.")
    contributors = models.ManyToManyField(Person, through="Contribution", related_name="works")
    cites = models.ManyToManyField(
        "self", through="Citation", symmetrical=False, related_name="cited_by"
    )
    search_key = models.TextField(editable=False, default="")
    # The three title forms folded alone, so that search ranks a title match above a match
    # in a note or a publisher (catalogue/search.py). On PostgreSQL migration 0004 also
    # keeps a generated `search_vector` column, outside the model, built from it.
    title_key = models.TextField(
        editable=False,
        default="",
        help_text="The title, original title and transliterated title folded for search.",
    )
    sort_title = models.CharField(max_length=255, editable=False, default="")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = WorkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"], condition=~Q(doi=""), name="catalogue_work_unique_doi"
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1, year__lte=2100),
                name="catalogue_work_year_plausible",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="catalogue_work_title_given"),
        ]
        indexes = [
            # The year range filter and the year sort of /works/.
            models.Index(fields=["year"], name="catalogue_work_year_idx"),
            # The kind facet and filter.
            models.Index(fields=["kind"], name="catalogue_work_kind_idx"),
            # /works/ and the admin changelist in their default order (title, then id):
            # the first page of a million works is an index scan that stops after 25 rows.
            models.Index(fields=["sort_title", "id"], name="catalogue_work_sort_idx"),
        ]

    def __str__(self):
        return self.title if self.year is None else f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return _url("catalogue:work-detail", self.pk)

    def natural_key(self):
        return (self.key,)

    @property
    def is_archival(self):
        return self.kind == self.Kind.ARCHIVAL_DOCUMENT

    @property
    def kind_label(self):
        """get_kind_display(), a tenth of its cost: that rebuilds the whole choice list on
        each call, 25 times a works page (110 µs against 11)."""
        return _label(self.Kind, self.kind)

    def clean(self):
        if self.doi:
            self.doi = self.doi.strip().removeprefix("https://doi.org/").removeprefix("doi:")
            if Work.objects.filter(doi__iexact=self.doi).exclude(pk=self.pk).exists():
                raise ValidationError({"doi": f"Another work already has the DOI {self.doi}."})
        if self.part_of_id and self.part_of_id == self.pk:
            raise ValidationError({"part_of": "A work cannot be part of itself."})

    def derive_fields(self):
        self.search_key = fold(
            " ".join(
                [
                    self.title,
                    self.title_original,
                    self.title_transliterated,
                    self.container_title,
                    self.publisher,
                    self.place,
                    self.series,
                    self.note,
                ]
            )
        )
        self.title_key = fold(
            " ".join([self.title, self.title_original, self.title_transliterated])
        )
        self.sort_title = sort_key(self.title)


class Contribution(models.Model):
    """A person's part in a work, in the order the work names them."""

    class Role(models.TextChoices):
        AUTHOR = "author", _("author")
        EDITOR = "editor", _("editor")
        COMPILER = "compiler", _("compiler")
        TRANSLATOR = "translator", _("translator")

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="contributions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contributions")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(default=1, help_text="1 for the first named.")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, work_key, person_slug, role):
            return self.get(work__key=work_key, person__slug=person_slug, role=role)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["work", "role", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "person", "role"], name="catalogue_contribution_unique_role"
            ),
        ]
        indexes = [
            # /works/?author= and a person's page: the work ids of a person, index-only.
            models.Index(fields=["person", "work"], name="catalogue_contrib_person_idx"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()} of {self.work})"

    def natural_key(self):
        return (*self.work.natural_key(), *self.person.natural_key(), self.role)

    natural_key.dependencies = ["catalogue.work", "catalogue.person"]

    @property
    def role_label(self):
        """get_role_display(), without rebuilding the choice list (Work.kind_label)."""
        return _label(self.Role, self.role)


class ArchivalLocation(models.Model):
    """Where an archival document is: a file and the folios within it."""

    work = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="locations")
    file = models.ForeignKey(ArchivalFile, on_delete=models.PROTECT, related_name="locations")
    folios = models.CharField(
        max_length=60,
        blank=True,
        help_text="Folio numbers without the label: 73-74, 162, 1-15 об. (об. marks a verso).",
    )
    first_folio = models.PositiveIntegerField(null=True, blank=True, editable=False)
    last_folio = models.PositiveIntegerField(null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(
        default=1, help_text="1 for the first location a document is cited at."
    )

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, work_key, position):
            return self.get(work__key=work_key, position=position)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["work", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["work", "position"], name="catalogue_archivallocation_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(first_folio__isnull=True)
                | Q(last_folio__isnull=True)
                | Q(first_folio__lte=models.F("last_folio")),
                name="catalogue_archivallocation_folios_in_order",
            ),
        ]
        indexes = [
            # "Which documents cite folio N of this file": the file page sorts by folio.
            models.Index(fields=["file", "first_folio"], name="catalogue_location_folio_idx"),
            # /works/?archive= and the archive facet: file -> work ids without the table.
            models.Index(fields=["file", "work"], name="catalogue_location_work_idx"),
        ]

    def __str__(self):
        return f"{self.file}, {self.folios_english}" if self.folios else str(self.file)

    def natural_key(self):
        return (*self.work.natural_key(), self.position)

    natural_key.dependencies = ["catalogue.work", "catalogue.archivalfile"]

    @property
    def parsed_folios(self):
        return parse_folios(self.folios)

    @property
    def folios_english(self):
        parsed = self.parsed_folios
        return parsed.english() if parsed else self.folios

    @property
    def folios_russian(self):
        parsed = self.parsed_folios
        return parsed.russian() if parsed else self.folios

    def clean(self):
        if self.folios and self.parsed_folios is None:
            raise ValidationError(
                {"folios": f"Cannot read {self.folios!r} as folios: write 73-74, 162 or 1-15 об."}
            )

    def derive_fields(self):
        self.folios = " ".join(self.folios.split())
        parsed = self.parsed_folios
        self.first_folio = parsed.first if parsed else None
        self.last_folio = parsed.last if parsed else None


class Citation(models.Model):
    """One entry of a work's reference list: what it cites, under which number, as printed."""

    citing = models.ForeignKey(Work, on_delete=models.CASCADE, related_name="references")
    cited = models.ForeignKey(Work, on_delete=models.PROTECT, related_name="citations")
    number = models.PositiveSmallIntegerField(help_text="The number in the reference list.")
    text_as_printed = models.TextField(
        "reference as printed",
        help_text="Verbatim, errors included. Corrections belong in the record and the note.",
    )
    editorial_note = models.TextField(
        blank=True,
        help_text="What the catalogue record corrects in the printed reference, and why.",
    )
    search_key = models.TextField(editable=False, default="")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, citing_key, number):
            return self.get(citing__key=citing_key, number=number)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["citing", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["citing", "number"], name="catalogue_citation_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="catalogue_citation_number_positive"
            ),
            models.CheckConstraint(
                condition=~Q(citing=models.F("cited")), name="catalogue_citation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.citing.key} [{self.number}] → {self.cited.key}"

    def natural_key(self):
        return (*self.citing.natural_key(), self.number)

    natural_key.dependencies = ["catalogue.work"]

    def clean(self):
        if self.citing_id and self.citing_id == self.cited_id:
            raise ValidationError({"cited": "A work cannot cite itself."})

    def derive_fields(self):
        self.text_as_printed = " ".join(self.text_as_printed.split())
        self.search_key = fold(self.text_as_printed)


@receiver(pre_save)
def derive_fields(sender, instance, raw=False, **kwargs):
    """Keep search and sort keys in step with the text, on save, in the admin and in loaddata.

    A pre_save signal rather than save(), because loaddata saves raw and skips save().
    """
    if sender._meta.app_label == "catalogue" and hasattr(instance, "derive_fields"):
        instance.derive_fields()


# The change reason of a history row that records a record as it was before its first
# tracked change (loaddata saves raw and writes no history).
BASELINE = "as loaded, before its first recorded change"


@receiver(pre_save)
def keep_a_baseline(sender, instance, raw=False, **kwargs):
    """Before the first tracked change of a loaded record, record it as it was.

    loaddata writes no history, so without this the first edit of a seeded record would
    have nothing to be compared with, and its history could not say what changed.
    """
    history = getattr(sender, "history", None)
    if raw or instance._state.adding or sender._meta.app_label != "catalogue" or history is None:
        return
    if not history.filter(**{sender._meta.pk.attname: instance.pk}).exists():
        current = sender._default_manager.filter(pk=instance.pk).first()
        if current is not None:
            history.bulk_history_create([current], default_change_reason=BASELINE)
