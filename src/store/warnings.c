/* SQL for early warning (see warnings.h). */
#include "store/warnings.h"

#include <stdio.h>
#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/jobs.h"
#include "store/rows.h"

#define DAY_US (INT64_C(86400) * 1000000)
#define FLAGS_MAX 200

#define FLAG_COLS "f.person_id, f.id, f.rule_code, f.rule, f.kind, f.category, " \
	"f.evidence_us, f.raised_us, f.due_us, f.value, f.previous, f.about_id, " \
	"f.assigned_user_id, f.assigned_org_id, ua.display_name, o.name, f.resolved_us, " \
	"f.resolved_by, ur.display_name, f.resolution, f.resolution_note, p.display_name "
#define FLAG_FROM "FROM warning_flag f JOIN person p ON p.id = f.person_id " \
	"LEFT JOIN user_account ua ON ua.id = f.assigned_user_id " \
	"LEFT JOIN organisation o ON o.id = f.assigned_org_id " \
	"LEFT JOIN user_account ur ON ur.id = f.resolved_by "

static void
read_flag(struct arena *a, struct stmt *st, void *row)
{
	struct warn_flag *x = row;

	memset(x, 0, sizeof(*x));
	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->rule_code = col_text(a, st, 2);
	x->rule_json = col_text(a, st, 3);
	if (!warn_kind_parse(col_cstr(st, 4), &x->kind))
		x->kind = WK_COUNT;
	if (!category_parse(col_cstr(st, 5), &x->category))
		x->category = CAT_COUNT;
	x->evidence_us = col_int(st, 6);
	x->raised_us = col_int(st, 7);
	x->due_us = col_int(st, 8);
	x->value = (int)col_int(st, 9);
	x->previous = (int)col_int(st, 10);
	x->about_id = col_text(a, st, 11);
	x->assigned_user_id = col_text(a, st, 12);
	x->assigned_org_id = col_text(a, st, 13);
	x->assigned_name = col_text(a, st, 14);
	x->assigned_org_name = col_text(a, st, 15);
	x->resolved_us = col_int(st, 16);
	x->resolved_by = col_text(a, st, 17);
	x->resolved_by_name = col_text(a, st, 18);
	if (!warn_resolution_parse(col_cstr(st, 19), &x->resolution))
		x->resolution = WR_COUNT;
	x->resolution_note = col_text(a, st, 20);
	x->person_name = col_text(a, st, 21);
}

/* Keeps the flags the grant's categories cover (a flag of an unknown
 * category never shows). */
static void
keep_covered(const struct grant *g, struct warn_flag *f, size_t *n)
{
	size_t i, k = 0;

	for (i = 0; i < *n; i++)
		if (f[i].category < CAT_COUNT && grant_covers(g, f[i].category))
			f[k++] = f[i];
	*n = k;
}

int
store_warning_rules_latest(struct store *s, struct arena *a, const char **id, int *version,
    const char **body)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT id, version, body FROM warning_rules ORDER BY version DESC LIMIT 1");
	if ((rc = step_row(c, st, "warning rules")) != 0)
		return rc;
	*id = col_text(a, st, 0);
	*version = (int)col_int(st, 1);
	*body = col_text(a, st, 2);
	stmt_reset(st);
	return 0;
}

int
store_tx_warning_rules_insert(struct store_tx *tx, const char *id, int version,
    const char *body, const char *created_by)
{
	struct stmt *st;

	st = STMT(tx->conn, "SELECT 1 FROM warning_rules WHERE version = ?1");
	bind_int(st, 1, version);
	switch (step_row(tx->conn, st, "warning rules version")) {
	case 0:
		stmt_reset(st);
		return ERR_CONFLICT;
	case ERR_NOT_FOUND:
		break;
	default:
		return ERR_DB;
	}
	st = STMT(tx->conn, "INSERT INTO warning_rules (id, version, body, created_by, "
	    "created_us) VALUES (?1, ?2, ?3, ?4, ?5)");
	bind_text(st, 1, id);
	bind_int(st, 2, version);
	bind_text(st, 3, body);
	bind_text(st, 4, created_by);
	bind_int(st, 5, clock_now_us());
	return step_done(tx->conn, st, "warning rules insert");
}

/* Facts */

static void
read_score(struct arena *a, struct stmt *st, void *row)
{
	struct warn_score *x = row;

	x->code = col_text(a, st, 0);
	x->at_us = col_int(st, 1);
	x->score = (int)col_int(st, 2);
}

static void
read_checkin(struct arena *a, struct stmt *st, void *row)
{
	struct warn_checkin *x = row;
	const char *use = col_cstr(st, 2);

	(void)a;
	x->at_us = col_int(st, 0);
	x->craving = col_null(st, 1) ? -1 : (int)col_int(st, 1);
	x->use = use == NULL ? -1 : strcmp(use, "none") == 0 ? 0 : strcmp(use, "little") == 0 ?
	    1 : strcmp(use, "lot") == 0 ? 2 : -1;
}

/* The person's check-ins of the lookback, newest first, their last one
 * ever, and the rhythm they chose. */
static int
checkin_facts(struct conn *c, struct arena *a, const char *pid, int64_t now,
    struct warn_facts *f)
{
	struct stmt *st;
	void *rows;
	int rc;

	st = STMT(c, "SELECT at_us, craving, use_since FROM checkin WHERE person_id = ?1 "
	    "AND at_us >= ?2 ORDER BY at_us DESC LIMIT 400");
	bind_text(st, 1, pid);
	bind_int(st, 2, now - WARN_LOOKBACK_DAYS * DAY_US);
	rc = rows_collect(st, a, 16, sizeof(struct warn_checkin), read_checkin, &rows,
	    &f->ncheckins, __func__, "warning check-ins");
	f->checkins = rows;
	if (rc != 0)
		return rc;
	st = STMT(c, "SELECT coalesce((SELECT max(at_us) FROM checkin WHERE person_id = ?1), 0), "
	    "coalesce((SELECT every_days FROM checkin_pref WHERE person_id = ?1), 0), "
	    "coalesce((SELECT updated_us FROM checkin_pref WHERE person_id = ?1), 0)");
	bind_text(st, 1, pid);
	if ((rc = step_row(c, st, "warning check-in rhythm")) != 0)
		return rc;
	f->last_checkin_us = col_int(st, 0);
	f->every_days = (int)col_int(st, 1);
	f->rhythm_since_us = col_int(st, 2);
	stmt_reset(st);
	return 0;
}

int
store_warning_facts(struct store *s, struct arena *a, const struct grant *g, int64_t now,
    struct warn_facts *f)
{
	struct conn *c = store_reader(s);
	const char *pid;
	struct stmt *st;
	void *rows;
	int rc;

	memset(f, 0, sizeof(*f));
	f->now_us = now;
	if (c == NULL)
		return ERR_DB;
	for (int k = 0; k < CAT_COUNT; k++)
		if (g == NULL || !grant_covers(g, (enum category)k))
			return ERR_INVALID;
	pid = grant_person(g);

	/* The newest appointment marked missed within the lookback. */
	st = STMT(c, "SELECT id, status_us FROM appointment WHERE person_id = ?1 "
	    "AND status = 'missed' AND status_us >= ?2 ORDER BY status_us DESC LIMIT 1");
	bind_text(st, 1, pid);
	bind_int(st, 2, now - WARN_LOOKBACK_DAYS * DAY_US);
	rc = step_row(c, st, "warning missed appointment");
	if (rc == 0) {
		f->missed_id = col_text(a, st, 0);
		f->missed_us = col_int(st, 1);
		stmt_reset(st);
	} else if (rc != ERR_NOT_FOUND)
		return rc;

	/* The newest check-up marked missed (and so reminded of) within the
	 * lookback, still not done. The status is compared through coalesce()
	 * so that SQLite reads the person's few check-ups by the primary key,
	 * not every missed one of everyone through checkup_open (ordered by
	 * due_us, which it took for the ORDER BY): 26 ms for each person the
	 * warnings look at, over 100,000 generated persons, instead of 0.1. */
	st = STMT(c, "SELECT id, due_us, reminded_us FROM checkup WHERE person_id = ?1 "
	    "AND coalesce(status, '') = 'missed' AND reminded_us IS NOT NULL "
	    "AND reminded_us >= ?2 "
	    "ORDER BY due_us DESC LIMIT 1");
	bind_text(st, 1, pid);
	bind_int(st, 2, now - WARN_LOOKBACK_DAYS * DAY_US);
	rc = step_row(c, st, "warning missed checkup");
	if (rc == 0) {
		f->checkup_id = col_text(a, st, 0);
		f->checkup_due_us = col_int(st, 1);
		f->checkup_reminded_us = col_int(st, 2);
		stmt_reset(st);
	} else if (rc != ERR_NOT_FOUND)
		return rc;

	/* The oldest referral answer still due. */
	st = STMT(c, "SELECT id, answer_due_us FROM referral WHERE person_id = ?1 "
	    "AND answer_due_us IS NOT NULL AND answer_due_us <= ?2 "
	    "ORDER BY answer_due_us LIMIT 1");
	bind_text(st, 1, pid);
	bind_int(st, 2, now);
	rc = step_row(c, st, "warning referral due");
	if (rc == 0) {
		f->referral_id = col_text(a, st, 0);
		f->referral_due_us = col_int(st, 1);
		stmt_reset(st);
	} else if (rc != ERR_NOT_FOUND)
		return rc;
	if ((rc = checkin_facts(c, a, pid, now, f)) != 0)
		return rc;

	/* The newest press of Help now nobody has seen yet. */
	st = STMT(c, "SELECT id, at_us FROM help_now_press WHERE person_id = ?1 "
	    "AND acknowledged_us IS NULL AND at_us >= ?2 ORDER BY at_us DESC LIMIT 1");
	bind_text(st, 1, pid);
	bind_int(st, 2, now - WARN_LOOKBACK_DAYS * DAY_US);
	rc = step_row(c, st, "warning help now");
	if (rc == 0) {
		f->help_id = col_text(a, st, 0);
		f->help_us = col_int(st, 1);
		stmt_reset(st);
	} else if (rc != ERR_NOT_FOUND)
		return rc;

	/* The newest scores, every instrument together: the rules compare
	 * each instrument's newest two, which these hold unless fifty
	 * answers of others came between them. */
	st = STMT(c, "SELECT code, given_us, score FROM questionnaire_response "
	    "WHERE person_id = ?1 AND scored = 1 ORDER BY day DESC, given_us DESC LIMIT 50");
	bind_text(st, 1, pid);
	rc = rows_collect(st, a, 8, sizeof(struct warn_score), read_score, &rows, &f->nscores,
	    __func__, "warning scores");
	f->scores = rows;
	return rc;
}

static void
read_episode(struct arena *a, struct stmt *st, void *row)
{
	struct warn_episode *x = row;

	x->rule_code = col_text(a, st, 0);
	x->evidence_us = col_int(st, 1);
	x->open = col_int(st, 2) > 0;
	x->resolved_us = col_int(st, 3);
}

int
store_warning_episodes(struct store *s, struct arena *a, const struct grant *g,
    struct warn_episode **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (g == NULL)
		return ERR_INVALID;
	st = STMT(c, "SELECT rule_code, max(evidence_us), "
	    "sum(CASE WHEN resolved_us IS NULL THEN 1 ELSE 0 END), max(resolved_us) "
	    "FROM warning_flag WHERE person_id = ?1 GROUP BY rule_code");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 8, sizeof(**out), read_episode, &rows, n, __func__,
	    "warning episodes");
	*out = rows;
	return rc;
}

static void
read_candidate(struct arena *a, struct stmt *st, void *row)
{
	struct warn_candidate *x = row;

	x->member_id = col_text(a, st, 0);
	x->user_id = col_text(a, st, 1);
	x->org_id = col_text(a, st, 2);
	x->name = col_text(a, st, 3);
	if (!role_parse(col_cstr(st, 4), &x->role))
		x->role = ROLE_NONE;
	x->disabled = !col_null(st, 5);
}

int
store_warning_candidates(struct store *s, struct arena *a, const char *person_id,
    const char *today, struct warn_candidate **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT m.id, m.user_id, m.org_id, u.display_name, ms.role, u.disabled_us "
	    "FROM network_member m JOIN user_account u ON u.id = m.user_id "
	    "JOIN membership ms ON ms.user_id = m.user_id AND ms.org_id = m.org_id "
	    "WHERE m.person_id = ?1 AND (m.until_date IS NULL OR m.until_date >= ?2) "
	    "AND m.role IN ('coordinator', 'professional', 'peer_worker') "
	    "ORDER BY CASE m.role WHEN 'coordinator' THEN 0 WHEN 'professional' THEN 1 "
	    "ELSE 2 END, m.from_date, m.id LIMIT 50");
	bind_text(st, 1, person_id);
	bind_text(st, 2, today);
	rc = rows_collect(st, a, 4, sizeof(**out), read_candidate, &rows, n, __func__,
	    "warning candidates");
	*out = rows;
	return rc;
}

int
store_tx_warning_raise(struct store_tx *tx, const struct grant *g, const struct warn_flag *f)
{
	struct stmt *st;
	int rc;

	if (!store_grant_fits(g, f->person_id) || f->category >= CAT_COUNT ||
	    f->kind >= WK_COUNT)
		return ERR_INVALID;
	/* Once per episode: nothing open for the rule, nothing raised on
	 * this evidence or newer, and no follow-up since it. */
	st = STMT(tx->conn, "SELECT 1 FROM warning_flag WHERE person_id = ?1 AND rule_code = ?2 "
	    "AND (resolved_us IS NULL OR evidence_us >= ?3 OR resolved_us >= ?3) LIMIT 1");
	bind_text(st, 1, f->person_id);
	bind_text(st, 2, f->rule_code);
	bind_int(st, 3, f->evidence_us);
	rc = step_row(tx->conn, st, "warning episode");
	if (rc == 0) {
		stmt_reset(st);
		return 0;
	}
	if (rc != ERR_NOT_FOUND)
		return rc;
	st = STMT(tx->conn, "INSERT INTO warning_flag (person_id, id, rule_code, kind, category, "
	    "rule, evidence_us, value, previous, about_id, raised_us, due_us, assigned_user_id, "
	    "assigned_org_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14)");
	bind_text(st, 1, f->person_id);
	bind_text(st, 2, f->id);
	bind_text(st, 3, f->rule_code);
	bind_text(st, 4, warn_kind_code(f->kind));
	bind_text(st, 5, category_code(f->category));
	bind_text(st, 6, f->rule_json);
	bind_int(st, 7, f->evidence_us);
	bind_int(st, 8, f->value);
	bind_int(st, 9, f->previous);
	bind_text(st, 10, f->about_id);
	bind_int(st, 11, f->raised_us);
	bind_int(st, 12, f->due_us);
	bind_text(st, 13, f->assigned_user_id);
	bind_text(st, 14, f->assigned_org_id);
	if ((rc = step_done(tx->conn, st, "warning flag insert")) != 0)
		return rc;
	return 1;
}

int
store_warning_flags(struct store *s, struct arena *a, const struct grant *g,
    struct warn_flag **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (g == NULL)
		return ERR_INVALID;
	st = STMT(c, "SELECT " FLAG_COLS FLAG_FROM "WHERE f.person_id = ?1 "
	    "ORDER BY CASE WHEN f.resolved_us IS NULL THEN 0 ELSE 1 END, f.raised_us DESC, f.id "
	    "LIMIT 200");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 8, sizeof(**out), read_flag, &rows, n, __func__,
	    "warning flags");
	*out = rows;
	if (rc == 0)
		keep_covered(g, *out, n);
	return rc;
}

int
store_warning_flag_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct warn_flag *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	if (g == NULL)
		return ERR_INVALID;
	st = STMT(c, "SELECT " FLAG_COLS FLAG_FROM "WHERE f.person_id = ?1 AND f.id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = step_row(c, st, "warning flag")) != 0)
		return rc;
	read_flag(a, st, out);
	stmt_reset(st);
	if (out->category >= CAT_COUNT || !grant_covers(g, out->category))
		return ERR_NOT_FOUND;
	return 0;
}

int
store_tx_warning_resolve(struct store_tx *tx, const struct grant *g, const char *id,
    const char *by, enum warn_resolution res, const char *note, int64_t now)
{
	struct stmt *st;
	enum category cat;
	int rc;

	if (g == NULL || !grant_writes(g) || res >= WR_COUNT)
		return ERR_INVALID;
	st = STMT(tx->conn, "SELECT category FROM warning_flag WHERE person_id = ?1 AND id = ?2 "
	    "AND resolved_us IS NULL");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = step_row(tx->conn, st, "warning flag open")) != 0)
		return rc;
	rc = category_parse(col_cstr(st, 0), &cat) && grant_covers(g, cat);
	stmt_reset(st);
	if (!rc)
		return ERR_NOT_FOUND;
	st = STMT(tx->conn, "UPDATE warning_flag SET resolved_us = ?3, resolved_by = ?4, "
	    "resolution = ?5, resolution_note = ?6 WHERE person_id = ?1 AND id = ?2 "
	    "AND resolved_us IS NULL");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_int(st, 3, now);
	bind_text(st, 4, by);
	bind_text(st, 5, warn_resolution_code(res));
	bind_text(st, 6, note);
	return step_changed(tx->conn, st, "warning flag resolve");
}

int
store_warning_flags_assigned(struct store *s, struct arena *a, const struct list_grant *l,
    struct warn_flag **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (l == NULL)
		return ERR_INVALID;
	st = STMT(c, "SELECT " FLAG_COLS FLAG_FROM "WHERE f.assigned_user_id = ?1 "
	    "AND f.resolved_us IS NULL ORDER BY f.due_us, f.person_id, f.id LIMIT 300");
	bind_text(st, 1, list_grant_user(l));
	rc = rows_collect(st, a, 8, sizeof(**out), read_flag, &rows, n, __func__,
	    "warning flags assigned");
	*out = rows;
	return rc;
}

int
store_warning_sweep(struct store *s, struct arena *a, int64_t now, size_t max,
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
	/* Only persons with evidence no flag has been raised on yet. */
	st = STMT(c, "SELECT person_id FROM appointment x WHERE status = 'missed' "
	    "AND status_us >= ?1 AND NOT EXISTS (SELECT 1 FROM warning_flag f "
	    "WHERE f.person_id = x.person_id AND f.kind = 'missed_appointment' "
	    "AND f.evidence_us >= x.status_us) "
	    "UNION SELECT person_id FROM referral x WHERE answer_due_us IS NOT NULL "
	    "AND answer_due_us <= ?2 AND NOT EXISTS (SELECT 1 FROM warning_flag f "
	    "WHERE f.person_id = x.person_id AND f.kind = 'referral_unanswered' "
	    "AND f.evidence_us >= x.answer_due_us) "
	    /* A rhythm chosen and not kept for a period: the rule says how
	     * many periods it waits; nothing is looked at while a flag for
	     * it is open. */
	    "UNION SELECT k.person_id FROM checkin_pref k WHERE k.every_days > 0 "
	    "AND k.updated_us <= ?2 - k.every_days * 86400000000 "
	    "AND NOT EXISTS (SELECT 1 FROM checkin c WHERE c.person_id = k.person_id "
	    "AND c.at_us >= ?2 - k.every_days * 86400000000) "
	    "AND NOT EXISTS (SELECT 1 FROM warning_flag f WHERE f.person_id = k.person_id "
	    "AND f.kind = 'no_checkin' AND f.resolved_us IS NULL) "
	    "UNION SELECT person_id FROM checkup x WHERE status = 'missed' "
	    "AND reminded_us >= ?1 AND NOT EXISTS (SELECT 1 FROM warning_flag f "
	    "WHERE f.person_id = x.person_id AND f.kind = 'missed_checkup' "
	    "AND f.evidence_us >= x.due_us) "
	    "ORDER BY 1 LIMIT ?3");
	bind_int(st, 1, now - WARN_LOOKBACK_DAYS * DAY_US);
	bind_int(st, 2, now);
	bind_int(st, 3, (int64_t)max);
	rc = rows_collect(st, a, 16, sizeof(const char *), rows_read_text, &rows, n, __func__,
	    "warning sweep");
	*out = rows;
	return rc;
}

int
store_tx_warning_check(struct store_tx *tx, const char *person_id, int64_t now)
{
	char key[128], payload[128];

	snprintf(key, sizeof(key), "warnings:%s", person_id);
	snprintf(payload, sizeof(payload), "{\"person\":\"%s\"}", person_id);
	return store_tx_job_enqueue(tx, "warnings", payload, now, key);
}
