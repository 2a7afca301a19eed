"""A CSL-JSON upload holding odd values (issue 23): each is a form error naming the record
and the field, nothing is imported, and no value gives a server error."""

import json
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.models import ArchivalFile, Contribution, Person, Work

pytestmark = pytest.mark.usefixtures("seed")


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_work", "change_work", "view_work"])
    )
    client.force_login(user)
    return client


def upload(client, text):
    file = SimpleUploadedFile(
        "refs.json", text.encode("utf-8", "surrogatepass"), "application/json"
    )
    return client.post(
        "/admin/catalogue/work/import-references/?tab=file", {"file": file, "format": ""}
    )


def counts():
    return tuple(model.objects.count() for model in (Work, Person, Contribution, ArchivalFile))


GOOD = {"id": "good1", "type": "book", "title": "A good book", "issued": {"date-parts": [[2001]]}}


@pytest.mark.parametrize(
    ("bad", "field", "says"),
    [
        ({"issued": {"date-parts": [[2001, "May"]]}}, "issued", "whole numbers"),
        ({"volume": "HUGE"}, "volume", "5,000 digits"),
        ({"title": ["A", "list"]}, "title", "must be text, not a list"),
        ({"author": "Smith, John"}, "author", "must be a list of names"),
        ({"author": [{"family": {"a": 1}}]}, "author", "family must be text"),
        ({"publisher": {"name": "Nauka"}}, "publisher", "not an object"),
        ({"ISBN": [["978"]]}, "ISBN", "not a list"),
        ({"issued": "2001"}, "issued", "must be an object"),
        ({"note": "\ud800"}, "note", "not text"),
    ],
)
def test_an_odd_value_is_a_form_error_naming_record_and_field(editor, bad, field, says):
    record = {"id": "odd7", "type": "book", "title": "An odd book", **bad}
    text = json.dumps([GOOD, record]).replace('"HUGE"', "9" * 5000)
    before = counts()
    response = upload(editor, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Record 2 (id “odd7”" in page and f"“{field}”" in page and says in page
    assert counts() == before  # not even the good record: the file is refused whole


def test_json_nested_too_deeply_is_a_form_error(editor):
    before = counts()
    response = upload(editor, "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 200
    assert "nested too deeply" in response.content.decode()
    assert counts() == before


# Random CSL-ish records: the values of each field drawn from what a reference manager
# writes and what an attacker might.
hostile = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.just("9" * 5000),  # a long number, spliced in as JSON below
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.sampled_from(["family", "given", "literal", "x"]), st.text(max_size=8)),
)
name = st.one_of(
    st.fixed_dictionaries({"family": st.text(max_size=20)}, optional={"given": hostile}),
    hostile,
)
date = st.one_of(
    st.fixed_dictionaries(
        {
            "date-parts": st.one_of(
                st.lists(st.lists(st.one_of(st.integers(-3000, 3000), hostile), max_size=4)),
                hostile,
            )
        },
        optional={"literal": hostile},
    ),
    hostile,
)
record = st.fixed_dictionaries(
    {"title": st.one_of(st.text(min_size=1, max_size=40), hostile)},
    optional={
        "id": hostile,
        "type": st.one_of(st.sampled_from(["book", "article-journal", "manuscript"]), hostile),
        "author": st.one_of(st.lists(name, max_size=3), hostile),
        "editor": st.one_of(st.lists(name, max_size=2), hostile),
        "issued": date,
        "volume": hostile,
        "page": hostile,
        "container-title": hostile,
        "DOI": hostile,
        "ISBN": hostile,
        "URL": hostile,
        "language": hostile,
        "archive": st.one_of(st.just("RGASPI"), hostile),
        "archive_location": st.one_of(
            st.just("f. 17/2, op. 1, d. 5"), st.just("f. 1, op. 1, d. 1"), hostile
        ),
    },
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(records=st.lists(record, min_size=1, max_size=4))
def test_random_records_never_give_a_server_error_nor_half_an_import(editor, records):
    text = json.dumps(records).replace('"' + "9" * 5000 + '"', "9" * 5000)
    before = counts()
    response = upload(editor, text)  # a server error would raise here
    assert response.status_code == 200
    page = response.content.decode()
    if "errorlist" in page:  # refused: nothing at all was written
        assert counts() == before
        assert "Record " in page or "nested" in page or "no reference" in page
    else:  # imported: each record whole, or named among the problems
        created = re.search(r"Created: (\d+), updated: \d+", page)
        assert created and Work.objects.count() == before[0] + int(created[1])
