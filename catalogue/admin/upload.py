"""The "Upload a file" tab of the import page: a reference manager's file (CSL-JSON or
RIS) into works.

An editor exports a reference list from Zotero, EndNote or Mendeley and uploads it
here instead of retyping it. The work is done by `importing.files` (reading) and
`importing.writing`; this tab only takes the file and reports what changed. The page and its URL are import_page.py's.
"""

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..importing import files, writing

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class ReferenceFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Reference file"),
        help_text=gettext_lazy(
            "CSL-JSON (.json) or RIS (.ris), UTF-8, as Zotero, EndNote or Mendeley export it. "
            "The limit is 5 MB."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            ("", gettext_lazy("Recognise from the content")),
            ("csl-json", "CSL-JSON"),
            ("ris", "RIS"),
        ],
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB: split it and upload the parts.")
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Export it again choosing UTF-8.")
            ) from None
        try:
            cleaned["records"] = files.read(text, cleaned.get("format") or None)
        except files.ImportFormatError as error:
            # One message a line: a record's problem each (files.read_csl_json).
            raise forms.ValidationError(str(error).splitlines()) from None
        if not cleaned["records"]:
            raise forms.ValidationError(_("The file holds no reference with a title."))
        return cleaned


def allowed(request, model_admin):
    return model_admin.has_add_permission(request) and model_admin.has_change_permission(request)


def upload_view(request, model_admin, context):
    """The tab; `context` is the import page's (title, tabs)."""
    result = None
    form = ReferenceFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = writing.import_records(form.cleaned_data["records"])
        messages.success(
            request,
            _(
                "Created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s, "
                "problems: %(problems)s."
            )
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
                "problems": len(result.problems),
            },
        )
    context = {**context, "form": form, "result": result}
    return TemplateResponse(request, "admin/catalogue/work/import.html", context)
