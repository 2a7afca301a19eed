"""The unAPI endpoint that Zotero's connector asks for the works a page marks
(tests/test_zotero.py checks what Zotero itself makes of it)."""

import pytest
import rispy

from catalogue.models import Work

pytestmark = pytest.mark.usefixtures("seed")


def test_work_and_list_pages_name_the_endpoint_and_mark_their_works(client):
    work = Work.objects.get(key="zhukov1974")
    for path, keys in (
        (work.get_absolute_url(), ["zhukov1974"]),
        ("/works/?archive=rgva", ["rgva-32113-1-4"]),
    ):
        html = client.get(path).content.decode()
        assert (
            '<link rel="unapi-server" type="application/xml" title="unAPI" href="/unapi/">' in html
        )
        for key in keys:
            assert f'<abbr class="unapi-id" title="{key}"></abbr>' in html


def test_it_lists_the_formats_zotero_reads(client):
    response = client.get("/unapi/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert '<format name="ris" type="application/x-research-info-systems"/>' in response.text
    # For one work, the spec's 300 Multiple Choices with the same formats.
    response = client.get("/unapi/?id=zhukov1974")
    assert response.status_code == 300
    assert '<formats id="zhukov1974">' in response.text


def test_it_serves_a_work_as_ris(client):
    response = client.get("/unapi/?id=rgaspi-17-162-20&format=ris")
    assert response.status_code == 200
    [entry] = rispy.loads(response.content.decode())
    assert entry["type_of_reference"] == "MANSCPT"
    assert entry["accession_number"] == "f. 17, op. 162, d. 20, l. 162"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("id=nowhere&format=ris", 404),
        ("id=zhukov1974&format=mods", 406),
        ("id=%00&format=ris", 404),
        (f"id={'x' * 5000}", 404),
    ],
)
def test_an_unknown_work_or_format_is_refused(client, query, status):
    assert client.get(f"/unapi/?{query}").status_code == status


def test_a_work_page_describes_the_work_in_highwire_meta_tags(client):
    """For the readers of `citation_*` tags (Google Scholar, Mendeley, Zotero's Embedded
    Metadata, which Zotero leaves for unAPI when both are there)."""
    html = client.get(Work.objects.get(key="batunaev2019").get_absolute_url()).content.decode()
    for name, content in (
        (
            "citation_title",
            "Khalkhin-Gol: Military and Political Cooperation of the USSR and the MNR (1939-1945)",
        ),
        ("citation_author", "Batunaev, Eduard V."),
        (
            "citation_journal_title",
            "Tyumen State University Herald. Humanities Research. Humanitates",
        ),
        ("citation_firstpage", "173"),
        ("citation_lastpage", "184"),
        ("citation_doi", "10.21684/2411-197X-2019-5-3-173-184"),
    ):
        assert f'<meta name="{name}" content="{content}">' in html
