"""People, collectives and journals: who made a work and where it was published."""

import re

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ..search.folding import fold, normalise, sort_key
from .common import SlugManager, _url

# A word and the initials after it (`Luzyanin S. G.`, `Лузянин С.Г.`, `Zhukov G.K.`).
_PRINTED_NAME = re.compile(r"(\w[\w'’-]*)((?:\s*\w{1,2}\.)*)")


class Person(models.Model):
    """An author or editor: a person, or a collective or publisher named in their place."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("collective or publisher")

    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Part of the person's link: zhukov-g-k."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(
        pgettext_lazy("a person's name", "name"),
        max_length=200,
        help_text=_("Family name of a person, or the full name of a collective."),
    )
    given_names = models.CharField(
        _("given names"),
        max_length=200,
        blank=True,
        help_text=_("Given names or initials: G. K., Yu. M."),
    )
    name_original = models.CharField(
        _("name in original script"),
        max_length=300,
        blank=True,
        help_text=_("As the person wrote it (Жуков Г. К.). Leave empty unless certain."),
    )
    orcid = models.CharField("ORCID", max_length=19, blank=True)
    note = models.TextField(_("note"), blank=True)
    search_key = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=255, editable=False, default="")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
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
        from .citations import Citation  # it imports works.py, which imports this module

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
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(
        _("title"), max_length=300, help_text=_("As cited in Latin script: Vostok.")
    )
    title_original = models.CharField(
        pgettext_lazy("a field", "title in original script"),
        max_length=300,
        blank=True,
        help_text=_("Восток. Only if certain."),
    )
    issn = models.CharField("ISSN", max_length=9, blank=True)
    search_key = models.TextField(editable=False, default="")

    objects = SlugManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("periodical")
        verbose_name_plural = _("periodicals")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def derive_fields(self):
        self.search_key = fold(f"{self.title} {self.title_original}")
