"""A page of works with what their rows show, in one statement on PostgreSQL.

A row of the works list shows a work's people, languages, journal and archival
locations (`WorkQuerySet.with_list_relations`). Through the ORM that is four statements
a page: the works, then a prefetch of each relation, each compiled anew, its rows made
into model instances and matched to their works by Django's prefetch machinery. That was
3.6 of the 10 ms of Python a works page cost at a million works, more than the template.

Here the works come with their relations as JSON arrays, one per relation, aggregated
by PostgreSQL in the same statement (a correlated subquery a relation, by the indexes on
`work_id`). The statement is written once per process from the models' fields, so it is
never compiled again; the rows become the same model instances, with the same related
objects cached, as the ORM's prefetch would give (`work.contributions.all()`,
`location.file.inventory.fond.archive`), so that the fragments, the serializers and the
templates read them unchanged. tests/test_listing.py compares the two field by field.

JSON carries numbers, strings, booleans and null as they are. A related model with a
field of another type (a date, a decimal) would come back wrong, so `works` uses the
ORM instead wherever one has such a field, and on SQLite. (The works and their journals
are plain columns, converted by psycopg as the ORM's are.)
"""

import functools

from django.apps import apps
from django.db import connection
from django.db.models import Q, signals
from django.db.models.base import ModelState

from . import prepared
from .querysets import serve_prefetched

# Field types whose values JSON returns as the ORM would (psycopg's own types for these
# columns are int, str, bool and None).
_JSON_NATIVE = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def _model(name):
    return apps.get_model("catalogue", name)


def _fields(model):
    return model._meta.concrete_fields


def _columns(model, alias):
    quote = connection.ops.quote_name
    return [f"{alias}.{quote(field.column)}" for field in _fields(model)]


def _order(model, alias, *names):
    """ORDER BY of `names` (or the model's Meta.ordering), id last: each relation is
    ordered as the ORM's prefetch orders it."""
    names = names or tuple(model._meta.ordering)
    quote = connection.ops.quote_name
    columns = [f"{alias}.{quote(model._meta.get_field(name).column)}" for name in names]
    return ", ".join([*columns, f"{alias}.id"])


# The relations of a listed work, each (name on Work, [(alias, model)] in the order
# their columns are aggregated). Read for every work of every page: kept.
@functools.cache
def _relations():
    return {
        "contributions": [("c", _model("Contribution")), ("pe", _model("Person"))],
        "languages": [("l", _model("Language"))],
        "locations": [
            ("a", _model("ArchivalLocation")),
            ("f", _model("ArchivalFile")),
            ("fo", _model("Folder")),
            ("i", _model("Inventory")),
            ("d", _model("Fond")),
            ("ar", _model("Archive")),
        ],
    }


def _aggregated_models():
    return [model for parts in _relations().values() for _, model in parts]


@functools.cache
def _statement():
    """The SELECT, written once from the models' fields (quote_name is PostgreSQL's)."""
    relations = _relations()

    def aggregated(name, joins, order):
        columns = ", ".join(
            col for alias, model in relations[name] for col in _columns(model, alias)
        )
        return f"(SELECT json_agg(json_build_array({columns}) ORDER BY {order}) {joins})"

    work, periodical = _model("Work"), _model("Periodical")
    contribution, language = _model("Contribution"), _model("Language")
    location = _model("ArchivalLocation")
    languages = work._meta.get_field("languages").remote_field.through._meta.db_table
    return (
        f"SELECT {', '.join(_columns(work, 'w') + _columns(periodical, 'p'))}, "
        + aggregated(
            "contributions",
            "FROM catalogue_contribution c JOIN catalogue_person pe ON pe.id = c.person_id"
            " WHERE c.work_id = w.id",
            _order(contribution, "c", "role", "position"),
        )
        + ", "
        + aggregated(
            "languages",
            f"FROM {languages} wl JOIN catalogue_language l ON l.id = wl.language_id"
            " WHERE wl.work_id = w.id",
            _order(language, "l"),
        )
        + ", "
        + aggregated(
            "locations",
            "FROM catalogue_archivallocation a"
            " JOIN catalogue_archivalfile f ON f.id = a.file_id"
            " LEFT JOIN catalogue_folder fo ON fo.id = f.folder_id"
            " JOIN catalogue_inventory i ON i.id = f.inventory_id"
            " JOIN catalogue_fond d ON d.id = i.fond_id"
            " JOIN catalogue_archive ar ON ar.id = d.archive_id"
            " WHERE a.work_id = w.id",
            _order(location, "a", "position"),
        )
        + " FROM catalogue_work w LEFT JOIN catalogue_periodical p ON p.id = w.periodical_id"
        " WHERE w.id = ANY(%s)"
    )


@functools.cache
def _one_statement_possible():
    return all(
        field.get_internal_type() in _JSON_NATIVE
        for model in _aggregated_models()
        for field in _fields(model)
    )


def works(ids):
    """The works of `ids`, in that order (unknown ids left out), with what their rows in
    the works list show, as `Work.objects.with_list_relations()` gives them."""
    ids = list(ids)
    Work = _model("Work")
    if connection.vendor != "postgresql" or not _one_statement_possible():
        return Work.objects.with_list_relations().in_order(ids)
    if not ids:
        return []
    # The same statement on every page, with other ids: planned once a connection.
    with prepared.cursor() as cursor:
        cursor.execute(_statement(), [ids])
        found = {work.pk: work for work in (_work(row, connection.alias) for row in cursor)}
    return [found[pk] for pk in ids if pk in found]


def work(pk):
    """The work of a work page, or None: its row's relations as `works` reads them, then
    its references and who cites it, as `WorkQuerySet.with_detail_relations` gives them.
    The whole it is part of, if any, is read when the page asks for it."""
    found = works([pk])
    if not found:
        return None
    work = found[0]
    rows = _citations_of(work)
    references = sorted((c for c in rows if c.citing_id == work.pk), key=lambda c: c.number)
    citations = sorted(
        (c for c in rows if c.cited_id == work.pk),
        key=lambda c: (c.citing.sort_title, c.citing_id),
    )
    for citation in references:
        _cache(citation, "citing", work)
    for citation in citations:
        _cache(citation, "cited", work)
    serve_prefetched(work, "references", references)
    serve_prefetched(work, "citations", citations)
    return work


def _citations_of(work):
    """The citations from and to `work`, each with the work at its other end: both lists in
    one statement, where the ORM's two prefetches were two. On PostgreSQL the statement is
    written once and prepared, and its rows made into instances as a page's works are:
    compiling the ORM's select_related of two works (some forty columns each) and making
    its instances through Model.__init__ took a quarter of a work page's Python."""
    Citation = _model("Citation")
    if connection.vendor != "postgresql":
        return list(
            Citation.objects.filter(Q(citing=work) | Q(cited=work))
            .select_related("cited", "citing")
            .order_by()
        )
    # The work itself is cached at its end by the caller; here the work at the other.
    return _pairs(
        _citations_statement(),
        [work.pk, work.pk],
        [Citation, _model("Work")],
        lambda citation: "cited" if citation.citing_id == work.pk else "citing",
    )


def _pairs(statement, params, models, name):
    """The rows of `statement`, run through the prepared cursor, each cut into an instance
    of models[0] and one of models[1], the second cached as the first's `name` (or
    `name(first)`, where it depends on the row)."""
    db, made = connection.alias, []
    with prepared.cursor() as cursor:
        cursor.execute(statement, params)
        for row in cursor:
            instance, related = _split(row, models, db)
            _cache(instance, name(instance) if callable(name) else name, related)
            made.append(instance)
    return made


def _select(first, second, joins):
    """SELECT of two models' columns (aliases first[0], second[0]), then `joins` and the rest."""
    columns = _columns(first[1], first[0]) + _columns(second[1], second[0])
    return f"SELECT {', '.join(columns)} {joins}"


@functools.cache
def _citations_statement():
    """A work's references (the works it cites) and its citations (the works citing it):
    each citation's row, then the work at its other end."""
    both = ("c", _model("Citation")), ("w", _model("Work"))
    return (
        _select(*both, "FROM catalogue_citation c JOIN catalogue_work w ON w.id = c.cited_id")
        + " WHERE c.citing_id = %s UNION ALL "
        + _select(*both, "FROM catalogue_citation c JOIN catalogue_work w ON w.id = c.citing_id")
        + " WHERE c.cited_id = %s"
    )


def fond(archive_slug, number):
    """A fond page's fond, with its archive, or None. On PostgreSQL one statement written
    once and prepared: the ORM compiled the lookup, a join of two models, on every page
    (an eighth of a fond page's Python)."""
    Fond, Archive = _model("Fond"), _model("Archive")
    if connection.vendor != "postgresql":
        found = Fond.objects.select_related("archive").filter(
            archive__slug=archive_slug, number=number
        )
        return found.first()
    found = _pairs(_fond_statement(), [archive_slug, number], [Fond, Archive], "archive")
    return found[0] if found else None


@functools.cache
def _fond_statement():
    return _select(
        ("d", _model("Fond")),
        ("ar", _model("Archive")),
        "FROM catalogue_fond d JOIN catalogue_archive ar ON ar.id = d.archive_id"
        " WHERE ar.slug = %s AND d.number = %s",
    )


class FondFiles:
    """The files of a fond in the order of its page (inventory, folder, file), each with its
    folder, for the paginator: `files[start:stop]` reads that page's files, on PostgreSQL
    by one statement written once and prepared (the ORM compiled its joins and order on
    every page). `count` is the fond's number of files, known from its inventories."""

    ORDER = ("inventory__sort_key", "folder__sort_key", "sort_key", "pk")

    def __init__(self, fond, count):
        self.fond, self.count = fond, count

    def __len__(self):
        return self.count

    def __getitem__(self, bounds):
        if not isinstance(bounds, slice) or bounds.step is not None:
            raise TypeError("a fond's files are read a page at a time")
        start, stop = bounds.start or 0, bounds.stop
        File, Folder = _model("ArchivalFile"), _model("Folder")
        if connection.vendor != "postgresql":
            files = File.objects.filter(inventory__fond=self.fond).select_related("folder")
            return list(files.order_by(*self.ORDER)[start:stop])
        params = [self.fond.pk, stop - start, start]
        return _pairs(_fond_files_statement(), params, [File, Folder], "folder")


@functools.cache
def _fond_files_statement():
    return _select(
        ("f", _model("ArchivalFile")),
        ("fo", _model("Folder")),
        "FROM catalogue_archivalfile f JOIN catalogue_inventory i ON i.id = f.inventory_id"
        " LEFT JOIN catalogue_folder fo ON fo.id = f.folder_id"
        " WHERE i.fond_id = %s ORDER BY i.sort_key, fo.sort_key, f.sort_key, f.id"
        " LIMIT %s OFFSET %s",
    )


@functools.cache
def _attnames(model):
    """The attribute names of `model`'s concrete fields, or None where the ORM's own way of
    making an instance must be kept: a model with a receiver of pre_init or post_init."""
    if signals.pre_init.has_listeners(model) or signals.post_init.has_listeners(model):
        return None
    return tuple(field.attname for field in _fields(model))


def _make(model, values, db, attnames=None):
    """A model instance from its concrete fields' values, as the ORM makes one
    (`Model.from_db`), without Model.__init__'s walk over the fields and its two
    signals: a page of 25 works makes some 150 instances, and __init__ was about half
    their cost. The same attributes and state (tests/test_listing.py compares them).
    With `attnames`, only those fields' values: the others are deferred, loaded when
    read, as after the ORM's `only()`."""
    every = _attnames(model)
    if every is None:
        return model.from_db(db, attnames, values)
    new = model.__new__(model)
    new.__dict__.update(zip(attnames or every, values, strict=True))
    new._state = state = ModelState()
    state.adding, state.db = False, db
    return new


def cited_from(files):
    """Each of `files` with its locations (`file.locations.all()`, in the model's order),
    each with its work's id and title only (`location.work`), as a fond page lists the
    documents cited from its files: one query of values. Through Django's prefetch, each
    location and each work was made by Model.__init__ with some forty deferred fields,
    and the prefetch compiled a statement of its own: 3 of a fond page's 10 ms of Python.
    """
    Location, Work = _model("ArchivalLocation"), _model("Work")
    fields = ("id", "work_id", "file_id", "folios")
    rows = (
        Location.objects.filter(file__in=files)
        .order_by(*Location._meta.ordering, "pk")
        .values_list(*fields, "work__title")
    )
    by_file = {file.pk: [] for file in files}
    db = rows.db
    for *values, title in rows:
        location = _make(Location, values, db, fields)
        _cache(location, "work", _make(Work, (location.work_id, title), db, ("id", "title")))
        by_file[location.file_id].append(location)
    for file in files:
        _cache_each(by_file[file.pk], "file", file)
        serve_prefetched(file, "locations", by_file[file.pk])


def _split(values, models, db):
    """`values` cut into one instance of each of `models` (None where the row has no id:
    a LEFT JOIN that found nothing)."""
    made, start = [], 0
    for model in models:
        end = start + len(model._meta.concrete_fields)
        part = values[start:end]
        made.append(_make(model, part, db) if part[0] is not None else None)
        start = end
    return made


def _cache(instance, name, related):
    """What `instance.<name>` (a foreign key) returns, without a query."""
    instance._state.fields_cache[name] = related


def _cache_each(instances, name, related):
    for instance in instances:
        _cache(instance, name, related)


def _work(row, db):
    """A work from its row of the statement, with its relations' rows cached on it."""
    relations = _relations()
    work, periodical = _split(row[:-3], [_model("Work"), _model("Periodical")], db)
    _cache(work, "periodical", periodical)
    contributions, languages, locations = (values or [] for values in row[-3:])

    listed_contributions = []
    parts = [model for _, model in relations["contributions"]]
    for values in contributions:
        contribution, person = _split(values, parts, db)
        _cache(contribution, "person", person)
        _cache(contribution, "work", work)
        listed_contributions.append(contribution)

    listed_locations = []
    parts = [model for _, model in relations["locations"]]
    for values in locations:
        location, file, folder, inventory, fond, archive = _split(values, parts, db)
        _cache(fond, "archive", archive)
        _cache(inventory, "fond", fond)
        if folder is not None:
            _cache(folder, "inventory", inventory)
        _cache(file, "inventory", inventory)
        _cache(file, "folder", folder)
        _cache(location, "file", file)
        _cache(location, "work", work)
        listed_locations.append(location)

    language = relations["languages"][0][1]
    serve_prefetched(work, "contributions", listed_contributions)
    serve_prefetched(work, "languages", [_make(language, values, db) for values in languages])
    serve_prefetched(work, "locations", listed_locations)
    return work
