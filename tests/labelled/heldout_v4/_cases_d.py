"""Hand-typed scenarios 28-36 (labeller label-h). Literals only; _write.py applies the edits.

Fault tuple: (fact_type, severity, old_text_in_clean1, new_text, span, note)
"""

SCENARIOS = [
    {
        "key": "scaphoid-henvisning-legevakt",
        "doc": "letter",
        "style": "shorthand",
        "prompt": "M 24, snowboard, fall på utstrakt hø hånd i går. Smerter radialt i hø håndledd. Lett hevelse. Palp.øm tabatière hø, øm tuberculum scaphoideum hø. Aksial kompresjon tommel smertefull hø. Grepsstyrke red. hø pga smerte. Sens./sirk. ua. Ingen rtg tatt. Mistanke scaphoidfraktur -> henv. legevakt i dag for rtg, gipsvurdering. Immobilisert m/ skinne.",
        "clean": [
            ("Til legevakten\n\nHenvisning: Mistanke om scaphoidfraktur i høyre håndledd\n\n"
             "Tjuefire år gammel mann som falt på utstrakt høyre hånd mens han kjørte snowboard i går. Han har smerter på radialsiden av høyre håndledd og lett hevelse.\n\n"
             "Undersøkelse: Palpasjonsømhet i tabatière anatomique og over tuberculum ossis scaphoidei på høyre side. Aksial kompresjon av tommelen er smertefull på høyre side. Grepsstyrken er redusert på høyre side på grunn av smerte. Sensibilitet og sirkulasjon er uten anmerkning. Det er ikke tatt røntgen.\n\n"
             "På grunn av mistanke om scaphoidfraktur henvises han til legevakten i dag for røntgen og vurdering av gips. Håndleddet er immobilisert med skinne.\n\n"
             "Med vennlig hilsen\nKiropraktor",
             False,
             "Clean: sens./sirk. ua = sensibilitet og sirkulasjon uten anmerkning; tuberculum scaphoideum written in Latin; the suspicion is the prompt's own."),
            ("Til legevakt\n\nVi henviser en mann på 24 år som i går falt på utstrakt høyre hånd i snowboardbakken. Han har vondt på tommelsiden av håndleddet, og det er lett hevelse.\n\n"
             "Funn: Øm i «snusdåsen» (tabatière) og over scaphoid-tuberkelen høyre. Smerte ved aksial belastning av tommelen høyre. Nedsatt grepskraft høyre grunnet smerte. Normal sensibilitet og sirkulasjon. Røntgen er ikke tatt.\n\n"
             "Vi mistenker brudd i båtbenet (os scaphoideum) og ber om røntgen i dag og vurdering av gipsbehandling. Håndleddet er immobilisert med skinne.\n\n"
             "Vennlig hilsen\nKiropraktoren",
             False,
             "Clean second paraphrase: snusdåsen = tabatière; båtbenet = os scaphoideum; tommelsiden = radialt."),
        ],
        "faults": [
            ("imaging", "contradiction", "Det er ikke tatt røntgen.", "Røntgen tatt i går viste ingen sikker fraktur.", "Røntgen tatt i går viste ingen sikker fraktur", "No X-ray has been taken."),
            ("symptom", "invented", "smerter på radialsiden av høyre håndledd og lett hevelse.", "smerter på radialsiden av høyre håndledd, lett hevelse og prikking i fingrene.", "prikking i fingrene", "No tingling is reported; sensation was normal."),
            ("history", "invented", "mens han kjørte snowboard i går.", "mens han kjørte snowboard i går. Han brakk det samme håndleddet for to år siden.", "Han brakk det samme håndleddet for to år siden", "No earlier fracture is mentioned."),
            ("plan", "contradiction", "henvises han til legevakten i dag", "henvises han til legevakten i løpet av neste uke", "i løpet av neste uke", "The referral was for today."),
        ],
    },
    {
        "key": "barn-halting-hofte",
        "doc": "letter",
        "style": "full",
        "prompt": "Gutt 7 år som har haltet på høyre ben siden i går morges. Han hadde en forkjølelse for en uke siden. Han vil ikke belaste høyre ben fullt og klager over smerter i høyre lyske og kne. Mor har målt temperaturen til 37,4. Han har ikke vært utsatt for noe fall eller skade. Passiv innadrotasjon i høyre hofte er smertefull og redusert, venstre hofte er fri. Kneet er uten hevelse. Vi har ikke gitt behandling. Han henvises til legevakten i dag for å utelukke septisk artritt, med spørsmål om coxitis simplex.",
        "clean": [
            ("Til legevakten\n\nHenvisning: Halting på høyre ben – spørsmål om coxitis simplex, septisk artritt må utelukkes\n\n"
             "Vi henviser en sju år gammel gutt som har haltet på høyre ben siden i går morges. Han hadde en forkjølelse for én uke siden. Han vil ikke belaste høyre ben fullt og klager over smerter i høyre lyske og kne. Mor har målt temperaturen til 37,4 grader. Han har ikke vært utsatt for fall eller annen skade.\n\n"
             "Undersøkelse: Passiv innadrotasjon i høyre hofte er smertefull og redusert, mens venstre hofte har fri bevegelighet. Kneet er uten hevelse.\n\n"
             "Vi har ikke gitt behandling. Vi ber om vurdering i dag for å utelukke septisk artritt.\n\n"
             "Med vennlig hilsen\nKiropraktor",
             False,
             "Clean: 37,4 = 37,4 grader; the question of coxitis simplex and septic arthritis is the prompt's own."),
            ("Kjære kollega\n\nGjelder gutt, 7 år, som siden i går morges har haltet på høyre ben. Forkjølet for en uke siden. Belaster ikke høyre ben fullt og har vondt i høyre lyske og kne. Temperatur 37,4 °C målt av mor. Ingen fall eller traume.\n\n"
             "Funn: Smertefull og nedsatt passiv innadrotasjon i høyre hofte; venstre hofte fri. Ingen hevelse i kneet.\n\n"
             "Ingen behandling er gitt. Han henvises til legevakten i dag. Spørsmål om coxitis simplex (forbigående synovitt i hoften); septisk artritt må utelukkes.\n\n"
             "Vennlig hilsen\nKiropraktor",
             False,
             "Clean second paraphrase: forbigående synovitt = coxitis simplex; traume = skade."),
        ],
        "faults": [
            ("red_flag", "contradiction", "temperaturen til 37,4 grader", "temperaturen til 39,2 grader", "39,2 grader", "Temperature was 37.4; 39.2 would be a fever red flag."),
            ("timing", "contradiction", "har haltet på høyre ben siden i går morges", "har haltet på høyre ben i tre uker", "i tre uker", "The limp started yesterday morning."),
            ("exam_finding", "contradiction", "mens venstre hofte har fri bevegelighet", "mens venstre hofte også er lett smertefull", "venstre hofte også er lett smertefull", "The left hip was free."),
            ("diagnosis", "contradiction", "spørsmål om coxitis simplex", "spørsmål om Calvé-Legg-Perthes sykdom", "Calvé-Legg-Perthes sykdom", "The question was coxitis simplex."),
        ],
    },
    {
        "key": "melding-oppsummering-nakke-skulder",
        "doc": "message",
        "style": "shorthand",
        "prompt": "Oppsummering til pas. etter 1. kons: M 41, vond ve nakke/skulder etter maling av hus, 2 u. Funn: stram lev.scap og øvre trap ve, nakkens bev. lett red. ved rot mot hø. Ingen tegn til nerveaffeksjon. Beh i dag: bløtdel + mob T2-T4. Hjemme: tøyning lev.scap 3x30 sek 2x/d, varme. Bruker ingen medisiner. Plan: 3 beh. over 3 u, neste tirs 16.00.",
        "clean": [
            ("Hei!\n\nHer er en oppsummering av din første konsultasjon hos oss.\n\n"
             "Du har hatt vondt i venstre side av nakken og skulderen i to uker etter at du malte huset. Ved undersøkelsen fant vi stramhet i m. levator scapulae (skulderbladsløfteren) og øvre del av m. trapezius på venstre side, og bevegeligheten i nakken var lett nedsatt når du roterte mot høyre. Det var ingen tegn til at nervene er påvirket.\n\n"
             "I dag fikk du bløtdelsbehandling og mobilisering av brystryggen (T2–T4). Hjemme kan du tøye skulderbladsløfteren tre ganger 30 sekunder, to ganger om dagen, og bruke varme. Du bruker ingen medisiner i dag.\n\n"
             "Vi har lagt opp til tre behandlinger over tre uker. Neste time er tirsdag klokken 16.00.\n\n"
             "Vennlig hilsen\nKlinikken",
             False,
             "Clean: lev.scap = m. levator scapulae (skulderbladsløfteren); 3x30 sek 2x/d written out; tirs = tirsdag."),
            ("Hei,\n\ntakk for besøket. Kort oppsummert: Du har hatt smerter i venstre side av nakken og skulderen i 2 uker etter husmaling. Vi fant stramme muskler (levator scapulae og øvre trapezius) på venstre side og litt redusert rotasjon av nakken mot høyre, uten tegn til nerveaffeksjon.\n\n"
             "Behandling i dag: bløtvevsbehandling og mobilisering av øvre brystrygg (T2-T4). Hjemmeøvelse: tøy levator scapulae 3 × 30 sekunder morgen og kveld. Bruk gjerne varme. Du bruker ingen medisiner.\n\n"
             "Plan: tre behandlinger fordelt over tre uker, neste gang tirsdag kl. 16.\n\n"
             "Hilsen klinikken",
             False,
             "Clean second paraphrase: 2x/d = morgen og kveld; 16.00 = kl. 16."),
        ],
        "faults": [
            ("diagnosis", "invented", "Det var ingen tegn til at nervene er påvirket.", "Det var ingen tegn til at nervene er påvirket, og funnene passer med en prolaps i nakken.", "funnene passer med en prolaps i nakken", "No diagnosis of a cervical disc prolapse was made (and no nerve signs were found)."),
            ("medication", "invented", "Du bruker ingen medisiner i dag.", "Du kan ta Voltaren 50 mg to ganger daglig i en uke.", "Voltaren 50 mg to ganger daglig i en uke", "He uses no medication and none was advised."),
            ("plan", "contradiction", "tre behandlinger over tre uker", "seks behandlinger over tre uker", "seks behandlinger", "The plan was three treatments over three weeks."),
            ("level", "contradiction", "mobilisering av brystryggen (T2–T4)", "mobilisering av brystryggen (T6–T8)", "T6–T8", "Mobilisation was at T2-T4."),
        ],
    },
    {
        "key": "kneartrose-eldre-mann",
        "doc": "soap",
        "style": "full",
        "prompt": "Mann 74 år med smerter i begge knær, verst i venstre, i omtrent to år. Han har stivhet om morgenen i cirka 15 minutter. Han går med stokk på lengre turer. MR tatt for et år siden viste degenerativ meniskskade og artrose i mediale kompartment i venstre kne. Han bruker Albyl-E 75 mg daglig og ingen smertestillende. Undersøkelse: lett hevelse og krepitasjon i venstre kne, fleksjon 110 grader venstre og 130 grader høyre, full ekstensjon begge sider. Ømhet over mediale leddspalte venstre. Vurdering: kneartrose, mest uttalt venstre. Behandlet med mobilisering av kneleddet og styrkeøvelser for quadriceps. Anbefalt sykling og vektreduksjon. Kontroll om fire uker.",
        "clean": [
            ("S: Syttifire år gammel mann med smerter i begge knær gjennom omtrent to år, verst i venstre kne. Han har morgenstivhet som varer i cirka 15 minutter, og han bruker stokk på lengre turer. MR for ett år siden viste degenerativ meniskskade og artrose i det mediale kompartmentet i venstre kne. Han bruker Albyl-E 75 mg daglig og tar ingen smertestillende.\n"
             "O: Lett hevelse og krepitasjon i venstre kne. Fleksjon er 110 grader i venstre kne og 130 grader i høyre, med full ekstensjon bilateralt. Ømhet over mediale leddspalte på venstre side.\n"
             "A: Kneartrose, mest uttalt i venstre kne.\n"
             "P: Mobilisering av kneleddet og styrkeøvelser for m. quadriceps. Han ble anbefalt sykling og vektreduksjon. Kontroll om fire uker.",
             False,
             "Clean: the assessment is the prompt's own; 'begge sider' = bilateralt."),
            ("Mann, 74 år. Bilaterale knesmerter i rundt to år, venstre verst. Morgenstiv i ca. et kvarter. Går med stokk på lange turer. MR for et år siden: degenerativ meniskskade og medial artrose i venstre kne. Medisiner: Albyl-E 75 mg daglig (acetylsalisylsyre), ingen smertestillende.\n\n"
             "Funn: Lett hevelse og knirking (krepitasjon) i venstre kne. Fleksjon 110° venstre, 130° høyre; full ekstensjon på begge sider. Øm medial leddspalte venstre.\n\n"
             "Vurdering: Artrose i knærne, venstre mer enn høyre.\n\n"
             "Behandling: Mobilisering av kneet, quadricepsstyrkeøvelser. Råd om sykling og vektnedgang. Ny time om 4 uker.",
             False,
             "Clean second paraphrase: 15 minutter = et kvarter; Albyl-E = acetylsalisylsyre; vektnedgang = vektreduksjon."),
        ],
        "faults": [
            ("imaging", "invented", "degenerativ meniskskade og artrose", "degenerativ meniskskade, bakercyste og artrose", "bakercyste", "The MR report names no Baker's cyst."),
            ("medication", "contradiction", "Albyl-E 75 mg daglig og tar ingen smertestillende", "Albyl-E 75 mg daglig og tar Paralgin forte ved behov", "Paralgin forte ved behov", "He takes no painkillers."),
            ("history", "invented", "og han bruker stokk på lengre turer.", "og han bruker stokk på lengre turer. Han fikk satt inn protese i høyre hofte i 2020.", "Han fikk satt inn protese i høyre hofte i 2020", "No hip replacement is mentioned."),
            ("timing", "contradiction", "gjennom omtrent to år", "gjennom omtrent to måneder", "to måneder", "Duration was about two years."),
        ],
    },
    {
        "key": "epikrise-nakke-hodepine",
        "doc": "letter",
        "style": "full",
        "prompt": "Epikrise til fastlege. Mann 39 år henvist fra deg for nakkesmerter med hodepine. Han har fått seks behandlinger over fem uker med mobilisering av øvre nakke, bløtdelsbehandling og øvelser for dype nakkebøyere. Nakkesmertene har gått ned fra NRS 6 til NRS 2, og hodepinen har gått fra fire dager i uken til én dag i uken. Nakkebevegeligheten er nå normal. Han fortsetter med hjemmeøvelser. Vi har avsluttet behandlingen. Ved ny forverring kan han ta direkte kontakt med oss.",
        "clean": [
            ("Epikrise\n\nTil fastlege\n\nTakk for henvisningen av denne 39 år gamle mannen med nakkesmerter og hodepine.\n\n"
             "Han har fått seks behandlinger over fem uker, med mobilisering av øvre del av nakken, bløtdelsbehandling og øvelser for de dype nakkebøyerne. Nakkesmertene er redusert fra NRS 6 til NRS 2, og hodepinen har gått ned fra fire dager i uken til én dag i uken. Bevegeligheten i nakken er nå normal.\n\n"
             "Behandlingen er avsluttet. Han fortsetter med hjemmeøvelsene, og ved ny forverring kan han ta direkte kontakt med oss.\n\n"
             "Med vennlig hilsen\nKiropraktor",
             False,
             "Clean: polite glue ('Takk for henvisningen') asserts no clinical fact."),
            ("Til fastlegen\n\nEpikrise etter avsluttet behandling\n\n"
             "Pasienten, en mann på 39 år, ble henvist for nakkesmerter og hodepine. Han har gjennomført seks konsultasjoner i løpet av fem uker: mobilisering av øvre cervikalcolumna, bløtvevsbehandling og trening av de dype nakkefleksorene.\n\n"
             "Resultat: Nakkesmerter fra 6/10 til 2/10 på NRS. Hodepinedager redusert fra fire til én per uke. Normal cervikal bevegelighet.\n\n"
             "Vi har nå avsluttet behandlingen. Han fortsetter med øvelsene hjemme og kan kontakte oss direkte om plagene forverres.\n\n"
             "Vennlig hilsen\nKiropraktor",
             False,
             "Clean second paraphrase: dype nakkefleksorer = dype nakkebøyere; NRS 6 = 6/10."),
        ],
        "faults": [
            ("number", "contradiction", "Han har fått seks behandlinger over fem uker", "Han har fått ti behandlinger over fem uker", "ti behandlinger", "He had six treatments."),
            ("plan", "contradiction", "Behandlingen er avsluttet.", "Vi anbefaler videre behandling hver fjerde uke.", "Vi anbefaler videre behandling hver fjerde uke", "Treatment was ended; no maintenance interval was decided."),
            ("imaging", "invented", "Bevegeligheten i nakken er nå normal.", "Bevegeligheten i nakken er nå normal. Røntgen av nakken viste lett degenerasjon i C5–C6.", "Røntgen av nakken viste lett degenerasjon i C5–C6", "No imaging is mentioned."),
            ("symptom", "contradiction", "hodepinen har gått ned fra fire dager i uken til én dag i uken", "hodepinen er helt borte", "hodepinen er helt borte", "Headache is down to one day a week, not gone."),
        ],
    },
    {
        "key": "tibialis-posterior",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "K 60, smerter med. ve ankel bak innerankelen 4 mnd, gradvis. Verre v/ gåing >20 min. Ingen traume. Ingen nummenhet. Obs: plattfot ve, 'too many toes' ve. Ettbens tåhev ve: 3 rep m/ smerte, hø 15 rep. Palp.øm + lett hevelse langs tib. post-sene ve. Beh: bløtdel legg, low-dye taping ve. Øv: tåhev m/ ball mellom hæler. Henv. ortopediingeniør for innleggssåler. Ko 3 u.",
        "clean": [
            ("S: Seksti år gammel kvinne med gradvis innsettende smerter på innsiden av venstre ankel, bak innerankelen, gjennom fire måneder. Smertene forverres når hun går mer enn 20 minutter. Hun har ikke hatt noe traume, og hun benekter nummenhet.\n"
             "O: Ved inspeksjon ses plattfot på venstre side med positivt «too many toes»-tegn. Ved ettbens tåhev klarer hun tre repetisjoner med smerte på venstre side mot femten på høyre side. Palpasjonsømhet og lett hevelse langs senen til m. tibialis posterior på venstre side.\n"
             "A: Funnene kan tyde på dysfunksjon av tibialis posterior-senen på venstre side.\n"
             "P: Bløtdelsbehandling av leggen og low-dye-taping av venstre fot. Hun fikk tåhevsøvelser med en ball mellom hælene. Henvist til ortopediingeniør for innleggssåler. Kontroll om tre uker.",
             True,
             "Clean: obs = ved inspeksjon; 3 rep = tre repetisjoner. Tibialis posterior tendon dysfunction is a hedged reading of medial ankle pain, flat foot, too many toes, weak single-leg heel raise and tendon tenderness."),
            ("Kvinne, 60 år. Fire måneder med gradvis økende smerter medialt i venstre ankel, bak den indre ankelknoken; verre etter mer enn 20 minutters gange. Ingen skade. Ingen nummenhet.\n"
             "Funn: Plattfot venstre, «too many toes» venstre. Ettbens tåhev: 3 repetisjoner med smerte venstre, 15 høyre. Øm og lett hoven tibialis posterior-sene venstre.\n"
             "Tiltak: Bløtvevsbehandling av leggen, low-dye-tape venstre fot. Tåhev med ball mellom hælene. Henvisning til ortopediingeniør for såler. Ny time om 3 uker.",
             False,
             "Clean second paraphrase: indre ankelknoke = innerankelen; skade = traume."),
        ],
        "faults": [
            ("diagnosis", "invented", "dysfunksjon av tibialis posterior-senen", "ruptur av tibialis posterior-senen", "ruptur av tibialis posterior-senen", "A rupture is unsupported: she can still do three heel raises and nothing was imaged."),
            ("exam_finding", "contradiction", "plattfot på venstre side", "plattfot på begge sider", "plattfot på begge sider", "Flat foot was noted on the left only."),
            ("timing", "contradiction", "gjennom fire måneder", "gjennom fire uker", "gjennom fire uker", "Duration was 4 months."),
            ("test_result", "invented", "langs senen til m. tibialis posterior på venstre side.", "langs senen til m. tibialis posterior på venstre side. Tinels tegn bak innerankelen er positivt.", "Tinels tegn bak innerankelen er positivt", "No Tinel test was done; she denies numbness."),
        ],
    },
    {
        "key": "l4-radikulopati-mr-henvisning",
        "doc": "letter",
        "style": "shorthand",
        "prompt": "Henv. MR lx. M 57, smerter ve fremside lår og innside legg 4 u, ingen sikker utløsende årsak. Ingen nattesmerter. Ingen ridebukse, blære/tarm ua. Ingen kjent kreft, ingen vekttap. Prone knee bend pos ve. SLR neg bilat. PSR nedsatt ve, ASR ua bilat. Sens. nedsatt L4 derm. ve (med. legg). Kneekst 4/5 ve. Spm: prolaps/foraminal stenose L3/L4 ve? Ingen tidl. ryggoperasjoner. Pacemaker: nei.",
        "clean": [
            ("Henvisning til MR av lumbalcolumna\n\n"
             "Femtisju år gammel mann med fire ukers smerter på fremsiden av venstre lår og innsiden av venstre legg, uten sikker utløsende årsak. Han benekter nattesmerter, ridebukseanestesi, kjent kreft og vekttap, og blære- og tarmfunksjonen er normal. Han har ikke gjennomgått ryggoperasjoner og har ikke pacemaker.\n\n"
             "Kliniske funn: Femoral nervestrekktest (prone knee bend) er positiv på venstre side, mens Lasègues test er negativ bilateralt. Patellarrefleksen er nedsatt på venstre side, og akillesrefleksene er normale bilateralt. Nedsatt sensibilitet i L4-dermatomet på venstre side, på medialsiden av leggen. Kraften i kneekstensjonen er 4/5 på venstre side.\n\n"
             "Problemstilling: Prolaps eller foraminal stenose i nivå L3/L4 på venstre side?\n\n"
             "Med vennlig hilsen\nKiropraktor",
             False,
             "Clean: prone knee bend = femoral nervestrekktest; SLR = Lasègue; PSR/ASR = patellar-/akillesrefleks; denials gathered; the question is the prompt's own."),
            ("Til radiologisk avdeling\n\nVi ber om MR av korsryggen hos en mann på 57 år med smerter på forsiden av venstre lår og medialt på venstre legg i 4 uker, uten klar utløsende hendelse.\n\n"
             "Røde flagg: ingen nattesmerter, ingen sadelanestesi, normal blære- og tarmfunksjon, ingen kjent kreftsykdom, intet vekttap.\n\n"
             "Funn: Positiv prone knee bend (femoralisstrekk) venstre. Negativ SLR bilateralt. Svekket PSR venstre, normal ASR på begge sider. Hypoestesi i venstre L4-dermatom (medialt på leggen). Kneekstensjon 4/5 venstre.\n\n"
             "Spørsmål: prolaps eller foraminal stenose L3–L4 venstre?\n\n"
             "Tidligere ryggoperert: nei. Pacemaker: nei.\n\n"
             "Vennlig hilsen\nKiropraktor",
             False,
             "Clean second paraphrase: L3/L4 = L3–L4; hypoestesi = nedsatt sensibilitet."),
        ],
        "faults": [
            ("level", "contradiction", "Nedsatt sensibilitet i L4-dermatomet", "Nedsatt sensibilitet i L5-dermatomet", "L5-dermatomet", "Sensory loss was in L4 (medial leg)."),
            ("level", "contradiction", "i nivå L3/L4 på venstre side", "i nivå L4/L5 på venstre side", "L4/L5", "The question was about L3/L4."),
            ("exam_finding", "contradiction", "Kraften i kneekstensjonen er 4/5", "Kraften i stortåekstensjonen er 4/5", "stortåekstensjonen", "The 4/5 weakness was in knee extension."),
            ("history", "contradiction", "Han har ikke gjennomgått ryggoperasjoner og har ikke pacemaker.", "Han ble operert for prolaps i korsryggen i 2018 og har ikke pacemaker.", "Han ble operert for prolaps i korsryggen i 2018", "No previous back surgery."),
        ],
    },
    {
        "key": "melding-gravid-symfyse",
        "doc": "message",
        "style": "full",
        "prompt": "Svar til gravid pasient (uke 34) som skriver at smertene foran i bekkenet over symfysen har blitt verre denne uken, særlig når hun tar på seg bukser og går i trapper. Hun har ikke blødning, feber eller smerter ved vannlating. Svar: Dette er vanlig sent i svangerskapet. Ta små skritt, sett deg ned når du tar på bukser og hold knærne samlet når du snur deg i sengen. Et bekkenbelte kan prøves. Hvis du får blødning, feber, jevnlige sammentrekninger eller smerter ved vannlating, kontakt jordmor eller fødeavdelingen. Vi kan ta deg inn til en time på onsdag.",
        "clean": [
            ("Hei!\n\nTakk for meldingen. Smerter foran i bekkenet over symfysen som blir verre når du tar på deg bukser og går i trapper, er vanlig sent i svangerskapet, og du er nå i uke 34. Noen råd:\n\n"
             "– Ta små skritt.\n– Sett deg ned når du tar på deg bukser.\n– Hold knærne samlet når du snur deg i sengen.\n– Du kan prøve et bekkenbelte.\n\n"
             "Dersom du får blødning, feber, jevnlige sammentrekninger eller smerter når du tisser, må du kontakte jordmor eller fødeavdelingen.\n\n"
             "Vi kan ta deg inn til en time på onsdag.\n\n"
             "Vennlig hilsen\nKlinikken",
             False,
             "Clean: advice reordered into a list; 'når du tisser' = ved vannlating."),
            ("Hei,\n\nså leit at bekkenet plager deg mer denne uken. Det er ganske vanlig med smerter over symfysen (kjønnsbeinet) i uke 34, og at det gjør vondt når du tar på deg bukser og går i trapper. Det er bra at du ikke har hatt blødning, feber eller smerter ved vannlating.\n\n"
             "Tips: korte skritt, sitt når du tar på bukser, og hold knærne sammen når du snur deg i sengen. Prøv gjerne et bekkenbelte.\n\n"
             "Kontakt jordmor eller fødeavdelingen hvis du får blødning, feber, regelmessige sammentrekninger eller smerter ved vannlating.\n\n"
             "Du er velkommen til en time hos oss onsdag.\n\n"
             "Hilsen klinikken",
             False,
             "Clean second paraphrase: kjønnsbeinet = symfysen; regelmessige = jevnlige."),
        ],
        "faults": [
            ("timing", "contradiction", "du er nå i uke 34", "du er nå i uke 38", "uke 38", "She is in week 34."),
            ("medication", "invented", "– Du kan prøve et bekkenbelte.", "– Du kan prøve et bekkenbelte og ta Paracet 1 g inntil fire ganger daglig.", "Paracet 1 g inntil fire ganger daglig", "No drug advice was given."),
            ("symptom", "invented", "går i trapper, er vanlig", "går i trapper, og som stråler ned i innsiden av lårene, er vanlig", "stråler ned i innsiden av lårene", "No radiation to the thighs was described."),
            ("red_flag", "contradiction", "Takk for meldingen.", "Takk for meldingen. Det er bra at den lille blødningen du hadde i går har gitt seg.", "den lille blødningen du hadde i går", "She has had no bleeding."),
        ],
    },
    {
        "key": "eldre-cervikogen-svimmelhet",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 78, nakkestivhet og ustøhet v/ rask hoderotasjon 2 mnd. Ingen dobbeltsyn, talevansker, svelgvansker, nummenhet i ansikt eller fall. Bruker Albyl-E 75 mg + Simvastatin 20 mg. BT 145/85 (fastlege). Cx AROM rot ~45° bilat. Palp.øm/hypomob C1-C2 bilat. Dix-Hallpike neg bilat. Romberg ua. Smooth pursuit neck torsion test pos. Vurd: mulig cervikogen svimmelhet. Beh: mob C1-C2, ingen hvla pga alder/blodfortynnende. Sensomotoriske øv. Ko 2 u.",
        "clean": [
            ("S: Syttiåtte år gammel mann med nakkestivhet og ustøhet ved raske rotasjonsbevegelser av hodet gjennom to måneder. Han benekter dobbeltsyn, talevansker, svelgvansker, nummenhet i ansiktet og fall. Han bruker Albyl-E 75 mg og Simvastatin 20 mg. Blodtrykket målt hos fastlegen var 145/85.\n"
             "O: Aktiv rotasjon i cervikalcolumna er omtrent 45 grader til hver side. Palpasjonsømhet og hypomobilitet i C1–C2 bilateralt. Dix-Hallpikes test er negativ på begge sider. Rombergs test er uten anmerkning. Smooth pursuit neck torsion-testen er positiv.\n"
             "A: Mulig cervikogen svimmelhet.\n"
             "P: Mobilisering av C1–C2. Det ble ikke gitt HVLA-manipulasjon på grunn av alder og blodfortynnende behandling. Han fikk sensomotoriske øvelser. Kontroll om to uker.",
             False,
             "Clean: BT = blodtrykket; ~45° bilat = omtrent 45 grader til hver side; the hedged assessment is the prompt's own."),
            ("Mann, 78 år. To måneder med stiv nakke og følelse av ustøhet når han vrir hodet raskt. Ingen dobbeltsyn, tale- eller svelgvansker, ingen nummenhet i ansiktet, ingen fall. Medisiner: Albyl-E 75 mg (acetylsalisylsyre) og simvastatin 20 mg. BT 145/85 hos fastlegen.\n\n"
             "Undersøkelse: Nakkerotasjon ca. 45° til hver side. Øm og stiv C1-C2 begge sider. Negativ Dix-Hallpike bilateralt. Normal Romberg. Positiv smooth pursuit neck torsion test.\n\n"
             "Vurdering: Kan være cervikogen svimmelhet.\n\n"
             "Behandling: Mobilisering av C1-C2; ingen HVLA på grunn av alder og blodfortynnende. Sensomotorisk trening. Ny time om to uker.",
             False,
             "Clean second paraphrase: 'øm og stiv' = palp.øm/hypomob; acetylsalisylsyre = Albyl-E."),
        ],
        "faults": [
            ("red_flag", "contradiction", "Han benekter dobbeltsyn, talevansker, svelgvansker, nummenhet i ansiktet og fall.", "Han benekter dobbeltsyn, talevansker, svelgvansker og nummenhet i ansiktet, men har falt to ganger.", "men har falt to ganger", "Negation flip: falls were denied."),
            ("test_result", "contradiction", "Dix-Hallpikes test er negativ på begge sider.", "Dix-Hallpikes test er positiv på høyre side.", "Dix-Hallpikes test er positiv på høyre side", "Dix-Hallpike was negative on both sides."),
            ("plan", "contradiction", "Det ble ikke gitt HVLA-manipulasjon på grunn av alder og blodfortynnende behandling.", "Det ble gitt HVLA-manipulasjon av øvre nakke.", "Det ble gitt HVLA-manipulasjon av øvre nakke", "HVLA was explicitly withheld."),
            ("level", "contradiction", "hypomobilitet i C1–C2 bilateralt", "hypomobilitet i C4–C5 bilateralt", "C4–C5", "The hypomobile segment was C1-C2; changed in the findings only."),
        ],
    },
]
