"""The CI dependency audit's verdict on pip-audit reports (.ci/audit.py)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parent.parent / ".ci" / "audit.py"
SKIPPED = {"name": "flask", "skip_reason": "Dependency not found on PyPI and could not be audited"}
CLEAN = {"name": "flask", "version": "3.1.3", "vulns": []}
VULNERABLE = {
    "name": "jinja2", "version": "3.0.0",
    "vulns": [{"id": "GHSA-h5c8-rqwp-cp95", "fix_versions": ["3.1.3"]}],
}  # fmt: skip


@pytest.mark.parametrize(
    ("dependencies", "status", "says"),
    [
        ([CLEAN, VULNERABLE], 1, "VULNERABLE jinja2 3.0.0: GHSA-h5c8-rqwp-cp95 (fixed in: 3.1.3)"),
        ([CLEAN, SKIPPED], 0, "1 packages audited, no known vulnerabilities"),
        ([SKIPPED], 0, "NOT AUDITED"),
    ],
)
def test_audit_verdict(dependencies, status, says):
    report = json.dumps({"dependencies": dependencies, "fixes": []})
    result = subprocess.run(
        [sys.executable, str(AUDIT)], input=report, capture_output=True, text=True, check=False
    )
    assert result.returncode == status
    assert says in result.stdout
