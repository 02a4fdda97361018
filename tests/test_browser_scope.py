"""The whole-letter choice in real headless Chromium: ticking it puts scope=letter in the URL,
brings back the items of letters whose summary holds the word, and the page says so."""

from __future__ import annotations

import re

from test_browser import total_of


def test_the_whole_letter_choice_is_in_the_url_and_on_the_page(page, live_server, output_dir):
    page.goto(live_server + "/search?q=acupuncture")
    own_text = total_of(page)
    assert "Searching the disputed items' own text" in page.locator(".scope-line").inner_text()
    assert "whose own text" in page.locator(".stats-counted").inner_text()

    page.get_by_label("Whole letter: search case summaries too").check()
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search\?q=acupuncture&scope=letter$"))
    assert total_of(page) > own_text
    assert "Searching whole letters" in page.locator(".scope-line").inner_text()
    assert page.get_by_label("Whole letter: search case summaries too").is_checked()
    page.screenshot(path=str(output_dir / "search-whole-letter.png"), full_page=False)

    page.get_by_role("link", name="search the disputed items' own text").click()
    page.wait_for_url(re.compile(r"/search\?q=acupuncture$"))
    assert total_of(page) == own_text
    assert not page.get_by_label("Whole letter: search case summaries too").is_checked()


def test_a_case_number_in_the_box_opens_the_letter(page, live_server):
    page.goto(live_server + "/search")
    case_number = page.locator(".hit .hit-title a").first.get_attribute("href").split("/")[2]
    case_number = case_number.split("#")[0].split("?")[0]
    page.get_by_label("Search determinations").fill(case_number.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/letters/{case_number}$"))
    assert case_number in page.locator("h1").inner_text()
