"""Recompute every search key with transliteration skeletons (issue 4).

The keys are derived on save, so fixtures loaded after this change are right already;
this brings the rows of a deployed database into step. Historical models have no
derive_fields(), so the fields each key is built from are listed here, as in models.py.
Backwards, the keys are rebuilt with normalise(), which is the fold of 0001.
"""

from django.db import migrations

from catalogue.search.folding import fold, normalise

BATCH_SIZE = 1000

# model name -> the fields its search_key is built from (models.py, derive_fields)
SOURCES = {
    "Archive": ["abbreviation", "abbreviation_ru", "name_en", "name_ru"],
    "ArchiveName": ["name"],
    "Person": ["name", "given_names", "name_original"],
    "Periodical": ["title", "title_original"],
    "Work": [
        "title",
        "title_original",
        "title_transliterated",
        "container_title",
        "publisher",
        "place",
        "series",
        "note",
    ],
    "Citation": ["text_as_printed"],
}


def _rebuild(apps, key_function):
    for model_name, fields in SOURCES.items():
        model = apps.get_model("catalogue", model_name)
        rows = model.objects.only("pk", "search_key", *fields).order_by("pk")
        batch = []
        for row in rows.iterator(chunk_size=BATCH_SIZE):
            key = key_function(" ".join(getattr(row, field) for field in fields))
            if key != row.search_key:
                row.search_key = key
                batch.append(row)
            if len(batch) >= BATCH_SIZE:
                model.objects.bulk_update(batch, ["search_key"])
                batch = []
        if batch:
            model.objects.bulk_update(batch, ["search_key"])


def forwards(apps, schema_editor):
    _rebuild(apps, fold)


def backwards(apps, schema_editor):
    _rebuild(apps, normalise)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
