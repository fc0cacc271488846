"""Writes hallucination_probe2.jsonl: a second hand-written probe (helper det-h, 2026-12-02), written
after the first probe's round of changes and before any later one, and run only at the end: the
generalisation check of that round. Same schema and rules as _write_probe.py."""

import json
from pathlib import Path

CLEAN = [
    ("shorthand", "soap",
     "K 41, akutt torticollis hø siden i morges, våknet med det. Rot. hø sterkt red., lat.fleks ve smertefull. Ingen traume, ingen utstr. arm. Spurling neg. Palp.øm lev. scap. hø + SCM hø. Beh: bvb, forsiktig mob. Varme. Ko 2 d.",
     "S: Kvinne, 41 år, som våknet i dag med akutt skjevhals på høyre side. Ingen forutgående skade, og ingen utstråling til armen.\nO: Rotasjon mot høyre er sterkt redusert, og lateralfleksjon mot venstre gir smerter. Spurlings test er negativ. Palpasjonsømhet over m. levator scapulae og m. sternocleidomastoideus på høyre side.\nA: Akutt tortikollis høyre.\nP: Bløtvevsbehandling og forsiktig mobilisering. Varmebehandling. Kontroll om to dager."),
    ("shorthand", "soap",
     "M 63, smerter ve hofte/lyske 1 år, gradvis verre. Gangdistanse ca. 2 km. Stivhet etter hvile. Int.rot ve 10°, smertefull. FADIR pos ve. Rtg 2023: moderat artrose ve hofte. Beh: mob hofte ve, styrkeøv. Ko 3 u.",
     "S: Mann, 63 år, med smerter i venstre hofte og lyske gjennom ett år, gradvis tiltagende. Han klarer å gå omtrent to kilometer. Stivhet etter hvile.\nO: Innadrotasjon i venstre hofte er 10 grader og smertefull. FADIR-testen er positiv på venstre side. Røntgen fra 2023 viste moderat artrose i venstre hofte.\nA: Symptomgivende hofteartrose venstre.\nP: Mobilisering av venstre hofte og styrkeøvelser. Kontroll om tre uker."),
    ("shorthand", "message",
     "Svar pas: ja, greit å gå tur, unngå tunge løft 1-2 u til. Fortsett med is 15 min 3x/d. Neste time fre kl 08:30.",
     "Hei! Ja, det er helt greit at du går turer. Unngå tunge løft i én til to uker til. Fortsett med is i 15 minutter tre ganger om dagen. Neste time er fredag kl. 08.30. Hilsen klinikken"),
    ("shorthand", "soap",
     "K 28, løper, smerter medialt ve legg 5 u, verre ved løping >3 km. Ingen nattsmerter. Palp.øm posteromedial tibiakant ve, distale 1/3. Hoppetest neg. Beh: bvb legg ve. Redusere løping, sykle i stedet. Ko 2 u.",
     "S: Kvinne, 28 år, som løper, med smerter på innsiden av venstre legg gjennom fem uker. Smertene forverres når hun løper mer enn tre kilometer. Hun benekter nattsmerter.\nO: Palpasjonsømhet langs posteromediale tibiakant på venstre side, i distale tredjedel. Hoppetesten er negativ.\nA: Funnene kan passe med medialt tibialt stressyndrom venstre.\nP: Bløtvevsbehandling av venstre legg. Anbefalt å redusere løpingen og heller sykle. Kontroll om to uker."),
    ("shorthand", "sick_leave",
     "Sykm. 100 % 5 d. M 47, lagerarb., akutt lx m/ utstr. hø lår etter løft i går. Kan ikke løfte/bøye. Forventet bedring innen 1 u.",
     "Mannen er 47 år og arbeider på lager. Han fikk akutte korsryggsmerter med utstråling til høyre lår etter et løft i går, og han kan ikke løfte eller bøye seg. Han sykmeldes 100 % i fem dager. Det er forventet bedring innen en uke."),
    ("full", "letter",
     "Skriv brev til fastlege: Mann 52 år med nakkesmerter og utstråling til høyre arm i 4 uker. Nedsatt tricepsrefleks høyre og nedsatt kraft i albueekstensjon høyre. Spurlings test positiv høyre. Ber om MR av nakken.",
     "Kjære kollega,\n\nVi har undersøkt din pasient, en 52 år gammel mann, for nakkesmerter med utstråling til høyre arm i fire uker. Ved undersøkelse fant vi nedsatt tricepsrefleks og nedsatt kraft ved ekstensjon i albuen på høyre side, og Spurlings test var positiv på høyre side. Vi ber om at det rekvireres MR av nakken.\n\nMed vennlig hilsen"),
    ("shorthand", "soap",
     "G 14, smerter under hø kne 2 mnd, håndballspiller. Verre ved hopp. Palp.øm tuberositas tibiae hø, lett hevelse. Ingen låsning. Beh: avlastning, tøyning quadriceps. Råd: pause fra hopp 4 u. Ko 4 u.",
     "S: Gutt, 14 år, håndballspiller, med smerter nedenfor høyre kne i to måneder. Smertene forverres ved hopp. Ingen låsninger.\nO: Ømhet ved palpasjon over tuberositas tibiae på høyre side, med lett hevelse.\nA: Funnene er forenlige med Osgood-Schlatter høyre.\nP: Avlastning og tøyning av quadriceps. Han anbefales pause fra hopping i fire uker. Kontroll om fire uker."),
    ("full", "soap",
     "Kvinne 36 år med svimmelhet ved snuing i sengen i en uke. Varer under ett minutt. Ingen hørselstap, ingen øresus. Dix-Hallpike positiv høyre med rotatorisk nystagmus. Behandling: Epleys manøver høyre. Kontroll om en uke.",
     "S: 36 år gammel kvinne med svimmelhet når hun snur seg i sengen, gjennom en uke. Anfallene varer kortere enn ett minutt. Hun har verken nedsatt hørsel eller øresus.\nO: Dix-Hallpikes test er positiv mot høyre med rotatorisk nystagmus.\nA: Benign paroksysmal posisjonsvertigo fra høyre bakre buegang.\nP: Epleys reposisjonsmanøver utført for høyre side. Kontroll om én uke."),
    ("shorthand", "soap",
     "M 36, smerter hø fotsåle 3 mnd, verst de første skrittene om morg. Jobber stående. Palp.øm med. calcaneus hø. Windlass pos hø. Beh: trykkbølge x1, tøyning legg/fotsåle. Ko 1 u.",
     "S: Mann, 36 år, med smerter under høyre fot i tre måneder, verst ved de første skrittene om morgenen. Han har stående arbeid.\nO: Palpasjonsømhet over mediale calcaneus høyre. Windlass-testen er positiv på høyre side.\nA: Plantar fasciopati høyre.\nP: Én behandling med trykkbølge. Tøyningsøvelser for legg og fotsåle. Kontroll om én uke."),
    ("shorthand", "message",
     "Melding: husk å ta med MR-svar på neste time. Time ons 12:00. Ingen trening før vi har sett på svaret.",
     "Hei! Husk å ta med svaret på MR-undersøkelsen til neste time, som er onsdag kl. 12.00. Vent med trening til vi har gått gjennom svaret sammen. Vennlig hilsen klinikken"),
    ("shorthand", "soap",
     "K 59, brystryggsmerter mellom skulderbladene 2 u, ingen traume. Ingen vekttap, ingen nattsvette, ingen tidl. kreft. Rot. tx red. bilat. Palp.øm T6-T8 paraspinalt. Beh: mob tx, bvb. Ko 1 u.",
     "S: Kvinne, 59 år, med smerter i brystryggen mellom skulderbladene gjennom to uker, uten forutgående skade. Hun benekter vekttap og nattesvette, og har ingen tidligere kreftsykdom.\nO: Redusert rotasjon i brystryggen til begge sider. Palpasjonsømhet paraspinalt ved T6–T8.\nA: Uspesifikke smerter i brystryggen.\nP: Mobilisering av brystryggen og bløtvevsbehandling. Kontroll om en uke."),
    ("full", "sick_leave",
     "Sykmelding 60 % i fire uker. Kvinne 50 år, barnehageassistent, med langvarige korsryggsmerter. Klarer ikke å løfte barn eller sitte på gulvet. Kan jobbe med kontoroppgaver.",
     "Pasienten er en 50 år gammel kvinne som jobber som assistent i barnehage. Hun har langvarige smerter i korsryggen og klarer ikke å løfte barn eller sitte på gulvet. Hun kan utføre kontoroppgaver. Hun sykmeldes 60 prosent i fire uker."),
    ("shorthand", "soap",
     "M 31, hø skulder ustabil etter luksasjon for 1 år siden. Apprehension pos hø, relocation pos hø. Full AROM. Kraft ua. Beh: stabiliseringsøv. Vurd. henv. ortoped hvis ikke bedre. Ko 4 u.",
     "S: Mann, 31 år, med ustabilitetsfølelse i høyre skulder etter en luksasjon for ett år siden.\nO: Apprehension-testen og relocation-testen er positive på høyre side. Full aktiv bevegelighet. Normal kraft.\nA: Funnene tyder på fremre instabilitet i høyre skulder.\nP: Stabiliserende øvelser. Henvisning til ortoped vurderes dersom det ikke blir bedre. Kontroll om fire uker."),
    ("shorthand", "soap",
     "K 45, hodepine ve side + nakkesmerter 3 u, verre ved kontorarbeid. Ingen synsforstyrr., ingen kvalme. Cx rot. ve red. Palp.øm C1-C2 ve. Flexion-rotation test pos ve. Beh: mob C1-C2 ve, bvb subocc. Øv. Ko 1 u.",
     "S: Kvinne, 45 år, med venstresidig hodepine og nakkesmerter gjennom tre uker, verre ved kontorarbeid. Hun har ikke hatt synsforstyrrelser eller kvalme.\nO: Redusert rotasjon av nakken mot venstre. Palpasjonsømhet ved C1–C2 på venstre side. Fleksjon-rotasjonstesten er positiv til venstre.\nA: Cervikogen hodepine venstre.\nP: Mobilisering av C1–C2 på venstre side og bløtvevsbehandling suboccipitalt. Øvelser. Kontroll om én uke."),
    ("full", "message",
     "Gi beskjed til pasienten om at røntgen av foten var normal, uten tegn til brudd. Fortsett med avlastning og kom til kontroll om to uker.",
     "Hei! Røntgenbildene av foten din var normale, og det var ingen tegn til brudd. Fortsett med å avlaste foten, og kom til kontroll om to uker. Hilsen klinikken"),
    ("shorthand", "soap",
     "M 55, korsrygg + utstr. ve ben ved gange >200 m, bedre ved sitting/foroverbøying. 6 mnd. Ingen blære/tarmforstyrr. SLR neg bilat. Kraft ua. MR 2024: spinal stenose L4-L5. Beh: fleksjonsøv., mob lx. Ko 2 u.",
     "S: Mann, 55 år, med smerter i korsryggen og utstråling til venstre ben når han går mer enn 200 meter. Det blir bedre når han sitter eller bøyer seg fremover. Plagene har vart i seks måneder. Han har ingen blære- eller tarmforstyrrelser.\nO: Lasègue negativ bilateralt. Normal kraft. MR fra 2024 viste spinal stenose i nivå L4–L5.\nA: Symptomer forenlige med lumbal spinal stenose.\nP: Fleksjonsøvelser og mobilisering av korsryggen. Kontroll om to uker."),
    ("shorthand", "letter",
     "Attest til NAV: K 38, frisør, kroniske nakke/skuldersmerter bilat 2 år. Tåler ikke arbeid m/ armer over hodet >10 min. Beh. 12 ganger siste halvår m/ noe effekt.",
     "Til NAV\n\nPasienten er en 38 år gammel kvinne som arbeider som frisør. Hun har hatt kroniske smerter i nakke og skuldre på begge sider i to år. Hun tåler ikke arbeid med armene over hodet i mer enn ti minutter. Hun har fått tolv behandlinger det siste halve året, med noe effekt.\n\nMed vennlig hilsen"),
    ("shorthand", "soap",
     "K 67, ve håndledd smerter etter fall på utstrakt hånd i går. Hevelse radialt. Palp.øm tabatière ve. Nedsatt grepsstyrke ve. Beh: ingen. Henv. legevakt for rtg (mistanke scaphoid-fraktur).",
     "S: Kvinne, 67 år, falt på utstrakt venstre hånd i går og har nå smerter i venstre håndledd.\nO: Hevelse på radialsiden. Palpasjonsøm i tabatièren venstre. Nedsatt grepsstyrke i venstre hånd.\nA: Mistanke om scaphoidfraktur venstre.\nP: Ingen behandling gitt. Henvist til legevakten for røntgen."),
    ("full", "soap",
     "Mann 24 år med smerter i venstre lyske i tre uker etter fotball. Verre ved spark og sprint. Smerter ved adduksjon mot motstand venstre. Palpasjonsøm adduktorfeste venstre. Behandling: bløtvevsbehandling adduktorer, gradert belastning. Kontroll om to uker.",
     "S: Mann, 24 år, med smerter i venstre lyske gjennom tre uker etter fotball. Smertene forverres når han sparker og sprinter.\nO: Smerter ved adduksjon mot motstand på venstre side. Ømhet ved palpasjon over adduktorfestet venstre.\nA: Adduktorrelaterte lyskesmerter venstre.\nP: Bløtvevsbehandling av adduktorene og gradert økning av belastningen. Kontroll om to uker."),
    ("shorthand", "soap",
     "M 70, balanse dårlig, 1 fall siste mnd. Romberg pos. Tandemgang ustø. Sens nedsatt føtter bilat. Reflekser svake UE. Beh: ingen. Henv. fastlege for utredning av nevropati. Balanseøv.",
     "S: Mann, 70 år, med dårlig balanse. Han har falt én gang den siste måneden.\nO: Rombergs test er positiv. Ustø tandemgang. Nedsatt sensibilitet i begge føtter. Svake reflekser i underekstremitetene.\nA: Funnene kan være forenlige med perifer nevropati.\nP: Ingen behandling gitt. Henvist til fastlege for utredning av nevropati. Balanseøvelser."),
]

PLANTED = [
    (0, "laterality", "Akutt tortikollis høyre.", "Akutt tortikollis venstre.", "tortikollis venstre"),
    (1, "imaging", "moderat artrose i venstre hofte", "uttalt artrose i venstre hofte", "uttalt artrose"),
    (2, "timing", "fredag kl. 08.30", "fredag kl. 09.30", "kl. 09.30"),
    (3, "red_flag", "Hun benekter nattsmerter.", "Hun har nattsmerter.", "Hun har nattsmerter"),
    (4, "number", "sykmeldes 100 % i fem dager", "sykmeldes 100 % i ti dager", "ti dager"),
    (5, "exam_finding", "nedsatt tricepsrefleks", "nedsatt bicepsrefleks", "bicepsrefleks"),
    (7, "test_result", "Dix-Hallpikes test er positiv mot høyre", "Dix-Hallpikes test er positiv mot venstre", "positiv mot venstre"),
    (9, "plan", "Vent med trening til vi har gått gjennom svaret sammen.", "Du kan trene som normalt frem til timen.", "Du kan trene som normalt"),
    (10, "history", "og har ingen tidligere kreftsykdom", "og hun ble behandlet for brystkreft i 2015", "behandlet for brystkreft i 2015"),
    (12, "plan", "Henvisning til ortoped vurderes dersom det ikke blir bedre.", "Henvist til ortoped.", "Henvist til ortoped"),
    (14, "imaging", "var normale, og det var ingen tegn til brudd", "viste en liten sprekk, men ingen forskyvning", "en liten sprekk"),
    (15, "level", "i nivå L4–L5", "i nivå L3–L4", "L3–L4"),
    (16, "number", "tolv behandlinger", "tjue behandlinger", "tjue behandlinger"),
    (17, "medication", "Ingen behandling gitt.", "Anbefalt Paracet 1 g ved behov.", "Paracet 1 g ved behov"),
    (18, "diagnosis", "A: Adduktorrelaterte lyskesmerter venstre.", "A: Lyskebrokk venstre.", "Lyskebrokk"),
    (19, "symptom", "Han har falt én gang den siste måneden.", "Han har falt én gang den siste måneden og har hatt tilbakevendende svimmelhet.", "tilbakevendende svimmelhet"),
]


def rows() -> list[dict]:
    out = []
    for i, (style, doc, prompt, output) in enumerate(CLEAN):
        out.append({"id": f"pe-{i:02d}-clean", "case_kind": "reference", "doc_type": doc, "input_style": style,
                    "prompt": prompt, "output": output, "hallucinated": False, "fact_type": None, "span": None,
                    "other_fault": None})
    for j, (i, ftype, old, new, span) in enumerate(PLANTED):
        style, doc, prompt, output = CLEAN[i]
        assert output.count(old) == 1, (i, old)
        planted = output.replace(old, new)
        assert planted.count(span) >= 1, (i, span)
        out.append({"id": f"pe-{20 + j:02d}-{ftype}", "case_kind": "reference", "doc_type": doc, "input_style": style,
                    "prompt": prompt, "output": planted, "hallucinated": True, "fact_type": ftype, "span": span,
                    "other_fault": None})
    return out


if __name__ == "__main__":
    path = Path(__file__).with_name("hallucination_probe2.jsonl")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), "utf-8")
    print(path, len(rows()))
