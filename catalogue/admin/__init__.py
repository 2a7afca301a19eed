"""The editors' admin: the catalogue's records (records.py, on the shared base.py, with a
readable history, history.py) and the import page beside them (import_page.py) with its
two tabs, a pasted list (paste.py) and a reference manager's file (upload.py). Django's
autodiscovery imports this package; importing records registers the ModelAdmins."""

from . import records  # noqa: F401
