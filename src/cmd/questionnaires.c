/* rosc import questionnaire FILE and rosc export questionnaire ID|CODE:
 * questionnaire definitions as JSON (core/questionnaire.h), and the
 * questionnaires shipped with rosc, which rosc init puts in the database.
 * A definition is checked whole first; with any problem nothing is
 * imported and each problem is listed with its JSON path. Each version
 * is kept as it was, since answers given to it are read by its items and
 * scored by its rule: importing a version that exists with other content
 * is refused (raise "version"). */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/conf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "core/questionnaire.h"
#include "store/questionnaires.h"
#include "store/store.h"

#define PROBLEMS_SHOWN 32

static int
write_definition(struct store_tx *tx, void *arg)
{
	return store_tx_questionnaire_insert(tx, arg);
}

/* Puts the definition in json (len bytes, named where for messages) in
 * the store, unless that version is there: 0 imported, 1 there already
 * with the same content, or a negative error (said unless quiet). */
static int
import_one(struct store *s, struct arena *a, const char *where, const char *json, size_t len,
    bool quiet)
{
	struct q_problem p[PROBLEMS_SHOWN];
	struct q_definition d;
	struct questionnaire_row x, have;
	size_t n, i;
	int rc;

	n = q_parse(a, json, len, &d, p, PROBLEMS_SHOWN);
	for (i = 0; i < n && i < PROBLEMS_SHOWN; i++)
		fprintf(stderr, "%s: %s: %s\n", where, p[i].path, q_problem_text(p[i].code));
	if (n > PROBLEMS_SHOWN)
		fprintf(stderr, _("%s: and %zu more problems\n"), where, n - PROBLEMS_SHOWN);
	if (n > 0)
		return ERR_INVALID;
	if ((rc = store_questionnaire_row(a, &d, &x)) != 0)
		return rc;
	rc = store_questionnaire_latest(s, a, d.code, &have);
	store_request_end(s);
	if (rc == 0 && have.version > d.version) {
		if (quiet)
			return ERR_CONFLICT;
		fprintf(stderr, _("%s: version %d of %s is older than the newest, %d; a newer "
		    "version needs a higher \"version\".\n"), where, d.version, d.code,
		    have.version);
		return ERR_CONFLICT;
	}
	if (rc == 0 && have.version == d.version) {
		if (strcmp(have.body, x.body) == 0) {
			if (!quiet)
				printf(_("%s: version %d of %s is there already, unchanged.\n"),
				    where, d.version, d.code);
			return 1;
		}
		if (quiet)
			return ERR_CONFLICT;
		fprintf(stderr, _("%s: version %d of %s exists with other content; a change "
		    "needs a higher \"version\".\n"), where, d.version, d.code);
		return ERR_CONFLICT;
	}
	if (rc != 0 && rc != ERR_NOT_FOUND)
		return rc;
	if ((rc = store_write(s, write_definition, &x)) != 0)
		return rc;
	if (!quiet)
		printf(_("Imported version %d of the questionnaire %s (%zu items), id %s.\n"),
		    d.version, d.code, d.nitems, x.id);
	return 0;
}

int
cmd_import_questionnaire(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct store *s;
	const char *path;
	char *json;
	size_t len;
	int rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc import questionnaire FILE [--db URL]\n"
	    "Imports a questionnaire definition (JSON in the format rosc-questionnaire/1).\n"
	    "It is checked whole first; with any problem nothing is imported and each\n"
	    "problem is listed with its JSON path. A new version of a questionnaire needs\n"
	    "a higher \"version\"; the versions before it stay as they were, for the\n"
	    "answers given to them.\n"), &path);
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
	rc = import_one(s, &a, path, json, len, false);
	store_close(s);
	arena_free(&a);
	if (rc < 0 && rc != ERR_INVALID && rc != ERR_CONFLICT)
		fprintf(stderr, _("rosc import questionnaire: failed (%s); nothing was "
		    "imported.\n"), err_str(rc));
	else if (rc < 0)
		fprintf(stderr, _("rosc import questionnaire: nothing was imported from %s.\n"),
		    path);
	return rc < 0 ? 1 : 0;
}

int
cmd_export_questionnaire(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct questionnaire_row x;
	struct store *s;
	const char *what;
	int rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc export questionnaire ID|CODE "
	    "[--db URL]\n"
	    "Writes a questionnaire definition as JSON to standard output: the version\n"
	    "with the id ID, or the newest version of the questionnaire CODE.\n"), &what);
	if (rc >= 0)
		return rc;
	if ((s = cmd_open_store(cfg.db_url, STORE_SERVE)) == NULL)
		return 1;
	rc = store_questionnaire_get(s, &a, what, &x);
	if (rc == ERR_NOT_FOUND)
		rc = store_questionnaire_latest(s, &a, what, &x);
	if (rc == 0)
		fputs(x.body, stdout);
	else if (rc == ERR_NOT_FOUND)
		fprintf(stderr, _("rosc export questionnaire: no questionnaire %s\n"), what);
	else
		fprintf(stderr, _("rosc export questionnaire: failed (%s).\n"), err_str(rc));
	store_close(s);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}

int
cmd_ship_questionnaires(struct store *s)
{
	struct arena a = ARENA_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; rc >= 0 && i < questionnaires_shipped_count; i++) {
		rc = import_one(s, &a, questionnaires_shipped[i].name,
		    (const char *)questionnaires_shipped[i].data, questionnaires_shipped[i].len,
		    true);
		/* A newer version imported here is kept: the shipped one is older. */
		if (rc == ERR_CONFLICT)
			rc = 0;
	}
	arena_free(&a);
	return rc < 0 ? rc : 0;
}
