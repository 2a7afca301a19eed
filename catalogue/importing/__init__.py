"""References into the catalogue: a pasted list (reference_list.py, reviewed row by row in
review.py), a reference manager's file (read by files.py and csl_json.py, written by
writing.py), both meeting the catalogue by one set of rules (matching.py)."""
