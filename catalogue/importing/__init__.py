"""References into the catalogue: a pasted list (reference_list.py, reviewed row by row in
review.py, its names read by printed_names.py, what it did told by report.py), a reference
manager's file (files.py and csl_json.py read it, writing.py writes it), both meeting the
catalogue by one set of rules (matching.py)."""
