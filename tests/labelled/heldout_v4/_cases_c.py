"""Hand-typed scenarios 19-27 (labeller label-h). Literals only; _write.py applies the edits.

Fault tuple: (fact_type, severity, old_text_in_clean1, new_text, span, note)
"""

SCENARIOS = [
    {
        "key": "eldre-osteoporose-henvisning",
        "doc": "letter",
        "style": "shorthand",
        "prompt": "K 82, bor alene. Akutte smerter midt i ryggen etter løft av vaskekurv 4 d siden. Kjent osteoporose, bruker Alendronat 70 mg 1x/uke + Calcigran forte. Banke-/palp.øm proc. spinosus T8, ingen utstråling. NRS 7/10, verre v/ stå/gå, bedre liggende. Ingen nevro utfall u.e. Ingen feber, ingen vekttap. Mistanke om kompresjonsbrudd. Ingen beh. m/ manip. Henv. fastlege for rtg tx og smertelindring.",
        "clean": [
            ("Til fastlege\n\nGjelder: Mistanke om osteoporotisk kompresjonsbrudd i brystryggen\n\n"
             "Vi har sett en 82 år gammel kvinne som bor alene. Hun fikk akutte smerter midt i ryggen for fire dager siden etter å ha løftet en vaskekurv. Hun har kjent osteoporose og bruker Alendronat 70 mg én gang i uken og Calcigran forte. Smertene er 7/10 på NRS, verre når hun står og går og bedre i liggende stilling. Hun har ingen utstråling, og hun benekter feber og vekttap.\n\n"
             "Ved undersøkelse er hun banke- og palpasjonsøm over processus spinosus T8. Det er ikke funnet nevrologiske utfall i underekstremitetene.\n\n"
             "Vi mistenker et kompresjonsbrudd og har derfor ikke behandlet med manipulasjon. Vi henviser henne til deg for røntgen av brystryggen og smertelindring.\n\n"
             "Med vennlig hilsen\nKiropraktor",
             True,
             "Clean: u.e. = underekstremitetene; 1x/uke = én gang i uken; rtg tx = røntgen av brystryggen. 'Osteoporotisk' in the heading is a reading of the suspected fracture in a patient with known osteoporosis."),
            ("Kjære kollega\n\nJeg henviser en kvinne på 82 år, som bor alene, med akutt oppståtte smerter i brystryggen siden for 4 dager siden, utløst av løft av en vaskekurv. Kjent osteoporose, behandles med alendronat 70 mg ukentlig og Calcigran forte. NRS 7/10; smertene øker når hun står og går og lindres når hun ligger. Ingen utstrålende smerter, ingen feber, ikke vekttap.\n\n"
             "Funn: Bankeømhet og palpasjonsømhet over tornutløperen på T8. Ingen nevrologiske utfall i bena.\n\n"
             "På grunn av mistanke om kompresjonsbrudd er det ikke gitt manipulasjonsbehandling. Jeg ber om røntgen av thorakalcolumna og vurdering av smertelindring.\n\n"
             "Vennlig hilsen\nKiropraktor",
             False,
             "Clean second paraphrase: tornutløperen = processus spinosus; alendronat (generic) for Alendronat; u.e. = bena."),
        ],
        "faults": [
            ("level", "contradiction", "over processus spinosus T8", "over processus spinosus T11", "T11", "Tenderness was over T8."),
            ("medication", "contradiction", "Alendronat 70 mg én gang i uken", "Alendronat 70 mg daglig", "70 mg daglig", "Alendronate 70 mg is taken once a week."),
            ("red_flag", "contradiction", "hun benekter feber og vekttap", "hun benekter vekttap, men har hatt feber opptil 38,5 grader", "men har hatt feber opptil 38,5 grader", "Negation flip: fever was denied."),
            ("imaging", "contradiction", "for røntgen av brystryggen og smertelindring", "for MR av brystryggen og smertelindring", "MR av brystryggen", "The requested study was an X-ray (rtg tx)."),
        ],
    },
    {
        "key": "plantar-fasciopati",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "K 47, servitør. Smerter under ve hæl 3 mnd, verst første skritt om morgenen og etter lange vakter. Ingen nummenhet, ingen nattesmerter. Palp.øm med. calcaneustuberkel ve. Windlass pos ve. Tinel tarsaltunnel neg. Dorsalfleks ankel 5° ve m/ strakt kne. BMI 31. Beh: trykkbølge ve hæl (1. av 3), bløtdel legg/fotsåle. Øv: tøyning plantarfascie og legg, tåhev. Råd: støtdempende sko. Ko 1 u.",
        "clean": [
            ("S: Førtisju år gammel kvinne som arbeider som servitør. Hun har hatt smerter under venstre hæl i tre måneder. Smertene er verst ved de første skrittene om morgenen og etter lange vakter. Hun benekter nummenhet og nattesmerter.\n"
             "O: Palpasjonsømhet over mediale tuberkel på calcaneus på venstre side. Windlass-testen er positiv på venstre side. Tinels tegn over tarsaltunnelen er negativt. Dorsalfleksjon i venstre ankel er 5 grader med strakt kne. BMI 31.\n"
             "A: Funnene er forenlige med plantar fasciopati i venstre fot.\n"
             "P: Trykkbølgebehandling av venstre hæl (første av tre behandlinger) og bløtdelsbehandling av legg og fotsåle. Hun fikk tøyeøvelser for plantarfascien og leggen samt tåhev. Råd om støtdempende sko. Kontroll om én uke.",
             True,
             "Clean: '1. av 3' = første av tre behandlinger; Windlass written out. Plantar fasciopathy is a hedged reading of first-step pain with medial tubercle tenderness and positive Windlass."),
            ("Kvinne, 47 år, servitør. Tre måneder med smerter under venstre hæl, verst ved de første stegene om morgenen og etter lange arbeidsvakter. Ingen nummenhet og ingen smerter om natten.\n"
             "Undersøkelse: Øm over mediale calcaneustuberkel venstre. Positiv Windlass venstre. Negativ Tinel over tarsaltunnelen. Ankel dorsalfleksjon 5° venstre med ekstendert kne. BMI 31.\n"
             "Vurdering: Kan passe med plantarfasciitt venstre.\n"
             "Behandling: Trykkbølge mot venstre hæl (behandling 1 av 3), bløtdelsbehandling av legg og fotsåle. Tøyning av fotsålen og leggen, tåhev. Anbefalt sko med god støtdemping. Ny time om 1 uke.",
             True,
             "Clean second paraphrase: plantarfasciitt as a hedged synonym of the same reading; 'ekstendert kne' = strakt kne."),
        ],
        "faults": [
            ("symptom", "contradiction", "Hun benekter nummenhet og nattesmerter.", "Hun benekter nattesmerter, men har nummenhet i fotsålen.", "men har nummenhet i fotsålen", "Negation flip: numbness was denied."),
            ("timing", "contradiction", "under venstre hæl i tre måneder", "under venstre hæl i tre år", "i tre år", "Duration was 3 months."),
            ("exam_finding", "contradiction", "Dorsalfleksjon i venstre ankel er 5 grader med strakt kne.", "Dorsalfleksjon i venstre ankel er normal.", "Dorsalfleksjon i venstre ankel er normal", "Dorsiflexion was reduced to 5°."),
            ("history", "invented", "og etter lange vakter.", "og etter lange vakter. Hun fikk en kortisoninjeksjon i hælen hos fastlegen for seks uker siden.", "Hun fikk en kortisoninjeksjon i hælen hos fastlegen for seks uker siden", "No earlier injection is mentioned."),
        ],
    },
    {
        "key": "gluteal-tendinopati",
        "doc": "soap",
        "style": "full",
        "prompt": "Kvinne 55 år med smerter på utsiden av høyre hofte i fire måneder. Hun får vondt når hun ligger på høyre side om natten, går i trapper og står lenge på ett ben. Smertene stråler litt ned på utsiden av låret, men ikke nedenfor kneet. Hun er i overgangsalderen. Det er palpasjonsømhet over trochanter major på høyre side. Ettbensstående i 30 sekunder gir smerte på høyre side etter 15 sekunder. FABER er positiv på høyre side med lateral hoftesmerte, og FADIR er negativ. Lumbalcolumna er uten anmerkning. Vi ga bløtdelsbehandling av gluteus medius og tensor fasciae latae, og startet isometriske abduksjonsøvelser. Hun ble frarådet å sitte med bena i kryss. Kontroll om to uker.",
        "clean": [
            ("S: Femtifem år gammel kvinne med smerter på utsiden av høyre hofte gjennom fire måneder. Smertene provoseres når hun ligger på høyre side om natten, går i trapper og står lenge på ett ben. Smertene stråler litt ned på utsiden av låret, men ikke nedenfor kneet. Hun er i overgangsalderen.\n"
             "O: Palpasjonsømhet over trochanter major høyre. Ved ettbensstående i 30 sekunder kommer smerten på høyre side etter 15 sekunder. FABER-testen er positiv på høyre side med lateral hoftesmerte, mens FADIR er negativ. Lumbalcolumna er uten anmerkning.\n"
             "A: Funnene er forenlige med gluteal tendinopati på høyre side.\n"
             "P: Bløtdelsbehandling av m. gluteus medius og m. tensor fasciae latae, og oppstart av isometriske abduksjonsøvelser. Hun ble frarådet å sitte med bena i kryss. Kontroll om to uker.",
             True,
             "Clean: gluteal tendinopathy is a hedged reading of lateral hip pain, trochanter tenderness and a positive single-leg-stance test in a woman in menopause."),
            ("Kvinne, 55 år, i overgangsalderen. Fire måneders laterale hoftesmerter høyre, verst i sideleie på høyre side om natten, i trapper og når hun står lenge på ett ben. Noe utstråling på utsiden av låret, ikke forbi kneet.\n"
             "Undersøkelse: Øm over høyre trochanter major. Ettbensstående: smerte høyre etter 15 av 30 sekunder. Positiv FABER høyre (lateral smerte), negativ FADIR. Korsryggen uten anmerkning.\n"
             "Behandling: Bløtdelsbehandling av gluteus medius og TFL. Isometriske abduksjonsøvelser startet. Råd om å unngå å sitte med kryssede ben. Ny kontroll om to uker.",
             False,
             "Clean second paraphrase: 'ikke forbi kneet' = ikke nedenfor kneet; TFL = tensor fasciae latae."),
        ],
        "faults": [
            ("laterality", "contradiction", "Palpasjonsømhet over trochanter major høyre.", "Palpasjonsømhet over trochanter major venstre.", "trochanter major venstre", "Tenderness was over the right trochanter; flipped here only."),
            ("test_result", "contradiction", "mens FADIR er negativ", "og FADIR er også positiv", "FADIR er også positiv", "FADIR was negative."),
            ("imaging", "invented", "Lumbalcolumna er uten anmerkning.", "Lumbalcolumna er uten anmerkning. Ultralyd har vist væske i bursa trochanterica.", "Ultralyd har vist væske i bursa trochanterica", "No ultrasound is mentioned."),
            ("diagnosis", "invented", "gluteal tendinopati på høyre side", "hofteleddsartrose på høyre side", "hofteleddsartrose", "Hip OA is unsupported (negative FADIR, lateral pain, no imaging)."),
        ],
    },
    {
        "key": "cervikal-radikulopati-c6",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 51, IT-konsulent. Nakkesmerter m/ utstråling hø arm til tommel, 3 u. Prikking tommel/pekefinger hø. Verre v/ ekst. og rot hø av nakken. Ingen gangvansker, ingen finmotoriske problemer, ingen blære/tarm. Spurling pos hø, distraksjon lindrer. ULTT1 (median) pos hø. BSR svekket hø, TSR ua. Sens. nedsatt C6 derm. hø. Kraft albuefleks/håndleddsekst 4+/5 hø. Hoffmann neg bilat. Beh: traksjon cx, mob tx, nervemobilisering. Ingen hvla cx. Ko 1 u, MR ved forverring/manglende bedring 4-6 u.",
        "clean": [
            ("S: Femtien år gammel mann som arbeider som IT-konsulent. Han har i tre uker hatt nakkesmerter med utstråling i høyre arm ned til tommelen, og prikking i tommel og pekefinger på høyre side. Smertene forverres ved ekstensjon og rotasjon mot høyre av nakken. Han benekter gangvansker, problemer med finmotorikk og forstyrrelser i blære- eller tarmfunksjon.\n"
             "O: Spurlings test er positiv på høyre side, og distraksjon gir lindring. Upper limb tension test 1 (medianus) er positiv på høyre side. Bicepsrefleksen er svekket på høyre side, tricepsrefleksen er normal. Nedsatt sensibilitet i C6-dermatomet på høyre side. Kraften i albuefleksjon og håndleddsekstensjon er 4+/5 på høyre side. Hoffmanns tegn er negativt bilateralt.\n"
             "A: Funnene er forenlige med cervikal radikulopati C6 på høyre side, uten tegn på myelopati.\n"
             "P: Traksjon av cervikalcolumna, mobilisering av thorakalcolumna og nervemobilisering. HVLA av nakken ble ikke utført. Kontroll om én uke. MR vurderes ved forverring eller manglende bedring etter fire til seks uker.",
             True,
             "Clean: BSR/TSR = biceps-/tricepsrefleks; ULTT1 written out; C6 radiculopathy without myelopathy is the hedged reading of C6 sensory loss, reduced BSR, positive Spurling and a negative Hoffmann with no gait or fine-motor problems."),
            ("Mann, 51 år, IT-konsulent. Tre uker med nakkesmerter som stråler ut i høyre arm til tommelen, og prikking i høyre tommel og pekefinger. Verre ved å bøye nakken bakover og vri mot høyre. Ingen gangproblemer, ingen finmotoriske vansker, ingen blære- eller tarmplager.\n"
             "Funn: Positiv Spurling høyre, lindring ved distraksjon. Positiv ULTT1 (n. medianus) høyre. Nedsatt bicepsrefleks høyre, normal tricepsrefleks. Hypoestesi i høyre C6-dermatom. Lett nedsatt kraft (4+/5) i albuefleksjon og håndleddsekstensjon høyre. Negativ Hoffmann på begge sider.\n"
             "Tiltak: Cervikal traksjon, mobilisering av brystryggen, nevrodynamiske teknikker. Ingen HVLA mot nakken. Kontroll om en uke; MR hvis forverring eller ingen bedring innen 4–6 uker.",
             False,
             "Clean second paraphrase: hypoestesi = nedsatt sensibilitet; 'bøye nakken bakover' = ekstensjon; nevrodynamiske teknikker = nervemobilisering."),
        ],
        "faults": [
            ("level", "contradiction", "Nedsatt sensibilitet i C6-dermatomet", "Nedsatt sensibilitet i C8-dermatomet", "C8-dermatomet", "Sensory loss was in the C6 dermatome."),
            ("level", "contradiction", "cervikal radikulopati C6 på høyre side", "cervikal radikulopati C7 på høyre side", "radikulopati C7", "The findings point to C6; the level is changed in the assessment only."),
            ("exam_finding", "contradiction", "tricepsrefleksen er normal", "tricepsrefleksen er også svekket", "tricepsrefleksen er også svekket", "TSR was normal (ua)."),
            ("red_flag", "contradiction", "Han benekter gangvansker, problemer med finmotorikk og forstyrrelser i blære- eller tarmfunksjon.", "Han benekter problemer med finmotorikk og forstyrrelser i blære- eller tarmfunksjon, men beskriver ustø gange.", "men beskriver ustø gange", "Negation flip: gait problems (a myelopathy sign) were denied."),
        ],
    },
    {
        "key": "torticollis-sykmelding",
        "doc": "sick_leave",
        "style": "full",
        "prompt": "Kvinne 26 år, butikkmedarbeider, våknet i går med akutt smertefull og låst nakke. Hun klarer ikke å snu hodet mot venstre og holder hodet skjevt mot høyre. Ingen skade, ingen feber, ingen utstråling til armene og ingen hodepine. Rotasjon til venstre er 20 grader, til høyre 60 grader. Det er uttalt muskelspasme i m. levator scapulae og m. sternocleidomastoideus på venstre side. Nevrologisk undersøkelse er normal. Vurdering: akutt torticollis. Behandlet med bløtdelsbehandling og forsiktig mobilisering. Hun kan ikke løfte varer eller sitte i kassen med hodet vridd. Sykmeldes 50 prosent i én uke. Kontroll om tre dager.",
        "clean": [
            ("Sykmelding – vurdering\n\n"
             "Kvinne på 26 år som arbeider som butikkmedarbeider. Hun våknet i går med en akutt smertefull og låst nakke. Hun får ikke snudd hodet mot venstre og holder hodet skjevt mot høyre. Hun benekter skade, feber, utstråling til armene og hodepine.\n\n"
             "Funn: Rotasjon til venstre er 20 grader og til høyre 60 grader. Det er uttalt muskelspasme i m. levator scapulae og m. sternocleidomastoideus på venstre side. Nevrologisk undersøkelse er normal.\n\n"
             "Vurdering: Akutt torticollis.\n\n"
             "Tiltak: Bløtdelsbehandling og forsiktig mobilisering. Hun kan ikke løfte varer eller sitte i kassen med hodet vridd, og sykmeldes derfor 50 % i én uke. Kontroll om tre dager.",
             False,
             "Clean: 50 prosent = 50 %; denials gathered into one 'benekter'."),
            ("Pasienten, en 26 år gammel butikkmedarbeider, våknet i går med akutt, vond og stiv nakke («kink i nakken»). Hun klarer ikke å vri hodet til venstre og har en skjev hodestilling mot høyre. Det er ingen forutgående skade, og hun har ikke feber, armsmerter eller hodepine.\n\n"
             "Undersøkelse: Venstrerotasjon 20°, høyrerotasjon 60°. Kraftig spasme i venstre levator scapulae og sternocleidomastoideus. Normal nevrologi.\n\n"
             "Diagnose: akutt torticollis. Behandlet med bløtvevsbehandling og skånsom mobilisering. Løfting av varer og kassearbeid med vridd hode er ikke mulig nå. Gradert sykmelding 50 % i 1 uke. Ny time om 3 dager.",
             False,
             "Clean second paraphrase: «kink i nakken» is the lay name for torticollis; armsmerter for utstråling til armene; 'gradert sykmelding 50 %' is the 50 % leave."),
        ],
        "faults": [
            ("plan", "contradiction", "sykmeldes derfor 50 % i én uke", "sykmeldes derfor 100 % i én uke", "100 % i én uke", "Sick leave was 50 %."),
            ("symptom", "contradiction", "Hun benekter skade, feber, utstråling til armene og hodepine.", "Hun benekter skade, feber og utstråling til armene, men har hatt hodepine siden i går.", "men har hatt hodepine siden i går", "Negation flip: headache was denied."),
            ("number", "contradiction", "Rotasjon til venstre er 20 grader", "Rotasjon til venstre er 40 grader", "venstre er 40 grader", "Left rotation was 20°."),
            ("laterality", "contradiction", "m. sternocleidomastoideus på venstre side", "m. sternocleidomastoideus på høyre side", "sternocleidomastoideus på høyre side", "Spasm was on the left."),
        ],
    },
    {
        "key": "frossen-skulder-diabetes",
        "doc": "soap",
        "style": "full",
        "prompt": "Kvinne 54 år med smerter og økende stivhet i venstre skulder siden august, altså i fem måneder. Hun har diabetes type 2 og bruker Metformin 500 mg to ganger daglig. Smertene er verst om natten, og hun klarer ikke å ta på seg BH eller nå bakre bukselomme. Passiv utadrotasjon er 15 grader på venstre side mot 80 grader på høyre, abduksjon 80 grader mot 170 grader. Både aktiv og passiv bevegelighet er like nedsatt. Røntgen av skulderen tatt i desember var normal. Vi vurderer tilstanden som adhesiv kapsulitt i den stive fasen. Hun fikk mobilisering av glenohumeralleddet og pendeløvelser. Hun får informasjon om at tilstanden ofte går over, men kan ta lang tid. Kontroll om tre uker.",
        "clean": [
            ("S: Femtifire år gammel kvinne med smerter og tiltagende stivhet i venstre skulder siden august, det vil si gjennom fem måneder. Hun har diabetes type 2 og bruker Metformin 500 mg to ganger daglig. Smertene er verst om natten, og hun klarer ikke å ta på seg BH eller nå bakre bukselomme. Røntgen av skulderen tatt i desember var normal.\n"
             "O: Passiv utadrotasjon er 15 grader i venstre skulder mot 80 grader i høyre, og abduksjon er 80 grader mot 170 grader. Aktiv og passiv bevegelighet er like mye redusert.\n"
             "A: Adhesiv kapsulitt (frossen skulder) i venstre skulder, stiv fase.\n"
             "P: Mobilisering av glenohumeralleddet og pendeløvelser. Hun ble informert om at tilstanden ofte går over, men at det kan ta lang tid. Kontroll om tre uker.",
             False,
             "Clean: adhesiv kapsulitt = frossen skulder; the assessment is the prompt's own."),
            ("Kvinne, 54 år. Fem måneder (siden august) med smertefull og gradvis stivere venstre skulder, verst om natten. Vansker med å ta på BH og å nå bakre bukselomme. Diabetes mellitus type 2, behandles med metformin 500 mg morgen og kveld. Normal skulderrøntgen i desember.\n\n"
             "Funn: Utadrotasjon passivt 15° venstre mot 80° høyre; abduksjon 80° mot 170°. Samme innskrenkning aktivt og passivt.\n\n"
             "Vurdering: Frossen skulder venstre, stivhetsfasen.\n\n"
             "Tiltak: Glenohumeral mobilisering og pendeløvelser. Informert om at plagene vanligvis går over, men at forløpet kan være langt. Ny time om tre uker.",
             False,
             "Clean second paraphrase: 'morgen og kveld' = to ganger daglig; metformin (generic) for Metformin."),
        ],
        "faults": [
            ("history", "invented", "Røntgen av skulderen tatt i desember var normal.", "Røntgen av skulderen tatt i desember var normal. Hun hadde tilsvarende plager i høyre skulder for fire år siden.", "Hun hadde tilsvarende plager i høyre skulder for fire år siden", "No earlier shoulder episode is mentioned."),
            ("diagnosis", "contradiction", "i venstre skulder, stiv fase.", "i venstre skulder, smertefull (frysende) fase.", "smertefull (frysende) fase", "The prompt places it in the stiff (frozen) phase."),
            ("imaging", "contradiction", "Røntgen av skulderen tatt i desember var normal.", "Røntgen av skulderen tatt i desember viste lett artrose i AC-leddet.", "viste lett artrose i AC-leddet", "The X-ray was normal."),
            ("medication", "contradiction", "Metformin 500 mg to ganger daglig", "Metformin 1000 mg to ganger daglig", "Metformin 1000 mg", "Dose was 500 mg."),
        ],
    },
    {
        "key": "melding-bppv-etter-epley",
        "doc": "message",
        "style": "shorthand",
        "prompt": "Melding til pas. (K 72, BPPV ve, Epley i dag): kan kjenne seg ustø 1-2 d. Unngå å ligge på ve side 2 netter, sov m/ 2 puter. Ikke kjøre bil i dag. Brandt-Daroff 3x/d fra i morgen dersom fortsatt svimmel. Ring ved hodepine, dobbeltsyn, talevansker eller nummenhet – da legevakt 116117. Ko man 14.15.",
        "clean": [
            ("Hei!\n\nI dag fikk du behandling med Epleys manøver for krystallsyke (BPPV) på venstre side. Det er vanlig å kjenne seg litt ustø de neste én til to dagene. Unngå å ligge på venstre side de neste to nettene, og sov gjerne med to puter. Du bør ikke kjøre bil i dag.\n\n"
             "Hvis du fortsatt er svimmel, kan du fra i morgen gjøre Brandt-Daroff-øvelsene tre ganger om dagen.\n\n"
             "Dersom du får hodepine, dobbeltsyn, problemer med å snakke eller nummenhet, må du ringe legevakten på 116117.\n\n"
             "Vi ses til kontroll mandag klokken 14.15.\n\n"
             "Vennlig hilsen\nKlinikken",
             False,
             "Clean: krystallsyke is the lay name for BPPV; 3x/d = tre ganger om dagen; man = mandag; talevansker = problemer med å snakke."),
            ("Hei,\n\netter dagens Epley-behandling for godartet posisjonsvertigo på venstre side kan du føle deg litt ustø i 1–2 dager. Ligg helst ikke på venstre side de to neste nettene, og bruk to puter når du sover. Ikke kjør bil i dag.\n\n"
             "Er du fortsatt svimmel i morgen, kan du starte med Brandt-Daroff-øvelser, tre ganger daglig.\n\n"
             "Får du hodepine, ser dobbelt, får vansker med talen eller blir nummen, skal du ringe legevakten på 116117.\n\n"
             "Kontrolltime: mandag kl. 14:15.\n\n"
             "Hilsen klinikken",
             False,
             "Clean second paraphrase: godartet posisjonsvertigo = BPPV; 14.15 = 14:15."),
        ],
        "faults": [
            ("number", "contradiction", "tre ganger om dagen", "fem ganger om dagen", "fem ganger om dagen", "Brandt-Daroff was 3 times a day."),
            ("plan", "contradiction", "mandag klokken 14.15", "mandag klokken 15.15", "klokken 15.15", "The follow-up is Monday 14.15."),
            ("laterality", "contradiction", "Unngå å ligge på venstre side", "Unngå å ligge på høyre side", "ligge på høyre side", "She should avoid lying on the left (affected) side."),
        ],
    },
    {
        "key": "spenningshodepine",
        "doc": "soap",
        "style": "full",
        "prompt": "Kvinne 45 år, regnskapsfører, med båndformet hodepine i pannen og rundt hodet på begge sider i to måneder, nesten daglig, verst på ettermiddagen. Hun bruker Paracet 1 g omtrent tre dager i uken. Hun har ikke hatt kvalme, lysømfintlighet, feber, nattlig oppvåkning av hodepine eller nevrologiske symptomer. Hodepinen er ikke verst om morgenen. Blodtrykket målt hos fastlegen var normalt i forrige måned. Det er ømhet i m. trapezius og suboksipital muskulatur bilateralt, og nakkebevegeligheten er normal. Kranienerveundersøkelsen er normal. Vurdering: spenningshodepine. Vi ga bløtdelsbehandling, råd om pauser og søvn og om å begrense smertestillende til under ti dager i måneden. Kontroll om to uker.",
        "clean": [
            ("S: Førtifem år gammel kvinne som arbeider som regnskapsfører. Hun har hatt båndformet hodepine i pannen og rundt hodet bilateralt i to måneder, nesten daglig og verst på ettermiddagen. Hun bruker Paracet 1 g omtrent tre dager i uken. Hun benekter kvalme, lysømfintlighet, feber, at hun våkner av hodepine om natten og nevrologiske symptomer. Hodepinen er ikke verst om morgenen. Blodtrykket var normalt ved måling hos fastlegen forrige måned.\n"
             "O: Ømhet i m. trapezius og suboksipital muskulatur bilateralt. Normal bevegelighet i nakken. Kranienerveundersøkelsen er normal.\n"
             "A: Spenningshodepine.\n"
             "P: Bløtdelsbehandling. Hun fikk råd om pauser og søvn, og om å begrense bruken av smertestillende til under ti dager i måneden. Kontroll om to uker.",
             False,
             "Clean: denials gathered; the assessment is the prompt's own."),
            ("Kvinne, 45 år, regnskapsfører. To måneder med nesten daglig, båndformet hodepine frontalt og rundt hele hodet, tiltagende utover ettermiddagen. Tar paracetamol 1 g cirka tre dager per uke. Ingen kvalme, ingen fotofobi, ingen feber, vekkes ikke av hodepine om natten, ingen nevrologiske symptomer. Hodepinen er ikke verst om morgenen. Normalt blodtrykk hos fastlegen forrige måned.\n\n"
             "Funn: Bilateral ømhet i trapezius og suboksipitalt. Fri nakkebevegelighet. Normale kranienerver.\n\n"
             "Vurdering: Spenningshodepine.\n\n"
             "Tiltak: Bløtvevsbehandling. Råd om pauser, søvn og å holde bruken av smertestillende under ti dager per måned. Kontroll om 2 uker.",
             False,
             "Clean second paraphrase: fotofobi = lysømfintlighet; paracetamol = Paracet; frontalt = i pannen."),
        ],
        "faults": [
            ("red_flag", "contradiction", "Hodepinen er ikke verst om morgenen.", "Hodepinen er verst om morgenen.", "Hodepinen er verst om morgenen", "Negation flip: morning-worst headache (a red flag) was explicitly absent."),
            ("medication", "contradiction", "Paracet 1 g omtrent tre dager i uken", "Paracet 1 g omtrent seks dager i uken", "seks dager i uken", "She takes paracetamol about three days a week."),
            ("symptom", "contradiction", "Hun benekter kvalme, lysømfintlighet,", "Hun har noe kvalme, men benekter lysømfintlighet,", "Hun har noe kvalme", "Negation flip: nausea was denied."),
            ("test_result", "contradiction", "Blodtrykket var normalt", "Blodtrykket var forhøyet", "Blodtrykket var forhøyet", "Blood pressure was normal."),
        ],
    },
    {
        "key": "itb-syndrom-loper",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 30, maratonløper, smerter lat. ve kne 5 u, kommer etter ca 5 km løping, verre nedover bakker. Økte mengde fra 40 til 70 km/u før debut. Ingen hevelse, ingen låsning. Palp.øm lat. femurkondyl ve. Noble pos ve, Ober pos ve. McMurray neg, leddlinje ikke øm. Beh: bløtdel TFL/vastus lat. ve, IMS glut med ve. Råd: red. mengde til 30 km/u, unngå bakker 2 u. Øv: hofteabd. styrke. Ko 2 u.",
        "clean": [
            ("S: Tretti år gammel mann som løper maraton. Han har hatt smerter på utsiden av venstre kne i fem uker. Smertene kommer etter omtrent fem kilometer løping og er verre i nedoverbakker. Før plagene startet økte han treningsmengden fra 40 til 70 kilometer i uken. Han benekter hevelse og låsning.\n"
             "O: Palpasjonsømhet over laterale femurkondyl på venstre side. Nobles test og Obers test er positive på venstre side. McMurrays test er negativ, og leddlinjen er ikke øm.\n"
             "A: Funnene er forenlige med iliotibialbåndsyndrom i venstre kne, trolig utløst av rask økning i treningsmengde.\n"
             "P: Bløtdelsbehandling av m. tensor fasciae latae og m. vastus lateralis på venstre side, og IMS av m. gluteus medius på venstre side. Han ble rådet til å redusere løpemengden til 30 kilometer i uken og unngå bakker i to uker. Styrkeøvelser for hofteabduktorene. Kontroll om to uker.",
             True,
             "Clean: km/u = kilometer i uken; TFL, vastus lat., glut med written out. ITB syndrome 'trolig' from the training increase is a hedged reading of lateral femoral condyle tenderness with positive Noble and Ober after a load jump."),
            ("Mann, 30 år, maratonløper. Fem uker med laterale knesmerter venstre, som kommer etter cirka 5 km og forverres i utforbakker. Økte fra 40 til 70 km per uke før plagene startet. Ingen hevelse eller låsninger.\n"
             "Funn: Øm over venstre laterale femurkondyl. Positiv Noble og Ober venstre. Negativ McMurray, uøm leddlinje.\n"
             "Tiltak: Bløtdelsbehandling av TFL og vastus lateralis venstre, IMS av venstre gluteus medius. Råd: ned til 30 km i uken og ingen bakker de neste to ukene. Styrketrening for hofteabduksjon. Ny time om 2 uker.",
             False,
             "Clean second paraphrase: utforbakker = nedoverbakker; uøm = ikke øm."),
        ],
        "faults": [
            ("test_result", "contradiction", "McMurrays test er negativ", "McMurrays test er positiv lateralt", "McMurrays test er positiv lateralt", "McMurray was negative."),
            ("timing", "contradiction", "venstre kne i fem uker", "venstre kne i fem måneder", "i fem måneder", "Duration was 5 weeks."),
            ("exam_finding", "contradiction", "og leddlinjen er ikke øm", "og det er ømhet over laterale leddlinje", "ømhet over laterale leddlinje", "The joint line was not tender."),
            ("plan", "contradiction", "unngå bakker i to uker", "unngå bakker i seks uker", "i seks uker", "Hills were to be avoided for 2 weeks."),
        ],
    },
]
