"""The procedures and services a request can name, as patterns over its lower-case text.

Terms are those of the guidelines' treatment lists (MTUS, ACOEM and ODG topics: imaging,
electrodiagnostics, injections, therapies, durable medical equipment, surgery, programs), so
that a request worded in a way the letters at hand never used is still recognised.
Alternatives start with telling letters (`x-rays?|xrays?`, not `x-?rays?`): a pattern is
searched only in a request holding one of them (indexer.vocab.prefilter).
"""

from __future__ import annotations

_SPINE = r"(lumbar|cervical|thoracic|spine|spinal|lumbosacral|[lct]\d)"
_JOINT = (
    r"(joint|intra-?articular|sacroiliac|\bsi\b|shoulder|knee|hip|elbow|wrist|ankle|bursa\w*|"
    r"tendon|sheath|subacromial|plantar|heel|thumb|finger|carpal tunnel|de ?quervain|"
    r"epicondyl\w*|acromioclavicular|glenohumeral|foot|toe|hand)"
)
_SPECIALTY = (
    r"(surgery|surgical|surgeon|orthop(a)?edic\w*|ortho|spine|spinal|pain management|"
    r"pain medicine|neuro\w*|psychiatr\w*|rheumatolog\w*|internal medicine|internist|"
    r"podiatr\w*|cardiolog\w*|urolog\w*|gastroenterolog\w*|dermatolog\w*|ophthalmolog\w*|"
    r"otolaryngolog\w*|ent|hand|physiatr\w*|pm&r|sports medicine|medical|physician|doctor|"
    r"toxicolog\w*|pulmonolog\w*|endocrinolog\w*|infectious disease|vascular|plastic|"
    r"general|specialist|audiolog\w*|dental|dentist)"
)

# (category, pattern) in priority order: the first category whose pattern occurs wins, so a
# specific kind comes before the general word that would also match it. Equipment comes before
# surgery: a request naming both is for the equipment ("knee brace after ACL reconstruction").
# A pattern that needs two words anywhere in the request starts at its beginning (it outranks
# a drug named there) and names the deciding word `term`.
SERVICE_PATTERNS: tuple[tuple[str, str], ...] = (
    (
        "inpatient rehabilitation",
        r"inpatient rehab|acute rehab|rehabilitation (unit|facility|hospital|center)|"
        r"skilled nursing|\bsnf\b|sub-?acute rehab|\birf\b|transitional (care|living)",
    ),
    (
        "functional restoration program",
        r"functional restoration|\bhelp program|work (hardening|conditioning)|"
        r"(chronic pain|multidisciplinary|interdisciplinary) (pain )?(management )?program",
    ),
    (
        "detoxification program",
        r"detox|addiction|chemical dependency|substance (abuse|use) (program|treatment)|"
        r"drug rehab|(taper|weaning) program",
    ),
    ("functional capacity evaluation", r"functional capacity|\bfce\b|work capacity"),
    (
        "range of motion/strength testing",
        r"(range of motion|\brom\b|grip|muscle|strength|flexibility|isokinetic)\w*"
        r"( \w+){0,2} (test|measure)|jamar|dynamomet|computerized (range|rom|muscle)",
    ),
    (
        "laboratory test",
        r"\bpt\s*/\s*(ptt|inr)\b|\bptt\b|\binr\b|\bua\b|urinalysis|urine|\blabs?\b|"
        r"laboratory|blood (work|test|draw|panel|count|level)|\bcbc\b|\bbmp\b|\bcmp\b|"
        r"metabolic panel|lipid|hemoglobin|\ba1c\b|liver function|\blfts?\b|renal function|"
        r"drug (screen|test)|toxicology|tox screen|\bserum\b|\bpanel\b|genetic|\bdna\b|"
        r"pharmacogen|cytokine|electrocardiogram|\bekg\b|\becg\b|\besr\b|sed rate|"
        r"c-reactive|\bcrp\b|\b(vitamin d|testosterone|drug) levels?\b|coagulation|prothrombin",
    ),
    ("sleep study", r"sleep stud|polysomno|sleep apnea (test|study)"),
    (
        "MRI",
        r"\bmri\b|magnetic resonance|\bmra\b|\bmr\b(?!\.)|(?<!ct )arthrogra|\bmrs\b",
    ),
    ("CT", r"\bct\b|computed tomography|\bcat scan|myelogra"),
    ("X-ray", r"x-rays?\b|xrays?\b|radiograph|\bxr\b"),
    (
        "diagnostic ultrasound",
        r"(diagnostic|musculoskeletal|\bmsk) ultrasound|ultrasound (of|scan|exam|study|"
        r"imaging|evaluation)\b|sonogra|doppler|duplex (scan|study|ultrasound)|echocardiogra",
    ),
    (
        "bone scan/nuclear imaging",
        r"bone scan|scintigra|nuclear (medicine|imaging|scan)|\bspect\b|\bpet(/ct)? scan|"
        r"dexa\b|bone density|densitometry",
    ),
    (
        "EMG/NCS",
        r"\bemg\b|\bncv\b|\bncs\b|nerve conduction|electromyo|electrodiagnostic|"
        r"\bssep|somatosensory|evoked potential",
    ),
    ("epidural steroid injection", r"epidural|\besi\b|transforaminal|interlaminar|caudal"),
    (
        "radiofrequency ablation",
        r"radiofrequency|rhizotomy|ablation|neurotomy|\brfa\b|cryoneurolysis|cryoablation",
    ),
    ("facet injection/medial branch block", r"facet|medial branch|\bmbb\b"),
    ("trigger point injection", r"trigger points? inj|\btpis?\b"),
    (
        "PRP/regenerative injection",
        r"\bprp\b|platelet[- ]rich|stem cell|prolotherapy|regenerative|amniotic|"
        r"autologous (blood|conditioned)",
    ),
    ("botulinum toxin injection", r"botox|botulinum|dysport|myobloc|xeomin"),
    (
        "joint/soft tissue injection",
        rf"^(?=.*{_JOINT}).*?\b(?P<term>inject\w*)|viscosupplement|hyaluron|synvisc|orthovisc|"
        r"supartz|euflexxa|monovisc|hyalgan|durolane|gel-?one|arthrocentesis|aspiration",
    ),
    (
        "nerve block",
        r"nerve blocks?|(stellate|sympathetic|occipital|genicular|suprascapular|intercostal|"
        r"ganglion|pudendal|ilioinguinal) (nerve )?(block|injection)|neurolytic|"
        r"nerve (injection|ablation)|\bblocks?\b",
    ),
    (
        "spinal cord stimulator/intrathecal pump",
        r"spinal cord stim|\bscs\b|dorsal column|intrathecal|pain pump|morphine pump|"
        r"peripheral nerve stim|dorsal root ganglion stim",
    ),
    ("unclassified injection", r"inject|infusion|\bshots?\b"),
    ("shockwave therapy", r"shock ?wave|\beswt\b"),
    (
        # TPII is impedance mapping that guides localized intense neurostimulation (LINT)
        "TENS/electrical stimulation",
        r"\btens\b|electrical (muscle )?stim|e-stim|estim|neurostim|interferential|h-wave|hwave|"
        r"\bnmes\b|\bpens\b|percutaneous electrical|neuromuscular electrical|\blint\b|"
        r"impedance imaging|\btpii\b|bone (growth )?stimulat|electrotherap|\bems\b|"
        r"microcurrent|frequency specific|scrambler|calmare|\bif unit",
    ),
    ("acupuncture", r"acupuncture|acupressure|dry needling"),
    (
        "office visit",
        r"follow[- ]?ups?\s*(office\s*)?(visits?|appointments?|evaluations?|exams?|"
        r"examinations?|consult\w*|care|treatment|with|in|by)\b|office (visit|consult)|"
        r"clinic visit|\bvisits? (with|to) (the |a |an |his |her )?(treating|primary|pain|"
        r"orthop|physician|doctor|provider|ptp|md)|re-?exam|re-?evaluat|"
        r"medication (management|monitoring|check)|(physical|medical|clinical|comprehensive|"
        r"orthop\w*|neurolog\w*|office|chiropractic|follow[- ]?up) exam|"
        r"evaluation and management|\be ?[/&] ?m\b|progress (evaluation|visit)|"
        r"monthly visits|pain management (visit|appointment|follow)|established patient",
    ),
    (
        "surgical assistant/peri-operative service",
        r"assistant surgeon|surgical assist|\bpa assist|\bpa-c\b|co-?surgeon|"
        r"(?<!under )(?<!general )anesthe(sia|siolog)|\bcrna\b|clearance|"
        r"(pre|post)[- ]?op\w* (visit|care|evaluation|appointment|exam\w*|check)|"
        r"surgical (facility|center)|surgery center|\bh&p\b|history and physical|"
        r"neuromonitoring|intraoperative monitoring|suture removal|staple removal",
    ),
    (
        "consultation/referral",
        rf"consult|referral|\brefer(red)?\b|second opinion|specialist|"
        rf"\b{_SPECIALTY} (evaluation|eval|assessment|opinion)\b|"
        r"\bevaluat(e|ion) (with|by) (a|an|the)\b|\b(ist|eon|ian)\s+(evaluation|eval)\b",
    ),
    (
        "home health care",
        r"home health|home care|\baide\b|caregiver|nursing|\bnurse\b|attendant care|"
        r"housekeep|homemaker|chore",
    ),
    ("transportation", r"transport|\brides?\b|\btaxi\b|mileage|medi-?van|\btravel\b"),
    ("interpreter services", r"interpret|translat"),
    (
        "weight loss program",
        r"weight (loss|reduction|management)|nutrition(al)? (counsel\w*|program|consult\w*)|"
        r"dietitian|dietician|bariatric|"
        r"lap[- ]band|gastric (bypass|sleeve)|medifast|nutrisystem|weight watchers",
    ),
    (
        "chiropractic",
        r"chiro|manipulat(?!\w* under)|manual therapy|\bcmt\b|osteopathic|\bomt\b",
    ),
    ("massage therapy", r"massage|myofascial release|soft tissue mobili[sz]ation|rolfing"),
    ("aquatic therapy", r"aquatic|aqua ?therap|pool therap|hydrotherap|water therap"),
    ("speech/cognitive therapy", r"speech|cognitive rehab|language therap"),
    (
        "physical therapy",
        r"physical therap|(?<!/)\bpt\b(?!\s*/\s*(ptt|inr))|physiotherap|"
        r"therapeutic (exercise|activit)|physical medicine|"
        r"rehab(ilitation)? (therapy|sessions?|visits?|program)|"
        r"post-?op(erative)? rehab|home exercise program|\bhep\b|vestibular|"
        r"gait training|work simulation|physiotherapy",
    ),
    # after physical therapy ("PT with ultrasound" is PT): a modality asked for alone is judged
    # by the guidelines on its own (ODG rates infrared, traction, ultrasound one by one)
    (
        "passive modality",
        r"infrared|ultrasound|traction|spinolator|diathermy|iontophoresis|phonophoresis|"
        r"paraffin|(hot|cold|moist heat) packs? therapy|decompression therapy",
    ),
    ("occupational therapy", r"occupational therap|\bot\b|hand therap|\bcht\b"),
    (
        "psychotherapy",
        r"psychotherap|psycholog|psychiatr\w* (treatment|therapy|visits|sessions)|"
        r"cognitive behavio|\bcbt\b|biofeedback|counsel|mental health|"
        r"behavio(u)?ral (therapy|medicine|health|pain)|relaxation training|hypno|"
        r"group therapy|family therapy|anger management|stress management|pain coping|emdr",
    ),
    (
        "cold/heat therapy unit",
        r"vascutherm|game ?ready|polar ?care|cryo|cold (therapy|unit|compression|pack|wrap|"
        r"machine|device)|ice (machine|unit|packs?|therapy|pads?|wraps?)|ice/heat|heat/ice|"
        r"hot/cold|cold/hot|cold/heat|hot (and|or|&) cold|heat (pads?|wraps?|packs?|unit|"
        r"therapy|lamp)|heating (pad|unit|wrap)|thermal (unit|therapy|wrap)|thermacare|"
        r"thermotherap|q-tech|qtech|iceman|coolsystem|contrast therapy|paraffin",
    ),
    (
        "compression garment/DVT device",
        r"compression (stocking|hose|garment|sleeve|socks?|wrap|pump|device|therapy|boots?)|"
        r"\bted hose|sequential compression|pneumatic compression|\bscds?\b|lymphedema pump|"
        r"dvt (prophylaxis )?(unit|device|pump|machine)|intermittent compression|jobst",
    ),
    (
        "brace/orthosis",
        r"brace|orthos[ie]s|orthotic|splint|sling|collar\b(?! ?bone)|(lumbar|back|knee|wrist|ankle|"
        r"lumbosacral|thumb|elbow|abdominal|arch) (support|binder|immobili[sz]er|sleeve)|"
        r"\blso\b|\btlso\b|immobili[sz]er|insoles?|shoe inserts?|heel (cups?|lifts?)|"
        r"(walking|cam|walker|surgical|post-?op\w*) (boot|shoe)|cam walker|aircast|"
        r"\bafo\b|kinesio|\bcast\b|abduction pillow|ultrasling|slingshot",
    ),
    (
        "mobility aid",
        r"scooter|wheel ?chair|\bcanes?\b|walker|rollator|crutch|power chair|motori[sz]ed|"
        r"mobility|stair ?lift|transfer (board|bench)|patient lift|hoyer|lift chair|"
        r"gait belt|van (modification|lift)|vehicle modification|hand controls",
    ),
    (
        "bathroom/home equipment",
        r"shower|bath (chair|bench|seat)|tub (bench|chair|transfer)|commode|toilet|"
        r"grab bars?|reacher|sock aid|long[- ]handled|bidet|home modification|ramp\b|"
        r"railings?|handrails?|dressing aid|adaptive equipment|kitchen",
    ),
    (
        "sleep/positioning equipment",
        r"mattress|(?<!nail )\bbeds?\b|pillow|cushion|wedge\b(?! \w*otomy| resection)|"
        r"recliner|chair\b|lumbar roll|tempur",
    ),
    (
        "exercise/rehabilitation equipment",
        r"\bgym\b|fitness|health club|ymca|exercise (equipment|kit|ball|bike|machine)|"
        r"home exercise (kit|equipment)|stationary (bike|bicycle)|treadmill|elliptical|"
        r"theraband|resistance band|pulley|continuous passive motion|\bcpm\b|"
        r"(pool|swim|gym) membership|membership|sauna|hot tub|jacuzzi",
    ),
    (
        "medical supplies",
        r"gloves|wipes|bandage|dressings|gauze|supplies|catheter|incontinence|diapers|"
        r"electrodes|batteries|ostomy|syringes|needles",
    ),
    (
        "hearing/vision aid",
        r"hearing aids?|hearing device|eye ?glasses|\bglasses\b|contact lens|low vision",
    ),
    (
        "spine surgery",
        r"\bfusion|laminectomy|laminotomy|discectomy|diskectomy|foraminotomy|corpectomy|"
        r"kyphoplasty|vertebroplasty|\bacdf\b|\btlif\b|\bplif\b|\balif\b|\bxlif\b|"
        r"disc (replacement|arthroplasty)|"
        r"artificial disc|facetectomy|spinal (surgery|decompression)|"
        rf"{_SPINE} (surgery|decompression|stabili[sz]ation)|"
        rf"^(?=.*{_SPINE}).*?\b(?P<term>neuroplasty|neurolysis|adhesiolysis|lysis of adhesions)\b",
    ),
    (
        "joint replacement",
        r"arthroplasty|joint replacement|(knee|hip|shoulder|elbow|ankle) replacement|"
        r"\btka\b|\btha\b|\btkr\b|\bthr\b|\btsa\b|resurfacing",
    ),
    (
        "hand/wrist/nerve surgery",
        r"(carpal|cubital|tarsal|radial) tunnel (release|surgery|decompression)|\bctr\b|"
        r"(trigger (finger|thumb)|de ?quervain'?s?|dupuytren'?s?|first dorsal compartment) "
        r"(release|surgery|fasciectomy)|"
        r"ulnar nerve (transposition|release|decompression)|nerve (release|decompression|"
        r"transposition|repair)|neuroplasty|neurolysis|ganglion (cyst )?(excision|removal)|"
        r"a1 pulley",
    ),
    (
        "fracture repair/hardware removal",
        r"open reduction|\borif\b|fracture (fixation|repair)|hardware removal|"
        r"removal of (the )?hardware|\bpinning\b|closed reduction",
    ),
    (
        "joint arthroscopy/repair",
        r"arthroscop|menisc|rotator cuff|labr(um|al)|bankart|\bslap\b|\bacl\b|\bpcl\b|"
        r"ligament (repair|reconstruction)|cruciate|subacromial decompression|acromioplasty|"
        r"chondroplasty|debridement|synovectomy|capsul(ar )?release|capsulorrhaphy|"
        r"manipulation under|\bmua\b|tenodesis|tenotomy|distal clavicle|mumford|"
        r"tendon (repair|transfer)|achilles|lateral release|microfracture|osteotomy|"
        r"bunionectomy|cheilectomy|fasciotomy|fascia release|epicondyl\w* (release|repair)",
    ),
    (
        "dental treatment",
        r"dental|dentist|\btooth|\bteeth|\bcrowns?\b|orthodont|oral appliance|night guard|"
        r"mouth ?guard|periodont|root canal",
    ),
    (
        "inpatient stay",
        r"inpatient|hospital stay|hospitali[sz]ation|length of stay|overnight stay|"
        r"\badmission\b|hospital (admission|days?)|observation stay|\b23[- ]hour",
    ),
    (
        "unclassified surgery",
        r"(?<!post-)(?<!post )(?<!post)(?<!pre-)(?<!pre )surg(ery|ical)|repair|release|"
        r"reconstruct|excision|ectomy\b|otomy\b|plasty\b|amputat|\bgraft|\bimplant",
    ),
    (
        "unclassified equipment",
        r"\bdme\b|equipment|\bdevice\b|\bunit\b|machine|rental|monitor",
    ),
    # last: a follow-up of what? Any service named above ("follow-up MRI") says; alone it is a visit
    ("office visit", r"\bfollow[- ]?ups?\b|urgent care"),
)
