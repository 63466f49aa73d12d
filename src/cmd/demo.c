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
#include "store/accounts.h"
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
	if (rc == 0)
		print_logins(s);
	else
		fprintf(stderr, _("rosc demo: failed (%s).\n"), err_str(rc));
	arena_free(&a);
	store_close(s);
	return rc == 0 ? 0 : 1;
}
