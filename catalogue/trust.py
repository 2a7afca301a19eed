"""Trust in the admin: no silent overwrite, clear refusals, and a lock on guessed passwords.

- `VersionCheckMixin`: optimistic locking. The change form carries the id of the record's
  latest history row when it was opened; a save whose record has changed since then is
  refused with who changed it, when, and what, read from the history.
- `ProtectedDeleteMixin`: an archival unit that still holds documents is not deleted,
  and the editor is told why and what to do.
- The log-in lockout's hooks for django-axes: the username as Django reads it, the
  client's address behind a trusted proxy, and the lockout page.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db import models
from django.shortcuts import render
from django.utils.text import capfirst
from ipware.ip import get_client_ip
from simple_history.admin import SimpleHistoryAdmin

from .models import BASELINE, Work

VERSION_FIELD = "opis_version"


def latest_history_id(model, pk):
    return (
        model.history.filter(**{model._meta.pk.attname: pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    ) or 0


def describe_changes(model, pk, since):
    """Who changed the record after history row `since`, when, and which fields, in words."""
    editable = {f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key}
    records = model.history.filter(
        **{model._meta.pk.attname: pk, "history_id__gt": since}
    ).order_by("history_id")
    lines = []
    for record in records.select_related("history_user"):
        if record.history_change_reason == BASELINE:
            continue
        who = record.history_user.get_username() if record.history_user else "an import or script"
        when = record.history_date.strftime("%Y-%m-%d %H:%M:%S UTC")
        previous = record.prev_record
        if record.history_type == "-":
            what = "deleted it"
        elif previous is None:
            what = "created it"
        else:
            changes = [c for c in record.diff_against(previous, included_fields=editable).changes]
            what = (
                "; ".join(
                    f"{capfirst(model._meta.get_field(c.field).verbose_name)}: "
                    f"“{_short(c.old)}” → “{_short(c.new)}”"
                    for c in changes
                )
                or "saved it without changing a field"
            )
        lines.append(f"{who} at {when}: {what}")
    return lines


def _short(value, limit=120):
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class VersionCheckMixin:
    """Optimistic locking for the admin change form.

    The token is the latest history id, so no column is added to any model and the
    conflict message comes from the same history that the History page shows. The check
    runs inside the transaction that ModelAdmin.changeform_view opens, with the row
    locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
    serialise writers), so two saves cannot both pass it. A form posted without the token (an old page, a script) is not checked.
    """

    change_form_template = "admin/catalogue/change_form_versioned.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        model = self.model

        class VersionCheckedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                token = self.data.get(VERSION_FIELD)
                if self.instance.pk is None or token is None:
                    return cleaned
                try:
                    opened = int(token)
                except ValueError:
                    opened = -1
                list(model._default_manager.select_for_update().filter(pk=self.instance.pk))
                if latest_history_id(model, self.instance.pk) != opened:
                    changes = describe_changes(model, self.instance.pk, max(opened, 0))
                    raise forms.ValidationError(
                        "This record changed after you opened it, so your changes were not "
                        "saved. "
                        + " ".join(f"Changed by {line}." for line in changes)
                        + " Reload the page to see the current record, or save again to "
                        "replace it with what is in this form.",
                        code="conflict",
                    )
                return cleaned

        return VersionCheckedForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # After a refused save the form carries the current version: saving again is a
        # deliberate overwrite by an editor who has read the message.
        context[VERSION_FIELD] = latest_history_id(self.model, obj.pk) if obj else ""
        return super().render_change_form(request, context, add, change, form_url, obj)


class ProtectedDeleteMixin:
    """Says why an archival unit cannot be deleted: documents are still located in it.

    `documents_lookup` is the path from Work to this model, e.g. "locations__file" for a file.
    """

    documents_lookup = None

    def get_deleted_objects(self, objs, request):
        result = super().get_deleted_objects(objs, request)
        protected = result[3]
        if protected:
            for obj in objs:
                self._explain_refusal(request, obj)
        return result

    def _explain_refusal(self, request, obj):
        name = self.model._meta.verbose_name_raw  # the sentence is English
        if self.documents_lookup:
            documents = Work.objects.filter(**{self.documents_lookup: obj}).distinct()
            count = documents.count()
        else:
            count = 0
        if count:
            titles = ", ".join(f"“{_short(w.title, 80)}”" for w in documents[:5])
            more = f" and {count - 5} more" if count > 5 else ""
            messages.error(
                request,
                f"The {name} {obj} cannot be deleted: {count} document"
                f"{' is' if count == 1 else 's are'} still located in it ({titles}{more}). "
                f"Move or delete {'that document' if count == 1 else 'those documents'} first; "
                f"a {name} is deleted only when nothing is filed under it.",
            )
        else:
            messages.error(
                request,
                f"The {name} {obj} cannot be deleted while it still holds the records listed "
                f"below. Delete or move those first.",
            )


class CatalogueAdmin(VersionCheckMixin, ProtectedDeleteMixin, SimpleHistoryAdmin):
    """The base of every catalogue ModelAdmin: history, version check, clear refusals."""

    # An address typed without its scheme (`rgaspi.ru`) is stored as https://, as Django 6
    # will store it; Django 5 adds http:// and warns on every form that has a URL field.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


# Log-in lockout: django-axes counts and locks (settings.py, AXES_*); these three tell it
# who is logging in, from where, and what to answer.


def login_username(request, credentials):
    """The username as Django's log-in form reads it: stripped, then NFKC-normalised.

    Django looks the user up by that form, so `ａｄｍｉｎ`, `𝐚dmin` and `ⓐdmin` all log in as
    `admin` and must count against admin's lock. Case is left alone, as Django's default
    user lookup (an exact match) leaves it: `ADMIN` is another, unknown, user.
    """
    field = get_user_model().USERNAME_FIELD
    value = credentials.get(field) if credentials else request.POST.get(field)
    return AuthenticationForm().fields["username"].to_python(value)


def client_address(request):
    """The client's address: the connection's, or the proxies' header when settings trust it.

    Each trusted proxy appends the address it saw to the header; what lies left of those
    entries was written by the client and may be forged. django-ipware's proxy count is
    the number of proxies named inside the header, which leaves out the nearest one: that
    one is the connection itself (REMOTE_ADDR). A request with no usable header (one that
    went round the proxy) is counted by the connection's address.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.OPIS_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    header = "HTTP_" + settings.OPIS_CLIENT_IP_HEADER.upper().replace("-", "_")
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=[header],
        strict=False,  # forged or malformed entries on the left are skipped, not fatal
    )
    return address or remote


def lockout_response(request, original_response=None, credentials=None):
    """The admin's log-in page saying how long the lock lasts (429, Too Many Requests)."""
    minutes = settings.OPIS_LOGIN_LOCKOUT_MINUTES
    context = {"minutes": minutes, "site_header": admin.site.site_header}
    return render(request, "admin/login_locked.html", context, status=429)
