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
    assert "26 works" in page.locator("#results-heading").inner_text()
    archives = page.locator("section.facet", has=page.get_by_role("heading", name="Archive"))
    archives.get_by_role("link", name="RGASPI").click()
    page.wait_for_url("**archive=rgaspi**")
    assert "3 works" in page.locator("#results-heading").inner_text()
    archives.get_by_role("link", name="RGVA").click()
    page.wait_for_url("**archive=rgva**")
    languages = page.locator("section.facet", has=page.get_by_role("heading", name="Language"))
    languages.get_by_role("link", name="Russian").click()
    page.wait_for_url("**language=ru**")
    assert "4 works" in page.locator("#results-heading").inner_text()
    titles = page.locator("li.work a.title").all_inner_texts()
    assert len(titles) == 4 and any("Kwantung Army" in t for t in titles)
    assert archives.locator("li.selected").count() == 2  # both toggles shown as on

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


def test_on_a_desktop_a_reader_searches_first_then_narrows_by_facet_and_years(
    browser, site, tmp_path
):
    """1366 px: the search box leads, the answer names the search, the filters sit beside
    the results, a facet keeps the search and a bar of the histogram selects its years."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(site + "/works/")
        search = page.get_by_role("searchbox", name="Search the works")
        assert search.bounding_box()["y"] < page.locator("li.work").first.bounding_box()["y"]
        search.fill("Mongolia")
        search.press("Enter")
        page.wait_for_url("**q=Mongolia**")
        said = page.locator("#results-heading").inner_text()
        count = int(said.split()[0])
        assert count > 1 and "works for «Mongolia»" in said
        filters = page.locator("details.filters")
        results = page.locator("section.results")
        assert filters.get_attribute("open") is not None  # beside the results, no drawer
        assert page.locator("details.filters > summary").is_hidden()
        assert (
            filters.bounding_box()["x"] + filters.bounding_box()["width"]
            <= (results.bounding_box()["x"])
        )
        sort = page.get_by_label("Sort by")
        assert sort.evaluate("s => s.scrollWidth <= s.clientWidth")  # its label not cut off

        languages = page.locator("section.facet", has=page.get_by_role("heading", name="Language"))
        languages.get_by_role("link", name="Russian").click()
        page.wait_for_url("**language=ru**")
        assert "q=Mongolia" in page.url  # the search kept
        narrowed = int(page.locator("#results-heading").inner_text().split()[0])
        assert 0 < narrowed <= count
        screenshot(page, "works.png", tmp_path)

        bar = page.locator(".histogram li > a").first
        first, _, rest = bar.locator(".span").inner_text().partition("–")
        in_bar = int(bar.locator(".count").inner_text())
        bar.click()
        page.wait_for_url(f"**year_min={first}**")
        assert "q=Mongolia" in page.url and "language=ru" in page.url
        said = page.locator("#results-heading").inner_text()
        assert said.startswith(f"{in_bar} work")
        years = [int(y) for y in page.locator("li.work .year").all_inner_texts()]
        assert years and all(int(first) <= y <= int(rest or first) for y in years)
        # The years in force are listed above the results, and removed in one click.
        page.get_by_role("link", name=f"Years: {first}", exact=False).click()
        page.wait_for_url(lambda url: "year_min" not in url)
        assert int(page.locator("#results-heading").inner_text().split()[0]) == narrowed
    finally:
        context.close()


def test_on_a_phone_the_results_come_first_and_the_filters_open_by_keyboard(
    browser, site, tmp_path
):
    """390 px: the first result starts on the first screen, the filters fold into a drawer
    that the keyboard reaches and opens, and a facet inside it narrows the list."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(site + "/works/?q=Mongolia")
        first = page.locator("li.work").first.bounding_box()
        assert first["y"] + 20 < 844, first  # its title is on the first screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
        drawer = page.locator("details.filters")
        assert drawer.get_attribute("open") is None
        assert page.locator("section.facet").first.is_hidden()
        screenshot(page, "works-phone.png", tmp_path)
        summary = drawer.locator("summary")
        for _ in range(40):  # Tab until the drawer's handle has the focus
            page.keyboard.press("Tab")
            if summary.evaluate("s => s === document.activeElement"):
                break
        else:
            pytest.fail("The filters' drawer is not reached with Tab")
        page.keyboard.press("Enter")
        assert drawer.get_attribute("open") is not None
        archive = page.locator("section.facet", has=page.get_by_role("heading", name="Archive"))
        link = archive.get_by_role("link").first
        assert link.is_visible()
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**archive=**")
        assert "q=Mongolia" in page.url
        assert page.locator("details.filters summary .badge").inner_text() == "1"

        # In Russian too, whose words are longer: nothing runs off the screen.
        context.add_cookies([{"name": "django_language", "value": "ru", "url": site}])
        page.goto(site + "/works/?q=Монголия&language=ru")
        assert "по запросу «Монголия»" in page.locator("#results-heading").inner_text()
        assert page.locator("li.work").first.bounding_box()["y"] + 20 < 844
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        sort = page.get_by_label("Порядок")
        assert sort.evaluate("s => s.scrollWidth <= s.clientWidth")
    finally:
        context.close()


def test_the_data_menu_opens_by_keyboard_and_leads_to_this_lists_json(browser, site, page):
    page.goto(site + "/works/?archive=rgaspi")
    menu = page.locator("details.data-menu")
    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    link = menu.get_by_role("link", name="This page as JSON")
    assert link.is_visible()
    response = page.request.get(site + "/works/" + link.get_attribute("href"))
    assert response.json()["count"] == 3


@pytest.mark.parametrize("width, shown", [(1366, True), (390, False)])
def test_without_javascript_the_filters_sit_beside_the_results_or_fold_on_a_phone(
    browser, site, width, shown
):
    """The drawer is a <details>: CSS alone shows it open beside the results on a wide
    screen, and on a phone the reader opens it with a click on its handle."""
    context = browser.new_context(
        viewport={"width": width, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(site + "/works/")
        facet = page.locator("section.facet").first
        assert facet.is_visible() is shown
        if not shown:
            page.locator("details.filters > summary").click()
            assert facet.is_visible()
            facet.get_by_role("link").first.click()
            page.wait_for_url("**archive=**")
    finally:
        context.close()
