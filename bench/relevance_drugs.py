"""The relevance benchmark's own drug table: names (brand or generic) -> drug class.

Written for the benchmark and independent of `indexer.vocab`, so that the benchmark does not
measure the project's classifier against itself. A class is what makes two drug requests
relevant to each other (same generic implies same class). Topical products form one class of
their own whatever their ingredients: a compounded cream is not judged like the oral drug.
"""

from __future__ import annotations

OPIOID = "opioid"
NSAID = "NSAID"
MUSCLE_RELAXANT = "muscle relaxant"
NEUROPATHIC = "anticonvulsant (neuropathic pain)"
ANTIDEPRESSANT = "antidepressant"
ACID_REDUCER = "acid reducer (PPI or H2 blocker)"
ANTIEMETIC = "antiemetic"
LAXATIVE = "laxative"
BENZODIAZEPINE = "benzodiazepine"
SLEEP_AID = "sleep aid"
ERECTILE = "erectile dysfunction drug"
BUTALBITAL = "butalbital combination"
TRIPTAN = "triptan"
TOPICAL = "topical analgesic"
STEROID = "oral corticosteroid"
MEDICAL_FOOD = "medical food"
ACETAMINOPHEN = "acetaminophen"
STIMULANT = "stimulant"
ANTIHYPERTENSIVE = "antihypertensive"
ANTIDIABETIC = "antidiabetic"
SUPPLEMENT = "dietary supplement"

CLASS_OF_NAME = {
    # opioids, plain and combined
    "norco": OPIOID, "vicodin": OPIOID, "lortab": OPIOID, "hydrocodone": OPIOID,
    "percocet": OPIOID, "endocet": OPIOID, "oxycodone": OPIOID, "oxycontin": OPIOID,
    "roxicodone": OPIOID, "ultram": OPIOID, "ultracet": OPIOID, "tramadol": OPIOID,
    "synapryn": OPIOID, "nucynta": OPIOID, "tapentadol": OPIOID, "morphine": OPIOID,
    "ms contin": OPIOID, "kadian": OPIOID, "fentanyl": OPIOID, "duragesic": OPIOID,
    "buprenorphine": OPIOID, "butrans": OPIOID, "suboxone": OPIOID, "methadone": OPIOID,
    "hydromorphone": OPIOID, "dilaudid": OPIOID, "oxymorphone": OPIOID, "opana": OPIOID,
    "codeine": OPIOID, "tylenol #3": OPIOID, "tylenol with codeine": OPIOID,
    "trezix": OPIOID, "dihydrocodeine": OPIOID, "zohydro": OPIOID, "hysingla": OPIOID,
    # NSAIDs (oral)
    "ibuprofen": NSAID, "motrin": NSAID, "advil": NSAID, "naproxen": NSAID, "naprosyn": NSAID,
    "anaprox": NSAID, "naprelan": NSAID, "celecoxib": NSAID, "celebrex": NSAID,
    "meloxicam": NSAID, "mobic": NSAID, "nabumetone": NSAID, "relafen": NSAID,
    "etodolac": NSAID, "lodine": NSAID, "diclofenac": NSAID, "voltaren": NSAID,
    "arthrotec": NSAID, "ketoprofen": NSAID, "ketophene": NSAID, "ketorolac": NSAID,
    "toradol": NSAID, "indomethacin": NSAID, "duexis": NSAID, "vimovo": NSAID,
    "flurbiprofen": NSAID, "piroxicam": NSAID, "feldene": NSAID, "aspirin": NSAID,
    # muscle relaxants
    "cyclobenzaprine": MUSCLE_RELAXANT, "flexeril": MUSCLE_RELAXANT, "fexmid": MUSCLE_RELAXANT,
    "amrix": MUSCLE_RELAXANT, "tabradol": MUSCLE_RELAXANT, "carisoprodol": MUSCLE_RELAXANT,
    "soma": MUSCLE_RELAXANT, "metaxalone": MUSCLE_RELAXANT, "skelaxin": MUSCLE_RELAXANT,
    "tizanidine": MUSCLE_RELAXANT, "zanaflex": MUSCLE_RELAXANT, "methocarbamol": MUSCLE_RELAXANT,
    "robaxin": MUSCLE_RELAXANT, "orphenadrine": MUSCLE_RELAXANT, "norflex": MUSCLE_RELAXANT,
    "chlorzoxazone": MUSCLE_RELAXANT, "lorzone": MUSCLE_RELAXANT, "parafon": MUSCLE_RELAXANT,
    "baclofen": MUSCLE_RELAXANT, "dantrolene": MUSCLE_RELAXANT,
    # anticonvulsants for neuropathic pain
    "gabapentin": NEUROPATHIC, "neurontin": NEUROPATHIC, "gralise": NEUROPATHIC,
    "horizant": NEUROPATHIC, "fanatrex": NEUROPATHIC, "pregabalin": NEUROPATHIC,
    "lyrica": NEUROPATHIC, "topiramate": NEUROPATHIC, "topamax": NEUROPATHIC,
    "carbamazepine": NEUROPATHIC, "tegretol": NEUROPATHIC, "oxcarbazepine": NEUROPATHIC,
    "lamotrigine": NEUROPATHIC,
    # antidepressants
    "duloxetine": ANTIDEPRESSANT, "cymbalta": ANTIDEPRESSANT, "amitriptyline": ANTIDEPRESSANT,
    "elavil": ANTIDEPRESSANT, "nortriptyline": ANTIDEPRESSANT, "pamelor": ANTIDEPRESSANT,
    "venlafaxine": ANTIDEPRESSANT, "effexor": ANTIDEPRESSANT, "bupropion": ANTIDEPRESSANT,
    "wellbutrin": ANTIDEPRESSANT, "sertraline": ANTIDEPRESSANT, "zoloft": ANTIDEPRESSANT,
    "fluoxetine": ANTIDEPRESSANT, "prozac": ANTIDEPRESSANT, "escitalopram": ANTIDEPRESSANT,
    "lexapro": ANTIDEPRESSANT, "citalopram": ANTIDEPRESSANT, "celexa": ANTIDEPRESSANT,
    "paroxetine": ANTIDEPRESSANT, "paxil": ANTIDEPRESSANT, "trazodone": ANTIDEPRESSANT,
    "desyrel": ANTIDEPRESSANT, "mirtazapine": ANTIDEPRESSANT, "remeron": ANTIDEPRESSANT,
    "desvenlafaxine": ANTIDEPRESSANT, "pristiq": ANTIDEPRESSANT,
    # acid reducers: proton pump inhibitors and H2 blockers
    "omeprazole": ACID_REDUCER, "prilosec": ACID_REDUCER, "pantoprazole": ACID_REDUCER,
    "protonix": ACID_REDUCER, "esomeprazole": ACID_REDUCER, "nexium": ACID_REDUCER,
    "lansoprazole": ACID_REDUCER, "prevacid": ACID_REDUCER, "rabeprazole": ACID_REDUCER,
    "aciphex": ACID_REDUCER, "dexlansoprazole": ACID_REDUCER, "dexilant": ACID_REDUCER,
    "famotidine": ACID_REDUCER, "pepcid": ACID_REDUCER, "ranitidine": ACID_REDUCER,
    "zantac": ACID_REDUCER, "deprizine": ACID_REDUCER, "cimetidine": ACID_REDUCER,
    "tagamet": ACID_REDUCER, "sucralfate": ACID_REDUCER, "carafate": ACID_REDUCER,
    # antiemetics and laxatives
    "ondansetron": ANTIEMETIC, "zofran": ANTIEMETIC, "promethazine": ANTIEMETIC,
    "phenergan": ANTIEMETIC, "metoclopramide": ANTIEMETIC, "reglan": ANTIEMETIC,
    "docusate": LAXATIVE, "colace": LAXATIVE, "senna": LAXATIVE, "senokot": LAXATIVE,
    "miralax": LAXATIVE, "lactulose": LAXATIVE, "amitiza": LAXATIVE, "lubiprostone": LAXATIVE,
    "movantik": LAXATIVE, "linzess": LAXATIVE, "relistor": LAXATIVE, "bisacodyl": LAXATIVE,
    # benzodiazepines and sleep aids
    "diazepam": BENZODIAZEPINE, "valium": BENZODIAZEPINE, "alprazolam": BENZODIAZEPINE,
    "xanax": BENZODIAZEPINE, "clonazepam": BENZODIAZEPINE, "klonopin": BENZODIAZEPINE,
    "lorazepam": BENZODIAZEPINE, "ativan": BENZODIAZEPINE, "temazepam": BENZODIAZEPINE,
    "restoril": BENZODIAZEPINE, "zolpidem": SLEEP_AID, "ambien": SLEEP_AID,
    "eszopiclone": SLEEP_AID, "lunesta": SLEEP_AID, "zaleplon": SLEEP_AID, "sonata": SLEEP_AID,
    "suvorexant": SLEEP_AID, "belsomra": SLEEP_AID, "melatonin": SLEEP_AID,
    "diphenhydramine": SLEEP_AID, "dicopanol": SLEEP_AID, "doxepin": SLEEP_AID,
    "silenor": SLEEP_AID,
    # others
    "sildenafil": ERECTILE, "viagra": ERECTILE, "tadalafil": ERECTILE, "cialis": ERECTILE,
    "fioricet": BUTALBITAL, "fiorinal": BUTALBITAL, "butalbital": BUTALBITAL,
    "sumatriptan": TRIPTAN, "imitrex": TRIPTAN, "rizatriptan": TRIPTAN, "maxalt": TRIPTAN,
    "prednisone": STEROID, "methylprednisolone": STEROID, "medrol": STEROID,
    "theramine": MEDICAL_FOOD, "sentra": MEDICAL_FOOD, "trepadone": MEDICAL_FOOD,
    "gabadone": MEDICAL_FOOD, "acetaminophen": ACETAMINOPHEN, "tylenol": ACETAMINOPHEN,
    "provigil": STIMULANT, "modafinil": STIMULANT, "nuvigil": STIMULANT,
    "lisinopril": ANTIHYPERTENSIVE, "amlodipine": ANTIHYPERTENSIVE,
    "metformin": ANTIDIABETIC, "glucosamine": SUPPLEMENT, "chondroitin": SUPPLEMENT,
    "vitamin d": SUPPLEMENT, "omega-3": SUPPLEMENT,
    # products that are only ever topical
    "lidoderm": TOPICAL, "lidocaine": TOPICAL, "terocin": TOPICAL, "flector": TOPICAL,
    "pennsaid": TOPICAL, "salonpas": TOPICAL, "anecream": TOPICAL, "medrox": TOPICAL,
    "menthoderm": TOPICAL, "biofreeze": TOPICAL, "capsaicin": TOPICAL, "bengay": TOPICAL,
    "icy hot": TOPICAL, "methyl salicylate": TOPICAL, "mentholatum": TOPICAL,
    "lidopro": TOPICAL, "camphor": TOPICAL, "menthol": TOPICAL, "cyclophene": TOPICAL,
    "flurflex": TOPICAL, "tghot": TOPICAL, "dendracin": TOPICAL, "mentherm": TOPICAL,
}

# Words that name a class rather than a drug ("opioids", "a compounded cream").
CLASS_WORDS = {
    r"opioids?|narcotics?": OPIOID,
    r"nsaids?|anti-?inflammator(?:y|ies)": NSAID,
    r"muscle relaxants?": MUSCLE_RELAXANT,
    r"proton pump inhibitors?|ppis?|h2 blockers?": ACID_REDUCER,
    r"antidepressants?": ANTIDEPRESSANT,
    r"sleep aids?|hypnotics?": SLEEP_AID,
    r"compound(?:ed)? (?:cream|topical|ointment|gel)|topical (?:analgesics?|compounds?)": TOPICAL,
}
