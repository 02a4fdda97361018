"""The medication vocabulary as data: drug classes, the generic names of each class and the
brand and compounded product names that stand for them.

Drawn from the drug lists of the guidelines IMR reviewers cite (MTUS Chronic Pain Medical
Treatment Guidelines medication sections, the ODG formulary) and the products seen in workers'
compensation requests (compounded topicals, oral suspension kits, medical foods), not from the
letters at hand alone.
"""

from __future__ import annotations

OPIOID, NSAID, RELAXANT = "opioid", "NSAID", "muscle relaxant"
ANTICONVULSANT, ANTIDEPRESSANT, TOPICAL = "anticonvulsant", "antidepressant", "topical analgesic"
SLEEP_AID, GASTROPROTECTIVE = "sleep aid", "gastroprotective agent"
ANTIEMETIC, LAXATIVE = "antiemetic", "laxative/stool softener"
ANXIOLYTIC, MIGRAINE = "benzodiazepine/anxiolytic", "migraine medication"
CORTICOSTEROID, HORMONE, ED_DRUG = "corticosteroid", "hormone", "erectile dysfunction drug"
ANTIHISTAMINE, MEDICAL_FOOD = "antihistamine", "medical food/supplement"
ANTICOAGULANT, ANTIBIOTIC = "anticoagulant", "antibiotic"
STIMULANT, ANTIPSYCHOTIC = "stimulant", "antipsychotic/mood stabilizer"
CARDIOMETABOLIC = "cardiovascular/diabetes drug"
NON_OPIOID_ANALGESIC = "non-opioid analgesic"
# A medication of no named class: a drug name the vocabulary lacks, or a dose with no name.
UNCLASSIFIED_MEDICATION = "unclassified medication"

# generic name -> class (tables as "a, b" text); a combination is written "a/b"
GENERICS_BY_CLASS: dict[str, str] = {
    OPIOID: (
        "hydrocodone/acetaminophen, oxycodone/acetaminophen, oxycodone, tramadol, "
        "tramadol/acetaminophen, tapentadol, morphine, hydromorphone, oxymorphone, methadone, "
        "fentanyl, buprenorphine, buprenorphine/naloxone, codeine, acetaminophen/codeine, "
        "hydrocodone, acetaminophen/caffeine/dihydrocodeine, hydrocodone/ibuprofen, "
        "oxycodone/aspirin, oxycodone/naloxone, morphine/naltrexone, meperidine, levorphanol, "
        "pentazocine, pentazocine/naloxone, butorphanol, benzhydrocodone/acetaminophen"
    ),
    NSAID: (
        "naproxen, ibuprofen, diclofenac, celecoxib, meloxicam, etodolac, nabumetone, "
        "ketoprofen, indomethacin, ketorolac, flurbiprofen, diclofenac/misoprostol, "
        "ibuprofen/famotidine, naproxen/esomeprazole, aspirin, piroxicam, sulindac, oxaprozin, "
        "diflunisal, fenoprofen, salsalate, mefenamic acid, tolmetin"
    ),
    RELAXANT: (
        "cyclobenzaprine, orphenadrine, methocarbamol, carisoprodol, tizanidine, baclofen, "
        "metaxalone, chlorzoxazone, dantrolene, orphenadrine/aspirin/caffeine"
    ),
    ANTICONVULSANT: (
        "gabapentin, pregabalin, topiramate, carbamazepine, lamotrigine, oxcarbazepine, "
        "levetiracetam, zonisamide, divalproex, valproic acid, lacosamide, phenytoin, "
        "gabapentin enacarbil"
    ),
    ANTIDEPRESSANT: (
        "amitriptyline, nortriptyline, duloxetine, venlafaxine, bupropion, sertraline, "
        "fluoxetine, trazodone, citalopram, escitalopram, paroxetine, mirtazapine, desipramine, "
        "milnacipran, desvenlafaxine, vilazodone, vortioxetine, imipramine, levomilnacipran"
    ),
    TOPICAL: (
        "lidocaine, capsaicin, menthol, methyl salicylate, methyl salicylate/menthol, "
        "capsaicin/lidocaine/menthol/methyl salicylate, dextromethorphan, camphor, "
        "trolamine salicylate, lidocaine/prilocaine, flurbiprofen/cyclobenzaprine, "
        "tramadol/gabapentin/menthol/camphor/capsaicin, gabapentin/cyclobenzaprine/tramadol, "
        "methyl salicylate/menthol/capsaicin, methyl salicylate/menthol/benzocaine, "
        "lidocaine/menthol, lidocaine/hydrocortisone, benzocaine"
    ),
    SLEEP_AID: (
        "zolpidem, eszopiclone, zaleplon, diphenhydramine, temazepam, ramelteon, suvorexant, "
        "melatonin, doxepin, triazolam, doxylamine, flurazepam, estazolam"
    ),
    GASTROPROTECTIVE: (
        "omeprazole, pantoprazole, esomeprazole, lansoprazole, rabeprazole, dexlansoprazole, "
        "omeprazole/sodium bicarbonate, famotidine, ranitidine, cimetidine, nizatidine, "
        "misoprostol, sucralfate, calcium carbonate"
    ),
    ANTIEMETIC: (
        "ondansetron, promethazine, metoclopramide, prochlorperazine, granisetron, meclizine, "
        "scopolamine, trimethobenzamide, dronabinol"
    ),
    LAXATIVE: (
        "docusate, sennosides, docusate/sennosides, bisacodyl, polyethylene glycol, lactulose, "
        "methylnaltrexone, lubiprostone, naloxegol, naldemedine, linaclotide, psyllium, "
        "magnesium citrate"
    ),
    ANXIOLYTIC: (
        "diazepam, alprazolam, clonazepam, lorazepam, buspirone, chlordiazepoxide, clorazepate"
    ),
    MIGRAINE: (
        "sumatriptan, rizatriptan, zolmitriptan, eletriptan, naratriptan, frovatriptan, "
        "almotriptan, butalbital/acetaminophen/caffeine, butalbital/aspirin/caffeine, "
        "ergotamine, dihydroergotamine, sumatriptan/naproxen, isometheptene"
    ),
    CORTICOSTEROID: "prednisone, methylprednisolone, prednisolone",
    HORMONE: "testosterone, estradiol, levothyroxine, estrogen",
    ED_DRUG: "sildenafil, tadalafil, vardenafil, avanafil",
    ANTIHISTAMINE: "hydroxyzine, cetirizine, loratadine, fexofenadine, cyproheptadine",
    MEDICAL_FOOD: (
        "theramine, sentradine, sentra am, sentra pm, trepadone, gabadone, percura, apptrim, "
        "somnicin, hypertensa, fosteum, flavocoxid, l-methylfolate, glucosamine, chondroitin, "
        "glucosamine/chondroitin, vitamin d, vitamin b12, vitamin c, fish oil, medical food"
    ),
    ANTICOAGULANT: (
        "enoxaparin, rivaroxaban, apixaban, warfarin, heparin, dabigatran, clopidogrel"
    ),
    ANTIBIOTIC: (
        "cephalexin, cefazolin, amoxicillin, amoxicillin/clavulanate, ciprofloxacin, "
        "levofloxacin, clindamycin, doxycycline, azithromycin, "
        "sulfamethoxazole/trimethoprim, vancomycin, mupirocin, cefadroxil"
    ),
    STIMULANT: "modafinil, armodafinil, methylphenidate, amphetamine",
    ANTIPSYCHOTIC: (
        "quetiapine, aripiprazole, olanzapine, risperidone, lithium, ziprasidone, lurasidone"
    ),
    CARDIOMETABOLIC: (
        "metformin, lisinopril, amlodipine, losartan, atorvastatin, simvastatin, metoprolol, "
        "hydrochlorothiazide, insulin, glipizide, clonidine, propranolol"
    ),
    NON_OPIOID_ANALGESIC: "acetaminophen",
    UNCLASSIFIED_MEDICATION: "naloxone, oxybutynin, tamsulosin",
}
# brand or product -> generic name
BRAND_TABLE = (
    # opioids
    "norco=hydrocodone/acetaminophen, vicodin=hydrocodone/acetaminophen, "
    "lortab=hydrocodone/acetaminophen, lorcet=hydrocodone/acetaminophen, "
    "hycet=hydrocodone/acetaminophen, xodol=hydrocodone/acetaminophen, "
    "hydrocodone/apap=hydrocodone/acetaminophen, hysingla=hydrocodone, zohydro=hydrocodone, "
    "vicoprofen=hydrocodone/ibuprofen, reprexain=hydrocodone/ibuprofen, "
    "percocet=oxycodone/acetaminophen, endocet=oxycodone/acetaminophen, "
    "roxicet=oxycodone/acetaminophen, primlev=oxycodone/acetaminophen, "
    "oxycodone/apap=oxycodone/acetaminophen, percodan=oxycodone/aspirin, oxycontin=oxycodone, "
    "roxicodone=oxycodone, xtampza=oxycodone, oxaydo=oxycodone, targiniq=oxycodone/naloxone, "
    "ultram=tramadol, conzip=tramadol, ryzolt=tramadol, rybix=tramadol, "
    "ultracet=tramadol/acetaminophen, synapryn=tramadol, nucynta=tapentadol, "
    "ms contin=morphine, kadian=morphine, avinza=morphine, embeda=morphine/naltrexone, "
    "dilaudid=hydromorphone, exalgo=hydromorphone, opana=oxymorphone, duragesic=fentanyl, "
    "fentora=fentanyl, actiq=fentanyl, butrans=buprenorphine, belbuca=buprenorphine, "
    "subutex=buprenorphine, suboxone=buprenorphine/naloxone, zubsolv=buprenorphine/naloxone, "
    "dolophine=methadone, demerol=meperidine, talwin=pentazocine, "
    "tylenol #3=acetaminophen/codeine, tylenol #4=acetaminophen/codeine, "
    "tylenol with codeine=acetaminophen/codeine, trezix=acetaminophen/caffeine/dihydrocodeine, "
    "apadaz=benzhydrocodone/acetaminophen, "
    # NSAIDs
    "anaprox=naproxen, naprosyn=naproxen, naprelan=naproxen, aleve=naproxen, "
    "vimovo=naproxen/esomeprazole, motrin=ibuprofen, advil=ibuprofen, voltaren=diclofenac, "
    "cataflam=diclofenac, zipsor=diclofenac, zorvolex=diclofenac, cambia=diclofenac, "
    "flector=diclofenac, pennsaid=diclofenac, celebrex=celecoxib, mobic=meloxicam, "
    "vivlodex=meloxicam, lodine=etodolac, relafen=nabumetone, toradol=ketorolac, "
    "sprix=ketorolac, indocin=indomethacin, tivorbex=indomethacin, feldene=piroxicam, "
    "clinoril=sulindac, daypro=oxaprozin, nalfon=fenoprofen, ponstel=mefenamic acid, "
    "arthrotec=diclofenac/misoprostol, duexis=ibuprofen/famotidine, ketophene=ketoprofen, "
    # muscle relaxants
    "flexeril=cyclobenzaprine, fexmid=cyclobenzaprine, amrix=cyclobenzaprine, "
    "tabradol=cyclobenzaprine, norflex=orphenadrine, norgesic=orphenadrine/aspirin/caffeine, "
    "robaxin=methocarbamol, soma=carisoprodol, zanaflex=tizanidine, skelaxin=metaxalone, "
    "metaxall=metaxalone, lorzone=chlorzoxazone, parafon=chlorzoxazone, lioresal=baclofen, "
    "dantrium=dantrolene, "
    # anticonvulsants, antidepressants
    "neurontin=gabapentin, gralise=gabapentin, fanatrex=gabapentin, "
    "horizant=gabapentin enacarbil, lyrica=pregabalin, topamax=topiramate, "
    "tegretol=carbamazepine, trileptal=oxcarbazepine, lamictal=lamotrigine, "
    "keppra=levetiracetam, zonegran=zonisamide, depakote=divalproex, dilantin=phenytoin, "
    "vimpat=lacosamide, elavil=amitriptyline, pamelor=nortriptyline, cymbalta=duloxetine, "
    "effexor=venlafaxine, pristiq=desvenlafaxine, savella=milnacipran, "
    "fetzima=levomilnacipran, wellbutrin=bupropion, aplenzin=bupropion, zoloft=sertraline, "
    "prozac=fluoxetine, desyrel=trazodone, oleptro=trazodone, celexa=citalopram, "
    "lexapro=escitalopram, paxil=paroxetine, remeron=mirtazapine, tofranil=imipramine, "
    "viibryd=vilazodone, trintellix=vortioxetine, brintellix=vortioxetine, "
    # topicals and compounded creams
    "lidoderm=lidocaine, anecream=lidocaine, xolido=lidocaine, lidopro=capsaicin/lidocaine/"
    "menthol/methyl salicylate, terocin=capsaicin/lidocaine/menthol/methyl salicylate, "
    "salonpas=methyl salicylate/menthol, bengay=methyl salicylate/menthol, "
    "icy hot=methyl salicylate/menthol, mentherm=methyl salicylate/menthol, "
    "kera-tek=methyl salicylate/menthol, keratek=methyl salicylate/menthol, "
    "medrox=methyl salicylate/menthol/capsaicin, ultracin=methyl salicylate/menthol/capsaicin, "
    "dendracin=methyl salicylate/menthol/benzocaine, biofreeze=menthol, "
    "zostrix=capsaicin, capzasin=capsaicin, emla=lidocaine/prilocaine, "
    "flurflex=flurbiprofen/cyclobenzaprine, fluriflex=flurbiprofen/cyclobenzaprine, "
    "tghot=tramadol/gabapentin/menthol/camphor/capsaicin, "
    "tg hot=tramadol/gabapentin/menthol/camphor/capsaicin, cyclophene=cyclobenzaprine, "
    "gabacyclotram=gabapentin/cyclobenzaprine/tramadol, lidothol=lidocaine/menthol, "
    "lidopatch=lidocaine/menthol, "
    # sleep aids
    "ambien=zolpidem, edluar=zolpidem, intermezzo=zolpidem, lunesta=eszopiclone, "
    "sonata=zaleplon, dicopanol=diphenhydramine, benadryl=diphenhydramine, "
    "restoril=temazepam, halcion=triazolam, rozerem=ramelteon, belsomra=suvorexant, "
    "silenor=doxepin, unisom=doxylamine, "
    # gastroprotective, antiemetics, laxatives
    "prilosec=omeprazole, zegerid=omeprazole/sodium bicarbonate, protonix=pantoprazole, "
    "nexium=esomeprazole, prevacid=lansoprazole, aciphex=rabeprazole, "
    "dexilant=dexlansoprazole, pepcid=famotidine, deprizine=ranitidine, zantac=ranitidine, "
    "tagamet=cimetidine, axid=nizatidine, cytotec=misoprostol, carafate=sucralfate, "
    "tums=calcium carbonate, zofran=ondansetron, phenergan=promethazine, "
    "reglan=metoclopramide, compazine=prochlorperazine, antivert=meclizine, "
    "transderm scop=scopolamine, tigan=trimethobenzamide, marinol=dronabinol, "
    "colace=docusate, senna=sennosides, senokot=sennosides, senokot-s=docusate/sennosides, "
    "peri-colace=docusate/sennosides, dulcolax=bisacodyl, miralax=polyethylene glycol, "
    "relistor=methylnaltrexone, amitiza=lubiprostone, movantik=naloxegol, "
    "symproic=naldemedine, linzess=linaclotide, metamucil=psyllium, "
    # anxiolytics, migraine, steroids, hormones
    "valium=diazepam, xanax=alprazolam, klonopin=clonazepam, ativan=lorazepam, "
    "buspar=buspirone, librium=chlordiazepoxide, tranxene=clorazepate, "
    "imitrex=sumatriptan, maxalt=rizatriptan, zomig=zolmitriptan, relpax=eletriptan, "
    "amerge=naratriptan, frova=frovatriptan, axert=almotriptan, "
    "treximet=sumatriptan/naproxen, fioricet=butalbital/acetaminophen/caffeine, "
    "esgic=butalbital/acetaminophen/caffeine, fiorinal=butalbital/aspirin/caffeine, "
    "cafergot=ergotamine, migranal=dihydroergotamine, medrol=methylprednisolone, "
    "deltasone=prednisone, androgel=testosterone, testim=testosterone, "
    "axiron=testosterone, fortesta=testosterone, synthroid=levothyroxine, "
    "viagra=sildenafil, revatio=sildenafil, cialis=tadalafil, levitra=vardenafil, "
    "stendra=avanafil, vistaril=hydroxyzine, atarax=hydroxyzine, zyrtec=cetirizine, "
    "claritin=loratadine, allegra=fexofenadine, "
    # medical foods and supplements
    "sentra=sentra am, gaba-done=gabadone, app trim=apptrim, limbrel=flavocoxid, "
    "deplin=l-methylfolate, genicin=glucosamine, synovacin=glucosamine, "
    "cosamin=glucosamine/chondroitin, osteo bi-flex=glucosamine/chondroitin, "
    # others
    "lovenox=enoxaparin, xarelto=rivaroxaban, eliquis=apixaban, coumadin=warfarin, "
    "pradaxa=dabigatran, plavix=clopidogrel, keflex=cephalexin, ancef=cefazolin, "
    "augmentin=amoxicillin/clavulanate, cipro=ciprofloxacin, levaquin=levofloxacin, "
    "cleocin=clindamycin, zithromax=azithromycin, bactrim=sulfamethoxazole/trimethoprim, "
    "bactroban=mupirocin, provigil=modafinil, nuvigil=armodafinil, ritalin=methylphenidate, "
    "adderall=amphetamine, seroquel=quetiapine, abilify=aripiprazole, zyprexa=olanzapine, "
    "risperdal=risperidone, geodon=ziprasidone, latuda=lurasidone, glucophage=metformin, "
    "lipitor=atorvastatin, zocor=simvastatin, norvasc=amlodipine, cozaar=losartan, "
    "catapres=clonidine, narcan=naloxone, ditropan=oxybutynin, flomax=tamsulosin, "
    # plain names of common over-the-counter products
    "tylenol=acetaminophen, apap=acetaminophen"
)
# Products that are only ever applied to the skin, whatever the request's wording says.
TOPICAL_PRODUCTS = frozenset(
    {
        "lidoderm", "anecream", "xolido", "lidopro", "terocin", "salonpas", "bengay", "icy hot",
        "mentherm", "kera-tek", "keratek", "medrox", "ultracin", "dendracin", "biofreeze",
        "zostrix", "capzasin", "emla", "flurflex", "fluriflex", "tghot", "tg hot", "cyclophene",
        "gabacyclotram", "lidothol", "lidopatch", "ketophene", "flector", "pennsaid",
    }
)
