"""Hand-typed scenarios 10-18 (labeller label-h). Literals only; _write.py applies the edits.

Fault tuple: (fact_type, severity, old_text_in_clean1, new_text, span, note)
"""

SCENARIOS = [
    {
        "key": "ankel-inversjon-fotball",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 23, fotball. Inversjonstraume hø ankel i kamp i går. Kunne belaste 4 steg på banen og etterpå. Hevelse + blåmerke lat. malleol hø. Palp.øm ATFL hø, ikke øm bakkant/spiss lat. eller med. malleol, ikke øm basis 5. metatars eller os naviculare. Ottawa neg. Ant. skuffe lett pos hø m/ smerte, talar tilt neg. Beh: lymfedrenasje, tape. RICE-info, gradert belastning. Ko 4 d.",
        "clean": [
            ("S: Tjuetre år gammel mann som spiller fotball. Han fikk et inversjonstraume i høyre ankel under kamp i går. Han kunne gå fire steg på banen og har kunnet belaste foten etterpå.\n"
             "O: Hevelse og blåmerke rundt laterale malleol på høyre side. Palpasjonsømhet over ligamentum talofibulare anterius (ATFL) på høyre side. Ikke øm over bakkant eller spiss av laterale eller mediale malleol, og ikke øm over basis av femte metatars eller os naviculare. Ottawa ankelregler er dermed negative. Fremre skuffetest er lett positiv på høyre side med smerte, mens talar tilt-testen er negativ.\n"
             "A: Funnene er forenlige med en lateral ankelforstuing på høyre side med skade av ATFL, uten holdepunkter for fraktur.\n"
             "P: Lymfedrenasje og taping av ankelen. Pasienten fikk informasjon om RICE-prinsippet (ro, is, kompresjon og elevasjon) og gradert belastning. Kontroll om fire dager.",
             True,
             "Clean: ATFL = ligamentum talofibulare anterius; ant. skuffe = fremre skuffetest; RICE written out. 'Uten holdepunkter for fraktur' is the reading of negative Ottawa rules; the sprain with ATFL injury is a hedged reading of ATFL tenderness and a mildly positive anterior drawer."),
            ("Mann (23), fotballspiller. Vrikket høyre ankel innover i kamp i går. Klarte fire skritt og har belastet foten etterpå.\n"
             "Funn: Hevelse og hematom ved ytre ankelknoke høyre. Øm over ATFL høyre. Ingen ømhet over malleolene posteriort eller distalt, basis metatarsal V eller naviculare; negative Ottawa-regler. Anterior drawer lett positiv med smerte høyre, negativ talar tilt.\n"
             "Tiltak: Lymfedrenasje, tape. Råd om ro, is, kompresjon og høyt leie, og om gradvis økende belastning. Ny time om 4 dager.",
             False,
             "Clean second paraphrase: ytre ankelknoke = laterale malleol; hematom = blåmerke; inversjonstraume = vrikket innover."),
        ],
        "faults": [
            ("test_result", "contradiction", "talar tilt-testen er negativ", "talar tilt-testen er positiv", "talar tilt-testen er positiv", "Talar tilt was negative."),
            ("diagnosis", "invented", "en lateral ankelforstuing", "en grad III lateral ankelforstuing", "grad III", "No grade is given; a grade III (complete rupture) qualifier is unsupported and at odds with a negative talar tilt."),
            ("exam_finding", "invented", "Hevelse og blåmerke rundt laterale malleol på høyre side.", "Hevelse og blåmerke rundt laterale malleol på høyre side, og nedsatt sensibilitet på fotryggen.", "nedsatt sensibilitet på fotryggen", "No sensory finding is reported."),
            ("history", "invented", "under kamp i går.", "under kamp i går. Han har forstuet den samme ankelen tre ganger tidligere.", "Han har forstuet den samme ankelen tre ganger tidligere", "No earlier sprains are mentioned."),
        ],
    },
    {
        "key": "kjeve-tmd",
        "doc": "soap",
        "style": "full",
        "prompt": "Kvinne, 29 år, har i tre måneder hatt smerter foran venstre øre og i venstre kjeve, verst om morgenen og ved tygging av hard mat. Det klikker i venstre kjeveledd når hun gaper. Hun har ikke opplevd låsning av kjeven. Tannlegen har sagt at hun skjærer tenner om natten. Gapeevnen er 38 mm med smerte, og underkjeven deviierer mot venstre ved gaping. Det er palpasjonsømhet i m. masseter og m. temporalis på venstre side. Nakken har normal bevegelighet. Vi behandlet med triggerpunktbehandling av masseter og intraoral behandling av m. pterygoideus lateralis, og ga kjeveøvelser. Ny time om to uker.",
        "clean": [
            ("S: Tjueni år gammel kvinne med tre måneders smerter foran venstre øre og i venstre kjeve. Smertene er verst om morgenen og når hun tygger hard mat. Hun har klikking i venstre kjeveledd ved gaping, men har ikke hatt låsning. Ifølge tannlegen skjærer hun tenner om natten (bruksisme).\n"
             "O: Gapeevne 38 millimeter med smerte, og underkjeven avviker mot venstre ved gaping. Palpasjonsømhet i m. masseter og m. temporalis på venstre side. Normal bevegelighet i nakken.\n"
             "A: Funnene kan være forenlige med temporomandibulær dysfunksjon på venstre side.\n"
             "P: Triggerpunktbehandling av m. masseter og intraoral behandling av m. pterygoideus lateralis. Hun fikk kjeveøvelser. Ny time om to uker.",
             True,
             "Clean: skjære tenner = bruksisme; 38 mm = 38 millimeter; deviierer = avviker. TMD is a hedged reading of jaw pain, clicking, reduced painful opening and muscle tenderness."),
            ("Pasienten er en kvinne på 29 år med smerter i venstre kjeve og foran venstre øre gjennom tre måneder, verst om morgenen og ved tygging av hard mat. Det klikker i venstre kjeveledd når hun åpner munnen, men kjeven har ikke låst seg. Tannlegen har påpekt tanngnissing om natten.\n\n"
             "Ved undersøkelsen var gapeevnen 38 mm og smertefull, med deviasjon mot venstre. Masseter og temporalis var ømme på venstre side. Nakken beveget seg normalt.\n\n"
             "Hun ble behandlet med triggerpunktbehandling av masseter og intraoral behandling av pterygoideus lateralis, og fikk øvelser for kjeven. Ny time om to uker.",
             False,
             "Clean second paraphrase in prose; tanngnissing = skjærer tenner."),
        ],
        "faults": [
            ("laterality", "contradiction", "underkjeven avviker mot venstre", "underkjeven avviker mot høyre", "avviker mot høyre", "Deviation was to the left."),
            ("number", "contradiction", "Gapeevne 38 millimeter", "Gapeevne 28 millimeter", "28 millimeter", "Mouth opening was 38 mm."),
            ("symptom", "contradiction", "men har ikke hatt låsning", "og har hatt flere episoder med låsning", "har hatt flere episoder med låsning", "Negation flip: she has not had locking."),
            ("diagnosis", "invented", "temporomandibulær dysfunksjon på venstre side", "discusforskyvning uten reduksjon i venstre kjeveledd", "discusforskyvning uten reduksjon", "A specific disc diagnosis is unsupported (and clicking without locking argues against 'without reduction')."),
        ],
    },
    {
        "key": "gravid-bekken",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "K 31, gravid uke 28, 2. svangerskap. Bekkenleddsmerter bak bilat, ve>hø, 5 u. Verst v/ snu seg i senga, gå i trapper, lange turer. Ingen blødning, ingen sammentrekninger, ingen urinveisplager. P4 pos ve, lett pos hø. ASLR ve 2/5, hø 1/5. Palp.øm lange dorsale lig. ve. Symfyse ikke øm. Lx AROM ua. Beh: bløtdel glut bilat, mob SI ve i sideleie. Råd: bekkenbelte ved behov, pute mellom knær. Ko 2 u.",
        "clean": [
            ("S: Trettien år gammel kvinne, gravid i uke 28 i sitt andre svangerskap. Hun har hatt smerter bak i bekkenet på begge sider i fem uker, mest på venstre side. Smertene er verst når hun snur seg i sengen, går i trapper og går lange turer. Hun benekter blødning, sammentrekninger og plager fra urinveiene.\n"
             "O: P4-testen (posterior bekkensmerteprovokasjon) er positiv på venstre side og lett positiv på høyre side. Active straight leg raise (ASLR) skåres til 2/5 på venstre side og 1/5 på høyre side. Palpasjonsømhet over det lange dorsale ligamentet på venstre side. Symfysen er ikke øm. Aktiv bevegelighet i lumbalcolumna er uten anmerkning.\n"
             "A: Funnene er forenlige med svangerskapsrelaterte bekkenleddsmerter, mest uttalt på venstre side.\n"
             "P: Bløtdelsbehandling av setemuskulaturen bilateralt og mobilisering av venstre iliosakralledd i sideleie. Hun fikk råd om bruk av bekkenbelte ved behov og om å sove med en pute mellom knærne. Kontroll om to uker.",
             True,
             "Clean: P4 written out; glut = setemuskulaturen; SI = iliosakralledd. Pregnancy-related pelvic girdle pain is the reading of posterior pelvic pain in week 28 with positive P4 and ASLR."),
            ("Kvinne, 31 år, gravid uke 28 (andre svangerskap). Fem uker med smerter bak i bekkenet bilateralt, venstre verre enn høyre, verst ved vending i seng, trappegang og lange gåturer. Ingen blødning, ingen kontraksjoner og ingen urinveissymptomer.\n"
             "Funn: Positiv P4 venstre, svakt positiv høyre. ASLR 2/5 venstre, 1/5 høyre. Øm over det lange dorsale ligamentet venstre. Symfysen uøm. Normal aktiv bevegelighet i korsryggen.\n"
             "Behandling: Bløtdelsbehandling av gluteal muskulatur på begge sider, mobilisering av venstre SI-ledd i sideleie. Råd om bekkenbelte ved behov og pute mellom knærne. Ny time om to uker.",
             False,
             "Clean second paraphrase: kontraksjoner = sammentrekninger; uøm = ikke øm."),
        ],
        "faults": [
            ("timing", "contradiction", "gravid i uke 28", "gravid i uke 32", "uke 32", "She is in week 28."),
            ("red_flag", "contradiction", "Hun benekter blødning, sammentrekninger og plager fra urinveiene.", "Hun benekter sammentrekninger og plager fra urinveiene, men har hatt en liten blødning.", "men har hatt en liten blødning", "Negation flip: bleeding was denied."),
            ("medication", "invented", "om å sove med en pute mellom knærne.", "om å sove med en pute mellom knærne. Hun kan ta Ibux 200 mg ved sterke smerter.", "Ibux 200 mg ved sterke smerter", "No drug was advised (and ibuprofen in week 28 would be contraindicated)."),
            ("test_result", "contradiction", "og lett positiv på høyre side", "og negativ på høyre side", "negativ på høyre side", "P4 was mildly positive on the right, not negative."),
        ],
    },
    {
        "key": "isjias-l5-utfall",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 49, lastebilsjåfør. Utstrålende smerter ve ben til stortå, 6 u, startet v/ løft. Beinsmerter > ryggsmerter, NRS ben 7/10. Nummenhet fotrygg ve. Ingen ridebukse, normal vannlating/avføring. SLR pos ve 40°, krysset SLR neg. Sens. nedsatt L5 derm. ve. Stortåekst 4/5 ve, hælgang svak ve. PSR og ASR normale og sidelike. MR lx (2 u siden): prolaps L4/L5 ve m/ affeksjon av L5-rot ve. Beh: ingen manip lx, mob i sideleie, McKenzie ekst.øv. Info om varselsymptomer. Ko 1 u, henv. fastlege for vurd. ryggpoliklinikk om ikke bedre innen 2 u.",
        "clean": [
            ("S: Førtini år gammel mann som arbeider som lastebilsjåfør. Han har i seks uker hatt utstrålende smerter i venstre ben ned til stortåen, etter et løft. Bensmertene er verre enn ryggsmertene, og bensmerten er 7/10 på NRS. Han har nummenhet på fotryggen på venstre side. Han benekter nummenhet i setet (ridebukseanestesi) og har normal vannlating og avføring. MR av lumbalcolumna for to uker siden viste et prolaps i nivå L4/L5 på venstre side med affeksjon av venstre L5-rot.\n"
             "O: Lasègues test er positiv på venstre side ved 40 grader, krysset Lasègue er negativ. Nedsatt sensibilitet i L5-dermatomet på venstre side. Kraften i stortåekstensjonen er 4/5 på venstre side, og hælgang er svak på venstre side. Patellar- og akillesrefleksene er normale og sidelike.\n"
             "A: Klinisk bilde og MR-funn er forenlige med venstresidig L5-radikulopati som følge av prolaps L4/L5.\n"
             "P: Manipulasjon av lumbalcolumna ble ikke utført. Mobilisering i sideleie og McKenzie-øvelser med ekstensjon. Han ble informert om varselsymptomer. Kontroll om én uke, og henvisning til fastlege for vurdering av ryggpoliklinikk dersom han ikke er bedre innen to uker.",
             True,
             "Clean: SLR = Lasègue; ridebukse = nummenhet i setet; PSR/ASR = patellar- og akillesrefleks; L5 radiculopathy is the hedged reading of L5 sensory loss and weakness with the MR finding."),
            ("Mann, 49 år, lastebilsjåfør. Seks uker med isjias i venstre ben ned til stortåen etter løft; bensmerter verre enn ryggsmerter (NRS 7/10 i benet). Nummen fotrygg venstre. Ingen sadelanestesi, ingen endring i blære- eller tarmfunksjon.\n"
             "Funn: Positiv SLR venstre ved 40°, negativ krysset SLR. Redusert sensibilitet i venstre L5-dermatom. Svak ekstensjon av stortåen (4/5) og svak hælgang venstre. PSR og ASR normale og like på begge sider.\n"
             "MR lumbalcolumna for 2 uker siden: prolaps L4–L5 venstre som påvirker venstre L5-rot.\n"
             "Tiltak: Ingen manipulasjon av korsryggen. Mobilisering i sideleie og McKenzie ekstensjonsøvelser. Informert om varselsymptomer. Kontroll om 1 uke. Henvises til fastlege for vurdering av ryggpoliklinikk om han ikke er bedre innen 2 uker.",
             False,
             "Clean second paraphrase: isjias for utstrålende bensmerter; sadelanestesi = ridebukse; L4/L5 = L4–L5."),
        ],
        "faults": [
            ("level", "contradiction", "Nedsatt sensibilitet i L5-dermatomet", "Nedsatt sensibilitet i S1-dermatomet", "S1-dermatomet", "Sensory loss was in the L5 dermatome."),
            ("exam_finding", "contradiction", "Patellar- og akillesrefleksene er normale og sidelike.", "Patellarrefleksen er normal, men akillesrefleksen er svekket på venstre side.", "akillesrefleksen er svekket på venstre side", "Invented reflex finding: ASR was normal and symmetric."),
            ("imaging", "invented", "prolaps i nivå L4/L5 på venstre side", "prolaps i nivå L4/L5 med sekvestrering på venstre side", "med sekvestrering", "The MR report says nothing about sequestration."),
            ("red_flag", "contradiction", "Han benekter nummenhet i setet (ridebukseanestesi) og har normal vannlating og avføring.", "Han benekter nummenhet i setet (ridebukseanestesi), men har hatt noe problemer med å tømme blæren.", "men har hatt noe problemer med å tømme blæren", "Voiding was normal."),
        ],
    },
    {
        "key": "lumbago-sykmelding",
        "doc": "sick_leave",
        "style": "shorthand",
        "prompt": "K 40, sykepleier. Akutt lumbago i går v/ forflytning av pasient. Smerter lx sentralt, ingen utstråling. NRS 8/10. Red flags: ingen ridebukse, ingen blære/tarm-forst., ingen feber, ingen vekttap, ingen tidl. kreft, ingen traume. Lx AROM fleks sterkt red. pga smerte, antalgisk holdning. SLR neg bilat. Nevro us. ua. Beh: mob lx, bløtdel paravert. Råd: holde seg i aktivitet. Sykmelding 100% 5 d, deretter vurdere gradert. Ko 3 d.",
        "clean": [
            ("Vurdering for sykmelding\n\n"
             "Førti år gammel kvinne som arbeider som sykepleier. Hun fikk akutte korsryggsmerter i går da hun forflyttet en pasient. Smertene sitter sentralt i lumbalcolumna uten utstråling, med intensitet 8/10 på NRS. Hun benekter ridebukseanestesi, forstyrrelser i blære- eller tarmfunksjon, feber, vekttap, tidligere kreft og traume.\n\n"
             "Ved undersøkelse er fleksjon i lumbalcolumna sterkt redusert på grunn av smerte, og hun har en antalgisk holdning. Lasègues test er negativ bilateralt, og nevrologisk undersøkelse er uten anmerkning.\n\n"
             "Vurdering: Akutt lumbago uten tegn til nerverotaffeksjon eller alvorlig underliggende sykdom.\n\n"
             "Tiltak: Mobilisering av lumbalcolumna og bløtdelsbehandling av paravertebral muskulatur. Hun er rådet til å holde seg i aktivitet. Hun sykmeldes 100 % i fem dager, deretter vurderes gradert sykmelding. Kontroll om tre dager.",
             True,
             "Clean: red flags gathered into one 'benekter'; 'uten tegn til nerverotaffeksjon eller alvorlig underliggende sykdom' is the reading of negative SLR, normal neurology and a negative red-flag screen."),
            ("Kvinne, 40 år, sykepleier. Akutt oppståtte smerter i korsryggen i går under forflytning av en pasient. Sentrale lumbale smerter uten utstråling, NRS 8/10. Screening for røde flagg er negativ: ingen sadelanestesi, normal blære- og tarmfunksjon, ingen feber, intet vekttap, ingen tidligere kreft og ingen skade.\n"
             "Funn: Kraftig nedsatt fleksjon i korsryggen grunnet smerte, antalgisk stilling. Negativ SLR begge sider. Normale nevrologiske funn.\n"
             "Behandling og råd: Mobilisering av lumbalcolumna og behandling av paravertebral muskulatur. Oppfordret til å være i aktivitet.\n"
             "Sykmelding: 100 % i 5 dager, deretter vurderes gradert sykmelding. Ny kontroll om 3 dager.",
             False,
             "Clean second paraphrase: 'ingen blære/tarm-forst.' = normal blære- og tarmfunksjon; skade = traume."),
        ],
        "faults": [
            ("red_flag", "contradiction", "feber, vekttap, tidligere kreft og traume.", "feber, tidligere kreft og traume, men har hatt et ufrivillig vekttap på fire kilo.", "men har hatt et ufrivillig vekttap på fire kilo", "Negation flip: weight loss was denied."),
            ("plan", "contradiction", "Hun sykmeldes 100 % i fem dager", "Hun sykmeldes 100 % i to uker", "100 % i to uker", "Sick leave was 100 % for 5 days."),
            ("symptom", "contradiction", "uten utstråling", "med utstråling til høyre lår", "med utstråling til høyre lår", "No radiation."),
            ("diagnosis", "invented", "Vurdering: Akutt lumbago uten", "Vurdering: Akutt lumbalt skiveprolaps uten", "Akutt lumbalt skiveprolaps", "A disc prolapse is unsupported: no radiation, negative SLR, normal neurology, no imaging."),
        ],
    },
    {
        "key": "menisk-henvisning-ortoped",
        "doc": "letter",
        "style": "full",
        "prompt": "Henvisning til ortoped. Mann 38 år, vridningsskade i høyre kne under padel for tre uker siden. Han har hatt gjentatte episoder der kneet låser seg og han må vri det løs. Kneet hovnet opp dagen etter skaden, nå bare lett hevelse. Det er ømhet over mediale leddspalte. McMurrays test og Thessalys test er positive medialt i høyre kne. Lachmans test er negativ og kneet er stabilt i varus og valgus. Ekstensjonen mangler 5 grader. Det er ikke tatt bilder. Vi ber om vurdering med tanke på MR og eventuell artroskopi. Han har ingen tidligere kneskader.",
        "clean": [
            ("Til ortoped\n\nHenvisning: Mistanke om medial meniskskade i høyre kne\n\n"
             "Vi henviser en 38 år gammel mann som for tre uker siden fikk en vridningsskade i høyre kne under padelspill. Han har siden hatt gjentatte episoder der kneet låser seg, og han må vri det løs. Kneet hovnet opp dagen etter skaden; nå er det bare lett hevelse. Han har ingen tidligere kneskader.\n\n"
             "Klinisk undersøkelse viser ømhet over mediale leddspalte. McMurrays test og Thessalys test er positive medialt i høyre kne. Lachmans test er negativ, og kneet er stabilt ved varus- og valgusstress. Det mangler 5 grader på full ekstensjon. Det er ikke tatt bildediagnostikk.\n\n"
             "Funnene gir mistanke om en medial meniskskade med mekaniske symptomer. Vi ber om vurdering med tanke på MR og eventuell artroskopi.\n\n"
             "Med vennlig hilsen\nKiropraktor",
             True,
             "Clean: the suspected medial meniscus injury is the reading of a twisting injury, locking, joint-line tenderness and positive McMurray and Thessaly medially."),
            ("Kjære kollega\n\nJeg vil be om din vurdering av en mann på 38 år med vridningstraume mot høyre kne under padel for tre uker siden. Han har hatt flere låsningsepisoder der han må vri kneet løs. Hevelsen kom dagen etter skaden og er nå lett. Han har ikke hatt kneskader tidligere.\n\n"
             "Undersøkelse: Øm medial leddspalte. Positiv McMurray og positiv Thessaly medialt høyre. Negativ Lachman, stabilt for varus og valgus. Ekstensjonsdefisitt 5°. Ingen bilder er tatt.\n\n"
             "Jeg ber om vurdering av MR og eventuelt artroskopi.\n\n"
             "Vennlig hilsen\nKiropraktor",
             False,
             "Clean second paraphrase: 'ekstensjonsdefisitt 5°' = ekstensjonen mangler 5 grader."),
        ],
        "faults": [
            ("test_result", "contradiction", "Lachmans test er negativ", "Lachmans test er positiv", "Lachmans test er positiv", "Lachman was negative."),
            ("history", "contradiction", "Han har ingen tidligere kneskader.", "Han har tidligere gjennomgått en korsbåndsrekonstruksjon i høyre kne.", "korsbåndsrekonstruksjon i høyre kne", "He has no previous knee injuries."),
            ("imaging", "contradiction", "Det er ikke tatt bildediagnostikk.", "Røntgen av kneet er uten frakturtegn.", "Røntgen av kneet er uten frakturtegn", "No imaging has been done."),
            ("laterality", "contradiction", "positive medialt i høyre kne", "positive lateralt i høyre kne", "positive lateralt", "McMurray and Thessaly were positive medially; medial/lateral flipped in the findings only."),
        ],
    },
    {
        "key": "melding-trening-etter-beh",
        "doc": "message",
        "style": "full",
        "prompt": "Svar til pasient på melding. Hun lurer på om hun kan trene etter behandlingen i går for nakkesmerter. Svar: Lett trening som gåtur og sykling er fint allerede i dag. Vent med tung styrketrening for skuldre og nakke til etter neste time. Litt ømhet 1–2 dager etter behandling er vanlig. Ta kontakt dersom hun får nummenhet i armene eller sterkere hodepine. Neste time er torsdag kl. 10.30.",
        "clean": [
            ("Hei!\n\nTakk for meldingen din. Lett trening, som en gåtur eller sykling, er helt fint allerede i dag. Vi anbefaler at du venter med tung styrketrening for skuldre og nakke til etter neste time. Det er vanlig å kjenne seg litt øm én til to dager etter behandling. Dersom du får nummenhet i armene eller kraftigere hodepine, må du ta kontakt med oss.\n\n"
             "Vi ses torsdag klokken 10.30.\n\n"
             "Vennlig hilsen\nKlinikken",
             False,
             "Clean: 1–2 dager = én til to dager; kl. = klokken; sterkere = kraftigere."),
            ("Hei,\n\nså fint at du tar kontakt. Du kan gjerne gå tur eller sykle rolig i dag. Tung styrketrening for nakke og skuldre bør vente til vi har sett deg igjen. Litt ømhet i en dag eller to etter behandlingen er normalt. Kontakt oss hvis du merker nummenhet i armene eller hodepinen blir sterkere.\n\n"
             "Neste time er torsdag kl. 10:30.\n\n"
             "Hilsen klinikken",
             False,
             "Clean second paraphrase: 10.30 = 10:30; 'til vi har sett deg igjen' = til etter neste time."),
        ],
        "faults": [
            ("plan", "contradiction", "Vi ses torsdag klokken 10.30.", "Vi ses fredag klokken 10.30.", "fredag", "The next appointment is Thursday."),
            ("medication", "invented", "én til to dager etter behandling.", "én til to dager etter behandling, og du kan ta Paracet 500 mg ved behov.", "Paracet 500 mg ved behov", "No drug advice was given."),
            ("timing", "contradiction", "én til to dager etter behandling", "én til to uker etter behandling", "én til to uker", "Expected soreness is 1–2 days."),
        ],
    },
    {
        "key": "kontroll-korsrygg-4beh",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "Ko 4. beh. M 36, smerter hø korsrygg, startet for 3 u siden. Bedre, NRS 3/10 (var 7/10 v/ første kons.). Sitter 1 t uten smerter nå. Ingen utstråling. Lx AROM fleks nesten full, ekst lett smertefull hø. Palp.øm + hypomob L4-L5 hø, mindre enn sist. Prone instability test neg. Beh: mob L4-L5 hø, hvla SI hø, trp QL hø. Progresjon øv. Plan: ko 2 u, avslutte om fortsatt bedring.",
        "clean": [
            ("Oppfølgingsnotat, fjerde behandling\n\n"
             "S: Trettiseks år gammel mann med smerter på høyre side i korsryggen som startet for tre uker siden. Han er bedre og angir nå smerte 3/10 på NRS, mot 7/10 ved første konsultasjon. Han kan nå sitte i én time uten smerter. Ingen utstråling.\n"
             "O: Fleksjon i lumbalcolumna er nesten full, mens ekstensjon gir lett smerte på høyre side. Palpasjonsømhet og hypomobilitet i L4–L5 på høyre side, mindre enn ved forrige konsultasjon. Prone instability-test er negativ.\n"
             "A: Bedring av høyresidige korsryggsmerter.\n"
             "P: Mobilisering av L4–L5 høyre, HVLA-manipulasjon av høyre iliosakralledd og triggerpunktbehandling av m. quadratus lumborum på høyre side. Øvelsene ble progrediert. Kontroll om to uker; behandlingen avsluttes dersom bedringen fortsetter.",
             False,
             "Clean follow-up note: 'Ko 4. beh.' = fjerde behandling; 1 t = én time; QL = m. quadratus lumborum; hvla SI = HVLA-manipulasjon av iliosakralledd."),
            ("Kontroll (4. behandling). Mann, 36 år, høyresidige lumbale smerter som startet for 3 uker siden. Bedring: NRS 3 av 10, ned fra 7 av 10 ved første konsultasjon. Tåler nå å sitte en time uten smerte. Ingen utstrålende smerter.\n"
             "Undersøkelse: Nær full fleksjon i korsryggen; lett smerte høyre ved ekstensjon. Mindre ømhet og stivhet i L4-L5 høyre enn sist. Negativ prone instability test.\n"
             "Behandling: Mobilisering L4-L5 høyre, HVLA mot høyre SI-ledd, triggerpunktbehandling av høyre quadratus lumborum. Progresjon av hjemmeøvelser.\n"
             "Plan: Ny kontroll om 2 uker, avslutning dersom bedringen fortsetter.",
             False,
             "Clean second paraphrase: 'stivhet' for hypomob; hjemmeøvelser for øv."),
        ],
        "faults": [
            ("number", "contradiction", "mot 7/10 ved første konsultasjon", "mot 9/10 ved første konsultasjon", "9/10", "NRS at the first visit was 7/10."),
            ("level", "contradiction", "hypomobilitet i L4–L5 på høyre side", "hypomobilitet i L5–S1 på høyre side", "L5–S1", "The tender segment was L4-L5; changed in the findings only."),
            ("timing", "contradiction", "som startet for tre uker siden", "som startet for tre måneder siden", "tre måneder siden", "Onset was 3 weeks ago."),
            ("diagnosis", "invented", "A: Bedring av høyresidige korsryggsmerter.", "A: Bedring av høyresidig lumbal radikulopati.", "lumbal radikulopati", "No radiation or neurological signs; radiculopathy is unsupported."),
        ],
    },
    {
        "key": "barn-sever",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "G 11, fotball 4x/u. Smerter bak i ve hæl 6 u, verre etter trening, halter etter kamper. Ingen nattesmerter, ingen feber, ingen hevelse. Squeeze-test calcaneus pos ve, neg hø. Palp.øm apofyse calcaneus ve. Stram gastrocsoleus bilat, dorsalfleks 5° ve, 10° hø. Akillessene ua. Beh: info om Sever/vekstrelatert, avlastning m/ hælkopp, red. treningsmengde, tøyning legg. Ko 4 u.",
        "clean": [
            ("S: Elleve år gammel gutt som spiller fotball fire ganger i uken. Han har hatt smerter bak i venstre hæl i seks uker. Smertene forverres etter trening, og han halter etter kamper. Han benekter nattesmerter, feber og hevelse.\n"
             "O: Klemtest av calcaneus er positiv på venstre side og negativ på høyre side. Palpasjonsømhet over calcaneusapofysen på venstre side. Stram gastrocnemius og soleus bilateralt, med dorsalfleksjon i ankelen på 5 grader venstre og 10 grader høyre. Akillessenen er uten anmerkning.\n"
             "A: Funnene er forenlige med Severs sykdom (calcaneusapofysitt) i venstre hæl.\n"
             "P: Han ble informert om at dette er en vekstrelatert tilstand. Avlastning med hælkopp, redusert treningsmengde og tøyning av leggmuskulaturen. Kontroll om fire uker.",
             True,
             "Clean: G 11 = elleve år gammel gutt; 4x/u = fire ganger i uken; squeeze-test = klemtest. Sever's disease is named in the prompt's plan; calcaneusapofysitt is its description."),
            ("Gutt, 11 år, fotballspiller (fire økter i uken). Seks uker med smerter bak i venstre hæl, verst etter trening; halter etter kamp. Ingen smerter om natten, ikke feber, ingen hevelse.\n"
             "Funn: Positiv squeeze-test av venstre calcaneus, negativ høyre. Øm apofyse venstre calcaneus. Stramme legger begge sider; dorsalfleksjon 5° venstre og 10° høyre. Normal akillessene.\n"
             "Vurdering: Kan passe med Severs sykdom venstre.\n"
             "Tiltak: Informasjon om at plagene er vekstrelaterte. Hælkopp for avlastning, mindre trening og tøyning av leggen. Ny time om 4 uker.",
             True,
             "Clean second paraphrase: gastrocsoleus = legger; ua = normal."),
        ],
        "faults": [
            ("laterality", "contradiction", "over calcaneusapofysen på venstre side", "over calcaneusapofysen på høyre side", "calcaneusapofysen på høyre side", "Apophysis tenderness was on the left; flipped here only."),
            ("red_flag", "contradiction", "Han benekter nattesmerter, feber og hevelse.", "Han benekter feber og hevelse, men våkner av smerter om natten.", "men våkner av smerter om natten", "Negation flip: night pain was denied."),
            ("history", "invented", "bak i venstre hæl i seks uker.", "bak i venstre hæl i seks uker. Han hadde samme plager i høyre hæl i fjor.", "Han hadde samme plager i høyre hæl i fjor", "No earlier episode is mentioned."),
            ("exam_finding", "contradiction", "Akillessenen er uten anmerkning.", "Akillessenen er fortykket og øm på venstre side.", "Akillessenen er fortykket og øm på venstre side", "The Achilles tendon was normal (ua)."),
        ],
    },
]
