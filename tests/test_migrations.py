"""Migrations apply to a catalogue that already holds records, not only to an empty one."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from catalogue.search.folding import fold

BEFORE_SEARCH = [("catalogue", "0003_trust_history")]


@pytest.mark.django_db(transaction=True)
def test_the_search_migration_applies_to_works_already_catalogued(on_postgres):
    if not on_postgres:
        pytest.skip("the trigram indexes, search vector and trigger are PostgreSQL's")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_SEARCH)
    old = executor.loader.project_state(BEFORE_SEARCH).apps
    periodical = old.get_model("catalogue", "Periodical").objects.create(
        slug="vlast", title="Vlast"
    )
    Work = old.get_model("catalogue", "Work")
    now = timezone.now()
    volume = Work.objects.create(
        key="volume", kind="book", title="Volume", created=now, updated=now
    )
    for i in range(50):
        Work.objects.create(
            key=f"w{i}",
            kind="article",
            title=f"Жуков {i}",
            periodical=periodical,
            part_of=volume,
            created=now,
            updated=now,
        )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_work WHERE search_vector IS NOT NULL")
        assert cursor.fetchone()[0] == 51
    from catalogue.models import Work as CurrentWork

    titles = dict(CurrentWork.objects.values_list("key", "title_key"))
    assert titles["w7"] == fold("Жуков 7") == fold("Zhukov 7")
