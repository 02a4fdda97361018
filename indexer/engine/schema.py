"""The index schema, declared once: field names, facets and analyzers for indexer and site."""

from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

SCHEMA_VERSION = "1"

# Stop words are kept so that the phrase "slip and fall" never matches "slip or fall".
TEXT_ANALYZER = StemmingAnalyzer(stoplist=None, minsize=1)

LETTER_KIND = "letter"
ITEM_KIND = "item"

# Facets in sidebar order: (field name, label, multi-valued).
FACETS: tuple[tuple[str, str, bool], ...] = (
    ("decision", "Decision", False),
    ("treatment", "Treatment", False),
    ("guideline", "Reviewer's guideline", True),
    ("specialty", "Reviewer specialty", True),
    ("body_part", "Body part", True),
    ("year", "Decision year", False),
    ("sex", "Sex", False),
    ("age_band", "Age band", False),
    ("licensure", "Reviewer licensure", True),
    ("ca_guideline", "Claims administrator's guideline", True),
    ("synthetic", "Synthetic", False),
)
FACET_NAMES = tuple(name for name, _label, _multi in FACETS)

# Scored text fields of an item document, and of its letter's (parent) document.
ITEM_TEXT_FIELDS = ("request", "rationale", "guideline_text")
LETTER_TEXT_FIELDS = ("summary", "documents")


def _facet(multi: bool):
    if multi:
        return KEYWORD(stored=True, commas=True, scorable=False, lowercase=False)
    return ID(stored=True, sortable=True)


def build_schema() -> Schema:
    """Return the schema: one parent document per letter followed by one document per item."""
    fields = {
        "kind": ID(),
        "item_id": ID(stored=True, unique=True),
        "letter_id": ID(stored=True, sortable=True),
        "case_number": ID(stored=True),
        "number": NUMERIC(stored=True),
        "sort_date": ID(stored=True, sortable=True),  # ISO decision date, else latest letter date
        "drug": KEYWORD(stored=True, lowercase=True, scorable=False),
        "request": TEXT(analyzer=TEXT_ANALYZER, stored=True),
        "rationale": TEXT(analyzer=TEXT_ANALYZER, stored=True),
        "guideline_text": TEXT(analyzer=TEXT_ANALYZER),
        "summary": TEXT(analyzer=TEXT_ANALYZER),
        "documents": TEXT(analyzer=TEXT_ANALYZER),
        "sha256": ID(stored=True, sortable=True),  # letter file's; a column: builds diff fast
        "record": STORED(),  # the Letter as JSON, on the letter document only
    }
    fields.update({name: _facet(multi) for name, _label, multi in FACETS})
    return Schema(**fields)


SCHEMA = build_schema()
