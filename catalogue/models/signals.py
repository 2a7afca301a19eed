"""Keys derived on every save, and the baseline history row of a loaded record."""

from django.db.models.signals import pre_save
from django.dispatch import receiver


@receiver(pre_save)
def derive_fields(sender, instance, raw=False, **kwargs):
    """Keep search and sort keys in step with the text, on save, in the admin and in loaddata.

    A pre_save signal rather than save(), because loaddata saves raw and skips save().
    """
    if sender._meta.app_label == "catalogue" and hasattr(instance, "derive_fields"):
        instance.derive_fields()


# The change reason of a history row that records a record as it was before its first
# tracked change (loaddata saves raw and writes no history).
BASELINE = "as loaded, before its first recorded change"


@receiver(pre_save)
def keep_a_baseline(sender, instance, raw=False, **kwargs):
    """Before the first tracked change of a loaded record, record it as it was.

    loaddata writes no history, so without this the first edit of a seeded record would
    have nothing to be compared with, and its history could not say what changed.
    """
    history = getattr(sender, "history", None)
    if raw or instance._state.adding or sender._meta.app_label != "catalogue" or history is None:
        return
    if not history.filter(**{sender._meta.pk.attname: instance.pk}).exists():
        current = sender._default_manager.filter(pk=instance.pk).first()
        if current is not None:
            history.bulk_history_create([current], default_change_reason=BASELINE)
