"""The admin page that imports a reference manager's file (CSL-JSON or RIS) into works.

An editor exports a reference list from Zotero, EndNote or Mendeley and uploads it
here instead of retyping it. The work is done by `importing.files` (reading) and
`importing.writing`; this page only takes the file, checks the editor's permissions and
reports what changed.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from ..importing import files, writing

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ReferenceFileForm(forms.Form):
    file = forms.FileField(
        label="Reference file",
        help_text="CSL-JSON (.json) or RIS (.ris), UTF-8, as Zotero, EndNote or Mendeley export it.",
    )
    format = forms.ChoiceField(
        choices=[("", "Recognise from the content"), ("csl-json", "CSL-JSON"), ("ris", "RIS")],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "The file is larger than 5 MB: split it and upload the parts."
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not UTF-8 text. Export it again choosing UTF-8."
            ) from None
        try:
            cleaned["records"] = files.read(text, cleaned.get("format") or None)
        except files.ImportFormatError as error:
            # One message a line: a record's problem each (files.read_csl_json).
            raise forms.ValidationError(str(error).splitlines()) from None
        if not cleaned["records"]:
            raise forms.ValidationError("The file holds no reference with a title.")
        return cleaned


def import_view(model_admin):
    """The view function of the import page of `model_admin` (the works' admin)."""

    def view(request):
        if not (
            model_admin.has_add_permission(request) and model_admin.has_change_permission(request)
        ):
            raise PermissionDenied
        result = None
        form = ReferenceFileForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            result = writing.import_records(form.cleaned_data["records"])
            messages.success(
                request,
                f"{len(result.created)} created, {len(result.updated)} updated, "
                f"{len(result.unchanged)} unchanged, {len(result.problems)} problems.",
            )
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": "Import references",
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/catalogue/work/import.html", context)

    return model_admin.admin_site.admin_view(view)


def urls(model_admin):
    """The upload page's URL, for WorkAdmin.get_urls: admin/catalogue/work/import/."""
    return [path("import/", import_view(model_admin), name="catalogue_work_import")]
