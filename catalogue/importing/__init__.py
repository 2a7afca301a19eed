"""References into the catalogue: a pasted list (reference_list.py, reviewed row by row in
review.py), a reference manager's file (files.py, csl_json.py), both meeting the catalogue
by one set of rules (matching.py)."""
