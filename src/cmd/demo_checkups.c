/* The demo's recovery check-ups (rosc demo): Mads Krogh in Copenhagen
 * finished treatment about twenty weeks ago; his check-ups are quarterly
 * for two years, each with Jonas, his peer worker at Recovery-
 * fællesskabet Broen. The first was done some seven weeks ago; the next
 * is in about six. Bram van IJzendoorn in Amsterdam likewise, with Daan,
 * his coordinator at De Brug. Loaded once, under meta "demo_checkups",
 * after the pathways. */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/timefmt.h"
#include "core/checkup.h"
#include "store/appointments.h"
#include "store/checkups.h"
#include "store/store.h"
#include "view/checkup.h"

#define DAY_US (INT64_C(86400) * 1000000)

struct one {
	const struct grant *g;
	struct checkup_build b;
	const struct checkup_member *with;
};

struct load {
	struct arena a;
	struct one p[2];
	size_t n;
};

static int
load_fn(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < w->n; i++) {
		struct one *o = &w->p[i];
		struct checkup *c = &o->b.cs[0];
		int64_t made = o->b.plan.created_us, done = c->due_us + 2 * 3600 * INT64_C(1000000);

		/* The first check-up was held: its conversation done, it too. */
		c->status = CK_DONE;
		c->status_us = c->done_us = done;
		c->done_by = o->with->user_id;
		rc = store_tx_checkup_plan_set(tx, o->g, &o->b.plan, o->b.cs, o->b.n, o->b.appts,
		    o->b.nappts, NULL, 0, NULL, o->b.plan.created_by, NULL, made);
		if (rc == 0) {
			o->b.appts[0].version = 1;
			rc = store_tx_appointment_status(tx, o->g, &o->b.appts[0], AS_DONE, NULL,
			    o->with->user_id, o->with->org_id, done);
		}
	}
	return rc ? rc : store_tx_meta_set(tx, "demo_checkups", "1");
}

/* A plan for person_id with the member of that role, from about twenty
 * weeks ago (set then by that member). */
static int
plan_for(struct store *s, struct load *w, const char *person_id, const char *zone,
    const char *role, const char *title, const char *title_lang, int64_t now)
{
	struct one *o = &w->p[w->n];
	struct checkup_member *ms;
	struct checkup_plan_fields f;
	struct checkup_build_in in;
	char today[11], hm[6];
	size_t n, i;
	int rc;

	o->g = door_command_line(&w->a, person_id);
	if (!timefmt_local_fields(now, zone, today, hm))
		return ERR_INVALID;
	if ((rc = store_checkup_members(s, &w->a, o->g, today, &ms, &n)) != 0)
		return rc;
	o->with = NULL;
	for (i = 0; i < n && o->with == NULL; i++)
		if (strcmp(ms[i].role, role) == 0)
			o->with = &ms[i];
	if (o->with == NULL)
		return ERR_NOT_FOUND;
	memset(&f, 0, sizeof(f));
	clock_day_date(clock_date_day(today) - 140, f.starts_on);
	memcpy(f.at_time, CHECKUP_TIME_DEFAULT, 6);
	f.every = CHECKUP_EVERY_DEFAULT;
	f.for_months = CHECKUP_FOR_DEFAULT;
	f.questionnaires = "who-5 barc-10";
	memset(&in, 0, sizeof(in));
	in.person_id = person_id;
	in.time_zone = zone;
	in.f = &f;
	in.with = o->with;
	in.title = title;
	in.title_lang = title_lang;
	in.by_user = o->with->user_id;
	in.by_org = o->with->org_id;
	in.now = now - 140 * DAY_US;
	if ((rc = view_checkup_build(&w->a, &in, &o->b)) != 0)
		return ERR_INVALID;
	w->n++;
	return 0;
}

int
demo_checkups(struct store *s, const char *mads, const char *bram, int64_t now)
{
	static struct load w;
	const char *have;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = store_meta_get(s, &w.a, "demo_checkups", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	rc = plan_for(s, &w, mads, "Europe/Copenhagen", "peer_worker", "Opfølgningstjek", "da",
	    now);
	if (rc == 0)
		rc = plan_for(s, &w, bram, "Europe/Amsterdam", "coordinator", "Herstelcheck", "nl",
		    now);
	store_request_end(s);
	if (rc == 0)
		rc = store_write(s, load_fn, &w);
out:
	arena_free(&w.a);
	return rc;
}
