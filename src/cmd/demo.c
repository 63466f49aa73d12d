/* rosc demo: loads the demo world into an initialised database, once, and
 * prints the demo sign-ins. It grows with each feature; a second run
 * changes nothing. Every demo account shares one password, hashed once. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "cmd/commands.h"
#include "core/account.h"
#include "core/password.h"
#include "core/person.h"
#include "store/accounts.h"
#include "store/persons.h"
#include "store/audit.h"
#include "store/store.h"

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
};
#define NORGS (sizeof(orgs) / sizeof(orgs[0]))

static const struct {
	const char *username, *name, *lang;
	enum user_kind kind;
	const char *org1;
	enum role role1;
	const char *org2;
	enum role role2;
} users[] = {
	{"anne", "Anne Holm", "da", USER_STAFF, "nordlys", ROLE_ORG_ADMIN, NULL, ROLE_NONE},
	{"peter", "Peter Sørensen", "da", USER_STAFF, "nordlys", ROLE_PROFESSIONAL, NULL, ROLE_NONE},
	{"karin", "Karin Madsen", NULL, USER_STAFF, "osterbro", ROLE_COORDINATOR,
	    "nordlys", ROLE_PROFESSIONAL},
	{"sofie", "Sofie Jensen", "da", USER_STAFF, "osterbro", ROLE_ORG_ADMIN, NULL, ROLE_NONE},
	{"henrik", "Henrik Lund", NULL, USER_STAFF, "havnely", ROLE_PROFESSIONAL, NULL, ROLE_NONE},
	{"mia", "Mia Nielsen", NULL, USER_STAFF, "jobcenter", ROLE_PROFESSIONAL, NULL, ROLE_NONE},
	{"lars", "Lars Bech", NULL, USER_STAFF, "laegehus", ROLE_PROFESSIONAL, NULL, ROLE_NONE},
	{"jonas", "Jonas Kristensen", NULL, USER_STAFF, "broen", ROLE_PEER_WORKER, NULL, ROLE_NONE},
	{"else", "Else Mortensen", "da", USER_STAFF, "folgeskab", ROLE_VOLUNTEER, NULL, ROLE_NONE},
	{"fleur", "Fleur Bakker", "nl", USER_STAFF, "debrug", ROLE_ORG_ADMIN, NULL, ROLE_NONE},
	{"daan", "Daan de Vries", "nl", USER_STAFF, "debrug", ROLE_COORDINATOR, NULL, ROLE_NONE},
	{"mette", "Mette Larsen", "da", USER_PERSON, NULL, ROLE_NONE, NULL, ROLE_NONE},
	{"jan", "Jan Visser", "nl", USER_PERSON, NULL, ROLE_NONE, NULL, ROLE_NONE},
	{"sam", "Sam", NULL, USER_PERSON, NULL, ROLE_NONE, NULL, ROLE_NONE},
	{"birgit", "Birgit Larsen", "da", USER_FAMILY, NULL, ROLE_NONE, NULL, ROLE_NONE},
};
#define NUSERS (sizeof(users) / sizeof(users[0]))

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
	{"Sam", NULL, "they", NULL, NULL, NULL, "nordlys", "Europe/Copenhagen",
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
	{0, NULL, NULL, "Lone (neighbour)", "+45 28 28 28 28", NET_SUPPORTER, "2025-12-01", NULL},
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
	{0, "havnely", NULL, CAT_BASIC, true, NULL, "Min bolig"},
	{0, "havnely", NULL, CAT_PLAN, true, NULL, "Min bolig"},
	{0, NULL, "jonas", CAT_BASIC, true, NULL, NULL},
	{0, NULL, "birgit", CAT_BASIC, true, NULL, NULL},
	{0, NULL, "birgit", CAT_PLAN, true, NULL, NULL},
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
		rc = store_tx_member_insert(tx, &m, w->now, NULL);
	}
	for (i = 0; i < NCONSENTS && rc == 0; i++) {
		struct consent c = {0};
		const char *person = w->person_ids[consents[i].person];

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
		c.granted = true;
		rc = store_tx_consent_set(tx, &c, w->now - INT64_C(40) * 86400 * 1000000,
		    people_user(w, persons[consents[i].person].account));
		if (rc == 0 && !consents[i].granted) {
			c.granted = false;
			rc = store_tx_consent_set(tx, &c, w->now - INT64_C(9) * 86400 * 1000000,
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
		rc = store_tx_note_insert(tx, &n);
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

static void
print_logins(struct store *s)
{
	struct arena a = ARENA_INIT;
	struct membership *ms;
	struct user u;
	size_t i, n, k;
	char key[USERNAME_MAX + 1];

	printf(_("Demo sign-ins at http://127.0.0.1:8080/signin (password for all: %s)\n"),
	    DEMO_PASSWORD);
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
	if (rc == 0)
		print_logins(s);
	else
		fprintf(stderr, _("rosc demo: failed (%s).\n"), err_str(rc));
	arena_free(&a);
	store_close(s);
	return rc == 0 ? 0 : 1;
}
