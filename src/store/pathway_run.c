/* SQL for the pathways persons follow (see pathway_run.h). */
#include "store/pathway_run.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

#define PATHWAY_COLS "p.person_id, p.id, p.template_id, p.org_id, o.name, p.status, " \
	"p.time_zone, p.first_contact, p.start_due, p.started, p.phase, p.phase_due, " \
	"p.offered_us, p.offered_by, p.agreed_us, p.agreed_by, p.ended_us, p.version, " \
	"t.code, t.name_en, t.name_nl, t.name_da, t.version, uo.display_name, ua.display_name "
#define PATHWAY_FROM "FROM pathway p JOIN pathway_template t ON t.id = p.template_id " \
	"LEFT JOIN organisation o ON o.id = p.org_id " \
	"LEFT JOIN user_account uo ON uo.id = p.offered_by " \
	"LEFT JOIN user_account ua ON ua.id = p.agreed_by "

static bool
readable(const struct grant *g)
{
	return g != NULL && grant_covers(g, CAT_PLAN);
}

static bool
fits(const struct grant *g, const char *person_id)
{
	return store_grant_fits(g, person_id) && grant_covers(g, CAT_PLAN);
}

static void
read_pathway(struct arena *a, struct stmt *st, void *row)
{
	struct pathway *x = row;

	memset(x, 0, sizeof(*x));
	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->template_id = col_text(a, st, 2);
	x->org_id = col_text(a, st, 3);
	x->org_name = col_text(a, st, 4);
	pwr_status_parse(col_text(a, st, 5), &x->status);
	x->time_zone = col_text(a, st, 6);
	x->first_contact = col_text(a, st, 7);
	x->start_due = col_text(a, st, 8);
	x->started = col_text(a, st, 9);
	x->phase = col_null(st, 10) ? -1 : col_int(st, 10);
	x->phase_due = col_text(a, st, 11);
	x->offered_us = col_int(st, 12);
	x->offered_by = col_text(a, st, 13);
	x->agreed_us = col_int(st, 14);
	x->agreed_by = col_text(a, st, 15);
	x->ended_us = col_int(st, 16);
	x->version = col_int(st, 17);
	x->template_code = col_text(a, st, 18);
	x->template_name[LANG_EN] = col_text(a, st, 19);
	x->template_name[LANG_NL] = col_text(a, st, 20);
	x->template_name[LANG_DA] = col_text(a, st, 21);
	x->template_version = (int)col_int(st, 22);
	x->offered_by_name = col_text(a, st, 23);
	x->agreed_by_name = col_text(a, st, 24);
}

int
store_pathways(struct store *s, struct arena *a, const struct grant *g,
    struct pathway **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (!readable(g))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PATHWAY_COLS PATHWAY_FROM "WHERE p.person_id = ?1 "
	    "ORDER BY p.offered_us DESC, p.id LIMIT 200");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 4, sizeof(**out), read_pathway, &rows, n, __func__,
	    "pathways");
	*out = rows;
	return rc;
}

#define PHASE_COLS "seq, ord, code, name, purpose, expected_days, status, started, ended "

/* A phase's PHASE_COLS, from column i on. */
static void
read_phase_at(struct arena *a, struct stmt *st, struct pathway_phase *x, int i)
{
	x->seq = col_int(st, i);
	x->ord = col_double(st, i + 1);
	x->code = col_text(a, st, i + 2);
	x->name = col_text(a, st, i + 3);
	x->purpose = col_text(a, st, i + 4);
	x->expected_days = (int)col_int(st, i + 5);
	pwp_status_parse(col_text(a, st, i + 6), &x->status);
	x->started = col_text(a, st, i + 7);
	x->ended = col_text(a, st, i + 8);
}

static void
read_phase(struct arena *a, struct stmt *st, void *row)
{
	read_phase_at(a, st, row, 0);
}

struct live_row {
	struct pathway p;
	struct pathway_phase h;
};

static void
read_live(struct arena *a, struct stmt *st, void *row)
{
	struct live_row *x = row;

	read_pathway(a, st, &x->p);
	read_phase_at(a, st, &x->h, 25);
}

int
store_pathways_live(struct store *s, struct arena *a, const struct grant *g,
    struct pathway_full **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct live_row *rows;
	struct stmt *st;
	void *got;
	size_t nrows, i, k;
	int rc;

	*out = NULL;
	*n = 0;
	if (!readable(g))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	/* One statement: the person's home page asks on every view. */
	st = STMT(c, "SELECT " PATHWAY_COLS ", h.seq, h.ord, h.code, h.name, h.purpose, "
	    "h.expected_days, h.status, h.started, h.ended " PATHWAY_FROM
	    "JOIN pathway_phase h ON h.person_id = p.person_id AND h.pathway_id = p.id "
	    "WHERE p.person_id = ?1 AND p.status IN ('offered', 'running') "
	    "ORDER BY p.offered_us DESC, p.id, h.ord, h.seq LIMIT 500");
	bind_text(st, 1, grant_person(g));
	if ((rc = rows_collect(st, a, 16, sizeof(*rows), read_live, &got, &nrows, __func__,
	    "live pathways")) != 0)
		return rc;
	rows = got;
	*out = arena_alloc(a, (nrows + 1) * sizeof(**out));
	for (i = 0; i < nrows; i = k) {
		struct pathway_full *f = &(*out)[(*n)++];

		memset(f, 0, sizeof(*f));
		f->p = rows[i].p;
		for (k = i; k < nrows && strcmp(rows[k].p.id, rows[i].p.id) == 0; k++)
			;
		f->phases = arena_alloc(a, (k - i) * sizeof(*f->phases));
		for (f->nphases = 0; f->nphases < k - i; f->nphases++)
			f->phases[f->nphases] = rows[i + f->nphases].h;
	}
	return 0;
}

static void
read_item(struct arena *a, struct stmt *st, void *row)
{
	struct pathway_item *x = row;

	x->id = col_text(a, st, 0);
	x->phase = col_int(st, 1);
	pwi_kind_parse(col_text(a, st, 2), &x->kind);
	x->src = (int)col_int(st, 3);
	x->title = col_text(a, st, 4);
	pwi_status_parse(col_text(a, st, 5), &x->status);
	x->made_id = col_text(a, st, 6);
	x->decided_us = col_int(st, 7);
	x->decided_by = col_text(a, st, 8);
}

static void
read_dev(struct arena *a, struct stmt *st, void *row)
{
	struct pathway_deviation *x = row;

	x->id = col_text(a, st, 0);
	x->phase = col_null(st, 1) ? -1 : col_int(st, 1);
	pwd_kind_parse(col_text(a, st, 2), &x->kind);
	pwd_reason_parse(col_text(a, st, 3), &x->reason);
	x->note = col_text(a, st, 4);
	x->detail = col_text(a, st, 5);
	x->at_us = col_int(st, 6);
	x->by_user = col_text(a, st, 7);
	x->by_org = col_text(a, st, 8);
	x->by_name = col_text(a, st, 9);
	x->by_org_name = col_text(a, st, 10);
}

int
store_pathway_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct pathway_full *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!readable(g))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PATHWAY_COLS PATHWAY_FROM
	    "WHERE p.person_id = ?1 AND p.id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = step_row(c, st, "pathway")) != 0)
		return rc;
	read_pathway(a, st, &out->p);
	stmt_reset(st);

	st = STMT(c, "SELECT " PHASE_COLS "FROM pathway_phase WHERE person_id = ?1 "
	    "AND pathway_id = ?2 ORDER BY ord, seq");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = rows_collect(st, a, 8, sizeof(*out->phases), read_phase, &rows,
	    &out->nphases, __func__, "pathway phases")) != 0)
		return rc;
	out->phases = rows;

	st = STMT(c, "SELECT id, phase, kind, src, title, status, made_id, decided_us, "
	    "decided_by FROM pathway_item WHERE person_id = ?1 AND pathway_id = ?2 "
	    "ORDER BY phase, CASE kind WHEN 'goal' THEN 0 WHEN 'step' THEN 1 ELSE 2 END, "
	    "CASE WHEN src < 0 THEN 1 ELSE 0 END, src, id");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = rows_collect(st, a, 16, sizeof(*out->items), read_item, &rows,
	    &out->nitems, __func__, "pathway items")) != 0)
		return rc;
	out->items = rows;

	st = STMT(c, "SELECT d.id, d.phase, d.kind, d.reason, d.note, d.detail, d.at_us, "
	    "d.by_user, d.by_org, u.display_name, o.name FROM pathway_deviation d "
	    "LEFT JOIN user_account u ON u.id = d.by_user "
	    "LEFT JOIN organisation o ON o.id = d.by_org "
	    "WHERE d.person_id = ?1 AND d.pathway_id = ?2 ORDER BY d.at_us, d.id");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	rc = rows_collect(st, a, 8, sizeof(*out->devs), read_dev, &rows, &out->ndevs,
	    __func__, "pathway deviations");
	out->devs = rows;
	return rc;
}

/* Writes */

int
store_tx_pathway_insert(struct store_tx *tx, const struct grant *g,
    const struct pathway *p, const struct pathway_phase *phases, size_t n)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	size_t i;
	int rc;

	if (!fits(g, p->person_id))
		return ERR_INVALID;
	st = STMT(c, "INSERT INTO pathway (person_id, id, template_id, org_id, status, "
	    "time_zone, first_contact, start_due, started, phase, phase_due, offered_us, "
	    "offered_by, agreed_us, agreed_by, ended_us, version) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, NULL, NULL, NULL, ?9, ?10, NULL, NULL, NULL, 1)");
	bind_text(st, 1, p->person_id);
	bind_text(st, 2, p->id);
	bind_text(st, 3, p->template_id);
	bind_text(st, 4, p->org_id);
	bind_text(st, 5, pwr_status_code(p->status));
	bind_text(st, 6, p->time_zone);
	bind_text(st, 7, p->first_contact);
	bind_text(st, 8, p->start_due);
	bind_int(st, 9, p->offered_us);
	bind_text(st, 10, p->offered_by);
	if ((rc = step_done(c, st, "pathway insert")) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = store_tx_pathway_phase_insert(tx, g, p->person_id, p->id,
		    &phases[i])) != 0)
			return rc;
	return 0;
}

int
store_tx_pathway_update(struct store_tx *tx, const struct grant *g, const struct pathway *p)
{
	struct stmt *st;
	int rc;

	if (!fits(g, p->person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE pathway SET status = ?3, started = ?4, phase = ?5, "
	    "phase_due = ?6, agreed_us = ?7, agreed_by = ?8, ended_us = ?9, "
	    "version = version + 1 WHERE person_id = ?1 AND id = ?2 AND version = ?10");
	bind_text(st, 1, p->person_id);
	bind_text(st, 2, p->id);
	bind_text(st, 3, pwr_status_code(p->status));
	bind_text(st, 4, p->started);
	if (p->phase >= 0)
		bind_int(st, 5, p->phase);
	else
		bind_null(st, 5);
	bind_text(st, 6, p->phase_due);
	bind_us(st, 7, p->agreed_us);
	bind_text(st, 8, p->agreed_by);
	bind_us(st, 9, p->ended_us);
	bind_int(st, 10, p->version);
	rc = step_changed(tx->conn, st, "pathway update");
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int
store_tx_pathway_phase_update(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_phase *ph)
{
	struct stmt *st;

	if (!fits(g, person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE pathway_phase SET status = ?4, started = ?5, ended = ?6, "
	    "expected_days = ?7 WHERE person_id = ?1 AND pathway_id = ?2 AND seq = ?3");
	bind_text(st, 1, person_id);
	bind_text(st, 2, pathway_id);
	bind_int(st, 3, ph->seq);
	bind_text(st, 4, pwp_status_code(ph->status));
	bind_text(st, 5, ph->started);
	bind_text(st, 6, ph->ended);
	bind_int(st, 7, ph->expected_days);
	return step_changed(tx->conn, st, "pathway phase update");
}

int
store_tx_pathway_phase_insert(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_phase *ph)
{
	struct stmt *st;

	if (!fits(g, person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO pathway_phase (person_id, pathway_id, seq, ord, code, "
	    "name, purpose, expected_days, status, started, ended) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9, ?10, ?11)");
	bind_text(st, 1, person_id);
	bind_text(st, 2, pathway_id);
	bind_int(st, 3, ph->seq);
	bind_double(st, 4, ph->ord);
	bind_text(st, 5, ph->code);
	bind_text(st, 6, ph->name);
	bind_text(st, 7, ph->purpose);
	bind_int(st, 8, ph->expected_days);
	bind_text(st, 9, pwp_status_code(ph->status));
	bind_text(st, 10, ph->started);
	bind_text(st, 11, ph->ended);
	return step_done(tx->conn, st, "pathway phase insert");
}

int
store_tx_pathway_items_insert(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_item *xs, size_t n)
{
	struct stmt *st;
	size_t i;
	int rc;

	if (!fits(g, person_id))
		return ERR_INVALID;
	for (i = 0; i < n; i++) {
		st = STMT(tx->conn, "INSERT INTO pathway_item (person_id, pathway_id, id, phase, "
		    "kind, src, title, status, made_id, decided_us, decided_by) VALUES (?1, ?2, ?3, "
		    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
		bind_text(st, 1, person_id);
		bind_text(st, 2, pathway_id);
		bind_text(st, 3, xs[i].id);
		bind_int(st, 4, xs[i].phase);
		bind_text(st, 5, pwi_kind_code(xs[i].kind));
		bind_int(st, 6, xs[i].src);
		bind_text(st, 7, xs[i].title);
		bind_text(st, 8, pwi_status_code(xs[i].status));
		bind_text(st, 9, xs[i].made_id);
		bind_us(st, 10, xs[i].decided_us);
		bind_text(st, 11, xs[i].decided_by);
		if ((rc = step_done(tx->conn, st, "pathway item insert")) != 0)
			return rc;
	}
	return 0;
}

int
store_tx_pathway_item_decide(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_item *x)
{
	struct stmt *st;
	int rc;

	if (!fits(g, person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE pathway_item SET status = ?4, made_id = ?5, decided_us = ?6, "
	    "decided_by = ?7 WHERE person_id = ?1 AND pathway_id = ?2 AND id = ?3 "
	    "AND status = 'proposed'");
	bind_text(st, 1, person_id);
	bind_text(st, 2, pathway_id);
	bind_text(st, 3, x->id);
	bind_text(st, 4, pwi_status_code(x->status));
	bind_text(st, 5, x->made_id);
	bind_us(st, 6, x->decided_us);
	bind_text(st, 7, x->decided_by);
	rc = step_changed(tx->conn, st, "pathway item decide");
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int
store_tx_pathway_deviation_insert(struct store_tx *tx, const struct grant *g,
    const char *person_id, const char *pathway_id, const struct pathway_deviation *d)
{
	struct stmt *st;

	if (!fits(g, person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO pathway_deviation (person_id, pathway_id, id, phase, "
	    "kind, reason, note, detail, at_us, by_user, by_org) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11)");
	bind_text(st, 1, person_id);
	bind_text(st, 2, pathway_id);
	bind_text(st, 3, d->id);
	if (d->phase >= 0)
		bind_int(st, 4, d->phase);
	else
		bind_null(st, 4);
	bind_text(st, 5, pwd_kind_code(d->kind));
	bind_text(st, 6, pwd_reason_code(d->reason));
	bind_text(st, 7, d->note);
	bind_text(st, 8, d->detail);
	bind_int(st, 9, d->at_us);
	bind_text(st, 10, d->by_user);
	bind_text(st, 11, d->by_org);
	return step_done(tx->conn, st, "pathway deviation insert");
}

/* Reports */

static void
read_rp(struct arena *a, struct stmt *st, void *row)
{
	struct pw_report_pathway *x = row;

	x->id = col_text(a, st, 0);
	pwr_status_parse(col_text(a, st, 1), &x->status);
	x->first_contact = col_text(a, st, 2);
	x->start_due = col_text(a, st, 3);
	x->started = col_text(a, st, 4);
	x->phase_code = col_text(a, st, 5);
	x->phase_name = col_text(a, st, 6);
}

static void
read_rph(struct arena *a, struct stmt *st, void *row)
{
	struct pw_report_phase *x = row;

	x->pathway_id = col_text(a, st, 0);
	x->code = col_text(a, st, 1);
	x->name = col_text(a, st, 2);
	pwp_status_parse(col_text(a, st, 3), &x->status);
	x->started = col_text(a, st, 4);
	x->ended = col_text(a, st, 5);
}

static void
read_rdev(struct arena *a, struct stmt *st, void *row)
{
	struct pw_report_dev *x = row;

	pwd_kind_parse(col_text(a, st, 0), &x->kind);
	pwd_reason_parse(col_text(a, st, 1), &x->reason);
}

int
store_pathway_report(struct store *s, struct arena *a, const char *org_id,
    const char *code, struct pw_report_rows *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	memset(out, 0, sizeof(*out));
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT p.id, p.status, p.first_contact, p.start_due, p.started, "
	    "h.code, h.name FROM pathway p JOIN pathway_template t ON t.id = p.template_id "
	    "LEFT JOIN pathway_phase h ON h.person_id = p.person_id AND h.pathway_id = p.id "
	    "AND h.seq = p.phase WHERE p.org_id = ?1 AND t.code = ?2 ORDER BY p.id");
	bind_text(st, 1, org_id);
	bind_text(st, 2, code);
	if ((rc = rows_collect(st, a, 16, sizeof(*out->pathways), read_rp, &rows,
	    &out->npathways, __func__, "pathway report")) != 0)
		return rc;
	out->pathways = rows;
	st = STMT(c, "SELECT p.id, h.code, h.name, h.status, h.started, h.ended FROM pathway p "
	    "JOIN pathway_template t ON t.id = p.template_id JOIN pathway_phase h "
	    "ON h.person_id = p.person_id AND h.pathway_id = p.id "
	    "WHERE p.org_id = ?1 AND t.code = ?2 ORDER BY p.id, h.ord");
	bind_text(st, 1, org_id);
	bind_text(st, 2, code);
	if ((rc = rows_collect(st, a, 64, sizeof(*out->phases), read_rph, &rows,
	    &out->nphases, __func__, "pathway report phases")) != 0)
		return rc;
	out->phases = rows;
	st = STMT(c, "SELECT d.kind, d.reason FROM pathway p JOIN pathway_template t "
	    "ON t.id = p.template_id JOIN pathway_deviation d ON d.person_id = p.person_id "
	    "AND d.pathway_id = p.id WHERE p.org_id = ?1 AND t.code = ?2");
	bind_text(st, 1, org_id);
	bind_text(st, 2, code);
	rc = rows_collect(st, a, 16, sizeof(*out->devs), read_rdev, &rows, &out->ndevs,
	    __func__, "pathway report deviations");
	out->devs = rows;
	return rc;
}
