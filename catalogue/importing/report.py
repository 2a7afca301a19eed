"""What an import did, for the editor: the records it created or would create, the ones it
reused, and a summary with each count in the reader's language and plural."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class ImportReport:
    created: list = field(default_factory=list)  # (model verbose name, str(object))
    reused: Counter = field(default_factory=Counter)
    skipped: list = field(default_factory=list)  # (line, message)
    citations: list = field(default_factory=list)  # (number, cited work, created?)
    dry_run: bool = False

    @property
    def counts(self):
        return Counter(model for model, _ in self.created)

    def lines(self):
        verb = "would create" if self.dry_run else "created"
        out = [f"{verb} {model}: {label}" for model, label in self.created]
        out += [f"line {line}: skipped, {message}" for line, message in self.skipped]
        out.append(self.summary())
        return out

    def summary(self):
        """`Created: 2 archival locations, 1 citation.`, in the reader's language."""
        counted = ", ".join(counted_records(m, n) for m, n in sorted(self.counts.items()))
        if self.dry_run:
            return _("Would create: %(records)s.") % {"records": counted or _("nothing")}
        return _("Created: %(records)s.") % {"records": counted or _("nothing")}


def counted_records(model, count):
    """`1 citation`, `2 citations` (and in Russian `2 ссылки`, `5 ссылок`): a model's
    verbose name with its number, for the import's summary."""
    forms = {
        "archival location": lambda n: ngettext(
            "%(count)s archival location", "%(count)s archival locations", n
        ),
        "archive": lambda n: ngettext("%(count)s archive", "%(count)s archives", n),
        "citation": lambda n: ngettext("%(count)s citation", "%(count)s citations", n),
        "contribution": lambda n: ngettext("%(count)s contribution", "%(count)s contributions", n),
        "file": lambda n: ngettext("%(count)s file", "%(count)s files", n),
        "folder": lambda n: ngettext("%(count)s folder", "%(count)s folders", n),
        "fond": lambda n: ngettext("%(count)s fond", "%(count)s fonds", n),
        "inventory": lambda n: ngettext("%(count)s inventory", "%(count)s inventories", n),
        "periodical": lambda n: ngettext("%(count)s journal", "%(count)s journals", n),
        "person": lambda n: ngettext("%(count)s person", "%(count)s people", n),
        "work": lambda n: ngettext("%(count)s work", "%(count)s works", n),
    }
    form = forms.get(str(model))
    return form(count) % {"count": count} if form else f"{count} {model}"
