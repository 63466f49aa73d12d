/* rosc audit verify: checks the audit log's keyed hash chain and the
 * access log's (see store/audit.h, store/access_chain.h) with the heads
 * mirrored beside the database, and says in plain words whether each is
 * intact or where it was first tampered with. Exit 0
 * intact, 1 not intact (or the check could not run), 2 usage. */
#include <stdio.h>
#include <string.h>

#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "store/access_chain.h"
#include "store/audit.h"
#include "store/store.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: rosc audit verify [--db URL]\n"
	    "Checks that the audit log and the access log (who looked at each person's\n"
	    "record) are complete and unchanged: every entry, the chains that link them,\n"
	    "and (for SQLite) the copies of the newest links kept beside the database.\n"
	    "Exits with 0 if both logs are intact and 1 if they are not.\n"), f);
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
}

/* Says what is wrong with the access log's chain, on stderr. */
static void
report_access(const struct access_verdict *v)
{
	long long at = (long long)v->first_bad;
	const char *p = v->problem;

	fputs(_("The access log is not intact.\n"), stderr);
	if (strcmp(p, "entry_changed") == 0)
		fprintf(stderr, _("The first problem: an entry under link %lld was changed.\n"), at);
	else if (strcmp(p, "entry_removed") == 0)
		fprintf(stderr, _("The first problem: an entry under link %lld was removed.\n"), at);
	else if (strcmp(p, "entry_added") == 0)
		fprintf(stderr, _("The first problem: an entry was added under link %lld.\n"), at);
	else if (strcmp(p, "unlinked") == 0)
		fprintf(stderr, _("The first problem: entries name link %lld, which rosc never "
		    "wrote.\n"), at);
	else if (strcmp(p, "link_changed") == 0)
		fprintf(stderr, _("The first problem: link %lld was changed.\n"), at);
	else if (strcmp(p, "link_removed") == 0)
		fprintf(stderr, _("The first problem: link %lld was removed.\n"), at);
	else if (strcmp(p, "tail_cut") == 0)
		fprintf(stderr, _("The first problem: the newest links were cut off after "
		    "%lld.\n"), at - 1);
	else if (strcmp(p, "head_missing") == 0)
		fprintf(stderr, _("The first problem: the access log's head file is missing or "
		    "damaged (the newest link is %lld).\n"), at);
	else if (strcmp(p, "restarted") == 0)
		fputs(_("The first problem: the chain was begun again, or its first link is not "
		    "the one the audit log recorded when it began.\n"), stderr);
	else
		fprintf(stderr, _("The first problem is at link %lld.\n"), at);
	if (v->verified_seq > 0 && strcmp(p, "head_missing") != 0)
		fprintf(stderr, _("The links up to %lld, and their entries, are as rosc wrote "
		    "them.\n"), (long long)v->verified_seq);
	if (strcmp(p, "link_changed") == 0 && at == 1)
		fputs(_("If every link seems changed, check that the audit key (ROSC_AUDIT_KEY "
		    "or the .audit-key file beside the database) is the right one.\n"), stderr);
}

int
cmd_audit_check(struct store *s)
{
	struct audit_verdict v;
	struct access_verdict av;
	int rc, status = 0, current = 0, latest = 0;

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
		status = 1;
	} else {
		printf(ngettext("The audit log is intact: %lld entry.\n",
		    "The audit log is intact: %lld entries.\n", (unsigned long)v.entries),
		    (long long)v.entries);
	}

	if (store_migration_status(s, &current, &latest) == 0 &&
	    current < ACCESS_CHAIN_MIGRATION) {
		/* Its table comes with the migration. */
		fputs(_("The access log has no chain yet: the database is older than it "
		    "(rosc migrate brings it up to date).\n"), stdout);
		goto out;
	}
	rc = store_access_chain_verify(s, &av);
	if (rc != 0) {
		fprintf(stderr, _("rosc audit: the check of the access log failed (%s).\n"),
		    err_str(rc));
		return 1;
	}
	if (av.problem != NULL) {
		report_access(&av);
		status = 1;
	} else {
		/* Entries first: a person asks about entries, not links. */
		printf(ngettext("The access log is intact: %lld entry",
		    "The access log is intact: %lld entries", (unsigned long)av.entries),
		    (long long)av.entries);
		printf(ngettext(" in %lld link.\n", " in %lld links.\n", (unsigned long)av.links),
		    (long long)av.links);
		if (av.unchained > 0)
			printf(ngettext("%lld entry from before the chain is not linked yet: "
			    "rosc serve links it when it starts.\n",
			    "%lld entries from before the chain are not linked yet: rosc serve "
			    "links them when it starts.\n", (unsigned long)av.unchained),
			    (long long)av.unchained);
	}
out:
	if (status != 0)
		fputs(_("Compare with a backup to see what happened.\n"), stderr);
	return status;
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
