"""Other medications for synthetic letters: adjuvants, topicals, sleep aids, stomach and more."""

# Same shape as the pain medications: (treatment, brand, generic, strengths, quantities,
# MTUS Chronic Pain topic and pages).
ANTICONVULSANTS = [
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
]
ANTICONVULSANT_WEIGHTS = [4, 2, 1]
ANTIDEPRESSANTS = [
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
]
ANTIDEPRESSANT_WEIGHTS = [2, 1, 1, 1]
TOPICALS = [
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
]
TOPICAL_WEIGHTS = [3, 1]
SLEEP_AIDS = [
    ("sleep aid", "Ambien", "zolpidem", ["10mg", "5mg"], [30, 15], "Insomnia treatment", ""),
    ("sleep aid", "Lunesta", "eszopiclone", ["2mg", "3mg"], [30], "Insomnia treatment", ""),
]
SLEEP_AID_WEIGHTS = [2, 1]
STOMACH_AND_SUPPORTIVE = [
    (
        "gastroprotective agent",
        "Prilosec",
        "omeprazole",
        ["20mg", "40mg"],
        [60, 30],
        "NSAIDs, GI symptoms & cardiovascular risk",
        "68-69",
    ),
    (
        "gastroprotective agent",
        "Protonix",
        "pantoprazole",
        ["20mg", "40mg"],
        [60, 30],
        "NSAIDs, GI symptoms & cardiovascular risk",
        "68-69",
    ),
    (
        "gastroprotective agent",
        "Nexium",
        "esomeprazole",
        ["40mg"],
        [30, 60],
        "NSAIDs, GI symptoms & cardiovascular risk",
        "68-69",
    ),
    (
        "antiemetic",
        "Zofran",
        "ondansetron",
        ["8mg", "4mg"],
        [10, 20, 30],
        "Antiemetics (for opioid nausea)",
        "",
    ),
    (
        "laxative/stool softener",
        "Colace",
        "docusate",
        ["100mg"],
        [60, 100],
        "Opioid-induced constipation treatment",
        "77",
    ),
]
STOMACH_AND_SUPPORTIVE_WEIGHTS = [3, 1, 1, 1, 1]
