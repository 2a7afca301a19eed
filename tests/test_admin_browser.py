"""The admin as an editor sees it at 1366 px, in Debian's Chromium (issue 26): the works
list with room for long titles, the change form, the one import page, and axe-core's
accessibility check of each, in English and Russian.

Uses test_browser.py's browser, live server and screenshot helpers (marker `browser`);
OPIS_SCREENSHOTS=docs refreshes docs/admin-changelist.png and docs/admin-import.png.
"""

import pytest

from catalogue.models import Citation, Work
from tests.test_browser import (  # noqa: F401  (fixtures, found by pytest by name)
    browser,
    log_in,
    orm_beside_playwright,
    screenshot,
    site,
)

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 1366, 768
# A title as long as some the catalogue holds: 200 characters.
LONG_TITLE = (
    "Report of the Commander of the 57th Special Corps to the People's Commissar of Defence "
    "on the Fighting at Khalkhin-Gol River in May and June 1939, with Maps, Orders and Lists "
    "of the Fallen"
)[:200]


@pytest.fixture
def desk(browser):  # noqa: F811
    """A page at 1366 × 768, the laptop screen most editors have."""
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def lines_of(page, selector):
    """How many lines the text of the first `selector` takes on the screen."""
    return page.evaluate(
        """s => { const e = document.querySelector(s);
                  const h = parseFloat(getComputedStyle(e).lineHeight) || 16;
                  const r = document.createRange(); r.selectNodeContents(e);
                  return Math.round(r.getBoundingClientRect().height / h); }""",
        selector,
    )


def test_an_editor_reads_a_long_title_and_its_location_in_the_works_list(site, desk, tmp_path):  # noqa: F811
    document = Work.objects.filter(kind=Work.Kind.ARCHIVAL_DOCUMENT).order_by("sort_title")[0]
    Work.objects.filter(pk=document.pk).update(title=LONG_TITLE, sort_title="a")
    log_in(desk, site, "alice")
    desk.goto(f"{site}/admin/catalogue/work/")
    title = "#result_list tbody tr:first-child .field-title"
    assert LONG_TITLE in desk.locator(title).inner_text()
    assert lines_of(desk, title) <= 6  # it wrapped over 15 to 20 lines in ~90 px
    location = desk.locator("#result_list tbody tr:first-child .field-archival_location")
    assert str(document.locations.first()) in location.inner_text()
    # Every column in view beside the sidebar and the filters: no sideways scrolling.
    assert desk.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert desk.evaluate(
        "(r => r.scrollWidth <= r.clientWidth)(document.querySelector('#changelist .results'))"
    )
    screenshot(desk, "admin-changelist.png", tmp_path)


def test_an_editor_edits_a_long_title_in_a_text_area(site, desk):  # noqa: F811
    work = Work.objects.get(key="zhukov1974")
    Work.objects.filter(pk=work.pk).update(title=LONG_TITLE)
    log_in(desk, site, "alice")
    desk.goto(f"{site}/admin/catalogue/work/{work.pk}/change/")
    # The heading (the record's long title) does not run under History / View on site.
    heading = desk.locator("#content > h2").bounding_box()
    tools = desk.locator("ul.object-tools").bounding_box()
    assert (
        heading["y"] + heading["height"] <= tools["y"]
        or tools["y"] + tools["height"] <= heading["y"]
    ), (heading, tools)
    field = desk.locator("#id_title")
    assert field.evaluate("e => e.tagName") == "TEXTAREA"
    assert field.bounding_box()["width"] > 500  # the whole title in view, not ~270 px of it
    field.fill(LONG_TITLE.replace("Fallen", "Fallen (checked)"))
    desk.click("input[name=_save]")
    desk.wait_for_url("**/admin/catalogue/work/")
    assert "was changed successfully" in desk.locator("ul.messagelist").inner_text()
    work.refresh_from_db()
    assert work.title.endswith("(checked)")


def choose_work(page, field_id, words):
    """Pick a work in an admin autocomplete (select2): type, wait, choose the first match."""
    page.click(f"#{field_id} + .select2 .select2-selection")
    page.fill(".select2-search__field", words)
    page.locator(".select2-results__option", has_text=words).first.click()


def test_an_editor_imports_a_pasted_list_choosing_the_citing_work_first(site, desk, tmp_path):  # noqa: F811
    citing = Work.objects.create(key="later2020", kind=Work.Kind.ARTICLE, title="Later article")
    log_in(desk, site, "alice")
    desk.goto(f"{site}/admin/catalogue/work/import-references/")
    assert desk.locator("h1").inner_text() == "Import references"
    tabs = desk.get_by_role("navigation", name="Ways to import")
    assert tabs.get_by_role("link", name="Paste a reference list").get_attribute(
        "aria-current"
    ) == ("page")
    # The citing work is the form's first field, above the list.
    citing_box = desk.locator("#id_citing + .select2").bounding_box()
    assert citing_box["y"] < desk.locator("#id_text").bounding_box()["y"]
    choose_work(desk, "id_citing", "Later article")
    desk.fill(
        "#id_text",
        "1. RGVA. F. 32113. Op. 1. D. 5. L. 10-12.\n"
        "2. Zhukov G. K. Vospominaniya i razmyshleniya. Moscow: Novosti, 1974.\n",
    )
    desk.get_by_role("button", name="Parse").click()
    desk.locator("table.opis-refs").wait_for()
    assert "References of Later article" in desk.locator("#content-main").inner_text()
    assert desk.locator("table.opis-refs tbody tr").count() == 2
    screenshot(desk, "admin-import.png", tmp_path)
    desk.get_by_role("button", name="Import", exact=True).click()
    desk.wait_for_url(f"**/admin/catalogue/work/{citing.pk}/change/")
    message = desk.locator("ul.messagelist").inner_text()
    assert "2 citations" in message and "1 archival location" in message
    assert Citation.objects.filter(citing=citing).count() == 2

    desk.goto(f"{site}/admin/catalogue/work/import-references/")
    tabs.get_by_role("link", name="Upload a file (CSL-JSON, RIS)").click()
    desk.wait_for_url("**?tab=file")
    assert desk.locator("input[type=file]#id_file").count() == 1


# Accessibility: axe-core finds no serious or critical violation on the editor's pages.


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_editor_s_pages_pass_axe(browser, site, language):  # noqa: F811
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale=language)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, site, "alice")
        work = Work.objects.get(key="zhukov1974")
        found = {}
        for path in (
            "/admin/catalogue/work/",
            f"/admin/catalogue/work/{work.pk}/change/",
            f"/admin/catalogue/work/{work.pk}/history/",
            "/admin/catalogue/work/import-references/",
            "/admin/catalogue/work/import-references/?tab=file",
        ):
            page.goto(site + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("html").get_attribute("lang") == language
            found[path] = serious_violations(page)
        problems = {path: found[path] for path in found if found[path]}
        assert not problems, "\n".join(f"{p}: {v}" for p, v in problems.items())
    finally:
        context.close()
