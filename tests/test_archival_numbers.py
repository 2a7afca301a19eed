"""What an archival number may hold (issue 23): `f. 33987/2`, from the admin, a CSL file
or a pasted list, made /works/, its JSON, searches and the archive's page answer 500 for
every reader, because no URL can carry the slash. The rule is archival.number_problem;
a number saved before it (or round it) shows without a link, never a failed page."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalogue.citations import ArchiveRegistry, parse_text
from catalogue.importing import writing
from catalogue.importing.reference_list import ImportFailed, import_references
from catalogue.models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Fond,
    Inventory,
    Work,
)


@pytest.fixture
def rgaspi(seed):
    return Archive.objects.get(slug="rgaspi")


@pytest.mark.parametrize("number", ["33987/2", "17\n2", "..", "x" * 41])
def test_a_number_no_url_can_carry_is_refused_by_full_clean(rgaspi, number):
    with pytest.raises(ValidationError) as refused:
        Fond(archive=rgaspi, number=number).full_clean()
    assert "number" in refused.value.message_dict


def test_the_database_refuses_a_slash_too(rgaspi):
    with pytest.raises(IntegrityError), transaction.atomic():
        Fond.objects.create(archive=rgaspi, number="33987/2")


def test_the_admin_answers_a_slash_with_a_form_error(client, rgaspi):
    user = get_user_model().objects.create_superuser("admin", password="x")
    client.force_login(user)
    response = client.post(
        "/admin/catalogue/fond/add/", {"archive": rgaspi.pk, "number": "33987/2", "title": ""}
    )
    assert response.status_code == 200
    assert "cannot hold a slash" in response.content.decode()
    assert not Fond.objects.filter(number="33987/2").exists()


def test_a_pasted_slash_is_flagged_and_an_edited_one_refuses_the_list_whole(rgaspi):
    citing = Work.objects.get(key="batunaev2019")
    text = (
        "30. RGASPI. F. 17. Op. 162. D. 21. L. 5.\n31. RGASPI. F. 17/2. Op. 162. D. 18. L. 18-19.\n"
    )
    parsed = parse_text(text, ArchiveRegistry.from_db())
    # The parser reads `17/2` as fond 17 and says what it did not read, for the editor.
    assert parsed[1].fond == "17" and "/2" in str(parsed[1].unsure)
    # An editor who types the slash back in the review grid gets the list refused whole.
    parsed[1].fond = "17/2"
    before = (Work.objects.count(), Fond.objects.count(), ArchivalFile.objects.count())
    with pytest.raises(ImportFailed, match=r"line 2 \(reference 31\).*slash"):
        import_references(parsed, citing)
    assert (Work.objects.count(), Fond.objects.count(), ArchivalFile.objects.count()) == before


CSL = [
    {
        "id": "slashed",
        "type": "manuscript",
        "title": "A report with a slashed fond",
        "archive": "RGASPI",
        "archive_location": "f. 33987/2, op. 1, d. 5, l. 3",
    },
    {
        "id": "plain",
        "type": "manuscript",
        "title": "A report with a plain fond",
        "archive": "RGASPI",
        "archive_location": "f. 33987, op. 1, d. 5, l. 3",
    },
]


def test_a_csl_record_with_a_slash_is_reported_and_the_others_go_on(rgaspi):
    result = writing.import_text(json.dumps(CSL), "csl-json")
    [problem] = result.problems
    assert "A report with a slashed fond" in problem and "33987/2" in problem
    assert "slash" in problem
    assert not Fond.objects.filter(number__contains="/").exists()
    assert ArchivalLocation.objects.filter(
        work__title="A report with a plain fond", file__inventory__fond__number="33987"
    ).exists()


@pytest.fixture
def unlinkable(rgaspi):
    """A fond, inventory and file whose numbers no URL can carry, saved round the rule (a
    tab, which the database's constraint lets through), cited by a seed work."""
    fond = Fond.objects.create(archive=rgaspi, number="17\t2")
    inventory = Inventory.objects.create(
        fond=Fond.objects.get(archive=rgaspi, number="17"), number="1\t1"
    )
    file = ArchivalFile.objects.create(inventory=inventory, number="9\t9")
    Inventory.objects.create(fond=fond, number="3")
    work = Work.objects.get(key="rgaspi-17-162-18")
    ArchivalLocation.objects.create(work=work, file=file, folios="1", position=2)
    return work


@pytest.mark.parametrize(
    "path",
    [
        "/works/",
        "/works/?format=json",
        "/works/?q=RGASPI",
        "/works/?archive=rgaspi&format=json",
        "/archives/rgaspi/",
        "/archives/rgaspi/?format=json",
        "/archives/rgaspi/fonds/17/",
        "/archives/rgaspi/fonds/17/?format=json",
    ],
)
def test_pages_show_a_unit_no_url_can_carry_without_a_link(client, unlinkable, path):
    response = client.get(path)
    assert response.status_code == 200


def test_the_work_shows_its_unlinkable_file_as_text(client, unlinkable):
    page = client.get(unlinkable.get_absolute_url()).content.decode()
    assert "d. 9\t9" in page and "op. 1\t1" in page
    assert 'href="/archives/rgaspi/fonds/17/inventories/162/"' in page  # the other location


def test_the_inventory_page_lists_an_unlinkable_file_as_text(client, unlinkable):
    inventory = Inventory.objects.get(fond__archive__slug="rgaspi", fond__number="17", number="162")
    ArchivalFile.objects.create(inventory=inventory, number="7\t7")
    response = client.get(inventory.get_absolute_url())
    assert response.status_code == 200
    assert "d. 7\t7" in response.content.decode()
