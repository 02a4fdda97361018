"""The controlled vocabularies: treatment, drug, sessions, body parts, sources, specialties."""

from __future__ import annotations

import pytest

from indexer import vocab
from indexer.vocab import drugs as vocab_drugs
from indexer.vocab import guidelines as vocab_guidelines
from indexer.vocab.sessions import requested_sessions

PT, OT, CHIRO = "physical therapy", "occupational therapy", "chiropractic"


@pytest.mark.parametrize(
    ("request_text", "treatment", "drug"),
    [
        ("Norco 10/325mg #60", "opioid", "hydrocodone/acetaminophen"),
        ("Flexeril 10mg #90", "muscle relaxant", "cyclobenzaprine"),
        ("Ultram ER 100mg #60", "opioid", "tramadol"),
        ("Naproxen 550mg #60", "NSAID", "naproxen"),
        ("Voltaren gel apply to affected area 4 times a day", "topical analgesic", "diclofenac"),
        ("Lidoderm 5% patch #30", "topical analgesic", "lidocaine"),
        ("Prilosec 20mg #90", "gastroprotective agent", "omeprazole"),
        ("Neurontin 600mg", "anticonvulsant", "gabapentin"),
        ("Cymbalta 60mg #30", "antidepressant", "duloxetine"),
        ("Ambien 10mg #30", "sleep aid", "zolpidem"),
        ("Viagra 50mg", "erectile dysfunction drug", "sildenafil"),
        ("Post-op Percocet 5/325mg", "opioid", "oxycodone/acetaminophen"),
        # brand and generic both named: each ingredient once
        ("Percocet (oxycodone/acetaminophen) 5/325mg #40", "opioid", "oxycodone/acetaminophen"),
        ("Ultracet (tramadol/acetaminophen) #60", "opioid", "tramadol/acetaminophen"),
        # a transdermal opioid is systemic, not a topical analgesic
        ("Butrans 10mcg/hr patch #4", "opioid", "buprenorphine"),
        ("Buprenorphine 5mcg/hr patch", "opioid", "buprenorphine"),
        ("Duragesic 25mcg/hr transdermal", "opioid", "fentanyl"),
        ("Ketoprofen 20% cream", "topical analgesic", "ketoprofen"),
        ("Pain management follow up office visit regarding the lumbar spine", "office visit", None),
        ("Consult with hip replacement specialist", "consultation/referral", None),
        ("Additional occupational therapy 2x6 weeks", "occupational therapy", None),
        ("Five chiropractic and physical therapy sessions", "chiropractic", None),
        ("Two massage therapy sessions", "massage therapy", None),
        ("Aquatic therapy 2 times a week for 6 weeks", "aquatic therapy", None),
        ("Twelve acupuncture visits with Capsaicin patch", "acupuncture", None),
        ("Cognitive behavioral psychotherapy, 6 sessions", "psychotherapy", None),
        ("MRI of the lumbar spine without contrast", "MRI", None),
        ("CT scan of head", "CT", None),
        ("X-rays of the left shoulder", "X-ray", None),
        ("EMG/NCV of the bilateral upper extremities", "EMG/NCS", None),
        ("Pre-op labs: CBC", "laboratory test", None),
        ("Urine drug testing", "laboratory test", None),
        ("Right L5-S1 epidural steroid injection", "epidural steroid injection", None),
        ("Bilateral L4-5 medial branch blocks", "facet injection/medial branch block", None),
        ("Trigger point injections x4 to the trapezius", "trigger point injection", None),
        ("Radiofrequency ablation at L3-L5", "radiofrequency ablation", None),
        ("Left shoulder arthroscopy with Bankart repair", "joint arthroscopy/repair", None),
        ("Associated surgical service: Cold therapy for one week", "cold/heat therapy unit", None),
        ("TENS unit", "TENS/electrical stimulation", None),
        ("Home health aide 4 hours a day", "home health care", None),
        ("Functional restoration program, 80 hours", "functional restoration program", None),
        ("Gym membership", "exercise/rehabilitation equipment", None),
        ("Zygomatic realignment", "other", None),
    ],
)
def test_classify_treatment(request_text, treatment, drug):
    assert vocab.classify_treatment(request_text) == (treatment, drug)


def test_every_category_is_in_the_vocabulary():
    required = {
        "physical therapy",
        "occupational therapy",
        "chiropractic",
        "acupuncture",
        "massage therapy",
        "aquatic therapy",
        "office visit",
        "consultation/referral",
        "psychotherapy",
        "MRI",
        "CT",
        "X-ray",
        "EMG/NCS",
        "laboratory test",
        "epidural steroid injection",
        "facet injection/medial branch block",
        "trigger point injection",
        "radiofrequency ablation",
        "spine surgery",
        "joint arthroscopy/repair",
        "brace/orthosis",
        "TENS/electrical stimulation",
        "home health care",
        "functional restoration program",
        "opioid",
        "NSAID",
        "muscle relaxant",
        "anticonvulsant",
        "antidepressant",
        "topical analgesic",
        "sleep aid",
        "gastroprotective agent",
        "unclassified medication",
        "other",
    }
    assert required <= set(vocab.TREATMENTS)
    assert set(vocab_drugs.DRUG_CLASSES.values()) <= set(vocab.TREATMENTS)
    assert set(vocab_drugs.BRANDS.values()) <= set(vocab_drugs.DRUG_CLASSES)


@pytest.mark.parametrize(
    ("request_text", "treatment", "count"),
    [
        ("physical therapy 2 times a week for 4 weeks, for the cervical and lumbar spine", PT, 8),
        ("Additional occupational therapy 2x6 weeks (12 sessions) low back", OT, 12),
        ("physical therapy 2x6", PT, 12),
        ("Five chiropractic and physical therapy sessions", CHIRO, 5),
        ("(12) Sessions of Physical Therapy for the Cervical Spine", PT, 12),
        ("Additional physical therapy two times four visits (8) for the lumbar", PT, 8),
        ("Physical therapy three times a week for two weeks", PT, 6),
        ("Twelve physical therapy sessions, three times weekly, for the right elbow", PT, 12),
        ("Associated surgical service: Physical therapy, times 12", PT, 12),
        ("Chiropractic care for the low back; six sessions", CHIRO, 6),
        ("Chiropractic therapy sessions for the cervical spine, #2", CHIRO, 2),
        ("12 sessions of physical therapy", PT, 12),
        ("Physical therapy evaluation", PT, None),
        # a pill count, a tablet count or refills are quantities, never sessions
        ("Norco 10/325 #90", "opioid", None),
        ("Flexeril 10mg #90", "muscle relaxant", None),
        ("Lorzone 750mg one by mouth three times a day #45", "muscle relaxant", None),
        ("Two refills of Ibuprofen 600mg #90", "NSAID", None),
        ("TENS unit supplies x2 refills", "TENS/electrical stimulation", None),
        ("TENS unit electrodes (4) patches", "TENS/electrical stimulation", None),
        ("Electrocardiogram times 3", "laboratory test", None),
        ("12 sessions of physical therapy", "", None),
    ],
)
def test_requested_sessions(request_text, treatment, count):
    assert requested_sessions(request_text, treatment) == count


def test_only_visit_based_treatments_have_sessions():
    counted = {treatment for treatment in vocab.TREATMENTS
               if requested_sessions("12 sessions, 2 times a week for 6 weeks, #12", treatment)}
    assert counted == vocab.SESSION_TREATMENTS


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Additional occupational therapy 2x6 weeks low back, right shoulder, right wrist",
            ["lumbar spine", "shoulder", "wrist"],
        ),
        ("MRI of neck and right hand without contrast", ["cervical spine", "hand"]),
        ("EMG/NCV of the lower extremities", ["lower extremity"]),
        ("X-ray of the pelvis", ["pelvis"]),
        ("CT scan of head", ["head"]),
        ("Right L5-S1 epidural steroid injection", ["lumbar spine"]),
        ("Ankle brace and foot orthotics", ["ankle", "foot"]),
        ("TENS unit", []),
    ],
)
def test_body_parts(text, parts):
    assert vocab.body_parts(text) == parts


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("Decision based on MTUS Shoulder Complaints 2004.", ["MTUS ACOEM Shoulder"]),
        (
            "Decision based on MTUS Chronic Pain Treatment Guidelines Page(s): 98-99.",
            ["MTUS Chronic Pain"],
        ),
        (
            "Decision based on MTUS Postsurgical Treatment 2009, Section(s): Shoulder.",
            ["MTUS Postsurgical"],
        ),
        (
            "Decision based on MTUS Low Back Complaints 2004, Section(s): Physical Methods. "
            "Decision "
            "based on Non-MTUS Citation Official Disability Guidelines (ODG), Low Back.",
            ["MTUS ACOEM Low Back", "ODG"],
        ),
        (
            "Decision based on MTUS Forearm, Wrist, and Hand Complaints 2004.",
            ["MTUS ACOEM Forearm, Wrist, and Hand"],
        ),
        (
            "Decision based on MTUS Neck and Upper Back Complaints 2004, "
            "Section(s): Special Studies, "
            "and Low Back Complaints 2004, Section(s): Special Studies.",
            ["MTUS ACOEM Neck and Upper Back", "MTUS ACOEM Low Back"],
        ),
        (
            "The Expert Reviewer did not base their decision on the MTUS. Decision based on "
            "Non-MTUS Citation American College of Occupational and Environmental Medicine "
            "(ACOEM), 2nd Edition",
            ["ACOEM (non-MTUS)"],
        ),
        (
            "The Expert Reviewer based their decision on recommendation(s) outside of the MTUS "
            "Guidelines. Decision based on Non-MTUS Citation Sildenafil: Drug information",
            ["Other (non-MTUS)"],
        ),
        (
            "Decision based on MTUS Stress-Related Conditions 2004, Section(s): General Approach.",
            ["MTUS ACOEM Stress Related Conditions"],
        ),
        ("Decision based on MTUS Knee Complaints 2004.", ["MTUS ACOEM Knee"]),
        # a named ACOEM chapter is that chapter only; bare "MTUS ACOEM" is the general part
        (
            "Decision based on MTUS ACOEM Chapter 12 Low Back Complaints, page(s) 303-305.",
            ["MTUS ACOEM Low Back"],
        ),
        ("Decision based on MTUS ACOEM Practice Guidelines, 2nd Edition.", ["MTUS ACOEM General"]),
        # 2013-2014 wording: "which is (not) part of the MTUS" follows each citation
        (
            "The Physician Reviewer based his/her decision on the MTUS Chronic Pain Treatment "
            "Guidelines Physical Medicine Page(s): 98-99, which is part of the MTUS. The Physician "
            "Reviewer also cited the Official Disability Guidelines (ODG), Shoulder (Acute & "
            "Chronic), Physical Medicine, which is not part of the MTUS.",
            ["MTUS Chronic Pain", "ODG"],
        ),
        (
            "The Claims Administrator based its decision on the MTUS Acupuncture Medical Treatment "
            "Guidelines, which is part of the MTUS. The Claims Administrator also cited the FDA "
            "prescribing information, which is not part of the MTUS.",
            ["MTUS Acupuncture", "Other (non-MTUS)"],
        ),
        # a non-MTUS ACOEM citation next to the MTUS General Approaches part
        (
            "Decision based on MTUS General Approaches 2004, Section(s): Initial Approaches to "
            "Treatment. Decision based on Non-MTUS Citation ACOEM Practice Guidelines, 2nd "
            "Edition (2004), Chapter 7, Independent Medical Examinations and Consultations.",
            ["MTUS ACOEM General", "ACOEM (non-MTUS)"],
        ),
        # a numbered section title does not end the citation
        (
            "Decision based on MTUS Opioid Treatment 2016, Section(s): 3. Opioids for Chronic "
            "Pain and Chronic Opioid Treatment: Overview.",
            ["MTUS Opioid Treatment"],
        ),
        (
            "The Claims Administrator did not cite any medical evidence for its decision.",
            ["None cited"],
        ),
        ("", ["None cited"]),
    ],
)
def test_guideline_sources(text, sources):
    assert vocab_guidelines.guideline_sources(text) == sources


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Physical Medicine & Rehabilitation, Pain Management",
            ["Physical Medicine & Rehabilitation", "Pain Management"],
        ),
        ("Physical Medicine and Rehabilitation", ["Physical Medicine & Rehabilitation"]),
        (
            "Preventive Medicine, Occupational Medicine, "
            "Public Health & General Preventive Medicine",
            [
                "Preventive Medicine",
                "Occupational Medicine",
                "Public Health & General Preventive Medicine",
            ],
        ),
        ("Chiropractor", ["Chiropractic"]),
        ("Podiatrist", ["Podiatry"]),
        ("Psychiatrist, Neurologist", ["Psychiatry", "Neurology"]),
        ("family practice", ["Family Practice"]),
    ],
)
def test_specialties(text, names):
    assert vocab.specialties(text) == names


def test_states_in_order_without_substring_matches():
    assert vocab.states("Ohio,West Virginia,California") == ["Ohio", "West Virginia", "California"]
    assert vocab.states("texas, new york") == ["Texas", "New York"]
