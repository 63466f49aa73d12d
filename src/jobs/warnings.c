/* The early-warning jobs (see warnings.h). */
#include "jobs/warnings.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "base/log.h"
#include "base/timefmt.h"
#include "core/person.h"
#include "core/warning.h"
#include "store/jobs.h"
#include "store/persons.h"
#include "store/store.h"
#include "store/warnings.h"

#define HOUR_US (INT64_C(3600) * 1000000)
#define SWEEP_MAX 500
#define RAISE_MAX 16

/* The rules in force (the newest version), parsed; NULL with rc 0 when
 * none were imported. */
static int
load_rules(struct store *s, struct arena *a, struct warn_rules *out)
{
	struct jr_problem p[1];
	const char *id, *body;
	int version, rc;

	memset(out, 0, sizeof(*out));
	rc = store_warning_rules_latest(s, a, &id, &version, &body);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (warn_parse(a, body, strlen(body), out, p, 1) != 0) {
		/* Imports are checked; a stored set that does not read is a
		 * bug, said once per look rather than guessed around. */
		log_error("msg=\"the early-warning rules in force do not read\" version=%d "
		    "path=%s code=%s", version, p[0].path, p[0].code);
		memset(out, 0, sizeof(*out));
	}
	return 0;
}

/* When a flag raised at now is due: hours later, or that many working
 * days later at the same local time in the person's zone. */
static int64_t
due_at(const struct warn_rule *r, int64_t now, const char *tz)
{
	char ymd[11], hm[6], due[11];
	int64_t us;

	if (r->due_hours > 0)
		return now + r->due_hours * HOUR_US;
	if (tz == NULL || !timefmt_local_fields(now, tz, ymd, hm))
		tz = "UTC", timefmt_local_fields(now, tz, ymd, hm);
	warn_add_working_days(ymd, r->due_working_days, due);
	switch (timefmt_local_to_us(due, hm, tz, 0, &us)) {
	case 0:
		return us;
	case TIMEFMT_SKIPPED: {
		/* The clocks skip that time that day (02:00 to 03:00 in
		 * Europe): the same minute an hour later is after the jump. */
		char later[16];
		int h = (hm[0] - '0') * 10 + (hm[1] - '0') + 1;

		snprintf(later, sizeof(later), "%02d:%c%c", h % 24, hm[3], hm[4]);
		if (timefmt_local_to_us(due, later, tz, 0, &us) == 0)
			return us;
		break;
	}
	default:
		break;
	}
	return now + (int64_t)r->due_working_days * 24 * HOUR_US;
}

struct raise {
	const struct grant *g;
	struct warn_flag f[RAISE_MAX];
	size_t n;
	int raised;
};

static int
raise_fn(struct store_tx *tx, void *arg)
{
	struct raise *x = arg;
	size_t i;
	int rc;

	x->raised = 0;
	for (i = 0; i < x->n; i++) {
		if ((rc = store_tx_warning_raise(tx, x->g, &x->f[i])) < 0)
			return rc;
		x->raised += rc;
	}
	return 0;
}

static const struct warn_episode *
episode_of(const struct warn_episode *e, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(e[i].rule_code, code) == 0)
			return &e[i];
	return NULL;
}

int
warnings_check_person(struct store *s, const char *person_id, int64_t now)
{
	struct arena a = ARENA_INIT;
	struct warn_rules rules;
	struct warn_facts facts;
	struct warn_episode *eps;
	struct warn_candidate *cand = NULL;
	struct warn_hit hit;
	struct warn_flag *f;
	struct person p;
	char id[ID_LEN + 1];
	struct raise x;
	const struct warn_episode *ep;
	const struct warn_rule *r;
	char today[11];
	size_t neps, ncand = 0, i;
	bool have_cand = false;
	int rc, who;

	memset(&x, 0, sizeof(x));
	x.g = door_warnings(&a, person_id);
	rc = load_rules(s, &a, &rules);
	if (rc == 0 && rules.n > 0)
		rc = store_person_get(s, &a, x.g, &p);
	if (rc == 0 && rules.n > 0)
		rc = store_warning_facts(s, &a, x.g, now, &facts);
	if (rc == 0 && rules.n > 0)
		rc = store_warning_episodes(s, &a, x.g, &eps, &neps);
	clock_day_date((int32_t)(now / (INT64_C(86400) * 1000000)), today);
	for (i = 0; rc == 0 && i < rules.n && x.n < RAISE_MAX; i++) {
		r = &rules.rules[i];
		if (!warn_eval(r, &facts, &hit))
			continue;
		ep = episode_of(eps, neps, r->code);
		if (ep != NULL && (ep->open || ep->evidence_us >= hit.evidence_us ||
		    ep->resolved_us >= hit.evidence_us))
			continue;            /* this episode has had its flag */
		if (!have_cand) {
			rc = store_warning_candidates(s, &a, person_id, today, &cand, &ncand);
			have_cand = true;
			if (rc != 0)
				break;
		}
		who = door_warning_recipient(s, person_id, warn_kind_category(r->kind), today, now,
		    cand, ncand);
		if (who < -1) {
			rc = who;
			break;
		}
		if (who < 0)
			continue;            /* nobody may see it: nobody is told */
		f = &x.f[x.n++];
		id_new(id);
		f->person_id = person_id;
		f->id = arena_strdup(&a, id);
		f->rule_code = r->code;
		f->rule_json = warn_rule_json(&a, r);
		f->kind = r->kind;
		f->category = warn_kind_category(r->kind);
		f->evidence_us = hit.evidence_us;
		f->value = hit.value;
		f->previous = hit.previous;
		f->about_id = hit.about_id;
		f->raised_us = now;
		f->due_us = due_at(r, now, p.time_zone);
		f->assigned_user_id = cand[who].user_id;
		f->assigned_org_id = cand[who].org_id;
		if (f->rule_json == NULL)
			rc = ERR_NOMEM;
	}
	store_request_end(s);
	if (rc == 0 && x.n > 0)
		rc = store_write(s, raise_fn, &x);
	if (rc == 0 && x.raised > 0)
		log_info("msg=\"early warning raised\" flags=%d", x.raised);
	rc = rc == 0 ? x.raised : rc;
	arena_free(&a);
	return rc;
}

int
warnings_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	json_t *o = json_loads(job->payload ? job->payload : "", 0, NULL);
	const char *pid = json_string_value(json_object_get(o, "person"));
	int rc;

	if (pid == NULL) {
		snprintf(why, whylen, "no person in the payload");
		json_decref(o);
		return 0;             /* nothing to do, ever: not retried */
	}
	rc = warnings_check_person(s, pid, clock_now_us());
	if (rc < 0)
		snprintf(why, whylen, "%s", err_str(rc));
	json_decref(o);
	return rc < 0 ? rc : 0;
}

int
warnings_sweep_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	struct arena a = ARENA_INIT;
	const char **ids;
	int64_t now = clock_now_us();
	size_t n, i;
	int rc;

	(void)job;
	rc = store_warning_sweep(s, &a, now, SWEEP_MAX, &ids, &n);
	store_request_end(s);
	for (i = 0; rc == 0 && i < n; i++) {
		rc = warnings_check_person(s, ids[i], now);
		rc = rc > 0 ? 0 : rc;
	}
	if (rc < 0)
		snprintf(why, whylen, "%s", err_str(rc));
	arena_free(&a);
	return rc;
}
