/* Check-ins by the person, in a few taps on a phone.
 *   GET  /me/checkin               the person: mood, craving, any use since last
 *                                  time (may be skipped), sleep, feeling supported,
 *                                  one free line; ?saved=1: the thank-you, with
 *                                  the streak
 *   POST /me/checkin               the same fields: mood, craving, use, sleep,
 *                                  supported, line
 *   GET  /me/checkin/settings      the person: how often, and a reminder
 *   POST /me/checkin/settings      every_days (0, 1, 2, 3, 7), remind (on),
 *                                  remind_at (HH:MM), channel (email, sms)
 *   GET  /persons/{id}/checkins    the person, and those they share check-ins
 *                                  with (noted in their access log): good weeks
 *                                  and the streak first, a chart of mood and
 *                                  craving, then the list
 * Only the person writes check-ins; anyone else has no form here (the API
 * answers them 403). Craving and use are substance-use details: shown only
 * with that consent too. */
#include "web/checkins.h"

#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/checkin.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/checkins.h"
#include "store/outbox.h"
#include "store/persons.h"
#include "web/chart.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/me.h"

#define LOAD_MAX 120         /* check-ins read: the weeks, the chart */
#define LIST_MAX 30          /* check-ins listed */
#define CHART_DAYS 28        /* days the chart shows */
#define WEEKS_SHOWN 12       /* weeks the good weeks count over */

static const char *const mood_words[5] = {
	N_("Very low"), N_("Low"), N_("Okay"), N_("Good"), N_("Very good"),
};
static const char *const sleep_words[5] = {
	N_("Very badly"), N_("Badly"), N_("Okay"), N_("Well"), N_("Very well"),
};
static const char *const support_words[5] = {
	N_("Not at all"), N_("A little"), N_("Somewhat"), N_("Mostly"), N_("Very much"),
};

static const char *
use_word(enum checkin_use u)
{
	switch (u) {
	case CU_NONE: return _("None");
	case CU_LITTLE: return _("A little");
	case CU_LOT: return _("A lot");
	default: return _("Not said");
	}
}

static const char *
zone_of(const struct person *p)
{
	return p->time_zone != NULL ? p->time_zone : "Europe/Copenhagen";
}

/* The streak in words ("5 days in a row"): an arena string. */
static const char *
streak_words(struct req *r, int streak, int every_days)
{
	if (every_days == 7)
		return arena_printf(&r->arena, ngettext("%d week in a row", "%d weeks in a row",
		    (unsigned long)streak), streak);
	if (every_days > 1)
		return arena_printf(&r->arena, ngettext("%d check-in in a row",
		    "%d check-ins in a row", (unsigned long)streak), streak);
	return arena_printf(&r->arena, ngettext("%d day in a row", "%d days in a row",
	    (unsigned long)streak), streak);
}

/* The quick check-in */

/* What was sent, kept as typed for the form. */
struct input {
	const char *mood, *craving, *use, *sleep, *supported, *line;
};

/* One question as a row of radio chips: big tap targets, one fieldset
 * with its legend for screen readers, the error at the field. */
static void
chips(struct buf *b, const char *name, const char *legend, const char *hint,
    const char *const *values, const char *const *labels, size_t n, const char *chosen,
    const struct form_errors *e)
{
	const char *err = form_error_at(e, name);
	size_t i;

	html(b, "<fieldset class=\"chips-field%s\"", err ? " has-error" : "");
	if (hint != NULL || err != NULL) {
		html_raw(b, " aria-describedby=\"");
		if (hint != NULL)
			html(b, "h-%s%s", name, err ? " " : "");
		if (err != NULL)
			html(b, "e-%s", name);
		html_raw(b, "\"");
	}
	html(b, "><legend>%s</legend>", legend);
	if (hint != NULL)
		html(b, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	if (err != NULL)
		html(b, "<p class=\"field-error\" id=\"e-%s\">%s</p>", name, form_error_text(err));
	html_raw(b, "<div class=\"chips\">");
	for (i = 0; i < n; i++) {
		const char *id = i == 0 ? name : NULL;

		if (id != NULL)
			html(b, "<input type=\"radio\" id=\"f-%s\" name=\"%s\" value=\"%s\"%s>"
			    "<label for=\"f-%s\">%s</label>", name, name, values[i],
			    chosen != NULL && strcmp(chosen, values[i]) == 0 ? " checked" : "",
			    name, labels[i]);
		else
			html(b, "<input type=\"radio\" id=\"f-%s-%zu\" name=\"%s\" value=\"%s\"%s>"
			    "<label for=\"f-%s-%zu\">%s</label>", name, i, name, values[i],
			    chosen != NULL && strcmp(chosen, values[i]) == 0 ? " checked" : "",
			    name, i, labels[i]);
	}
	html_raw(b, "</div></fieldset>");
}

static void
scale(struct req *r, struct buf *b, const char *name, const char *legend,
    const char *const *words, const char *chosen, const struct form_errors *e)
{
	const char *v[5] = {"1", "2", "3", "4", "5"}, *l[5];
	size_t i;

	(void)r;
	for (i = 0; i < 5; i++)
		l[i] = _(words[i]);
	chips(b, name, legend, NULL, v, l, 5, chosen, e);
}

static void
render_form(struct req *r, const struct person *p, const struct input *in,
    unsigned status, const struct form_errors *e)
{
	const char *cv[11] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
	const char *uv[4] = {"none", "little", "lot", ""}, *ul[4];
	struct buf b;

	ul[0] = _("None");
	ul[1] = _("A little");
	ul[2] = _("A lot");
	ul[3] = _("Rather not say");
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Check in"));
	html(&b, "<nav><a href=\"/me\">%s</a></nav>", _("Back to my page"));
	html(&b, "<h1>%s</h1>", _("How are you today?"));
	html(&b, "<p class=\"lead\">%s</p>", _("A few taps. Only you, and those you share "
	    "check-ins with, see them."));
	form_begin(r, &b, "/me/checkin", e);
	scale(r, &b, "mood", _("My mood"), mood_words, in->mood, e);
	chips(&b, "craving", _("Craving right now"), _("0 is none, 10 is very strong."), cv,
	    cv, 11, in->craving, e);
	chips(&b, "use", _("Any use since last time?"), _("You may skip this."), uv, ul, 4,
	    in->use, e);
	scale(r, &b, "sleep", _("How I slept"), sleep_words, in->sleep, e);
	scale(r, &b, "supported", _("I feel supported"), support_words, in->supported, e);
	form_input(&b, "line", _("One line, if you like"), "text", in->line, "off",
	    _("At most 200 characters."), e);
	form_end(&b, _("Save my check-in"));
	html(&b, "<p><a href=\"/persons/%s/checkins\">%s</a> · <a href=\"/me/checkin/settings\">"
	    "%s</a></p>", p->id, _("My check-ins"), _("How often, and a reminder"));
	layout_end(r, &b, status);
}

static void
render_thanks(struct req *r, const struct grant *g, const struct person *p)
{
	struct checkin_pref pref;
	const char **days;
	char today[11], hm[6];
	size_t n;
	int streak;
	struct buf b;

	if (store_checkin_pref(req_store(r), &r->arena, g, &pref) != 0 ||
	    store_checkin_days(req_store(r), &r->arena, g, &days, &n) != 0 ||
	    !timefmt_local_fields(clock_now_us(), zone_of(p), today, hm)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	streak = checkin_streak(days, n, pref.every_days, today);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Thank you"));
	html(&b, "<section class=\"hero\" role=\"status\"><h1>%s</h1>",
	    arena_printf(&r->arena, _("Thank you, %s."),
	        p->preferred_name ? p->preferred_name : p->display_name));
	html(&b, "<p class=\"lead\">%s</p>", _("Your check-in is saved. It is good that you "
	    "took a moment for yourself."));
	if (streak > 1)
		html(&b, "<p class=\"streak\">%s</p>", arena_printf(&r->arena, _("Your streak: %s."),
		    streak_words(r, streak, pref.every_days)));
	html_raw(&b, "</section>");
	html(&b, "<p><a class=\"button\" href=\"/persons/%s/checkins\">%s</a></p>", p->id,
	    _("See my check-ins"));
	html(&b, "<p><a href=\"/me\">%s</a></p>", _("Back to my page"));
	layout_end(r, &b, 200);
}

void
web_checkin_form(struct req *r)
{
	struct input in = {0};
	struct person p;
	const struct grant *g = web_me_self(r, &p);

	if (g == NULL)
		return;
	if (req_query(r, "saved") != NULL) {
		render_thanks(r, g, &p);
		return;
	}
	render_form(r, &p, &in, 200, NULL);
}

struct save {
	const struct grant *g;
	struct checkin c;
	const char *about;
	int64_t now;
};

static int
write_save(struct store_tx *tx, void *arg)
{
	struct save *w = arg;
	int rc = store_tx_checkin_insert(tx, w->g, &w->c);

	/* A reminder still waiting to go out is not needed any more. */
	return rc ? rc : store_tx_outbox_cancel(tx, w->about, w->now);
}

static void
after_save(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/checkin?saved=1");
}

/* A scale's field: kept as sent, its problem recorded. */
static const char *
scale_field(struct req *r, struct form_errors *e, const char *name, int min, int max,
    int *out)
{
	const char *v = req_form(r, name), *code;

	if (req_form_bad(r, name) || (v != NULL && !utf8_valid_text(v, strlen(v)))) {
		form_error(e, name, "invalid_format");
		return "";
	}
	if ((code = checkin_check_scale(v, min, max, out)) != NULL)
		form_error(e, name, code);
	return v != NULL ? v : "";
}

void
web_checkin_save(struct req *r)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct save *w = arena_alloc(&r->arena, sizeof(*w));
	struct input in = {0};
	struct decision d;
	struct person p;
	char hm[6], id[ID_LEN + 1];
	const char *code;

	if (web_me_self(r, &p) == NULL)
		return;
	/* The person's own write: a write grant that covers the check-ins'
	 * substance-use details too. */
	if ((w->g = door_open(r, p.id, PA_EDIT_RECORD, CAT_QUESTIONNAIRES,
	    CAT_BIT(CAT_SUBSTANCE), &d)) == NULL || !grant_is_self(w->g)) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	in.mood = scale_field(r, e, "mood", 1, CHECKIN_MOOD_MAX, &w->c.mood);
	in.craving = scale_field(r, e, "craving", 0, CHECKIN_CRAVING_MAX, &w->c.craving);
	in.use = req_form(r, "use");
	if (req_form_bad(r, "use") || !checkin_use_parse(in.use, &w->c.use)) {
		form_error(e, "use", req_form_bad(r, "use") ? "invalid_format" : "invalid_choice");
		in.use = "";
	}
	in.sleep = scale_field(r, e, "sleep", 1, CHECKIN_MOOD_MAX, &w->c.sleep);
	in.supported = scale_field(r, e, "supported", 1, CHECKIN_MOOD_MAX, &w->c.supported);
	in.line = form_text(r, e, "line", false, CHECKIN_LINE_MAX);
	if (form_error_at(e, "line") == NULL && (code = checkin_check_line(in.line)) != NULL)
		form_error(e, "line", code);
	if (e->n > 0) {
		if (form_error_at(e, "line") != NULL && strcmp(form_error_at(e, "line"),
		    "invalid_format") == 0)
			in.line = "";
		render_form(r, &p, &in, 422, e);
		return;
	}
	w->now = clock_now_us();
	id_new(id);
	w->c.id = arena_strdup(&r->arena, id);
	w->c.person_id = p.id;
	w->c.at_us = w->now;
	w->c.line = *in.line != '\0' ? in.line : NULL;
	w->c.created_by = r->actor->user.id;
	if (!timefmt_local_fields(w->now, zone_of(&p), w->c.day, hm)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	w->about = arena_printf(&r->arena, "checkin:%s", p.id);
	req_defer_write(r, write_save, w, after_save);
}

/* Rhythm and reminder */

static const char *const remind_times[] = {"08:00", "12:00", "16:00", "18:00", "20:00",
	"21:00"};
#define NTIMES (sizeof(remind_times) / sizeof(remind_times[0]))

static void
render_settings(struct req *r, const struct person *p, const struct checkin_pref *pref,
    unsigned status, const char *message, const struct form_errors *e)
{
	const char *ev[CHECKIN_RHYTHMS], *el[CHECKIN_RHYTHMS], *cv[2] = {"email", "sms"}, *cl[2];
	const char *rv[2] = {"off", "on"}, *rl[2];
	struct buf b;
	size_t i;

	for (i = 0; i < CHECKIN_RHYTHMS; i++) {
		int n = checkin_rhythms[i];

		ev[i] = arena_printf(&r->arena, "%d", n);
		el[i] = n == 0 ? _("When I feel like it") : n == 1 ? _("Every day") :
		    n == 7 ? _("Once a week") : arena_printf(&r->arena, _("Every %d days"), n);
	}
	cl[0] = p->email != NULL ? arena_printf(&r->arena, _("By e-mail to %s"), p->email) :
	    _("By e-mail (you have not given an address yet)");
	cl[1] = p->phone != NULL ? arena_printf(&r->arena, _("By text message to %s"), p->phone) :
	    _("By text message (you have not given a number yet)");
	rl[0] = _("No reminder");
	rl[1] = _("A gentle reminder when a check-in is due");
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("How often I check in"));
	html(&b, "<nav><a href=\"/me/checkin\">%s</a></nav>", _("Back to my check-in"));
	html(&b, "<h1>%s</h1>", _("How often I check in"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	html(&b, "<p>%s</p><p><q>%s</q></p>", _("A reminder says only:"),
	    _("Hello. If you have a moment, your check-in is ready in rosc. "
	    "It takes less than a minute. Take care."));
	form_begin(r, &b, "/me/checkin/settings", e);
	form_select(&b, "every_days", _("How often"), ev, el, CHECKIN_RHYTHMS,
	    arena_printf(&r->arena, "%d", pref->every_days), e);
	form_select(&b, "remind", _("Reminder"), rv, rl, 2, pref->remind ? "on" : "off", e);
	form_select(&b, "remind_at", _("At what time"), remind_times, remind_times, NTIMES,
	    pref->remind_at, e);
	form_select(&b, "channel", _("How"), cv, cl, 2, rem_channel_code(pref->channel), e);
	form_end(&b, _("Save"));
	layout_end(r, &b, status);
}

void
web_checkin_settings(struct req *r)
{
	struct checkin_pref pref;
	struct person p;
	const struct grant *g = web_me_self(r, &p);

	if (g == NULL)
		return;
	if (store_checkin_pref(req_store(r), &r->arena, g, &pref) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	render_settings(r, &p, &pref, 200, req_query(r, "saved") != NULL ?
	    _("Saved.") : NULL, NULL);
}

struct pref_save {
	const struct grant *g;
	struct checkin_pref pref;
	int64_t now;
};

static int
write_pref(struct store_tx *tx, void *arg)
{
	struct pref_save *w = arg;

	return store_tx_checkin_pref_set(tx, w->g, &w->pref, w->now);
}

static void
after_pref(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/checkin/settings?saved=1");
}

void
web_checkin_settings_save(struct req *r)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct pref_save *w = arena_alloc(&r->arena, sizeof(*w));
	const char *v;
	struct decision d;
	struct person p;
	size_t i;

	if (web_me_self(r, &p) == NULL)
		return;
	if ((w->g = door_open(r, p.id, PA_EDIT_RECORD, CAT_QUESTIONNAIRES, 0, &d)) == NULL ||
	    !grant_is_self(w->g)) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	checkin_pref_default(&w->pref);
	v = req_form(r, "every_days");
	if (v == NULL || strspn(v, "0123456789") != strlen(v) || *v == '\0' || strlen(v) > 2 ||
	    !checkin_rhythm_valid(atoi(v)))
		form_error(e, "every_days", "invalid_choice");
	else
		w->pref.every_days = atoi(v);
	v = req_form(r, "remind");
	if (v == NULL || (strcmp(v, "on") != 0 && strcmp(v, "off") != 0))
		form_error(e, "remind", "invalid_choice");
	else
		w->pref.remind = strcmp(v, "on") == 0;
	v = req_form(r, "remind_at");
	for (i = 0; v != NULL && i < NTIMES && strcmp(v, remind_times[i]) != 0; i++)
		;
	if (v == NULL || i == NTIMES)
		form_error(e, "remind_at", "invalid_choice");
	else
		memcpy(w->pref.remind_at, remind_times[i], 6);
	v = req_form(r, "channel");
	if (!rem_channel_parse(v, &w->pref.channel) || w->pref.channel == REM_NONE) {
		form_error(e, "channel", "invalid_choice");
		w->pref.channel = REM_EMAIL;
	}
	if (e->n > 0) {
		render_settings(r, &p, &w->pref, 422, NULL, e);
		return;
	}
	w->now = clock_now_us();
	req_defer_write(r, write_pref, w, after_pref);
}

/* The check-ins page */

static void
good_weeks(struct req *r, struct buf *b, const struct checkin *c, size_t n,
    const char *today, bool self)
{
	struct checkin_week w[WEEKS_SHOWN];
	char this_monday[11], oldest[11];
	size_t nw = checkin_weeks(c, n, w, WEEKS_SHOWN), i, good = 0;
	int32_t t = clock_date_day(today);

	if (!checkin_monday(today, this_monday))
		return;
	clock_day_date(clock_date_day(this_monday) - 7 * (WEEKS_SHOWN - 1), oldest);
	(void)t;
	for (i = 0; i < nw; i++)
		if (w[i].good && strcmp(w[i].monday, oldest) >= 0)
			good++;
	html(b, "<p class=\"lead\">%s</p>", arena_printf(&r->arena, ngettext(
	    "%zu good week in the last 12 weeks.", "%zu good weeks in the last 12 weeks.",
	    (unsigned long)good), good));
	if (good > 0) {
		html_raw(b, "<ul class=\"good-weeks\">");
		for (i = 0; i < nw; i++)
			if (w[i].good && strcmp(w[i].monday, oldest) >= 0)
				html(b, "<li>%s</li>", arena_printf(&r->arena, _("The week of %s"),
				    timefmt_date_plain(&r->arena, w[i].monday, r->lang)));
		html_raw(b, "</ul>");
	}
	html(b, "<p class=\"small\">%s</p>", self ?
	    _("A good week: you checked in at least once, said no use, and your mood was "
	    "okay or better on average.") :
	    _("A good week: at least one check-in, no use said (where shared), and a mood "
	    "of okay or better on average."));
}

/* The last four weeks, from the same read the caseload uses for its
 * sparklines (store_checkin_trends()), oldest first. */
static int
chart(struct req *r, struct buf *b, const struct grant *g, const char *today, bool craving)
{
	struct checkin_trend *t;
	struct chart_point *mood, *crav;
	char from[11];
	size_t i, n;

	clock_day_date(clock_date_day(today) - CHART_DAYS + 1, from);
	if (store_checkin_trends(req_store(r), &r->arena, &g, 1, from, &t, &n) != 0)
		return ERR_DB;
	if (n < 2)
		return 0;
	mood = arena_alloc(&r->arena, n * sizeof(*mood));
	crav = arena_alloc(&r->arena, n * sizeof(*crav));
	for (i = 0; i < n; i++) {
		/* Each day at noon: a point per check-in, days evenly apart. */
		mood[i].at_us = (int64_t)clock_date_day(t[i].day) * 86400 * 1000000 +
		    INT64_C(12) * 3600 * 1000000;
		mood[i].value = t[i].mood;
		crav[i].at_us = mood[i].at_us;
		crav[i].value = t[i].craving < 0 ? 0 : t[i].craving;
	}
	html(b, "<section aria-labelledby=\"s-chart\"><h2 id=\"s-chart\">%s</h2>",
	    _("The last four weeks"));
	chart_line(b, "chart-mood", _("Mood over time"),
	    _("Mood from 1 (very low) to 5 (very good), one point per check-in, oldest on "
	    "the left. The numbers are in the list below."), mood, n, 1, 5);
	if (craving)
		chart_line(b, "chart-craving", _("Craving over time"),
		    _("Craving from 0 (none) to 10 (very strong), one point per check-in, oldest "
		    "on the left. The numbers are in the list below."), crav, n, 0, 10);
	html_raw(b, "</section>");
	return 0;
}

static void
list(struct req *r, struct buf *b, const struct checkin *c, size_t n, bool substance)
{
	size_t i;

	html(b, "<section aria-labelledby=\"s-list\"><h2 id=\"s-list\">%s</h2>",
	    _("Check-ins"));
	if (n == 0) {
		html(b, "<p>%s</p></section>", _("No check-ins yet."));
		return;
	}
	html_raw(b, "<ul class=\"checkins\">");
	for (i = 0; i < n; i++) {
		html(b, "<li><h3>%s</h3><dl class=\"facts\">",
		    timefmt_date(&r->arena, c[i].day, r->lang));
		html(b, "<dt>%s</dt><dd>%s</dd>", _("Mood"), _(mood_words[c[i].mood - 1]));
		if (substance) {
			html(b, "<dt>%s</dt><dd>%s</dd>", _("Craving"),
			    arena_printf(&r->arena, _("%d of 10"), c[i].craving));
			html(b, "<dt>%s</dt><dd>%s</dd>", _("Use since last time"),
			    use_word(c[i].use));
		}
		html(b, "<dt>%s</dt><dd>%s</dd>", _("Sleep"), _(sleep_words[c[i].sleep - 1]));
		html(b, "<dt>%s</dt><dd>%s</dd>", _("Feeling supported"),
		    _(support_words[c[i].supported - 1]));
		if (c[i].line != NULL)
			html(b, "<dt>%s</dt><dd>%s</dd>", _("In one line"), c[i].line);
		html_raw(b, "</dl></li>");
	}
	html_raw(b, "</ul></section>");
}

/* When the last check-in was, and the rhythm chosen: the read the
 * early-warning rules use (store_checkin_last()). */
static int
last_checkin(struct req *r, struct buf *b, const struct grant *g, bool self)
{
	struct checkin_last *l;
	size_t n;
	int rc = store_checkin_last(req_store(r), &r->arena, &g, 1, &l, &n);

	if (rc != 0 || n == 0)
		return rc;
	if (l[0].last_day[0] != '\0')
		html(b, "<p>%s</p>", arena_printf(&r->arena, _("Last check-in: %s."),
		    timefmt_date(&r->arena, l[0].last_day, r->lang)));
	html(b, "<p class=\"small\">%s</p>", l[0].every_days == 0 ?
	    (self ? _("You have not chosen how often to check in.") :
	    _("No rhythm chosen for check-ins.")) : l[0].every_days == 1 ? _("Rhythm: every day.") :
	    l[0].every_days == 7 ? _("Rhythm: once a week.") :
	    arena_printf(&r->arena, _("Rhythm: every %d days."), l[0].every_days));
	return 0;
}

void
web_checkins(struct req *r)
{
	const char *id = req_param(r, 0), *name = NULL, *zone;
	struct checkin_pref pref;
	struct checkin *c;
	const char **days;
	struct decision d;
	struct person p;
	bool self, have_p, substance;
	char today[11], hm[6];
	size_t n, nd;
	int streak;
	struct buf b;
	const struct grant *g = door_open_lazy(r, id, PA_READ, CAT_QUESTIONNAIRES,
	    CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_SUBSTANCE), &d);

	if (g == NULL) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return;
	}
	self = grant_is_self(g);
	substance = grant_covers(g, CAT_SUBSTANCE);
	have_p = grant_covers(g, CAT_BASIC) &&
	    store_person_get(req_store(r), &r->arena, g, &p) == 0;
	if (store_checkin_pref(req_store(r), &r->arena, g, &pref) != 0 ||
	    store_checkin_days(req_store(r), &r->arena, g, &days, &nd) != 0 ||
	    store_checkins(req_store(r), &r->arena, g, NULL, LOAD_MAX, &c, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	zone = have_p ? zone_of(&p) : r->actor->org_time_zone != NULL ?
	    r->actor->org_time_zone : "Europe/Copenhagen";
	if (!timefmt_local_fields(clock_now_us(), zone, today, hm)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (!self && have_p) {
		door_shown(r, g, CAT_BASIC);
		name = p.preferred_name != NULL ? p.preferred_name : p.display_name;
	}
	if (substance && n > 0)
		door_shown(r, g, CAT_SUBSTANCE);
	streak = checkin_streak(days, nd, pref.every_days, today);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, self ? _("My check-ins") : _("Check-ins"));
	if (self)
		html(&b, "<nav><a href=\"/me\">%s</a></nav>", _("Back to my page"));
	else if (name != NULL)
		html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", id,
		    arena_printf(&r->arena, _("Back to %s"), name));
	html(&b, "<h1>%s</h1>", self ? _("My check-ins") : name != NULL ?
	    arena_printf(&r->arena, _("Check-ins of %s"), name) : _("Check-ins"));
	if (self)
		html(&b, "<p><a class=\"button\" href=\"/me/checkin\">%s</a></p>",
		    _("Check in now"));
	/* The good news first. */
	html(&b, "<section aria-labelledby=\"s-good\"><h2 id=\"s-good\">%s</h2>",
	    _("Good weeks and streak"));
	if (streak > 0)
		html(&b, "<p class=\"streak\">%s</p>", arena_printf(&r->arena,
		    self ? _("Your streak: %s.") : _("Streak: %s."),
		    streak_words(r, streak, pref.every_days)));
	good_weeks(r, &b, c, n, today, self);
	html_raw(&b, "</section>");
	if (last_checkin(r, &b, g, self) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (chart(r, &b, g, today, substance) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	list(r, &b, c, n < LIST_MAX ? n : LIST_MAX, substance);
	if (self)
		html(&b, "<p><a href=\"/me/checkin/settings\">%s</a></p>",
		    _("How often, and a reminder"));
	else
		html(&b, "<p class=\"small\">%s</p>", _("Only the person writes their check-ins."));
	layout_end(r, &b, 200);
}
