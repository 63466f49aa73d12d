/* rosc import pathway FILE and rosc export pathway ID: pathway templates
 * as JSON (core/pathway.h), and the templates shipped with rosc, which
 * rosc init puts in the database. A template is checked whole first;
 * with any problem nothing is imported and each problem is listed with
 * its JSON path. Each version is kept as it was: importing a version
 * that exists with other content is refused (raise "version"). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/conf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "core/pathway.h"
#include "store/pathways.h"
#include "store/store.h"

#define FILE_MAX (1024 * 1024)

char *
cmd_read_file(struct arena *a, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		fprintf(stderr, _("rosc: cannot read %s: %s\n"), path, strerror(errno));
		return NULL;
	}
	buf = arena_alloc(a, FILE_MAX + 1);
	n = fread(buf, 1, FILE_MAX + 1, f);
	fclose(f);
	if (n > FILE_MAX) {
		fprintf(stderr, _("rosc: %s is larger than 1 MiB\n"), path);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static int
write_template(struct store_tx *tx, void *arg)
{
	return store_tx_pathway_template_insert(tx, arg);
}

/* Puts the template in json (len bytes, named where for messages) in
 * the store, unless that version is there: 0 imported, 1 there already
 * with the same content, or a negative error (said). */
static int
import_one(struct store *s, struct arena *a, const char *where, const char *json, size_t len,
    bool quiet)
{
	struct pw_problem p[32];
	struct pw_template t;
	struct pathway_template_row x, have;
	size_t n, i;
	int rc;

	/* n counts every problem; p holds the first 32 of them. */
	n = pw_parse(a, json, len, &t, p, 32);
	for (i = 0; i < n && i < 32; i++)
		fprintf(stderr, "%s: %s: %s\n", where, p[i].path, pw_problem_text(p[i].code));
	if (n > 32)
		fprintf(stderr, _("%s: and %zu more problems\n"), where, n - 32);
	if (n > 0)
		return ERR_INVALID;
	if ((rc = store_pathway_template_row(a, &t, &x)) != 0)
		return rc;
	rc = store_pathway_template_latest(s, a, NULL, t.code, &have);
	store_request_end(s);
	if (rc == 0 && have.version > t.version) {
		if (quiet)
			return ERR_CONFLICT;
		fprintf(stderr, _("%s: version %d of %s is older than the newest, %d; a newer "
		    "version needs a higher \"version\".\n"), where, t.version, t.code, have.version);
		return ERR_CONFLICT;
	}
	if (rc == 0 && have.version == t.version) {
		if (strcmp(have.body, x.body) == 0) {
			if (!quiet)
				printf(_("%s: version %d of %s is there already, unchanged.\n"), where,
				    t.version, t.code);
			return 1;
		}
		if (quiet)
			return ERR_CONFLICT;
		fprintf(stderr, _("%s: version %d of %s exists with other content; a change "
		    "needs a higher \"version\".\n"), where, t.version, t.code);
		return ERR_CONFLICT;
	}
	if (rc != 0 && rc != ERR_NOT_FOUND)
		return rc;
	if ((rc = store_write(s, write_template, &x)) != 0)
		return rc;
	if (!quiet)
		printf(_("Imported version %d of the pathway template %s (%zu phases), id %s.\n"),
		    t.version, t.code, t.nphases, x.id);
	return 0;
}

int
cmd_import_pathway(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct store *s;
	const char *path;
	char *json;
	size_t len;
	int rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc import pathway FILE [--db URL]\n"
	    "Imports a pathway template (JSON in the format rosc-pathway-template/1).\n"
	    "It is checked whole first; with any problem nothing is imported and each\n"
	    "problem is listed with its JSON path. A new version of a template needs a\n"
	    "higher \"version\"; the versions before it stay, for the pathways that\n"
	    "started with them.\n"), &path);
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
		fprintf(stderr, _("rosc import pathway: failed (%s); nothing was imported.\n"),
		    err_str(rc));
	else if (rc < 0)
		fprintf(stderr, _("rosc import pathway: nothing was imported from %s.\n"), path);
	return rc < 0 ? 1 : 0;
}

int
cmd_export_pathway(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct pathway_template_row x;
	struct store *s;
	const char *what;
	int rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc export pathway ID|CODE [--db URL]\n"
	    "Writes a pathway template as JSON to standard output: the version with the\n"
	    "id ID, or the newest version of the template CODE.\n"), &what);
	if (rc >= 0)
		return rc;
	if ((s = cmd_open_store(cfg.db_url, STORE_SERVE)) == NULL)
		return 1;
	rc = store_pathway_template_get(s, &a, what, &x);
	if (rc == ERR_NOT_FOUND)
		rc = store_pathway_template_latest(s, &a, NULL, what, &x);
	if (rc == 0)
		fputs(x.body, stdout);
	else if (rc == ERR_NOT_FOUND)
		fprintf(stderr, _("rosc export pathway: no template %s\n"), what);
	else
		fprintf(stderr, _("rosc export pathway: failed (%s).\n"), err_str(rc));
	store_close(s);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}

int
cmd_ship_pathways(struct store *s)
{
	struct arena a = ARENA_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; rc >= 0 && i < pathways_shipped_count; i++) {
		rc = import_one(s, &a, pathways_shipped[i].name,
		    (const char *)pathways_shipped[i].data, pathways_shipped[i].len, true);
		/* A newer version made here is kept: the shipped one is older. */
		if (rc == ERR_CONFLICT)
			rc = 0;
	}
	arena_free(&a);
	return rc < 0 ? rc : 0;
}
