"""The widgets of the works list's filter form, written in Python.

Django renders a select through a template per option; the form of /works/ has some
seventy options (archives, languages, kinds, sort orders), and drawing them so cost more
than the 25 works beside them. These widgets write the markup of Django's own
(`<select name id multiple><option value selected>label</option></select>`), escaped by
fragments.format_html. A model choice list is read with one plain query (Django's
iterator would open a server-side cursor on PostgreSQL, three round trips for a few dozen
rows), and then kept until the catalogue changes. The inputs beside them (the search box,
the years, the hidden author and journal keys) went through a template each as well: a
sixth of the time a search page took to draw.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from . import page_cache
from .fragments import format_html, format_html_join


class QuickSelectMixin:
    def options(self, name):
        """(value, <option>, <option selected>) of every choice, values as strings, the
        markup written once. A model's choices (the archives, the languages) are read
        and written once for each interface language and kept under the catalogue's
        version (page_cache.remembered), as the facets beside them."""
        choices = self.choices
        if not isinstance(choices, ModelChoiceIterator):
            return _fixed_options(name, choices)
        field = choices.field

        def read(_):
            rows = [
                (str(field.prepare_value(obj)), str(field.label_from_instance(obj)))
                for obj in choices.queryset
            ]
            if field.empty_label is not None:
                rows.insert(0, ("", str(field.empty_label)))
            return {which: _written(rows)}

        which = f"{choices.queryset.model._meta.label}-{name}-{get_language()}"
        return page_cache.remembered("choice-options", [which], read)[which]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        selected = {str(v) for v in self.format_value(value)}
        options = "\n  ".join(
            chosen if value in selected else plain for value, plain, chosen in self.options(name)
        )
        return format_html(
            '<select name="{}"{}>\n  {}\n</select>', name, flatatt(attrs), SafeString(options)
        )


# {(name, language, values): (labels, written)}: a fixed choice list's options (the kinds,
# the sort orders), written once a process for each interface language. Their labels are
# lazy translations, and turning some thirty of them into text (a gettext each) and
# escaping them again cost every page with the form about 0.3 ms.
_FIXED_OPTIONS = {}


def _fixed_options(name, choices):
    """_written of a choice list of the code's, kept while its labels are the same (a
    tuple compares its items by identity first: the same lazy labels cost no gettext)."""
    choices = list(choices)
    key = (name, get_language(), tuple(str(value) for value, _ in choices))
    labels = tuple(label for _, label in choices)
    kept = _FIXED_OPTIONS.get(key)
    if kept is None or kept[0] != labels:
        if len(_FIXED_OPTIONS) > 1000:  # choices built anew each time: keep none for long
            _FIXED_OPTIONS.clear()
        kept = _FIXED_OPTIONS[key] = (labels, _written(list(zip(key[2], labels, strict=True))))
    return kept[1]


def _written(rows):
    """(value, <option>, <option selected>) of each (value, label): escaped once, where
    writing every option of every select box on every page took as long as its rows."""
    return [
        (
            value,
            format_html('<option value="{}">{}</option>', value, label),
            format_html('<option value="{}" selected>{}</option>', value, label),
        )
        for value, label in rows
    ]


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass


class QuickInputMixin:
    """An <input> as Django's template writes it: type, name, value (when there is one),
    then the attributes in their order (True ones bare, False ones left out)."""

    def render(self, name, value, attrs=None, renderer=None):
        return _input(self.get_context(name, value, attrs)["widget"])


def _input(widget):
    value = widget["value"]
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        "" if value is None else format_html(' value="{}"', value),
        format_html_join(
            "",
            "{}",
            (
                (
                    format_html(" {}", name)
                    if value is True
                    else format_html(' {}="{}"', name, value),
                )
                for name, value in widget["attrs"].items()
                if value is not False
            ),
        ),
    )


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickNumberInput(QuickInputMixin, forms.NumberInput):
    pass


class QuickMultipleHiddenInput(forms.MultipleHiddenInput):
    """One hidden input a value (ids numbered `_0`, `_1`... as Django numbers them)."""

    def render(self, name, value, attrs=None, renderer=None):
        subwidgets = self.get_context(name, value, attrs)["widget"]["subwidgets"]
        return format_html_join("", "{}", ((_input(w),) for w in subwidgets))
