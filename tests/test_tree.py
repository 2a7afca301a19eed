"""The archival tree: inventory, folder and file pages, their JSON twins, their query
counts on a 10,000-file inventory, and links that survive edits of titles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.archival import natural_key
from catalogue.models import (
    ArchivalFile,
    ArchivalLocation,
    Archive,
    Citation,
    Folder,
    Fond,
    Inventory,
    Work,
)
from tests.test_views import page_statements

pytestmark = pytest.mark.usefixtures("seed")

RGASPI_17_162 = "/archives/rgaspi/fonds/17/inventories/162/"
AVP_FILE = "/archives/avp-rf/fonds/9/inventories/25/folders/100/files/38/"


def test_an_inventory_lists_its_files_with_cited_folios_and_citing_works(client):
    data = client.get(f"{RGASPI_17_162}?format=json").json()
    assert (data["archive"], data["fond"], data["inventory"]) == ("rgaspi", "17", "162")
    assert data["fond_url"] == "/archives/rgaspi/fonds/17/"
    files = data["files"]
    assert files["count"] == 2 and files["next"] is None
    by_number = {row["number"]: row for row in files["results"]}
    assert sorted(by_number) == ["18", "20"]
    assert by_number["20"]["url"] == f"{RGASPI_17_162}files/20/"
    [document] = by_number["18"]["documents"]
    assert document["folios"] == "18-19"
    assert document["title"].startswith("From the protocol No 26")
    citing = Work.objects.get(key="batunaev2019")
    assert document["cited_by"] == [
        {"id": citing.pk, "title": citing.title, "url": citing.get_absolute_url(), "number": 9}
    ]

    html = client.get(RGASPI_17_162).content.decode()
    assert "RGASPI, f. 17, op. 162" in html
    assert f'href="{RGASPI_17_162}files/18/"' in html
    assert "ll. 18–19" in html and "l. 162" in html
    assert f'href="{citing.get_absolute_url()}"' in html


def test_a_file_in_a_folder_is_reached_through_its_folder(client):
    response = client.get(AVP_FILE)
    assert response.status_code == 200
    assert "AVP RF, f. 9, op. 25, p. 100, d. 38" in response.content.decode()
    data = client.get(f"{AVP_FILE}?format=json").json()
    assert (data["folder"], data["number"]) == ("100", "38")
    assert data["folder_url"] == "/archives/avp-rf/fonds/9/inventories/25/folders/100/"
    [document] = data["documents"]["results"]
    assert document["folios"] == "73-74"
    assert document["cited_by"][0]["number"] == 7
    # Without its folder the address names another file, which does not exist.
    assert (
        client.get("/archives/avp-rf/fonds/9/inventories/25/files/38/?format=json").status_code
        == 404
    )


def test_a_folder_lists_its_files(client):
    data = client.get("/archives/avp-rf/fonds/9/inventories/25/folders/100/?format=json").json()
    assert [row["url"] for row in data["files"]["results"]] == [AVP_FILE]
    html = client.get("/archives/avp-rf/fonds/9/inventories/25/").content.decode()
    assert f'href="{AVP_FILE}"' in html
    assert 'href="/archives/avp-rf/fonds/9/inventories/25/folders/100/">p. 100</a>' in html


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/archives/rgaspi/fonds/17/inventories/999/?format=json", 404),
        ("/archives/rgaspi/fonds/18/inventories/162/?format=json", 404),
        ("/archives/nowhere/fonds/17/inventories/162/?format=json", 404),
        (f"{RGASPI_17_162}files/19/?format=json", 404),
        (f"{RGASPI_17_162}?format=json&page=2", 404),
        (f"{RGASPI_17_162}?format=json&page=abc", 400),
        (f"{RGASPI_17_162}?format=xml", 400),
        (f"{RGASPI_17_162}?format=bibtex", 400),
    ],
)
def test_bad_addresses_are_a_clear_404_or_400(client, url, status):
    assert client.get(url).status_code == status


def test_archival_numbers_are_strings_in_addresses(client):
    garf = Archive.objects.get(slug="garf")
    fond = Fond.objects.create(archive=garf, number="Р-9401")
    inventory = Inventory.objects.create(fond=fond, number="1а")
    ArchivalFile.objects.create(inventory=inventory, number="06", title="File nought-six")
    ArchivalFile.objects.create(inventory=inventory, number="6", title="File six")
    url = reverse("catalogue:file-detail", args=["garf", "Р-9401", "1а", "06"])
    assert url == "/archives/garf/fonds/%D0%A0-9401/inventories/1%D0%B0/files/06/"
    assert client.get(f"{url}?format=json").json()["title"] == "File nought-six"
    six = reverse("catalogue:file-detail", args=["garf", "Р-9401", "1а", "6"])
    assert client.get(f"{six}?format=json").json()["title"] == "File six"
    inventory_page = client.get(
        reverse("catalogue:inventory-detail", args=["garf", "Р-9401", "1а"]) + "?format=json"
    ).json()
    assert [row["number"] for row in inventory_page["files"]["results"]] == ["06", "6"]


def test_links_survive_edits_of_titles(client):
    work = Work.objects.get(key="rgaspi-17-162-20")
    urls = {
        "work": work.get_absolute_url(),
        "archive": "/archives/rgaspi/",
        "fond": "/archives/rgaspi/fonds/17/",
        "inventory": RGASPI_17_162,
        "file": f"{RGASPI_17_162}files/20/",
    }
    before = {name: client.get(f"{url}?format=json").status_code for name, url in urls.items()}
    assert set(before.values()) == {200}

    Work.objects.filter(pk=work.pk).update(title="Corrected title of the decision")
    archive = Archive.objects.get(slug="rgaspi")
    archive.name_en = "Renamed archive"
    archive.save()
    Fond.objects.filter(archive=archive, number="17").update(title="Central Committee of the CPSU")
    Inventory.objects.filter(fond__archive=archive, number="162").update(title="Special files")
    ArchivalFile.objects.filter(inventory__number="162", number="20").update(title="Politburo")

    assert client.get(f"{urls['work']}?format=json").json()["title"] == (
        "Corrected title of the decision"
    )
    assert client.get(f"{urls['archive']}?format=json").json()["name_en"] == "Renamed archive"
    assert client.get(f"{urls['fond']}?format=json").json()["title"] == (
        "Central Committee of the CPSU"
    )
    assert client.get(f"{urls['inventory']}?format=json").json()["title"] == "Special files"
    assert client.get(f"{urls['file']}?format=json").json()["title"] == "Politburo"
    assert client.get(urls["file"]).status_code == 200


# A fixed query count, whatever the size of the inventory.


def build_inventory(fond_number, size, cited=10):
    """An AVP RF inventory with one folder of `size` files; the first `cited` are cited."""
    archive = Archive.objects.get(slug="avp-rf")
    fond = Fond.objects.create(archive=archive, number=fond_number)
    inventory = Inventory.objects.create(fond=fond, number="1")
    folder = Folder.objects.create(inventory=inventory, number="1")
    ArchivalFile.objects.bulk_create(
        [
            # bulk_create skips the pre_save signal that derives sort keys: set them here.
            ArchivalFile(
                inventory=inventory, folder=folder, number=str(n), sort_key=natural_key(str(n))
            )
            for n in range(1, size + 1)
        ],
        batch_size=2000,
    )
    citing = Work.objects.create(key=f"citing-{fond_number}", kind="article", title="A citing work")
    for n, file in enumerate(inventory.files.order_by("sort_key")[:cited], start=1):
        document = Work.objects.create(
            key=f"doc-{fond_number}-{n}", kind="archival_document", title=f"Document {n}"
        )
        ArchivalLocation.objects.create(work=document, file=file, folios=f"{n}-{n + 1}")
        Citation.objects.create(citing=citing, cited=document, number=n, text_as_printed="x")
    return f"/archives/avp-rf/fonds/{fond_number}/inventories/1/"


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return page_statements(queries)


def test_tree_pages_cost_the_same_queries_for_10_and_10000_files(client):
    small = build_inventory("small", 10)
    big = build_inventory("big", 10_000)
    pages = {
        "inventory": "",
        "inventory json": "?format=json",
        "folder": "folders/1/",
        "folder json": "folders/1/?format=json",
        "file": "folders/1/files/1/",
        "file json": "folders/1/files/1/?format=json",
    }
    counts = {}
    for name, suffix in pages.items():
        counts[name] = (count_queries(client, small + suffix), count_queries(client, big + suffix))
    counts["fond json"] = (
        count_queries(client, "/archives/avp-rf/fonds/small/?format=json"),
        count_queries(client, "/archives/avp-rf/fonds/big/?format=json"),
    )
    for name, (for_ten, for_ten_thousand) in counts.items():
        assert for_ten == for_ten_thousand, (name, counts)
    # The catalogue's version (page_cache.py), then the unit with its ancestors, a count,
    # a page of files, their locations, their citations.
    assert counts["inventory"][0] == 6
    assert counts["folder"][0] == 6
    # The version, the file with its ancestors, a count, a page of locations, their citations.
    assert counts["file"][0] == 5

    # The last page of the big inventory: no cited file there, so one query fewer at most.
    assert count_queries(client, f"{big}?format=json&page=100") <= counts["inventory"][1]

    big_page = client.get(f"{big}?format=json").json()["files"]
    assert big_page["count"] == 10_000
    assert len(big_page["results"]) == 100
    assert big_page["next"] == f"{big}?format=json&page=2"
    assert [row["number"] for row in big_page["results"][:3]] == ["1", "2", "3"]


def test_the_fond_links_to_its_inventories(client):
    data = client.get("/archives/rgaspi/fonds/17/?format=json").json()
    assert [inv["url"] for inv in data["inventories"]] == [RGASPI_17_162]
