"""The "Paste a reference list" tab of the import page: paste, check the parse, correct, import.

Three steps on one URL (admin/catalogue/work/import-references/, import_page.py):
1. the editor picks the citing work, if it is catalogued, and pastes a reference list (or
   uploads a text file); without a citing work the references become works, uncited;
2. the page shows the parse as a table of editable rows, 25 a page (importing/review.py
   keeps the whole list), doubtful cells marked with the parser's reason, and for each
   reference its kind and the catalogued work it matches, which the editor may change;
3. the editor corrects what needs it and imports: one transaction, so an error leaves
   the catalogue as it was, and the page comes back with the rows and the message.

The page and its URL are import_page.py's; this module is the tab's form and steps.
"""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..citations import PARTS, ArchiveRegistry, parse_text
from ..importing.reference_list import MAX_REFERENCES, ImportFailed, import_references
from ..importing.review import (
    ROWS_PER_PAGE,
    Review,
    ReviewExpired,
    RowInvalid,
    WorkAutocomplete,
    WorkChoiceField,
)
from ..importing.text import MAX_BYTES, InputRejected, check_text, decode_input
from ..models import Citation, Work

TEMPLATE = "admin/catalogue/import_references.html"


class ReferenceListForm(forms.Form):
    citing = WorkChoiceField(
        label=gettext_lazy("Citing work"),
        queryset=Work.objects.all(),
        required=False,
        help_text=gettext_lazy(
            "The catalogued work whose reference list this is: its references are recorded "
            "as its citations. Leave it empty to add the references as works only, without "
            "citations."
        ),
    )
    text = forms.CharField(
        label=gettext_lazy("Reference list"),
        required=False,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "One reference a line, numbered (1. …) or not. Lines that are not references "
            "(headings, notes) are shown and skipped."
        ),
    )
    upload = forms.FileField(
        label=gettext_lazy("…or a text file"),
        required=False,
        help_text=gettext_lazy("UTF-8 or Windows Cyrillic (cp1251)."),
    )

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = Citation._meta.get_field("citing")
        # Autocomplete: a catalogue of thousands of works does not fit in a dropdown.
        citing = self.fields["citing"]
        citing.widget = WorkAutocomplete(field, admin_site or admin.site)
        citing.widget.choices = citing.choices
        self.notices = []

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("upload"), cleaned.get("text") or ""
        try:
            if upload:
                if upload.size > MAX_BYTES:
                    raise InputRejected(
                        f"The file is {upload.size:,} bytes; the limit is {MAX_BYTES:,} bytes."
                    )
                cleaned["text"], self.notices = decode_input(upload.read(MAX_BYTES + 1))
            else:
                cleaned["text"] = check_text(text)
        except InputRejected as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


def allowed(request):
    return request.user.has_perm("catalogue.add_work") and request.user.has_perm(
        "catalogue.add_citation"
    )


def paste_view(request, model_admin, context):
    """The tab's steps; `context` is the import page's (title, tabs), `model_admin` the
    WorkAdmin the page hangs off."""
    site = model_admin.admin_site
    context = {**context, "parts": PARTS}
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    list_form = ReferenceListForm(post, files, admin_site=site)
    action = ("goto" if "goto" in post else post.get("action")) if post else None

    if action == "parse" and list_form.is_valid():
        citing = list_form.cleaned_data["citing"]
        parsed = parse_text(list_form.cleaned_data["text"], ArchiveRegistry.from_db())
        references = [p for p in parsed if p.is_reference]
        if not references:
            list_form.add_error("text", _("No reference found in the text."))
        elif len(references) > MAX_REFERENCES:
            list_form.add_error(
                "text",
                _("More than %(limit)s references: split the list.") % {"limit": MAX_REFERENCES},
            )
        else:
            for notice in list_form.notices:
                messages.warning(request, notice)
            context["skipped"] = [p for p in parsed if not p.is_reference]
            return _review(request, context, site, citing, Review.start(citing, references), 1)

    if action in ("import", "dry_run", "goto"):
        try:
            review = Review.loads(post.get("review"))
        except ReviewExpired:
            messages.error(request, _("The review is a day old or damaged: parse the list again."))
            return _start(request, context, site)
        citing = None
        if review.citing_id is not None:
            citing = Work.objects.filter(pk=review.citing_id).first()
            if citing is None:
                messages.error(request, _("The citing work is gone: start again."))
                return _start(request, context, site)
        return _reviewed(request, context, site, citing, review, action)

    return TemplateResponse(request, TEMPLATE, {**context, "list_form": list_form})


def _start(request, context, site):
    list_form = ReferenceListForm(admin_site=site)
    return TemplateResponse(request, TEMPLATE, {**context, "list_form": list_form})


def _reviewed(request, context, site, citing, review, action):
    """The editor posted a page of the grid: keep its cells, then move, check or import."""
    post = request.POST
    page = review.page_number(post.get("page"))
    review.take_posted(page, post)
    if action == "goto":  # the editor may read on before correcting: the import checks all
        return _review(request, context, site, citing, review, review.page_number(post.get("goto")))
    try:
        references, links = review.chosen()
    except RowInvalid as invalid:
        messages.error(
            request,
            _("Row %(row)s needs correcting: see the marked cells.") % {"row": invalid.index + 1},
        )
        page = review.page_number(invalid.index // ROWS_PER_PAGE + 1)
        return _review(request, context, site, citing, review, page, bound=True)
    if not references:
        messages.error(request, _("No reference is ticked for import."))
        return _review(request, context, site, citing, review, page)
    try:
        report = import_references(references, citing, dry_run=action == "dry_run", links=links)
    except ImportFailed as error:
        messages.error(request, _("Nothing imported. %(error)s") % {"error": error})
        return _review(request, context, site, citing, review, page)
    if action == "dry_run":
        context["report"] = report.lines()
        return _review(request, context, site, citing, review, page)
    messages.success(request, report.summary())
    if citing is None:  # works only: the works list, where the summary is shown
        return redirect(reverse(f"{site.name}:catalogue_work_changelist"))
    return redirect(reverse(f"{site.name}:catalogue_work_change", args=[citing.pk]))


def _review(request, context, site, citing, review, page, bound=False):
    """The grid at `page`, with the match of each of its rows looked up once."""
    review.find_matches(page)
    rows = review.page_rows(page, site, bound)
    span = review.span(page)
    return TemplateResponse(
        request,
        TEMPLATE,
        {
            **context,
            "citing": citing,
            "rows": rows,
            "review": review.dumps(),
            "page": page,
            "pages": review.pages,
            "first_row": span.start + 1,
            "last_row": span.stop,
            "total_rows": len(review.rows),
            "row_media": rows[0].form.media if rows else None,
        },
    )
