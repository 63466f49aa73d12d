/* rosc demo: loads the demo world into an initialised database, once.
 * It grows with each feature; a second run changes nothing. */
#include <stdio.h>

#include "base/arena.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "cmd/commands.h"
#include "store/store.h"

static int
load(struct store_tx *tx, void *arg)
{
	return store_tx_meta_set(tx, "demo", "1");
}

static void
print_logins(void)
{
	printf("%s\n", _("Demo data is loaded. Sign-in accounts arrive with the "
	    "accounts feature; until then the public pages are all there is."));
}

int
cmd_demo(int argc, char **argv)
{
	struct config cfg;
	struct store *s;
	struct arena a = ARENA_INIT;
	const char *have;
	int i, rc;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			fputs(_("Usage: rosc demo [--db URL]\n"
			    "Loads the demo world into the database (once) and prints "
			    "the demo sign-ins.\n"), stdout);
			return 0;
		}
		rc = config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0) {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			return 2;
		}
	}
	s = cmd_open_store(cfg.db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	rc = store_meta_get(s, &a, "demo", &have);
	if (rc == ERR_NOT_FOUND)
		rc = store_write(s, load, NULL);
	if (rc == 0)
		print_logins();
	else
		fprintf(stderr, _("rosc demo: failed (%s).\n"), err_str(rc));
	arena_free(&a);
	store_close(s);
	return rc == 0 ? 0 : 1;
}
