/* What I share: the person gives or withdraws consent, per recipient (an
 * organisation in their network, or a person in it by name) and per
 * category, and sees every change ever made. Only the person may do this;
 * anyone without a record of their own gets 404.
 *   GET  /me/consents   signed in (a person)
 *   POST /me/consents   signed in (a person): recipient_org or
 *        recipient_member, category, granted (yes/no), until, purpose */
#include "web/consents.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/person.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/consent.h"
#include "store/network.h"
#include "access/door.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

/* Someone the person can share with. */
struct recipient {
	bool is_org;
	const char *id, *name;
	const char *who;                    /* the people it covers, or their role */
	bool in_network;                    /* may be given consent now */
	const struct consent *k[CAT_COUNT]; /* the consent record, or NULL */
};

struct world {
	struct person p;
	const struct grant *g;   /* the person's own, from the door */
	const char *today;
	struct network_member *net;
	size_t nnet;
	struct consent *ks;
	size_t nks;
	struct recipient *rs;
	size_t nrs;
	const char *no_account; /* names of people without an account */
};

/* What the page shows besides the state: a notice, or the errors of a
 * POST with what was typed. */
struct view {
	const char *notice;
	const char *notice_rid; /* shown in this recipient's card */
	const struct form_errors *e;
	const char *rid; /* the recipient the errors belong to */
	const char *category, *until, *purpose;
};

static bool
in_force(const struct consent *k, const char *today)
{
	return k != NULL && k->granted &&
	       (k->until_date == NULL || strcmp(k->until_date, today) >= 0);
}

static struct recipient *
find(struct world *w, bool is_org, const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < w->nrs; i++)
		if (w->rs[i].is_org == is_org && strcmp(w->rs[i].id, id) == 0)
			return &w->rs[i];
	return NULL;
}

static struct recipient *
add(struct world *w, bool is_org, const char *id, const char *name)
{
	struct recipient *x = &w->rs[w->nrs++];

	x->is_org = is_org;
	x->id = id;
	x->name = name ? name : "";
	return x;
}

/* The recipients: every organisation with someone in the network now
 * (but the home organisation, which works by duty), everyone in it
 * without an organisation, peer workers and volunteers by name; then
 * anyone who still holds consent but is no longer in the network, so it
 * can be withdrawn. */
static void
build_recipients(struct req *r, struct world *w)
{
	size_t i;

	w->rs = arena_alloc(&r->arena, (w->nnet * 2 + w->nks + 1) * sizeof(*w->rs));
	for (i = 0; i < w->nnet; i++) {
		const struct network_member *m = &w->net[i];
		const char *name = m->display_name ? m->display_name : _("Someone");
		bool other_org =
		    m->org_id != NULL && strcmp(m->org_id, w->p.home_org_id) != 0;
		struct recipient *x;

		if (m->until_date != NULL && strcmp(m->until_date, w->today) < 0)
			continue;
		if (other_org) {
			const char *who = arena_printf(
			    &r->arena, "%s (%s)", name, net_role_label(m->role));

			if ((x = find(w, true, m->org_id)) == NULL) {
				x = add(w, true, m->org_id, m->org_name);
				x->in_network = true;
				x->who = who;
			} else {
				x->who = arena_printf(&r->arena, "%s, %s", x->who, who);
			}
		}
		if (m->org_id == NULL && m->user_id == NULL) {
			/* Nothing to share with someone who cannot sign in. */
			w->no_account = w->no_account ? arena_printf(&r->arena, "%s, %s",
			                                    w->no_account, name)
			                              : name;
			continue;
		}
		if (m->org_id == NULL || (other_org && (m->role == NET_PEER_WORKER ||
		                                           m->role == NET_VOLUNTEER))) {
			x = add(w, false, m->id, name);
			x->in_network = true;
			x->who = m->org_name ? arena_printf(&r->arena, _("%s at %s"),
			                           net_role_label(m->role), m->org_name)
			                     : net_role_label(m->role);
		}
	}
	for (i = 0; i < w->nks; i++) {
		const struct consent *k = &w->ks[i];
		bool is_org = k->recipient_org_id != NULL;
		const char *id = is_org ? k->recipient_org_id : k->recipient_member_id;

		if (find(w, is_org, id) != NULL || !in_force(k, w->today))
			continue;
		if (is_org && strcmp(id, w->p.home_org_id) == 0)
			continue;
		add(w, is_org, id, k->recipient_name);
	}
	for (i = 0; i < w->nks; i++) {
		const struct consent *k = &w->ks[i];
		bool is_org = k->recipient_org_id != NULL;
		struct recipient *x = find(
		    w, is_org, is_org ? k->recipient_org_id : k->recipient_member_id);

		if (x != NULL && (unsigned)k->category < CAT_COUNT)
			x->k[k->category] = k;
	}
}

/* Loads the person's own record, network and consents; answers 404 (or
 * 503) and returns false for anyone without a record. */
static bool
load_world(struct req *r, struct world *w)
{
	int rc;

	w->g = door_self(r, &w->p, &rc);
	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return false;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return false;
	}
	w->today = today_utc(r);
	if (store_network(req_store(r), &r->arena, w->g, &w->net, &w->nnet) != 0 ||
	    store_consents(req_store(r), &r->arena, w->g, &w->ks, &w->nks) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return false;
	}
	build_recipients(r, w);
	return true;
}

/* Error messages for this page's own codes; the rest are the forms'. */
static const char *
message(const char *code)
{
	if (strcmp(code, "not_in_network") == 0)
		return _(
		    "This organisation or person is not in your network, so you cannot "
		    "share with them here.");
	if (strcmp(code, "invalid_granted") == 0)
		return _("Please choose whether to share or not.");
	if (strcmp(code, "bad_date") == 0)
		return _("Please give a date like 2026-03-31, or leave it empty.");
	if (strcmp(code, "past_date") == 0)
		return _("This day has passed. Please choose today or a later day.");
	return form_error_text(code);
}

static const char *
date_text(struct req *r, const char *ymd)
{
	return timefmt_date(&r->arena, ymd, r->lang);
}

static void
error_summary(struct req *r, struct buf *b, const struct view *v)
{
	size_t i;

	if (v->e == NULL || v->e->n == 0)
		return;
	html(b,
	    "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>%s</h2><ul>",
	    _("Nothing was changed"));
	for (i = 0; i < v->e->n; i++) {
		const char *f = v->e->field[i];
		bool linked = v->rid != NULL &&
		              (strcmp(f, "category") == 0 || strcmp(f, "until") == 0 ||
		                  strcmp(f, "purpose") == 0);

		if (linked)
			html(b, "<li><a href=\"#f-%s-%s\">%s</a></li>", f, v->rid,
			    message(v->e->code[i]));
		else
			html(b, "<li>%s</li>", message(v->e->code[i]));
	}
	html_raw(b, "</ul></div>");
}

static void
recipient_fields(struct buf *b, const struct recipient *x)
{
	html(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">",
	    x->is_org ? "recipient_org" : "recipient_member", x->id);
}

/* One category for one recipient: its state and a button that turns it.
 * Sharing and not sharing look the same: neither is the default-looking
 * choice (self-determination). */
static void
toggle(struct req *r, struct buf *b, const struct world *w, const struct recipient *x,
    enum category c)
{
	const struct consent *k = x->k[c];
	bool on = in_force(k, w->today);
	const char *label = category_label(c);

	if (!on && !x->in_network)
		return;
	html(b, "<li class=\"toggle\"><p><span class=\"cat\">%s</span> ", label);
	if (on)
		html(b, "<strong class=\"state on\">%s</strong>", _("Shared"));
	else
		html(b, "<span class=\"state off\">%s</span>", _("Not shared"));
	if (on && k->until_date != NULL)
		html(b, " <span class=\"small\">%s</span>",
		    arena_printf(&r->arena, _("until %s"), date_text(r, k->until_date)));
	else if (!on && k != NULL && k->granted && k->until_date != NULL)
		html(b, " <span class=\"small\">%s</span>",
		    arena_printf(
		        &r->arena, _("ended after %s"), date_text(r, k->until_date)));
	if (on && k->purpose != NULL)
		html(b, "<br><span class=\"small\">%s</span>",
		    arena_printf(&r->arena, _("What for: %s"), k->purpose));
	html_raw(b, "</p><form method=\"post\" action=\"/me/consents\" "
	    "class=\"inline\">");
	form_csrf(r, b);
	recipient_fields(b, x);
	html(b,
	    "<input type=\"hidden\" name=\"category\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"granted\" value=\"%s\">"
	    "<button type=\"submit\" class=\"%s\">%s<span class=\"visually-hidden\"> "
	    "%s</span>"
	    "</button></form></li>",
	    category_code(c), on ? "no" : "yes", "button secondary choice",
	    on ? _("Stop sharing") : _("Share"),
	    arena_printf(&r->arena, _("%s with %s"), label, x->name));
}

/* A field of the "more" form, with an id unique to the recipient. */
static void
field_open(struct buf *b, const char *name, const char *rid, const char *label,
    const char *hint, const char *err)
{
	html(b, "<div class=\"field%s\"><label for=\"f-%s-%s\">%s</label>",
	    err ? " has-error" : "", name, rid, label);
	if (hint != NULL)
		html(b, "<p class=\"hint\" id=\"h-%s-%s\">%s</p>", name, rid, hint);
	if (err != NULL)
		html(b, "<p class=\"field-error\" id=\"e-%s-%s\">%s</p>", name, rid,
		    message(err));
}

static void
field_attrs(struct buf *b, const char *name, const char *rid, bool hint, const char *err)
{
	html(b, " id=\"f-%s-%s\" name=\"%s\"", name, rid, name);
	if (hint && err)
		html(b, " aria-describedby=\"h-%s-%s e-%s-%s\"", name, rid, name, rid);
	else if (hint)
		html(b, " aria-describedby=\"h-%s-%s\"", name, rid);
	else if (err)
		html(b, " aria-describedby=\"e-%s-%s\"", name, rid);
	if (err)
		html_raw(b, " aria-invalid=\"true\"");
}

/* Sharing for a while, or with a purpose: a small form behind a summary. */
static void
more_form(struct req *r, struct buf *b, const struct recipient *x, const struct view *v)
{
	bool mine = v->rid != NULL && strcmp(v->rid, x->id) == 0;
	const struct form_errors *e = mine ? v->e : NULL;
	const char *err, *sel = mine ? v->category : NULL;
	int c;

	html(b, "<details%s><summary>%s</summary>", e ? " open" : "",
	    _("Share for a while, or say what for"));
	html_raw(b, "<form method=\"post\" action=\"/me/consents\" novalidate>");
	form_csrf(r, b);
	recipient_fields(b, x);
	html_raw(b, "<input type=\"hidden\" name=\"granted\" value=\"yes\">");

	err = form_error_at(e, "category");
	field_open(b, "category", x->id, _("What to share"), NULL, err);
	html_raw(b, "<select");
	field_attrs(b, "category", x->id, false, err);
	html_raw(b, ">");
	for (c = 0; c < CAT_COUNT; c++)
		html(b, "<option value=\"%s\"%s>%s</option>",
		    category_code((enum category)c),
		    sel && strcmp(sel, category_code((enum category)c)) == 0 ? " selected"
		                                                             : "",
		    category_label((enum category)c));
	html_raw(b, "</select></div>");

	err = form_error_at(e, "until");
	field_open(b, "until", x->id, _("Until (you can leave this empty)"),
	    _("The last day they can see it. After that, it stops by itself."), err);
	html_raw(b, "<input type=\"date\"");
	field_attrs(b, "until", x->id, true, err);
	if (mine && v->until != NULL && *v->until != '\0')
		html(b, " value=\"%s\"", v->until);
	html_raw(b, "></div>");

	err = form_error_at(e, "purpose");
	field_open(b, "purpose", x->id, _("What for (you can leave this empty)"),
	    _("For example: help with my flat."), err);
	html_raw(b, "<input type=\"text\" autocomplete=\"off\"");
	field_attrs(b, "purpose", x->id, true, err);
	if (mine && v->purpose != NULL && *v->purpose != '\0')
		html(b, " value=\"%s\"", v->purpose);
	html(b,
	    "></div><p><button type=\"submit\" class=\"button\">%s<span "
	    "class=\"visually-hidden\"> %s</span></button></p></form></details>",
	    _("Share"), arena_printf(&r->arena, _("with %s"), x->name));
}

static void
recipient_card(struct req *r, struct buf *b, const struct world *w,
    const struct recipient *x, const struct view *v)
{
	int c;

	html(b,
	    "<section class=\"card consent\" id=\"r-%s\" aria-labelledby=\"h-%s\">"
	    "<h3 id=\"h-%s\">%s</h3>",
	    x->id, x->id, x->id, x->name);
	if (!x->in_network)
		html(b, "<p>%s</p>",
		    _("Nobody from here is in your network now, so they see "
		      "nothing. You can still stop sharing."));
	else if (x->is_org)
		html(b, "<p class=\"small\">%s</p>",
		    arena_printf(&r->arena,
		        _("Your people there: %s. What you share here, they all see."),
		        x->who));
	else
		html(b, "<p class=\"small\">%s</p>",
		    arena_printf(&r->arena,
		        _("%s. Only this person sees what you share here."), x->who));
	if (v->notice != NULL && v->notice_rid != NULL &&
	    strcmp(v->notice_rid, x->id) == 0)
		html(b, "<p class=\"notice\" role=\"status\">%s</p>", v->notice);
	html_raw(b, "<ul class=\"toggles\">");
	for (c = 0; c < CAT_COUNT; c++)
		toggle(r, b, w, x, (enum category)c);
	html_raw(b, "</ul>");
	if (x->in_network)
		more_form(r, b, x, v);
	html_raw(b, "</section>");
}

/* Every change, newest first, in plain words. */
static void
history(struct req *r, struct buf *b, const struct world *w)
{
	struct consent *h = NULL;
	size_t n = 0, i;

	html(b, "<section aria-labelledby=\"s-changes\"><h2 id=\"s-changes\">%s</h2>",
	    _("Changes"));
	if (store_consent_history_all(req_store(r), &r->arena, w->g, &h, &n) != 0) {
		html(b, "<p>%s</p></section>",
		    _("The changes cannot be shown right now."));
		return;
	}
	if (n == 0) {
		html(b, "<p>%s</p></section>", _("Nothing has been changed yet."));
		return;
	}
	html_raw(b, "<ol class=\"history\">");
	for (i = 0; i < n; i++) {
		const struct consent *k = &h[i];
		const char *who =
		    k->updated_by == NULL ? _("Someone")
		    : strcmp(k->updated_by, r->actor->user.display_name) == 0
		        ? _("You")
		        : k->updated_by;
		const char *to = k->recipient_name ? k->recipient_name : _("someone");
		const char *cat = category_label(k->category), *s;

		if (k->granted && k->until_date != NULL)
			s = arena_printf(&r->arena, _("%s shared “%s” with %s until %s."),
			    who, cat, to, date_text(r, k->until_date));
		else if (k->granted)
			s = arena_printf(
			    &r->arena, _("%s shared “%s” with %s."), who, cat, to);
		else if (k->version == 1)
			s = arena_printf(&r->arena,
			    _("%s chose not to share “%s” with %s."), who, cat, to);
		else
			s = arena_printf(&r->arena, _("%s stopped sharing “%s” with %s."),
			    who, cat, to);
		html(b, "<li><span class=\"when\">%s</span> %s",
		    timefmt_instant(&r->arena, k->updated_us, w->p.time_zone, r->lang,
		        TIMEFMT_DATETIME),
		    s);
		if (k->granted && k->purpose != NULL)
			html(b, " <span class=\"small\">%s</span>",
			    arena_printf(&r->arena, _("What for: %s"), k->purpose));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol></section>");
}

static void
render(struct req *r, struct world *w, unsigned status, const struct view *v)
{
	size_t i, nin = 0, nout = 0;
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("What I share"));
	html(&b, "<p><a href=\"/me\">%s</a></p><h1>%s</h1><p class=\"lead\">%s</p>",
	    _("Back to my page"), _("What I share"),
	    _("You decide who sees which parts of your record. You can change your mind "
	      "at "
	      "any time: a change counts from the very next time they open your "
	      "record."));
	if (v->notice != NULL && v->notice_rid == NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->notice);
	error_summary(r, &b, v);
	html(&b, "<p>%s</p>",
	    arena_printf(&r->arena,
	        _("Your main organisation, %s, keeps your record. The people there who "
	          "work "
	          "with you see what they need for that work."),
	        w->p.home_org_name));

	for (i = 0; i < w->nrs; i++) {
		if (w->rs[i].in_network)
			nin++;
		else
			nout++;
	}
	html(&b, "<section aria-labelledby=\"s-who\"><h2 id=\"s-who\">%s</h2>",
	    _("Who sees what"));
	if (nin == 0)
		html(&b, "<p>%s</p>",
		    _("There is nobody else in your network to share with yet."));
	for (i = 0; i < w->nrs; i++)
		if (w->rs[i].in_network)
			recipient_card(r, &b, w, &w->rs[i], v);
	if (w->no_account != NULL)
		html(&b, "<p class=\"small\">%s</p>",
		    arena_printf(&r->arena,
		        _("People without a rosc account cannot see your record: %s."),
		        w->no_account));
	html_raw(&b, "</section>");
	if (nout > 0) {
		html(&b,
		    "<section aria-labelledby=\"s-earlier\"><h2 id=\"s-earlier\">%s</h2>",
		    _("No longer in your network"));
		for (i = 0; i < w->nrs; i++)
			if (!w->rs[i].in_network)
				recipient_card(r, &b, w, &w->rs[i], v);
		html_raw(&b, "</section>");
	}
	history(r, &b, w);
	layout_end(r, &b, status);
}

void
web_consents(struct req *r)
{
	const char *saved = req_query(r, "saved"), *to = req_query(r, "to");
	struct view v = {0};
	struct world w;
	enum category c;

	memset(&w, 0, sizeof(w));
	if (!load_world(r, &w))
		return;
	if (saved != NULL && to != NULL && category_parse(req_query(r, "cat"), &c)) {
		struct recipient *x = find(&w, true, to);
		const struct consent *k;

		if (x == NULL)
			x = find(&w, false, to);
		k = x ? x->k[c] : NULL;
		if (x != NULL && strcmp(saved, "yes") == 0 && in_force(k, w.today) &&
		    k->until_date != NULL)
			v.notice = arena_printf(&r->arena,
			    _("Saved: %s can now see “%s” until %s."), x->name,
			    category_label(c), date_text(r, k->until_date));
		else if (x != NULL && strcmp(saved, "yes") == 0)
			v.notice = arena_printf(&r->arena,
			    _("Saved: %s can now see “%s”."), x->name, category_label(c));
		else if (x != NULL && strcmp(saved, "no") == 0)
			v.notice =
			    arena_printf(&r->arena, _("Saved: %s no longer sees “%s”."),
			        x->name, category_label(c));
	}
	if (v.notice != NULL)
		v.notice_rid = to;
	else if (saved != NULL)
		v.notice = _("Saved.");
	render(r, &w, 200, &v);
}

struct consent_change {
	const struct grant *gr;    /* the door's, to manage this consent */
	struct consent k;
	const char *by, *location;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_consent(struct store_tx *tx, void *arg)
{
	struct consent_change *c = arg;
	int rc = store_tx_consent_set(tx, c->gr, &c->k, c->now, c->by);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_consent(struct req *r, int rc)
{
	struct consent_change *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, c->location);
}

static bool
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

void
web_consents_update(struct req *r)
{
	struct consent_change *c = arena_alloc(&r->arena, sizeof(*c));
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	const char *org = req_form(r, "recipient_org"),
	           *mem = req_form(r, "recipient_member");
	const char *cat = req_form(r, "category"), *granted = req_form(r, "granted");
	const char *until, *purpose, *rid;
	struct recipient *x = NULL;
	struct view v = {0};
	struct decision d;
	struct world w;
	bool yes = false, is_org;
	enum category category = CAT_BASIC;

	memset(&w, 0, sizeof(w));
	if (!load_world(r, &w))
		return;
	if (org != NULL && *org == '\0')
		org = NULL;
	if (mem != NULL && *mem == '\0')
		mem = NULL;
	is_org = org != NULL;
	rid = is_org ? org : mem;
	if ((org == NULL) == (mem == NULL) ||
	    req_form_bad(r, is_org ? "recipient_org" : "recipient_member") ||
	    !id_valid(rid, strlen(rid)) || (x = find(&w, is_org, rid)) == NULL)
		form_error(e, "recipient", "not_in_network");
	if (granted != NULL && strcmp(granted, "yes") == 0)
		yes = true;
	else if (granted == NULL || strcmp(granted, "no") != 0 ||
	         req_form_bad(r, "granted"))
		form_error(e, "granted", "invalid_granted");
	if (x != NULL && yes && !x->in_network) {
		form_error(e, "recipient", "not_in_network");
		x = NULL;
	}
	if (req_form_bad(r, "category") || !category_parse(cat, &category))
		form_error(e, "category", "invalid_choice");
	until = req_form(r, "until");
	if (until == NULL)
		until = "";
	if (*until != '\0' && (req_form_bad(r, "until") || !clock_valid_date(until)))
		form_error(e, "until", "bad_date");
	else if (*until != '\0' && strcmp(until, w.today) < 0)
		form_error(e, "until", "past_date");
	purpose = form_text(r, e, "purpose", false, FIELD_MAX);
	if (e->n > 0) {
		v.e = e;
		v.rid = x ? x->id : NULL;
		v.category = cat;
		v.until = until;
		v.purpose = purpose;
		render(r, &w, 422, &v);
		return;
	}

	/* The person alone decides: the door says so, too. */
	if ((c->gr = door_open(r, w.p.id, PA_MANAGE_CONSENT, category, 0, &d)) == NULL) {
		door_refuse(r, &d, category);
		return;
	}
	c->k.person_id = w.p.id;
	c->k.recipient_org_id = x->is_org ? x->id : NULL;
	c->k.recipient_member_id = x->is_org ? NULL : x->id;
	c->k.category = category;
	c->k.granted = yes;
	c->k.until_date = yes && *until != '\0' ? until : NULL;
	c->k.purpose =
	    yes && strspn(purpose, " \t\r\n") != strlen(purpose) ? purpose : NULL;
	c->location = arena_printf(&r->arena, "/me/consents?saved=%s&cat=%s&to=%s#r-%s",
	    yes ? "yes" : "no", category_code(category), x->id, x->id);

	/* Saying the same again changes nothing and leaves no trace. */
	if (x->k[category] != NULL && x->k[category]->granted == yes &&
	    same_text(x->k[category]->until_date, c->k.until_date) &&
	    same_text(x->k[category]->purpose, c->k.purpose)) {
		resp_redirect(r, 303, c->location);
		return;
	}
	if (x->k[category] == NULL && !yes) {
		resp_redirect(r, 303, c->location);
		return;
	}
	c->by = r->actor->user.id;
	c->now = clock_now_us();
	c->audit = req_audit(r, yes ? "consent.grant" : "consent.withdraw",
	    arena_printf(&r->arena, "person:%s", w.p.id),
	    arena_printf(&r->arena, "category=%s recipient=%s:%s",
	        category_code(category), x->is_org ? "organisation" : "member", x->id));
	req_defer_write(r, write_consent, c, after_consent);
}
