/* rosc audit verify: checks the audit log's keyed hash chain and the
 * mirrored head beside the database (see store/audit.h), and says in plain
 * words whether it is intact or where it was first tampered with. Exit 0
 * intact, 1 not intact (or the check could not run), 2 usage. */
#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "store/audit.h"
#include "store/store.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: rosc audit verify [--db URL]\n"
	    "Checks that the audit log is complete and unchanged: every entry, the\n"
	    "chain that links them, and (for SQLite) the copy of the newest link kept\n"
	    "beside the database. Exits with 0 if the log is intact and 1 if it is not.\n"), f);
}

/* Says what is wrong, in plain words, on stderr. */
static void
report(const struct audit_verdict *v)
{
	long long at = (long long)v->first_bad;
	const char *p = v->problem;

	fputs(_("The audit log is not intact.\n"), stderr);
	if (strcmp(p, "changed") == 0)
		fprintf(stderr, _("The first problem: entry %lld was changed.\n"), at);
	else if (strcmp(p, "removed") == 0)
		fprintf(stderr, _("The first problem: entries from %lld were removed.\n"), at);
	else if (strcmp(p, "inserted") == 0)
		fprintf(stderr, _("The first problem: an entry was inserted at %lld.\n"), at);
	else if (strcmp(p, "tail_cut") == 0)
		fprintf(stderr, _("The first problem: the newest entries were cut off after "
		    "%lld.\n"), at - 1);
	else if (strcmp(p, "head_missing") == 0)
		fprintf(stderr, _("The first problem: the mirrored head file is missing or "
		    "damaged (the newest entry is %lld).\n"), at);
	else
		fprintf(stderr, _("The first problem is at entry %lld.\n"), at);

	if (strcmp(p, "tail_cut") == 0)
		fputs(_("The entries that remain are as rosc wrote them.\n"), stderr);
	else if (strcmp(p, "head_missing") == 0)
		fputs(_("The entries are linked correctly, but without that file entries cut "
		    "off at the end would go unnoticed.\n"), stderr);
	else if (at > 1)
		fputs(_("The entries before it are as rosc wrote them.\n"), stderr);
	if (strcmp(p, "changed") == 0 && at == 1)
		fputs(_("If every entry seems changed, check that the audit key (ROSC_AUDIT_KEY "
		    "or the .audit-key file beside the database) is the right one.\n"), stderr);
	fputs(_("Compare with a backup to see what happened.\n"), stderr);
}

int
cmd_audit_check(struct store *s)
{
	struct audit_verdict v;
	int rc;

	rc = store_audit_verify(s, &v);
	store_request_end(s);
	if (rc == ERR_UNAVAILABLE) {
		fputs(_("rosc audit: the audit key is missing, so the log cannot be checked.\n"),
		    stderr);
		return 1;
	}
	if (rc != 0) {
		fprintf(stderr, _("rosc audit: the check failed (%s).\n"), err_str(rc));
		return 1;
	}
	if (v.problem != NULL) {
		report(&v);
		return 1;
	}
	printf(ngettext("The audit log is intact: %lld entry.\n",
	    "The audit log is intact: %lld entries.\n", (unsigned long)v.entries),
	    (long long)v.entries);
	return 0;
}

static int
verify(const struct config *cfg)
{
	struct store *s;
	int rc;

	s = cmd_open_store(cfg->db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	rc = cmd_audit_check(s);
	store_close(s);
	return rc;
}

int
cmd_audit(int argc, char **argv)
{
	struct config cfg;
	const char *sub = NULL;
	int i, rc, extra = 0;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0) {
			if (sub == NULL)
				sub = argv[i];
			else
				extra++;
		}
	}
	if (sub == NULL || strcmp(sub, "verify") != 0 || extra > 0) {
		if (sub != NULL && strcmp(sub, "verify") != 0)
			fprintf(stderr, _("rosc: unexpected argument %s\n"), sub);
		usage(stderr);
		return 2;
	}
	return verify(&cfg);
}
