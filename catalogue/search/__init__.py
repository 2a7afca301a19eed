"""Finding works: search keys folded across case, romanisation and look-alike letters
(folding.py, translit.py), ranking and near misses (ranking.py), and the facet cells that
count a filtered list (facet_cells.py)."""
