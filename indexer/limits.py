"""The limits of searches and reports, declared once: the engine, the site and its settings
read them here, so the page, the JSON, the CSV and the README state the same figures."""

# --- searching ---
MAX_QUERY_CHARS = 1000  # characters of search text, checked by the site and the engine alike
MAX_TERMS = 64  # words and phrases in one query (long OR lists)
MAX_EXPANSION = 256  # index words one wildcard, prefix or range may stand for
RESULT_WINDOW = 5000  # deepest result a page may reach; the most rows of a CSV or feed
PER_PAGE = 20  # results on one search page
FEED_ENTRIES = 50  # newest matches in an Atom feed
MAX_VALUE_CHARS = 120  # characters of one facet value in a URL
MAX_VALUES_PER_FACET = 40  # values of one facet selected at once

# --- precedent packs ---
MAX_PRECEDENTS = 100  # precedents in one pack
MAX_REQUEST_CHARS = 1000  # characters of the requested treatment
MAX_FACTS_CHARS = 2000  # characters of the clinical facts
MAX_NOTES_CHARS = 20_000  # characters of the Markdown notes
# A report's path and query string offered as a link (percent-encoded): gunicorn reads request
# lines of up to 4,094 bytes, so longer packs (long notes) are sent by the form's POST instead.
MAX_LINK_CHARS = 4000
MAX_FORM_BYTES = 512 * 1024  # a POSTed report form: 20,000 notes characters percent-encoded fit
MAX_LINE_CHARS = 200  # characters of the title and of prepared-for

# --- engines ---
# The most letters Whoosh answers the bench's query mix for at p95 < 300 ms on a 2-core
# machine (README, Performance): `imr index --engine auto` (and `make serve LETTERS=...`)
# builds a larger corpus with tantivy.
WHOOSH_MAX_LETTERS = 30_000

# --- indexing letter files (each parsed in a process of its own under these limits) ---
MAX_LETTER_BYTES = 50 * 1024 * 1024  # bytes of one letter file (a real one is < 1 MB)
PARSE_MEMORY_MB = 1024  # address space of a parse process (a real letter needs far less)
PARSE_SECONDS = 60  # wall-clock time to parse one file (a real letter takes < 1 s)
