/* A peer worker's profile: what they choose to share for matching.
 *   GET  /peer-profile   staff; a peer worker edits their own profile for
 *                        the organisation they act for; the organisation's
 *                        other staff read every peer worker's profile there
 *   POST /peer-profile   the peer worker saves theirs: story, languages
 *                        (langs_CODE), gender, age, substances
 *                        (substances_CODE), areas (town or municipality
 *                        names, commas between), days (days_mon..sun),
 *                        times (times_day, times_evening), taking_new and
 *                        video ("0" or "1")
 * A profile is the peer worker's own words, not a person's data: it is
 * shown to persons looking for a peer only while its author takes new
 * people and is a peer worker of that organisation. */
#include "web/peer_profile.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "core/actor.h"
#include "core/peer.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/audit.h"
#include "store/peers.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/peers.h"

struct profile_form {
	const char *story, *gender, *age, *areas, *taking_new, *video;
};

static bool
is_peer(struct req *r)
{
	return r->actor != NULL && r->actor->org_id != NULL && r->actor->role == ROLE_PEER_WORKER;
}

static void
profile_card(struct req *r, struct buf *b, const struct peer_profile *p)
{
	const char *parts = NULL;
	int i;

	html(b, "<li class=\"card peer\"><h2>%s</h2>", p->name);
	html(b, "<p>%s</p>", p->taking_new ? _("Takes new people.") :
	    _("Not taking new people now."));
	for (i = 0; i < PL_COUNT; i++)
		if (p->langs & (1u << i))
			parts = parts ? arena_printf(&r->arena, "%s, %s", parts,
			    peer_lang_endonym((enum peer_lang)i)) : peer_lang_endonym((enum peer_lang)i);
	if (parts != NULL)
		html(b, "<p>%s</p>", arena_printf(&r->arena, _("Languages: %s"), parts));
	if (*p->areas != '\0')
		html(b, "<p>%s</p>", arena_printf(&r->arena, _("Areas: %s"), p->areas));
	if (p->video)
		html(b, "<p>%s</p>", _("Meets by video too."));
	if (*p->story != '\0')
		layout_own_words(r, b, p->story, NULL);
	html_raw(b, "</li>");
}

static void
render(struct req *r, const struct peer_profile *mine, unsigned status, const char *message,
    const struct profile_form *f, const struct form_errors *e)
{
	struct buf b;
	struct peer_profile *ps;
	size_t n = 0, i;
	const char *gv[PG_COUNT], *gl[PG_COUNT], *av[PAGE_COUNT], *al[PAGE_COUNT];
	const char *yv[2] = {"1", "0"}, *tl[2], *vl[2];

	buf_init(&b, &r->arena);
	layout_begin(r, &b, is_peer(r) ? _("My peer worker profile") : _("Our peer workers"));
	html(&b, "<h1>%s</h1>", is_peer(r) ? _("My peer worker profile") : _("Our peer workers"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (!is_peer(r)) {
		if (store_peer_profiles_org(req_store(r), &r->arena, r->actor->org_id, &ps, &n) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		if (n == 0)
			html(&b, "<p>%s</p>", _("None of your organisation's peer workers has a "
			    "profile yet."));
		else {
			html_raw(&b, "<ul class=\"cards peers\">");
			for (i = 0; i < n; i++)
				profile_card(r, &b, &ps[i]);
			html_raw(&b, "</ul>");
		}
		layout_end(r, &b, 200);
		return;
	}
	for (i = 0; i < PG_COUNT; i++) {
		gv[i] = i == 0 ? "" : peer_gender_code((enum peer_gender)i);
		gl[i] = peer_gender_label((enum peer_gender)i);
	}
	for (i = 0; i < PAGE_COUNT; i++) {
		av[i] = i == 0 ? "" : peer_age_code((enum peer_age)i);
		al[i] = i == 0 ? _("Not stated") : peer_age_code((enum peer_age)i);
	}
	tl[0] = _("Yes, I take new people");
	tl[1] = _("No, not now");
	vl[0] = _("Yes");
	vl[1] = _("No");
	html(&b, "<p>%s</p>", _("Persons looking for a peer worker see what you write here. "
	    "Share only what you want to share."));
	form_begin(r, &b, "/peer-profile", e);
	form_select(&b, "taking_new", _("Do you take new people?"), yv, tl, 2,
	    f ? f->taking_new : mine->taking_new ? "1" : "0", e);
	form_textarea(&b, "story", _("Your lived experience, in your own words"),
	    f ? f->story : mine->story, _("A few lines. At most 1000 characters."), e);
	web_peer_checks(r, &b, PC_LANGS, _("Languages you speak"), NULL, mine->langs, e);
	form_select(&b, "gender", _("Gender"), gv, gl, PG_COUNT,
	    f ? f->gender : gv[mine->gender], e);
	form_select(&b, "age", _("Age"), av, al, PAGE_COUNT, f ? f->age : av[mine->age], e);
	web_peer_checks(r, &b, PC_SUBSTANCES, _("Lived experience with"), NULL,
	    mine->substances, e);
	form_input(&b, "areas", _("Areas where you meet people"), "text",
	    f ? f->areas : mine->areas, NULL,
	    _("Towns or municipalities, with commas between: København, Frederiksberg."), e);
	web_peer_checks(r, &b, PC_DAYS, _("Days you are available"), NULL, mine->days, e);
	web_peer_checks(r, &b, PC_TIMES, _("Times you are available"), NULL, mine->times, e);
	form_select(&b, "video", _("Do you meet by video?"), yv, vl, 2,
	    f ? f->video : mine->video ? "1" : "0", e);
	form_end(&b, _("Save my profile"));
	layout_end(r, &b, status);
}

void
web_peer_profile(struct req *r)
{
	struct peer_profile mine = {.story = "", .areas = ""};
	int rc;

	if (is_peer(r) && (rc = store_peer_profile_of(req_store(r), &r->arena,
	    r->actor->user.id, r->actor->org_id, &mine)) != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	render(r, &mine, 200, req_query(r, "saved") != NULL ? _("Your profile is saved.") : NULL,
	    NULL, NULL);
}

struct save {
	struct peer_profile p;
	struct audit_entry *audit;
};

static int
write_save(struct store_tx *tx, void *arg)
{
	struct save *w = arg;
	int rc = store_tx_peer_profile_save(tx, &w->p, w->p.updated_us);

	return rc ? rc : store_tx_audit_append(tx, w->audit);
}

static void
after_save(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/peer-profile?saved=1");
}

/* "0" or "1" into *out; else an error at the field. */
static void
yes_no(struct form_errors *e, const char *field, const char *v, bool *out)
{
	if (form_error_at(e, field) == NULL && strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
		form_error(e, field, "invalid_choice");
	*out = strcmp(v, "1") == 0;
}

void
web_peer_profile_save(struct req *r)
{
	struct save *w = arena_alloc(&r->arena, sizeof(*w));
	struct peer_profile *p = &w->p;
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct profile_form *f = arena_alloc(&r->arena, sizeof(*f));
	struct peer_profile old;
	const char *code;
	char *id;
	int rc;

	if (!is_peer(r)) {
		/* Only a peer worker keeps a profile; others read them. */
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	f->story = form_text(r, e, "story", false, PEER_STORY_MAX);
	f->gender = form_text(r, e, "gender", false, 20);
	if (form_error_at(e, "gender") == NULL && !peer_gender_parse(f->gender, &p->gender))
		form_error(e, "gender", "invalid_choice");
	f->age = form_text(r, e, "age", false, 10);
	if (form_error_at(e, "age") == NULL && !peer_age_parse(f->age, &p->age))
		form_error(e, "age", "invalid_choice");
	f->areas = form_text(r, e, "areas", false, PEER_AREAS_MAX);
	if (form_error_at(e, "areas") == NULL && (code = peer_areas_check(f->areas)) != NULL)
		form_error(e, "areas", code);
	f->taking_new = form_text(r, e, "taking_new", true, 1);
	yes_no(e, "taking_new", f->taking_new, &p->taking_new);
	f->video = form_text(r, e, "video", true, 1);
	yes_no(e, "video", f->video, &p->video);
	p->langs = web_peer_read_checks(r, e, PC_LANGS);
	p->substances = web_peer_read_checks(r, e, PC_SUBSTANCES);
	p->days = web_peer_read_checks(r, e, PC_DAYS);
	p->times = web_peer_read_checks(r, e, PC_TIMES);
	p->story = f->story;
	p->areas = f->areas;
	if (e->n > 0) {
		render(r, p, 422, NULL, f, e);
		return;
	}
	rc = store_peer_profile_of(req_store(r), &r->arena, r->actor->user.id,
	    r->actor->org_id, &old);
	if (rc != 0 && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (rc == 0) {
		p->id = old.id;
	} else {
		id = arena_alloc(&r->arena, ID_LEN + 1);
		id_new(id);
		p->id = id;
	}
	p->user_id = r->actor->user.id;
	p->org_id = r->actor->org_id;
	p->updated_us = clock_now_us();
	/* A change to what persons looking for a peer read: in the audit log. */
	w->audit = req_audit(r, "peer_profile.save", arena_printf(&r->arena, "user:%s",
	    p->user_id), arena_printf(&r->arena, "profile:%s taking_new=%d", p->id,
	    p->taking_new ? 1 : 0));
	req_defer_write(r, write_save, w, after_save);
}
