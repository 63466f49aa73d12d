/* Answering a questionnaire (see responses.h). */
#include "view/responses.h"

#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "core/pathway_run.h"
#include "store/audit.h"
#include "store/responses.h"

int
view_q_version(struct store *s, struct arena *a, const char *id, const char *code,
    struct q_version *out)
{
	struct q_problem p[1];
	int rc;

	memset(out, 0, sizeof(*out));
	rc = id != NULL ? store_questionnaire_get(s, a, id, &out->row) :
	    store_questionnaire_latest(s, a, code, &out->row);
	if (rc != 0)
		return rc;
	/* A stored version was checked when it was imported. */
	if (q_parse(a, out->row.body, strlen(out->row.body), &out->d, p, 1) != 0)
		return ERR_DB;
	return 0;
}

const char *
view_q_name(const struct q_version *v, enum lang l, bool *official)
{
	*official = (unsigned)l < LANG_COUNT && v->d.official[l];
	return q_text(&v->d.name, *official ? l : LANG_EN);
}

void
view_response_new(struct arena *a, const struct q_version *v, const char *person_id,
    const char *zone, enum qr_source src, const char *by, struct q_answer *xs, size_t n,
    int64_t now, struct q_response *out)
{
	struct q_result res;
	char *id = arena_alloc(a, ID_LEN + 1), *day = arena_alloc(a, 11);

	memset(out, 0, sizeof(*out));
	id_new(id);
	pw_today(now, zone, day);
	if (q_score(&v->d, xs, n, &res) != 0)
		memset(&res, 0, sizeof(res));
	out->person_id = person_id;
	out->id = id;
	out->questionnaire_id = v->row.id;
	out->code = v->row.code;
	out->version = v->row.version;
	out->day = day;
	out->given_us = now;
	qr_set_result(out, &res);
	out->source = src;
	out->created_by = by;
	out->answers = xs;
	out->nanswers = n;
}

int
view_tx_response_write(struct store_tx *tx, void *arg)
{
	struct qr_write *w = arg;
	int rc = store_tx_response_insert(tx, w->g, &w->x);

	return rc != 0 ? rc : store_tx_audit_append(tx, w->audit);
}
