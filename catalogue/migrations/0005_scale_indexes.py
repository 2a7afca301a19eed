"""Indexes for a catalogue of a million works (issue 6). Each says which page needs it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_search_index"),
    ]

    operations = [
        # /works/?archive= and the archive facet walk archive -> fond -> inventory -> file
        # -> location; this gives a file's work ids without visiting the location rows.
        migrations.AddIndex(
            model_name="archivallocation",
            index=models.Index(fields=["file", "work"], name="catalogue_location_work_idx"),
        ),
        # /works/?author= and a person's page: a person's work ids, index-only.
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(fields=["person", "work"], name="catalogue_contrib_person_idx"),
        ),
        # /works/ and the admin changelist in their default order (sort_title, id): a page
        # is an index scan that stops after 25 rows instead of a sort of a million.
        migrations.AddIndex(
            model_name="work",
            index=models.Index(fields=["sort_title", "id"], name="catalogue_work_sort_idx"),
        ),
        # /works/?language= and the language facet: a language's work ids, index-only.
        # The through table is auto-created, so its index is plain SQL (same on SQLite).
        migrations.RunSQL(
            "CREATE INDEX catalogue_work_languages_language_work_idx "
            "ON catalogue_work_languages (language_id, work_id)",
            "DROP INDEX catalogue_work_languages_language_work_idx",
        ),
    ]
