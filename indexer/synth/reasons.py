"""Sentence banks for synthetic rationales: openers, facts of the case, reasons and conclusions."""

from __future__ import annotations

OPENERS = [
    "The treater is requesting {req_lower}.",
    "Request: {req}.",
    "This patient presents with {complaint}.",
    "The injured worker has ongoing {complaint}.",
    "The provider has asked for {req_lower} to address {complaint}.",
    "The records show continued {complaint} despite prior care.",
]

FACTS = [
    "The records show {prior} prior sessions of this treatment, but the visit notes are not "
    "included.",
    "Pain was rated {p1}/10 at the most recent visit compared with {p2}/10 two months earlier.",
    "The progress note dated {visit} documents tenderness and guarding with a reduced range of "
    "motion.",
    "The examination on {visit} was largely unchanged from prior visits.",
    "The injured worker remains off work on temporary total disability.",
    "The injured worker has returned to modified duty with lifting restrictions.",
    "The treating physician's note from {visit} does not describe a specific treatment goal.",
    "Neurologic testing on {visit} showed intact strength, sensation and reflexes.",
    "Straight leg raising was reported as positive on the symptomatic side on {visit}.",
    "The file includes a utilization review that explains the basis for the non-certification.",
    "Per the report of {visit}, the patient described sleep disturbance due to pain.",
    "The date of injury is remote, and the treatment history spans several years.",
    "Medication use has been stable for at least {months} months according to the records.",
    "The submitted records do not indicate how the patient tolerated earlier treatment.",
]

REASONS_UPHELD = {
    "visits": [
        "There is no documented functional improvement from the sessions already completed.",
        "The number of visits requested exceeds what the guidelines recommend for this condition.",
        "No reason is given why the remaining rehabilitation cannot be done through a home "
        "exercise program.",
    ],
    "chiro": [
        "The request goes beyond the initial trial without evidence of objective gains.",
        "Ongoing maintenance care is not supported by the guidelines.",
    ],
    "acu": [
        "Functional improvement from the initial acupuncture trial is not documented.",
        "The number of treatments requested exceeds the trial the guidelines allow.",
    ],
    "psych": [
        "No psychological evaluation supporting the need for treatment was provided.",
        "The number of visits requested exceeds the initial trial the guidelines allow.",
    ],
    "imaging": [
        "There are no red flags and no progressive neurologic deficit on examination.",
        "There is no indication that surgery is being considered or that the results would change "
        "treatment.",
        "A prior study is on file and no significant change in the clinical picture is described.",
    ],
    "emg": [
        "Radiculopathy is already clinically evident, so the study would not change management.",
        "There are no focal neurologic findings to justify electrodiagnostic testing.",
    ],
    "lab": [
        "Recent testing was consistent and no aberrant behavior is described.",
        "No clinical indication for the test is documented.",
    ],
    "injection": [
        "Radiculopathy is not corroborated by imaging or electrodiagnostic studies.",
        "The response to the previous injection, in pain relief and medication reduction, is not "
        "documented.",
        "The examination does not describe circumscribed trigger points with a twitch response.",
    ],
    "visit": [
        "The reason for the referral and the question to be answered are not stated.",
        "The need for an additional visit at this time is not explained.",
    ],
    "equipment": [
        "There is no documentation of a successful one-month trial or of specific goals for use.",
        "The equipment is not supported outside the immediate postoperative period.",
    ],
    "program": [
        "The patient does not meet the selection criteria, including motivation to change and "
        "resolution of negative predictors.",
        "There is no evidence that the patient is homebound or needs skilled medical care at home.",
    ],
    "surgery": [
        "The imaging findings do not correlate with the examination.",
        "There is no evidence that a full course of conservative care was tried and failed.",
    ],
    "opioid": [
        "There is no documented functional improvement or reduction in pain from chronic use.",
        "The records lack a urine drug screen, a risk assessment and a signed pain agreement.",
        "Ongoing use without objective benefit is not supported, and weaning should be considered.",
    ],
    "nsaid": [
        "The medication has been used well beyond the short-term course the guidelines support.",
        "No objective benefit from the ongoing use is described.",
    ],
    "relaxant": [
        "The medication has been prescribed for months, beyond the short course that is supported.",
        "There is no acute exacerbation documented to justify renewed use.",
    ],
    "anticonvulsant": [
        "There is no objective evidence of neuropathic pain.",
        "The records do not show the 30% reduction in pain needed to continue.",
    ],
    "antidepressant": [
        "No depressive symptoms or neuropathic pain are documented for which the drug is "
        "indicated.",
        "The benefit from the current trial is not quantified.",
    ],
    "topical": [
        "There is no evidence that first-line oral agents have been tried and failed.",
        "The pain is not described as localized peripheral neuropathic pain.",
    ],
    "sleep": [
        "The medication has been prescribed for far longer than the short-term use supported.",
        "No evaluation of sleep hygiene or the cause of the insomnia is documented.",
    ],
    "gi": [
        "The patient has no documented gastrointestinal risk factors.",
        "No gastrointestinal symptoms are reported and the patient is not taking an NSAID.",
    ],
    "othermed": [
        "The indication for this medication is not documented.",
        "The guidelines do not support this use of the medication.",
    ],
}
GENERIC_UPHELD = [
    "Medical necessity has not been established by the records provided.",
    "The request does not specify a duration or frequency of use.",
    "No objective findings support the request.",
    "The treating physician gives no rationale for deviating from the guidelines.",
    "The records do not describe how this request would change the treatment plan.",
    "There is no clear documentation of the goals of this treatment.",
    "The most recent examination does not describe deficits that this request would address.",
    "Prior utilization review raised the same concerns, and they have not been answered.",
]
FIRST_LINE_GROUPS = ("topical", "sleep", "othermed", "relaxant", "injection", "surgery")
NOT_FIRST_LINE = "The request is not first-line treatment for this condition."

REASONS_OVERTURNED_BY_GROUP = {
    "visits": [
        "The request falls within the number of visits the guidelines recommend.",
        "This is an initial course, and the number requested is within the guidelines.",
    ],
    "chiro": ["The request is for the initial trial of 6 visits, which the guidelines support."],
    "acu": ["The request is within the initial trial of 3 to 6 treatments."],
    "psych": ["A psychological evaluation documents the need for treatment."],
    "imaging": [
        "The examination shows a progressive neurologic deficit that warrants imaging.",
        "Surgery is being considered, and the study would guide planning.",
    ],
    "emg": ["The examination shows equivocal neurologic findings that testing can clarify."],
    "injection": [
        "The examination findings correlate with the imaging and the criteria are met.",
        "The previous injection gave more than 50% relief for 8 weeks.",
    ],
    "surgery": [
        "Conservative care has been tried and failed over more than 3 months.",
        "The imaging shows a lesion that correlates with the examination.",
    ],
    "opioid": ["The records include a current urine drug screen and a signed pain agreement."],
    "gi": ["The patient is over 65 and takes an NSAID, which places them at intermediate risk."],
}
REASONS_OVERTURNED = [
    "The records document objective functional improvement, including {gain}.",
    "The treating physician documents {gain}, which supports continued treatment.",
    "The patient meets the criteria set out in the guidelines for this request.",
    "There is a clear indication and a defined treatment goal.",
]
GAINS = [
    "an increase in walking tolerance to 30 minutes",
    "a return to modified work",
    "a 40% reduction in pain scores",
    "improved ability to dress and bathe independently",
    "a reduction in the use of other medications",
    "better sitting tolerance at work",
]

CONCLUSIONS_UPHELD = [
    "For these reasons, the request for {req} is not medically necessary.",
    "Based on the documentation available, {req} is not medically necessary.",
    "The request cannot be supported, and it is not medically necessary.",
    "Accordingly, the request is not medically necessary at this time.",
    "Therefore, the request for {req} is not medically necessary.",
    'Given the above, the request for "{req}" is not medically necessary.',
    "The medical necessity of {req} is not established for this patient at this time.",
    "As such, the request is not medically necessary.",
    "Consequently, {req} is not medically necessary and appropriate.",
    "Therefore, {req} is not medically necessary or appropriate.",
]
CONCLUSIONS_OVERTURNED = [
    "Based on the documentation available, {req} is medically necessary.",
    "Accordingly, the request is medically necessary at this time.",
    "Therefore, the request for {req} is medically necessary.",
    'Given the above, the request for "{req}" is medically necessary.',
    "The medical necessity of {req} is established.",
    "As such, the request is medically necessary.",
    "The request for {req} is therefore medically necessary and appropriate.",
]

QUOTE_LEADS = [
    "Per the cited guidelines, ",
    "The MTUS states that ",
    "According to the guidelines, ",
    "The guidelines note that ",
    "",
    "",
    "Under the cited criteria, ",
]
