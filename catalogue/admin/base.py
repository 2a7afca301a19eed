"""What every catalogue ModelAdmin shares in the editor's view: text areas for long text,
the admin's own stylesheet, a readable history, and no broken "View on site"."""

from django import forms
from django.contrib import admin
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from django.utils.translation import gettext

from ..trust import CatalogueAdmin
from .history import ReadableHistoryMixin

# A title or an archival unit's title runs to hundreds of characters: a one-line input
# shows 30 of them. Shorter fields (a city, a page range) stay one line.
LONG_TEXT = 500


class SiteLinkMixin:
    """No "View on site" where a record has no public page, for ModelAdmins and inlines."""

    def get_view_on_site_url(self, obj=None):
        # An archival unit whose number cannot be in a URL (a line break, a slash saved
        # before the rule) has no public page: get_absolute_url() says None, and Django's
        # link would lead to a server error. No link then.
        if hasattr(obj, "get_absolute_url") and obj.get_absolute_url() is None:
            return None
        return super().get_view_on_site_url(obj)


class RecordAdmin(SiteLinkMixin, ReadableHistoryMixin, CatalogueAdmin):
    class Media:
        css = {"all": ("catalogue/admin.css",)}
        js = ("catalogue/admin.js",)  # names the autocomplete boxes for screen readers

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4, "class": "vLargeTextField"})
        elif (
            isinstance(db_field, models.CharField)
            and not isinstance(db_field, models.URLField | models.SlugField)
            and (db_field.max_length or 0) >= LONG_TEXT
            and not db_field.choices
        ):
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class NamedRowsFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = gettext("Delete")


class TabularInline(SiteLinkMixin, admin.TabularInline):
    """A table of related rows whose cells are named for a screen reader: Django labels
    them by the column heading alone, which assistive technology does not read as the
    input's name (axe: label, select-name)."""

    formset = NamedRowsFormSet

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            widget = getattr(formfield.widget, "widget", formfield.widget)  # inside a wrapper
            widget.attrs.setdefault("aria-label", capfirst(formfield.label or db_field.name))
        return formfield
