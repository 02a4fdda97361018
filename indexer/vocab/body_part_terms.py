"""The words that name each body part in a treatment request, as patterns over lowered text.

Canonical names are facet values in saved URLs: never rename one. Fingers and thumbs stay
"hand" and toes and heels "foot", as the guideline chapters group them. Laterality
("right", "left", "bilateral", "bilat", "B/L") names no part.
"""

from __future__ import annotations

import re

# "upper back", "lower leg", "upper arm" name their own part, not "back", "leg" or "arm"
_BARE_BACK = r"(?<!upper )(?<!mid )(?<!middle )(?<!mid-)\bback\b(?! to\b)"
_BARE_LEG = r"(?<!lower )\blegs?\b"
_BARE_ARM = r"(?<!upper )\barms?\b"

BODY_PART_PATTERNS: tuple[tuple[str, str], ...] = (
    # "c-spine", "c- spine", "c spine", "cspine" (and "low back", "lower back") spelled out:
    # each alternative then starts with telling letters, not just "c" (indexer.vocab.prefilter)
    ("cervical spine", r"cervic|\bneck\b|\bc/s\b|\bc-spine\b|\bc- spine\b|\bc spine\b|"
                       r"\bcspine\b"),
    ("thoracic spine", r"thoracic|thoraco|\bupper back\b|\bmiddle back\b|\bmid-back\b|\bmid back\b|"
                       r"\bt/s\b|"
                       r"\bt-spine\b|\bt- spine\b|\bt spine\b|\btspine\b|\btlso\b"),
    ("lumbar spine", r"lumbar|lumbo|\blow back\b|\blower back\b|" + _BARE_BACK
                     + r"|\bsacr(?:um|al)\b|"
                     r"\bl/s\b|\bls[- ]?spine\b|\bl-spine\b|\bl- spine\b|\bl spine\b|\blspine\b|"
                     r"\btlso\b|\blso\b|\bsciatica?\b"),
    # the spine without a level: dropped by body_parts when a level-specific part is named
    ("spine", r"\bspine\b|\bspinal\b|paraspinal|\bvertebra|\bfacets?\b|\bepidural|\besi\b|"
              r"medial branch|laminectomy|laminotomy|discectomy|foraminotomy|kyphoplasty|"
              r"vertebroplasty"),
    ("sacroiliac joint", r"sacroiliac|\bsij\b|\bsi(?=[- ](?:joints?|belt|injections?|fusion)\b)"),
    ("coccyx", r"\bcoccy|\btailbone"),
    ("shoulder", r"\bshoulders?\b|rotator cuff|\bacromi|glenohumeral|\bclavic|\bscapul"),
    ("upper arm", r"\bupper arms?\b|\bhumer(?:us|al)\b"),
    ("elbow", r"\belbows?\b|epicondyl|\bcubital\b|olecranon"),
    ("forearm", r"\bforearms?\b"),
    ("wrist", r"\bwrists?\b|\bcarpal\b|dequervain|de quervain|\btfcc\b|\bscaphoid"),
    ("hand", r"\bhands?\b(?![- ]?held)|\bfingers?\b|\bthumbs?\b|\bmetacarpal|\bknuckles?\b|"
             r"\bpalm(?:ar|s)?\b|\bdigits?\b"),
    ("pelvis", r"\bpelvi(?:s|c)\b"),
    ("hip", r"\bhips?\b|acetabul"),
    ("groin", r"\bgroin\b|\binguinal\b"),
    ("buttock", r"\bbuttocks?\b|\bglute(?:al|us)?\b"),
    ("thigh", r"\bthighs?\b|\bfemur\b|\bhamstrings?\b|\bquadriceps\b"),
    # a knee scooter carries a foot or ankle injury: it does not name the knee
    ("knee", r"\bknees?\b(?![- ](?:scooter|walker))|\bpatell|\bmenisc|"
             r"\bacl\b|\bpcl\b|\bmcl\b|\blcl\b"),
    ("lower leg", r"\blower legs?\b|\bcalf\b|\bcalves\b|\bshins?\b|\btibia|\bfibula"),
    ("ankle", r"\bankles?\b|\bachilles\b|\btalus\b|\bmalleol"),
    ("foot", r"\bfoot\b|\bfeet\b|\btoe(?:s|nails?)?\b|\bheels?\b|\bplantar\b|\bmetatars|\bhallux\b|"
             r"\bbunions?\b|\bcalcane|\bforefoot\b|\bhindfoot\b"),
    # a headache is a complaint of the head; a shower head is not
    ("head", r"(?<!shower )\bhead\b(?! of (?:the )?bed)|\bheadaches?\b|\bbrain|\bskull\b|"
             r"crani|\bconcussion|\bscalp\b|\boccipital\b"),
    ("face", r"(?<!-to-)\bface\b(?!-to-)|\bfacial\b|\bnose\b|\bnasal\b"),
    ("jaw", r"\bjaws?\b|\btmj\b|\btmd\b|temporomandibular|\bmandib"),
    ("eye", r"\beyes?\b|\beyeglass|\bocular\b|ophthalm|\bretina"),
    ("ear", r"\bears?\b|hearing (?:aids?|tests?|loss|evaluation|exam)|\baudiolog|\baudiogram|"
            r"\btinnitus\b"),
    ("teeth", r"\bteeth\b|\btooth\b|\bdental\b|\bdentist|\bdentures?\b"),
    ("chest", r"\bchest\b|\bribs?\b|\bstern(?:um|al)\b|\bthorax\b"),
    ("abdomen", r"\babdom(?:en|inal)\b|\bstomach\b|\bhernia"),
    # "BUE", "LUE", "RUE": both, left, right upper extremity (and "BLE"... for the lower)
    ("upper extremity", r"upper extremit|\bupper limbs?\b|" + _BARE_ARM
                        + r"|\bbues?\b|\blues?\b|\brues?\b"),
    ("lower extremity", r"lower extremit|\blower limbs?\b|" + _BARE_LEG
                        + r"|\bbles?\b|\blles?\b|\brles?\b"),
)

# A spine level range ("C5-6", "L4-S1", "T12-L1", "C5/C6") names every region it spans.
SPINE_LEVEL_RANGE = re.compile(
    r"\b(?P<first>[ctls])(?:[1-9]|1[0-2])\s?[-/–]\s?(?P<second>[ctls])?(?:[1-9]|1[0-2])\b"
)
# A single level: lumbar and sacral ones alone ("L5", "S1"); a cervical or thoracic one only
# with a spine word after it ("C6 radiculopathy"), so that "T4" (a thyroid test) is no part.
SPINE_LEVEL_ALONE = re.compile(
    r"\b(?P<first>[ls])[1-5]\b(?![-/])|"
    r"\b(?P<upper>[ct])(?:[1-9]|1[0-2])\b(?=\s(?:level|nerve|root|radicul|vertebra|disc|facet|"
    r"medial branch|dermatom|fracture|transforaminal))"
)
LEVEL_REGIONS = {"c": "cervical spine", "t": "thoracic spine", "l": "lumbar spine",
                 "s": "lumbar spine"}  # fmt: skip
