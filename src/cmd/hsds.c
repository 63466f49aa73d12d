/* rosc import hsds PATH and rosc export hsds DIR: the service directory
 * from and to an Open Referral HSDS data package (core/hsds.h). An import
 * checks the whole package first and writes it in one transaction, or
 * not at all; records already there as they are are not written. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "core/hsds.h"
#include "store/directory.h"
#include "store/hsds.h"
#include "store/store.h"

int
cmd_parse_one(int argc, char **argv, struct config *cfg, const char *help, const char **pos)
{
	int i, rc;

	*pos = NULL;
	if (config_init(cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			fputs(help, stdout);
			return 0;
		}
		rc = config_option(cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 1)
			continue;
		if (argv[i][0] == '-' || *pos != NULL) {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			fputs(help, stderr);
			return 2;
		}
		*pos = argv[i];
	}
	if (*pos == NULL) {
		fputs(help, stderr);
		return 2;
	}
	return -1;
}

struct import {
	const struct hsds_package *pkg;
	int64_t now;
	struct arena *a;
	size_t added, updated, unchanged;
};

/* Counts the record just written: new if it was not there, else updated
 * or (the upsert changed no row) unchanged. */
static void
count(struct import *im, struct store_tx *tx, bool existed)
{
	if (!existed)
		im->added++;
	else if (store_tx_changes(tx) > 0)
		im->updated++;
	else
		im->unchanged++;
}

/* rosc's own fields the package does not carry stay as they are. */
static void
merge_service(struct service *sv, unsigned carried, const struct service *old)
{
	if (!(carried & HSDS_CARRY_STAGE))
		sv->stage = old ? old->stage : STAGE_NONE;
	if (!(carried & HSDS_CARRY_DOMAINS))
		sv->domains = old ? old->domains : 0;
	if (!(carried & HSDS_CARRY_VIDEO))
		sv->video = old ? old->video : false;
	if (!(carried & HSDS_CARRY_RESPONSE_DAYS))
		sv->response_days = old ? old->response_days : RESPONSE_DAYS_DEFAULT;
	if (!(carried & HSDS_CARRY_SHARES))
		sv->shares = old ? old->shares : 0;
	if (!(carried & HSDS_CARRY_CAPACITY)) {
		sv->has_capacity = old ? old->has_capacity : false;
		sv->capacity_available = old ? old->capacity_available : 0;
		sv->capacity_maximum = old ? old->capacity_maximum : 0;
		sv->capacity_unit = old ? old->capacity_unit : NULL;
		sv->capacity_updated_us = old ? old->capacity_updated_us : 0;
	}
	sv->updated_by = old ? old->updated_by : NULL;
}

static int
exists_put(struct import *im, struct store_tx *tx, enum dir_table t, const char *id,
    const char *code, int (*put)(struct store_tx *, const void *), const void *rec)
{
	bool existed;
	int rc;

	if ((rc = store_tx_dir_exists(tx, t, id, code, &existed)) != 0)
		return rc;
	if ((rc = put(tx, rec)) != 0)
		return rc;
	count(im, tx, existed);
	return 0;
}

/* The upserts, with the record type each takes. */
static int
put_location(struct store_tx *tx, const void *x)
{
	return store_tx_location_put(tx, x);
}

static int
put_sal(struct store_tx *tx, const void *x)
{
	return store_tx_service_at_location_put(tx, x);
}

static int
put_contact(struct store_tx *tx, const void *x)
{
	return store_tx_contact_put(tx, x);
}

static int
put_phone(struct store_tx *tx, const void *x)
{
	return store_tx_phone_put(tx, x);
}

static int
put_schedule(struct store_tx *tx, const void *x)
{
	return store_tx_schedule_put(tx, x);
}

static int
put_language(struct store_tx *tx, const void *x)
{
	return store_tx_service_language_put(tx, x);
}

static int
import_write(struct store_tx *tx, void *arg)
{
	struct import *im = arg;
	const struct hsds_package *p = im->pkg;
	size_t i;
	int rc = 0;

	im->added = im->updated = im->unchanged = 0;
	for (i = 0; rc == 0 && i < p->norgs; i++) {
		struct dir_org o = p->orgs[i], old;
		bool existed;

		rc = store_tx_dir_org_get(tx, im->a, o.id, &old);
		if (rc != 0 && rc != ERR_NOT_FOUND)
			break;
		existed = rc == 0;
		/* Who runs it is rosc's to say, never a package's. */
		o.managed_by = existed ? old.managed_by : NULL;
		o.updated_us = im->now;
		if ((rc = store_tx_dir_org_put(tx, &o)) == 0)
			count(im, tx, existed);
	}
	for (i = 0; rc == 0 && i < p->nlocations; i++) {
		struct dir_location l = p->locations[i];

		l.updated_us = im->now;
		rc = exists_put(im, tx, DIR_LOCATION, l.id, NULL, put_location, &l);
	}
	for (i = 0; rc == 0 && i < p->nservices; i++) {
		struct service sv = p->services[i], old;
		bool existed;

		rc = store_tx_service_get(tx, im->a, sv.id, &old);
		if (rc != 0 && rc != ERR_NOT_FOUND)
			break;
		existed = rc == 0;
		merge_service(&sv, p->carried[i], existed ? &old : NULL);
		sv.updated_us = im->now;
		if ((rc = store_tx_service_put(tx, &sv)) == 0)
			count(im, tx, existed);
	}
	for (i = 0; rc == 0 && i < p->nsals; i++)
		rc = exists_put(im, tx, DIR_SERVICE_AT_LOCATION, p->sals[i].id, NULL, put_sal,
		    &p->sals[i]);
	for (i = 0; rc == 0 && i < p->ncontacts; i++)
		rc = exists_put(im, tx, DIR_CONTACT, p->contacts[i].id, NULL, put_contact,
		    &p->contacts[i]);
	for (i = 0; rc == 0 && i < p->nphones; i++)
		rc = exists_put(im, tx, DIR_PHONE, p->phones[i].id, NULL, put_phone,
		    &p->phones[i]);
	for (i = 0; rc == 0 && i < p->nschedules; i++)
		rc = exists_put(im, tx, DIR_SCHEDULE, p->schedules[i].id, NULL, put_schedule,
		    &p->schedules[i]);
	for (i = 0; rc == 0 && i < p->nlanguages; i++)
		rc = exists_put(im, tx, DIR_LANGUAGE, p->languages[i].service_id,
		    p->languages[i].code, put_language, &p->languages[i]);
	return rc;
}

static void
print_problems(const struct hsds_problems *pr)
{
	size_t i;

	for (i = 0; i < pr->nwarnings; i++)
		fprintf(stderr, _("warning: %s\n"), pr->warnings[i]);
	for (i = 0; i < pr->n; i++)
		fprintf(stderr, "%s\n", pr->msgs[i]);
	if (pr->total > pr->n)
		fprintf(stderr, _("... and %zu more problems.\n"), pr->total - pr->n);
}

static void
print_counts(const struct hsds_package *p)
{
	printf(_("%zu organisations, %zu services, %zu locations, %zu services at "
	    "locations, %zu contacts, %zu phones, %zu opening hours, %zu languages"),
	    p->norgs, p->nservices, p->nlocations, p->nsals, p->ncontacts, p->nphones,
	    p->nschedules, p->nlanguages);
}

static int
import_hsds(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct hsds_package pkg;
	struct hsds_problems pr = {0};
	struct import im = {0};
	struct store *s;
	const char *path;
	size_t i;
	int rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc import hsds PATH [--db URL]\n"
	    "Imports an Open Referral HSDS data package (the folder PATH with its\n"
	    "datapackage.json and CSV files, HSDS 1.1 or 3.0) into the service\n"
	    "directory. Records are matched by their HSDS id: a second import updates\n"
	    "them. The whole package is checked first; with any problem nothing is\n"
	    "imported and each problem is listed with its file, line and field.\n"),
	    &path);
	if (rc >= 0)
		return rc;
	rc = hsds_package_read(&a, path, &pkg, &pr);
	print_problems(&pr);
	if (rc != 0) {
		fprintf(stderr, _("rosc import hsds: nothing was imported from %s.\n"), path);
		arena_free(&a);
		return 1;
	}
	s = cmd_open_store(cfg.db_url, STORE_SERVE);
	if (s == NULL) {
		arena_free(&a);
		return 1;
	}
	im.pkg = &pkg;
	im.now = clock_now_us();
	im.a = &a;
	rc = store_write(s, import_write, &im);
	store_close(s);
	if (rc != 0) {
		fprintf(stderr, _("rosc import hsds: the database refused the package (%s); "
		    "nothing was imported.\n"), err_str(rc));
		arena_free(&a);
		return 1;
	}
	printf(_("Imported from an HSDS %s package: "), pkg.layout == HSDS_1_1 ? "1.1" :
	    "3.0");
	print_counts(&pkg);
	printf(_(" (%zu new, %zu updated, %zu unchanged).\n"), im.added, im.updated,
	    im.unchanged);
	if (pkg.nskipped > 0) {
		fputs(_("Not kept (rosc has no place for them):"), stdout);
		for (i = 0; i < pkg.nskipped; i++)
			printf("%s %s", i ? "," : "", pkg.skipped[i]);
		putchar('\n');
	}
	arena_free(&a);
	return 0;
}

static int
export_hsds(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct hsds_package pkg;
	struct store *s;
	const char *dir, *failed = NULL;
	int rc;

	rc = cmd_parse_one(argc, argv, &cfg, _("Usage: rosc export hsds DIR [--db URL]\n"
	    "Writes the service directory into the folder DIR as an Open Referral\n"
	    "HSDS 3.0 data package (datapackage.json and CSV files), which rosc\n"
	    "imports again as it was. rosc's own service fields are attributes in the\n"
	    "rosc taxonomy.\n"), &dir);
	if (rc >= 0)
		return rc;
	s = cmd_open_store(cfg.db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	rc = store_hsds_dump(s, &a, &pkg);
	if (rc == 0)
		rc = hsds_package_write(&a, dir, &pkg, &failed);
	store_request_end(s);
	store_close(s);
	if (rc == ERR_IO)
		fprintf(stderr, _("rosc export hsds: cannot write %s in %s.\n"), failed, dir);
	else if (rc != 0)
		fprintf(stderr, _("rosc export hsds: cannot read the directory (%s).\n"),
		    err_str(rc));
	if (rc == 0) {
		printf(_("Exported to %s as an HSDS 3.0 package: "), dir);
		print_counts(&pkg);
		puts(".");
	}
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}

/* What rosc imports and exports, by kind; later kinds join these tables. */
static const struct kind {
	const char *name;
	int (*run)(int, char **);
} imports[] = {
	{"hsds", import_hsds},
	{"meetings", cmd_import_meetings},
	{"pathway", cmd_import_pathway},
	{"questionnaire", cmd_import_questionnaire},
	{"warning-rules", cmd_import_warning_rules},
}, exports[] = {
	{"hsds", export_hsds},
	{"pathway", cmd_export_pathway},
	{"person", cmd_export_person},
	{"questionnaire", cmd_export_questionnaire},
	{"warning-rules", cmd_export_warning_rules},
};

static int
dispatch(const struct kind *kinds, size_t n, const char *verb, const char *help,
    int argc, char **argv)
{
	size_t i;

	if (argc < 2 || cmd_is_help(argv[1])) {
		fputs(help, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (i = 0; i < n; i++)
		if (strcmp(argv[1], kinds[i].name) == 0)
			return kinds[i].run(argc - 1, argv + 1);
	fprintf(stderr, _("rosc %s: unknown kind \"%s\"\n"), verb, argv[1]);
	fputs(help, stderr);
	return 2;
}

int
cmd_import(int argc, char **argv)
{
	return dispatch(imports, sizeof(imports) / sizeof(imports[0]), "import",
	    _("Usage: rosc import KIND PATH [--db URL]\n"
	    "Kinds:\n"
	    "  hsds           an Open Referral HSDS data package (1.1 or 3.0) into the\n"
	    "                 service directory\n"
	    "  meetings       self-help meetings (a Meeting Guide JSON feed)\n"
	    "  pathway        a pathway template (JSON, rosc-pathway-template/1)\n"
	    "  questionnaire  a questionnaire definition (JSON, rosc-questionnaire/1)\n"
	    "  warning-rules  the early-warning rules (JSON, rosc-warning-rules/1)\n"),
	    argc, argv);
}

int
cmd_export(int argc, char **argv)
{
	return dispatch(exports, sizeof(exports) / sizeof(exports[0]), "export",
	    _("Usage: rosc export KIND WHAT [--db URL]\n"
	    "Kinds:\n"
	    "  hsds           the service directory as an Open Referral HSDS 3.0 data\n"
	    "                 package into the folder WHAT\n"
	    "  pathway        the pathway template WHAT (an id, or a code for its newest\n"
	    "                 version) as JSON on standard output\n"
	    "  person         everything about the person WHAT (an id) as JSON on\n"
	    "                 standard output, or with --fhir FILE as a FHIR R4 Bundle\n"
	    "  questionnaire  the questionnaire WHAT (an id, or a code for its newest\n"
	    "                 version) as JSON on standard output\n"
	    "  warning-rules  the early-warning rules in force (WHAT: current) as JSON\n"
	    "                 on standard output\n"),
	    argc, argv);
}
