"""The site tests' oracle: each fixture item's facet values from the parsed records (never from
the index), the items a selection matches, and /search.json fetched."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode


def item_facets(letters) -> list[dict[str, set[str]]]:
    """Each fixture item's facet values, derived from the parsed records (not from the index)."""
    rows = []
    for letter in letters:
        for item in letter.items:
            rows.append(
                {
                    "item_id": f"{letter.id}-{item.number}",
                    "decision": {item.decision},
                    "treatment": {item.treatment},
                    "guideline": set(item.guideline_sources),
                    "specialty": set(letter.reviewer.specialties),
                    "body_part": set(item.body_parts),
                    "licensure": set(letter.reviewer.licensure),
                }
            )
    return rows


def matching(rows, filters: dict[str, tuple[str, ...]], skip: str | None = None) -> list[dict]:
    """Rows passing every facet selection (OR within a facet, AND across), except `skip`'s."""
    return [
        row
        for row in rows
        if all(row[name] & set(values) for name, values in filters.items() if name != skip)
    ]


def get_json(client, **params) -> dict:
    """The /search.json document for the parameters (asserting a 200)."""
    response = client.get("/search.json?" + urlencode(params, doseq=True))
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def common_values(rows, facet: str, count: int) -> tuple[str, ...]:
    """The facet's `count` most common values among the rows, sorted."""
    common = Counter(value for row in rows for value in row[facet]).most_common(count)
    assert len(common) == count and common[-1][1] > 0
    return tuple(sorted(value for value, _count in common))
