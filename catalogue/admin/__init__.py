"""The editors' admin: the catalogue's records (records.py) and the two ways to import
references beside them, a pasted list (paste.py) and a reference manager's file
(upload.py). Django's autodiscovery imports this package; importing records registers
the ModelAdmins."""

from . import records  # noqa: F401
