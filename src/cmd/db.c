/* rosc init, migrate, backup and restore: the database's life outside
 * of serving. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "cmd/accounts.h"
#include "cmd/commands.h"
#include "core/password.h"
#include "store/accounts.h"
#include "store/access_chain.h"
#include "store/audit.h"
#include "store/store.h"

int
cmd_is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

struct store *
cmd_open_store(const char *url, int mode)
{
	struct store *s;
	int rc = store_open(url, (enum store_mode)mode, &s);

	switch (rc) {
	case 0:
		return s;
	case ERR_NOT_FOUND:
		fprintf(stderr, _("rosc: there is no database at %s.\n"
		    "Create one with: rosc init --db %s\n"), url, url);
		break;
	case ERR_PENDING:
		fprintf(stderr, _("rosc: the database at %s needs updating first.\n"
		    "Run: rosc migrate --db %s\n"), url, url);
		break;
	case ERR_INVALID:
		fprintf(stderr, _("rosc: cannot use the database address %s "
		    "(expected sqlite:PATH or postgres://...).\n"), url);
		break;
	default:
		fprintf(stderr, _("rosc: cannot open the database at %s (%s).\n"), url,
		    err_str(rc));
		break;
	}
	return NULL;
}

/* Parses the common options; extra is the count of positional arguments
 * wanted (put into pos), force is set by --force when allowed. */
static int
parse(int argc, char **argv, struct config *cfg, const char *help,
    int npos, const char **pos, int *force)
{
	int i, got = 0, rc;

	if (config_init(cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			fputs(help, stdout);
			return 0;
		}
		if (force != NULL && strcmp(argv[i], "--force") == 0) {
			*force = 1;
			continue;
		}
		rc = config_option(cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 1)
			continue;
		if (argv[i][0] == '-' || got == npos) {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			fputs(help, stderr);
			return 2;
		}
		pos[got++] = argv[i];
	}
	if (got < npos) {
		fputs(help, stderr);
		return 2;
	}
	return -1;
}

static int
set_identity(struct store_tx *tx, void *arg)
{
	char id[ID_LEN + 1], now[28];
	int rc;

	id_new(id);
	clock_format_instant(clock_now_us(), now);
	/* Only the first init sets these: a later one must not change them. */
	if ((rc = store_tx_meta_set(tx, "instance_id", id)) != 0)
		return rc;
	return store_tx_meta_set(tx, "created", now);
}

/* The first system admin, when there is none. */
static int
first_admin(struct store *s, struct arena *a, const char *name)
{
	struct user u = {0};
	char id[ID_LEN + 1], hash[PASSWORD_HASH_MAX];
	const char *pw;
	int64_t n;
	int rc;

	if ((rc = store_sysadmin_count(s, &n)) != 0 || n > 0)
		return rc;
	if (check_username(name) != NULL) {
		fprintf(stderr, _("rosc: --admin wants 3 to 64 letters, digits or . _ - @\n"));
		return ERR_INVALID;
	}
	pw = cli_password(a, "ROSC_ADMIN_PASSWORD", name);
	if (pw == NULL)
		return ERR_INVALID;
	if (password_hash(pw, hash) != 0)
		return ERR_NOMEM;
	id_new(id);
	u.id = id;
	u.username = name;
	u.display_name = _("Administrator");
	u.kind = USER_STAFF;
	u.sysadmin = true;
	rc = cli_user_create(s, &u, hash, NULL, ROLE_NONE, NULL);
	if (rc == ERR_CONFLICT)
		fprintf(stderr, _("rosc: the user name %s is already taken\n"), name);
	else if (rc == 0)
		printf(_("Created the system administrator %s.\n"), name);
	return rc;
}

int
cmd_init(int argc, char **argv)
{
	struct config cfg;
	struct store *s;
	struct arena a = ARENA_INIT;
	const char *have, *admin = "admin";
	char *args[64];
	int rc, applied, i, n = 0;

	/* --admin NAME is init's own; the rest are the common options. */
	for (i = 0; i < argc && n < 63; i++) {
		if (strcmp(argv[i], "--admin") == 0 && i + 1 < argc)
			admin = argv[++i];
		else if (strncmp(argv[i], "--admin=", 8) == 0)
			admin = argv[i] + 8;
		else
			args[n++] = argv[i];
	}
	args[n] = NULL;
	rc = parse(n, args, &cfg, _("Usage: rosc init [--db URL] [--admin NAME]\n"
	    "Creates the database (if missing) and brings it up to date. The first time,\n"
	    "it also creates the system administrator NAME (default: admin), whose\n"
	    "password comes from ROSC_ADMIN_PASSWORD or, in a terminal, a prompt.\n"),
	    0, NULL, NULL);
	if (rc >= 0)
		return rc;
	s = cmd_open_store(cfg.db_url, STORE_CREATE);
	if (s == NULL)
		return 1;
	rc = store_migrate(s, &applied);
	if (rc == 0 && store_meta_get(s, &a, "instance_id", &have) == ERR_NOT_FOUND)
		rc = store_write(s, set_identity, NULL);
	if (rc == 0)
		rc = first_admin(s, &a, admin);
	if (rc == 0)
		rc = cmd_ship_pathways(s);
	if (rc == 0)
		rc = cmd_ship_questionnaires(s);
	if (rc == 0)
		rc = cmd_ship_warning_rules(s);
	if (rc == 0)
		printf(ngettext("The database at %s is ready (%d update applied).\n",
		    "The database at %s is ready (%d updates applied).\n",
		    (unsigned long)applied), cfg.db_url, applied);
	else if (rc != ERR_INVALID)
		fprintf(stderr, _("rosc init: failed (%s).\n"), err_str(rc));
	arena_free(&a);
	store_close(s);
	return rc == 0 ? 0 : 1;
}

int
cmd_migrate(int argc, char **argv)
{
	struct config cfg;
	struct store *s;
	int rc, applied;

	rc = parse(argc, argv, &cfg, _("Usage: rosc migrate [--db URL]\n"
	    "Applies the database updates this version of rosc needs.\n"),
	    0, NULL, NULL);
	if (rc >= 0)
		return rc;
	s = cmd_open_store(cfg.db_url, STORE_MIGRATE);
	if (s == NULL)
		return 1;
	rc = store_migrate(s, &applied);
	if (rc == 0)
		printf(ngettext("Applied %d update.\n", "Applied %d updates.\n",
		    (unsigned long)applied), applied);
	else
		fprintf(stderr, _("rosc migrate: failed (%s).\n"), err_str(rc));
	store_close(s);
	return rc == 0 ? 0 : 1;
}

int
cmd_backup(int argc, char **argv)
{
	struct config cfg;
	struct store *s;
	const char *file;
	int rc;

	rc = parse(argc, argv, &cfg, _("Usage: rosc backup [--db URL] FILE\n"
	    "Writes a consistent copy of the database to FILE, also while rosc serves.\n"),
	    1, &file, NULL);
	if (rc >= 0)
		return rc;
	s = cmd_open_store(cfg.db_url, STORE_MIGRATE);
	if (s == NULL)
		return 1;
	rc = store_backup(s, file);
	if (rc == 0)
		printf(_("Backed up %s to %s.\n"), cfg.db_url, file);
	else
		fprintf(stderr, _("rosc backup: failed (%s).\n"), err_str(rc));
	store_close(s);
	return rc == 0 ? 0 : 1;
}

/* After the copy: the head file names the restored chain's newest link,
 * and the chain is checked with the key in place. Without the key rosc
 * will not serve and the log cannot be checked; saying where the key must
 * go is the last step of the restore, so it fails until that is done. */
static int
after_restore(const char *url, const char *file)
{
	struct store *s;
	int rc, current = 0, latest = 0, status;

	rc = store_open(url, STORE_RESTORED, &s);
	if (rc != 0) {
		fprintf(stderr, _("rosc restore: restored %s from %s, but cannot open it "
		    "now (%s).\n"), url, file, err_str(rc));
		return 1;
	}
	printf(_("Restored %s from %s.\n"), url, file);
	if (store_audit_rewrite_head(s) != 0)
		fprintf(stderr, _("rosc restore: cannot write the audit head file beside "
		    "the database; rosc audit verify will report it missing.\n"));
	if (store_migration_status(s, &current, &latest) != 0)
		current = latest = 0;
	if (current >= ACCESS_CHAIN_MIGRATION && store_access_chain_rewrite_head(s) != 0)
		fprintf(stderr, _("rosc restore: cannot write the access log's head file "
		    "beside the database; rosc audit verify will report it missing.\n"));
	if (!store_audit_has_key(s)) {
		fprintf(stderr, _("rosc restore: the audit key is not in place, so rosc will "
		    "not serve and the restored audit log cannot be checked.\n"
		    "Copy the audit key file of the installation the backup was made from "
		    "(the .audit-key file beside its database, or the file its "
		    "ROSC_AUDIT_KEY_FILE named) to\n"
		    "  %s\n"
		    "(or set ROSC_AUDIT_KEY to its 64 hex digits), then run:\n"
		    "  rosc audit verify --db %s\n"
		    "Do not run rosc init or rosc migrate first: without the key they would "
		    "make a new one, which cannot check the restored log.\n"),
		    store_audit_key_path(s), url);
		store_close(s);
		return 1;
	}
	status = cmd_audit_check(s);
	if (status != 0)
		fputs(_("rosc restore: the restored audit log did not pass the check "
		    "(see above).\n"), stderr);
	if (current < latest)
		printf(_("The backup is from an earlier version of rosc. Bring it up to date "
		    "with: rosc migrate --db %s\n"), url);
	store_close(s);
	return status;
}

int
cmd_restore(int argc, char **argv)
{
	struct config cfg;
	const char *file;
	int rc, force = 0;

	rc = parse(argc, argv, &cfg, _("Usage: rosc restore [--db URL] [--force] FILE\n"
	    "Replaces the database with the backup in FILE. Stop rosc first.\n"
	    "An existing database is only replaced with --force. Then checks the\n"
	    "restored audit log with the audit key, which must be in place (the\n"
	    "backup does not hold it); exits with 1 if it is not, or if the log is\n"
	    "not intact.\n"),
	    1, &file, &force);
	if (rc >= 0)
		return rc;
	if (strncmp(cfg.db_url, "sqlite:", 7) != 0) {
		fprintf(stderr, _("rosc restore: restores SQLite databases (sqlite:PATH); "
		    "for PostgreSQL use pg_restore.\n"));
		return 1;
	}
	rc = store_restore(cfg.db_url, file, force);
	switch (rc) {
	case 0:
		return after_restore(cfg.db_url, file);
	case ERR_EXISTS:
		fprintf(stderr, _("rosc restore: a database already exists at %s; "
		    "add --force to replace it.\n"), cfg.db_url);
		break;
	case ERR_NOT_FOUND:
		fprintf(stderr, _("rosc restore: there is no file %s.\n"), file);
		break;
	case ERR_INVALID:
		fprintf(stderr, _("rosc restore: %s is not a rosc backup.\n"), file);
		break;
	default:
		fprintf(stderr, _("rosc restore: failed (%s).\n"), err_str(rc));
		break;
	}
	return 1;
}
