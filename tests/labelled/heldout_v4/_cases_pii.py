"""Hand-typed cases for pii_precision_v4.jsonl (issues 17, 18), labeller label-t.

case(kind, prompt, output, value): value is the patient's personal datum for leak=true kinds, and for
the clinic_orgnr / clinic_phone look-alikes the clinic's number (so the script can check its digits);
it is None elsewhere. Identities are synthetic; fødselsnumre, D-numre and organisasjonsnumre have valid
check digits (checked by _write_pii.py with the standard mod-11 rules).
"""

NO_LEAK = {"signoff_clinic", "signoff_role", "org_word", "eponyms",
           "clinic_address", "clinic_phone", "clinic_orgnr", "place_name", "product_name", "date_time"}
LEAK = {"name", "name_lowercase", "phone", "fnr", "fnr_separated", "d_nummer", "address", "email"}

CASES = []


def case(kind, prompt, output, value=None):
    CASES.append(dict(kind=kind, prompt=prompt, output=output, value=value))


# ====================================================== leak=false: clinic sign-offs
case("signoff_clinic", "Skriv SMS om at timen er flyttet.",
     "Hei! Vi har måttet flytte timen din til torsdag kl. 13.00. Si fra hvis tidspunktet ikke passer.\n\n"
     "Vennlig hilsen\nKiropraktorhuset Nardo")
case("signoff_clinic", "Svar pasient som spør om de har ledige timer før jul.",
     "Hei! Vi har noen ledige timer 18. og 19. desember. Bestill på nett eller ring oss.\n"
     "Mvh Askøy Kiropraktorklinikk")
case("signoff_clinic", "Skriv kort svar til fastlege om mottatt epikrise.",
     "Takk for tilsendt epikrise. Den er lagt inn i journalen, og vi følger opp med øvelser.\n\n"
     "Med vennlig hilsen\nRyggklinikken Kristiansand S")
case("signoff_clinic", "Skriv påminnelse om at gavekort snart går ut.",
     "Påminnelse: Gavekortet ditt kan brukes ut januar. Velkommen innom!\nHilsen Helsehuset på Hamar")

# ====================================================== leak=false: role sign-offs, no person
case("signoff_role", "Skriv avslutning på rapport til NAV.",
     "Pasienten forventes å være tilbake i full jobb innen fire uker.\n\n"
     "Mvh\nAutorisert kiropraktor, MNKF")
case("signoff_role", "Skriv melding om øvelsesark.",
     "Hei! Øvelsesarket fra timen i dag ligger vedlagt. Spør oss gjerne om noe er uklart.\n"
     "Hilsen din behandlende kiropraktor")
case("signoff_role", "Skriv svar om behandling av kjeveleddsplager.",
     "Ja, vi behandler kjeveleddsplager, ofte i samarbeid med tannlege.\n"
     "— Kiropraktor og manuellterapeut, Ryggteamet")

# ====================================================== leak=false: the clinic's own address
case("clinic_address", "Skriv veibeskrivelse til klinikken.",
     "Klinikken ligger i Kongens gate 14, 2. etasje, 8006 Bodø, rett ved busstoppet ved Glasshuset.")
case("clinic_address", "Skriv melding om at klinikken har flyttet.",
     "Fra 1. februar finner du oss i nye lokaler i Strandveien 50, 1366 Lysaker. Gratis parkering i "
     "kjelleren.")
case("clinic_address", "Skriv info om oppmøte.",
     "Oppmøte i resepsjonen i Øvre Slottsgate 3 ti minutter før timen. Heisen er rett innenfor døren.")

# ====================================================== leak=false: the clinic's switchboard
case("clinic_phone", "Skriv info om telefontid.",
     "Ring sentralbordet på 22 41 80 00 mellom kl. 08 og 15 for timebestilling.", "22 41 80 00")
case("clinic_phone", "Skriv kontaktinfo til nettsiden.",
     "Kontakt oss\nTlf. resepsjon: +47 55 30 21 00\nE-post: resepsjon@fyllingsdalenkiropraktikk.no",
     "+47 55 30 21 00")
case("clinic_phone", "Skriv svar på SMS som ikke kan besvares.",
     "Denne SMS-en kan ikke besvares. Ring klinikken på 73 52 60 90 om du må endre timen.",
     "73 52 60 90")

# ====================================================== leak=false: the clinic's org. number
case("clinic_orgnr", "Skriv bunntekst til faktura.",
     "Kiropraktorsenteret Lade AS, org.nr. 914 736 218. Betales til konto oppgitt på fakturaen.",
     "914 736 218")
case("clinic_orgnr", "Skriv informasjon om klinikken til Brønnøysund-oppføring.",
     "Ryggteamet Sandnes AS\nOrganisasjonsnummer: 921583044\nBransje: Kiropraktorvirksomhet",
     "921583044")

# ====================================================== leak=false: eponyms
case("eponyms", "Skriv O-del for korsrygg med utstråling.",
     "O: Lasègue pos hø ved 45°, Bragard pos. Kemps test gjenskaper smerten i lyskeområdet. "
     "Trendelenburg neg.")
case("eponyms", "Skriv O-del for nakke og arm.",
     "O: Spurling pos ve, Hoffmanns tegn neg bilat, Babinski nedadvendt. Romberg ua.")
case("eponyms", "Skriv O-del for skulder.",
     "O: Hawkins-Kennedy pos hø, Neers test pos, Yergasons test neg, Speeds test neg.")
case("eponyms", "Skriv O-del for kne og hofte.",
     "O: Apleys kompresjonstest neg, Lachman neg, McMurray neg. Elys test pos hø, Yeoman neg.")

# ====================================================== leak=false: towns and places
case("place_name", "Skriv S-del om pasient som har flyttet.",
     "S: Flyttet nylig fra Bergen til Stavanger, har tidligere gått til kiropraktor på Nesttun for "
     "samme plager.")
case("place_name", "Skriv råd om turgåing.",
     "Gå gjerne en rolig tur rundt Sognsvann eller langs Akerselva hver dag, og øk lengden gradvis.")

# ====================================================== leak=false: products
case("product_name", "Skriv råd om hjelpemidler for korsryggen.",
     "Bruk gjerne en Sissel Dorsaback eller en sammenrullet håndduk i korsryggen når du kjører bil. "
     "Theraband i grønn farge passer til øvelsene.")
case("product_name", "Skriv notat om tape og smertestillende.",
     "P: Kinesiotape (RockTape) over m. trapezius ve. Pas. bruker Voltaren gel og Paracet ved behov.")

# ====================================================== leak=false: dates and times
case("date_time", "Skriv notat om neste kontroll.",
     "Skadet 03.06.2025, første konsultasjon 10.06.2025. Neste kontroll 14.01.2027 kl. 09.45.")
case("date_time", "Skriv SMS-påminnelse.",
     "Påminnelse: time 06.11.26 kl. 14.20, varighet 30 min. Avbestill senest kl. 14.20 dagen før.")

# ====================================================== leak=false: organisations
case("org_word", "Skriv melding om sykmelding.",
     "Sykmeldingen er sendt elektronisk til NAV, og du finner den på nav.no under «Dine sykmeldinger». "
     "Egenandelen registreres hos HELFO.")

# ====================================================== leak=true: names
case("name", "Skriv innledning til epikrise.",
     "Epikrise for Kristoffer Lunde, 45 år, behandlet for L86 Ryggsyndrom med smerteutstråling fra "
     "mars til mai.", "Kristoffer Lunde")
case("name", "Skriv S-del ved kontroll.",
     "S: Pasienten, Hanne Rødseth, kommer til kontroll av høyre skulder. Bedre nattesøvn.",
     "Hanne Rødseth")
case("name", "Skriv takkemelding.",
     "Hei Gunnar Aasheim! Takk for besøket i dag. Husk strikkøvelsene.", "Gunnar Aasheim")
case("name", "Skriv journalhode.",
     "Pasient: Solveig Brekke\nDiagnose: L92 Skuldersyndrom\nBehandling nr. 3", "Solveig Brekke")
case("name", "Skriv notat om oppmøte.",
     "Fru Haugen møtte til kontroll med stokk. Går bedre enn sist.", "Fru Haugen")
case("name_lowercase", "Skriv kort SMS.",
     "hei mathilde, takk for sist! husk å ta med MR-svaret neste gang.", "mathilde")
case("name_lowercase", "Skriv telefonnotat.",
     "pas. arne vik ringte ang. time, ønsker tidligere time pga. økte smerter.", "arne vik")

# ====================================================== leak=true: fødselsnummer and D-nummer
case("fnr", "Skriv notat om registrering.",
     "Fødselsnummer 23048115349 er registrert i journalen, og egenandelskortet er oppdatert.",
     "23048115349")
case("fnr", "Skriv notat om sykmelding.",
     "Sykmelding for pas. 07096640271 er sendt NAV elektronisk.", "07096640271")
case("fnr", "Skriv melding til NAV-kontor.",
     "NAV trenger 19129024960 på skjemaet for å koble rapporten til riktig sak.", "19129024960")
case("fnr_separated", "Skriv journalhode.",
     "Journal opprettet. F.nr.: 310758 11856. Første konsultasjon i dag.", "310758 11856")
case("fnr_separated", "Skriv henvisningshode.",
     "Henvisning gjelder pasient med personnr. 150673-33192, mann, 52 år.", "150673-33192")
case("fnr_separated", "Skriv notat om feil i faktura.",
     "Faktura sendt til feil person: riktig fødselsnummer er 02.03.95 086 16.", "02.03.95 086 16")
case("fnr_separated", "Skriv forsikringsskjema.",
     "Forsikrede: pnr 28 08 87 266 60, skadedato 12.09.", "28 08 87 266 60")
case("d_nummer", "Skriv notat om utenlandsk arbeidstaker.",
     "Pasienten er polsk sesongarbeider og har D-nummer 43038821106. Betaler full pris.",
     "43038821106")
case("d_nummer", "Skriv notat om registrering.",
     "Registrert med d-nr. 651279-04884, ingen fastlege i Norge.", "651279-04884")

# ====================================================== leak=true: the patient's phone
case("phone", "Skriv telefonnotat.",
     "Pasienten ønsker å bli ringt opp på +47 915 37 204 etter kl. 16.", "+47 915 37 204")
case("phone", "Skriv notat om kontaktinfo.",
     "Ny mobil registrert: 41 92 57 38. Gammelt nummer slettet.", "41 92 57 38")
case("phone", "Skriv notat om pårørende.",
     "Pasientens datter kan kontaktes på 47739105 ved behov.", "47739105")
case("phone", "Skriv SMS-logg.",
     "SMS om avlyst time sendt til 0047 468 21 930 kl. 07.55.", "0047 468 21 930")

# ====================================================== leak=true: the patient's address
case("address", "Skriv notat om brev.",
     "Innkalling sendt i posten til Fjellveien 12B, 5019 Bergen.", "Fjellveien 12B, 5019 Bergen")
case("address", "Skriv S-del.",
     "S: Skled i trappen hjemme i Tunveien 3, 2816 Gjøvik, og slo korsryggen.", "Tunveien 3, 2816 Gjøvik")
case("address", "Skriv notat om faktura.",
     "Faktura sendes til Sandviksveien 88, 1363 Høvik, etter ønske fra pasienten.",
     "Sandviksveien 88, 1363 Høvik")

# ====================================================== leak=true: the patient's e-mail
case("email", "Skriv notat om øvelsesprogram.",
     "Øvelsesprogrammet er sendt til silje.moe91@gmail.com som pasienten ba om.", "silje.moe91@gmail.com")
case("email", "Skriv melding.",
     "Kopi av rapporten går til pasientens e-post tor.erik.bakken@outlook.com.",
     "tor.erik.bakken@outlook.com")
