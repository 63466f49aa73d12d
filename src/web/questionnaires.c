/* A person's questionnaires (WHO-5, BARC-10, AUDIT, ...).
 *   GET  /persons/{id}/questionnaires               what the person can fill in
 *                                                   and their results over time
 *   GET  /persons/{id}/questionnaires/{code}/new    the form for the newest version
 *   POST /persons/{id}/questionnaires/{code}/new    the answers: scored, saved, and
 *                                                   shown on the response's page
 *   GET  /persons/{id}/questionnaire-responses/{rid} one response: the answers and
 *                                                   the score with its zone in words
 * The person answers for themself; staff who may write the person's
 * questionnaires (by duty, or with the person's consent) may enter the
 * answers the person gave in a conversation, saved as such ('staff').
 * Every read by someone else lands in the person's access log. An
 * instrument is shown in the reader's language only where it has an
 * official version in it, else in English with a note that says so. */
#include "web/questionnaires.h"

#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "core/q_response.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/persons.h"
#include "store/questionnaires.h"
#include "store/responses.h"
#include "view/responses.h"
#include "web/chart.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

struct qpage {
	const char *id;
	const struct grant *g;
	struct person p;
	bool have_p, self, write;
};

/* Through the door to the person's questionnaires (write: to answer one
 * for them); answers and returns false if not. */
static bool
q_open(struct req *r, bool write, struct qpage *pg)
{
	struct decision d;

	memset(pg, 0, sizeof(*pg));
	pg->id = req_param(r, 0);
	pg->g = door_open_lazy(r, pg->id, write ? PA_EDIT_PLAN : PA_READ, CAT_QUESTIONNAIRES,
	    CAT_BIT(CAT_BASIC), &d);
	if (pg->g == NULL) {
		door_refuse(r, &d, CAT_QUESTIONNAIRES);
		return false;
	}
	pg->have_p = grant_covers(pg->g, CAT_BASIC) &&
	    store_person_get(req_store(r), &r->arena, pg->g, &pg->p) == 0;
	pg->self = grant_is_self(pg->g);
	pg->write = door_may(r, pg->g, PA_EDIT_PLAN, CAT_QUESTIONNAIRES);
	return true;
}

/* The person's name, noted as shown; NULL for the person themselves. */
static const char *
shown_name(struct req *r, const struct qpage *pg)
{
	if (pg->self || !pg->have_p)
		return NULL;
	door_shown(r, pg->g, CAT_BASIC);
	return pg->p.preferred_name != NULL ? pg->p.preferred_name : pg->p.display_name;
}

static const char *
zone_of(struct req *r, const struct qpage *pg)
{
	if (pg->have_p && pg->p.time_zone != NULL)
		return pg->p.time_zone;
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

/* The language of the instrument's own words on the page: English where
 * it has no official version in the page's language. */
static const char *
lang_attr(struct req *r, bool official)
{
	return official ? lang_code(r->lang) : "en";
}

bool
web_questionnaire_code(const char *name, char *out, unsigned size)
{
	size_t i, n = name != NULL ? strlen(name) : 0;

	if (n == 0 || n >= size || n > Q_CODE_MAX)
		return false;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
		out[i] = c;
	}
	out[n] = '\0';
	return true;
}

static const char *
day_text(struct req *r, const char *ymd)
{
	return ymd != NULL ? timefmt_date(&r->arena, ymd, r->lang) : "-";
}

/* "48 (0 to 100)" or "not scored". */
static const char *
score_text(struct req *r, const struct q_response *x, const struct q_version *v)
{
	if (!x->scored)
		return _("not scored");
	return arena_printf(&r->arena, _("%d (from %d to %d)"), x->score, v->d.min, v->d.max);
}

static const char *
zone_text(struct req *r, const struct q_version *v, const char *code)
{
	const struct q_zone *z = qr_zone(&v->d, code);

	return z != NULL ? q_text(&z->label, r->lang) : NULL;
}

/* The version id, read: v itself, or an older one (v where it does not
 * read, so a page still shows the score). */
static const struct q_version *
version_for(struct req *r, const struct q_version *v, const char *id)
{
	struct q_version *o;

	if (strcmp(id, v->row.id) == 0)
		return v;
	o = arena_alloc(&r->arena, sizeof(*o));
	return view_q_version(req_store(r), &r->arena, id, NULL, o) == 0 ? o : v;
}

/* The results of one instrument over time: a chart with its zones shaded
 * and named, and every response as text. xs: the person's responses to
 * this code, newest first. */
static void
results(struct req *r, struct buf *b, const struct qpage *pg, const struct q_version *v,
    const struct q_response *xs, size_t n)
{
	const struct q_definition *d = &v->d;
	struct chart_point *pts = arena_alloc(&r->arena, (n + 1) * sizeof(*pts));
	struct chart_band *bands = arena_alloc(&r->arena, (d->nzones + 1) * sizeof(*bands));
	struct chart_band mark;
	const struct q_zone *building = NULL;
	size_t i, np = 0;
	struct buf desc;

	for (i = n; i-- > 0;)
		if (xs[i].scored) {
			pts[np].at_us = xs[i].given_us;
			pts[np++].value = xs[i].score;
		}
	for (i = 0; i < d->nzones; i++) {
		bands[i].from = d->zones[i].from;
		bands[i].to = d->zones[i].to;
		bands[i].label = arena_printf(&r->arena, "%zu", i + 1);
	}
	/* The BARC-10's line at 47, said as what it is: building capital. */
	if (strcmp(d->code, "barc-10") == 0)
		building = qr_zone(d, "building-recovery-capital");
	if (building != NULL) {
		mark.from = mark.to = building->from;
		mark.label = _("building capital");
	}
	if (np > 0) {
		buf_init(&desc, &r->arena);
		buf_printf(&desc, _("%zu scores, oldest first:"), np);
		for (i = 0; i < np; i++)
			buf_printf(&desc, "%s%d", i ? ", " : " ", (int)pts[i].value);
		chart_zoned_line(b, arena_printf(&r->arena, "chart-%s", d->code),
		    arena_printf(&r->arena, _("Scores over time, from %d to %d"), d->min, d->max),
		    desc.data, pts, np, d->min, d->max, bands, d->nzones, &mark,
		    building != NULL ? 1 : 0);
		if (d->nzones > 0) {
			html_raw(b, "<ul class=\"zones\">");
			for (i = 0; i < d->nzones; i++)
				html(b, "<li><span class=\"swatch swatch-%zu\" aria-hidden=\"true\"></span>"
				    "%s</li>", i % 4, arena_printf(&r->arena, _("%zu (%d to %d): %s"),
				    i + 1, d->zones[i].from, d->zones[i].to,
				    q_text(&d->zones[i].label, r->lang)));
			html_raw(b, "</ul>");
		}
	}
	html_raw(b, "<ul class=\"responses\">");
	for (i = 0; i < n; i++) {
		/* Each read by the version it answered (its zones may differ). */
		const struct q_version *own = version_for(r, v, xs[i].questionnaire_id);
		const char *z = xs[i].scored ? zone_text(r, own, xs[i].zone) : NULL;

		html(b, "<li><a href=\"/persons/%s/questionnaire-responses/%s\">%s</a>: %s",
		    pg->id, xs[i].id, day_text(r, xs[i].day), score_text(r, &xs[i], own));
		if (z != NULL)
			html(b, " · %s", z);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

void
web_questionnaires(struct req *r)
{
	struct qpage pg;
	struct questionnaire_row *qs;
	struct q_response *xs, *mine;
	struct q_version v;
	const char *name;
	size_t nq = 0, nx = 0, i, k, nm, pass;
	struct buf b;
	bool official;

	if (!q_open(r, false, &pg))
		return;
	if (store_questionnaires(req_store(r), &r->arena, true, &qs, &nq) != 0 ||
	    store_responses(req_store(r), &r->arena, pg.g, NULL, &xs, &nx) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	name = shown_name(r, &pg);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, pg.self ? _("My questionnaires") : _("Questionnaires"));
	html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", pg.id,
	    pg.self ? _("Back to my page") : name != NULL ?
	    arena_printf(&r->arena, _("Back to %s"), name) : _("Back"));
	html(&b, "<h1>%s</h1>", pg.self ? _("My questionnaires") : _("Questionnaires"));
	if (name != NULL)
		html(&b, "<p class=\"who\">%s</p>", name);
	html(&b, "<p>%s</p>", pg.self ?
	    _("Short sets of questions about how you have been. Your answers are yours: "
	      "they show how things change over time, and help you and the people you "
	      "work with talk about it.") :
	    _("The questionnaires the person answered, and the results over time."));
	mine = arena_alloc(&r->arena, (nx + 1) * sizeof(*mine));
	/* Those with answers first, then the others, each by code. */
	for (pass = 0; pass < 2 * nq; pass++) {
		i = pass % nq;
		for (k = 0, nm = 0; k < nx; k++)
			if (strcmp(xs[k].code, qs[i].code) == 0)
				mine[nm++] = xs[k];
		if ((pass < nq) != (nm > 0) ||
		    view_q_version(req_store(r), &r->arena, qs[i].id, NULL, &v) != 0)
			continue;
		html(&b, "<section aria-labelledby=\"q-%s\"><h2 id=\"q-%s\"", v.row.code, v.row.code);
		name = view_q_name(&v, r->lang, &official);
		html(&b, " lang=\"%s\">%s</h2>", lang_attr(r, official), name);
		if (pg.write)
			html(&b, "<p><a class=\"button\" href=\"/persons/%s/questionnaires/%s/new\">%s</a></p>",
			    pg.id, v.row.code, pg.self ? _("Fill it in") :
			    _("Enter answers from a conversation"));
		if (nm == 0)
			html(&b, "<p>%s</p>", _("No answers yet."));
		else
			results(r, &b, &pg, &v, mine, nm);
		html_raw(&b, "</section>");
	}
	if (nq == 0)
		html(&b, "<p>%s</p>", _("There are no questionnaires yet."));
	layout_end(r, &b, 200);
}

/* What was chosen, per item (by the item's place), kept on error. */
struct answer_form {
	const char *version_id;
	const char **chosen;          /* as sent; NULL: none */
};

static void
render_form(struct req *r, const struct qpage *pg, const struct q_version *v,
    unsigned status, const struct answer_form *f, const struct form_errors *e)
{
	const struct q_definition *d = &v->d;
	const char *name, *who = shown_name(r, pg), *err, *la;
	bool official;
	struct buf b;
	size_t i, k;

	name = view_q_name(v, r->lang, &official);
	la = lang_attr(r, official);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, name);
	html(&b, "<nav><a href=\"/persons/%s/questionnaires\">%s</a></nav>", pg->id,
	    pg->self ? _("My questionnaires") : _("Questionnaires"));
	html(&b, "<h1 lang=\"%s\">%s</h1>", la, name);
	if (who != NULL)
		html(&b, "<p class=\"who\">%s</p>", who);
	if (!official)
		html(&b, "<p class=\"notice\">%s</p>", _("This questionnaire has no official "
		    "version in your language yet, so it is shown in English, as it was "
		    "published."));
	if (!pg->self)
		html(&b, "<p class=\"hint\">%s</p>", arena_printf(&r->arena, _("You are entering "
		    "the answers %s gave you in a conversation. They are saved as their answers, "
		    "entered by you."), who != NULL ? who : _("the person")));
	form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/questionnaires/%s/new", pg->id,
	    d->code), e);
	html(&b, "<input type=\"hidden\" name=\"questionnaire_id\" value=\"%s\">", v->row.id);
	if (d->instructions.t[LANG_EN] != NULL)
		html(&b, "<p lang=\"%s\">%s</p>", la, q_text(&d->instructions, official ? r->lang : LANG_EN));
	for (i = 0; i < d->nitems; i++) {
		const struct q_item *it = &d->items[i];
		const char *chosen = f != NULL ? f->chosen[i] : NULL;

		err = form_error_at(e, arena_printf(&r->arena, "item-%s", it->id));
		html(&b, "<fieldset id=\"f-item-%s\" class=\"question%s\"", it->id,
		    err != NULL ? " has-error" : "");
		if (err != NULL)
			html(&b, " aria-describedby=\"e-item-%s\"", it->id);
		html(&b, "><legend><span class=\"number\">%zu.</span> <span lang=\"%s\">%s</span></legend>",
		    i + 1, la, q_text(&it->text, official ? r->lang : LANG_EN));
		if (err != NULL)
			html(&b, "<p class=\"field-error\" id=\"e-item-%s\">%s</p>", it->id,
			    form_error_text(err));
		for (k = 0; k < it->noptions; k++) {
			char val[16];

			snprintf(val, sizeof(val), "%d", it->options[k].value);
			html(&b, "<div class=\"check\"><input type=\"radio\" name=\"item-%s\" "
			    "id=\"o-%s-%zu\" value=\"%s\"%s>", it->id, it->id, k, val,
			    chosen != NULL && strcmp(chosen, val) == 0 ? " checked" : "");
			html(&b, "<label for=\"o-%s-%zu\" lang=\"%s\">%s</label></div>", it->id, k, la,
			    q_text(&it->options[k].label, official ? r->lang : LANG_EN));
		}
		html_raw(&b, "</fieldset>");
	}
	form_end(&b, pg->self ? _("Save my answers") : _("Save the answers"));
	html(&b, "<section aria-labelledby=\"s-about\"><h2 id=\"s-about\">%s</h2>",
	    _("About this questionnaire"));
	html(&b, "<p lang=\"en\">%s</p>", d->attribution);
	html(&b, "<p class=\"small\" lang=\"en\">%s</p>", d->licence);
	for (i = 0; i < d->nsources; i++)
		if (d->sources[i].language != NULL)
			html(&b, "<p class=\"small\"><a href=\"%s\" lang=\"en\">%s</a></p>",
			    d->sources[i].url, d->sources[i].title);
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

/* The newest version of the route's code, or the one the form names;
 * answers 404 (no such questionnaire) or 503 and returns false if not. */
static bool
version_of(struct req *r, const char *id, struct q_version *v)
{
	char code[Q_CODE_MAX + 1];
	int rc = ERR_NOT_FOUND;

	if (web_questionnaire_code(req_param(r, 1), code, sizeof(code)))
		rc = view_q_version(req_store(r), &r->arena, id, code, v);
	if (rc == 0 && strcmp(v->row.code, code) != 0)
		rc = ERR_NOT_FOUND;
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	return true;
}

void
web_questionnaire_new(struct req *r)
{
	struct qpage pg;
	struct q_version v;

	if (!q_open(r, true, &pg) || !version_of(r, NULL, &v))
		return;
	render_form(r, &pg, &v, 200, NULL, NULL);
}

/* A whole number as a form sends it: an optional '-' and 1 to 4 digits. */
static bool
int_text(const char *s, int *out)
{
	size_t i = s[0] == '-' ? 1 : 0, n = strlen(s);

	if (n <= i || n - i > 4 || strspn(s + i, "0123456789") != n - i)
		return false;
	*out = atoi(s);
	return true;
}

static void
after_answer(struct req *r, int rc)
{
	struct qr_write *w = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena,
	    "/persons/%s/questionnaire-responses/%s?saved=1", w->x.person_id, w->x.id));
}

void
web_questionnaire_answer(struct req *r)
{
	struct qpage pg;
	struct q_version v;
	struct answer_form f;
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct q_answer *xs;
	struct qr_problem pr[1];
	struct qr_write *w;
	const struct q_definition *d;
	size_t i, n = 0;

	if (!q_open(r, true, &pg))
		return;
	f.version_id = req_form(r, "questionnaire_id");
	if (f.version_id != NULL && (req_form_bad(r, "questionnaire_id") || *f.version_id == '\0'))
		f.version_id = NULL;
	if (!version_of(r, f.version_id, &v))
		return;
	d = &v.d;
	f.chosen = arena_alloc(&r->arena, (d->nitems + 1) * sizeof(*f.chosen));
	xs = arena_alloc(&r->arena, (d->nitems + 1) * sizeof(*xs));
	memset(e, 0, sizeof(*e));
	for (i = 0; i < d->nitems; i++) {
		const struct q_item *it = &d->items[i];
		const char *field = arena_printf(&r->arena, "item-%s", it->id);
		const char *s = req_form(r, field);
		size_t k;
		int val;

		f.chosen[i] = NULL;
		if (s != NULL && req_form_bad(r, field)) {
			form_error(e, field, "invalid_format");
			continue;
		}
		if (s == NULL || *s == '\0') {
			if (!it->skippable)
				form_error(e, field, "required");
			continue;
		}
		for (k = 0; int_text(s, &val) && k < it->noptions && it->options[k].value != val; k++)
			;
		if (!int_text(s, &val) || k == it->noptions) {
			form_error(e, field, "invalid_choice");
			continue;
		}
		f.chosen[i] = s;
		xs[n].item = it->id;
		xs[n++].value = val;
	}
	/* Every item skippable and none answered: say so at the first. */
	if (e->n == 0 && qr_check(d, xs, n, pr, 1) > 0 && d->nitems > 0)
		form_error(e, arena_printf(&r->arena, "item-%s", d->items[0].id), "required");
	if (e->n > 0) {
		render_form(r, &pg, &v, 422, &f, e);
		return;
	}
	w = arena_alloc(&r->arena, sizeof(*w));
	w->g = pg.g;
	view_response_new(&r->arena, &v, pg.id, zone_of(r, &pg), pg.self ? QR_SELF : QR_STAFF,
	    r->actor->user.id, xs, n, clock_now_us(), &w->x);
	w->audit = req_audit(r, "questionnaire.answer", arena_printf(&r->arena, "person:%s",
	    pg.id), arena_printf(&r->arena, "response:%s %s v%d %s", w->x.id, v.row.code,
	    v.row.version, qr_source_code(w->x.source)));
	req_defer_write(r, view_tx_response_write, w, after_answer);
}

void
web_questionnaire_response(struct req *r)
{
	struct qpage pg;
	struct q_response x;
	struct q_version v;
	const struct q_definition *d;
	const char *name, *who, *la, *z;
	bool official;
	struct buf b;
	size_t i, k;
	int rc;

	if (!q_open(r, false, &pg))
		return;
	rc = store_response_get(req_store(r), &r->arena, pg.g, req_param(r, 1), &x);
	if (rc == 0)
		rc = view_q_version(req_store(r), &r->arena, x.questionnaire_id, NULL, &v);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	d = &v.d;
	who = shown_name(r, &pg);
	name = view_q_name(&v, r->lang, &official);
	la = lang_attr(r, official);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, name);
	html(&b, "<nav><a href=\"/persons/%s/questionnaires\">%s</a></nav>", pg.id,
	    pg.self ? _("My questionnaires") : _("Questionnaires"));
	html(&b, "<h1 lang=\"%s\">%s</h1>", la, name);
	if (who != NULL)
		html(&b, "<p class=\"who\">%s</p>", who);
	if (req_query(r, "saved") != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("Your answers are saved."));
	html(&b, "<p>%s</p>", arena_printf(&r->arena, _("Answered on %s (version %d)."),
	    day_text(r, x.day), x.version));
	if (x.source == QR_STAFF)
		html(&b, "<p>%s</p>", arena_printf(&r->arena, _("Entered by %s from a conversation."),
		    x.created_by_name != NULL ? x.created_by_name : "-"));
	html(&b, "<section aria-labelledby=\"s-score\"><h2 id=\"s-score\">%s</h2>", _("The score"));
	if (x.scored) {
		html(&b, "<p class=\"score\">%s</p>", arena_printf(&r->arena,
		    _("Score: %d, on a scale from %d to %d."), x.score, d->min, d->max));
		if ((z = zone_text(r, &v, x.zone)) != NULL)
			html(&b, "<p>%s</p>", z);
	} else {
		html(&b, "<p class=\"score\">%s</p>", _("Not scored."));
		html(&b, "<p>%s</p>", qr_not_scored_text(&r->arena, d, x.answered));
	}
	html_raw(&b, "</section>");
	html(&b, "<section aria-labelledby=\"s-answers\"><h2 id=\"s-answers\">%s</h2><ol class=\"answers\">",
	    _("The answers"));
	for (i = 0; i < d->nitems; i++) {
		const struct q_item *it = &d->items[i];
		const char *label = NULL;

		for (k = 0; k < x.nanswers; k++)
			if (strcmp(x.answers[k].item, it->id) == 0) {
				size_t o;

				for (o = 0; o < it->noptions; o++)
					if (it->options[o].value == x.answers[k].value)
						label = q_text(&it->options[o].label,
						    official ? r->lang : LANG_EN);
			}
		html(&b, "<li><p lang=\"%s\">%s</p>", la, q_text(&it->text, official ? r->lang : LANG_EN));
		if (label != NULL)
			html(&b, "<p><strong lang=\"%s\">%s</strong></p></li>", la, label);
		else
			html(&b, "<p><strong>%s</strong></p></li>", _("Not answered"));
	}
	html_raw(&b, "</ol></section>");
	html(&b, "<p class=\"small\" lang=\"en\">%s</p>", d->attribution);
	layout_end(r, &b, 200);
}
