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

/* A part of a line chart's range, shaded (zones of a score), or a line
 * across it at one value (from == to) with a short label beside it. */
struct chart_band {
	double from, to;
	const char *label;             /* bands: a number or a word; may be NULL */
};

/* A line chart of scores over time with its zones: as chart_line, with
 * each band of bands[0..nb) shaded in turn (classes chart-zone-0 to -3,
 * which the page's legend repeats) and labelled at its left edge, and a
 * dashed line with its label for each mark of marks[0..nm). Taller than
 * chart_line, for the zones' labels to fit. */
void chart_zoned_line(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_point *p, size_t n, double min, double max,
    const struct chart_band *bands, size_t nb, const struct chart_band *marks, size_t nm);

/* A sparkline: a tiny line of values spread evenly, oldest first, from
 * min (bottom) to max (top), for a row of a list. No title element: the
 * label (the values in words) is its accessible name (aria-label). */
void chart_spark(struct buf *b, const char *label, const double *v, size_t n, double min,
    double max);

/* A bar chart from zero: one bar per value, labelled underneath (only
 * some labels when there are many bars). */
void chart_bars(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_value *v, size_t n);

#endif
