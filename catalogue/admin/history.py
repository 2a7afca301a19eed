"""The History page of a record, in an editor's words.

django-simple-history lists rows as "Created", "Changed" or "Deleted", with a change
reason column that reads `None` for most rows. Two of our rows need saying otherwise:
- the baseline that catalogue/models/signals.py writes just before a loaded record's first
  edit: it is the record as it stood, written at the time of that edit under the editor's
  name, not a record the editor created;
- a revert from the History page: saved as a change, it is "Reverted to the version of …".
Each row lists the fields an editor can change with their old and new values; derived
columns (search keys, sort keys, timestamps) are left out.
"""

from datetime import datetime

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from ..models import BASELINE

# Kept in history_change_reason (100 characters): the prefix, then the ISO date of the
# version gone back to, so the label is written in the reader's language when shown.
REVERT_PREFIX = "reverted to the version of "


def revert_reason(version):
    return REVERT_PREFIX + version.history_date.isoformat()


def when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def action(record):
    """What a history row records, as an editor would say it."""
    reason = record.history_change_reason or ""
    if reason == BASELINE:
        return _("State before the first edit in Opis")
    if reason.startswith(REVERT_PREFIX):
        try:
            moment = datetime.fromisoformat(reason.removeprefix(REVERT_PREFIX))
        except ValueError:
            return _("Reverted to an earlier version")
        return _("Reverted to the version of %(date)s") % {"date": when(moment)}
    label = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[record.history_type]
    return f"{label}: {reason}" if reason else label


def author(record):
    """Who made the change: a baseline is nobody's change (the editor of the first edit is
    only who was logged in when it was written), and a change without a user came from an
    import or a script."""
    if record.history_change_reason == BASELINE:
        return "—"
    if record.history_user_id is None:
        return _("an import or script")
    return record.history_user.get_username()


class ReadableChanges(HistoricalRecordContextHelper):
    """Old and new values as read: an empty value is "—", not "None"."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return "—" if value in (None, "") else value


class ReadableHistoryMixin:
    """For the catalogue's ModelAdmins (after SimpleHistoryAdmin's methods in the MRO)."""

    object_history_template = "admin/catalogue/object_history.html"
    object_history_list_template = "admin/catalogue/object_history_list.html"
    object_history_form_template = "admin/catalogue/object_history_form.html"

    def history_view_title(self, request, obj):
        return _("History of %(record)s") % {"record": obj}

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("An earlier version of %(record)s") % {"record": obj}
        return _("Revert %(record)s to this version") % {"record": obj}

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each row of the page with its action, author and changed fields; the oldest row
        of the page is compared with the row before it (one query)."""
        model = self.model
        editable = [f.name for f in model._meta.concrete_fields if f.editable and not f.primary_key]
        records = list(historical_records)
        for index, record in enumerate(records):
            record.opis_action = action(record)
            record.opis_author = author(record)
            record.history_delta_changes = []
            if record.history_type != "~":
                continue
            older = records[index + 1] if index + 1 < len(records) else record.prev_record
            if older is None:
                continue
            delta = record.diff_against(
                older, included_fields=editable, foreign_keys_are_objs=foreign_keys_are_objs
            )
            helper = self.get_historical_record_context_helper(request, record)
            record.history_delta_changes = helper.context_for_delta_changes(delta)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (str(object_id).isdigit() and str(version_id).isdigit()):
            raise Http404  # the URL takes any text; the ids are numbers (no 500 on "abc")
        if request.method == "POST":
            # The save that follows (save_model) is a revert to this version: say so.
            history = self.model.history.filter(
                **{self.model._meta.pk.attname: object_id, "history_id": version_id}
            )
            request.opis_reverting_to = history.first()
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        version = getattr(request, "opis_reverting_to", None)
        if version is not None:
            obj._change_reason = revert_reason(version)
        super().save_model(request, obj, form, change)
