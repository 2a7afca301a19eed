"""The one "Import references" page beside the works list, with two tabs:

- "Paste a reference list" (paste.py): a list as printed, parsed, reviewed, imported;
- "Upload a file (CSL-JSON, RIS)" (upload.py): a reference manager's export.

One URL, admin/catalogue/work/import-references/, the tab a GET parameter (`?tab=file`),
so each tab can be bookmarked and the page works without JavaScript. The upload's old
address, admin/catalogue/work/import/, leads to its tab.

Wired into WorkAdmin.get_urls by `urls()`.
"""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from ..importing.text import MAX_BYTES
from ..models import Work
from . import paste, upload

PASTE, FILE = "paste", "file"
TAB_LABELS = {
    PASTE: gettext_lazy("Paste a reference list"),
    FILE: gettext_lazy("Upload a file (CSL-JSON, RIS)"),
}


def page_url(site_name, tab=PASTE):
    url = reverse(f"{site_name}:catalogue_work_import_references")
    return url if tab == PASTE else f"{url}?tab={tab}"


def page_context(request, model_admin, tab):
    """What every state of the page shows: its heading, breadcrumbs and tabs."""
    site = model_admin.admin_site
    permitted = {PASTE: paste.allowed(request), FILE: upload.allowed(request, model_admin)}
    return {
        **site.each_context(request),
        "title": _("Import references"),
        "opts": Work._meta,
        "has_view_permission": True,
        "tab": tab,
        "tabs": [
            {"label": label, "url": page_url(site.name, key), "selected": key == tab}
            for key, label in TAB_LABELS.items()
            if permitted[key]
        ],
        # The limit as an editor reads it: 1 MB, not 976.6 KB (filesizeformat counts in 1,024s).
        "max_megabytes": MAX_BYTES / 1_000_000,
    }


def import_page(request, model_admin):
    can_paste, can_upload = paste.allowed(request), upload.allowed(request, model_admin)
    # No tab asked for: the first this editor may use (one who may add works but not
    # citations uploads files only).
    tab = request.GET.get("tab")
    if tab not in TAB_LABELS:
        tab = PASTE if can_paste else FILE
    if tab == FILE and can_upload:
        return upload.upload_view(request, model_admin, page_context(request, model_admin, tab))
    if tab == PASTE and can_paste:
        return paste.paste_view(request, model_admin, page_context(request, model_admin, tab))
    raise PermissionDenied


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
                message = _(
                    "The pasted text is too large: the limit is %(limit)s MB. Split the "
                    "reference list into smaller parts."
                ) % {"limit": f"{MAX_BYTES / 1_000_000:g}"}
                if not (request.user.is_active and request.user.is_staff):
                    return HttpResponse(message, status=413, content_type="text/plain")
                context = {
                    **page_context(request, model_admin, PASTE),
                    "list_form": paste.ReferenceListForm(admin_site=model_admin.admin_site),
                    "refusal": message,
                }
                return TemplateResponse(request, paste.TEMPLATE, context, status=413)
        return view(request)

    return guarded


def urls(model_admin):
    site = model_admin.admin_site
    view = site.admin_view(lambda request: import_page(request, model_admin))

    def old_upload_address(request):
        return redirect(page_url(site.name, FILE))

    return [
        path(
            "import-references/",
            refuse_oversized(view, model_admin),
            name="catalogue_work_import_references",
        ),
        path("import/", site.admin_view(old_upload_address), name="catalogue_work_import"),
    ]
