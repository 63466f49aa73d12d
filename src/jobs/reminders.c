/* The reminder job (see reminders.h). It reads each person's own data
 * with door_reminders() (their contact details, their choice, the
 * appointment), writes the words in their language, and queues each due
 * reminder with its mark in one write. */
#include "jobs/reminders.h"

#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/log.h"
#include "core/person.h"
#include "core/reminder.h"
#include "jobs/outbox.h"
#include "store/appointments.h"
#include "store/outbox.h"
#include "store/persons.h"
#include "store/reminders.h"
#include "store/store.h"

#define BATCH 200

struct due {
	const struct grant *g;
	const char *appointment_id;
	enum rem_slot slot;
	struct outbox_new m;
};

struct queue {
	struct due d[BATCH];
	size_t n;
	int64_t now;
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
		if ((rc = store_tx_reminder_queue(tx, q->d[i].g, q->d[i].appointment_id,
		    q->d[i].slot, &q->d[i].m, q->now)) < 0)
			return rc;
		q->queued += rc;
	}
	return 0;
}

/* The reminders due now for one appointment, added to q. */
static int
plan(struct store *s, struct arena *a, const struct appt_due *c, int64_t now,
    struct queue *q)
{
	const struct grant *g = door_reminders(a, c->person_id);
	struct reminder_pref pref;
	struct appointment x;
	struct person p;
	const char *to, *subject, *body;
	enum lang lang = LANG_EN;
	int slot, rc;

	if ((rc = store_person_get(s, a, g, &p)) != 0 ||
	    (rc = store_appointment_get(s, a, g, c->id, &x)) != 0 ||
	    (rc = store_reminder_pref(s, a, g, &pref)) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	to = pref.channel == REM_EMAIL ? p.email : pref.channel == REM_SMS ? p.phone : NULL;
	if (to == NULL || *to == '\0')
		return 0;
	if (p.lang != NULL)
		(void)lang_parse(p.lang, strlen(p.lang), &lang);
	for (slot = 0; slot < REM_SLOT_COUNT && q->n < BATCH; slot++) {
		int64_t at = reminder_at(&pref, (enum rem_slot)slot, x.starts_us, p.time_zone);
		struct due *d;

		/* Not yet, too late, or before the appointment was made. */
		if (at == 0 || at > now || now - at > REMINDER_LATE_US || at < x.created_us)
			continue;
		i18n_use(lang);
		reminder_text(a, &x, p.time_zone, pref.full, now, lang, &subject, &body);
		i18n_use(LANG_EN);
		d = &q->d[q->n++];
		d->g = g;
		d->appointment_id = x.id;
		d->slot = (enum rem_slot)slot;
		d->m.person_id = x.person_id;
		d->m.about = arena_printf(a, "appointment:%s", x.id);
		d->m.channel = rem_channel_code(pref.channel);
		d->m.recipient = to;
		d->m.subject = subject;
		d->m.body = body;
		d->m.lang = lang_code(lang);
		d->m.send_at_us = now;
	}
	return 0;
}

int
reminders_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	static struct queue q;      /* the runner thread's own: one job at a time */
	struct arena a = ARENA_INIT;
	struct appt_due *cs;
	int64_t now = clock_now_us();
	size_t n, i;
	int rc, total = 0;

	(void)job;
	(void)why;
	(void)whylen;
	rc = store_reminder_candidates(s, &a, now, now + REMINDER_AHEAD_US, &cs, &n);
	for (i = 0; rc == 0 && i < n;) {
		memset(&q, 0, sizeof(q));
		q.now = now;
		for (; rc == 0 && i < n && q.n + REM_SLOT_COUNT <= BATCH; i++)
			rc = plan(s, &a, &cs[i], now, &q);
		store_request_end(s);
		if (rc == 0 && q.n > 0 && (rc = store_write(s, queue_fn, &q)) == 0)
			total += q.queued;
	}
	store_request_end(s);
	arena_free(&a);
	if (rc != 0)
		return rc;
	if (total > 0) {
		log_info("msg=reminders queued=%d", total);
		outbox_poke();
	}
	return 0;
}
