"""The admin's "import references" page: paste a list, check the parse, correct, import.

Three steps on one URL (admin/catalogue/work/import-references/):
1. the editor pastes a reference list (or uploads a text file) and picks the citing work;
2. the page shows the parse as a table of editable rows, 25 a page (importing/review.py
   keeps the whole list), doubtful cells marked with the parser's reason, and for each
   reference its kind and the catalogued work it matches, which the editor may change;
3. the editor corrects what needs it and imports: one transaction, so an error leaves
   the catalogue as it was, and the page comes back with the rows and the message.

Wired into WorkAdmin.get_urls by `urls()`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt

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
        label="Citing work",
        queryset=Work.objects.all(),
        help_text="The work whose reference list this is. Add it first if it is not in the "
        "catalogue.",
    )
    text = forms.CharField(
        label="Reference list",
        required=False,
        max_length=MAX_BYTES,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100, "spellcheck": "false"}),
        help_text="One reference a line, numbered (1. …) or not. Lines that are not "
        "references (headings, notes) are shown and skipped.",
    )
    upload = forms.FileField(
        label="…or a text file",
        required=False,
        help_text="UTF-8 or Windows Cyrillic (cp1251).",
    )

    def __init__(self, *args, admin_site=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = Citation._meta.get_field("citing")
        # Autocomplete: a catalogue of thousands of works does not fit in a dropdown.
        citing = self.fields["citing"]
        citing.widget = WorkAutocomplete(field, admin_site or admin.site)
        citing.widget.choices = citing.choices
        citing.widget.is_required = True
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


def import_references_view(request, model_admin):
    """The import page; `model_admin` is the WorkAdmin it hangs off."""
    if not (
        request.user.has_perm("catalogue.add_work")
        and request.user.has_perm("catalogue.add_citation")
    ):
        raise PermissionDenied
    site = model_admin.admin_site
    context = {
        **site.each_context(request),
        "title": "Import a reference list",
        "opts": Work._meta,
        "has_view_permission": True,
        "max_bytes": MAX_BYTES,
        "parts": PARTS,
    }
    post, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    list_form = ReferenceListForm(post, files, admin_site=site)
    action = ("goto" if "goto" in post else post.get("action")) if post else None

    if action == "parse" and list_form.is_valid():
        citing = list_form.cleaned_data["citing"]
        parsed = parse_text(list_form.cleaned_data["text"], ArchiveRegistry.from_db())
        references = [p for p in parsed if p.is_reference]
        if not references:
            list_form.add_error("text", "No reference found in the text.")
        elif len(references) > MAX_REFERENCES:
            list_form.add_error("text", f"More than {MAX_REFERENCES} references: split the list.")
        else:
            for notice in list_form.notices:
                messages.warning(request, notice)
            context["skipped"] = [p for p in parsed if not p.is_reference]
            return _review(request, context, site, citing, Review.start(citing, references), 1)

    if action in ("import", "dry_run", "goto"):
        try:
            review = Review.loads(post.get("review"))
        except ReviewExpired:
            messages.error(request, "The review is a day old or damaged: parse the list again.")
            return _start(request, context, site)
        citing = Work.objects.filter(pk=review.citing_id).first()
        if citing is None:
            messages.error(request, "The citing work is gone: start again.")
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
        messages.error(request, f"Row {invalid.index + 1} needs correcting: see the marked cells.")
        page = review.page_number(invalid.index // ROWS_PER_PAGE + 1)
        return _review(request, context, site, citing, review, page, bound=True)
    if not references:
        messages.error(request, "No reference is ticked for import.")
        return _review(request, context, site, citing, review, page)
    try:
        report = import_references(references, citing, dry_run=action == "dry_run", links=links)
    except ImportFailed as error:
        messages.error(request, f"Nothing imported. {error}")
        return _review(request, context, site, citing, review, page)
    if action == "dry_run":
        context["report"] = report.lines()
        return _review(request, context, site, citing, review, page)
    messages.success(request, " ".join(report.lines()[-1:]))
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


def refuse_oversized(view, model_admin):
    """Answer a paste over Django's upload limit with a clear page, not a bare 400.

    Django raises RequestDataTooBig when request.POST is first read, which the CSRF
    middleware does before any view. So this wrapper is exempt from the middleware, reads
    the body first, and refuses an oversized one itself (it writes nothing, so it needs
    no CSRF check); any other request goes on to the admin view, which checks CSRF.
    """

    @csrf_exempt
    def guarded(request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018  (parses the body, or raises)
            except RequestDataTooBig:
                message = (
                    f"The pasted text is too large: the limit is {MAX_BYTES:,} bytes. "
                    "Split the reference list into smaller parts."
                )
                if not (request.user.is_active and request.user.is_staff):
                    return HttpResponse(message, status=413, content_type="text/plain")
                context = {
                    **model_admin.admin_site.each_context(request),
                    "title": "Import a reference list",
                    "opts": Work._meta,
                    "max_bytes": MAX_BYTES,
                    "list_form": ReferenceListForm(admin_site=model_admin.admin_site),
                    "refusal": message,
                }
                return TemplateResponse(request, TEMPLATE, context, status=413)
        return view(request)

    return guarded


def urls(model_admin):
    """The import page's URL, for WorkAdmin.get_urls: admin/catalogue/work/import-references/."""
    view = model_admin.admin_site.admin_view(
        lambda request: import_references_view(request, model_admin)
    )
    view = refuse_oversized(view, model_admin)
    return [path("import-references/", view, name="catalogue_work_import_references")]
