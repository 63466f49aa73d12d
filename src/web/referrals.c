/* Referrals from a person's plan to a service, closed-loop.
 *   GET  /persons/{id}/referrals              the person, the plan's readers, and
 *                                             the staff of an organisation a referral
 *                                             was sent to (theirs only): the door decides
 *   GET  /persons/{id}/referrals/new          the plan's co-writers and the person:
 *   POST /persons/{id}/referrals/new          search the directory, propose services
 *   GET  /persons/{id}/referrals/{rid}        one referral, its history, and the
 *                                             moves the viewer may make
 *   GET  /persons/{id}/referrals/{rid}/accept the person: what will be shared, before
 *                                             they accept
 *   POST /persons/{id}/referrals/{rid}/status a move (status, note, version), or
 *                                             status=reopen with a note
 *   GET  /referrals                           staff: the acting organisation's inbox
 * Which party the viewer is (the person, the sender's side, the receiver)
 * is the door's answer; where a referral may go is core/referral.c's. */
#include "web/referrals.h"

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
#include "core/directory.h"
#include "core/person.h"
#include "core/plan.h"
#include "core/referral.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/appointments.h"
#include "store/audit.h"
#include "store/directory.h"
#include "store/persons.h"
#include "store/plan.h"
#include "store/referrals.h"
#include "web/appointments.h"
#include "web/forms.h"
#include "web/layout.h"

#define PICK_MAX 5                       /* services proposed at once */

static const char *
zone(struct req *r)
{
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

static const char *
when(struct req *r, int64_t us)
{
	return timefmt_instant(&r->arena, us, zone(r), r->lang, TIMEFMT_SHORT_DATE);
}

/* Whole days from a to b, rounded down. */
static long
days_between(int64_t a, int64_t b)
{
	return b > a ? (long)((b - a) / REF_DAY_US) : 0;
}

bool
web_referral_overdue(const struct referral *x, int64_t now)
{
	return x->answer_due_us != 0 && x->answer_due_us <= now;
}

/* The status in the viewer's words: a sentence for the person, a label
 * for everyone else. */
static const char *
status_text(struct req *r, const struct referral *x, bool self)
{
	if (self)
		return ref_status_sentence(&r->arena, x->status, referral_who(x));
	return ref_status_label(x->status);
}

static void
history(struct req *r, struct buf *b, const struct referral *x,
    const struct referral_event *ev, size_t nev)
{
	size_t i;
	char iso[21];

	html(b, "<ol class=\"history\" aria-label=\"%s\">", arena_printf(&r->arena,
	    _("History of the referral to %s"), x->service_name));
	for (i = 0; i < nev; i++) {
		if (strcmp(ev[i].referral_id, x->id) != 0)
			continue;
		clock_format_datetime(ev[i].at_us, iso);
		html(b, "<li><time datetime=\"%s\">%s</time>: %s", iso, when(r, ev[i].at_us),
		    ref_status_label(ev[i].to));
		if (ev[i].by_name != NULL)
			html(b, " (%s)", ev[i].by_org_name != NULL ? arena_printf(&r->arena,
			    _("%s, %s"), ev[i].by_name, ev[i].by_org_name) : ev[i].by_name);
		if (ev[i].note != NULL)
			html(b, "<br><q>%s</q>", ev[i].note);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
}

/* One referral in a list: service, status, goal, reason, overdue flag. */
static void
summary(struct req *r, struct buf *b, const struct referral *x, bool self, int64_t now)
{
	html(b, "<h3><a href=\"/persons/%s/referrals/%s\">%s</a></h3>", x->person_id, x->id,
	    x->service_name);
	if (x->to_org_name != NULL || x->dir_org_name != NULL)
		html(b, "<p class=\"small\">%s</p>", x->to_org_name ? x->to_org_name :
		    x->dir_org_name);
	html(b, "<p class=\"status ref-%s\">%s</p>", ref_status_code(x->status),
	    status_text(r, x, self));
	if (web_referral_overdue(x, now))
		html(b, "<p class=\"notice flag\">%s</p>", arena_printf(&r->arena,
		    _("No answer for %ld days"), days_between(x->sent_us, now)));
	if (x->goal_title != NULL)
		html(b, "<p>%s %s</p>", _("For the goal:"), x->goal_title);
	if (x->reason != NULL && x->reason_lang != NULL)
		html(b, "<p>%s <span lang=\"%s\">%s</span></p>", _("Why:"), x->reason_lang,
		    x->reason);
	else if (x->reason != NULL)
		html(b, "<p>%s %s</p>", _("Why:"), x->reason);
}

void
web_referral_items(struct req *r, struct buf *b, const struct referral *xs, size_t n,
    bool self)
{
	int64_t now = clock_now_us();
	size_t i;

	html_raw(b, "<ul class=\"cards referrals\">");
	for (i = 0; i < n; i++) {
		html_raw(b, "<li>");
		summary(r, b, &xs[i], self, now);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

int
web_referrals_for(struct req *r, const char *person_id, const char *goal_id,
    struct referral **out, size_t *n)
{
	struct decision d;
	const struct grant *g = door_referrals(r, person_id, false, CAT_BIT(CAT_SUBSTANCE), &d);

	*out = NULL;
	*n = 0;
	if (g == NULL)
		return d.status == 503 ? ERR_DB : 0;
	return store_referrals(req_store(r), &r->arena, g, goal_id, out, n);
}

void
web_referral_lines(struct req *r, struct buf *b, const struct referral *xs, size_t n,
    bool self)
{
	int64_t now = clock_now_us();
	size_t i;

	html_raw(b, "<ul class=\"plain referral-lines\">");
	for (i = 0; i < n; i++) {
		html(b, "<li><a href=\"/persons/%s/referrals/%s\">%s</a> <span "
		    "class=\"status ref-%s\">%s</span>", xs[i].person_id, xs[i].id,
		    xs[i].service_name, ref_status_code(xs[i].status),
		    status_text(r, &xs[i], self));
		if (web_referral_overdue(&xs[i], now))
			html(b, " <span class=\"flag\">%s</span>", arena_printf(&r->arena,
			    _("No answer for %ld days"), days_between(xs[i].sent_us, now)));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

void
web_referral_links(struct buf *b, const struct referral *xs, size_t n)
{
	size_t i;

	html_raw(b, "<ul class=\"plain referral-links\">");
	for (i = 0; i < n; i++) {
		html(b, "<li><a href=\"/persons/%s/referrals/%s\">%s</a>", xs[i].person_id,
		    xs[i].id, xs[i].service_name);
		if (xs[i].to_org_name != NULL || xs[i].dir_org_name != NULL)
			html(b, " <span class=\"small\">%s</span>", xs[i].to_org_name ?
			    xs[i].to_org_name : xs[i].dir_org_name);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* The person's name, where the grant covers it (noted as shown). */
static const char *
person_name(struct req *r, const struct grant *g, struct person *p)
{
	if (!grant_covers(g, CAT_BASIC) ||
	    store_person_get(req_store(r), &r->arena, g, p) != 0)
		return NULL;
	door_shown(r, g, CAT_BASIC);
	return p->display_name;
}

void
web_referrals(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *g = door_referrals(r, id, false, CAT_BIT(CAT_BASIC), &d);
	struct referral *xs;
	struct referral_event *ev;
	struct person p;
	const char *name, *org;
	struct buf b;
	size_t n, nev, i;
	bool self;

	if (g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	self = grant_is_self(g);
	if (store_referrals(req_store(r), &r->arena, g, NULL, &xs, &n) != 0 ||
	    store_referral_events(req_store(r), &r->arena, g, NULL, &ev, &nev) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	name = person_name(r, g, &p);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, self ? _("My referrals") : _("Referrals"));
	if (name != NULL && !self)
		html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", id,
		    arena_printf(&r->arena, _("Back to %s"), name));
	else if (self)
		html(&b, "<nav><a href=\"/me\">%s</a></nav>", _("Back to my page"));
	html(&b, "<h1>%s</h1>", self ? _("My referrals") : name != NULL ?
	    arena_printf(&r->arena, _("Referrals for %s"), name) : _("Referrals"));
	if (grant_referral_scope(g, &org) == REF_SCOPE_ALL &&
	    door_may(r, g, PA_EDIT_PLAN, CAT_PLAN))
		html(&b, "<p><a class=\"button\" href=\"/persons/%s/referrals/new\">%s</a></p>", id,
		    self ? _("Find a service for me") : _("Propose a service"));
	html(&b, "<section aria-labelledby=\"s-list\"><h2 id=\"s-list\">%s</h2>",
	    _("Newest first"));
	if (n == 0)
		html(&b, "<p>%s</p>", _("There are no referrals yet."));
	html_raw(&b, "<ul class=\"cards referrals\">");
	for (i = 0; i < n; i++) {
		html_raw(&b, "<li>");
		summary(r, &b, &xs[i], self, clock_now_us());
		html(&b, "<details><summary>%s</summary>", _("History"));
		history(r, &b, &xs[i], ev, nev);
		html_raw(&b, "</details></li>");
	}
	html_raw(&b, "</ul></section>");
	layout_end(r, &b, 200);
}

/* Proposing */

struct propose_form {
	const char *q, *stage, *domain, *goal, *reason;
	const char *picked[PICK_MAX];
	size_t npicked;
};

static void
search_form(struct req *r, struct buf *b, const char *id, const struct propose_form *f)
{
	const char *stage_values[STAGE_COUNT + 1], *stage_labels[STAGE_COUNT + 1];
	const char *dom_values[DOM_COUNT + 1], *dom_labels[DOM_COUNT + 1];
	int i;

	stage_values[0] = "";
	stage_labels[0] = _("Any stage");
	for (i = 0; i < STAGE_COUNT; i++) {
		stage_values[i + 1] = stage_code((enum stage)i);
		stage_labels[i + 1] = stage_label((enum stage)i);
	}
	dom_values[0] = "";
	dom_labels[0] = _("Any part of life");
	for (i = 0; i < DOM_COUNT; i++) {
		dom_values[i + 1] = domain_code((enum domain)i);
		dom_labels[i + 1] = domain_label((enum domain)i);
	}
	html(b, "<form method=\"get\" action=\"/persons/%s/referrals/new\" role=\"search\">",
	    id);
	form_input(b, "q", _("Words to look for"), "search", f->q, "off", NULL, NULL);
	form_select(b, "stage", _("Stage"), stage_values, stage_labels, STAGE_COUNT + 1,
	    f->stage, NULL);
	form_select(b, "domain", _("Part of life"), dom_values, dom_labels, DOM_COUNT + 1,
	    f->domain, NULL);
	html(b, "<button type=\"submit\">%s</button></form>", _("Search"));
}

static bool
picked(const struct propose_form *f, const char *sid)
{
	size_t i;

	for (i = 0; i < f->npicked; i++)
		if (strcmp(f->picked[i], sid) == 0)
			return true;
	return false;
}

static void
render_new(struct req *r, const char *id, const struct grant *g, unsigned status,
    const struct propose_form *f, const struct form_errors *e)
{
	struct service_query q = {0};
	struct service *sv = NULL;
	struct goal *goals = NULL;
	size_t nsv = 0, ngoals = 0, i, nw = 0;
	struct buf b;
	bool more = false, self = grant_is_self(g);
	enum stage st;
	enum domain dom;
	const char **gv, **gl;
	char *words, *w, *save = NULL;

	q.stage = STAGE_NONE;
	q.domain = -1;
	q.limit = 30;
	if (f->stage != NULL && stage_parse(f->stage, &st))
		q.stage = st;
	if (f->domain != NULL && domain_parse(f->domain, &dom))
		q.domain = (int)dom;
	words = arena_strdup(&r->arena, f->q != NULL ? f->q : "");
	for (w = strtok_r(words, " \t", &save); w != NULL && nw < SERVICE_QUERY_WORDS;
	    w = strtok_r(NULL, " \t", &save))
		q.words[nw++] = person_name_key(&r->arena, w);
	if (store_services_search(req_store(r), &r->arena, &q, &sv, &nsv, &more) != 0 ||
	    store_goals(req_store(r), &r->arena, g, &goals, &ngoals) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, self ? _("Find a service for me") : _("Propose a service"));
	html(&b, "<nav><a href=\"/persons/%s/referrals\">%s</a></nav>", id,
	    _("Back to the referrals"));
	html(&b, "<h1>%s</h1>", self ? _("Find a service for me") : _("Propose a service"));
	html(&b, "<p>%s</p>", self ? _("Choose one or more services. You will see what they "
	    "get to know before anything is sent.") : _("Choose one or more services. The "
	    "person chooses: nothing is sent before they accept, and they see what will be "
	    "shared."));
	search_form(r, &b, id, f);
	form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/referrals/new", id), e);
	html(&b, "<fieldset id=\"service\"><legend>%s</legend>", _("Services"));
	if (form_error_at(e, "service") != NULL)
		html(&b, "<p class=\"error\" id=\"service-error\">%s</p>",
		    form_error_text(form_error_at(e, "service")));
	if (nsv == 0)
		html(&b, "<p>%s</p>", _("No service matches. Try other words."));
	for (i = 0; i < nsv; i++) {
		html(&b, "<div class=\"check\"><input type=\"checkbox\" name=\"service\" "
		    "id=\"sv-%s\" value=\"%s\"%s><label for=\"sv-%s\">%s <span class=\"small\">"
		    "(%s)</span></label> <a href=\"/services/%s\">%s</a></div>", sv[i].id, sv[i].id,
		    picked(f, sv[i].id) ? " checked" : "", sv[i].id, sv[i].name,
		    sv[i].organization_name ? sv[i].organization_name : "", sv[i].id,
		    arena_printf(&r->arena, _("About %s"), sv[i].name));
	}
	html_raw(&b, "</fieldset>");
	gv = arena_alloc(&r->arena, (ngoals + 1) * sizeof(*gv));
	gl = arena_alloc(&r->arena, (ngoals + 1) * sizeof(*gl));
	gv[0] = "";
	gl[0] = _("No goal");
	for (i = 0; i < ngoals; i++) {
		gv[i + 1] = goals[i].id;
		gl[i + 1] = goals[i].title != NULL ? goals[i].title : domain_label(goals[i].domain);
	}
	form_select(&b, "goal", _("For which goal"), gv, gl, ngoals + 1, f->goal, e);
	form_textarea(&b, "reason", _("Why this service (optional)"), f->reason, NULL, e);
	form_end(&b, self ? _("Add to my referrals") : _("Propose"));
	layout_end(r, &b, status);
}

void
web_referral_new(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *g = door_referrals(r, id, true, CAT_BIT(CAT_SUBSTANCE), &d);
	struct propose_form f = {0};
	const char *org;

	if (g == NULL || grant_referral_scope(g, &org) != REF_SCOPE_ALL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	f.q = req_query(r, "q");
	f.goal = req_query(r, "goal");
	f.stage = req_query(r, "stage");
	f.domain = req_query(r, "domain");
	render_new(r, id, g, 200, &f, NULL);
}

struct propose {
	const struct grant *g;
	struct referral x[PICK_MAX];
	size_t n;
	const char *by_org;
	struct audit_entry *audit;
};

static int
write_propose(struct store_tx *tx, void *arg)
{
	struct propose *p = arg;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < p->n; i++)
		rc = store_tx_referral_insert(tx, p->g, &p->x[i], p->by_org);
	return rc ? rc : store_tx_audit_append(tx, p->audit);
}

static void
after_propose(struct req *r, int rc)
{
	struct propose *p = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/referrals?proposed=%zu",
	    grant_person(p->g), p->n));
}

void
web_referral_create(struct req *r)
{
	const char *id = req_param(r, 0);
	struct decision d;
	const struct grant *g = door_referrals(r, id, true, CAT_BIT(CAT_SUBSTANCE), &d);
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct propose_form f = {0};
	struct service sv[PICK_MAX];
	struct propose *p;
	struct form_field *ff;
	struct goal goal;
	const char *org;
	int64_t now = clock_now_us();
	size_t i;
	int rc;

	if (g == NULL || grant_referral_scope(g, &org) != REF_SCOPE_ALL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	for (ff = r->form; ff != NULL; ff = ff->next) {
		if (strcmp(ff->name, "service") != 0)
			continue;
		if (ff->bad || f.npicked == PICK_MAX) {
			form_error(e, "service", ff->bad ? "invalid_format" : "too_long");
			break;
		}
		f.picked[f.npicked++] = ff->value;
	}
	f.goal = req_form(r, "goal");
	f.reason = form_text(r, e, "reason", false, REF_REASON_MAX);
	if (f.npicked == 0)
		form_error(e, "service", "required");
	for (i = 0; i < f.npicked && form_error_at(e, "service") == NULL; i++) {
		rc = store_service_get(req_store(r), &r->arena, f.picked[i], &sv[i]);
		if (rc == ERR_NOT_FOUND)
			form_error(e, "service", "invalid_choice");
		else if (rc != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
	}
	if (f.goal != NULL && *f.goal != '\0') {
		/* Someone else's goal is no goal of this person's. */
		rc = id_valid(f.goal, strlen(f.goal)) ?
		    store_goal_get(req_store(r), &r->arena, g, f.goal, &goal) : ERR_NOT_FOUND;
		if (rc == ERR_NOT_FOUND || rc == STORE_WITHHELD)
			form_error(e, "goal", "invalid_choice");
		else if (rc != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
	}
	if (e->n > 0) {
		render_new(r, id, g, 422, &f, e);
		return;
	}
	p = arena_alloc(&r->arena, sizeof(*p));
	p->g = g;
	p->n = f.npicked;
	p->by_org = r->actor->org_id;
	for (i = 0; i < p->n; i++) {
		char *rid = arena_alloc(&r->arena, ID_LEN + 1);

		id_new(rid);
		p->x[i].person_id = id;
		p->x[i].id = rid;
		p->x[i].service_id = sv[i].id;
		p->x[i].to_org_id = sv[i].managed_by;
		p->x[i].goal_id = f.goal != NULL && *f.goal != '\0' ? f.goal : NULL;
		p->x[i].reason = *f.reason != '\0' ? f.reason : NULL;
		p->x[i].reason_lang = p->x[i].reason ? lang_code(r->lang) : NULL;
		p->x[i].proposed_by = r->actor->user.id;
		p->x[i].created_us = now;
	}
	p->audit = req_audit(r, "referral.propose", arena_printf(&r->arena, "person:%s", id),
	    arena_printf(&r->arena, "%zu", p->n));
	req_defer_write(r, write_propose, p, after_propose);
}

/* One referral */

struct detail {
	const struct grant *g;
	struct referral x;
	struct referral_event *ev;
	size_t nev;
	enum ref_party party;
};

/* Loads the referral rid of person id as the viewer may see it; answers
 * (404 as for a missing one, or the door's refusal) and returns false if
 * not. */
static bool
load(struct req *r, bool write, struct detail *dt)
{
	const char *id = req_param(r, 0), *rid = req_param(r, 1);
	struct decision d;
	int rc;

	dt->g = door_referrals(r, id, write, CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_SUBSTANCE), &d);
	if (dt->g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return false;
	}
	rc = store_referral_get(req_store(r), &r->arena, dt->g, rid, &dt->x);
	if (rc == 0)
		rc = store_referral_events(req_store(r), &r->arena, dt->g, rid, &dt->ev, &dt->nev);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	dt->party = door_referral_party(r, dt->g, dt->x.to_org_id);
	return true;
}

/* What a move is called on its button, for the person and for staff. */
static const char *
move_label(enum ref_status to, bool self)
{
	if (!self)
		return ref_status_label(to);
	switch (to) {
	case RS_DECLINED: return _("No, thank you");
	case RS_WITHDRAWN: return _("Withdraw the referral");
	case RS_GOT_HELP: return _("I got help");
	case RS_COULD_NOT_GET_HELP: return _("I could not get help");
	case RS_NO_LONGER_INTERESTED: return _("I no longer want this");
	default: return ref_status_label(to);
	}
}

static void
moves_form(struct req *r, struct buf *b, const struct detail *dt, const char *note,
    const struct form_errors *e)
{
	const struct referral *x = &dt->x;
	bool self = dt->party == RP_PERSON;
	unsigned moves = dt->party < RP_COUNT ? ref_moves(dt->party, x->status) : 0;
	bool reopen = dt->party < RP_COUNT && ref_may_reopen(dt->party, x->status);
	const char *action = arena_printf(&r->arena, "/persons/%s/referrals/%s/status",
	    x->person_id, x->id);
	int s;

	if (self && x->status == RS_PROPOSED)
		html(b, "<p><a class=\"button\" href=\"/persons/%s/referrals/%s/accept\">%s</a></p>",
		    x->person_id, x->id, _("Yes, I want this: see what will be shared"));
	/* Accepting has its own page; sending follows it. */
	moves &= ~((1u << RS_ACCEPTED) | (1u << RS_SENT));
	if (moves == 0 && !reopen)
		return;
	html(b, "<section aria-labelledby=\"s-move\"><h2 id=\"s-move\">%s</h2>",
	    reopen ? _("Reopen the referral") : self ? _("Tell us how it went") :
	    _("Change the status"));
	form_begin(r, b, action, e);
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
	    arena_printf(&r->arena, "%lld", (long long)x->version));
	if (reopen) {
		html_raw(b, "<input type=\"hidden\" name=\"status\" value=\"reopen\">");
		form_textarea(b, "note", _("Why it is reopened (needed)"), note, NULL, e);
		form_end(b, _("Reopen"));
		html_raw(b, "</section>");
		return;
	}
	html(b, "<fieldset id=\"status\"><legend>%s</legend>", _("New status"));
	if (form_error_at(e, "status") != NULL)
		html(b, "<p class=\"error\" id=\"status-error\">%s</p>",
		    form_error_text(form_error_at(e, "status")));
	for (s = 0; s < RS_COUNT; s++)
		if (moves & (1u << s))
			html(b, "<div class=\"check\"><input type=\"radio\" name=\"status\" "
			    "id=\"st-%s\" value=\"%s\"><label for=\"st-%s\">%s</label></div>",
			    ref_status_code((enum ref_status)s), ref_status_code((enum ref_status)s),
			    ref_status_code((enum ref_status)s), move_label((enum ref_status)s, self));
	html_raw(b, "</fieldset>");
	form_textarea(b, "note", _("Note (optional)"), note, NULL, e);
	form_end(b, _("Save"));
	html_raw(b, "</section>");
}

/* A scheduled referral gets its appointment: those linked to it, for a
 * viewer who may see the person's appointments (through their own door,
 * logged as such), and a link to make one for a viewer who may write
 * them. */
static void
scheduled(struct req *r, struct buf *b, const struct referral *x)
{
	struct appt_filter f = {0};
	struct appointment *as = NULL;
	struct decision d;
	const struct grant *g = door_open(r, x->person_id, PA_READ, CAT_APPOINTMENTS, 0, &d);
	size_t n = 0;
	const char *zone;

	if (g == NULL)
		return;
	f.referral_id = x->id;
	if (store_appointments(req_store(r), &r->arena, g, &f, &as, &n) != 0)
		return;
	zone = r->actor->org_time_zone != NULL ? r->actor->org_time_zone : NULL;
	html(b, "<section aria-labelledby=\"s-appt\"><h2 id=\"s-appt\">%s</h2>",
	    _("Appointment"));
	if (n == 0)
		html(b, "<p>%s</p>", _("No appointment is made for this referral yet."));
	else
		web_appointment_items(r, b, as, n, zone != NULL ? zone : as[0].time_zone, NULL, 0);
	if (door_may(r, g, PA_EDIT_PLAN, CAT_APPOINTMENTS))
		html(b, "<p><a class=\"button secondary\" href=\"/persons/%s/appointments/new"
		    "?referral=%s\">%s</a></p>", x->person_id, x->id, _("Make the appointment"));
	html_raw(b, "</section>");
}

static void
render_detail(struct req *r, struct detail *dt, unsigned status, const char *message,
    const char *note, const struct form_errors *e)
{
	const struct referral *x = &dt->x;
	bool self = dt->party == RP_PERSON;
	struct person p;
	const char *name = self ? NULL : person_name(r, dt->g, &p);
	struct buf b;
	char iso[21];

	buf_init(&b, &r->arena);
	layout_begin(r, &b, arena_printf(&r->arena, _("Referral to %s"), x->service_name));
	html(&b, "<nav><a href=\"%s\">%s</a></nav>", dt->party == RP_RECEIVER ? "/referrals" :
	    arena_printf(&r->arena, "/persons/%s/referrals", x->person_id),
	    dt->party == RP_RECEIVER ? _("Back to the inbox") : _("Back to the referrals"));
	html(&b, "<h1>%s</h1>", arena_printf(&r->arena, _("Referral to %s"), x->service_name));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (name != NULL) {
		html(&b, "<p>%s <strong>%s</strong>", _("For"), name);
		if (p.phone != NULL)
			html(&b, ", <a href=\"tel:%s\">%s</a>", p.phone, p.phone);
		if (p.email != NULL)
			html(&b, ", <a href=\"mailto:%s\">%s</a>", p.email, p.email);
		html_raw(&b, "</p>");
	}
	html(&b, "<p class=\"status ref-%s\">%s</p>", ref_status_code(x->status),
	    status_text(r, x, self));
	if (web_referral_overdue(x, clock_now_us()))
		html(&b, "<p class=\"notice flag\">%s</p>", arena_printf(&r->arena,
		    _("No answer for %ld days"), days_between(x->sent_us, clock_now_us())));
	html(&b, "<dl><dt>%s</dt><dd><a href=\"/services/%s\">%s</a>", _("Service"),
	    x->service_id, x->service_name);
	if (x->dir_org_name != NULL)
		html(&b, " (%s)", x->dir_org_name);
	html_raw(&b, "</dd>");
	if (x->to_org_id == NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Answers"),
		    _("This service does not use rosc: the sender keeps its answers here."));
	if (x->goal_title != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Goal"), x->goal_title);
	if (x->reason != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Why"), x->reason);
	if (x->proposed_by_name != NULL) {
		clock_format_datetime(x->created_us, iso);
		html(&b, "<dt>%s</dt><dd>%s, <time datetime=\"%s\">%s</time></dd>",
		    _("Proposed by"), x->proposed_by_name, iso, when(r, x->created_us));
	}
	html_raw(&b, "</dl>");
	/* A page answering a mistake shows the form again, not the history. */
	if (status < 400) {
		html(&b, "<h2>%s</h2>", _("History"));
		history(r, &b, x, dt->ev, dt->nev);
	}
	if (x->status == RS_SCHEDULED && status < 400)
		scheduled(r, &b, x);
	moves_form(r, &b, dt, note, e);
	layout_end(r, &b, status);
}

void
web_referral(struct req *r)
{
	struct detail dt;
	const char *saved = req_query(r, "saved");

	if (!load(r, false, &dt))
		return;
	render_detail(r, &dt, 200, saved != NULL ? _("The referral is saved.") : NULL, NULL,
	    NULL);
}

void
web_referral_accept(struct req *r)
{
	struct detail dt;
	struct buf b;
	unsigned here = 0, before = 0;
	int c;

	if (!load(r, false, &dt))
		return;
	if (dt.party != RP_PERSON || dt.x.status != RS_PROPOSED) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	(void)here;
	(void)before;
	buf_init(&b, &r->arena);
	layout_begin(r, &b, arena_printf(&r->arena, _("Referral to %s"), dt.x.service_name));
	html(&b, "<nav><a href=\"/persons/%s/referrals/%s\">%s</a></nav>", dt.x.person_id,
	    dt.x.id, _("Back"));
	html(&b, "<h1>%s</h1>", arena_printf(&r->arena, _("Do you want a referral to %s?"),
	    dt.x.service_name));
	if (dt.x.to_org_id != NULL) {
		html(&b, "<p>%s</p>", arena_printf(&r->arena, _("%s will see:"),
		    referral_who(&dt.x)));
		html_raw(&b, "<ul class=\"shares\">");
		for (c = 0; c < CAT_COUNT; c++)
			if (dt.x.shares & CAT_BIT(c))
				html(&b, "<li>%s</li>", category_label((enum category)c));
		html_raw(&b, "</ul>");
		html(&b, "<p>%s</p>", arena_printf(&r->arena, _("What for: to help you with the "
		    "referral to %s. You can withdraw the referral at any time, and then they "
		    "see no more."), dt.x.service_name));
	} else {
		html(&b, "<p>%s</p>", _("This service does not use rosc. Nothing is shared "
		    "through rosc: the person who proposed it contacts them with you."));
	}
	form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/referrals/%s/status",
	    dt.x.person_id, dt.x.id), NULL);
	html(&b, "<input type=\"hidden\" name=\"status\" value=\"accepted\">"
	    "<input type=\"hidden\" name=\"version\" value=\"%s\">",
	    arena_printf(&r->arena, "%lld", (long long)dt.x.version));
	form_end(&b, _("Accept and send"));
	html(&b, "<p><a href=\"/persons/%s/referrals/%s\">%s</a></p>", dt.x.person_id, dt.x.id,
	    _("Not now"));
	layout_end(r, &b, 200);
}

/* A change of status */

struct change {
	const struct grant *g;
	struct referral x;
	struct referral_change c;
	struct audit_entry *audit;
};

static int
write_change(struct store_tx *tx, void *arg)
{
	struct change *ch = arg;
	int rc = store_tx_referral_change(tx, ch->g, &ch->c);

	return rc ? rc : store_tx_audit_append(tx, ch->audit);
}

static void
after_change(struct req *r, int rc)
{
	struct change *ch = r->write_arg;
	struct detail dt;

	if (rc == ERR_CONFLICT) {
		/* Someone moved it first: show it as it is now. */
		if (!load(r, false, &dt))
			return;
		render_detail(r, &dt, 409, _("Someone changed this referral in the meantime. "
		    "Here it is as it is now."), NULL, NULL);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/referrals/%s?saved=1",
	    ch->x.person_id, ch->x.id));
}

void
web_referral_status(struct req *r)
{
	struct detail dt;
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct change *ch;
	const char *field, *code = NULL, *version, *status, *note;
	char *end = NULL;
	long long v;

	if (!load(r, true, &dt))
		return;
	status = req_form(r, "status");
	note = form_text(r, e, "note", false, REF_NOTE_MAX);
	version = req_form(r, "version");
	v = version != NULL ? strtoll(version, &end, 10) : -1;
	if (e->n > 0) {
		render_detail(r, &dt, 422, NULL, note, e);
		return;
	}
	if (version == NULL || end == version || *end != '\0' || v != dt.x.version) {
		render_detail(r, &dt, 409, _("Someone changed this referral in the meantime. "
		    "Here it is as it is now."), NULL, NULL);
		return;
	}
	ch = arena_alloc(&r->arena, sizeof(*ch));
	ch->g = dt.g;
	ch->x = dt.x;
	if ((field = ref_check_move(dt.party, dt.x.status, status, note, &ch->c.to,
	    &ch->c.reopen, &code)) != NULL) {
		bool illegal = strcmp(code, "illegal_transition") == 0;

		form_error(e, field, illegal ? "invalid_choice" : code);
		render_detail(r, &dt, 422, illegal ?
		    _("This referral cannot move to that status now.") : NULL, note, e);
		return;
	}
	ch->c.old = &ch->x;
	ch->c.note = note;
	ch->c.now = clock_now_us();
	ch->c.by_user = r->actor->user.id;
	ch->c.by_org = r->actor->org_id;
	ch->c.purpose = arena_printf(&r->arena, _("Referral to %s"), dt.x.service_name);
	ch->audit = req_audit(r, "referral.status", arena_printf(&r->arena, "person:%s",
	    dt.x.person_id), arena_printf(&r->arena, "referral:%s %s", dt.x.id,
	    ch->c.reopen ? "reopen" : ref_status_code(ch->c.to)));
	req_defer_write(r, write_change, ch, after_change);
}

/* The receiving organisation's inbox */

void
web_referral_inbox(struct req *r)
{
	const struct list_grant *l = door_my_lists(r);
	struct referral_row *rows;
	struct buf b;
	int64_t now = clock_now_us();
	size_t n, i, shown = 0;

	if (l == NULL || store_referrals_inbox(req_store(r), &r->arena, l, now, &rows, &n) != 0 ||
	    door_prefetch(r) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Incoming referrals"));
	html(&b, "<h1>%s</h1>", _("Incoming referrals"));
	html(&b, "<p>%s</p>", r->actor->org_name ? arena_printf(&r->arena,
	    _("Referrals sent to %s, those waiting too long for an answer first."),
	    r->actor->org_name) : "");
	html_raw(&b, "<ul class=\"cards referrals\">");
	for (i = 0; i < n; i++) {
		struct decision d;
		const struct grant *g = door_list(r, rows[i].person_id, CAT_BASIC, 0, &d);
		struct person p;

		/* Only while the organisation still works with the person. */
		if (g == NULL || store_person_get(req_store(r), &r->arena, g, &p) != 0)
			continue;
		shown++;
		html(&b, "<li><h2><a href=\"/persons/%s/referrals/%s\">%s</a></h2><p>%s</p>"
		    "<p class=\"status ref-%s\">%s, %s</p>", rows[i].person_id, rows[i].id,
		    p.display_name, rows[i].service_name, ref_status_code(rows[i].status),
		    ref_status_label(rows[i].status), when(r, rows[i].status_us));
		if (rows[i].answer_due_us != 0 && rows[i].answer_due_us <= now)
			html(&b, "<p class=\"notice flag\">%s</p>", arena_printf(&r->arena,
			    _("No answer for %ld days"), days_between(rows[i].sent_us, now)));
		html_raw(&b, "</li>");
	}
	html_raw(&b, "</ul>");
	if (shown == 0)
		html(&b, "<p>%s</p>", _("There are no referrals for your organisation."));
	layout_end(r, &b, 200);
}

/* The sender's side: referrals waiting too long for an answer */

int
web_referrals_overdue(struct req *r, struct referral_row **out, size_t *n)
{
	struct referral_row *rows;
	size_t nrows, i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_referrals_overdue(req_store(r), &r->arena, door_my_lists(r),
	    clock_now_us(), today_utc(r), &rows, &nrows)) != 0 || (rc = door_prefetch(r)) != 0)
		return rc;
	/* Referrals belong to the plan: only those whose plan the door shows. */
	for (i = 0; i < nrows; i++) {
		struct decision d;

		if (door_list(r, rows[i].person_id, CAT_PLAN, 0, &d) != NULL)
			rows[(*n)++] = rows[i];
		else if (d.status == 503)
			return ERR_UNAVAILABLE;
	}
	*out = rows;
	return 0;
}

bool
web_referral_row_overdue(const struct referral_row *rows, size_t n, const char *person_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].person_id, person_id) == 0)
			return true;
	return false;
}

int
web_referrals_overdue_section(struct req *r, struct buf *b)
{
	struct referral_row *rows;
	int64_t now = clock_now_us();
	size_t n, i;
	int rc;

	if ((rc = web_referrals_overdue(r, &rows, &n)) != 0 || n == 0)
		return rc;
	html(b, "<section aria-labelledby=\"s-ref-overdue\"><h2 id=\"s-ref-overdue\">%s</h2>"
	    "<ul class=\"stack referrals-overdue\">", _("Referrals waiting for an answer"));
	for (i = 0; i < n; i++)
		html(b, "<li class=\"card flag\"><a href=\"/persons/%s/referrals/%s\">%s</a></li>",
		    rows[i].person_id, rows[i].id, arena_printf(&r->arena,
		    _("Referral to %s: no answer for %ld days"), rows[i].service_name,
		    days_between(rows[i].sent_us, now)));
	html_raw(b, "</ul></section>");
	return 0;
}
