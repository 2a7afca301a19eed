"""The FilterSet of /works/: one set of parameters for the page, its JSON twin and exports.

Every parameter is validated by a form field, so bad input becomes a message about
that parameter instead of a silently ignored filter or a 500.
"""

import copy

import django_filters
from django import forms
from django.conf import settings
from django.core.validators import validate_slug
from django.db.models import F
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_filters.fields import ModelMultipleChoiceField

from . import page_cache
from .models import Archive, Language, Periodical, Person, Work
from .search import facet_cells, ranking
from .search.folding import limit_words

MAX_QUERY_LENGTH = 200


# Fields that take a repeated parameter as several values (a facet toggle adds one).
MULTI_VALUED = (forms.MultipleChoiceField, forms.ModelMultipleChoiceField)


class FilterForm(forms.Form):
    """Refuses a single-valued parameter given twice (`?q=a&q=b`): which one was meant?"""

    # The search's words past OPIS_SEARCH_MAX_WORDS, as typed: left out, and the page says so.
    dropped_words = ()

    def clean_q(self):
        """The search without its repeated words, and no more than OPIS_SEARCH_MAX_WORDS
        different ones: every later step (the plan, the ranking, the marked titles) reads
        this text, not the reader's."""
        query, self.dropped_words = limit_words(
            self.cleaned_data["q"], settings.OPIS_SEARCH_MAX_WORDS
        )
        return query

    def clean(self):
        cleaned = super().clean()
        if isinstance(self.data, QueryDict):
            for name, field in self.fields.items():
                given = len(self.data.getlist(self.add_prefix(name)))
                if given > 1 and not isinstance(field, MULTI_VALUED):
                    self.add_error(
                        name,
                        ngettext(
                            "Give “%(name)s” once; it was given %(count)s time.",
                            "Give “%(name)s” once; it was given %(count)s times.",
                            given,
                        )
                        % {"name": field.label or name, "count": given},
                    )
        return cleaned


class KnownChoicesField(ModelMultipleChoiceField):
    """The archives or languages chosen, checked against the field's rows kept under the
    catalogue's version (page_cache.remembered) instead of a query of
    its own on every page that filters by them. The same answers as Django's field: the
    chosen rows in the select's order, or the same message for a value not among them."""

    def clean(self, value):
        # None chosen: an empty list. Django's field gives `.none()`, a queryset that every
        # `if archives:` (the filters, the facet cells) compiled to learn it was empty, on
        # every page that did not filter by it: 6 % of a search's Python.
        if not value and not self.required:
            return []
        return super().clean(value)

    def _check_values(self, value):
        model, key = self.queryset.model, self.to_field_name

        def read(_):
            return {which: [(str(getattr(row, key)), row) for row in self.queryset]}

        which = f"{model._meta.label}-{key}"
        rows = page_cache.remembered("chosen-rows", [which], read)[which]
        try:
            chosen = {str(v) for v in value}
        except TypeError:  # a list of lists is not hashable, for example
            raise forms.ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        known = {slug for slug, _ in rows}
        for slug in sorted(chosen):
            self.validate_no_null_characters(slug)
            if slug not in known:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": slug},
                )
        return [row for slug, row in rows if slug in chosen]


class KnownChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = KnownChoicesField


class SlugListField(forms.MultipleChoiceField):
    """Several slugs of `queryset`, looked up in one query.

    Not a ModelMultipleChoiceField: its choice list would load every person or
    periodical of the catalogue into the form.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *, queryset, missing_message, **kwargs):
        # missing_message: "No person with the key %(keys)s.", translated as a whole.
        self.queryset, self.missing_message = queryset, missing_message
        super().__init__(**kwargs)

    def valid_value(self, value):
        return True

    def validate(self, value):
        super().validate(value)
        if not value:  # most pages: no query to build for nothing
            return
        for slug in value:
            if len(slug) > 120:
                raise forms.ValidationError(
                    _("“%(slug)s…” is too long to be a key.") % {"slug": slug[:40]}
                )
            validate_slug(slug)
        missing = set(value) - self._found(value)
        if missing:
            raise forms.ValidationError(self.missing_message % {"keys": ", ".join(sorted(missing))})

    def _found(self, slugs):
        """Which of `slugs` name a row of the field's queryset."""
        return set(self.queryset.filter(slug__in=slugs).values_list("slug", flat=True))


class SlugListFilter(django_filters.MultipleChoiceFilter):
    field_class = SlugListField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField  # NumberFilter's own takes decimals


# Shown after the field's label ("Year from: enter a whole number, such as 1939."), in the
# words of a year rather than Django's of a number.
YEAR_MESSAGES = {
    "invalid": _("enter a year as a whole number, such as 1939."),
    "min_value": _("enter a year from %(limit_value)s."),
    "max_value": _("enter a year up to %(limit_value)s."),
}


class SortFilter(django_filters.OrderingFilter):
    """Sorting with undated works last in both directions (PostgreSQL puts NULL first in
    descending order, SQLite in ascending), and title then id to break ties, so pages are stable."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        expression = F(self.param_map[param.lstrip("-")])
        return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.order_by(*(self.get_ordering_value(param) for param in value), "sort_title", "id")


class _Filters(dict):
    """A FilterSet's base filters, copied for each request filter by filter, not deeply.

    django-filter deep-copies them for every FilterSet (every list, search and export
    request): some 300 objects (the choices, the querysets and the labels inside each
    filter's arguments), a tenth of an export's Python. A filter's arguments are read,
    never changed, by a request; what each request sets on its filters (the parent
    FilterSet, the model) is set on its own copies, and a filter with a `method` gets
    a FilterMethod bound to its copy, as the deep copy gave it."""

    def __deepcopy__(self, memo):
        copies = {}
        for name, base in self.items():
            filter_ = copies[name] = copy.copy(base)
            if base.method is not None:
                filter_.method = base.method  # rebinds .filter to this copy
        return copies


def _given(value):
    """Whether a cleaned filter value narrows the list."""
    return value not in (None, "", [], ())


class WorkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words from a title, name, journal, archive or the reference as printed."),
    )
    archive = KnownChoicesFilter(
        label=_("Archive"),
        queryset=Archive.objects.all(),
        to_field_name="slug",
        method="filter_archive",
        widget=forms.MultipleHiddenInput,
    )
    language = KnownChoicesFilter(
        label=_("Language"),
        queryset=Language.objects.all(),
        to_field_name="code",
        method="filter_language",
        widget=forms.MultipleHiddenInput,
    )
    # A work has one kind: no join, so no DISTINCT over the list (django-filter's default).
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"),
        choices=Work.Kind.choices,
        widget=forms.MultipleHiddenInput,
        distinct=False,
    )
    year_min = YearFilter(
        field_name="year",
        lookup_expr="gte",
        label=_("Year from"),
        min_value=1,
        max_value=2100,
        error_messages=YEAR_MESSAGES,
    )
    year_max = YearFilter(
        field_name="year",
        lookup_expr="lte",
        label=_("Year to"),
        min_value=1,
        max_value=2100,
        error_messages=YEAR_MESSAGES,
    )
    author = SlugListFilter(
        label=_("Author or editor"),
        method="filter_author",
        queryset=Person.objects.all(),
        missing_message=_("No person with the key %(keys)s."),
    )
    periodical = SlugListFilter(
        label=_("Journal"),
        method="filter_periodical",
        queryset=Periodical.objects.all(),
        missing_message=_("No journal with the key %(keys)s."),
    )
    sort = SortFilter(
        label=_("Sort by"),
        empty_label=_("Relevance when searching, else title"),
        widget=forms.Select,
        fields=(("sort_title", "title"), ("year", "year"), ("kind", "kind")),
        field_labels={
            "sort_title": _("Title"),
            "-title": _("Title (Z–A)"),  # descending labels are keyed by parameter
            "year": _("Year (oldest first)"),
            "-year": _("Year (newest first)"),
            "kind": _("Kind"),
            "-kind": _("Kind (Z–A)"),
        },
    )

    class Meta:
        model = Work
        fields = []
        form = FilterForm

    @classmethod
    def get_filters(cls):
        return _Filters(super().get_filters())

    def get_form_class(self):
        """The form's class, built once, as a Django form is declared once. django-filter
        builds it anew for each request, a field for each filter and then the class; each
        form still copies its fields (BaseForm.__init__), so a request's changes to them
        (FilterForm names languages in the reader's language) stay its own."""
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class

    # Set by filter_q: the query has only broad words (catalogue/search/ranking.py), so the list is
    # in title order with an estimated count; or the search ranks the list.
    broad_search = False
    ranked = False

    @property
    def in_title_order(self):
        """Whether the list is in title order (Meta.ordering): no sort chosen, no ranking."""
        return not self.form.cleaned_data.get("sort") and not self.ranked

    def filter_q(self, queryset, name, value):
        """The search; most relevant first unless the reader chose a sort, or every word of
        it is so common that ranking all its works would take seconds."""
        if not value.strip():
            return queryset
        if not hasattr(self, "_plan"):  # facets filter again: judge the words once
            self._plan = ranking.plan(value)
        self.broad_search = self._plan.only_broad
        # A search found as ids: the count, the page and each facet read them.
        queryset = self._plan.narrow(queryset)
        if self.broad_search or self.form.cleaned_data.get("sort"):
            return queryset
        self.ranked = True
        return ranking.ranked(queryset, value)

    def counted(self, cells):
        """(count, estimate) for paging the list, the cheapest true way (None: let the
        paginator count):
        - filtered by archive, language, kind and years only, or not at all (`cells`): a
          sum over facet cells on PostgreSQL (search/facet_cells.py), exact;
        - a search alone whose works were found as ids: their number;
        - a search of broad words only: estimated from the sample (search/ranking.py), the first
          OPIS_BROAD_SEARCH_LISTED works paged; under that many, counted exactly."""
        queryset = self.qs  # filtering is what judges the search's words
        if cells:
            return facet_cells.count(self.form.cleaned_data), None
        plan = getattr(self, "_plan", None)
        if plan and plan.ids is not None and self.active_filters() == ["q"]:
            return len(plan.ids), None
        if not self.broad_search:
            return None, None
        listed = settings.OPIS_BROAD_SEARCH_LISTED
        estimate = ranking.estimated_matches(queryset)
        if estimate < listed:  # too few for the sample to judge
            return ranking.kept_count(queryset.order_by()[:listed]), None
        return listed, estimate

    def filter_archive(self, queryset, name, archives):
        return queryset.in_archives(archives) if archives else queryset

    def filter_language(self, queryset, name, languages):
        return queryset.in_languages(languages) if languages else queryset

    def filter_author(self, queryset, name, slugs):
        return queryset.by_people(slugs) if slugs else queryset

    def filter_periodical(self, queryset, name, slugs):
        return queryset.filter(periodical__slug__in=slugs) if slugs else queryset

    # Parameters whose facets are counted beside the list, and how to read them back.
    FACETS = ("archive", "language", "kind")

    def active_filters(self, excluding=None):
        """Names of the filters the request narrows by (sorting is not a filter)."""
        return [
            name
            for name, value in self.form.cleaned_data.items()
            if name not in ("sort", excluding) and _given(value)
        ]

    def queryset_without(self, name):
        """The works of every active filter but `name`: a facet counts over these.

        Reuses the validated values, so a facet costs its one counting query. A facet
        whose own filter is not active counts the works of every filter: the same queryset
        for each such facet, built once (a search's is rebuilt and compiled per facet
        otherwise).
        """
        if name not in self.active_filters():
            name = None
        built = self.__dict__.setdefault("_without", {})
        if name not in built:
            queryset = self.queryset.all()
            for filter_name, value in self.form.cleaned_data.items():
                if filter_name not in (name, "sort"):
                    queryset = self.filters[filter_name].filter(queryset, value)
            built[name] = queryset
        return built[name]
