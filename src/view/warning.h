/* An early-warning flag in words, for the pages and the API alike: its
 * reason and task in the reader's language, from the rule as it read
 * when the flag was raised. */
#ifndef ROSC_VIEW_WARNING_H
#define ROSC_VIEW_WARNING_H

#include <stdbool.h>
#include <stdint.h>

#include "base/i18n.h"

struct arena;
struct warn_flag;

struct flag_words {
	const char *reason, *task;
	bool overdue;              /* open and past its due time */
};

/* Fills w for f in language l as of now. */
void view_flag_words(struct arena *a, const struct warn_flag *f, enum lang l, int64_t now,
    struct flag_words *w);

/* The checks of a follow-up, for the page and the API: resolution one of
 * warn_resolution's codes, note at most VIEW_FLAG_NOTE_MAX characters,
 * required for "other". Each error is a field and a code. */
#define VIEW_FLAG_NOTE_MAX 500
struct flag_resolve_in {
	const char *resolution, *note;
	const char *resolution_err, *note_err;   /* NULL: fine */
	int res;                                 /* enum warn_resolution, once valid */
};
void view_flag_resolve_check(struct flag_resolve_in *in);

#endif
