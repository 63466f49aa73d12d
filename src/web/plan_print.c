/* The plan on paper.
 *   GET /persons/{id}/plan/print   whoever may read the plan (CAT_PLAN)
 * One clean A4 document (print rules in style.css, no JavaScript: the
 * browser's own Print): the person's words per life domain, the latest
 * self-ratings, goals with their steps (who, by when), the
 * relapse-prevention plan and the crisis contacts. The substance-use
 * domain and its goals need CAT_SUBSTANCE as well, as on screen. */
#include "web/plan_print.h"

#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/plan.h"
#include "http/request.h"
#include "store/persons.h"
#include "store/plan.h"
#include "view/plan.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/layout.h"

struct doc {
	const char *id, *name, *zone;
	struct person p;
	bool self, subst;
};

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

/* A term and the person's words for it, when there are any. */
static void
entry(struct req *r, struct buf *b, const char *term, const char *text, const char *lang)
{
	if (blank(text))
		return;
	html(b, "<dt>%s</dt><dd>", term);
	layout_own_words(r, b, text, lang);
	html_raw(b, "</dd>");
}

static bool
shows(const struct doc *d, enum domain dom)
{
	return dom != DOM_SUBSTANCE_USE || d->subst;
}

static void
domains(struct req *r, struct buf *b, const struct doc *d, const struct plan_domain *ds)
{
	size_t written = 0;
	int i;

	html(b, "<section aria-labelledby=\"p-words\"><h2 id=\"p-words\">%s</h2>",
	    d->self ? _("In my own words") : _("In their own words"));
	for (i = 0; i < DOM_COUNT; i++) {
		const struct plan_domain *x = &ds[i];

		if (!shows(d, (enum domain)i) || (blank(x->now_text) && blank(x->strengths) &&
		    blank(x->hopes) && blank(x->matters_most)))
			continue;
		html(b, "<div class=\"print-block\"><h3>%s</h3><dl class=\"words\">",
		    domain_label((enum domain)i));
		entry(r, b, d->self ? _("Where I am now") : _("Where they are now"), x->now_text,
		    x->text_lang);
		entry(r, b, d->self ? _("My strengths and resources") :
		    _("Their strengths and resources"), x->strengths, x->text_lang);
		entry(r, b, d->self ? _("My hopes and dreams") : _("Their hopes and dreams"),
		    x->hopes, x->text_lang);
		entry(r, b, d->self ? _("What matters most to me") : _("What matters most to them"),
		    x->matters_most, x->text_lang);
		html_raw(b, "</dl></div>");
		written++;
	}
	if (written == 0)
		html(b, "<p>%s</p>", _("Nothing is written yet."));
	html_raw(b, "</section>");
}

static void
ratings(struct req *r, struct buf *b, const struct doc *d, const struct plan_rating *rs,
    size_t n)
{
	const struct plan_rating *latest[DOM_COUNT] = {0};
	size_t i, any = 0;
	int k;

	for (i = 0; i < n; i++)
		if ((unsigned)rs[i].domain < DOM_COUNT && shows(d, rs[i].domain))
			latest[rs[i].domain] = &rs[i];
	for (k = 0; k < DOM_COUNT; k++)
		if (latest[k] != NULL)
			any++;
	if (any == 0)
		return;
	html(b, "<section aria-labelledby=\"p-rate\"><h2 id=\"p-rate\">%s</h2>"
	    "<table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>", _("How things are"),
	    _("Part of life"), _("Rating (1–10)"), _("When"));
	for (k = 0; k < DOM_COUNT; k++)
		if (latest[k] != NULL)
			html(b, "<tr><th scope=\"row\">%s</th><td>%d</td><td>%s</td></tr>",
			    domain_label((enum domain)k), latest[k]->rating,
			    timefmt_instant(&r->arena, latest[k]->rated_us, d->zone, r->lang,
			    TIMEFMT_DATE));
	html_raw(b, "</tbody></table></section>");
}

static const char *
owner(const struct doc *d, const struct step *s)
{
	if (s->owner_kind == OWNER_PERSON)
		return d->self ? _("Me") : d->name;
	return s->owner_name != NULL ? s->owner_name : "";
}

static void
goals(struct req *r, struct buf *b, const struct doc *d, const struct goal *gs, size_t ng,
    const struct step *ss, size_t ns)
{
	size_t i, k, shown = 0, steps;

	html(b, "<section aria-labelledby=\"p-goals\"><h2 id=\"p-goals\">%s</h2>",
	    d->self ? _("My goals") : _("Goals"));
	for (i = 0; i < ng; i++) {
		const struct goal *g = &gs[i];

		if (!shows(d, g->domain))
			continue;
		shown++;
		html(b, "<div class=\"print-block goal-%s\">", item_status_code(g->status));
		if (g->text_lang != NULL)
			html(b, "<h3 lang=\"%s\">%s</h3>", g->text_lang, g->title);
		else
			html(b, "<h3>%s</h3>", g->title);
		/* A reached goal says so once, with its date. */
		if (g->status == ST_REACHED && g->reached_us > 0)
			html(b, "<p class=\"small\">%s", domain_label(g->domain));
		else
			html(b, "<p class=\"small\">%s · %s", domain_label(g->domain),
			    item_status_label(g->status));
		if (g->status == ST_REACHED && g->reached_us > 0)
			html(b, " · %s", arena_printf(&r->arena, _("Reached on %s"),
			    timefmt_instant(&r->arena, g->reached_us, d->zone, r->lang,
			    TIMEFMT_DATE)));
		html_raw(b, "</p>");
		if (!blank(g->why)) {
			html(b, "<dl class=\"words\"><dt>%s</dt><dd>", _("Why it matters"));
			layout_own_words(r, b, g->why, g->text_lang);
			html_raw(b, "</dd></dl>");
		}
		steps = 0;
		for (k = 0; k < ns; k++) {
			const struct step *s = &ss[k];

			if (strcmp(s->goal_id, g->id) != 0)
				continue;
			if (steps++ == 0)
				html(b, "<table><thead><tr><th scope=\"col\">%s</th>"
				    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				    "<th scope=\"col\">%s</th></tr></thead><tbody>", _("Step"),
				    _("Who does it"), _("By when"), _("Status"));
			html(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", s->title,
			    owner(d, s), s->due_date != NULL && clock_valid_date(s->due_date) ?
			    timefmt_date(&r->arena, s->due_date, r->lang) : "",
			    s->status == ST_REACHED ? _("Done") : item_status_label(s->status));
		}
		if (steps > 0)
			html_raw(b, "</tbody></table>");
		html_raw(b, "</div>");
	}
	if (shown == 0)
		html(b, "<p>%s</p>", _("There are no goals yet."));
	html_raw(b, "</section>");
}

static void
relapse(struct req *r, struct buf *b, const struct doc *d, const struct relapse_plan *rp,
    const struct crisis_contact *cs, size_t nc)
{
	size_t i;

	/* Without substance-use details only the crisis contacts show. */
	if (rp == NULL && nc == 0)
		return;
	html(b, "<section class=\"page-break\" aria-labelledby=\"p-relapse\">"
	    "<h2 id=\"p-relapse\">%s</h2>", d->self ? _("My relapse-prevention plan") :
	    _("Relapse-prevention plan"));
	if (nc > 0) {
		html(b, "<h3>%s</h3><table class=\"crisis\"><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    _("Crisis contacts"), _("Name"), _("Phone"), _("When to call"));
		for (i = 0; i < nc; i++)
			html(b, "<tr><td>%s</td><td class=\"contact\">%s</td><td>%s</td></tr>",
			    cs[i].name, cs[i].phone, cs[i].note ? cs[i].note : "");
		html_raw(b, "</tbody></table>");
	}
	if (rp == NULL) {
		/* not shared with this reader */
	} else if (blank(rp->triggers) && blank(rp->warning_signs) && blank(rp->what_helps) &&
	    blank(rp->people_to_call) && blank(rp->if_i_lapse)) {
		html(b, "<p>%s</p>", _("Nothing is written yet."));
	} else {
		html_raw(b, "<dl class=\"words\">");
		entry(r, b, _("My triggers"), rp->triggers, rp->text_lang);
		entry(r, b, _("My early warning signs"), rp->warning_signs, rp->text_lang);
		entry(r, b, _("What helps me"), rp->what_helps, rp->text_lang);
		entry(r, b, _("People I can call, and when"), rp->people_to_call, rp->text_lang);
		entry(r, b, _("What I want others to do if I lapse"), rp->if_i_lapse,
		    rp->text_lang);
		html_raw(b, "</dl>");
	}
	html_raw(b, "</section>");
}

void
web_plan_print(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision dec;
	const struct grant *gr = door_open(r, id, PA_READ, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE),
	    &dec);
	struct plan_view v;
	struct doc d = {0};
	const char *title;
	struct buf b;
	int rc;

	if (gr == NULL) {
		door_refuse(r, &dec, CAT_PLAN);
		return;
	}
	if ((rc = store_person_get(req_store(r), &r->arena, gr, &d.p)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503, rc == ERR_NOT_FOUND ?
		    PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if (view_plan(req_store(r), &r->arena, gr, PLAN_VIEW_ALL, &v) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	d.id = id;
	d.self = grant_is_self(gr);
	d.name = d.p.preferred_name != NULL && *d.p.preferred_name ? d.p.preferred_name :
	    d.p.display_name;
	if (d.self && d.p.time_zone != NULL)
		d.zone = d.p.time_zone;
	else if (r->actor->org_time_zone != NULL)
		d.zone = r->actor->org_time_zone;
	else
		d.zone = d.p.time_zone != NULL ? d.p.time_zone : "UTC";
	d.subst = v.substance;
	title = d.self ? _("My plan") : arena_printf(&r->arena, _("%s's plan"), d.name);

	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<div class=\"print-hint\"><p>%s</p><p><a href=\"/persons/%s/plan\">%s</a>"
	    "</p></div>", _("This page is made for paper. To print it or save it as a PDF, "
	    "use your browser's Print (on a phone: Share, then Print)."), id,
	    d.self ? _("Back to my plan") : arena_printf(&r->arena, _("Back to %s's plan"),
	    d.name));
	html(&b, "<article class=\"print-doc\" aria-labelledby=\"p-title\">"
	    "<header><h1 id=\"p-title\">%s</h1><p class=\"small\">%s</p></header>", title,
	    arena_printf(&r->arena, _("%s · printed on %s"), d.p.display_name,
	    timefmt_instant(&r->arena, clock_now_us(), d.zone, r->lang, TIMEFMT_DATE)));
	domains(r, &b, &d, v.doms);
	ratings(r, &b, &d, v.ratings, v.nratings);
	goals(r, &b, &d, v.goals, v.ngoals, v.steps, v.nsteps);
	relapse(r, &b, &d, v.relapse ? &v.rp : NULL, v.cs, v.ncs);
	html_raw(&b, "</article>");
	layout_end(r, &b, 200);
}
