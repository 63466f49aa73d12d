/* rosc import warning-rules FILE and rosc export warning-rules: the
 * early-warning rules as JSON (core/warning.h, docs/warnings.md), and the
 * set shipped with rosc, which rosc init puts in the database when it has
 * none. A rule set is checked whole first; with any problem nothing is
 * imported and each problem is listed with its JSON path. Each import is
 * a new version, kept as it was; the newest is in force, and every flag
 * keeps the rule it was raised by. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/conf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "cmd/commands.h"
#include "core/warning.h"
#include "store/store.h"
#include "store/warnings.h"

#define PROBLEMS_SHOWN 32

struct rules_new {
	char id[ID_LEN + 1];
	int version;
	const char *body;
};

static int
write_rules(struct store_tx *tx, void *arg)
{
	struct rules_new *x = arg;

	return store_tx_warning_rules_insert(tx, x->id, x->version, x->body, NULL);
}

/* A problem's code in plain words. */
static const char *
problem_text(const char *code)
{
	static const struct {
		const char *code, *text;
	} t[] = {
		{"required", N_("is required")},
		{"invalid_format", N_("has the wrong form")},
		{"invalid_json", N_("is not JSON (an object)")},
		{"too_long", N_("is too long")},
		{"out_of_range", N_("is out of range")},
		{"too_many", N_("has too many entries")},
		{"too_few", N_("has too few entries")},
		{"unknown_field", N_("is not a field of the format")},
		{"unknown_format", N_("names another format")},
		{"unknown_kind", N_("is not a kind of rule rosc knows")},
		{"not_allowed", N_("is not taken by this kind of rule")},
		{"duplicate", N_("is used twice")},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].code, code) == 0)
			return _(t[i].text);
	return code;
}

/* Imports the rule set in json unless it is the one in force: 0 imported,
 * 1 unchanged, or a negative error (said unless quiet). only_if_none:
 * import only into a database without any (rosc init). */
static int
import_rules(struct store *s, struct arena *a, const char *where, const char *json,
    size_t len, bool quiet, bool only_if_none)
{
	struct jr_problem p[PROBLEMS_SHOWN];
	struct warn_rules rules;
	struct rules_new x;
	const char *id, *body;
	size_t n, i;
	int version, rc;

	n = warn_parse(a, json, len, &rules, p, PROBLEMS_SHOWN);
	for (i = 0; i < n && i < PROBLEMS_SHOWN; i++)
		fprintf(stderr, "%s: %s: %s\n", where, *p[i].path ? p[i].path : "(top)",
		    problem_text(p[i].code));
	if (n > PROBLEMS_SHOWN)
		fprintf(stderr, _("%s: and %zu more problems\n"), where, n - PROBLEMS_SHOWN);
	if (n > 0)
		return ERR_INVALID;
	rc = store_warning_rules_latest(s, a, &id, &version, &body);
	store_request_end(s);
	if (rc != 0 && rc != ERR_NOT_FOUND)
		return rc;
	if (rc == 0 && (only_if_none || (strlen(body) == len && memcmp(body, json, len) == 0))) {
		if (!quiet)
			printf(_("%s: the rules in force (version %d) are the same; nothing to "
			    "import.\n"), where, version);
		return 1;
	}
	id_new(x.id);
	x.version = rc == 0 ? version + 1 : 1;
	x.body = arena_strndup(a, json, len);
	if ((rc = store_write(s, write_rules, &x)) != 0)
		return rc;
	if (!quiet)
		printf(ngettext("Imported version %d of the early-warning rules (%zu rule), "
		    "now in force.\n", "Imported version %d of the early-warning rules (%zu "
		    "rules), now in force.\n", (unsigned long)rules.n), x.version, rules.n);
	return 0;
}

int
cmd_import_warning_rules(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct store *s;
	const char *path;
	char *json;
	size_t len;
	int rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc import warning-rules FILE "
	    "[--db URL]\n"
	    "Imports a set of early-warning rules (JSON in the format\n"
	    "rosc-warning-rules/1), which then replaces the set in force. It is checked\n"
	    "whole first; with any problem nothing is imported and each problem is\n"
	    "listed with its JSON path. Flags raised before keep the rule they were\n"
	    "raised by.\n"), &path);
	if (rc >= 0)
		return rc;
	if ((json = cmd_read_file(&a, path, &len)) == NULL) {
		arena_free(&a);
		return 1;
	}
	if ((s = cmd_open_store(cfg.db_url, STORE_SERVE)) == NULL) {
		arena_free(&a);
		return 1;
	}
	rc = import_rules(s, &a, path, json, len, false, false);
	store_close(s);
	arena_free(&a);
	if (rc < 0 && rc != ERR_INVALID)
		fprintf(stderr, _("rosc import warning-rules: failed (%s); nothing was "
		    "imported.\n"), err_str(rc));
	else if (rc < 0)
		fprintf(stderr, _("rosc import warning-rules: nothing was imported from %s.\n"),
		    path);
	return rc < 0 ? 1 : 0;
}

int
cmd_export_warning_rules(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct store *s;
	const char *id, *body, *what;
	int version, rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc export warning-rules current "
	    "[--db URL]\n"
	    "Writes the early-warning rules in force as JSON to standard output.\n"), &what);
	if (rc >= 0)
		return rc;
	/* One word for now, so that a version number can join it later. */
	if (strcmp(what, "current") != 0) {
		fprintf(stderr, _("rosc export warning-rules: only \"current\" can be exported, "
		    "the rules in force.\n"));
		return 2;
	}
	if ((s = cmd_open_store(cfg.db_url, STORE_SERVE)) == NULL)
		return 1;
	rc = store_warning_rules_latest(s, &a, &id, &version, &body);
	if (rc == 0)
		fputs(body, stdout);
	else if (rc == ERR_NOT_FOUND)
		fprintf(stderr, _("rosc export warning-rules: there are no rules yet.\n"));
	else
		fprintf(stderr, _("rosc export warning-rules: failed (%s).\n"), err_str(rc));
	store_close(s);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}

int
cmd_ship_warning_rules(struct store *s)
{
	struct arena a = ARENA_INIT;
	int rc;

	rc = import_rules(s, &a, warning_rules_shipped[0].name,
	    (const char *)warning_rules_shipped[0].data, warning_rules_shipped[0].len, true,
	    true);
	arena_free(&a);
	return rc < 0 ? rc : 0;
}
