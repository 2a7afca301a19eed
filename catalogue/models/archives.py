"""The archival hierarchy as real rows: archive › fond › inventory › [folder] › file, so that
an editor corrects a fond's title once. Numbers are strings as the archive writes them."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..archival import NUMBER_MAX_LENGTH, natural_key, validate_number
from ..querysets import ArchivalFileQuerySet
from ..search.folding import fold
from .common import SlugManager, _url

_CYRILLIC = re.compile("[\u0400-\u04ff]")


class ArchiveManager(SlugManager):
    def in_reading_order(self):
        """Archives by the abbreviation a reader sees, so that the Russian list runs
        АВП РФ, ГАРФ, РГАСПИ as an alphabet does (those with none recorded: by the Latin)."""
        if get_language() == "ru":
            return self.order_by(
                Coalesce(NullIf("abbreviation_ru", Value("")), "abbreviation"), "pk"
            )
        return self.order_by("abbreviation", "pk")

    def holding_documents(self):
        """Archives with at least one cited document: an EXISTS for each archive (4 ms at a
        million works, where DISTINCT over the join to every location took 1.7 s)."""
        from .works import ArchivalLocation

        located = ArchivalLocation.objects.filter(file__inventory__fond__archive=OuterRef("pk"))
        return self.filter(Exists(located))


class Archive(models.Model):
    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_(
            "The standard Latin abbreviation, lower case, spaces as hyphens: rgaspi, avp-rf. "
            "It is part of every link to the archive: do not change it lightly."
        ),
    )
    abbreviation = models.CharField(
        _("abbreviation"), max_length=40, help_text=_("Latin abbreviation: RGASPI, AVP RF.")
    )
    abbreviation_ru = models.CharField(
        _("abbreviation (Russian)"), max_length=40, blank=True, help_text="РГАСПИ, АВП РФ."
    )
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (original)"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    uses_folders = models.BooleanField(
        _("uses folders"),
        default=False,
        help_text=_(
            "Tick if the archive puts a folder (папка) between inventory and file, as AVP RF does."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    note = models.TextField(_("note"), blank=True)
    search_key = models.TextField(editable=False, default="")

    objects = ArchiveManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("archive")
        verbose_name_plural = _("archives")
        ordering = ["abbreviation"]

    def __str__(self):
        return self.abbreviation

    def get_absolute_url(self):
        return _url("catalogue:archive-detail", self.slug)

    def natural_key(self):
        return (self.slug,)

    # What a reader of the interface language sees. In Russian, РГАСПИ and the Cyrillic
    # name where they are recorded; otherwise (or where they are not) the Latin ones. The
    # other form is offered beside it, so that neither is lost to either reader.

    @property
    def display_abbreviation(self):
        if get_language() == "ru" and self.abbreviation_ru:
            return self.abbreviation_ru
        return self.abbreviation

    @property
    def other_abbreviation(self):
        """The abbreviation not shown as the main one, if it differs: RGASPI beside РГАСПИ."""
        shown = self.display_abbreviation
        return next((a for a in (self.abbreviation, self.abbreviation_ru) if a and a != shown), "")

    @property
    def display_name(self):
        """name_ru holds the archive's own name (Japanese for JACAR): shown to a Russian
        reader only where it is written in Cyrillic; the English name otherwise."""
        if get_language() == "ru" and _CYRILLIC.search(self.name_ru):
            return self.name_ru
        return self.name_en or self.name_ru

    @property
    def other_name(self):
        """The name not shown as the main one, if there is one: the original, or the English."""
        shown = self.display_name
        return next((n for n in (self.name_ru, self.name_en) if n and n != shown), "")

    @property
    def other_name_lang(self):
        """The lang attribute of other_name: "en" for the English name, "ru" for a Cyrillic
        one (as the pages always marked it), none where its language is not recorded."""
        other = self.other_name
        if other and other == self.name_en:
            return "en"
        return "ru" if _CYRILLIC.search(other) else ""

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

    archive = models.ForeignKey(
        Archive, on_delete=models.CASCADE, related_name="names", verbose_name=_("archive")
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NAME)
    years = models.CharField(
        _("years"),
        max_length=40,
        blank=True,
        help_text=_("When the name was in use, e.g. 1991–1999."),
    )
    search_key = models.TextField(editable=False, default="")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, name):
            return self.get(archive__slug=archive_slug, name=name)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("archive name")
        verbose_name_plural = _("archive names")
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


def number_rules(unit):
    """The database's rules for a unit's number: given, and without a slash, which the
    unit's URL cannot carry (archival.number_problem). Named catalogue_<unit>_number_…"""
    return [
        models.CheckConstraint(condition=~Q(number=""), name=f"catalogue_{unit}_number_given"),
        models.CheckConstraint(
            condition=~Q(number__contains="/"), name=f"catalogue_{unit}_number_no_slash"
        ),
    ]


class ArchivalUnit(models.Model):
    """What fonds, inventories, folders and files share: a number that is a string."""

    number = models.CharField(
        _("number"),
        max_length=NUMBER_MAX_LENGTH,
        validators=[validate_number],
        help_text=_(
            "As the archive writes it, letters and leading zeros included: 17, Р-9401, 06, 1а."
        ),
    )
    # "название" of a fond or a file, where a work has a "заглавие" (Work.title).
    title = models.CharField(
        pgettext_lazy("of an archival unit", "title"), max_length=500, blank=True
    )
    sort_key = models.CharField(max_length=255, editable=False, default="")

    class Meta:
        abstract = True

    def derive_fields(self):
        self.number = self.number.strip()
        self.sort_key = natural_key(self.number)


class Fond(ArchivalUnit):
    archive = models.ForeignKey(
        Archive, on_delete=models.PROTECT, related_name="fonds", verbose_name=_("archive")
    )
    dates = models.CharField(
        _("dates"), max_length=100, blank=True, help_text=_("Covering dates, if known.")
    )
    note = models.TextField(_("note"), blank=True)

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, number):
            return self.get(archive__slug=archive_slug, number=number)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fond")
        verbose_name_plural = _("fonds")
        ordering = ["archive", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["archive", "number"], name="catalogue_fond_unique_number"
            ),
            *number_rules("fond"),
        ]

    def __str__(self):
        return f"{self.archive} f. {self.number}"

    def get_absolute_url(self):
        return _url("catalogue:fond-detail", self.archive.slug, self.number)

    def natural_key(self):
        return (*self.archive.natural_key(), self.number)

    natural_key.dependencies = ["catalogue.archive"]


class Inventory(ArchivalUnit):
    fond = models.ForeignKey(
        Fond, on_delete=models.PROTECT, related_name="inventories", verbose_name=_("fond")
    )

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, archive_slug, fond_number, number):
            return self.get(
                fond__archive__slug=archive_slug, fond__number=fond_number, number=number
            )

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inventory")
        verbose_name_plural = _("inventories")
        ordering = ["fond", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["fond", "number"], name="catalogue_inventory_unique_number"
            ),
            *number_rules("inventory"),
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

    inventory = models.ForeignKey(
        Inventory, on_delete=models.PROTECT, related_name="folders", verbose_name=_("inventory")
    )

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
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        ordering = ["inventory", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["inventory", "number"], name="catalogue_folder_unique_number"
            ),
            *number_rules("folder"),
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

    inventory = models.ForeignKey(
        Inventory, on_delete=models.PROTECT, related_name="files", verbose_name=_("inventory")
    )
    folder = models.ForeignKey(
        Folder,
        verbose_name=_("folder"),
        on_delete=models.PROTECT,
        related_name="files",
        null=True,
        blank=True,
        help_text=_(
            "Only where the archive uses folders (AVP RF); it must be in the same inventory."
        ),
    )
    dates = models.CharField(
        _("dates"), max_length=100, blank=True, help_text=_("Covering dates, if known.")
    )

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
        verbose_name = _("file")
        verbose_name_plural = _("files")
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
            *number_rules("file"),
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
