"""Each unit's page is where its link says, and a unit no URL can carry is shown as text."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix

from catalogue.models import ArchivalFile, Archive, Fond, Inventory, Work


def test_a_script_prefix_is_kept():
    """Served under a prefix (SCRIPT_NAME), links carry it."""
    work = Work(pk=5)
    set_script_prefix("/opis/")
    try:
        assert work.get_absolute_url() == "/opis/works/5/"
    finally:
        clear_script_prefix()
    assert work.get_absolute_url() == "/works/5/"


def test_numbers_as_archives_print_them_are_quoted():
    archive = Archive(slug="rgaspi")
    fond = Fond(archive=archive, number="Р-9401")
    inventory = Inventory(fond=fond, number="3 доп.")
    file = ArchivalFile(inventory=inventory, number="50%")
    assert file.get_absolute_url() == reverse(
        "catalogue:file-detail", args=["rgaspi", "Р-9401", "3 доп.", "50%"]
    )
    assert "%25" in file.get_absolute_url()


@pytest.mark.parametrize("number", ["", "a/b", "bad\x00"])
def test_values_no_url_takes_give_no_link(number):
    """No link rather than a failed page (issue 23: `f. 33987/2` took /works/ down)."""
    with pytest.raises(NoReverseMatch):
        reverse("catalogue:fond-detail", args=["rgaspi", number])
    assert Fond(archive=Archive(slug="rgaspi"), number=number).get_absolute_url() is None
