"""Fixtures shared by the tests of formatting, exports, the archival tree and the import.

Imported by name into the test modules that use them (not a conftest.py, which the
other test modules of the project may define on their own).
"""

import copy
from pathlib import Path

import pytest
from django.core.management import call_command

from catalogue.models import Work

TEMPLATES_FALLBACK = Path(__file__).parent / "templates"


@pytest.fixture
def seed(db):
    """The seed article and its 25 references, as shipped in fixtures/."""
    call_command("loaddata", "archives", "languages", "seed", verbosity=0)


@pytest.fixture
def stand_in_templates(settings):
    """Render pages even where templates/base.html is not there yet.

    The stand-in base template in tests/templates comes after the project's own
    template directory, so the real base.html wins wherever it exists.
    """
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_FALLBACK]
    settings.TEMPLATES = templates


def work(key):
    """A work as the pages and exports fetch it: every relation formatting reads."""
    return Work.objects.with_list_relations().select_related("part_of").get(key=key)
