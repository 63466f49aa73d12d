/* The demo's self-help meetings (rosc demo): a small Meeting Guide feed
 * of AA and NA meetings in Copenhagen, Aarhus, Amsterdam and Utrecht
 * (data/meetings-demo.json), two of them online every evening (in Danish
 * at 20:00, in Dutch at 20:30), so that "tonight" finds one whatever the
 * day. Mette keeps the Danish one in her plan. Loaded once, under meta
 * "demo_meetings". */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "cmd/commands.h"
#include "store/meetings.h"
#include "store/store.h"

struct load {
	const struct grant *g;
	const char *meeting_id;
	int64_t now;
};

static int
load_fn(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	int rc = store_tx_meeting_favourite_add(tx, w->g, w->meeting_id, w->now);

	return rc ? rc : store_tx_meta_set(tx, "demo_meetings", "1");
}

int
demo_meetings(struct store *s, const char *mette, int64_t now)
{
	struct arena a = ARENA_INIT;
	struct load w = {0};
	const char *have;
	int rc;

	rc = store_meta_get(s, &a, "demo_meetings", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	if ((rc = cmd_demo_meetings(s)) != 0)
		goto out;
	rc = store_meeting_by_slug(s, &a, "rosc-demo", "dk-online-aften", &w.meeting_id);
	store_request_end(s);
	if (rc != 0)
		goto out;
	/* The command line acts for Mette here, as she would save it herself. */
	w.g = door_command_line(&a, mette);
	w.now = now;
	rc = store_write(s, load_fn, &w);
out:
	arena_free(&a);
	return rc;
}
