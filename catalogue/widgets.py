"""Select widgets of the works list's filter form, written in Python.

Django renders a select through a template per option; the form of /works/ has some
seventy options (archives, languages, kinds, sort orders), and drawing them so cost more
than the 25 works beside them. These widgets write the markup of Django's own
(`<select name id multiple><option value selected>label</option></select>`), escaped by
fragments.format_html. A model choice list is read with one plain query (Django's
iterator would open a server-side cursor on PostgreSQL, three round trips for a few dozen
rows), and then kept until the catalogue changes.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.translation import get_language

from . import page_cache
from .fragments import format_html, format_html_join


class QuickSelectMixin:
    def options(self, name):
        """(value, label) of every choice, values as strings. A model's choices (the
        archives, the languages) are read once for each interface language and kept
        under the catalogue's version (page_cache.remembered), as the facets beside them."""
        choices = self.choices
        if not isinstance(choices, ModelChoiceIterator):
            return [(str(value), label) for value, label in choices]
        field = choices.field

        def read(_):
            rows = [
                (str(field.prepare_value(obj)), str(field.label_from_instance(obj)))
                for obj in choices.queryset
            ]
            if field.empty_label is not None:
                rows.insert(0, ("", str(field.empty_label)))
            return {which: rows}

        which = f"{choices.queryset.model._meta.label}-{name}-{get_language()}"
        return page_cache.remembered("choices", [which], read)[which]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "\n  ",
            '<option value="{}"{}>{}</option>',
            (
                (value, " selected" if value in selected else "", label)
                for value, label in self.options(name)
            ),
        )
        return format_html('<select name="{}"{}>\n  {}\n</select>', name, flatatt(attrs), options)


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass
