/* Charts drawn by the server as inline SVG, readable without JavaScript.
 * For pages in web/ (the plan's progress); the page decides who sees them. */
#ifndef ROSC_WEB_CHART_H
#define ROSC_WEB_CHART_H

/* Each chart is an image with a title and a description (role="img",
 * aria-labelledby), which the page completes with the numbers as text.
 * Numbers are written with a '.' whatever the language; every text is
 * escaped; there are no style attributes (the CSP forbids them): colours
 * come from the chart-* classes in static/style.css. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

/* One value with its label; has_value false: nothing to draw. */
struct chart_value {
	const char *label;
	double value;
	bool has_value;
};

/* One point of a line over time. */
struct chart_point {
	int64_t at_us;
	double value;
};

/* A star (radar) chart: one axis per value, from the centre (0) to max
 * at the rim, the values joined into one shape. The axes are numbered
 * 1..n at the rim, in the order given (the labels do not fit a phone):
 * the page names them beside the chart. id names the chart in
 * the page (letters, digits and '-'): its title and description get
 * "ID-t" and "ID-d". */
void chart_radar(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_value *v, size_t n, double max);

/* A small line chart: points oldest first, spread over the time between
 * the first and the last; values from min (bottom) to max (top). */
void chart_line(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_point *p, size_t n, double min, double max);

/* A bar chart from zero: one bar per value, labelled underneath (only
 * some labels when there are many bars). */
void chart_bars(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_value *v, size_t n);

#endif
