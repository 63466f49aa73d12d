/* SQL for check-ins (see checkins.h). */
#include "store/checkins.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/outbox.h"
#include "store/rows.h"
#include "store/warnings.h"

static void
copy_day(char out[11], const char *v)
{
	out[0] = '\0';
	if (v != NULL && strlen(v) == 10)
		memcpy(out, v, 11);
}

static enum checkin_use
use_of(struct stmt *st, int i)
{
	enum checkin_use u = CU_SKIPPED;

	if (!col_null(st, i) && !checkin_use_parse(col_cstr(st, i), &u))
		u = CU_SKIPPED;
	return u;
}

static void
read_checkin(struct arena *a, struct stmt *st, void *row)
{
	struct checkin *c = row;

	c->person_id = col_text(a, st, 0);
	c->id = col_text(a, st, 1);
	copy_day(c->day, col_cstr(st, 2));
	c->at_us = col_int(st, 3);
	c->mood = (int)col_int(st, 4);
	c->craving = col_null(st, 5) ? -1 : (int)col_int(st, 5);
	c->use = use_of(st, 6);
	c->sleep = (int)col_int(st, 7);
	c->supported = (int)col_int(st, 8);
	c->line = col_text(a, st, 9);
	c->created_by = col_text(a, st, 10);
}

int
store_checkins(struct store *s, struct arena *a, const struct grant *g,
    const char *before_id, size_t limit, struct checkin **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_QUESTIONNAIRES))
		return ERR_NOT_FOUND;
	/* Craving and use only with substance-use details (?2 = 1). */
	st = STMT(c, "SELECT person_id, id, day, at_us, mood, "
	    "CASE WHEN ?2 = 1 THEN craving END, CASE WHEN ?2 = 1 THEN use_since END, "
	    "sleep, supported, line, created_by FROM checkin WHERE person_id = ?1 "
	    "AND (CAST(?3 AS TEXT) IS NULL OR (day, at_us, id) < (SELECT b.day, b.at_us, b.id "
	    "FROM checkin b WHERE b.person_id = ?1 AND b.id = ?3)) "
	    "ORDER BY day DESC, at_us DESC, id DESC LIMIT ?4");
	bind_text(st, 1, grant_person(g));
	bind_int(st, 2, grant_covers(g, CAT_SUBSTANCE) ? 1 : 0);
	bind_text(st, 3, before_id);
	bind_int(st, 4, (int64_t)limit);
	rc = rows_collect(st, a, limit < 64 ? limit + 1 : 64, sizeof(**out), read_checkin,
	    &rows, n, __func__, "checkins");
	*out = rows;
	return rc;
}

int
store_checkin_days(struct store *s, struct arena *a, const struct grant *g,
    const char ***out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_QUESTIONNAIRES))
		return ERR_NOT_FOUND;
	st = STMT(c, "SELECT DISTINCT day FROM checkin WHERE person_id = ?1 "
	    "ORDER BY day DESC LIMIT 1000");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 32, sizeof(const char *), rows_read_text, &rows, n, __func__,
	    "checkin days");
	*out = rows;
	return rc;
}

int
store_checkin_pref(struct store *s, struct arena *a, const struct grant *g,
    struct checkin_pref *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	const char *v;
	int rc;

	(void)a;
	checkin_pref_default(out);
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_QUESTIONNAIRES))
		return ERR_NOT_FOUND;
	st = STMT(c, "SELECT every_days, remind, remind_at, channel, reminded_day "
	    "FROM checkin_pref WHERE person_id = ?1");
	bind_text(st, 1, grant_person(g));
	rc = step_row(c, st, "checkin pref");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	out->every_days = (int)col_int(st, 0);
	out->remind = col_int(st, 1) != 0;
	v = col_cstr(st, 2);
	if (v != NULL && strlen(v) == 5)
		memcpy(out->remind_at, v, 6);
	if (!rem_channel_parse(col_cstr(st, 3), &out->channel))
		out->channel = REM_EMAIL;
	copy_day(out->reminded_day, col_null(st, 4) ? NULL : col_cstr(st, 4));
	out->stored = true;
	stmt_reset(st);
	return 0;
}

int
store_tx_checkin_insert(struct store_tx *tx, const struct grant *g, const struct checkin *c)
{
	struct stmt *st;
	const char *field, *code;
	int rc;

	if (!store_grant_fits(g, c->person_id) || !grant_is_self(g) ||
	    !grant_covers(g, CAT_QUESTIONNAIRES) || !grant_covers(g, CAT_SUBSTANCE) ||
	    c->id == NULL || c->created_by == NULL || !checkin_valid(c, &field, &code))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO checkin (person_id, id, day, at_us, mood, craving, "
	    "use_since, sleep, supported, line, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11)");
	bind_text(st, 1, c->person_id);
	bind_text(st, 2, c->id);
	bind_text(st, 3, c->day);
	bind_int(st, 4, c->at_us);
	bind_int(st, 5, c->mood);
	bind_int(st, 6, c->craving);
	bind_text(st, 7, checkin_use_code(c->use));
	bind_int(st, 8, c->sleep);
	bind_int(st, 9, c->supported);
	bind_text(st, 10, c->line != NULL && *c->line != '\0' ? c->line : NULL);
	bind_text(st, 11, c->created_by);
	if ((rc = step_done(tx->conn, st, "checkin insert")) != 0)
		return rc;
	/* What the person said may raise an early warning: looked at by the
	 * job this write queues (jobs/warnings.c). */
	return store_tx_warning_check(tx, c->person_id, c->at_us);
}

int
store_tx_checkin_pref_set(struct store_tx *tx, const struct grant *g,
    const struct checkin_pref *p, int64_t now)
{
	struct stmt *st;

	if (!store_grant_fits(g, grant_person(g)) || !grant_is_self(g) ||
	    !checkin_rhythm_valid(p->every_days) || strlen(p->remind_at) != 5)
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO checkin_pref (person_id, every_days, remind, "
	    "remind_at, channel, reminded_day, updated_us) VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6) "
	    "ON CONFLICT (person_id) DO UPDATE SET every_days = excluded.every_days, "
	    "remind = excluded.remind, remind_at = excluded.remind_at, "
	    "channel = excluded.channel, updated_us = excluded.updated_us");
	bind_text(st, 1, grant_person(g));
	bind_int(st, 2, p->every_days);
	bind_int(st, 3, p->remind ? 1 : 0);
	bind_text(st, 4, p->remind_at);
	bind_text(st, 5, rem_channel_code(p->channel));
	bind_int(st, 6, now);
	return step_done(tx->conn, st, "checkin pref set");
}

/* Many persons */

static bool
with_substance(const struct grant *g)
{
	return grant_covers(g, CAT_QUESTIONNAIRES) && grant_covers(g, CAT_SUBSTANCE);
}

static bool
without_substance(const struct grant *g)
{
	return grant_covers(g, CAT_QUESTIONNAIRES) && !grant_covers(g, CAT_SUBSTANCE);
}

static bool
questionnaires(const struct grant *g)
{
	return grant_covers(g, CAT_QUESTIONNAIRES);
}

static void
read_trend(struct arena *a, struct stmt *st, void *row)
{
	struct checkin_trend *t = row;

	t->person_id = col_text(a, st, 0);
	copy_day(t->day, col_cstr(st, 1));
	t->mood = (int)col_int(st, 2);
	t->craving = col_null(st, 3) ? -1 : (int)col_int(st, 3);
	t->use = use_of(st, 4);
}

int
store_checkin_trends(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, const char *from_day, struct checkin_trend **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows = NULL;
	size_t cap = 0, i;
	int pass, rc = 0;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	for (pass = 0; pass < 2 && rc == 0; pass++) {
		if (pass == 0)
			st = STMT(c,
	    "SELECT person_id, day, mood, craving, use_since FROM checkin WHERE day >= ?1 "
	    "AND person_id IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	    "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
	    "?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33) "
	    "ORDER BY person_id, day, at_us");
		else
			st = STMT(c,
	    "SELECT person_id, day, mood, -1, NULL FROM checkin WHERE day >= ?1 "
	    "AND person_id IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	    "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
	    "?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33) "
	    "ORDER BY person_id, day, at_us");
		for (i = 0; rc == 0 && i < ngs;) {
			bind_text(st, 1, from_day);
			if (!rows_bind_persons(st, 2, gs, ngs, &i, pass == 0 ? with_substance :
			    without_substance)) {
				stmt_reset(st);
				break;
			}
			rc = rows_append(st, a, sizeof(**out), read_trend, &rows, n, &cap,
			    "checkin trends");
		}
	}
	*out = rows;
	return rc;
}

static void
read_last(struct arena *a, struct stmt *st, void *row)
{
	struct checkin_last *l = row;

	l->person_id = col_text(a, st, 0);
	copy_day(l->last_day, col_null(st, 1) ? NULL : col_cstr(st, 1));
	l->every_days = (int)col_int(st, 2);
}

int
store_checkin_last(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, struct checkin_last **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows = NULL;
	size_t cap = 0, i;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c,
	    "SELECT p.id, (SELECT max(c.day) FROM checkin c WHERE c.person_id = p.id), "
	    "coalesce(cp.every_days, 0) FROM person p LEFT JOIN checkin_pref cp ON "
	    "cp.person_id = p.id WHERE p.id IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
	    "?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)");
	for (i = 0; rc == 0 && i < ngs;) {
		if (!rows_bind_persons(st, 1, gs, ngs, &i, questionnaires)) {
			stmt_reset(st);
			break;
		}
		rc = rows_append(st, a, sizeof(**out), read_last, &rows, n, &cap, "checkin last");
	}
	*out = rows;
	return rc;
}

/* The reminder job */

int
store_checkin_reminder_candidates(struct store *s, struct arena *a, const char ***ids,
    size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*ids = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT person_id FROM checkin_pref WHERE remind = 1 AND every_days > 0 "
	    "AND channel <> 'none' ORDER BY person_id LIMIT 10000");
	rc = rows_collect(st, a, 32, sizeof(const char *), rows_read_text, &rows, n, __func__,
	    "checkin reminder candidates");
	*ids = rows;
	return rc;
}

int
store_tx_checkin_remind(struct store_tx *tx, const struct grant *g, const char *day,
    const struct outbox_new *m)
{
	struct stmt *st;
	int rc;

	if (!grant_covers(g, CAT_QUESTIONNAIRES) || m->person_id == NULL ||
	    strcmp(m->person_id, grant_person(g)) != 0 || day == NULL)
		return ERR_INVALID;
	/* The mark first: a reminder on this day or later means it went. */
	st = STMT(tx->conn, "UPDATE checkin_pref SET reminded_day = ?2 WHERE person_id = ?1 "
	    "AND (reminded_day IS NULL OR reminded_day < ?2)");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, day);
	rc = step_changed(tx->conn, st, "checkin reminder mark");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	if ((rc = store_tx_outbox_enqueue(tx, m, NULL, NULL)) != 0)
		return rc;
	return 1;
}
