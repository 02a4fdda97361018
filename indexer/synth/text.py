"""Sentence banks for synthetic letters: what the guidelines say and why a reviewer decides."""

from __future__ import annotations

# What the guideline says, by group of treatments ({req} = the request as written).
GUIDANCE = {
    "visits": [
        "The guidelines allow a fading course of 9 to 10 supervised visits over 8 weeks for "
        "myalgia "
        "and myositis, with the patient moving on to self-directed home exercise.",
        "For neuralgia and radiculitis the recommended course is 8 to 10 visits spread over about "
        "4 weeks, after which active home exercise should carry the gains forward.",
        "Active therapy is favoured over passive modalities, and continued visits depend on "
        "objective gains in function from the visits already completed.",
        "Massage and other passive care are meant as an adjunct to exercise and should generally "
        "be "
        "limited to 4 to 6 visits.",
        "Aquatic exercise is an optional form of exercise therapy where reduced weight bearing is "
        "desirable, for example in extreme obesity, with the same visit limits as land therapy.",
    ],
    "chiro": [
        "Manual therapy is recommended for chronic musculoskeletal pain with a trial of 6 visits "
        "over 2 weeks, and up to 18 visits over 6 to 8 weeks when objective improvement is shown.",
        "For a recurrence or flare-up the guidelines call for re-evaluating prior success and, if "
        "the patient returned to work, 1 to 2 visits every 4 to 6 months.",
        "Manipulation is not advised for the ankle, foot, wrist, hand or knee, and elective or "
        "maintenance care is not considered medically necessary.",
    ],
    "acu": [
        "Acupuncture may be used when pain medication is reduced or not tolerated, and as an "
        "adjunct "
        "to physical rehabilitation to speed functional recovery.",
        "The time to produce functional improvement is 3 to 6 treatments at 1 to 3 sessions a "
        "week, "
        "with an optimum duration of 1 to 2 months.",
        "Treatments may be extended only if functional improvement is documented, meaning a "
        "clinically significant gain in daily activities or a reduction in work restrictions.",
    ],
    "psych": [
        "Behavioral interventions are recommended, starting with an initial trial of 3 to 4 "
        "psychotherapy visits over 2 weeks.",
        "With evidence of objective functional improvement, a total of up to 6 to 10 visits over "
        "5 to 6 weeks of individual sessions may be appropriate.",
        "Cognitive behavioral therapy is suggested for patients with risk factors for delayed "
        "recovery, including fear avoidance beliefs, after a screening evaluation.",
    ],
    "imaging": [
        "Unequivocal objective findings of specific nerve compromise on the neurologic examination "
        "are sufficient to justify imaging in patients who have not responded to treatment and "
        "would consider surgery.",
        "Imaging is indicated for emergence of a red flag, physiologic evidence of tissue insult "
        "or "
        "neurologic dysfunction, failure to progress in a strengthening program, or clarification "
        "of anatomy before an invasive procedure.",
        "Routine imaging is not recommended for nonspecific pain in the first 4 to 6 weeks unless "
        "red flags for fracture, tumor or infection are present.",
        "Repeat imaging should be reserved for a significant change in symptoms or findings "
        "suggestive of significant pathology.",
    ],
    "emg": [
        "Electromyography may be useful to identify subtle focal neurologic dysfunction in "
        "patients "
        "with symptoms lasting more than 3 or 4 weeks.",
        "Nerve conduction studies are not recommended when a patient is already presumed to have "
        "symptoms on the basis of radiculopathy.",
        "Electrodiagnostic testing is not necessary when radiculopathy is already clinically "
        "obvious.",
    ],
    "lab": [
        "Drug testing is an option to assess for the use or presence of illegal drugs and to "
        "monitor adherence in patients on chronic opioid therapy.",
        "Periodic laboratory monitoring, including a blood count and chemistry profile, is "
        "suggested for patients on long-term NSAID therapy.",
        "The frequency of urine drug testing should follow the patient's risk of aberrant "
        "behavior; "
        "low-risk patients need testing about once a year.",
    ],
    "injection": [
        "Radiculopathy must be documented by physical examination and corroborated by imaging or "
        "electrodiagnostic testing, and the patient must have been unresponsive to conservative "
        "treatment.",
        "Repeat blocks require at least 50% pain relief with reduced medication use for 6 to 8 "
        "weeks after the previous injection.",
        "Facet joint injections are of questionable merit; a single diagnostic medial branch block "
        "may be considered for non-radicular pain at no more than two levels.",
        "Neurotomy should follow a diagnostic medial branch block with a response of at least 70%, "
        "and repeat procedures depend on sustained relief.",
        "Trigger point injections are reserved for myofascial pain with circumscribed trigger "
        "points, a twitch response and referred pain, persisting more than 3 months.",
    ],
    "visit": [
        "Office visits are determined by the patient's concerns, signs and symptoms, clinical "
        "stability and reasonable physician judgment.",
        "A referral may be made when the diagnosis is uncertain or extremely complex, or when "
        "psychosocial factors are present and specialist input would aid treatment.",
        "Patients on opioids or other medicines that require close monitoring warrant regular "
        "follow-up visits.",
    ],
    "equipment": [
        "Durable medical equipment must withstand repeated use, serve a medical purpose, and be "
        "appropriate for use in the patient's home.",
        "A one-month home-based trial of transcutaneous electrical stimulation may be considered "
        "as "
        "an adjunct to a program of evidence-based functional restoration.",
        "Continuous-flow cryotherapy is an option after surgery for up to 7 days, but not for "
        "nonsurgical treatment.",
        "Lumbar supports have not been shown to have lasting benefit beyond the acute phase of "
        "symptom relief.",
    ],
    "program": [
        "Home health services are recommended only for patients who are homebound and need "
        "medical treatment, on a part-time or intermittent basis; homemaker services are not "
        "medical treatment.",
        "A functional restoration program requires an adequate evaluation, failure of previous "
        "methods, significant loss of independent function, and motivation to change.",
        "Treatment in an interdisciplinary program is not suggested for longer than 2 weeks "
        "without "
        "evidence of demonstrated efficacy from subjective and objective gains.",
        "A functional capacity evaluation may be considered when case management is hampered by "
        "complex issues, but not to determine a worker's effort or compliance.",
    ],
    "surgery": [
        "Surgical consultation is indicated for activity limitation for more than 4 months, "
        "failure "
        "of an exercise program, and clear imaging evidence of a lesion known to benefit from "
        "repair.",
        "Surgery is considered when conservative care including injections and therapy has failed "
        "over 3 to 6 months and clinical findings match the imaging.",
        "Post-surgical therapy is supported with an initial course of half the general number of "
        "visits for the procedure.",
    ],
    "opioid": [
        "Ongoing opioid management requires documentation of pain relief, functional status, side "
        "effects and aberrant drug-taking behavior at each visit.",
        "Opioids should be discontinued when there is no overall improvement in function, unless "
        "there are extenuating circumstances.",
        "Long-term users should be managed under a signed agreement with periodic urine drug "
        "screens "
        "and a single prescriber.",
        "The total daily dose should generally stay below 120 mg oral morphine equivalents.",
    ],
    "nsaid": [
        "Anti-inflammatory drugs are recommended at the lowest dose for the shortest period in "
        "patients with moderate to severe pain.",
        "For chronic low back pain NSAIDs are an option for short-term symptomatic relief; "
        "long-term use carries gastrointestinal, renal and cardiovascular risk.",
        "A selective COX-2 inhibitor may be considered when the patient has a risk of GI "
        "complications but not cardiovascular disease.",
    ],
    "relaxant": [
        "Non-sedating muscle relaxants are advised with caution as a second-line option for "
        "short-term treatment of acute exacerbations of chronic pain.",
        "Cyclobenzaprine is recommended for a short course of therapy; the effect is greatest in "
        "the first 4 days and use beyond 2 to 3 weeks is not supported.",
        "Carisoprodol is not recommended and is not indicated for long-term use.",
    ],
    "anticonvulsant": [
        "Antiepilepsy drugs are recommended for neuropathic pain, with a good response defined as "
        "a 50% reduction in pain and a moderate response as 30%.",
        "After initiation there should be documentation of pain relief, improvement in function "
        "and side effects at each visit.",
        "There is little evidence for these agents in non-specific axial low back pain or "
        "myofascial pain.",
    ],
    "antidepressant": [
        "Tricyclic antidepressants are a first-line option for neuropathic pain and a possibility "
        "for non-neuropathic pain.",
        "Assessment of treatment efficacy should include pain outcomes, function, changes in other "
        "analgesic use, sleep quality and psychological state.",
        "Serotonin-norepinephrine reuptake inhibitors are an option for neuropathic pain when "
        "tricyclics are ineffective, poorly tolerated or contraindicated.",
    ],
    "topical": [
        "Topical analgesics are largely experimental and are primarily recommended for "
        "neuropathic pain after trials of antidepressants and anticonvulsants have failed.",
        "A lidocaine patch may be considered for localized peripheral pain after a trial of "
        "first-line therapy such as a tricyclic or an antiepilepsy drug.",
        "Capsaicin is recommended only as an option in patients who have not responded or are "
        "intolerant to other treatments.",
    ],
    "sleep": [
        "Pharmacologic agents for insomnia should be used only after careful evaluation of the "
        "causes of the sleep disturbance.",
        "Zolpidem and similar hypnotics are approved for short-term use, usually 2 to 6 weeks, "
        "and are rarely recommended for long-term use.",
    ],
    "gi": [
        "A proton pump inhibitor is indicated for patients at intermediate risk for "
        "gastrointestinal events who take NSAIDs.",
        "Risk factors include age over 65, a history of peptic ulcer, GI bleeding or perforation, "
        "and concurrent aspirin, corticosteroid or anticoagulant use.",
        "Long-term proton pump inhibitor use beyond one year has been linked to hip fracture.",
    ],
    "othermed": [
        "Antiemetics are not recommended for nausea and vomiting secondary to chronic opioid use.",
        "Prophylactic treatment of constipation should be started when opioid therapy begins.",
        "A medication should be prescribed for a documented indication with a clear plan to "
        "monitor its benefit.",
    ],
}

GROUPS = {
    "physical therapy": "visits",
    "occupational therapy": "visits",
    "massage therapy": "visits",
    "aquatic therapy": "visits",
    "chiropractic": "chiro",
    "acupuncture": "acu",
    "psychotherapy": "psych",
    "MRI": "imaging",
    "CT": "imaging",
    "X-ray": "imaging",
    "EMG/NCS": "emg",
    "laboratory test": "lab",
    "epidural steroid injection": "injection",
    "facet injection/medial branch block": "injection",
    "trigger point injection": "injection",
    "radiofrequency ablation": "injection",
    "office visit": "visit",
    "consultation/referral": "visit",
    "brace/orthosis": "equipment",
    "mobility aid": "equipment",
    "cold/heat therapy unit": "equipment",
    "exercise/rehabilitation equipment": "equipment",
    "weight loss program": "program",
    "inpatient stay": "program",
    "TENS/electrical stimulation": "equipment",
    "home health care": "program",
    "functional restoration program": "program",
    "functional capacity evaluation": "program",
    "spine surgery": "surgery",
    "joint arthroscopy/repair": "surgery",
    "joint replacement": "surgery",
    "hand/wrist/nerve surgery": "surgery",
    "opioid": "opioid",
    "NSAID": "nsaid",
    "muscle relaxant": "relaxant",
    "anticonvulsant": "anticonvulsant",
    "antidepressant": "antidepressant",
    "topical analgesic": "topical",
    "sleep aid": "sleep",
    "gastroprotective agent": "gi",
    "antiemetic": "othermed",
    "laxative/stool softener": "othermed",
}
