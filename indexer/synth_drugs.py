"""Medication items for synthetic letters: brand and generic names, strengths, quantities."""

from __future__ import annotations

import random

from indexer.synth_items import Recipe

# (treatment, brand, generic as `drug`, strengths, quantities, MTUS Chronic Pain topic and pages)
MEDICATIONS = [
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
    (
        "anticonvulsant",
        "Neurontin",
        "gabapentin",
        ["300mg", "600mg", "800mg"],
        [90, 60, 120],
        "Anti-epilepsy drugs (AEDs)",
        "16-22",
    ),
    (
        "anticonvulsant",
        "Lyrica",
        "pregabalin",
        ["75mg", "50mg", "150mg"],
        [60, 90],
        "Pregabalin (Lyrica)",
        "19-20",
    ),
    (
        "anticonvulsant",
        "Topamax",
        "topiramate",
        ["25mg", "50mg"],
        [60, 30],
        "Anti-epilepsy drugs (AEDs)",
        "21",
    ),
    (
        "antidepressant",
        "Cymbalta",
        "duloxetine",
        ["60mg", "30mg"],
        [30, 60],
        "Duloxetine (Cymbalta)",
        "43-44",
    ),
    (
        "antidepressant",
        "Elavil",
        "amitriptyline",
        ["25mg", "10mg"],
        [30, 60],
        "Antidepressants for chronic pain",
        "13-16",
    ),
    (
        "antidepressant",
        "Effexor XR",
        "venlafaxine",
        ["75mg", "37.5mg"],
        [30, 60],
        "Venlafaxine (Effexor)",
        "123",
    ),
    (
        "antidepressant",
        "Pamelor",
        "nortriptyline",
        ["25mg", "10mg"],
        [30, 60],
        "Antidepressants for chronic pain",
        "13-16",
    ),
    (
        "topical analgesic",
        "Lidoderm",
        "lidocaine",
        ["5% patch", "5% patches"],
        [30, 60],
        "Lidoderm (lidocaine patch)",
        "56-57",
    ),
    (
        "topical analgesic",
        "Capsaicin",
        "capsaicin",
        ["0.075% cream", "0.025% cream"],
        [1, 2],
        "Topical Analgesics",
        "111-113",
    ),
    ("sleep aid", "Ambien", "zolpidem", ["10mg", "5mg"], [30, 15], "Insomnia treatment", ""),
    ("sleep aid", "Lunesta", "eszopiclone", ["2mg", "3mg"], [30], "Insomnia treatment", ""),
    (
        "proton pump inhibitor",
        "Prilosec",
        "omeprazole",
        ["20mg", "40mg"],
        [60, 30],
        "NSAIDs, GI symptoms & cardiovascular risk",
        "68-69",
    ),
    (
        "proton pump inhibitor",
        "Protonix",
        "pantoprazole",
        ["20mg", "40mg"],
        [60, 30],
        "NSAIDs, GI symptoms & cardiovascular risk",
        "68-69",
    ),
    (
        "proton pump inhibitor",
        "Nexium",
        "esomeprazole",
        ["40mg"],
        [30, 60],
        "NSAIDs, GI symptoms & cardiovascular risk",
        "68-69",
    ),
    (
        "other medication",
        "Zofran",
        "ondansetron",
        ["8mg", "4mg"],
        [10, 20, 30],
        "Antiemetics (for opioid nausea)",
        "",
    ),
    (
        "other medication",
        "Colace",
        "docusate",
        ["100mg"],
        [60, 100],
        "Opioid-induced constipation treatment",
        "77",
    ),
]
MEDICATION_WEIGHTS = [
    9,
    4,
    2,
    5,
    1,
    1,
    3,
    2,
    1,
    1,
    1,
    4,
    2,
    2,
    1,
    1,
    4,
    2,
    1,
    2,
    1,
    1,
    1,
    3,
    1,
    2,
    1,
    3,
    1,
    1,
    1,
    1,
]
SIGS = [
    "1 tablet twice daily",
    "one by mouth every 8 hours as needed",
    "take 1 at bedtime",
    "1 every 6 hours as needed for pain",
    "one tablet three times a day",
]


def medication(rng: random.Random) -> Recipe:
    """A prescription item named by brand, generic or both, with a strength and quantity."""
    treatment, brand, generic, strengths, quantities, topic, pages = rng.choices(
        MEDICATIONS, MEDICATION_WEIGHTS
    )[0]
    strength, qty = rng.choice(strengths), rng.choice(quantities)
    names = [brand, brand, generic.capitalize()]
    if brand.lower() != generic:
        names.append(f"{brand} ({generic})")
    name = rng.choice(names)
    style = rng.randrange(7)
    if style == 0:
        return _drug(f"{name} {strength}", treatment, generic, topic, pages)
    if style == 1:
        sig = rng.choice(SIGS)
        return _drug(f"{name} {strength}, {sig}, #{qty}", treatment, generic, topic, pages)
    if style == 2:
        return _drug(
            f"{name} {strength} #{qty} with {rng.choice([1, 2])} refills",
            treatment,
            generic,
            topic,
            pages,
        )
    if style == 3:
        return _drug(
            f"Prospective request for 1 prescription of {name} {strength} #{qty}",
            treatment,
            generic,
            topic,
            pages,
        )
    recipe = _drug(f"{name} {strength} #{qty}", treatment, generic, topic, pages)
    recipe.template, recipe.count = f"{name} {strength} #{{n}}", qty
    return recipe


def _drug(text: str, treatment: str, generic: str, topic: str, pages: str) -> Recipe:
    return Recipe(text, treatment, [], None, drug=generic, topic=topic, chronic=pages)
