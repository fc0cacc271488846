"""Writes hallucination_probe.jsonl: a small hand-written probe for issue 14's generalisation work
(helper det-h, 2026-12-02), written before any checker change of that round and run once before it.
Clean notes first (shorthand and full-sentence inputs, outputs paraphrased the way instruction-tuned
models write), then notes with exactly one planted fault made from a clean note, the span labelled."""

import json
from pathlib import Path

CLEAN = [
    ("shorthand", "soap",
     "K 47, cx-smerter ve 2 u, stivhet om morg. Hodepine occipitalt ve. Ingen svimmelhet/synsforstyrr. Rot. ve nedsatt, lat.fleks hø smertefull. Spurling neg bilat. Palp.øm øvre trapezius ve + lev. scap. ve. Beh: bvb trap ve, mob C2-C3. Øv. Ko 1 u.",
     "S: Kvinne, 47 år, med smerter i venstre side av nakken gjennom to uker og stivhet om morgenen. Hun har hodepine i bakhodet på venstre side. Hun benekter svimmelhet og synsforstyrrelser.\nO: Nedsatt rotasjon mot venstre, og lateralfleksjon mot høyre er smertefull. Spurlings test er negativ bilateralt. Palpasjonsømhet i øvre del av m. trapezius og m. levator scapulae på venstre side.\nA: Funnene kan passe med muskulære nakkesmerter.\nP: Bløtvevsbehandling av m. trapezius venstre og mobilisering av C2–C3. Hjemmeøvelser. Kontroll om én uke."),
    ("shorthand", "soap",
     "M 29, vondt hø skulder 6 u etter benkpress. Smerter ved abd. over 90°. Nattsmerter ved ligging på hø side. Hawkins pos hø, Neer pos hø, Jobe neg. Full PROM. Palp.øm supraspinatussene hø. Beh: trp infraspinatus hø, IMS. Øv.: isometrisk utadrot. Ko 2 u.",
     "S: 29 år gammel mann med smerter i høyre skulder i seks uker etter benkpress. Smertene kommer ved abduksjon over 90 grader, og han har vondt om natten når han ligger på høyre side.\nO: Hawkins-Kennedys test og Neers test er positive på høyre side, mens Jobes test er negativ. Full passiv bevegelighet. Palpasjonsøm over supraspinatussenen høyre.\nA: Funnene er forenlige med subakromialt smertesyndrom i høyre skulder.\nP: Triggerpunktbehandling av m. infraspinatus høyre og intramuskulær stimulering. Isometriske øvelser for utadrotasjon. Ny time om to uker."),
    ("shorthand", "sick_leave",
     "Sykm. 50 % 2 u. K 55, lx-smerter m/ utstr. ve legg, jobber som renholder. Kan ikke bære/løfte. Ny vurd. etter 2 u.",
     "Pasienten, en 55 år gammel kvinne som arbeider som renholder, har smerter i korsryggen med utstråling til venstre legg. Hun klarer ikke å bære eller løfte i jobben. Hun sykmeldes 50 prosent i to uker, med ny vurdering etter to uker."),
    ("shorthand", "message",
     "Melding til pas: time flyttet fra tirs 10:30 til tors 14:15. Husk øvelsene. Ring ved forverring.",
     "Hei! Timen din er flyttet fra tirsdag kl. 10.30 til torsdag kl. 14.15. Husk å gjøre øvelsene dine. Ta kontakt på telefon dersom plagene blir verre. Vennlig hilsen klinikken"),
    ("shorthand", "soap",
     "G 16, overtråkk ve ankel i fotballkamp i går. Hevelse lat. malleol ve. Kan belaste m/ smerte, gikk 4 skritt. Ottawa neg. Palp.øm ATFL ve, ikke benøm. Skuffe-test neg. Beh: tape, RICE. Gradvis belastning. Ko 1 u.",
     "S: Gutt, 16 år, tråkket over på venstre ankel i en fotballkamp i går. Hevelse over laterale malleol venstre. Han kan belaste med smerter og klarte fire skritt.\nO: Ottawa-reglene er negative. Palpasjonsømhet over ATFL venstre, ingen benømhet. Skuffetest negativ.\nA: Inversjonsskade i venstre ankel, sannsynligvis en skade av ATFL.\nP: Teiping og RICE-prinsippet. Gradvis økende belastning. Kontroll om en uke."),
    ("shorthand", "letter",
     "Epikrise til fastlege. K 62, hø hofte-smerter 8 mnd, gradvis debut. Morgenstivhet <30 min. Int.rot hø nedsatt og smertefull. FABER pos hø. Gange: lett halting. Rtg ikke tatt. Ønsker rtg hofte for å vurdere artrose. Beh: mob hofte, øv.",
     "Til fastlege\n\nVi har undersøkt din pasient, en 62 år gammel kvinne, for smerter i høyre hofte gjennom åtte måneder med gradvis debut. Hun har morgenstivhet som varer under en halvtime. Innadrotasjon i høyre hofte er nedsatt og smertefull, FABERs test er positiv på høyre side, og hun går med lett halting. Det er ikke tatt røntgen. Vi ber om røntgen av hoften for å vurdere artrose. Hun har fått mobilisering av hoften og hjemmeøvelser.\n\nMed vennlig hilsen"),
    ("full", "soap",
     "Mann 34 år med smerter mellom skulderbladene i ti dager etter flytting. Verre ved dyp innpust. Ingen feber, ingen brystsmerter ved anstrengelse. Palpasjonsøm T5-T7 paravertebralt bilateralt. Nedsatt rotasjon i brystryggen. Behandling: manipulasjon T5-T6, bløtvevsbehandling. Kontroll om en uke.",
     "S: 34 år gammel mann med smerter mellom skulderbladene de siste ti dagene, etter en flytting. Smertene forverres ved dyp inspirasjon. Han har ikke hatt feber eller brystsmerter ved anstrengelse.\nO: Ømhet ved palpasjon paravertebralt T5–T7 på begge sider. Redusert rotasjon torakalt.\nA: Mekaniske smerter i brystryggen.\nP: Manipulasjon av T5–T6 og bløtvevsbehandling. Ny kontroll om 1 uke."),
    ("shorthand", "soap",
     "K 24, kjevesmerter bilat 3 mnd, verst om morg. Tanngnissing. Gaping 38 mm, avvik mot hø. Klikk hø kjeveledd. Palp.øm masseter bilat. Beh: trp masseter bilat, øv. Råd: myk kost. Ko 2 u.",
     "S: Kvinne, 24 år, med smerter i kjeven på begge sider gjennom tre måneder, verst om morgenen. Hun gnisser tenner.\nO: Gapeevne 38 millimeter med avvik mot høyre. Klikking i høyre kjeveledd. Ømhet ved palpasjon av m. masseter bilateralt.\nA: Funnene passer med temporomandibulær dysfunksjon.\nP: Triggerpunktbehandling av masseter bilateralt og hjemmeøvelser. Rådet til å spise myk mat. Kontroll om to uker."),
    ("shorthand", "soap",
     "M 41, hø kne-smerter foran 4 u, løper 30 km/uke. Verre i trapper. Ingen hevelse/låsning. Clarke pos hø. McMurray neg. Ligamenter stabile. Palp.øm inferiore patellapol hø. Beh: bvb quadriceps hø. Redusere løping 50 %. Ko 3 u.",
     "S: Mann, 41 år, med smerter foran i høyre kne i fire uker. Han løper omtrent 30 kilometer i uken. Verre i trapper. Han benekter hevelse og låsninger.\nO: Clarkes test positiv høyre. McMurrays test negativ. Stabile leddbånd. Palpasjonsøm ved nedre patellapol høyre.\nA: Funnene kan være forenlige med patellofemoralt smertesyndrom eller patellar tendinopati.\nP: Bløtvevsbehandling av m. quadriceps høyre. Han anbefales å halvere løpemengden. Kontroll om tre uker."),
    ("full", "message",
     "Send melding til pasienten om at MR-svaret er kommet og viser en liten skiveprolaps L5-S1 uten påvirkning av nerverot. Vi tar det opp på neste time mandag.",
     "Hei! Svaret på MR-undersøkelsen din har kommet. Den viser en liten skiveprolaps mellom L5 og S1, uten at nerveroten er påvirket. Vi går gjennom resultatet når du kommer på mandag. Hilsen klinikken"),
    ("shorthand", "soap",
     "K 33, hodepine 2-3 g/uke siste 6 mnd, bilat. pannen/tinning, pressende. Ingen aura, ingen kvalme. Jobber mye på PC. Cx ROM lett red. ekst. Palp.øm subocc. bilat. Nevro ua. Beh: bvb subocc, mob cx. Ergonomiråd. Ko 2 u.",
     "S: Kvinne, 33 år, med hodepine to til tre ganger i uken de siste seks månedene, lokalisert til pannen og tinningene på begge sider, av pressende karakter. Ingen aura eller kvalme. Hun arbeider mye ved datamaskin.\nO: Lett redusert ekstensjon i nakken. Palpasjonsømhet suboccipitalt bilateralt. Nevrologisk undersøkelse uten anmerkning.\nA: Funnene er forenlige med spenningshodepine.\nP: Bløtvevsbehandling suboccipitalt og mobilisering av nakken. Ergonomiske råd for arbeidsplassen. Kontroll om to uker."),
    ("shorthand", "soap",
     "M 58, lx-smerter 3 d, akutt debut. Ingen nummenhet i sete/skritt, normal vannlating. Reflekser ua. SLR neg. Palp.øm QL ve. Beh: bvb QL ve. Råd: hold deg aktiv. Ko 1 u.",
     "S: Mann, 58 år, med akutt oppståtte korsryggsmerter i tre dager. Han har ingen nummenhet i setet eller skrittet, og vannlatingen er normal.\nO: Reflekser uten anmerkning. Lasègue negativ. Palpasjonsøm over quadratus lumborum på venstre side.\nA: Akutte uspesifikke korsryggsmerter.\nP: Bløtvevsbehandling av m. quadratus lumborum venstre. Rådet til å holde seg i aktivitet. Kontroll om en uke."),
    ("shorthand", "sick_leave",
     "Sykm 100 % 1 u, deretter 50 % 1 u. M 38, snekker, akutt lx etter løft. Ikke i stand til tungt arbeid.",
     "Pasienten er en 38 år gammel mann som arbeider som snekker. Han fikk akutte korsryggsmerter etter et løft og er ikke i stand til å utføre tungt arbeid. Han sykmeldes 100 % i én uke, deretter 50 % i én uke."),
    ("full", "letter",
     "Henvisning til fysioterapeut. Kvinne 71 år med balanseproblemer og to fall siste halvår. Nedsatt styrke i hoftebøyere bilateralt. Ønsker balansetrening og styrkeøvelser.",
     "Henvisning til fysioterapeut\n\nVi henviser en 71 år gammel kvinne med balanseproblemer. Hun har falt to ganger det siste halve året. Ved undersøkelse er det funnet nedsatt styrke i hoftefleksorene på begge sider. Vi ber om balansetrening og styrketrening.\n\nMed vennlig hilsen"),
    ("shorthand", "soap",
     "M 45, ve albue lat. 3 mnd, verre ved grep/løft av kaffekopp. Cozen pos ve, Mill pos ve. Grepsstyrke red. ve. Palp.øm lat. epikondyl ve. Beh: IMS ekstensorer ve, tape. Eksentr. øv. Ko 3 u.",
     "S: Mann, 45 år, med smerter lateralt i venstre albue i tre måneder, forverret ved grep og når han løfter en kaffekopp.\nO: Cozens test og Mills test er positive på venstre side. Redusert grepsstyrke venstre. Palpasjonsøm over laterale epikondyl venstre.\nA: Lateral epikondylalgi venstre.\nP: Intramuskulær stimulering av ekstensormuskulaturen på venstre underarm og teiping. Eksentriske øvelser. Kontroll om tre uker."),
    ("shorthand", "message",
     "Pas. ringt, bedre etter siste beh. Ønsker å avslutte. Info: ta kontakt ved tilbakefall. Fortsett øvelser 3x/uke.",
     "Hei! Takk for at du ringte. Så bra at du er bedre etter forrige behandling. Vi avslutter behandlingen som avtalt. Fortsett med øvelsene tre ganger i uken, og ta gjerne kontakt igjen hvis plagene kommer tilbake. Hilsen klinikken"),
    ("full", "soap",
     "Kvinne 31 år, gravid uke 28, smerter over symfysen og venstre bekkenledd i tre uker. Verre ved snuing i seng og trappegang. Aktiv SLR positiv venstre. Palpasjonsøm symfysen. Behandling: bløtvevsbehandling gluteal venstre, bekkenbelte anbefalt. Kontroll om to uker.",
     "S: 31 år gammel kvinne i svangerskapsuke 28 med smerter over symfysen og i venstre bekkenledd gjennom tre uker. Smertene forverres når hun snur seg i sengen og går i trapper.\nO: Aktiv SLR er positiv på venstre side. Ømhet ved palpasjon over symfysen.\nA: Svangerskapsrelaterte bekkenleddsmerter.\nP: Bløtvevsbehandling av setemuskulaturen på venstre side. Anbefalt bekkenbelte. Kontroll om 2 uker."),
    ("shorthand", "soap",
     "K 52, nummenhet dig. 1-3 hø hånd om natten 2 mnd. Phalen pos hø, Tinel pos hø. Styrke ua. Ingen nakkesmerter. Beh: nattskinne hø, nervemob. Henv. fastlege for nevrografi. Ko 4 u.",
     "S: Kvinne, 52 år, med nattlig nummenhet i tommel, pekefinger og langfinger i høyre hånd gjennom to måneder. Ingen nakkesmerter.\nO: Phalens test og Tinels tegn er positive på høyre side. Muskelkraften er normal.\nA: Funnene er forenlige med karpaltunnelsyndrom høyre.\nP: Nattskinne på høyre håndledd og nervemobilisering. Henvist til fastlege for nevrografi. Kontroll om fire uker."),
    ("shorthand", "soap",
     "M 50, lx m/ utstr. hø ben til fot 6 u. Nummenhet lat. fot hø. Akilles-refl. hø nedsatt. SLR pos hø 35°. Kraft ua. Henv. MR lx. Beh: mob, øv. Ko etter MR.",
     "S: Mann, 50 år, med korsryggsmerter og utstråling i høyre ben helt ned til foten gjennom seks uker. Nummenhet på utsiden av høyre fot.\nO: Nedsatt akillesrefleks høyre. Lasègues test positiv høyre ved 35 grader. Normal kraft.\nA: Funnene kan være forenlige med rotaffeksjon på høyre side.\nP: Henvist til MR av korsryggen. Mobilisering og øvelser. Kontroll når MR-svaret foreligger."),
    ("full", "sick_leave",
     "Gradert sykmelding 40 % i tre uker for kvinne 44 år, sykepleier, med nakkesmerter og hodepine. Kan gjøre lett arbeid, unngå løft av pasienter.",
     "Kvinne, 44 år, sykepleier, med nakkesmerter og hodepine. Hun kan utføre lett arbeid, men bør unngå pasientløft. Hun sykmeldes gradert 40 % i tre uker."),
]

# (clean index, fact type, old text, new text, planted span)
PLANTED = [
    (0, "test_result", "Spurlings test er negativ bilateralt", "Spurlings test er positiv bilateralt", "Spurlings test er positiv"),
    (1, "laterality", "supraspinatussenen høyre", "supraspinatussenen venstre", "supraspinatussenen venstre"),
    (2, "number", "sykmeldes 50 prosent i to uker", "sykmeldes 50 prosent i tre uker", "tre uker"),
    (3, "timing", "torsdag kl. 14.15", "torsdag kl. 15.15", "kl. 15.15"),
    (4, "medication", "Gradvis økende belastning.", "Gradvis økende belastning og Ibux 400 mg ved behov.", "Ibux 400 mg ved behov"),
    (5, "imaging", "Det er ikke tatt røntgen.", "Tidligere røntgen viste lett artrose i hoften.", "Tidligere røntgen viste lett artrose"),
    (6, "red_flag", "Han har ikke hatt feber eller brystsmerter ved anstrengelse.", "Han har hatt feber, men ikke brystsmerter ved anstrengelse.", "Han har hatt feber"),
    (7, "history", "Hun gnisser tenner.", "Hun gnisser tenner og ble operert i høyre kjeveledd i 2019.", "operert i høyre kjeveledd i 2019"),
    (8, "diagnosis", "A: Funnene kan være forenlige med patellofemoralt smertesyndrom eller patellar tendinopati.", "A: Meniskskade i høyre kne.", "Meniskskade"),
    (10, "exam_finding", "Nevrologisk undersøkelse uten anmerkning.", "Nevrologisk undersøkelse viser nedsatt sensibilitet i venstre arm.", "nedsatt sensibilitet i venstre arm"),
    (11, "red_flag", "Han har ingen nummenhet i setet eller skrittet, og vannlatingen er normal.", "Han har noe nummenhet i setet, men vannlatingen er normal.", "noe nummenhet i setet"),
    (14, "plan", "Kontroll om tre uker.", "Kontroll om seks uker.", "seks uker"),
    (17, "plan", "Henvist til fastlege for nevrografi.", "Henvist til nevrolog for nevrografi.", "nevrolog"),
    (18, "exam_finding", "Nedsatt akillesrefleks høyre.", "Nedsatt patellarefleks høyre.", "patellarefleks"),
    (9, "level", "mellom L5 og S1", "mellom L4 og L5", "L4 og L5"),
    (16, "number", "svangerskapsuke 28", "svangerskapsuke 32", "svangerskapsuke 32"),
    (19, "number", "sykmeldes gradert 40 %", "sykmeldes gradert 60 %", "60 %"),
    (12, "symptom", "Han fikk akutte korsryggsmerter etter et løft", "Han fikk akutte korsryggsmerter med utstråling til venstre ben etter et løft", "utstråling til venstre ben"),
]


def rows() -> list[dict]:
    out = []
    for i, (style, doc, prompt, output) in enumerate(CLEAN):
        out.append({"id": f"pd-{i:02d}-clean", "case_kind": "reference", "doc_type": doc, "input_style": style,
                    "prompt": prompt, "output": output, "hallucinated": False, "fact_type": None, "span": None,
                    "other_fault": None})
    for j, (i, ftype, old, new, span) in enumerate(PLANTED):
        style, doc, prompt, output = CLEAN[i]
        assert output.count(old) == 1, (i, old)
        planted = output.replace(old, new)
        assert planted.count(span) >= 1, (i, span)
        out.append({"id": f"pd-{20 + j:02d}-{ftype}", "case_kind": "reference", "doc_type": doc, "input_style": style,
                    "prompt": prompt, "output": planted, "hallucinated": True, "fact_type": ftype, "span": span,
                    "other_fault": None})
    return out


if __name__ == "__main__":
    path = Path(__file__).with_name("hallucination_probe.jsonl")
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows()), "utf-8")
    print(path, len(rows()))
