"""Accessibility in real headless Chromium: axe-core on each page family, a keyboard journey."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode, urlsplit
from urllib.request import urlopen

import pytest

# WCAG 2.0/2.1/2.2 A and AA (incl. color-contrast) plus axe's best practices (landmarks,
# heading order, region): the test fails on "serious" or "critical" ones, the rest are printed.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}
PACK_REQUEST = "12 sessions of physical therapy for the cervical spine"

PAGES = {
    "home": "/",
    "search-query-facet": "/search?" + urlencode({"q": "therapy", "decision": "Upheld"}),
    "search-bad-query": "/search?" + urlencode({"q": '"unclosed phrase'}),
    "letter": None,  # the first hit of a search, see letter_path
    "report-form": "/reports/new",
    "report-preview": "/report?" + urlencode({"request": PACK_REQUEST, "n": "4"}),
    "not-found": "/letters/ZZ99-9999999",
    "help": "/about",
}


@pytest.fixture(scope="module")
def letter_path(live_server) -> str:
    """A letter page reached from a search, so it shows highlights and a back link."""
    with urlopen(live_server + "/search.json?q=therapy") as response:
        url = urlsplit(json.load(response)["hits"][0]["url"])
    return f"{url.path}?{url.query}#{url.fragment}"


def describe(violations: list[dict]) -> str:
    """Every violation with its nodes, one line per node, for the assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']} {node['html'][:160]!r}\n      {summary}")
    return "\n".join(lines)


def axe_violations(tab) -> list[dict]:
    """axe-core (bundled with axe-playwright-python: nothing is fetched) run on the open page."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(tab, options=options).response["violations"]


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_violations(new_tab, live_server, letter_path, name, device):
    tab = new_tab(device)
    expected_status = {"search-bad-query": 400, "not-found": 404}.get(name, 200)
    response = tab.goto(live_server + (PAGES[name] or letter_path))
    assert response.status == expected_status
    violations = axe_violations(tab)
    serious = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    assert serious == [], f"{name} on {device}:\n{describe(violations)}"
    print(f"{name} on {device}: {describe(violations) or 'no violations'}")


OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.table-scroll'))  // a data table may scroll inside its own region
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(e => e.outerHTML.slice(0, 120))"""


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_reflow_at_320_css_pixels(page, live_server, letter_path, name):
    """WCAG 1.4.10: at 320 px (1280 px zoomed to 400%) nothing needs scrolling sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + (PAGES[name] or letter_path))
    assert page.evaluate(OVERFLOWING) == []


def test_axe_reports_a_planted_contrast_problem(page, live_server):
    """The check can fail: pale text on white is caught as a serious color-contrast violation."""
    page.goto(live_server + "/")
    page.evaluate("document.querySelector('.lead').style.setProperty('color', '#cccccc')")
    found = {v["id"]: v["impact"] for v in axe_violations(page)}
    assert found.get("color-contrast") == "serious"


FOCUS_STYLE = """element => {
  const style = getComputedStyle(element);
  return {outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          shadow: style.boxShadow !== 'none'};
}"""


def focused(tab):
    """The element that has the keyboard focus, after checking its focus is visibly drawn."""
    element = tab.evaluate_handle("document.activeElement")
    style = element.evaluate(FOCUS_STYLE)
    assert style["outline"] or style["shadow"], element.evaluate("e => e.outerHTML.slice(0, 200)")
    return element


def tab_to(tab, selector: str, limit: int = 120):
    """Press Tab until the focus is on an element matching selector (at most limit presses)."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            return focused(tab)
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_journey_search_facet_letter_citation(page, live_server):
    page.goto(live_server + "/")
    skip = tab_to(page, "*", limit=1)
    assert skip.evaluate("e => e.matches('.skip-link') && e.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")  # the skip link moves the focus to <main>
    tab_to(page, "#q", limit=1)
    page.keyboard.type("therapy")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=therapy$"))

    facet = tab_to(page, ".facet-value[data-facet='decision']")
    value = facet.get_attribute("data-value")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/search\?q=therapy&decision={value}$"))

    tab_to(page, ".skip-link[href='#results']", limit=2)  # past the search form and the filters
    page.keyboard.press("Enter")
    result = tab_to(page, ".hit-title a", limit=15)
    number = result.get_attribute("href").rsplit("#item-", 1)[1]
    page.keyboard.press("Enter")
    # the letter's link carries the whole search, for "back to results" (issue 11)
    page.wait_for_url(re.compile(rf"/letters/[^?]+\?q=therapy&decision={value}#item-{number}$"))

    button = tab_to(page, f"#item-{number} .copy-button")
    citation = page.locator(f"#item-{number} .citation-text").inner_text().strip()
    for key in ("Enter", " "):
        page.evaluate("navigator.clipboard.writeText('')")
        page.wait_for_function("b => b.textContent === 'Copy citation'", arg=button, timeout=5_000)
        page.keyboard.press(key)
        page.wait_for_function("b => b.textContent === 'Copied'", arg=button)
        assert page.evaluate("navigator.clipboard.readText()") == citation, key
