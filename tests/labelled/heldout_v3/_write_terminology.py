"""Write terminology_v3.jsonl (issue 16): hand-written notes, one case per literal.

Schema as tests/labelled/heldout/terminology.jsonl:
{id, doc_type, prompt, output, faulty, kind, house_style, span}.
Valid kinds: clean, valid_out_of_chapter, nynorsk_clean (span null).
Faulty kinds carry one planted fault; span is the faulty text (null for missing_section).
Run: python3 tests/labelled/heldout_v3/_write_terminology.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _util import check_unique, write_jsonl  # noqa: E402

VALID_KINDS = {"clean", "valid_out_of_chapter", "nynorsk_clean"}
FAULTY_KINDS = {
    "misspelling", "code_mismatch", "invalid_code", "wrong_system", "swedish", "danish",
    "english_leak", "written_standard_mix", "missing_section",
}

CASES = []


def case(kind, doc_type, prompt, output, span=None, house_style="bokmal"):
    CASES.append(dict(kind=kind, doc_type=doc_type, prompt=prompt, output=output, span=span,
                      house_style=house_style))


# ---------------------------------------------------------------- clean (Bokmål) ------------
case("clean", "soap",
     "M 47, lx-smerter m/ stråling hø legg 3 u. SLR pos hø 50°, Bragard pos. ASR svekket hø. Kraft ua.",
     "S: Mann, 47 år, med korsryggsmerter og utstråling til høyre legg i tre uker. Verre ved hosting og lang sitting.\n"
     "O: SLR positiv høyre ved 50°, Bragard positiv høyre. Akillesrefleks svekket høyre, patellarrefleks ua. "
     "Kraft ua. Nedsatt sensibilitet lateralt på høyre fot.\n"
     "A: L86 Ryggsyndrom med smerteutstråling, mulig nerverotaffeksjon S1 høyre.\n"
     "P: Forsiktig mobilisering og McKenzie-øvelser i ekstensjon. Kontroll om en uke. Ved økende utfall "
     "henvises pasienten til fastlege.")
case("clean", "soap",
     "K 39, hø skulder 6 u, vondt ved løft over hodet. Painful arc 60-120. Hawkins pos, Neer pos, drop arm neg.",
     "S: Kvinne, 39 år, med smerter i høyre skulder i seks uker, verst ved løft over hodehøyde.\n"
     "O: Smertefull bue mellom 60° og 120° abduksjon. Hawkins-Kennedy og Neers test positive høyre, "
     "drop arm-test negativ. Kraft i m. supraspinatus lett nedsatt og smertefull, m. infraspinatus og "
     "m. subscapularis ua. Palpasjonsømhet over tuberculum majus.\n"
     "A: L92 Skuldersyndrom.\n"
     "P: Bløtvevsbehandling av m. pectoralis minor og m. infraspinatus, progressive øvelser for rotatorcuff "
     "og scapulastabilisering. Kontroll om to uker.")
case("clean", "soap",
     "K 33, cx ve 10 d, stiv om morgenen, ingen stråling.",
     "S: Nakkesmerter ve side 10 d, stiv om morgenen, ingen stråling.\n"
     "O: Rot ve red, lat.fleks ve red. Palp.øm m. levator scapulae ve og suboccipitalt. Spurling neg bilat, ULTT ua.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Mob C2–C4, bvb levator scap. Hjemmeøvelser. Ko 1 u.")
case("clean", "letter",
     "Henvisning til ortoped: K 44, vridd ve kne i fotball for 3 u siden, låsninger, hevelse. McMurray pos med.",
     "Til ortopedisk poliklinikk\n\n"
     "Vi henviser en kvinne på 44 år med smerter medialt i venstre kne etter et vridningstraume under fotball "
     "for tre uker siden. Hun har hatt flere episoder med låsning og hevelse. McMurray positiv medialt, "
     "Thessalys test positiv, Lachman negativ med fast endepunkt. Funnene er forenlige med L96 Akutt indre "
     "kneskade, mistenkt lesjon av mediale menisk. Vi ber om vurdering og MR av venstre kne.\n\n"
     "Med vennlig hilsen\nKiropraktor")
case("clean", "sick_leave",
     "Sykmelding, M 36 lagerarbeider, isjias ve, Lasègue pos 40°.",
     "Sykmelding\n\n"
     "Diagnose: L86 Ryggsyndrom med smerteutstråling.\n"
     "Mann, 36 år, lagerarbeider. Isjiasplager på venstre side med positiv Lasègue ved 40°. Han kan ikke løfte "
     "tungt eller kjøre truck gjennom en hel arbeidsdag. Sykmeldes 100 % i ti dager, deretter vurderes "
     "gradert sykmelding.")
case("clean", "message",
     "Svar pasient etter første time, bekkenøvelser.",
     "Hei! Takk for besøket i dag. Husk å gjøre øvelsene for bekkenet morgen og kveld, og ta gjerne en kort "
     "gåtur etter lunsj. Ta kontakt om smertene øker. Vennlig hilsen klinikken")
case("clean", "soap",
     "M 68, ve lyske/hofte ½ år, morgenstiv <30 min. IR og fleks red ve, FADIR og FABER pos ve.",
     "S: Mann, 68 år, med gradvis økende smerter i venstre lyske og hofte det siste halvåret. Morgenstivhet "
     "under 30 minutter.\n"
     "O: Redusert innadrotasjon og fleksjon i venstre hofteledd. FADIR smerteprovoserende og FABER positiv "
     "venstre. Trendelenburg negativ. Palpasjonsøm m. gluteus medius venstre.\n"
     "A: L89 Hofteartrose (klinisk mistanke).\n"
     "P: Styrkeøvelser for hofteabduktorene og gåprogram. Henvist til fastlege for røntgen av bekken og "
     "hofter. Kontroll om tre uker.")
case("clean", "soap",
     "K 24, overtråkk hø ankel i håndball i går. Gikk 4 skritt. Ottawa neg. ATFL øm.",
     "S: Kvinne, 24 år, tråkket over på høyre ankel under håndballkamp i går. Klarte å gå fire skritt etter "
     "skaden.\n"
     "O: Hevelse og hematom lateralt. Palpasjonsøm over lig. talofibulare anterius. Ingen ømhet over "
     "malleolspissene eller basis av 5. metatarsal, Ottawa-reglene negative. Fremre skuffetest lett positiv.\n"
     "A: L77 Forstuing/forstrekking ankel.\n"
     "P: Kompresjon, høyt leie og tidlig belastning etter smerte. Balansetrening fra neste uke. Kontroll om "
     "ti dager.")
case("clean", "soap",
     "M 41, stikk hø side tx ved dyp innpust siden mandag. CT-ledd T6 hø øm.",
     "S: Stikkende smerter i brystryggen på høyre side ved dyp innpust og rotasjon siden mandag.\n"
     "O: Palpasjonsøm over costotransversalleddet T6 høyre og i m. rhomboideus major. Smerte ved springing "
     "over T6. Ingen nevrologiske utfall.\n"
     "A: L02 Ryggsymptomer/-plager.\n"
     "P: HVLA T5–T7 og bløtvevsbehandling. Råd om å holde seg i aktivitet. Kontroll ved behov.")
case("clean", "letter",
     "Brev til fastlege: jente 13, skolehelsetjenesten, ribbepukkel hø ved Adams test, ingen smerter.",
     "Til fastlege\n\n"
     "Vi har undersøkt en jente på 13 år som skolehelsetjenesten sendte til oss. Adams fremoverbøyningstest "
     "viser en ribbepukkel på høyre side, og skulderhøyden er ulik. Funnet kan passe med idiopatisk skoliose, "
     "L85 Ervervet deformitet ryggsøyle. Hun har ingen smerter. Vi ber om røntgen av hele ryggen for måling "
     "av Cobb-vinkel og eventuelt henvisning til barneortoped.\n\n"
     "Med vennlig hilsen\nKiropraktor")
case("clean", "soap",
     "K 55, vondt over grunnledd ve stortå i trange sko. Hallux valgus ve.",
     "S: Kvinne, 55 år, med smerter over grunnleddet på venstre stortå ved gange i trange sko.\n"
     "O: Hallux valgus venstre med rødme og ømhet medialt over MTP 1. Lett redusert dorsalfleksjon i MTP 1. "
     "Ingen hevelse i forfoten.\n"
     "A: L98 Ervervet deformitet ekstremitet (hallux valgus).\n"
     "P: Råd om sko med vid tåboks og tøyning av stortåa. Henvist til ortopediingeniør for vurdering av "
     "innleggssåler.")
case("clean", "soap",
     "Gutt 15, verkende tx etter fotball og skoledag, krumrygget ifølge foreldre. Kyfose retter seg ikke.",
     "S: Gutt, 15 år, med verkende smerter i brystryggen etter fotballtrening og lange skoledager. "
     "Foreldrene har lagt merke til at han er krumrygget.\n"
     "O: Økt thorakal kyfose som ikke retter seg ved ekstensjon. Stramme hamstrings, palpasjonsøm "
     "paravertebralt T7–T10.\n"
     "A: L94 Osteokondrose, mistenkt Scheuermanns sykdom.\n"
     "P: Ekstensjonsøvelser og tøyning. Henvist til fastlege for røntgen av thorakalcolumna. Kontroll etter "
     "røntgen.")
case("clean", "soap",
     "M 63, hø kne vondt i trapp og etter turer ~1 år, morgenstiv 10 min. Krepitasjon, lett hydrops.",
     "S: Smerter hø kne i trapp og etter lange turer, ca. 1 år. Morgenstivhet 10 min.\n"
     "O: Krepitasjon hø kne, lett hydrops. Fleksjon 120°, ekstensjon ua. Palp.øm mediale leddlinje. "
     "Lachman og skuffetest neg.\n"
     "A: L90 Kneartrose.\n"
     "P: Styrke quadriceps og hofteabduktorer, sykling. Ko 4 u.")
case("clean", "message",
     "Svar pasient: MR-svar mottatt, går gjennom på torsdag.",
     "Hei! Vi har mottatt MR-beskrivelsen fra røntgeninstituttet, og kiropraktoren går gjennom den med deg på "
     "timen torsdag. Ta gjerne med en liste over medisinene du bruker. Vennlig hilsen klinikken")
case("clean", "sick_leave",
     "Sykmelding gradert, K 49 renholder, cx med stråling ve arm, Spurling pos ve.",
     "Sykmelding\n\n"
     "Diagnose: L83 Nakkesyndrom.\n"
     "Kvinne, 49 år, renholder. Nakkesmerter med utstråling til venstre arm og nummenhet i tommelen, "
     "Spurling positiv venstre. Hun kan ikke arbeide med armene over skulderhøyde. Gradert sykmelding 60 % "
     "i to uker.")
case("clean", "soap",
     "K 31, 7 u etter fødsel, vondt tommelside hø håndledd ved løft av baby. Finkelstein pos hø.",
     "S: Kvinne, 31 år, sju uker etter fødsel, med smerter på tommelsiden av høyre håndledd når hun løfter "
     "babyen.\n"
     "O: Finkelsteins test positiv høyre. Palpasjonsøm og lett hevelse over første senefag (m. abductor "
     "pollicis longus og m. extensor pollicis brevis).\n"
     "A: L87 Bursitt/tendinitt/synovitt IKA, forenlig med de Quervains tenosynovitt.\n"
     "P: Avlastning med tommelortose og råd om løfteteknikk. Kontroll om to uker.")

# ---------------------------------------------------------------- valid out of chapter -------
case("valid_out_of_chapter", "soap",
     "M 58, brennende smerte hø brystkasse 4 d, blemmer i belte under hø bryst i går.",
     "S: Brennende smerter i høyre side av brystkassen langs et ribbein i fire dager. I går kom det blemmer i "
     "et belte under høyre bryst.\n"
     "O: Grupperte vesikler på rødt underlag i dermatom T6 høyre. Ingen palpasjonsømhet i thorakalcolumna og "
     "normal bevegelighet.\n"
     "A: S70 Herpes zoster. Ingen holdepunkter for muskel- eller skjelettårsak.\n"
     "P: Ingen manuell behandling. Henvist til fastlege samme dag for vurdering av antiviral behandling.")
case("valid_out_of_chapter", "letter",
     "Henvisning legevakt: M 42, anfallsvise sterke smerter ve flanke mot lyske siden i natt, kvalm.",
     "Til legevakten\n\n"
     "Mann, 42 år, med anfallsvise, sterke smerter i venstre flanke med utstråling mot lysken siden i natt. "
     "Han er kvalm og urolig og finner ingen hvilestilling. Bevegeligheten i lumbalcolumna er normal, og "
     "smerten lar seg ikke provosere ved palpasjon. Bildet kan passe med nyrestein (U95), og vi ber om "
     "vurdering i dag.\n\n"
     "Med vennlig hilsen\nKiropraktor")
case("valid_out_of_chapter", "soap",
     "K 46, cx og skuldre 2 mnd, sover dårlig, fastlege følger søvn.",
     "S: Nakkesmerter og spenningsfølelse i skuldrene i to måneder. Sover dårlig og våkner flere ganger hver "
     "natt. Fastlegen følger opp søvnvanskene.\n"
     "O: Palpasjonsøm m. trapezius descendens og m. levator scapulae bilateralt. Full aktiv bevegelighet.\n"
     "A: L83 Nakkesyndrom. P06 Søvnforstyrrelse.\n"
     "P: Bløtvevsbehandling, avspenningsøvelser og råd om søvnhygiene. Kontroll om tre uker.")
case("valid_out_of_chapter", "soap",
     "M 61, verk i lår bilat siden oppstart simvastatin for 6 u siden. Kjent høyt kolesterol.",
     "S: Verkende smerter i lårmuskulaturen på begge sider siden oppstart med simvastatin for seks uker "
     "siden. Kjent forhøyet kolesterol.\n"
     "O: Symmetrisk palpasjonsømhet i m. quadriceps. Normal kraft og normale reflekser. Ingen leddhevelse.\n"
     "A: L18 Muskelsmerter, mulig A85 Bivirkning av medikament. T93 Lipidforstyrrelse.\n"
     "P: Anbefalt å kontakte fastlegen for vurdering av statinbehandlingen og blodprøve (CK). Ingen "
     "behandling i dag.")
case("valid_out_of_chapter", "letter",
     "Henvisning: K 63, brystkreft op. + stråling for 6 år siden, nå tiltakende tx-smerter 5 u, nattsmerter, "
     "vekttap 3 kg, bankeøm T9.",
     "Til fastlege\n\n"
     "Kvinne, 63 år, operert og strålebehandlet for brystkreft (X76) for seks år siden. Hun har nå hatt "
     "tiltakende smerter i brystryggen i fem uker, også i hvile og om natten, og har gått ned tre kilo uten å "
     "ville det. Hun er bankeøm over T9. Vi har ikke gitt manipulasjon og ber om rask utredning med MR av "
     "thorakalcolumna og blodprøver.\n"
     "Foreløpig diagnose: L02 Ryggsymptomer/-plager.\n\n"
     "Med vennlig hilsen\nKiropraktor")
case("valid_out_of_chapter", "soap",
     "M 70, tx stiv 3 u, KOLS, Spiriva + Ventoline.",
     "S: Stivhet og smerter i brystryggen i tre uker. Kjent KOLS, bruker Spiriva daglig og Ventoline ved "
     "behov.\n"
     "O: Redusert ekstensjon og rotasjon i thorakalcolumna, palpasjonsøm T3–T6 bilateralt. Økt tonus i "
     "m. scalenus og m. sternocleidomastoideus.\n"
     "A: L02 Ryggsymptomer/-plager. R95 Kronisk obstruktiv lungesykdom.\n"
     "P: Forsiktig mobilisering uten HVLA og pusteøvelser. Kontroll om to uker.")
case("valid_out_of_chapter", "soap",
     "M 74, røyker, vondt hø legg etter 200 m gange, går over når han står stille. Svake fotpulser hø.",
     "S: Mann, 74 år, røyker, med smerter i høyre legg etter 200 meter gange. Smertene går over når han står "
     "stille, og han har ingen ryggsmerter i hvile.\n"
     "O: Svake pulser i a. dorsalis pedis og a. tibialis posterior høyre, kald hud på høyre fot. Lasègue "
     "negativ bilateralt, kraft og reflekser ua.\n"
     "A: K92 Aterosklerose/perifer karsykdom. Lite som taler for spinal stenose.\n"
     "P: Henvist til fastlege for måling av ankel-arm-indeks. Røykeslutt anbefalt.")
case("clean", "soap",
     "M 37, vondt bak ve øre og nakke fra i går, ve munnvik henger, får ikke lukket ve øye.",
     "S: Smerter bak venstre øre og i nakken siden i går. I morges merket han at venstre munnvik henger og at "
     "han ikke klarer å lukke venstre øye helt.\n"
     "O: Perifer facialisparese venstre: klarer ikke å rynke pannen eller lukke øyet helt. Ingen andre "
     "nevrologiske utfall. Normal bevegelighet i nakken.\n"
     "A: N91 Bells parese.\n"
     "P: Ingen behandling av nakken i dag. Henvist til fastlege samme dag.")
case("valid_out_of_chapter", "soap",
     "K 52, stiv og vond ve skulder 4 mnd, DM1 m/ insulinpumpe. Passiv ER 15°.",
     "S: Kvinne, 52 år, med gradvis økende stivhet og smerter i venstre skulder i fire måneder. Har diabetes "
     "type 1 og bruker insulinpumpe.\n"
     "O: Passiv utadrotasjon i venstre skulder redusert til 15°, abduksjon 80°, kapsulært mønster. Ingen "
     "atrofi.\n"
     "A: L92 Skuldersyndrom (frossen skulder). T89 Diabetes type 1.\n"
     "P: Mobilisering av glenohumeralleddet innenfor smertegrensen og pendeløvelser. Kontroll om to uker.")
case("valid_out_of_chapter", "soap",
     "K 35, lx 2 u etter flytting, urolige bein om kvelden, fastlege har påvist jernmangelanemi.",
     "S: Korsryggsmerter i to uker etter flytting. Hun nevner urolige bein om kvelden. Fastlegen har påvist "
     "jernmangelanemi og startet med jerntilskudd.\n"
     "O: Palpasjonsøm L4–L5 bilateralt, Lasègue negativ. Nevrologisk ua.\n"
     "A: L84 Ryggsyndrom uten smerteutstråling. B80 Jernmangelanemi (følges av fastlege).\n"
     "P: Mobilisering og øvelser. Kontroll om en uke.")

# ---------------------------------------------------------------- nynorsk clean -------------
case("nynorsk_clean", "soap",
     "M 52, lx 5 d etter hagearbeid, inga stråling. SLR neg bilat.",
     "S: Mann, 52 år, med smerter i korsryggen i fem dagar etter hagearbeid. Smertene strålar ikkje ut i "
     "beina.\n"
     "O: SLR negativ bilateralt. Palpasjonsøm over L5–S1 og i m. quadratus lumborum på venstre side. "
     "Reflekser og kraft utan merknad.\n"
     "A: L84 Ryggsyndrom utan smerteutstråling.\n"
     "P: Mobilisering av lumbalcolumna og råd om å halde fram med vanleg aktivitet. Kontroll om ei veke.",
     house_style="nynorsk")
case("nynorsk_clean", "soap",
     "K 58, ve skulder 2 mnd, vondt over hovudet og når ho ligg på han. Hawkins og Neer pos ve.",
     "S: Kvinne, 58 år, med smerter i venstre skulder i to månader. Ho har vondt når ho løftar armen over "
     "hovudet og når ho ligg på skulderen om natta.\n"
     "O: Smerte ved abduksjon mellom 70° og 110°. Hawkins og Neer positive på venstre side. Kraft i "
     "utoverrotasjon utan merknad.\n"
     "A: L92 Skuldersyndrom.\n"
     "P: Øvingar for rotatorcuff og skulderblad, bløtvevsbehandling. Kontroll om to veker.",
     house_style="nynorsk")
case("nynorsk_clean", "letter",
     "Tilvising til fastlege: K 34, prikking 4. og 5. finger ve hand 6 v, Tinel pos sulcus ulnaris.",
     "Til fastlege\n\n"
     "Tilvising – kvinne, 34 år\n\n"
     "Pasienten har hatt prikking og nummenheit i fjerde og femte finger på venstre hand i seks veker, verst "
     "når ho har olbogen bøygd lenge. Tinels teikn er positivt over sulcus ulnaris, og det er lett nedsett "
     "kraft i m. interosseus dorsalis I. Funna kan passe med ulnarisnevropati ved olbogen (N94). Vi ønskjer "
     "nevrografi.\n\n"
     "Med venleg helsing\nKiropraktor",
     house_style="nynorsk")
case("nynorsk_clean", "sick_leave",
     "Sjukmelding, M 44 røyrleggjar, lx m/ stråling ve legg 10 d, Lasègue pos 45°.",
     "Sjukmelding\n\n"
     "Diagnose: L86 Ryggsyndrom med smerteutstråling.\n"
     "Mann, 44 år, røyrleggjar. Han har hatt smerter i korsryggen med utstråling til venstre legg i ti dagar, "
     "og Lasègue er positiv ved 45°. Han kan ikkje arbeide på kne eller løfte tungt. Han vert sjukmeldt "
     "100 % i to veker.",
     house_style="nynorsk")
case("nynorsk_clean", "message",
     "Svar pasient etter time, nakkeøvingar.",
     "Hei! Takk for timen i dag. Hugs å gjere øvingane for nakken tre gonger dagleg, og ta kontakt dersom du "
     "får nummenheit i armen. Venleg helsing klinikken",
     house_style="nynorsk")
case("nynorsk_clean", "soap",
     "K 29 løpar, vondt utside hø kne etter ca 5 km. Noble pos hø, Ober stram.",
     "S: Kvinne, 29 år, løpar, med smerter på utsida av høgre kne etter lange turar. Smertene kjem etter om "
     "lag fem kilometer.\n"
     "O: Nobles test positiv høgre. Obers test viser stram tractus iliotibialis. Ingen hydrops, menisktestar "
     "utan funn.\n"
     "A: L15 Knesymptom/-plager, som kan passe med iliotibialbandsyndrom.\n"
     "P: Mindre løping ei tid, styrkeøvingar for m. gluteus medius og tøying. Kontroll om tre veker.",
     house_style="nynorsk")
case("nynorsk_clean", "soap",
     "M 41, hovudverk frå nakken mot ve auge 4 d/v, verre etter skjermdagar. Rot ve red.",
     "S: Mann, 41 år, med hovudverk som startar i nakken og strålar fram mot venstre auge, om lag fire dagar "
     "i veka. Verre etter lange dagar framfor skjermen.\n"
     "O: Nedsett rotasjon mot venstre, fleksjons-rotasjonstest positiv mot venstre. Palpasjonsøm over C1–C2 "
     "og i m. obliquus capitis inferior. Nevrologisk undersøking utan merknad.\n"
     "A: N01 Hovudverk, cervikogen.\n"
     "P: Mobilisering av øvre nakke og øvingar for djupe nakkebøyarar. Kontroll om to veker.",
     house_style="nynorsk")
case("nynorsk_clean", "soap",
     "M 39, psoriasis, morgonstiv lx >1 t i 3 mnd, betre med aktivitet. Schober 3 cm.",
     "S: Mann, 39 år, med psoriasis sidan ungdomen. No har han hatt morgonstivheit i korsryggen i over ein "
     "time kvar dag i tre månader, og det blir betre med aktivitet.\n"
     "O: Nedsett lumbal fleksjon, Schobers test 3 cm. Palpasjonsøm over begge iliosakralledda.\n"
     "A: L03 Korsryggsymptom/-plager. S91 Psoriasis.\n"
     "P: Tilvist til fastlege for blodprøvar og vurdering av inflammatorisk ryggsjukdom. Rørsleøvingar for "
     "ryggen.",
     house_style="nynorsk")
case("nynorsk_clean", "letter",
     "Brev til arbeidsgivar: nakke, hev-senk-bord, pausar 4 v.",
     "Til arbeidsgivar\n\n"
     "Vår pasient har nakkesmerter (L83 Nakkesyndrom) og har godt av å få eit hev-senk-bord og korte pausar "
     "kvar time dei neste fire vekene. Ho kan elles gjere arbeidet sitt som vanleg.\n\n"
     "Med venleg helsing\nKiropraktor",
     house_style="nynorsk")
case("nynorsk_clean", "soap",
     "Akutt nakke sidan i går morgon, vakna stiv. Inga stråling. Rot hø red.",
     "S: Akutt nakke sidan i går morgon, vakna med stiv nakke. Inga utstråling.\n"
     "O: Rot hø red, lat.fleks hø red. Palp.øm m. levator scapulae hø. Spurling neg bilat.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Mob, bvb, heimeøvingar. Ko om 3 dagar.",
     house_style="nynorsk")

# ---------------------------------------------------------------- misspelling ---------------
case("misspelling", "soap",
     "M 57, lx m/ stråling ve lår 2 u. Femoralisstrekk pos ve.",
     "S: Korsryggsmerter med utsråling til venstre lår i to uker.\n"
     "O: Femoralisstrekktest positiv venstre, patellarrefleks svekket venstre.\n"
     "A: L86 Ryggsyndrom med smerteutstråling.\n"
     "P: Mobilisering og øvelser. Kontroll om en uke.",
     span="utsråling")
case("misspelling", "soap",
     "K 36, cx-smerter etter bilkollisjon for 5 d siden.",
     "S: Nakkesmerter og hodepine etter en påkjørsel bakfra for fem dager siden.\n"
     "O: Redusert bevegelighet i alle retninger. Spurling negativ bilatteralt, ingen nevrologiske utfall.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Råd om å bevege nakken, forsiktig mobilisering. Kontroll om tre dager.",
     span="bilatteralt")
case("misspelling", "letter",
     "Brev til fastlege om nakkepasient som ikke blir bedre.",
     "Til fastlege\n\n"
     "Pasienten har hatt nakkesmeter med stivhet i åtte uker og har ikke hatt bedring etter seks "
     "behandlinger. Vi ber deg vurdere videre utredning.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="nakkesmeter")
case("misspelling", "letter",
     "Svar til fastlege om hoftesmerter, FADIR pos.",
     "Til fastlege\n\n"
     "Takk for henvisningen. Ved undersøkesle fant vi redusert innadrotasjon i høyre hofte og positiv FADIR. "
     "Vi mistenker femoroacetabulær impingement og anbefaler røntgen av bekkenet.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="undersøkesle")
case("misspelling", "message",
     "Svar pasient om aktivitet etter behandling.",
     "Hei! Det anbefalles at du holder deg i vanlig aktivitet og går en tur hver dag. Ta kontakt om du får "
     "nummenhet i beina. Vennlig hilsen klinikken",
     span="anbefalles")
case("misspelling", "soap",
     "K 66, hofte ve, trappegang vond.",
     "S: Smerter i venstre hofte ved trappegang i tre måneder.\n"
     "O: Redusert innadrotasjon venstre, Trendelenburg negativ.\n"
     "A: L13 Hoftesymptomer/-plager.\n"
     "P: Nye øvleser for hofteabduktorene. Kontroll om to uker.",
     span="øvleser")
case("misspelling", "soap",
     "M 29, lx etter markløft i går.",
     "S: Akutte smerter i korsrygen etter markløft i går. Ingen utstråling.\n"
     "O: Lasègue negativ bilateralt, palpasjonsøm L5–S1.\n"
     "A: L84 Ryggsyndrom uten smerteutstråling.\n"
     "P: Råd om aktivitet og gradvis tilbake til trening.",
     span="korsrygen")
case("misspelling", "sick_leave",
     "Sykmelding, K 50, butikkmedarbeider, skulder hø.",
     "Sykmelding\n\n"
     "Diagnose: L92 Skuldersyndrom.\n"
     "Undersøkelsefunn: Smertefull abduksjon og positiv Hawkins-Kennedy høyre. Kvinne, 50 år, "
     "butikkmedarbeider som ikke kan fylle varer i hyllene over skulderhøyde. Sykmeldes 50 % i to uker.",
     span="Undersøkelsefunn")
case("misspelling", "soap",
     "M 45, stiv cx, rot bilat red.",
     "S: Stiv nakke i to uker, ingen utstråling.\n"
     "O: Bevegelseinnskrenkning ved rotasjon til begge sider, palpasjonsøm C5–C6 bilateralt.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Mobilisering og hjemmeøvelser. Kontroll om en uke.",
     span="Bevegelseinnskrenkning")
case("misspelling", "soap",
     "K 42, albue hø lateralt 2 mnd.",
     "S: Smerter på utsiden av høyre albue i to måneder, verst ved løft av kaffekoppen.\n"
     "O: Palpasjonsømeht over laterale epikondyl, Mills test positiv høyre.\n"
     "A: L93 Tennisalbue.\n"
     "P: Eksentriske øvelser for håndleddsekstensorene. Kontroll om tre uker.",
     span="Palpasjonsømeht")
case("misspelling", "soap",
     "M 51, cx m/ stråling hø arm, Spurling neg.",
     "S: Nakkesmerter med diffus verk ned i høyre overarm i tre uker.\n"
     "O: Spurling negativ, reflekser og kraft ua. Ingen tegn på nerverotafeksjon.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Mobilisering og øvelser. Kontroll om to uker.",
     span="nerverotafeksjon")
case("misspelling", "letter",
     "Epikrise til fastlege, lx, 6 beh.",
     "Til fastlege\n\n"
     "Pasienten har fått seks behandlinger for korsryggsmerter. Etter behandingen er smertene redusert fra "
     "NRS 7 til NRS 2, og hun er tilbake i full jobb.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="behandingen")
case("misspelling", "message",
     "Svar pasient om henvisning til MR.",
     "Hei! Vi har sendt en henvisnig til MR av korsryggen. Du får brev fra røntgeninstituttet med time. "
     "Vennlig hilsen klinikken",
     span="henvisnig")
case("misspelling", "soap",
     "M 33, akutt nakke, inga stråling.",
     "S: Akutt nakke sidan i går, ikje utstråling til armane.\n"
     "O: Nedsett rotasjon mot høgre, palpasjonsøm m. levator scapulae høgre.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Mobilisering og heimeøvingar. Kontroll om tre dagar.",
     span="ikje", house_style="nynorsk")

# ---------------------------------------------------------------- code_mismatch -------------
case("code_mismatch", "soap",
     "M 71, ve hofte, IR red, lyskesmerter.",
     "S: Smerter i venstre lyske ved gange i et halvt år.\n"
     "O: Redusert innadrotasjon og fleksjon i venstre hofteledd.\n"
     "A: L90 Hofteartrose.\n"
     "P: Styrkeøvelser og gåprogram. Kontroll om tre uker.",
     span="L90 Hofteartrose")
case("code_mismatch", "soap",
     "K 27, vridd hø kne på ski, medialt øm.",
     "S: Vridde høyre kne i slalåmbakken for fire dager siden. Smerter medialt.\n"
     "O: Valgusstress i 30° fleksjon smertefull uten økt slakk, palpasjonsøm over mediale kollateralligament.\n"
     "A: L77 Forstuing/forstrekking kne.\n"
     "P: Avlastning etter smerte, kontroll om en uke.",
     span="L77 Forstuing/forstrekking kne")
case("code_mismatch", "soap",
     "K 40, pressende hodepine bilat, verre ved stress.",
     "S: Pressende hodepine på begge sider flere dager i uken, verre ved stress. Ingen kvalme eller aura.\n"
     "O: Palpasjonsøm m. temporalis og suboccipital muskulatur. Nevrologisk ua.\n"
     "A: N89 Spenningshodepine.\n"
     "P: Råd om pauser og søvn. Kontroll om tre uker.",
     span="N89 Spenningshodepine")
case("code_mismatch", "sick_leave",
     "Sykmelding, M 38 frisør, nakke.",
     "Sykmelding\n\n"
     "Diagnose: L03 Nakkesyndrom.\n"
     "Mann, 38 år, frisør, med akutte nakkesmerter og redusert rotasjon. Han kan ikke stå med armene løftet. "
     "Sykmeldes 100 % i fem dager.",
     span="L03 Nakkesyndrom")
case("code_mismatch", "soap",
     "K 48, tx 1 u, astma, inhalator.",
     "S: Smerter i brystryggen i en uke etter maling av tak. Har astma og bruker inhalator ved behov.\n"
     "O: Palpasjonsøm T4–T6 bilateralt, redusert ekstensjon.\n"
     "A: L02 Ryggsymptomer/-plager. R95 Astma.\n"
     "P: Mobilisering. Kontroll ved behov.",
     span="R95 Astma")
case("code_mismatch", "soap",
     "Gutt 14, tx-smerter og kyfose, mistenkt Scheuermann.",
     "S: Gutt, 14 år, med smerter i brystryggen etter trening.\n"
     "O: Økt thorakal kyfose som ikke retter seg ved ekstensjon.\n"
     "A: L95 Osteokondrose, mistenkt Scheuermanns sykdom.\n"
     "P: Ekstensjonsøvelser. Henvist til fastlege for røntgen.",
     span="L95 Osteokondrose")

# ---------------------------------------------------------------- invalid_code --------------
case("invalid_code", "soap",
     "K 45, hø skulder vond ved løft.",
     "S: Smerter i høyre skulder ved løft i tre uker.\n"
     "O: Smertefull bue, Hawkins-Kennedy positiv høyre.\n"
     "A: L21 Skuldersmerter.\n"
     "P: Øvelser for rotatorcuff. Kontroll om to uker.",
     span="L21")
case("invalid_code", "letter",
     "Brev til fastlege om hoftesmerter.",
     "Til fastlege\n\n"
     "Kvinne, 59 år, med smerter i høyre hofte og setet i to måneder. Diagnose: L24 Hoftesmerter. Vi ber om "
     "røntgen av bekken.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="L24")
case("invalid_code", "soap",
     "M 62, svimmel ved nakkebevegelse.",
     "S: Ustøhet når han snur på hodet, i to uker. Ingen fallanfall.\n"
     "O: Dix-Hallpike negativ bilateralt, redusert rotasjon i cervicalcolumna.\n"
     "A: N84 Cervikogen svimmelhet.\n"
     "P: Forsiktig mobilisering og balanseøvelser. Kontroll om en uke.",
     span="N84")
case("invalid_code", "soap",
     "K 54, nummen ve hånd om natten.",
     "S: Nummenhet i venstre hånd om natten i seks uker.\n"
     "O: Phalen positiv venstre, Tinel negativ.\n"
     "A: N13 Nummenhet i hånd.\n"
     "P: Nattskinne. Kontroll om tre uker.",
     span="N13")
case("invalid_code", "sick_leave",
     "Sykmelding, migrene.",
     "Sykmelding\n\n"
     "Diagnose: N98 Migrene uten aura.\n"
     "Kvinne, 33 år, lærer, med hyppige migreneanfall siste uke. Sykmeldes 100 % i tre dager.",
     span="N98")

# ---------------------------------------------------------------- wrong_system --------------
case("wrong_system", "soap",
     "M 44, isjias hø.",
     "S: Korsryggsmerter med utstråling til høyre fot i fire uker.\n"
     "O: Lasègue positiv høyre ved 40°.\n"
     "A: ICPC-2 M54.4 Lumbago med isjias.\n"
     "P: Mobilisering og øvelser. Kontroll om en uke.",
     span="M54.4")
case("wrong_system", "letter",
     "Henvisning nevrografi, karpaltunnel hø.",
     "Til fastlege\n\n"
     "Pasienten har prikking i de tre første fingrene på høyre hånd om natten. Diagnose (ICPC-2): G56.0 "
     "Karpaltunnelsyndrom. Vi ber om nevrografi.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="G56.0")
case("wrong_system", "sick_leave",
     "Sykmelding etter nakkesleng.",
     "Sykmelding\n\n"
     "Diagnose etter ICPC-2: S13.4 Forstuing og forstrekking av nakkesøylen.\n"
     "Kvinne, 29 år, med nakkesmerter etter påkjørsel bakfra. Sykmeldes 100 % i en uke.",
     span="S13.4")
case("wrong_system", "soap",
     "K 50, skulder hø.",
     "S: Smerter i høyre skulder ved løft i to måneder.\n"
     "O: Hawkins-Kennedy positiv høyre.\n"
     "A: ICD-10: L92 Skuldersyndrom.\n"
     "P: Øvelser. Kontroll om to uker.",
     span="L92")
case("wrong_system", "sick_leave",
     "Sykmelding, akutt lx.",
     "Sykmelding\n\n"
     "Diagnose etter ICD-10: L84 Ryggsyndrom uten smerteutstråling.\n"
     "Mann, 46 år, anleggsarbeider. Sykmeldes 100 % i fire dager.",
     span="L84")

# ---------------------------------------------------------------- swedish / danish / english
case("swedish", "soap",
     "K 44, cx 1 u.",
     "S: Patienten har besvär från nacken sedan en vecka tillbaka.\n"
     "O: Redusert rotasjon mot venstre, Spurling negativ.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Mobilisering. Kontroll om en uke.",
     span="Patienten har besvär från nacken sedan en vecka tillbaka.")
case("swedish", "message",
     "Svar pasient om neste time.",
     "Hei! Neste time er torsdag kl. 14:00. Hör av dig om du får mer ont innan dess. Vennlig hilsen klinikken",
     span="Hör av dig om du får mer ont innan dess.")
case("swedish", "soap",
     "M 60, kne hø.",
     "S: Smerter i høyre kne ved trappegang.\n"
     "O: Krepitasjon, ingen hydrops.\n"
     "A: L90 Kneartrose.\n"
     "P: Styrkeøvelser. Återbesök om två veckor.",
     span="Återbesök om två veckor.")
case("danish", "soap",
     "K 47, skulder ve.",
     "S: Patienten oplever smerter i skulderen, når hun løfter armen.\n"
     "O: Smertefull bue, Hawkins positiv venstre.\n"
     "A: L92 Skuldersyndrom.\n"
     "P: Øvelser for rotatorcuff. Kontroll om to uker.",
     span="Patienten oplever smerter i skulderen, når hun løfter armen.")
case("danish", "soap",
     "M 35, lx.",
     "S: Korsryggsmerter i ti dager.\n"
     "O: Lasègue negativ, palpasjonsøm L4–L5.\n"
     "A: L84 Ryggsyndrom uten smerteutstråling.\n"
     "P: Genoptræning med øvelser to gange dagligt.",
     span="Genoptræning med øvelser to gange dagligt.")
case("danish", "letter",
     "Henvisning til sykehus.",
     "Til ortopedisk poliklinikk\n\n"
     "Mann, 67 år, med økende smerter i høyre hofte. Vi henviser hermed patienten til videre udredning på "
     "sygehuset.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="Vi henviser hermed patienten til videre udredning på sygehuset.")
case("english_leak", "soap",
     "K 61, stiv cx.",
     "S: Stiv nakke i tre uker, verst om morgenen.\n"
     "O: Range of motion reduced in all planes.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Mobilisering og øvelser. Kontroll om to uker.",
     span="Range of motion reduced in all planes.")
case("english_leak", "soap",
     "M 43, lx ved ekstensjon.",
     "S: Korsryggsmerter ved ekstensjon og rotasjon i to uker.\n"
     "O: Kemps test positiv høyre, Lasègue negativ.\n"
     "A: L84 Ryggsyndrom uten smerteutstråling. Likely facet joint irritation at L4-L5.\n"
     "P: Mobilisering. Kontroll om en uke.",
     span="Likely facet joint irritation at L4-L5.")
case("english_leak", "letter",
     "Svar til fastlege.",
     "Til fastlege\n\n"
     "Thank you for the referral. Pasienten har hatt smerter i venstre skulder i tre måneder, og vi har "
     "startet med øvelser for rotatorcuff.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="Thank you for the referral.")

# ---------------------------------------------------------------- written_standard_mix ------
case("written_standard_mix", "soap",
     "K 38, lx, sitter mye.",
     "S: Korsryggsmerter i tre uker. Ho har vondt når ho sit lenge.\n"
     "O: Palpasjonsøm L5–S1, Lasègue negativ.\n"
     "A: L84 Ryggsyndrom uten smerteutstråling.\n"
     "P: Øvelser og råd om pauser. Kontroll om en uke.",
     span="Ho har vondt når ho sit lenge.")
case("written_standard_mix", "soap",
     "K 42, nakke, PC-arbeid.",
     "S: Nakkesmerter i to veker. Smertene er verst når hun sitter foran PC-en.\n"
     "O: Nedsett rotasjon mot høgre, palpasjonsøm m. trapezius.\n"
     "A: L83 Nakkesyndrom.\n"
     "P: Heimeøvingar. Kontroll om to veker.",
     span="Smertene er verst når hun sitter foran PC-en.", house_style="nynorsk")
case("written_standard_mix", "letter",
     "Henvisning MR lx.",
     "Til fastlege\n\n"
     "Kvinne, 55 år, med isjias venstre i ti uker og nedsatt kraft ved stortåekstensjon. Vi ønskjer at ho får "
     "time til MR så snart som mogleg.\n\n"
     "Med vennlig hilsen\nKiropraktor",
     span="Vi ønskjer at ho får time til MR så snart som mogleg.")

# ---------------------------------------------------------------- missing_section -----------
case("missing_section", "soap",
     "M 36, lx etter løft.",
     "S: Akutte korsryggsmerter etter løft av sofa i går.\n"
     "A: L84 Ryggsyndrom uten smerteutstråling.\n"
     "P: Råd om aktivitet. Kontroll om en uke.")
case("missing_section", "soap",
     "K 62, hø kne, trapp.",
     "S: Smerter i høyre kne i trapper.\n"
     "O: Krepitasjon, palpasjonsøm mediale leddlinje.\n"
     "P: Styrkeøvelser for quadriceps. Kontroll om fire uker.")
case("missing_section", "soap",
     "K 30, hodepine fra nakken.",
     "O: Palpasjonsøm suboccipitalt, redusert rotasjon bilateralt.\n"
     "A: N01 Hodepine.\n"
     "P: Mobilisering av øvre nakke. Kontroll om to uker.")


def main():
    rows = []
    for n, c in enumerate(CASES):
        kind = c["kind"]
        if kind not in VALID_KINDS | FAULTY_KINDS:
            raise SystemExit(f"case {n}: unknown kind {kind}")
        faulty = kind in FAULTY_KINDS
        span = c["span"]
        if not faulty and span is not None:
            raise SystemExit(f"case {n}: valid case with a span")
        if faulty and kind != "missing_section":
            if not span or span not in c["output"]:
                raise SystemExit(f"case {n} ({kind}): span {span!r} not in output")
        if kind == "missing_section" and span is not None:
            raise SystemExit(f"case {n}: missing_section carries span null")
        rows.append({
            "id": f"tv3-{n:03d}-{kind}",
            "doc_type": c["doc_type"],
            "prompt": c["prompt"],
            "output": c["output"],
            "faulty": faulty,
            "kind": kind,
            "house_style": c["house_style"],
            "span": span,
        })
    check_unique([r["output"] for r in rows], "output")
    path = write_jsonl("terminology_v3.jsonl", rows)
    print(f"{path.name}: {len(rows)} cases")


if __name__ == "__main__":
    main()
