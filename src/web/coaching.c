/* Coaching sessions a peer worker logged with a person.
 *   GET  /persons/{id}/coaching   the person always; others in the network
 *                                 by duty or with the "notes" consent (the
 *                                 door decides, noted as a read of notes);
 *                                 the peer worker in the network sees the
 *                                 form even without that consent
 *   POST /persons/{id}/coaching   only the peer worker whose current place
 *                                 in the person's network it is: day
 *                                 (YYYY-MM-DD, not ahead), minutes (1-480),
 *                                 text (at most 2000 characters) */
#include "web/coaching.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/peer.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/peers.h"
#include "web/forms.h"
#include "web/layout.h"

struct coaching_form {
	const char *day, *minutes, *text;
};

static void
note_item(struct req *r, struct buf *b, const struct coaching_note *x)
{
	html(b, "<li class=\"note\"><article aria-labelledby=\"cn-%s\"><h3 id=\"cn-%s\">"
	    "<time datetime=\"%s\">%s</time></h3>", x->id, x->id, x->day,
	    timefmt_date(&r->arena, x->day, r->lang));
	html(b, "<p class=\"small\">%s</p>", arena_printf(&r->arena,
	    ngettext("%s, %s · %d minute", "%s, %s · %d minutes", (unsigned long)x->minutes),
	    x->author_name, x->org_name, x->minutes));
	layout_own_words(r, b, x->text, NULL);
	html_raw(b, "</article></li>");
}

static void
render(struct req *r, const char *id, const struct grant *g, bool may_write,
    unsigned status, const char *message, const struct coaching_form *f,
    const struct form_errors *e)
{
	struct coaching_note *xs = NULL;
	struct buf b;
	size_t n = 0, i;

	if (g != NULL && status < 400 &&
	    store_coaching_notes(req_store(r), &r->arena, g, &xs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Coaching sessions"));
	html(&b, "<nav><a href=\"%s\">%s</a></nav>", g != NULL && grant_is_self(g) ? "/me/peers" :
	    arena_printf(&r->arena, "/persons/%s", id), _("Back"));
	html(&b, "<h1>%s</h1>", _("Coaching sessions"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (may_write) {
		html(&b, "<section aria-labelledby=\"s-new\"><h2 id=\"s-new\">%s</h2><p>%s</p>",
		    _("Log a session"), _("The person always reads what you write here."));
		form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/coaching", id), e);
		form_date(&b, "day", _("Day"), f ? f->day : today_utc(r), NULL, NULL, e);
		form_input(&b, "minutes", _("How long (minutes)"), "number",
		    f ? f->minutes : "60", NULL, NULL, e);
		form_textarea(&b, "text", _("What you did together"), f ? f->text : "",
		    _("A few lines. At most 2000 characters."), e);
		form_end(&b, _("Save the session"));
		html_raw(&b, "</section>");
	}
	if (g != NULL && status < 400) {
		html(&b, "<section aria-labelledby=\"s-list\"><h2 id=\"s-list\">%s</h2>",
		    _("Sessions"));
		if (n == 0)
			html(&b, "<p>%s</p>", _("No sessions logged yet."));
		else {
			html_raw(&b, "<ul class=\"notes\">");
			for (i = 0; i < n; i++)
				note_item(r, &b, &xs[i]);
			html_raw(&b, "</ul>");
		}
		html_raw(&b, "</section>");
	}
	layout_end(r, &b, status);
}

void
web_coaching(struct req *r)
{
	const char *id = req_param(r, 0), *member;
	bool may_write = door_may_write_coaching(r, id);
	struct decision d;
	const struct grant *g = door_coaching(r, id, false, &member, &d);

	if (g == NULL && !may_write) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	render(r, id, g, may_write, 200, req_query(r, "done") != NULL ?
	    _("The session is saved.") : NULL, NULL, NULL);
}

struct add {
	const struct grant *g;
	const char *member_id;
	struct coaching_note x;
};

static int
write_add(struct store_tx *tx, void *arg)
{
	struct add *a = arg;

	return store_tx_coaching_add(tx, a->g, a->member_id, &a->x);
}

static void
after_add(struct req *r, int rc)
{
	struct add *a = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/coaching?done=1",
	    a->x.person_id));
}

void
web_coaching_add(struct req *r)
{
	const char *id = req_param(r, 0);
	struct add *a = arena_alloc(&r->arena, sizeof(*a));
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct coaching_form *f = arena_alloc(&r->arena, sizeof(*f));
	const char *field, *code;
	struct decision d;
	char *nid;

	if ((a->g = door_coaching(r, id, true, &a->member_id, &d)) == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	f->day = form_text(r, e, "day", true, 10);
	f->minutes = form_text(r, e, "minutes", true, 4);
	f->text = form_text(r, e, "text", true, COACHING_TEXT_MAX);
	if (e->n == 0 && !coaching_check(f->day, today_utc(r), f->minutes, f->text, &a->x,
	    &field, &code))
		form_error(e, field, code);
	if (e->n > 0) {
		render(r, id, NULL, true, 422, NULL, f, e);
		return;
	}
	nid = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(nid);
	a->x.person_id = id;
	a->x.id = nid;
	a->x.author_id = r->actor->user.id;
	a->x.org_id = r->actor->org_id;
	a->x.created_us = clock_now_us();
	req_defer_write(r, write_add, a, after_add);
}
