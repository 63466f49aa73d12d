/* SQL for a person's answers to questionnaires (see responses.h). */
#include "store/responses.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"
#include "store/warnings.h"

#define RESPONSE_COLS "r.person_id, r.id, r.questionnaire_id, r.code, q.version, r.day, " \
	"r.given_us, r.scored, r.score, r.zone, r.answered, r.missing, r.source, " \
	"r.created_by, u.display_name "
#define RESPONSE_FROM "FROM questionnaire_response r " \
	"JOIN questionnaire q ON q.id = r.questionnaire_id " \
	"LEFT JOIN user_account u ON u.id = r.created_by "
#define NEWEST "ORDER BY r.day DESC, r.given_us DESC, r.id "

static bool
readable(const struct grant *g)
{
	return g != NULL && grant_covers(g, CAT_QUESTIONNAIRES);
}

static void
read_response(struct arena *a, struct stmt *st, void *row)
{
	struct q_response *x = row;

	memset(x, 0, sizeof(*x));
	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->questionnaire_id = col_text(a, st, 2);
	x->code = col_text(a, st, 3);
	x->version = (int)col_int(st, 4);
	x->day = col_text(a, st, 5);
	x->given_us = col_int(st, 6);
	x->scored = col_int(st, 7) != 0;
	x->score = (int)col_int(st, 8);
	x->zone = col_text(a, st, 9);
	x->answered = (int)col_int(st, 10);
	x->missing = (int)col_int(st, 11);
	if (!qr_source_parse(col_cstr(st, 12), &x->source))
		x->source = QR_SELF;
	x->created_by = col_text(a, st, 13);
	x->created_by_name = col_text(a, st, 14);
}

int
store_responses(struct store *s, struct arena *a, const struct grant *g, const char *code,
    struct q_response **out, size_t *n)
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
	st = STMT(c, "SELECT " RESPONSE_COLS RESPONSE_FROM "WHERE r.person_id = ?1 "
	    "AND r.code = coalesce(?2, r.code) " NEWEST "LIMIT 500");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, code);
	rc = rows_collect(st, a, 16, sizeof(**out), read_response, &rows, n, __func__,
	    "responses");
	*out = rows;
	return rc;
}

struct answer_row {
	const char *response_id;
	struct q_answer x;
};

static void
read_answer(struct arena *a, struct stmt *st, void *row)
{
	struct answer_row *x = row;

	x->response_id = col_text(a, st, 0);
	x->x.item = col_text(a, st, 1);
	x->x.value = (int)col_int(st, 2);
}

/* The answers of the person's responses (id NULL: all of them), by
 * response, into each of xs[0..n) (matched by id). */
static int
attach_answers(struct conn *c, struct arena *a, const char *person_id, const char *id,
    struct q_response *xs, size_t n)
{
	struct answer_row *rows;
	struct stmt *st;
	void *got;
	size_t nrows, i, k;
	int rc;

	st = STMT(c, "SELECT response_id, item_id, value FROM questionnaire_answer "
	    "WHERE person_id = ?1 AND response_id = coalesce(?2, response_id) "
	    "ORDER BY response_id, item_id");
	bind_text(st, 1, person_id);
	bind_text(st, 2, id);
	if ((rc = rows_collect(st, a, 16, sizeof(*rows), read_answer, &got, &nrows, __func__,
	    "answers")) != 0)
		return rc;
	rows = got;
	for (i = 0; i < n; i++) {
		xs[i].answers = arena_alloc(a, (Q_ITEMS_MAX + 1) * sizeof(*xs[i].answers));
		xs[i].nanswers = 0;
	}
	/* Few responses per person: a scan per row is cheap. */
	for (k = 0; k < nrows; k++)
		for (i = 0; i < n; i++)
			if (strcmp(xs[i].id, rows[k].response_id) == 0) {
				if (xs[i].nanswers < Q_ITEMS_MAX)
					xs[i].answers[xs[i].nanswers++] = rows[k].x;
				break;
			}
	return 0;
}

int
store_response_get(struct store *s, struct arena *a, const struct grant *g, const char *id,
    struct q_response *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (!readable(g))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " RESPONSE_COLS RESPONSE_FROM "WHERE r.person_id = ?1 AND r.id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = step_row(c, st, "response")) != 0)
		return rc;
	read_response(a, st, out);
	stmt_reset(st);
	return attach_answers(c, a, grant_person(g), out->id, out, 1);
}

int
store_responses_all(struct store *s, struct arena *a, const struct grant *g,
    struct q_response **out, size_t *n)
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
	st = STMT(c, "SELECT " RESPONSE_COLS RESPONSE_FROM "WHERE r.person_id = ?1 " NEWEST);
	bind_text(st, 1, grant_person(g));
	if ((rc = rows_collect(st, a, 16, sizeof(**out), read_response, &rows, n, __func__,
	    "responses all")) != 0)
		return rc;
	*out = rows;
	return attach_answers(c, a, grant_person(g), NULL, *out, *n);
}

static void
read_point(struct arena *a, struct stmt *st, void *row)
{
	struct q_score_point *x = row;

	x->person_id = col_text(a, st, 0);
	x->response_id = col_text(a, st, 1);
	x->code = col_text(a, st, 2);
	x->day = col_text(a, st, 3);
	x->given_us = col_int(st, 4);
	x->score = (int)col_int(st, 5);
	x->zone = col_text(a, st, 6);
	x->questionnaire_id = col_text(a, st, 7);
}

int
store_response_scores(struct store *s, struct arena *a, const struct grant *const *g,
    size_t ng, const char *code, size_t per_person, struct q_score_point **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct q_score_point *all = NULL;
	size_t i, k, got, cap = 0;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	for (i = 0; i < ng; i++)
		if (!readable(g[i]))
			return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	/* The same statement for each person: the index on (person_id, code,
	 * day, given_us) answers it from its end. */
	for (i = 0; i < ng; i++) {
		struct stmt *st = STMT(c, "SELECT r.person_id, r.id, r.code, r.day, r.given_us, "
		    "r.score, r.zone, r.questionnaire_id FROM questionnaire_response r "
		    "WHERE r.person_id = ?1 AND r.code = ?2 AND r.scored = 1 "
		    "ORDER BY r.day DESC, r.given_us DESC, r.id LIMIT ?3");

		bind_text(st, 1, grant_person(g[i]));
		bind_text(st, 2, code);
		bind_int(st, 3, (int64_t)(per_person > 0 ? per_person : 1));
		if ((rc = rows_collect(st, a, 8, sizeof(*all), read_point, &rows, &got, __func__,
		    "response scores")) != 0)
			return rc;
		if (*n + got > cap) {
			struct q_score_point *more;

			cap = (*n + got) * 2 + 8;
			more = arena_alloc(a, cap * sizeof(*more));
			if (*n > 0)
				memcpy(more, all, *n * sizeof(*more));
			all = more;
		}
		for (k = 0; k < got; k++)
			all[(*n)++] = ((struct q_score_point *)rows)[k];
	}
	*out = all;
	return 0;
}

int
store_tx_response_insert(struct store_tx *tx, const struct grant *g,
    const struct q_response *x)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	size_t i;
	int rc;

	if (!store_grant_fits(g, x->person_id) || !grant_covers(g, CAT_QUESTIONNAIRES))
		return ERR_INVALID;
	st = STMT(c, "INSERT INTO questionnaire_response (person_id, id, questionnaire_id, "
	    "code, day, given_us, scored, score, zone, answered, missing, source, created_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->questionnaire_id);
	bind_text(st, 4, x->code);
	bind_text(st, 5, x->day);
	bind_int(st, 6, x->given_us);
	bind_int(st, 7, x->scored ? 1 : 0);
	if (x->scored)
		bind_int(st, 8, x->score);
	else
		bind_null(st, 8);
	bind_text(st, 9, x->scored ? x->zone : NULL);
	bind_int(st, 10, x->answered);
	bind_int(st, 11, x->missing);
	bind_text(st, 12, qr_source_code(x->source));
	bind_text(st, 13, x->created_by);
	if ((rc = step_done(c, st, "response insert")) != 0)
		return rc;
	for (i = 0; i < x->nanswers; i++) {
		st = STMT(c, "INSERT INTO questionnaire_answer (person_id, response_id, item_id, "
		    "value) VALUES (?1, ?2, ?3, ?4)");
		bind_text(st, 1, x->person_id);
		bind_text(st, 2, x->id);
		bind_text(st, 3, x->answers[i].item);
		bind_int(st, 4, x->answers[i].value);
		if ((rc = step_done(c, st, "answer insert")) != 0)
			return rc;
	}
	/* A score may raise an early warning: looked at by the job this
	 * write queues (jobs/warnings.c). */
	return x->scored ? store_tx_warning_check(tx, x->person_id, x->given_us) : 0;
}
