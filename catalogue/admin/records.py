"""Editing the catalogue. Editors think in archives and works, never in database ids."""

from django import forms
from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..citing import formatting
from ..models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    ArchiveName,
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
from ..search import facet_cells, ranking
from ..templatetags.opis import language_name
from . import import_page
from .base import RecordAdmin, TabularInline


class IdsFirstPaginator(Paginator):
    """The works changelist's paginator: reads a page's ids, then their rows."""

    def _get_page(self, object_list, number, paginator):
        """A page found as ids first, then its rows: page 5,000 of a million works is then
        an index-only walk of 500,000 index entries, not of 500,000 rows (1.5 s)."""
        if isinstance(object_list, QuerySet):
            object_list = self.object_list.in_order(object_list.values_list("pk", flat=True))
        return super()._get_page(object_list, number, paginator)


# Every catalogue ModelAdmin derives from RecordAdmin (base.py), a CatalogueAdmin
# (catalogue/trust.py): history with revert, a refused save when someone else changed the
# record meanwhile, and a clear refusal to delete an archival unit that still holds
# documents.


class ArchiveListFilter(admin.SimpleListFilter):
    """Works by the archive their documents are held in: the same query as /works/?archive=."""

    title = _("archive")
    parameter_name = "archive"

    def lookups(self, request, model_admin):
        return Archive.objects.values_list("slug", "abbreviation")

    def queryset(self, request, queryset):
        return queryset.in_archives([self.value()]) if self.value() else queryset


class LanguageListFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        # Each name in the interface language, in that language's alphabetical order.
        names = [(language.code, language_name(language)) for language in Language.objects.all()]
        return sorted(names, key=lambda pair: pair[1].casefold())

    def queryset(self, request, queryset):
        return queryset.in_languages([self.value()]) if self.value() else queryset


@admin.register(Language)
class LanguageAdmin(RecordAdmin):
    list_display = ("code", "name_en", "name_ru")
    search_fields = ("code", "name_en", "name_ru")


class ArchiveNameInline(TabularInline):
    model = ArchiveName
    extra = 1


class FondInline(TabularInline):
    model = Fond
    fields = ("number", "title", "dates")
    extra = 0
    show_change_link = True


@admin.register(Archive)
class ArchiveAdmin(RecordAdmin):
    documents_lookup = "locations__file__inventory__fond__archive"
    list_display = ("abbreviation", "abbreviation_ru", "name_en", "city", "fond_count")
    search_fields = ("abbreviation", "abbreviation_ru", "name_en", "name_ru", "names__name")
    prepopulated_fields = {"slug": ("abbreviation",)}
    inlines = (ArchiveNameInline, FondInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(fond_count=Count("fonds"))

    @admin.display(description=_("fonds"), ordering="fond_count")
    def fond_count(self, archive):
        return archive.fond_count


class InventoryInline(TabularInline):
    model = Inventory
    fields = ("number", "title")
    extra = 0
    show_change_link = True


@admin.register(Fond)
class FondAdmin(RecordAdmin):
    documents_lookup = "locations__file__inventory__fond"
    list_display = ("__str__", "archive", "number", "title")
    list_filter = ("archive",)
    list_select_related = ("archive",)
    search_fields = ("number", "title", "archive__abbreviation", "archive__abbreviation_ru")
    autocomplete_fields = ("archive",)
    inlines = (InventoryInline,)


@admin.register(Inventory)
class InventoryAdmin(RecordAdmin):
    documents_lookup = "locations__file__inventory"
    list_display = ("__str__", "title")
    list_filter = ("fond__archive",)
    list_select_related = ("fond__archive",)
    search_fields = ("number", "title", "fond__number", "fond__archive__abbreviation")
    autocomplete_fields = ("fond",)


@admin.register(Folder)
class FolderAdmin(RecordAdmin):
    documents_lookup = "locations__file__folder"
    list_display = ("__str__", "title")
    list_select_related = ("inventory__fond__archive",)
    search_fields = ("number", "inventory__number", "inventory__fond__number")
    autocomplete_fields = ("inventory",)


@admin.register(ArchivalFile)
class ArchivalFileAdmin(RecordAdmin):
    documents_lookup = "locations__file"
    list_display = ("__str__", "title", "dates")
    list_filter = ("inventory__fond__archive",)
    list_select_related = ("inventory__fond__archive", "folder")
    search_fields = (
        "number",
        "title",
        "inventory__number",
        "inventory__fond__number",
        "inventory__fond__archive__abbreviation",
    )
    autocomplete_fields = ("inventory", "folder")


@admin.register(Person)
class PersonAdmin(RecordAdmin):
    list_display = ("__str__", "kind", "name_original", "work_count")
    list_filter = ("kind",)
    search_fields = ("name", "given_names", "name_original", "search_key")
    prepopulated_fields = {"slug": ("name", "given_names")}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(work_count=Count("contributions"))

    @admin.display(description=_("works"), ordering="work_count")
    def work_count(self, person):
        return person.work_count


@admin.register(Periodical)
class PeriodicalAdmin(RecordAdmin):
    list_display = ("title", "title_original", "issn")
    search_fields = ("title", "title_original", "issn")
    prepopulated_fields = {"slug": ("title",)}


class ContributionInline(TabularInline):
    model = Contribution
    fields = ("position", "role", "person")
    autocomplete_fields = ("person",)
    extra = 0


class ArchivalLocationInline(TabularInline):
    model = ArchivalLocation
    fields = ("position", "file", "folios")
    autocomplete_fields = ("file",)
    extra = 0


class ReferenceInline(TabularInline):
    """The work's own reference list. The printed text is evidence: it is not edited here."""

    model = Citation
    fk_name = "citing"
    fields = ("number", "cited", "text_as_printed", "editorial_note")
    readonly_fields = ("text_as_printed",)
    autocomplete_fields = ("cited",)
    extra = 0
    verbose_name = _("reference")
    verbose_name_plural = _("reference list")

    def get_queryset(self, request):
        # Each row's title (Citation.__str__) names both works: two lookups a row without this.
        return super().get_queryset(request).select_related("citing", "cited")


@admin.register(Work)
class WorkAdmin(RecordAdmin):
    # The title gets the room (catalogue/admin.css): a title of 200 characters reads in a
    # few lines. The journal is left out for it; the archival location is what an editor
    # looks for in a catalogue of documents.
    list_display = ("title", "kind", "year", "first_contributor", "archival_location")
    list_filter = ("kind", ArchiveListFilter, LanguageListFilter)
    # The search itself is get_search_results; the admin shows a search box when this is set.
    search_fields = ("title",)
    autocomplete_fields = ("periodical", "part_of")
    prepopulated_fields = {"key": ("title",)}
    readonly_fields = ("created", "updated", "missing_for_gost")
    inlines = (ContributionInline, ArchivalLocationInline, ReferenceInline)
    # At a million works: no second COUNT(*) for "N total", and an estimated count for
    # the unfiltered list (get_paginator).
    show_full_result_count = False
    paginator = IdsFirstPaginator
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "kind",
                    "key",
                    "title",
                    "title_original",
                    "title_transliterated",
                    "missing_for_gost",
                )
            },
        ),
        (
            _("Publication"),
            {
                "fields": (
                    "year",
                    "date",
                    "periodical",
                    "volume",
                    "issue",
                    "pages",
                    "series",
                    "part_of",
                    "container_title",
                    "publisher",
                    "place",
                    "languages",
                )
            },
        ),
        (_("Identifiers"), {"fields": ("doi", "isbn", "url")}),
        (_("Notes"), {"fields": ("note", "created", "updated")}),
    )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # The catalogue's few languages as checkboxes: the two-box filter widget named its
        # search icons in a way screen readers are not given (axe: aria-prohibited-attr).
        if db_field.name == "languages":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "languages":
            # Labelled in the interface language. Language.__str__ stays English: the
            # admin's log stores it once, for every reader after.
            field.label_from_instance = language_name
        return field

    def get_queryset(self, request):
        # A changelist row's author and location: two queries for the page, whatever its
        # size (each prefetch joins what its rows show; the order is Meta's, less its join).
        contributions = Contribution.objects.select_related("person").order_by("role", "position")
        locations = ArchivalLocation.objects.select_related(
            "file__folder", "file__inventory__fond__archive"
        ).order_by("position")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("contributions", queryset=contributions),
                Prefetch("locations", queryset=locations),
            )
        )

    @admin.display(description=_("missing for the Russian citation"))
    def missing_for_gost(self, work):
        """The fields that would let GOST describe a Russian work wholly in Russian (the
        citation keeps the catalogued form of each until then: nothing is invented)."""
        if work.pk is None:
            return "—"
        return "; ".join(formatting.missing_for_gost(work)) or "—"

    def get_search_results(self, request, queryset, search_term):
        """A work's key or DOI exactly, else the catalogue's own search, as /works/?q=:
        folded, so any script or romanisation finds a title, and served by the trigram
        indexes on PostgreSQL (`icontains` over six columns read all million rows).
        The autocomplete of `part_of` and of a reference's cited work comes here too."""
        term = search_term.strip()
        if not term:
            return queryset, False
        exact = list(Work.objects.filter(Q(key=term) | Q(doi=term)).values_list("pk", flat=True))
        if exact:
            return queryset.filter(pk__in=exact), False
        plan = ranking.plan(term)
        # Every word common: counted from the sample (get_paginator), listed in title order.
        # Otherwise found once as ids where they are few: sorted by title, the search as a
        # subquery led the planner to walk the title index of a million works (0.45 s).
        request.opis_broad_search = plan.only_broad
        return plan.narrow(queryset), False

    def get_paginator(self, request, queryset, *args, **kwargs):
        paginator = super().get_paginator(request, queryset, *args, **kwargs)
        if getattr(request, "opis_broad_search", False):
            paginator.count = ranking.estimated_matches(queryset)
        elif (counted := self.counted_by_cells(request)) is not None:
            paginator.count = counted
        elif not self.changelist_params(request):
            # The whole table: PostgreSQL's row estimate instead of a COUNT(*) of a million
            # works (~65 ms a page), where the table is large enough to have one.
            if (estimate := facet_cells.estimated_count(self.model)) is not None:
                paginator.count = estimate
        return paginator

    @staticmethod
    def changelist_params(request):
        """The changelist's filters and search: its parameters but the page and the order."""
        return {key: value for key, value in request.GET.items() if key not in ("p", "o")}

    # The changelist's parameters that the facet cells (0006) count, as they count
    # /works/?archive=&language=&kind=; page and order change no count.
    CELL_PARAMS = {"archive", "language", "kind__exact"}

    def counted_by_cells(self, request):
        """The number of works of a changelist filtered only by archive, language and
        kind, summed from the facet cells: a COUNT(*) of one large archive's works took
        150 ms of the page at a million works. None where the cells cannot say
        (SQLite, a search, another parameter, a value that names nothing)."""
        params = self.changelist_params(request)
        if not facet_cells.available() or not params or set(params) - self.CELL_PARAMS:
            return None
        cleaned = {}
        for param, model, field in (("archive", Archive, "slug"), ("language", Language, "code")):
            if param in params:
                cleaned[param] = list(model.objects.filter(**{field: params[param]}))
                if not cleaned[param]:
                    return None
        if "kind__exact" in params:
            cleaned["kind"] = [params["kind__exact"]]
        return facet_cells.count(cleaned)

    def get_urls(self):
        # One import page beside the works list, with two tabs: a pasted reference list
        # (paste.py) and a reference manager's file (upload.py).
        return [*import_page.urls(self), *super().get_urls()]

    @admin.display(description=_("author or editor"))
    def first_contributor(self, work):
        contributions = work.contributions.all()
        return str(contributions[0].person) if contributions else "—"

    @admin.display(description=_("archival location"))
    def archival_location(self, work):
        """The first place a document lies, and how many more: a published work has none."""
        locations = work.locations.all()
        if not locations:
            return "—"
        more = len(locations) - 1
        return str(locations[0]) + (f" (+{more})" if more else "")


@admin.register(Citation)
class CitationAdmin(RecordAdmin):
    list_display = ("citing", "number", "cited", "text_as_printed")
    list_select_related = ("citing", "cited")
    # No "by citing work" filter: it listed every citing work (hundreds of thousands at
    # scale) in the sidebar. Search by title instead.
    search_fields = ("text_as_printed", "citing__title", "cited__title")
    autocomplete_fields = ("citing", "cited")

    def get_readonly_fields(self, request, obj=None):
        # The printed text is typed once, when the reference is added; after that it is evidence.
        return ("text_as_printed",) if obj else ()


@admin.register(ArchiveName)
class ArchiveNameAdmin(RecordAdmin):
    list_display = ("name", "kind", "archive", "years")
    list_filter = ("kind", "archive")
    search_fields = ("name",)
    autocomplete_fields = ("archive",)
