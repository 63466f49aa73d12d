/* Early-warning rules: reading them, and deciding whether one fires. */
#include "core/warning.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"

#define DAY_US (INT64_C(86400) * 1000000)

static const char *const kind_codes[WK_COUNT] = {
#define WARN_KIND_CODE(id, code) code,
	WARN_KINDS(WARN_KIND_CODE)
#undef WARN_KIND_CODE
};

static const char *const res_codes[WR_COUNT] = {
#define WARN_RES_CODE(id, code) code,
	WARN_RESOLUTIONS(WARN_RES_CODE)
#undef WARN_RES_CODE
};

const char *
warn_kind_code(enum warn_kind k)
{
	return k < WK_COUNT ? kind_codes[k] : "";
}

bool
warn_kind_parse(const char *s, enum warn_kind *out)
{
	int k;

	for (k = 0; s != NULL && k < WK_COUNT; k++)
		if (strcmp(s, kind_codes[k]) == 0) {
			*out = (enum warn_kind)k;
			return true;
		}
	return false;
}

enum category
warn_kind_category(enum warn_kind k)
{
	switch (k) {
	case WK_USE_REPORTED:
		return CAT_SUBSTANCE;         /* what the person used */
	case WK_CRAVING:
	case WK_SCORE_AT_MOST:
	case WK_SCORE_DROP:
	case WK_NO_CHECKIN:
	case WK_MISSED_CHECKUP:           /* check-ups are check-in data */
		return CAT_QUESTIONNAIRES;
	case WK_MISSED_APPOINTMENT:
		return CAT_APPOINTMENTS;
	case WK_REFERRAL_UNANSWERED:
		return CAT_PLAN;              /* referrals are read with the plan */
	case WK_HELP_NOW:
	case WK_COUNT:
		break;
	}
	return CAT_BASIC;
}

const char *
warn_resolution_code(enum warn_resolution r)
{
	return r < WR_COUNT ? res_codes[r] : "";
}

bool
warn_resolution_parse(const char *s, enum warn_resolution *out)
{
	int r;

	for (r = 0; s != NULL && r < WR_COUNT; r++)
		if (strcmp(s, res_codes[r]) == 0) {
			*out = (enum warn_resolution)r;
			return true;
		}
	return false;
}

const char *
warn_resolution_label(enum warn_resolution r)
{
	switch (r) {
	case WR_REACHED:
		return _("We were in touch");
	case WR_TRIED:
		return _("We tried but did not reach them");
	case WR_NOT_NEEDED:
		return _("No follow-up was needed");
	case WR_OTHER:
	case WR_COUNT:
		break;
	}
	return _("Something else");
}

/* Reading */

/* What each kind takes besides code, kind, enabled, due, reason, task. */
enum { P_THRESHOLD = 1, P_TIMES = 2, P_WITHIN = 4, P_QUESTIONNAIRE = 8 };
static const unsigned kind_params[WK_COUNT] = {
	[WK_USE_REPORTED] = P_THRESHOLD,
	[WK_CRAVING] = P_THRESHOLD | P_TIMES | P_WITHIN,
	[WK_SCORE_AT_MOST] = P_THRESHOLD | P_QUESTIONNAIRE,
	[WK_SCORE_DROP] = P_THRESHOLD | P_QUESTIONNAIRE,
	[WK_NO_CHECKIN] = P_THRESHOLD,
	[WK_MISSED_APPOINTMENT] = P_WITHIN,
	[WK_MISSED_CHECKUP] = P_THRESHOLD,
	[WK_REFERRAL_UNANSWERED] = P_THRESHOLD,
	[WK_HELP_NOW] = 0,
};
/* The threshold's range by kind. */
static const int thr_lo[WK_COUNT] = {
	[WK_USE_REPORTED] = 1, [WK_CRAVING] = 0, [WK_SCORE_AT_MOST] = -1000,
	[WK_SCORE_DROP] = 1, [WK_NO_CHECKIN] = 1, [WK_REFERRAL_UNANSWERED] = 0,
	[WK_MISSED_CHECKUP] = 0,
};
static const int thr_hi[WK_COUNT] = {
	[WK_USE_REPORTED] = 2, [WK_CRAVING] = 10, [WK_SCORE_AT_MOST] = 1000,
	[WK_SCORE_DROP] = 1000, [WK_NO_CHECKIN] = 30, [WK_REFERRAL_UNANSWERED] = 60,
	[WK_MISSED_CHECKUP] = 60,
};

static const char *const rule_keys[] = {"code", "kind", "enabled", "threshold", "times",
	"within_days", "questionnaire", "due", "reason", "task", NULL};
static const char *const due_keys[] = {"hours", "working_days", NULL};

static void
read_due(struct jr *c, json_t *o, const char *path, struct warn_rule *r)
{
	json_t *due = jr_object(c, o, "due", path, true);
	const char *p = jr_join(c, path, "due");

	if (due == NULL)
		return;
	jr_only_keys(c, due, p, due_keys);
	r->due_hours = jr_number(c, due, "hours", p, 1, 24 * 14, false, 0);
	r->due_working_days = jr_number(c, due, "working_days", p, 1, 20, false, 0);
	if ((r->due_hours > 0) == (r->due_working_days > 0) &&
	    json_object_get(due, "hours") == NULL && json_object_get(due, "working_days") == NULL)
		jr_problem(c, p, "required");
	else if (json_object_get(due, "hours") != NULL &&
	    json_object_get(due, "working_days") != NULL)
		jr_problem(c, p, "not_allowed");
}

static void
read_rule(struct jr *c, json_t *o, const char *path, struct warn_rule *r)
{
	const char *kind;
	json_t *en;
	unsigned want;

	memset(r, 0, sizeof(*r));
	jr_only_keys(c, o, path, rule_keys);
	r->code = jr_code(c, o, "code", path, 60, true);
	kind = jr_str(c, o, "kind", path, 40, true);
	if (kind != NULL && !warn_kind_parse(kind, &r->kind)) {
		jr_problem(c, jr_join(c, path, "kind"), "unknown_kind");
		kind = NULL;
	}
	en = json_object_get(o, "enabled");
	r->enabled = true;
	if (en != NULL && !json_is_boolean(en))
		jr_problem(c, jr_join(c, path, "enabled"), "invalid_format");
	else if (en != NULL)
		r->enabled = json_is_true(en);
	read_due(c, o, path, r);
	jr_text(c, o, "reason", path, WARN_TEXT_MAX, &r->reason);
	jr_text(c, o, "task", path, WARN_TEXT_MAX, &r->task);
	if (kind == NULL)
		return;
	want = kind_params[r->kind];
	/* What the kind takes is required; anything else is refused, so that
	 * a threshold written for another kind does not sit there unused. */
	if (want & P_THRESHOLD)
		r->threshold = jr_number(c, o, "threshold", path, thr_lo[r->kind],
		    thr_hi[r->kind], true, 0);
	else if (json_object_get(o, "threshold") != NULL)
		jr_problem(c, jr_join(c, path, "threshold"), "not_allowed");
	if (want & P_TIMES)
		r->times = jr_number(c, o, "times", path, 1, 10, true, 1);
	else if (json_object_get(o, "times") != NULL)
		jr_problem(c, jr_join(c, path, "times"), "not_allowed");
	if (want & P_WITHIN)
		r->within_days = jr_number(c, o, "within_days", path, 1, WARN_LOOKBACK_DAYS,
		    true, 1);
	else if (json_object_get(o, "within_days") != NULL)
		jr_problem(c, jr_join(c, path, "within_days"), "not_allowed");
	if (want & P_QUESTIONNAIRE)
		r->questionnaire = jr_code(c, o, "questionnaire", path, 60, true);
	else if (json_object_get(o, "questionnaire") != NULL)
		jr_problem(c, jr_join(c, path, "questionnaire"), "not_allowed");
}

size_t
warn_parse(struct arena *a, const char *json, size_t len, struct warn_rules *out,
    struct jr_problem *p, size_t max)
{
	static const char *const top_keys[] = {"format", "rules", NULL};
	struct jr c = {a, p, 0, max};
	json_error_t jerr;
	json_t *root, *rules, *o;
	const char *fmt, *path;
	size_t i, j;

	memset(out, 0, sizeof(*out));
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL || !json_is_object(root)) {
		jr_problem(&c, "", "invalid_json");
		json_decref(root);
		return c.n;
	}
	jr_only_keys(&c, root, "", top_keys);
	fmt = jr_str(&c, root, "format", "", 40, true);
	if (fmt != NULL && strcmp(fmt, WARN_FORMAT) != 0)
		jr_problem(&c, "format", "unknown_format");
	rules = jr_array(&c, root, "rules", "", 1, WARN_RULES_MAX, true);
	out->n = json_array_size(rules);
	out->rules = arena_alloc(a, (out->n ? out->n : 1) * sizeof(*out->rules));
	for (i = 0; i < out->n; i++) {
		o = json_array_get(rules, i);
		path = jr_at(&c, "rules", i);
		if (!json_is_object(o)) {
			jr_problem(&c, path, "invalid_format");
			continue;
		}
		read_rule(&c, o, path, &out->rules[i]);
		for (j = 0; j < i && out->rules[i].code != NULL; j++)
			if (out->rules[j].code != NULL &&
			    strcmp(out->rules[j].code, out->rules[i].code) == 0)
				jr_problem(&c, jr_join(&c, path, "code"), "duplicate");
	}
	json_decref(root);
	return c.n;
}

static json_t *
text_json(const struct jr_text *t)
{
	json_t *o = json_object();
	int l;

	for (l = 0; l < LANG_COUNT; l++)
		json_object_set_new(o, jr_lang_keys[l], json_string(t->t[l] ? t->t[l] : ""));
	return o;
}

char *
warn_rule_json(struct arena *a, const struct warn_rule *r)
{
	unsigned want = kind_params[r->kind];
	json_t *o = json_object(), *due = json_object();
	char *s, *out;

	json_object_set_new(o, "code", json_string(r->code));
	json_object_set_new(o, "kind", json_string(warn_kind_code(r->kind)));
	json_object_set_new(o, "enabled", json_boolean(r->enabled));
	if (want & P_THRESHOLD)
		json_object_set_new(o, "threshold", json_integer(r->threshold));
	if (want & P_TIMES)
		json_object_set_new(o, "times", json_integer(r->times));
	if (want & P_WITHIN)
		json_object_set_new(o, "within_days", json_integer(r->within_days));
	if (want & P_QUESTIONNAIRE)
		json_object_set_new(o, "questionnaire", json_string(r->questionnaire));
	if (r->due_hours > 0)
		json_object_set_new(due, "hours", json_integer(r->due_hours));
	else
		json_object_set_new(due, "working_days", json_integer(r->due_working_days));
	json_object_set_new(o, "due", due);
	json_object_set_new(o, "reason", text_json(&r->reason));
	json_object_set_new(o, "task", text_json(&r->task));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (s == NULL)
		return NULL;
	out = arena_strdup(a, s);
	free(s);
	return out;
}

int
warn_rule_read(struct arena *a, const char *json, struct warn_rule *out)
{
	struct jr_problem p[4];
	struct jr c = {a, p, 0, 4};
	json_t *o = json_loads(json, JSON_REJECT_DUPLICATES, NULL);

	if (o == NULL || !json_is_object(o)) {
		json_decref(o);
		return ERR_INVALID;
	}
	read_rule(&c, o, "", out);
	json_decref(o);
	return c.n == 0 ? 0 : ERR_INVALID;
}

/* Deciding */

/* The newest two scores of code: *n of them (0, 1 or 2). */
static void
two_scores(const struct warn_facts *f, const char *code, const struct warn_score *out[2],
    int *n)
{
	size_t i;

	*n = 0;
	for (i = 0; i < f->nscores && *n < 2; i++)
		if (strcmp(f->scores[i].code, code) == 0)
			out[(*n)++] = &f->scores[i];
}

static bool
craving(const struct warn_rule *r, const struct warn_facts *f, struct warn_hit *out)
{
	int64_t window = r->within_days * DAY_US;
	size_t i, j;
	int n;

	/* The newest check-in with craving at the threshold or above that,
	 * with those before it within the window, makes `times` of them. */
	for (i = 0; i < f->ncheckins; i++) {
		if (f->checkins[i].craving < r->threshold)
			continue;
		n = 1;
		for (j = i + 1; j < f->ncheckins && n < r->times; j++)
			if (f->checkins[i].at_us - f->checkins[j].at_us > window)
				break;
			else if (f->checkins[j].craving >= r->threshold)
				n++;
		if (n >= r->times) {
			out->evidence_us = f->checkins[i].at_us;
			out->value = f->checkins[i].craving;
			return true;
		}
	}
	return false;
}

bool
warn_eval(const struct warn_rule *r, const struct warn_facts *f, struct warn_hit *out)
{
	const struct warn_score *s[2];
	int64_t since;
	size_t i;
	int n;

	memset(out, 0, sizeof(*out));
	if (!r->enabled)
		return false;
	switch (r->kind) {
	case WK_USE_REPORTED:
		for (i = 0; i < f->ncheckins; i++)
			if (f->checkins[i].use >= r->threshold) {
				out->evidence_us = f->checkins[i].at_us;
				out->value = f->checkins[i].use;
				return true;
			}
		return false;
	case WK_CRAVING:
		return craving(r, f, out);
	case WK_SCORE_AT_MOST:
		two_scores(f, r->questionnaire, s, &n);
		if (n < 1 || s[0]->score > r->threshold)
			return false;
		out->evidence_us = s[0]->at_us;
		out->value = s[0]->score;
		return true;
	case WK_SCORE_DROP:
		two_scores(f, r->questionnaire, s, &n);
		if (n < 2 || s[1]->score - s[0]->score < r->threshold)
			return false;
		out->evidence_us = s[0]->at_us;
		out->value = s[0]->score;
		out->previous = s[1]->score;
		return true;
	case WK_NO_CHECKIN:
		if (f->every_days <= 0)
			return false;
		/* Counted from the last check-in, or from when the person chose
		 * the rhythm if that is later: the gap is the episode. */
		since = f->last_checkin_us > f->rhythm_since_us ? f->last_checkin_us :
		    f->rhythm_since_us;
		if (since <= 0 || f->now_us - since < (int64_t)r->threshold * f->every_days * DAY_US)
			return false;
		out->evidence_us = since;
		out->value = (int)((f->now_us - since) / DAY_US);
		return true;
	case WK_MISSED_APPOINTMENT:
		if (f->missed_us <= 0 || f->now_us - f->missed_us > r->within_days * DAY_US)
			return false;
		out->evidence_us = f->missed_us;
		out->about_id = f->missed_id;
		return true;
	case WK_MISSED_CHECKUP:
		/* The person was reminded; the task comes `threshold` days
		 * later if the check-up is still not done. */
		if (f->checkup_due_us <= 0 || f->checkup_reminded_us <= 0 ||
		    f->now_us - f->checkup_reminded_us < r->threshold * DAY_US)
			return false;
		out->evidence_us = f->checkup_due_us;
		out->value = (int)((f->now_us - f->checkup_due_us) / DAY_US);
		out->about_id = f->checkup_id;
		return true;
	case WK_REFERRAL_UNANSWERED:
		if (f->referral_due_us <= 0 ||
		    f->now_us - f->referral_due_us < r->threshold * DAY_US)
			return false;
		out->evidence_us = f->referral_due_us;
		out->value = (int)((f->now_us - f->referral_due_us) / DAY_US);
		out->about_id = f->referral_id;
		return true;
	case WK_HELP_NOW:
		if (f->help_us <= 0)
			return false;
		out->evidence_us = f->help_us;
		out->about_id = f->help_id;
		return true;
	case WK_COUNT:
		break;
	}
	return false;
}

/* Words */

static const char *
fill(struct arena *a, const char *t, const struct warn_rule *r, const struct warn_hit *h)
{
	struct buf b;
	const char *p, *e;
	char *out;
	int v;

	buf_init(&b, a);
	for (p = t; *p != '\0'; p = e) {
		e = strchr(p, '{');
		if (e == NULL) {
			buf_puts(&b, p);
			break;
		}
		buf_append(&b, p, (size_t)(e - p));
		if (strncmp(e, "{value}", 7) == 0)
			v = h ? h->value : 0, e += 7;
		else if (strncmp(e, "{previous}", 10) == 0)
			v = h ? h->previous : 0, e += 10;
		else if (strncmp(e, "{threshold}", 11) == 0)
			v = r->threshold, e += 11;
		else if (strncmp(e, "{times}", 7) == 0)
			v = r->times, e += 7;
		else if (strncmp(e, "{days}", 6) == 0)
			v = r->within_days, e += 6;
		else {
			buf_putc(&b, '{');
			e++;
			continue;
		}
		buf_printf(&b, "%d", v);
	}
	out = b.len ? b.data : arena_strdup(a, "");
	return out;
}

static const char *
pick(const struct jr_text *t, enum lang l)
{
	return t->t[l] != NULL ? t->t[l] : t->t[LANG_EN] != NULL ? t->t[LANG_EN] : "";
}

const char *
warn_reason(struct arena *a, const struct warn_rule *r, const struct warn_hit *h, enum lang l)
{
	return fill(a, pick(&r->reason, l), r, h);
}

const char *
warn_task(struct arena *a, const struct warn_rule *r, enum lang l)
{
	return fill(a, pick(&r->task, l), r, NULL);
}

void
warn_add_working_days(const char *ymd, int n, char out[11])
{
	int32_t day = clock_date_day(ymd);
	int wd;

	/* 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays. */
	while ((wd = (int)(((day % 7) + 7 + 3) % 7)) >= 5)
		day++;
	while (n > 0) {
		day++;
		wd = (int)(((day % 7) + 7 + 3) % 7);
		if (wd < 5)
			n--;
	}
	clock_day_date(day, out);
}
