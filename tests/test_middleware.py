"""What every answer carries or refuses whatever the page: a Content-Security-Policy that
the pages and the admin live within, and a clear 413 for a body too large to read."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.admin.upload import MAX_UPLOAD_BYTES
from catalogue.models import Work

pytestmark = pytest.mark.usefixtures("seed")


class InlineCode(HTMLParser):
    """What a policy of this site's files only would block: a script written into the page,
    a <style> element, a style= attribute, an on...= handler."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
            self.found.append(f"<script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=...> at line {self.getpos()[0]}")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def policy(response):
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
    }


def public_pages():
    work = Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).order_by("pk").first()
    return [
        "/",
        "/works/",
        "/works/?archive=rgaspi&q=Stalin",
        work.get_absolute_url(),
        "/archives/",
        "/archives/rgaspi/",
        "/archives/rgaspi/fonds/17/",
        "/people/",
        "/people/zhukov-g-k/",
        "/no/such/page/",
        "/works/?year_min=abc",
    ]


def test_every_public_page_runs_under_a_policy_of_its_own_files(client):
    for path in public_pages():
        response = client.get(path)
        assert policy(response)["script-src"] == ["'self'"], path
        assert policy(response)["style-src"] == ["'self'"], path
        assert inline_code(response.content.decode()) == [], path


def test_the_admin_works_under_the_policy(client):
    """The admin's own scripts are files; so must be ours (the reference import page had
    a <style> element)."""
    work = Work.objects.order_by("pk").first()
    assert inline_code(client.get("/admin/login/").content.decode()) == []
    client.force_login(User.objects.create_superuser("csp", "csp@example.org", "pw-csp-1"))
    for path in (
        "/admin/",
        "/admin/catalogue/work/",
        "/admin/catalogue/work/add/",
        f"/admin/catalogue/work/{work.pk}/change/",
        "/admin/catalogue/fond/",
        "/admin/catalogue/work/import-references/?tab=file",
        "/admin/catalogue/work/import-references/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response["Content-Security-Policy"], path
        assert inline_code(response.content.decode()) == [], path


def test_a_body_over_the_limit_is_refused_with_a_413_that_says_the_limit(client, settings):
    settings.OPIS_MAX_REQUEST_BYTES = 1024 * 1024
    response = client.post(
        "/i18n/setlang/", b"language=ru&next=/" + b"x" * 1024 * 1024, "text/plain"
    )
    assert response.status_code == 413
    assert "at most 1 MB" in response.content.decode()
    assert "script-src" in response["Content-Security-Policy"]
    json = client.post("/works/?format=json", b"x" * 2 * 1024 * 1024, "text/plain")
    assert json.status_code == 413 and "at most 1 MB" in json.json()["error"]
    assert client.post("/i18n/setlang/", {"language": "ru", "next": "/"}).status_code == 302


def test_the_admin_still_takes_a_file_of_the_size_it_states(client):
    """The reference file upload states 5 MB: a file of 5 MB reaches the form (which reads
    it), one just over gets the form's own words, a body twice the limit a 413."""
    client.force_login(User.objects.create_superuser("big", "big@example.org", "pw-big-1"))

    def upload(size):
        body = SimpleUploadedFile("refs.ris", b" " * size, "application/x-research-info-systems")
        return client.post(
            "/admin/catalogue/work/import-references/?tab=file", {"file": body, "format": ""}
        )

    stated = upload(MAX_UPLOAD_BYTES)
    assert stated.status_code == 200 and "neither CSL-JSON" in stated.content.decode()
    over = upload(MAX_UPLOAD_BYTES + 1)
    assert over.status_code == 200 and "larger than 5 MB" in over.content.decode()
    assert upload(2 * MAX_UPLOAD_BYTES + 1).status_code == 413
