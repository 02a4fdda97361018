"""What a report's request is understood to ask for: the treatment, drug, body parts and
sessions, each as given in the form or read from the request text."""

from __future__ import annotations

from dataclasses import dataclass

from imr_site.reports.params import ReportParams
from indexer import vocab
from indexer.vocab.sessions import requested_sessions


@dataclass(frozen=True)
class Focus:
    """The treatment, drug, body parts and sessions of a report: as given, else read from the
    request ("" / () / None when neither says)."""

    treatment: str
    drug: str
    body_parts: tuple[str, ...]
    sessions: int | None
    inferred: frozenset[str]  # which of the four were read from the request text

    @classmethod
    def of(cls, params: ReportParams) -> Focus:
        """The focus of a report's params."""
        category, drug = vocab.classify_treatment(params.request)
        treatment = params.treatment or ("" if category == vocab.OTHER else category)
        if drug and treatment != category:  # a treatment chosen in the form over the text's drug
            drug = None
        body_parts = ((params.body_part,) if params.body_part
                      else tuple(vocab.body_parts(params.request)))
        sessions = params.sessions or requested_sessions(params.request, treatment)
        given = {"treatment": params.treatment, "drug": "", "body_parts": params.body_part,
                 "sessions": params.sessions}
        found = {"treatment": treatment, "drug": drug, "body_parts": body_parts,
                 "sessions": sessions}
        return cls(treatment, drug or "", body_parts, sessions,
                   frozenset(name for name in given if found[name] and not given[name]))

    @property
    def recognised(self) -> bool:
        """True when the request names a treatment, drug or body part of the vocabulary."""
        return bool(self.treatment or self.drug or self.body_parts)

    @property
    def subject(self) -> str:
        """E.g. "physical therapy, cervical spine" or "opioid (hydrocodone/acetaminophen)"."""
        treatment = f"{self.treatment} ({self.drug})" if self.drug else self.treatment
        return ", ".join(filter(None, (treatment, *self.body_parts)))
