/* The check-in reminder job (see checkin_reminders.h). It reads each
 * person's own data with door_checkin_reminders() (their contact details,
 * rhythm and last check-in day), writes the words in their language
 * (nothing sensitive: no word of alcohol or drugs, a message may be read
 * over a shoulder), and queues each due reminder with its mark in one
 * write. */
#include "jobs/checkin_reminders.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/log.h"
#include "base/timefmt.h"
#include "core/checkin.h"
#include "core/person.h"
#include "jobs/outbox.h"
#include "store/checkins.h"
#include "store/outbox.h"
#include "store/persons.h"
#include "store/store.h"

#define BATCH 200

struct due {
	const struct grant *g;
	char day[11];
	struct outbox_new m;
};

struct queue {
	struct due d[BATCH];
	size_t n;
	int queued;
};

static int
queue_fn(struct store_tx *tx, void *arg)
{
	struct queue *q = arg;
	size_t i;
	int rc;

	q->queued = 0;
	for (i = 0; i < q->n; i++) {
		if ((rc = store_tx_checkin_remind(tx, q->d[i].g, q->d[i].day, &q->d[i].m)) < 0)
			return rc;
		q->queued += rc;
	}
	return 0;
}

/* The reminder due now for one person, if any, added to q. */
static int
plan(struct store *s, struct arena *a, const char *person_id, int64_t now, struct queue *q)
{
	const struct grant *g = door_checkin_reminders(a, person_id);
	struct checkin_pref pref;
	struct checkin *last;
	struct person p;
	const char *to, *tz, *subject, *body;
	char today[11], hm[6];
	enum lang lang = LANG_EN;
	struct due *d;
	size_t n;
	int rc;

	if ((rc = store_person_get(s, a, g, &p)) != 0 ||
	    (rc = store_checkin_pref(s, a, g, &pref)) != 0 ||
	    (rc = store_checkins(s, a, g, NULL, 1, &last, &n)) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	tz = p.time_zone != NULL ? p.time_zone : "Europe/Copenhagen";
	if (!timefmt_local_fields(now, tz, today, hm) ||
	    !checkin_reminder_due(&pref, n > 0 ? last[0].day : NULL, today, hm))
		return 0;
	to = pref.channel == REM_EMAIL ? p.email : pref.channel == REM_SMS ? p.phone : NULL;
	if (to == NULL || *to == '\0')
		return 0;
	if (p.lang != NULL)
		(void)lang_parse(p.lang, strlen(p.lang), &lang);
	i18n_use(lang);
	checkin_reminder_text(&subject, &body);
	subject = arena_strdup(a, subject);
	body = arena_strdup(a, body);
	i18n_use(LANG_EN);
	d = &q->d[q->n++];
	d->g = g;
	memcpy(d->day, today, sizeof(today));
	d->m.person_id = p.id;
	d->m.about = arena_printf(a, "checkin:%s", p.id);
	d->m.channel = rem_channel_code(pref.channel);
	d->m.recipient = to;
	d->m.subject = subject;
	d->m.body = body;
	d->m.lang = lang_code(lang);
	d->m.send_at_us = now;
	return 0;
}

int
checkin_reminders_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	static struct queue q;      /* the runner thread's own: one job at a time */
	struct arena a = ARENA_INIT;
	const char **ids;
	int64_t now = clock_now_us();
	size_t n, i;
	int rc, total = 0;

	(void)job;
	(void)why;
	(void)whylen;
	rc = store_checkin_reminder_candidates(s, &a, &ids, &n);
	for (i = 0; rc == 0 && i < n;) {
		memset(&q, 0, sizeof(q));
		for (; rc == 0 && i < n && q.n < BATCH; i++)
			rc = plan(s, &a, ids[i], now, &q);
		store_request_end(s);
		if (rc == 0 && q.n > 0 && (rc = store_write(s, queue_fn, &q)) == 0)
			total += q.queued;
	}
	store_request_end(s);
	arena_free(&a);
	if (rc != 0)
		return rc;
	if (total > 0) {
		log_info("msg=checkin_reminders queued=%d", total);
		outbox_poke();
	}
	return 0;
}
