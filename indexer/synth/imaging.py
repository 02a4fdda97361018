"""Imaging, electrodiagnostic studies and laboratory tests for synthetic letters."""

from __future__ import annotations

from indexer.synth.items import ANY_REGION, EXTREMITIES, LIMBS, SPINE

# Items without a visit count: (treatment, names, regions for "{r}", topic, MTUS Chronic Pain
# pages). A name is a template using "{r}" or a (text, body parts) pair.
IMAGING_AND_TESTS = [
    (
        "MRI",
        ["MRI of {r}", "MRI of {r} without contrast", "Repeat MRI of {r}"],
        ANY_REGION,
        "Special Studies",
        "",
    ),
    (
        "CT",
        ["CT scan of {r}", "Computed tomography (CT) of {r}"],
        [*SPINE[:4], *LIMBS[6:8], ("the head", ["head"])],
        "Special Studies",
        "",
    ),
    ("X-ray", ["X-rays of {r}", "Radiographs of {r}, 3 views"], ANY_REGION, "Special Studies", ""),
    (
        "EMG/NCS",
        ["EMG/NCV of {r}", "Electromyography and nerve conduction studies of {r}", "NCV of {r}"],
        EXTREMITIES,
        "Electrodiagnostic testing",
        "Electrodiagnostic",
    ),
    (
        "laboratory test",
        [
            ("Urine drug screen", []),
            ("Complete blood count (CBC)", []),
            ("Comprehensive metabolic panel", []),
            ("Urine toxicology testing", []),
        ],
        [],
        "Drug testing",
        "43",
    ),
]
IMAGING_AND_TESTS_WEIGHTS = [8, 2, 4, 4, 3]
