/* rosc migrate-data --from sqlite:PATH --to postgres://...: moves a
 * deployment to another database. The target is a new, empty database
 * (made with createdb, not rosc init); migrate-data applies the migrations
 * to it, copies every table, compares the row counts, and verifies the
 * audit chain on the target with the same key. Exit 0 when all of that
 * holds, 1 when it does not, 2 on a usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "store/access_chain.h"
#include "store/audit.h"
#include "store/copy.h"
#include "store/store.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: rosc migrate-data --from URL --to URL\n"
	    "Copies a whole rosc database into a new, empty one, for example from\n"
	    "sqlite:var/rosc.db to postgres://rosc@db.example.org/rosc. Create the\n"
	    "target with createdb (not rosc init) and stop rosc first. Every table's\n"
	    "rows are counted on both sides and the audit chain is verified after.\n"), f);
}

static int
unset(const char *name)
{
	const char *v = getenv(name);

	return v == NULL || *v == '\0';
}

static void
progress(void *arg, const char *table, int64_t from_rows, int64_t to_rows)
{
	(void)arg;
	if (from_rows == to_rows)
		printf(_("%-18s %lld rows\n"), table, (long long)to_rows);
	else
		fprintf(stderr, _("%-18s %lld rows in the source but %lld in the target\n"),
		    table, (long long)from_rows, (long long)to_rows);
}

int
cmd_migrate_data(int argc, char **argv)
{
	const char *from_url = NULL, *to_url = NULL, *key_file = NULL;
	struct store *from, *to;
	struct audit_verdict v;
	char *key = NULL;
	int i, rc, applied;

	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc) {
			from_url = argv[++i];
		} else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc) {
			to_url = argv[++i];
		} else {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (from_url == NULL || to_url == NULL || strcmp(from_url, to_url) == 0) {
		usage(stderr);
		return 2;
	}
	from = cmd_open_store(from_url, STORE_SERVE);
	if (from == NULL)
		return 1;
	/* The chain must go on with the key that made it: unless one is given,
	 * use the SQLite key file beside the source. */
	if (unset("ROSC_AUDIT_KEY") && unset("ROSC_AUDIT_KEY_FILE") &&
	    strncmp(from_url, "sqlite:", 7) == 0) {
		if (asprintf(&key, "%s.audit-key", from_url + 7) < 0) {
			store_close(from);
			return 1;
		}
		setenv("ROSC_AUDIT_KEY_FILE", key, 1);
		key_file = key;
	}
	to = cmd_open_store(to_url, STORE_CREATE);
	if (to == NULL) {
		store_close(from);
		free(key);
		return 1;
	}
	rc = store_migrate(to, &applied);
	if (rc == 0)
		rc = store_copy(from, to, progress, NULL);
	switch (rc) {
	case 0:
		break;
	case ERR_EXISTS:
		fprintf(stderr, _("rosc migrate-data: %s already holds data. Copy only into a new, "
		    "empty database (createdb, not rosc init).\n"), to_url);
		break;
	case ERR_PENDING:
		fprintf(stderr, _("rosc migrate-data: the two databases are at different versions; "
		    "run rosc migrate on %s first.\n"), from_url);
		break;
	default:
		fprintf(stderr, _("rosc migrate-data: the copy failed (%s); nothing was changed in "
		    "%s.\n"), err_str(rc), from_url);
		break;
	}
	if (rc == 0) {
		rc = store_audit_verify(to, &v);
		if (rc == 0 && v.problem == NULL) {
			printf(_("The audit chain in the new database is intact: %lld entries.\n"),
			    (long long)v.entries);
		} else {
			fprintf(stderr, _("rosc migrate-data: the audit chain in the new database "
			    "does not verify (entry %lld). Is the audit key the same?\n"),
			    (long long)v.first_bad);
			rc = rc ? rc : ERR_INVALID;
		}
	}
	if (rc == 0) {
		struct access_verdict av = {0};

		rc = store_access_chain_rewrite_head(to);
		if (rc == 0)
			rc = store_access_chain_verify(to, &av);
		if (rc == 0 && av.problem == NULL) {
			printf(_("The access log's chain in the new database is intact: %lld "
			    "links.\n"), (long long)av.links);
		} else {
			fprintf(stderr, _("rosc migrate-data: the access log's chain in the new "
			    "database does not verify (link %lld).\n"), (long long)av.first_bad);
			rc = rc ? rc : ERR_INVALID;
		}
	}
	if (rc == 0) {
		printf(_("Copied %s to %s.\n"), from_url, to_url);
		if (key_file != NULL)
			printf(_("Serve it with ROSC_AUDIT_KEY_FILE=%s (the key that signs the "
			    "audit chain).\n"), key_file);
	}
	store_close(to);
	store_close(from);
	free(key);
	return rc == 0 ? 0 : 1;
}
