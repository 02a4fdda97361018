"""Pain medications for synthetic letters: opioids, NSAIDs and muscle relaxants."""

# (treatment, brand, generic as `drug`, strengths, quantities, MTUS Chronic Pain topic and pages)
OPIOIDS = [
    (
        "opioid",
        "Norco",
        "hydrocodone/acetaminophen",
        ["10/325mg", "7.5/325mg", "5/325mg"],
        [60, 90, 120, 30],
        "Opioids, criteria for use",
        "76-80",
    ),
    (
        "opioid",
        "Percocet",
        "oxycodone/acetaminophen",
        ["10/325mg", "5/325mg"],
        [60, 90, 40],
        "Opioids, criteria for use",
        "76-80",
    ),
    ("opioid", "OxyContin", "oxycodone", ["20mg", "10mg", "40mg"], [60, 90], "Opioids", "74-96"),
    ("opioid", "Ultram", "tramadol", ["50mg", "ER 150mg"], [60, 90, 120], "Tramadol", "93-94"),
    ("opioid", "Nucynta", "tapentadol", ["50mg", "ER 100mg"], [60, 90], "Opioids", "74-96"),
    (
        "opioid",
        "Butrans",
        "buprenorphine",
        ["10mcg/hr patch", "5mcg/hr patch"],
        [4, 8],
        "Buprenorphine",
        "26-27",
    ),
]
OPIOID_WEIGHTS = [9, 4, 2, 5, 1, 1]
NSAIDS = [
    (
        "NSAID",
        "Anaprox DS",
        "naproxen",
        ["550mg"],
        [60, 90],
        "NSAIDs (non-steroidal anti-inflammatory drugs)",
        "67-68",
    ),
    (
        "NSAID",
        "Motrin",
        "ibuprofen",
        ["800mg", "600mg"],
        [60, 90],
        "NSAIDs, specific drug list & adverse effects",
        "67-73",
    ),
    ("NSAID", "Mobic", "meloxicam", ["7.5mg", "15mg"], [30, 60], "NSAIDs", "67-68"),
    ("NSAID", "Celebrex", "celecoxib", ["200mg", "100mg"], [30, 60], "Celebrex", "30"),
    ("NSAID", "Relafen", "nabumetone", ["500mg", "750mg"], [60, 90], "NSAIDs", "67-73"),
]
NSAID_WEIGHTS = [3, 2, 1, 1, 1]
MUSCLE_RELAXANTS = [
    (
        "muscle relaxant",
        "Flexeril",
        "cyclobenzaprine",
        ["7.5mg", "10mg"],
        [60, 90, 30],
        "Cyclobenzaprine (Flexeril)",
        "41-42",
    ),
    (
        "muscle relaxant",
        "Soma",
        "carisoprodol",
        ["350mg"],
        [30, 60, 90],
        "Carisoprodol (Soma)",
        "29",
    ),
    (
        "muscle relaxant",
        "Zanaflex",
        "tizanidine",
        ["4mg", "2mg"],
        [60, 90],
        "Muscle relaxants (for pain)",
        "63-66",
    ),
    (
        "muscle relaxant",
        "Skelaxin",
        "metaxalone",
        ["800mg"],
        [60, 90],
        "Muscle relaxants (for pain)",
        "63-66",
    ),
    (
        "muscle relaxant",
        "Robaxin",
        "methocarbamol",
        ["750mg", "500mg"],
        [60, 90],
        "Muscle relaxants (for pain)",
        "63-66",
    ),
]
MUSCLE_RELAXANT_WEIGHTS = [4, 2, 2, 1, 1]
