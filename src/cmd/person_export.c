/* rosc export person ID [--fhir FILE]: everything rosc holds about one
 * person, for their right of access and to take it elsewhere (GDPR
 * Art. 15 and 20), as the operator answering their request: rosc's own
 * JSON (the data download's) on standard output, or with --fhir a FHIR R4
 * Bundle (type collection) in FILE. The operator holds the database; this
 * is not noted in the person's access log. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "cmd/commands.h"
#include "core/person.h"
#include "store/persons.h"
#include "store/store.h"
#include "view/export.h"
#include "view/fhir.h"

/* Writes doc to path ("-": standard output), indented. 0 or -1. */
static int
write_json(json_t *doc, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	int rc;

	if (f == NULL)
		return -1;
	rc = json_dumpf(doc, f, JSON_INDENT(2));
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	if (f != stdout && fclose(f) != 0)
		rc = -1;
	return rc == 0 ? 0 : -1;
}

static int
export_fhir(struct store *s, struct arena *a, const struct config *cfg, const char *id,
    json_t **doc)
{
	struct fhir_ctx x = {s, a, NULL, clock_now_us()};
	const struct grant **grants = arena_alloc(a, fhir_nkinds * sizeof(*grants));
	char today[11];
	size_t k;

	clock_day_date((int32_t)(x.now_us / (86400LL * 1000000)), today);
	x.today = arena_strdup(a, today);
	for (k = 0; k < fhir_nkinds; k++)
		grants[k] = door_command_line(a, id);
	return view_fhir_everything(&x, grants, arena_printf(a, "%s/fhir/R4", cfg->base_url),
	    "collection", doc);
}

int
cmd_export_person(int argc, char **argv)
{
	const char *usage = _("Usage: rosc export person ID [--fhir FILE] [--db URL]\n"
	    "Writes everything rosc holds about the person ID: rosc's own JSON on\n"
	    "standard output, or with --fhir a FHIR R4 Bundle into FILE.\n");
	char **rest = calloc((size_t)argc + 1, sizeof(*rest));
	const char *id, *fhir = NULL;
	struct arena a = ARENA_INIT;
	struct config cfg;
	struct store *s;
	struct person p;
	json_t *doc = NULL;
	int i, n = 0, rc;

	if (rest == NULL)
		die("out of memory");
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--fhir") == 0 && i + 1 < argc) {
			fhir = argv[++i];
			continue;
		}
		rest[n++] = argv[i];
	}
	rc = cmd_parse_one(n, rest, &cfg, usage, &id);
	free(rest);
	if (rc >= 0)
		return rc;
	if (!id_valid(id, strlen(id))) {
		fprintf(stderr, _("rosc export person: no person has the id %s.\n"), id);
		return 1;
	}
	if ((s = cmd_open_store(cfg.db_url, STORE_SERVE)) == NULL)
		return 1;
	rc = store_person_get(s, &a, door_command_line(&a, id), &p);
	if (rc == 0 && fhir != NULL) {
		rc = export_fhir(s, &a, &cfg, id, &doc);
	} else if (rc == 0) {
		struct export_ctx x = {s, &a, NULL};
		char today[11];

		clock_day_date((int32_t)(clock_now_us() / (86400LL * 1000000)), today);
		x.today = today;
		rc = view_export(&x, door_command_line(&a, id), &p, &doc);
	}
	if (rc == ERR_NOT_FOUND)
		fprintf(stderr, _("rosc export person: no person has the id %s.\n"), id);
	else if (rc != 0)
		fprintf(stderr, _("rosc export person: failed (%s).\n"), err_str(rc));
	else if (write_json(doc, fhir ? fhir : "-") != 0) {
		fprintf(stderr, _("rosc export person: cannot write %s.\n"), fhir ? fhir : "-");
		rc = ERR_IO;
	} else if (fhir != NULL) {
		printf(_("Exported %s as a FHIR R4 Bundle of %zu resources into %s.\n"), id,
		    json_array_size(json_object_get(doc, "entry")), fhir);
	}
	json_decref(doc);
	store_close(s);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}
