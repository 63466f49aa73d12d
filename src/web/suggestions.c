/* Suggestions that start from strengths (view/suggestions.h).
 *   GET /me/ideas                  the person: up to three ideas, each
 *                                  with one line that says why, and
 *                                  "Not for me"
 *   POST /me/suggestions/dismiss   the person: source, id; it stays
 *                                  dismissed; back to the ideas
 * Anyone without a record of their own: 404, as the person's other
 * pages. Shown to the person alone: staff never see them. A page of their
 * own, linked from /me, not a section of it: finding them searches the
 * directory, the groups and the meetings, which would make the page a
 * person opens most often several times slower. */
#include "web/suggestions.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/suggestions.h"
#include "view/suggestions.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/me.h"

#define SHOWN 3

void
web_ideas(struct req *r)
{
	struct suggestion s[SHOWN];
	const struct grant *g;
	struct person p;
	struct buf b;
	size_t n, i;

	if ((g = web_me_self(r, &p)) == NULL)
		return;
	if (view_suggestions(req_store(r), &r->arena, g, &p, clock_now_us(), today_utc(r), s,
	    SHOWN, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Ideas for you"));
	html(&b, "<nav><a href=\"/me\">%s</a></nav><h1>%s</h1><p>%s</p>", _("Back to my page"),
	    _("Ideas for you"),
	    _("From what you wrote in your plan and your answers. Only you see these."));
	if (n == 0)
		html(&b, "<p>%s</p>", _("No ideas right now. When you add goals to your plan, "
		    "ideas that fit them will be here."));
	else
		html_raw(&b, "<ul class=\"plain ideas\">");
	for (i = 0; i < n; i++) {
		html(&b, "<li><h2><a href=\"%s\">%s</a></h2><p>%s</p>"
		    "<form method=\"post\" action=\"/me/suggestions/dismiss\" class=\"inline\">",
		    s[i].href, s[i].title, s[i].line);
		form_csrf(r, &b);
		html(&b, "<input type=\"hidden\" name=\"source\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"id\" value=\"%s\">"
		    "<button type=\"submit\" class=\"link-button\" aria-label=\"%s\">%s</button>"
		    "</form></li>", s[i].source, s[i].item_id,
		    arena_printf(&r->arena, _("Not for me: %s"), s[i].title), _("Not for me"));
	}
	if (n > 0)
		html_raw(&b, "</ul>");
	layout_end(r, &b, 200);
}

struct dismiss {
	const struct grant *g;
	const char *source, *id;
	int64_t now;
};

static int
write_dismiss(struct store_tx *tx, void *arg)
{
	struct dismiss *w = arg;

	return store_tx_suggestion_dismiss(tx, w->g, w->source, w->id, w->now);
}

static void
after_dismiss(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/ideas");
}

void
web_suggestion_dismiss(struct req *r)
{
	struct dismiss *w = arena_alloc(&r->arena, sizeof(*w));
	struct person p;
	struct decision d;

	if (web_me_self(r, &p) == NULL)
		return;
	w->source = req_form(r, "source");
	w->id = req_form(r, "id");
	/* An item's id: a group's or a meeting's (32 hex digits) or a
	 * directory service's. */
	if (!view_suggestion_source_known(w->source) || w->id == NULL || *w->id == '\0' ||
	    strlen(w->id) > 200 || strpbrk(w->id, " \t\r\n") != NULL) {
		error_respond(r, 422, PROBLEM_VALIDATION_FAILED);
		return;
	}
	if ((w->g = door_open(r, p.id, PA_EDIT_PLAN, CAT_PLAN, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_PLAN);
		return;
	}
	w->now = clock_now_us();
	req_defer_write(r, write_dismiss, w, after_dismiss);
}
