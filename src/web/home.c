/* The front page: what rosc is, in plain words.
 *   GET /   anyone */
#include "web/home.h"

#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "http/request.h"
#include "web/layout.h"

static void
card(struct buf *b, const char *icon, const char *title, const char *text)
{
	html(b, "<li class=\"card\"><span class=\"icon icon-%s\" aria-hidden=\"true\"></span>"
	    "<h2>%s</h2><p>%s</p></li>", icon, title, text);
}

void
web_home(struct req *r)
{
	struct buf b;

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
	html(&b, "<section class=\"staff\"><h2>%s</h2><p>%s</p></section>",
	    _("For people who work in recovery support"),
	    _("Case workers, treatment staff, peer workers and volunteers share one "
	      "plan with the person, with tasks, referrals and follow-ups, and see "
	      "only what the person has agreed to share."));
	layout_end(r, &b, 200);
}
