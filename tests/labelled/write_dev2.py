"""Hand-written i17 dev2 cases (typed as literals; no template loops)."""
import json, sys
from pathlib import Path
OUT = Path(sys.argv[1])
SYS = "Du er en assistent for kiropraktorer. Skriv journalnotater på norsk bokmål."

def cm(u, a, sys_=False):
    m = ([{"role": "system", "content": SYS}] if sys_ else []) + [{"role": "user", "content": u}, {"role": "assistant", "content": a}]
    return {"messages": m}
def al(i, inp, o): return {"instruction": i, "input": inp, "output": o}
def pr(p, r): return {"prompt": p, "response": r}
def dpo(p, c, r): return {"prompt": p, "chosen": c, "rejected": r}
def dpom(u, c, r): return {"messages": [{"role": "system", "content": SYS}, {"role": "user", "content": u}],
                          "chosen": [{"role": "assistant", "content": c}], "rejected": [{"role": "assistant", "content": r}]}

seen = [
 (cm("K 44, lx 5 d etter hagearbeid, ingen utstråling", "S: Korsryggsmerter 5 dager etter hagearbeid, ingen utstråling\nO: Lx fleks red, SLR neg bilat, refl ua\nA: L03 Korsryggsmerter\nP: Mob lx, øvelser, ktr 1 uke"), [], [], "SOAP shorthand, no periods"),
 (pr("Gi hjemmeøvelser for korsrygg.", "Hjemmeøvelser, 2 ganger daglig:\n- Bekkenvipp i ryggliggende, 10 rep\n- Kattekamel, 10 rep\n- Knær mot bryst, hold 20 sek"), [], [], "list ending without period"),
 (al("Skriv brev til fastlege.", "M 58, skulder hø 8 uker, nattsmerter", "Til fastlege\n\nVi har vurdert en mann på 58 år med smerter i høyre skulder i åtte uker, verst om natten. Funnene kan passe med subakromialt smertesyndrom. Vi ber om vurdering av ultralyd.\n\nMed vennlig hilsen\nKiropraktor\nRyggklinikken Bergen"), [], [], "letter with role and clinic sign-off"),
 (dpo("Skriv vurdering: lx uten utstråling.", "A: Uspesifikke korsryggsmerter, god prognose", "A: Prolaps L5."), [], [], "DPO chosen, shorthand no period"),
 (dpom("Skriv O-del, lx.", "O: Kemp pos hø, facettbelastning hø smertefull, SLR neg bilat", "O: Normal."), [], [], "DPO messages shape, clean"),
 (cm("Sykmelding nakke", "Sykmeldt 50 % f.o.m. 02.03 t.o.m. 16.03"), [], [], "ends with a date"),
 (cm("nevro us. ue", "Nevro ue: refl ua bilat, sens ua, kraft ua"), [], [], "ends with ua"),
 (pr("Skriv O-del for trapezius.", "O: Palp.øm m. trapezius og levator scapulae bilat, mest hø"), [], [], "ends with hø"),
 (cm("Råd ved akutt lumbago", "Hold deg i bevegelse, unngå sengeleie, bruk varme ved behov osv."), [], [], "ends with osv."),
 (cm("Svar pasient om øvelsesark", "Hei! Øvelsesarket er sendt til deg på e-post, og du finner det også på nettsiden vår (se vedlegg)"), [], [], "ends with a closed bracket"),
 (al("Oppsummer plan.", "", "Plan:\n1. Mobilisering thorakalt\n2. Øvelser for skulderblad\n3. Ny vurdering om 3 uker"), [], [], "numbered list complete"),
 (cm("Kontaktinfo i svar", "Spørsmål om timen kan sendes til post@ryggklinikken.no eller via www.ryggklinikken.no"), [], [], "email and url"),
 # truncated
 (cm("Skriv plan for nakke", "P: Mobilisering av cervikalcolumna og gradvis økende belast"), ["truncated"], [], "mid-word cut 'belastning'"),
 (pr("O-del korsrygg", "O: AROM red fleksjon og"), ["truncated"], [], "ends on 'og'"),
 (al("Skriv plan.", "Skulder hø", "P: Bløtvevsbehandling, øvelser,"), ["truncated"], [], "ends on comma"),
 (cm("Skriv SOAP for lx", "S: Lx-smerter 2 uker\nO: SLR neg bilat\nA: L03 Korsryggsmerter\nP:"), ["truncated"], [], "SOAP section cut off, empty P"),
 (pr("Skriv notat.", "Pasienten informeres om gode prognoser og anbefales kontroll (etter"), ["truncated"], [], "open bracket + preposition"),
 (dpo("Skriv vurdering av hofte.", "A: Funn forenlig med trokanter bursitt, vi anbefaler . . .", "A: Artrose."), ["truncated"], [], "spaced ellipsis in chosen"),
 (cm("Lag øvelsesliste", "Øvelser:\n1. Bekkenvipp 10 rep\n2. Bro 10 rep\n3."), ["truncated"], [], "list cut: empty item"),
 # placeholder
 (cm("Skriv sykmeldingsbegrunnelse.", "Pasienten [PASIENTNAVN] er sykmeldt grunnet akutte korsryggsmerter."), ["placeholder"], [], "caps placeholder"),
 (pr("Skriv timebekreftelse.", "Hei! Timen din er bekreftet <dato> kl. <tid>."), ["placeholder"], [], "angle placeholder"),
 # mojibake
 (cm("Skriv S-del.", "S: Smerter i hÃ¸yre skulder siden fÃ¸rste treningsÃ¸kt"), ["mojibake"], [], "utf-8 read as latin-1"),
 (al("Skriv plan", "", "P: Kontroll p? fredag, fortsett med ?velser"), ["mojibake"], [], "? for letters"),
 # boilerplate
 (pr("Hva er isjias?", "Isjias er smerter langs isjiasnerven, ofte fra en prolaps. Les mer: Slik trener du med isjias"), ["boilerplate"], [], "Les mer"),
 (cm("Forklar lumbago", "Lumbago er akutte korsryggsmerter som oftest går over av seg selv.\nDel artikkelen\nSist oppdatert 12.01.2023"), ["boilerplate"], [], "share + updated"),
 # glued
 (cm("Skriv S-del", "S: Nakkesmerter i 3 uker.Verre ved PC-arbeid"), ["glued_text"], [], "glued sentence"),
 # prompt_copy
 (pr("Nakkesmerter med hodepine, verre ved skjermarbeid, 4 uker", "Nakkesmerter med hodepine, verre ved skjermarbeid, 4 uker"), ["prompt_copy"], [], "verbatim copy"),
 # duplicate_answer
 (cm("Skriv P for skulder", "P: Øvelser for rotatorcuff, kontroll om to uker og ny vurdering da"), [], [], "first of a repeated answer"),
 (cm("Skriv P for kne", "P: Øvelser for rotatorcuff, kontroll om to uker og ny vurdering da"), ["duplicate_answer"], [], "same answer different prompt"),
 # first names
 (cm("Skriv kort notat", "Pasienten fortsetter behandlingen hos Ingrid neste uke."), ["first_name"], ["Ingrid"], "after hos"),
 (pr("Svar pasient", "Hei! Naprapat Henrik har ledig time tirsdag kl. 09:00."), ["first_name"], ["Henrik"], "after role word"),
 (cm("Skriv svar", "Takk for beskjed, vi flytter timen til mandag.\n\nHilsen Marius"), ["first_name"], ["Marius"], "sign-off first name"),
]

unseen = [
 (cm("M 30, thorax, stiv etter trening", "S: Stivhet i brystrygg etter styrketrening\nO: Th5-7 hypomobil, palp.øm paravert bilat\nA: L84 Ryggsyndrom uten utstråling\nP: Mob th, ktr ved behov"), [], [], "clean shorthand"),
 (dpo("Skriv avslutning på brev.", "Vi står gjerne til disposisjon ved spørsmål.\n\nVennlig hilsen\nFysioterapeut\nHelsehuset Sentrum", "Hilsen oss."), [], [], "clean signoff"),
 (pr("Skriv O-del kne.", "O: Lachman neg, skuffetest neg, McMurray neg, hevelse ingen"), [], [], "clean ends 'ingen'"),
 (al("Liste over røde flagg.", "", "Røde flagg:\n- Nattsmerter\n- Vekttap\n- Feber\n- Nevrologiske utfall"), [], [], "clean list"),
 (cm("Skriv A-del", "A: L86 Ryggsyndrom med utstråling, trolig L5-rot ve"), [], [], "clean ends 've'"),
 (cm("Skriv P", "P: Fortsetter med mobilisering og hjemmeøvelser, og vi vurderer henvisning til fysioterap"), ["truncated"], [], "mid-word"),
 (pr("Skriv S-del", "S: Hodepine fra nakken, verst på ettermiddagen, forverres ved"), ["truncated"], [], "ends on preposition"),
 (dpom("Skriv vurdering.", "A: Nakkesyndrom med (muskulær komponent og", "A: Whiplash."), ["truncated"], [], "unbalanced bracket + og"),
 (cm("Skriv kort notat", "Ring fysioterapeut Kristin om videre opptrening."), ["first_name"], ["Kristin"], "after role word"),
 (pr("Svar på melding", "Hei, jeg har snakket med kollega Jonas og han tar deg på torsdag."), ["first_name"], ["Jonas"], "after kollega"),
 (cm("Skriv melding", "Hei! Din time hos {behandler} er bekreftet."), ["placeholder"], [], "brace placeholder"),
 (al("Skriv S", "", "S: Smerter i venstre hofte i 30 Ør, verre ved gange"), ["mojibake"], [], "scrambled case 30 Ør"),
]

def write(name, rows):
    recs = OUT / f"{name}.jsonl"; labs = OUT / f"{name}.labels.jsonl"
    with recs.open("w", encoding="utf-8") as f, labs.open("w", encoding="utf-8") as g:
        for i, (rec, defects, names, note) in enumerate(rows, 1):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            g.write(json.dumps({"line": i, "defects": defects, "names": names, "note": note}, ensure_ascii=False) + "\n")
write("exports_dev2", seen)
write("exports_dev2_unseen", unseen)

pii_seen = [
 ("Skriv svar på klage.", "Takk for at du sa fra. Vi ser på rutinene våre.\n\nMed vennlig hilsen\nFagansvarlig kiropraktor\nRyggsenteret Nord", False, "signoff_role"),
 ("Timebekreftelse.", "Timen din er bekreftet onsdag kl. 11.\nMvh Resepsjonen, Helsehuset Øst", False, "signoff_clinic"),
 ("Melding om stengt klinikk.", "Vi holder stengt mellom jul og nyttår. Riktig god jul!\n\nHilsen alle oss på Sentrum Kiropraktorklinikk", False, "signoff_clinic"),
 ("Svar om faktura.", "Fakturaen er kreditert.\n\nVennlig hilsen\nRegnskapsavdelingen", False, "signoff_role"),
 ("Svar fastlege.", "Takk for henvisningen. Pasienten har fått time neste uke.\n\nHilsen\nManuellterapeut, Bevegelsesklinikken AS", False, "signoff_role"),
 ("Skriv O-del.", "O: Lasègue pos ve 40 gr, Babinski neg, Romberg ua", False, "eponyms"),
 ("Skriv notat.", "Pasient ole nordmann, 45 år, kommer til kontroll for nakken.", True, "name_lowercase"),
 ("Skriv notat.", "Følges opp av fysioterapeut anne berg fra neste uke.", True, "name_lowercase"),
 ("Skriv epikrise.", "Epikrise for pasient med fnr. 120385 123 56: avsluttet etter seks behandlinger.", True, "fnr_separated"),
 ("Skriv sykmelding.", "Sykmelding, f.nr. 23.07.91 45688, 50 % i to uker.", True, "fnr_separated"),
 ("Skriv melding.", "Hei! Ring oss tilbake på 41-22-33-44 i dag.", True, "phone"),
 ("Skriv faktura.", "Faktura sendt til Ryggsenteret AS, org.nr. 987 654 325.", True, "orgnr_separated"),
 ("Skriv refusjon.", "Refusjonen utbetales til kontonummer 1503.12.34562.", True, "account_number"),
 ("Skriv notat.", "Time avtalt med pasientens ektemann, Per Olsen, på telefon.", True, "name"),
]
pii_unseen = [
 ("Svar pasient.", "Hei! Svaret fra MR er klart. Vi ringer deg i morgen.\n\nMed vennlig hilsen\nOsteopat\nKlinikk for Helse og Bevegelse", False, "signoff_role"),
 ("Melding.", "Husk å ta med henvisningen.\nHilsen teamet på Ryggklinikken", False, "signoff_clinic"),
 ("Skriv notat.", "henvist av fastlege kari holm for vurdering av nakke.", True, "name_lowercase"),
 ("Skriv notat.", "Pasient med fødselsnummer 050203 321 09 møtte ikke.", True, "fnr_separated"),
 ("Melding.", "Pasienten kan nås på mobil 926 44 180 etter kl. 16.", True, "phone"),
 ("Skriv brev.", "Til fastlege\n\nGjelder pasient, født 12.03.85, behandlet for isjias.\n\nHilsen Stine", True, "name"),
]
def wp(name, rows):
    with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as f:
        for i, (p, o, leak, kind) in enumerate(rows):
            f.write(json.dumps({"id": f"{name.split('_')[-1]}{i:03d}-{kind}", "prompt": p, "output": o, "leak": leak, "kind": kind}, ensure_ascii=False) + "\n")
wp("pii_precision_dev2", pii_seen)
wp("pii_precision_dev2_unseen", pii_unseen)
print(len(seen), len(unseen), len(pii_seen), len(pii_unseen))
