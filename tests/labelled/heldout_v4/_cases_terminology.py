"""Hand-typed cases for terminology_v4.jsonl (issue 16), labeller label-t.

valid(key, kind, doc_type, prompt, output, house_style): a note as a chiropractor writes it.
fault(twin, kind, old, new, span): the faulty twin of valid note `twin`: its output with the literal
substring `old` replaced by the hand-typed `new`, which plants exactly one terminology fault. The
span is `new` unless given. Every old/new pair is typed by hand; nothing is generated.
"""

VALID = []
FAULTY = []


def valid(key, kind, doc_type, prompt, output, house_style="bokmal"):
    VALID.append(dict(key=key, kind=kind, doc_type=doc_type, prompt=prompt, output=output,
                      house_style=house_style))


def fault(twin, kind, old, new, span=None, note=""):
    FAULTY.append(dict(twin=twin, kind=kind, old=old, new=new, span=new if span is None else span,
                       note=note))


# ============================================================== valid notes, Bokmål (clean)
valid("v01", "clean", "soap",
      "K 41, nakke hø 2 u etter lang kjøretur, hodepine bak øyet hø. Ingen parestesier.",
      "S: Kvinne, 41 år, med nakkesmerter på høyre side i to uker etter en lang kjøretur. Hodepine som "
      "stråler fra nakken og frem bak høyre øye, verst på ettermiddagen. Ingen parestesier i armene.\n"
      "O: Rotasjon hø red til 60°, ekstensjon smertefull. Palp.øm m. trapezius pars descendens og "
      "m. splenius capitis hø. Triggerpunkt i m. sternocleidomastoideus hø gjenskaper hodepinen. "
      "Spurling neg, foramenkompresjonstest neg bilat.\n"
      "A: L83 Nakkesyndrom med cervikogen hodepine.\n"
      "P: Mobilisering C1–C3, bvb m. trapezius og m. splenius. Ergonomiråd for bilkjøring. Ko 1 u.")
fault("v01", "misspelling", "Triggerpunkt i", "Trigerpunkt i", span="Trigerpunkt",
      note="missing letter")

valid("v02", "clean", "soap",
      "M 52, lx-smerter m/stråling ve lår og legg 10 d. SLR pos ve v/35°, krysset neg. "
      "Svekket dorsalfleksjon stortå ve.",
      "S: Mann, 52 år, med korsryggsmerter og utstråling ned på baksiden av venstre lår og ut i leggen "
      "i ti dager. Nummenhet over fotryggen. Normal vannlating og avføring.\n"
      "O: Antalgisk holdning, skjevstilt mot høyre (lateralshift). SLR positiv venstre ved 35°, krysset SLR "
      "negativ. Kraft i m. extensor hallucis longus 4/5 venstre, øvrig kraft ua. Akilles- og "
      "patellarrefleks ua. Nedsatt sensibilitet for berøring i L5-dermatomet venstre.\n"
      "A: L86 Ryggsyndrom med smerteutstråling, nerverotaffeksjon L5 venstre.\n"
      "P: Avlastende stillinger og forsiktig mobilisering. Informert om røde flagg ved "
      "vannlatingsforstyrrelser eller nummenhet i setet. Ko om tre dager.")
fault("v02", "misspelling", "nerverotaffeksjon", "nerverotaffkesjon", note="swapped letters")

valid("v03", "clean", "soap",
      "K 58, ve skulder 3 mnd, nattsmerter, vondt å ta på jakka. Passiv utadrotasjon red ve.",
      "S: Kvinne, 58 år, med smerter i venstre skulder i tre måneder. Våkner av smerter når hun ligger "
      "på venstre side, og har vondt når hun tar på seg jakken.\n"
      "O: Aktiv og passiv utadrotasjon redusert til 30° venstre, abduksjon 90°. Stram endefølelse. "
      "Jobes test og Hawkins-Kennedy ua i det tilgjengelige bevegelsesutslaget. Palpasjonsømhet over "
      "m. teres minor og fremre kapsel.\n"
      "A: L92 Skuldersyndrom, forenlig med adhesiv kapsulitt (frossen skulder).\n"
      "P: Informasjon om forventet forløp, pendeløvelser og passive tøyninger i smertefri sone. Ved "
      "manglende bedring vurderes henvisning til fastlege med tanke på kortisoninjeksjon. Ko 2 u.")
fault("v03", "code_mismatch", "L92 Skuldersyndrom", "L93 Skuldersyndrom",
      note="L93 is Tennisalbue")

valid("v04", "clean", "letter",
      "Brev til fastlege: M 45, snekker, hø albue lateralt 4 mnd, Cozen pos, Mill pos, grepsstyrke red.",
      "Til fastlegen\n\n"
      "Vi har behandlet en 45 år gammel snekker for smerter lateralt i høyre albue gjennom fire "
      "måneder. Cozens test og Mills test er positive, og grepsstyrken målt med dynamometer er 28 kg "
      "høyre mot 46 kg venstre. Det er palpasjonsømhet over utspringet til m. extensor carpi radialis "
      "brevis på epicondylus lateralis. Funnene er forenlige med L93 Tennisalbue. Han har fått "
      "eksentriske øvelser og en avlastende albuestropp. Siden plagene har vart lenge og påvirker "
      "arbeidet, ber vi om at du vurderer sykmelding eller tilrettelegging.\n\n"
      "Med vennlig hilsen\nKiropraktor")
fault("v04", "english_leak", "eksentriske øvelser", "eccentric loading exercises",
      note="English phrase inside a Norwegian sentence")

valid("v05", "clean", "sick_leave",
      "Sykmelding M 29 sykepleier, akutt lx etter løft av pasient, ingen stråling. 50 % 1 uke.",
      "Sykmelding\n\n"
      "Diagnose: L84 Ryggsyndrom uten smerteutstråling.\n"
      "Mann, 29 år, sykepleier på sengepost. Akutte korsryggsmerter etter forflytning av en pasient i "
      "går. Ingen utstråling til bena, nevrologisk us ua. Han klarer ikke forflytninger eller lange "
      "vakter nå. Gradert sykmelding 50 % i én uke, med tilrettelegging uten tunge løft. Ny vurdering "
      "ved kontroll.")
fault("v05", "invalid_code", "L84 Ryggsyndrom", "L22 Ryggsyndrom", span="L22",
      note="L22 falls in the gap L20–L26")

valid("v06", "clean", "message",
      "SMS til pasient: husk øvelser for skulderbladene, ny time tirsdag kl. 09.15.",
      "Hei! Husk de tre øvelsene for skulderbladene: roing med strikk, Y-løft på magen og veggpress. "
      "Gjør dem hver dag frem til neste time tirsdag kl. 09.15. Mvh klinikken")
fault("v06", "swedish", "Gjør dem hver dag frem til neste time",
      "Gör dem varje dag fram till nästa besök", note="Swedish sentence")

valid("v07", "clean", "soap",
      "G 16, fotball, overtråkk ve ankel i går, klarte ikke gå. Ømhet bak laterale malleol.",
      "S: Gutt, 16 år, tråkket over på venstre ankel på fotballtrening i går. Klarte ikke å belaste "
      "etter skaden.\n"
      "O: Uttalt hevelse lateralt. Ømhet ved palpasjon langs bakkanten av laterale malleol og over "
      "basis av os metatarsale V. Klarer ikke fire skritt i undersøkelsesrommet. Ottawa ankelregler "
      "positive.\n"
      "A: L77 Forstuing/forstrekking ankel, fraktur ikke utelukket.\n"
      "P: Henvist samme dag til legevakt for røntgen av ankel og fot. Krykker og avlastning til svar "
      "foreligger.")
fault("v07", "code_mismatch", "L77 Forstuing/forstrekking ankel", "L78 Forstuing/forstrekking ankel",
      note="L78 is the knee")

valid("v08", "clean", "soap",
      "K 71, begge knær, verst hø, stivhet etter hvile, krepitasjon. Går tur daglig.",
      "S: Kvinne, 71 år, med smerter i begge knær gjennom flere år, verst i høyre. Startstivhet etter "
      "hvile og smerter etter lange turer. Går tur daglig.\n"
      "O: Lett valgusstilling høyre kne. Krepitasjon ved fleksjon, fleksjon 115° hø og 130° ve. Ingen "
      "hydrops, ligamentær stabilitet ua. Ømhet over mediale leddspalte hø.\n"
      "A: L90 Kneartrose bilateralt, mest uttalt høyre.\n"
      "P: Styrketrening for m. quadriceps femoris og hofteabduktorene, sykling på ergometersykkel. "
      "Informert om AktivA-programmet. Ko 3 u.")
fault("v08", "misspelling", "Krepitasjon ved", "Krepitajson ved", span="Krepitajson",
      note="swapped letters")

valid("v09", "clean", "soap",
      "K 48, nummenhet tommel-langfinger hø om natten 2 mnd, rister hånden. Phalen pos, Tinel pos.",
      "S: Kvinne, 48 år, med nattlig nummenhet i tommel, pekefinger og langfinger på høyre hånd i to "
      "måneder. Våkner og rister hånden for å få følelsen tilbake.\n"
      "O: Phalens test positiv etter 30 sekunder, Tinels tegn positivt over karpaltunnelen høyre. "
      "Topunktsdiskriminasjon 6 mm i pekefingeren hø mot 4 mm ve. Ingen atrofi av thenarmuskulaturen, "
      "kraft i m. abductor pollicis brevis ua. Spurling neg, ULTT1 ua.\n"
      "A: N93 Karpaltunnelsyndrom høyre.\n"
      "P: Nattskinne i nøytral håndleddsstilling og nerveglidingsøvelser. Henvises fastlege for "
      "nevrografi ved manglende bedring etter seks uker.")
fault("v09", "code_mismatch", "N93 Karpaltunnelsyndrom", "N92 Karpaltunnelsyndrom",
      note="N92 is trigeminusnevralgi")

valid("v10", "clean", "soap",
      "K 35, hodepine bilat pannen/tinning, pressende, 3-4 d/uke, mye skjermarbeid. Nevro us ua.",
      "S: Kvinne, 35 år, med pressende, båndformet hodepine i panne og tinninger tre til fire dager i "
      "uken. Mye skjermarbeid. Ingen kvalme, lysskyhet eller aura.\n"
      "O: Nevrologisk undersøkelse ua, inkludert kranienerver og Romberg. Økt tonus og ømhet i "
      "m. temporalis og suboccipitalmuskulaturen bilat. Fremskutt hodeholdning.\n"
      "A: N95 Tensjonshodepine.\n"
      "P: Bløtvevsbehandling suboccipitalt, øvelser for dype nakkefleksorer og pauseøvelser ved "
      "skjermen. Hodepinedagbok til neste time. Ko 2 u.")
fault("v10", "invalid_code", "N95 Tensjonshodepine", "N14 Tensjonshodepine", span="N14",
      note="N14 falls in the gap N08–N16")

valid("v11", "clean", "letter",
      "Henvisning MR lx: M 60, stråling hø legg 8 u tross beh, progredierende parese stortå.",
      "Til radiologisk avdeling\n\n"
      "Henvisning til MR av lumbalcolumna.\n"
      "Mann, 60 år, med smerter i korsryggen og utstråling til høyre legg i åtte uker. Til tross for "
      "behandling har kraften i stortåens dorsalfleksjon avtatt fra 4/5 til 3/5 på tre uker. SLR "
      "positiv høyre ved 40°, nedsatt sensibilitet på fotryggen høyre. Blære- og tarmfunksjon "
      "normal.\n"
      "Klinisk problemstilling: L86 Ryggsyndrom med smerteutstråling med progredierende parese. "
      "Spørsmål om skiveprolaps L4/L5 med rotkompresjon.\n\n"
      "Med vennlig hilsen\nKiropraktor")
fault("v11", "english_leak", "Spørsmål om skiveprolaps L4/L5 med rotkompresjon.",
      "Query disc herniation L4/L5 with nerve root compression.", note="English sentence")

valid("v12", "clean", "soap",
      "M 33, smerter mellom skulderbladene etter flytting, vondt ved dyp innpust. Ikke feber.",
      "S: Mann, 33 år, med smerter mellom skulderbladene siden flyttingen for fem dager siden. Stikker "
      "ved dyp innpust og ved rotasjon. Ingen feber, hoste eller tungpust.\n"
      "O: Nedsatt segmentell bevegelighet T4–T6, palpasjonsømhet over costotransversalleddene T5 hø. "
      "Springing-test smertefull T5. M. rhomboideus major hø øm og hyperton.\n"
      "A: L02 Ryggsymptomer/-plager, torakalt.\n"
      "P: Mobilisering av torakalcolumna og ribbeinsledd, bvb m. rhomboideus. Pusteøvelser. Ko ved "
      "behov.")
fault("v12", "misspelling", "M. rhomboideus major", "M. rhombotrapezius", span="rhombotrapezius",
      note="invented anatomy: no such muscle (v3 has no own kind for it)")

valid("v13", "valid_out_of_chapter", "soap",
      "M 64, lx-smerter 3 u, kjent høyt blodtrykk på medisin. BT 148/92 målt i dag.",
      "S: Mann, 64 år, med korsryggsmerter uten utstråling i tre uker. Kjent hypertensjon, bruker "
      "amlodipin 5 mg daglig.\n"
      "O: BT 148/92 i sittende stilling. Redusert fleksjon i lumbalcolumna, Schobers test 3 cm. "
      "Palpasjonsøm m. quadratus lumborum bilat. Nevrologisk us ua.\n"
      "A: L84 Ryggsyndrom uten smerteutstråling. K86 Hypertensjon ukomplisert.\n"
      "P: Mobilisering og bvb m. quadratus lumborum, gåturer daglig. Anbefalt å ta med "
      "blodtrykksmålingene til fastlegen ved neste kontroll.")
fault("v13", "danish",
      "Anbefalt å ta med blodtrykksmålingene til fastlegen ved neste kontroll.",
      "Det anbefales at han tager blodtryksmålingerne med til sin egen læge.",
      note="Danish sentence")

valid("v14", "valid_out_of_chapter", "soap",
      "K 67, type 2 diabetes, vondt under hælen ve om morgenen 2 mnd.",
      "S: Kvinne, 67 år, med type 2-diabetes i ti år. Smerter under venstre hæl, verst ved de første "
      "skrittene om morgenen, i to måneder.\n"
      "O: Palpasjonsømhet ved festet til plantarfascien på tuber calcanei venstre. Windlass-test "
      "positiv. Monofilamenttest ua bilat, pulser i a. dorsalis pedis palpable.\n"
      "A: L17 Fot-/tåsymptomer/-plager, forenlig med plantarfasciitt. T90 Diabetes type 2.\n"
      "P: Tøyning av plantarfascien og leggmuskulaturen, innleggssåle med hælkopp. Oppfordret til "
      "årlig fotundersøkelse hos fastlegen.")
fault("v14", "wrong_system", "T90 Diabetes type 2", "E11 Diabetes type 2", span="E11",
      note="ICD-10 E11 in a line of ICPC-2 codes")

valid("v15", "valid_out_of_chapter", "soap",
      "K 55, svimmel ved snuing i sengen 1 u, sekunder. Dix-Hallpike pos hø med rotatorisk nystagmus.",
      "S: Kvinne, 55 år, med korte anfall av svimmelhet i en uke, utløst når hun snur seg i sengen mot "
      "høyre eller ser opp. Anfallene varer under et minutt. Ingen hørselstap, tinnitus eller "
      "nevrologiske utfall.\n"
      "O: Dix-Hallpike positiv høyre med geotrop rotatorisk nystagmus etter kort latens, negativ "
      "venstre. Head impulse test normal. Romberg ua, finger-nese-prøve ua.\n"
      "A: H82 Vertigosyndrom, forenlig med benign paroksysmal posisjonsvertigo i bakre buegang høyre.\n"
      "P: Epleys manøver utført to ganger med bedring. Informert om at plagene kan komme tilbake. Ko om "
      "en uke.")
fault("v15", "misspelling", "rotatorisk nystagmus", "rotatorisk nystagums", span="nystagums",
      note="swapped letters")

valid("v16", "valid_out_of_chapter", "soap",
      "K 31, gravid uke 26, smerter over symfysen og ve SI-ledd, vondt å snu seg i sengen.",
      "S: Kvinne, 31 år, gravid i uke 26. Smerter over symfysen og i venstre seteregion, verst når hun "
      "snur seg i sengen og når hun går i trapper.\n"
      "O: Positiv P4-test (posterior bekkensmerteprovokasjon) venstre, aktiv SLR-test med "
      "tyngdefølelse venstre. Palpasjonsøm over lig. sacroiliacum dorsale longum ve og symfysen.\n"
      "A: L03 Korsryggsymptomer/-plager (svangerskapsrelaterte bekkenleddsmerter). W78 Svangerskap.\n"
      "P: Bekkenbelte ved lengre gange, råd om å snu seg med knærne samlet. Stabiliserende øvelser for "
      "m. transversus abdominis og setemuskulaturen. Ko 2 u.")
fault("v16", "written_standard_mix",
      "Smerter over symfysen og i venstre seteregion, verst når hun snur seg i sengen og når hun går i "
      "trapper.",
      "Ho har vondt over symfysen og i venstre seteregion, verst når ho snur seg i senga og når ho går i "
      "trapper.", note="Nynorsk sentence in a Bokmål note")

valid("v17", "valid_out_of_chapter", "soap",
      "M 44, langvarige nakke- og skuldersmerter, sover dårlig, kjent depresjon behandlet av fastlege.",
      "S: Mann, 44 år, med nakke- og skuldersmerter i over et år, mest på venstre side. Sover dårlig og "
      "våkner tidlig. Kjent depresjon (P76), følges opp av fastlegen og bruker sertralin 50 mg.\n"
      "O: Bevegelighet i cervikalcolumna lett redusert i alle retninger. Generell palpasjonsømhet i "
      "m. trapezius og m. levator scapulae bilat, ingen nevrologiske utfall. Spurling neg.\n"
      "A: L83 Nakkesyndrom, langvarig. P06 Søvnforstyrrelse.\n"
      "P: Rolig oppstart med gradert aktivitet, gåturer og lett styrketrening. Samarbeid med fastlegen "
      "om søvn og smerte. Ko 2 u.")
fault("v17", "misspelling", "sertralin 50 mg", "sertarlin 50 mg", span="sertarlin",
      note="drug name, swapped letters")

valid("v18", "valid_out_of_chapter", "soap",
      "K 73, torakale smerter etter fall på glattisen, bruker Eliquis for atrieflimmer.",
      "S: Kvinne, 73 år, falt på glattisen for fire dager siden og har siden hatt smerter i midtre del "
      "av brystryggen. Bruker Eliquis 5 mg x 2 for kjent atrieflimmer.\n"
      "O: Punktøm over processus spinosus T8. Smerter ved dyp innpust. Ingen hematom.\n"
      "A: Mistanke om kompresjonsbrudd T8. K78 Atrieflimmer/-flutter.\n"
      "P: Ingen manipulasjon på grunn av antikoagulasjon og mulig fraktur. Henvist til legevakt for "
      "røntgen av torakalcolumna samme dag.")
fault("v18", "invalid_code", "K78 Atrieflimmer", "K23 Atrieflimmer", span="K23",
      note="K23 falls in the gap K22–K24")

# ============================================================== valid notes, Nynorsk house style
valid("v19", "nynorsk_clean", "soap",
      "K 27, nakke og hovudverk etter kollisjon i handball for 3 dagar sidan. Canadian C-spine neg.",
      "S: Kvinne, 27 år, med smerter i nakken og hovudverk etter ein kollisjon på handballtrening for "
      "tre dagar sidan. Ingen tap av medvit, kvalme eller synsforstyrringar.\n"
      "O: Canadian C-spine-reglane negative. Rørsla i nakken er nedsett i rotasjon til begge sider. "
      "Palpasjonsøm m. semispinalis capitis og suboccipitalt. Nevrologisk us ua.\n"
      "A: L83 Nakkesyndrom.\n"
      "P: Roleg mobilisering og gradvis auke i aktivitet. Ho kan trene lett når hovudverken har gitt "
      "seg. Kontroll om ei veke.", house_style="nynorsk")
fault("v19", "misspelling", "Roleg mobilisering", "Roleg mobiliserig", span="mobiliserig",
      note="missing letter, Nynorsk note")

valid("v20", "nynorsk_clean", "message",
      "Melding på nynorsk: ny time fredag kl. 10.30, ta med joggesko.",
      "Hei! Du har fått ny time fredag kl. 10.30. Ta gjerne med joggesko, for vi skal gå gjennom "
      "øvingane for kneet. Gje beskjed om tida ikkje passar. Helsing klinikken", house_style="nynorsk")
fault("v20", "written_standard_mix", "Gje beskjed om tida ikkje passar.",
      "Gi beskjed om tiden ikke passer.", note="Bokmål sentence in a Nynorsk message")

valid("v21", "nynorsk_clean", "sick_leave",
      "Sjukmelding nynorsk: K 50 frisør, skuldersyndrom hø, 50 % 2 veker.",
      "Sjukmelding\n\n"
      "Diagnose: L92 Skuldersyndrom.\n"
      "Kvinne, 50 år, frisør. Smerter i høgre skulder ved arbeid med armane over skulderhøgd. Ho "
      "klarer ikkje fulle arbeidsdagar no. Gradert sjukmelding 50 % i to veker, med færre kundar per "
      "dag.", house_style="nynorsk")
fault("v21", "wrong_system", "L92 Skuldersyndrom", "M75 Skuldersyndrom", span="M75",
      note="ICD-10 category where the sick-leave form takes ICPC-2")

# ============================================================== more Bokmål clean notes
valid("v22", "clean", "soap",
      "Kort journal: M 38, lx ve, akutt i går v/ løft, ingen stråling.",
      "S: Akutt lx ve i går v/ løft av vinterdekk. Ingen stråling, ingen parestesier. Blære/tarm ua.\n"
      "O: Fleks red 50 %, ekst smertefull. Lat.shift hø. Palp.øm QL og erector spinae ve. SLR neg "
      "bilat, refl ua, kraft ua.\n"
      "A: L84 Ryggsyndrom uten smerteutstråling.\n"
      "P: Mob lx, bvb QL ve. Råd om aktivitet. Ko 3 d.")
fault("v22", "misspelling", "ingen parestesier", "ingen paresteiser", span="paresteiser",
      note="swapped letters in shorthand note")

valid("v23", "clean", "soap",
      "O-del kne hø, løper, smerter lateralt ved 5 km.",
      "S: Løper, smerter lat kne hø etter ca. 5 km, forsvinner i hvile.\n"
      "O: Obers test pos hø, Nobles test pos. Palp.øm over lat femurkondyl. Menisktester ua, "
      "ligamenter stabile. Hofteabd kraft 4/5 hø.\n"
      "A: L87 Bursitt/tendinitt/synovitt IKA (iliotibialbåndsyndrom).\n"
      "P: Bvb tractus iliotibialis og m. tensor fasciae latae, styrke gluteus medius. Redusert "
      "løpsmengde 2 u.")
fault("v23", "english_leak", "Redusert løpsmengde 2 u.", "Reduce running volume for 2 weeks.",
      note="English sentence")

valid("v24", "clean", "letter",
      "Rapport til fastlege, M 50, hø skulder, impingement, ICD-10 også.",
      "Til fastlege\n\n"
      "Rapport etter seks behandlinger for smerter i høyre skulder. Pasienten, en mann på 50 år, har "
      "hatt smerter ved løft over skulderhøyde siden i vår. Ved første undersøkelse var Hawkins-Kennedy "
      "og Neer positive, med smertefull bue fra 70° til 110°. Etter behandling med bløtvevsteknikker og "
      "progressive øvelser for rotatorcuff og scapulastabilisatorer er den smertefulle buen borte, og "
      "Hawkins-Kennedy gir bare lett ubehag. Diagnose: L92 Skuldersyndrom (ICD-10 M75.4 "
      "Impingementsyndrom i skulder). Han fortsetter med hjemmeøvelser og kommer til kontroll om fire "
      "uker.\n\n"
      "Med vennlig hilsen\nKiropraktor")
fault("v24", "wrong_system", "(ICD-10 M75.4", "(ICPC-2 M75.4", span="ICPC-2 M75.4",
      note="ICD-10 code labelled ICPC-2; span holds the label because the code alone is in the twin")

valid("v25", "clean", "soap",
      "K 46, ve arm-stråling til tommel 3 u, nakke stiv. Spurling pos ve, ULTT1 pos ve, "
      "BR-refleks svekket ve.",
      "S: Kvinne, 46 år, med smerter fra nakken ut i venstre arm og ned mot tommelen i tre uker. "
      "Prikking i tommel og pekefinger, verst om natten.\n"
      "O: Spurlings test positiv venstre med utstråling til underarmen, distraksjonstest lindrer. ULTT1 "
      "positiv venstre. Brachioradialisrefleks svekket venstre, bicepsrefleks ua. Kraft i "
      "albuefleksjon og håndleddsekstensjon 4/5 venstre.\n"
      "A: L83 Nakkesyndrom med nerverotaffeksjon C6 venstre (cervikal radikulopati).\n"
      "P: Traksjon og forsiktig mobilisering, nervemobilisering. Informert om å ta kontakt straks ved "
      "tiltagende svakhet. Ko om 4 d.")
fault("v25", "code_mismatch", "L83 Nakkesyndrom", "L86 Nakkesyndrom",
      note="L86 is Ryggsyndrom med smerteutstråling")

valid("v26", "clean", "soap",
      "K 23, kjeve hø klikker og låser, vondt ved tygging, hodepine tinning.",
      "S: Kvinne, 23 år, med klikking og smerter i høyre kjeveledd ved tygging og gjesping i to "
      "måneder. Tidvis låsning om morgenen og hodepine i høyre tinning.\n"
      "O: Gapeevne 36 mm med deviasjon mot høyre. Klikk ved åpning hø. Palpasjonsøm m. masseter og "
      "m. pterygoideus lateralis hø. Nakkebevegelighet ua.\n"
      "A: L07 Kjeveleddsymptomer/-plager.\n"
      "P: Bløtvevsbehandling av tyggemuskulaturen, kjeveøvelser og råd om å unngå tyggegummi. Vurdere "
      "henvisning til tannlege for bittskinne.")
fault("v26", "invalid_code", "L07 Kjeveleddsymptomer", "L06 Kjeveleddsymptomer", span="L06",
      note="L06 does not exist (L05, then L07)")

valid("v27", "clean", "soap",
      "J 13, skjev rygg oppdaget av helsesykepleier, ingen smerter. Adams pos hø torakalt.",
      "S: Jente, 13 år, henvist fra helsesykepleier for mistanke om skjev rygg. Ingen smerter. Har ikke "
      "hatt menarke.\n"
      "O: Adams foroverbøyningstest viser ribbeinspukkel høyre torakalt. Skoliometer 9° ved T8. "
      "Skulderhøyde lavere venstre. Nevrologisk us ua.\n"
      "A: L85 Ervervet ryggdeformitet (idiopatisk skoliose).\n"
      "P: Henvist via fastlege til røntgen av helrygg for Cobb-vinkel. Informert foreldrene om "
      "oppfølging gjennom vekstspurten.")
fault("v27", "danish", "Informert foreldrene om oppfølging gjennom vekstspurten.",
      "Forældrene er informeret om opfølgning gennem vækstspurten.", note="Danish sentence")

valid("v28", "clean", "soap",
      "K 59, smerter lateralt ve hofte, vondt å ligge på siden, trapper.",
      "S: Kvinne, 59 år, med smerter lateralt over venstre hofte i fire måneder. Vondt å ligge på "
      "venstre side om natten og å gå i trapper.\n"
      "O: Palpasjonsøm over trochanter major ve. Smerter ved ettbensstående i 30 sekunder. FABER ua, "
      "innadrotasjon i hofteleddet full og smertefri. Svak abduksjon ve, 4/5.\n"
      "A: L87 Bursitt/tendinitt/synovitt IKA (gluteal tendinopati).\n"
      "P: Unngå å krysse bena og å ligge på venstre side. Gradert styrketrening for m. gluteus medius "
      "og m. gluteus minimus. Ko 3 u.")
fault("v28", "misspelling", "Svak abduksjon", "Svak abduskjon", span="abduskjon",
      note="swapped letters")

valid("v29", "clean", "message",
      "Svar på e-post fra pasient som lurer på om hun kan trene styrke med isjias.",
      "Hei, og takk for meldingen. Du kan gjerne fortsette med lett styrketrening, men unngå tunge "
      "markløft og knebøy med stang så lenge du har utstråling i beinet. Øvelser som ikke øker "
      "smertene nedover i beinet, er trygge. Ta kontakt med oss eller legevakten om du får nummenhet i "
      "setet eller problemer med å late vannet.\n\n"
      "Vennlig hilsen\nKiropraktoren")
fault("v29", "swedish", "Du kan gjerne fortsette med lett styrketrening",
      "Du kan gärna fortsätta med lätt styrketräning", note="Swedish clause")

valid("v30", "clean", "sick_leave",
      "Sykmelding: K 41 barnehageansatt, isjias hø, 100 % 2 u.",
      "Sykmelding\n\n"
      "Diagnose: L86 Ryggsyndrom med smerteutstråling.\n"
      "Kvinne, 41 år, barnehageansatt. Utstrålende smerter til høyre legg, positiv SLR ved 45° og "
      "svekket akillesrefleks høyre. Hun kan ikke løfte barn, sitte på gulvet eller bøye seg gjentatte "
      "ganger. Sykmeldes 100 % i to uker med ny vurdering ved kontroll.")
fault("v30", "written_standard_mix",
      "Hun kan ikke løfte barn, sitte på gulvet eller bøye seg gjentatte ganger.",
      "Ho kan ikkje løfte born, sitje på golvet eller bøye seg gong på gong.",
      note="Nynorsk sentence in a Bokmål sick leave")

valid("v31", "clean", "letter",
      "Erklæring til forsikring etter bilulykke, K 34, nakkeslengskade, ICD-10 og ICPC-2.",
      "Til forsikringsselskapet\n\n"
      "Erklæring etter trafikkulykke 3. mars. Kvinne, 34 år, ble påkjørt bakfra mens hun sto i kø. Hun "
      "fikk nakkesmerter og hodepine samme kveld og har hatt nedsatt bevegelighet i nakken siden. Ved "
      "undersøkelse 14 dager etter ulykken var rotasjonen redusert til 50° til begge sider, og det var "
      "uttalt palpasjonsømhet i m. semispinalis capitis og m. splenius cervicis bilateralt. Nevrologisk "
      "undersøkelse var ua. Diagnose etter ICPC-2: L83 Nakkesyndrom. Tilsvarende kode i ICD-10: S13.4 "
      "Forstuing og forstrekking av cervikalcolumna. Prognosen vurderes som god med fortsatt gradert "
      "opptrening.\n\n"
      "Med vennlig hilsen\nKiropraktor")
fault("v31", "invalid_code", "S13.4 ", "S13.8 ", span="S13.8",
      note="ICD-10 S13 has subcodes .0–.6 only")

valid("v32", "clean", "soap",
      "Kort journal med ICD-10 til forsikring: M 39, akutt lumbago etter hagearbeid.",
      "S: Akutte korsryggsmerter etter hagearbeid i helgen, ingen stråling.\n"
      "O: Fleks red, palp.øm paraspinalt L4–S1 bilat. SLR neg, nevro ua.\n"
      "A: L84 Ryggsyndrom uten smerteutstråling (ICD-10: M54.5 Lumbago).\n"
      "P: Mob lx, råd om aktivitet, ko 1 u.")
fault("v32", "code_mismatch", "M54.5 Lumbago", "M54.2 Lumbago",
      note="ICD-10 M54.2 is cervikalgi")
