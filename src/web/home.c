/* The front page: what rosc is, in plain words.
 *   GET /   anyone */
#include "web/home.h"

#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "core/actor.h"
#include "http/request.h"
#include "http/response.h"
#include "policy/policy.h"
#include "web/layout.h"

static void
card(struct buf *b, const char *icon, const char *title, const char *text)
{
	html(b, "<li class=\"card\"><span class=\"icon icon-%s\" aria-hidden=\"true\"></span>"
	    "<h2>%s</h2><p>%s</p></li>", icon, title, text);
}

/* A card that is a link as a whole: the heading's link covers the card
 * (.card-link::after), so the title alone is the link's name. */
static void
link_card(struct buf *b, const char *href, const char *icon, const char *title,
    const char *text)
{
	html(b, "<li class=\"card\"><span class=\"icon icon-%s\" aria-hidden=\"true\"></span>"
	    "<h2><a class=\"card-link\" href=\"%s\">%s</a></h2><p>%s</p></li>", icon, href,
	    title, text);
}

/* The first page after signing in. Persons get their own home with their
 * plan and their people once those exist; until then, a short welcome. */
static void
signed_in_home(struct req *r)
{
	const struct actor *a = r->actor;
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Welcome"));
	html(&b, "<section class=\"hero\"><h1>%s</h1>",
	    arena_printf(&r->arena, _("Welcome, %s"), a->user.display_name));
	if (a->org_name != NULL)
		html(&b, "<p class=\"lead\">%s</p>", arena_printf(&r->arena,
		    _("You are working for %s as %s."), a->org_name, role_word(a->role)));
	else if (a->user.kind != USER_STAFF)
		html(&b, "<p class=\"lead\">%s</p>",
		    _("This is your own place in rosc. Soon you will find your plan, "
		      "your people and who looked at your record here."));
	html_raw(&b, "</section><ul class=\"cards\">");
	link_card(&b, "/persons", "lasting", _("My people"), a->user.kind == USER_STAFF ?
	    _("The people in recovery whose network you are part of.") :
	    _("The people you support, and what they share with you."));
	link_card(&b, "/me/settings", "plan", _("My settings"), policy_may_use_api(a) ?
	    _("Your language, your password and your API tokens.") :
	    _("Your language and your password."));
	link_card(&b, "/services", "lasting", _("Find a service"),
	    _("Treatment, support, housing, work and people to talk to, near you."));
	if (a->org_id != NULL)
		link_card(&b, "/groups", "lasting", _("Peer groups"),
		    _("The groups your organisation runs, and groups open to join."));
	if (policy_may_update_capacity(a, a->org_id))
		link_card(&b, "/admin/services", "plan", _("Our services"),
		    _("Keep your services and their places free up to date."));
	if (policy_route(a, ACCESS_ORG_ADMIN) == VERDICT_ALLOW)
		link_card(&b, "/admin/users", "consent", _("Administration"),
		    _("Organisations, accounts and roles, and the audit log."));
	html_raw(&b, "</ul>");
	layout_end(r, &b, 200);
}

void
web_home(struct req *r)
{
	struct buf b;

	if (r->actor != NULL && r->actor->user.kind == USER_PERSON) {
		resp_redirect(r, 303, "/me");     /* a person's own page */
		return;
	}
	if (r->actor != NULL) {
		signed_in_home(r);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Support for your recovery, together"));
	html(&b, "<section class=\"hero\"><h1>%s</h1><p class=\"lead\">%s</p></section>",
	    _("Support for your recovery, together"),
	    _("rosc brings together the people and services around someone who is "
	      "recovering from alcohol or drug problems: you, your family and friends, "
	      "treatment, the municipality, housing, work, peers and volunteers. "
	      "One plan, and you own it."));
	html_raw(&b, "<ul class=\"cards\">");
	card(&b, "plan", _("Your plan, in your own words"),
	    _("Write down what matters to you, your strengths and your hopes, and the "
	      "small steps towards them. The people around you can help with each step."));
	card(&b, "consent", _("You decide who sees what"),
	    _("Choose which organisations and people may see which parts of your "
	      "record, and change your mind at any time. You can see every time "
	      "someone looked, and why."));
	card(&b, "lasting", _("Support that lasts"),
	    _("Recovery takes time. rosc keeps your network connected after "
	      "treatment ends, with check-ins and a plan for the hard days."));
	html_raw(&b, "</ul>");
	html(&b, "<p><a class=\"button\" href=\"/services\">%s</a> "
	    "<a class=\"button\" href=\"/signin\">%s</a></p>", _("Find a service"), _("Sign in"));
	html(&b, "<section class=\"staff\"><h2>%s</h2><p>%s</p></section>",
	    _("For people who work in recovery support"),
	    _("Case workers, treatment staff, peer workers and volunteers share one "
	      "plan with the person, with tasks, referrals and follow-ups, and see "
	      "only what the person has agreed to share."));
	layout_end(r, &b, 200);
}
