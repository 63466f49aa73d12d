/* The demo's questionnaire answers (rosc demo): Mette has answered the
 * WHO-5 three times over the last three months, her well-being rising
 * (36, 48, 60), and the BARC-10 twice (38, then 44), once with Karin in
 * a conversation; Jan answered the AUDIT-C once. The shipped
 * questionnaires are put in the database first if they are not there.
 * Loaded once, under meta "demo_questionnaires", after the pathways. */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "cmd/commands.h"
#include "core/account.h"
#include "core/q_response.h"
#include "store/accounts.h"
#include "store/responses.h"
#include "store/store.h"
#include "view/responses.h"

#define DAY_US (INT64_C(86400) * 1000000)

struct given {
	int person;                    /* DEMO_METTE ... */
	const char *code;
	int days;                      /* days ago */
	bool by_karin;                 /* entered by Karin from a conversation */
	int values[10];
};

static const struct given given[] = {
	{DEMO_METTE, "who-5", 84, false, {2, 2, 2, 2, 1}},
	{DEMO_METTE, "barc-10", 70, true, {4, 4, 4, 4, 4, 4, 4, 4, 3, 3}},
	{DEMO_METTE, "who-5", 42, false, {3, 2, 3, 2, 2}},
	{DEMO_METTE, "barc-10", 10, false, {5, 5, 4, 4, 5, 4, 4, 5, 4, 4}},
	{DEMO_METTE, "who-5", 7, false, {3, 3, 3, 3, 3}},
	{DEMO_JAN, "audit-c", 3, false, {2, 2, 1}},
};
#define NGIVEN (sizeof(given) / sizeof(given[0]))

struct load {
	struct arena a;
	struct q_response x[NGIVEN];
};

static int
load_responses(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	size_t i;
	int rc = 0;

	for (i = 0; i < NGIVEN && rc == 0; i++)
		rc = store_tx_response_insert(tx, door_command_line(&w->a, w->x[i].person_id),
		    &w->x[i]);
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_questionnaires", "1");
	return rc;
}

static const char *
user(struct store *s, struct arena *a, const char *name)
{
	char key[USERNAME_MAX + 1];
	struct user u;

	username_key(name, key);
	return store_user_by_username(s, a, key, &u) == 0 ? u.id : NULL;
}

int
demo_questionnaires(struct store *s, const char *const person_ids[DEMO_PERSONS],
    const char *const zones[DEMO_PERSONS], int64_t now)
{
	static struct load w;
	const char *have, *by[DEMO_PERSONS] = {NULL}, *karin;
	struct q_version v;
	size_t i, k;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = store_meta_get(s, &w.a, "demo_questionnaires", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	/* rosc init ships them; a database made otherwise gets them here. */
	if ((rc = cmd_ship_questionnaires(s)) != 0)
		goto out;
	by[DEMO_METTE] = user(s, &w.a, "mette");
	by[DEMO_JAN] = user(s, &w.a, "jan");
	karin = user(s, &w.a, "karin");
	for (i = 0; i < NGIVEN && rc == 0; i++) {
		const struct given *g = &given[i];
		struct q_answer *xs;

		if ((rc = view_q_version(s, &w.a, NULL, g->code, &v)) != 0)
			break;
		xs = arena_alloc(&w.a, v.d.nitems * sizeof(*xs));
		for (k = 0; k < v.d.nitems; k++) {
			xs[k].item = v.d.items[k].id;
			xs[k].value = g->values[k];
		}
		view_response_new(&w.a, &v, person_ids[g->person], zones[g->person],
		    g->by_karin ? QR_STAFF : QR_SELF, g->by_karin ? karin : by[g->person], xs,
		    v.d.nitems, now - (int64_t)g->days * DAY_US, &w.x[i]);
		/* The version read lives in w.a; keep its code and id. */
		if (w.x[i].created_by == NULL)
			rc = ERR_NOT_FOUND;
	}
	store_request_end(s);
	if (rc == 0)
		rc = store_write(s, load_responses, &w);
out:
	arena_free(&w.a);
	return rc;
}
