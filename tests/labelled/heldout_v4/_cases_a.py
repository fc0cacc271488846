"""Hand-typed scenarios 1-9 (labeller label-h). Literals only; _write.py applies the edits.

Fault tuple: (fact_type, severity, old_text_in_clean1, new_text, span, note)
"""

SCENARIOS = [
    {
        "key": "cervikogen-hodepine",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "K 34, kontorarb. Hodepine fra nakke hø side, 6 u, 3-4 dager/u. Verre etter lange dager v/ PC. NRS 5/10. Ingen aura, ingen kvalme, ingen synsforst. Cx AROM: rot hø nedsatt ca 20°, øvrig ua. Palp.øm subocc. hø, C1-C2 hø hypomob. Flex-rot test pos hø. Nevro us. ua. Beh: mob C1-C2 hø, trp subocc. Ergonomiråd. Ko 1 u.",
        "clean": [
            ("S: Trettifire år gammel kvinne som jobber på kontor. Hun har hatt hodepine som starter i høyre side av nakken de siste seks ukene, tre til fire dager i uken. Hodepinen forverres etter lange dager foran PC-en. Smerteintensitet NRS 5/10. Hun benekter aura, kvalme og synsforstyrrelser.\n"
             "O: Aktiv bevegelighet i cervikalcolumna viser redusert rotasjon mot høyre med omtrent 20 grader; øvrige bevegelser er uten anmerkning. Palpasjonsømhet suboksipitalt på høyre side og nedsatt bevegelighet i C1–C2 til høyre. Fleksjon-rotasjonstesten er positiv mot høyre. Nevrologisk undersøkelse er uten anmerkning.\n"
             "A: Funnene er forenlige med cervikogen hodepine.\n"
             "P: Mobilisering av C1–C2 høyre og triggerpunktbehandling av suboksipital muskulatur. Hun fikk ergonomiske råd. Kontroll om én uke.",
             True,
             "Clean: K 34 = trettifire år gammel kvinne; ua = uten anmerkning; subocc. = suboksipitalt; Flex-rot = fleksjon-rotasjonstesten. Cervicogenic headache is a hedged reading of headache from the neck with a positive flexion-rotation test."),
            ("Kvinne (34), kontorarbeider, med nakkerelatert hodepine på høyre side gjennom 6 uker, 3–4 dager per uke, verst etter lange dager ved datamaskinen. Smerte 5 av 10. Ingen aura, kvalme eller synsforstyrrelser.\n"
             "Undersøkelse: Rotasjon til høyre i nakken er redusert med cirka 20°, ellers fri bevegelighet. Øm suboksipital muskulatur høyre. Hypomobilitet C1-C2 høyre, positiv fleksjon-rotasjonstest høyre. Normal nevrologisk status.\n"
             "Behandling: Mobilisering C1-C2 høyre og triggerpunktbehandling suboksipitalt. Råd om ergonomi. Ny kontroll om 1 uke.",
             False,
             "Clean second paraphrase: PC = datamaskinen; 'Smerte 5 av 10' for NRS 5/10; denials gathered."),
        ],
        "faults": [
            ("laterality", "contradiction", "Fleksjon-rotasjonstesten er positiv mot høyre", "Fleksjon-rotasjonstesten er positiv mot venstre", "positiv mot venstre", "Flexion-rotation test was positive to the right; side flipped in this one place only."),
            ("red_flag", "contradiction", "Hun benekter aura, kvalme og synsforstyrrelser.", "Hun benekter aura og kvalme, men beskriver synsforstyrrelser.", "men beskriver synsforstyrrelser", "Negation flip: visual disturbance was denied (ingen synsforst.)."),
            ("medication", "invented", "Hun fikk ergonomiske råd.", "Hun fikk ergonomiske råd og kan bruke Paracet 1 g ved behov, inntil tre ganger daglig.", "Paracet 1 g ved behov, inntil tre ganger daglig", "No drug was mentioned in the prompt."),
            ("timing", "contradiction", "de siste seks ukene", "de siste seks månedene", "seks månedene", "Duration was 6 weeks (6 u)."),
        ],
    },
    {
        "key": "bppv-hoyre",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "K 67, svimmelhet v/ snu seg i senga og se opp, 10 d. Anfall <1 min. Ingen hørselstap, ingen tinnitus, ingen hodepine. Dix-Hallpike pos hø m/ rotatorisk nystagmus, neg ve. Supine roll neg bilat. Cx AROM ua. Beh: Epley hø x2. Info om mulig ettersvimmelhet. Ko 1 u, ev. henv. ØNH hvis ikke bedring.",
        "clean": [
            ("S: Sekstisju år gammel kvinne med svimmelhet gjennom ti dager, utløst når hun snur seg i sengen og når hun ser opp. Anfallene varer under ett minutt. Hun benekter hørselstap, tinnitus og hodepine.\n"
             "O: Dix-Hallpikes test er positiv på høyre side med rotatorisk nystagmus og negativ på venstre side. Supine roll-test er negativ bilateralt. Aktiv bevegelighet i nakken er uten anmerkning.\n"
             "A: Funnene kan tyde på benign paroksysmal posisjonsvertigo (BPPV) i høyre bakre buegang.\n"
             "P: Epleys manøver ble utført to ganger på høyre side. Pasienten ble informert om at hun kan kjenne litt ettersvimmelhet. Kontroll om én uke, eventuelt henvisning til øre-nese-hals-lege dersom hun ikke blir bedre.",
             True,
             "Clean: 10 d = ti dager; <1 min = under ett minutt; x2 = to ganger; ØNH = øre-nese-hals-lege. BPPV of the right posterior canal is a hedged reading of a positive right Dix-Hallpike with rotatory nystagmus, treated with Epley."),
            ("Kvinne, 67 år. Posisjonsutløst svimmelhet i 10 dager, ved vending i seng og ved å se opp. Hvert anfall varer kortere enn et minutt. Ingen hørselstap, tinnitus eller hodepine.\n"
             "Undersøkelse: Positiv Dix-Hallpike høyre med rotatorisk nystagmus, negativ venstre. Negativ supine roll-test begge sider. Normal aktiv bevegelighet i cervikalcolumna.\n"
             "Tiltak: Epley-manøver høyre, utført to ganger. Informert om mulig ettersvimmelhet. Ny time om 1 uke; hvis ingen bedring vurderes henvisning til ØNH.",
             False,
             "Clean second paraphrase, no assessment line."),
        ],
        "faults": [
            ("test_result", "contradiction", "Supine roll-test er negativ bilateralt", "Supine roll-test er positiv på venstre side", "Supine roll-test er positiv på venstre side", "Supine roll test was negative on both sides."),
            ("number", "contradiction", "Epleys manøver ble utført to ganger", "Epleys manøver ble utført fire ganger", "fire ganger", "Epley was done twice (x2)."),
            ("symptom", "contradiction", "Hun benekter hørselstap, tinnitus og hodepine.", "Hun benekter hørselstap og hodepine, men har tinnitus på høyre øre.", "men har tinnitus på høyre øre", "Negation flip: tinnitus was denied."),
            ("plan", "contradiction", "Kontroll om én uke, eventuelt henvisning til øre-nese-hals-lege dersom hun ikke blir bedre.", "Kontroll om én uke, og hun henvises til øre-nese-hals-lege.", "og hun henvises til øre-nese-hals-lege", "The ENT referral was conditional (ev. ... hvis ikke bedring); here it is made unconditional."),
        ],
    },
    {
        "key": "whiplash-wad",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 28, påkjørt bakfra i bil 10 d siden, ~30 km/t. Nakkesmerter bilat, ve>hø, stivhet. Hodepine 2-3 dager/u. Ingen nummenhet/prikking i armer. Var på legevakt dagen etter, ingen rtg, Canadian C-spine rule neg. NDI 24%. Cx AROM red. alle retn., rot ve 50°, rot hø 60°. Palp.øm trap ve, lev.scap ve. Spurling neg bilat. Nevro us. ua. Beh: bløtdel, mob tx, ingen manip cx. Hjemmeøv. Ko 1 u.",
        "clean": [
            ("S: Tjueåtte år gammel mann som ble påkjørt bakfra i bil for ti dager siden, i omtrent 30 km/t. Han har nakkesmerter på begge sider, mest på venstre side, og opplever stivhet. Hodepine to til tre dager i uken. Han benekter nummenhet og prikking i armene. Han var på legevakten dagen etter ulykken; det ble ikke tatt røntgen, og Canadian C-spine rule var negativ. Neck Disability Index er 24 %.\n"
             "O: Aktiv bevegelighet i nakken er redusert i alle retninger, med rotasjon til venstre 50 grader og til høyre 60 grader. Palpasjonsøm m. trapezius og m. levator scapulae på venstre side. Spurlings test er negativ bilateralt. Nevrologisk undersøkelse uten anmerkning.\n"
             "A: Bildet er forenlig med en nakkeslengskade (WAD grad II).\n"
             "P: Bløtdelsbehandling og mobilisering av brystryggen. Det ble ikke utført manipulasjon av nakken. Hjemmeøvelser ble gjennomgått. Kontroll om én uke.",
             True,
             "Clean: NDI = Neck Disability Index; tx = brystryggen; 'ingen manip cx' = ikke manipulasjon av nakken. WAD grade II is a hedged reading: neck pain after rear-end collision with reduced ROM and tenderness, normal neurology."),
            ("Mann, 28 år. Bilulykke for 10 dager siden (påkjørt bakfra, ca. 30 km/t). Bilaterale nakkesmerter, verst venstre, med stivhet. Hodepine 2–3 dager hver uke. Ingen nummenhet eller prikking i armene. Undersøkt på legevakt dagen etter uten røntgen; negativ Canadian C-spine rule. NDI 24 %.\n"
             "Funn: Nedsatt bevegelighet i cervikalcolumna i alle retninger (rotasjon venstre 50°, høyre 60°). Ømhet i venstre trapezius og levator scapulae. Negativ Spurling på begge sider. Normal nevrologisk undersøkelse.\n"
             "Behandling: Bløtdelsteknikker og mobilisering av thorakalcolumna; nakken ble ikke manipulert. Hjemmeøvelser. Kontroll om en uke.",
             False,
             "Clean second paraphrase: bilulykke for 'påkjørt bakfra i bil'; cervikalcolumna/thorakalcolumna for cx/tx."),
        ],
        "faults": [
            ("imaging", "contradiction", "det ble ikke tatt røntgen", "røntgen av nakken viste ingen fraktur", "røntgen av nakken viste ingen fraktur", "No X-ray was taken (ingen rtg)."),
            ("number", "contradiction", "rotasjon til venstre 50 grader", "rotasjon til venstre 30 grader", "venstre 30 grader", "Left rotation was 50°."),
            ("laterality", "contradiction", "mest på venstre side", "mest på høyre side", "mest på høyre side", "Pain was worse on the left (ve>hø)."),
            ("plan", "contradiction", "Det ble ikke utført manipulasjon av nakken.", "Det ble utført manipulasjon av nakken.", "Det ble utført manipulasjon av nakken", "Cervical manipulation was explicitly not done (ingen manip cx)."),
        ],
    },
    {
        "key": "thorakal-t5t6",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 45, smerter midt i ryggen mellom skulderbladene, 3 u, startet etter maling av tak. Verre v/ dyp inspirasjon og rot. Ingen brystsmerter, ingen tungpust, ingen feber. NRS 6/10. Tx AROM rot hø smertefull. Palp.øm + hypomob T5-T6 hø, costotransv. ledd T6 hø øm. Beh: hvla T5-T6, mob costotransv. T6 hø, trp rhomb. hø. Ko 5 d.",
        "clean": [
            ("S: Mann, førtifem år, med smerter midt i ryggen mellom skulderbladene gjennom tre uker. Plagene startet etter at han malte et tak. Smertene forverres ved dyp innånding og ved rotasjon. Han benekter brystsmerter, tungpust og feber. Smerteintensitet 6/10 på NRS.\n"
             "O: Aktiv rotasjon av thorakalcolumna mot høyre er smertefull. Palpasjonsømhet og hypomobilitet i segmentet T5–T6 til høyre, og det kostotransversale leddet ved T6 på høyre side er ømt.\n"
             "A: Funnene taler for en segmentell dysfunksjon i thorakalcolumna med affeksjon av kostotransversalleddet T6 høyre.\n"
             "P: HVLA-manipulasjon av T5–T6, mobilisering av kostotransversalleddet T6 høyre og triggerpunktbehandling av m. rhomboideus på høyre side. Kontroll om fem dager.",
             True,
             "Clean: T5-T6 = T5–T6; inspirasjon = innånding; hvla = HVLA-manipulasjon; rhomb. = m. rhomboideus. Segmental dysfunction is a hedged reading of local tenderness and hypomobility."),
            ("45 år gammel mann. Tre uker med smerter mellom skulderbladene etter takmaling. Verre ved å puste dypt inn og ved vridning. Ingen smerter i brystet, ikke tungpust, ingen feber. NRS 6/10.\n"
             "Undersøkelse: Smerte ved aktiv høyrerotasjon av brystryggen. Øm og stiv T5-T6 høyre, øm kostotransversalledd T6 høyre.\n"
             "Behandling: Høyhastighetsmanipulasjon (HVLA) T5-T6, mobilisering av kostotransversalledd T6 høyre, triggerpunktbehandling av høyre rhomboideus. Ny time om 5 dager.",
             False,
             "Clean second paraphrase: 'øm og stiv' for palp.øm + hypomob; vridning for rotasjon."),
        ],
        "faults": [
            ("level", "contradiction", "hypomobilitet i segmentet T5–T6 til høyre", "hypomobilitet i segmentet T7–T8 til høyre", "T7–T8", "The tender hypomobile segment was T5-T6; changed in the findings only."),
            ("red_flag", "contradiction", "Han benekter brystsmerter, tungpust og feber.", "Han benekter tungpust og feber, men har hatt trykkende brystsmerter.", "men har hatt trykkende brystsmerter", "Negation flip: chest pain was denied."),
            ("timing", "contradiction", "gjennom tre uker", "gjennom tre dager", "tre dager", "Duration was 3 weeks (3 u)."),
            ("number", "contradiction", "6/10 på NRS", "8/10 på NRS", "8/10", "NRS was 6/10."),
        ],
    },
    {
        "key": "skulder-subakromial",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "K 52, frisør. Smerter hø skulder 2 mnd, gradvis debut, ingen traume. Vondt v/ arbeid over skulderhøyde og ligge på hø side om natten. Painful arc 70-120° pos, Hawkins pos hø, Neer pos hø, Jobe svakhet 4/5 hø m/ smerte, drop arm neg, ER styrke ua. AROM fleks 160° hø/180° ve. Beh: trp infraspinatus/supraspinatus hø, mob GH. Øv: isometrisk ER, scapulastab. Ko 2 u.",
        "clean": [
            ("S: Femtito år gammel kvinne som arbeider som frisør. Hun har hatt smerter i høyre skulder i to måneder med gradvis debut og uten forutgående traume. Smertene kommer ved arbeid over skulderhøyde og når hun ligger på høyre side om natten.\n"
             "O: Smertefull bue mellom 70 og 120 grader. Hawkins-Kennedys test og Neers test er positive på høyre side. Jobes test viser svakhet, kraft 4/5, med smerte på høyre side. Drop arm-testen er negativ, og styrken i utadrotasjon er normal. Aktiv fleksjon er 160 grader i høyre skulder mot 180 grader i venstre.\n"
             "A: Funnene er forenlige med subakromialt smertesyndrom i høyre skulder, mulig med affeksjon av supraspinatussenen.\n"
             "P: Triggerpunktbehandling av m. infraspinatus og m. supraspinatus på høyre side samt mobilisering av glenohumeralleddet. Hun fikk øvelser med isometrisk utadrotasjon og skulderbladstabilisering. Kontroll om to uker.",
             True,
             "Clean: painful arc = smertefull bue; Hawkins = Hawkins-Kennedy; ER = utadrotasjon; GH = glenohumeralleddet. Subacromial pain with possible supraspinatus involvement is a hedged reading of painful arc, Hawkins, Neer and Jobe with weakness."),
            ("Kvinne, 52 år, frisør. To måneder med gradvis økende smerter i høyre skulder, ingen skade. Vondt ved arbeid med armene over skulderhøyde og når hun ligger på høyre side om natten.\n"
             "Funn: Positiv painful arc (70–120°). Positiv Hawkins og Neer høyre. Jobe: smerte og nedsatt kraft (4/5) høyre. Negativ drop arm. Utadrotasjonsstyrke uten anmerkning. Fleksjon 160° høyre, 180° venstre.\n"
             "Behandling: Triggerpunktbehandling av infraspinatus og supraspinatus høyre, mobilisering av glenohumeralleddet. Hjemmeøvelser: isometrisk utadrotasjon og stabilisering av scapula. Ny time om 2 uker.",
             False,
             "Clean second paraphrase; 'ingen skade' for ingen traume."),
        ],
        "faults": [
            ("test_result", "contradiction", "Drop arm-testen er negativ", "Drop arm-testen er positiv", "Drop arm-testen er positiv", "Drop arm was negative."),
            ("imaging", "invented", "mot 180 grader i venstre.", "mot 180 grader i venstre. Ultralyd av skulderen har vist tendinose i supraspinatussenen.", "Ultralyd av skulderen har vist tendinose i supraspinatussenen", "No ultrasound is mentioned in the prompt."),
            ("number", "contradiction", "kraft 4/5", "kraft 3/5", "kraft 3/5", "Jobe strength was 4/5."),
            ("history", "invented", "uten forutgående traume.", "uten forutgående traume. Hun ble operert for impingement i venstre skulder i 2019.", "Hun ble operert for impingement i venstre skulder i 2019", "No previous operation is mentioned."),
        ],
    },
    {
        "key": "lateral-epikondylalgi",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 44, snekker. Smerter lat. ve albue 4 mnd, verre v/ grep og løft av verktøy. Prøvd Voltaren gel uten effekt. Palp.øm lat. epikondyl ve. Cozen pos ve, Mill pos ve, grepsstyrke red. ve (dynamometer 28 kg ve / 46 kg hø). Cx ua. Beh: IMS ekst. carpi rad. brevis ve, tgp underarm. Eksentriske øv. Avlastning med epikondylittstropp. Ko 2 u.",
        "clean": [
            ("S: Førtifire år gammel mann som arbeider som snekker. Han har hatt smerter på utsiden av venstre albue i fire måneder, verst ved grep og når han løfter verktøy. Han har prøvd Voltaren gel uten effekt.\n"
             "O: Palpasjonsømhet over laterale epikondyl på venstre side. Cozens test og Mills test er positive på venstre side. Grepsstyrken er redusert på venstre side, målt med dynamometer til 28 kg mot 46 kg på høyre side. Nakken er uten anmerkning.\n"
             "A: Funnene er forenlige med lateral epikondylalgi (tennisalbue) på venstre side.\n"
             "P: Intramuskulær stimulering (IMS) av m. extensor carpi radialis brevis på venstre side og triggerpunktbehandling av underarmsmuskulaturen. Han fikk eksentriske øvelser og råd om avlastning med epikondylittstropp. Kontroll om to uker.",
             True,
             "Clean: lat. = utsiden/laterale; tgp = triggerpunktbehandling; IMS written out. Lateral epicondylalgia is a hedged reading of lateral epicondyle tenderness with positive Cozen and Mill."),
            ("Mann, 44 år, snekker. Fire måneder med laterale albuesmerter venstre, forverret ved grep og løft av verktøy. Voltaren gel har ikke hjulpet.\n"
             "Undersøkelse: Øm over venstre laterale epikondyl. Positiv Cozen og Mill venstre. Nedsatt grepsstyrke: 28 kg venstre og 46 kg høyre. Cervikalcolumna uten anmerkning.\n"
             "Tiltak: IMS av extensor carpi radialis brevis venstre og triggerpunktbehandling i underarmen. Eksentriske øvelser. Avlastning med tennisalbuestropp. Kontroll om 2 uker.",
             False,
             "Clean second paraphrase: tennisalbuestropp = epikondylittstropp."),
        ],
        "faults": [
            ("medication", "contradiction", "Han har prøvd Voltaren gel uten effekt.", "Han har prøvd Ibux 400 mg tre ganger daglig uten effekt.", "Ibux 400 mg tre ganger daglig", "He had tried Voltaren gel, not ibuprofen tablets."),
            ("number", "contradiction", "28 kg mot 46 kg", "38 kg mot 46 kg", "38 kg", "Left grip was 28 kg."),
            ("timing", "contradiction", "i fire måneder", "i fire uker", "i fire uker", "Duration was 4 months (4 mnd)."),
            ("diagnosis", "contradiction", "lateral epikondylalgi (tennisalbue)", "medial epikondylalgi (golfalbue)", "medial epikondylalgi (golfalbue)", "Findings were lateral; the diagnosis is changed to the medial side condition."),
        ],
    },
    {
        "key": "karpaltunnel-henvisning",
        "doc": "letter",
        "style": "full",
        "prompt": "Henvisning til fastlege. Kvinne 58 år med nummenhet og prikking i tommel, pekefinger og langfinger på høyre hånd i fire måneder, verst om natten. Hun våkner to til tre netter i uken og rister hånden. Phalens test og Tinels tegn over karpaltunnelen er positive på høyre side. Tommelmuskulaturen er noe atrofisk høyre, og to-punkts diskriminasjon er nedsatt i pekefingeren. Spurlings test er negativ og nakken er fri. Hun har diabetes type 2. Ønsker nevrografi for å bekrefte diagnosen og vurdering av henvisning til håndkirurg. Vi har gitt håndleddsskinne til bruk om natten.",
        "clean": [
            ("Til fastlege\n\nHenvisning: spørsmål om karpaltunnelsyndrom, høyre hånd\n\n"
             "Vi har undersøkt en 58 år gammel kvinne med fire måneders nummenhet og prikking i tommel, pekefinger og langfinger på høyre hånd. Plagene er verst om natten, og hun våkner to til tre netter per uke og må riste hånden.\n\n"
             "Ved undersøkelse er Phalens test og Tinels tegn over karpaltunnelen positive på høyre side. Det er lett atrofi av tenarmuskulaturen på høyre side, og to-punkts diskriminasjon er nedsatt i pekefingeren. Spurlings test er negativ, og nakken har fri bevegelighet. Pasienten har diabetes type 2.\n\n"
             "Funnene kan tyde på et karpaltunnelsyndrom på høyre side. Vi ber om at det tas nevrografi for å bekrefte diagnosen, og at henvisning til håndkirurg vurderes. Hun har fått en håndleddsskinne til bruk om natten.\n\n"
             "Med vennlig hilsen\nKiropraktor",
             True,
             "Clean: tenarmuskulaturen = tommelmuskulaturen; 'noe atrofisk' = lett atrofi. The prompt itself speaks of confirming 'the diagnosis'; carpal tunnel syndrome is the hedged reading of the findings."),
            ("Kjære kollega,\n\nTakk for at du tar imot denne henvisningen. Det gjelder en kvinne på 58 år som de siste fire månedene har hatt prikking og nummenhet i første til tredje finger på høyre hånd. Symptomene er verst nattestid; to–tre netter i uken våkner hun og må riste hånden.\n\n"
             "Funn: Positiv Phalen og positiv Tinel over karpaltunnelen på høyre side. Noe atrofi av tommelballen høyre. Nedsatt topunktsdiskriminasjon i 2. finger. Negativ Spurling, fri nakke. Kjent diabetes mellitus type 2.\n\n"
             "Vi ønsker nevrografi for å bekrefte diagnosen og ber deg vurdere henvisning til håndkirurg. Pasienten bruker nå nattskinne for håndleddet.\n\n"
             "Vennlig hilsen\nkiropraktoren",
             False,
             "Clean second paraphrase: første til tredje finger = tommel, pekefinger, langfinger; 2. finger = pekefinger; tommelballen = tommelmuskulaturen."),
        ],
        "faults": [
            ("laterality", "contradiction", "karpaltunnelsyndrom, høyre hånd", "karpaltunnelsyndrom, venstre hånd", "karpaltunnelsyndrom, venstre hånd", "Right hand; flipped in the heading only."),
            ("history", "contradiction", "Pasienten har diabetes type 2.", "Pasienten har diabetes type 1.", "diabetes type 1", "She has type 2 diabetes."),
            ("plan", "invented", "Hun har fått en håndleddsskinne til bruk om natten.", "Hun har fått en håndleddsskinne til bruk om natten. Ny kontroll hos oss om tre uker.", "Ny kontroll hos oss om tre uker", "No follow-up interval was decided."),
            ("exam_finding", "invented", "Det er lett atrofi av tenarmuskulaturen på høyre side, og", "Det er lett atrofi av tenarmuskulaturen og nedsatt kraft i tommelabduksjon på høyre side, og", "nedsatt kraft i tommelabduksjon", "No strength testing of thumb abduction is reported."),
        ],
    },
    {
        "key": "hofteartrose-eldre",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "M 71, pensjonist. Smerter ve lyske/hofte 1 år, gradvis verre siste 3 mnd. Morgenstivhet <30 min. Går 2 km før smerter. Rtg bekken (fastlege, 03/26): moderat artrose ve hofte, lett hø. Hofte PROM ve: IR 10°, fleks 95°, smerte i lyske. FADIR pos ve. Trendelenburg neg. Bruker Paracet 1 g x2 ved behov. Beh: mob hofte ve, trp glut med ve. Øv: styrke hofte, sykling. Ko 3 u.",
        "clean": [
            ("S: Syttien år gammel mann, pensjonist, med smerter i venstre lyske og hofte gjennom ett år, gradvis forverret de siste tre månedene. Morgenstivheten varer under 30 minutter. Han går to kilometer før smertene kommer. Røntgen av bekkenet tatt hos fastlegen i mars 2026 viste moderat artrose i venstre hofte og lett artrose i høyre. Han bruker Paracet 1 g to ganger daglig ved behov.\n"
             "O: Passiv bevegelighet i venstre hofte: innadrotasjon 10 grader og fleksjon 95 grader, med smerte i lysken. FADIR-testen er positiv på venstre side. Trendelenburgs test er negativ.\n"
             "A: Funnene er forenlige med symptomgivende hofteartrose på venstre side.\n"
             "P: Mobilisering av venstre hofte og triggerpunktbehandling av m. gluteus medius på venstre side. Han fikk styrkeøvelser for hoften og råd om sykling. Kontroll om tre uker.",
             True,
             "Clean: 03/26 = mars 2026; PROM = passiv bevegelighet; IR = innadrotasjon; glut med = m. gluteus medius. Symptomatic hip OA is supported by the X-ray plus findings."),
            ("Mann, 71 år. Ett års smerter i venstre hofte og lyske, verre de siste 3 månedene. Stiv om morgenen i mindre enn en halvtime. Gangdistanse 2 km før smerte. Røntgen bekken (mars 2026, rekvirert av fastlege): moderate artroseforandringer i venstre hofte, lette i høyre. Tar paracetamol 1 g inntil to ganger om dagen ved behov.\n"
             "Funn: Venstre hofte: innadrotasjon 10°, fleksjon 95°, lyskesmerte. Positiv FADIR venstre. Negativ Trendelenburg.\n"
             "Vurdering: Kan passe med artrose i venstre hofte.\n"
             "Behandling: Mobilisering av venstre hofteledd, triggerpunktbehandling av venstre gluteus medius. Styrkeøvelser for hofte og sykling. Kontroll om 3 uker.",
             True,
             "Clean second paraphrase: Paracet = paracetamol; <30 min = mindre enn en halvtime."),
        ],
        "faults": [
            ("imaging", "contradiction", "moderat artrose i venstre hofte", "uttalt artrose i venstre hofte", "uttalt artrose", "The X-ray showed moderate, not marked, OA."),
            ("medication", "contradiction", "Paracet 1 g to ganger daglig", "Paracet 500 mg to ganger daglig", "Paracet 500 mg", "Dose was 1 g."),
            ("number", "contradiction", "innadrotasjon 10 grader", "innadrotasjon 30 grader", "innadrotasjon 30 grader", "Internal rotation was 10°."),
            ("test_result", "contradiction", "Trendelenburgs test er negativ.", "Trendelenburgs test er positiv på venstre side.", "Trendelenburgs test er positiv på venstre side", "Trendelenburg was negative."),
        ],
    },
    {
        "key": "patellofemoral-jente",
        "doc": "soap",
        "style": "shorthand",
        "prompt": "J 16, orienteringsløper, smerter foran i begge knær hø>ve, 2 mnd. Verre v/ trapper ned, sitte lenge m/ bøyde knær, løping i bakker. Ingen hevelse, ingen låsning, ingen traume. Palp. med. patellakant hø øm. Clarke neg. Lachman/skuffe neg, menisktester neg bilat. Svak hofteabd. hø 4/5. Single leg squat: dynamisk valgus hø. Beh: bløtdel quad/TFL, taping patella hø. Øv: hofte/knestyrke, red. løpsmengde 50% 3 u. Ko 3 u.",
        "clean": [
            ("S: Seksten år gammel jente som driver med orientering. Hun har hatt smerter foran i begge knær i to måneder, mest i høyre. Smertene forverres når hun går ned trapper, sitter lenge med bøyde knær og løper i bakker. Hun benekter hevelse, låsning og traume.\n"
             "O: Det er ømhet ved palpasjon av mediale patellakant på høyre side. Clarkes test er negativ. Lachmans test og skuffetest er negative, og menisktestene er negative bilateralt. Hofteabduksjonen er svak på høyre side med kraft 4/5. Ved knebøy på ett ben ses dynamisk valgus i høyre kne.\n"
             "A: Funnene kan passe med patellofemoralt smertesyndrom, mest uttalt i høyre kne.\n"
             "P: Bløtdelsbehandling av quadriceps og tensor fasciae latae samt taping av høyre patella. Hun fikk styrkeøvelser for hofte og kne, og løpsmengden reduseres med 50 prosent i tre uker. Kontroll om tre uker.",
             True,
             "Clean: J 16 = seksten år gammel jente; single leg squat = knebøy på ett ben; TFL = tensor fasciae latae. PFP is a hedged reading of anterior knee pain with stairs/sitting, negative ligament and meniscus tests."),
            ("Jente, 16 år, orienteringsløper. To måneder med fremre knesmerter bilateralt, høyre verre enn venstre. Verst i trapp nedover, ved langvarig sitting med bøyde knær og ved bakkeløping. Ingen hevelse, ingen låsninger, ingen skade.\n"
             "Undersøkelse: Øm medialt langs høyre kneskål. Negativ Clarke. Negative Lachman, skuffetest og menisktester på begge sider. Nedsatt abduksjonskraft i høyre hofte (4/5). Dynamisk valgus høyre ved ettbens knebøy.\n"
             "Behandling: Bløtdelsbehandling av lårmuskulatur og TFL, taping av høyre kneskål. Styrketrening for hofte og kne. Løpemengden halveres de neste tre ukene. Ny time om 3 uker.",
             False,
             "Clean second paraphrase: kneskål = patella; halveres = 50 %."),
        ],
        "faults": [
            ("laterality", "contradiction", "ses dynamisk valgus i høyre kne", "ses dynamisk valgus i venstre kne", "dynamisk valgus i venstre kne", "Dynamic valgus was on the right."),
            ("symptom", "contradiction", "Hun benekter hevelse, låsning og traume.", "Hun benekter låsning og traume, men har merket hevelse i høyre kne.", "men har merket hevelse i høyre kne", "Negation flip: swelling was denied."),
            ("plan", "contradiction", "reduseres med 50 prosent i tre uker", "reduseres med 50 prosent i seks uker", "i seks uker", "The running reduction was for 3 weeks."),
            ("exam_finding", "invented", "Clarkes test er negativ.", "Clarkes test er negativ. Det er krepitasjon ved bøy og strekk i høyre kne.", "krepitasjon ved bøy og strekk i høyre kne", "No crepitus is reported."),
        ],
    },
]
