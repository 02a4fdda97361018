"""The HTML renderer of highlighted text: escaped text, the marked words in <mark>, nothing else."""

from __future__ import annotations

from hand_letters import HOSTILE
from markupsafe import Markup

from imr_site.shaping import highlighted_html
from indexer.engine import Highlighted


def spans_of(text: str, *words: str) -> tuple[tuple[int, int], ...]:
    """The spans of each word's occurrences in text, in order."""
    spans, start = [], 0
    for word in words:
        start = text.index(word, start)
        spans.append((start, start + len(word)))
        start += len(word)
    return tuple(spans)


def test_only_mark_is_markup():
    text = f"Tramadol & therapy {HOSTILE}"
    rendered = highlighted_html(Highlighted(text, spans_of(text, "Tramadol", "alert", "alert")))
    assert isinstance(rendered, Markup)
    assert rendered == (
        "<mark>Tramadol</mark> &amp; therapy &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; "
        "&#34;&gt;&lt;img src=x onerror=<mark>alert</mark>(1)&gt;"
    )


def test_marked_markup_is_escaped_inside_the_mark():
    assert highlighted_html(Highlighted("<b>", ((0, 3),))) == "<mark>&lt;b&gt;</mark>"
    assert highlighted_html(Highlighted("a <b>")) == "a &lt;b&gt;"
    assert highlighted_html(Highlighted("")) == ""


def test_the_marked_filter_is_not_escaped_twice(app):
    template = app.jinja_env.from_string("<p>{{ text | marked }}</p>")
    rendered = template.render(text=Highlighted("a & b", ((4, 5),)))
    assert rendered == "<p>a &amp; <mark>b</mark></p>"
