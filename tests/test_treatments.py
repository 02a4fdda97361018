"""Treatment classification of requests worded as the guidelines word them, none of them taken
from the shared letters: each kind of service and drug class, the catch-alls as fallbacks, and
the words that decided a category."""

from __future__ import annotations

import pytest

from indexer.vocab import CATCH_ALLS, classify_treatment
from indexer.vocab.treatments import treatment_evidence


@pytest.mark.parametrize(
    ("request_text", "treatment", "drug"),
    [
        ("Lumbar ESI L4-5", "epidural steroid injection", None),
        ("Right shoulder subacromial decompression, distal clavicle excision",
         "joint arthroscopy/repair", None),
        ("L4-5 posterior lumbar interbody fusion", "spine surgery", None),
        ("Right total knee arthroplasty", "joint replacement", None),
        ("Right carpal tunnel release", "hand/wrist/nerve surgery", None),
        ("Assistant surgeon", "surgical assistant/peri-operative service", None),
        ("Manipulation under anesthesia left shoulder", "joint arthroscopy/repair", None),
        ("ORIF left ankle", "fracture repair/hardware removal", None),
        ("Medical clearance", "surgical assistant/peri-operative service", None),
        ("Front wheeled walker", "mobility aid", None),
        ("Shower chair", "bathroom/home equipment", None),
        ("Bedside commode", "bathroom/home equipment", None),
        ("Hospital bed", "sleep/positioning equipment", None),
        ("Compression stockings", "compression garment/DVT device", None),
        ("DVT prophylaxis unit", "compression garment/DVT device", None),
        ("Shoulder immobilizer with abduction pillow", "brace/orthosis", None),
        ("Shoe orthotics", "brace/orthosis", None),
        ("Continuous passive motion device 21 days", "exercise/rehabilitation equipment", None),
        ("Thermacare heat wraps", "cold/heat therapy unit", None),
        ("Cold compression therapy unit with DVT prophylaxis", "cold/heat therapy unit", None),
        ("Polar Care unit", "cold/heat therapy unit", None),
        ("H-wave device 30 day trial", "TENS/electrical stimulation", None),
        ("Spinal cord stimulator trial", "spinal cord stimulator/intrathecal pump", None),
        ("Right knee Synvisc injection x3", "joint/soft tissue injection", None),
        ("Cortisone injection right shoulder", "joint/soft tissue injection", None),
        ("Occipital nerve block", "nerve block", None),
        ("Botox 200 units", "botulinum toxin injection", None),
        ("Platelet rich plasma injection right elbow", "PRP/regenerative injection", None),
        ("Extracorporeal shockwave therapy 3 sessions", "shockwave therapy", None),
        ("Ultrasound of the right shoulder", "diagnostic ultrasound", None),
        ("Pulsed ultrasound 2 times a week for 4 weeks", "passive modality", None),
        ("DEXA scan", "bone scan/nuclear imaging", None),
        ("CT myelogram lumbar spine", "CT", None),
        ("Sleep study", "sleep study", None),
        ("Urine toxicology", "laboratory test", None),
        ("Genetic testing for opioid risk", "laboratory test", None),
        ("Follow-up MRI of the lumbar spine", "MRI", None),
        ("Follow-up visit in 4 weeks", "office visit", None),
        ("Orthopedic follow-up", "office visit", None),
        ("Psychiatric follow-up", "office visit", None),
        ("Urgent care visit", "office visit", None),
        ("Follow-up physical therapy 6 visits", "physical therapy", None),
        ("Follow-up MRI of the knee", "MRI", None),
        ("Second opinion spine surgeon", "consultation/referral", None),
        ("Psychiatric consultation", "consultation/referral", None),
        ("Speech therapy 12 sessions", "speech/cognitive therapy", None),
        ("Vestibular rehabilitation 6 sessions", "physical therapy", None),
        ("Detox program", "detoxification program", None),
        ("Inpatient stay 3 days", "inpatient stay", None),
        ("Skilled nursing facility 14 days", "inpatient rehabilitation", None),
        ("Transportation to and from medical appointments", "transportation", None),
        ("Interpreter services", "interpreter services", None),
        ("Weight loss program", "weight loss program", None),
        ("Hearing aids", "hearing/vision aid", None),
        ("Toradol 60mg IM injection", "NSAID", "ketorolac"),
        ("Lovenox 40mg injection x 14 days", "anticoagulant", "enoxaparin"),
        ("Keflex 500mg #28", "antibiotic", "cephalexin"),
        ("Provigil 200mg", "stimulant", "modafinil"),
        ("Seroquel 50mg", "antipsychotic/mood stabilizer", "quetiapine"),
        ("Lisinopril 10mg", "cardiovascular/diabetes drug", "lisinopril"),
        ("Cialis 5mg", "erectile dysfunction drug", "tadalafil"),
        ("Zofran 4mg ODT", "antiemetic", "ondansetron"),
        ("Miralax", "laxative/stool softener", "polyethylene glycol"),
        ("Lunesta 3mg", "sleep aid", "eszopiclone"),
        ("Terocin patches", "topical analgesic", "capsaicin/lidocaine/menthol/methyl salicylate"),
        ("Fentanyl 25mcg patch", "opioid", "fentanyl"),
        ("Voltaren XR 100mg", "NSAID", "diclofenac"),
        ("Gabapentin 10% cream", "topical analgesic", "gabapentin"),
        ("Mupirocin ointment", "antibiotic", "mupirocin"),
        # an anaesthetic or steroid named before an injection is the injection's drug
        ("Lidocaine injection to the right knee", "joint/soft tissue injection", None),
        ("Depo-Medrol 80mg injection", "unclassified injection", None),
        ("Lovenox injection", "anticoagulant", "enoxaparin"),
        ("Ketamine infusion", "unclassified injection", None),
        # equipment asked for after a surgery is equipment; infusion is no fusion
        ("Hinged knee brace after ACL reconstruction", "brace/orthosis", None),
        ("Wrist splint for carpal tunnel syndrome", "brace/orthosis", None),
        ("Collar bone ORIF", "fracture repair/hardware removal", None),
        ("Nutritional supplement Theramine", "medical food/supplement", "theramine"),
    ],
)
def test_guideline_worded_requests(request_text, treatment, drug):
    assert classify_treatment(request_text) == (treatment, drug)


@pytest.mark.parametrize(
    ("request_text", "treatment"),
    [
        ("Zygomatic realignment", "other"),
        ("Zyloprax 5mg #30", "unclassified medication"),
        ("Left foot surgery", "unclassified surgery"),
        ("Injection of the thing", "unclassified injection"),
        ("DME purchase", "unclassified equipment"),
    ],
)
def test_what_no_kind_matches_falls_into_a_catch_all(request_text, treatment):
    assert treatment in CATCH_ALLS
    assert classify_treatment(request_text)[0] == treatment


@pytest.mark.parametrize(
    ("request_text", "evidence"),
    [
        ("Norco 10/325 #90", ("opioid", "hydrocodone/acetaminophen", "norco")),
        ("Heat pads", ("cold/heat therapy unit", None, "heat pads")),
        # a two-word pattern names its deciding word, and outranks a drug named before it
        ("Lidocaine and Kenalog injection of the right knee",
         ("joint/soft tissue injection", None, "injection")),
        ("Acupuncture with Capsaicin patch", ("acupuncture", None, "acupuncture")),
        ("Zyloprax 5mg", ("unclassified medication", None, "5mg")),
        ("Zygomatic realignment", ("other", None, "")),
    ],
)
def test_evidence_names_the_words_that_decided(request_text, evidence):
    assert treatment_evidence(request_text) == evidence
