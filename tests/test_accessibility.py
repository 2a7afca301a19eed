"""Accessibility, checked by axe-core (the engine of the browsers' accessibility audits,
through axe-playwright-python) in Debian's Chromium: every page type, in English and in
Russian, has no violation of impact "serious" or "critical". And what a phone shows: no
page wider than a 390 px screen, no archival number or folio range broken over two lines.

The browser, the live site with the seed and its editors come from tests/test_browser.py.
"""

import pytest
from django.urls import reverse

from catalogue.models import Work
from tests import test_browser
from tests.test_browser import log_in

# The browser and the live site of tests/test_browser.py: fixtures, found by pytest by name.
orm_beside_playwright = test_browser.orm_beside_playwright
browser = test_browser.browser
site = test_browser.site

pytestmark = pytest.mark.browser

SERIOUS = {"serious", "critical"}
LANGUAGES = ("en", "ru")


def axe_violations(page):
    """The serious and critical violations axe-core finds on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in SERIOUS]


def describe(found):
    """One line per violation and the nodes it names: enough to find it in a template."""
    lines = []
    for url, language, violations in found:
        for v in violations:
            targets = "; ".join(" ".join(node["target"]) for node in v["nodes"][:8])
            more = f" (+{len(v['nodes']) - 8} more)" if len(v["nodes"]) > 8 else ""
            lines.append(
                f"[{language}] {url}: {v['id']} ({v['impact']}) {v['help']}: {targets}{more}"
            )
    return "\n".join(lines)


def reader(browser, language, width=1366, height=900):
    """A browser tab of a reader whose browser asks for `language`."""
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def check(browser, urls, before=None):
    """axe on each of `urls` in both languages; fails naming every serious violation."""
    found = []
    for language in LANGUAGES:
        context, page = reader(browser, language)
        try:
            if before:
                before(page)
            for url in urls:
                response = page.goto(url)
                assert response.status < 400, f"{url}: {response.status}"
                assert page.locator("html").get_attribute("lang") == language, url
                violations = axe_violations(page)
                if violations:
                    found.append((url, language, violations))
        finally:
            context.close()
    assert not found, "axe-core found serious or critical violations:\n" + describe(found)


def public_pages(base):
    document = Work.objects.get(key="avp-rf-9-25-100-38")
    article = Work.objects.filter(references__isnull=False).first()
    return {
        "home": [f"{base}/"],
        "work": [f"{base}{document.get_absolute_url()}", f"{base}{article.get_absolute_url()}"],
        "archive": [f"{base}/archives/", f"{base}/archives/rgaspi/"],
        "fond": [
            f"{base}/archives/rgaspi/fonds/17/",
            f"{base}/archives/avp-rf/fonds/9/",
            f"{base}/archives/rgaspi/fonds/17/inventories/162/",
            f"{base}/archives/avp-rf/fonds/9/inventories/25/folders/100/files/38/",
        ],
        "person": [f"{base}/people/", f"{base}/people/zhukov-g-k/"],
        "works": [f"{base}/works/"],
        "works searched": [f"{base}/works/?q=Zhukov", f"{base}/works/?q=nothingmatchesthis"],
        "works filtered": [f"{base}/works/?archive=rgaspi"],
    }


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "work",
        "archive",
        "fond",
        "person",
        "works",
        "works searched",
        "works filtered",
    ],
)
def test_a_public_page_has_no_serious_accessibility_violation(browser, site, kind):
    check(browser, public_pages(site)[kind])


def test_error_pages_have_no_serious_accessibility_violation(browser, site):
    found = []
    for language in LANGUAGES:
        context, page = reader(browser, language)
        for url, status in [("/archives/nowhere/", 404), ("/archives/?page=abc", 400)]:
            assert page.goto(site + url).status == status
            if violations := axe_violations(page):
                found.append((url, language, violations))
        context.close()
    assert not found, describe(found)


# The editor's pages: the works list, a work's change form, and the import page's two tabs
# ("import" is the old upload address, which leads to the file tab).


def admin_urls(name):
    if name == "change form":
        return [
            reverse(
                "admin:catalogue_work_change", args=[Work.objects.get(key="avp-rf-9-25-100-38").pk]
            )
        ]
    return [
        reverse(
            {
                "changelist": "admin:catalogue_work_changelist",
                "import": "admin:catalogue_work_import",
                "import references": "admin:catalogue_work_import_references",
            }[name]
        )
    ]


@pytest.mark.parametrize(
    "name",
    [
        "changelist",
        "change form",
        "import",
        "import references",
    ],
)
def test_an_admin_page_has_no_serious_accessibility_violation(browser, site, name):
    urls = [site + url for url in admin_urls(name)]
    check(browser, urls, before=lambda page: log_in(page, site, "alice"))


# Reading on a phone.

# The elements holding an archival number or folios whose text runs over more than one
# line: the tops of its text's boxes lie a line or more apart.
BROKEN_OVER_LINES = """() => [...document.querySelectorAll('.unit, .folios, ol.location li')]
    .filter(element => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const tops = [...range.getClientRects()].map(box => box.top);
        return tops.length && Math.max(...tops) - Math.min(...tops) > 10;
    })
    .map(element => element.textContent.trim())"""


def test_on_a_phone_no_page_is_wider_than_the_screen_nor_breaks_an_archival_number(browser, site):
    pages = [
        url for kind in ("work", "archive", "fond", "person") for url in public_pages(site)[kind]
    ]
    for language in LANGUAGES:
        context, page = reader(browser, language, width=390, height=844)
        for url in pages:
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"[{language}] {url} is {width} px wide on a 390 px screen"
            # "d. 18" or "ll. 18–19" over two lines reads as two things: each on one line.
            broken = page.evaluate(BROKEN_OVER_LINES)
            assert not broken, f"[{language}] {url} breaks {broken}"
        context.close()
