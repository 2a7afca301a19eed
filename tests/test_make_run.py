"""What `make run` does before it serves never overwrites what an editor saved."""

import re
import shlex
from pathlib import Path

import pytest
from django.core.management import call_command

from catalogue.models import Work

from .test_trust import form_data, staff

MAKEFILE = Path(__file__).resolve().parent.parent / "Makefile"


def start_commands():
    """The manage.py commands of the Makefile's `run` recipe, runserver left out."""
    recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", MAKEFILE.read_text(), re.MULTILINE).group(1)
    commands = [shlex.split(line.split("manage.py", 1)[1]) for line in recipe.splitlines()]
    assert commands[-1][0] == "runserver"
    return commands[:-1]


@pytest.fixture
def start(settings, capsys):
    """Run what `make run` runs before serving (with DEBUG on, as it does)."""
    settings.DEBUG = True

    def run():
        for command in start_commands():
            call_command(*command)
        return capsys.readouterr().out

    return run


def test_a_start_keeps_a_seed_record_corrected_in_the_admin_and_its_history(db, start):
    start()  # the first start, on an empty database, loads the seed
    assert Work.objects.count() == 26
    alice = staff("alice", "Editors")
    work = Work.objects.get(key="zhukov1974")
    data = form_data(alice.get(f"/admin/catalogue/work/{work.pk}/change/"))
    data["title"] = "Memories and Reflections, corrected"
    assert alice.post(f"/admin/catalogue/work/{work.pk}/change/", data).status_code == 302

    output = start()

    work.refresh_from_db()
    assert work.title == "Memories and Reflections, corrected"
    # The history still describes the record as it is.
    assert work.history.latest().title == work.title
    assert work.history.latest().history_user.username == "alice"
    assert "the seed was not loaded" in output


def test_the_seed_is_not_loaded_over_a_catalogue_that_holds_other_records(db, start):
    call_command("loaddata", "languages", verbosity=0)  # say, an import's languages only
    output = start()
    assert not Work.objects.exists()
    [said] = [line for line in output.splitlines() if "seed" in line]
    assert said.startswith("The catalogue already holds languages: the seed was not loaded")
