"""Write exports_v3.jsonl + exports_v3.labels.jsonl (issue 17): hand-written export records.

Every export shape in one file, as tests/labelled/heldout/exports.jsonl:
  {messages}                      ChatML (optionally with a system message)
  {prompt, response}              prompt/response
  {instruction, input, output}    Alpaca
  {prompt, chosen, rejected}      DPO, prompt a string or a ChatML list, answers strings or lists
  {messages, chosen, rejected}    DPO with a ChatML prompt, answers strings or lists
Labels, one per line: {line (1-based), defects, names, note}. In DPO records the defect is always
in the chosen answer; rejected answers are thin or poor but carry none of the labelled defects.
Mojibake lines marked MOJI are hand-written text run through a UTF-8 -> cp1252 round trip (once or
twice); the scrambled-case, replacement-character and question-mark lines are typed by hand.
Lines are shuffled with a fixed seed; a duplicate_answer line that lands before the line it repeats
swaps places with it, so each comes after its original, which is labelled clean.
Run: python3 tests/labelled/heldout_v3/_write_exports.py
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import check_unique, write_jsonl  # noqa: E402

SEED = 20261202
SYSTEM = "Du er en skriveassistent for en kiropraktorklinikk. Svar kort på norsk bokmål."
DEFECTS = {"truncated", "placeholder", "mojibake", "boilerplate", "glued_text", "prompt_copy",
           "duplicate_answer", "first_name"}

RECORDS = []   # dicts: key, record, defects, names, note, dup_of


def moji(text):
    """UTF-8 bytes read as cp1252: the broken æøå conversion the clinic's exports show."""
    return text.encode("utf-8").decode("cp1252")


def moji2(text):
    """The same round trip done twice (double-encoded text)."""
    return moji(moji(text))


def add(key, record, defects=(), names=(), note="clean", dup_of=None):
    RECORDS.append(dict(key=key, record=record, defects=list(defects), names=list(names), note=note,
                        dup_of=dup_of))


def chat(user, assistant, system=False):
    msgs = [{"role": "system", "content": SYSTEM}] if system else []
    msgs += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
    return {"messages": msgs}


def pr(prompt, response):
    return {"prompt": prompt, "response": response}


def alp(instruction, inp, output):
    return {"instruction": instruction, "input": inp, "output": output}


def dpo_str(prompt, chosen, rejected):
    return {"prompt": prompt, "chosen": chosen, "rejected": rejected}


def dpo_list(user, chosen, rejected):
    return {"prompt": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
            "chosen": [{"role": "assistant", "content": chosen}],
            "rejected": [{"role": "assistant", "content": rejected}]}


def msgs_str(user, chosen, rejected, system=True):
    msgs = [{"role": "system", "content": SYSTEM}] if system else []
    msgs.append({"role": "user", "content": user})
    return {"messages": msgs, "chosen": chosen, "rejected": rejected}


def msgs_list(user, chosen, rejected):
    return {"messages": [{"role": "user", "content": user}],
            "chosen": [{"role": "assistant", "content": chosen}],
            "rejected": [{"role": "assistant", "content": rejected}]}


def answer(rec):
    """The answer a check reads: the chosen answer in DPO, else the assistant's answer."""
    if "chosen" in rec:
        ch = rec["chosen"]
        return ch if isinstance(ch, str) else ch[-1]["content"]
    if "messages" in rec:
        return rec["messages"][-1]["content"]
    if "response" in rec:
        return rec["response"]
    return rec["output"]


def prompt_text(rec):
    if "messages" in rec:
        return [m["content"] for m in rec["messages"] if m["role"] == "user"][-1]
    if "instruction" in rec:
        return rec["input"] or rec["instruction"]
    p = rec["prompt"]
    return p if isinstance(p, str) else [m["content"] for m in p if m["role"] == "user"][-1]


# =============================================================== clean =======================
add("c01", chat("Skriv S-del i kortform: kvinne 34, vondt i nakken i to uker etter ny kontorjobb, ingen "
                "utstråling, hodepine på ettermiddagen.",
                "S: Cx-smerter 2 u etter ny kontorjobb, ingen stråling. Hodepine ettermiddag"),
    note="clean: shorthand S-part, no final period")
add("c02", pr("Forklar kort hva Lasègues test er.",
              "Lasègues test (SLR) gjøres med pasienten liggende på ryggen. Behandleren løfter det strake "
              "beinet, og testen er positiv når den gir utstrålende smerter i beinet mellom 30 og 70 grader. "
              "Den brukes for å vurdere irritasjon av nerverøttene L5 og S1."),
    note="clean: general knowledge, eponym")
add("c03", alp("Skriv O-del i kortform.",
               "Skulder høyre: fleksjon 170 grader, abduksjon smertefull mellom 80 og 120 grader, Hawkins "
               "positiv, Jobe negativ, kraft normal.",
               "O: Skulder hø: fleks 170°, abd smertefull 80–120°, Hawkins pos, Jobe neg, kraft ua"),
    note="clean: shorthand findings list, no final period")
add("c04", dpo_list("Skriv melding: minn pasienten på at timen i morgen er kl. 08:15 og at hun må ha med "
                    "henvisningen.",
                    "Hei! Husk timen din i morgen kl. 08:15, og ta med henvisningen. Vennlig hilsen resepsjonen",
                    "Time i morgen."),
    note="clean: role sign-off without period")
add("c05", msgs_str("Skriv en kort plan: IMS i m. gluteus medius venstre, øvelser for hofteabduktorer, "
                    "kontroll om 10 dager.",
                    "P: IMS m. gluteus medius ve, øvelser for hofteabduktorer. Ko om 10 d.",
                    "P: Behandling."),
    note="clean: shorthand plan")
add("c06", chat("Svar pasient som vil sende bilder av kneet før timen. Adressen vår er post@kneogfot.no.",
                "Hei! Du kan sende bildene til post@kneogfot.no, så ser kiropraktoren på dem før timen. "
                "Mvh Klinikken"),
    note="clean: clinic e-mail after 'til', clinic sign-off")
add("c07", pr("Skriv O-del: øm paravertebralt fra T4 til T12 på begge sider, redusert rotasjon i brystryggen.",
              "O: Palpasjonsøm paravertebralt T4 til T12 bilateralt, redusert rotasjon i thorakalcolumna."),
    note="clean: spinal range 'T4 til T12'")
add("c08", alp("Skriv svar til pasient som spør hvor lenge plagene vanligvis varer.",
               "Nakkesmerter i fire dager, bedre i dag.",
               "Hei! Smertene har vart i fire dager, og det er et godt tegn at de er bedre i dag. Slike plager "
               "går som regel over i løpet av en til to uker. Hold deg gjerne i bevegelse. Mvh Klinikken"),
    note="clean: Bokmål 'har vart'")
add("c09", dpo_str("Skriv vurdering: kvinne 45, smerter i høyre sete og bakside lår, ingen nevrologiske "
                   "utfall, FAIR-test positiv.",
                   "A: Smerter i høyre sete og bakside lår med positiv FAIR-test, uten nevrologiske utfall. "
                   "Kan passe med piriformissyndrom",
                   "A: Isjias."),
    note="clean: DPO chosen complete, ends without period")
add("c10", chat("Lag ukeplan for hjemmeøvelser: katt og ku, bekkenvipp, fuglehund. 10 repetisjoner, to ganger "
                "daglig.",
                "Hjemmeøvelser, to ganger daglig:\n- Katt og ku, 10 repetisjoner\n- Bekkenvipp, 10 repetisjoner\n"
                "- Fuglehund, 10 repetisjoner", system=True),
    note="clean: complete list, no final period")
add("c11", pr("Oppsummer: sykehus koder etter ICD-10, kiropraktorer bruker ICPC-2 når de sykmelder.",
              "Sykehusene koder etter ICD-10, for eksempel M54.2 for nakkesmerter, mens kiropraktorer bruker "
              "ICPC-2 når de sykmelder, for eksempel L83 Nakkesyndrom."),
    note="clean: ICD-10 code named in prose about coding systems")
add("c12", alp("Skriv timebekreftelse.", "Onsdag 14. mai kl. 07:45, første konsultasjon, 45 minutter.",
               "Hei! Velkommen til første konsultasjon onsdag 14. mai kl. 07:45. Timen varer i 45 minutter. "
               "Hilsen resepsjonen"),
    note="clean: role sign-off")
add("c13", msgs_list("Skriv P-del: akupunktur i nakken, råd om pauser på jobb, kontroll om 14 dager.",
                     "P: Akupunktur cx, råd om pauser på jobb. Ko 14 d",
                     "P: Ingen."),
    note="clean: shorthand ending 'Ko 14 d'")
add("c14", chat("Skriv sykmeldingstekst: mann 29, kokk, akutt lumbago, kan ikke stå ved benken, 100 % i 5 dager.",
                "Mann, 29 år, kokk, med akutt lumbago. Han kan ikke stå ved kjøkkenbenken gjennom en "
                "arbeidsdag og sykmeldes 100 % i fem dager."),
    note="clean")
add("c15", pr("Skriv henvisning til fysioterapeut: kvinne 61, fikk kneprotese for 8 uker siden, trenger "
              "gangtrening og styrketrening.",
              "Til fysioterapeut\n\nVi henviser en kvinne på 61 år som fikk kneprotese for åtte uker siden. "
              "Hun trenger videre gangtrening og styrketrening.\n\nMvh\nKiropraktor"),
    note="clean: 'Til fysioterapeut', role sign-off")
add("c16", alp("Skriv A-del.",
               "Smerter over høyre SI-ledd, 3 av 5 provokasjonstester positive, ingen utstråling.",
               "A: Smerter over høyre iliosakralledd med 3 av 5 positive provokasjonstester, uten utstråling. "
               "L03 Korsryggsymptomer/-plager."),
    note="clean: ICPC-2 code")
add("c17", dpo_str("Forklar kort hva Epleys manøver er.",
                   "Epleys manøver er en reposisjonsmanøver for godartet posisjonsvertigo. Hodet føres gjennom "
                   "fire stillinger slik at krystallene i den bakre buegangen flyttes tilbake.",
                   "En øvelse."),
    note="clean: general knowledge")
add("c18", chat("Notat: telefon fra pasient, bedre etter forrige behandling, vil avbestille kontrollen.",
                "Tlf. fra pas.: bedre etter forrige beh. Avbestiller kontrollen."),
    note="clean: abbreviations with periods")
add("c19", pr("Skriv melding om at klinikken flytter til Storgata 8 fra 1. juni.",
              "Hei! Fra 1. juni flytter klinikken til nye lokaler i Storgata 8. Velkommen!"),
    note="clean: the clinic's own street address")
add("c20", alp("Skriv O-del kort.",
               "Håndledd høyre etter fall: øm i snusdåsen, smerte ved aksial kompresjon av tommelen, hevelse "
               "dorsalt.",
               "O: Håndledd hø etter fall: palp.øm snusdåse, smerte ved aksial kompresjon tommel, hevelse dorsalt"),
    note="clean: shorthand findings, no final period")
add("c21", dpo_list("Skriv epikrise kort: 5 behandlinger for tennisalbue, smertefritt grep nå, avslutter.",
                    "Epikrise: Fem behandlinger for tennisalbue. Pasienten har nå smertefritt grep, og "
                    "behandlingen avsluttes.",
                    "Ferdig."),
    note="clean")
add("c22", chat("Forklar forskjellen på nakkesleng og prolaps i nakken for en pasient.",
                "Nakkesleng er en skade på muskler og leddbånd i nakken etter et brått rykk, for eksempel ved "
                "påkjørsel bakfra. Ved en prolaps i nakken buler en mellomvirvelskive ut og kan trykke på en "
                "nerverot, slik at smerten stråler ut i armen."),
    note="clean: general knowledge")
add("c23", pr("Skriv S-del: gravid uke 30, smerter i bekkenet ved gange og snuing i sengen.",
              "S: Gravid uke 30. Bekkensmerter ved gange og ved snuing i sengen"),
    note="clean: complete S-part without final period")
add("c24", alp("Lag tekst til nettsiden om åpningstider.", "Mandag–torsdag 08–20, fredag 08–15, lørdag stengt.",
               "Åpningstider\nMandag–torsdag: 08–20\nFredag: 08–15\nLørdag: stengt"),
    note="clean: list, no final period")
add("c25", msgs_str("Skriv svar: pasient spør om hun kan styrketrene med prolaps. Svar generelt og si at vi "
                    "tar det opp på neste time.",
                    "Hei! Mange med prolaps kan styrketrene så lenge øvelsene ikke øker utstrålingen til "
                    "beinet. Vi går gjennom et tilpasset opplegg på neste time. Mvh Klinikken",
                    "Nei."),
    note="clean: clinic sign-off")
add("c26", chat("Skriv O-del: Romberg ua, finger-nese ua, Dix-Hallpike negativ begge sider, head impulse test "
                "normal.",
                "O: Romberg ua, finger-nese ua, Dix-Hallpike neg bilat, HIT normal"),
    note="clean: shorthand, eponyms")
add("c27", pr("Lag kontrollnotat: andre konsultasjon, NRS gått fra 8 til 5, sover bedre, samme behandling.",
              "Ko 2: NRS 8→5, sover bedre. Samme beh."),
    note="clean: arrow, 'beh.'")
add("c28", alp("Skriv fakturamelding.",
               "Faktura for tre behandlinger er sendt, spørsmål til faktura@sentrumkiropraktikk.no.",
               "Hei! Fakturaen for tre behandlinger er sendt. Spørsmål om fakturaen kan sendes til "
               "faktura@sentrumkiropraktikk.no. Mvh Klinikken"),
    note="clean: clinic billing e-mail")
add("c29", dpo_str("Skriv P-del: mobilisering T4–T8, øvelser med skumrulle, kontroll om en uke.",
                   "P: Mobilisering T4–T8, øvelser med skumrulle. Kontroll om én uke.",
                   "P: Manipulasjon av hele ryggen daglig."),
    note="clean: spinal range with en dash")
add("c30", chat("Skriv vurdering: ungdom 16, smerter under kneskålen ved hopp, øm over patellarsenen.",
                "A: Belastningsrelaterte smerter under kneskålen med ømhet over patellarsenen hos en 16-åring "
                "som hopper mye. Kan passe med hopperkne.", system=True),
    note="clean: hedged assessment")
add("c31", pr("Svar pasient: avbestilling via nettsiden vår eller på telefon, senest 24 timer før.",
              "Hei! Du kan avbestille på nettsiden vår eller på telefon, senest 24 timer før timen. Mvh Klinikken"),
    note="clean")
add("c32", alp("Skriv S-del i fulle setninger.",
               "M 63, stiv i lx om morgenen 1 t, bedre utover dagen, våkner av smerter kl. 04.",
               "S: Mann, 63 år, med stivhet i korsryggen om morgenen som varer omtrent en time og blir bedre "
               "utover dagen. Han våkner av smerter rundt kl. 04."),
    note="clean: 'kl. 04.' at the end")
add("c33", dpo_list("Skriv melding: timen er flyttet fra tirsdag til torsdag, samme klokkeslett.",
                    "Hei! Timen din er flyttet fra tirsdag til torsdag, samme klokkeslett. Gi beskjed om det "
                    "ikke passer.\n\nHilsen resepsjonen",
                    "Flyttet."),
    note="clean: weekday after 'til', role sign-off")
add("c34", chat("Oppsummer: 4 behandlinger, NRS 6 til 2, skal trene selv, ny time ved behov.",
                "Etter fire behandlinger er NRS redusert fra 6 til 2. Pasienten trener videre på egen hånd og "
                "tar kontakt ved behov"),
    note="clean: complete summary without final period")
add("c35", pr("Lag oversikt over testfunn: Spurling negativ, Jackson negativ, distraksjon lindrer.",
              "Spurling: negativ\nJackson: negativ\nDistraksjon: lindrer"),
    note="clean: key-value list of eponym tests")
add("c36", alp("Skriv kort tekst om når hodepine bør undersøkes av lege straks.", "",
               "Kontakt lege straks ved plutselig, svært kraftig hodepine, hodepine med feber og stiv nakke, "
               "eller hodepine sammen med lammelser eller talevansker."),
    note="clean: general knowledge, empty input")
add("c37", msgs_list("Skriv O-del: hofte høyre, FABER positiv, FADIR negativ, Trendelenburg negativ, øm over "
                     "trochanter major.",
                     "O: Hofte hø: FABER pos, FADIR neg, Trendelenburg neg, palp.øm trochanter major",
                     "O: Normal."),
    note="clean: shorthand list in DPO chosen")
add("c38", chat("Skriv henvisning til MR: mann 50, nakke- og armsmerter venstre i 8 uker, svakhet i triceps "
                "venstre, nedsatt tricepsrefleks.",
                "Henvisning MR cx\n\nM 50, cx- og armsmerter ve 8 u. Svakhet m. triceps ve og nedsatt "
                "tricepsrefleks ve. Spørsmål om rotaffeksjon C7.\n\nMvh\nKiropraktor"),
    note="clean: shorthand referral, role sign-off")
add("c39", pr("Skriv journal: gaper 42 mm, klikk høyre kjeveledd ved åpning, øm masseter høyre. Plan: "
              "kjeveøvelser, tannlege skal vurdere bittskinne.",
              "O: Gaping 42 mm, klikk hø kjeveledd ved åpning, palp.øm m. masseter hø.\n"
              "P: Kjeveøvelser. Henvist til tannlege for vurdering av bittskinne."),
    note="clean: 'til tannlege'")
add("c40", alp("Skriv melding om sommerferie.",
               "Klinikken stengt uke 28–30, ved akutte plager legevakt 116 117.",
               "Hei! Klinikken holder stengt i uke 28–30. Ved akutte plager kan du ringe legevakten på 116 117. "
               "God sommer!"),
    note="clean: national legevakt number, not personal")
add("c41", dpo_str("Skriv råd etter behandling av akutt lumbago.",
                   "Hold deg i bevegelse og gå korte turer flere ganger om dagen. Unngå langvarig sengeleie. "
                   "Ta kontakt hvis smertene stråler ned i beinet eller du får nummenhet.",
                   "Ligg i ro i en uke."),
    note="clean: general advice")
add("c42", chat("Skriv S-del: smertene har vart i tre uker, verst om morgenen.",
                "S: Smertene har vart i tre uker og er verst om morgenen."),
    note="clean: Bokmål 'har vart'")
add("c43", pr("Skriv melding: fysioterapeuten og kiropraktoren samarbeider om opplegget ditt.",
              "Hei! Fysioterapeuten og kiropraktoren samarbeider om opplegget ditt og holder hverandre "
              "oppdatert. Mvh Klinikken"),
    note="clean: role words only")
add("c44", alp("Skriv plan.", "Henvis til ortoped for vurdering av skulder, fortsett øvelser i mellomtiden.",
               "P: Henvist til ortoped for vurdering av skulder. Fortsetter øvelsene i mellomtiden."),
    note="clean: role word after 'til'")
add("c45", msgs_str("Svar pasient som spør om en annen behandler kan ta over timen.",
                    "Hei! Det går fint, en kollega av kiropraktoren din tar over timen. Mvh Klinikken",
                    "Nei.", system=False),
    note="clean: 'kollega' without a name")

# =============================================================== truncated ===================
add("t01", chat("Skriv S-del: kvinne 40, vondt i venstre hofte og lyske i to måneder, verst i trapper.",
                "S: Kvinne, 40 år, med smerter i venstre hofte og lyske i to måneder, verst ved gange i tra"),
    ["truncated"], note="cut mid-word ('trapper')")
add("t02", pr("Skriv henvisning til fastlege: mann 48, nakke med stråling høyre arm, svak håndleddsekstensjon, "
              "ønsker MR.",
              "Til fastlege\n\nVi henviser en mann på 48 år med nakkesmerter og utstråling til høyre arm. Han "
              "har nedsatt kraft i håndleddsekstensorene, og vi ber om"),
    ["truncated"], note="letter cut mid-sentence, no final period, no sign-off")
add("t03", alp("Lag liste over hjemmeøvelser for kne.", "Knebøy mot vegg, utfall, sidelengs gange med strikk.",
               "Hjemmeøvelser:\n- Knebøy mot vegg, 3 x 10\n- Utfall, 3 x 8\n-"),
    ["truncated"], note="list cut at a dangling bullet")
add("t04", dpo_str("Skriv P-del: lumbal mobilisering, McKenzie-øvelser, kontroll om en uke.",
                   "P: Mobilisering av lumbalcolumna, McKenzie-øvelser i ekstensjon,",
                   "P: Hvile."),
    ["truncated"], note="DPO chosen cut after a comma")
add("t05", msgs_list("Skriv vurdering: smerter ved ekstensjon og rotasjon, Kemp positiv, ingen utstråling.",
                     "A: Funnene tyder på irritasjon av fasettledd L4–L5 og...",
                     "A: Prolaps."),
    ["truncated"], note="DPO chosen ends with '...'")
add("t06", pr("Skriv melding: timen er flyttet til mandag kl. 12, minn om avbestillingsregler.",
              "Hei! Timen din er flyttet til mandag kl. 12:00. Vi minner om at…"),
    ["truncated"], note="message ends with unicode ellipsis")
add("t07", dpo_list("Skriv S-del: høyre skulder, vondt ved løft over hodet i 6 uker, verst om natten.",
                    "S: Smerter i høyre skulder ved løft over hodet i seks uker, verst om nat",
                    "S: Vond skulder."),
    ["truncated"], note="DPO chosen cut mid-word ('natten')")
add("t08", chat("Skriv O-del: nakke, rotasjon venstre redusert, lateralfleksjon venstre redusert.",
                "O: Redusert rotasjon mot venstre og"),
    ["truncated"], note="cut after a conjunction")
add("t09", alp("Skriv avslutningsbrev til fastlege.", "Ferdigbehandlet lx, tilbake i full jobb.",
               "Til fastlege\n\nPasienten er ferdigbehandlet for korsryggsmerter og er tilbake i full jobb.\n\n"
               "Med vennlig hil"),
    ["truncated"], note="cut mid-word in the sign-off")
add("t10", msgs_str("Skriv påminnelse om første time, ta med treningstøy og henvisning.",
                    "Hei! Husk å ta med treningstøy og",
                    "Husk timen."),
    ["truncated"], note="DPO chosen cut after 'og'")
add("t11", pr("Skriv O-del kort: SLR neg bilat, reflekser ua, øm L5-S1 og piriformis venstre.",
              "O: SLR neg bilat, reflekser ua, palp.øm L5-S1 og i"),
    ["truncated"], note="shorthand cut after a preposition")
add("t12", chat("Skriv A-del: isjias venstre, mistenkt rotaffeksjon L5.",
                "A: L86 Ryggsyndrom med smerteutstråling (mistenkt rotaffeksjon", system=True),
    ["truncated"], note="cut inside an open parenthesis")

# =============================================================== placeholder =================
add("p01", chat("Skriv takkemelding etter første time.",
                "Hei [PASIENTNAVN]! Takk for at du kom i dag. Husk øvelsene morgen og kveld. Mvh Klinikken"),
    ["placeholder"], note="[PASIENTNAVN]")
add("p02", pr("Skriv påminnelse om neste time.",
              "Hei! Din neste time er <dato> kl. 10:00. Gi beskjed senest dagen før om du ikke kan komme."),
    ["placeholder"], note="<dato>")
add("p03", alp("Skriv velkomstmelding.", "",
               "Hei {navn}, velkommen som ny pasient hos oss! Fyll gjerne ut helseskjemaet før første time."),
    ["placeholder"], note="{navn}")
add("p04", dpo_str("Skriv velkomsttekst til nettsiden.",
                   "Velkommen til {{klinikk}}! Vi behandler plager i rygg, nakke og ledd.",
                   "Velkommen."),
    ["placeholder"], note="{{klinikk}} in chosen")
add("p05", chat("Skriv O-del.", "O: [Beskrivelse av funn]\nLasègue negativ bilateralt."),
    ["placeholder"], note="[Beskrivelse av funn]")
add("p06", msgs_list("Skriv A-del for skulderpasient.", "A: [sett inn diagnose]", "A: Vet ikke."),
    ["placeholder"], note="lower-case [sett inn diagnose] in chosen")
add("p07", pr("Skriv kontrollinnkalling.",
              "Du er satt opp til kontroll XX.XX.XXXX kl. 09:00. Ta med treningstøy."),
    ["placeholder"], note="date as XX.XX.XXXX")
add("p08", alp("Skriv plan.", "Øvelser, kontroll om to uker.",
               "P: Øvelser to ganger daglig. Neste kontroll: ____"),
    ["placeholder"], note="blank line ____ for the date")
add("p09", msgs_str("Skriv signatur til e-post.",
                    "Med vennlig hilsen\n<INSERT NAME>\nKiropraktor",
                    "Hilsen."),
    ["placeholder"], note="<INSERT NAME>")
add("p10", dpo_list("Skriv kort om parkering.",
                    "Det er gratis parkering i bakgården til [Klinikkens navn] de første to timene.",
                    "Parker der det er plass."),
    ["placeholder"], note="[Klinikkens navn] in chosen")
add("p11", chat("Skriv SMS etter behandling.",
                "Hei (navn)! Det er vanlig å være litt støl i et døgn etter behandling. Mvh Klinikken"),
    ["placeholder"], note="round-bracket placeholder (navn)")

# =============================================================== mojibake ====================
add("m01", chat("Skriv påminnelse om fredag.",
                moji("Hei! Vi minner om timen din på fredag. Husk å gi beskjed om du blir forhindret.")),
    ["mojibake"], note="MOJI: å -> Ã¥")
add("m02", pr("Skriv O-del: lx.", moji("O: Øm over L5–S1, SLR positiv høyre ved 45°.")),
    ["mojibake"], note="MOJI: Ø -> Ã˜, en dash -> â€“, ° -> Â°")
add("m03", chat("Skriv S-del: hæl.", moji("S: Smerter i høyre hæl om morgenen i to måneder."), system=True),
    ["mojibake"], note="MOJI: ø, æ, å")
add("m04", alp("Skriv S-del.", "K 47, skulder hø 3 mnd.",
               "S: Kvinne 47 Ør med smerter i hØyre skulder i 3 mnd."),
    ["mojibake"], note="scrambled case typed by hand: '47 Ør', 'hØyre'")
add("m05", pr("Skriv S-del: kne.", "S: Smerter i h\ufffdyre kne ved trappegang, verst p\ufffd kvelden."),
    ["mojibake"], note="U+FFFD replacement characters for ø and å")
add("m06", dpo_str("Skriv råd om øvelser.",
                   moji2("Gjør øvelsene én gang daglig, og øk gradvis."),
                   "Tren."),
    ["mojibake"], note="MOJI twice (double-encoded) in chosen")
add("m07", chat("Skriv melding om smerter etter behandling.",
                "Ta kontakt hvis smertene ?ker eller du f?r nummenhet i beinet."),
    ["mojibake"], note="ø and å lost as '?' in a broken conversion")
add("m08", msgs_str("Skriv S-del for ryggpasient.",
                    moji("S: Vondt i korsryggen etter løft på jobben i går, ingen utstråling."),
                    "S: Rygg."),
    ["mojibake"], note="MOJI in DPO chosen string")
add("m09", alp("Skriv plan for ankel.", "",
               moji("P: Balansetrening på én fot – tre ganger daglig. Kontroll om én uke.")),
    ["mojibake"], note="MOJI: é -> Ã©, en dash, å")
add("m10", pr("Skriv S-del: lx.", "S: Smerter i korsryggen i 2 mÅneder, verre nÅr hun sitter lenge."),
    ["mojibake"], note="scrambled case typed by hand: 'mÅneder', 'nÅr'")
add("m11", dpo_list("Skriv melding om ferie.",
                    moji("Hei! Klinikken er stengt i påsken. Ønsker alle en god påske!"),
                    "Stengt."),
    ["mojibake"], note="MOJI: capital Ø -> Ã˜ in chosen list")

# =============================================================== boilerplate =================
add("b01", pr("Hvordan kan jeg sove bedre med nakkesmerter?",
              "Bruk en pute som holder nakken i nøytral stilling, og unngå å sove på magen.\nLes også: Slik "
              "velger du riktig pute"),
    ["boilerplate"], note="'Les også:' link line")
add("b02", alp("Forklar hva isjias er.", "",
               "Isjias er smerter som stråler fra korsryggen ned i beinet fordi en nerverot er irritert.\n"
               "Bestill time her\nDel artikkelen"),
    ["boilerplate"], note="booking button and share line")
add("b03", chat("Forklar hva nakkehodepine er.",
                "Hjem › Plager › Nakke\nNakkehodepine er hodepine som starter i nakken og ofte sitter på én "
                "side. Den blir gjerne verre av lange dager foran skjermen."),
    ["boilerplate"], note="breadcrumb at the start")
add("b04", dpo_str("Hva er tennisalbue?",
                   "Denne nettsiden bruker informasjonskapsler. Les mer i personvernerklæringen. OK\n"
                   "Tennisalbue skyldes overbelastning av strekkemusklenes feste på utsiden av albuen.",
                   "Vondt i albuen."),
    ["boilerplate"], note="cookie banner in chosen")
add("b05", pr("Hva kan jeg gjøre selv ved kneartrose?",
              "Styrketrening for lår og hofte er det som hjelper mest.\nAnnonse\nVektreduksjon letter "
              "belastningen på kneet."),
    ["boilerplate"], note="'Annonse' line in the middle")
add("b06", msgs_list("Hva er frossen skulder?",
                     "Skrevet av redaksjonen | 4 min lesetid\nFrossen skulder er en betennelse i leddkapselen "
                     "som gjør skulderen stiv og vond i mange måneder.",
                     "Stiv skulder."),
    ["boilerplate"], note="byline and reading time in chosen")
add("b07", alp("Forklar hva bekkenløsning er.", "",
               "Bekkenløsning er smerter i bekkenleddene under eller etter svangerskap.\nKommentarer (0)\n"
               "Logg inn for å kommentere"),
    ["boilerplate"], note="comment section")
add("b08", chat("Hva er hallux valgus?",
                "Hallux valgus er en skjevstilling der stortåa bøyer seg inn mot de andre tærne.\n"
                "Tilbake til toppen ↑"),
    ["boilerplate"], note="'Tilbake til toppen'")
add("b09", pr("Hva er karpaltunnelsyndrom?",
              "Karpaltunnelsyndrom skyldes trykk på nervus medianus i håndleddet og gir prikking i fingrene. "
              "Klikk her for å lese hele artikkelen"),
    ["boilerplate"], note="'Klikk her for å lese hele artikkelen'")
add("b10", msgs_str("Hva er Scheuermanns sykdom?",
                    "Sist oppdatert 02.10.2023 kl. 14:05\nScheuermanns sykdom gir økt krumning i brystryggen "
                    "hos ungdom.\nSkriv ut | Send på e-post",
                    "En ryggsykdom."),
    ["boilerplate"], note="update timestamp and print/e-mail links")

# =============================================================== glued_text ==================
add("g01", chat("Skriv S-del.", "S: Korsryggsmerter i tre uker.Smertene er verst om morgenen."),
    ["glued_text"], note="'uker.Smertene'")
add("g02", pr("Skriv sykehistorie.", "Brudd i venstre ankel i 2018.Hun har hatt hevelse ved belastning siden."),
    ["glued_text"], note="'2018.Hun'")
add("g03", alp("Skriv O- og A-del.", "",
               "O: Lasègue negativ bilateralt.A: L84 Ryggsyndrom uten smerteutstråling."),
    ["glued_text"], note="sections glued: 'bilateralt.A:'")
add("g04", dpo_str("Skriv kort notat.", "Reflekser ua.Kontroll om to uker.", "Ok."),
    ["glued_text"], note="shorthand glued: 'ua.Kontroll'")
add("g05", chat("Skriv melding om ny time.", "Hei! Vi har ledig time torsdag kl. 11:00. Passer det?Gi beskjed "
                "så snart du kan."),
    ["glued_text"], note="'det?Gi'")
add("g06", pr("Skriv melding etter time.", "Takk for i dag!Husk øvelsene morgen og kveld."),
    ["glued_text"], note="'dag!Husk'")
add("g07", alp("Skriv S- og O-del.", "",
               "S: Korsryggsmerter, ingen utstrålingO: Palpasjonsøm over L5–S1."),
    ["glued_text"], note="lost line break: 'utstrålingO:'")
add("g08", dpo_list("Skriv kontrollnotat.",
                    "Betydelig bedring.Vi reduserer til én behandling annenhver uke.",
                    "Bedre."),
    ["glued_text"], note="'bedring.Vi' in chosen")
add("g09", msgs_list("Skriv kontrollnotat med NRS.", "Smerten er redusert (NRS 3).Neste time om to uker.",
                     "Bedre."),
    ["glued_text"], note="'(NRS 3).Neste'")
add("g10", chat("Skriv S-del: skulder.", "S: Smerter i høyre skulder ved løft.Anbefalt å unngå tunge løft over "
                "hodet.", system=True),
    ["glued_text"], note="'løft.Anbefalt'")

# =============================================================== prompt_copy =================
add("q01", chat("Rot hø red, Spurling neg, palp.øm trap bilat",
                "Rot hø red, Spurling neg, palp.øm trap bilat"),
    ["prompt_copy"], note="shorthand copied verbatim")
add("q02", pr("Skriv en kort melding til pasienten om at MR-svaret er kommet og at vi går gjennom det på "
              "neste time.",
              "Skriv en kort melding til pasienten om at MR-svaret er kommet og at vi går gjennom det på "
              "neste time."),
    ["prompt_copy"], note="full-sentence prompt copied")
add("q03", alp("Skriv S-del.", "Kvinne 52, korsryggsmerter i fire uker, verst ved sitting, ingen utstråling.",
               "Kvinne 52, korsryggsmerter i fire uker, verst ved sitting, ingen utstråling."),
    ["prompt_copy"], note="output = input")
add("q04", alp("Forklar hva en kiropraktor gjør.", "", "Forklar hva en kiropraktor gjør."),
    ["prompt_copy"], note="output = instruction, empty input")
add("q05", dpo_str("Lasègue pos ve 40°, ASR svekket ve, kraft stortå ua.",
                   "Lasègue pos ve 40°, ASR svekket ve, kraft stortå ua.",
                   "O: Normal."),
    ["prompt_copy"], note="DPO chosen string copies prompt")
add("q06", msgs_list("Skriv plan: øvelser for rotatorcuff, kontroll om tre uker.",
                     "Skriv plan: øvelser for rotatorcuff, kontroll om tre uker.",
                     "P: Ingen."),
    ["prompt_copy"], note="DPO chosen list copies the user message")
add("q07", msgs_str("Skriv vurdering av kne: McMurray positiv medialt, låsninger.",
                    "Skriv vurdering av kne: McMurray positiv medialt, låsninger.",
                    "A: Kne."),
    ["prompt_copy"], note="DPO chosen string copies the user message")
add("q08", chat("Pasienten har hatt smerter i brystryggen i to uker etter en skitur, verst ved dyp innpust. "
                "Skriv S-del.",
                "Pasienten har hatt smerter i brystryggen i to uker etter en skitur, verst ved dyp innpust. "
                "Skriv S-del.", system=True),
    ["prompt_copy"], note="prompt with instruction copied, system message present")
add("q09", pr("Hodepine fra nakken 3 d/u, trykkende, ingen aura.",
              "Hodepine fra nakken 3 d/u, trykkende, ingen aura.\n"),
    ["prompt_copy"], note="copy with a trailing newline")
add("q10", dpo_list("Skriv melding om at klinikken er stengt 17. mai.",
                    "Skriv melding om at klinikken er stengt 17. mai.",
                    "Stengt."),
    ["prompt_copy"], note="DPO chosen list copies the user message")

# =============================================================== duplicate_answer ============
add("d01", chat("Forklar kort hva Dix-Hallpikes test er.",
                "Epleys manøver er en reposisjonsmanøver for godartet posisjonsvertigo. Hodet føres gjennom "
                "fire stillinger slik at krystallene i den bakre buegangen flyttes tilbake."),
    ["duplicate_answer"], dup_of="c17", note="Epley answer for a Dix-Hallpike question")
add("d02", pr("Skriv timebekreftelse: fredag 16. mai kl. 13:00, kontroll, 30 minutter.",
              "Hei! Velkommen til første konsultasjon onsdag 14. mai kl. 07:45. Timen varer i 45 minutter. "
              "Hilsen resepsjonen"),
    ["duplicate_answer"], dup_of="c12", note="another booking's confirmation")
add("d03", alp("Skriv O-del kort.", "Romberg ustø, Dix-Hallpike positiv høyre.",
               "O: Romberg ua, finger-nese ua, Dix-Hallpike neg bilat, HIT normal"),
    ["duplicate_answer"], dup_of="c26", note="negative vertigo findings for a positive Dix-Hallpike prompt")
add("d04", dpo_str("Skriv sykmeldingstekst: kvinne 41, frisør, nakkesmerter, 50 % i 2 uker.",
                   "Mann, 29 år, kokk, med akutt lumbago. Han kan ikke stå ved kjøkkenbenken gjennom en "
                   "arbeidsdag og sykmeldes 100 % i fem dager.",
                   "Sykmeldt."),
    ["duplicate_answer"], dup_of="c14", note="another patient's sick-leave text in chosen")
add("d05", chat("Skriv journal: kjeve venstre, gaper 30 mm, ingen klikk.",
                "O: Gaping 42 mm, klikk hø kjeveledd ved åpning, palp.øm m. masseter hø.\n"
                "P: Kjeveøvelser. Henvist til tannlege for vurdering av bittskinne."),
    ["duplicate_answer"], dup_of="c39", note="right-jaw answer for a left-jaw prompt")
add("d06", msgs_list("Skriv melding: timen er flyttet fra onsdag til fredag kl. 09.",
                     "Hei! Timen din er flyttet fra tirsdag til torsdag, samme klokkeslett. Gi beskjed om det "
                     "ikke passer.\n\nHilsen resepsjonen",
                     "Flyttet."),
    ["duplicate_answer"], dup_of="c33", note="tuesday/thursday answer for a wednesday/friday prompt")
add("d07", pr("Skriv epikrise kort: 8 behandlinger for korsryggsmerter, tilbake i jobb.",
              "Epikrise: Fem behandlinger for tennisalbue. Pasienten har nå smertefritt grep, og behandlingen "
              "avsluttes."),
    ["duplicate_answer"], dup_of="c21", note="tennis-elbow discharge for a low-back prompt")
add("d08", alp("Lag plan for hjemmeøvelser for skulder.", "Pendel, utadrotasjon med strikk, veggkryp.",
               "Hjemmeøvelser, to ganger daglig:\n- Katt og ku, 10 repetisjoner\n- Bekkenvipp, 10 repetisjoner\n"
               "- Fuglehund, 10 repetisjoner"),
    ["duplicate_answer"], dup_of="c10", note="back exercise list for a shoulder prompt")
add("d09", dpo_list("Skriv vurdering: mann 45, smerter under kneskålen ved trappegang ned, krepitasjon.",
                    "A: Belastningsrelaterte smerter under kneskålen med ømhet over patellarsenen hos en "
                    "16-åring som hopper mye. Kan passe med hopperkne.",
                    "A: Kne."),
    ["duplicate_answer"], dup_of="c30", note="teenager's assessment for a 45-year-old")
add("d10", msgs_str("Skriv O-del: skulder venstre, fleksjon 120 grader, Jobe positiv.",
                    "O: Skulder hø: fleks 170°, abd smertefull 80–120°, Hawkins pos, Jobe neg, kraft ua",
                    "O: Skulder."),
    ["duplicate_answer"], dup_of="c03", note="right-shoulder findings for a left-shoulder prompt")

# =============================================================== first_name ==================
add("f01", chat("Skriv kort notat om bytte av behandler.",
                "Pasienten er overført til Håkon fra neste uke, da vanlig behandler går ut i permisjon."),
    ["first_name"], ["Håkon"], note="after 'til'")
add("f02", pr("Skriv melding om røntgenbilder.",
              "Hei! Send røntgenbildene til Vilde i resepsjonen, så legger hun dem inn i journalen."),
    ["first_name"], ["Vilde"], note="after 'til', receptionist")
add("f03", alp("Skriv melding med øvelser.", "",
               "Hei! Øvelsene ligger vedlagt. Gjør dem hver dag i to uker.\n\nHilsen Torstein"),
    ["first_name"], ["Torstein"], note="first name in sign-off")
add("f04", dpo_str("Skriv timebekreftelse.",
                   "Timen hos Ragnhild tirsdag kl. 09:00 er bekreftet.",
                   "Bekreftet."),
    ["first_name"], ["Ragnhild"], note="after 'hos' in chosen")
add("f05", chat("Skriv melding om ny behandler.",
                "hei! neste time blir hos magnus på torsdag, han har overtatt pasientene på mandager."),
    ["first_name"], ["magnus"], note="lower-case name after 'hos'")
add("f06", pr("Skriv melding om flyttet time.", "Hei! Timen er flyttet til onsdag kl. 14:00. mvh synnøve"),
    ["first_name"], ["synnøve"], note="lower-case name in sign-off")
add("f07", alp("Skriv plan.", "", "P: Videre oppfølging hos kiropraktor Øyvind fra mars."),
    ["first_name"], ["Øyvind"], note="after role word 'kiropraktor'")
add("f08", msgs_list("Skriv internt notat.",
                     "Vurdert sammen med manuellterapeut Hanne, som anbefaler røntgen før videre behandling.",
                     "Vurdert."),
    ["first_name"], ["Hanne"], note="after role word 'manuellterapeut' in chosen")
add("f09", chat("Skriv melding med råd.", "Hei! Bruk varme på nakken i kveld og gå en rolig tur i morgen.\n"
                "Mvh Petter (kiropraktor)", system=True),
    ["first_name"], ["Petter"], note="sign-off of a person with role in brackets")
add("f10", dpo_list("Skriv journalnotat om telefon.",
                    "Pasienten snakket med Camilla på telefon i går og fikk flyttet timen til fredag.",
                    "Telefon."),
    ["first_name"], ["Camilla"], note="after 'med' in chosen")
add("f11", msgs_str("Skriv melding om MR-svar.",
                    "Takk for samtalen! Sindre tar kontakt med deg når MR-svaret er kommet.",
                    "Vi ringer."),
    ["first_name"], ["Sindre"], note="name as sentence subject in chosen")
add("f12", pr("Skriv beskjed om ferievikar.", "Ferievikar for Marius er Tuva i uke 28–30."),
    ["first_name"], ["Marius", "Tuva"], note="two names, after 'for' and after 'er'")
add("f13", alp("Skriv melding.", "", "Ring til bjørn i resepsjonen hvis du vil endre timen."),
    ["first_name"], ["bjørn"], note="lower-case name that is also a noun, after 'til'")
add("f14", chat("Skriv melding om behandler tilbake.",
                "Hei! Din faste behandler Gunnhild er tilbake fra permisjon 1. april. Velkommen tilbake!"),
    ["first_name"], ["Gunnhild"], note="after role word 'behandler'")


def main():
    by_key = {}
    for r in RECORDS:
        if r["key"] in by_key:
            raise SystemExit(f"duplicate key {r['key']}")
        by_key[r["key"]] = r
        for d in r["defects"]:
            if d not in DEFECTS:
                raise SystemExit(f"{r['key']}: unknown defect {d}")
        ans = answer(r["record"])
        for name in r["names"]:
            if name not in ans:
                raise SystemExit(f"{r['key']}: name {name!r} not in the answer")
        if "prompt_copy" in r["defects"] and ans.strip() != prompt_text(r["record"]).strip():
            raise SystemExit(f"{r['key']}: prompt_copy answer differs from its prompt")
        if r["dup_of"]:
            orig = by_key[r["dup_of"]]
            if orig["defects"]:
                raise SystemExit(f"{r['key']}: repeats a line that is not clean")
            if answer(orig["record"]) != ans:
                raise SystemExit(f"{r['key']}: answer differs from {r['dup_of']}")
            if prompt_text(orig["record"]) == prompt_text(r["record"]):
                raise SystemExit(f"{r['key']}: same prompt as {r['dup_of']}")
        elif "duplicate_answer" in r["defects"]:
            raise SystemExit(f"{r['key']}: duplicate_answer without dup_of")
    # no answer may repeat another one except the planted duplicates
    answers = {}
    for r in RECORDS:
        a = answer(r["record"])
        if a in answers and r["dup_of"] != answers[a]:
            raise SystemExit(f"{r['key']}: answer repeats {answers[a]} but is not labelled")
        answers.setdefault(a, r["key"])

    order = list(range(len(RECORDS)))
    random.Random(SEED).shuffle(order)
    recs = [RECORDS[i] for i in order]
    # a duplicate that landed before its original swaps places with it (originals repeat no line)
    pos = {r["key"]: i for i, r in enumerate(recs)}
    for r in list(recs):
        if r["dup_of"] and pos[r["key"]] < pos[r["dup_of"]]:
            i, j = pos[r["key"]], pos[r["dup_of"]]
            recs[i], recs[j] = recs[j], recs[i]
            pos[recs[i]["key"]], pos[recs[j]["key"]] = i, j
    line_of = {r["key"]: i + 1 for i, r in enumerate(recs)}
    labels = []
    for i, r in enumerate(recs, 1):
        note = r["note"]
        if r["dup_of"]:
            assert line_of[r["dup_of"]] < i
            note = f"answer repeats line {line_of[r['dup_of']]}'s answer for a different prompt ({note})"
        labels.append({"line": i, "defects": r["defects"], "names": r["names"], "note": note})
    check_unique([str(r["record"]) for r in recs], "record")
    write_jsonl("exports_v3.jsonl", [r["record"] for r in recs])
    write_jsonl("exports_v3.labels.jsonl", labels)
    print(f"exports_v3.jsonl: {len(recs)} records")


if __name__ == "__main__":
    main()
