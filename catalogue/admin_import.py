"""The admin's "import references" page: paste a list, check the parse, correct, import.

Three steps on one URL (admin/catalogue/work/import-references/):
1. the editor pastes a reference list (or uploads a text file) and picks the citing work;
2. the page shows the parse as a table of editable rows, doubtful cells marked with
   the parser's reason;
3. the editor corrects what needs it and imports: one transaction, so an error leaves
   the catalogue as it was, and the page comes back with the rows and the message.

Wired into WorkAdmin.get_urls by `urls()`.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.forms import formset_factory
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt

from .citations import PARTS, ArchiveRegistry, parse_text
from .importing import (
    MAX_BYTES,
    MAX_REFERENCES,
    ImportFailed,
    InputRejected,
    check_text,
    decode_input,
    import_references,
    parsed_from_dict,
)
from .models import Citation, Work

TEMPLATE = "admin/catalogue/import_references.html"


class ReferenceListForm(forms.Form):
    citing = forms.ModelChoiceField(
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
        citing.widget = AutocompleteSelect(field, admin_site or admin.site)
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


class ReferenceRowForm(forms.Form):
    """One parsed reference, as the editor corrects it."""

    include = forms.BooleanField(required=False, initial=True)
    number = forms.IntegerField(min_value=1, max_value=32767)
    line = forms.IntegerField(required=False, widget=forms.HiddenInput)
    citation = forms.CharField(widget=forms.HiddenInput)
    is_archival = forms.BooleanField(label="archival", required=False)
    archive = forms.SlugField(required=False, max_length=50)
    fond = forms.CharField(required=False, max_length=40)
    inventory = forms.CharField(required=False, max_length=40)
    folder = forms.CharField(required=False, max_length=40)
    file = forms.CharField(required=False, max_length=40)
    folios = forms.CharField(required=False, max_length=60)
    title = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
    authors = forms.CharField(required=False, max_length=1000, help_text="Separated by semicolons.")
    editors = forms.CharField(required=False, max_length=1000)
    year = forms.IntegerField(required=False, min_value=1, max_value=2100)
    language = forms.CharField(required=False, max_length=3)
    periodical = forms.CharField(required=False, max_length=300)
    volume = forms.CharField(required=False, max_length=40)
    issue = forms.CharField(required=False, max_length=40)
    pages = forms.CharField(required=False, max_length=40)
    publisher = forms.CharField(required=False, max_length=300)
    place = forms.CharField(required=False, max_length=200)
    # What the editor does not edit here, carried through as the parser read it.
    extra = forms.CharField(required=False, widget=forms.HiddenInput)

    EXTRA_KEYS = (
        "archive_as_printed", "archive_known", "locations", "unsure", "kind", "series",
        "container", "reference_code",
    )  # fmt: skip
    LIST_KEYS = ("authors", "editors")

    @classmethod
    def initial_from(cls, parsed):
        data = parsed.as_dict()
        initial = {name: data.get(name) for name in cls.base_fields if name in data}
        for key in cls.LIST_KEYS:
            initial[key] = "; ".join(data[key])
        initial["include"] = True
        initial["extra"] = json.dumps({key: data[key] for key in cls.EXTRA_KEYS})
        return initial

    def clean_extra(self):
        try:
            extra = json.loads(self.cleaned_data["extra"] or "{}")
        except ValueError:
            raise forms.ValidationError("The hidden parse data is damaged: parse again.") from None
        if not isinstance(extra, dict):
            raise forms.ValidationError("The hidden parse data is damaged: parse again.")
        return {key: extra[key] for key in self.EXTRA_KEYS if key in extra}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("include") and cleaned.get("is_archival"):
            extra = cleaned.get("extra") or {}
            if not extra.get("reference_code"):
                missing = [
                    part
                    for part in ("archive", "fond", "inventory", "file")
                    if not cleaned.get(part)
                ]
                if missing:
                    raise forms.ValidationError(
                        f"An archival reference needs {', '.join(missing)}."
                    )
        elif cleaned.get("include") and not (cleaned.get("title") or "").strip():
            raise forms.ValidationError("A published work needs a title.")
        return cleaned

    def to_parsed(self):
        data = dict(self.cleaned_data)
        extra = data.pop("extra", {}) or {}
        data.pop("include", None)
        for key in self.LIST_KEYS:
            data[key] = [name.strip() for name in (data.get(key) or "").split(";") if name.strip()]
        for key, value in list(data.items()):
            if value == "":
                data[key] = None
        data["language"] = (data.get("language") or "").strip().lower() or None
        data.update(extra)
        return parsed_from_dict(data)

    def unsure_reasons(self):
        """{field: reason} for marking cells in the table."""
        extra = self.initial.get("extra") or (
            self.data.get(self.add_prefix("extra")) if self.is_bound else ""
        )
        try:
            unsure = json.loads(extra or "{}").get("unsure", [])
        except (ValueError, AttributeError):
            return {}
        reasons = {}
        for entry in unsure:
            reasons.setdefault(entry.get("field"), []).append(entry.get("reason", ""))
        return {key: "; ".join(value) for key, value in reasons.items()}


ReferenceFormSet = formset_factory(
    ReferenceRowForm,
    extra=0,
    max_num=MAX_REFERENCES,
    absolute_max=MAX_REFERENCES,
    validate_max=True,
)

COLUMNS = (
    ("archive", "fond", "inventory", "folder", "file", "folios"),
    ("title", "authors", "editors", "year", "language"),
    ("periodical", "volume", "issue", "pages", "publisher", "place"),
)


def _rows(formset):
    rows = []
    for form in formset:
        reasons = form.unsure_reasons()
        groups = [[(form[name], reasons.get(name, "")) for name in group] for group in COLUMNS]
        rows.append({"form": form, "groups": groups, "reasons": reasons})
    return rows


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
    action = post.get("action") if post else None

    if action == "parse" and list_form.is_valid():
        citing = list_form.cleaned_data["citing"]
        parsed = parse_text(list_form.cleaned_data["text"], ArchiveRegistry.from_db(), notes=False)
        references = [p for p in parsed if p.is_reference]
        if not references:
            list_form.add_error("text", "No reference found in the text.")
        elif len(references) > MAX_REFERENCES:
            list_form.add_error("text", f"More than {MAX_REFERENCES} references: split the list.")
        else:
            for notice in list_form.notices:
                messages.warning(request, notice)
            formset = ReferenceFormSet(
                initial=[ReferenceRowForm.initial_from(p) for p in references], prefix="ref"
            )
            skipped = [p for p in parsed if not p.is_reference]
            return _preview(request, context, citing, formset, skipped)

    if action in ("import", "dry_run"):
        citing = (
            Work.objects.filter(pk=post.get("citing_id") or None).first()
            if _is_id(post.get("citing_id"))
            else None
        )
        formset = ReferenceFormSet(post, prefix="ref")
        if citing is None:
            messages.error(request, "The citing work is gone: start again.")
        elif formset.is_valid():
            chosen = [form.to_parsed() for form in formset if form.cleaned_data.get("include")]
            if not chosen:
                messages.error(request, "No reference is ticked for import.")
                return _preview(request, context, citing, formset, [])
            try:
                report = import_references(chosen, citing, dry_run=action == "dry_run")
            except ImportFailed as error:
                messages.error(request, f"Nothing imported. {error}")
                return _preview(request, context, citing, formset, [])
            if action == "dry_run":
                context["report"] = report.lines()
                return _preview(request, context, citing, formset, [])
            messages.success(request, " ".join(report.lines()[-1:]))
            return redirect(reverse(f"{site.name}:catalogue_work_change", args=[citing.pk]))
        else:
            messages.error(request, "Some rows need correcting: see the marked cells.")
            return _preview(request, context, citing, formset, [])

    return TemplateResponse(request, TEMPLATE, {**context, "list_form": list_form})


def _is_id(value):
    return bool(value) and value.isdigit() and len(value) <= 18


def _preview(request, context, citing, formset, skipped):
    return TemplateResponse(
        request,
        TEMPLATE,
        {
            **context,
            "citing": citing,
            "formset": formset,
            "rows": _rows(formset),
            "skipped": skipped,
            "columns": COLUMNS,
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
