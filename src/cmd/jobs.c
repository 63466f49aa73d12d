/* rosc jobs: the background work queue, for an admin (store/jobs.h):
 * what is waiting, running or has failed, and with --all what is done. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "store/jobs.h"
#include "store/store.h"

#define LIST_MAX 1000

static void
usage(FILE *f)
{
	fputs(_("Usage: rosc jobs [--all] [--db URL]\n"
	    "Lists the background work that is queued, running or has failed, in the\n"
	    "order it runs; --all lists the finished work of the last 30 days too.\n"
	    "One job a line: state, kind, when it runs (UTC), attempts, id, and the\n"
	    "last error.\n"), f);
}

static int
list(const struct config *cfg, bool all)
{
	struct arena a = ARENA_INIT;
	struct store *s;
	struct job *jobs;
	size_t n, i;
	char at[28];
	int rc;

	s = cmd_open_store(cfg->db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	rc = store_jobs_list(s, &a, all, LIST_MAX, &jobs, &n);
	store_request_end(s);
	store_close(s);
	if (rc != 0) {
		fprintf(stderr, _("rosc jobs: cannot read the queue (%s).\n"), err_str(rc));
		arena_free(&a);
		return 1;
	}
	if (n == 0)
		puts(_("No background work is waiting."));
	for (i = 0; i < n; i++) {
		const struct job *j = &jobs[i];

		clock_format_instant(j->run_at_us, at);
		printf("%-8s %-16s %s %2d %s", j->state, j->kind, at, j->attempts, j->id);
		if (j->last_error != NULL)
			printf(" %s", j->last_error);
		putchar('\n');
	}
	arena_free(&a);
	return 0;
}

int
cmd_jobs(int argc, char **argv)
{
	struct config cfg;
	bool all = false;
	int i, rc;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--all") == 0) {
			all = true;
			continue;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0) {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			usage(stderr);
			return 2;
		}
	}
	return list(&cfg, all);
}
