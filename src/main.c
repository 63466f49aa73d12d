/* rosc: the command line. Every subcommand takes --help and --db. */
#include <jansson.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "app/routes.h"
#include "http/router.h"
#include "policy/policy.h"

static void
usage(FILE *f)
{
	fputs(_("Usage: rosc COMMAND [OPTIONS]\n"
	    "rosc supports people in recovery from alcohol and drug problems, and the\n"
	    "network around them.\n\n"
	    "Commands:\n"
	    "  serve     serve rosc over HTTP\n"
	    "  init      create the database, or bring it up to date\n"
	    "  migrate   apply database updates\n"
	    "  migrate-data  copy the whole database into a new one (SQLite to PostgreSQL)\n"
	    "  demo      load the demo world and print the demo sign-ins\n"
	    "  routes    list every page and API address (--json for JSON)\n"
	    "  backup    copy the database to a file\n"
	    "  restore   replace the database with a backup\n"
	    "  user      add, list and disable accounts\n"
	    "  audit     check the audit log (audit verify)\n"
	    "  jobs      list the background work that waits or failed\n\n"
	    "Run \"rosc COMMAND --help\" for a command's options.\n"
	    "  --help     show this help\n"
	    "  --version  show the version\n"), f);
	/* A block of its own, so the list above keeps its translations. */
	fputs(_("\nImport and export:\n"
	    "  import    import data into rosc (import hsds: a service directory)\n"
	    "  export    export data from rosc (export hsds: the service directory)\n"), f);
	fputs(_("\nMessages:\n"
	    "  outbox    list the e-mail and SMS waiting or failed; retry one; send a test\n"), f);
}

static int
cmd_routes(int argc, char **argv)
{
	int json = 0, i;
	size_t r;
	unsigned bit;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
		} else if (cmd_is_help(argv[i])) {
			fputs(_("Usage: rosc routes [--json]\n"
			    "Lists every route: method, path pattern and flags.\n"), stdout);
			return 0;
		} else {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			return 2;
		}
	}
	if (json) {
		json_t *arr = json_array();
		char *s;

		for (r = 0; r < routes_count; r++) {
			json_t *flags = json_array(), *params = json_array();
			size_t k;

			for (bit = 1; bit <= R_LAST; bit <<= 1)
				if (routes[r].flags & bit)
					json_array_append_new(flags, json_string(router_flag_name(bit)));
			for (k = 0; k < ROUTE_MAX_PARAMS && routes[r].kinds[k] != P_NONE; k++)
				json_array_append_new(params, json_string(router_param_kind_name(
				    (enum param_kind)routes[r].kinds[k])));
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:o}",
			    "method", routes[r].method, "path", routes[r].pattern,
			    "access", access_name((enum access)routes[r].access),
			    "flags", flags, "params", params));
		}
		s = json_dumps(arr, JSON_INDENT(2));
		puts(s);
		free(s);
		json_decref(arr);
		return 0;
	}
	for (r = 0; r < routes_count; r++) {
		printf("%-6s %-34s %-10s", routes[r].method, routes[r].pattern,
		    access_name((enum access)routes[r].access));
		for (bit = 1; bit <= R_LAST; bit <<= 1)
			if (routes[r].flags & bit)
				printf(" %s", router_flag_name(bit));
		putchar('\n');
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{"audit", cmd_audit},
		{"backup", cmd_backup},
		{"demo", cmd_demo},
		{"export", cmd_export},
		{"import", cmd_import},
		{"init", cmd_init},
		{"jobs", cmd_jobs},
		{"migrate", cmd_migrate},
		{"migrate-data", cmd_migrate_data},
		{"outbox", cmd_outbox},
		{"restore", cmd_restore},
		{"routes", cmd_routes},
		{"serve", cmd_serve},
		{"user", cmd_user},
	};
	size_t i;

	/* The command line speaks the environment's language; numbers stay
	 * in the C locale everywhere. The server sets a locale per request. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	i18n_init();
	if (sodium_init() < 0) {
		fputs("rosc: libsodium failed to initialise\n", stderr);
		return 1;
	}
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (cmd_is_help(argv[1])) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("rosc %s\n", ROSC_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, _("rosc: unknown command \"%s\"\n"), argv[1]);
	usage(stderr);
	return 2;
}
