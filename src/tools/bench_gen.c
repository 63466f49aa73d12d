/* rosc-bench-gen --db URL [--persons N] [--services M] [--seed S]:
 * synthetic data for benchmarks, about 180 rows per person and a service
 * directory, written into an initialised,
 * empty database through the store's bulk loads (COPY on PostgreSQL).
 * A program of its own beside rosc (bench/run.sh runs it), so the server
 * binary does not carry a data generator.
 * The same N and seed give the same data: every value comes from a small
 * PRNG (splitmix64) seeded by the seed, the kind of thing and its index,
 * so nothing depends on the order of generation or the chunk size.
 *
 * Organisations, staff and their roles come first, in one write; then the
 * persons, CHUNK at a time, each chunk one write that loads every table's
 * rows for those persons (parents before children). Every account shares
 * one precomputed argon2id hash of BENCH_PASSWORD: nothing is hashed here.
 *
 * The service directory (public, no persons) is one write after them:
 * --services M services (default 10,000), five to a directory organisation
 * of two locations, every tenth organisation run by a rosc organisation;
 * each service with a phone, weekly opening hours in its country's zone,
 * its languages, capacity where it counts places or beds, and the search
 * key core/directory.c's service_search_key() makes of it.
 *
 * Four accounts with known names are for the benchmark script:
 * bench-coord (coordinator of persons 0..39 in organisation 1), bench-staff
 * (professional in organisation 1, in the network of the first 2,000
 * persons, whose home organisation is organisation 1, so duty lets it read
 * and co-write their plans), bench-person (person 0's own account) and
 * bench-manager (org_admin of the region, a municipality's social services
 * in every person's network as an organisation without a user, so no
 * caseload grows; three persons in four consent to it seeing all but their
 * notes, the others only their basic facts).
 *
 * For the programme outcome reports, besides: WHO-5 and BARC-10 answered
 * near the start and at 6, 12 and 24 months (the responses, not each
 * answer), referrals closed with an outcome, warnings followed up, a
 * year's check-ins before the last four weeks, and plans of check-ups.
 * None of these is overdue or in anyone's inbox, so the older scenarios'
 * pages show what they showed; each comes from streams of its own, so the
 * same seed still makes the same rows for what was there before.
 *
 * A developer's tool: its messages are plain English, not translated. */
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "cmd/commands.h"
#include "core/account.h"
#include "core/checkup.h"
#include "core/directory.h"
#include "core/pathway.h"
#include "core/person.h"
#include "core/plan.h"
#include "core/questionnaire.h"
#include "core/referral.h"
#include "core/warning.h"
#include "store/accounts.h"
#include "store/access_chain.h"
#include "store/audit.h"
#include "store/load.h"
#include "store/outcomes.h"
#include "store/pathways.h"
#include "store/questionnaires.h"
#include "store/store.h"
#include "store/tables.h"

#define BENCH_PASSWORD "demo-hope-2026"
#define BENCH_HASH "$argon2id$v=19$m=19456,t=2,p=1$MqUb2HJ6s+UwnfQhmmlRMQ$" \
	"B2EuOMiZAaQTy9MTdV8aRtPoDLFMYN3/MBde0e28odk"

#define DEFAULT_PERSONS 100000
#define MAX_PERSONS 10000000
#define DEFAULT_SERVICES 10000
#define MAX_SERVICES 1000000
#define GROUP 2000               /* persons whose ids share a prefix */
#define CHUNK GROUP              /* persons per write: one group */
#define PER_STAFF 40             /* persons per coordinator, per professional */
#define STAFF_PERSONS 2000       /* bench-staff's persons: 0 .. 1,999 */
#define PERSONS_PER_ORG 500
#define MIN_ORGS 8
#define ACCOUNT_EVERY 10         /* one person in ten has an account */

#define GOALS 3
#define STEPS_PER_GOAL 3
#define STEPS (GOALS * STEPS_PER_GOAL)
#define CONTACTS 2
#define COMMENTS 2
#define NOTES 10
#define ACCESSES 25
#define APPTS 6                  /* three past, three ahead */
#define CHECKIN_DAYS 28          /* check-ins over the last four weeks */
#define CHECKIN_PCT 70           /* of persons check in */
#define FLAG_PCT 10              /* of persons have an open early warning */
/* For the programme outcome reports: */
#define REGION_FULL_PCT 75       /* share all but notes with the region, else basic */
#define REGION_CATS 5
#define QUESTIONNAIRE_PCT 60     /* answer WHO-5 and BARC-10 now and then */
#define RESOLVED_PCT 30          /* of persons have had warnings followed up */
#define CHECKUP_PCT 40           /* of persons have a plan of check-ups */
#define CHECKUP_EVERY 3          /* months */
#define CHECKUP_FOR 36           /* months: every person's time so far */
#define CHECKIN_PAST_DAYS 365    /* and before the last four weeks, check-ins */
#define CHECKIN_PAST_EVERY 14    /* about once a fortnight */
#define REFERRAL_DUE_DAYS 7      /* an open referral's answer is due after */

#define HOUR_US (INT64_C(3600) * US_PER_SEC)
#define DAY_US (INT64_C(86400) * US_PER_SEC)
#define YEAR_US (365 * DAY_US)

/* What a random stream is for: with an index, it names the stream. */
/* New kinds and tags go at the end: the numbers name the streams, so
 * the same seed keeps making the same rows for what was there before. */
enum kind {
	K_ORG = 1, K_COORD, K_PROF, K_BENCH_STAFF, K_PERSON, K_GROUP, K_DIR_ORG, K_SERVICE,
	K_REGION
};
enum tag {
	TAG_ID, TAG_NAME, TAG_USER, TAG_PREP, TAG_PERSON, TAG_NET, TAG_CONSENT,
	TAG_DOMAIN, TAG_GOAL, TAG_STEP, TAG_COMMENT, TAG_RELAPSE, TAG_CRISIS,
	TAG_NOTE, TAG_ACCESS, TAG_HISTORY, TAG_APPT, TAG_PATHWAY, TAG_CHECKIN, TAG_FLAG,
	TAG_REGION, TAG_QUESTIONNAIRE, TAG_REFERRAL, TAG_RESOLVED, TAG_CHECKUP,
	TAG_CHECKIN_PAST
};

/* The languages generated text is in (not base/i18n.h's enum lang). */
enum text_lang { L_DA, L_NL, L_EN, L_COUNT };
static const char *const lang_codes[L_COUNT] = {"da", "nl", "en"};

/* Words. Names mix Danish, Dutch and other letters, and characters HTML
 * must escape. */
static const char *const first_names[] = {
	"Søren", "Åse", "Mette", "Jens", "Lærke", "Frederik", "Ida", "Mads", "Birthe",
	"Niels", "Sanne", "Bram", "Eline", "Joris", "Fleur", "Daan", "Noor", "Anouk",
	"Thijs", "Zoë", "René", "Jürgen", "Chloé", "IJsbrand", "Øjvind", "Æsa",
	"Kim \"Kimse\"", "D'Arcy", "Ünal", "Bo & Mo", "Ahmed", "Zeynep",
};
static const char *const last_names[] = {
	"Østergaard", "Kjær", "Ærenlund", "Bødker", "Ågård", "Sørensen", "Holm",
	"Nielsen", "van IJzendoorn", "de Jong", "Bakker", "Visser", "IJsselmuiden",
	"Müller", "Dupré", "O'Brien", "Holm & Søn", "<Nielsen>", "\"Lund\"",
	"Jansen-Ünal", "Brøndum", "de Vries", "van der Meer", "Yılmaz", "Løvenørn",
	"'t Hooft",
};
static const char *const pseudonyms[] = {
	"Sam", "Kaptajnen", "Ø", "De Fietser", "Mr. <Nobody>", "\"Lille\" Per",
	"Bo & Co", "Pim 't Hart", "Ålen", "IJsvogel",
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const org_kinds[2][8] = {
	{"Center", "Behandlingscenter", "Bostøtte", "Socialforvaltningen", "Lægehuset",
	    "Recovery-fællesskabet", "Frivilligcenter", "Jobcenter"},
	{"Herstelhuis", "Zorgcentrum", "Wijkteam", "Stichting", "Buurthuis", "GGZ",
	    "Inloophuis", "Werkplaats"},
};
static const char *const org_places[2][8] = {
	{"Ærø", "Østerbro", "Nørrebro", "Åbyhøj", "Søndermarken", "Vesterbro", "Køge",
	    "Ølstykke"},
	{"IJsselstein", "IJmuiden", "Zuidoost", "Den Haag", "Tilburg", "Ede", "Zaandam",
	    "Enschede"},
};
static const char *const org_tails[2][5] = {
	{"& Co <Nord>", "\"Broen\"", "'Syd'", "& Søn", "<Vest>"},
	{"\"Herstel\"", "& Partners", "<Oost>", "'t Hart", "& Zn."},
};
static const char *const zones[2] = {"Europe/Copenhagen", "Europe/Amsterdam"};

/* Sentences in the person's words: about me, the plan, notes, comments. */
static const char *const phrases[L_COUNT][10] = {
	{"Jeg vil gerne have mit eget sted at bo & et fast job.",
	    "Min søster <3 hjælper mig, når det er svært.",
	    "Aftenerne er \"hårde\", især i weekenden.",
	    "Jeg går til møde hver tirsdag på Østerbro — det hjælper.",
	    "Økonomien er stram; jeg skylder 12.000 kr. til SKAT.",
	    "Jeg vil være en god far for mine børn på Ærø.",
	    "Når jeg cykler langs søerne, får jeg ro i hovedet.",
	    "Det er vigtigt, at folk siger tingene ligeud & ikke bag min ryg.",
	    "Jeg har været ædru i 3 måneder > det længste nogensinde.",
	    "Min læge på Åboulevarden siger, at blodtrykket er bedre."},
	{"Ik wil weer voor mijn dochter zorgen & werken.",
	    "Mijn buurvrouw zegt: \"je kunt het\", en dat helpt.",
	    "Fietsen langs de IJssel houdt me op de been <elke ochtend>.",
	    "Het ijs is gebroken met mijn broer in IJmuiden.",
	    "Schulden > 5.000 euro, maar ik werk eraan met de budgetcoach.",
	    "Ik ga elke donderdag naar de zelfhulpgroep in 't Gooi.",
	    "Rust & regelmaat zijn voor mij het belangrijkste.",
	    "Ik wil mijn rijbewijs terug, dat is mijn droom.",
	    "Mijn huisarts zegt dat ik beter slaap — één uur meer.",
	    "Soms voel ik me eenzaam; dan bel ik Fleur."},
	{"I'd like a place of my own & a steady job.",
	    "Evenings are \"hard\", <especially> at weekends.",
	    "My sister's support means everything to me.",
	    "I go to the peer group every Thursday — it keeps me going.",
	    "Money is tight; I owe about 2,000 & I'm paying it off.",
	    "I want to be there for my kids.",
	    "Running in the park clears my head.",
	    "Please be straight with me, don't talk behind my back.",
	    "I've been sober for 3 months > my longest stretch yet.",
	    "My GP says my sleep is getting better."},
};
static const char *const goal_titles[L_COUNT][DOM_COUNT] = {
	{"Holde mig fra alkohol i weekenden", "Gå en tur hver dag",
	    "Tale med nogen, når jeg er nede", "Finde en lejlighed med 2 værelser",
	    "Komme i praktik som kok", "Betale min gæld af",
	    "Se mine børn hver anden weekend", "Finde nye venner & fællesskaber",
	    "Begynde at male igen", "Få styr på papirerne hos kommunen"},
	{"Geen alcohol in het weekend", "Elke dag een wandeling maken",
	    "Praten met iemand als ik somber ben", "Een eigen huurhuis vinden",
	    "Een stage als kok vinden", "Mijn schulden aflossen",
	    "Mijn kinderen elk weekend zien", "Nieuwe vrienden & contacten maken",
	    "Weer gaan schilderen", "Mijn papieren bij de gemeente regelen"},
	{"Stay off alcohol at weekends", "Go for a walk every day",
	    "Talk to someone when I feel low", "Find a flat with 2 rooms",
	    "Get a trainee job as a cook", "Pay off my debts",
	    "See my kids every other weekend", "Make new friends & find a group",
	    "Start painting again", "Sort out my papers with the council"},
};
static const char *const step_titles[L_COUNT][6] = {
	{"Ringe til boligkontoret", "Møde op til samtalen kl. 10",
	    "Skrive en liste over udgifter", "Spørge min søster om hjælp",
	    "Gå til møde på tirsdag", "Aflevere ansøgningen <senest fredag>"},
	{"De woningcorporatie bellen", "Naar het gesprek gaan om 10 uur",
	    "Een lijst maken van mijn uitgaven", "Mijn zus om hulp vragen",
	    "Dinsdag naar de groep gaan", "De aanvraag inleveren <uiterlijk vrijdag>"},
	{"Call the housing office", "Go to the interview at 10",
	    "Write down my expenses", "Ask my sister for help",
	    "Go to the group on Tuesday", "Hand in the application <by Friday>"},
};
static const char *const relapse_texts[L_COUNT][5] = {
	{"Fredage, løn & gamle venner fra havnen.", "Jeg sover dårligt og aflyser aftaler.",
	    "At gå en tur, ringe til \"Ø\" og spise ordentligt.",
	    "Min søster (altid), min kontaktperson (hverdage 8-16).",
	    "Ring til mig næste dag — ingen skæld ud, bare <ro>."},
	{"Vrijdagen, loon & oude vrienden uit de haven.", "Ik slaap slecht en zeg afspraken af.",
	    "Een wandeling, \"Noor\" bellen en goed eten.",
	    "Mijn zus (altijd), mijn begeleider (werkdagen 8-16).",
	    "Bel me de volgende dag — niet boos worden, gewoon <rust>."},
	{"Fridays, payday & old friends from the harbour.", "I sleep badly and cancel things.",
	    "A walk, calling \"Sam\" and eating properly.",
	    "My sister (any time), my key worker (weekdays 8-16).",
	    "Call me the next day — no telling off, just <calm>."},
};
static const char *const purposes[L_COUNT] = {
	"Samarbejde om bolig & job", "Samenwerking rond wonen & werk",
	"Working together on housing & work",
};
static const char *const restricted_reasons[L_COUNT] = {
	"Om helbred & misbrug", "Over gezondheid & gebruik", "About health & drug use",
};
static const char *const contact_notes[L_COUNT] = {
	"Ring om natten <også>", "Bel 's nachts ook", "Call at night \"too\"",
};
static const char *const pronouns[L_COUNT][3] = {
	{"hun", "han", "de"}, {"zij", "hij", "hen"}, {"she", "he", "they"},
};
static const char *const streets[2][4] = {
	{"Ærøgade 12, 2100 København Ø", "Østerbrogade 7 <baghuset>, 2100 København Ø",
	    "Åboulevarden 3, 8000 Aarhus C", "Søndergade 1 & 3, 4600 Køge"},
	{"IJsselkade 4, 3401 RN IJsselstein", "Prinsengracht 2 \"achterhuis\", Amsterdam",
	    "Laan van 't Hof 9, 6711 Ede", "Oostpoort <2>, 7511 Enschede"},
};

/* splitmix64: small, fast, and good enough for made-up data. */
struct rng {
	uint64_t s;
};

/* The next 64 random bits. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* The stream for one kind of thing, its index and a purpose. */
static struct rng
rng_for(uint64_t seed, enum kind k, uint64_t index, enum tag t)
{
	struct rng r = {seed};
	uint64_t mix;

	mix = rng_next(&r);
	r.s = mix ^ ((uint64_t)k << 56) ^ (index << 8) ^ (uint64_t)t;
	(void)rng_next(&r);
	return r;
}

/* A number in [0, n). */
static unsigned
rng_below(struct rng *r, unsigned n)
{
	return n ? (unsigned)(rng_next(r) % n) : 0;
}

/* An instant in [lo, hi); lo if the range is empty. */
static int64_t
rng_between(struct rng *r, int64_t lo, int64_t hi)
{
	return hi > lo ? lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo)) : lo;
}

/* True with probability pct in a hundred. */
static bool
rng_pct(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

/* A record id: 32 lowercase hex digits, like id_new() but repeatable. */
static void
rng_id(struct rng *r, char out[ID_LEN + 1])
{
	uint64_t a = rng_next(r), b = rng_next(r);

	snprintf(out, ID_LEN + 1, "%016" PRIx64 "%016" PRIx64, a, b);
}

/* A person's id: random, but the persons of one group share its first 24
 * bits, so each write's persons (sorted by id) land together in every
 * table keyed by person: the B-trees grow in a few places instead of
 * everywhere at once (on SQLite, four times faster: 80 s instead of 330 s
 * for 100,000 persons). A caseload's 40
 * persons still lie scattered among the group's 2,000. */
static void
person_id(uint64_t seed, int idx, struct rng *r, char out[ID_LEN + 1])
{
	struct rng gr = rng_for(seed, K_GROUP, (uint64_t)(idx / GROUP), TAG_ID);
	uint64_t prefix = rng_next(&gr) >> 40, a = rng_next(r), b = rng_next(r);

	snprintf(out, ID_LEN + 1, "%06" PRIx64 "%010" PRIx64 "%016" PRIx64, prefix,
	    a >> 24, b);
}

/* One generated person: the ids and facts several tables share. */
struct gp {
	int idx, block, home, prof_org;
	enum text_lang lang;
	bool account, bench_staff;
	char id[ID_LEN + 1], user_id[ID_LEN + 1];
	char coord[ID_LEN + 1], prof[ID_LEN + 1];
	char m_coord[ID_LEN + 1], m_prof[ID_LEN + 1], m_family[ID_LEN + 1];
	char m_bench[ID_LEN + 1], m_region[ID_LEN + 1];
	char consent[2][ID_LEN + 1], region_consent[REGION_CATS][ID_LEN + 1];
	bool region_full;                /* all REGION_CATS, else basic only */
	char goal[GOALS][ID_LEN + 1], step[STEPS][ID_LEN + 1];
	char name[128];
	int64_t created, updated;
	int64_t rated_us[DOM_COUNT];
	int rating[DOM_COUNT];
	bool rated_self[DOM_COUNT];
	enum domain goal_dom[GOALS];
	enum item_status goal_status[GOALS], step_status[STEPS];
	int64_t goal_created[GOALS], goal_changed[GOALS], step_created[STEPS];
	enum step_owner step_owner[STEPS];
	int step_title[STEPS], step_due[STEPS];
};

/* A shipped warning rule, as a flag followed up long ago keeps it. */
#define WARN_PAST_MAX 12
struct past_rule {
	const char *code, *category, *json, *questionnaire;
	enum warn_kind kind;
	int threshold;
};

/* The questionnaires the reports follow over time. */
enum { Q_WHO5, Q_BARC10, Q_COUNT };
static const char *const q_codes[Q_COUNT] = {"who-5", "barc-10"};
struct gq {
	char id[64];                 /* the imported version's id */
	struct q_definition d;
	bool ok;
};

struct gen {
	struct store *s;
	uint64_t seed;
	int n, norgs, nblocks;
	int dir_services, dir_orgs;   /* the directory's services, organisations */
	int64_t now, today;          /* today: UTC midnight */
	int first, count;            /* the chunk being written */
	struct gp *p;
	struct arena a;
	char bench_staff[ID_LEN + 1];
	/* The region: an organisation in every person's network, without a
	 * user, and its org_admin bench-manager (the outcome reports). */
	char region[ID_LEN + 1], manager[ID_LEN + 1];
	struct arena keep;            /* what lives as long as the run */
	/* The shipped pathway templates (Danish for Danish persons, the Dutch
	 * care standard for the others), if rosc init put them there. */
	char pw_id[2][64];
	const struct pw_template *pw[2];
	/* The shipped "appointment missed" rule, as a flag keeps it (NULL if
	 * it does not read: no flags then). */
	const char *flag_rule;
	/* The shipped rules a followed-up flag may have been raised by. */
	struct past_rule past_rules[WARN_PAST_MAX];
	int npast_rules;
	/* WHO-5 and BARC-10 as rosc init imported them (none: no responses). */
	struct gq q[Q_COUNT];
	int64_t rows[TABLE_COUNT];     /* rows written per table (tables.h) */
	bool loaded[TABLE_COUNT];     /* the tables it writes into */
};

/* YYYY-MM-DD of an instant, in UTC. */
static void
ymd(int64_t us, char out[16])
{
	time_t t = (time_t)(us / US_PER_SEC);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* An integer as text, in buf. */
static const char *
num(char buf[24], int64_t v)
{
	snprintf(buf, 24, "%" PRId64, v);
	return buf;
}

/* Sentences joined with spaces into buf. */
static const char *
sentences(struct rng *r, enum text_lang l, int k, char *buf, size_t size)
{
	unsigned n = NELEM(phrases[l]), at = rng_below(r, n);
	size_t len = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < k && len < size; i++) {
		int w = snprintf(buf + len, size - len, "%s%s", i ? " " : "", phrases[l][at]);

		if (w < 0)
			break;
		len += (size_t)w;
		at = (at + 1 + rng_below(r, n / 2)) % n;    /* not the one just used */
	}
	return buf;
}

/* A first and last name into buf. */
static void
full_name(struct rng *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", first_names[rng_below(r, NELEM(first_names))],
	    last_names[rng_below(r, NELEM(last_names))]);
}

/* A phone number in the organisation's country. */
static void
phone(struct rng *r, int country, char out[32])
{
	unsigned v = rng_below(r, 1000000);

	if (country == 0)
		snprintf(out, 32, "+45 %02u %02u %02u %02u", 20 + v % 80, v / 100 % 100,
		    v / 10000 % 100, (v * 7) % 100);
	else
		snprintf(out, 32, "+31 6 %04u %04u", v % 10000, (v / 10000 * 37) % 10000);
}

/* Organisation o's id. */
static void
org_id(const struct gen *g, int o, char out[ID_LEN + 1])
{
	struct rng r = rng_for(g->seed, K_ORG, (uint64_t)o, TAG_ID);

	rng_id(&r, out);
}

/* 0: a Danish organisation, 1: a Dutch one. */
static int
org_country(int o)
{
	return o % 2;
}

/* The coordinator of block b (persons 40b .. 40b + 39). */
static void
coord_id(const struct gen *g, int b, char out[ID_LEN + 1])
{
	struct rng r = rng_for(g->seed, K_COORD, (uint64_t)b, TAG_ID);

	rng_id(&r, out);
}

/* The coordinator's organisation, the home of their persons: organisation
 * 0 ("organisation 1") for bench-staff's persons, else spread. */
static int
coord_org(const struct gen *g, int b)
{
	if (b * PER_STAFF < STAFF_PERSONS || g->norgs < 2)
		return 0;
	return 1 + b % (g->norgs - 1);
}

/* The professional of block b. */
static void
prof_id(const struct gen *g, int b, char out[ID_LEN + 1])
{
	struct rng r = rng_for(g->seed, K_PROF, (uint64_t)b, TAG_ID);

	rng_id(&r, out);
}

/* The professional's organisation: never the home organisation. */
static int
prof_org(const struct gen *g, int b)
{
	if (g->norgs < 2)
		return 0;
	return (coord_org(g, b) + 1 + b % (g->norgs - 1)) % g->norgs;
}

/* Loading: one table at a time (a PostgreSQL connection has one COPY). */
struct tx_load {
	struct gen *g;
	struct store_load *l;
	enum store_table t;
};

/* One row; counts it. */
static int
put(struct tx_load *x, const char *const *vals)
{
	int rc = store_load_row(x->l, vals);

	if (rc == 0)
		x->g->rows[x->t]++;
	return rc;
}

typedef int (*fill_fn)(struct tx_load *x);

/* Loads one table's rows, made by fill. */
static int
load_table(struct store_tx *tx, struct gen *g, enum store_table t,
    const char *const *cols, int ncols, fill_fn fill)
{
	struct tx_load x = {g, NULL, t};
	int rc, end;

	g->loaded[t] = true;
	if ((rc = store_load_begin(tx, store_tables[t], cols, ncols, &x.l)) != 0)
		return rc;
	rc = fill(&x);
	end = store_load_end(x.l);
	return rc != 0 ? rc : end;
}
#define LOAD(tx, g, t, cols, fill) \
	load_table((tx), (g), (t), (cols), (int)NELEM(cols), (fill))

/* The first write: organisations, staff, their roles. */

static const char *const org_cols[] = {"id", "name", "name_key", "sector", "time_zone",
	"created_us"};
static const char *const user_cols[] = {"id", "username", "username_key",
	"display_name", "kind", "password_hash", "lang", "created_us", "password_changed_us"};
static const char *const membership_cols[] = {"user_id", "org_id", "role", "created_us"};

/* Organisation o's name: unique by its number. */
static void
org_name(const struct gen *g, int o, char *buf, size_t size)
{
	struct rng r = rng_for(g->seed, K_ORG, (uint64_t)o, TAG_NAME);
	int c = org_country(o);

	snprintf(buf, size, "%s %s %s %d", org_kinds[c][rng_below(&r, 8)],
	    org_places[c][rng_below(&r, 8)], org_tails[c][rng_below(&r, 5)], o + 1);
}

/* The region's name: a municipality's social services. */
#define REGION_NAME "Københavns Kommune, Socialforvaltningen"

/* One organisation. */
static int
put_org(struct tx_load *x, const char *id, const char *name, enum sector sector,
    const char *zone)
{
	char key[160], created[24];
	const char *vals[6];
	size_t k;

	/* The admin pages' key: ASCII letters lowered. */
	for (k = 0; name[k] && k + 1 < sizeof(key); k++)
		key[k] = (char)(name[k] >= 'A' && name[k] <= 'Z' ? name[k] + 32 : name[k]);
	key[k] = '\0';
	vals[0] = id;
	vals[1] = name;
	vals[2] = key;
	vals[3] = sector_code(sector);
	vals[4] = zone;
	vals[5] = num(created, x->g->now - 3 * YEAR_US - 60 * DAY_US);
	return put(x, vals);
}

/* Every organisation, with names to escape and both time zones; then the
 * region, in no one's caseload. */
static int
fill_orgs(struct tx_load *x)
{
	struct gen *g = x->g;
	char id[ID_LEN + 1], name[160];
	int o, rc = 0;

	for (o = 0; o < g->norgs && rc == 0; o++) {
		org_id(g, o, id);
		org_name(g, o, name, sizeof(name));
		rc = put_org(x, id, name, (enum sector)(o % SECTOR_COUNT), zones[org_country(o)]);
	}
	if (rc == 0)
		rc = put_org(x, g->region, REGION_NAME, SECTOR_SOCIAL_SERVICES, zones[0]);
	return rc;
}

/* One staff account. */
static int
put_staff(struct tx_load *x, const char *id, const char *username, const char *name,
    int country)
{
	char key[USERNAME_MAX + 1], created[24];
	const char *vals[9];

	username_key(username, key);
	num(created, x->g->now - 3 * YEAR_US - 30 * DAY_US);
	vals[0] = id;
	vals[1] = username;
	vals[2] = key;
	vals[3] = name;
	vals[4] = user_kind_code(USER_STAFF);
	vals[5] = BENCH_HASH;
	vals[6] = lang_codes[country == 0 ? L_DA : L_NL];
	vals[7] = created;
	vals[8] = created;
	return put(x, vals);
}

/* The coordinators and professionals, one each per 40 persons, and
 * bench-staff. Coordinator 0 is bench-coord. */
static int
fill_staff(struct tx_load *x)
{
	struct gen *g = x->g;
	char id[ID_LEN + 1], username[32], name[128];
	int b, rc = 0;

	for (b = 0; b < g->nblocks && rc == 0; b++) {
		struct rng r = rng_for(g->seed, K_COORD, (uint64_t)b, TAG_NAME);

		coord_id(g, b, id);
		full_name(&r, name, sizeof(name));
		if (b == 0)
			snprintf(username, sizeof(username), "bench-coord");
		else
			snprintf(username, sizeof(username), "coord%05d", b + 1);
		rc = put_staff(x, id, username, name, org_country(coord_org(g, b)));
	}
	for (b = 0; b < g->nblocks && rc == 0; b++) {
		struct rng r = rng_for(g->seed, K_PROF, (uint64_t)b, TAG_NAME);

		prof_id(g, b, id);
		full_name(&r, name, sizeof(name));
		snprintf(username, sizeof(username), "prof%05d", b + 1);
		rc = put_staff(x, id, username, name, org_country(prof_org(g, b)));
	}
	if (rc == 0)
		rc = put_staff(x, g->bench_staff, "bench-staff", "Bench Ærø & <Staff>", 0);
	if (rc == 0)
		rc = put_staff(x, g->manager, "bench-manager", "Bench Søndergård <Manager>", 0);
	return rc;
}

/* Each staff account's one role, in one organisation. */
static int
fill_memberships(struct tx_load *x)
{
	struct gen *g = x->g;
	char uid[ID_LEN + 1], oid[ID_LEN + 1], created[24];
	const char *vals[4] = {uid, oid, NULL, created};
	int b, rc = 0;

	num(created, g->now - 3 * YEAR_US - 30 * DAY_US);
	vals[2] = role_code(ROLE_COORDINATOR);
	for (b = 0; b < g->nblocks && rc == 0; b++) {
		coord_id(g, b, uid);
		org_id(g, coord_org(g, b), oid);
		rc = put(x, vals);
	}
	vals[2] = role_code(ROLE_PROFESSIONAL);
	for (b = 0; b < g->nblocks && rc == 0; b++) {
		prof_id(g, b, uid);
		org_id(g, prof_org(g, b), oid);
		rc = put(x, vals);
	}
	if (rc == 0) {
		vals[0] = g->bench_staff;
		org_id(g, 0, oid);
		rc = put(x, vals);
	}
	if (rc == 0) {
		vals[0] = g->manager;
		vals[1] = g->region;
		vals[2] = role_code(ROLE_ORG_ADMIN);
		rc = put(x, vals);
	}
	return rc;
}

/* The write of organisations and staff, with one audit entry. */
static int
write_setup(struct store_tx *tx, void *arg)
{
	struct gen *g = arg;
	struct audit_entry e = {0};
	int rc;

	if ((rc = LOAD(tx, g, TABLE_ORGANISATION, org_cols, fill_orgs)) != 0)
		return rc;
	if ((rc = LOAD(tx, g, TABLE_USER_ACCOUNT, user_cols, fill_staff)) != 0)
		return rc;
	if ((rc = LOAD(tx, g, TABLE_MEMBERSHIP, membership_cols, fill_memberships)) != 0)
		return rc;
	e.at_us = g->now;
	e.action = "bench.load";
	e.client_addr = "cli";
	e.detail = "organisations and staff accounts (rosc-bench-gen)";
	return store_tx_audit_append(tx, &e);
}

/* The service directory: organisations, each with two locations, and
 * their services, each with a phone, weekly opening hours and languages.
 * Public data, independent of the persons; written in one write after the
 * organisations (a tenth of the directory organisations are run by them). */

enum { DIR_DA, DIR_NL };
#define SERVICES_PER_DIR_ORG 5
#define LOCATIONS_PER_DIR_ORG 2

/* A kind of service: its names and a sentence about it, in Danish and
 * Dutch, its stage, life domains and how its capacity is counted. */
static const struct {
	const char *name[2], *description[2];
	enum stage stage;
	const char *domains, *unit;      /* unit NULL: capacity not counted */
} service_kinds[] = {
	{{"Anonym rådgivning for unge", "Anoniem advies voor jongeren"},
	    {"Samtaler for unge, der er bekymrede for deres eget forbrug af alkohol "
	    "eller stoffer. Du behøver ikke sige dit navn.",
	    "Gesprekken voor jongeren die zich zorgen maken over alcohol of drugs. "
	    "Je hoeft je naam niet te zeggen."},
	    STAGE_PREVENTION, ",substance_use,mental_health,", NULL},
	{{"Forebyggelse i skoler og klubber", "Preventie op scholen en in buurthuizen"},
	    {"Oplæg og samtaler om alkohol, stoffer og spil for elever og forældre.",
	    "Voorlichting over alcohol, drugs en gokken voor leerlingen en ouders."},
	    STAGE_PREVENTION, ",substance_use,social_network,", NULL},
	{{"Tidlig indsats ved alkohol", "Vroegsignalering alcohol"},
	    {"Et kort forløb hos en sygeplejerske, når du drikker mere, end du har lyst til.",
	    "Een kort traject bij een verpleegkundige als je meer drinkt dan je wilt."},
	    STAGE_EARLY_INTERVENTION, ",substance_use,physical_health,", NULL},
	{{"Rådgivning for pårørende", "Steun voor naasten"},
	    {"Samtaler og grupper for familie og venner til en, der drikker eller tager stoffer.",
	    "Gesprekken en groepen voor familie en vrienden van iemand die drinkt of gebruikt."},
	    STAGE_EARLY_INTERVENTION, ",family,mental_health,", NULL},
	{{"Ambulant alkoholbehandling", "Ambulante alcoholbehandeling"},
	    {"Samtaler, medicin og grupper, mens du bor hjemme og passer dit arbejde.",
	    "Gesprekken, medicijnen en groepen terwijl je thuis woont en werkt."},
	    STAGE_TREATMENT, ",substance_use,mental_health,", NULL},
	{{"Døgnbehandling", "Klinische behandeling"},
	    {"Behandling døgnet rundt for afhængighed af alkohol, stoffer eller medicin.",
	    "Behandeling dag en nacht bij verslaving aan alcohol, drugs of medicijnen."},
	    STAGE_TREATMENT, ",substance_use,physical_health,mental_health,", "beds"},
	{{"Afrusning og abstinensbehandling", "Detox en ontwenning"},
	    {"Lægelig hjælp de første dage uden alkohol eller stoffer.",
	    "Medische hulp in de eerste dagen zonder alcohol of drugs."},
	    STAGE_TREATMENT, ",substance_use,physical_health,", "beds"},
	{{"Substitutionsbehandling", "Substitutiebehandeling"},
	    {"Metadon eller buprenorfin med samtaler og hjælp til hverdagen.",
	    "Methadon of buprenorfine met gesprekken en hulp in het dagelijks leven."},
	    STAGE_TREATMENT, ",substance_use,physical_health,practical_legal,", "places"},
	{{"Peer-støtte og samtalegrupper", "Ervaringsdeskundige steun"},
	    {"Mød andre, der selv har været der. Kaffe, snak og fællesskab.",
	    "Ontmoet mensen die het zelf hebben meegemaakt. Koffie, praten en samen zijn."},
	    STAGE_RECOVERY_SUPPORT, ",social_network,meaning,mental_health,", NULL},
	{{"Bostøtte i eget hjem", "Begeleid wonen"},
	    {"En fast støtteperson hjælper med post, økonomi og aftaler i dit eget hjem.",
	    "Een vaste begeleider helpt met post, geld en afspraken in je eigen huis."},
	    STAGE_RECOVERY_SUPPORT, ",housing,finances,practical_legal,", "places"},
	{{"Gældsrådgivning", "Schuldhulpverlening"},
	    {"Gratis hjælp til at få overblik over gæld og lave en plan med kreditorerne.",
	    "Gratis hulp om je schulden op een rij te zetten en een plan te maken."},
	    STAGE_RECOVERY_SUPPORT, ",finances,", NULL},
	{{"Job og praktik", "Werk en dagbesteding"},
	    {"Afklaring, praktik og støtte til at komme i job eller uddannelse.",
	    "Een stage, vrijwilligerswerk of betaald werk, met steun van een jobcoach."},
	    STAGE_REINTEGRATION, ",work_education,meaning,", "places"},
	{{"Midlertidig bolig", "Tijdelijke woning"},
	    {"Et værelse med støtte, indtil du finder en bolig, der er din egen.",
	    "Een kamer met begeleiding tot je een eigen woning vindt."},
	    STAGE_REINTEGRATION, ",housing,finances,", "places"},
	{{"Voksenuddannelse og kurser", "Volwassenenonderwijs"},
	    {"Dansk, matematik og IT i små hold, i dit eget tempo.",
	    "Taal, rekenen en computerles in kleine groepen, in je eigen tempo."},
	    STAGE_REINTEGRATION, ",work_education,", NULL},
};

static const char *const dir_org_kinds[2][8] = {
	{"Center for Misbrug", "Behandlingscenter", "Socialpsykiatrien",
	    "Recovery-fællesskabet", "Bostøtten", "Gældsrådgivningen", "Jobcenter",
	    "Frivilligcenter"},
	{"Verslavingszorg", "Herstelhuis", "GGZ", "Wijkteam", "Schuldhulp", "Werkplein",
	    "Beschermd Wonen", "Inloophuis"},
};
static const char *const dir_org_names[2][10] = {
	{"Nordlys", "Broen", "Havnen", "Lyset", "Ankeret", "Fyrtårnet", "Kilden",
	    "Solsikken", "Egen Vej", "Linden"},
	{"De Brug", "De Linde", "Het Anker", "De Haven", "Het Licht", "De Bron",
	    "De Vuurtoren", "De Zonnebloem", "Eigen Weg", "'t Baken"},
};
/* Cities with a postal code and a position. */
static const struct {
	const char *city, *postal;
	double lat, lon;
} dir_cities[2][8] = {
	{{"København Ø", "2100", 55.70, 12.58}, {"Aarhus C", "8000", 56.16, 10.20},
	    {"Odense C", "5000", 55.40, 10.39}, {"Aalborg", "9000", 57.05, 9.92},
	    {"Køge", "4600", 55.46, 12.18}, {"Esbjerg", "6700", 55.48, 8.45},
	    {"Roskilde", "4000", 55.64, 12.08}, {"Vejle", "7100", 55.71, 9.54}},
	{{"Amsterdam", "1091 AB", 52.36, 4.90}, {"Rotterdam", "3011 AA", 51.92, 4.48},
	    {"Utrecht", "3511 AB", 52.09, 5.12}, {"Den Haag", "2511 AA", 52.08, 4.30},
	    {"Eindhoven", "5611 AA", 51.44, 5.47}, {"Groningen", "9711 AA", 53.22, 6.57},
	    {"Tilburg", "5038 AA", 51.56, 5.09}, {"Enschede", "7511 AA", 52.22, 6.89}},
};
static const char *const dir_streets[2][8] = {
	{"Nørregade", "Vestergade", "Søndergade", "Østergade", "Åboulevarden",
	    "Kongensgade", "Jernbanegade", "Skolevej"},
	{"Kerkstraat", "Stationsweg", "Dorpsstraat", "Molenweg", "Nieuwe Gracht",
	    "Schoolstraat", "IJsselkade", "Prinsengracht"},
};
static const char *const dir_countries[2] = {"DK", "NL"};
static const char *const dir_langs[2] = {"da", "nl"};
static const char *const other_langs[] = {"ar", "tr", "uk", "pl", "so"};

/* Weekly opening hours: the days and one slot. Some run round the
 * clock, some past midnight. */
static const struct {
	const char *days[7];
	const char *opens, *closes;
} dir_hours[] = {
	{{"MO", "TU", "WE", "TH", "FR"}, "08:00", "16:00"},
	{{"MO", "TU", "WE", "TH", "FR"}, "09:00", "15:00"},
	{{"MO", "TU", "WE", "TH"}, "10:00", "18:00"},
	{{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}, "00:00", "23:59"},
	{{"MO", "WE", "FR"}, "13:00", "19:00"},
	{{"TU", "TH"}, "18:00", "21:30"},
	{{"FR", "SA"}, "22:00", "04:00"},
	{{"MO", "TU", "WE", "TH", "FR", "SA"}, "07:30", "14:00"},
};

/* The country (DIR_DA, DIR_NL) of directory organisation o. */
static int
dir_country(int o)
{
	return o % 2;
}

/* Directory organisation o's id, name and the rosc organisation that runs
 * it (every tenth, or none). */
static void
dir_org_id(const struct gen *g, int o, char out[ID_LEN + 1])
{
	struct rng r = rng_for(g->seed, K_DIR_ORG, (uint64_t)o, TAG_ID);

	rng_id(&r, out);
}

static void
dir_org_name(const struct gen *g, int o, char *buf, size_t size)
{
	struct rng r = rng_for(g->seed, K_DIR_ORG, (uint64_t)o, TAG_NAME);
	int c = dir_country(o);

	snprintf(buf, size, "%s %s", dir_org_kinds[c][rng_below(&r, 8)],
	    dir_org_names[c][rng_below(&r, 10)]);
}

/* The city (index into dir_cities) of directory organisation o. */
static int
dir_city(const struct gen *g, int o)
{
	struct rng r = rng_for(g->seed, K_DIR_ORG, (uint64_t)o, TAG_PREP);

	return (int)rng_below(&r, 8);
}

/* Location k of directory organisation o. */
static void
dir_location_id(const struct gen *g, int o, int k, char out[ID_LEN + 1])
{
	struct rng r = rng_for(g->seed, K_DIR_ORG, (uint64_t)o, TAG_NET);

	while (k-- > 0)
		rng_id(&r, out);
	rng_id(&r, out);
}

static const char *const dir_org_cols[] = {"id", "name", "description", "website",
	"managed_by", "version", "updated_us"};

static int
fill_dir_orgs(struct tx_load *x)
{
	struct gen *g = x->g;
	int o, rc = 0;

	for (o = 0; o < g->dir_orgs && rc == 0; o++) {
		char id[ID_LEN + 1], name[160], web[96], managed[ID_LEN + 1], at[24];
		const char *vals[7];

		dir_org_id(g, o, id);
		dir_org_name(g, o, name, sizeof(name));
		snprintf(web, sizeof(web), "https://org%d.example.%s", o + 1,
		    dir_country(o) == DIR_DA ? "dk" : "nl");
		vals[0] = id;
		vals[1] = name;
		vals[2] = NULL;
		vals[3] = web;
		vals[4] = NULL;
		if (o % 10 == 0) {
			org_id(g, (o / 10) % g->norgs, managed);
			vals[4] = managed;
		}
		vals[5] = "1";
		vals[6] = num(at, g->now - 60 * DAY_US);
		rc = put(x, vals);
	}
	return rc;
}

static const char *const dir_location_cols[] = {"id", "organization_id", "name",
	"latitude", "longitude", "address_1", "postal_code", "city", "country",
	"updated_us"};

static int
fill_dir_locations(struct tx_load *x)
{
	struct gen *g = x->g;
	int o, k, rc = 0;

	for (o = 0; o < g->dir_orgs && rc == 0; o++) {
		struct rng r = rng_for(g->seed, K_DIR_ORG, (uint64_t)o, TAG_DOMAIN);
		int c = dir_country(o), city = dir_city(g, o);
		char oid[ID_LEN + 1], name[160];

		dir_org_id(g, o, oid);
		dir_org_name(g, o, name, sizeof(name));
		for (k = 0; k < LOCATIONS_PER_DIR_ORG && rc == 0; k++) {
			char id[ID_LEN + 1], lat[32], lon[32], street[96], at[24];
			const char *vals[10];

			dir_location_id(g, o, k, id);
			snprintf(lat, sizeof(lat), "%.5f", dir_cities[c][city].lat +
			    (double)rng_below(&r, 2000) / 100000.0 - 0.01);
			snprintf(lon, sizeof(lon), "%.5f", dir_cities[c][city].lon +
			    (double)rng_below(&r, 2000) / 100000.0 - 0.01);
			snprintf(street, sizeof(street), "%s %u", dir_streets[c][rng_below(&r, 8)],
			    1 + rng_below(&r, 120));
			vals[0] = id;
			vals[1] = oid;
			vals[2] = k == 0 ? name : NULL;
			vals[3] = lat;
			vals[4] = lon;
			vals[5] = street;
			vals[6] = dir_cities[c][city].postal;
			vals[7] = dir_cities[c][city].city;
			vals[8] = dir_countries[c];
			vals[9] = num(at, g->now - 60 * DAY_US);
			rc = put(x, vals);
		}
	}
	return rc;
}

/* Service i: its organisation is i / SERVICES_PER_DIR_ORG, its kind and
 * the rest from its own stream. */
struct gsvc {
	char id[ID_LEN + 1], sal[ID_LEN + 1], phone[ID_LEN + 1];
	int org, kind, hours, country;
	bool counted;
};

static void
dir_service(const struct gen *g, int i, struct gsvc *sv)
{
	struct rng r = rng_for(g->seed, K_SERVICE, (uint64_t)i, TAG_ID);

	rng_id(&r, sv->id);
	rng_id(&r, sv->sal);
	rng_id(&r, sv->phone);
	sv->org = i / SERVICES_PER_DIR_ORG;
	sv->country = dir_country(sv->org);
	sv->kind = (int)rng_below(&r, NELEM(service_kinds));
	sv->hours = (int)rng_below(&r, NELEM(dir_hours));
	sv->counted = service_kinds[sv->kind].unit != NULL;
}

static const char *const service_cols[] = {"id", "organization_id", "name",
	"description", "status", "stage", "domains", "video", "capacity_available",
	"capacity_maximum", "capacity_unit", "capacity_updated_us", "response_days",
	"shares", "search_key", "version", "updated_us"};

/* The services, with the search key the store would write (core's
 * service_search_key(), folded like person names). */
static int
fill_services(struct tx_load *x)
{
	struct gen *g = x->g;
	struct arena a = ARENA_INIT;
	int i, rc = 0;

	for (i = 0; i < g->dir_services && rc == 0; i++) {
		struct rng r = rng_for(g->seed, K_SERVICE, (uint64_t)i, TAG_PREP);
		struct gsvc sv;
		struct service s = {0};
		char oid[ID_LEN + 1], oname[160], name[256], avail[24], max[24], at[24];
		char cap_at[24], days[24];
		unsigned st = rng_below(&r, 100);
		const char *vals[17];

		dir_service(g, i, &sv);
		dir_org_id(g, sv.org, oid);
		dir_org_name(g, sv.org, oname, sizeof(oname));
		snprintf(name, sizeof(name), "%s, %s", service_kinds[sv.kind].name[sv.country],
		    dir_cities[sv.country][dir_city(g, sv.org)].city);
		s.name = name;
		s.description = service_kinds[sv.kind].description[sv.country];
		vals[0] = sv.id;
		vals[1] = oid;
		vals[2] = name;
		vals[3] = s.description;
		vals[4] = st < 95 ? "active" : st < 98 ? "temporarily closed" : "inactive";
		vals[5] = stage_code(service_kinds[sv.kind].stage);
		vals[6] = service_kinds[sv.kind].domains;
		vals[7] = rng_pct(&r, 30) ? "1" : "0";
		vals[8] = vals[9] = vals[10] = vals[11] = NULL;
		if (sv.counted) {
			unsigned m = 5 + rng_below(&r, 36);

			vals[8] = num(avail, rng_pct(&r, 30) ? 0 : (int64_t)rng_below(&r, m + 1));
			vals[9] = num(max, m);
			vals[10] = service_kinds[sv.kind].unit;
			vals[11] = num(cap_at, g->now - rng_between(&r, 0, 14 * DAY_US));
		}
		vals[12] = num(days, 3 + (int64_t)rng_below(&r, 8));
		vals[13] = rng_pct(&r, 40) ? ",basic,plan," : ",basic,";
		vals[14] = service_search_key(&a, &s, oname);
		vals[15] = "1";
		vals[16] = num(at, g->now - rng_between(&r, 0, 60 * DAY_US));
		rc = put(x, vals);
		if (i % 1000 == 999)
			arena_free(&a);
	}
	arena_free(&a);
	return rc;
}

static const char *const sal_cols[] = {"id", "service_id", "location_id"};

static int
fill_services_at_locations(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->dir_services && rc == 0; i++) {
		struct gsvc sv;
		char loc[ID_LEN + 1];
		const char *vals[3] = {sv.sal, sv.id, loc};

		dir_service(g, i, &sv);
		dir_location_id(g, sv.org, i % LOCATIONS_PER_DIR_ORG, loc);
		rc = put(x, vals);
	}
	return rc;
}

static const char *const dir_phone_cols[] = {"id", "service_id", "number", "type"};

static int
fill_dir_phones(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->dir_services && rc == 0; i++) {
		struct rng r = rng_for(g->seed, K_SERVICE, (uint64_t)i, TAG_USER);
		struct gsvc sv;
		char tel[32];
		const char *vals[4] = {sv.phone, sv.id, tel, "voice"};

		dir_service(g, i, &sv);
		phone(&r, sv.country, tel);
		rc = put(x, vals);
	}
	return rc;
}

static const char *const dir_schedule_cols[] = {"id", "service_id", "freq", "byday",
	"opens_at", "closes_at", "timezone"};

/* One row per day of the service's weekly hours, in its country's zone. */
static int
fill_dir_schedules(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, d, rc = 0;

	for (i = 0; i < g->dir_services && rc == 0; i++) {
		struct rng r = rng_for(g->seed, K_SERVICE, (uint64_t)i, TAG_STEP);
		struct gsvc sv;
		char id[ID_LEN + 1];
		const char *vals[7];

		dir_service(g, i, &sv);
		vals[0] = id;
		vals[1] = sv.id;
		vals[2] = "WEEKLY";
		vals[4] = dir_hours[sv.hours].opens;
		vals[5] = dir_hours[sv.hours].closes;
		vals[6] = zones[sv.country];
		for (d = 0; d < 7 && dir_hours[sv.hours].days[d] && rc == 0; d++) {
			rng_id(&r, id);
			vals[3] = dir_hours[sv.hours].days[d];
			rc = put(x, vals);
		}
	}
	return rc;
}

static const char *const service_language_cols[] = {"service_id", "code"};

/* The country's language; English at half; now and then another. */
static int
fill_service_languages(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->dir_services && rc == 0; i++) {
		struct rng r = rng_for(g->seed, K_SERVICE, (uint64_t)i, TAG_NAME);
		struct gsvc sv;
		const char *vals[2];

		dir_service(g, i, &sv);
		vals[0] = sv.id;
		vals[1] = dir_langs[sv.country];
		rc = put(x, vals);
		if (rc == 0 && rng_pct(&r, 50)) {
			vals[1] = "en";
			rc = put(x, vals);
		}
		if (rc == 0 && rng_pct(&r, 10)) {
			vals[1] = other_langs[rng_below(&r, NELEM(other_langs))];
			rc = put(x, vals);
		}
	}
	return rc;
}

/* The directory's write: every table, parents first. */
static int
write_directory(struct store_tx *tx, void *arg)
{
	struct gen *g = arg;
	int rc;

	rc = LOAD(tx, g, TABLE_DIR_ORGANIZATION, dir_org_cols, fill_dir_orgs);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_DIR_LOCATION, dir_location_cols, fill_dir_locations);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_SERVICE, service_cols, fill_services);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_SERVICE_AT_LOCATION, sal_cols, fill_services_at_locations);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_DIR_PHONE, dir_phone_cols, fill_dir_phones);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_DIR_SCHEDULE, dir_schedule_cols, fill_dir_schedules);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_SERVICE_LANGUAGE, service_language_cols,
		    fill_service_languages);
	return rc;
}

/* For qsort: persons by id. */
static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct gp *)a)->id, ((const struct gp *)b)->id);
}

/* The chunk's persons, sorted by id: ids and the facts shared between
 * tables. */
static void
prepare(struct gen *g)
{
	int i, k;

	for (i = 0; i < g->count; i++) {
		struct gp *p = &g->p[i];
		int idx = g->first + i;
		struct rng ids = rng_for(g->seed, K_PERSON, (uint64_t)idx, TAG_ID);
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)idx, TAG_PREP);
		unsigned used = 0;

		memset(p, 0, sizeof(*p));
		p->idx = idx;
		p->block = idx / PER_STAFF;
		p->home = coord_org(g, p->block);
		p->prof_org = prof_org(g, p->block);
		p->account = idx % ACCOUNT_EVERY == 0;
		p->bench_staff = idx < STAFF_PERSONS;
		if (rng_pct(&r, 15))
			p->lang = L_EN;
		else
			p->lang = org_country(p->home) == 0 ? L_DA : L_NL;
		coord_id(g, p->block, p->coord);
		prof_id(g, p->block, p->prof);
		person_id(g->seed, idx, &ids, p->id);
		rng_id(&ids, p->user_id);
		rng_id(&ids, p->m_coord);
		rng_id(&ids, p->m_prof);
		rng_id(&ids, p->m_family);
		rng_id(&ids, p->m_bench);
		rng_id(&ids, p->consent[0]);
		rng_id(&ids, p->consent[1]);
		for (k = 0; k < GOALS; k++)
			rng_id(&ids, p->goal[k]);
		for (k = 0; k < STEPS; k++)
			rng_id(&ids, p->step[k]);
		if (!p->account)
			p->user_id[0] = '\0';

		if (rng_pct(&r, 8))
			snprintf(p->name, sizeof(p->name), "%s",
			    pseudonyms[rng_below(&r, NELEM(pseudonyms))]);
		else
			full_name(&r, p->name, sizeof(p->name));
		/* Known at least a month; joined up to three years ago. */
		p->created = g->now - rng_between(&r, 30 * DAY_US, 3 * YEAR_US);
		p->updated = rng_between(&r, p->created, g->now);

		for (k = 0; k < DOM_COUNT; k++) {
			p->rated_us[k] = rng_between(&r, p->created, g->now);
			p->rating[k] = 1 + (int)rng_below(&r, 10);
			p->rated_self[k] = p->account && rng_pct(&r, 50);
		}
		for (k = 0; k < GOALS; k++) {
			enum domain d;

			do
				d = (enum domain)rng_below(&r, DOM_COUNT);
			while (used & (1u << d));
			used |= 1u << d;
			p->goal_dom[k] = d;
			p->goal_status[k] = (enum item_status)rng_below(&r, ST_COUNT);
			p->goal_created[k] = rng_between(&r, p->created, g->now - DAY_US);
			p->goal_changed[k] = rng_between(&r, p->goal_created[k] + 1, g->now);
		}
		for (k = 0; k < STEPS; k++) {
			p->step_created[k] = rng_between(&r, p->goal_created[k / STEPS_PER_GOAL],
			    g->now);
			p->step_status[k] = (enum item_status)rng_below(&r, ST_COUNT);
			p->step_owner[k] = (enum step_owner)rng_below(&r, 3);
			p->step_title[k] = (int)rng_below(&r, 6);
			p->step_due[k] = (int)rng_below(&r, 121) - 60;
		}
		/* A stream of its own, so the draws above stay as they were. */
		{
			struct rng rr = rng_for(g->seed, K_PERSON, (uint64_t)idx, TAG_REGION);

			rng_id(&rr, p->m_region);
			for (k = 0; k < REGION_CATS; k++)
				rng_id(&rr, p->region_consent[k]);
			p->region_full = rng_pct(&rr, REGION_FULL_PCT);
		}
	}
	qsort(g->p, (size_t)g->count, sizeof(*g->p), by_id);
}

/* The user whose words the plan holds: the person or their coordinator. */
static const char *
author(const struct gp *p, bool self)
{
	return self && p->account ? p->user_id : p->coord;
}

/* The accounts of one person in ten; person 0's is bench-person. */
static int
fill_person_users(struct tx_load *x)
{
	struct gen *g = x->g;
	char username[32], created[24];
	const char *vals[9];
	int i, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];

		if (!p->account)
			continue;
		if (p->idx == 0)
			snprintf(username, sizeof(username), "bench-person");
		else
			snprintf(username, sizeof(username), "person%07d", p->idx);
		vals[0] = p->user_id;
		vals[1] = username;
		vals[2] = username;          /* already lower case */
		vals[3] = p->name;
		vals[4] = user_kind_code(USER_PERSON);
		vals[5] = BENCH_HASH;
		vals[6] = lang_codes[p->lang];
		vals[7] = num(created, p->created);
		vals[8] = created;
		rc = put(x, vals);
	}
	return rc;
}

static const char *const person_cols[] = {"id", "display_name", "name_key", "name_sort",
	"preferred_name", "pronouns", "birth_date", "phone", "email", "address", "lang",
	"national_id", "time_zone", "home_org_id", "about_me", "about_me_lang", "user_id",
	"created_us", "updated_us", "version"};

/* The persons, with their search key and collation key. */
static int
fill_persons(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_PERSON);
		char preferred[64], birth[16], tel[32], email[64], nid[16], about[600];
		char home[ID_LEN + 1], created[24], updated[24];
		int country = org_country(p->home);
		const char *vals[20];
		const char *space = strchr(p->name, ' ');
		int64_t born = g->now - rng_between(&r, 20 * YEAR_US, 75 * YEAR_US);

		org_id(g, p->home, home);
		ymd(born, birth);
		snprintf(preferred, sizeof(preferred), "%.*s",
		    space ? (int)(space - p->name) : (int)strlen(p->name), p->name);
		phone(&r, country, tel);
		snprintf(email, sizeof(email), "person%d@example.org", p->idx);
		snprintf(nid, sizeof(nid), "%.2s%.2s%.2s-%04d", birth + 8, birth + 5, birth + 2,
		    p->idx % 10000);
		vals[0] = p->id;
		vals[1] = p->name;
		vals[2] = person_name_key(&g->a, p->name);
		vals[3] = person_name_sort(&g->a, p->name);
		vals[4] = rng_pct(&r, 30) ? preferred : NULL;
		vals[5] = rng_pct(&r, 60) ? pronouns[p->lang][rng_below(&r, 3)] : NULL;
		vals[6] = rng_pct(&r, 80) ? birth : NULL;
		vals[7] = rng_pct(&r, 70) ? tel : NULL;
		vals[8] = rng_pct(&r, 40) ? email : NULL;
		vals[9] = rng_pct(&r, 50) ? streets[country][rng_below(&r, 4)] : NULL;
		vals[10] = lang_codes[p->lang];
		vals[11] = country == 0 && vals[6] != NULL && rng_pct(&r, 50) ? nid : NULL;
		vals[12] = zones[country];
		vals[13] = home;
		vals[14] = rng_pct(&r, 70) ? sentences(&r, p->lang, 3, about, sizeof(about)) : NULL;
		vals[15] = vals[14] != NULL ? lang_codes[p->lang] : NULL;
		vals[16] = p->account ? p->user_id : NULL;
		vals[17] = num(created, p->created);
		vals[18] = num(updated, p->updated);
		vals[19] = "1";
		rc = put(x, vals);
	}
	return rc;
}

static const char *const network_cols[] = {"person_id", "id", "user_id", "org_id", "role",
	"name", "contact", "from_date", "until_date", "created_us", "created_by"};

/* Each network: coordinator, professional, family, and bench-staff for
 * the first 2,000 persons. */
static int
fill_network(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_NET);
		char home[ID_LEN + 1], other[ID_LEN + 1], from[16], later[16], created[24];
		char family[128], tel[32];
		const char *vals[11];
		int64_t joined = rng_between(&r, p->created, p->created + 20 * DAY_US);

		org_id(g, p->home, home);
		org_id(g, p->prof_org, other);
		ymd(p->created, from);
		ymd(joined, later);
		num(created, p->created);
		full_name(&r, family, sizeof(family));
		phone(&r, org_country(p->home), tel);

		vals[0] = p->id;
		vals[8] = NULL;
		vals[9] = created;
		vals[10] = p->coord;
		/* The coordinator, for the home organisation. */
		vals[1] = p->m_coord;
		vals[2] = p->coord;
		vals[3] = home;
		vals[4] = net_role_code(NET_COORDINATOR);
		vals[5] = vals[6] = NULL;
		vals[7] = from;
		if ((rc = put(x, vals)) != 0)
			break;
		/* A professional of another organisation, by consent. */
		vals[1] = p->m_prof;
		vals[2] = p->prof;
		vals[3] = other;
		vals[4] = net_role_code(NET_PROFESSIONAL);
		vals[7] = later;
		if ((rc = put(x, vals)) != 0)
			break;
		/* Family without an account. */
		vals[1] = p->m_family;
		vals[2] = vals[3] = NULL;
		vals[4] = net_role_code(NET_FAMILY);
		vals[5] = family;
		vals[6] = tel;
		vals[7] = from;
		if ((rc = put(x, vals)) != 0)
			break;
		if (p->bench_staff) {
			vals[1] = p->m_bench;
			vals[2] = g->bench_staff;
			vals[3] = home;
			vals[4] = net_role_code(NET_PROFESSIONAL);
			vals[5] = vals[6] = NULL;
			vals[7] = from;
			rc = put(x, vals);
		}
	}
	return rc;
}

/* Consent: basic and plan, to the professional's organisation. */
static const char *const consent_cols[] = {"person_id", "id", "recipient_org_id",
	"recipient_member_id", "category", "granted", "purpose", "until_date", "version",
	"updated_us", "updated_by"};
static const char *const consent_hist_cols[] = {"person_id", "consent_id", "version",
	"granted", "purpose", "until_date", "changed_us", "changed_by"};
static const enum category consent_cats[2] = {CAT_BASIC, CAT_PLAN};

/* One consent of p, in force since at, given by the person. */
static int
put_consent(struct tx_load *x, const struct gp *p, const char *id, const char *org,
    enum category cat, const char *purpose, const char *at)
{
	const char *vals[11];

	vals[0] = p->id;
	vals[1] = id;
	vals[2] = org;
	vals[3] = NULL;
	vals[4] = category_code(cat);
	vals[5] = "1";
	vals[6] = purpose;
	vals[7] = NULL;
	vals[8] = "1";
	vals[9] = at;
	vals[10] = p->account ? p->user_id : NULL;
	return put(x, vals);
}

/* The one version of that consent, as the person sees it. */
static int
put_consent_version(struct tx_load *x, const struct gp *p, const char *id,
    const char *purpose, const char *at)
{
	const char *vals[8];

	vals[0] = p->id;
	vals[1] = id;
	vals[2] = "1";
	vals[3] = "1";
	vals[4] = purpose;
	vals[5] = NULL;
	vals[6] = at;
	vals[7] = p->account ? p->user_id : NULL;
	return put(x, vals);
}

/* Consent to the professional's organisation: basic and plan. */
static int
fill_consents(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		char other[ID_LEN + 1], at[24];

		org_id(g, p->prof_org, other);
		num(at, p->created + 21 * DAY_US);
		for (k = 0; k < 2 && rc == 0; k++)
			rc = put_consent(x, p, p->consent[k], other, consent_cats[k],
			    purposes[p->lang], at);
	}
	return rc;
}

static int
fill_consent_history(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		char at[24];

		num(at, p->created + 21 * DAY_US);
		for (k = 0; k < 2 && rc == 0; k++)
			rc = put_consent_version(x, p, p->consent[k], purposes[p->lang], at);
	}
	return rc;
}

static const char *const domain_cols[] = {"person_id", "domain", "now_text", "strengths",
	"hopes", "matters_most", "text_lang", "version", "updated_us", "updated_by"};

/* The person's words in every life domain. */
static int
fill_domains(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, d, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_DOMAIN);

		for (d = 0; d < DOM_COUNT && rc == 0; d++) {
			char now_text[400], strengths[400], hopes[400], matters[400], at[24];
			const char *vals[10];

			vals[0] = p->id;
			vals[1] = domain_code((enum domain)d);
			vals[2] = sentences(&r, p->lang, 2, now_text, sizeof(now_text));
			vals[3] = rng_pct(&r, 50) ?
			    sentences(&r, p->lang, 1, strengths, sizeof(strengths)) : NULL;
			vals[4] = sentences(&r, p->lang, 1, hopes, sizeof(hopes));
			vals[5] = rng_pct(&r, 50) ?
			    sentences(&r, p->lang, 1, matters, sizeof(matters)) : NULL;
			vals[6] = lang_codes[p->lang];
			vals[7] = "1";
			vals[8] = num(at, rng_between(&r, p->created, g->now));
			vals[9] = author(p, rng_pct(&r, 50));
			rc = put(x, vals);
		}
	}
	return rc;
}

static const char *const rating_cols[] = {"person_id", "domain", "rated_us", "rating",
	"rated_by"};

/* One self-rating per domain. */
static int
fill_ratings(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, d, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];

		for (d = 0; d < DOM_COUNT && rc == 0; d++) {
			char at[24], rating[24];
			const char *vals[5];

			vals[0] = p->id;
			vals[1] = domain_code((enum domain)d);
			vals[2] = num(at, p->rated_us[d]);
			vals[3] = num(rating, p->rating[d]);
			vals[4] = author(p, p->rated_self[d]);
			rc = put(x, vals);
		}
	}
	return rc;
}

static const char *const goal_cols[] = {"person_id", "id", "domain", "title", "why",
	"text_lang", "status", "reached_us", "version", "created_us", "created_by",
	"updated_us", "updated_by"};

/* Three goals in different domains; a changed one is at version 2. */
static int
fill_goals(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_GOAL);

		for (k = 0; k < GOALS && rc == 0; k++) {
			bool changed = p->goal_status[k] != ST_NOT_STARTED;
			char why[400], created[24], updated[24];
			const char *vals[13];

			vals[0] = p->id;
			vals[1] = p->goal[k];
			vals[2] = domain_code(p->goal_dom[k]);
			vals[3] = goal_titles[p->lang][p->goal_dom[k]];
			vals[4] = rng_pct(&r, 70) ? sentences(&r, p->lang, 1, why, sizeof(why)) : NULL;
			vals[5] = lang_codes[p->lang];
			vals[6] = item_status_code(p->goal_status[k]);
			vals[7] = p->goal_status[k] == ST_REACHED ? updated : NULL;
			vals[8] = changed ? "2" : "1";
			vals[9] = num(created, p->goal_created[k]);
			vals[10] = p->coord;
			vals[11] = changed ? num(updated, p->goal_changed[k]) : created;
			vals[12] = p->coord;
			rc = put(x, vals);
		}
	}
	return rc;
}

static const char *const step_cols[] = {"person_id", "id", "goal_id", "title",
	"owner_kind", "owner_member_id", "owner_org_id", "due_date", "status", "version",
	"created_us", "created_by", "updated_us", "updated_by"};

/* Three steps per goal: the person's, the coordinator's or the home
 * organisation's, due within 60 days either side of today. */
static int
fill_steps(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		char home[ID_LEN + 1];

		org_id(g, p->home, home);
		for (k = 0; k < STEPS && rc == 0; k++) {
			char due[16], created[24];
			const char *vals[14];

			ymd(g->today + p->step_due[k] * DAY_US, due);
			vals[0] = p->id;
			vals[1] = p->step[k];
			vals[2] = p->goal[k / STEPS_PER_GOAL];
			vals[3] = step_titles[p->lang][p->step_title[k]];
			vals[4] = step_owner_code(p->step_owner[k]);
			vals[5] = p->step_owner[k] == OWNER_MEMBER ? p->m_coord : NULL;
			vals[6] = p->step_owner[k] == OWNER_ORGANISATION ? home : NULL;
			vals[7] = due;
			vals[8] = item_status_code(p->step_status[k]);
			vals[9] = "1";
			vals[10] = num(created, p->step_created[k]);
			vals[11] = p->coord;
			vals[12] = created;
			vals[13] = p->coord;
			rc = put(x, vals);
		}
	}
	return rc;
}

static const char *const comment_cols[] = {"person_id", "id", "item_kind", "item_id",
	"body", "body_lang", "author_id", "author_org_id", "created_us"};

/* The coordinator's comments on the first goals. */
static int
fill_comments(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_COMMENT);
		char home[ID_LEN + 1];

		org_id(g, p->home, home);
		for (k = 0; k < COMMENTS && rc == 0; k++) {
			char id[ID_LEN + 1], body[400], at[24];
			const char *vals[9];

			rng_id(&r, id);
			vals[0] = p->id;
			vals[1] = id;
			vals[2] = "goal";
			vals[3] = p->goal[k];
			vals[4] = sentences(&r, p->lang, 2, body, sizeof(body));
			vals[5] = lang_codes[p->lang];
			vals[6] = p->coord;
			vals[7] = home;
			vals[8] = num(at, rng_between(&r, p->goal_created[k], g->now));
			rc = put(x, vals);
		}
	}
	return rc;
}

static const char *const relapse_cols[] = {"person_id", "triggers", "warning_signs",
	"what_helps", "people_to_call", "if_i_lapse", "text_lang", "version", "updated_us",
	"updated_by"};

/* The relapse-prevention plan. */
static int
fill_relapse(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_RELAPSE);
		char at[24];
		const char *vals[10];

		vals[0] = p->id;
		for (k = 0; k < 5; k++)
			vals[1 + k] = relapse_texts[p->lang][k];
		vals[6] = lang_codes[p->lang];
		vals[7] = "1";
		vals[8] = num(at, rng_between(&r, p->created, g->now));
		vals[9] = author(p, rng_pct(&r, 50));
		rc = put(x, vals);
	}
	return rc;
}

static const char *const crisis_cols[] = {"person_id", "id", "name", "phone", "note",
	"position"};

/* Two people to call in a crisis. */
static int
fill_crisis(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_CRISIS);

		for (k = 0; k < CONTACTS && rc == 0; k++) {
			char id[ID_LEN + 1], name[128], tel[32], pos[24];
			const char *vals[6];

			rng_id(&r, id);
			full_name(&r, name, sizeof(name));
			phone(&r, org_country(p->home), tel);
			vals[0] = p->id;
			vals[1] = id;
			vals[2] = name;
			vals[3] = tel;
			vals[4] = k == 0 ? contact_notes[p->lang] : NULL;
			vals[5] = num(pos, k);
			rc = put(x, vals);
		}
	}
	return rc;
}

/* The history, as the store writes it: one row per rating, one "created"
 * per goal and step, and a goal's status change (version 2). */
static const char *const history_cols[] = {"person_id", "changed_us", "id", "item_kind",
	"item_id", "field", "before", "after", "version", "changed_by", "changed_org_id"};

static int
fill_history(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_HISTORY);
		char home[ID_LEN + 1], id[ID_LEN + 1], at[24], after[24];
		const char *vals[11];

		org_id(g, p->home, home);
		vals[0] = p->id;
		vals[1] = at;
		vals[2] = id;
		for (k = 0; k < DOM_COUNT && rc == 0; k++) {
			rng_id(&r, id);
			num(at, p->rated_us[k]);
			vals[3] = "rating";
			vals[4] = domain_code((enum domain)k);
			vals[5] = "rating";
			vals[6] = NULL;
			vals[7] = num(after, p->rating[k]);
			vals[8] = "1";
			vals[9] = author(p, p->rated_self[k]);
			vals[10] = p->rated_self[k] ? NULL : home;
			rc = put(x, vals);
		}
		vals[9] = p->coord;
		vals[10] = home;
		for (k = 0; k < GOALS && rc == 0; k++) {
			rng_id(&r, id);
			num(at, p->goal_created[k]);
			vals[3] = "goal";
			vals[4] = p->goal[k];
			vals[5] = "created";
			vals[6] = NULL;
			vals[7] = goal_titles[p->lang][p->goal_dom[k]];
			vals[8] = "1";
			rc = put(x, vals);
			if (rc != 0 || p->goal_status[k] == ST_NOT_STARTED)
				continue;
			rng_id(&r, id);
			num(at, p->goal_changed[k]);
			vals[5] = "status";
			vals[6] = item_status_code(ST_NOT_STARTED);
			vals[7] = item_status_code(p->goal_status[k]);
			vals[8] = "2";
			rc = put(x, vals);
		}
		for (k = 0; k < STEPS && rc == 0; k++) {
			rng_id(&r, id);
			num(at, p->step_created[k]);
			vals[3] = "step";
			vals[4] = p->step[k];
			vals[5] = "created";
			vals[6] = NULL;
			vals[7] = step_titles[p->lang][p->step_title[k]];
			vals[8] = "1";
			rc = put(x, vals);
		}
	}
	return rc;
}

static const char *const note_cols[] = {"person_id", "id", "author_id", "author_org_id",
	"body", "body_lang", "restricted", "restricted_reason", "created_us"};

/* Journal notes, now and then restricted. */
static int
fill_notes(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_NOTE);
		char home[ID_LEN + 1];

		org_id(g, p->home, home);
		for (k = 0; k < NOTES && rc == 0; k++) {
			char id[ID_LEN + 1], body[800], at[24];
			bool restricted = rng_pct(&r, 5);
			const char *vals[9];

			rng_id(&r, id);
			vals[0] = p->id;
			vals[1] = id;
			/* Notes are written by duty: the coordinator, or bench-staff. */
			vals[2] = p->bench_staff && k % 3 == 2 ? g->bench_staff : p->coord;
			vals[3] = home;
			vals[4] = sentences(&r, p->lang, 1 + (int)rng_below(&r, 3), body, sizeof(body));
			vals[5] = lang_codes[p->lang];
			vals[6] = restricted ? "1" : "0";
			vals[7] = restricted ? restricted_reasons[p->lang] : NULL;
			vals[8] = num(at, rng_between(&r, p->created, g->now));
			rc = put(x, vals);
		}
	}
	return rc;
}

/* Who looked: the coordinator and bench-staff by duty, the professional by
 * consent (basic and plan only). Each entry on a day of its own, so the
 * one-list-a-day rule holds; all before today. */
static const char *const access_cols[] = {"person_id", "at_us", "id", "actor_id",
	"actor_org_id", "what", "action", "why", "day"};
static const char *const duty_whats[] = {"list", "basic", "plan", "notes", "substance",
	"plan", "basic"};

static int
fill_access(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_ACCESS);
		char home[ID_LEN + 1], other[ID_LEN + 1];
		int64_t start = p->created - p->created % DAY_US;
		int64_t days;

		if (start < g->today - 400 * DAY_US)
			start = g->today - 400 * DAY_US;
		days = (g->today - start) / DAY_US;      /* at least 29 */
		org_id(g, p->home, home);
		org_id(g, p->prof_org, other);
		for (k = 0; k < ACCESSES && rc == 0; k++) {
			char id[ID_LEN + 1], at[24], day[16];
			int64_t when = start + (int64_t)k * days / ACCESSES * DAY_US +
			    rng_between(&r, 0, DAY_US);
			unsigned who = rng_below(&r, 100);
			const char *vals[9];

			if (when < p->created)
				when = p->created;       /* still its own day */
			rng_id(&r, id);
			ymd(when, day);
			vals[0] = p->id;
			vals[1] = num(at, when);
			vals[2] = id;
			if (who < 35) {
				vals[3] = p->prof;
				vals[4] = other;
				vals[5] = duty_whats[rng_below(&r, 3)];
				vals[7] = "consent";
			} else {
				vals[3] = p->bench_staff && who >= 85 ? g->bench_staff : p->coord;
				vals[4] = home;
				vals[5] = duty_whats[rng_below(&r, NELEM(duty_whats))];
				vals[7] = "duty";
			}
			if (strcmp(vals[5], "list") == 0)
				vals[6] = "list";
			else
				vals[6] = rng_pct(&r, 20) && strcmp(vals[5], "substance") != 0 ?
				    "write" : "read";
			vals[8] = day;
			rc = put(x, vals);
		}
	}
	return rc;
}

/* Appointments: three in the last two months (done, one in ten missed),
 * three in the next two (planned or confirmed), made by the coordinator
 * before any of them (so a missed one still flags the caseload), in the
 * person's zone; each with its "created" event, and the past ones with
 * the event that closed them. */
static const char *const appt_cols[] = {"person_id", "id", "title", "title_lang", "kind",
	"starts_us", "minutes", "time_zone", "place", "status", "status_us", "status_by",
	"created_by", "created_by_org", "created_us"};
static const char *const appt_event_cols[] = {"person_id", "appointment_id", "seq", "at_us",
	"what", "by_user", "by_org"};
static const char *const appt_titles[L_COUNT][3] = {
	{"Samtale med behandler", "Møde om handleplanen", "Lægetid"},
	{"Gesprek met de behandelaar", "Overleg over het plan", "Afspraak bij de huisarts"},
	{"Talk with the counsellor", "Meeting about the plan", "Doctor's appointment"},
};
static const char *const appt_kinds[3] = {"treatment", "social", "health"};

/* The k-th appointment of p: its id, start, and status. */
static void
appt_of(const struct gen *g, struct rng *r, int k, char id[ID_LEN + 1], int64_t *start,
    const char **status)
{
	rng_id(r, id);
	if (k < APPTS / 2) {
		*start = g->now - rng_between(r, DAY_US, 60 * DAY_US);
		*status = rng_pct(r, 10) ? "missed" : "done";
	} else {
		*start = g->now + rng_between(r, DAY_US, 60 * DAY_US);
		*status = rng_pct(r, 50) ? "confirmed" : "planned";
	}
	*start -= *start % (15 * 60 * US_PER_SEC);   /* on the quarter hour */
}

static const char *const checkin_cols[] = {"person_id", "id", "day", "at_us", "mood",
	"craving", "use_since", "sleep", "supported", "line", "created_by"};
static const char *const flag_cols[] = {"person_id", "id", "rule_code", "kind", "category",
	"rule", "evidence_us", "value", "previous", "about_id", "raised_us", "due_us",
	"assigned_user_id", "assigned_org_id"};

/* One check-in of p at when, its answers drawn from r: use reported as
 * none, a little or a lot (the rest), in hundredths. */
static int
put_checkin(struct tx_load *x, const struct gp *p, struct rng *r, int64_t when,
    unsigned none_pct, unsigned little_pct)
{
	char id[ID_LEN + 1], day[16], at[24], mood[8], crav[8], sl[8], sup[8];
	const char *vals[11];
	unsigned use;

	rng_id(r, id);
	ymd(when, day);
	snprintf(mood, sizeof(mood), "%u", 1 + rng_below(r, 5));
	snprintf(crav, sizeof(crav), "%u", rng_below(r, 8));
	snprintf(sl, sizeof(sl), "%u", 1 + rng_below(r, 5));
	snprintf(sup, sizeof(sup), "%u", 1 + rng_below(r, 5));
	use = rng_below(r, 100);
	vals[0] = p->id;
	vals[1] = id;
	vals[2] = day;
	vals[3] = num(at, when);
	vals[4] = mood;
	vals[5] = crav;
	vals[6] = use < none_pct ? "none" : use < none_pct + little_pct ? "little" : "lot";
	vals[7] = sl;
	vals[8] = sup;
	vals[9] = NULL;
	vals[10] = author(p, true);
	return put(x, vals);
}

/* Check-ins: seven persons in ten check in on about half the days of the
 * last four weeks (the caseload's sparklines). */
static int
fill_checkins(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, d, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_CHECKIN);

		if (!rng_pct(&r, CHECKIN_PCT))
			continue;
		for (d = CHECKIN_DAYS - 1; d >= 0 && rc == 0; d--) {
			int64_t when = g->today - (int64_t)d * DAY_US +
			    rng_between(&r, 7 * 3600, 22 * 3600) * US_PER_SEC;

			if (!rng_pct(&r, 50) || when > g->now)
				continue;
			rc = put_checkin(x, p, &r, when, 90, 10);
		}
	}
	return rc;
}

/* One person in ten has an open early warning: a missed appointment,
 * given to their coordinator, due in two days (some overdue). */
static int
fill_flags(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_FLAG);
		char id[ID_LEN + 1], ev[24], raised[24], due[24], org[ID_LEN + 1];
		const char *vals[14];
		int64_t at;

		if (!rng_pct(&r, FLAG_PCT))
			continue;
		rng_id(&r, id);
		at = g->now - rng_between(&r, 1, 5 * 24) * 3600 * US_PER_SEC;
		org_id(g, p->home, org);
		vals[0] = p->id;
		vals[1] = id;
		vals[2] = "appointment-missed";
		vals[3] = "missed_appointment";
		vals[4] = "appointments";
		vals[5] = g->flag_rule;
		vals[6] = num(ev, at);
		vals[7] = NULL;
		vals[8] = NULL;
		vals[9] = NULL;
		vals[10] = num(raised, at);
		vals[11] = num(due, at + 2 * DAY_US);
		vals[12] = p->coord;
		vals[13] = org;
		rc = put(x, vals);
	}
	return rc;
}

static int
fill_appointments(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_APPT);
		char home[ID_LEN + 1], made[24];

		org_id(g, p->home, home);
		num(made, g->now - 70 * DAY_US);
		for (k = 0; k < APPTS && rc == 0; k++) {
			char id[ID_LEN + 1], st[24], at[24];
			const char *status, *vals[15];
			int64_t start;

			appt_of(g, &r, k, id, &start, &status);
			vals[0] = p->id;
			vals[1] = id;
			vals[2] = appt_titles[p->lang][k % 3];
			vals[3] = lang_codes[p->lang];
			vals[4] = appt_kinds[k % 3];
			vals[5] = num(st, start);
			vals[6] = k % 2 ? "45" : "60";
			vals[7] = zones[p->lang == L_NL];
			vals[8] = streets[p->lang == L_NL][k % 4];
			vals[9] = status;
			vals[10] = k < APPTS / 2 ? num(at, start + 3600 * US_PER_SEC) : made;
			vals[11] = k < APPTS / 2 ? p->coord : NULL;
			vals[12] = p->coord;
			vals[13] = home;
			vals[14] = made;
			rc = put(x, vals);
		}
	}
	return rc;
}

static int
fill_appointment_events(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_APPT);
		char home[ID_LEN + 1], made[24];

		org_id(g, p->home, home);
		num(made, g->now - 70 * DAY_US);
		for (k = 0; k < APPTS && rc == 0; k++) {
			char id[ID_LEN + 1], at[24];
			const char *status, *vals[7];
			int64_t start;

			/* The same stream as the appointments: the same ids. */
			appt_of(g, &r, k, id, &start, &status);
			vals[0] = p->id;
			vals[1] = id;
			vals[2] = "1";
			vals[3] = made;
			vals[4] = "created";
			vals[5] = p->coord;
			vals[6] = home;
			rc = put(x, vals);
			if (rc == 0 && k < APPTS / 2) {
				vals[2] = "2";
				vals[3] = num(at, start + 3600 * US_PER_SEC);
				vals[4] = status;
				rc = put(x, vals);
			}
		}
	}
	return rc;
}

/* Pathways: every person follows one, under way for 30 days: treatment
 * started after five, the first two phases done, the third now, begun
 * five days ago, its goals, activities and appointments proposed. */
#define PW_CURRENT 2

static const struct pw_template *
pw_of(const struct gen *g, const struct gp *p, int *k)
{
	*k = p->lang == L_DA ? 0 : 1;
	return g->pw[*k];
}

static const char *const pathway_cols[] = {"person_id", "id", "template_id", "org_id",
	"status", "time_zone", "first_contact", "start_due", "started", "phase", "phase_due",
	"offered_us", "offered_by", "agreed_us", "agreed_by", "version"};
static const char *const pw_phase_cols[] = {"person_id", "pathway_id", "seq", "ord", "code",
	"expected_days", "status", "started", "ended"};
static const char *const pw_item_cols[] = {"person_id", "pathway_id", "id", "phase", "kind",
	"src", "status"};

static void
pathway_id(const struct gen *g, const struct gp *p, char out[ID_LEN + 1])
{
	struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_PATHWAY);

	rng_id(&r, out);
}

static int
fill_pathways(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		const struct pw_template *t = pw_of(g, p, &k);
		char id[ID_LEN + 1], home[ID_LEN + 1], fc[16], due[16], st[16], pd[16], at[24];
		const char *vals[16];

		if (t == NULL || t->nphases <= PW_CURRENT)
			continue;
		pathway_id(g, p, id);
		org_id(g, p->home, home);
		ymd(g->today - 30 * DAY_US, fc);
		ymd(g->today - 16 * DAY_US, due);
		ymd(g->today - 25 * DAY_US, st);
		ymd(g->today + (t->phases[PW_CURRENT].expected_days - 5) * DAY_US, pd);
		vals[0] = p->id;
		vals[1] = id;
		vals[2] = g->pw_id[k];
		vals[3] = home;
		vals[4] = "running";
		vals[5] = zones[p->lang == L_NL];
		vals[6] = fc;
		vals[7] = t->start_within_days > 0 ? due : NULL;
		vals[8] = st;
		vals[9] = "2";
		vals[10] = pd;
		vals[11] = num(at, g->today - 30 * DAY_US);
		vals[12] = p->coord;
		vals[13] = at;
		vals[14] = p->account ? p->user_id : p->coord;
		vals[15] = "3";
		rc = put(x, vals);
	}
	return rc;
}

static int
fill_pathway_phases(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;
	size_t j;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		const struct pw_template *t = pw_of(g, p, &k);
		char id[ID_LEN + 1], seq[24], began[16], ended[16], days[24];
		const char *vals[9];

		if (t == NULL || t->nphases <= PW_CURRENT)
			continue;
		pathway_id(g, p, id);
		for (j = 0; j < t->nphases && rc == 0; j++) {
			int from = j == 0 ? 30 : j == 1 ? 25 : 5;

			ymd(g->today - from * DAY_US, began);
			ymd(g->today - (j == 0 ? 25 : 5) * DAY_US, ended);
			vals[0] = p->id;
			vals[1] = id;
			vals[2] = num(seq, (int64_t)j);
			vals[3] = seq;
			vals[4] = t->phases[j].code;
			vals[5] = num(days, t->phases[j].expected_days);
			vals[6] = j < PW_CURRENT ? "done" : j == PW_CURRENT ? "current" : "waiting";
			vals[7] = j <= PW_CURRENT ? began : NULL;
			vals[8] = j < PW_CURRENT ? ended : NULL;
			rc = put(x, vals);
		}
	}
	return rc;
}

static int
fill_pathway_items(struct tx_load *x)
{
	static const char *const kinds[3] = {"goal", "step", "appointment"};
	struct gen *g = x->g;
	int i, k, rc = 0;
	size_t j, n[3];

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		const struct pw_template *t = pw_of(g, p, &k);
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_PATHWAY);
		char id[ID_LEN + 1], item[ID_LEN + 1], src[24];
		const char *vals[7];
		int kind;

		if (t == NULL || t->nphases <= PW_CURRENT)
			continue;
		rng_id(&r, id);          /* the pathway's, as pathway_id() */
		n[0] = t->phases[PW_CURRENT].ngoals;
		n[1] = t->phases[PW_CURRENT].nactivities;
		n[2] = t->phases[PW_CURRENT].nappointments;
		for (kind = 0; kind < 3 && rc == 0; kind++)
			for (j = 0; j < n[kind] && rc == 0; j++) {
				rng_id(&r, item);
				vals[0] = p->id;
				vals[1] = id;
				vals[2] = item;
				vals[3] = "2";
				vals[4] = kinds[kind];
				vals[5] = num(src, (int64_t)j);
				vals[6] = "proposed";
				rc = put(x, vals);
			}
	}
	return rc;
}

/* For the programme outcome reports: the region in every network, with
 * consent; questionnaires over time; referrals and their outcomes;
 * warnings followed up; check-ins over the past year; check-ups. Each
 * from a stream of its own (the tags after TAG_FLAG). */

/* The region in the person's network from their start: an organisation
 * without a user, so nobody's caseload grows. */
static int
fill_region_network(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		char from[16], created[24];
		const char *vals[11];

		vals[0] = p->id;
		vals[1] = p->m_region;
		vals[2] = NULL;
		vals[3] = g->region;
		vals[4] = net_role_code(NET_COORDINATOR);
		vals[5] = vals[6] = NULL;
		ymd(p->created, from);
		vals[7] = from;
		vals[8] = NULL;
		vals[9] = num(created, p->created);
		vals[10] = p->coord;
		rc = put(x, vals);
	}
	return rc;
}

/* What the person shares with the region: three in four all but notes,
 * the others their basic facts only (the report's consent filter). */
static const enum category region_cats[REGION_CATS] = {CAT_BASIC, CAT_PLAN,
	CAT_APPOINTMENTS, CAT_QUESTIONNAIRES, CAT_SUBSTANCE};
static const char *const region_purposes[L_COUNT] = {
	"Opfølgning på indsatsen i kommunen", "Opvolging door de gemeente",
	"Follow-up by the municipality",
};

static int
fill_region_consents(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		char at[24];

		num(at, p->created + DAY_US);
		for (k = 0; k < (p->region_full ? REGION_CATS : 1) && rc == 0; k++)
			rc = put_consent(x, p, p->region_consent[k], g->region, region_cats[k],
			    region_purposes[p->lang], at);
	}
	return rc;
}

static int
fill_region_consent_history(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		char at[24];

		num(at, p->created + DAY_US);
		for (k = 0; k < (p->region_full ? REGION_CATS : 1) && rc == 0; k++)
			rc = put_consent_version(x, p, p->region_consent[k],
			    region_purposes[p->lang], at);
	}
	return rc;
}

/* Referrals: about one a person (none for one in ten, two for some),
 * proposed by the coordinator for the home organisation, to a service in
 * the person's country that no rosc organisation runs (so no inbox and
 * no one's access grows; the coordinator keeps its answers). Most are
 * closed 3 to 60 days after they were made; the open ones are recent,
 * and none is overdue (the caseload looks for overdue ones). */
#define REFERRAL_EVENTS 6

/* Each end a referral comes to, in hundredths, and how it got there. */
static const struct {
	enum ref_status end;
	unsigned pct;
	enum ref_status path[REFERRAL_EVENTS];   /* after proposed; RS_PROPOSED ends */
	int open_days;          /* open: made within this many days; 0: closed */
} referral_ends[] = {
	{RS_GOT_HELP, 40, {RS_ACCEPTED, RS_SENT, RS_RECEIVED, RS_SCHEDULED, RS_GOT_HELP}, 0},
	{RS_COULD_NOT_GET_HELP, 8, {RS_ACCEPTED, RS_SENT, RS_RECEIVED, RS_COULD_NOT_GET_HELP}, 0},
	{RS_NO_LONGER_INTERESTED, 7, {RS_ACCEPTED, RS_SENT, RS_NO_LONGER_INTERESTED}, 0},
	{RS_WITHDRAWN, 6, {RS_WITHDRAWN}, 0},
	{RS_DECLINED, 5, {RS_DECLINED}, 0},
	{RS_NOT_ELIGIBLE, 4, {RS_ACCEPTED, RS_SENT, RS_RECEIVED, RS_NOT_ELIGIBLE}, 0},
	{RS_NO_CAPACITY, 4, {RS_ACCEPTED, RS_SENT, RS_NO_CAPACITY}, 0},
	{RS_COULD_NOT_CONTACT, 4, {RS_ACCEPTED, RS_SENT, RS_RECEIVED, RS_COULD_NOT_CONTACT}, 0},
	{RS_PROPOSED, 5, {RS_PROPOSED}, 14},
	{RS_SENT, 5, {RS_ACCEPTED, RS_SENT}, 2},
	{RS_RECEIVED, 6, {RS_ACCEPTED, RS_SENT, RS_RECEIVED}, 30},
	{RS_SCHEDULED, 6, {RS_ACCEPTED, RS_SENT, RS_RECEIVED, RS_SCHEDULED}, 45},
};

/* One referral of p, worked out from its stream: the same for the
 * referral and its events. */
struct gref {
	char id[ID_LEN + 1], service[ID_LEN + 1];
	int end;                       /* index into referral_ends */
	enum ref_status path[REFERRAL_EVENTS + 1];   /* proposed first */
	int64_t at[REFERRAL_EVENTS + 1];
	int nevents, goal;
	char reason[400];              /* empty: none given */
};

/* How many referrals p has, and the stream they come from. */
static int
referrals_of(const struct gen *g, const struct gp *p, struct rng *r)
{
	unsigned v;

	*r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_REFERRAL);
	if (g->dir_services < SERVICES_PER_DIR_ORG * 10)
		return 0;                   /* too few services not run in rosc */
	v = rng_below(r, 100);
	return v < 10 ? 0 : v < 85 ? 1 : 2;
}

static void
referral_next(const struct gen *g, const struct gp *p, struct rng *r, struct gref *f)
{
	int country = org_country(p->home), o, k;
	unsigned v = rng_below(r, 100), sum = 0;
	int64_t made, ended;
	struct gsvc sv;

	rng_id(r, f->id);
	/* A directory organisation of the person's country not run in rosc
	 * (fill_dir_orgs: every tenth is), and one of its five services. */
	do
		o = (int)rng_below(r, (unsigned)(g->dir_orgs / 2)) * 2 + country;
	while (o % 10 == 0 || o >= g->dir_orgs);
	k = o * SERVICES_PER_DIR_ORG + (int)rng_below(r, SERVICES_PER_DIR_ORG);
	if (k >= g->dir_services)
		k = o * SERVICES_PER_DIR_ORG;
	dir_service(g, k, &sv);
	memcpy(f->service, sv.id, sizeof(f->service));
	for (f->end = 0; f->end + 1 < (int)NELEM(referral_ends); f->end++) {
		sum += referral_ends[f->end].pct;
		if (v < sum)
			break;
	}
	if (referral_ends[f->end].open_days > 0) {
		made = g->now - rng_between(r, HOUR_US,
		    referral_ends[f->end].open_days * DAY_US);
		if (made < p->created)
			made = p->created;
		ended = made + rng_between(r, 0, (g->now - made) / 2);
	} else {
		made = rng_between(r, p->created + 7 * DAY_US, g->now - 4 * DAY_US);
		ended = made + rng_between(r, 3 * DAY_US, 61 * DAY_US);
		if (ended > g->now - HOUR_US)
			ended = g->now - HOUR_US;
	}
	f->path[0] = RS_PROPOSED;
	f->at[0] = made;
	f->nevents = 1;
	for (k = 0; k < REFERRAL_EVENTS && referral_ends[f->end].path[k] != RS_PROPOSED; k++)
		f->path[f->nevents++] = referral_ends[f->end].path[k];
	/* Accepting sends at once: sent at the moment it was accepted. */
	for (k = 1; k < f->nevents; k++)
		f->at[k] = f->path[k] == RS_SENT ? f->at[k - 1] :
		    made + (ended - made) * k / (f->nevents - 1);
	f->goal = (int)rng_below(r, GOALS);
	f->reason[0] = '\0';
	if (rng_pct(r, 60))
		(void)sentences(r, p->lang, 1, f->reason, sizeof(f->reason));
}

/* Who made move k: the person (or their coordinator for them) chooses;
 * the coordinator proposes, withdraws and keeps the service's answers. */
static const char *
referral_mover(const struct gp *p, const struct gref *f, int k)
{
	enum ref_status s = f->path[k];

	return author(p, s == RS_ACCEPTED || s == RS_SENT || s == RS_DECLINED);
}

static const char *const referral_cols[] = {"person_id", "id", "service_id", "to_org_id",
	"goal_id", "reason", "reason_lang", "status", "status_us", "status_by", "sent_us",
	"answer_due_us", "proposed_by", "proposed_by_org", "created_us", "version"};
static const char *const referral_event_cols[] = {"person_id", "referral_id", "seq",
	"from_status", "to_status", "at_us", "by_user", "by_org", "note"};

static int
fill_referrals(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, j, k, n, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r;
		char home[ID_LEN + 1];

		org_id(g, p->home, home);
		n = referrals_of(g, p, &r);
		for (j = 0; j < n && rc == 0; j++) {
			struct gref f;
			char st_at[24], sent[24], due[24], made[24], ver[24];
			const char *vals[16];
			int last;

			referral_next(g, p, &r, &f);
			last = f.nevents - 1;
			vals[0] = p->id;
			vals[1] = f.id;
			vals[2] = f.service;
			vals[3] = NULL;
			vals[4] = p->goal[f.goal];
			vals[5] = f.reason[0] ? f.reason : NULL;
			vals[6] = f.reason[0] ? lang_codes[p->lang] : NULL;
			vals[7] = ref_status_code(f.path[last]);
			vals[8] = num(st_at, f.at[last]);
			vals[9] = referral_mover(p, &f, last);
			vals[10] = NULL;
			vals[11] = NULL;
			for (k = 0; k < f.nevents; k++)
				if (f.path[k] == RS_SENT)
					vals[10] = num(sent, f.at[k]);
			/* Only a sent referral not yet answered waits, and not long. */
			if (f.path[last] == RS_SENT)
				vals[11] = num(due, f.at[last] + REFERRAL_DUE_DAYS * DAY_US);
			vals[12] = p->coord;
			vals[13] = home;
			vals[14] = num(made, f.at[0]);
			vals[15] = num(ver, f.nevents);
			rc = put(x, vals);
		}
	}
	return rc;
}

static int
fill_referral_events(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, j, k, n, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r;
		char home[ID_LEN + 1];

		org_id(g, p->home, home);
		n = referrals_of(g, p, &r);
		for (j = 0; j < n && rc == 0; j++) {
			struct gref f;

			referral_next(g, p, &r, &f);     /* as fill_referrals */
			for (k = 0; k < f.nevents && rc == 0; k++) {
				char seq[24], at[24];
				const char *vals[9];

				vals[0] = p->id;
				vals[1] = f.id;
				vals[2] = num(seq, k + 1);
				vals[3] = k > 0 ? ref_status_code(f.path[k - 1]) : NULL;
				vals[4] = ref_status_code(f.path[k]);
				vals[5] = num(at, f.at[k]);
				vals[6] = referral_mover(p, &f, k);
				vals[7] = strcmp(vals[6], p->coord) == 0 ? home : NULL;
				vals[8] = NULL;
				rc = put(x, vals);
			}
		}
	}
	return rc;
}

/* Warnings followed up: three persons in ten have had one to three
 * flags, raised since they started by one of the shipped rules, each
 * resolved by the coordinator 0 to 10 days later. */
static const char *const resolutions[] = {"reached", "reached", "reached", "reached",
	"reached", "tried", "tried", "not_needed", "not_needed", "other"};
static const char *const resolution_notes[L_COUNT] = {
	"Talte med søsteren; hun ringer igen <i morgen>.",
	"Via de buurvrouw bereikt; belt \"morgen\" terug.",
	"Reached through her sister & she'll call back.",
};

/* What the rule found, as it would have: *v and *before, -1 for none. */
static void
past_value(struct rng *r, const struct past_rule *pr, int *v, int *before)
{
	bool who5 = pr->questionnaire != NULL && strcmp(pr->questionnaire, "who-5") == 0;

	*v = *before = -1;
	switch (pr->kind) {
	case WK_USE_REPORTED:
		*v = 1 + (int)rng_below(r, 2);           /* a little, a lot */
		break;
	case WK_CRAVING:
		*v = pr->threshold + (int)rng_below(r, 3);
		break;
	case WK_SCORE_AT_MOST:
		*v = pr->threshold - (who5 ? 4 : 1) * (int)rng_below(r, 4);
		break;
	case WK_SCORE_DROP:
		*before = who5 ? 40 + 4 * (int)rng_below(r, 10) : 30 + (int)rng_below(r, 25);
		*v = *before - pr->threshold - (who5 ? 4 : 1) * (int)rng_below(r, 3);
		break;
	case WK_NO_CHECKIN:
	case WK_MISSED_CHECKUP:
	case WK_REFERRAL_UNANSWERED:
		*v = 3 + (int)rng_below(r, 8);           /* days */
		break;
	default:
		break;
	}
	if (*v < 0 && *before >= 0)
		*v = 0;
}

static const char *const resolved_flag_cols[] = {"person_id", "id", "rule_code", "kind",
	"category", "rule", "evidence_us", "value", "previous", "about_id", "raised_us", "due_us",
	"assigned_user_id", "assigned_org_id", "resolved_us", "resolved_by", "resolution",
	"resolution_note"};

static int
fill_resolved_flags(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, k, n, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_RESOLVED);
		char org[ID_LEN + 1];

		if (g->npast_rules == 0 || !rng_pct(&r, RESOLVED_PCT))
			continue;
		org_id(g, p->home, org);
		n = 1 + (int)rng_below(&r, 3);
		for (k = 0; k < n && rc == 0; k++) {
			const struct past_rule *pr = &g->past_rules[rng_below(&r, (unsigned)g->npast_rules)];
			char id[ID_LEN + 1], ev[24], raised[24], due[24], done[24], val[24], prev[24];
			const char *vals[18], *res;
			int64_t at = rng_between(&r, p->created + 7 * DAY_US, g->now - 11 * DAY_US);
			int v, before;

			rng_id(&r, id);
			res = resolutions[rng_below(&r, NELEM(resolutions))];
			past_value(&r, pr, &v, &before);
			vals[0] = p->id;
			vals[1] = id;
			vals[2] = pr->code;
			vals[3] = warn_kind_code(pr->kind);
			vals[4] = pr->category;
			vals[5] = pr->json;
			vals[6] = num(ev, at - rng_between(&r, 0, 6 * 3600) * US_PER_SEC);
			vals[7] = v >= 0 ? num(val, v) : NULL;
			vals[8] = before >= 0 ? num(prev, before) : NULL;
			vals[9] = NULL;
			vals[10] = num(raised, at);
			vals[11] = num(due, at + 2 * DAY_US);
			vals[12] = p->coord;
			vals[13] = org;
			vals[14] = num(done, at + rng_between(&r, HOUR_US, 10 * DAY_US));
			vals[15] = p->coord;
			vals[16] = res;
			vals[17] = strcmp(res, "other") == 0 ? resolution_notes[p->lang] : NULL;
			rc = put(x, vals);
		}
	}
	return rc;
}

/* Check-ins before the last four weeks: the same seven persons in ten
 * (fill_checkins' first draw), about once a fortnight over the past year
 * since they started; now and then some use, the next one mostly none. */
static int
fill_checkins_past(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng who = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_CHECKIN);
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_CHECKIN_PAST);
		int64_t day = g->today - CHECKIN_PAST_DAYS * DAY_US;

		if (!rng_pct(&who, CHECKIN_PCT))
			continue;
		if (day < p->created - p->created % DAY_US + DAY_US)
			day = p->created - p->created % DAY_US + DAY_US;
		for (day += rng_below(&r, CHECKIN_PAST_EVERY) * DAY_US;
		    day < g->today - CHECKIN_DAYS * DAY_US && rc == 0;
		    day += (CHECKIN_PAST_EVERY - 3 + rng_below(&r, 7)) * DAY_US) {
			int64_t when = day + rng_between(&r, 7 * 3600, 22 * 3600) * US_PER_SEC;

			rc = put_checkin(x, p, &r, when, 86, 10);
		}
	}
	return rc;
}

/* WHO-5 and BARC-10: six persons in ten answer both near their start,
 * and again at about 6, 12 and 24 months where they have been in care
 * that long, each score a little better on average than the last. The
 * score and zone as the imported definition gives them (WHO-5: the raw
 * sum times 4, 0 to 100); no answers are stored (the reports read the
 * responses only). */
static const int q_months[] = {0, 6, 12, 24};

static const char *const q_response_cols[] = {"person_id", "id", "questionnaire_id", "code",
	"day", "given_us", "scored", "score", "zone", "answered", "missing", "source",
	"created_by"};

static int
fill_q_responses(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, t, q, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_QUESTIONNAIRE);
		/* The raw sums (before the multiplier): WHO-5 0 to 25, BARC-10
		 * 10 to 60. */
		int sum[Q_COUNT], lo[Q_COUNT], hi[Q_COUNT];

		if (!rng_pct(&r, QUESTIONNAIRE_PCT))
			continue;
		for (q = 0; q < Q_COUNT; q++) {
			int m = g->q[q].ok && g->q[q].d.multiplier > 0 ? g->q[q].d.multiplier : 1;

			lo[q] = g->q[q].d.min / m;
			hi[q] = g->q[q].d.max / m;
		}
		sum[Q_WHO5] = 5 + (int)rng_below(&r, 11);
		sum[Q_BARC10] = 20 + (int)rng_below(&r, 21);
		for (t = 0; t < (int)NELEM(q_months) && rc == 0; t++) {
			int64_t when = p->created + q_months[t] * 30 * DAY_US +
			    rng_between(&r, 0, 14 * DAY_US);
			bool self = p->account && rng_pct(&r, 50);

			when = when - when % DAY_US + rng_between(&r, 8 * 3600, 18 * 3600) * US_PER_SEC;
			if (t > 0) {
				sum[Q_WHO5] += (int)rng_below(&r, 7) - 2;
				sum[Q_BARC10] += (int)rng_below(&r, 9) - 2;
			}
			if (when > g->now - HOUR_US)
				break;
			for (q = 0; q < Q_COUNT && rc == 0; q++) {
				const struct q_definition *d = &g->q[q].d;
				char id[ID_LEN + 1], day[16], at[24], score[24], items[24];
				const char *vals[13];
				int s, score_v;
				size_t z;

				if (!g->q[q].ok)
					continue;
				s = sum[q] < lo[q] ? lo[q] : sum[q] > hi[q] ? hi[q] : sum[q];
				sum[q] = s;
				score_v = s * d->multiplier;
				rng_id(&r, id);
				vals[0] = p->id;
				vals[1] = id;
				vals[2] = g->q[q].id;
				vals[3] = q_codes[q];
				ymd(when, day);
				vals[4] = day;
				vals[5] = num(at, when);
				vals[6] = "1";
				vals[7] = num(score, score_v);
				vals[8] = NULL;
				for (z = 0; z < d->nzones; z++)
					if (score_v >= d->zones[z].from && score_v <= d->zones[z].to)
						vals[8] = d->zones[z].code;
				vals[9] = num(items, (int64_t)d->nitems);
				vals[10] = "0";
				vals[11] = self ? "self" : "staff";
				vals[12] = author(p, self);
				rc = put(x, vals);
			}
		}
	}
	return rc;
}

/* Check-ups: four persons in ten have a plan from their start, one every
 * three months with the coordinator (no appointments booked: (j) stays
 * as it was); those past their grace period done (three in four) or
 * missed, the rest still due. */
static const char *const checkup_plan_cols[] = {"person_id", "id", "starts_on",
	"every_months", "for_months", "questionnaires", "with_member_id", "at_time", "minutes",
	"time_zone", "created_by", "created_us"};
static const char *const checkup_cols[] = {"person_id", "id", "plan_id", "seq", "due_on",
	"due_us", "status", "status_us", "reminded_us", "done_us", "done_by"};

/* Whether p has a plan, its id, and the stream its check-ups come from. */
static bool
checkup_plan_of(const struct gen *g, const struct gp *p, struct rng *r, char id[ID_LEN + 1])
{
	*r = rng_for(g->seed, K_PERSON, (uint64_t)p->idx, TAG_CHECKUP);
	if (!rng_pct(r, CHECKUP_PCT))
		return false;
	rng_id(r, id);
	return true;
}

static int
fill_checkup_plans(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		struct rng r;
		char id[ID_LEN + 1], start[16], every[8], months[8], mins[8], made[24];
		const char *vals[12];

		if (!checkup_plan_of(g, p, &r, id))
			continue;
		snprintf(every, sizeof(every), "%d", CHECKUP_EVERY);
		snprintf(months, sizeof(months), "%d", CHECKUP_FOR);
		snprintf(mins, sizeof(mins), "%d", CHECKUP_MINUTES);
		vals[0] = p->id;
		vals[1] = id;
		ymd(p->created, start);
		vals[2] = start;
		vals[3] = every;
		vals[4] = months;
		vals[5] = "who-5 barc-10";
		vals[6] = p->m_coord;
		vals[7] = CHECKUP_TIME_DEFAULT;
		vals[8] = mins;
		vals[9] = zones[org_country(p->home)];
		vals[10] = p->coord;
		vals[11] = num(made, p->created);
		rc = put(x, vals);
	}
	return rc;
}

static int
fill_checkups(struct tx_load *x)
{
	struct gen *g = x->g;
	int i, rc = 0;
	size_t k, n;

	for (i = 0; i < g->count && rc == 0; i++) {
		const struct gp *p = &g->p[i];
		const char *zone = zones[org_country(p->home)];
		struct rng r;
		char plan[ID_LEN + 1], start[16], due[CHECKUP_FOR / CHECKUP_EVERY][11];

		if (!checkup_plan_of(g, p, &r, plan))
			continue;
		ymd(p->created, start);
		n = checkup_schedule(start, CHECKUP_EVERY, CHECKUP_FOR, due, NELEM(due));
		for (k = 0; k < n && rc == 0; k++) {
			char id[ID_LEN + 1], seq[24], due_at[24], st_at[24];
			const char *vals[11];
			int64_t at, then;

			rng_id(&r, id);
			if (timefmt_local_to_us(due[k], CHECKUP_TIME_DEFAULT, zone, 0, &at) != 0)
				continue;
			vals[0] = p->id;
			vals[1] = id;
			vals[2] = plan;
			vals[3] = num(seq, (int64_t)k + 1);
			vals[4] = due[k];
			vals[5] = num(due_at, at);
			vals[8] = vals[9] = vals[10] = NULL;
			if (!checkup_is_missed(at, g->now)) {
				vals[6] = "due";
				vals[7] = num(st_at, p->created);
			} else if (rng_pct(&r, 75)) {
				then = at + rng_between(&r, 0, 3 * DAY_US);
				vals[6] = "done";
				vals[7] = num(st_at, then);
				vals[9] = st_at;
				vals[10] = p->coord;
			} else {
				then = at + CHECKUP_GRACE_DAYS * DAY_US;
				vals[6] = "missed";
				vals[7] = num(st_at, then);
				vals[8] = st_at;
			}
			rc = put(x, vals);
		}
	}
	return rc;
}

/* One chunk of persons: every table, parents first. */
static int
write_chunk(struct store_tx *tx, void *arg)
{
	struct gen *g = arg;
	int rc = 0;

	rc = LOAD(tx, g, TABLE_USER_ACCOUNT, user_cols, fill_person_users);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_PERSON, person_cols, fill_persons);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_NETWORK_MEMBER, network_cols, fill_network);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_NETWORK_MEMBER, network_cols, fill_region_network);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CONSENT, consent_cols, fill_consents);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CONSENT, consent_cols, fill_region_consents);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CONSENT_HISTORY, consent_hist_cols, fill_consent_history);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CONSENT_HISTORY, consent_hist_cols,
		    fill_region_consent_history);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_PLAN_DOMAIN, domain_cols, fill_domains);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_PLAN_RATING, rating_cols, fill_ratings);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_GOAL, goal_cols, fill_goals);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_STEP, step_cols, fill_steps);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_PLAN_COMMENT, comment_cols, fill_comments);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_RELAPSE_PLAN, relapse_cols, fill_relapse);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CRISIS_CONTACT, crisis_cols, fill_crisis);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_PLAN_HISTORY, history_cols, fill_history);
	if (rc == 0 && g->dir_services > 0) {
		rc = LOAD(tx, g, TABLE_REFERRAL, referral_cols, fill_referrals);
		if (rc == 0)
			rc = LOAD(tx, g, TABLE_REFERRAL_EVENT, referral_event_cols,
			    fill_referral_events);
	}
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_NOTE, note_cols, fill_notes);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_ACCESS_LOG, access_cols, fill_access);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_APPOINTMENT, appt_cols, fill_appointments);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_APPOINTMENT_EVENT, appt_event_cols, fill_appointment_events);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CHECKIN, checkin_cols, fill_checkins);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CHECKIN, checkin_cols, fill_checkins_past);
	if (rc == 0 && g->flag_rule != NULL)
		rc = LOAD(tx, g, TABLE_WARNING_FLAG, flag_cols, fill_flags);
	if (rc == 0 && g->npast_rules > 0)
		rc = LOAD(tx, g, TABLE_WARNING_FLAG, resolved_flag_cols, fill_resolved_flags);
	if (rc == 0 && (g->q[Q_WHO5].ok || g->q[Q_BARC10].ok))
		rc = LOAD(tx, g, TABLE_QUESTIONNAIRE_RESPONSE, q_response_cols, fill_q_responses);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CHECKUP_PLAN, checkup_plan_cols, fill_checkup_plans);
	if (rc == 0)
		rc = LOAD(tx, g, TABLE_CHECKUP, checkup_cols, fill_checkups);
	if (rc == 0 && g->pw[0] != NULL && g->pw[1] != NULL) {
		rc = LOAD(tx, g, TABLE_PATHWAY, pathway_cols, fill_pathways);
		if (rc == 0)
			rc = LOAD(tx, g, TABLE_PATHWAY_PHASE, pw_phase_cols, fill_pathway_phases);
		if (rc == 0)
			rc = LOAD(tx, g, TABLE_PATHWAY_ITEM, pw_item_cols, fill_pathway_items);
	}
	return rc;
}

/* The last write: how many persons were made. */
static int
write_meta(struct store_tx *tx, void *arg)
{
	const struct gen *g = arg;
	char n[24];

	return store_tx_meta_set(tx, "bench_persons", num(n, g->n));
}

/* The help text. */
static void
usage(FILE *f)
{
	fputs("Usage: rosc-bench-gen --db URL [--persons N] [--services M] [--seed S]\n"
	    "Fills an empty database (made by rosc init) with synthetic data for\n"
	    "benchmarks: N persons (default 100000), about 180 rows each, with\n"
	    "organisations, staff, a region in every network, and the accounts\n"
	    "bench-coord, bench-staff, bench-person and bench-manager (password\n"
	    BENCH_PASSWORD "), and a service directory of M\n"
	    "services (default 10000; 0 for none), five to a directory organisation,\n"
	    "with locations, opening hours, languages and capacity. The same N, M and\n"
	    "seed (default 1) give the same data.\n", f);
}

/* A whole number from text, within [lo, hi]. */
static bool
parse_number(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	v = strtoull(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Refuses a database that already has organisations: persons need one, so
 * without any there are no persons, and nothing generated can collide. */
static int
check_empty(struct gen *g)
{
	struct arena a = ARENA_INIT;
	struct organisation *orgs;
	const char *have;
	size_t n = 0;
	int rc;

	rc = store_meta_get(g->s, &a, "bench_persons", &have);
	if (rc == 0) {
		fprintf(stderr, "rosc-bench-gen: the database already holds generated data "
		    "(%s persons). Start from a new one made by rosc init.\n", have);
		rc = ERR_EXISTS;
	} else if (rc == ERR_NOT_FOUND) {
		rc = store_org_list(g->s, &a, &orgs, &n);
		if (rc == 0 && n > 0) {
			fprintf(stderr, "rosc-bench-gen: the database already holds %zu "
			    "organisation%s and perhaps persons. Generate only into a new, empty "
			    "database made by rosc init.\n", n, n == 1 ? "" : "s");
			rc = ERR_EXISTS;
		}
	}
	store_request_end(g->s);
	arena_free(&a);
	return rc;
}

/* What was made, the sign-ins, and how long it took. */
static void
report(const struct gen *g, int64_t took_us)
{
	char org1[160];
	int64_t total = 0;
	int t;

	org_name(g, 0, org1, sizeof(org1));
	printf("Benchmark sign-ins (password for all: %s):\n", BENCH_PASSWORD);
	printf("  bench-coord   coordinator in organisation 1 (%s), of persons 1 to %d\n",
	    org1, g->n < PER_STAFF ? g->n : PER_STAFF);
	printf("  bench-staff   professional in organisation 1, in the network of persons "
	    "1 to %d\n", g->n < STAFF_PERSONS ? g->n : STAFF_PERSONS);
	printf("  bench-person  person 1's own account\n");
	printf("  bench-manager org_admin of %s, in every person's network\n", REGION_NAME);
	printf("Rows written:\n");
	for (t = 0; t < TABLE_COUNT; t++) {
		if (!g->loaded[t])
			continue;
		printf("  %-16s %10" PRId64 "\n", store_tables[t], g->rows[t]);
		total += g->rows[t];
	}
	printf("  %-16s %10" PRId64 "\n", "total", total);
	printf("Generated %d persons and %d services in %.1f s.\n", g->n, g->dir_services,
	    (double)took_us / 1e6);
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct gen g;
	uint64_t v;
	int64_t t0;
	int i, rc, decile = 0;

	/* As rosc does: the store's own messages (cmd_open_store) speak the
	 * environment's language; numbers stay in the C locale. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	i18n_init();
	if (sodium_init() < 0) {
		fputs("rosc-bench-gen: libsodium failed to initialise\n", stderr);
		return 1;
	}
	memset(&g, 0, sizeof(g));
	g.n = DEFAULT_PERSONS;
	g.dir_services = DEFAULT_SERVICES;
	g.seed = 1;
	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--services") == 0) {
			if (i + 1 >= argc || !parse_number(argv[i + 1], 0, MAX_SERVICES, &v)) {
				fprintf(stderr, "rosc-bench-gen: --services needs a number from 0 "
				    "to %d\n", MAX_SERVICES);
				return 2;
			}
			g.dir_services = (int)v;
			i++;
			continue;
		}
		if (strcmp(argv[i], "--persons") == 0 || strcmp(argv[i], "--seed") == 0) {
			bool persons = argv[i][2] == 'p';

			if (i + 1 >= argc || !parse_number(argv[i + 1], persons ? 1 : 0,
			    persons ? MAX_PERSONS : UINT64_MAX, &v)) {
				fprintf(stderr, "rosc-bench-gen: %s needs a number%s\n", argv[i],
				    persons ? " from 1 to 10000000" : "");
				return 2;
			}
			i++;
			if (persons)
				g.n = (int)v;
			else
				g.seed = v;
			continue;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0) {
			fprintf(stderr, "rosc-bench-gen: unexpected argument %s\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}

	t0 = clock_mono_us();
	g.now = clock_now_us();
	g.today = g.now - g.now % DAY_US;
	g.norgs = g.n / PERSONS_PER_ORG > MIN_ORGS ? g.n / PERSONS_PER_ORG : MIN_ORGS;
	g.nblocks = (g.n + PER_STAFF - 1) / PER_STAFF;
	g.dir_orgs = (g.dir_services + SERVICES_PER_DIR_ORG - 1) / SERVICES_PER_DIR_ORG;
	{
		struct rng r = rng_for(g.seed, K_BENCH_STAFF, 0, TAG_ID);

		rng_id(&r, g.bench_staff);
		r = rng_for(g.seed, K_REGION, 0, TAG_ID);
		rng_id(&r, g.region);
		r = rng_for(g.seed, K_REGION, 0, TAG_USER);
		rng_id(&r, g.manager);
	}
	if ((g.s = cmd_open_store(cfg.db_url, STORE_BULK)) == NULL)
		return 1;
	if ((rc = check_empty(&g)) != 0) {
		if (rc != ERR_EXISTS)
			fprintf(stderr, "rosc-bench-gen: cannot read the database (%s).\n",
			    err_str(rc));
		store_close(g.s);
		return 1;
	}
	if ((g.p = calloc(CHUNK, sizeof(*g.p))) == NULL)
		die("out of memory");
	/* The shipped pathway templates, parsed once for the whole run. */
	{
		static const char *const codes[2] = {"dk-alcohol-outpatient",
		    "nl-alcohol-care-standard"};
		struct pathway_template_row row;

		for (i = 0; i < 2; i++)
			if (store_pathway_template_latest(g.s, &g.a, NULL, codes[i], &row) == 0) {
				snprintf(g.pw_id[i], sizeof(g.pw_id[i]), "%s", row.id);
				g.pw[i] = pw_cache(row.id, row.body, strlen(row.body));
			}
		store_request_end(g.s);
	}
	/* The shipped rules a generated flag says it was raised by: the open
	 * ones by "appointment missed", those followed up by any but Help
	 * now (no presses are generated). In g.keep: g.a is freed after
	 * every chunk. */
	{
		struct warn_rules rs;
		struct jr_problem pr[2];
		size_t k;

		if (warn_parse(&g.keep, (const char *)warning_rules_shipped[0].data,
		    warning_rules_shipped[0].len, &rs, pr, 2) == 0)
			for (k = 0; k < rs.n; k++) {
				const struct warn_rule *w = &rs.rules[k];
				struct past_rule *pr_ = &g.past_rules[g.npast_rules];

				if (strcmp(w->code, "appointment-missed") == 0)
					g.flag_rule = warn_rule_json(&g.keep, w);
				if (w->kind == WK_HELP_NOW || !w->enabled ||
				    g.npast_rules == WARN_PAST_MAX)
					continue;
				pr_->code = w->code;
				pr_->kind = w->kind;
				pr_->category = category_code(warn_kind_category(w->kind));
				pr_->json = warn_rule_json(&g.keep, w);
				pr_->questionnaire = w->questionnaire;
				pr_->threshold = w->threshold;
				g.npast_rules++;
			}
	}
	/* WHO-5 and BARC-10 as rosc init imported them. */
	for (i = 0; i < Q_COUNT; i++) {
		struct questionnaire_row row;
		struct q_problem qp[2];

		if (store_questionnaire_latest(g.s, &g.keep, q_codes[i], &row) != 0)
			continue;
		snprintf(g.q[i].id, sizeof(g.q[i].id), "%s", row.id);
		g.q[i].ok = q_parse(&g.keep, row.body, strlen(row.body), &g.q[i].d, qp, 2) == 0 &&
		    g.q[i].d.multiplier > 0;
	}
	store_request_end(g.s);

	rc = store_write(g.s, write_setup, &g);
	if (rc == 0 && g.dir_services > 0)
		rc = store_write(g.s, write_directory, &g);
	if (rc == 0 && g.dir_services > 0)
		fprintf(stderr, "%d services in %d directory organisations\n", g.dir_services,
		    g.dir_orgs);
	for (g.first = 0; rc == 0 && g.first < g.n; g.first += g.count) {
		g.count = g.n - g.first < CHUNK ? g.n - g.first : CHUNK;
		prepare(&g);
		rc = store_write(g.s, write_chunk, &g);
		arena_free(&g.a);
		if (rc == 0 && (int)((int64_t)(g.first + g.count) * 10 / g.n) > decile) {
			decile = (int)((int64_t)(g.first + g.count) * 10 / g.n);
			fprintf(stderr, "%d of %d persons\n", g.first + g.count, g.n);
		}
	}
	if (rc == 0)
		rc = store_write(g.s, write_meta, &g);
	/* The access log's chain begun (link 1 over every entry made here) and
	 * checked now, so the benchmark's rosc does neither when it starts. */
	if (rc == 0)
		rc = store_access_chain_start(g.s);
	if (rc == 0)
		rc = store_access_chain_check(g.s, clock_now_us(), NULL);
	/* The outcome reports' rows made, as the outcomes job would in the
	 * background, so the benchmark's first report does not. */
	if (rc == 0) {
		long done;

		rc = store_outcomes_refresh(g.s, LONG_MAX, &done);
	}
	if (rc == 0)
		report(&g, clock_mono_us() - t0);
	else
		fprintf(stderr, "rosc-bench-gen: failed (%s); the database holds part of the "
		    "data: start again from a new one.\n", err_str(rc));
	free(g.p);
	arena_free(&g.a);
	arena_free(&g.keep);
	store_close(g.s);
	return rc == 0 ? 0 : 1;
}
