"""A work's reference list: each Citation names the work cited, under its note's number and
its place in the note, with the reference as printed, garbles included."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..search.folding import fold
from .works import Work


class Citation(models.Model):
    """One entry of a work's reference list: what it cites, under which number, as printed."""

    citing = models.ForeignKey(
        Work, on_delete=models.CASCADE, related_name="references", verbose_name=_("citing")
    )
    cited = models.ForeignKey(
        Work, on_delete=models.PROTECT, related_name="citations", verbose_name=_("cited")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("The number in the reference list.")
    )
    # A footnote may cite several works (`...; Snyder, Bloodlands, 42.`): each is its own
    # citation under the note's number, in the order printed.
    index = models.PositiveSmallIntegerField(
        _("place in the note"),
        default=1,
        help_text=_("1 for the first reference of the note, 2 for the second, and so on."),
    )
    text_as_printed = models.TextField(
        _("reference as printed"),
        help_text=_("Verbatim, errors included. Corrections belong in the record and the note."),
    )
    editorial_note = models.TextField(
        _("editorial note"),
        blank=True,
        help_text=_("What the catalogue record corrects in the printed reference, and why."),
    )
    search_key = models.TextField(editable=False, default="")

    class NaturalManager(models.Manager):
        def get_by_natural_key(self, citing_key, number, index=1):
            return self.get(citing__key=citing_key, number=number, index=index)

    objects = NaturalManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["citing", "number", "index"]
        constraints = [
            models.UniqueConstraint(
                fields=["citing", "number", "index"], name="catalogue_citation_unique_place"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="catalogue_citation_number_positive"
            ),
            models.CheckConstraint(
                condition=Q(index__gte=1), name="catalogue_citation_index_positive"
            ),
            models.CheckConstraint(
                condition=~Q(citing=models.F("cited")), name="catalogue_citation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.citing.key} [{self.place}] → {self.cited.key}"

    def natural_key(self):
        return (*self.citing.natural_key(), self.number, self.index)

    @property
    def place(self):
        """The note's number, and the reference's place in it when it is not the first
        (`12`, `12.2`)."""
        return f"{self.number}.{self.index}" if self.index > 1 else str(self.number)

    natural_key.dependencies = ["catalogue.work"]

    def clean(self):
        if self.citing_id and self.citing_id == self.cited_id:
            raise ValidationError({"cited": "A work cannot cite itself."})

    def derive_fields(self):
        self.text_as_printed = " ".join(self.text_as_printed.split())
        self.search_key = fold(self.text_as_printed)
