"""Dependency audit: fail on any known vulnerability; say plainly when nothing could be audited.

Reads `pip-audit --format json` on stdin. pip-audit's own --strict would also fail when the
advisory service is out of reach (as in this workplace, whose network reaches only the package
registries), which would make every run red without telling a vulnerability from an outage.
"""

import json
import sys

report = json.load(sys.stdin)
dependencies = report["dependencies"]
vulnerable = [dep for dep in dependencies if dep.get("vulns")]
audited = [dep for dep in dependencies if "skip_reason" not in dep]
for dep in vulnerable:
    ids = ", ".join(vuln["id"] for vuln in dep["vulns"])
    fixes = ", ".join(v for vuln in dep["vulns"] for v in vuln.get("fix_versions", []))
    print(f"VULNERABLE {dep['name']} {dep['version']}: {ids} (fixed in: {fixes or 'none yet'})")
if vulnerable:
    sys.exit(1)
if not audited:
    print(
        f"dependency audit: NOT AUDITED: the advisory service was out of reach for all "
        f"{len(dependencies)} packages ({dependencies[0]['skip_reason'] if dependencies else ''})"
    )
else:
    print(f"dependency audit: {len(audited)} packages audited, no known vulnerabilities")
