/* The demo world's service directory: some forty Danish and Dutch
 * services across the five stages of the continuum of care, eight of
 * them run by the demo organisations (who answer referrals in rosc), the
 * rest listed only. All names are made up. Loaded once, under meta
 * "demo_directory". */
#include "cmd/demo.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/directory.h"
#include "store/directory.h"
#include "store/store.h"

/* Directory organisations; `rosc` names the demo organisation that runs
 * it (its name in demo.c), or NULL. */
static const struct {
	const char *id, *name, *rosc, *website, *email;
} dir_orgs[] = {
	{"demo-org-nordlys", "Behandlingscenter Nordlys", "Behandlingscenter Nordlys",
	    "https://nordlys.example.dk", "kontakt@nordlys.example.dk"},
	{"demo-org-osterbro", "Socialforvaltningen Østerbro", "Socialforvaltningen Østerbro",
	    "https://osterbro.example.dk", NULL},
	{"demo-org-havnely", "Boligselskabet Havnely", "Boligselskabet Havnely",
	    "https://havnely.example.dk", "udlejning@havnely.example.dk"},
	{"demo-org-jobcenter", "Jobcenter Amager", "Jobcenter Amager",
	    "https://jobcenter-amager.example.dk", NULL},
	{"demo-org-laegehus", "Lægehuset Søndermarken", "Lægehuset Søndermarken", NULL, NULL},
	{"demo-org-broen", "Recovery-fællesskabet Broen", "Recovery-fællesskabet Broen",
	    "https://broen.example.dk", "hej@broen.example.dk"},
	{"demo-org-folgeskab", "Frivilligcenter Følgeskab", "Frivilligcenter Følgeskab",
	    "https://folgeskab.example.dk", NULL},
	{"demo-org-debrug", "Herstelhuis De Brug", "Herstelhuis De Brug",
	    "https://debrug.example.nl", "info@debrug.example.nl"},
	{"demo-org-kbh-misbrug", "Center for Misbrug, Københavns Kommune (demo)", NULL,
	    "https://misbrug.example.dk", NULL},
	{"demo-org-hvidovre-afrus", "Afrusningsenheden Hvidovre (demo)", NULL, NULL, NULL},
	{"demo-org-ungeraad", "UngeRådgivningen Vesterbro", NULL, NULL, NULL},
	{"demo-org-gaeldsraad", "Gældsrådgivningen Amager", NULL, NULL, NULL},
	{"demo-org-familie", "Familiehuset Nørrebro", NULL, NULL, NULL},
	{"demo-org-bolig-kbh", "Botilbuddet Lysningen", NULL, NULL, NULL},
	{"demo-org-aa-dk", "AA-grupper i København (demo)", NULL, NULL, NULL},
	{"demo-org-al-anon", "Pårørendegruppen Solsikken", NULL, NULL, NULL},
	{"demo-org-uu", "Voksenuddannelsescenter Sundby", NULL, NULL, NULL},
	{"demo-org-ggz", "Verslavingszorg Amstelland (demo)", NULL,
	    "https://amstelland.example.nl", NULL},
	{"demo-org-gemeente", "Wijkteam Amsterdam-Oost", NULL, NULL, NULL},
	{"demo-org-schuldhulp", "Schuldhulpverlening Amsterdam (demo)", NULL, NULL, NULL},
	{"demo-org-werk", "Werkplein Amsterdam-Oost", NULL, NULL, NULL},
	{"demo-org-herstel", "Herstelacademie Oost", NULL, NULL, NULL},
	{"demo-org-beschermd", "Beschermd Wonen De Linde", NULL, NULL, NULL},
	{"demo-org-preventie", "Preventieteam Jellinek-regio (demo)", NULL, NULL, NULL},
	{"demo-org-na-nl", "NA-groepen Amsterdam (demo)", NULL, NULL, NULL},
};
#define NDIRORGS (sizeof(dir_orgs) / sizeof(dir_orgs[0]))

#define NO_CAP -1

static const struct {
	const char *id, *org, *name, *description;
	enum stage stage;
	const char *domains, *langs;     /* ",housing," and "da,en" */
	bool video;
	int available, maximum;          /* NO_CAP: not counted */
	const char *unit;
	const char *address, *postal, *city, *country, *phone;
	const char *days, *opens, *closes;   /* "MO,TU,WE,TH,FR" */
	int response_days;
	const char *shares;              /* ",basic,plan," */
	const char *eligibility, *fees;
} services[] = {
	/* Prevention */
	{"demo-svc-ung-raadgivning", "demo-org-ungeraad", "Anonym rådgivning for unge",
	    "Samtaler for unge mellem 15 og 25 år, der er bekymrede for deres eget eller "
	    "en vens forbrug af alkohol eller stoffer. Du behøver ikke sige dit navn.",
	    STAGE_PREVENTION, ",substance_use,mental_health,", "da,en", true, NO_CAP, 0, NULL,
	    "Istedgade 80", "1650", "København V", "DK", "+45 33 00 11 22",
	    "MO,TU,WE,TH", "13:00", "19:00", 5, ",basic,", "Unge 15–25 år", "Gratis"},
	{"demo-svc-foraeldre-kursus", "demo-org-familie", "Forældrekursus: tal med dit barn "
	    "om alkohol", "Et aftenkursus over tre gange for forældre til teenagere.",
	    STAGE_PREVENTION, ",family,", "da", false, 6, 16, "places",
	    "Nørrebrogade 150", "2200", "København N", "DK", "+45 35 00 12 34",
	    "TU", "18:00", "20:30", 7, ",basic,", NULL, "Gratis"},
	{"demo-svc-preventie-school", "demo-org-preventie", "Voorlichting alcohol en drugs "
	    "voor jongeren", "Gastlessen en een inloopspreekuur voor jongeren en ouders in "
	    "Amsterdam-Oost.", STAGE_PREVENTION, ",substance_use,family,", "nl,en", true,
	    NO_CAP, 0, NULL, "Linnaeusstraat 89", "1093 EK", "Amsterdam", "NL",
	    "+31 20 555 0101", "WE", "14:00", "17:00", 7, ",basic,", NULL, "Gratis"},
	{"demo-svc-alkolinje", "demo-org-kbh-misbrug", "Alkohollinjen: ring og tal om "
	    "alkohol", "Telefon- og videosamtaler for dig, der vil drikke mindre, eller som "
	    "er pårørende.", STAGE_PREVENTION, ",substance_use,", "da,en", true, NO_CAP, 0,
	    NULL, NULL, NULL, NULL, "DK", "+45 80 00 00 00", "MO,TU,WE,TH,FR", "09:00",
	    "21:00", 3, ",basic,", NULL, "Gratis og anonymt"},
	/* Early intervention */
	{"demo-svc-nordlys-forsamtale", "demo-org-nordlys", "Første samtale om alkohol",
	    "En uforpligtende samtale med en behandler inden for 14 dage (behandlingsgaranti, "
	    "sundhedsloven § 141). Du kan være anonym.", STAGE_EARLY_INTERVENTION,
	    ",substance_use,", "da,en", true, 5, 12, "places", "Nørre Allé 12", "2200",
	    "København N", "DK", "+45 33 44 55 66", "MO,TU,WE,TH,FR", "08:30", "15:30", 3,
	    ",basic,substance,", "Alle over 18 år", "Gratis"},
	{"demo-svc-laege-samtale", "demo-org-laegehus", "Kort rådgivning om alkohol hos "
	    "egen læge", "Din læge tager en kort samtale om dine alkoholvaner og tilbyder "
	    "opfølgning.", STAGE_EARLY_INTERVENTION, ",substance_use,physical_health,",
	    "da", false, NO_CAP, 0, NULL, "Søndermarken 3", "2000", "Frederiksberg", "DK",
	    "+45 38 00 22 33", "MO,TU,WE,TH,FR", "08:00", "16:00", 5, ",basic,plan,",
	    "Tilmeldte patienter", "Gratis med sygesikring"},
	{"demo-svc-wijkteam", "demo-org-gemeente", "Wijkteam: hulp bij zorgen over "
	    "drank of drugs", "Het wijkteam denkt mee en verwijst door. Zonder verwijzing.",
	    STAGE_EARLY_INTERVENTION, ",substance_use,family,housing,", "nl,en", false,
	    NO_CAP, 0, NULL, "Ringdijk 2", "1097 AH", "Amsterdam", "NL", "+31 20 555 0202",
	    "MO,TU,WE,TH,FR", "09:00", "17:00", 5, ",basic,", NULL, "Gratis"},
	{"demo-svc-ggz-screening", "demo-org-ggz", "Intake en screening verslavingszorg",
	    "Een intakegesprek met een verslavingsarts of verpleegkundige, met een advies "
	    "op maat.", STAGE_EARLY_INTERVENTION, ",substance_use,mental_health,", "nl,en",
	    true, 3, 10, "places", "Wibautstraat 120", "1091 GP", "Amsterdam", "NL",
	    "+31 20 555 0303", "MO,TU,WE,TH,FR", "08:30", "17:00", 5, ",basic,substance,",
	    "Met verwijzing van de huisarts", "Vergoed door de zorgverzekering"},
	/* Treatment */
	{"demo-svc-nordlys-ambulant", "demo-org-nordlys", "Ambulant alkoholbehandling",
	    "Samtaler en medicinsk behandling over ca. tre måneder, alene eller i gruppe, "
	    "og efterbehandling bagefter.", STAGE_TREATMENT,
	    ",substance_use,mental_health,physical_health,", "da,en", true, 4, 40, "places",
	    "Nørre Allé 12", "2200", "København N", "DK", "+45 33 44 55 66",
	    "MO,TU,WE,TH,FR", "08:30", "18:00", 3, ",basic,plan,substance,",
	    "Alle over 18 år med bopæl i Region Hovedstaden", "Gratis"},
	{"demo-svc-afrusning", "demo-org-hvidovre-afrus", "Afrusning og abstinensbehandling",
	    "Døgnindlæggelse i 3–7 dage med lægelig abstinensbehandling.", STAGE_TREATMENT,
	    ",substance_use,physical_health,", "da,en", false, 2, 14, "beds",
	    "Kettegård Allé 30", "2650", "Hvidovre", "DK", "+45 38 62 00 00",
	    "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59", 1, ",basic,substance,",
	    "Henvisning fra læge eller misbrugscenter", "Gratis"},
	{"demo-svc-stof-ambulant", "demo-org-kbh-misbrug", "Ambulant stofbehandling",
	    "Samtaler, substitutionsbehandling og sundhedstjek for dig, der bruger stoffer.",
	    STAGE_TREATMENT, ",substance_use,physical_health,mental_health,", "da,en",
	    false, 0, 60, "places", "Halmtorvet 20", "1700", "København V", "DK",
	    "+45 33 17 00 00", "MO,TU,WE,TH,FR", "08:00", "15:00", 5,
	    ",basic,plan,substance,", "Over 18 år, bopæl i Københavns Kommune", "Gratis"},
	{"demo-svc-nordlys-video", "demo-org-nordlys", "Videobehandling for borgere på "
	    "botilbud", "Samtalebehandling på video for dig, der bor på et botilbud eller "
	    "ikke kan komme ind til os.", STAGE_TREATMENT, ",substance_use,", "da", true, 6,
	    10, "places", NULL, NULL, NULL, "DK", "+45 33 44 55 67", "MO,WE,FR", "09:00",
	    "15:00", 3, ",basic,plan,substance,", NULL, "Gratis"},
	{"demo-svc-debrug-klinisch", "demo-org-debrug", "Klinische behandeling (12 weken)",
	    "Een opname van twaalf weken in een herstelgerichte groep, met "
	    "familieprogramma.", STAGE_TREATMENT, ",substance_use,mental_health,family,",
	    "nl,en", false, 1, 24, "beds", "Vondelstraat 40", "1054 GE", "Amsterdam", "NL",
	    "+31 20 555 0404", "MO,TU,WE,TH,FR", "09:00", "17:00", 5,
	    ",basic,plan,substance,", "Met indicatie", "Vergoed door de zorgverzekering"},
	{"demo-svc-ggz-ambulant", "demo-org-ggz", "Ambulante behandeling alcohol en drugs",
	    "Cognitieve gedragstherapie, medicatie en leefstijltraining, ook online.",
	    STAGE_TREATMENT, ",substance_use,mental_health,", "nl,en", true, 8, 50,
	    "places", "Wibautstraat 120", "1091 GP", "Amsterdam", "NL", "+31 20 555 0303",
	    "MO,TU,WE,TH,FR", "08:30", "20:00", 5, ",basic,plan,substance,",
	    "Met verwijzing van de huisarts", "Vergoed door de zorgverzekering"},
	{"demo-svc-ggz-detox", "demo-org-ggz", "Detox-afdeling", "Opname voor veilige "
	    "ontwenning, 5 tot 10 dagen.", STAGE_TREATMENT, ",substance_use,physical_health,",
	    "nl,en", false, 0, 12, "beds", "Wibautstraat 122", "1091 GP", "Amsterdam", "NL",
	    "+31 20 555 0305", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59", 1,
	    ",basic,substance,", "Met verwijzing", "Vergoed door de zorgverzekering"},
	{"demo-svc-laege-medicin", "demo-org-laegehus", "Medicinsk behandling og "
	    "sundhedstjek", "Blodprøver, leverundersøgelse og medicin mod trang, i "
	    "samarbejde med dit behandlingssted.", STAGE_TREATMENT,
	    ",physical_health,substance_use,", "da", false, NO_CAP, 0, NULL,
	    "Søndermarken 3", "2000", "Frederiksberg", "DK", "+45 38 00 22 33",
	    "MO,TU,WE,TH,FR", "08:00", "16:00", 5, ",basic,plan,substance,", NULL,
	    "Gratis med sygesikring"},
	{"demo-svc-psykiatri", "demo-org-kbh-misbrug", "Dobbeltdiagnose-teamet",
	    "Behandling for dig med både misbrug og psykisk sygdom, i ét forløb.",
	    STAGE_TREATMENT, ",mental_health,substance_use,", "da,en", false, 1, 20,
	    "places", "Halmtorvet 20", "1700", "København V", "DK", "+45 33 17 00 10",
	    "MO,TU,WE,TH,FR", "08:00", "15:00", 7, ",basic,plan,substance,notes,",
	    "Henvisning fra psykiatrien eller misbrugscentret", "Gratis"},
	/* Recovery support */
	{"demo-svc-broen-peer", "demo-org-broen", "Peer-støtte: en at tale med, der selv "
	    "har været der", "En peer-medarbejder med egen erfaring følger dig i de første "
	    "måneder efter behandling.", STAGE_RECOVERY_SUPPORT,
	    ",substance_use,social_network,meaning,", "da,en", true, 3, 15, "places",
	    "Blågårdsgade 5", "2200", "København N", "DK", "+45 31 00 44 55",
	    "MO,WE,TH", "10:00", "18:00", 5, ",basic,plan,", NULL, "Gratis"},
	{"demo-svc-broen-gruppe", "demo-org-broen", "Recovery-gruppen torsdag aften",
	    "En åben gruppe for mennesker i bedring. Kaffe, fællesskab og samtale.",
	    STAGE_RECOVERY_SUPPORT, ",social_network,meaning,", "da", false, NO_CAP, 0,
	    NULL, "Blågårdsgade 5", "2200", "København N", "DK", "+45 31 00 44 55", "TH",
	    "18:30", "20:30", 7, ",basic,", NULL, "Gratis"},
	{"demo-svc-folgeskab-brobygger", "demo-org-folgeskab", "Brobyggere: en frivillig "
	    "følger dig til aftaler", "Frivillige sundhedsstuderende går med dig til læge, "
	    "sygehus og kommune og hjælper dig med at holde styr på aftaler.",
	    STAGE_RECOVERY_SUPPORT, ",physical_health,practical_legal,social_network,", "da,en",
	    false, 7, 25, "places", "Enghavevej 40", "1674", "København V", "DK",
	    "+45 32 00 66 77", "MO,TU,WE,TH,FR", "10:00", "16:00", 5, ",basic,appointments,",
	    NULL, "Gratis"},
	{"demo-svc-aa-mandag", "demo-org-aa-dk", "AA-møde mandag, Christianshavn",
	    "Et åbent AA-møde. Alle er velkomne.", STAGE_RECOVERY_SUPPORT,
	    ",substance_use,social_network,", "da", false, NO_CAP, 0, NULL,
	    "Dronningensgade 14", "1420", "København K", "DK", NULL, "MO", "19:00", "20:30",
	    7, ",basic,", NULL, "Gratis"},
	{"demo-svc-aa-online", "demo-org-aa-dk", "AA-møde online på engelsk",
	    "An open English-speaking AA meeting on video, every evening.",
	    STAGE_RECOVERY_SUPPORT, ",substance_use,social_network,", "en", true, NO_CAP, 0,
	    NULL, NULL, NULL, NULL, "DK", NULL, "MO,TU,WE,TH,FR,SA,SU", "20:00", "21:00", 7,
	    ",basic,", NULL, "Free"},
	{"demo-svc-solsikken", "demo-org-al-anon", "Pårørendegruppe for familie og venner",
	    "En gruppe for dig, der er pårørende til en med et alkohol- eller stofproblem.",
	    STAGE_RECOVERY_SUPPORT, ",family,mental_health,", "da", false, NO_CAP, 0, NULL,
	    "Nørrebrogade 150", "2200", "København N", "DK", "+45 35 00 12 35", "WE", "19:00",
	    "21:00", 7, ",basic,", "Pårørende", "Gratis"},
	{"demo-svc-lysningen", "demo-org-bolig-kbh", "Botilbud med recovery-fokus",
	    "Et midlertidigt hjem med personale døgnet rundt, for dig der kommer fra "
	    "behandling og ikke har en bolig endnu.", STAGE_RECOVERY_SUPPORT,
	    ",housing,substance_use,social_network,", "da", false, 0, 18, "places",
	    "Lysningen 7", "2500", "Valby", "DK", "+45 36 00 77 88", "MO,TU,WE,TH,FR", "09:00",
	    "15:00", 10, ",basic,plan,substance,", "Visitation fra kommunen", "Egenbetaling "
	    "efter indtægt"},
	{"demo-svc-nordlys-efterbehandling", "demo-org-nordlys", "Efterbehandling og "
	    "tilbagefaldsforebyggelse", "Samtaler hver anden uge i et halvt år efter "
	    "behandling, med fokus på din tilbagefaldsplan.", STAGE_RECOVERY_SUPPORT,
	    ",substance_use,mental_health,", "da,en", true, 9, 30, "places",
	    "Nørre Allé 12", "2200", "København N", "DK", "+45 33 44 55 66",
	    "TU,TH", "15:00", "19:00", 3, ",basic,plan,substance,", NULL, "Gratis"},
	{"demo-svc-debrug-nazorg", "demo-org-debrug", "Nazorg en terugvalpreventie",
	    "Een nazorggroep elke week en een persoonlijke herstelcoach, een jaar lang.",
	    STAGE_RECOVERY_SUPPORT, ",substance_use,social_network,", "nl,en", true, 6, 20,
	    "places", "Vondelstraat 40", "1054 GE", "Amsterdam", "NL", "+31 20 555 0404",
	    "MO,WE", "18:00", "21:00", 5, ",basic,plan,", NULL, "Gratis"},
	{"demo-svc-herstelacademie", "demo-org-herstel", "Herstelacademie: cursussen door "
	    "ervaringsdeskundigen", "Cursussen zoals 'Herstellen doe je zelf' en WRAP, "
	    "gegeven door ervaringsdeskundigen.", STAGE_RECOVERY_SUPPORT,
	    ",meaning,mental_health,social_network,", "nl", false, 4, 12, "places",
	    "Dapperstraat 20", "1093 BT", "Amsterdam", "NL", "+31 20 555 0606", "TU,TH",
	    "10:00", "16:00", 7, ",basic,", NULL, "Gratis"},
	{"demo-svc-na-oost", "demo-org-na-nl", "NA-meeting Amsterdam-Oost",
	    "Een open NA-meeting, iedereen welkom.", STAGE_RECOVERY_SUPPORT,
	    ",substance_use,social_network,", "nl,en", false, NO_CAP, 0, NULL,
	    "Javaplein 21", "1095 CJ", "Amsterdam", "NL", NULL, "FR", "20:00", "21:30", 7,
	    ",basic,", NULL, "Gratis"},
	{"demo-svc-beschermd-wonen", "demo-org-beschermd", "Herstelgericht beschermd wonen",
	    "Een eigen kamer met begeleiding, tussen kliniek en zelfstandig wonen.",
	    STAGE_RECOVERY_SUPPORT, ",housing,social_network,", "nl", false, 2, 16, "places",
	    "Lindengracht 60", "1015 KL", "Amsterdam", "NL", "+31 20 555 0707",
	    "MO,TU,WE,TH,FR", "09:00", "17:00", 10, ",basic,plan,", "Met beschikking van de "
	    "gemeente", "Eigen bijdrage naar inkomen"},
	/* Social reintegration */
	{"demo-svc-havnely-bolig", "demo-org-havnely", "Boliganvisning efter behandling",
	    "Hjælp til at finde og søge en lejlighed, og en kontaktperson det første år.",
	    STAGE_REINTEGRATION, ",housing,finances,", "da", false, 2, 10, "places",
	    "Havnegade 21", "1058", "København K", "DK", "+45 33 12 34 56",
	    "MO,TU,WE,TH", "09:00", "15:00", 10, ",basic,plan,", NULL, "Gratis"},
	{"demo-svc-jobcenter-ips", "demo-org-jobcenter", "IPS: job med støtte",
	    "Individuelt planlagt job med støtte: en jobkonsulent hjælper dig i arbejde og "
	    "bliver ved din side.", STAGE_REINTEGRATION, ",work_education,finances,",
	    "da,en", false, 5, 30, "places", "Amagerbrogade 80", "2300", "København S", "DK",
	    "+45 33 66 10 00", "MO,TU,WE,TH,FR", "09:00", "15:00", 5, ",basic,plan,", NULL,
	    "Gratis"},
	{"demo-svc-jobcenter-mentor", "demo-org-jobcenter", "Mentor i job eller uddannelse",
	    "En mentor, du ser hver uge, mens du starter i job eller uddannelse.",
	    STAGE_REINTEGRATION, ",work_education,social_network,", "da", false, 3, 12,
	    "places", "Amagerbrogade 80", "2300", "København S", "DK", "+45 33 66 10 00",
	    "MO,TU,WE,TH,FR", "09:00", "15:00", 5, ",basic,", NULL, "Gratis"},
	{"demo-svc-gaeld", "demo-org-gaeldsraad", "Gratis gældsrådgivning",
	    "Frivillige jurister og økonomer hjælper dig med at få overblik over din gæld "
	    "og skrive til kreditorer.", STAGE_REINTEGRATION, ",finances,practical_legal,",
	    "da,en", true, NO_CAP, 0, NULL, "Amagerbrogade 120", "2300", "København S", "DK",
	    "+45 32 00 88 99", "TU,TH", "16:00", "19:00", 10, ",basic,", NULL, "Gratis"},
	{"demo-svc-osterbro-kontanthjaelp", "demo-org-osterbro", "Rådgivning om ydelser og "
	    "boligstøtte", "En socialrådgiver hjælper dig med kontanthjælp, boligstøtte og "
	    "ansøgninger.", STAGE_REINTEGRATION, ",finances,housing,practical_legal,", "da,en",
	    false, NO_CAP, 0, NULL, "Østerbrogade 95", "2100", "København Ø", "DK",
	    "+45 33 17 33 17", "MO,TU,WE,TH,FR", "09:00", "14:00", 5, ",basic,plan,", NULL,
	    "Gratis"},
	{"demo-svc-osterbro-familie", "demo-org-osterbro", "Familiesamtaler",
	    "Samtaler for dig og din familie om at finde vejen tilbage til hinanden.",
	    STAGE_REINTEGRATION, ",family,", "da", false, 2, 8, "places", "Østerbrogade 95",
	    "2100", "København Ø", "DK", "+45 33 17 33 18", "MO,WE", "12:00", "17:00", 7,
	    ",basic,plan,", NULL, "Gratis"},
	{"demo-svc-vuc", "demo-org-uu", "Forberedende voksenundervisning (FVU)",
	    "Dansk og matematik i små hold, i dit eget tempo.", STAGE_REINTEGRATION,
	    ",work_education,", "da", false, 10, 24, "places", "Sundholmsvej 8", "2300",
	    "København S", "DK", "+45 32 00 99 00", "MO,TU,WE,TH", "09:00", "15:00", 10,
	    ",basic,", NULL, "Gratis"},
	{"demo-svc-folgeskab-besog", "demo-org-folgeskab", "Besøgsven og gåtur",
	    "En frivillig besøgsven, der kommer forbi en gang om ugen til kaffe eller en tur.",
	    STAGE_REINTEGRATION, ",social_network,meaning,", "da", false, 12, 40, "places",
	    "Enghavevej 40", "1674", "København V", "DK", "+45 32 00 66 77",
	    "MO,TU,WE,TH,FR", "10:00", "16:00", 7, ",basic,", NULL, "Gratis"},
	{"demo-svc-schuldhulp", "demo-org-schuldhulp", "Schuldhulpverlening",
	    "Hulp bij schulden: een overzicht, een plan en contact met schuldeisers.",
	    STAGE_REINTEGRATION, ",finances,practical_legal,", "nl,en", false, NO_CAP, 0, NULL,
	    "Weesperplein 8", "1018 XA", "Amsterdam", "NL", "+31 20 555 0808",
	    "MO,TU,WE,TH,FR", "09:00", "17:00", 10, ",basic,", NULL, "Gratis"},
	{"demo-svc-werkplein", "demo-org-werk", "Werkfit: begeleiding naar werk",
	    "Een traject van zes maanden naar betaald werk of een opleiding, met een "
	    "jobcoach.", STAGE_REINTEGRATION, ",work_education,finances,", "nl,en", false, 4,
	    20, "places", "Oranje-Vrijstaatplein 2", "1093 NG", "Amsterdam", "NL",
	    "+31 20 555 0909", "MO,TU,WE,TH,FR", "09:00", "17:00", 10, ",basic,plan,", NULL,
	    "Gratis"},
	{"demo-svc-debrug-gezin", "demo-org-debrug", "Gezinsprogramma na opname",
	    "Gesprekken met je partner of ouders, om weer samen verder te gaan.",
	    STAGE_REINTEGRATION, ",family,", "nl", true, 3, 10, "places", "Vondelstraat 40",
	    "1054 GE", "Amsterdam", "NL", "+31 20 555 0404", "TU", "17:00", "20:00", 5,
	    ",basic,plan,", NULL, "Gratis"},
	{"demo-svc-wijkteam-wonen", "demo-org-gemeente", "Hulp bij wonen en huur",
	    "Het wijkteam helpt met een huurachterstand, een urgentieaanvraag of "
	    "begeleid wonen.", STAGE_REINTEGRATION, ",housing,finances,", "nl,en", false,
	    NO_CAP, 0, NULL, "Ringdijk 2", "1097 AH", "Amsterdam", "NL", "+31 20 555 0202",
	    "MO,TU,WE,TH,FR", "09:00", "17:00", 10, ",basic,", NULL, "Gratis"},
	{"demo-svc-herstel-vrijwilliger", "demo-org-herstel", "Vrijwilligerswerk als "
	    "opstap", "We zoeken samen vrijwilligerswerk dat bij je past, als stap naar "
	    "werk en een nieuw netwerk.", STAGE_REINTEGRATION,
	    ",work_education,meaning,social_network,", "nl", false, NO_CAP, 0, NULL,
	    "Dapperstraat 20", "1093 BT", "Amsterdam", "NL", "+31 20 555 0606", "WE",
	    "10:00", "15:00", 7, ",basic,", NULL, "Gratis"},
};
#define NSERVICES (sizeof(services) / sizeof(services[0]))

static const char *
language_name(const char *code)
{
	if (strcmp(code, "da") == 0)
		return "Danish";
	if (strcmp(code, "nl") == 0)
		return "Dutch";
	return "English";
}

struct directory_load {
	const struct demo_org_ids *orgs;
	int64_t now;
};

static int
load_directory(struct store_tx *tx, void *arg)
{
	struct directory_load *w = arg;
	struct arena a = ARENA_INIT;
	char id[256], day[3];
	size_t i;
	int rc = 0;

	for (i = 0; i < NDIRORGS && rc == 0; i++) {
		struct dir_org o = {0};

		o.id = dir_orgs[i].id;
		o.name = dir_orgs[i].name;
		o.website = dir_orgs[i].website;
		o.email = dir_orgs[i].email;
		o.managed_by = dir_orgs[i].rosc ? demo_org_by_name(w->orgs, dir_orgs[i].rosc) :
		    NULL;
		o.updated_us = w->now;
		rc = store_tx_dir_org_put(tx, &o);
	}
	for (i = 0; i < NSERVICES && rc == 0; i++) {
		struct service sv = {0};
		const char *p;

		sv.id = services[i].id;
		sv.organization_id = services[i].org;
		sv.name = services[i].name;
		sv.description = services[i].description;
		sv.status = "active";
		sv.stage = services[i].stage;
		if (!domains_parse(services[i].domains, &sv.domains) ||
		    !categories_parse(services[i].shares, &sv.shares)) {
			rc = ERR_INVALID;
			break;
		}
		sv.video = services[i].video;
		sv.has_capacity = services[i].available != NO_CAP;
		sv.capacity_available = services[i].available;
		sv.capacity_maximum = services[i].maximum;
		sv.capacity_unit = services[i].unit;
		/* Counted a few hours to a few days ago. */
		sv.capacity_updated_us = w->now - (int64_t)(i % 5 + 1) * 7200 * 1000000;
		sv.response_days = services[i].response_days;
		sv.eligibility_description = services[i].eligibility;
		sv.fees_description = services[i].fees;
		sv.updated_us = w->now;
		if ((rc = store_tx_service_put(tx, &sv)) != 0)
			break;
		for (p = services[i].langs; rc == 0 && *p; p += p[2] ? 3 : 2) {
			struct service_language l = {0};

			snprintf(day, sizeof(day), "%.2s", p);
			snprintf(id, sizeof(id), "%s-lang-%s", sv.id, day);
			l.service_id = sv.id;
			l.code = arena_strdup(&a, day);
			l.id = arena_strdup(&a, id);
			l.name = language_name(day);
			rc = store_tx_service_language_put(tx, &l);
		}
		if (rc == 0 && services[i].address != NULL) {
			struct dir_location loc = {0};
			struct service_at_location sal = {0};

			snprintf(id, sizeof(id), "%s-loc", sv.id);
			loc.id = arena_strdup(&a, id);
			loc.organization_id = sv.organization_id;
			loc.name = sv.name;
			loc.address_1 = services[i].address;
			loc.postal_code = services[i].postal;
			loc.city = services[i].city;
			loc.country = services[i].country;
			loc.updated_us = w->now;
			snprintf(id, sizeof(id), "%s-sal", sv.id);
			sal.id = arena_strdup(&a, id);
			sal.service_id = sv.id;
			sal.location_id = loc.id;
			if ((rc = store_tx_location_put(tx, &loc)) == 0)
				rc = store_tx_service_at_location_put(tx, &sal);
		}
		if (rc == 0 && services[i].phone != NULL) {
			struct dir_phone ph = {0};

			snprintf(id, sizeof(id), "%s-phone", sv.id);
			ph.id = arena_strdup(&a, id);
			ph.service_id = sv.id;
			ph.number = services[i].phone;
			ph.type = "voice";
			rc = store_tx_phone_put(tx, &ph);
		}
		for (p = services[i].days; rc == 0 && *p; p += p[2] ? 3 : 2) {
			struct dir_schedule sc = {0};

			snprintf(day, sizeof(day), "%.2s", p);
			snprintf(id, sizeof(id), "%s-open-%s", sv.id, day);
			sc.id = arena_strdup(&a, id);
			sc.service_id = sv.id;
			sc.freq = "WEEKLY";
			sc.byday = arena_strdup(&a, day);
			sc.opens_at = services[i].opens;
			sc.closes_at = services[i].closes;
			sc.timezone = strcmp(services[i].country, "NL") == 0 ? "Europe/Amsterdam" :
			    "Europe/Copenhagen";
			rc = store_tx_schedule_put(tx, &sc);
		}
	}
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_directory", "1");
	arena_free(&a);
	return rc;
}

int
demo_directory(struct store *s, const struct demo_org_ids *orgs, int64_t now)
{
	struct arena a = ARENA_INIT;
	struct directory_load w = {orgs, now};
	const char *have;
	int rc;

	rc = store_meta_get(s, &a, "demo_directory", &have);
	store_request_end(s);
	arena_free(&a);
	if (rc == ERR_NOT_FOUND)
		rc = store_write(s, load_directory, &w);
	return rc;
}
