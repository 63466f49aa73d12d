/* SQL for the programme outcome reports (see outcomes.h).
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

/* Whether the organisation (?1) may count person p in category cat (an
 * SQL expression): it has or had a place in the person's network, and it
 * is the home organisation (duty of care) or holds consent in force today
 * (?2) for cat; and the person passes the filters: a pathway of template
 * ?3 offered by the organisation, a referral to service ?4. */
#define SEEN(p, cat) \
	" EXISTS (SELECT 1 FROM network_member sn WHERE sn.person_id = " p \
	" AND sn.org_id = ?1) AND (EXISTS (SELECT 1 FROM person sp WHERE sp.id = " p \
	" AND sp.home_org_id = ?1) OR EXISTS (SELECT 1 FROM consent sc WHERE sc.person_id = " p \
	" AND sc.recipient_org_id = ?1 AND sc.category = " cat " AND sc.granted = 1" \
	" AND (sc.until_date IS NULL OR sc.until_date >= ?2))) AND (CAST(?3 AS TEXT) IS NULL" \
	" OR EXISTS (SELECT 1 FROM pathway sw JOIN pathway_template st ON st.id = sw.template_id" \
	" WHERE sw.person_id = " p " AND sw.org_id = ?1 AND st.code = ?3)) AND" \
	" (CAST(?4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM referral sr WHERE sr.person_id = " p \
	" AND sr.service_id = ?4)) "

/* The same rule once per statement, not once per row: v(person_id, start,
 * stop) holds each person the organisation may count in category cat, with
 * their time in its care (from their first place in the network to the end
 * of their last; stop NULL while a place is open). Sections join their
 * rows to it by person_id, the first column of every person's key. */
#define VIS(cat) \
	" v AS MATERIALIZED (SELECT n.person_id, min(n.from_date) AS start, CASE WHEN" \
	" count(*) > count(n.until_date) THEN NULL ELSE max(n.until_date) END AS stop" \
	" FROM network_member n WHERE n.org_id = ?1 AND (EXISTS (SELECT 1 FROM person sp" \
	" WHERE sp.id = n.person_id AND sp.home_org_id = ?1) OR EXISTS (SELECT 1 FROM consent sc" \
	" WHERE sc.recipient_org_id = ?1 AND sc.person_id = n.person_id AND sc.category = " cat \
	" AND sc.granted = 1 AND (sc.until_date IS NULL OR sc.until_date >= ?2))) AND" \
	" (CAST(?3 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM pathway sw JOIN pathway_template st" \
	" ON st.id = sw.template_id WHERE sw.person_id = n.person_id AND sw.org_id = ?1" \
	" AND st.code = ?3)) AND (CAST(?4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM referral sr" \
	" WHERE sr.person_id = n.person_id AND sr.service_id = ?4)) GROUP BY n.person_id) "

/* A yes-or-no measure over rows x(person_id, ok): all, persons, yes,
 * persons with a yes, persons with a no. */
#define PAIR_COLS "count(*), count(DISTINCT x.person_id), sum(x.ok), " \
	"count(DISTINCT CASE WHEN x.ok = 1 THEN x.person_id END), " \
	"count(DISTINCT CASE WHEN x.ok = 0 THEN x.person_id END)"

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

/* Reads PAIR_COLS from column i on. */
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

	st = STMT(c, "WITH" VIS("'basic'") "SELECT "
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
	    "FROM (SELECT m.start, m.stop, " DAYNUM("m.start") " AS sd, "
	    "CASE WHEN m.stop IS NULL THEN NULL ELSE " DAYNUM("m.stop") " END AS xd, "
	    DAYNUM("?2") " AS td, CASE WHEN m.start >= ?5 AND m.start <= ?6 THEN 1 ELSE 0 END AS fresh "
	    "FROM v m WHERE ?7 <= ?8) e");
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

/* Treatment started within OC_START_DAYS of first contact: the pathways
 * the organisation offered whose first contact falls in the period, not
 * declined, started, or unstarted with the days gone by. */
static int
start(struct conn *c, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "WITH" VIS("'plan'") "SELECT " PAIR_COLS " FROM (SELECT "
	    "p.person_id, CASE WHEN p.started IS NOT NULL AND " DAYNUM("p.started") " - "
	    DAYNUM("p.first_contact") " <= ?9 THEN 1 ELSE 0 END AS ok FROM pathway p "
	    "JOIN v ON v.person_id = p.person_id JOIN pathway_template t ON t.id = p.template_id WHERE p.org_id = ?1 AND p.status <> 'declined' "
	    "AND p.first_contact >= ?5 AND p.first_contact <= ?6 AND ?7 <= ?8 "
	    "AND (CAST(?3 AS TEXT) IS NULL OR t.code = ?3) "
	    "AND (p.started IS NOT NULL OR " DAYNUM("p.first_contact") " + ?9 < " DAYNUM("?2") ")) x");

	bind_scope(st, sc);
	bind_int(st, 9, OC_START_DAYS);
	return one_pair(c, st, "outcomes: start", &o->start);
}

/* Check-ups due in the period and before today: done, or missed. */
static int
checkups(struct conn *c, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "WITH" VIS("'questionnaires'") "SELECT " PAIR_COLS " FROM "
	    "(SELECT k.person_id, CASE WHEN k.status = 'done' THEN 1 ELSE 0 END AS ok FROM v "
	    "JOIN checkup k ON k.person_id = v.person_id WHERE k.status IN ('done', 'missed') "
	    "AND k.due_on >= ?5 AND k.due_on <= ?6 AND k.due_on < ?2 AND ?7 <= ?8) x");

	bind_scope(st, sc);
	return one_pair(c, st, "outcomes: checkups", &o->checkups);
}

/* A questionnaire's scores over time: each person's first scored answer
 * in the period, and the first answer in each later window after it. */
static int
scores(struct conn *c, const struct oc_scope *sc, const char *code, int good, int better,
    struct oc_scores *out)
{
	struct stmt *st;
	int rc, t;

	st = STMT(c, "WITH" VIS("'questionnaires'") ", r AS MATERIALIZED (SELECT q.person_id, "
	    "q.day, q.score, " DAYNUM("q.day") " AS dn, row_number() OVER (PARTITION BY q.person_id "
	    "ORDER BY q.day, q.given_us, q.id) AS k FROM v JOIN questionnaire_response q "
	    "ON q.person_id = v.person_id WHERE q.code = ?9 AND q.scored = 1), "
	    "b AS (SELECT person_id, dn, score FROM r WHERE k = 1 AND day >= ?5 AND day <= ?6 "
	    "AND ?7 <= ?8), "
	    "w AS (SELECT ?12 AS m, ?13 AS lo, ?14 AS hi UNION ALL SELECT ?15, ?16, ?17 "
	    "UNION ALL SELECT ?18, ?19, ?20), "
	    "f AS (SELECT w.m, b.score AS s0, r.score AS s1, row_number() OVER "
	    "(PARTITION BY b.person_id, w.m ORDER BY r.dn, r.k) AS j FROM b "
	    "JOIN r ON r.person_id = b.person_id JOIN w ON r.dn - b.dn >= w.lo AND r.dn - b.dn <= w.hi) "
	    "SELECT 0, count(*), sum(score), sum(CASE WHEN score >= ?10 THEN 1 ELSE 0 END), "
	    "0, 0, 0 FROM b UNION ALL "
	    "SELECT m, count(*), sum(s0), sum(CASE WHEN s0 >= ?10 THEN 1 ELSE 0 END), sum(s1), "
	    "sum(CASE WHEN s1 >= ?10 THEN 1 ELSE 0 END), "
	    "sum(CASE WHEN s1 - s0 >= ?11 THEN 1 ELSE 0 END) FROM f WHERE j = 1 GROUP BY m");
	bind_scope(st, sc);
	bind_text(st, 9, code);
	bind_int(st, 10, good);
	bind_int(st, 11, better);
	for (t = 1; t < OC_TIMES; t++) {
		bind_int(st, 12 + 3 * (t - 1), oc_time_months[t]);
		bind_int(st, 13 + 3 * (t - 1), oc_time_lo[t]);
		bind_int(st, 14 + 3 * (t - 1), oc_time_hi[t]);
	}
	while ((rc = stmt_step(st, "outcomes: scores")) == STMT_ROW) {
		int m = (int)col_int(st, 0);
		struct oc_scores *x = NULL;

		for (t = 0; t < OC_TIMES; t++)
			if (oc_time_months[t] == m)
				x = &out[t];
		if (x == NULL)
			continue;
		x->n = (long)col_int(st, 1);
		x->sum_first = (long)col_int(st, 2);
		x->good_first = (long)col_int(st, 3);
		x->sum_then = (long)col_int(st, 4);
		x->good_then = (long)col_int(st, 5);
		x->better = (long)col_int(st, 6);
	}
	stmt_reset(st);
	return step_end(rc);
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

/* Rows (kind, day, PAIR_COLS): kind 0 the totals into p, kind 1 a
 * histogram row (day, count in the third column) into d, kind 2 a second
 * pair into p2. */
static int
pair_and_days(struct conn *c, struct stmt *st, struct arena *a, const char *what,
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
	(void)c;
	return step_end(rc);
}

/* Early warnings raised in the period and given to the organisation:
 * closed (followed up), by the day due, and the days it took. */
static int
flags(struct conn *c, struct arena *a, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "WITH x AS MATERIALIZED (SELECT w.person_id, "
	    "CASE WHEN w.resolved_us IS NOT NULL THEN 1 ELSE 0 END AS ok, "
	    "CASE WHEN w.resolved_us IS NOT NULL AND w.resolved_us <= w.due_us THEN 1 ELSE 0 END "
	    "AS due_ok, (w.resolved_us - w.raised_us) / " DAY_US " AS d FROM warning_flag w "
	    "WHERE w.assigned_org_id = ?1 AND w.raised_us >= ?7 AND w.raised_us < ?8 "
	    "AND ?5 <= ?6 AND" SEEN("w.person_id", "w.category") ") "
	    "SELECT 0, 0, " PAIR_COLS " FROM x UNION ALL "
	    "SELECT 1, x.d, count(*), 0, 0, 0, 0 FROM x WHERE x.ok = 1 GROUP BY x.d UNION ALL "
	    "SELECT 2, 0, count(*), count(DISTINCT x.person_id), sum(x.due_ok), "
	    "count(DISTINCT CASE WHEN x.due_ok = 1 THEN x.person_id END), "
	    "count(DISTINCT CASE WHEN x.due_ok = 0 THEN x.person_id END) FROM x");
	int rc;

	bind_scope(st, sc);
	rc = pair_and_days(c, st, a, "outcomes: flags", &o->flags, &o->flags_in_time,
	    &o->flag_days);
	o->flag_days.persons = o->flags.yes.persons;
	return rc;
}

/* Lapses: a check-in that reports use after one that reported none, in
 * the period; re-engaged when a later check-in reports none again. */
static int
lapses(struct conn *c, struct arena *a, const struct oc_scope *sc, struct oc_counts *o)
{
	/* The check-in before each one reporting use, and the first after it
	 * reporting none, each one seek on checkin_newest (person, day, time):
	 * no pass over every check-in of every person. */
	struct stmt *st = STMT(c, "WITH" VIS("'substance'") ", l AS MATERIALIZED (SELECT "
	    "i.person_id, i.day, (SELECT p.use_since FROM checkin p WHERE p.person_id = i.person_id "
	    "AND p.use_since IS NOT NULL AND (p.day < i.day OR (p.day = i.day AND p.at_us < i.at_us)) "
	    "ORDER BY p.day DESC, p.at_us DESC LIMIT 1) AS prev, (SELECT min(n.day) FROM checkin n "
	    "WHERE n.person_id = i.person_id AND n.use_since = 'none' AND (n.day > i.day OR "
	    "(n.day = i.day AND n.at_us > i.at_us))) AS back FROM v JOIN checkin i "
	    "ON i.person_id = v.person_id WHERE i.use_since IN ('little', 'lot') AND i.day >= ?5 "
	    "AND i.day <= ?6 AND ?7 <= ?8), "
	    "x AS (SELECT l.person_id, l.day, l.back, CASE WHEN l.back IS NULL THEN 0 ELSE 1 END AS ok "
	    "FROM l WHERE l.prev = 'none') "
	    "SELECT 0, 0, " PAIR_COLS " FROM x UNION ALL "
	    "SELECT 1, " DAYNUM("x.back") " - " DAYNUM("x.day") ", count(*), 0, 0, 0, 0 FROM x "
	    "WHERE x.ok = 1 GROUP BY " DAYNUM("x.back") " - " DAYNUM("x.day"));
	int rc;

	bind_scope(st, sc);
	rc = pair_and_days(c, st, a, "outcomes: lapses", &o->lapses, NULL, &o->lapse_days);
	o->lapse_days.persons = o->lapses.yes.persons;
	return rc;
}

/* Referrals the organisation made in the period (to service ?4 only, if
 * given): by status now, and the days to "got help". */
static int
referrals(struct conn *c, struct arena *a, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "WITH x AS MATERIALIZED (SELECT r.person_id, r.status, "
	    "(r.status_us - r.created_us) / " DAY_US " AS d FROM referral r "
	    "WHERE r.proposed_by_org = ?1 AND r.created_us >= ?7 AND r.created_us < ?8 "
	    "AND ?5 <= ?6 AND (CAST(?4 AS TEXT) IS NULL OR r.service_id = ?4) AND"
	    SEEN("r.person_id", "'basic'") ") "
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

/* Goals in the life domains of reintegration set in the period, and of
 * those, reached. */
static int
goals(struct conn *c, const struct oc_scope *sc, struct oc_counts *o)
{
	struct stmt *st = STMT(c, "WITH" VIS("'plan'") "SELECT x.domain, " PAIR_COLS " FROM "
	    "(SELECT g.person_id, g.domain, CASE WHEN g.status = 'reached' THEN 1 ELSE 0 END AS ok "
	    "FROM v JOIN goal g ON g.person_id = v.person_id WHERE g.domain IN (?9, ?10, ?11, ?12) "
	    "AND g.created_us >= ?7 AND g.created_us < ?8 AND ?5 <= ?6) x GROUP BY x.domain");
	int rc, i;

	bind_scope(st, sc);
	for (i = 0; i < OC_DOMAINS; i++)
		bind_text(st, 9 + i, domain_code(oc_domains[i]));
	while ((rc = stmt_step(st, "outcomes: goals")) == STMT_ROW)
		for (i = 0; i < OC_DOMAINS; i++)
			if (strcmp(col_cstr(st, 0), domain_code(oc_domains[i])) == 0)
				read_pair(st, 1, &o->goals[i]);
	stmt_reset(st);
	return step_end(rc);
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
	return rc;
}
