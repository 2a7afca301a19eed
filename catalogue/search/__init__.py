"""Finding works: search keys folded across case, romanisation and look-alike letters
(folding.py, translit.py), which works hold a word (words.py), ranking and near misses
(ranking.py), and the facet cells that count a filtered list (facet_cells.py, from the
works' arrays of arrays.py).

PostgreSQL's features (trigram and full-text indexes, the facet arrays and cells) live
in this package only, each with a plain ORM fallback; `on_postgres()` is the one place
that asks which database runs, and nothing outside the package asks it."""

from django.db import connection


def on_postgres():
    return connection.vendor == "postgresql"
