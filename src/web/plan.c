/* The recovery plan, in the person's own words.
 *   GET  /persons/{id}/plan                   whoever may read the plan (CAT_PLAN):
 *                                             their words per life domain, progress
 *                                             (charts), goals, links
 *   POST /persons/{id}/plan/ratings           the person, and whoever may co-write
 *                                             the plan (PA_EDIT_PLAN): self-ratings
 *   GET  /persons/{id}/plan/domains/{domain}  one life domain: the words (a form for
 *                                             co-writers), earlier versions, comments
 *   POST /persons/{id}/plan/domains/{domain}  co-writers: saves the words, with a
 *                                             version check (409 shows both texts)
 *   POST /persons/{id}/plan/comments          co-writers: a comment on any plan item
 *                                             (domain, goal, step, relapse plan)
 *   GET  /persons/{id}/plan/history           every change, newest first, 50 a page
 *
 * The substance-use domain, its ratings, and the goals (with their steps)
 * in it also need CAT_SUBSTANCE: without it they are left out with no
 * trace. The second category is asked without logging to decide what to
 * show, and logged when it is shown. Changes need no audit entry: the
 * plan's history (written by the store) is the record, and the access
 * log notes each write. */
#include "web/plan.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/plan.h"
#include "http/request.h"
#include "http/response.h"
#include "store/persons.h"
#include "store/plan.h"
#include "view/plan.h"
#include "access/door.h"
#include "web/chart.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/referrals.h"

#define HISTORY_PAGE 50
#define DOMAIN_HISTORY 20
#define SHORT_TEXT 160               /* characters of a change shown in a list */

/* What the actor may see and do with this person's plan, asked once. */
struct view {
	const char *id, *name, *zone;
	struct person p;
	const struct grant *g;     /* the door's: the plan, and what else it covers */
	bool self, subst, edit, edit_subst;
};

/* The domain texts as a form holds them. */
struct domain_form {
	const char *text[4], *lang;
	int64_t version;
};

struct comment_form {
	const char *body, *lang;
};

static const char *const text_fields[4] = {"now_text", "strengths", "hopes",
	"matters_most"};

/* Helpers */

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static const char *
or_null(const char *s)
{
	return blank(s) ? NULL : s;
}

static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static bool
lang_choice(const char *s)
{
	return s != NULL && (strcmp(s, "en") == 0 || strcmp(s, "nl") == 0 ||
	    strcmp(s, "da") == 0);
}

/* A version from a hidden field: digits only, else 0. */
static int64_t
version_of(const char *v)
{
	if (v == NULL || *v == '\0' || strlen(v) > 18 || strspn(v, "0123456789") != strlen(v))
		return 0;
	return strtoll(v, NULL, 10);
}

static const char *
domain_text(const struct plan_domain *d, int i)
{
	switch (i) {
	case 0: return d->now_text;
	case 1: return d->strengths;
	case 2: return d->hopes;
	default: return d->matters_most;
	}
}

static bool
has_words(const struct plan_domain *d)
{
	int i;

	for (i = 0; i < 4; i++)
		if (!blank(domain_text(d, i)))
			return true;
	return false;
}

/* The four questions, asked of the person or about them. */
static const char *
text_label(int i, bool self)
{
	switch (i) {
	case 0: return self ? _("Where I am now") : _("Where they are now");
	case 1: return self ? _("My strengths and resources") :
	    _("Their strengths and resources");
	case 2: return self ? _("My hopes and dreams") : _("Their hopes and dreams");
	default: return self ? _("What matters most to me") : _("What matters most to them");
	}
}

/* At most max characters of s on one line, with "…" when cut. */
static const char *
shortened(struct req *r, const char *s, size_t max)
{
	size_t n = strlen(s), i = 0, chars = 0, len;
	char *out, *o;

	out = arena_alloc(&r->arena, n + 4);
	o = out;
	while (i < n) {
		if (chars == max) {
			memcpy(o, "\xE2\x80\xA6", 3);
			o += 3;
			break;
		}
		len = utf8_seq_len(s + i, n - i);
		if (len == 0)
			len = 1;
		if (s[i] == '\r' || s[i] == '\n' || s[i] == '\t')
			*o++ = ' ';
		else {
			memcpy(o, s + i, len);
			o += len;
		}
		i += len;
		chars++;
	}
	*o = '\0';
	return out;
}

static const char *
plan_title(struct req *r, const struct view *v)
{
	return v->self ? _("My plan") : arena_printf(&r->arena, _("%s's plan"), v->name);
}

static bool
shows(const struct view *v, enum domain d)
{
	return d != DOM_SUBSTANCE_USE || v->subst;
}

static bool
edits(const struct view *v, enum domain d)
{
	return d == DOM_SUBSTANCE_USE ? v->edit_subst : v->edit;
}

/* Who made a change, as the viewer reads it; lead: it begins a line. */
static const char *
who(struct req *r, const char *user_id, const char *name, const char *org, bool lead)
{
	if (user_id != NULL && r->actor != NULL && strcmp(user_id, r->actor->user.id) == 0)
		return lead ? _("You") : _("you");
	if (name == NULL)
		name = lead ? _("Someone no longer here") : _("someone no longer here");
	return org != NULL ? arena_printf(&r->arena, _("%s, %s"), name, org) : name;
}

static void
answer_error(struct req *r, int rc)
{
	error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
	    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
}

/* Opens the plan for reading through the door (the read is logged);
 * answers and returns false when the actor may not. log_subst: the page
 * shows the substance-use domain when allowed, so note that read too. */
static bool
view_open(struct req *r, const char *id, struct view *v, bool log_subst)
{
	struct decision d;
	int rc;

	memset(v, 0, sizeof(*v));
	v->g = door_open(r, id, PA_READ, CAT_PLAN, log_subst ? CAT_BIT(CAT_SUBSTANCE) : 0, &d);
	if (v->g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return false;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, v->g, &v->p)) != 0) {
		answer_error(r, rc);
		return false;
	}
	v->id = id;
	v->self = grant_is_self(v->g);
	v->name = v->p.preferred_name != NULL && *v->p.preferred_name ?
	    v->p.preferred_name : v->p.display_name;
	if (v->self && v->p.time_zone != NULL)
		v->zone = v->p.time_zone;
	else if (r->actor->org_time_zone != NULL)
		v->zone = r->actor->org_time_zone;
	else
		v->zone = v->p.time_zone != NULL ? v->p.time_zone : "UTC";
	/* Asked without logging: what the page offers. */
	v->subst = door_may(r, v->g, PA_READ, CAT_SUBSTANCE);
	v->edit = door_may(r, v->g, PA_EDIT_PLAN, CAT_PLAN);
	v->edit_subst = v->edit && door_may(r, v->g, PA_EDIT_PLAN, CAT_SUBSTANCE);
	return true;
}

/* The substance-use details too, through the door (logged as act): the
 * view's grant then covers them. Answers and returns false if not. */
static bool
view_substance(struct req *r, struct view *v, enum person_action act)
{
	struct decision d;
	const struct grant *g = door_open(r, v->id, act, CAT_SUBSTANCE, CAT_BIT(CAT_PLAN), &d);

	if (g == NULL) {
		door_refuse(r, &d, CAT_SUBSTANCE);
		return false;
	}
	v->g = g;
	return true;
}

static const char *
date_of(struct req *r, const struct view *v, int64_t us)
{
	return timefmt_instant(&r->arena, us, v->zone, r->lang, TIMEFMT_DATE);
}

static void
back_link(struct req *r, struct buf *b, const struct view *v)
{
	if (v->self)
		html(b, "<nav><a href=\"/me\">%s</a></nav>", _("Back to my page"));
	else
		html(b, "<nav><a href=\"/persons/%s\">%s</a></nav>", v->id,
		    arena_printf(&r->arena, _("Back to %s"), v->name));
}

static void
lang_select(struct req *r, struct buf *b, const char *name, const char *label,
    const char *selected, bool with_none, const struct form_errors *e)
{
	const char *values[LANG_COUNT + 1], *labels[LANG_COUNT + 1];
	size_t n = 0;
	int i;

	if (with_none) {
		values[n] = "";
		labels[n++] = _("Not given");
	}
	for (i = 0; i < LANG_COUNT; i++) {
		values[n] = lang_code((enum lang)i);
		labels[n++] = lang_endonym((enum lang)i);
	}
	form_select(b, name, label, values, labels, n, selected ? selected :
	    lang_code(r->lang), e);
}

/* The plan page */

/* Per domain: the latest rating and every rating over time. */
struct ratings {
	struct plan_rating *all;
	size_t n;
	const struct plan_rating *latest[DOM_COUNT];
	size_t count[DOM_COUNT];
};

static void
ratings_sort(struct ratings *rt)
{
	size_t i;

	memset(rt->latest, 0, sizeof(rt->latest));
	memset(rt->count, 0, sizeof(rt->count));
	for (i = 0; i < rt->n; i++) {
		enum domain d = rt->all[i].domain;

		if ((unsigned)d >= DOM_COUNT)
			continue;
		rt->latest[d] = &rt->all[i];       /* oldest first: the last wins */
		rt->count[d]++;
	}
}

/* The latest rating of a domain, for its folded summary line. */
static const char *
rating_line(struct req *r, const struct view *v, const struct plan_rating *last)
{
	if (last == NULL)
		return _("Not rated yet");
	return arena_printf(&r->arena, _("Rated %d of 10 on %s"), last->rating,
	    timefmt_instant(&r->arena, last->rated_us, v->zone, r->lang, TIMEFMT_SHORT_DATE));
}

/* A domain's ratings over time: a small line chart and every rating. */
static void
domain_chart(struct req *r, struct buf *b, const struct view *v, enum domain d,
    const struct ratings *rt)
{
	struct chart_point *pts;
	size_t i, k = 0;

	if (rt->count[d] == 0)
		return;
	pts = arena_alloc(&r->arena, rt->count[d] * sizeof(*pts));
	for (i = 0; i < rt->n; i++)
		if (rt->all[i].domain == d) {
			pts[k].at_us = rt->all[i].rated_us;
			pts[k++].value = rt->all[i].rating;
		}
	html(b, "<h4>%s</h4>", _("Ratings over time"));
	chart_line(b, arena_printf(&r->arena, "chart-%s", domain_code(d)),
	    arena_printf(&r->arena, _("%s over time"), domain_label(d)), k == 1 ?
	    arena_printf(&r->arena, _("One rating: %d on %s."), (int)pts[0].value,
	    date_of(r, v, pts[0].at_us)) :
	    arena_printf(&r->arena, _("%zu ratings, from %d on %s to %d on %s."), k,
	    (int)pts[0].value, date_of(r, v, pts[0].at_us), (int)pts[k - 1].value,
	    date_of(r, v, pts[k - 1].at_us)), pts, k, 1, 10);
	html(b, "<details><summary>%s</summary><ol class=\"chart-data\">", _("Every rating"));
	for (i = 0; i < k; i++)
		html(b, "<li>%s: %d</li>", date_of(r, v, pts[i].at_us), (int)pts[i].value);
	html_raw(b, "</ol></details>");
}

/* One part of life, folded (it works without JavaScript): the summary
 * says its name and latest rating; inside are the words, who changed
 * them last, and the ratings over time. On a phone ten domains of words
 * came before the goals. */
static void
domain_block(struct req *r, struct buf *b, const struct view *v, const struct plan_domain *d,
    const struct ratings *rt, bool open)
{
	const char *code = domain_code(d->domain);
	bool words = has_words(d);
	int i;

	html(b, "<details class=\"domain\" id=\"dom-%s\"", code);
	if (open)
		html_raw(b, " open");
	html(b, "><summary><h3 id=\"dh-%s\">%s</h3><span class=\"domain-sum\">%s", code,
	    domain_label(d->domain), rating_line(r, v, rt->latest[d->domain]));
	if (!words)
		html(b, " · %s", _("Not written yet"));
	html_raw(b, "</span></summary><div class=\"domain-body\">");
	if (words) {
		html_raw(b, "<dl class=\"words\">");
		for (i = 0; i < 4; i++) {
			if (blank(domain_text(d, i)))
				continue;
			html(b, "<dt>%s</dt><dd>", text_label(i, v->self));
			layout_own_words(r, b, domain_text(d, i), d->text_lang);
			html_raw(b, "</dd>");
		}
		html_raw(b, "</dl>");
		if (d->updated_us > 0)
			html(b, "<p class=\"small\">%s</p>", arena_printf(&r->arena,
			    _("Last changed by %s on %s."), who(r, d->updated_by,
			    d->updated_by_name, NULL, false), date_of(r, v, d->updated_us)));
	}
	if (edits(v, d->domain))
		html(b, "<p><a href=\"/persons/%s/plan/domains/%s\">%s</a></p>", v->id, code,
		    words ? _("Change these words, or comment") :
		    v->self ? _("Add your words") : _("Add their words"));
	else if (words)
		html(b, "<p><a href=\"/persons/%s/plan/domains/%s\">%s</a></p>", v->id, code,
		    _("Comments and earlier versions"));
	domain_chart(r, b, v, d->domain, rt);
	html_raw(b, "</div></details>");
}

/* open: "all" unfolds every domain, a domain's code that one (the page
 * comes back there after its words are saved). */
static void
words_section(struct req *r, struct buf *b, const struct view *v,
    const struct plan_domain ds[DOM_COUNT], const struct ratings *rt, const char *open)
{
	bool all = open != NULL && strcmp(open, "all") == 0;
	enum domain one = DOM_COUNT;
	size_t written = 0;
	int i;

	if (open != NULL && !all && !domain_parse(open, &one))
		one = DOM_COUNT;
	html(b, "<section id=\"words\" aria-labelledby=\"s-words\"><h2 id=\"s-words\">%s</h2>",
	    v->self ? _("In my own words") : _("In their own words"));
	for (i = 0; i < DOM_COUNT; i++)
		if (shows(v, (enum domain)i) && has_words(&ds[i]))
			written++;
	if (written == 0)
		html(b, "<p>%s</p>", v->self ?
		    _("Nothing is written yet. Start with any part of your life: where you are "
		      "now, what you are good at, what you hope for.") :
		    _("Nothing is written yet."));
	if (all)
		html(b, "<p class=\"open-all\"><a href=\"/persons/%s/plan#words\">%s</a></p>",
		    v->id, _("Fold every part of life again"));
	else
		html(b, "<p class=\"open-all\"><a href=\"/persons/%s/plan?open=all#words\">%s</a>"
		    "</p>", v->id, _("Open every part of life"));
	for (i = 0; i < DOM_COUNT; i++)
		if (shows(v, (enum domain)i))
			domain_block(r, b, v, &ds[i], rt, all || one == (enum domain)i);
	html_raw(b, "</section>");
}

/* "2026-03" for an instant, in UTC (as the store counts months). */
static void
month_of(int64_t us, char out[8])
{
	char iso[28];

	clock_format_instant(us, iso);
	memcpy(out, iso, 7);
	out[7] = '\0';
}

/* Months counted from year 0, and back to "YYYY-MM". */
static int
month_index(const char *m)
{
	return atoi(m) * 12 + atoi(m + 5) - 1;
}

static const char *
month_text(struct req *r, int i)
{
	return arena_printf(&r->arena, "%04d-%02d", i / 12, i % 12 + 1);
}

/* Goals reached per month, from the goals the viewer may see (the
 * store's count would include substance-use goals), the months between
 * filled with zeros: at most the latest two years. */
static void
reached_chart(struct req *r, struct buf *b, const struct view *v, const struct goal *gs,
    size_t ng)
{
	struct chart_value *bars;
	char m[8];
	int first = -1, last = -1, k, n;
	size_t i, total = 0;

	for (i = 0; i < ng; i++) {
		if (gs[i].status != ST_REACHED || gs[i].reached_us == 0 || !shows(v, gs[i].domain))
			continue;
		month_of(gs[i].reached_us, m);
		k = month_index(m);
		if (first < 0 || k < first)
			first = k;
		if (k > last)
			last = k;
		total++;
	}
	html(b, "<h3 id=\"s-reached\">%s</h3>", _("Goals reached over time"));
	if (total == 0) {
		html(b, "<p>%s</p>", _("No goal is reached yet. Every step counts."));
		return;
	}
	if (last - first >= 24)
		first = last - 23;
	n = last - first + 1;
	bars = arena_alloc(&r->arena, (size_t)n * sizeof(*bars));
	for (k = 0; k < n; k++) {
		bars[k].label = month_text(r, first + k);
		bars[k].has_value = true;
	}
	for (i = 0; i < ng; i++) {
		if (gs[i].status != ST_REACHED || gs[i].reached_us == 0 || !shows(v, gs[i].domain))
			continue;
		month_of(gs[i].reached_us, m);
		k = month_index(m) - first;
		if (k >= 0 && k < n)
			bars[k].value++;
	}
	chart_bars(b, "chart-reached", _("Goals reached per month"),
	    arena_printf(&r->arena, ngettext("%zu goal reached in all; the latest in %s.",
	    "%zu goals reached in all; the latest in %s.", total), total, month_text(r, last)),
	    bars, (size_t)n);
	html(b, "<ul class=\"chart-data\" aria-label=\"%s\">", _("Goals reached per month"));
	for (k = 0; k < n; k++)
		if (bars[k].value > 0)
			html(b, "<li>%s: %s</li>", bars[k].label, arena_printf(&r->arena,
			    ngettext("%d goal reached", "%d goals reached",
			    (unsigned long)bars[k].value), (int)bars[k].value));
	html_raw(b, "</ul>");
}

static void
ratings_form(struct req *r, struct buf *b, const struct view *v, const char *const *kept,
    const struct form_errors *e)
{
	static const char *const values[] = {"", "1", "2", "3", "4", "5", "6", "7", "8", "9",
		"10"};
	const char *labels[11];
	int i;

	labels[0] = _("No rating now");
	labels[1] = _("1 – very hard");
	for (i = 2; i <= 9; i++)
		labels[i] = values[i];
	labels[10] = _("10 – very good");
	html(b, "<h3 id=\"s-rate\">%s</h3><p class=\"hint\">%s</p>", v->self ?
	    _("How are things now?") : _("Record self-ratings"),
	    v->self ? _("From 1 (very hard) to 10 (very good). Rate only what you want to.") :
	    _("As the person rates them, from 1 (very hard) to 10 (very good)."));
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/plan/ratings", v->id), e);
	html_raw(b, "<div class=\"rating-fields\">");
	for (i = 0; i < DOM_COUNT; i++) {
		if (!shows(v, (enum domain)i) || !edits(v, (enum domain)i))
			continue;
		form_select(b, arena_printf(&r->arena, "r_%s", domain_code((enum domain)i)),
		    domain_label((enum domain)i), values, labels, 11, kept ? kept[i] : "", e);
	}
	html_raw(b, "</div>");
	form_end(b, v->self ? _("Save my ratings") : _("Save the ratings"));
}

static void
progress_section(struct req *r, struct buf *b, const struct view *v,
    const struct ratings *rt, const struct goal *gs, size_t ng,
    const char *const *kept, const struct form_errors *e)
{
	struct chart_value vals[DOM_COUNT];
	struct buf desc;
	size_t n = 0, rated = 0, k;
	int d;

	html(b, "<section id=\"progress\" aria-labelledby=\"s-progress\">"
	    "<h2 id=\"s-progress\">%s</h2>", _("Progress"));
	for (d = 0; d < DOM_COUNT; d++)
		if (shows(v, (enum domain)d) && rt->latest[d] != NULL)
			rated++;
	if (rated == 0) {
		html(b, "<p>%s</p>", v->self ? _("You have not rated any part of your life yet.") :
		    _("There are no self-ratings yet."));
	} else {
		buf_init(&desc, &r->arena);
		buf_puts(&desc, _("The latest self-rating of each part of life, from 1 (very "
		    "hard) to 10 (very good): "));
		for (d = 0; d < DOM_COUNT; d++) {
			if (!shows(v, (enum domain)d))
				continue;
			vals[n].label = domain_label((enum domain)d);
			vals[n].has_value = rt->latest[d] != NULL;
			vals[n].value = rt->latest[d] ? rt->latest[d]->rating : 0;
			if (n > 0)
				buf_puts(&desc, "; ");
			buf_puts(&desc, rt->latest[d] ? arena_printf(&r->arena, "%s %d",
			    vals[n].label, rt->latest[d]->rating) :
			    arena_printf(&r->arena, _("%s not rated"), vals[n].label));
			n++;
		}
		buf_puts(&desc, ".");
		html(b, "<h3>%s</h3>", _("How things are now"));
		chart_radar(b, "chart-now", _("Self-ratings: a star chart"), desc.data, vals, n, 10);
		html(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"ratings\">"
		    "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    _("The latest rating of each part of life"), _("Part of life"),
		    _("Rating (1–10)"), _("When"));
		/* Numbered as the star chart's points are: the chart has no room
		 * for the names on a phone, so the table is its legend. */
		for (d = 0, k = 0; d < DOM_COUNT; d++) {
			if (!shows(v, (enum domain)d))
				continue;
			html(b, "<tr><th scope=\"row\"><span class=\"axis-no\" aria-hidden=\"true\">"
			    "%zu</span>%s</th>", ++k, domain_label((enum domain)d));
			if (rt->latest[d] != NULL)
				html(b, "<td>%d</td><td>%s</td></tr>", rt->latest[d]->rating,
				    timefmt_instant(&r->arena, rt->latest[d]->rated_us, v->zone,
				    r->lang, TIMEFMT_SHORT_DATE));
			else
				html(b, "<td>%s</td><td></td></tr>", _("Not rated"));
		}
		html_raw(b, "</tbody></table></div>");
	}
	reached_chart(r, b, v, gs, ng);
	if (v->edit)
		ratings_form(r, b, v, kept, e);
	html_raw(b, "</section>");
}

static void
goal_item(struct req *r, struct buf *b, const struct view *v, const struct goal *g,
    const struct step *ss, size_t ns)
{
	const struct step *next = NULL;
	size_t i, done = 0, total = 0;

	/* Steps come soonest first: the first open one is the next. */
	for (i = 0; i < ns; i++) {
		if (strcmp(ss[i].goal_id, g->id) != 0 || ss[i].status == ST_LET_GO)
			continue;
		total++;
		if (ss[i].status == ST_REACHED)
			done++;
		else if (next == NULL)
			next = &ss[i];
	}
	html(b, "<li class=\"goal-item goal-%s\"><a href=\"/persons/%s/plan/goals/%s\">",
	    item_status_code(g->status), v->id, g->id);
	if (g->text_lang != NULL)
		html(b, "<span lang=\"%s\">%s</span></a>", g->text_lang, g->title);
	else
		html(b, "%s</a>", g->title);
	html(b, "<span class=\"small\">%s · ", domain_label(g->domain));
	if (g->status == ST_REACHED && g->reached_us > 0)
		html(b, "%s", arena_printf(&r->arena, _("Reached on %s"),
		    date_of(r, v, g->reached_us)));
	else
		html(b, "%s", item_status_label(g->status));
	if (total > 0)
		html(b, " · %s", arena_printf(&r->arena, ngettext("%zu of %zu step done",
		    "%zu of %zu steps done", total), done, total));
	html_raw(b, "</span>");
	if (next != NULL && g->status != ST_REACHED && g->status != ST_LET_GO)
		html(b, "<span class=\"next-step\">%s %s</span>", _("Next step:"), next->title);
	html_raw(b, "</li>");
}

static void
goals_section(struct req *r, struct buf *b, const struct view *v, const struct goal *gs,
    size_t ng, const struct step *ss, size_t ns)
{
	static const enum item_status order[] = {ST_IN_PROGRESS, ST_NOT_STARTED, ST_REACHED,
		ST_LET_GO};
	size_t count[ST_COUNT] = {0}, shown = 0, i, k;
	bool first;

	for (i = 0; i < ng; i++)
		if (shows(v, gs[i].domain) && (unsigned)gs[i].status < ST_COUNT) {
			count[gs[i].status]++;
			shown++;
		}
	html(b, "<section id=\"goals\" aria-labelledby=\"s-goals\"><h2 id=\"s-goals\">%s</h2>",
	    v->self ? _("My goals") : _("Goals"));
	if (count[ST_REACHED] > 0)
		html(b, "<p class=\"notice celebrate\">%s</p>", v->self ?
		    arena_printf(&r->arena, ngettext("You have reached %zu goal. Well done!",
		    "You have reached %zu goals. Well done!", count[ST_REACHED]),
		    count[ST_REACHED]) :
		    arena_printf(&r->arena, ngettext("%s has reached %zu goal.",
		    "%s has reached %zu goals.", count[ST_REACHED]), v->name, count[ST_REACHED]));
	if (shown == 0) {
		html(b, "<p>%s</p>", v->self ? _("You have no goals yet. A goal can be small: "
		    "something you want, in your own words.") : _("There are no goals yet."));
	} else {
		html_raw(b, "<p class=\"goal-counts\">");
		first = true;
		for (k = 0; k < ST_COUNT; k++) {
			if (count[order[k]] == 0)
				continue;
			html(b, "%s%s: %zu", first ? "" : " · ", item_status_label(order[k]),
			    count[order[k]]);
			first = false;
		}
		html_raw(b, "</p>");
		for (k = 0; k < ST_COUNT; k++) {
			enum item_status st = order[k];

			if (count[st] == 0 || st == ST_NOT_STARTED)
				continue;
			html(b, "<h3>%s</h3><ul class=\"goal-list\">",
			    st == ST_IN_PROGRESS ? (v->self ? _("What I am working on") :
			    _("Working on")) : st == ST_REACHED ? _("Reached") : _("Let go"));
			for (i = 0; i < ng; i++) {
				bool match = gs[i].status == st ||
				    (st == ST_IN_PROGRESS && gs[i].status == ST_NOT_STARTED);

				if (match && shows(v, gs[i].domain))
					goal_item(r, b, v, &gs[i], ss, ns);
			}
			html_raw(b, "</ul>");
		}
		/* Goals not started yet, when nothing is in progress. */
		if (count[ST_IN_PROGRESS] == 0 && count[ST_NOT_STARTED] > 0) {
			html(b, "<h3>%s</h3><ul class=\"goal-list\">", _("Not started yet"));
			for (i = 0; i < ng; i++)
				if (gs[i].status == ST_NOT_STARTED && shows(v, gs[i].domain))
					goal_item(r, b, v, &gs[i], ss, ns);
			html_raw(b, "</ul>");
		}
	}
	if (v->edit)
		html(b, "<p><a class=\"button\" href=\"/persons/%s/plan/goals/new\">%s</a></p>",
		    v->id, _("Add a goal"));
	html_raw(b, "</section>");
}

/* The referrals from the plan, each with its goal and status, and the
 * way to propose one for those who co-write the plan. */
static int
referrals_section(struct req *r, struct buf *b, const struct view *v)
{
	struct referral *xs;
	size_t n;
	int rc;

	if ((rc = web_referrals_for(r, v->id, NULL, &xs, &n)) != 0)
		return rc;
	html(b, "<section id=\"referrals\" aria-labelledby=\"s-referrals\">"
	    "<h2 id=\"s-referrals\">%s</h2>", v->self ? _("My referrals") : _("Referrals"));
	if (n == 0)
		html(b, "<p>%s</p>", _("There are no referrals yet."));
	else
		web_referral_lines(r, b, xs, n, v->self);
	html(b, "<p><a href=\"/persons/%s/referrals\">%s</a></p>", v->id,
	    v->self ? _("All my referrals") : _("All referrals, with their history"));
	if (v->edit)
		html(b, "<p><a class=\"button\" href=\"/persons/%s/referrals/new\">%s</a></p>",
		    v->id, v->self ? _("Find a service for me") : _("Propose a service"));
	html_raw(b, "</section>");
	return 0;
}

/* kept/e: the ratings form as sent, on a mistake. */
static void
render_plan(struct req *r, const struct view *v, unsigned status, const char *const *kept,
    const struct form_errors *e)
{
	const char *saved = req_query(r, "saved"), *rated = req_query(r, "rated");
	struct ratings rt = {0};
	struct plan_view *pv;
	struct plan_domain *ds;
	struct goal *gs;
	struct step *ss;
	size_t ng, ns;
	struct buf b;

	/* The plan as this grant may see it: the same read as the print
	 * view, the API and the download (the relapse-prevention part has a
	 * page of its own). */
	pv = arena_alloc(&r->arena, sizeof(*pv));
	if (view_plan(req_store(r), &r->arena, v->g, PLAN_VIEW_GOALS, pv) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	ds = pv->doms;
	rt.all = pv->ratings;
	rt.n = pv->nratings;
	gs = pv->goals;
	ng = pv->ngoals;
	ss = pv->steps;
	ns = pv->nsteps;
	ratings_sort(&rt);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, plan_title(r, v));
	back_link(r, &b, v);
	html(&b, "<h1>%s</h1>", plan_title(r, v));
	if (status == 200 && saved != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("Your words are saved."));
	if (status == 200 && rated != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("The ratings are saved."));
	html(&b, "<p class=\"lead\">%s</p>", v->self ?
	    _("Your plan, in your own words: where you are now, what you are good at, what "
	      "you hope for. Your network works on it with you, and you can see every "
	      "change anyone makes.") :
	    arena_printf(&r->arena, _("In %s's own words. What you change here is shown to "
	      "them with your name."), v->name));
	html(&b, "<nav aria-label=\"%s\"><ul class=\"plan-links\">", _("The plan"));
	html(&b, "<li><a href=\"#goals\">%s</a></li>", v->self ? _("My goals") : _("Goals"));
	html(&b, "<li><a href=\"#words\">%s</a></li>",
	    v->self ? _("In my own words") : _("In their own words"));
	html(&b, "<li><a href=\"#progress\">%s</a></li>", _("Progress"));
	html(&b, "<li><a href=\"#referrals\">%s</a></li>",
	    v->self ? _("My referrals") : _("Referrals"));
	html(&b, "<li><a href=\"/persons/%s/plan/relapse\">%s</a></li>", v->id,
	    v->self ? _("My relapse-prevention plan") : _("Relapse-prevention plan"));
	html(&b, "<li><a href=\"/persons/%s/pathways\">%s</a></li>", v->id,
	    v->self ? _("My pathways") : _("Pathways"));
	html(&b, "<li><a href=\"/persons/%s/plan/meetings\">%s</a></li>", v->id,
	    v->self ? _("My meetings") : _("Meetings"));
	html(&b, "<li><a href=\"/persons/%s/plan/history\">%s</a></li>", v->id,
	    _("Every change"));
	html(&b, "<li><a href=\"/persons/%s/plan/print\">%s</a></li></ul></nav>", v->id,
	    _("Print the plan"));

	/* What they work on now first; the words per domain folded. */
	goals_section(r, &b, v, gs, ng, ss, ns);
	words_section(r, &b, v, ds, &rt, req_query(r, "open"));
	progress_section(r, &b, v, &rt, gs, ng, kept, e);
	if (referrals_section(r, &b, v) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	layout_end(r, &b, status);
}

void
web_plan(struct req *r)
{
	struct view v;

	if (view_open(r, req_param(r, 0), &v, true))
		render_plan(r, &v, 200, NULL, NULL);
}

/* Self-ratings */

struct rating_save {
	const struct grant *gr;    /* the door's, to write the plan */
	const char *id;
	size_t n;
	enum domain dom[DOM_COUNT];
	int value[DOM_COUNT];
	struct plan_author by;
};

static int
write_ratings(struct store_tx *tx, void *arg)
{
	struct rating_save *c = arg;
	size_t i;
	int rc;

	for (i = 0; i < c->n; i++)
		if ((rc = store_tx_plan_rating_add(tx, c->gr, c->id, c->dom[i], c->value[i],
		    &c->by)) != 0)
			return rc;
	return 0;
}

static void
after_ratings(struct req *r, int rc)
{
	struct rating_save *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/plan?rated=1#progress",
	    c->id));
}

void
web_plan_ratings(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *gr = door_open(r, id, PA_EDIT_PLAN, CAT_PLAN, 0, &d);
	struct form_errors *e;
	struct rating_save *c;
	const char **kept;
	struct view v;
	bool subst = false;
	int i;

	if (gr == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	e = arena_alloc(&r->arena, sizeof(*e));
	kept = arena_alloc(&r->arena, DOM_COUNT * sizeof(*kept));
	for (i = 0; i < DOM_COUNT; i++) {
		const char *name = arena_printf(&r->arena, "r_%s", domain_code((enum domain)i));
		const char *val = req_form(r, name);
		int n;

		kept[i] = val != NULL && !req_form_bad(r, name) ? val : "";
		if (val == NULL || *val == '\0')
			continue;
		if (i == DOM_SUBSTANCE_USE) {
			/* Only offered to whoever may write substance-use details. */
			if (!door_may(r, gr, PA_EDIT_PLAN, CAT_SUBSTANCE)) {
				d = (struct decision){false, WHY_NONE, 403};
				door_refuse(r, &d, CAT_SUBSTANCE);
				return;
			}
			subst = true;
		}
		n = strlen(val) <= 2 && strspn(val, "0123456789") == strlen(val) ? atoi(val) : 0;
		if (req_form_bad(r, name) || n < 1 || n > 10) {
			form_error(e, name, "invalid_choice");
			continue;
		}
		c->dom[c->n] = (enum domain)i;
		c->value[c->n++] = n;
	}
	if (e->n == 0 && c->n == 0)
		form_error(e, arena_printf(&r->arena, "r_%s", domain_code(
		    door_may(r, gr, PA_EDIT_PLAN, CAT_SUBSTANCE) ?
		    DOM_SUBSTANCE_USE : DOM_PHYSICAL_HEALTH)), "required");
	if (e->n > 0) {
		if (view_open(r, id, &v, true))
			render_plan(r, &v, 422, kept, e);
		return;
	}
	c->gr = gr;
	if (subst && (c->gr = door_open(r, id, PA_EDIT_PLAN, CAT_SUBSTANCE, CAT_BIT(CAT_PLAN),
	    &d)) == NULL) {
		door_refuse(r, &d, CAT_SUBSTANCE);
		return;
	}
	c->id = id;
	c->by.user_id = r->actor->user.id;
	c->by.org_id = r->actor->org_id;
	c->by.now = clock_now_us();
	req_defer_write(r, write_ratings, c, after_ratings);
}

/* One change, as a list item: when, who, what, before → after. */
struct names {
	struct goal *gs;
	size_t ng;
	struct step *ss;
	size_t ns;
};

static const struct goal *
goal_find(const struct names *nm, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < nm->ng; i++)
		if (strcmp(nm->gs[i].id, id) == 0)
			return &nm->gs[i];
	return NULL;
}

static const struct step *
step_find(const struct names *nm, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < nm->ns; i++)
		if (strcmp(nm->ss[i].id, id) == 0)
			return &nm->ss[i];
	return NULL;
}

/* True if the change is about substance use: its domain, its ratings, a
 * goal in it (or moved in or out of it), or a step of such a goal. An
 * item that cannot be found counts as one, to be safe. */
static bool
about_substance(const struct names *nm, const struct plan_change *h)
{
	const char *subst = domain_code(DOM_SUBSTANCE_USE);
	const struct goal *g = NULL;
	const struct step *s;

	if (strcmp(h->item_kind, "domain") == 0 || strcmp(h->item_kind, "rating") == 0)
		return strcmp(h->item_id, subst) == 0;
	if (strcmp(h->field, "domain") == 0 &&
	    (same_text(h->before, subst) || same_text(h->after, subst)))
		return true;
	if (strcmp(h->item_kind, "goal") == 0)
		g = goal_find(nm, h->item_id);
	else if (strcmp(h->item_kind, "step") == 0)
		g = (s = step_find(nm, h->item_id)) != NULL ? goal_find(nm, s->goal_id) : NULL;
	else
		return false;
	return g == NULL || g->domain == DOM_SUBSTANCE_USE;
}

static const char *
field_label(const char *field, bool self)
{
	static const struct { const char *field, *label; } labels[] = {
		{"created", N_("Added")},
		{"title", N_("Title")},
		{"why", N_("Why it matters")},
		{"domain", N_("Part of life")},
		{"status", N_("Status")},
		{"due_date", N_("By when")},
		{"owner", N_("Who does it")},
		{"rating", N_("Self-rating")},
		{"triggers", N_("My triggers")},
		{"warning_signs", N_("My early warning signs")},
		{"what_helps", N_("What helps me")},
		{"people_to_call", N_("People I can call, and when")},
		{"if_i_lapse", N_("What I want others to do if I lapse")},
		{"crisis_contacts", N_("Crisis contacts")},
	};
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(field, text_fields[i]) == 0)
			return text_label((int)i, self);
	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i].field, field) == 0)
			return _(labels[i].label);
	return field;
}

/* A value as people read it: a domain or status by its name, a date in
 * words, "the person" for a step the person does; text shortened. */
static const char *
value_text(struct req *r, const struct view *v, const char *field, const char *val)
{
	enum domain d;
	enum item_status s;

	if (blank(val))
		return NULL;
	if (strcmp(field, "domain") == 0 && domain_parse(val, &d))
		return domain_label(d);
	if (strcmp(field, "status") == 0 && item_status_parse(val, &s))
		return item_status_label(s);
	if (strcmp(field, "due_date") == 0 && clock_valid_date(val))
		return timefmt_date(&r->arena, val, r->lang);
	if (strcmp(field, "owner") == 0 && strcmp(val, "person") == 0)
		return v->self ? _("you") : v->name;
	return shortened(r, val, SHORT_TEXT);
}

static void
change_item(struct req *r, struct buf *b, const struct view *v, const struct names *nm,
    const struct plan_change *h, bool with_item)
{
	const char *before = value_text(r, v, h->field, h->before);
	const char *after = value_text(r, v, h->field, h->after);
	enum domain d;
	char iso[28];

	clock_format_datetime(h->changed_us, iso);
	html(b, "<li><span class=\"when\"><time datetime=\"%s\">%s</time></span>", iso,
	    timefmt_instant(&r->arena, h->changed_us, v->zone, r->lang, TIMEFMT_DATETIME));
	html(b, "<span class=\"who\">%s</span> ", who(r, h->changed_by, h->changed_by_name,
	    h->changed_org_name, true));
	if (with_item) {
		if (strcmp(h->item_kind, "domain") == 0 && domain_parse(h->item_id, &d)) {
			html(b, "<a href=\"/persons/%s/plan/domains/%s\">%s</a>", v->id, h->item_id,
			    domain_label(d));
		} else if (strcmp(h->item_kind, "rating") == 0 && domain_parse(h->item_id, &d)) {
			html(b, "%s", domain_label(d));
		} else if (strcmp(h->item_kind, "goal") == 0) {
			const struct goal *g = goal_find(nm, h->item_id);

			html(b, "%s <a href=\"/persons/%s/plan/goals/%s\">%s</a>", _("Goal:"), v->id,
			    h->item_id, g != NULL ? shortened(r, g->title, 80) : h->item_id);
		} else if (strcmp(h->item_kind, "step") == 0) {
			const struct step *s = step_find(nm, h->item_id);
			const struct goal *g = s != NULL ? goal_find(nm, s->goal_id) : NULL;

			if (s != NULL && g != NULL)
				html(b, "%s <a href=\"/persons/%s/plan/goals/%s#step-%s\">%s</a>",
				    _("Step:"), v->id, g->id, s->id, shortened(r, s->title, 80));
			else
				html(b, "%s", _("A step"));
		} else if (strcmp(h->item_kind, "relapse") == 0 ||
		    strcmp(h->item_kind, "crisis") == 0) {
			html(b, "<a href=\"/persons/%s/plan/relapse\">%s</a>", v->id,
			    v->self ? _("My relapse-prevention plan") : _("Relapse-prevention plan"));
		} else {
			html(b, "%s", h->item_kind);
		}
		html_raw(b, " · ");
	}
	html(b, "<span class=\"field\">%s</span>", field_label(h->field, v->self));
	if (strcmp(h->field, "created") == 0) {
		html_raw(b, "</li>");
		return;
	}
	html(b, "<span class=\"change\"><span class=\"before\">%s</span> → "
	    "<span class=\"after\">%s</span></span></li>",
	    before != NULL ? before : _("(empty)"), after != NULL ? after : _("(empty)"));
}

/* A life domain */

struct domain_page {
	enum domain dom;
	const struct domain_form *f;          /* the texts as typed, or NULL */
	const struct form_errors *e;
	const struct plan_domain *theirs;     /* on a conflict: what is saved now */
	const struct comment_form *cf;
	const struct form_errors *ce;
};

/* view_open for one domain: substance use needs its category too. */
static bool
domain_view(struct req *r, const char *id, enum domain dom, struct view *v)
{
	if (!view_open(r, id, v, false))
		return false;
	return dom != DOM_SUBSTANCE_USE || view_substance(r, v, PA_READ);
}

static void
comment_list(struct req *r, struct buf *b, const struct view *v, const char *kind,
    const char *item)
{
	struct plan_comment *ks;
	size_t n = 0, i;
	char iso[28];

	if (store_plan_comments(req_store(r), &r->arena, v->g, kind, item, &ks, &n) != 0)
		n = 0;
	if (n == 0) {
		html(b, "<p>%s</p>", _("No comments yet."));
		return;
	}
	html_raw(b, "<ol class=\"notes\">");
	for (i = 0; i < n; i++) {
		clock_format_datetime(ks[i].created_us, iso);
		html(b, "<li class=\"note\" id=\"comment-%s\"><p class=\"meta\"><strong>%s</strong> · "
		    "<time datetime=\"%s\">%s</time></p>", ks[i].id, who(r, ks[i].author_id,
		    ks[i].author_name, ks[i].author_org_name, true), iso,
		    timefmt_instant(&r->arena, ks[i].created_us, v->zone, r->lang,
		    TIMEFMT_DATETIME));
		layout_own_words(r, b, ks[i].body, ks[i].body_lang);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
}

static void
comment_form(struct req *r, struct buf *b, const struct view *v, const char *kind,
    const char *item, const struct comment_form *cf, const struct form_errors *ce)
{
	form_begin(r, b, arena_printf(&r->arena, "/persons/%s/plan/comments", v->id), ce);
	html(b, "<input type=\"hidden\" name=\"item_kind\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"item_id\" value=\"%s\">", kind, item);
	form_textarea(b, "body", _("Your comment"), cf ? cf->body : NULL,
	    v->self ? _("Everyone who may read your plan can read it.") :
	    _("The person and everyone who may read the plan can read it."), ce);
	lang_select(r, b, "lang", _("Language of the comment"), cf ? cf->lang : NULL, false,
	    ce);
	form_end(b, _("Add the comment"));
}

static void
conflict_block(struct req *r, struct buf *b, const struct view *v,
    const struct plan_domain *theirs, const struct domain_form *f)
{
	int i;

	html(b, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2>"
	    "<p>%s</p></div>", _("Someone else changed this while you were writing"),
	    _("Nothing is lost. Below are both texts: what is saved now, and yours. Yours is "
	      "still in the form: change it if you like, then save again."));
	if (theirs->updated_us > 0)
		html(b, "<p>%s</p>", arena_printf(&r->arena, _("Saved now: changed by %s, %s."),
		    who(r, theirs->updated_by, theirs->updated_by_name, NULL, false),
		    timefmt_instant(&r->arena, theirs->updated_us, v->zone, r->lang,
		    TIMEFMT_DATETIME)));
	for (i = 0; i < 4; i++) {
		if (same_text(or_null(f->text[i]), or_null(domain_text(theirs, i))))
			continue;
		html(b, "<section class=\"domain-compare\" aria-labelledby=\"cmp-%d\">"
		    "<h3 id=\"cmp-%d\">%s</h3><div class=\"domain-compare-side\"><h4>%s</h4>", i, i,
		    text_label(i, v->self), _("Saved now (theirs)"));
		if (blank(domain_text(theirs, i)))
			html(b, "<p><em>%s</em></p>", _("(empty)"));
		else
			layout_own_words(r, b, domain_text(theirs, i), theirs->text_lang);
		html(b, "</div><div class=\"domain-compare-side\"><h4>%s</h4>", _("Yours (not saved yet)"));
		if (blank(f->text[i]))
			html(b, "<p><em>%s</em></p>", _("(empty)"));
		else
			layout_own_words(r, b, f->text[i], f->lang);
		html_raw(b, "</div></section>");
	}
}

static void
render_domain(struct req *r, const struct view *v, unsigned status,
    const struct domain_page *pg)
{
	struct plan_domain ds[DOM_COUNT], *cur;
	struct domain_form f;
	struct plan_change *hs;
	struct names nm = {0};
	const char *code = domain_code(pg->dom), *label = domain_label(pg->dom);
	size_t nh = 0, i;
	struct buf b;
	bool may = edits(v, pg->dom);

	if (store_plan_domains(req_store(r), &r->arena, v->g, ds) != 0 ||
	    store_plan_history(req_store(r), &r->arena, v->g, "domain", code, 0,
	    DOMAIN_HISTORY, &hs, &nh) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	cur = &ds[pg->dom];
	if (pg->f != NULL) {
		f = *pg->f;
	} else {
		for (i = 0; i < 4; i++)
			f.text[i] = domain_text(cur, (int)i);
		f.lang = cur->text_lang;
		f.version = cur->version;
	}

	buf_init(&b, &r->arena);
	layout_begin(r, &b, arena_printf(&r->arena, "%s – %s", label, plan_title(r, v)));
	html(&b, "<nav><a href=\"/persons/%s/plan?open=%s#dom-%s\">%s</a></nav>", v->id, code, code,
	    v->self ? _("Back to my plan") :
	    arena_printf(&r->arena, _("Back to %s's plan"), v->name));
	html(&b, "<h1>%s</h1><p class=\"small\">%s</p>", label, plan_title(r, v));
	if (pg->theirs != NULL)
		conflict_block(r, &b, v, pg->theirs, &f);

	if (may) {
		html(&b, "<p>%s</p>", v->self ?
		    _("In your own words. Write as much or as little as you like; you can "
		      "change it any time.") :
		    arena_printf(&r->arena, _("In %s's own words, written with them. They see "
		      "every change, with your name."), v->name));
		form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/plan/domains/%s", v->id,
		    code), pg->e);
		for (i = 0; i < 4; i++)
			form_textarea(&b, text_fields[i], text_label((int)i, v->self), f.text[i],
			    NULL, pg->e);
		lang_select(r, &b, "text_lang", _("Language of these words"),
		    f.lang != NULL ? f.lang : v->p.lang, true, pg->e);
		html(&b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
		    (long long)f.version);
		form_end(&b, _("Save"));
	} else if (has_words(cur)) {
		html_raw(&b, "<dl class=\"words\">");
		for (i = 0; i < 4; i++) {
			if (blank(domain_text(cur, (int)i)))
				continue;
			html(&b, "<dt>%s</dt><dd>", text_label((int)i, v->self));
			layout_own_words(r, &b, domain_text(cur, (int)i), cur->text_lang);
			html_raw(&b, "</dd>");
		}
		html_raw(&b, "</dl>");
	} else {
		html(&b, "<p>%s</p>", _("Nothing is written here yet."));
	}
	if (cur->updated_us > 0)
		html(&b, "<p class=\"small\">%s</p>", arena_printf(&r->arena,
		    _("Last changed by %s on %s."), who(r, cur->updated_by, cur->updated_by_name,
		    NULL, false), date_of(r, v, cur->updated_us)));

	html(&b, "<section aria-labelledby=\"s-earlier\"><h2 id=\"s-earlier\">%s</h2>",
	    _("Earlier versions"));
	if (nh == 0) {
		html(&b, "<p>%s</p>", _("No changes yet."));
	} else {
		html_raw(&b, "<ol class=\"history\">");
		for (i = 0; i < nh; i++)
			change_item(r, &b, v, &nm, &hs[i], false);
		html_raw(&b, "</ol>");
		html(&b, "<p><a href=\"/persons/%s/plan/history\">%s</a></p>", v->id,
		    _("Every change to the plan"));
	}
	html_raw(&b, "</section>");

	html(&b, "<section id=\"comments\" aria-labelledby=\"s-comments\">"
	    "<h2 id=\"s-comments\">%s</h2>", _("Comments"));
	comment_list(r, &b, v, "domain", code);
	if (may)
		comment_form(r, &b, v, "domain", code, pg->cf, pg->ce);
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

void
web_plan_domain(struct req *r)
{
	const char *id = req_param(r, 0);
	struct domain_page pg = {0};
	struct view v;

	if (!domain_parse(req_param(r, 1), &pg.dom)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (domain_view(r, id, pg.dom, &v))
		render_domain(r, &v, 200, &pg);
}

struct domain_save {
	const struct grant *gr;    /* the door's, to write this domain */
	struct plan_domain d;
	struct domain_form f;
	struct plan_author by;
	int64_t from;
};

static int
write_domain(struct store_tx *tx, void *arg)
{
	struct domain_save *c = arg;

	return store_tx_plan_domain_save(tx, c->gr, &c->d, c->from, &c->by);
}

static void
after_domain(struct req *r, int rc)
{
	struct domain_save *c = r->write_arg;
	struct plan_domain ds[DOM_COUNT];
	struct domain_page pg = {0};
	struct view v;

	if (rc == ERR_CONFLICT) {
		if (!domain_view(r, c->d.person_id, c->d.domain, &v))
			return;
		if (store_plan_domains(req_store(r), &r->arena, v.g, ds) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		/* Saving again replaces what is saved now, knowingly. */
		c->f.version = ds[c->d.domain].version;
		pg.dom = c->d.domain;
		pg.f = &c->f;
		pg.theirs = &ds[c->d.domain];
		render_domain(r, &v, 409, &pg);
		return;
	}
	if (rc != 0) {
		answer_error(r, rc);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/plan?saved=1&open=%s#dom-%s",
	    c->d.person_id, domain_code(c->d.domain), domain_code(c->d.domain)));
}

void
web_plan_domain_save(struct req *r)
{
	const char *id = req_param(r, 0);
	const struct grant *gr;
	struct domain_save *c;
	struct form_errors *e;
	struct domain_page pg = {0};
	struct decision d;
	struct view v;
	int i;

	if (!domain_parse(req_param(r, 1), &pg.dom)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if ((gr = door_open(r, id, PA_EDIT_PLAN, CAT_PLAN, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if (pg.dom == DOM_SUBSTANCE_USE && (gr = door_open(r, id, PA_EDIT_PLAN, CAT_SUBSTANCE,
	    CAT_BIT(CAT_PLAN), &d)) == NULL) {
		door_refuse(r, &d, CAT_SUBSTANCE);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	e = arena_alloc(&r->arena, sizeof(*e));
	for (i = 0; i < 4; i++)
		c->f.text[i] = form_text(r, e, text_fields[i], false, PLAN_TEXT_MAX);
	c->f.lang = form_text(r, e, "text_lang", false, 2);
	if (*c->f.lang && form_error_at(e, "text_lang") == NULL && !lang_choice(c->f.lang))
		form_error(e, "text_lang", "invalid_choice");
	c->f.version = version_of(req_form(r, "version"));
	if (e->n > 0) {
		pg.f = &c->f;
		pg.e = e;
		if (domain_view(r, id, pg.dom, &v))
			render_domain(r, &v, 422, &pg);
		return;
	}
	c->d.person_id = id;
	c->d.domain = pg.dom;
	c->d.now_text = or_null(c->f.text[0]);
	c->d.strengths = or_null(c->f.text[1]);
	c->d.hopes = or_null(c->f.text[2]);
	c->d.matters_most = or_null(c->f.text[3]);
	c->d.text_lang = or_null(c->f.lang);
	c->from = c->f.version;
	c->by.user_id = r->actor->user.id;
	c->by.org_id = r->actor->org_id;
	c->by.now = clock_now_us();
	c->gr = gr;
	req_defer_write(r, write_domain, c, after_domain);
}

/* Comments on any plan item */

struct comment_save {
	const struct grant *gr;    /* the door's, to comment (on substance use too) */
	struct plan_comment k;
	struct comment_form f;
	const char *back;
};

static int
write_comment(struct store_tx *tx, void *arg)
{
	struct comment_save *c = arg;

	return store_tx_plan_comment_insert(tx, c->gr, &c->k);
}

static void
after_comment(struct req *r, int rc)
{
	struct comment_save *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, c->back);
}

/* The comment form alone, for a mistake in a comment on a goal, a step
 * or the relapse plan (their pages are drawn elsewhere). */
static void
render_comment(struct req *r, const struct view *v, const char *kind, const char *item,
    const char *back, const struct comment_form *cf, const struct form_errors *ce)
{
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Add a comment"));
	html(&b, "<nav><a href=\"%s\">%s</a></nav><section class=\"narrow\"><h1>%s</h1>", back,
	    _("Back without saving"), _("Add a comment"));
	comment_form(r, &b, v, kind, item, cf, ce);
	html_raw(&b, "</section>");
	layout_end(r, &b, 422);
}

/* A write of substance-use details through the door (noted as such), or
 * the door's refusal, answered, and NULL. */
static const struct grant *
substance_write(struct req *r, const char *id)
{
	struct decision d;
	const struct grant *g = door_open(r, id, PA_EDIT_PLAN, CAT_SUBSTANCE, CAT_BIT(CAT_PLAN),
	    &d);

	if (g == NULL)
		door_refuse(r, &d, CAT_SUBSTANCE);
	return g;
}

void
web_plan_comment(struct req *r)
{
	const char *id = req_param(r, 0);
	const char *kind = req_form(r, "item_kind"), *item = req_form(r, "item_id");
	const struct grant *gr;
	struct comment_save *c;
	struct form_errors *e;
	struct domain_page pg = {0};
	struct decision d;
	enum category cat = CAT_PLAN;
	struct goal g;
	struct step s;
	struct view v;
	char *kid;
	int rc;

	/* Noted as a write of the plan (the server keeps no note of a write
	 * that a 4xx answer says was not done). */
	if ((gr = door_open(r, id, PA_EDIT_PLAN, CAT_PLAN, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	/* The item must be this person's; another person's id is unknown here. */
	if (kind == NULL || item == NULL || req_form_bad(r, "item_kind") ||
	    req_form_bad(r, "item_id")) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (strcmp(kind, "domain") == 0) {
		if (!domain_parse(item, &pg.dom)) {
			error_respond(r, 404, PROBLEM_NOT_FOUND);
			return;
		}
		cat = domain_category(pg.dom);
		c->back = arena_printf(&r->arena, "/persons/%s/plan/domains/%s#comments", id,
		    item);
	} else if (strcmp(kind, "goal") == 0 || strcmp(kind, "step") == 0) {
		const char *goal_id = item;

		if (!id_valid(item, strlen(item))) {
			error_respond(r, 404, PROBLEM_NOT_FOUND);
			return;
		}
		/* About alcohol and drugs: read only once the door has said so. */
		if (strcmp(kind, "step") == 0) {
			rc = store_step_get(req_store(r), &r->arena, gr, item, &s);
			if (rc == STORE_WITHHELD && (gr = substance_write(r, id)) == NULL)
				return;
			if (rc == STORE_WITHHELD)
				rc = store_step_get(req_store(r), &r->arena, gr, item, &s);
			if (rc != 0) {
				answer_error(r, rc);
				return;
			}
			goal_id = s.goal_id;
		}
		rc = store_goal_get(req_store(r), &r->arena, gr, goal_id, &g);
		if (rc == STORE_WITHHELD && (gr = substance_write(r, id)) == NULL)
			return;
		if (rc == STORE_WITHHELD)
			rc = store_goal_get(req_store(r), &r->arena, gr, goal_id, &g);
		if (rc != 0) {
			answer_error(r, rc);
			return;
		}
		cat = domain_category(g.domain);
		c->back = strcmp(kind, "step") == 0 ?
		    arena_printf(&r->arena, "/persons/%s/plan/goals/%s#step-%s", id, goal_id, item) :
		    arena_printf(&r->arena, "/persons/%s/plan/goals/%s", id, goal_id);
	} else if (strcmp(kind, "relapse") == 0 && strcmp(item, "relapse") == 0) {
		/* The relapse-prevention plan is substance-use details. */
		cat = CAT_SUBSTANCE;
		c->back = arena_printf(&r->arena, "/persons/%s/plan/relapse", id);
	} else {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (cat == CAT_SUBSTANCE && !grant_covers(gr, CAT_SUBSTANCE) &&
	    (gr = substance_write(r, id)) == NULL)
		return;

	e = arena_alloc(&r->arena, sizeof(*e));
	c->f.body = form_text(r, e, "body", true, COMMENT_MAX);
	c->f.lang = form_text(r, e, "lang", false, 2);
	if (form_error_at(e, "lang") == NULL && !lang_choice(c->f.lang))
		form_error(e, "lang", "invalid_choice");
	if (e->n > 0) {
		if (strcmp(kind, "domain") == 0) {
			pg.cf = &c->f;
			pg.ce = e;
			if (domain_view(r, id, pg.dom, &v))
				render_domain(r, &v, 422, &pg);
		} else if (view_open(r, id, &v, false)) {
			render_comment(r, &v, kind, item, c->back, &c->f, e);
		}
		return;
	}
	kid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(kid);
	c->k.person_id = id;
	c->k.id = kid;
	c->k.item_kind = kind;
	c->k.item_id = item;
	c->k.body = c->f.body;
	c->k.body_lang = c->f.lang;
	c->k.author_id = r->actor->user.id;
	c->k.author_org_id = r->actor->org_id;
	c->k.created_us = clock_now_us();
	c->gr = gr;
	req_defer_write(r, write_comment, c, after_comment);
}

/* The history */

void
web_plan_history(struct req *r)
{
	const char *id = req_param(r, 0), *q = req_query(r, "before");
	int64_t before = version_of(q);
	struct plan_change *hs;
	struct names nm = {0};
	struct view v;
	struct buf b;
	size_t n = 0, i, shown = 0;
	bool subst_shown = false;

	if (!view_open(r, id, &v, false))
		return;
	/* Substance-use details are loaded if the door covers them, and noted
	 * in the person's log only if this page of the history holds some. */
	if (v.subst) {
		struct decision d;

		if ((v.g = door_open_lazy(r, id, PA_READ, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE),
		    &d)) == NULL) {
			door_refuse(r, &d, CAT_PLAN);
			return;
		}
	}
	if (store_plan_history(req_store(r), &r->arena, v.g, NULL, NULL, before, HISTORY_PAGE,
	    &hs, &n) != 0 ||
	    store_goals(req_store(r), &r->arena, v.g, &nm.gs, &nm.ng) != 0 ||
	    store_steps(req_store(r), &r->arena, v.g, &nm.ss, &nm.ns) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	for (i = 0; i < n; i++)
		if (about_substance(&nm, &hs[i]))
			subst_shown = true;
	if (subst_shown)
		door_shown(r, v.g, CAT_SUBSTANCE);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Every change to the plan"));
	html(&b, "<nav><a href=\"/persons/%s/plan\">%s</a></nav>", id, v.self ?
	    _("Back to my plan") : arena_printf(&r->arena, _("Back to %s's plan"), v.name));
	html(&b, "<h1>%s</h1><p>%s</p>", _("Every change to the plan"), v.self ?
	    _("Who changed what in your plan, and when, newest first. Your network's changes "
	      "are here too.") :
	    arena_printf(&r->arena, _("Who changed what in %s's plan, and when, newest first. "
	      "They see this list too."), v.name));
	html_raw(&b, "<ol class=\"history\">");
	for (i = 0; i < n; i++) {
		if (!v.subst && about_substance(&nm, &hs[i]))
			continue;
		change_item(r, &b, &v, &nm, &hs[i], true);
		shown++;
	}
	html_raw(&b, "</ol>");
	if (shown == 0)
		html(&b, "<p>%s</p>", before > 0 ? _("No earlier changes.") : _("No changes yet."));
	if (n >= HISTORY_PAGE)
		html(&b, "<p><a href=\"/persons/%s/plan/history?before=%lld\" rel=\"next\">%s</a></p>",
		    id, (long long)hs[n - 1].changed_us, _("Earlier changes"));
	layout_end(r, &b, 200);
}
