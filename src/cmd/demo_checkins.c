/* The demo's check-ins (rosc demo): Mette has checked in every evening
 * for three weeks (a streak, good weeks, one hard evening a few days ago
 * with a craving of 8) and asked for a reminder at 20:00 each day; Jan
 * checks in once a week. Loaded once, under meta "demo_checkins", after
 * the pathways. */
#include "cmd/demo.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/checkin.h"
#include "store/accounts.h"
#include "store/checkins.h"
#include "store/store.h"

/* Days ago, mood, craving, use, sleep, supported, line. */
struct demo_checkin {
	int ago, mood, craving;
	enum checkin_use use;
	int sleep, supported;
	const char *line;
};

static const struct demo_checkin mette[] = {
	{21, 2, 6, CU_LITTLE, 2, 3, "Svær weekend. Men jeg fortalte Karin det."},
	{20, 3, 5, CU_NONE, 2, 3, NULL},
	{19, 3, 4, CU_NONE, 3, 4, NULL},
	{18, 3, 4, CU_NONE, 3, 4, "Gik en tur ved søerne."},
	{17, 4, 3, CU_NONE, 3, 4, NULL},
	{16, 3, 4, CU_NONE, 3, 3, NULL},
	{15, 4, 3, CU_NONE, 4, 4, NULL},
	{14, 4, 2, CU_NONE, 4, 4, "Min søster kom forbi."},
	{13, 4, 2, CU_NONE, 4, 5, NULL},
	{12, 3, 3, CU_NONE, 3, 4, NULL},
	{11, 4, 2, CU_NONE, 4, 4, NULL},
	{10, 4, 2, CU_NONE, 4, 4, "Første arbejdsdag i køkkenet igen."},
	{9, 5, 1, CU_NONE, 4, 5, NULL},
	{8, 4, 2, CU_NONE, 4, 4, NULL},
	{7, 4, 2, CU_NONE, 3, 4, NULL},
	{6, 3, 3, CU_NONE, 3, 4, NULL},
	{5, 3, 4, CU_NONE, 3, 3, NULL},
	{4, 4, 3, CU_NONE, 4, 4, NULL},
	{3, 2, 8, CU_NONE, 2, 3, "Hård aften. Ringede til Karin i stedet."},
	{2, 3, 5, CU_NONE, 3, 4, NULL},
	{1, 4, 3, CU_NONE, 4, 4, "Det hjalp at tale om det."},
};

static const struct demo_checkin jan[] = {
	{30, 3, 5, CU_NONE, 3, 3, NULL},
	{23, 3, 4, CU_NONE, 3, 4, "Weer gaan fietsen."},
	{16, 4, 3, CU_NONE, 4, 4, NULL},
	{9, 3, 4, CU_NONE, 3, 4, NULL},
	{2, 4, 3, CU_NONE, 4, 4, "Goede week met de groep."},
};

struct load {
	struct arena a;
	const char *person[2], *zone[2], *user[2];
	int64_t now;
};

static int
add(struct store_tx *tx, struct load *w, int who, const struct demo_checkin *d)
{
	const struct grant *g = door_command_line(&w->a, w->person[who]);
	char today[11], hm[6], *id = arena_alloc(&w->a, ID_LEN + 1);
	struct checkin c;
	int64_t at;

	if (!timefmt_local_fields(w->now, w->zone[who], today, hm))
		return ERR_INVALID;
	memset(&c, 0, sizeof(c));
	clock_day_date(clock_date_day(today) - d->ago, c.day);
	/* In the evening, a little after the reminder. */
	if (timefmt_local_to_us(c.day, who == 0 ? "20:10" : "19:30", w->zone[who], 0, &at) != 0)
		return ERR_INVALID;
	id_new(id);
	c.person_id = w->person[who];
	c.id = id;
	c.at_us = at;
	c.mood = d->mood;
	c.craving = d->craving;
	c.use = d->use;
	c.sleep = d->sleep;
	c.supported = d->supported;
	c.line = d->line;
	c.created_by = w->user[who];
	return store_tx_checkin_insert(tx, g, &c);
}

static int
load_checkins(struct store_tx *tx, void *arg)
{
	struct load *w = arg;
	struct checkin_pref p;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < sizeof(mette) / sizeof(mette[0]); i++)
		rc = add(tx, w, 0, &mette[i]);
	for (i = 0; rc == 0 && i < sizeof(jan) / sizeof(jan[0]); i++)
		rc = add(tx, w, 1, &jan[i]);
	checkin_pref_default(&p);
	p.every_days = 1;
	p.remind = true;
	if (rc == 0)
		rc = store_tx_checkin_pref_set(tx, door_command_line(&w->a, w->person[0]), &p,
		    w->now);
	checkin_pref_default(&p);
	p.every_days = 7;
	if (rc == 0)
		rc = store_tx_checkin_pref_set(tx, door_command_line(&w->a, w->person[1]), &p,
		    w->now);
	if (rc == 0)
		rc = store_tx_meta_set(tx, "demo_checkins", "1");
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
demo_checkins(struct store *s, const char *const person_ids[DEMO_PERSONS],
    const char *const zones[DEMO_PERSONS], int64_t now)
{
	static struct load w;
	const char *have;
	int rc;

	memset(&w, 0, sizeof(w));
	rc = store_meta_get(s, &w.a, "demo_checkins", &have);
	store_request_end(s);
	if (rc != ERR_NOT_FOUND)
		goto out;
	w.now = now;
	w.person[0] = person_ids[DEMO_METTE];
	w.person[1] = person_ids[DEMO_JAN];
	w.zone[0] = zones[DEMO_METTE];
	w.zone[1] = zones[DEMO_JAN];
	w.user[0] = user(s, &w.a, "mette");
	w.user[1] = user(s, &w.a, "jan");
	store_request_end(s);
	rc = w.user[0] != NULL && w.user[1] != NULL ? store_write(s, load_checkins, &w) :
	    ERR_NOT_FOUND;
out:
	arena_free(&w.a);
	return rc;
}
