/* SQL for what the caseload shows of each person (see caseload.h). */
#include "store/caseload.h"

#include <stdlib.h>
#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/checkins.h"
#include "store/rows.h"

static bool
appointments(const struct grant *g)
{
	return grant_covers(g, CAT_APPOINTMENTS);
}

static bool
plan(const struct grant *g)
{
	return grant_covers(g, CAT_PLAN);
}

static void
read_next(struct arena *a, struct stmt *st, void *row)
{
	struct next_appt *x = row;

	x->person_id = col_text(a, st, 0);
	x->starts_us = col_int(st, 1);
	x->time_zone = col_text(a, st, 2);
}

int
store_next_appointments(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, int64_t now, struct next_appt **out, size_t *n)
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
	/* Each person's soonest, by the (person_id, starts_us) index. */
	st = STMT(c, "SELECT p.id, x.starts_us, x.time_zone FROM person p "
	    "JOIN appointment x ON x.person_id = p.id AND x.id = ("
	    "SELECT y.id FROM appointment y WHERE y.person_id = p.id AND y.starts_us >= ?1 "
	    "AND y.status IN ('planned', 'confirmed') ORDER BY y.starts_us, y.id LIMIT 1) "
	    "WHERE p.id IN (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	    "?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, "
	    "?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)");
	for (i = 0; rc == 0 && i < ngs;) {
		bind_int(st, 1, now);
		if (!rows_bind_persons(st, 2, gs, ngs, &i, appointments)) {
			stmt_reset(st);
			break;
		}
		rc = rows_append(st, a, sizeof(**out), read_next, &rows, n, &cap,
		    "next appointments");
	}
	*out = rows;
	return rc;
}

static void
read_phase(struct arena *a, struct stmt *st, void *row)
{
	struct current_phase *x = row;

	x->person_id = col_text(a, st, 0);
	x->template_id = col_text(a, st, 1);
	x->phase_due = col_text(a, st, 2);
	x->seq = col_int(st, 3);
	x->code = col_text(a, st, 4);
	x->name = col_text(a, st, 5);
}

int
store_current_phases(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, struct current_phase **out, size_t *n)
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
	st = STMT(c, "SELECT w.person_id, w.template_id, w.phase_due, h.seq, h.code, h.name "
	    "FROM pathway w JOIN pathway_phase h ON h.person_id = w.person_id "
	    "AND h.pathway_id = w.id AND h.seq = w.phase "
	    "WHERE w.status = 'running' AND w.person_id IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	    "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
	    "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, "
	    "?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32) "
	    "ORDER BY w.person_id, w.offered_us, w.id");
	for (i = 0; rc == 0 && i < ngs;) {
		if (!rows_bind_persons(st, 1, gs, ngs, &i, plan)) {
			stmt_reset(st);
			break;
		}
		rc = rows_append(st, a, sizeof(**out), read_phase, &rows, n, &cap,
		    "current phases");
	}
	*out = rows;
	return rc;
}

/* Each row type begins with its person's id. */
static int
by_person(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int
by_trend(const void *x, const void *y)
{
	const struct checkin_trend *a = x, *b = y;
	int c = strcmp(a->person_id, b->person_id);

	return c != 0 ? c : strcmp(a->day, b->day);
}

int
store_change_counters(struct store *s, int64_t *pgen, int64_t *agen)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT coalesce((SELECT n FROM policy_change WHERE id = 1), 0), "
	    "coalesce((SELECT n FROM appointment_change WHERE id = 1), 0)");
	if ((rc = step_row(c, st, "change counters")) != 0)
		return rc;
	*pgen = col_int(st, 0);
	*agen = col_int(st, 1);
	stmt_reset(st);
	return 0;
}

int
store_caseload_glance(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, const char *from_day, int64_t now, struct glance_rows *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_checkin_trends(s, a, gs, ngs, from_day, &out->t, &out->nt)) != 0 ||
	    (rc = store_next_appointments(s, a, gs, ngs, now, &out->na, &out->nna)) != 0 ||
	    (rc = store_current_phases(s, a, gs, ngs, &out->ph, &out->nph)) != 0)
		return rc;
	/* By person, so a page finds each person's rows by binary search
	 * (the reads come in chunks, and the trends in two passes). */
	if (out->nt > 1)
		qsort(out->t, out->nt, sizeof(*out->t), by_trend);
	if (out->nna > 1)
		qsort(out->na, out->nna, sizeof(*out->na), by_person);
	if (out->nph > 1)
		qsort(out->ph, out->nph, sizeof(*out->ph), by_person);
	return 0;
}
