/* rosc import meetings FILE: self-help meetings from a feed in the
 * Meeting Guide JSON format (core/meeting.h), and the demo's feed
 * (data/meetings-demo.json) for rosc demo. A feed is checked whole
 * first; with any problem nothing changes and each problem is listed as
 * "meeting 3: day: must be 0 to 6 (0 is Sunday)" (counting from 0, as
 * the JSON array does). A re-import of the same source updates meetings
 * by slug and removes those the feed no longer lists, in one write. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "cmd/commands.h"
#include "core/meeting.h"
#include "store/meetings.h"
#include "store/store.h"

#define PROBLEMS_SHOWN 50
#define FEED_MAX (32 * 1024 * 1024)   /* a region's feed runs to a few MiB */

static const char usage[] = N_("Usage: rosc import meetings FILE [--source NAME] "
    "[--timezone ZONE] [--db URL]\n"
    "Imports self-help meetings from a feed in the Meeting Guide JSON format.\n"
    "The feed is checked whole first; with any problem nothing changes and\n"
    "each problem is listed with the meeting's number (from 0) and the field.\n"
    "Importing the same source again updates its meetings by slug and removes\n"
    "those the feed no longer lists. --source names the feed (by default the\n"
    "file's name without .json); --timezone is the zone of meetings that name\n"
    "none (by default the first organisation's).\n");

/* "[3].day" as "meeting 3: day", "[3]" as "meeting 3", "" as "the feed". */
static void
say_problem(const char *where, const struct jr_problem *p, const struct meeting *m,
    size_t n)
{
	const char *path = p->path, *field;
	char *end;
	unsigned long i;

	if (*path != '[') {
		fprintf(stderr, _("%s: the feed %s\n"), where, meeting_problem_text(p->code));
		return;
	}
	i = strtoul(path + 1, &end, 10);
	field = *end == ']' && end[1] == '.' ? end + 2 : NULL;
	if (field != NULL && i < n && m[i].slug != NULL && strcmp(field, "slug") != 0)
		fprintf(stderr, _("%s: meeting %lu (slug %s): %s: %s\n"), where, i, m[i].slug,
		    field, meeting_problem_text(p->code));
	else if (field != NULL)
		fprintf(stderr, _("%s: meeting %lu: %s: %s\n"), where, i, field,
		    meeting_problem_text(p->code));
	else
		fprintf(stderr, _("%s: meeting %lu: %s\n"), where, i,
		    meeting_problem_text(p->code));
}

/* Imports json as source: 0, or an error after saying it (unless quiet,
 * where only problems are said). */
static int
import_feed(struct store *s, struct arena *a, const char *where, const char *source,
    const char *zone, const char *json, size_t len, bool quiet)
{
	struct jr_problem p[PROBLEMS_SHOWN];
	struct meeting_counts counts;
	struct meeting *m;
	size_t n, np, i;
	int rc;

	if (zone == NULL)
		zone = store_meetings_default_zone(s, a);
	store_request_end(s);
	np = meeting_parse_feed(a, json, len, zone, &m, &n, p, PROBLEMS_SHOWN);
	for (i = 0; i < np && i < PROBLEMS_SHOWN; i++)
		say_problem(where, &p[i], m, n);
	if (np > PROBLEMS_SHOWN)
		fprintf(stderr, _("%s: and %zu more problems\n"), where, np - PROBLEMS_SHOWN);
	if (np > 0)
		return ERR_INVALID;
	if ((rc = store_meetings_import(s, a, source, m, n, clock_now_us(), &counts)) != 0)
		return rc;
	if (!quiet)
		printf(_("Imported %zu meetings from %s (source %s): %zu new, %zu updated, "
		    "%zu unchanged, %zu removed.\n"), n, where, source, counts.added,
		    counts.updated, counts.unchanged, counts.removed);
	return 0;
}

/* The feed's bytes, NUL-ended, in a; NULL after saying why. */
static char *
read_feed(struct arena *a, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (f == NULL) {
		fprintf(stderr, _("rosc: cannot read %s: %s\n"), path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, _("rosc: cannot read %s: %s\n"), path, strerror(errno));
	} else if (size > FEED_MAX) {
		fprintf(stderr, _("rosc import meetings: %s is larger than 32 MiB.\n"), path);
	} else {
		buf = arena_alloc(a, (size_t)size + 1);
		*len = fread(buf, 1, (size_t)size, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

/* The file's name without folders and ".json". */
static const char *
source_of(struct arena *a, const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b != NULL ? b + 1 : path;
	n = strlen(b);
	if (n > 5 && strcmp(b + n - 5, ".json") == 0)
		n -= 5;
	if (n > MEETING_SOURCE_MAX)
		n = MEETING_SOURCE_MAX;
	return arena_strndup(a, b, n);
}

int
cmd_import_meetings(int argc, char **argv)
{
	struct config cfg;
	struct arena a = ARENA_INIT;
	struct store *s;
	const char *path = NULL, *source = NULL, *zone = NULL;
	char *json;
	size_t len;
	int i, rc;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			fputs(_(usage), stdout);
			return 0;
		}
		if ((strcmp(argv[i], "--source") == 0 || strcmp(argv[i], "--timezone") == 0) &&
		    i + 1 < argc) {
			if (argv[i][2] == 's')
				source = argv[++i];
			else
				zone = argv[++i];
			continue;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 1)
			continue;
		if (argv[i][0] == '-' || path != NULL) {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			fputs(_(usage), stderr);
			return 2;
		}
		path = argv[i];
	}
	if (path == NULL) {
		fputs(_(usage), stderr);
		return 2;
	}
	if (source != NULL && (*source == '\0' || strlen(source) > MEETING_SOURCE_MAX)) {
		fprintf(stderr, _("rosc import meetings: --source must be 1 to %d characters.\n"),
		    MEETING_SOURCE_MAX);
		return 2;
	}
	if (zone != NULL && !timefmt_zone_valid(zone)) {
		fprintf(stderr, _("rosc import meetings: %s is not a time zone (such as "
		    "Europe/Copenhagen).\n"), zone);
		return 2;
	}
	if ((json = read_feed(&a, path, &len)) == NULL) {
		arena_free(&a);
		return 1;
	}
	if ((s = cmd_open_store(cfg.db_url, STORE_SERVE)) == NULL) {
		arena_free(&a);
		return 1;
	}
	rc = import_feed(s, &a, path, source ? source : source_of(&a, path), zone, json, len,
	    false);
	store_close(s);
	arena_free(&a);
	if (rc < 0 && rc != ERR_INVALID)
		fprintf(stderr, _("rosc import meetings: failed (%s); nothing was changed.\n"),
		    err_str(rc));
	else if (rc < 0)
		fprintf(stderr, _("rosc import meetings: nothing was imported from %s.\n"), path);
	return rc < 0 ? 1 : 0;
}

int
cmd_demo_meetings(struct store *s)
{
	struct arena a = ARENA_INIT;
	int rc;

	rc = import_feed(s, &a, meetings_demo[0].name, "rosc-demo", "Europe/Copenhagen",
	    (const char *)meetings_demo[0].data, meetings_demo[0].len, true);
	arena_free(&a);
	return rc;
}
