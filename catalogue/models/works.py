"""Works, their languages, who contributed to them, and where an archival document lies
(ArchivalLocation: a file and its folios). What a work cites is in citations.py."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..archival import parse_folios
from ..querysets import WorkQuerySet
from ..search.folding import fold, sort_key
from .archives import ArchivalFile
from .common import _label, _url
from .people import Periodical, Person


class Language(models.Model):
    code = models.CharField(
        _("code"), max_length=3, unique=True, help_text=_("ISO 639-1 code, lower case: ru, mn, en.")
    )
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, code):
            return self.get(code=code)

        def with_works(self):
            """The languages that have works, each with its `work_count`, most works first
            (the home page offers no language without works). Counted from the facet
            cells where the database keeps them: at a million works (PostgreSQL) 3-15 ms,
            where the one grouped query over every work's languages takes 600 ms."""
            from ..search import facet_cells

            if not facet_cells.available():
                return list(
                    self.annotate(work_count=models.Count("works"))
                    .filter(work_count__gt=0)
                    .order_by("-work_count", "name_en")
                )
            rows = facet_cells.facets(["language"], {})["language"]
            counts = {row["slug"]: row["count"] for row in rows if row["count"] > 0}
            languages = list(self.filter(code__in=counts))
            for language in languages:
                language.work_count = counts[language.code]
            return sorted(languages, key=lambda language: (-language.work_count, language.name_en))

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name_en"]

    def __str__(self):
        return self.name_en

    def natural_key(self):
        return (self.code,)


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
        NEWSPAPER = "newspaper", _("newspaper article")
        WEBPAGE = "webpage", _("web page")
        THESIS = "thesis", _("thesis")
        ARCHIVAL_DOCUMENT = "archival_document", _("archival document")
        OTHER = "other", _("other")

    key = models.SlugField(
        _("citation key"),
        max_length=120,
        unique=True,
        help_text=_("A short stable key, as in BibTeX: zhukov1974. Used in exports and imports."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(
        _("title"),
        max_length=1000,
        help_text=_("The title as catalogued, in English where the work was cited so."),
    )
    title_original = models.CharField(
        pgettext_lazy("a field", "title in original script"),
        max_length=1000,
        blank=True,
        help_text=_(
            "In the work's own script (Воспоминания и размышления). Leave empty unless certain."
        ),
    )
    title_transliterated = models.CharField(_("transliterated title"), max_length=1000, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"),
        null=True,
        blank=True,
        help_text=_("Year of publication; for a document, only if known."),
    )
    date = models.CharField(
        _("date"),
        max_length=100,
        blank=True,
        help_text=_("Date of a document as known: 1939-05-20, May 1939."),
    )
    periodical = models.ForeignKey(
        Periodical,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="works",
        verbose_name=_("periodical"),
    )
    volume = models.CharField(_("volume"), max_length=40, blank=True)
    issue = models.CharField(_("issue"), max_length=40, blank=True)
    pages = models.CharField(
        _("pages"), max_length=40, blank=True, help_text=_("Pages of a published work: 45-49.")
    )
    series = models.CharField(_("series"), max_length=200, blank=True)
    part_of = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        help_text=_("The volume a chapter or a document was published in, if catalogued."),
    )
    container_title = models.CharField(
        _("container title"),
        max_length=500,
        blank=True,
        help_text=_("The volume it appeared in, if not catalogued."),
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    place = models.CharField(_("place of publication"), max_length=200, blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="works", verbose_name=_("languages")
    )
    doi = models.CharField("DOI", max_length=200, blank=True)
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    url = models.URLField("URL", max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("A public note on the work."))
    contributors = models.ManyToManyField(Person, through="Contribution", related_name="works")
    cites = models.ManyToManyField(
        "self", through="Citation", symmetrical=False, related_name="cited_by"
    )
    search_key = models.TextField(editable=False, default="")
    # The three title forms folded alone, so that search ranks a title match above a match
    # in a note or a publisher (catalogue/search/ranking.py). On PostgreSQL migration 0004 also
    # keeps a generated `search_vector` column, outside the model, built from it.
    title_key = models.TextField(
        editable=False,
        default="",
        help_text=_("The title, original title and transliterated title folded for search."),
    )
    sort_title = models.CharField(max_length=255, editable=False, default="")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = WorkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
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

    work = models.ForeignKey(
        Work, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("work")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AUTHOR)
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("1 for the first named.")
    )

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, work_key, person_slug, role):
            return self.get(work__key=work_key, person__slug=person_slug, role=role)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
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
        # The admin's caption of an inline row: a sentence, so translated whole.
        return gettext("%(person)s (%(role)s of %(work)s)") % {
            "person": self.person,
            "role": self.get_role_display(),
            "work": self.work,
        }

    def natural_key(self):
        return (*self.work.natural_key(), *self.person.natural_key(), self.role)

    natural_key.dependencies = ["catalogue.work", "catalogue.person"]

    @property
    def role_label(self):
        """get_role_display(), without rebuilding the choice list (Work.kind_label)."""
        return _label(self.Role, self.role)


class ArchivalLocation(models.Model):
    """Where an archival document is: a file and the folios within it."""

    work = models.ForeignKey(
        Work, on_delete=models.CASCADE, related_name="locations", verbose_name=_("work")
    )
    file = models.ForeignKey(
        ArchivalFile, on_delete=models.PROTECT, related_name="locations", verbose_name=_("file")
    )
    folios = models.CharField(
        _("folios"),
        max_length=60,
        blank=True,
        help_text=_("Folio numbers without the label: 73-74, 162, 1-15 об. (об. marks a verso)."),
    )
    first_folio = models.PositiveIntegerField(null=True, blank=True, editable=False)
    last_folio = models.PositiveIntegerField(null=True, blank=True, editable=False)
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("1 for the first location a document is cited at.")
    )

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, work_key, position):
            return self.get(work__key=work_key, position=position)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("archival location")
        verbose_name_plural = _("archival locations")
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
