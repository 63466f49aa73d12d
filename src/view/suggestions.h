/* Suggestions that start from strengths, for the person's own page:
 * from their open goals and their lowest BARC-10 answers
 * (core/suggest.h), what each source offers that fits (language, area,
 * video), each with one line that says why; none the person dismissed,
 * none they already have. Never shown to anyone else. */
#ifndef ROSC_VIEW_SUGGESTIONS_H
#define ROSC_VIEW_SUGGESTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct grant;
struct person;
struct store;

struct suggestion {
	const char *source;            /* "group", "meeting", "service": as dismissed */
	const char *item_id, *title, *href;
	const char *line;              /* why, in the thread's language */
};

/* Whether source is one of the sources (for a dismissal). */
bool view_suggestion_source_known(const char *source);

/* Up to max suggestions for the person p of g, their own grant (the
 * person's alone: it covers everything the sources read), at now (today:
 * the UTC date). 0 with *n, or an error. */
int view_suggestions(struct store *s, struct arena *a, const struct grant *g,
    const struct person *p, int64_t now, const char *today, struct suggestion *out,
    size_t max, size_t *n);

#endif
