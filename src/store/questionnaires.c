/* SQL for questionnaire definitions (see questionnaires.h). */
#include "store/questionnaires.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "core/questionnaire.h"
#include "store/backend.h"
#include "store/rows.h"

#define Q_COLUMNS "q.id, q.code, q.version, q.name_en, q.name_nl, q.name_da, q.languages, " \
	"q.items, q.score_min, q.score_max, q.body, q.created_by, q.created_us "

static void
read_row(struct arena *a, struct stmt *st, void *row)
{
	struct questionnaire_row *x = row;

	x->id = col_text(a, st, 0);
	x->code = col_text(a, st, 1);
	x->version = (int)col_int(st, 2);
	x->name[LANG_EN] = col_text(a, st, 3);
	x->name[LANG_NL] = col_text(a, st, 4);
	x->name[LANG_DA] = col_text(a, st, 5);
	x->languages = col_text(a, st, 6);
	x->items = (int)col_int(st, 7);
	x->score_min = (int)col_int(st, 8);
	x->score_max = (int)col_int(st, 9);
	x->body = col_text(a, st, 10);
	x->created_by = col_text(a, st, 11);
	x->created_us = col_int(st, 12);
}

int
store_questionnaires(struct store *s, struct arena *a, bool latest_only,
    struct questionnaire_row **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " Q_COLUMNS "FROM questionnaire q "
	    "WHERE ?1 = 0 OR q.version = (SELECT max(u.version) FROM questionnaire u "
	    "WHERE u.code = q.code) ORDER BY q.code, q.version DESC LIMIT 1000");
	bind_int(st, 1, latest_only);
	rc = rows_collect(st, a, 8, sizeof(**out), read_row, &rows, n, __func__,
	    "questionnaires");
	*out = rows;
	return rc;
}

int
store_questionnaire_get(struct store *s, struct arena *a, const char *id,
    struct questionnaire_row *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " Q_COLUMNS "FROM questionnaire q WHERE q.id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "questionnaire")) != 0)
		return rc;
	read_row(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_questionnaire_latest(struct store *s, struct arena *a, const char *code,
    struct questionnaire_row *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " Q_COLUMNS "FROM questionnaire q WHERE q.code = ?1 "
	    "ORDER BY q.version DESC LIMIT 1");
	bind_text(st, 1, code);
	if ((rc = step_row(c, st, "questionnaire latest")) != 0)
		return rc;
	read_row(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_questionnaire_row(struct arena *a, const struct q_definition *d,
    struct questionnaire_row *x)
{
	static const char *const keys[LANG_COUNT] = {"en", "nl", "da"};
	char *id = arena_alloc(a, ID_LEN + 1);
	const char *langs = NULL;
	int l;

	memset(x, 0, sizeof(*x));
	id_new(id);
	x->id = id;
	x->code = d->code;
	x->version = d->version;
	for (l = 0; l < LANG_COUNT; l++) {
		x->name[l] = d->official[l] ? d->name.t[l] : NULL;
		if (d->official[l])
			langs = langs == NULL ? keys[l] : arena_printf(a, "%s,%s", langs, keys[l]);
	}
	x->languages = langs;
	x->items = (int)d->nitems;
	x->score_min = d->min;
	x->score_max = d->max;
	x->created_us = clock_now_us();
	return (x->body = q_write(a, d)) != NULL ? 0 : ERR_NOMEM;
}

int
store_tx_questionnaire_insert(struct store_tx *tx, const struct questionnaire_row *x)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	int rc;

	st = STMT(c, "SELECT count(*) FROM questionnaire WHERE code = ?1 AND version = ?2");
	bind_text(st, 1, x->code);
	bind_int(st, 2, x->version);
	if ((rc = step_row(c, st, "questionnaire exists")) != 0)
		return rc;
	rc = col_int(st, 0) > 0 ? ERR_CONFLICT : 0;
	stmt_reset(st);
	if (rc != 0)
		return rc;
	st = STMT(c, "INSERT INTO questionnaire (id, code, version, name_en, name_nl, name_da, "
	    "languages, items, score_min, score_max, body, created_by, created_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	bind_text(st, 1, x->id);
	bind_text(st, 2, x->code);
	bind_int(st, 3, x->version);
	bind_text(st, 4, x->name[LANG_EN]);
	bind_text(st, 5, x->name[LANG_NL]);
	bind_text(st, 6, x->name[LANG_DA]);
	bind_text(st, 7, x->languages);
	bind_int(st, 8, x->items);
	bind_int(st, 9, x->score_min);
	bind_int(st, 10, x->score_max);
	bind_text(st, 11, x->body);
	bind_text(st, 12, x->created_by);
	bind_int(st, 13, x->created_us);
	return step_done(c, st, "questionnaire insert");
}
