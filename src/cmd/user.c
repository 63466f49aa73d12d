/* rosc user add|list|disable|reset-second-factor: accounts from the command
 * line. */
#include "cmd/accounts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/secret.h"
#include "cmd/commands.h"
#include "core/actor.h"
#include "core/password.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "store/second_factor.h"
#include "store/store.h"

static char *
prompt(struct arena *a, const char *question)
{
	struct termios old, quiet;
	char line[PASSWORD_MAX + 2];
	size_t n;

	fputs(question, stderr);
	fflush(stderr);
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	if (fgets(line, sizeof(line), stdin) == NULL)
		line[0] = '\0';
	tcsetattr(STDIN_FILENO, TCSANOW, &old);
	fputc('\n', stderr);
	n = strcspn(line, "\r\n");
	line[n] = '\0';
	return arena_strdup(a, line);
}

const char *
cli_password(struct arena *a, const char *env, const char *username)
{
	const char *pw = getenv(env), *code;
	char *again;

	if (pw == NULL || *pw == '\0') {
		if (!isatty(STDIN_FILENO)) {
			fprintf(stderr, _("rosc: no password given. Set %s, or run this in a "
			    "terminal to be asked for one.\n"), env);
			return NULL;
		}
		pw = prompt(a, _("Password (at least 10 characters): "));
		again = prompt(a, _("The same password again: "));
		if (strcmp(pw, again) != 0) {
			fputs(_("rosc: the two passwords are not the same.\n"), stderr);
			return NULL;
		}
	}
	if ((code = password_check(pw, username)) != NULL) {
		if (strcmp(code, "too_short") == 0 || strcmp(code, "required") == 0)
			fputs(_("rosc: the password must have at least 10 characters.\n"), stderr);
		else if (strcmp(code, "common") == 0)
			fputs(_("rosc: that password is too common or too easy to guess.\n"), stderr);
		else
			fputs(_("rosc: that password cannot be used.\n"), stderr);
		return NULL;
	}
	return pw;
}

struct create {
	struct user *u;
	const char *org_id;
	enum role role;
	char *invite;
};

static int
write_create(struct store_tx *tx, void *arg)
{
	struct create *c = arg;
	struct audit_entry e = {0};
	char key[USERNAME_MAX + 1], target[64], hash[SECRET_HASH_LEN + 1];
	int rc;

	username_key(c->u->username, key);
	if ((rc = store_tx_user_insert(tx, c->u, key)) != 0)
		return rc;
	if (c->org_id != NULL &&
	    (rc = store_tx_membership_set(tx, c->u->id, c->org_id, c->role, c->u->created_us)) != 0)
		return rc;
	if (c->invite != NULL) {
		struct invitation_row inv = {0};

		secret_new(c->invite);
		secret_hash(c->invite, hash);
		inv.token_hash = hash;
		inv.user_id = c->u->id;
		inv.purpose = "join";
		inv.created_us = c->u->created_us;
		inv.expires_us = c->u->created_us + INVITATION_US;
		if ((rc = store_tx_invitation_insert(tx, &inv)) != 0)
			return rc;
	}
	snprintf(target, sizeof(target), "user:%s", c->u->id);
	e.at_us = c->u->created_us;
	e.action = "user.create";
	e.target = target;
	e.client_addr = "cli";
	e.detail = c->u->sysadmin ? "sysadmin" : NULL;
	return store_tx_audit_append(tx, &e);
}

int
cli_user_create(struct store *s, struct user *u, const char *hash, const char *org_id,
    enum role role, char *invite_token)
{
	struct create c = {u, org_id, role, hash ? NULL : invite_token};

	u->password_hash = hash;
	u->created_us = clock_now_us();
	return store_write(s, write_create, &c);
}

int
cli_find_org(struct store *s, struct arena *a, const char *id_or_name,
    struct organisation *out)
{
	struct organisation *all;
	size_t n, i;
	int rc;

	if (store_org_get(s, a, id_or_name, out) == 0)
		return 0;
	if ((rc = store_org_list(s, a, &all, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (strcmp(all[i].name, id_or_name) == 0) {
			*out = all[i];
			return 0;
		}
	}
	return ERR_NOT_FOUND;
}

static const char usage[] = N_("Usage: rosc user add|list|disable|reset-second-factor [OPTIONS]\n"
    "  rosc user add --name NAME --display \"FULL NAME\" [--kind staff|person|family]\n"
    "                [--org ORGANISATION --role ROLE] [--sysadmin] [--invite]\n"
    "      Creates an account. The password comes from ROSC_USER_PASSWORD, or a\n"
    "      prompt in a terminal; with --invite (or neither) a one-time link to\n"
    "      set it is printed instead. ROLE: org_admin, coordinator, professional,\n"
    "      peer_worker, volunteer.\n"
    "  rosc user list\n"
    "      Lists every account.\n"
    "  rosc user disable NAME\n"
    "      Disables an account and ends its sessions.\n"
    "  rosc user reset-second-factor NAME\n"
    "      Turns off an account's second factor (a lost phone, and no one else\n"
    "      to reset it) and ends its sessions.\n"
    "Every command also takes --db URL.\n");

static int
user_add(struct store *s, const struct config *cfg, int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct user u = {0};
	char id[ID_LEN + 1];
	struct organisation org;
	const char *org_name = NULL, *role_s = NULL, *kind_s = "staff", *code, *pw = NULL;
	char hash[PASSWORD_HASH_MAX], invite[SECRET_LEN + 1] = "";
	enum role role = ROLE_NONE;
	int i, want_invite = 0, rc = 1;

	for (i = 0; i < argc; i++) {
		const char **slot = NULL;

		if (strcmp(argv[i], "--name") == 0)
			slot = &u.username;
		else if (strcmp(argv[i], "--display") == 0)
			slot = &u.display_name;
		else if (strcmp(argv[i], "--kind") == 0)
			slot = &kind_s;
		else if (strcmp(argv[i], "--org") == 0)
			slot = &org_name;
		else if (strcmp(argv[i], "--role") == 0)
			slot = &role_s;
		else if (strcmp(argv[i], "--sysadmin") == 0)
			u.sysadmin = true;
		else if (strcmp(argv[i], "--invite") == 0)
			want_invite = 1;
		else {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			return 2;
		}
		if (slot != NULL) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("rosc: %s needs a value\n"), argv[i]);
				return 2;
			}
			*slot = argv[++i];
		}
	}
	id_new(id);
	u.id = id;
	if ((code = check_username(u.username)) != NULL) {
		fprintf(stderr, _("rosc: --name wants 3 to 64 letters, digits or . _ - @\n"));
		return 2;
	}
	if (u.display_name == NULL)
		u.display_name = u.username;
	if (check_name(u.display_name, NAME_MAX_CHARS) != NULL) {
		fprintf(stderr, _("rosc: --display wants a name of at most 120 characters\n"));
		return 2;
	}
	if (!user_kind_parse(kind_s, &u.kind)) {
		fprintf(stderr, _("rosc: --kind wants staff, person or family\n"));
		return 2;
	}
	if ((org_name == NULL) != (role_s == NULL) || (role_s && !role_parse(role_s, &role))) {
		fprintf(stderr, _("rosc: --org and --role go together; ROLE is one of org_admin, "
		    "coordinator, professional, peer_worker, volunteer\n"));
		return 2;
	}
	if (org_name != NULL && cli_find_org(s, &a, org_name, &org) != 0) {
		fprintf(stderr, _("rosc: there is no organisation %s\n"), org_name);
		goto out;
	}
	if (!want_invite && (getenv("ROSC_USER_PASSWORD") || isatty(STDIN_FILENO))) {
		pw = cli_password(&a, "ROSC_USER_PASSWORD", u.username);
		if (pw == NULL)
			goto out;
		if (password_hash(pw, hash) != 0)
			goto out;
	}
	rc = cli_user_create(s, &u, pw ? hash : NULL, org_name ? org.id : NULL, role, invite);
	if (rc == ERR_CONFLICT) {
		fprintf(stderr, _("rosc: the user name %s is already taken\n"), u.username);
		rc = 1;
		goto out;
	}
	if (rc != 0) {
		fprintf(stderr, _("rosc user add: failed (%s).\n"), err_str(rc));
		rc = 1;
		goto out;
	}
	printf(_("Created %s.\n"), u.username);
	if (pw == NULL)
		printf(_("They set their password with this link (valid for 7 days, once):\n"
		    "%s/invite/%s\n"), cfg->base_url, invite);
	rc = 0;
out:
	arena_free(&a);
	return rc;
}

static int
user_list(struct store *s)
{
	struct arena a = ARENA_INIT;
	struct user *us;
	const char *after = "";
	size_t n, i, k;

	printf("%-24s %-28s %-8s %s\n", _("NAME"), _("FULL NAME"), _("KIND"),
	    _("ORGANISATIONS"));
	do {
		if (store_user_list(s, &a, NULL, after, 100, &us, &n) != 0) {
			arena_free(&a);
			return 1;
		}
		for (i = 0; i < n; i++) {
			struct membership *ms;
			size_t nm = 0;
			char key[USERNAME_MAX + 1];

			store_memberships_of_user(s, &a, us[i].id, &ms, &nm);
			printf("%-24s %-28s %-8s", us[i].username, us[i].display_name,
			    user_kind_code(us[i].kind));
			for (k = 0; k < nm; k++)
				printf("%s%s (%s)", k ? ", " : " ", ms[k].org_name, role_code(ms[k].role));
			if (us[i].sysadmin)
				printf(" [sysadmin]");
			if (us[i].disabled_us)
				printf(" [%s]", _("disabled"));
			putchar('\n');
			username_key(us[i].username, key);
			after = arena_strdup(&a, key);
		}
		store_request_end(s);
	} while (n == 100);
	arena_free(&a);
	return 0;
}

struct disable {
	const char *user_id;
	int64_t now;
	char target[64];
};

static int
write_disable(struct store_tx *tx, void *arg)
{
	struct disable *d = arg;
	struct audit_entry e = {0};
	int rc;

	if ((rc = store_tx_user_set_disabled(tx, d->user_id, d->now)) != 0)
		return rc;
	if ((rc = store_tx_sessions_delete_user(tx, d->user_id, NULL)) != 0)
		return rc;
	e.at_us = d->now;
	e.action = "user.disable";
	e.target = d->target;
	e.client_addr = "cli";
	return store_tx_audit_append(tx, &e);
}

static int
user_disable(struct store *s, int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct user u;
	struct disable d;
	char key[USERNAME_MAX + 1];
	int rc;

	if (argc != 1 || check_username(argv[0]) != NULL) {
		fputs(_(usage), stderr);
		return 2;
	}
	username_key(argv[0], key);
	if (store_user_by_username(s, &a, key, &u) != 0) {
		fprintf(stderr, _("rosc: there is no user %s\n"), argv[0]);
		arena_free(&a);
		return 1;
	}
	d.user_id = u.id;
	d.now = clock_now_us();
	snprintf(d.target, sizeof(d.target), "user:%s", u.id);
	rc = store_write(s, write_disable, &d);
	if (rc == 0)
		printf(_("Disabled %s and ended their sessions.\n"), u.username);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}

static int
write_factor_reset(struct store_tx *tx, void *arg)
{
	struct disable *d = arg;
	struct audit_entry e = {0};
	int rc;

	if ((rc = store_tx_second_factor_delete(tx, d->user_id)) != 0)
		return rc;
	if ((rc = store_tx_sessions_delete_user(tx, d->user_id, NULL)) != 0)
		return rc;
	e.at_us = d->now;
	e.action = "second_factor.reset";
	e.target = d->target;
	e.client_addr = "cli";
	return store_tx_audit_append(tx, &e);
}

static int
user_factor_reset(struct store *s, int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct user u;
	struct disable d;
	char key[USERNAME_MAX + 1];
	bool on = false;
	int rc;

	if (argc != 1 || check_username(argv[0]) != NULL) {
		fputs(_(usage), stderr);
		return 2;
	}
	username_key(argv[0], key);
	if (store_user_by_username(s, &a, key, &u) != 0) {
		fprintf(stderr, _("rosc: there is no user %s\n"), argv[0]);
		arena_free(&a);
		return 1;
	}
	if (store_second_factor_on(s, u.id, &on) != 0 || !on) {
		fprintf(stderr, _("rosc: %s has no second factor\n"), u.username);
		arena_free(&a);
		return 1;
	}
	d.user_id = u.id;
	d.now = clock_now_us();
	snprintf(d.target, sizeof(d.target), "user:%s", u.id);
	rc = store_write(s, write_factor_reset, &d);
	if (rc == 0)
		printf(_("Turned off the second factor of %s and ended their sessions.\n"),
		    u.username);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}

int
cmd_user(int argc, char **argv)
{
	struct config cfg;
	struct store *s;
	char *rest[32];
	int i, n = 0, rc;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			fputs(_(usage), stdout);
			return 0;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0 && n < 32)
			rest[n++] = argv[i];
	}
	if (n == 0) {
		fputs(_(usage), stderr);
		return 2;
	}
	s = cmd_open_store(cfg.db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	if (strcmp(rest[0], "add") == 0)
		rc = user_add(s, &cfg, n - 1, rest + 1);
	else if (strcmp(rest[0], "list") == 0 && n == 1)
		rc = user_list(s);
	else if (strcmp(rest[0], "disable") == 0)
		rc = user_disable(s, n - 1, rest + 1);
	else if (strcmp(rest[0], "reset-second-factor") == 0)
		rc = user_factor_reset(s, n - 1, rest + 1);
	else {
		fputs(_(usage), stderr);
		rc = 2;
	}
	store_close(s);
	return rc;
}
