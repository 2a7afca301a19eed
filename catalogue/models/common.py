"""What the catalogue's models share: a link that may not be made, a choice's label, natural keys by slug."""

from django.db import models
from django.urls import NoReverseMatch, reverse


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
