"""The review grid of a pasted reference list: the editor's rows, kept between requests.

A list holds up to 2,000 references and a row has some 25 cells, while Django refuses a
form of more than 1,000 fields (DATA_UPLOAD_MAX_NUMBER_FIELDS) with a bare 400. So the
grid shows the rows a page at a time, and the whole list travels in one signed hidden
field (`Review.dumps`): each post carries the rows of one page, which are written into
the list before the editor moves on, dry-runs or imports. Signed, because the list
decides what is written to the catalogue; compressed, because a list of 2,000 references
is a megabyte of text.

Each row's values are kept as the browser posts them, so a row is checked by the same
form whether it is on the page in front of the editor or one they never opened.
"""

from dataclasses import dataclass

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core import signing
from django.utils.translation import gettext_lazy as _

from ..models import Citation, Work
from .reference_list import find_existing, parsed_from_dict, work_kind

ROWS_PER_PAGE = 25  # 25 rows of 24 cells: 600 fields, well under Django's 1,000
SALT = "catalogue.import_review"
MAX_AGE = 24 * 60 * 60  # a review left overnight is parsed again


class ReviewExpired(Exception):
    """The hidden list is damaged, forged or a day old."""


class RowInvalid(Exception):
    """A row the import would refuse; `index` says which, to show its page."""

    def __init__(self, index):
        super().__init__(index)
        self.index = index


def _is_id(value):
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18


class WorkChoiceField(forms.ModelChoiceField):
    """A work by its id. Anything else is an invalid choice before it reaches the
    database, where a 30-digit number overflows SQLite's integer (a 500)."""

    def to_python(self, value):
        if value not in self.empty_values and not _is_id(str(value)):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class WorkAutocomplete(AutocompleteSelect):
    def optgroups(self, name, value, attrs=None):
        # The chosen work is looked up to show its title: skip a value that is no id.
        return super().optgroups(name, [v for v in value if _is_id(v)], attrs)


class ReferenceRowForm(forms.Form):
    """One parsed reference, as the editor corrects it."""

    include = forms.BooleanField(label=_("Import"), required=False)
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=32767)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Work.Kind.choices,
        help_text=_("An archival document is cited by its location."),
    )
    work = WorkChoiceField(
        label=_("Cite the catalogued work"),
        queryset=Work.objects.all(),
        required=False,
        help_text=_(
            "The match found, or another work. Empty: the import looks for a match again and "
            "creates a new work if none is found."
        ),
    )
    new = forms.BooleanField(label=_("Create a new work even if one matches"), required=False)
    archive = forms.SlugField(label=_("Archive"), required=False, max_length=50)
    fond = forms.CharField(label=_("Fond"), required=False, max_length=40)
    inventory = forms.CharField(label=_("Inventory"), required=False, max_length=40)
    folder = forms.CharField(label=_("Folder"), required=False, max_length=40)
    file = forms.CharField(label=_("File"), required=False, max_length=40)
    folios = forms.CharField(label=_("Folios"), required=False, max_length=60)
    title = forms.CharField(
        label=_("Title"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        max_length=1000,
        help_text=_("Separated by semicolons."),
    )
    editors = forms.CharField(label=_("Editors"), required=False, max_length=1000)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1, max_value=2100)
    language = forms.CharField(label=_("Language"), required=False, max_length=3)
    periodical = forms.CharField(label=_("Journal"), required=False, max_length=300)
    volume = forms.CharField(label=_("Volume"), required=False, max_length=40)
    issue = forms.CharField(label=_("Issue"), required=False, max_length=40)
    pages = forms.CharField(label=_("Pages"), required=False, max_length=40)
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=300)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    doi = forms.CharField(label="DOI", required=False, max_length=200)
    url = forms.URLField(label="URL", required=False, max_length=500, assume_scheme="https")

    LIST_KEYS = ("authors", "editors")
    # What the editor does not edit here, carried through as the parser read it.
    PARSED_KEYS = (
        "citation", "line", "archive_as_printed", "archive_known", "locations", "unsure",
        "series", "container", "reference_code", "index",
    )  # fmt: skip
    reference_code = None  # a document cited by an item code needs no fond or file

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Autocomplete: a catalogue of thousands of works does not fit in a dropdown. Only
        # for a form that is shown: checking 2,000 rows needs no widget.
        if admin_site is not None:
            work = self.fields["work"]
            work.widget = WorkAutocomplete(Citation._meta.get_field("cited"), admin_site)
            work.widget.choices = work.choices

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("include") or (cleaned.get("work") and not cleaned.get("new")):
            return cleaned  # a linked work is cited as catalogued: its cells are not used
        if cleaned.get("kind") == Work.Kind.ARCHIVAL_DOCUMENT:
            missing = [
                part for part in ("archive", "fond", "inventory", "file") if not cleaned.get(part)
            ]
            if missing and not self.reference_code:
                raise forms.ValidationError(
                    _("An archival reference needs %(parts)s.")
                    % {"parts": ", ".join(str(self.fields[p].label).lower() for p in missing)}
                )
        elif not (cleaned.get("title") or "").strip():
            raise forms.ValidationError(_("A published work needs a title."))
        return cleaned


# The grid's columns after the reference as printed: location, work, publication.
COLUMNS = (
    ("archive", "fond", "inventory", "folder", "file", "folios"),
    ("title", "authors", "editors", "year", "language"),
    ("periodical", "volume", "issue", "pages", "publisher", "place", "doi", "url"),
)


@dataclass
class Row:
    index: int
    form: ReferenceRowForm
    parsed: dict
    match: Work | None

    @property
    def groups(self):
        """[[(bound field, doubt)]] a column at a time."""
        reasons = self.reasons
        return [[(self.form[name], reasons.get(name, "")) for name in group] for group in COLUMNS]

    @property
    def reasons(self):
        """{cell: the parser's reason for doubting it}, for marking cells in the grid."""
        reasons = {}
        for entry in self.parsed.get("unsure") or []:
            if isinstance(entry, dict):
                reasons.setdefault(entry.get("field"), []).append(str(entry.get("reason", "")))
        return {key: "; ".join(value) for key, value in reasons.items()}


def _values(parsed):
    """A row's cells, as the browser would post them, from a ParsedReference."""
    data = parsed.as_dict()
    values = {name: data.get(name) for name in ReferenceRowForm.base_fields if name in data}
    for key in ReferenceRowForm.LIST_KEYS:
        # The roles as read (as_dict's `authors` falls back on the editors).
        values[key] = "; ".join(getattr(parsed, key))
    values["include"] = True
    values["kind"] = Work.Kind.ARCHIVAL_DOCUMENT if parsed.is_archival else work_kind(parsed.kind)
    values["doi"] = getattr(parsed, "doi", None)  # the parser gives them from issue 22 on
    values["url"] = getattr(parsed, "url", None)
    return {key: "" if value is None else value for key, value in values.items()}


class Review:
    """The rows of one reference list under review, for one citing work or none."""

    def __init__(self, citing_id, rows):
        self.citing_id = citing_id
        self.rows = rows  # [{"values": {cell: value}, "parsed": {...}, "match": id|None}]

    @classmethod
    def start(cls, citing, references):
        rows = [
            {
                "values": _values(parsed),
                "parsed": {key: getattr(parsed, key) for key in ReferenceRowForm.PARSED_KEYS},
            }
            for parsed in references
        ]
        return cls(citing.pk if citing is not None else None, rows)

    @classmethod
    def loads(cls, text):
        try:
            data = signing.loads(text or "", salt=SALT, max_age=MAX_AGE)
            citing = data["citing"]
            return cls(None if citing is None else int(citing), list(data["rows"]))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise ReviewExpired from None

    def dumps(self):
        return signing.dumps(
            {"citing": self.citing_id, "rows": self.rows}, salt=SALT, compress=True
        )

    @property
    def pages(self):
        return max(1, -(-len(self.rows) // ROWS_PER_PAGE))

    def page_number(self, value):
        """A page number from the request, kept within the list."""
        try:
            number = int(value)
        except (TypeError, ValueError):
            return 1
        return min(max(number, 1), self.pages)

    def span(self, page):
        start = (page - 1) * ROWS_PER_PAGE
        return range(start, min(start + ROWS_PER_PAGE, len(self.rows)))

    def form(self, index, admin_site=None, bound=True):
        """The form of row `index`: bound to its cells to check them; given the admin
        site, it is one to show, with the autocomplete of works."""
        row = self.rows[index]
        prefix = f"ref-{index}"
        if bound:
            data = {f"{prefix}-{key}": value for key, value in row["values"].items()}
            form = ReferenceRowForm(data, prefix=prefix, admin_site=admin_site)
        else:
            form = ReferenceRowForm(initial=row["values"], prefix=prefix, admin_site=admin_site)
        form.reference_code = row["parsed"].get("reference_code")
        return form

    def take_posted(self, page, post):
        """Write the cells posted for `page` into the list, as posted (checked later)."""
        for index in self.span(page):
            form = ReferenceRowForm(prefix=f"ref-{index}")
            values = self.rows[index]["values"]
            for name, field in form.fields.items():
                value = field.widget.value_from_datadict(post, {}, form.add_prefix(name))
                values[name] = "" if value is None else value

    def find_matches(self, page):
        """Look up, once, the catalogued work each row of `page` matches, and choose it."""
        for index in self.span(page):
            row = self.rows[index]
            if "match" in row:
                continue
            found = find_existing(self._parsed(row["values"], row["parsed"]))
            row["match"] = found.pk if found else None
            if found and not row["values"].get("work"):
                row["values"]["work"] = str(found.pk)

    def page_rows(self, page, admin_site, bound=False):
        indexes = self.span(page)
        matches = Work.objects.in_bulk([m for i in indexes if (m := self.rows[i].get("match"))])
        return [
            Row(
                index,
                self.form(index, admin_site, bound),
                self.rows[index]["parsed"],
                matches.get(self.rows[index].get("match")),
            )
            for index in indexes
        ]

    def chosen(self):
        """(parsed references ticked for import, {(number, index): work or None} the
        editor chose).

        Raises RowInvalid for the first row the editor must correct.
        """
        references, links = [], {}
        for index, row in enumerate(self.rows):
            form = self.form(index)
            if not form.is_valid():
                raise RowInvalid(index)
            cleaned = dict(form.cleaned_data)
            if not cleaned.pop("include"):
                continue
            work, new = cleaned.pop("work"), cleaned.pop("new")
            parsed = self._parsed(cleaned, row["parsed"])
            place = (parsed.number, parsed.index or 1)  # a note may hold several
            if new:
                links[place] = None
            elif work is not None:
                links[place] = work
            references.append(parsed)
        return references, links

    @staticmethod
    def _parsed(values, parsed_keys):
        data = {**values, **parsed_keys}
        for key in ReferenceRowForm.LIST_KEYS:
            names = data.get(key) or ""
            data[key] = [name.strip() for name in names.split(";") if name.strip()]
        data = {key: (None if value == "" else value) for key, value in data.items()}
        # One control for the editor: the kind says whether the reference is archival.
        data["is_archival"] = data.get("kind") == Work.Kind.ARCHIVAL_DOCUMENT
        data["language"] = (data.get("language") or "").strip().lower() or None
        data["number"] = _int(data.get("number"))
        year = _int(data.get("year"))
        data["year"] = year if year and 1 <= year <= 2100 else None  # as the form allows
        parsed = parsed_from_dict(data)
        # `doi` and `url` are ParsedReference fields once the parser has them.
        parsed.doi, parsed.url = data.get("doi"), data.get("url")
        return parsed


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
