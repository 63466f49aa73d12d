/* SQL for pathway templates (see pathways.h). */
#include "store/pathways.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "core/pathway.h"
#include "store/backend.h"
#include "store/rows.h"

#define TEMPLATE_COLUMNS "t.id, t.code, t.version, t.org_id, t.country, t.name_en, t.name_nl, " \
	"t.name_da, t.phases, t.total_days, t.start_within_days, t.body, t.created_by, " \
	"t.created_us, o.name "

static void
read_template(struct arena *a, struct stmt *st, void *row)
{
	struct pathway_template_row *x = row;

	x->id = col_text(a, st, 0);
	x->code = col_text(a, st, 1);
	x->version = (int)col_int(st, 2);
	x->org_id = col_text(a, st, 3);
	x->country = col_text(a, st, 4);
	x->name[LANG_EN] = col_text(a, st, 5);
	x->name[LANG_NL] = col_text(a, st, 6);
	x->name[LANG_DA] = col_text(a, st, 7);
	x->phases = (int)col_int(st, 8);
	x->total_days = (int)col_int(st, 9);
	x->start_within_days = (int)col_int(st, 10);
	x->body = col_text(a, st, 11);
	x->created_by = col_text(a, st, 12);
	x->created_us = col_int(st, 13);
	x->org_name = col_text(a, st, 14);
}

int
store_pathway_templates(struct store *s, struct arena *a, bool latest_only,
    struct pathway_template_row **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " TEMPLATE_COLUMNS "FROM pathway_template t "
	    "LEFT JOIN organisation o ON o.id = t.org_id "
	    "WHERE ?1 = 0 OR t.version = (SELECT max(u.version) FROM pathway_template u "
	    "WHERE u.code = t.code AND coalesce(u.org_id, '') = coalesce(t.org_id, '')) "
	    "ORDER BY t.code, coalesce(t.org_id, ''), t.version DESC LIMIT 1000");
	bind_int(st, 1, latest_only);
	rc = rows_collect(st, a, 8, sizeof(**out), read_template, &rows, n, __func__,
	    "pathway templates");
	*out = rows;
	return rc;
}

int
store_pathway_template_get(struct store *s, struct arena *a, const char *id,
    struct pathway_template_row *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " TEMPLATE_COLUMNS "FROM pathway_template t "
	    "LEFT JOIN organisation o ON o.id = t.org_id WHERE t.id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "pathway template")) != 0)
		return rc;
	read_template(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_pathway_template_latest(struct store *s, struct arena *a, const char *org_id,
    const char *code, struct pathway_template_row *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " TEMPLATE_COLUMNS "FROM pathway_template t "
	    "LEFT JOIN organisation o ON o.id = t.org_id "
	    "WHERE t.code = ?1 AND coalesce(t.org_id, '') = coalesce(CAST(?2 AS TEXT), '') "
	    "ORDER BY t.version DESC LIMIT 1");
	bind_text(st, 1, code);
	bind_text(st, 2, org_id);
	if ((rc = step_row(c, st, "pathway template latest")) != 0)
		return rc;
	read_template(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_pathway_template_row(struct arena *a, const struct pw_template *t,
    struct pathway_template_row *x)
{
	char *id = arena_alloc(a, ID_LEN + 1);
	int l;

	memset(x, 0, sizeof(*x));
	id_new(id);
	x->id = id;
	x->code = t->code;
	x->version = t->version;
	x->country = t->country;
	for (l = 0; l < LANG_COUNT; l++)
		x->name[l] = t->name.t[l];
	x->phases = (int)t->nphases;
	x->total_days = pw_total_days(t);
	x->start_within_days = t->start_within_days;
	x->created_us = clock_now_us();
	return (x->body = pw_write(a, t)) != NULL ? 0 : ERR_NOMEM;
}

int
store_tx_pathway_template_insert(struct store_tx *tx, const struct pathway_template_row *x)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	int rc;

	st = STMT(c, "SELECT count(*) FROM pathway_template WHERE code = ?1 AND version = ?2 "
	    "AND coalesce(org_id, '') = coalesce(CAST(?3 AS TEXT), '')");
	bind_text(st, 1, x->code);
	bind_int(st, 2, x->version);
	bind_text(st, 3, x->org_id);
	if ((rc = step_row(c, st, "pathway template exists")) != 0)
		return rc;
	rc = col_int(st, 0) > 0 ? ERR_CONFLICT : 0;
	stmt_reset(st);
	if (rc != 0)
		return rc;
	st = STMT(c, "INSERT INTO pathway_template (id, code, version, org_id, country, name_en, "
	    "name_nl, name_da, phases, total_days, start_within_days, body, created_by, "
	    "created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
	bind_text(st, 1, x->id);
	bind_text(st, 2, x->code);
	bind_int(st, 3, x->version);
	bind_text(st, 4, x->org_id);
	bind_text(st, 5, x->country);
	bind_text(st, 6, x->name[LANG_EN]);
	bind_text(st, 7, x->name[LANG_NL]);
	bind_text(st, 8, x->name[LANG_DA]);
	bind_int(st, 9, x->phases);
	bind_int(st, 10, x->total_days);
	if (x->start_within_days > 0)
		bind_int(st, 11, x->start_within_days);
	else
		bind_null(st, 11);
	bind_text(st, 12, x->body);
	bind_text(st, 13, x->created_by);
	bind_int(st, 14, x->created_us);
	return step_done(c, st, "pathway template insert");
}
