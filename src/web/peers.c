/* Peer workers from the person's side.
 *   GET  /me/peers                 the person: what matters to them in a
 *                                  peer, the peers suggested (only those
 *                                  taking new people, never one they said
 *                                  no to), each with why it fits
 *   POST /me/peers                 saves what matters (languages, gender,
 *                                  substance, age, area, weekdays, times,
 *                                  video)
 *   POST /me/peers/{id}/choose     the peer joins the person's network as
 *                                  "peer worker", seeing only the
 *                                  categories ticked (cat_CODE=1), in one
 *                                  write
 *   POST /me/peers/{id}/exclude    never suggest this peer again
 *   GET  /persons/{id}/peers       staff who may read the person's plan:
 *                                  the same suggestions, read only (noted
 *                                  in the person's log as the plan; the
 *                                  substance asked only with substance
 *                                  shared, else matched without it)
 * What the person asks of a peer is part of their plan (the support they
 * want), so it is in the "plan" consent category; the substance is a
 * substance-use detail and needs that category too. */
#include "web/peers.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "core/actor.h"
#include "core/peer.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/consent.h"
#include "store/network.h"
#include "store/peers.h"
#include "store/persons.h"
#include "view/peers.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/me.h"

static const char *const group_names[] = {"langs", "substances", "days", "times"};
static const char *const time_codes[] = {"day", "evening"};
static const char *const day_codes[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static size_t
group_size(enum peer_checks k)
{
	switch (k) {
	case PC_LANGS: return PL_COUNT;
	case PC_SUBSTANCES: return PS_COUNT;
	case PC_DAYS: return 7;
	default: return 2;
	}
}

static const char *
group_code(enum peer_checks k, size_t i)
{
	switch (k) {
	case PC_LANGS: return peer_lang_code((enum peer_lang)i);
	case PC_SUBSTANCES: return peer_substance_code((enum peer_substance)i);
	case PC_DAYS: return day_codes[i];
	default: return time_codes[i];
	}
}

static const char *
time_label(size_t i)
{
	return i == 0 ? _("Daytime") : _("Evening");
}

void
web_peer_checks(struct req *r, struct buf *b, enum peer_checks kind, const char *legend,
    const char *hint, unsigned on, const struct form_errors *e)
{
	const char *group = group_names[kind], *err = form_error_at(e, group);
	size_t i, n = group_size(kind);

	html(b, "<fieldset class=\"field checks%s\" id=\"f-%s\"", err ? " has-error" : "", group);
	if (hint != NULL || err != NULL)
		html(b, " aria-describedby=\"%s%s%s\"", hint ? arena_printf(&r->arena, "h-%s",
		    group) : "", hint && err ? " " : "", err ? arena_printf(&r->arena, "e-%s",
		    group) : "");
	html(b, "><legend>%s</legend>", legend);
	if (hint != NULL)
		html(b, "<p class=\"hint\" id=\"h-%s\">%s</p>", group, hint);
	if (err != NULL)
		html(b, "<p class=\"field-error\" id=\"e-%s\">%s</p>", group, form_error_text(err));
	for (i = 0; i < n; i++) {
		const char *name = arena_printf(&r->arena, "%s_%s", group, group_code(kind, i));

		html(b, "<div class=\"check\"><input type=\"checkbox\" name=\"%s\" id=\"%s\" "
		    "value=\"1\"%s><label for=\"%s\"", name, name, (on & (1u << i)) ? " checked" : "",
		    name);
		if (kind == PC_LANGS)
			html(b, " lang=\"%s\">%s</label></div>", group_code(kind, i),
			    peer_lang_endonym((enum peer_lang)i));
		else
			html(b, ">%s</label></div>", kind == PC_SUBSTANCES ?
			    peer_substance_label((enum peer_substance)i) : kind == PC_DAYS ?
			    peer_day_label((int)i) : time_label(i));
	}
	html_raw(b, "</fieldset>");
}

unsigned
web_peer_read_checks(struct req *r, struct form_errors *e, enum peer_checks kind)
{
	const char *group = group_names[kind];
	size_t i, n = group_size(kind);
	unsigned mask = 0;

	for (i = 0; i < n; i++) {
		const char *name = arena_printf(&r->arena, "%s_%s", group, group_code(kind, i));
		const char *v = req_form(r, name);

		if (v == NULL)
			continue;
		if (req_form_bad(r, name) || strcmp(v, "1") != 0)
			form_error(e, group, "invalid_choice");
		else
			mask |= 1u << i;
	}
	return mask;
}

/* The world of the page: the person and what the suggestions are made of. */
struct world {
	const struct grant *g;
	struct person p;
	struct view_peers v;
	const char *today;
};

static int
load(struct req *r, struct world *w)
{
	w->today = today_utc(r);
	return view_peers(req_store(r), &r->arena, w->g, w->today, &w->v);
}

static void
category_checks(struct req *r, struct buf *b, const char *pid)
{
	int c;

	html(b, "<fieldset class=\"checks\"><legend>%s</legend><p class=\"hint\">%s</p>",
	    _("What they may see"),
	    _("They see only what you tick. You can change this at any time under What I "
	    "share."));
	for (c = 0; c < CAT_COUNT; c++) {
		const char *name = arena_printf(&r->arena, "cat_%s-%s",
		    category_code((enum category)c), pid);

		html(b, "<div class=\"check\"><input type=\"checkbox\" name=\"cat_%s\" id=\"%s\" "
		    "value=\"1\"><label for=\"%s\">%s</label></div>",
		    category_code((enum category)c), name, name, category_label((enum category)c));
	}
	html_raw(b, "</fieldset>");
}

/* One suggested peer: who, their own words, why they fit, and (for the
 * person) choosing or saying no. */
static void
suggestion(struct req *r, struct buf *b, const struct world *w, const struct peer_fit *fit,
    bool own)
{
	const struct peer_profile *p = &w->v.ps[fit->index];

	html(b, "<li class=\"card peer\"><h3 id=\"peer-%s\">%s</h3><p class=\"small\">%s</p>",
	    p->id, p->name, p->org_name);
	html(b, "<p class=\"why\">%s</p>", view_peer_why(&r->arena, &w->v.pref, p, fit));
	if (*p->story != '\0')
		layout_own_words(r, b, p->story, NULL);
	if (!own) {
		html_raw(b, "</li>");
		return;
	}
	html(b, "<details><summary>%s</summary>", arena_printf(&r->arena,
	    _("Choose %s as my peer worker"), p->name));
	html(b, "<form method=\"post\" action=\"/me/peers/%s/choose\">", p->id);
	form_csrf(r, b);
	category_checks(r, b, p->id);
	html(b, "<p><button type=\"submit\" class=\"button\">%s</button></p></form></details>",
	    _("Add them to my network"));
	html(b, "<form method=\"post\" action=\"/me/peers/%s/exclude\" class=\"inline\">", p->id);
	form_csrf(r, b);
	html(b, "<button type=\"submit\" class=\"button secondary\" aria-describedby=\"peer-%s\">"
	    "%s</button></form></li>", p->id, _("Not for me: do not suggest again"));
}

static void
suggestions(struct req *r, struct buf *b, const struct world *w, bool own)
{
	size_t i;

	html(b, "<section aria-labelledby=\"s-sugg\"><h2 id=\"s-sugg\">%s</h2>",
	    own ? _("Peer workers for you") : _("Peer workers suggested"));
	if (!w->v.pref.set) {
		html(b, "<p>%s</p></section>", own ?
		    _("Tell us below what matters to you, and we suggest peer workers who fit.") :
		    _("They have not said yet what matters to them in a peer worker."));
		return;
	}
	if (w->v.nfit == 0) {
		html(b, "<p>%s</p></section>", own ?
		    _("Nobody fits everything you asked for right now. Meeting by video, or "
		    "asking for fewer things, may find someone.") :
		    _("Nobody fits everything they asked for right now."));
		return;
	}
	html_raw(b, "<ul class=\"cards peers\">");
	for (i = 0; i < w->v.nfit; i++)
		suggestion(r, b, w, &w->v.fit[i], own);
	html_raw(b, "</ul></section>");
}

static void
my_peers(struct req *r, struct buf *b, const struct world *w)
{
	size_t i, n = 0;

	for (i = 0; i < w->v.nnet; i++)
		if (w->v.net[i].role == NET_PEER_WORKER && view_peers_current(&w->v.net[i], w->today))
			n++;
	if (n == 0)
		return;
	html(b, "<section aria-labelledby=\"s-mine\"><h2 id=\"s-mine\">%s</h2><ul>",
	    _("My peer workers"));
	for (i = 0; i < w->v.nnet; i++)
		if (w->v.net[i].role == NET_PEER_WORKER && view_peers_current(&w->v.net[i], w->today))
			html(b, "<li>%s <span class=\"small\">(%s)</span></li>", w->v.net[i].display_name,
			    w->v.net[i].org_name != NULL ? w->v.net[i].org_name : "");
	html(b, "</ul><p><a href=\"/persons/%s/coaching\">%s</a></p></section>", w->p.id,
	    _("Notes from our sessions"));
}

/* What was typed, kept on error. */
struct pref_form {
	const char *gender, *substance, *age, *area, *video;
};

static void
pref_form(struct req *r, struct buf *b, const struct peer_pref *pref,
    const struct pref_form *f, const struct form_errors *e)
{
	const char *gv[PG_COUNT], *gl[PG_COUNT], *sv[PS_COUNT + 1], *sl[PS_COUNT + 1];
	const char *av[PAGE_COUNT], *al[PAGE_COUNT], *vv[2] = {"0", "1"}, *vl[2];
	int i;

	for (i = 0; i < PG_COUNT; i++) {
		gv[i] = i == 0 ? "" : peer_gender_code((enum peer_gender)i);
		gl[i] = i == 0 ? _("Any") : peer_gender_label((enum peer_gender)i);
	}
	sv[0] = "";
	sl[0] = _("I would rather not say");
	for (i = 0; i < PS_COUNT; i++) {
		sv[i + 1] = peer_substance_code((enum peer_substance)i);
		sl[i + 1] = peer_substance_label((enum peer_substance)i);
	}
	for (i = 0; i < PAGE_COUNT; i++) {
		av[i] = i == 0 ? "" : peer_age_code((enum peer_age)i);
		al[i] = i == 0 ? _("Any age") : peer_age_code((enum peer_age)i);
	}
	vl[0] = _("No, I want to meet in person");
	vl[1] = _("Yes, video is fine");
	html(b, "<section aria-labelledby=\"s-pref\"><h2 id=\"s-pref\">%s</h2><p>%s</p>",
	    _("What matters to you"),
	    _("Leave anything open that does not matter to you. Only you and the people you "
	    "share your plan with see this."));
	form_begin(r, b, "/me/peers", e);
	web_peer_checks(r, b, PC_LANGS, _("Languages you want to speak"),
	    _("A peer worker who speaks at least one of them."), pref->langs, e);
	form_select(b, "gender", _("A peer worker who is"), gv, gl, PG_COUNT,
	    f ? f->gender : gv[pref->gender], e);
	form_select(b, "substance", _("Someone who knows this from their own life"), sv, sl,
	    PS_COUNT + 1, f ? f->substance : pref->substance >= 0 ?
	    peer_substance_code((enum peer_substance)pref->substance) : "", e);
	form_select(b, "age", _("Their age"), av, al, PAGE_COUNT,
	    f ? f->age : av[pref->age], e);
	form_input(b, "area", _("Where you live (town or municipality)"), "text",
	    f ? f->area : pref->area, "address-level2",
	    _("For example København or Utrecht."), e);
	web_peer_checks(r, b, PC_DAYS, _("Days that suit you"), NULL, pref->days, e);
	web_peer_checks(r, b, PC_TIMES, _("Times that suit you"), NULL, pref->times, e);
	form_select(b, "video", _("Is meeting by video fine?"), vv, vl, 2,
	    f ? f->video : pref->video ? "1" : "0", e);
	form_end(b, _("Save and show peer workers"));
	html_raw(b, "</section>");
}

static void
render(struct req *r, struct world *w, unsigned status, const char *message,
    const struct pref_form *f, const struct form_errors *e)
{
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Peer workers"));
	html(&b, "<nav><a href=\"/me\">%s</a></nav>", _("Back to my page"));
	html(&b, "<h1>%s</h1>", _("Peer workers"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	html(&b, "<p>%s</p>", _("A peer worker has been through recovery themselves and is "
	    "trained to walk beside you. You choose who, and what they may see."));
	/* A page answering a mistake shows the form first, with its message. */
	if (status < 400) {
		my_peers(r, &b, w);
		suggestions(r, &b, w, true);
	}
	pref_form(r, &b, &w->v.pref, f, e);
	if (w->v.nex > 0)
		html(&b, "<p class=\"small\">%s</p>", arena_printf(&r->arena, ngettext(
		    "You said no to %zu peer worker. They will not be suggested again.",
		    "You said no to %zu peer workers. They will not be suggested again.", w->v.nex),
		    w->v.nex));
	layout_end(r, &b, status);
}

/* The person's own world; false after answering. */
static bool
load_mine(struct req *r, struct world *w)
{
	int rc;

	if ((w->g = web_me_self(r, &w->p)) == NULL)
		return false;
	if ((rc = load(r, w)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return false;
	}
	return true;
}

void
web_my_peers(struct req *r)
{
	struct world *w = arena_alloc(&r->arena, sizeof(*w));
	const char *done = req_query(r, "done"), *msg = NULL;

	if (!load_mine(r, w))
		return;
	if (done != NULL && strcmp(done, "saved") == 0)
		msg = _("Saved. These are the peer workers who fit.");
	else if (done != NULL && strcmp(done, "chosen") == 0)
		msg = _("They are in your network now, and see only what you ticked.");
	else if (done != NULL && strcmp(done, "excluded") == 0)
		msg = _("We will not suggest them again.");
	render(r, w, 200, msg, NULL, NULL);
}

/* Saving what matters */

struct save {
	const struct grant *g;
	struct peer_pref pref;
	int64_t now;
};

static int
write_save(struct store_tx *tx, void *arg)
{
	struct save *s = arg;

	return store_tx_peer_pref_set(tx, s->g, &s->pref, s->now);
}

static void
after_save(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/peers?done=saved#s-sugg");
}

void
web_my_peers_save(struct req *r)
{
	struct world *w = arena_alloc(&r->arena, sizeof(*w));
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct pref_form *f = arena_alloc(&r->arena, sizeof(*f));
	struct save *s = arena_alloc(&r->arena, sizeof(*s));
	struct peer_pref *p = &s->pref;
	enum peer_substance sub;
	struct decision d;

	if (!load_mine(r, w))
		return;
	/* The person's own plan, substance use included: a write grant. */
	if ((s->g = door_open(r, w->p.id, PA_EDIT_PLAN, CAT_PLAN, CAT_BIT(CAT_SUBSTANCE),
	    &d)) == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	p->person_id = w->p.id;
	p->set = true;
	p->langs = web_peer_read_checks(r, e, PC_LANGS);
	p->days = web_peer_read_checks(r, e, PC_DAYS);
	p->times = web_peer_read_checks(r, e, PC_TIMES);
	f->gender = form_text(r, e, "gender", false, 20);
	if (form_error_at(e, "gender") == NULL && !peer_gender_parse(f->gender, &p->gender))
		form_error(e, "gender", "invalid_choice");
	f->substance = form_text(r, e, "substance", false, 20);
	p->substance = -1;
	if (form_error_at(e, "substance") == NULL && *f->substance != '\0') {
		if (peer_substance_parse(f->substance, &sub))
			p->substance = (int)sub;
		else
			form_error(e, "substance", "invalid_choice");
	}
	f->age = form_text(r, e, "age", false, 10);
	if (form_error_at(e, "age") == NULL && !peer_age_parse(f->age, &p->age))
		form_error(e, "age", "invalid_choice");
	f->area = form_text(r, e, "area", false, PEER_AREA_MAX);
	if (form_error_at(e, "area") == NULL && strchr(f->area, ',') != NULL)
		form_error(e, "area", "invalid_format");
	else if (form_error_at(e, "area") == NULL && peer_areas_check(f->area) != NULL)
		form_error(e, "area", peer_areas_check(f->area));
	p->area = strspn(f->area, " \t") == strlen(f->area) ? NULL : f->area;
	f->video = form_text(r, e, "video", false, 1);
	if (form_error_at(e, "video") == NULL && strcmp(f->video, "0") != 0 &&
	    strcmp(f->video, "1") != 0 && *f->video != '\0')
		form_error(e, "video", "invalid_choice");
	p->video = strcmp(f->video, "1") == 0;
	if (e->n > 0) {
		w->v.pref = *p;
		render(r, w, 422, NULL, f, e);
		return;
	}
	s->now = clock_now_us();
	req_defer_write(r, write_save, s, after_save);
}

/* Choosing a peer */

struct choose {
	const struct grant *g;
	struct network_member m;
	unsigned cats;
	const char *today, *by;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_choose(struct store_tx *tx, void *arg)
{
	struct choose *c = arg;
	int rc, k;

	if ((rc = store_tx_member_check_new(tx, c->g, c->m.person_id, c->m.user_id,
	    c->m.org_id, c->today)) != 0 ||
	    (rc = store_tx_member_insert(tx, c->g, &c->m, c->now, c->by)) != 0)
		return rc;
	for (k = 0; k < CAT_COUNT; k++) {
		struct consent x = {0};

		if (!(c->cats & CAT_BIT(k)))
			continue;
		x.person_id = c->m.person_id;
		x.recipient_member_id = c->m.id;
		x.category = (enum category)k;
		x.granted = true;
		if ((rc = store_tx_consent_set(tx, c->g, &x, c->now, c->by)) != 0)
			return rc;
	}
	return store_tx_audit_append(tx, c->audit);
}

static void
after_choose(struct req *r, int rc)
{
	if (rc == ERR_CONFLICT) {
		resp_redirect(r, 303, "/me/peers");
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/peers?done=chosen");
}

/* The suggestion with profile id pid, or NULL: only a peer suggested now
 * may be chosen (not one excluded, in the network, or not fitting). */
static const struct peer_profile *
suggested(const struct world *w, const char *pid)
{
	size_t i;

	for (i = 0; i < w->v.nfit; i++)
		if (strcmp(w->v.ps[w->v.fit[i].index].id, pid) == 0)
			return &w->v.ps[w->v.fit[i].index];
	return NULL;
}

void
web_my_peer_choose(struct req *r)
{
	struct world *w = arena_alloc(&r->arena, sizeof(*w));
	struct choose *c = arena_alloc(&r->arena, sizeof(*c));
	const struct peer_profile *p;
	struct decision d;
	char *mid;
	int k;

	if (!load_mine(r, w))
		return;
	if ((p = suggested(w, req_param(r, 0))) == NULL) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	/* Choosing whom to let in, and what they see, is giving consent:
	 * the person's alone. */
	if ((c->g = door_open(r, w->p.id, PA_MANAGE_CONSENT, CAT_BASIC, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	for (k = 0; k < CAT_COUNT; k++) {
		const char *name = arena_printf(&r->arena, "cat_%s", category_code((enum category)k));
		const char *v = req_form(r, name);

		if (v == NULL)
			continue;
		if (req_form_bad(r, name) || strcmp(v, "1") != 0) {
			error_respond(r, 400, PROBLEM_BAD_REQUEST);
			return;
		}
		c->cats |= CAT_BIT(k);
	}
	mid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(mid);
	c->today = w->today;
	c->now = clock_now_us();
	c->by = r->actor->user.id;
	c->m.person_id = w->p.id;
	c->m.id = mid;
	c->m.user_id = p->user_id;
	c->m.org_id = p->org_id;
	c->m.role = NET_PEER_WORKER;
	c->m.from_date = c->today;
	c->audit = req_audit(r, "network.add", arena_printf(&r->arena, "person:%s", w->p.id),
	    arena_printf(&r->arena, "member:%s peer_worker chosen", mid));
	req_defer_write(r, write_choose, c, after_choose);
}

/* Saying no to a peer */

struct exclude {
	const struct grant *g;
	const char *person_id, *profile_id;
	int64_t now;
};

static int
write_exclude(struct store_tx *tx, void *arg)
{
	struct exclude *x = arg;

	return store_tx_peer_exclude(tx, x->g, x->person_id, x->profile_id, x->now);
}

static void
after_exclude(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/peers?done=excluded");
}

void
web_my_peer_exclude(struct req *r)
{
	struct exclude *x = arena_alloc(&r->arena, sizeof(*x));
	struct peer_profile prof;
	struct decision d;
	struct person p;
	int rc;

	if (web_me_self(r, &p) == NULL)
		return;
	if ((rc = store_peer_profile_get(req_store(r), &r->arena, req_param(r, 0), &prof)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if ((x->g = door_open(r, p.id, PA_EDIT_PLAN, CAT_PLAN, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	x->person_id = p.id;
	x->profile_id = prof.id;
	x->now = clock_now_us();
	req_defer_write(r, write_exclude, x, after_exclude);
}

/* The team's read */

void
web_person_peers(struct req *r)
{
	struct world *w = arena_alloc(&r->arena, sizeof(*w));
	const char *id = req_param(r, 0);
	struct decision d;
	struct buf b;
	int rc;

	w->g = door_open_lazy(r, id, PA_READ, CAT_PLAN, CAT_BIT(CAT_BASIC) |
	    CAT_BIT(CAT_SUBSTANCE), &d);
	if (w->g == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	if (!grant_covers(w->g, CAT_BASIC)) {
		/* The names of the network come with basic details. */
		door_refuse(r, &(struct decision){false, WHY_NONE, 403}, CAT_BASIC);
		return;
	}
	door_shown(r, w->g, CAT_BASIC);
	if ((rc = store_person_get(req_store(r), &r->arena, w->g, &w->p)) != 0 ||
	    (rc = load(r, w)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	if (w->v.pref.substance >= 0)
		door_shown(r, w->g, CAT_SUBSTANCE);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, arena_printf(&r->arena, _("Peer workers for %s"), w->p.display_name));
	html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", id,
	    arena_printf(&r->arena, _("Back to %s"), w->p.display_name));
	html(&b, "<h1>%s</h1>", arena_printf(&r->arena, _("Peer workers for %s"),
	    w->p.display_name));
	html(&b, "<p>%s</p>", arena_printf(&r->arena, _("%s chooses a peer worker on their own "
	    "page. These are the ones who fit what they asked for."), w->p.display_name));
	suggestions(r, &b, w, false);
	if (r->actor->user.kind == USER_STAFF)
		html(&b, "<p><a href=\"/peer-profile\">%s</a></p>", _("Our peer workers"));
	layout_end(r, &b, 200);
}
