/* The check-up job (see checkups.h). */
#include "jobs/checkups.h"

#include <stdio.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/log.h"
#include "core/checkup.h"
#include "core/person.h"
#include "core/reminder.h"
#include "jobs/outbox.h"
#include "store/checkups.h"
#include "store/outbox.h"
#include "store/persons.h"
#include "store/reminders.h"
#include "store/store.h"

#define DAY_US (INT64_C(86400) * 1000000)
#define BATCH 200

struct mark {
	const struct grant *g;
	const char *id;
	bool done;
	struct outbox_new m;
	bool send;
	int64_t now;
	int missed;
};

static int
mark_fn(struct store_tx *tx, void *arg)
{
	struct mark *x = arg;
	int rc;

	if (x->done)
		rc = store_tx_checkup_done(tx, x->g, x->id, NULL, x->now);
	else
		rc = store_tx_checkup_missed(tx, x->g, x->id, x->send ? &x->m : NULL, x->now);
	if (rc == ERR_NOT_FOUND)
		return 0;              /* recorded in the meantime */
	if (rc == 0 && !x->done)
		x->missed = 1;
	return rc;
}

/* The reminder's words: that a check-up was missed and where to look;
 * nothing about what it is for, so a shared phone or inbox tells no one
 * anything. */
static void
words(struct arena *a, enum lang l, const char **subject, const char **body)
{
	i18n_use(l);
	*subject = arena_strdup(a, _("A check-up to catch up on"));
	*body = arena_strdup(a, _("We missed you at your check-up. Open rosc to find a new "
	    "time, or get in touch with your team. We are glad to hear from you."));
	i18n_use(LANG_EN);
}

/* One check-up whose grace period has ended. */
static int
look(struct store *s, struct arena *a, const struct checkup_overdue *o, int64_t now,
    int *missed)
{
	struct mark x;
	struct checkup c;
	struct person p;
	struct reminder_pref pref;
	enum lang lang = LANG_EN;
	const char *to;
	int rc;

	memset(&x, 0, sizeof(x));
	x.g = door_checkups(a, o->person_id);
	x.id = o->id;
	x.now = now;
	if ((rc = store_checkup_get(s, a, x.g, o->id, &c)) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	x.done = store_checkup_answered(&c);
	if (!x.done) {
		if ((rc = store_person_get(s, a, x.g, &p)) != 0 ||
		    (rc = store_reminder_pref(s, a, x.g, &pref)) != 0)
			return rc == ERR_NOT_FOUND ? 0 : rc;
		to = pref.channel == REM_EMAIL ? p.email : pref.channel == REM_SMS ? p.phone : NULL;
		if (p.lang != NULL)
			(void)lang_parse(p.lang, strlen(p.lang), &lang);
		if (to != NULL && *to != '\0') {
			x.send = true;
			x.m.person_id = o->person_id;
			x.m.about = arena_printf(a, "checkup:%s", o->id);
			x.m.channel = rem_channel_code(pref.channel);
			x.m.recipient = to;
			words(a, lang, &x.m.subject, &x.m.body);
			x.m.lang = lang_code(lang);
			x.m.send_at_us = now;
		}
	}
	store_request_end(s);
	if ((rc = store_write(s, mark_fn, &x)) != 0)
		return rc;
	*missed += x.missed;
	return 0;
}

int
checkups_look(struct store *s, int64_t now)
{
	struct arena a = ARENA_INIT;
	struct checkup_overdue *os;
	size_t n, i;
	int rc, missed = 0;

	rc = store_checkups_overdue(s, &a, now - CHECKUP_GRACE_DAYS * DAY_US, BATCH, &os, &n);
	store_request_end(s);
	for (i = 0; rc == 0 && i < n; i++)
		rc = look(s, &a, &os[i], now, &missed);
	store_request_end(s);
	arena_free(&a);
	if (rc != 0)
		return rc;
	if (missed > 0) {
		log_info("msg=\"check-ups missed\" n=%d", missed);
		outbox_poke();
	}
	return missed;
}

int
checkups_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	int rc;

	(void)job;
	rc = checkups_look(s, clock_now_us());
	if (rc < 0)
		snprintf(why, whylen, "%s", err_str(rc));
	return rc < 0 ? rc : 0;
}
