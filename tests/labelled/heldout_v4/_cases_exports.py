"""Hand-typed records for exports_v4.jsonl (issue 17), labeller label-t.

add(key, record, defects, names, note, dup_of): one export record as a clinic's EHR export holds it.
Shapes as v3: prompt/response (most of them here), ChatML, Alpaca, DPO with string or list answers.
In DPO records the defect is always in the chosen answer. MOJI lines are hand-typed text passed once
(moji) or twice (moji2) through a UTF-8 -> cp1252 round trip; the scrambled-case line is typed by hand.
"""

SYSTEM = "Du er journalassistent for en kiropraktorklinikk. Skriv kort og korrekt på bokmål."

RECORDS = []


def add(key, record, defects=(), names=(), note="clean", dup_of=None):
    RECORDS.append(dict(key=key, record=record, defects=list(defects), names=list(names), note=note,
                        dup_of=dup_of))


def moji(text):
    """UTF-8 bytes read as cp1252: the broken æøå conversion of real exports."""
    return text.encode("utf-8").decode("cp1252")


def moji2(text):
    return moji(moji(text))


def pr(prompt, response):
    return {"prompt": prompt, "response": response}


def chat(user, assistant, system=False):
    msgs = [{"role": "system", "content": SYSTEM}] if system else []
    msgs += [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]
    return {"messages": msgs}


def alp(instruction, inp, output):
    return {"instruction": instruction, "input": inp, "output": output}


def dpo_str(prompt, chosen, rejected):
    return {"prompt": prompt, "chosen": chosen, "rejected": rejected}


def dpo_list(user, chosen, rejected):
    return {"prompt": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
            "chosen": [{"role": "assistant", "content": chosen}],
            "rejected": [{"role": "assistant", "content": rejected}]}


def msgs_str(user, chosen, rejected):
    return {"messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
            "chosen": chosen, "rejected": rejected}


def msgs_list(user, chosen, rejected):
    return {"messages": [{"role": "user", "content": user}],
            "chosen": [{"role": "assistant", "content": chosen}],
            "rejected": [{"role": "assistant", "content": rejected}]}


# ================================================================== clean ====================
add("c01", pr("Skriv journalnotat: M 56, lx ve 2 u, bruker Ibux 400 mg ved behov og Albyl-E 75 mg daglig.",
              "S: Lx-smerter ve 2 u, ingen stråling. Bruker Ibux 400 mg ved behov, Albyl-E 75 mg daglig.\n"
              "O: Fleks red ca. 30 %, ekst ua. Palp.øm QL ve. SLR neg bilat, refl ua.\n"
              "A: L84 Ryggsyndrom uten smerteutstråling.\n"
              "P: Mob lx, bvb QL ve. Ko 1 u"),
    note="clean: shorthand SOAP with doses, P-part ends 'Ko 1 u' without a period")
add("c02", pr("Skriv SMS om digital timebekreftelse, time onsdag kl. 14.30.",
              "Hei! Timen din onsdag kl. 14.30 er bekreftet. Du finner kvittering og avbestilling på "
              "https://www.helsenorge.no under «Timeavtaler». Velkommen!"),
    note="clean: URL with dots, time 'kl. 14.30'")
add("c03", pr("Skriv pasientinfo om varmebehandling etter akutt lumbago.",
              "Etter de første par døgnene kan varme, f.eks. en varmeflaske eller en dusj, dempe "
              "muskelspenningen. Legg varmen på i ca. 15–20 minutter om gangen, og hold deg gjerne i "
              "bevegelse mellom øktene. Unngå sengeleie."),
    note="clean: abbreviations 'f.eks.' and 'ca.' mid-sentence")
add("c04", pr("Lag øvelsesliste for nakke, kortform.",
              "Øvelser, 2 x daglig:\n- Haketrekk 10 rep\n- Skulderbladsklem 10 rep\n"
              "- Rotasjon til hver side 5 rep\n- Tøy m. levator scapulae 30 sek"),
    note="clean: list, items end without a period")
add("c05", pr("Skriv O-del: skulder hø, full ROM, Hawkins neg, Neer neg, drop arm neg, kraft full.",
              "O: Full aktiv og passiv ROM hø skulder. Hawkins neg, Neer neg, drop arm neg. Kraft ua"),
    note="clean: O-part ends in 'ua' without a period")
add("c06", pr("Skriv kort notat om at pasienten ringte og flyttet timen.",
              "Pas. ringte: ønsker å flytte timen til torsdag kl.14. Ny time registrert."),
    note="clean (labeller's decision): 'kl.14' without a space is a typing habit, not a glued sentence")
add("c07", pr("Skriv svar til fastlege om at rapport kommer.",
              "Til fastlege\n\nTakk for henvisningen av pasienten med skuldersmerter. Vi har hatt første "
              "konsultasjon og sender rapport etter fire behandlinger.\n\nMvh\nKiropraktorklinikken"),
    note="clean: letter, sign-off without a period")
add("c08", pr("Svar pasient som spør hvor de sender spørsmål om faktura.",
              "Hei! Spørsmål om faktura kan sendes til post@ryggogleddklinikken.no, eller du kan bruke "
              "skjemaet på www.ryggogleddklinikken.no/kontakt. Vi svarer innen to virkedager."),
    note="clean: clinic e-mail and web address with dots")
add("c09", pr("Skriv råd om væske og smertestillende etter akutt nakkesperr.",
              "Drikk gjerne 1,5–2 liter vann daglig og hold deg i rolig bevegelse. Har du behov for "
              "smertestillende, kan Paracet 500 mg x 4 brukes i noen dager etter pakningsvedlegget. Kjenner "
              "du deg ikke bedre etter en uke, tar du kontakt."),
    note="clean: decimal with comma, dose")
add("c10", pr("Forklar hvorfor klinikken bruker ICPC-2 og ikke ICD-10.",
              "Kiropraktorer i primærhelsetjenesten koder diagnoser etter ICPC-2, som er laget for "
              "allmennpraksis. ICD-10 brukes mest i spesialisthelsetjenesten, og en kode som M54.5 ville "
              "derfor ikke stått på en sykmelding fra oss. Vi skriver L03 eller L84 i stedet."),
    note="clean: ICD-10 code named in prose about coding systems")
add("c11", pr("Skriv O-del: stiv brystrygg T4 til T8, segmentell hypomobilitet, ribbeinsledd øm hø T6.",
              "O: Segmentell hypomobilitet T4 til T8, mest uttalt T5–T6. Palp.øm costotransversalledd "
              "hø T6. Respirasjon ua"),
    note="clean: spinal range, ends in 'ua'")
add("c12", pr("Skriv info om hva man bør ha med til første time.",
              "Ta med eventuelle røntgen- eller MR-svar, medisinliste, henvisning fra lege m.m. Ha på "
              "klær du kan bevege deg i, f.eks. treningsbukse og t-skjorte."),
    note="clean: 'm.m.' and 'f.eks.' abbreviations")
add("c13", pr("Lag tekst med åpningstider til Google-profil.",
              "Åpningstider\nMan–tor: 07.30–19.00\nFre: 07.30–15.00\nLør–søn: stengt"),
    note="clean: opening hours with dotted times, no final period")
add("c14", pr("Pasient spør om hun kan ta med barnet sitt på timen. Svar kort.",
              "Ja, det går fint. Vi har et lite lekehjørne i venterommet."),
    note="clean: short answer")
add("c15", pr("Skriv notat om at pasienten ikke møtte.",
              "Pas. møtte ikke til time kl. 08.00. Ringt to ganger uten svar, SMS sendt. Timen faktureres "
              "iht. avbestillingsreglene, jf. info ved timebestilling."),
    note="clean: 'Pas.', 'iht.', 'jf.' abbreviations")
add("c16", chat("Skriv P-del for pasient med kneartrose som vil begynne å jogge.",
                "P: Gradvis opptrapping med gå-jogg-intervaller tre ganger i uken, f.eks. 1 min jogg og "
                "2 min gange i 20 min. Styrkeøvelser for lår og hofte to ganger i uken. Ko om 4 u.",
                system=True),
    note="clean: ChatML with system message")
add("c17", chat("Skriv svar til pasient som lurer på om de tar imot barn.",
                "Hei! Ja, vi behandler barn fra skolealder, og foresatte må være med på timen. Har du "
                "spørsmål om en bestemt plage, kan du ringe oss i åpningstiden. Velkommen!"),
    note="clean: ChatML, exclamation marks followed by spaces")
add("c18", alp("Skriv S-del ut fra stikkordene.",
               "K 62, hø hofte/lyske 4 mnd, startstivhet, vondt å ta på sokker.",
               "S: Kvinne, 62 år, med smerter i høyre hofte og lyske i fire måneder. Startstivhet og "
               "vansker med å ta på sokker."),
    note="clean: Alpaca")
add("c19", alp("Forklar kort hva Spurlings test er.", "",
               "Spurlings test undersøker om nakkesmerter med utstråling til armen kommer fra en irritert "
               "nerverot. Hodet bøyes mot den vonde siden og presses lett nedover. Gjenkjennbar "
               "utstråling i armen regnes som positiv test."),
    note="clean: general knowledge, Alpaca with empty input")
add("c20", dpo_str("Skriv A-del for nakkesmerter med hodepine fra nakken.",
                   "A: L83 Nakkesyndrom med cervikogen hodepine.",
                   "A: Nakke."),
    note="clean: DPO strings")
add("c21", msgs_str("Skriv kort melding om at klinikken stenger kl. 15 fredag.",
                    "Hei! Fredag 19. desember stenger vi kl. 15.00. Trenger du time før jul, ring oss eller "
                    "bestill på nett.",
                    "Stengt fredag."),
    note="clean: DPO messages / chosen str, date '19. desember'")
add("c22", pr("Skriv henvisningstekst til ortoped, kortform.",
              "Henvises ortoped, St. Olavs hospital, for vurdering av vedvarende smerter i hø kne etter "
              "menisklesjon påvist ved MR 12.03. Trening 3 mnd uten effekt."),
    note="clean: 'St. Olavs' and a date with dots")
add("c23", pr("Skriv O-del med vitale mål: BT 132/84, puls 68, BMI 27.4.",
              "O: BT 132/84, puls 68 regelmessig. BMI 27.4. Generell status ua"),
    note="clean: decimal with a point, ends in 'ua'")
add("c24", pr("Skriv pusteøvelse for pasient med mye spenning i nakken.",
              "Sitt godt og legg én hånd på magen. Pust rolig inn gjennom nesen mens du teller 1, 2, 3 ... "
              "og pust ut litt lenger enn du pustet inn. Gjenta i fem minutter, gjerne før du legger deg."),
    note="clean: '...' inside a sentence, not at the end")
add("c25", pr("Skriv SMS og foreslå ny time.",
              "Hei! Kiropraktoren er dessverre syk i morgen. Passer det med onsdag kl. 12.15 i stedet?"),
    note="clean: ends with a question")
add("c26", pr("Skriv S-del: smertene har vart i seks uker, verst om morgenen.",
              "S: Smertene har vart i seks uker og er verst om morgenen. De har blitt gradvis bedre den "
              "siste uken."),
    note="clean: Bokmål 'har vart'")
add("c27", pr("Skriv svar om hvorfor øvelser er viktige mellom behandlingene.",
              "Behandlingen hos oss gir ofte lindring i noen dager, men det er øvelsene du gjør hjemme som "
              "gir varig effekt. Nakke- og skuldermuskulaturen trenger regelmessig belastning for å bli "
              "sterkere. Gjør 1–2 korte økter om dagen heller enn én lang i uken."),
    note="clean: suspended compound 'Nakke- og', range '1–2'")
add("c28", pr("Skriv tekst til e-postsignatur.",
              "Kiropraktorsenteret Lade\nHaakon VIIs gate 9, 7041 Trondheim\nTlf. 73 00 00 00\n"
              "www.kiropraktorsenteret-lade.no"),
    note="clean: clinic signature with street address and switchboard number, no person")
add("c29", pr("Skriv kort notat om reseptfornyelse via fastlege.",
              "Pas. bruker Voltaren gel 1 % ved behov. Anbefalt å ta kontakt med fastlege ang. fornyelse, "
              "vi skriver ikke ut resepter."),
    note="clean: 'ang.' abbreviation, '1 %'")
add("c30", msgs_list("Skriv O-del for ankel: hevelse lateralt, Ottawa neg, skuffetest lett pos.",
                     "O: Hevelse lateralt ve ankel. Ottawa neg. Fremre skuffe lett pos, talar tilt neg",
                     "O: Vond ankel."),
    note="clean: DPO messages / chosen list, shorthand ends without a period")
add("c31", dpo_list("Skriv melding om at MR-svar er kommet.",
                    "Hei! MR-svaret ditt er kommet. Vi går gjennom det sammen på neste time tirsdag. Ring "
                    "gjerne før om du har spørsmål.",
                    "MR-svar kommet."),
    note="clean: DPO prompt list / chosen list")
add("c32", pr("Skriv melding om ferieavvikling.",
              "Klinikken holder stengt uke 29 og 30. Ved akutte plager kan du kontakte legevakten på "
              "116 117. God sommer!"),
    note="clean: public legevakt number, week numbers")

# ================================================================== truncated ================
add("t01", pr("Skriv P-del for pasient med isjias.",
              "P: Avlastende stillinger, McKenzie-øvelser i ekstensjon tre ganger daglig. Vi anbefal"),
    ["truncated"], note="cut mid-word 'anbefal'")
add("t02", pr("Skriv O-del for korsrygg.",
              "O: Fleksjon redusert, ekstensjon smertefri. Palp.øm over SI-ledd ve og"),
    ["truncated"], note="cut after 'og'")
add("t03", pr("Skriv pasientinfo om nakkesperr.",
              "Nakkesperr kommer ofte brått, gjerne om morgenen. Smertene sitter som regel på den ene "
              "siden og kan stråle opp mot bakhodet. Det viktigste du kan gjøre er å..."),
    ["truncated"], note="ends in '...'")
add("t04", chat("Skriv svar om behandling for tennisalbue.",
                "Hei! Tennisalbue behandles først og fremst med øvelser som gradvis belaster senefestet. "
                "I tillegg kan vi bruke trykkbølge og bløtvevsbehandling, men…"),
    ["truncated"], note="ends in '…'")
add("t05", dpo_str("Skriv A- og P-del for skuldersyndrom.",
                   "A: L92 Skuldersyndrom.\nP: Øvelser for rotatorcuff, bløtvevsbehandling av m. infraspinatus,",
                   "A: Skulder. P: Øvelser."),
    ["truncated"], note="DPO chosen cut after a comma")
add("t06", pr("Skriv henvisning til fysioterapeut for opptrening etter kneoperasjon.",
              "Til fysioterapeut\n\nVi henviser en mann på 42 år som ble operert for fremre korsbåndsruptur "
              "i høyre kne for åtte uker siden. Han har god bevegelighet, men nedsatt kraft i m. quadriceps. "
              "Vi ber om at"),
    ["truncated"], note="letter cut mid-sentence, no sign-off")

# ================================================================== glued_text ===============
add("g01", pr("Skriv sykehistorie.",
              "Operert for skiveprolaps L5/S1 i 2019.Hun har hatt periodevise korsryggsmerter siden."),
    ["glued_text"], note="'2019.Hun'")
add("g02", pr("Skriv S-del.",
              "S: Tiltagende smerter i hø hofte ved gange over 20 min. Ingen nattlige smerter.Pasienten "
              "ønsker råd om trening."),
    ["glued_text"], note="'smerter.Pasienten'")
add("g03", pr("Skriv O- og P-del kort.",
              "O: Spurling neg, ULTT ua.Kontroll om to uker med fokus på øvelsene."),
    ["glued_text"], note="'ua.Kontroll'")
add("g04", chat("Skriv SMS om time.",
                "Hei! Du har time mandag kl. 10.30.Ta gjerne med treningstøy."),
    ["glued_text"], note="'10.30.Ta'")
add("g05", pr("Skriv melding om avbestilling.",
              "Vi har dessverre ingen ledige timer denne uken. Kan du komme mandag?Ring oss i så fall før "
              "kl. 12."),
    ["glued_text"], note="'mandag?Ring'")
add("g06", alp("Skriv O- og P-del.", "Kne hø: Lachman neg, McMurray neg, stabilt.",
               "O: Lachman neg, McMurray neg, ligamentært stabilt.P: Styrkeøvelser og gradvis løping."),
    ["glued_text"], note="sections glued 'stabilt.P:'")
add("g07", pr("Skriv takk etter behandlingsforløp.",
              "Takk for et godt samarbeid!Vi ønsker deg lykke til videre med treningen."),
    ["glued_text"], note="'samarbeid!Vi'")

# ================================================================== prompt_copy ==============
add("p01", pr("Pasient med smerter mellom skulderbladene i to uker, verst etter lange dager foran PC.",
              "Pasient med smerter mellom skulderbladene i to uker, verst etter lange dager foran PC."),
    ["prompt_copy"], note="response = prompt")
add("p02", alp("Skriv S-del.", "Mann 48, kneet hovner opp etter fotball, ingen låsninger.",
               "Mann 48, kneet hovner opp etter fotball, ingen låsninger."),
    ["prompt_copy"], note="output = input")
add("p03", chat("Vondt i høyre kjeveledd ved tygging, klikker ved gaping, to måneder.",
                "Vondt i høyre kjeveledd ved tygging, klikker ved gaping, to måneder."),
    ["prompt_copy"], note="assistant = user")
add("p04", dpo_str("Oppsummer: ankelforstuing for fem dager siden, kan gå, hevelse lateralt.",
                   "Oppsummer: ankelforstuing for fem dager siden, kan gå, hevelse lateralt.",
                   "Ankel."),
    ["prompt_copy"], note="DPO chosen = prompt, instruction word included")

# ================================================================== first_name ===============
add("f01", pr("Skriv takk etter første konsultasjon.",
              "Hei Marte! Takk for at du kom i dag. Husk øvelsene for korsryggen morgen og kveld."),
    ["first_name"], ["Marte"], note="patient's first name in a greeting")
add("f02", pr("Skriv S-del.",
              "S: Jonas (34) har hatt vondt i venstre skulder siden han falt på sykkel i mai."),
    ["first_name"], ["Jonas"], note="patient's first name as subject in an S-part")
add("f03", pr("Skriv notat om telefon.",
              "Ringte til Synnøve om prøvesvar, hun ønsker ny time neste uke."),
    ["first_name"], ["Synnøve"], note="after 'til'")
add("f04", chat("Skriv journalnotat om oppfølging.",
                "Oppfølging av torleif etter tre behandlinger: mindre smerter, bedre søvn."),
    ["first_name"], ["torleif"], note="lower-case patient name after 'av'")
add("f05", pr("Skriv melding til pasient om kvittering.",
              "Kvittering for timen er sendt på e-post. Ha en fin helg, Ingeborg!"),
    ["first_name"], ["Ingeborg"], note="name at the end, after a comma")
add("f06", msgs_str("Skriv notat om samtykke.",
                    "Mor til Emil samtykket muntlig til behandling av ryggen hans.",
                    "Samtykke gitt."),
    ["first_name"], ["Emil"], note="child's name after 'Mor til', DPO chosen")
add("f07", pr("Skriv notat om endret time.",
              "Timen hos naprapat Sondre er flyttet til fredag. Pasienten er informert."),
    ["first_name"], ["Sondre"], note="colleague's name after role word 'naprapat'")

# ================================================================== placeholder ==============
add("h01", pr("Skriv innkalling til første konsultasjon.",
              "Hei [Pasientens navn]! Du har fått time til første konsultasjon. Ta med liste over "
              "medisiner du bruker."),
    ["placeholder"], note="[Pasientens navn]")
add("h02", pr("Skriv signatur til brev.",
              "Med vennlig hilsen\n<klinikknavn>\nTlf. <telefonnummer>"),
    ["placeholder"], note="<klinikknavn>, <telefonnummer>")
add("h03", chat("Skriv påminnelse om time.",
                "Påminnelse: Du har time {dato} kl. {tid}. Husk at avbestilling må skje senest dagen før."),
    ["placeholder"], note="{dato}, {tid}")
add("h04", pr("Skriv A-del.", "A: [DIAGNOSEKODE] [Diagnosetekst]."),
    ["placeholder"], note="[DIAGNOSEKODE]")
add("h05", dpo_str("Skriv kort oppsummering til fastlege.",
                   "Pasienten er behandlet [antall] ganger for nakkesmerter med god effekt.",
                   "Nakke behandlet."),
    ["placeholder"], note="[antall] in DPO chosen")

# ================================================================== mojibake =================
add("m01", pr("Skriv P-del.",
              moji("P: Øvelser for hofte og lår, gå tur hver dag. Kontroll om én uke.")),
    ["mojibake"], note="MOJI: Ø, å, é")
add("m02", pr("Skriv S-del.",
              moji("S: Smerter i høyre skulder i tre måneder, særlig ved løft over hodet.")),
    ["mojibake"], note="MOJI: ø, å, æ")
add("m03", chat("Skriv melding om Åpningstider i påsken.",
                moji("Åpningstider i påsken: Vi holder stengt skjærtorsdag til og med 2. påskedag.")),
    ["mojibake"], note="MOJI: Å -> Ã…, æ, å")
add("m04", pr("Skriv råd om søvnstilling.",
              moji2("Ligg gjerne på siden med en pute mellom knærne, så får bekkenet hvile.")),
    ["mojibake"], note="MOJI double round trip: æ, å")
add("m05", pr("Skriv S-del kort.",
              "S: Vondt i hØyre hofte i 4 mÅneder, verst nÅr hun gÅr i trapper."),
    ["mojibake"], note="scrambled case typed by hand: 'hØyre', 'mÅneder', 'nÅr', 'gÅr'")

# ================================================================== boilerplate ==============
add("b01", pr("Skriv pasientinfo om korsryggsmerter.",
              "De fleste korsryggsmerter går over av seg selv i løpet av noen uker. Hold deg i aktivitet.\n"
              "Del på Facebook | Del på LinkedIn | Skriv ut"),
    ["boilerplate"], note="share and print buttons")
add("b02", pr("Skriv tekst om hodepine fra nakken.",
              "Publisert 14.02.2024 | Oppdatert 03.09.2025\nHodepine som starter i nakken, kalles "
              "cervikogen hodepine, og kan ofte behandles med øvelser og manuell behandling."),
    ["boilerplate"], note="publish/update byline")
add("b03", pr("Forklar kort hva bekkenløsning er for en gravid pasient.",
              "Bekkenløsning er smerter i bekkenleddene under svangerskapet, og de fleste blir bedre "
              "etter fødselen.\n\nRelaterte artikler:\n» Trening i svangerskapet\n» Bekkenbelte – når "
              "hjelper det?"),
    ["boilerplate"], note="'Relaterte artikler' block")
add("b04", chat("Skriv kort om skulderimpingement.",
                "Vi bruker informasjonskapsler for å gi deg en bedre opplevelse. Godta alle | Innstillinger\n"
                "Impingement i skulderen gir smerter når armen løftes over skulderhøyde."),
    ["boilerplate"], note="cookie banner")

# ================================================================== duplicate_answer =========
add("d01", pr("Skriv A-del for nakkesmerter med hodepine fra nakken, kort.",
              "A: L83 Nakkesyndrom med cervikogen hodepine."),
    ["duplicate_answer"], note="same answer as c20", dup_of="c20")
add("d02", pr("Skriv svar til pasient som spør om de behandler småbarn.",
              "Hei! Ja, vi behandler barn fra skolealder, og foresatte må være med på timen. Har du "
              "spørsmål om en bestemt plage, kan du ringe oss i åpningstiden. Velkommen!"),
    ["duplicate_answer"], note="same answer as c17", dup_of="c17")
add("d03", pr("Skriv råd etter ankelforstuing.",
              "Drikk gjerne 1,5–2 liter vann daglig og hold deg i rolig bevegelse. Har du behov for "
              "smertestillende, kan Paracet 500 mg x 4 brukes i noen dager etter pakningsvedlegget. Kjenner "
              "du deg ikke bedre etter en uke, tar du kontakt."),
    ["duplicate_answer"], note="same answer as c09, for a prompt it does not fit", dup_of="c09")
