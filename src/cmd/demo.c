/* rosc demo: loads the demo world into an initialised database, once, and
 * prints the demo sign-ins. It grows with each feature; a second run
 * changes nothing. Every demo account shares one password, hashed once. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "cmd/commands.h"
#include "cmd/demo.h"
#include "core/account.h"
#include "core/password.h"
#include "core/person.h"
#include "core/plan.h"
#include "store/accounts.h"
#include "store/consent.h"
#include "store/emergency.h"
#include "store/network.h"
#include "store/help_now.h"
#include "store/notes.h"
#include "store/persons.h"
#include "store/plan.h"
#include "store/audit.h"
#include "store/store.h"

#define DAY_US (INT64_C(86400) * 1000000)

#define DEMO_PASSWORD "demo-hope-2026"

static const struct {
	const char *key, *name, *zone;
	enum sector sector;
} orgs[] = {
	{"nordlys", "Behandlingscenter Nordlys", "Europe/Copenhagen", SECTOR_ADDICTION_TREATMENT},
	{"osterbro", "Socialforvaltningen Østerbro", "Europe/Copenhagen", SECTOR_SOCIAL_SERVICES},
	{"havnely", "Boligselskabet Havnely", "Europe/Copenhagen", SECTOR_HOUSING},
	{"jobcenter", "Jobcenter Amager", "Europe/Copenhagen", SECTOR_EMPLOYMENT},
	{"laegehus", "Lægehuset Søndermarken", "Europe/Copenhagen", SECTOR_HEALTH_CARE},
	{"broen", "Recovery-fællesskabet Broen", "Europe/Copenhagen", SECTOR_PEER_ORGANISATION},
	{"folgeskab", "Frivilligcenter Følgeskab", "Europe/Copenhagen", SECTOR_VOLUNTEER_ORGANISATION},
	{"debrug", "Herstelhuis De Brug", "Europe/Amsterdam", SECTOR_ADDICTION_TREATMENT},
	{"maatje", "Vrijwilligerspunt Maatje", "Europe/Amsterdam", SECTOR_VOLUNTEER_ORGANISATION},
};
#define NORGS (sizeof(orgs) / sizeof(orgs[0]))

static const struct {
	const char *username, *name, *lang;
	enum user_kind kind;
	const char *org1;
	enum role role1;
	const char *org2;
	enum role role2;
	bool glass;            /* may ask for emergency access, in org1 */
} users[] = {
	{"anne", "Anne Holm", "da", USER_STAFF, "nordlys", ROLE_ORG_ADMIN, NULL, ROLE_NONE, true},
	{"peter", "Peter Sørensen", "da", USER_STAFF, "nordlys", ROLE_PROFESSIONAL, NULL, ROLE_NONE, true},
	{"karin", "Karin Madsen", NULL, USER_STAFF, "osterbro", ROLE_COORDINATOR,
	    "nordlys", ROLE_PROFESSIONAL, true},
	{"sofie", "Sofie Jensen", "da", USER_STAFF, "osterbro", ROLE_ORG_ADMIN, NULL, ROLE_NONE, false},
	{"henrik", "Henrik Lund", NULL, USER_STAFF, "havnely", ROLE_PROFESSIONAL, NULL, ROLE_NONE, false},
	{"mia", "Mia Nielsen", NULL, USER_STAFF, "jobcenter", ROLE_PROFESSIONAL, NULL, ROLE_NONE, false},
	{"lars", "Lars Bech", NULL, USER_STAFF, "laegehus", ROLE_PROFESSIONAL, NULL, ROLE_NONE, true},
	{"jonas", "Jonas Kristensen", NULL, USER_STAFF, "broen", ROLE_PEER_WORKER, NULL, ROLE_NONE, false},
	{"amira", "Amira Haddad", "da", USER_STAFF, "broen", ROLE_PEER_WORKER, NULL, ROLE_NONE, false},
	{"sanne", "Sanne de Jong", "nl", USER_STAFF, "debrug", ROLE_PEER_WORKER, NULL, ROLE_NONE, false},
	{"kees", "Kees Mulder", "nl", USER_STAFF, "debrug", ROLE_PEER_WORKER, NULL, ROLE_NONE, false},
	{"else", "Else Mortensen", "da", USER_STAFF, "folgeskab", ROLE_VOLUNTEER, NULL, ROLE_NONE, false},
	{"fleur", "Fleur Bakker", "nl", USER_STAFF, "debrug", ROLE_ORG_ADMIN, NULL, ROLE_NONE, false},
	{"daan", "Daan de Vries", "nl", USER_STAFF, "debrug", ROLE_COORDINATOR, NULL, ROLE_NONE, true},
	{"noor", "Noor Jansen", "nl", USER_STAFF, "maatje", ROLE_VOLUNTEER, NULL, ROLE_NONE, false},
	{"mette", "Mette Larsen", "da", USER_PERSON, NULL, ROLE_NONE, NULL, ROLE_NONE, false},
	{"jan", "Jan Visser", "nl", USER_PERSON, NULL, ROLE_NONE, NULL, ROLE_NONE, false},
	{"sam", "Sam", NULL, USER_PERSON, NULL, ROLE_NONE, NULL, ROLE_NONE, false},
	{"birgit", "Birgit Larsen", "da", USER_FAMILY, NULL, ROLE_NONE, NULL, ROLE_NONE, false},
};
#define NUSERS (sizeof(users) / sizeof(users[0]))

/* The operator's grant to write person_id's data (access/door.h): the demo
 * is loaded from the command line. Its arena lives as long as the process. */
static const struct grant *
operator(const char *person_id)
{
	static struct arena grants = ARENA_INIT;

	return door_command_line(&grants, person_id);
}

struct world {
	const char *hash;
	int64_t now;
	char org_ids[NORGS][ID_LEN + 1];
};

static const char *
org_id(struct world *w, const char *key)
{
	size_t i;

	for (i = 0; i < NORGS; i++)
		if (strcmp(orgs[i].key, key) == 0)
			return w->org_ids[i];
	return NULL;
}

static int
load(struct store_tx *tx, void *arg)
{
	struct world *w = arg;
	struct audit_entry e = {0};
	char key[128], uid[ID_LEN + 1];
	size_t i, k;
	int rc;

	for (i = 0; i < NORGS; i++) {
		struct organisation o = {0};

		id_new(w->org_ids[i]);
		o.id = w->org_ids[i];
		o.name = orgs[i].name;
		o.sector = orgs[i].sector;
		o.time_zone = orgs[i].zone;
		o.created_us = w->now;
		/* Folded like the admin pages fold: lower case ASCII suffices
		 * for uniqueness of these names. */
		for (k = 0; orgs[i].name[k] && k < sizeof(key) - 1; k++)
			key[k] = (char)((orgs[i].name[k] >= 'A' && orgs[i].name[k] <= 'Z') ?
			    orgs[i].name[k] + 32 : orgs[i].name[k]);
		key[k] = '\0';
		if ((rc = store_tx_org_insert(tx, &o, key)) != 0)
			return rc;
	}
	for (i = 0; i < NUSERS; i++) {
		struct user u = {0};

		id_new(uid);
		u.id = uid;
		u.username = users[i].username;
		u.display_name = users[i].name;
		u.kind = users[i].kind;
		u.password_hash = w->hash;
		u.lang = users[i].lang;
		u.created_us = w->now;
		username_key(u.username, key);
		if ((rc = store_tx_user_insert(tx, &u, key)) != 0)
			return rc;
		if (users[i].org1 && (rc = store_tx_membership_set(tx, uid,
		    org_id(w, users[i].org1), users[i].role1, w->now)) != 0)
			return rc;
		if (users[i].org2 && (rc = store_tx_membership_set(tx, uid,
		    org_id(w, users[i].org2), users[i].role2, w->now)) != 0)
			return rc;		/* Who may break the glass: staff with a duty of care in
		 * treatment, health care and social services, as their
		 * organisation admins decided. */
		if (users[i].glass && (rc = store_tx_membership_glass(tx, uid,
		    org_id(w, users[i].org1), true)) != 0)
			return rc;
	}
	e.at_us = w->now;
	e.action = "demo.load";
	e.client_addr = "cli";
	e.detail = "organisations and accounts";
	if ((rc = store_tx_audit_append(tx, &e)) != 0)
		return rc;
	return store_tx_meta_set(tx, "demo_accounts", "1");
}


/* The persons, their networks, consents and notes: 30 situations, so every
 * rule can be seen. Indexes below refer to this table. */
static const struct {
	const char *name, *preferred, *pronouns, *birth, *lang, *nid, *home, *zone;
	const char *about, *about_lang, *account;
} persons[] = {
	{"Mette Larsen", "Mette", "hun", "1990-01-01", "da", "010190-1234", "nordlys",
	    "Europe/Copenhagen", "Jeg er mor til to og vil gerne tilbage til mit arbejde "
	    "som kok. Jeg har brug for ro, og for at folk siger tingene ligeud.", "da", "mette"},
	{"Jan Visser", "Jan", "hij", "1984-06-12", "nl", NULL, "debrug", "Europe/Amsterdam",
	    "Ik fiets elke ochtend en dat houdt me op de been. Bel me liever dan te mailen.",
	    "nl", "jan"},
	{"Sam", NULL, "they", NULL, "en", NULL, "nordlys", "Europe/Copenhagen",
	    "I'd rather not give my full name. I'm here for the peer group on Thursdays.",
	    "en", "sam"},
	{"Søren Østergaard", "Søren", "han", "1971-03-14", "da", "140371-3317", "osterbro",
	    "Europe/Copenhagen", "Jeg bor alene og savner mine børn.", "da", NULL},
	{"Åse Kjær", NULL, "hun", "1966-11-02", "da", NULL, "osterbro", "Europe/Copenhagen",
	    NULL, NULL, NULL},
	{"Frederik Ærenlund", "Frede", "han", "1993-07-21", "da", NULL, "osterbro",
	    "Europe/Copenhagen", "Jeg vil gerne have et job med mine hænder.", "da", NULL},
	{"Lærke Bødker", NULL, "hun", "2001-02-09", "da", NULL, "osterbro",
	    "Europe/Copenhagen", NULL, NULL, NULL},
	{"Ida Holm", NULL, "hun", "1988-05-30", "da", NULL, "osterbro", "Europe/Copenhagen",
	    NULL, NULL, NULL},
	{"Mads Krogh", NULL, "han", "1979-09-17", "da", NULL, "osterbro", "Europe/Copenhagen",
	    "Musik hjælper mig. Jeg spiller guitar hver aften.", "da", NULL},
	{"Niels Ågård", NULL, "han", "1958-12-24", "da", NULL, "osterbro", "Europe/Copenhagen",
	    NULL, NULL, NULL},
	{"Birthe Sørensen", NULL, "hun", "1962-04-04", "da", NULL, "osterbro",
	    "Europe/Copenhagen", NULL, NULL, NULL},
	{"Emil Dahl", NULL, "han", "1999-08-08", "da", NULL, "osterbro", "Europe/Copenhagen",
	    NULL, NULL, NULL},
	{"Camilla Bjørn", NULL, "hun", "1985-10-10", "da", NULL, "osterbro",
	    "Europe/Copenhagen", NULL, NULL, NULL},
	{"Jens Vestergaard", NULL, "han", "1975-01-19", "da", NULL, "osterbro",
	    "Europe/Copenhagen", NULL, NULL, NULL},
	{"Louise Ørsted", NULL, "hun", "1991-06-06", "da", NULL, "osterbro",
	    "Europe/Copenhagen", NULL, NULL, NULL},
	{"Anders Æbelø", NULL, "han", "1983-03-03", "da", NULL, "nordlys", "Europe/Copenhagen",
	    NULL, NULL, NULL},
	{"Henriette Lund", NULL, "hun", "1970-07-07", "da", NULL, "nordlys",
	    "Europe/Copenhagen", NULL, NULL, NULL},
	{"Kasper Brøndum", NULL, "han", "1996-09-29", "da", NULL, "nordlys",
	    "Europe/Copenhagen", NULL, NULL, NULL},
	{"Zeynep Yılmaz", NULL, "hun", "1987-02-14", "da", NULL, "nordlys",
	    "Europe/Copenhagen", "Jeg taler dansk og tyrkisk.", "da", NULL},
	{"Ahmed Haddad", NULL, "han", "1980-12-01", "en", NULL, "nordlys", "Europe/Copenhagen",
	    "I work nights. Please call after 14:00.", "en", NULL},
	{"Rasmus Friis", NULL, "han", "1977-04-22", "da", NULL, "nordlys", "Europe/Copenhagen",
	    NULL, NULL, NULL},
	{"Bram van IJzendoorn", "Bram", "hij", "1982-08-15", "nl", NULL, "debrug",
	    "Europe/Amsterdam", "Ik wil weer voor mijn dochter kunnen zorgen.", "nl", NULL},
	{"Eline de Jong", NULL, "zij", "1995-03-27", "nl", NULL, "debrug", "Europe/Amsterdam",
	    NULL, NULL, NULL},
	{"Joris Bakker", NULL, "hij", "1973-11-11", "nl", NULL, "debrug", "Europe/Amsterdam",
	    NULL, NULL, NULL},
	{"Saskia van den Berg", NULL, "zij", "1989-01-31", "nl", NULL, "debrug",
	    "Europe/Amsterdam", NULL, NULL, NULL},
	{"Ruud Smit", NULL, "hij", "1961-05-05", "nl", NULL, "debrug", "Europe/Amsterdam",
	    NULL, NULL, NULL},
	{"Anouk Meijer", NULL, "zij", "1998-10-02", "nl", NULL, "debrug", "Europe/Amsterdam",
	    NULL, NULL, NULL},
	{"Thijs Jansen", NULL, "hij", "1986-12-12", "nl", NULL, "debrug", "Europe/Amsterdam",
	    NULL, NULL, NULL},
	{"Noor el Idrissi", NULL, "zij", "1992-04-18", "nl", NULL, "debrug",
	    "Europe/Amsterdam", NULL, NULL, NULL},
	{"Sanne Dekker", NULL, "zij", "1980-02-20", "nl", NULL, "debrug", "Europe/Amsterdam",
	    NULL, NULL, NULL},
};
#define NPERSONS (sizeof(persons) / sizeof(persons[0]))

static const struct {
	int person;
	const char *account, *org, *name, *contact;   /* account and/or name */
	enum net_role role;
	const char *from, *until;
} members[] = {
	{0, "peter", "nordlys", NULL, "+45 33 12 34 56", NET_PROFESSIONAL, "2025-09-01", NULL},
	{0, "karin", "osterbro", NULL, "+45 33 66 77 88", NET_COORDINATOR, "2025-09-15", NULL},
	{0, "henrik", "havnely", NULL, "+45 70 20 30 40", NET_PROFESSIONAL, "2025-11-01", NULL},
	{0, "jonas", "broen", NULL, "+45 22 33 44 55", NET_PEER_WORKER, "2025-10-01", NULL},
	{0, "birgit", NULL, NULL, "+45 40 50 60 70", NET_FAMILY, "2025-09-01", NULL},
	{0, "mia", "jobcenter", NULL, NULL, NET_PROFESSIONAL, "2025-10-01", "2026-01-31"},
	{0, NULL, NULL, "Lone (nabo)", "+45 28 28 28 28", NET_SUPPORTER, "2025-12-01", NULL},
	{1, "daan", "debrug", NULL, "+31 20 555 0101", NET_COORDINATOR, "2025-08-01", NULL},
	{2, "peter", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2026-01-10", NULL},
	/* Karin's caseload at Østerbro. */
	{3, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-05-01", NULL},
	{3, "peter", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2025-06-01", NULL},
	{3, "mia", "jobcenter", NULL, NULL, NET_PROFESSIONAL, "2025-09-01", NULL},
	{4, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-02-01", NULL},
	{4, "henrik", "havnely", NULL, NULL, NET_PROFESSIONAL, "2025-03-01", NULL},
	{5, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-04-01", NULL},
	{5, "mia", "jobcenter", NULL, NULL, NET_PROFESSIONAL, "2025-04-15", NULL},
	{5, "else", "folgeskab", NULL, NULL, NET_VOLUNTEER, "2025-05-01", NULL},
	{6, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-07-01", NULL},
	{6, "peter", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2025-07-01", NULL},
	{7, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-01-10", NULL},
	{7, "lars", "laegehus", NULL, NULL, NET_PROFESSIONAL, "2025-02-01", NULL},
	{8, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2024-11-01", NULL},
	{8, "jonas", "broen", NULL, NULL, NET_PEER_WORKER, "2025-01-01", NULL},
	{9, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-03-01", NULL},
	{10, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-06-01", NULL},
	{11, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-08-01", NULL},
	{12, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-09-01", NULL},
	{13, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2025-10-01", NULL},
	{14, "karin", "osterbro", NULL, NULL, NET_COORDINATOR, "2024-06-01", "2025-12-31"},
	{14, "sofie", "osterbro", NULL, NULL, NET_COORDINATOR, "2026-01-01", NULL},
	/* Nordlys' own. */
	{15, "peter", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2025-10-01", NULL},
	{15, "karin", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2025-10-01", NULL},
	{16, "peter", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2025-11-01", NULL},
	{16, "anne", "nordlys", NULL, NULL, NET_COORDINATOR, "2025-11-01", NULL},
	{17, "peter", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2026-01-05", NULL},
	{17, "jonas", "broen", NULL, NULL, NET_PEER_WORKER, "2026-01-05", NULL},
	{18, "anne", "nordlys", NULL, NULL, NET_COORDINATOR, "2025-09-01", NULL},
	{18, "henrik", "havnely", NULL, NULL, NET_PROFESSIONAL, "2025-09-15", NULL},
	{19, "peter", "nordlys", NULL, NULL, NET_PROFESSIONAL, "2025-12-01", NULL},
	{20, "anne", "nordlys", NULL, NULL, NET_COORDINATOR, "2025-06-01", NULL},
	{20, "lars", "laegehus", NULL, NULL, NET_PROFESSIONAL, "2025-06-01", NULL},
	/* De Brug's. */
	{21, "daan", "debrug", NULL, NULL, NET_COORDINATOR, "2025-03-01", NULL},
	{22, "daan", "debrug", NULL, NULL, NET_COORDINATOR, "2025-04-01", NULL},
	{23, "daan", "debrug", NULL, NULL, NET_COORDINATOR, "2025-05-01", NULL},
	{24, "daan", "debrug", NULL, NULL, NET_COORDINATOR, "2025-06-01", NULL},
	{25, "fleur", "debrug", NULL, NULL, NET_COORDINATOR, "2025-07-01", NULL},
	{26, "daan", "debrug", NULL, NULL, NET_COORDINATOR, "2025-08-01", NULL},
	{27, "daan", "debrug", NULL, NULL, NET_COORDINATOR, "2025-09-01", NULL},
	{28, "daan", "debrug", NULL, NULL, NET_COORDINATOR, "2025-10-01", NULL},
	{29, "fleur", "debrug", NULL, NULL, NET_COORDINATOR, "2025-11-01", NULL},
};
#define NMEMBERS (sizeof(members) / sizeof(members[0]))

/* Consents: to an organisation (org) or to a member by account name. */
static const struct {
	int person;
	const char *org, *account;
	enum category cat;
	bool granted;
	const char *until, *purpose;
} consents[] = {
	{0, "osterbro", NULL, CAT_BASIC, true, NULL, "Mit forløb i kommunen"},
	{0, "osterbro", NULL, CAT_PLAN, true, NULL, "Mit forløb i kommunen"},
	{0, "osterbro", NULL, CAT_APPOINTMENTS, true, NULL, "Mit forløb i kommunen"},
	{0, "havnely", NULL, CAT_BASIC, true, NULL, "Min bolig"},
	{0, "havnely", NULL, CAT_PLAN, true, NULL, "Min bolig"},
	{0, NULL, "jonas", CAT_BASIC, true, NULL, NULL},
	{0, NULL, "birgit", CAT_BASIC, true, NULL, NULL},
	{0, NULL, "birgit", CAT_PLAN, true, NULL, NULL},
	/* Notes and messages: with Karin, her coordinator, by name. */
	{0, NULL, "karin", CAT_NOTES, true, NULL, "Beskeder med Karin"},
	{0, "jobcenter", NULL, CAT_PLAN, false, NULL, NULL},      /* withdrawn */
	{3, "nordlys", NULL, CAT_BASIC, true, NULL, NULL},
	{3, "nordlys", NULL, CAT_PLAN, true, NULL, NULL},
	{3, "nordlys", NULL, CAT_SUBSTANCE, true, NULL, NULL},
	{3, "jobcenter", NULL, CAT_BASIC, true, NULL, NULL},
	{3, "jobcenter", NULL, CAT_PLAN, false, NULL, NULL},       /* withdrawn */
	{4, "havnely", NULL, CAT_BASIC, true, "2026-02-28", NULL},   /* expired */
	{5, "jobcenter", NULL, CAT_BASIC, true, NULL, NULL},
	{5, "jobcenter", NULL, CAT_PLAN, true, NULL, "Praktikplads"},
	{5, NULL, "else", CAT_BASIC, true, NULL, "Følges til lægen"},
	{5, NULL, "else", CAT_APPOINTMENTS, true, NULL, "Følges til lægen"},
	{6, "nordlys", NULL, CAT_BASIC, true, NULL, NULL},
	{7, "laegehus", NULL, CAT_BASIC, true, NULL, NULL},
	{7, "laegehus", NULL, CAT_NOTES, true, NULL, NULL},
	{8, NULL, "jonas", CAT_BASIC, true, NULL, NULL},
	{17, NULL, "jonas", CAT_BASIC, true, NULL, NULL},
	{18, "havnely", NULL, CAT_BASIC, true, NULL, NULL},
	{18, "havnely", NULL, CAT_PLAN, false, NULL, NULL},
	{20, "laegehus", NULL, CAT_BASIC, true, NULL, NULL},
	{20, "laegehus", NULL, CAT_SUBSTANCE, true, NULL, NULL},
};
#define NCONSENTS (sizeof(consents) / sizeof(consents[0]))

static const struct {
	int person;
	const char *author, *org, *body, *lang, *restricted_reason;
	int days_ago;
} notes[] = {
	{0, "peter", "nordlys", "Mette fortalte, at hun har sovet bedre denne uge. Vi aftalte "
	    "at tale om jobsøgning næste gang.", "da", NULL, 6},
	{0, "peter", "nordlys", "Oplysninger fra tredjepart om en verserende sag.", "da",
	    "Oplysninger om en anden person, som ikke må videregives", 3},
	{3, "karin", "osterbro", "Søren vil gerne have hjælp til at søge samvær med børnene.",
	    "da", NULL, 10},
	{21, "daan", "debrug", "Bram heeft zijn eerste week zonder gebruik gehaald. Trots!",
	    "nl", NULL, 2},
};
#define NNOTES (sizeof(notes) / sizeof(notes[0]))

struct people {
	int64_t now;
	char person_ids[NPERSONS][ID_LEN + 1];
	char member_ids[NMEMBERS][ID_LEN + 1];
	char org_ids[NORGS][ID_LEN + 1];
	char user_ids[NUSERS + 1][ID_LEN + 1];
};

static const char *
people_org(struct people *w, const char *key)
{
	size_t i;

	for (i = 0; key && i < NORGS; i++)
		if (strcmp(orgs[i].key, key) == 0)
			return w->org_ids[i];
	return NULL;
}

static const char *
people_user(struct people *w, const char *username)
{
	size_t i;

	for (i = 0; username && i < NUSERS; i++)
		if (strcmp(users[i].username, username) == 0)
			return w->user_ids[i];
	return NULL;
}

/* The instant of a demo date at a daytime hour (UTC), or now if that would
 * lie in the future. */
static int64_t
demo_day(const char *ymd, const char *hour, int64_t now)
{
	char iso[32];
	int64_t us;

	snprintf(iso, sizeof(iso), "%sT%s:00:00Z", ymd, hour);
	if (clock_parse_instant(iso, &us) != 0 || us > now)
		return now;
	return us;
}

/* When the person gave consent i, and when they took it back if they did:
 * given the day after the recipient joined their network; taken back on
 * the day the last of them left it, or nine days ago if they are still
 * there. So the consent history never shows sharing with someone before
 * they came or after they left (tests/http/demo.test.mjs checks). */
static void
consent_times(size_t i, int64_t now, int64_t *given, int64_t *withdrawn)
{
	const char *from = NULL, *until = NULL;
	bool open = false;
	size_t k;

	for (k = 0; k < NMEMBERS; k++) {
		if (members[k].person != consents[i].person)
			continue;
		if (consents[i].org != NULL ? members[k].org == NULL ||
		    strcmp(members[k].org, consents[i].org) != 0 :
		    members[k].account == NULL ||
		    strcmp(members[k].account, consents[i].account) != 0)
			continue;
		if (from == NULL || strcmp(members[k].from, from) < 0)
			from = members[k].from;
		if (members[k].until == NULL)
			open = true;
		else if (until == NULL || strcmp(members[k].until, until) > 0)
			until = members[k].until;
	}
	*given = from != NULL ? demo_day(from, "15", now) + DAY_US : now - 40 * DAY_US;
	*withdrawn = !open && until != NULL ? demo_day(until, "09", now) : now - 9 * DAY_US;
	if (*given > now)
		*given = now - DAY_US;
	if (*withdrawn < *given)
		*withdrawn = *given + 3600 * INT64_C(1000000);
}

static int
load_people(struct store_tx *tx, void *arg)
{
	struct people *w = arg;
	struct arena a = ARENA_INIT;
	struct audit_entry e = {0};
	size_t i, k;
	int rc = 0;

	for (i = 0; i < NPERSONS && rc == 0; i++) {
		struct person p = {0};

		id_new(w->person_ids[i]);
		p.id = w->person_ids[i];
		p.display_name = persons[i].name;
		p.preferred_name = persons[i].preferred;
		p.pronouns = persons[i].pronouns;
		p.birth_date = persons[i].birth;
		p.lang = persons[i].lang;
		p.national_id = persons[i].nid;
		p.time_zone = persons[i].zone;
		p.home_org_id = people_org(w, persons[i].home);
		p.about_me = persons[i].about;
		p.about_me_lang = persons[i].about_lang;
		p.user_id = people_user(w, persons[i].account);
		p.updated_us = w->now;
		p.version = 1;
		rc = store_tx_person_insert(tx, &p, person_name_key(&a, p.display_name),
		    person_name_sort(&a, p.display_name));
	}
	for (i = 0; i < NMEMBERS && rc == 0; i++) {
		struct network_member m = {0};

		id_new(w->member_ids[i]);
		m.person_id = w->person_ids[members[i].person];
		m.id = w->member_ids[i];
		m.user_id = people_user(w, members[i].account);
		m.org_id = people_org(w, members[i].org);
		m.role = members[i].role;
		m.name = members[i].name;
		m.contact = members[i].contact;
		m.from_date = members[i].from;
		m.until_date = members[i].until;
		rc = store_tx_member_insert(tx, operator(m.person_id), &m, w->now, NULL);
	}
	/* Help now: Mette has chosen Birgit, her family, to be told at once
	 * (a text message to the number in her network row). No press yet. */
	for (i = 0; i < NMEMBERS && rc == 0; i++) {
		const char *ids[1];

		if (members[i].person != 0 || members[i].account == NULL ||
		    strcmp(members[i].account, "birgit") != 0)
			continue;
		ids[0] = w->member_ids[i];
		rc = store_tx_help_now_choice_set(tx, operator(w->person_ids[0]), ids, 1,
		    w->now - 40 * DAY_US);
	}
	for (i = 0; i < NCONSENTS && rc == 0; i++) {
		struct consent c = {0};
		const char *person = w->person_ids[consents[i].person];
		int64_t given, withdrawn;

		c.person_id = person;
		c.recipient_org_id = people_org(w, consents[i].org);
		for (k = 0; consents[i].account && k < NMEMBERS; k++)
			if (members[k].person == consents[i].person && members[k].account &&
			    strcmp(members[k].account, consents[i].account) == 0)
				c.recipient_member_id = w->member_ids[k];
		c.category = consents[i].cat;
		c.purpose = consents[i].purpose;
		c.until_date = consents[i].until;
		/* A withdrawn consent was first given: both versions show. */
		consent_times(i, w->now, &given, &withdrawn);
		c.granted = true;
		rc = store_tx_consent_set(tx, operator(c.person_id), &c, given,
		    people_user(w, persons[consents[i].person].account));
		if (rc == 0 && !consents[i].granted) {
			c.granted = false;
			rc = store_tx_consent_set(tx, operator(c.person_id), &c, withdrawn,
			    people_user(w, persons[consents[i].person].account));
		}
	}
	for (i = 0; i < NNOTES && rc == 0; i++) {
		struct note n = {0};
		char id[ID_LEN + 1];

		id_new(id);
		n.person_id = w->person_ids[notes[i].person];
		n.id = id;
		n.author_id = people_user(w, notes[i].author);
		n.author_org_id = people_org(w, notes[i].org);
		n.body = notes[i].body;
		n.body_lang = notes[i].lang;
		n.restricted = notes[i].restricted_reason != NULL;
		n.restricted_reason = notes[i].restricted_reason;
		n.created_us = w->now - (int64_t)notes[i].days_ago * 86400 * 1000000;
		rc = store_tx_note_insert(tx, operator(n.person_id), &n);
	}
	if (rc == 0) {
		/* Sam: a doctor broke the glass two weeks ago. */
		struct emergency em = {0};
		char id[ID_LEN + 1];

		id_new(id);
		em.person_id = w->person_ids[2];
		em.id = id;
		em.user_id = people_user(w, "lars");
		em.org_id = people_org(w, "laegehus");
		em.reason = "Found unconscious at the clinic; needed to know current medication.";
		em.started_us = w->now - INT64_C(14) * 86400 * 1000000;
		em.expires_us = em.started_us + EMERGENCY_US;
		rc = store_tx_emergency_insert(tx, &em);
	}
	if (rc == 0) {
		e.at_us = w->now;
		e.action = "demo.load";
		e.client_addr = "cli";
		e.detail = "persons, networks, consents and notes";
		rc = store_tx_audit_append(tx, &e);
	}
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_persons", "1");
	arena_free(&a);
	return rc;
}

/* Ids of the demo organisations and accounts, by their keys. */
static int
find_ids(struct store *s, struct people *w)
{
	struct arena a = ARENA_INIT;
	struct organisation *all;
	struct user u;
	size_t n, i, k;
	char key[USERNAME_MAX + 1];
	int rc;

	if ((rc = store_org_list(s, &a, &all, &n)) != 0)
		goto out;
	for (i = 0; i < NORGS; i++) {
		w->org_ids[i][0] = '\0';
		for (k = 0; k < n; k++)
			if (strcmp(all[k].name, orgs[i].name) == 0)
				snprintf(w->org_ids[i], sizeof(w->org_ids[i]), "%s", all[k].id);
		if (w->org_ids[i][0] == '\0') {
			rc = ERR_NOT_FOUND;
			goto out;
		}
	}
	for (i = 0; i < NUSERS; i++) {
		username_key(users[i].username, key);
		if ((rc = store_user_by_username(s, &a, key, &u)) != 0)
			goto out;
		snprintf(w->user_ids[i], sizeof(w->user_ids[i]), "%s", u.id);
	}
out:
	store_request_end(s);
	arena_free(&a);
	return rc;
}

/* The recovery plans: five persons' plans in their own words (Danish,
 * Dutch, English), ratings over months so the charts show change, goals at
 * every stage, steps for the person and for people in the network, and
 * relapse-prevention plans with crisis contacts. Loaded once, under meta
 * "demo_plans", into a database whose persons are already there. */

enum { P_METTE, P_JAN, P_SAM, P_SOREN, P_BRAM, NPLANS };

#define NO_DUE 9999

static const struct {
	const char *account;             /* the person's own account, or */
	const char *name, *coord, *coord_org;   /* a name in the coordinator's caseload */
} plan_persons[NPLANS] = {
	{"mette", NULL, NULL, NULL},
	{"jan", NULL, NULL, NULL},
	{"sam", NULL, NULL, NULL},
	{NULL, "Søren Østergaard", "karin", "osterbro"},
	{NULL, "Bram van IJzendoorn", "daan", "debrug"},
};

/* Who wrote something: an account, and the organisation they wrote for
 * (NULL: the person themself, or family). */
struct who {
	const char *user, *org;
};
#define METTE {"mette", NULL}
#define JAN {"jan", NULL}
#define SAM {"sam", NULL}
#define PETER {"peter", "nordlys"}
#define KARIN {"karin", "osterbro"}
#define HENRIK {"henrik", "havnely"}
#define DAAN {"daan", "debrug"}

/* A domain row saved twice makes a second version (history to look at). */
static const struct {
	int person;
	enum domain domain;
	const char *now, *strengths, *hopes, *matters, *lang;
	struct who by;
	int days_ago;
} plan_domains[] = {
	{P_METTE, DOM_SUBSTANCE_USE, "Jeg har ikke drukket siden midten af september. "
	    "Weekenderne er stadig de sværeste.", "Jeg går til AA-møder tirsdag og torsdag, "
	    "og Jonas er min sponsor. Jeg ved nu, hvad der sker, når jeg begynder at "
	    "isolere mig.", "At fejre et år uden alkohol sammen med mine børn.",
	    "At børnene kan regne med mig.", "da", METTE, 150},
	{P_METTE, DOM_PHYSICAL_HEALTH, "Jeg sover bedre, men jeg er tit træt om "
	    "eftermiddagen.", "Jeg går en lang tur hver dag, og jeg laver ordentlig mad "
	    "igen.", "At kunne løbe fem kilometer til sommer.", "At have energi til børnene.",
	    "da", METTE, 140},
	{P_METTE, DOM_MENTAL_HEALTH, "Jeg bliver let bekymret, især for penge og for "
	    "børnene.", "Jeg er god til at sige det, når noget er svært. Samtalerne med "
	    "Peter hjælper.", "Mere ro i hovedet.", "Ikke at skamme mig.", "da", METTE, 140},
	{P_METTE, DOM_HOUSING, "Jeg bor på et værelse hos min mor. Det er trangt, og "
	    "børnene kan ikke sove hos mig.", "Jeg har altid betalt min husleje til tiden.",
	    "Min egen lejlighed.", "Et sted, hvor børnene kan sove hos mig.", "da", METTE, 150},
	{P_METTE, DOM_HOUSING, "Jeg bor stadig hos min mor, men nu står jeg på "
	    "venteliste hos Havnely.", "Jeg har altid betalt min husleje til tiden. Henrik "
	    "hjælper mig med ansøgningerne.", "En toværelses lejlighed tæt på børnenes skole "
	    "på Østerbro.", "Et sted, hvor børnene kan sove hos mig.", "da", METTE, 20},
	{P_METTE, DOM_WORK_EDUCATION, "Jeg har ikke arbejdet i to år. Jeg savner "
	    "køkkenet.", "Jeg er uddannet kok og har arbejdet i store køkkener i ti år. Jeg "
	    "er hurtig og god til at planlægge.", "At komme tilbage i et køkken, først på "
	    "deltid.", "En arbejdsplads, hvor de ved, at jeg er i bedring.", "da", PETER, 60},
	{P_METTE, DOM_FINANCES, "Jeg har gæld fra dengang, jeg drak.", "Jeg har lavet et "
	    "budget sammen med Karin, og jeg holder det.", "At være gældfri om tre år.",
	    "Ikke at være bange, når posten kommer.", "da", METTE, 90},
	{P_METTE, DOM_FAMILY, "Jeg ser mine to børn hver anden weekend hos min mor.",
	    "Min mor står altid ved min side. Børnene er glade for at se mig.",
	    "At børnene kan bo hos mig halvdelen af tiden.", "Mine børn.", "da", METTE, 150},
	{P_METTE, DOM_SOCIAL_NETWORK, "De fleste af mine gamle venner drak også. Jeg er "
	    "ved at finde nye.", "Folk fra møderne, og Lone, min nabo.", "En veninde, jeg "
	    "kan gå i svømmehallen med.", NULL, "da", METTE, 100},
	{P_JAN, DOM_SUBSTANCE_USE, "Ik ben nu vijf maanden clean.", "Fietsen in de "
	    "ochtend, en de groep op woensdag.", "Een jaar clean, en dat vieren met mijn zus.",
	    "Rust in mijn hoofd.", "nl", JAN, 140},
	{P_JAN, DOM_WORK_EDUCATION, "Ik doe vrijwilligerswerk bij een fietsenmaker, twee "
	    "ochtenden per week.", "Ik ben handig en ik hou van fietsen.", "Een betaalde "
	    "baan als fietsenmaker.", "Iets doen waar ik trots op ben.", "nl", JAN, 100},
	{P_JAN, DOM_SOCIAL_NETWORK, "Ik zie mijn zus Lotte elke zondag.", "Lotte, en de "
	    "mensen van de groep.", "Weer een vriend om mee te fietsen.", NULL, "nl", JAN, 120},
	{P_JAN, DOM_HOUSING, "Ik woon in een kleine flat in Amsterdam-Noord.", "Het is van "
	    "mij, en het is rustig.", NULL, "Een veilige plek.", "nl", DAAN, 130},
	{P_JAN, DOM_FINANCES, "Ik heb een schuldhulpverlener en een vast budget.", "Ik "
	    "houd me aan het budget.", "Over twee jaar schuldenvrij.", NULL, "nl", JAN, 80},
	{P_SAM, DOM_SOCIAL_NETWORK, "I come to the peer group on Thursdays.", "I listen "
	    "well; people tell me that.", "To help run the group one day.", NULL, "en", SAM,
	    70},
	{P_SAM, DOM_MEANING, "I'm working out who I am without using.", "I write every "
	    "evening.", "To feel at home in my own life.", "Being myself, not a case.", "en",
	    SAM, 60},
	{P_SOREN, DOM_FAMILY, "Jeg har ikke set mine børn i et år.", "Jeg skriver breve "
	    "til dem hver måned.", "At se dem hver anden weekend.", "Mine børn.", "da", KARIN,
	    120},
	{P_SOREN, DOM_HOUSING, "Jeg har min egen lejlighed nu.", "Jeg holder den pæn, og "
	    "der er plads til børnene.", NULL, "At have et hjem.", "da", KARIN, 100},
	{P_BRAM, DOM_FAMILY, "Mijn dochter woont bij haar moeder.", "Ik bel haar elke "
	    "avond.", "Weer voor mijn dochter kunnen zorgen.", "Mijn dochter.", "nl", DAAN, 30},
	{P_BRAM, DOM_SUBSTANCE_USE, "Ik ben net begonnen.", "Ik wil het echt.", "Clean "
	    "blijven.", NULL, "nl", DAAN, 10},
};
#define NPLAN_DOMAINS (sizeof(plan_domains) / sizeof(plan_domains[0]))

/* Ratings, one a month (the last one a few days ago). */
static const struct {
	int person;
	enum domain domain;
	int n, r[6];
} plan_ratings[] = {
	{P_METTE, DOM_SUBSTANCE_USE, 6, {3, 4, 5, 5, 6, 7}},
	{P_METTE, DOM_PHYSICAL_HEALTH, 6, {4, 4, 5, 5, 6, 6}},
	{P_METTE, DOM_MENTAL_HEALTH, 6, {3, 3, 4, 5, 5, 6}},
	{P_METTE, DOM_HOUSING, 6, {2, 2, 3, 3, 4, 5}},
	{P_METTE, DOM_WORK_EDUCATION, 6, {2, 2, 2, 3, 3, 4}},
	{P_METTE, DOM_FINANCES, 6, {3, 3, 3, 4, 4, 4}},
	{P_METTE, DOM_FAMILY, 6, {4, 5, 5, 6, 6, 7}},
	{P_METTE, DOM_SOCIAL_NETWORK, 6, {3, 4, 4, 5, 5, 6}},
	{P_METTE, DOM_MEANING, 6, {3, 4, 4, 5, 6, 6}},
	{P_METTE, DOM_PRACTICAL_LEGAL, 6, {5, 5, 5, 6, 6, 6}},
	{P_JAN, DOM_SUBSTANCE_USE, 5, {4, 5, 6, 6, 7}},
	{P_JAN, DOM_WORK_EDUCATION, 5, {3, 3, 4, 5, 6}},
	{P_JAN, DOM_SOCIAL_NETWORK, 5, {4, 4, 5, 5, 6}},
	{P_JAN, DOM_HOUSING, 5, {6, 6, 7, 7, 7}},
	{P_JAN, DOM_FINANCES, 5, {2, 3, 3, 4, 4}},
	{P_JAN, DOM_PHYSICAL_HEALTH, 5, {5, 6, 6, 7, 8}},
	{P_SAM, DOM_SOCIAL_NETWORK, 3, {3, 4, 5}},
	{P_SAM, DOM_MEANING, 3, {2, 3, 4}},
	{P_SOREN, DOM_FAMILY, 4, {2, 3, 3, 4}},
	{P_SOREN, DOM_HOUSING, 4, {3, 5, 7, 8}},
	{P_BRAM, DOM_FAMILY, 2, {3, 4}},
	{P_BRAM, DOM_SUBSTANCE_USE, 2, {2, 4}},
};
#define NPLAN_RATINGS (sizeof(plan_ratings) / sizeof(plan_ratings[0]))

static const struct {
	int person;
	const char *key;                 /* for the steps below */
	enum domain domain;
	const char *title, *why, *lang;
	enum item_status status;
	struct who by;
	int created_days_ago, reached_days_ago;
} plan_goals[] = {
	{P_METTE, "m-sober", DOM_SUBSTANCE_USE, "Et år uden alkohol",
	    "For min egen skyld, og for børnenes.", "da", ST_IN_PROGRESS, METTE, 150, 0},
	{P_METTE, "m-flat", DOM_HOUSING, "Min egen lejlighed",
	    "Så børnene kan sove hos mig.", "da", ST_IN_PROGRESS, METTE, 120, 0},
	{P_METTE, "m-kitchen", DOM_WORK_EDUCATION, "Tilbage i et køkken",
	    "Jeg er god til mit fag, og jeg savner det.", "da", ST_IN_PROGRESS, PETER, 60, 0},
	{P_METTE, "m-sleep", DOM_MENTAL_HEALTH, "Sove mindst syv timer om natten",
	    "Når jeg sover, kan jeg klare resten.", "da", ST_REACHED, METTE, 170, 95},
	{P_METTE, "m-birthday", DOM_FAMILY, "Holde min søns fødselsdag sammen med ham",
	    "Sidste år var jeg der ikke.", "da", ST_REACHED, METTE, 160, 130},
	{P_METTE, "m-run", DOM_PHYSICAL_HEALTH, "Løbe fem kilometer",
	    "Jeg vil mærke, at min krop er stærk.", "da", ST_NOT_STARTED, METTE, 30, 0},
	{P_METTE, "m-folk", DOM_MEANING, "Tage på højskole i Jylland",
	    "Ikke lige nu: jeg vil være tæt på børnene.", "da", ST_LET_GO, METTE, 140, 0},
	{P_JAN, "j-clean", DOM_SUBSTANCE_USE, "Een jaar clean",
	    "Voor mezelf, en voor Lotte.", "nl", ST_IN_PROGRESS, JAN, 140, 0},
	{P_JAN, "j-job", DOM_WORK_EDUCATION, "Een betaalde baan als fietsenmaker",
	    "Ik wil mijn eigen geld verdienen met iets wat ik goed kan.", "nl",
	    ST_IN_PROGRESS, JAN, 90, 0},
	{P_JAN, "j-volunteer", DOM_WORK_EDUCATION, "Vrijwilligerswerk vinden",
	    "Een reden om 's ochtends op te staan.", "nl", ST_REACHED, DAAN, 150, 100},
	{P_JAN, "j-bike", DOM_PHYSICAL_HEALTH, "Elke ochtend fietsen",
	    "Dan begint de dag goed.", "nl", ST_REACHED, JAN, 130, 60},
	{P_SAM, "s-group", DOM_SOCIAL_NETWORK, "Go to the peer group every Thursday",
	    "It's where I feel I belong.", "en", ST_IN_PROGRESS, SAM, 70, 0},
	{P_SOREN, "so-kids", DOM_FAMILY, "Samvær med mine børn",
	    "Jeg vil være en del af deres liv.", "da", ST_IN_PROGRESS, KARIN, 120, 0},
	{P_SOREN, "so-flat", DOM_HOUSING, "Flytte ind i egen lejlighed",
	    "Så der er plads til børnene.", "da", ST_REACHED, KARIN, 240, 180},
	{P_BRAM, "b-daughter", DOM_FAMILY, "Weer voor mijn dochter zorgen",
	    "Zij is alles voor mij.", "nl", ST_IN_PROGRESS, DAAN, 30, 0},
	{P_BRAM, "b-week", DOM_SUBSTANCE_USE, "Eerste week zonder gebruik",
	    "Om te laten zien dat het kan.", "nl", ST_REACHED, DAAN, 12, 2},
};
#define NPLAN_GOALS (sizeof(plan_goals) / sizeof(plan_goals[0]))

/* owner: NULL for the person, else the member's account; due in days from
 * today (negative: overdue; NO_DUE: none). */
static const struct {
	const char *goal, *title, *owner;
	int due;
	enum item_status status;
	struct who by;
	int created_days_ago;
} plan_steps[] = {
	{"m-sober", "Gå til AA-møde tirsdag og torsdag", NULL, NO_DUE, ST_IN_PROGRESS,
	    METTE, 150},
	{"m-sober", "Ringe til Jonas hver søndag aften", "jonas", NO_DUE, ST_IN_PROGRESS,
	    METTE, 150},
	{"m-flat", "Skrive Mette op til en toværelses lejlighed hos Havnely", "henrik", 10,
	    ST_IN_PROGRESS, HENRIK, 40},
	{"m-flat", "Søge boligstøtte, når jeg har fået en lejlighed", NULL, NO_DUE,
	    ST_NOT_STARTED, METTE, 40},
	{"m-kitchen", "Finde tre køkkener, der tager praktikanter", "peter", 3,
	    ST_IN_PROGRESS, PETER, 60},
	{"m-kitchen", "Undersøge, om kommunen betaler et hygiejnekursus", "karin", -4,
	    ST_NOT_STARTED, PETER, 60},
	{"m-kitchen", "Opdatere mit CV", NULL, -7, ST_REACHED, METTE, 55},
	{"m-sleep", "Ingen skærm efter klokken 22", NULL, NO_DUE, ST_REACHED, METTE, 170},
	{"m-run", "Købe løbesko", NULL, 21, ST_NOT_STARTED, METTE, 30},
	{"j-clean", "Elke woensdag naar de groep", NULL, NO_DUE, ST_IN_PROGRESS, JAN, 140},
	{"j-job", "Contact opnemen met de fietsenwerkplaats over een leerplek", "daan", 5,
	    ST_IN_PROGRESS, DAAN, 30},
	{"j-job", "Mijn cv maken", NULL, -10, ST_REACHED, JAN, 60},
	{"s-group", "Ask about the peer-worker training", "peter", 20, ST_NOT_STARTED, SAM,
	    20},
	{"so-kids", "Søge om samvær i Familieretshuset", "karin", 7, ST_IN_PROGRESS, KARIN,
	    60},
	{"so-kids", "Skrive et brev til børnene hver måned", NULL, NO_DUE, ST_IN_PROGRESS,
	    KARIN, 120},
	{"b-daughter", "Een gesprek met Jeugdzorg plannen", "daan", 4, ST_NOT_STARTED, DAAN,
	    20},
};
#define NPLAN_STEPS (sizeof(plan_steps) / sizeof(plan_steps[0]))

static const struct {
	int person;
	const char *helps, *people, *triggers, *signs, *lapse, *lang;
	struct who by;
	int days_ago;
} plan_relapse[] = {
	{P_METTE, "At gå en tur langs søerne. At ringe til Jonas. At lave mad til nogen.\n"
	    "Musik i høretelefonerne, når jeg handler.", "Jonas, min sponsor: altid, også om "
	    "natten.\nMor: når jeg har brug for at blive hentet.\nPeter på Nordlys: på "
	    "hverdage mellem 9 og 15.", "Fredag aften, når jeg er alene.\nNår jeg har "
	    "skændtes med børnenes far.\nLønningsdag, og fester hvor der bliver drukket.",
	    "Jeg holder op med at tage telefonen. Jeg springer møder over og siger, at jeg er "
	    "træt. Jeg sover dårligt flere nætter i træk.", "Lad være med at skælde ud: jeg "
	    "skammer mig i forvejen. Ring til mig dagen efter, og hjælp mig tilbage til et "
	    "møde. Sig det til Peter, så vi kan tale om det.", "da", METTE, 45},
	{P_JAN, "Fietsen, ook als het regent. Lotte bellen. Een maaltijd koken en op tijd "
	    "naar bed.", "Lotte, mijn zus: altijd.\nDaan bij De Brug: op werkdagen.",
	    "Oude vrienden uit de buurt tegenkomen. Geldzorgen. Verveling op zondagmiddag.",
	    "Ik fiets niet meer. Ik neem de telefoon niet op en ik lieg over kleine dingen.",
	    "Niet boos worden. Vraag me wat er gebeurd is en help me de volgende dag weer "
	    "naar de groep. Bel Daan.", "nl", JAN, 60},
	{P_SAM, "Writing it down. Walking to the harbour. The Thursday group.",
	    "Peter at Nordlys on weekdays.", "Being alone on Sunday evenings. Being called "
	    "by my old name.", "I stop writing. I stop eating properly.", "Don't call my "
	    "family. Ask me how I am, and remind me of the group.", "en", SAM, 30},
};
#define NPLAN_RELAPSE (sizeof(plan_relapse) / sizeof(plan_relapse[0]))

static const struct {
	int person;
	const char *name, *phone, *note;
} plan_contacts[] = {
	{P_METTE, "Jonas (sponsor)", "+45 22 33 44 55", "Altid, også om natten"},
	{P_METTE, "Mor", "+45 40 50 60 70", "Når jeg skal hentes"},
	{P_METTE, "Akut: 112", "112", "Hvis jeg eller andre er i fare"},
	{P_JAN, "Lotte (zus)", "+31 6 1234 5678", "Altijd"},
	{P_JAN, "Daan, De Brug", "+31 20 555 0101", "Op werkdagen, 9 tot 17 uur"},
	{P_JAN, "Alarmnummer", "112", "Bij direct gevaar"},
	{P_SAM, "Peter, Nordlys", "+45 33 12 34 56", "Weekdays"},
};
#define NPLAN_CONTACTS (sizeof(plan_contacts) / sizeof(plan_contacts[0]))

static const struct {
	int person;
	const char *goal, *body, *lang;
	struct who by;
	int days_ago;
} plan_comments[] = {
	{P_METTE, "m-flat", "Der bliver en toværelses ledig i Ryesgade til marts. Jeg har "
	    "sat dig på listen.", "da", HENRIK, 12},
	{P_METTE, "m-flat", "Tak! Den ligger tæt på skolen.", "da", METTE, 11},
	{P_JAN, "j-volunteer", "Goed gedaan, Jan!", "nl", DAAN, 99},
};
#define NPLAN_COMMENTS (sizeof(plan_comments) / sizeof(plan_comments[0]))

struct plans {
	int64_t now;
	struct people ids;               /* organisations and accounts */
	char person_ids[NPLANS][ID_LEN + 1];
	/* Each person's network: member id by account. */
	struct {
		const char *user_id;
		char id[ID_LEN + 1];
	} members[NPLANS][16];
	size_t nmembers[NPLANS];
	char goal_ids[NPLAN_GOALS][ID_LEN + 1];
};

static const char *
plan_member(struct plans *w, int person, const char *account)
{
	const char *uid = people_user(&w->ids, account);
	size_t i;

	for (i = 0; uid && i < w->nmembers[person]; i++)
		if (strcmp(w->members[person][i].user_id, uid) == 0)
			return w->members[person][i].id;
	return NULL;
}

static struct plan_author
plan_by(struct plans *w, struct who by, int64_t at)
{
	struct plan_author a = {people_user(&w->ids, by.user), people_org(&w->ids, by.org), at};

	return a;
}

static int
plan_goal_index(const char *key)
{
	size_t i;

	for (i = 0; i < NPLAN_GOALS; i++)
		if (strcmp(plan_goals[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* "YYYY-MM-DD", days from the day of now (UTC). */
static void
plan_date(int64_t now, int days, char out[16])
{
	time_t t = (time_t)(now / 1000000) + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static int
load_plans(struct store_tx *tx, void *arg)
{
	struct plans *w = arg;
	int64_t version[NPLANS][DOM_COUNT];
	struct audit_entry e = {0};
	size_t i;
	int k, rc = 0;

	memset(version, 0, sizeof(version));
	for (i = 0; i < NPLAN_DOMAINS && rc == 0; i++) {
		int p = plan_domains[i].person;
		enum domain dom = plan_domains[i].domain;
		struct plan_author by = plan_by(w, plan_domains[i].by,
		    w->now - plan_domains[i].days_ago * DAY_US);
		struct plan_domain d = {0};

		d.person_id = w->person_ids[p];
		d.domain = dom;
		d.now_text = plan_domains[i].now;
		d.strengths = plan_domains[i].strengths;
		d.hopes = plan_domains[i].hopes;
		d.matters_most = plan_domains[i].matters;
		d.text_lang = plan_domains[i].lang;
		rc = store_tx_plan_domain_save(tx, operator(d.person_id), &d, version[p][dom], &by);
		version[p][dom] = d.version;
	}
	for (i = 0; i < NPLAN_RATINGS && rc == 0; i++) {
		int n = plan_ratings[i].n;

		for (k = 0; k < n && rc == 0; k++) {
			int p = plan_ratings[i].person;
			/* Monthly, the newest five days ago; the person rates their own. */
			struct plan_author by = plan_by(w, plan_persons[p].account ?
			    (struct who){plan_persons[p].account, NULL} :
			    (struct who){plan_persons[p].coord, plan_persons[p].coord_org},
			    w->now - (int64_t)(5 + 30 * (n - 1 - k)) * DAY_US);

			rc = store_tx_plan_rating_add(tx, operator(w->person_ids[p]), w->person_ids[p],
			    plan_ratings[i].domain,
			    plan_ratings[i].r[k], &by);
		}
	}
	for (i = 0; i < NPLAN_GOALS && rc == 0; i++) {
		struct goal g = {0};
		struct plan_author by = plan_by(w, plan_goals[i].by,
		    w->now - plan_goals[i].created_days_ago * DAY_US);

		id_new(w->goal_ids[i]);
		g.person_id = w->person_ids[plan_goals[i].person];
		g.id = w->goal_ids[i];
		g.domain = plan_goals[i].domain;
		g.title = plan_goals[i].title;
		g.why = plan_goals[i].why;
		g.text_lang = plan_goals[i].lang;
		g.status = plan_goals[i].status == ST_REACHED ? ST_IN_PROGRESS :
		    plan_goals[i].status;
		rc = store_tx_goal_insert(tx, operator(g.person_id), &g, &by);
		/* Reached later, by the person (or whoever wrote it with them). */
		if (rc == 0 && plan_goals[i].status == ST_REACHED) {
			int64_t from = g.version;

			by.now = w->now - plan_goals[i].reached_days_ago * DAY_US;
			g.status = ST_REACHED;
			rc = store_tx_goal_update(tx, operator(g.person_id), &g, from, &by);
		}
	}
	for (i = 0; i < NPLAN_STEPS && rc == 0; i++) {
		int gi = plan_goal_index(plan_steps[i].goal);
		int p = gi >= 0 ? plan_goals[gi].person : 0;
		struct plan_author by = plan_by(w, plan_steps[i].by,
		    w->now - plan_steps[i].created_days_ago * DAY_US);
		struct step st = {0};
		char sid[ID_LEN + 1], due[16];

		if (gi < 0)
			return ERR_INVALID;
		id_new(sid);
		st.person_id = w->person_ids[p];
		st.id = sid;
		st.goal_id = w->goal_ids[gi];
		st.title = plan_steps[i].title;
		st.owner_kind = plan_steps[i].owner ? OWNER_MEMBER : OWNER_PERSON;
		st.owner_member_id = plan_steps[i].owner ?
		    plan_member(w, p, plan_steps[i].owner) : NULL;
		if (plan_steps[i].owner && st.owner_member_id == NULL)
			return ERR_NOT_FOUND;
		if (plan_steps[i].due != NO_DUE) {
			plan_date(w->now, plan_steps[i].due, due);
			st.due_date = due;
		}
		st.status = plan_steps[i].status;
		rc = store_tx_step_insert(tx, operator(st.person_id), &st, &by);
	}
	for (i = 0; i < NPLAN_RELAPSE && rc == 0; i++) {
		struct relapse_plan rp = {0};
		struct plan_author by = plan_by(w, plan_relapse[i].by,
		    w->now - plan_relapse[i].days_ago * DAY_US);

		rp.person_id = w->person_ids[plan_relapse[i].person];
		rp.what_helps = plan_relapse[i].helps;
		rp.people_to_call = plan_relapse[i].people;
		rp.triggers = plan_relapse[i].triggers;
		rp.warning_signs = plan_relapse[i].signs;
		rp.if_i_lapse = plan_relapse[i].lapse;
		rp.text_lang = plan_relapse[i].lang;
		rc = store_tx_relapse_plan_save(tx, operator(rp.person_id), &rp, 0, &by);
	}
	for (k = 0; k < NPLANS && rc == 0; k++) {
		struct crisis_contact list[CRISIS_CONTACTS_MAX];
		char cids[CRISIS_CONTACTS_MAX][ID_LEN + 1];
		struct plan_author by = {0};
		size_t n = 0;

		for (i = 0; i < NPLAN_CONTACTS && n < CRISIS_CONTACTS_MAX; i++) {
			if (plan_contacts[i].person != k)
				continue;
			id_new(cids[n]);
			list[n] = (struct crisis_contact){w->person_ids[k], cids[n],
			    plan_contacts[i].name, plan_contacts[i].phone, plan_contacts[i].note,
			    (int)n};
			n++;
		}
		if (n == 0)
			continue;
		by = plan_by(w, (struct who){plan_persons[k].account, NULL},
		    w->now - 44 * DAY_US);
		rc = store_tx_crisis_contacts_set(tx, operator(w->person_ids[k]), w->person_ids[k],
		    list, n, &by);
	}
	for (i = 0; i < NPLAN_COMMENTS && rc == 0; i++) {
		int gi = plan_goal_index(plan_comments[i].goal);
		struct plan_comment c = {0};
		char cid[ID_LEN + 1];

		if (gi < 0)
			return ERR_INVALID;
		id_new(cid);
		c.person_id = w->person_ids[plan_comments[i].person];
		c.id = cid;
		c.item_kind = "goal";
		c.item_id = w->goal_ids[gi];
		c.body = plan_comments[i].body;
		c.body_lang = plan_comments[i].lang;
		c.author_id = people_user(&w->ids, plan_comments[i].by.user);
		c.author_org_id = people_org(&w->ids, plan_comments[i].by.org);
		c.created_us = w->now - plan_comments[i].days_ago * DAY_US;
		rc = store_tx_plan_comment_insert(tx, operator(c.person_id), &c);
	}
	if (rc == 0) {
		e.at_us = w->now;
		e.action = "demo.load";
		e.client_addr = "cli";
		e.detail = "recovery plans";
		rc = store_tx_audit_append(tx, &e);
	}
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_plans", "1");
	return rc;
}

/* The persons with a demo plan, and their networks. */
/* The id of the person called name in user's caseload (for org), into
 * *out (a static copy). */
static int
caseload_person(struct store *s, struct people *ids, const char *user, const char *org,
    const char *name, const char **out)
{
	static char found[ID_LEN + 1];
	struct arena a = ARENA_INIT;
	struct caseload_item *items;
	char today[16];
	size_t n = 0, k;
	bool more;
	int rc;

	*out = NULL;
	plan_date(clock_now_us(), 0, today);
	rc = store_caseload(s, &a, door_command_line_lists(&a, people_user(ids, user),
	    people_org(ids, org)), today, person_name_key(&a, name), NULL, NULL, 5, &items, &n,
	    &more);
	for (k = 0; rc == 0 && k < n; k++)
		if (strcmp(items[k].p.display_name, name) == 0) {
			snprintf(found, sizeof(found), "%s", items[k].p.id);
			*out = found;
		}
	if (rc == 0 && *out == NULL)
		rc = ERR_NOT_FOUND;
	store_request_end(s);
	arena_free(&a);
	return rc;
}

static int
find_plan_ids(struct store *s, struct plans *w)
{
	struct arena a = ARENA_INIT;
	char today[16];
	size_t i, k, u;
	int rc = 0;

	plan_date(w->now, 0, today);
	for (i = 0; i < NPLANS && rc == 0; i++) {
		struct network_member *net;
		size_t nnet = 0;
		const char *pid = NULL;

		if (plan_persons[i].account != NULL) {
			struct person p;

			rc = store_person_by_user(s, &a, people_user(&w->ids,
			    plan_persons[i].account), &p);
			pid = rc == 0 ? p.id : NULL;
		} else {
			struct caseload_item *items;
			size_t n = 0;
			bool more;

			rc = store_caseload(s, &a, door_command_line_lists(&a,
			    people_user(&w->ids, plan_persons[i].coord),
			    people_org(&w->ids, plan_persons[i].coord_org)), today,
			    person_name_key(&a, plan_persons[i].name), NULL, NULL, 5, &items, &n, &more);
			for (k = 0; rc == 0 && k < n; k++)
				if (strcmp(items[k].p.display_name, plan_persons[i].name) == 0)
					pid = items[k].p.id;
			if (rc == 0 && pid == NULL)
				rc = ERR_NOT_FOUND;
		}
		if (rc != 0)
			break;
		snprintf(w->person_ids[i], sizeof(w->person_ids[i]), "%s", pid);
		if ((rc = store_network(s, &a, door_command_line(&a, pid), &net, &nnet)) != 0)
			break;
		w->nmembers[i] = 0;
		for (k = 0; k < nnet && w->nmembers[i] < 16; k++) {
			if (net[k].user_id == NULL ||
			    (net[k].until_date != NULL && strcmp(net[k].until_date, today) < 0))
				continue;
			/* The user ids point into people's table, which outlives a. */
			w->members[i][w->nmembers[i]].user_id = NULL;
			for (u = 0; u < NUSERS; u++)
				if (strcmp(w->ids.user_ids[u], net[k].user_id) == 0)
					w->members[i][w->nmembers[i]].user_id = w->ids.user_ids[u];
			if (w->members[i][w->nmembers[i]].user_id == NULL)
				continue;
			snprintf(w->members[i][w->nmembers[i]].id, ID_LEN + 1, "%s", net[k].id);
			w->nmembers[i]++;
		}
	}
	store_request_end(s);
	arena_free(&a);
	return rc;
}

static void
print_logins(struct store *s, const char *base_url)
{
	struct arena a = ARENA_INIT;
	struct membership *ms;
	struct user u;
	size_t i, n, k;
	char key[USERNAME_MAX + 1];

	printf(_("Demo sign-ins at %s/signin (password for all: %s)\n"),
	    base_url, DEMO_PASSWORD);
	printf("  %-8s %s\n", "admin", _("system administrator"));
	for (i = 0; i < NUSERS; i++) {
		username_key(users[i].username, key);
		if (store_user_by_username(s, &a, key, &u) != 0)
			continue;
		printf("  %-8s %s", u.username, u.display_name);
		if (store_memberships_of_user(s, &a, u.id, &ms, &n) == 0 && n > 0) {
			for (k = 0; k < n; k++)
				printf("%s%s, %s", k ? "; " : " — ", role_label(ms[k].role),
				    ms[k].org_name);
		} else {
			printf(" — %s", user_kind_label(u.kind));
		}
		putchar('\n');
	}
	store_request_end(s);
	arena_free(&a);
}

const char *
demo_org_by_name(const struct demo_org_ids *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (strcmp(o->name[i], name) == 0)
			return o->id[i];
	return NULL;
}

int
cmd_demo(int argc, char **argv)
{
	struct config cfg;
	struct store *s;
	struct arena a = ARENA_INIT;
	struct world w;
	char hash[PASSWORD_HASH_MAX];
	const char *have;
	int i, rc;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			fputs(_("Usage: rosc demo [--db URL]\n"
			    "Loads the demo world into the database (once) and prints "
			    "the demo sign-ins.\n"), stdout);
			return 0;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0) {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			return 2;
		}
	}
	s = cmd_open_store(cfg.db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	rc = store_meta_get(s, &a, "demo_accounts", &have);
	store_request_end(s);
	if (rc == ERR_NOT_FOUND) {
		/* One hash for every demo account: loading stays quick. */
		rc = password_hash(DEMO_PASSWORD, hash);
		w.hash = hash;
		w.now = clock_now_us();
		if (rc == 0)
			rc = store_write(s, load, &w);
	}
	if (rc == 0) {
		rc = store_meta_get(s, &a, "demo_persons", &have);
		store_request_end(s);
		if (rc == ERR_NOT_FOUND) {
			static struct people people;

			memset(&people, 0, sizeof(people));
			people.now = clock_now_us();
			rc = find_ids(s, &people);
			if (rc == 0)
				rc = store_write(s, load_people, &people);
		}
	}
	if (rc == 0) {
		rc = store_meta_get(s, &a, "demo_plans", &have);
		store_request_end(s);
		if (rc == ERR_NOT_FOUND) {
			static struct plans plans;

			memset(&plans, 0, sizeof(plans));
			plans.now = clock_now_us();
			rc = find_ids(s, &plans.ids);
			if (rc == 0)
				rc = find_plan_ids(s, &plans);
			if (rc == 0)
				rc = store_write(s, load_plans, &plans);
		}
	}
	if (rc == 0) {
		static struct people ids;
		struct demo_org_ids o = {0};
		size_t k;

		memset(&ids, 0, sizeof(ids));
		rc = find_ids(s, &ids);
		for (k = 0; rc == 0 && k < NORGS && k < DEMO_ORGS_MAX; k++) {
			o.name[k] = orgs[k].name;
			o.id[k] = ids.org_ids[k];
			o.n = k + 1;
		}
		if (rc == 0)
			rc = demo_directory(s, &o, clock_now_us());
		if (rc == 0) {
			static struct plans plans;
			const char *pids[DEMO_PERSONS], *mads = NULL;
			/* Mette and the others in Copenhagen, Jan and Bram in Amsterdam. */
			const char *zones[DEMO_PERSONS] = {"Europe/Copenhagen", "Europe/Amsterdam",
			    "Europe/Copenhagen", "Europe/Copenhagen", "Europe/Amsterdam"};

			memset(&plans, 0, sizeof(plans));
			plans.now = clock_now_us();
			plans.ids = ids;
			rc = find_plan_ids(s, &plans);
			for (k = 0; k < DEMO_PERSONS; k++)
				pids[k] = plans.person_ids[k];
			if (rc == 0)
				rc = demo_referrals(s, &o, pids, clock_now_us());
			if (rc == 0)
				rc = demo_appointments(s, &o, pids, zones, clock_now_us());
			if (rc == 0)
				rc = demo_pathways(s, &o, pids, zones, clock_now_us());
			if (rc == 0)
				rc = demo_checkins(s, pids, zones, clock_now_us());
			if (rc == 0)
				rc = demo_questionnaires(s, pids, zones, clock_now_us());
			if (rc == 0 && (rc = caseload_person(s, &ids, "karin", "osterbro",
			    "Mads Krogh", &mads)) == 0)
				rc = demo_checkups(s, mads, pids[DEMO_BRAM], clock_now_us());
			if (rc == 0)
				rc = demo_meetings(s, pids[DEMO_METTE], clock_now_us());
			if (rc == 0)
				rc = demo_messages(s, pids, clock_now_us());
			if (rc == 0)
				rc = demo_peers(s, &o, pids[DEMO_METTE], clock_now_us());
			if (rc == 0)
				rc = demo_groups(s, &o, pids[DEMO_METTE], clock_now_us());
			if (rc == 0)
				rc = demo_outcomes(s, &o, clock_now_us());
		}
	}
	if (rc == 0)
		print_logins(s, cfg.base_url);
	else
		fprintf(stderr, _("rosc demo: failed (%s).\n"), err_str(rc));
	arena_free(&a);
	store_close(s);
	return rc == 0 ? 0 : 1;
}
