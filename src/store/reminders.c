/* SQL for appointment reminders (see reminders.h). */
#include "store/reminders.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/outbox.h"
#include "store/rows.h"

int
store_reminder_pref(struct store *s, struct arena *a, const struct grant *g,
    struct reminder_pref *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	const char *v;
	int rc;

	(void)a;
	reminder_pref_default(out);
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_BASIC))
		return ERR_NOT_FOUND;
	st = STMT(c, "SELECT channel, day_before, hours_before, detail FROM reminder_pref "
	    "WHERE person_id = ?1");
	bind_text(st, 1, grant_person(g));
	rc = step_row(c, st, "reminder pref");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (!rem_channel_parse(col_cstr(st, 0), &out->channel))
		out->channel = REM_EMAIL;
	v = col_null(st, 1) ? "" : col_cstr(st, 1);
	if (strlen(v) == 5)
		memcpy(out->day_before, v, 6);
	else
		out->day_before[0] = '\0';
	out->hours_before = col_null(st, 2) ? 0 : (int)col_int(st, 2);
	out->full = strcmp(col_cstr(st, 3), "full") == 0;
	out->stored = true;
	stmt_reset(st);
	return 0;
}

int
store_tx_reminder_pref_set(struct store_tx *tx, const struct grant *g,
    const struct reminder_pref *p, int64_t now)
{
	struct stmt *st;

	if (!store_grant_fits(g, grant_person(g)) || !grant_is_self(g))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO reminder_pref (person_id, channel, day_before, "
	    "hours_before, detail, updated_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "ON CONFLICT (person_id) DO UPDATE SET channel = excluded.channel, "
	    "day_before = excluded.day_before, hours_before = excluded.hours_before, "
	    "detail = excluded.detail, updated_us = excluded.updated_us");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, rem_channel_code(p->channel));
	bind_text(st, 3, p->day_before[0] != '\0' ? p->day_before : NULL);
	if (p->hours_before > 0)
		bind_int(st, 4, p->hours_before);
	else
		bind_null(st, 4);
	bind_text(st, 5, p->full ? "full" : "minimal");
	bind_int(st, 6, now);
	return step_done(tx->conn, st, "reminder pref set");
}

static void
read_due(struct arena *a, struct stmt *st, void *row)
{
	struct appt_due *d = row;

	d->person_id = col_text(a, st, 0);
	d->id = col_text(a, st, 1);
}

int
store_reminder_candidates(struct store *s, struct arena *a, int64_t from_us,
    int64_t until_us, struct appt_due **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	/* The partial index appointment_open_when. */
	st = STMT(c, "SELECT person_id, id FROM appointment WHERE status IN ('planned', "
	    "'confirmed') AND starts_us > ?1 AND starts_us <= ?2 ORDER BY starts_us, id "
	    "LIMIT 1000");
	bind_int(st, 1, from_us);
	bind_int(st, 2, until_us);
	rc = rows_collect(st, a, 16, sizeof(**out), read_due, &rows, n, __func__,
	    "reminder candidates");
	*out = rows;
	return rc;
}

int
store_tx_reminder_queue(struct store_tx *tx, const struct grant *g, const char *id,
    enum rem_slot slot, const struct outbox_new *m, int64_t now)
{
	struct stmt *st;
	int rc;

	if (!grant_covers(g, CAT_APPOINTMENTS) || m->person_id == NULL ||
	    strcmp(m->person_id, grant_person(g)) != 0)
		return ERR_INVALID;
	/* The mark first: if it is there already, this reminder went before. */
	st = STMT(tx->conn, "INSERT INTO appointment_reminder (person_id, appointment_id, slot, "
	    "queued_us) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (person_id, appointment_id, slot) "
	    "DO NOTHING");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_text(st, 3, rem_slot_code(slot));
	bind_int(st, 4, now);
	rc = step_changed(tx->conn, st, "reminder mark");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	if ((rc = store_tx_outbox_enqueue(tx, m, NULL, NULL)) != 0)
		return rc;
	return 1;
}
