/* SQL for the programme outcome reports (see outcomes.h).
 *
 * The reports read what migration 0031 keeps: outcome_seen (whom each
 * organisation may count, since and until when) and outcome_event (each
 * thing counted, once for each organisation that may count it, in person
 * order), made again for the persons a write marked in outcome_dirty
 * (store_outcomes_refresh()). A report reads one run of rows of one
 * organisation and kind; nothing is looked up row by row.
 *
 * Every statement takes the same first parameters:
 *   ?1 organisation, ?2 today, ?3 pathway template code or NULL, ?4 service
 *   or NULL, ?5 and ?6 the period's first and last day, ?7 and ?8 the
 *   period as instants [from, to).
 * and names ?8 (so both backends see eight; a statement that does not
 * need the instants says "?7 <= ?8"). Aggregates come back: counts, and
 * histograms of days for medians (medians are not in both dialects). */
#include "store/outcomes.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"

/* A day number of a 'YYYY-MM-DD' text, in the SQL both backends share
 * (integer division truncates in both): days since a fixed day, so the
 * difference of two is the days between them. A date's year counts from
 * March, so that February's leap day is the year's last. */
#define YEAR_(x) "(CAST(substr(" x ", 1, 4) AS INTEGER) - " \
	"CASE WHEN CAST(substr(" x ", 6, 2) AS INTEGER) <= 2 THEN 1 ELSE 0 END)"
#define MONTH_(x) "((CAST(substr(" x ", 6, 2) AS INTEGER) + 9) % 12)"
#define DAYNUM(x) "(365 * " YEAR_(x) " + " YEAR_(x) " / 4 - " YEAR_(x) " / 100 + " \
	YEAR_(x) " / 400 + (153 * " MONTH_(x) " + 2) / 5 + CAST(substr(" x ", 9, 2) AS INTEGER))"

#define DAY_US "86400000000"

/* The persons the organisation (?1) may count in category col (an
 * outcome_seen column): it has or had a place in the person's network, and
 * is their home organisation or holds their consent for the category in
 * force today (?2); and the person passes the filters: a pathway of
 * template ?3 offered by the organisation, a referral to service ?4. v is
 * outcome_seen. */
#define FILTERS(p) \
	" (CAST(?3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM pathway sw JOIN pathway_template st" \
	" ON st.id = sw.template_id WHERE sw.person_id = " p " AND sw.org_id = ?1" \
	" AND st.code = ?3)) AND (CAST(?4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM referral sr" \
	" WHERE sr.person_id = " p " AND sr.service_id = ?4)) "
#define SEEN(col) " v.org_id = ?1 AND v." col " >= ?2 AND" FILTERS("v.person_id")

static void
bind_scope(struct stmt *st, const struct oc_scope *sc)
{
	bind_text(st, 1, sc->org_id);
	bind_text(st, 2, sc->today);
	bind_text(st, 3, sc->template_code);
	bind_text(st, 4, sc->service_id);
	bind_text(st, 5, sc->first);
	bind_text(st, 6, sc->last);
	bind_int(st, 7, sc->from_us);
	bind_int(st, 8, sc->to_us);
}

/* Reads a pair (PAIR_PERSONS) from column i on. */
static void
read_pair(struct stmt *st, int i, struct oc_pair *p)
{
	p->all.n = (long)col_int(st, i);
	p->all.persons = (long)col_int(st, i + 1);
	p->yes.n = (long)col_int(st, i + 2);
	p->yes.persons = (long)col_int(st, i + 3);
	p->no.n = p->all.n - p->yes.n;
	p->no.persons = (long)col_int(st, i + 4);
}

/* Steps a one-row statement into the pair. */
static int
one_pair(struct conn *c, struct stmt *st, const char *what, struct oc_pair *p)
{
	int rc = step_row(c, st, what);

	if (rc == 0) {
		read_pair(st, 0, p);
		stmt_reset(st);
	}
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* Persons served and still in care: each person's time in the
 * organisation's care runs from their first place in the network to the
 * end of their last (open: still in care). */
static int
engagement(struct conn *c, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st;
	int rc, i;

	st = STMT(c, "SELECT "
	    "sum(CASE WHEN e.start <= ?6 AND (e.stop IS NULL OR e.stop >= ?5) THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN e.start >= ?5 AND e.start <= ?6 THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN e.fresh = 1 AND e.sd + ?9 <= e.td THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN e.fresh = 1 AND e.sd + ?9 <= e.td AND (e.stop IS NULL OR e.xd >= e.sd + ?9) "
	    "THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN e.fresh = 1 AND e.sd + ?10 <= e.td THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN e.fresh = 1 AND e.sd + ?10 <= e.td AND (e.stop IS NULL OR e.xd >= e.sd + ?10) "
	    "THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN e.fresh = 1 AND e.sd + ?11 <= e.td THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN e.fresh = 1 AND e.sd + ?11 <= e.td AND (e.stop IS NULL OR e.xd >= e.sd + ?11) "
	    "THEN 1 ELSE 0 END) "
	    "FROM (SELECT v.start, v.stop, v.start_dn AS sd, v.stop_dn AS xd, " DAYNUM("?2") " AS td, "
	    "CASE WHEN v.start >= ?5 AND v.start <= ?6 THEN 1 ELSE 0 END AS fresh "
	    "FROM outcome_seen v WHERE" SEEN("until_basic") "AND ?7 <= ?8) e");
	bind_scope(st, sc);
	for (i = 0; i < OC_RETAIN_N; i++)
		bind_int(st, 9 + i, oc_retain_days[i]);
	if ((rc = step_row(c, st, "outcomes: engagement")) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	/* One row per person: persons and counts are the same. */
	o->served.all.n = o->served.all.persons = (long)col_int(st, 0);
	o->served.yes.n = o->served.yes.persons = (long)col_int(st, 1);
	o->served.no.n = o->served.no.persons = o->served.all.n - o->served.yes.n;
	for (i = 0; i < OC_RETAIN_N; i++) {
		struct oc_pair *p = &o->retain[i];

		p->all.n = p->all.persons = (long)col_int(st, 2 + 2 * i);
		p->yes.n = p->yes.persons = (long)col_int(st, 3 + 2 * i);
		p->no.n = p->no.persons = p->all.n - p->yes.n;
	}
	stmt_reset(st);
	return 0;
}

/* The rows of one kind the organisation (?1) may count today (?2), of
 * persons who pass the filters. */
#define EVENTS(kind) " FROM outcome_event e WHERE e.org_id = ?1 AND e.kind = '" kind "' " \
	"AND e.until >= ?2 AND" FILTERS("e.person_id")

/* A yes-or-no measure over rows x(person_id, n, y), one per person with n
 * rows of which y are a yes: all rows, persons, yes rows, persons with a
 * yes, persons with a no; counted as the rows come in person order (no
 * set of persons kept aside). */
#define PAIR_PERSONS_OF(x) "sum(" x ".n), count(*), sum(" x ".y), " \
	"sum(CASE WHEN " x ".y > 0 THEN 1 ELSE 0 END), sum(CASE WHEN " x ".n > " x ".y THEN 1 ELSE 0 END)"
#define PAIR_PERSONS PAIR_PERSONS_OF("x")

/* Treatment started within OC_START_DAYS of first contact: the pathways
 * the organisation offered whose first contact falls in the period, not
 * declined, started, or unstarted with the days gone by. */
static int
start(struct conn *c, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "SELECT " PAIR_PERSONS " FROM (SELECT e.person_id, "
	    "count(*) AS n, sum(e.ok) AS y" EVENTS("start") "AND e.day >= ?5 AND e.day <= ?6 "
	    "AND ?7 <= ?8 AND (CAST(?3 AS TEXT) IS NULL OR e.sub = ?3) "
	    "AND (e.ok2 = 1 OR e.d + ?9 < " DAYNUM("?2") ") GROUP BY e.person_id) x");

	bind_scope(st, sc);
	bind_int(st, 9, OC_START_DAYS);
	return one_pair(c, st, "outcomes: start", &o->start);
}

/* Check-ups due in the period and before today: done, or missed. */
static int
checkups(struct conn *c, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "SELECT " PAIR_PERSONS " FROM (SELECT e.person_id, "
	    "count(*) AS n, sum(e.ok) AS y" EVENTS("checkup") "AND e.day >= ?5 AND e.day <= ?6 "
	    "AND e.day < ?2 AND ?7 <= ?8 GROUP BY e.person_id) x");

	bind_scope(st, sc);
	return one_pair(c, st, "outcomes: checkups", &o->checkups);
}

/* One later window's columns over score rows: persons with an answer in
 * it, their first scores' sum and those at ?10 or more, their scores then,
 * those at ?10 or more then, and those ?11 or more better. */
#define WINDOW(s) \
	"sum(CASE WHEN e." s " IS NULL THEN 0 ELSE 1 END), " \
	"sum(CASE WHEN e." s " IS NULL THEN 0 ELSE e.s0 END), " \
	"sum(CASE WHEN e." s " IS NOT NULL AND e.s0 >= ?10 THEN 1 ELSE 0 END), " \
	"sum(e." s "), sum(CASE WHEN e." s " >= ?10 THEN 1 ELSE 0 END), " \
	"sum(CASE WHEN e." s " - e.s0 >= ?11 THEN 1 ELSE 0 END)"

/* A questionnaire's scores over time: each person's first scored answer,
 * if it falls in the period, and the first answer in each later window
 * after it (the score rows). */
static int
scores(struct conn *c, const struct oc_scope *sc, const char *code, int good, int better,
    struct oc_scores *out)
{
	struct stmt *st;
	int rc, t;

	_Static_assert(OC_TIMES == 4, "the score rows hold three later windows");
	st = STMT(c, "SELECT count(*), sum(e.s0), sum(CASE WHEN e.s0 >= ?10 THEN 1 ELSE 0 END), "
	    WINDOW("s1") ", " WINDOW("s2") ", " WINDOW("s3") EVENTS("score") "AND e.sub = ?9 "
	    "AND e.day >= ?5 AND e.day <= ?6 AND ?7 <= ?8");
	bind_scope(st, sc);
	bind_text(st, 9, code);
	bind_int(st, 10, good);
	bind_int(st, 11, better);
	if ((rc = step_row(c, st, "outcomes: scores")) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	out[0].n = (long)col_int(st, 0);
	out[0].sum_first = (long)col_int(st, 1);
	out[0].good_first = (long)col_int(st, 2);
	for (t = 1; t < OC_TIMES; t++) {
		struct oc_scores *x = &out[t];
		int i = 3 + 6 * (t - 1);

		x->n = (long)col_int(st, i);
		x->sum_first = (long)col_int(st, i + 1);
		x->good_first = (long)col_int(st, i + 2);
		x->sum_then = (long)col_int(st, i + 3);
		x->good_then = (long)col_int(st, i + 4);
		x->better = (long)col_int(st, i + 5);
	}
	stmt_reset(st);
	return 0;
}

/* Appends one histogram row (day, count). */
static void
hist_add(struct arena *a, struct oc_days *d, size_t *cap, int day, long count)
{
	if (d->n == *cap) {
		size_t ncap = *cap != 0 ? *cap * 2 : 32;
		int *days = arena_alloc(a, ncap * sizeof(*days));
		long *counts = arena_alloc(a, ncap * sizeof(*counts));

		if (d->n > 0) {
			memcpy(days, d->day, d->n * sizeof(*days));
			memcpy(counts, d->count, d->n * sizeof(*counts));
		}
		d->day = days;
		d->count = counts;
		*cap = ncap;
	}
	d->day[d->n] = day;
	d->count[d->n++] = count;
}

/* Rows (kind, day, PAIR_PERSONS): kind 0 the totals into p, kind 1 a
 * histogram row (day, count in the third column) into d, kind 2 a second
 * pair into p2. */
static int
pair_and_days(struct stmt *st, struct arena *a, const char *what,
    struct oc_pair *p, struct oc_pair *p2, struct oc_days *d)
{
	size_t cap = 0;
	int rc;

	while ((rc = stmt_step(st, what)) == STMT_ROW) {
		switch (col_int(st, 0)) {
		case 0:
			read_pair(st, 2, p);
			break;
		case 1:
			hist_add(a, d, &cap, (int)col_int(st, 1), (long)col_int(st, 2));
			break;
		default:
			if (p2 != NULL)
				read_pair(st, 2, p2);
		}
	}
	stmt_reset(st);
	return step_end(rc);
}

/* Early warnings raised in the period and given to the organisation:
 * closed (followed up), by the day due, and the days it took. */
static int
flags(struct conn *c, struct arena *a, const struct oc_scope *sc, struct oc_counts *o)
{
	/* Per person (x), and again with y the flags closed in time (z). */
	struct stmt *st = STMT(c, "WITH x AS MATERIALIZED (SELECT e.person_id, count(*) AS n, "
	    "sum(e.ok) AS y, sum(e.ok2) AS y2" EVENTS("flag") "AND e.at_us >= ?7 AND e.at_us < ?8 "
	    "AND ?5 <= ?6 GROUP BY e.person_id), z AS (SELECT x.n, x.y2 AS y FROM x) "
	    "SELECT 0, 0, " PAIR_PERSONS " FROM x UNION ALL "
	    "SELECT 1, e.d, count(*), 0, 0, 0, 0" EVENTS("flag") "AND e.at_us >= ?7 AND e.at_us < ?8 "
	    "AND ?5 <= ?6 AND e.ok = 1 GROUP BY e.d UNION ALL "
	    "SELECT 2, 0, " PAIR_PERSONS_OF("z") " FROM z");
	int rc;

	bind_scope(st, sc);
	rc = pair_and_days(st, a, "outcomes: flags", &o->flags, &o->flags_in_time,
	    &o->flag_days);
	o->flag_days.persons = o->flags.yes.persons;
	return rc;
}

/* Lapses: a check-in that reports use after one that reported none, in
 * the period; re-engaged when a later check-in reports none again. */
static int
lapses(struct conn *c, struct arena *a, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "SELECT 0, 0, " PAIR_PERSONS " FROM (SELECT e.person_id, "
	    "count(*) AS n, sum(e.ok) AS y" EVENTS("lapse") "AND e.day >= ?5 AND e.day <= ?6 "
	    "AND ?7 <= ?8 GROUP BY e.person_id) x UNION ALL "
	    "SELECT 1, e.d, count(*), 0, 0, 0, 0" EVENTS("lapse") "AND e.day >= ?5 AND e.day <= ?6 "
	    "AND ?7 <= ?8 AND e.ok = 1 GROUP BY e.d");
	int rc;

	bind_scope(st, sc);
	rc = pair_and_days(st, a, "outcomes: lapses", &o->lapses, NULL, &o->lapse_days);
	o->lapse_days.persons = o->lapses.yes.persons;
	return rc;
}

/* Referrals the organisation made in the period (to service ?4 only, if
 * given): by status now, and the days to "got help". */
static int
referrals(struct conn *c, struct arena *a, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "WITH x AS MATERIALIZED (SELECT e.person_id, e.sub AS status, "
	    "e.d" EVENTS("referral") "AND e.at_us >= ?7 AND e.at_us < ?8 AND ?5 <= ?6 "
	    "AND (CAST(?4 AS TEXT) IS NULL OR e.ref = ?4)) "
	    "SELECT 0, x.status, 0, count(*), count(DISTINCT x.person_id) FROM x GROUP BY x.status "
	    "UNION ALL SELECT 1, '', 0, count(*), count(DISTINCT x.person_id) FROM x "
	    "UNION ALL SELECT 2, '', x.d, count(*), 0 FROM x WHERE x.status = 'got_help' "
	    "GROUP BY x.d");
	size_t cap = 0;
	int rc;

	bind_scope(st, sc);
	while ((rc = stmt_step(st, "outcomes: referrals")) == STMT_ROW) {
		struct oc_count n = {(long)col_int(st, 3), (long)col_int(st, 4)};
		enum ref_status s;

		switch (col_int(st, 0)) {
		case 0:
			if (ref_status_parse(col_cstr(st, 1), &s))
				o->referrals[s] = n;
			break;
		case 1:
			o->referral_all = n;
			break;
		default:
			hist_add(a, &o->got_help_days, &cap, (int)col_int(st, 2), n.n);
		}
	}
	stmt_reset(st);
	o->got_help_days.persons = o->referrals[RS_GOT_HELP].persons;
	return step_end(rc);
}

/* One domain's goals of a person (k), its code parameter p, and over
 * persons a pair (PAIR_PERSONS, persons without one left out). */
#define DOMAIN_IN(k, p) "sum(CASE WHEN e.sub = ?" p " THEN 1 ELSE 0 END) AS n" k ", " \
	"sum(CASE WHEN e.sub = ?" p " THEN e.ok ELSE 0 END) AS y" k
#define DOMAIN_OUT(k) "sum(x.n" k "), sum(CASE WHEN x.n" k " > 0 THEN 1 ELSE 0 END), " \
	"sum(x.y" k "), sum(CASE WHEN x.y" k " > 0 THEN 1 ELSE 0 END), " \
	"sum(CASE WHEN x.n" k " > x.y" k " THEN 1 ELSE 0 END)"

/* Goals in the life domains of reintegration set in the period, and of
 * those, reached. */
static int
goals(struct conn *c, const struct oc_scope *sc, struct oc_counts *o)
{
	/* Per person, in key order: each domain's goals and those reached. */
	struct stmt *st = STMT(c, "SELECT " DOMAIN_OUT("1") ", " DOMAIN_OUT("2") ", "
	    DOMAIN_OUT("3") ", " DOMAIN_OUT("4") " FROM (SELECT e.person_id, " DOMAIN_IN("1", "9")
	    ", " DOMAIN_IN("2", "10") ", " DOMAIN_IN("3", "11") ", " DOMAIN_IN("4", "12")
	    EVENTS("goal") "AND e.at_us >= ?7 AND e.at_us < ?8 AND ?5 <= ?6 GROUP BY e.person_id) x");
	int rc, i;

	_Static_assert(OC_DOMAINS == 4, "the goals statement names four domains");
	bind_scope(st, sc);
	for (i = 0; i < OC_DOMAINS; i++)
		bind_text(st, 9 + i, domain_code(oc_domains[i]));
	if ((rc = step_row(c, st, "outcomes: goals")) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	for (i = 0; i < OC_DOMAINS; i++)
		read_pair(st, 5 * i, &o->goals[i]);
	stmt_reset(st);
	return 0;
}

/* What a write changed, as the triggers of migration 0031 mark it in
 * outcome_dirty.kinds: a person's place in a network, a consent or their
 * home organisation (every row of theirs), or one kind of their rows. */
#define MARK_SEEN "1"
#define MARK_START "2"
#define MARK_CHECKUP "4"
#define MARK_SCORE "8"
#define MARK_LAPSE "16"
#define MARK_GOAL "32"
#define MARK_FLAG "64"
#define MARK_REFERRAL "128"

/* The persons this refresh took (claimed) whose rows of a kind (its mark)
 * are to be made again: those marked for it, or for everything. */
#define TAKEN(d, mark) " " d ".claimed = 1 AND (" d ".kinds & (" MARK_SEEN " | " mark ")) <> 0 "
#define CLAIMED(mark) "(SELECT d.person_id FROM outcome_dirty d WHERE" TAKEN("d", mark) ")"

/* The last day the organisation g.org_id may count person g.person_id's
 * data of category cat: far ahead for their home organisation, else the
 * last day of a consent given to it, else NULL. */
#define UNTIL(cat) \
	"CASE WHEN p.home_org_id = g.org_id THEN '9999-12-31' ELSE (SELECT " \
	"max(coalesce(c.until_date, '9999-12-31')) FROM consent c WHERE c.person_id = g.person_id " \
	"AND c.recipient_org_id = g.org_id AND c.category = '" cat "' AND c.granted = 1) END"

struct refresh {
	long n;                    /* persons taken by this batch */
};

/* The rows of table t (alias x) of the persons this refresh took, each
 * with its organisations' outcome_seen row v: FROM BY_PERSON(t) WHERE
 * TOOK(x). CROSS JOIN keeps SQLite to this order of loops (one seek by
 * person each), where it would rather read all of t through another index
 * and drop the rest; PostgreSQL takes it as a plain join. */
#define BY_PERSON(t) " outcome_dirty d CROSS JOIN " t " CROSS JOIN outcome_seen v "
#define TOOK(x, mark) TAKEN("d", mark) "AND " x ".person_id = d.person_id AND v.person_id = " \
	x ".person_id "

/* A row of outcome_event: the columns each insert below names. */
#define EVENT_COLS "INSERT INTO outcome_event (org_id, kind, person_id, src, until, day, " \
	"at_us, sub, ref, ok, ok2, d, s0, s1, s2, s3) "

/* The old rows of each kind of the persons marked for it. */
static const char *const events_gone[] = {
	"DELETE FROM outcome_event WHERE kind = 'start' AND person_id IN " CLAIMED(MARK_START),
	"DELETE FROM outcome_event WHERE kind = 'checkup' AND person_id IN " CLAIMED(MARK_CHECKUP),
	"DELETE FROM outcome_event WHERE kind = 'score' AND person_id IN " CLAIMED(MARK_SCORE),
	"DELETE FROM outcome_event WHERE kind = 'lapse' AND person_id IN " CLAIMED(MARK_LAPSE),
	"DELETE FROM outcome_event WHERE kind = 'goal' AND person_id IN " CLAIMED(MARK_GOAL),
	"DELETE FROM outcome_event WHERE kind = 'flag' AND person_id IN " CLAIMED(MARK_FLAG),
	"DELETE FROM outcome_event WHERE kind = 'referral' AND person_id IN "
	    CLAIMED(MARK_REFERRAL),
};

/* Makes the rows of up to OUTCOME_BATCH marked persons again: first, if a
 * place, consent or home organisation changed, their time in each
 * organisation's care and what it may count (outcome_seen); then each
 * kind of thing counted that a write changed (or all, after such a
 * change), once for each organisation that may count it (outcome_event,
 * joined to outcome_seen). A check-in makes only its person's lapses
 * again. */
static int
refresh_fn(struct store_tx *tx, void *arg)
{
	struct refresh *x = arg;
	struct conn *c = tx->conn;
	struct stmt *st;
	int rc, t, i;

	_Static_assert(OC_TIMES == 4, "outcome_event's score rows hold three later windows");
	st = STMT(c, "UPDATE outcome_dirty SET claimed = 1 WHERE person_id IN (SELECT "
	    "person_id FROM outcome_dirty WHERE claimed = 0 ORDER BY person_id LIMIT ?1)");
	bind_int(st, 1, OUTCOME_BATCH);
	if ((rc = step_done(c, st, "outcomes: claim")) != 0)
		return rc;
	if ((x->n = (long)c->changes) == 0)
		return 0;
	st = STMT(c, "DELETE FROM outcome_seen WHERE person_id IN " CLAIMED("0"));
	if ((rc = step_done(c, st, "outcomes: seen gone")) != 0)
		return rc;
	/* The answers alone make outcome_score: only a new one changes it. */
	st = STMT(c, "DELETE FROM outcome_score WHERE person_id IN (SELECT d.person_id "
	    "FROM outcome_dirty d WHERE d.claimed = 1 AND (d.kinds & " MARK_SCORE ") <> 0)");
	if ((rc = step_done(c, st, "outcomes: scores gone")) != 0)
		return rc;
	for (i = 0; i < (int)(sizeof(events_gone) / sizeof(events_gone[0])); i++) {
		/* Each a literal, kept by its address like STMT()'s. */
		st = conn_stmt(c, events_gone[i]);
		if ((rc = step_done(c, st, "outcomes: events gone")) != 0)
			return rc;
	}

	/* Their time in each organisation's care, and what it may count. */
	st = STMT(c, "INSERT INTO outcome_seen (org_id, person_id, start, stop, start_dn, stop_dn, "
	    "until_basic, until_plan, until_appointments, until_notes, until_questionnaires, "
	    "until_substance) SELECT g.org_id, g.person_id, g.start, g.stop, " DAYNUM("g.start") ", "
	    "CASE WHEN g.stop IS NULL THEN NULL ELSE " DAYNUM("g.stop") " END, "
	    UNTIL("basic") ", " UNTIL("plan") ", " UNTIL("appointments") ", " UNTIL("notes") ", "
	    UNTIL("questionnaires") ", " UNTIL("substance") " FROM (SELECT n.org_id, n.person_id, "
	    "min(n.from_date) AS start, CASE WHEN count(*) > count(n.until_date) THEN NULL "
	    "ELSE max(n.until_date) END AS stop FROM network_member n WHERE n.org_id IS NOT NULL "
	    "AND n.person_id IN " CLAIMED("0") " GROUP BY n.org_id, n.person_id) g "
	    "JOIN person p ON p.id = g.person_id");
	if ((rc = step_done(c, st, "outcomes: seen")) != 0)
		return rc;

	/* The pathways each organisation offered, not declined. */
	st = STMT(c, EVENT_COLS "SELECT p.org_id, 'start', p.person_id, p.id, v.until_plan, "
	    "p.first_contact, NULL, t.code, NULL, CASE WHEN p.started IS NOT NULL AND "
	    DAYNUM("p.started") " - " DAYNUM("p.first_contact") " <= ?1 THEN 1 ELSE 0 END, "
	    "CASE WHEN p.started IS NULL THEN 0 ELSE 1 END, " DAYNUM("p.first_contact") ", "
	    "NULL, NULL, NULL, NULL FROM" BY_PERSON("pathway p") "JOIN pathway_template t "
	    "ON t.id = p.template_id WHERE" TOOK("p", MARK_START) "AND v.org_id = p.org_id "
	    "AND p.status <> 'declined'");
	bind_int(st, 1, OC_START_DAYS);
	if ((rc = step_done(c, st, "outcomes: starts")) != 0)
		return rc;

	/* Check-ups done or missed. */
	st = STMT(c, EVENT_COLS "SELECT v.org_id, 'checkup', k.person_id, k.id, "
	    "v.until_questionnaires, k.due_on, NULL, NULL, NULL, CASE WHEN k.status = 'done' "
	    "THEN 1 ELSE 0 END, NULL, NULL, NULL, NULL, NULL, NULL FROM" BY_PERSON("checkup k")
	    "WHERE" TOOK("k", MARK_CHECKUP) "AND k.status IN ('done', 'missed')");
	if ((rc = step_done(c, st, "outcomes: checkups")) != 0)
		return rc;

	/* Each first scored answer; then the first in each window after it,
	 * found from the first by key (no join of a list with itself); then
	 * one score row per questionnaire with all of them. */
	st = STMT(c, "INSERT INTO outcome_score (person_id, code, m, day, score) "
	    "SELECT x.person_id, x.code, 0, x.day, x.score FROM (SELECT q.person_id, q.code, q.day, "
	    "q.score, row_number() OVER (PARTITION BY q.person_id, q.code ORDER BY q.day, "
	    "q.given_us, q.id) AS k FROM questionnaire_response q WHERE q.scored = 1 "
	    "AND q.person_id IN (SELECT d.person_id FROM outcome_dirty d WHERE d.claimed = 1 "
	    "AND (d.kinds & " MARK_SCORE ") <> 0)) x WHERE x.k = 1");
	if ((rc = step_done(c, st, "outcomes: first scores")) != 0)
		return rc;
	st = STMT(c, "INSERT INTO outcome_score (person_id, code, m, day, score) "
	    "SELECT x.person_id, x.code, x.m, x.day, x.score FROM (SELECT w.m, q.person_id, q.code, "
	    "q.day, q.score, row_number() OVER (PARTITION BY q.person_id, q.code, w.m ORDER BY q.day, "
	    "q.given_us, q.id) AS j FROM outcome_score b JOIN questionnaire_response q "
	    "ON q.person_id = b.person_id AND q.code = b.code AND q.scored = 1 "
	    "JOIN (SELECT ?1 AS m, ?2 AS lo, ?3 AS hi UNION ALL SELECT ?4, ?5, ?6 "
	    "UNION ALL SELECT ?7, ?8, ?9) w ON " DAYNUM("q.day") " - " DAYNUM("b.day") " >= w.lo "
	    "AND " DAYNUM("q.day") " - " DAYNUM("b.day") " <= w.hi "
	    "WHERE b.m = 0 AND b.person_id IN (SELECT d.person_id FROM outcome_dirty d "
	    "WHERE d.claimed = 1 AND (d.kinds & " MARK_SCORE ") <> 0)) x WHERE x.j = 1");
	for (t = 1; t < OC_TIMES; t++) {
		bind_int(st, 1 + 3 * (t - 1), oc_time_months[t]);
		bind_int(st, 2 + 3 * (t - 1), oc_time_lo[t]);
		bind_int(st, 3 + 3 * (t - 1), oc_time_hi[t]);
	}
	if ((rc = step_done(c, st, "outcomes: later scores")) != 0)
		return rc;
	st = STMT(c, EVENT_COLS "SELECT v.org_id, 'score', s.person_id, s.code, "
	    "v.until_questionnaires, max(CASE WHEN s.m = 0 THEN s.day END), NULL, s.code, NULL, "
	    "NULL, NULL, NULL, max(CASE WHEN s.m = 0 THEN s.score END), "
	    "max(CASE WHEN s.m = ?1 THEN s.score END), max(CASE WHEN s.m = ?2 THEN s.score END), "
	    "max(CASE WHEN s.m = ?3 THEN s.score END) FROM outcome_score s "
	    "JOIN outcome_seen v ON v.person_id = s.person_id WHERE s.person_id IN "
	    CLAIMED(MARK_SCORE) " GROUP BY v.org_id, s.person_id, s.code, v.until_questionnaires");
	for (t = 1; t < OC_TIMES; t++)
		bind_int(st, t, oc_time_months[t]);
	if ((rc = step_done(c, st, "outcomes: scores")) != 0)
		return rc;

	/* Each check-in reporting use whose check-in before (with an answer)
	 * reported none, and the first after it reporting none again: one
	 * seek each on checkin_newest (person, day, time). */
	st = STMT(c, EVENT_COLS "WITH l AS MATERIALIZED (SELECT i.person_id, i.id, i.day, "
	    "(SELECT p.use_since FROM checkin p WHERE p.person_id = i.person_id "
	    "AND p.use_since IS NOT NULL AND (p.day < i.day OR (p.day = i.day AND p.at_us < i.at_us)) "
	    "ORDER BY p.day DESC, p.at_us DESC LIMIT 1) AS prev, (SELECT min(n.day) FROM checkin n "
	    "WHERE n.person_id = i.person_id AND n.use_since = 'none' AND (n.day > i.day OR "
	    "(n.day = i.day AND n.at_us > i.at_us))) AS back FROM outcome_dirty d "
	    "CROSS JOIN checkin i WHERE" TAKEN("d", MARK_LAPSE) "AND i.person_id = d.person_id "
	    "AND i.use_since IN ('little', 'lot')) "
	    "SELECT v.org_id, 'lapse', l.person_id, l.id, v.until_substance, "
	    "l.day, NULL, NULL, NULL, CASE WHEN l.back IS NULL THEN 0 ELSE 1 END, NULL, "
	    "CASE WHEN l.back IS NULL THEN NULL ELSE " DAYNUM("l.back") " - " DAYNUM("l.day") " END, "
	    "NULL, NULL, NULL, NULL FROM l JOIN outcome_seen v ON v.person_id = l.person_id "
	    "WHERE l.prev = 'none'");
	if ((rc = step_done(c, st, "outcomes: lapses")) != 0)
		return rc;

	/* Goals in the life domains of reintegration. */
	st = STMT(c, EVENT_COLS "SELECT v.org_id, 'goal', g.person_id, g.id, v.until_plan, NULL, "
	    "g.created_us, g.domain, NULL, CASE WHEN g.status = 'reached' THEN 1 ELSE 0 END, NULL, "
	    "NULL, NULL, NULL, NULL, NULL FROM" BY_PERSON("goal g") "WHERE" TOOK("g", MARK_GOAL)
	    "AND g.domain IN (?1, ?2, ?3, ?4)");
	for (i = 0; i < OC_DOMAINS; i++)
		bind_text(st, 1 + i, domain_code(oc_domains[i]));
	if ((rc = step_done(c, st, "outcomes: goals")) != 0)
		return rc;

	/* Early warnings, for the organisation they were given to, counted by
	 * their own category. */
	st = STMT(c, EVENT_COLS "SELECT w.assigned_org_id, 'flag', w.person_id, w.id, "
	    "CASE w.category WHEN 'basic' THEN v.until_basic WHEN 'plan' THEN v.until_plan "
	    "WHEN 'appointments' THEN v.until_appointments WHEN 'notes' THEN v.until_notes "
	    "WHEN 'questionnaires' THEN v.until_questionnaires ELSE v.until_substance END, NULL, "
	    "w.raised_us, NULL, NULL, CASE WHEN w.resolved_us IS NULL THEN 0 ELSE 1 END, "
	    "CASE WHEN w.resolved_us IS NOT NULL AND w.resolved_us <= w.due_us THEN 1 ELSE 0 END, "
	    "(w.resolved_us - w.raised_us) / " DAY_US ", NULL, NULL, NULL, NULL FROM"
	    BY_PERSON("warning_flag w") "WHERE" TOOK("w", MARK_FLAG) "AND v.org_id = w.assigned_org_id");
	if ((rc = step_done(c, st, "outcomes: flags")) != 0)
		return rc;

	/* Referrals, for the organisation that made them. */
	st = STMT(c, EVENT_COLS "SELECT r.proposed_by_org, 'referral', r.person_id, r.id, "
	    "v.until_basic, NULL, r.created_us, r.status, r.service_id, NULL, NULL, "
	    "(r.status_us - r.created_us) / " DAY_US ", NULL, NULL, NULL, NULL FROM"
	    BY_PERSON("referral r") "WHERE" TOOK("r", MARK_REFERRAL) "AND v.org_id = r.proposed_by_org");
	if ((rc = step_done(c, st, "outcomes: referrals")) != 0)
		return rc;
	st = STMT(c, "DELETE FROM outcome_dirty WHERE claimed = 1");
	return step_done(c, st, "outcomes: done");
}

int
store_outcomes_stale(struct store *s, bool *stale)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*stale = false;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT 1 FROM outcome_dirty LIMIT 1");
	rc = step_row(c, st, "outcomes: stale");
	stmt_reset(st);
	if (rc == 0)
		*stale = true;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* PostgreSQL: the keys' indexes written again in key order. */
static int
reindex_fn(struct store_tx *tx, void *arg)
{
	(void)arg;
	return conn_exec(tx->conn, "REINDEX TABLE outcome_event; REINDEX TABLE outcome_seen");
}

int
store_outcomes_refresh(struct store *s, long most, long *done)
{
	struct refresh x;
	int rc;

	*done = 0;
	do {
		x.n = 0;
		if ((rc = store_write(s, refresh_fn, &x)) != 0)
			return rc;
		*done += x.n;
	} while (x.n == OUTCOME_BATCH && *done < most);
	/* Rows made person by person land in the middle of each
	 * organisation's range, and PostgreSQL splits a full index page in
	 * half there: after the first making of every person's rows the index
	 * was 1.7 times its size in key order, and a report read it about
	 * twice as slowly. After so many, write it again, once: it holds the
	 * reports back for the seconds it takes. SQLite fills its pages as it
	 * goes. */
	if (s->kind == DB_PG && *done >= OUTCOME_REINDEX_AT)
		rc = store_write(s, reindex_fn, NULL);
	return rc;
}

int
store_outcomes(struct store *s, struct arena *a, const struct oc_scope *sc, enum oc_report r,
    struct oc_counts *out)
{
	struct conn *c = store_reader(s);
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (c == NULL)
		return ERR_DB;
	/* PostgreSQL: every section from one snapshot (SQLite has the
	 * request's), and planned as what it is: one range of an index whose
	 * rows are in memory. With the default cost of a page read at random
	 * (4, for disks that seek) the planner reads all of outcome_event and
	 * sorts it rather than walk the organisation's range in key order. */
	if (c->kind == DB_PG && (rc = conn_exec(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; "
	    "SET LOCAL random_page_cost = 1.1; SET LOCAL work_mem = '32MB'")) != 0)
		return rc;
	if (rc == 0 && (oc_report_has(r, OS_SERVED) || oc_report_has(r, OS_RETENTION)))
		rc = engagement(c, sc, out);
	if (rc == 0 && oc_report_has(r, OS_START))
		rc = start(c, sc, out);
	if (rc == 0 && oc_report_has(r, OS_CHECKUPS))
		rc = checkups(c, sc, out);
	if (rc == 0 && oc_report_has(r, OS_BARC10))
		rc = scores(c, sc, "barc-10", OC_BARC10_GOOD, 0, out->barc);
	if (rc == 0 && oc_report_has(r, OS_WHO5))
		rc = scores(c, sc, "who-5", OC_WHO5_GOOD, OC_WHO5_BETTER, out->who5);
	if (rc == 0 && oc_report_has(r, OS_FLAGS))
		rc = flags(c, a, sc, out);
	if (rc == 0 && oc_report_has(r, OS_LAPSES))
		rc = lapses(c, a, sc, out);
	if (rc == 0 && oc_report_has(r, OS_REFERRALS))
		rc = referrals(c, a, sc, out);
	if (rc == 0 && oc_report_has(r, OS_GOALS))
		rc = goals(c, sc, out);
	if (c->kind == DB_PG) {
		int end = conn_exec(c, rc == 0 ? "COMMIT" : "ROLLBACK");

		rc = rc != 0 ? rc : end;
	}
	return rc;
}
