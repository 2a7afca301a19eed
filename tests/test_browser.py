"""End to end in a real browser: Debian's Chromium driven by Playwright against a live server.

Select them with `-m browser`; they run in `make test` and in CI. With no browser they
skip on a developer's machine but FAIL in CI (CI=true), so a missing install step cannot
hide behind a green run. Set OPIS_SCREENSHOTS=docs to refresh the README's screenshots.
"""

import os
import shutil
import warnings
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from catalogue.models import Work

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def orm_beside_playwright():
    """Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    between browser steps (and the database flush after them) are plain synchronous ones.
    Set only while the browser runs, so that it never leaks into the deployment check of
    tests/test_settings.py, which refuses it."""
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


CHROMIUM = os.environ.get("OPIS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DOCS = Path(__file__).resolve().parent.parent / "docs"


@pytest.fixture(scope="module")
def browser(orm_beside_playwright):
    if not Path(CHROMIUM).exists():
        message = f"No Chromium at {CHROMIUM}: apt-get install chromium (.ci/run does)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # a dev install without the extras
        pytest.fail(f"Playwright is not installed: {error}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server, settings):
    """The live server with the seed data and two editors (fast password hashing)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("loaddata", "archives", "languages", "seed", verbosity=0)
    for name in ("alice", "boris"):
        get_user_model().objects.create_superuser(name, f"{name}@example.org", f"{name}-pass-1")
    return live_server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name, tmp_path):
    """Take a screenshot; copy it into docs/ when OPIS_SCREENSHOTS=docs."""
    path = tmp_path / name
    page.screenshot(path=path, full_page=False)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("OPIS_SCREENSHOTS") == "docs":
        shutil.copy(path, DOCS / name)


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pass-1")
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def test_smoke_playwright_drives_debian_chromium(browser, site, page):
    """Fails loudly if this Playwright release no longer drives the Chromium apt serves."""
    import json

    import playwright

    bundled = json.loads(
        (Path(playwright.__file__).parent / "driver/package/browsers.json").read_text()
    )
    expected = next(b for b in bundled["browsers"] if b["name"] == "chromium")["browserVersion"]
    actual = browser.version
    if actual.split(".")[0] != expected.split(".")[0]:
        warnings.warn(
            f"Chromium {actual} with a Playwright built for {expected}: re-pin playwright "
            "in pyproject.toml to the release whose Chromium major matches.",
            stacklevel=1,
        )
    page.goto(site + "/")
    assert "Opis" in page.title()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Works").click()
    page.wait_for_url("**/works/")
    assert page.locator("h1").inner_text() == "Works"
    assert page.evaluate("() => document.querySelectorAll('li.work').length") > 0


def test_a_historian_filters_by_archive_and_language_and_opens_a_record(site, page, tmp_path):
    page.goto(site + "/works/")
    assert "26 works" in page.locator("p.count").inner_text()
    archives = page.locator("section.facet", has=page.get_by_role("heading", name="Archive"))
    archives.get_by_role("link", name="RGASPI").click()
    page.wait_for_url("**archive=rgaspi**")
    assert "3 works" in page.locator("p.count").inner_text()
    archives.get_by_role("link", name="RGVA").click()
    page.wait_for_url("**archive=rgva**")
    languages = page.locator("section.facet", has=page.get_by_role("heading", name="Language"))
    languages.get_by_role("link", name="Russian").click()
    page.wait_for_url("**language=ru**")
    assert "4 works" in page.locator("p.count").inner_text()
    titles = page.locator("li.work a.title").all_inner_texts()
    assert len(titles) == 4 and any("Kwantung Army" in t for t in titles)
    assert archives.locator("li.selected").count() == 2  # both toggles shown as on
    screenshot(page, "works.png", tmp_path)

    page.get_by_role("link", name="Kwantung Army", exact=False).first.click()
    page.wait_for_url("**/works/*/")
    assert "Kwantung Army" in page.locator("h1").inner_text()
    body = page.locator("main").inner_text()
    assert "RGVA" in body and "32113" in body  # the archival location, down to the fond
    screenshot(page, "record.png", tmp_path)


def test_an_editor_corrects_a_title_and_the_site_shows_it(site, page):
    work = Work.objects.get(key="zhukov1974")
    log_in(page, site, "alice")
    page.goto(f"{site}/admin/catalogue/work/{work.pk}/change/")
    page.fill("#id_title", "Memories and Reflections (corrected in a browser)")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/catalogue/work/")
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()

    page.goto(site + work.get_absolute_url())
    assert page.locator("h1").inner_text() == "Memories and Reflections (corrected in a browser)"
    page.goto(f"{site}/admin/catalogue/work/{work.pk}/history/")
    assert "alice" in page.locator("#content").inner_text()


def test_two_editors_at_once_the_second_is_told_what_changed(browser, site, tmp_path):
    work = Work.objects.get(key="zhukov1974")
    url = f"{site}/admin/catalogue/work/{work.pk}/change/"
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        alice, boris = (context.new_page() for context in contexts)
        log_in(alice, site, "alice")
        log_in(boris, site, "boris")
        alice.goto(url)
        boris.goto(url)  # both forms open on the same version

        alice.fill("#id_title", "Memories and Reflections (Alice)")
        alice.click("input[name=_save]")
        alice.wait_for_url("**/admin/catalogue/work/")

        boris.fill("#id_title", "Memories and Reflections (Boris)")
        boris.click("input[name=_save]")
        boris.wait_for_load_state()
        error = boris.locator("ul.errorlist.nonfield").inner_text()
        assert "This record changed after you opened it" in error
        assert "Changed by alice" in error
        assert "“Memories and Reflections” → “Memories and Reflections (Alice)”" in error
        screenshot(boris, "admin-conflict.png", tmp_path)

        alice.goto(site + work.get_absolute_url())
        assert alice.locator("h1").inner_text() == "Memories and Reflections (Alice)"
    finally:
        for context in contexts:
            context.close()


def test_the_admin_and_the_pages_break_no_rule_of_the_content_security_policy(site, page):
    """Chromium reports each script, style or image the policy blocks on the console: the
    public pages and the admin's pages an editor uses report none, and the admin's scripts
    run (the changelist's select-all box ticks every row)."""
    blocked = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and blocked.append(message.text),
    )
    work = Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).order_by("pk").first()
    for path in ("/", "/works/?archive=rgaspi", work.get_absolute_url(), "/archives/rgaspi/"):
        page.goto(site + path)
    log_in(page, site, "alice")
    for path in (
        "/admin/catalogue/work/add/",
        f"/admin/catalogue/work/{work.pk}/change/",
        "/admin/catalogue/work/import-references/",
        "/admin/catalogue/work/import/",
        "/admin/catalogue/work/",
    ):
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
    page.check("#action-toggle")
    assert (
        page.locator("input.action-select:checked").count()
        == page.locator("input.action-select").count()
    )
    assert blocked == []


def test_a_reader_copies_a_citation_and_a_whole_list(browser, site):
    """The copy buttons (catalogue/copy.js): one citation, then a filtered list in one style."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(site + Work.objects.get(key="zhukov1974").get_absolute_url())
        button = page.locator('button[data-copy="cite-gost"]')
        button.click()
        page.wait_for_function("b => b.textContent === 'Copied'", arg=button.element_handle())
        assert page.evaluate("navigator.clipboard.readText()") == (
            "Жуков Г. К. Воспоминания и размышления. Т. 1. М.: Agentstvo pechati Novosti, 1974."
        )
        page.goto(site + "/works/?archive=rgaspi")
        button = page.locator('button[data-copy-url$="format=chicago"]')
        button.click()
        page.wait_for_function("b => b.textContent === 'Copied'", arg=button.element_handle())
        lines = page.evaluate("navigator.clipboard.readText()").splitlines()
        assert len(lines) == 3 and all(line.endswith("RGASPI, Moscow.") for line in lines)
    finally:
        context.close()
