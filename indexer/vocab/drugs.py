"""Medication vocabulary: drug classes, generic names, brand names, and the classification
of a medication request (class and generic name)."""

from __future__ import annotations

import re

OPIOID, NSAID, RELAXANT = "opioid", "NSAID", "muscle relaxant"
ANTICONVULSANT, ANTIDEPRESSANT, TOPICAL = "anticonvulsant", "antidepressant", "topical analgesic"
SLEEP_AID, PPI, OTHER_MEDICATION = "sleep aid", "proton pump inhibitor", "other medication"

# generic name -> class; brand or compounded product -> generic name (tables as "a, b" text)
_GENERICS_BY_CLASS: dict[str, str] = {
    OPIOID: (
        "hydrocodone/acetaminophen, oxycodone/acetaminophen, oxycodone, tramadol, "
        "tramadol/acetaminophen, tapentadol, morphine, hydromorphone, oxymorphone, methadone, "
        "fentanyl, buprenorphine, buprenorphine/naloxone, codeine, acetaminophen/codeine, "
        "hydrocodone, acetaminophen/caffeine/dihydrocodeine"
    ),
    NSAID: (
        "naproxen, ibuprofen, diclofenac, celecoxib, meloxicam, etodolac, nabumetone, "
        "ketoprofen, indomethacin, ketorolac, flurbiprofen, diclofenac/misoprostol, "
        "ibuprofen/famotidine, aspirin"
    ),
    RELAXANT: (
        "cyclobenzaprine, orphenadrine, methocarbamol, carisoprodol, tizanidine, baclofen, "
        "metaxalone, chlorzoxazone"
    ),
    ANTICONVULSANT: (
        "gabapentin, pregabalin, topiramate, carbamazepine, lamotrigine, oxcarbazepine"
    ),
    ANTIDEPRESSANT: (
        "amitriptyline, nortriptyline, duloxetine, venlafaxine, bupropion, sertraline, "
        "fluoxetine, trazodone, citalopram, escitalopram, paroxetine, mirtazapine, desipramine"
    ),
    TOPICAL: (
        "lidocaine, capsaicin, menthol, methyl salicylate, methyl salicylate/menthol, "
        "capsaicin/lidocaine/menthol/methyl salicylate, dextromethorphan"
    ),
    SLEEP_AID: (
        "zolpidem, eszopiclone, zaleplon, diphenhydramine, temazepam, ramelteon, suvorexant, "
        "melatonin, doxepin"
    ),
    PPI: ("omeprazole, pantoprazole, esomeprazole, lansoprazole, rabeprazole, dexlansoprazole"),
    OTHER_MEDICATION: (
        "sildenafil, ondansetron, docusate, diazepam, alprazolam, clonazepam, lorazepam, "
        "butalbital/acetaminophen/caffeine, ranitidine, famotidine, sumatriptan, sennosides, "
        "methylprednisolone, prednisone, testosterone, acetaminophen, promethazine, "
        "hydroxyzine, cyclobenzaprine/lidocaine"
    ),
}
DRUG_CLASSES: dict[str, str] = {
    generic.strip(): name
    for name, text in _GENERICS_BY_CLASS.items()
    for generic in text.split(",")
}
_BRAND_TABLE = (
    "norco=hydrocodone/acetaminophen, vicodin=hydrocodone/acetaminophen, "
    "lortab=hydrocodone/acetaminophen, hydrocodone/apap=hydrocodone/acetaminophen, "
    "percocet=oxycodone/acetaminophen, endocet=oxycodone/acetaminophen, oxycontin=oxycodone, "
    "roxicodone=oxycodone, ultram=tramadol, ultracet=tramadol/acetaminophen, synapryn=tramadol, "
    "nucynta=tapentadol, ms contin=morphine, kadian=morphine, dilaudid=hydromorphone, "
    "opana=oxymorphone, duragesic=fentanyl, butrans=buprenorphine, "
    "suboxone=buprenorphine/naloxone, tylenol #3=acetaminophen/codeine, tylenol with "
    "codeine=acetaminophen/codeine, trezix=acetaminophen/caffeine/dihydrocodeine, "
    "anaprox=naproxen, naprosyn=naproxen, aleve=naproxen, motrin=ibuprofen, advil=ibuprofen, "
    "voltaren=diclofenac, flector=diclofenac, pennsaid=diclofenac, celebrex=celecoxib, "
    "mobic=meloxicam, lodine=etodolac, relafen=nabumetone, toradol=ketorolac, "
    "arthrotec=diclofenac/misoprostol, duexis=ibuprofen/famotidine, ketophene=ketoprofen, "
    "flexeril=cyclobenzaprine, fexmid=cyclobenzaprine, amrix=cyclobenzaprine, "
    "tabradol=cyclobenzaprine, norflex=orphenadrine, robaxin=methocarbamol, soma=carisoprodol, "
    "zanaflex=tizanidine, skelaxin=metaxalone, lorzone=chlorzoxazone, parafon=chlorzoxazone, "
    "neurontin=gabapentin, gralise=gabapentin, fanatrex=gabapentin, lyrica=pregabalin, "
    "topamax=topiramate, tegretol=carbamazepine, elavil=amitriptyline, pamelor=nortriptyline, "
    "cymbalta=duloxetine, effexor=venlafaxine, wellbutrin=bupropion, zoloft=sertraline, "
    "prozac=fluoxetine, desyrel=trazodone, lexapro=escitalopram, remeron=mirtazapine, "
    "lidoderm=lidocaine, anecream=lidocaine, lidopro=capsaicin/lidocaine/menthol/methyl "
    "salicylate, terocin=capsaicin/lidocaine/menthol/methyl salicylate, salonpas=methyl "
    "salicylate/menthol, bengay=methyl salicylate/menthol, ambien=zolpidem, "
    "lunesta=eszopiclone, sonata=zaleplon, dicopanol=diphenhydramine, restoril=temazepam, "
    "rozerem=ramelteon, belsomra=suvorexant, silenor=doxepin, prilosec=omeprazole, "
    "protonix=pantoprazole, nexium=esomeprazole, prevacid=lansoprazole, aciphex=rabeprazole, "
    "dexilant=dexlansoprazole, viagra=sildenafil, zofran=ondansetron, colace=docusate, "
    "valium=diazepam, xanax=alprazolam, klonopin=clonazepam, ativan=lorazepam, "
    "fioricet=butalbital/acetaminophen/caffeine, deprizine=ranitidine, zantac=ranitidine, "
    "pepcid=famotidine, imitrex=sumatriptan, senna=sennosides, senokot=sennosides, "
    "medrol=methylprednisolone, tylenol=acetaminophen, apap=acetaminophen, "
    "phenergan=promethazine, vistaril=hydroxyzine"
)
BRANDS: dict[str, str] = dict(pair.strip().split("=") for pair in _BRAND_TABLE.split(","))
# Every single generic ingredient the vocabulary names: the drug facet's values.
GENERIC_COMPONENTS: tuple[str, ...] = tuple(
    sorted({part for generic in DRUG_CLASSES for part in generic.split("/")})
)


def drug_components(name: str) -> tuple[str, ...]:
    """Generic ingredients a drug name stands for: a brand's (norco -> hydrocodone,
    acetaminophen), a combination's ("hydrocodone/acetaminophen"), or the name itself."""
    name = " ".join(name.lower().split())
    generic = BRANDS.get(name, name)
    return tuple(dict.fromkeys(part.strip() for part in generic.split("/") if part.strip()))


def brand_components() -> list[tuple[str, tuple[str, ...]]]:
    """(brand, its generic ingredients) for every brand of the vocabulary, by brand."""
    return [(brand, drug_components(brand)) for brand in sorted(BRANDS) if "/" not in brand]
_DRUG_NAMES = {**{name: name for name in DRUG_CLASSES if "/" not in name}, **BRANDS}
_DRUG_PATTERN = re.compile(
    r"(?<![a-z])("
    + "|".join(re.escape(name) for name in sorted(_DRUG_NAMES, key=len, reverse=True))
    + r")(?![a-z])"
)
_TOPICAL_FORM = re.compile(
    r"\b(cream|gel|ointment|patch(es)?|lotion|topical|compound(ed)?|"
    r"liniment|pads?|spray|\d+(\.\d+)?\s*%)"
)
# a transdermal system delivers a systemic dose: an opioid patch is still an opioid
_TRANSDERMAL = re.compile(r"\bpatch(es)?\b|transdermal|\bmcg\s*/\s*h(ou)?r\b")


def find_drugs(text: str) -> list[tuple[str, int]]:
    """Generic names (with positions) of every drug named in lower-case text, in order."""
    return [(_DRUG_NAMES[m.group(1)], m.start()) for m in _DRUG_PATTERN.finditer(text)]


def classify_medication(text: str, drugs: list[tuple[str, int]]) -> tuple[str, str]:
    """(medication class, generic name) of lower-case request text naming the given drugs."""
    components = (part for generic, _ in drugs for part in generic.split("/"))
    # "Percocet (oxycodone/acetaminophen)" names each ingredient twice: keep each once
    generic = "/".join(dict.fromkeys(components))
    drug_class = DRUG_CLASSES.get(drugs[0][0], OTHER_MEDICATION)
    systemic_patch = drug_class == OPIOID and _TRANSDERMAL.search(text)
    if _TOPICAL_FORM.search(text) and not systemic_patch:
        return TOPICAL, generic
    return drug_class, generic
