/* The page for a refusal by the door to someone in the person's network:
 * what the person has not shared, in plain words. Installed at start-up
 * as the door's refusal page (access/door.h); the door renders nothing. */
#include "web/denied.h"

#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "http/request.h"
#include "web/layout.h"

void
web_not_shared(struct req *r, enum category cat, bool offer_emergency)
{
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Not shared with you"));
	html(&b, "<section class=\"error\"><h1>%s</h1><p>%s</p><p>%s</p>"
	    "<p><a class=\"button\" href=\"/persons\">%s</a></p></section>",
	    _("Not shared with you"),
	    arena_printf(&r->arena, _("The person has not shared this with you: %s."),
	    category_label(cat)),
	    /* Emergency access is mentioned only to those who may ask for it. */
	    offer_emergency ?
	    _("People in recovery decide who sees what in their record. If you need "
	      "it for your work, ask them; in an emergency, you can ask for time-limited "
	      "access, and they will see that you did and why.") :
	    _("People in recovery decide who sees what in their record. If you need "
	      "it, ask them."),
	    _("Back to my people"));
	layout_end(r, &b, 403);
}
