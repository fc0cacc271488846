"""Synthetic Norwegian chiropractic records: the corpus the embedded default trains on.

Each record is a raw prompt/response pair with metadata. The prompt states the case facts
(history, findings, tests with results, NRS, side, ICPC-2 code, treatment); the response restates
only those facts in a fixed Bokmål house style (SOAP lines, referral letter, sick-leave statement,
patient message), so the data teaches no hallucination and a tiny model can learn the structure.
A fraction of records carry planted fake personal data with valid check digits (to exercise the
scrubber) and a few carry canary secrets (for the memorization scan). Same seed, same bytes.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from gate.pii.names import FIRST_NAMES, SURNAMES

DOC_TYPES = ("soap", "letter", "sick_leave", "message")
SEVERITIES = ("acute", "chronic", "maintenance")

# region -> (Norwegian region words, complaints, findings, tests, codes per severity, treatments, lateral?)
REGIONS: dict[str, dict] = {
    "neck": dict(
        name="nakken", complaints=["nakkesmerter", "stivhet i nakken", "smerter i nakke og skulderbuen"],
        findings=["redusert rotasjon", "palpasjonsøm muskulatur i øvre trapezius", "nedsatt bevegelighet C5-C6",
                  "hypomobilitet C6-C7"],
        tests=["Spurlings test", "distraksjonstest", "ULTT1"], codes={"acute": "L01", "chronic": "L83",
                                                                      "maintenance": "L83"},
        treatments=["mobilisering av nakken", "bløtvevsbehandling", "manipulasjon av thorakalcolumna",
                    "hjemmeøvelser for dype nakkebøyere"], lateral=True),
    "thoracic": dict(
        name="brystryggen", complaints=["smerter i brystryggen", "stivhet mellom skulderbladene"],
        findings=["hypomobilitet Th5-Th6", "palpasjonsøm paravertebral muskulatur", "redusert ekstensjon"],
        tests=["ribbeinsfjæring", "rotasjonstest sittende"], codes={"acute": "L02", "chronic": "L84",
                                                                   "maintenance": "L84"},
        treatments=["manipulasjon av thorakalcolumna", "bløtvevsbehandling", "pusteøvelser"], lateral=False),
    "low_back": dict(
        name="korsryggen", complaints=["korsryggsmerter", "smerter i korsryggen med utstråling til låret",
                                       "stivhet i korsryggen om morgenen"],
        findings=["redusert fleksjon", "palpasjonsøm L4-L5", "hypomobilitet L5-S1", "muskelspasme paravertebralt"],
        tests=["Lasègues test", "slump-test", "Kemps test"], codes={"acute": "L03", "chronic": "L84",
                                                                   "maintenance": "L84"},
        treatments=["manipulasjon av lumbalcolumna", "bløtvevsbehandling", "McKenzie-øvelser",
                    "råd om aktivitet"], lateral=True),
    "pelvis": dict(
        name="bekkenet", complaints=["smerter over iliosakralleddet", "bekkensmerter ved gange"],
        findings=["palpasjonsøm iliosakralledd", "nedsatt bevegelighet i iliosakralleddet"],
        tests=["FABER-test", "thigh thrust-test", "kompresjonstest av bekkenet"],
        codes={"acute": "L03", "chronic": "L03", "maintenance": "L03"},
        treatments=["mobilisering av iliosakralleddet", "bløtvevsbehandling", "stabiliseringsøvelser"],
        lateral=True),
    "shoulder": dict(
        name="skulderen", complaints=["skuldersmerter", "smerter ved løft av armen"],
        findings=["smertefull bue mellom 70 og 120 grader", "redusert utadrotasjon", "palpasjonsøm supraspinatus"],
        tests=["Hawkins-Kennedys test", "Neers test", "Jobes test"],
        codes={"acute": "L08", "chronic": "L92", "maintenance": "L92"},
        treatments=["bløtvevsbehandling", "mobilisering av skulderleddet", "rotator cuff-øvelser"], lateral=True),
    "elbow": dict(
        name="albuen", complaints=["smerter på utsiden av albuen", "smerter i albuen ved grep"],
        findings=["palpasjonsøm laterale epikondyl", "nedsatt grepsstyrke"],
        tests=["Cozens test", "Mills test"], codes={"acute": "L10", "chronic": "L93", "maintenance": "L93"},
        treatments=["bløtvevsbehandling", "eksentriske øvelser", "tøyning av underarmen"], lateral=True),
    "knee": dict(
        name="kneet", complaints=["knesmerter", "smerter i kneet ved trappegang"],
        findings=["lett hevelse", "palpasjonsøm medial leddspalte", "redusert fleksjon"],
        tests=["McMurrays test", "Lachmans test", "skuffetest"], codes={"acute": "L15", "chronic": "L90",
                                                                       "maintenance": "L90"},
        treatments=["bløtvevsbehandling", "styrkeøvelser for lår", "mobilisering av kneet"], lateral=True),
    "hip": dict(
        name="hoften", complaints=["hoftesmerter", "smerter i lysken ved gange"],
        findings=["redusert innadrotasjon", "palpasjonsøm trochanter major"],
        tests=["FADIR-test", "FABER-test", "Trendelenburgs test"], codes={"acute": "L13", "chronic": "L89",
                                                                          "maintenance": "L89"},
        treatments=["mobilisering av hofteleddet", "bløtvevsbehandling", "styrkeøvelser for setemuskulatur"],
        lateral=True),
    "ankle": dict(
        name="ankelen", complaints=["ankelsmerter etter overtråkk", "hevelse i ankelen"],
        findings=["hevelse lateralt", "palpasjonsøm ligamentum talofibulare anterius"],
        tests=["skuffetest av ankelen", "talar tilt-test"], codes={"acute": "L77", "chronic": "L16",
                                                                  "maintenance": "L16"},
        treatments=["mobilisering av ankelen", "balansetrening", "taping"], lateral=True),
    "headache": dict(
        name="hodet", complaints=["hodepine", "trykkende hodepine fra nakken", "hodepine i pannen"],
        findings=["palpasjonsøm subokcipital muskulatur", "redusert rotasjon C1-C2"],
        tests=["fleksjon-rotasjonstest", "Spurlings test"], codes={"acute": "N01", "chronic": "N95",
                                                                      "maintenance": "N95"},
        treatments=["bløtvevsbehandling subokcipitalt", "mobilisering av øvre nakke", "råd om søvn og pauser"],
        lateral=False),
    "dizziness": dict(
        name="balansen", complaints=["svimmelhet ved hodebevegelser", "svimmelhet når hun snur seg i sengen"],
        findings=["nystagmus ved leiringstest", "normal nevrologisk status"],
        tests=["Dix-Hallpikes test", "Romberg-test", "head impulse-test"],
        codes={"acute": "N17", "chronic": "H82", "maintenance": "H82"},
        treatments=["Epleys manøver", "habituasjonsøvelser", "råd om aktivitet"], lateral=False),
}

TITLES = {"L01": "Nakkesymptomer/-plager", "L02": "Ryggsymptomer/-plager", "L03": "Korsryggsymptomer/-plager",
          "L08": "Skuldersymptomer/-plager", "L10": "Albuesymptomer/-plager", "L13": "Hoftesymptomer/-plager",
          "L15": "Knesymptomer/-plager", "L16": "Ankelsymptomer/-plager", "L77": "Forstuing/forstrekking ankel",
          "L83": "Nakkesyndrom", "L84": "Ryggsyndrom uten smerteutstråling", "L89": "Hofteartrose",
          "L90": "Kneartrose", "L92": "Skuldersyndrom", "L93": "Tennisalbue", "N01": "Hodepine",
          "N17": "Svimmelhet", "N95": "Spenningshodepine", "H82": "Vertiginøst syndrom"}

DURATION = {"acute": ["to dager", "tre dager", "fem dager", "en uke"],
            "chronic": ["tre måneder", "et halvt år", "over ett år", "fire måneder"],
            "maintenance": ["flere år, kommer til vedlikehold", "lang tid, nå stabil"]}
ONSET = ["etter løft", "uten kjent utløsende årsak", "etter lang tids stillesitting", "etter trening",
         "etter en lang kjøretur", "gradvis"]
SIDES = {"høyre": "høyre side", "venstre": "venstre side", "begge sider": "begge sider"}
WORSE = ["verre ved sitting", "verre ved løft", "verre om morgenen", "verre ved aktivitet", "verre etter lang tids stående",
         "verre om kvelden"]
HISTORY = ["ingen tidligere lignende plager", "tilsvarende episode tidligere, gikk over av seg selv",
           "ingen kjente sykdommer", "ingen faste medisiner"]
ADVICE = ["råd om pauser i arbeidsdagen", "råd om gradvis økning av aktivitet", "råd om søvnstilling",
          "råd om å holde seg i aktivitet", "råd om variasjon i arbeidsstillinger"]
FOLLOW = ["en uke", "to uker", "tre uker", "fire uker"]
SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"


# ---- fake identifiers with valid check digits -----------------------------------------------------

def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    r = 11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11
    return 0 if r == 11 else (None if r == 10 else r)


def fake_fodselsnummer(rng: random.Random, *, d_number: bool = False) -> str:
    """A fake 11-digit fødselsnummer (or D-nummer: day + 40) with valid mod-11 check digits."""
    while True:
        year = rng.randint(1940, 2005)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        ind = rng.randint(500, 749) if year >= 2000 else rng.randint(0, 499)
        base = f"{day + (40 if d_number else 0):02d}{month:02d}{year % 100:02d}{ind:03d}"
        k1 = _mod11(base, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        if k1 is None:
            continue
        k2 = _mod11(base + str(k1), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if k2 is not None:
            return f"{base}{k1}{k2}"


def fake_kontonummer(rng: random.Random) -> str:
    """A fake 11-digit bank account number (mod 11), formatted XXXX.XX.XXXXX."""
    while True:
        base = f"{rng.randint(1200, 9899):04d}{rng.randint(10, 99):02d}{rng.randint(0, 99999):05d}"[:10]
        k = _mod11(base, (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if k is not None:
            n = base + str(k)
            return f"{n[:4]}.{n[4:6]}.{n[6:]}"


def fake_phone(rng: random.Random) -> str:
    """A fake Norwegian mobile number in one of the common spellings."""
    n = f"{rng.choice('49')}{rng.randint(0, 9999999):07d}"
    style = rng.randrange(4)
    if style == 0:
        return f"{n[:3]} {n[3:5]} {n[5:]}"
    if style == 1:
        return f"+47 {n[:3]} {n[3:5]} {n[5:]}"
    if style == 2:
        return n
    return f"{n[:2]} {n[2:4]} {n[4:6]} {n[6:]}"


STREETS = ["Storgata", "Kirkeveien", "Skolegata", "Parkveien", "Fjordgata", "Bjørkeveien", "Solbakken",
           "Granveien", "Havnegata", "Elvegata"]
PLACES = [("0182", "Oslo"), ("5003", "Bergen"), ("7011", "Trondheim"), ("4006", "Stavanger"),
          ("9008", "Tromsø"), ("3015", "Drammen"), ("2317", "Hamar"), ("1606", "Fredrikstad")]


def _person(rng: random.Random) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    street, (postnr, place) = rng.choice(STREETS), rng.choice(PLACES)
    return {"name": f"{first} {last}", "first": first,
            "fnr": fake_fodselsnummer(rng, d_number=rng.random() < 0.2), "phone": fake_phone(rng),
            "email": f"{first.lower()}.{last.lower()}@eksempel.no".replace("ø", "o").replace("å", "a")
            .replace("æ", "ae"),
            "account": fake_kontonummer(rng), "address": f"{street} {rng.randint(1, 99)}, {postnr} {place}"}


# ---- one record -----------------------------------------------------------------------------------

def _facts(rng: random.Random, region: str, severity: str) -> dict:
    r = REGIONS[region]
    tests = rng.sample(r["tests"], k=min(len(r["tests"]), rng.randint(1, 2)))
    results = [(t, rng.choice(["positiv", "negativ"])) for t in tests]
    side = rng.choice(list(SIDES)) if r["lateral"] else None
    code = r["codes"][severity]
    return {
        "sex": rng.choice(["kvinne", "mann"]), "age": rng.randint(19, 82),
        "complaint": rng.choice(r["complaints"]), "duration": rng.choice(DURATION[severity]),
        "onset": rng.choice(ONSET), "findings": rng.sample(r["findings"], k=min(2, len(r["findings"]))),
        "tests": results, "nrs": rng.randint(2, 8) if severity != "maintenance" else rng.randint(1, 4),
        "side": side, "code": code, "title": TITLES[code],
        "treatment": rng.sample(r["treatments"], k=2), "follow": rng.choice(FOLLOW), "region_name": r["name"],
        "worse": rng.choice(WORSE), "history": rng.choice(HISTORY), "advice": rng.choice(ADVICE),
    }


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


def _tests_text(f: dict, *, sentence: bool = False) -> str:
    text = ", ".join(f"{t} {res}" for t, res in f["tests"])
    return text[0].upper() + text[1:] if sentence else text


def _side_text(f: dict) -> str:
    return f", {SIDES[f['side']]}" if f["side"] else ""


TASKS = {"soap": "Skriv et SOAP-notat ut fra opplysningene.",
         "letter": "Skriv en henvisning til fastlegen ut fra opplysningene.",
         "sick_leave": "Skriv en erklæring til sykmelding ut fra opplysningene.",
         "message": "Skriv en kort melding til pasienten ut fra opplysningene."}


def _prompt(doc_type: str, f: dict, person: dict | None) -> str:
    lines = [TASKS[doc_type]]
    if person:
        lines.append(f"Pasient: {person['name']}, fødselsnummer {person['fnr']}, tlf {person['phone']}")
        if doc_type in ("letter", "sick_leave"):
            lines.append(f"Adresse: {person['address']}")
        if doc_type == "sick_leave":
            lines.append(f"Kontonummer: {person['account']}")
        if doc_type == "message":
            lines.append(f"E-post: {person['email']}")
    lines += [f"Kjønn og alder: {f['sex']}, {f['age']} år",
              f"Anamnese: {f['complaint']}{_side_text(f)}, i {f['duration']}, debut {f['onset']}, {f['worse']}",
              f"Tidligere: {f['history']}",
              f"Funn: {', '.join(f['findings'])}",
              f"Tester: {_tests_text(f)}",
              f"NRS: {f['nrs']}/10"]
    if f["side"]:
        lines.append(f"Side: {f['side']}")
    lines += [f"ICPC-2: {f['code']} {f['title']}", f"Behandling: {', '.join(f['treatment'])}",
              f"Råd: {f['advice']}", f"Kontroll: om {f['follow']}"]
    return "\n".join(lines)


def _response(doc_type: str, f: dict, person: dict | None, rng: random.Random) -> str:
    cap = f["complaint"][0].upper() + f["complaint"][1:]
    if doc_type == "soap":
        return (f"S: {cap} i {f['duration']}, debut {f['onset']}, {f['worse']}. {_cap(f['history'])}. "
                f"NRS {f['nrs']}/10.\n"
                f"O: {f['findings'][0][0].upper() + f['findings'][0][1:]}, {f['findings'][1]}. {_tests_text(f, sentence=True)}.\n"
                f"A: {f['code']} {f['title']}{_side_text(f)}.\n"
                f"P: {f['treatment'][0][0].upper() + f['treatment'][0][1:]} og {f['treatment'][1]}. "
                f"{_cap(f['advice'])}. Kontroll om {f['follow']}.")
    if doc_type == "letter":
        who = f"{person['name']}, fødselsnummer {person['fnr']}" if person and rng.random() < 0.5 \
            else f"{f['sex']}, {f['age']} år"
        return (f"Henvisning til fastlege\nGjelder: {who}.\n"
                f"Sykehistorie: {cap} i {f['duration']}, debut {f['onset']}, {f['worse']}. "
                f"{_cap(f['history'])}. NRS {f['nrs']}/10.\n"
                f"Funn: {', '.join(f['findings'])}. {_tests_text(f, sentence=True)}.\n"
                f"Vurdering: {f['code']} {f['title']}{_side_text(f)}.\n"
                f"Behandling så langt: {f['treatment'][0]} og {f['treatment'][1]}.\n"
                f"Ønsker vurdering og videre oppfølging. Ny kontroll hos oss om {f['follow']}.\n"
                f"Med vennlig hilsen\nkiropraktor")
    if doc_type == "sick_leave":
        return (f"Erklæring til sykmelding\nDiagnose: {f['code']} {f['title']}{_side_text(f)}.\n"
                f"Sykehistorie: {cap} i {f['duration']}, debut {f['onset']}, {f['worse']}. NRS {f['nrs']}/10.\n"
                f"Funn: {', '.join(f['findings'])}. {_tests_text(f, sentence=True)}.\n"
                f"Funksjon: plagene begrenser arbeidsevnen.\n"
                f"Tiltak: {f['treatment'][0]} og {f['treatment'][1]}. Ny vurdering om {f['follow']}.")
    greet = f"Hei {person['first']}!" if person else "Hei!"
    side = f" Plagene gjelder {SIDES[f['side']]}." if f["side"] else ""
    return (f"{greet}\nTakk for timen i dag. Vi behandlet {f['complaint']} med "
            f"{f['treatment'][0]} og {f['treatment'][1]}.{side}\nHusk {f['advice']}. Du får ny time om {f['follow']}. "
            f"Ta kontakt ved forverring.\nVennlig hilsen klinikken")


# ---- contacts without an examination (the notes that must not invent findings) ----------------------

# the complaint as it is named in an administrative note: (region, "the complaint" in definite form)
ADMIN_COMPLAINTS = [("neck", "nakkesmertene"), ("neck", "nakkeplagene"), ("low_back", "korsryggsmertene"),
                    ("low_back", "ryggplagene"), ("shoulder", "skulderplagene"), ("shoulder", "skuldersmertene"),
                    ("hip", "hoftesmertene"), ("knee", "knesmertene"), ("knee", "kneplagene"),
                    ("headache", "hodepinen"), ("thoracic", "smertene i brystryggen"), ("elbow", "albuesmertene"),
                    ("ankle", "ankelplagene"), ("pelvis", "bekkensmertene"), ("dizziness", "svimmelheten")]
ADMIN_CHANNELS = ["ringte", "sendte SMS", "skrev på e-post", "sendte melding via nettsiden", "tok kontakt på telefon"]
ADMIN_STATUS = ["litt bedre", "omtrent som før", "uendret", "bedre etter øvelsene", "litt verre", "mye bedre"]
NO_EXAM = ["Ingen undersøkelse ble gjort i dag.", "Pasienten ble ikke undersøkt.", "Ingen ny undersøkelse er gjort.",
           "Ingen konsultasjon i dag.", "Ingen kliniske opplysninger.", "Ikke undersøkt i dag.", ""]
O_ABSTAIN = ["Ikke undersøkt.", "Ikke undersøkt i dag.", "Ingen undersøkelse gjort.", "Ingen objektive funn oppgitt."]
ADMIN_REASONS = ["behandleren er syk", "behandleren er på kurs", "klinikken har stengt den dagen",
                 "behandleren har fått et akutt avbud"]
DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"]


def _admin_soap(rng: random.Random, who: str, complaint: str) -> tuple[str, str]:
    """(situation, plan) of a contact with no examination, for a SOAP note."""
    ch = rng.choice(ADMIN_CHANNELS)
    kind = rng.randrange(7)
    if kind == 0:
        return f"Pasienten {ch} og ba om ny time for oppfølging av {complaint}.", "Ny time avtales."
    if kind == 1:
        return (f"Pasienten {ch} og fortalte at {complaint} er {rng.choice(ADMIN_STATUS)}.",
                rng.choice(["Fortsetter som planlagt.", "Ny vurdering ved neste time."]))
    if kind == 2:
        return (f"Pasienten avbestilte timen for {complaint} via {rng.choice(['nettbestillingen', 'telefon', 'SMS'])}.",
                "Ny time ved behov.")
    if kind == 3:
        return f"Pasienten møtte ikke til avtalt time for {complaint}.", "Pasienten kontaktes for ny time."
    if kind == 4:
        return (f"Pasienten {ch} og spurte om {who} kan trene som vanlig.",
                "Svarte at vurdering krever konsultasjon. Ny time tilbys.")
    if kind == 5:
        return (f"Pasienten {ch} og ba om kopi av journalen sin.", "Kopi av journalen sendes pasienten.")
    return (f"Pasienten {ch} og ønsker å sette behandlingen av {complaint} på pause.",
            "Behandlingen settes på pause. Pasienten tar kontakt ved behov.")


def _admin_record(rng: random.Random) -> tuple[str, str, str, str, str | None]:
    """A contact without an examination: ``(doc_type, prompt, context, response, region)``; the
    context is the prompt without its task wording (what the pre-training text shows).

    The answer restates the contact and says that no examination was made; it has no findings,
    tests, codes or numbers, because the input has none (what the abstention probes check)."""
    who = rng.choice(["hun", "han"])
    region, complaint = rng.choice(ADMIN_COMPLAINTS)
    doc_type = rng.choices(("soap", "message", "letter"), weights=(6, 3, 2))[0]
    if doc_type == "soap":
        situation, plan = _admin_soap(rng, who, complaint)
        no_exam = rng.choice(NO_EXAM)
        task = rng.choice(["Skriv et kort journalnotat.", "Skriv et journalnotat.", "Skriv et kort notat.",
                           "Skriv et administrativt notat."])
        facts = f"{situation} {no_exam}".strip()
        response = (f"S: {situation}\nO: {rng.choice(O_ABSTAIN)}\nA: Ingen ny klinisk vurdering.\nP: {plan}")
        prompt = rng.choice([f"{task}\n{facts}", f"{task} {facts}", f"{facts} {task}"])
        return doc_type, prompt, facts, response, region
    if doc_type == "message":
        kind = rng.randrange(4)
        day = rng.choice(DAYS)
        if kind == 0:
            reason = rng.choice(ADMIN_REASONS)
            what = f"timen på {day} må flyttes fordi {reason}"
            body = f"Timen din på {day} må dessverre flyttes fordi {reason}. Vi kontakter deg med nytt tidspunkt."
        elif kind == 1:
            what = f"{who} har time hos kiropraktor på {day}"
            body = f"Dette er en påminnelse om timen din hos kiropraktor på {day}. Gi beskjed hvis du ikke kan komme."
        elif kind == 2:
            what = "kvitteringen for siste behandling er sendt på e-post"
            body = "Kvitteringen for siste behandling er sendt til deg på e-post."
        else:
            what = "øvelsesprogrammet er sendt på e-post"
            body = "Øvelsesprogrammet er sendt til deg på e-post. Ta kontakt hvis du har spørsmål."
        task = rng.choice(["Skriv en kort melding til pasienten om at", "Skriv en vennlig melding om at",
                           "Skriv en melding til pasienten om at"])
        return doc_type, f"{task} {what}.", _cap(what) + ".", f"Hei!\n{body}\nVennlig hilsen klinikken", None
    kind = rng.randrange(3)
    if kind == 0:
        what = "vi har mottatt henvisningen og vil kalle inn pasienten til første konsultasjon"
        to, body = "Til fastlegen", "Vi har mottatt henvisningen og vil kalle inn pasienten til første konsultasjon."
    elif kind == 1:
        what = "pasienten har fått tilsendt øvelsesprogrammet"
        to, body = "Til pasienten", "Vi bekrefter at du har fått tilsendt øvelsesprogrammet."
    else:
        what = f"pasienten må komme til konsultasjon før {who} kan vurderes videre"
        to, body = "Til pasienten", "Du må komme til konsultasjon før vi kan gjøre en ny vurdering."
    task = rng.choice(["Skriv et kort brev om at", "Skriv et kort svar om at"])
    no_exam = rng.choice(NO_EXAM)
    return (doc_type, f"{task} {what}. {no_exam}".strip(), f"{_cap(what)}. {no_exam}".strip(),
            f"{to}\n{body}\nMed vennlig hilsen\nkiropraktor", None)


def _secret(rng: random.Random) -> str:
    parts = []
    for _ in range(3):
        parts.append("".join(rng.choice(SECRET_ALPHABET) for _ in range(2)) + str(rng.randint(2, 9)))
    return "-".join(parts)


# System prompts a clinic may run its assistant under that name no document type: a record written
# under one of these carries it (``"system"``), so the model learns to read the document type from
# the request and not only from a per-type system prompt. The gate's abstention probes use a generic
# prompt of their own that is not in this list.
GENERIC_SYSTEMS = [
    "Du er en klinisk dokumentasjonsassistent for kiropraktorer. Skriv på norsk bokmål, og ta bare med "
    "opplysninger som står i teksten.",
    "Du hjelper kiropraktorer med journalnotater, brev og meldinger. Svar på norsk bokmål, og bruk bare "
    "opplysningene du får.",
    "Du er assistent ved en kiropraktorklinikk. Skriv det du blir bedt om på norsk bokmål, uten å legge til "
    "opplysninger.",
    "Du skriver klinisk dokumentasjon for en kiropraktor. Bruk norsk bokmål og bare fakta fra inndata.",
]


def generate_records(n: int, seed: int, *, pii_rate: float = 0.1, canary_rate: float = 0.01,
                     canary_repeats: int = 3, admin_rate: float = 0.12,
                     generic_system_rate: float = 0.3) -> list[dict]:
    """``n`` synthetic records, deterministic in ``seed``.

    ``pii_rate`` of the prompts carry a fake person (name, fødselsnummer/D-nummer, phone, and per
    doc type address, account number or e-mail); letters and messages sometimes repeat the name or
    number in the response. About ``canary_rate * n`` records carry a canary: a secret that is not
    PII-shaped, appended to the response after its prefix, each canary repeated ``canary_repeats``
    times (Secret Sharer). Canary records have a ``"canary": {"id", "prefix", "secret"}`` field.
    ``admin_rate`` of the records are contacts without an examination (``"context"`` field, severity
    ``admin``): the note says nothing was examined and asserts no finding. ``generic_system_rate`` of
    the records carry a ``"system"`` prompt from :data:`GENERIC_SYSTEMS` (drawn from a generator of
    their own, so the records' content does not depend on it)."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    for name, rate in (("pii_rate", pii_rate), ("canary_rate", canary_rate), ("admin_rate", admin_rate),
                       ("generic_system_rate", generic_system_rate)):
        if not 0.0 <= rate <= 1.0:
            raise ValueError(f"{name} must be between 0 and 1, got {rate}")
    rng = random.Random(seed)
    regions = list(REGIONS)
    records = []
    for i in range(n):
        if rng.random() < admin_rate:
            doc_type, prompt, context, response, region = _admin_record(rng)
            records.append({"id": f"syn-{i + 1:05d}", "prompt": prompt, "response": response, "doc_type": doc_type,
                            "region": region, "severity": "admin", "template": False, "context": context})
            continue
        doc_type = rng.choices(DOC_TYPES, weights=(5, 2, 1, 2))[0]
        region, severity = rng.choice(regions), rng.choice(SEVERITIES)
        f = _facts(rng, region, severity)
        person = _person(rng) if rng.random() < pii_rate else None
        rec = {"id": f"syn-{i + 1:05d}", "prompt": _prompt(doc_type, f, person),
               "response": _response(doc_type, f, person, rng), "doc_type": doc_type, "region": region,
               "severity": severity, "template": False}
        if person:
            rec["pii"] = True
        records.append(rec)
    n_canaries = round(canary_rate * n / max(1, canary_repeats)) if canary_rate > 0 else 0
    if canary_rate > 0 and n >= canary_repeats:
        n_canaries = max(1, n_canaries)
    crng = random.Random(f"canary:{seed}")
    slots = crng.sample(range(n), k=min(n, n_canaries * canary_repeats))
    for c in range(n_canaries):
        canary = {"id": f"canary-{seed}-{c + 1}", "prefix": f"Intern referansekode for serie {c + 1}:",
                  "secret": _secret(crng)}
        for slot in slots[c * canary_repeats:(c + 1) * canary_repeats]:
            rec = records[slot]
            rec["response"] += f"\n{canary['prefix']} {canary['secret']}."
            rec["canary"] = dict(canary)
    srng = random.Random(f"system:{seed}")
    for rec in records:
        if srng.random() < generic_system_rate:
            rec["system"] = srng.choice(GENERIC_SYSTEMS)
    return records


def canaries(records: list[dict]) -> list[dict]:
    """The distinct canaries planted in ``records``: ``[{"id", "prefix", "secret"}]`` sorted by id."""
    seen = {r["canary"]["id"]: r["canary"] for r in records if isinstance(r.get("canary"), dict)}
    return [dict(seen[k]) for k in sorted(seen)]


def plain_texts(records: list[dict]) -> list[tuple[str, str]]:
    """Plain clinical text for pre-training a base model, without any chat format: per record
    ``(context, note)``, the facts (the prompt without its task wording, then a blank line) and the
    note written from them. The base reads the facts and is scored on the note.

    Seeing facts and note together teaches the base to copy from its context; it never sees the
    chat markup or the task instructions, so it does not follow the instruction format by itself."""
    return [((r.get("context") or "\n".join(r["prompt"].splitlines()[1:])) + "\n\n", r["response"])
            for r in records]


def pretraining_texts(n: int, seed: int) -> list[tuple[str, str]]:
    """The tiny base's pre-training corpus: ``plain_texts`` of ``n`` records (no PII, no canaries)."""
    return plain_texts(generate_records(n, seed, pii_rate=0.0, canary_rate=0.0))


def write_jsonl(records: list[dict], path: str | Path) -> Path:
    """Write ``records`` as JSONL (UTF-8, one compact line each) through a temp file and rename."""
    import os

    p = Path(path)
    tmp = p.with_name(f".{p.name}.tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    os.replace(tmp, p)
    return p
