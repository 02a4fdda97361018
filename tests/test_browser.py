"""The site in real headless Chromium against a live server on localhost."""

from __future__ import annotations

import re
from pathlib import Path

from test_long_notes import END_MARK, long_notes, pdf_text


def total_of(tab) -> int:
    return int(tab.locator(".stats-line .total").inner_text().replace(",", ""))


def test_search_facet_back_letter_and_copy_citation(page, live_server, output_dir):
    page.goto(live_server + "/")
    page.get_by_label("Search determinations").fill("therapy")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=therapy$"))
    searched = total_of(page)
    assert searched > 0

    facet = page.locator(".facet-value[data-facet='decision']:not(.selected)").first
    expected = int(facet.locator(".facet-count").inner_text().split()[0].replace(",", ""))
    value = facet.get_attribute("data-value")
    assert 0 < expected < searched
    facet.click()
    page.wait_for_url(re.compile(rf"/search\?q=therapy&decision={value}$"))
    assert total_of(page) == expected
    badges = page.locator(".hit .badge-upheld, .hit .badge-overturned").all_inner_texts()
    assert badges and set(badges) == {value}
    page.screenshot(path=str(output_dir / "search.png"), full_page=False)

    page.go_back()
    page.wait_for_url(re.compile(r"/search\?q=therapy$"))
    assert total_of(page) == searched

    first = page.locator(".hit-title a").first
    href = first.get_attribute("href")
    number = href.rsplit("#item-", 1)[1]
    first.click()
    page.wait_for_url(re.compile(r"/letters/[A-Z]{2,3}\d{2}-\d{7}\?q=therapy#item-\d+$"))
    item = page.locator(f"#item-{number}")
    assert item.is_visible()
    assert page.locator("mark").count() > 0

    button = item.get_by_role("button", name="Copy citation").element_handle()
    citation = item.locator(".citation-text").inner_text().strip()
    button.click()
    page.wait_for_function("button => button.textContent === 'Copied'", arg=button)
    assert page.evaluate("navigator.clipboard.readText()") == citation
    assert f"#item-{number}" in citation and "Item " + number in citation
    page.screenshot(path=str(output_dir / "letter.png"), full_page=False)


def test_copy_link_copies_the_canonical_url(page, live_server):
    page.goto(live_server + "/search?decision=Upheld&q=therapy")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("() => document.querySelector('.copied') !== null")
    assert page.evaluate("navigator.clipboard.readText()") == (
        live_server + "/search?q=therapy&decision=Upheld"
    )


def test_phone_layout_folds_the_filters(new_tab, live_server, output_dir):
    tab = new_tab("phone")
    tab.goto(live_server + "/search?q=therapy")
    assert tab.locator(".facets-toggle").get_attribute("open") is None
    assert tab.locator(".hit").first.is_visible()
    tab.screenshot(path=str(output_dir / "search-phone.png"))


WALK_FACET = "drug"  # issue 11: search -> filter by drug -> open a letter -> back


def test_search_filter_open_a_letter_and_back_to_the_same_results(page, live_server):
    page.goto(live_server + "/")
    page.get_by_label("Search determinations").fill("pain")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=pain$"))
    facet = page.locator(f".facet-value[data-facet='{WALK_FACET}']:not(.selected)").first
    value = facet.get_attribute("data-value")
    facet.click()
    page.wait_for_url(re.compile(rf"/search\?q=pain&{WALK_FACET}=[^&]+$"))
    results_url, total = page.url, total_of(page)
    titles = page.locator(".hit-title a").all_inner_texts()
    assert titles and total > 0

    page.locator(".hit-title a").first.click()
    page.wait_for_url(re.compile(rf"/letters/[^?]+\?q=pain&{WALK_FACET}=[^&]+#item-\d+$"))
    assert page.locator("mark").count() > 0
    page.get_by_role("link", name="‹ Back to results for “pain”").click()

    page.wait_for_url(results_url)
    assert total_of(page) == total
    assert page.locator(".hit-title a").all_inner_texts() == titles
    selected = page.locator(f".facet-value.selected[data-facet='{WALK_FACET}']")
    assert selected.get_attribute("data-value") == value


def test_the_report_form_sends_long_notes_and_the_preview_downloads_their_pdf(page, live_server):
    notes = long_notes(5_000)  # over MAX_LINK_CHARS once percent-encoded
    page.goto(live_server + "/reports/new")
    page.get_by_label("Requested treatment, as written in the RFA").fill("physical therapy")
    page.get_by_label("Precedents (at most 100)").fill("1")
    page.locator("#notes").fill(notes)
    page.get_by_role("button", name="Preview").click()
    page.wait_for_load_state()
    assert page.url == live_server + "/report"  # too long for a link: previewed from the POST
    assert page.get_by_text(END_MARK).is_visible()
    assert page.get_by_role("button", name="Copy link (without the notes)").is_visible()
    with page.expect_download(timeout=120_000) as download:  # a render under load takes ~20 s
        page.get_by_role("button", name="Download PDF").click(timeout=120_000)
    pdf = Path(download.value.path()).read_bytes()
    assert END_MARK in " ".join(pdf_text(pdf).split())
