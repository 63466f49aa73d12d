/* Early-warning flags in words (see warning.h). */
#include "view/warning.h"

#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "core/warning.h"
#include "store/warnings.h"

void
view_flag_words(struct arena *a, const struct warn_flag *f, enum lang l, int64_t now,
    struct flag_words *w)
{
	struct warn_rule r;
	struct warn_hit h = {.value = f->value, .previous = f->previous};

	memset(w, 0, sizeof(*w));
	if (f->rule_json != NULL && warn_rule_read(a, f->rule_json, &r) == 0) {
		w->reason = warn_reason(a, &r, &h, l);
		w->task = warn_task(a, &r, l);
	} else {
		w->reason = f->rule_code;
		w->task = "";
	}
	w->overdue = f->resolved_us == 0 && f->due_us < now;
}

void
view_flag_resolve_check(struct flag_resolve_in *in)
{
	enum warn_resolution res = WR_COUNT;
	size_t len;

	in->resolution_err = in->note_err = NULL;
	if (in->resolution == NULL || *in->resolution == '\0')
		in->resolution_err = "required";
	else if (!warn_resolution_parse(in->resolution, &res))
		in->resolution_err = "invalid_choice";
	in->res = (int)res;
	len = in->note ? strlen(in->note) : 0;
	if (len > 0 && !utf8_valid_text(in->note, len))
		in->note_err = "invalid_format";
	else if (len > 0 && utf8_count(in->note, len) > VIEW_FLAG_NOTE_MAX)
		in->note_err = "too_long";
	else if (res == WR_OTHER && strspn(in->note ? in->note : "", " \t\r\n") == len)
		in->note_err = "required";
	if (len > 0 && strspn(in->note, " \t\r\n") == len)
		in->note = NULL;
}
