/* Charts as inline SVG (see chart.h). Geometry is computed here without
 * libm: the few angles a star chart needs come from a short series. */
#include "web/chart.h"

#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/html.h"
#include "base/utf8.h"

#define PI 3.14159265358979323846

/* Writes v with one decimal and a '.', whatever the locale. By hand, not
 * snprintf: a plan page writes some 400 of these (profiled). */
static const char *
num(char out[32], double v)
{
	long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
	char digits[24];
	size_t n = 0, o = 0;

	if (t < 0) {
		out[o++] = '-';
		t = -t;
	}
	out[31] = '\0';
	digits[n++] = (char)('0' + t % 10);
	digits[n++] = '.';
	t /= 10;
	do {
		digits[n++] = (char)('0' + t % 10);
		t /= 10;
	} while (t > 0 && n < sizeof(digits));
	while (n > 0 && o < 31)
		out[o++] = digits[--n];
	out[o] = '\0';
	return out;
}

/* A value as people read it: "3" for a whole number, else "3.5". */
static const char *
num_short(char out[32], double v)
{
	long long t = (long long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));

	if (t % 10 == 0) {
		snprintf(out, 32, "%lld", t / 10);
		return out;
	}
	return num(out, v);
}

/* cos and sin of a (radians), by their series after bringing a into
 * [-pi, pi], where 40 terms are far more than double precision needs. */
static void
cos_sin(double a, double *c, double *s)
{
	double term = 1.0, cs = 0.0, sn = 0.0;
	int k;

	while (a > PI)
		a -= 2 * PI;
	while (a < -PI)
		a += 2 * PI;
	for (k = 0; k < 40; k++) {
		switch (k % 4) {
		case 0: cs += term; break;
		case 1: sn += term; break;
		case 2: cs -= term; break;
		default: sn -= term; break;
		}
		term = term * a / (k + 1);
	}
	*c = cs;
	*s = sn;
}

static void
begin(struct buf *b, const char *id, const char *cls, int w, int h, const char *title,
    const char *desc)
{
	html(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart %s\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%s-t\" aria-describedby=\"%s-d\" "
	    "font-size=\"14\">", cls, w, h, id, id);
	html(b, "<title id=\"%s-t\">%s</title><desc id=\"%s-d\">%s</desc>", id, title, id,
	    desc);
}

/* c and s of axis i of n, from the table when it holds it. */
#define AXIS(i) ((i) < AXES ? (void)(c = axis[i][0], s = axis[i][1]) : \
	cos_sin(-PI / 2 + 2 * PI * (double)(i) / (double)n, &c, &s))

void
chart_radar(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_value *v, size_t n, double max)
{
	/* As wide as a phone's column (328 px at 360), so it is not scaled
	 * down there and 14 units read as 14 px: with the names at the rim,
	 * scaled from 560 units, they were 8 px and the numbers 6 px. */
	enum { W = 320, H = 320, CX = 160, CY = 160, R = 116, AXES = 16 };
	char x[32], y[32];
	double c, s, f, axis[AXES][2];
	size_t i;
	int ring;

	begin(b, id, "chart-radar", W, H, title, desc);
	if (n == 0 || max <= 0) {
		html_raw(b, "</svg>");
		return;
	}
	/* Each axis's direction once, not once per ring and mark. */
	for (i = 0; i < n && i < AXES; i++)
		cos_sin(-PI / 2 + 2 * PI * (double)i / (double)n, &axis[i][0], &axis[i][1]);
	/* Rings at each fifth of the scale, then the axes. */
	html_raw(b, "<g class=\"chart-grid\">");
	for (ring = 1; ring <= 5; ring++) {
		html_raw(b, "<polygon points=\"");
		for (i = 0; i < n; i++) {
			AXIS(i);
			html(b, "%s%s,%s", i ? " " : "", num(x, CX + R * ring / 5.0 * c),
			    num(y, CY + R * ring / 5.0 * s));
		}
		html_raw(b, "\"/>");
	}
	for (i = 0; i < n; i++) {
		AXIS(i);
		html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%s\"", CX, CY, num(x, CX + R * c));
		html(b, " y2=\"%s\"/>", num(y, CY + R * s));
	}
	html_raw(b, "</g>");
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\">%s</text>",
	    CX + 4, CY - R / 2 + 14, num_short(x, max / 2));
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\">%s</text>",
	    CX + 4, CY - R + 14, num_short(x, max));

	/* The values: unrated axes sit at the centre. */
	html_raw(b, "<polygon class=\"chart-area\" points=\"");
	for (i = 0; i < n; i++) {
		f = v[i].has_value ? v[i].value / max : 0;
		f = f < 0 ? 0 : f > 1 ? 1 : f;
		AXIS(i);
		html(b, "%s%s,%s", i ? " " : "", num(x, CX + R * f * c), num(y, CY + R * f * s));
	}
	html_raw(b, "\"/>");
	for (i = 0; i < n; i++) {
		if (!v[i].has_value)
			continue;
		f = v[i].value / max;
		f = f < 0 ? 0 : f > 1 ? 1 : f;
		AXIS(i);
		html(b, "<circle class=\"chart-dot\" cx=\"%s\" cy=\"%s\" r=\"5\"/>",
		    num(x, CX + R * f * c), num(y, CY + R * f * s));
	}

	/* Each axis's number just outside the rim; the page names them. */
	for (i = 0; i < n; i++) {
		AXIS(i);
		html(b, "<text class=\"chart-label\" text-anchor=\"middle\" "
		    "dominant-baseline=\"central\" font-size=\"16\" x=\"%s\"",
		    num(x, CX + (R + 16) * c));
		html(b, " y=\"%s\">%zu</text>", num(y, CY + (R + 16) * s), i + 1);
	}
	html_raw(b, "</svg>");
}

void
chart_line(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_point *p, size_t n, double min, double max)
{
	enum { W = 320, H = 130, X0 = 34, X1 = 308, TOP = 12, BOTTOM = 100 };
	char x[32], y[32];
	double span, px, py;
	int64_t t0, t1;
	size_t i;

	begin(b, id, "chart-line", W, H, title, desc);
	if (max <= min)
		max = min + 1;
	html_raw(b, "<g class=\"chart-grid\">");
	html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, TOP, X1, TOP);
	html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, (TOP + BOTTOM) / 2, X1,
	    (TOP + BOTTOM) / 2);
	html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, BOTTOM, X1, BOTTOM);
	html_raw(b, "</g>");
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"14\">%s</text>", X0 - 6, TOP + 4, num_short(x, max));
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"14\">%s</text>", X0 - 6, BOTTOM + 4, num_short(x, min));
	if (n == 0) {
		html_raw(b, "</svg>");
		return;
	}
	t0 = p[0].at_us;
	t1 = p[n - 1].at_us;
	span = (double)(t1 - t0);
	html_raw(b, "<polyline class=\"chart-path\" points=\"");
	for (i = 0; i < n; i++) {
		px = span > 0 ? X0 + 8 + (X1 - X0 - 16) * (double)(p[i].at_us - t0) / span :
		    (X0 + X1) / 2.0;
		py = BOTTOM - (BOTTOM - TOP) * (p[i].value - min) / (max - min);
		html(b, "%s%s,%s", i ? " " : "", num(x, px), num(y, py));
	}
	html_raw(b, "\"/>");
	for (i = 0; i < n; i++) {
		px = span > 0 ? X0 + 8 + (X1 - X0 - 16) * (double)(p[i].at_us - t0) / span :
		    (X0 + X1) / 2.0;
		py = BOTTOM - (BOTTOM - TOP) * (p[i].value - min) / (max - min);
		html(b, "<circle class=\"chart-dot\" cx=\"%s\" cy=\"%s\" r=\"4\"/>", num(x, px),
		    num(y, py));
	}
	html_raw(b, "</svg>");
}

/* Appends whole number v >= 0 to b, without printf: a page holds a
 * sparkline per person. */
static void
put_uint(struct buf *b, int v)
{
	char d[12];
	int n = 0;

	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n > 0)
		buf_putc(b, d[--n]);
}

void
chart_spark(struct buf *b, const char *label, const double *v, size_t n, double min,
    double max)
{
	enum { W = 96, H = 24, PAD = 3 };    /* whole units: exact enough here */
	int px = 0, py = 0;
	size_t i;

	html(b, "<svg class=\"chart chart-spark\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"%s\">", W, H, label);
	if (max <= min)
		max = min + 1;
	for (i = 0; i < n; i++) {
		double f = (v[i] < min ? min : v[i] > max ? max : v[i]) - min;

		px = n > 1 ? PAD + (int)((W - 2 * PAD) * (double)i / (double)(n - 1) + 0.5) : W / 2;
		py = H - PAD - (int)((H - 2 * PAD) * f / (max - min) + 0.5);
		buf_puts(b, i == 0 ? "<polyline class=\"chart-path\" points=\"" : " ");
		put_uint(b, px);
		buf_putc(b, ',');
		put_uint(b, py);
	}
	if (n > 0) {         /* the latest value, as a dot */
		buf_puts(b, "\"/><circle class=\"chart-dot\" r=\"2.5\" cx=\"");
		put_uint(b, px);
		buf_puts(b, "\" cy=\"");
		put_uint(b, py);
		buf_puts(b, "\"/>");
	}
	buf_puts(b, "</svg>");
}

void
chart_zoned_line(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_point *p, size_t n, double min, double max,
    const struct chart_band *bands, size_t nb, const struct chart_band *marks, size_t nm)
{
	enum { W = 320, H = 200, X0 = 34, X1 = 308, TOP = 12, BOTTOM = 184 };
	char x[32], y[32], h[32];
	double span, px, py, top, bottom, lo, hi;
	int64_t t0, t1;
	size_t i;

	begin(b, id, "chart-line chart-zoned", W, H, title, desc);
	if (max <= min)
		max = min + 1;
#define Y_OF(v) (BOTTOM - (BOTTOM - TOP) * ((v) - min) / (max - min))
	/* The zones first, under everything else; a zone to..from+1 reaches
	 * the next one's edge, so they touch. */
	for (i = 0; i < nb; i++) {
		lo = bands[i].from < min ? min : bands[i].from;
		hi = i + 1 < nb ? bands[i + 1].from : bands[i].to;
		hi = hi > max ? max : hi;
		if (hi <= lo)
			continue;
		top = Y_OF(hi);
		bottom = Y_OF(lo);
		html(b, "<rect class=\"chart-zone chart-zone-%zu\" x=\"%d\" y=\"%s\" width=\"%d\" ",
		    i % 4, X0, num(y, top), X1 - X0);
		html(b, "height=\"%s\"/>", num(h, bottom - top));
		if (bands[i].label != NULL)
			html(b, "<text class=\"chart-label\" x=\"%d\" y=\"%s\" font-size=\"12\">%s</text>",
			    X0 + 4, num(y, top + 13), bands[i].label);
	}
	html_raw(b, "<g class=\"chart-grid\">");
	html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, TOP, X1, TOP);
	html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, BOTTOM, X1, BOTTOM);
	html_raw(b, "</g>");
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"14\">%s</text>", X0 - 6, TOP + 4, num_short(x, max));
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"14\">%s</text>", X0 - 6, BOTTOM + 4, num_short(x, min));
	for (i = 0; i < nm; i++) {
		if (marks[i].from < min || marks[i].from > max)
			continue;
		py = Y_OF(marks[i].from);
		html(b, "<line class=\"chart-mark\" x1=\"%d\" y1=\"%s\" x2=\"%d\" ", X0,
		    num(y, py), X1);
		html(b, "y2=\"%s\"/>", num(y, py));
		html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\" "
		    "font-size=\"14\">%s</text>", X0 - 6, num(y, py + 4), num_short(x, marks[i].from));
		if (marks[i].label != NULL)
			html(b, "<text class=\"chart-label\" x=\"%d\" y=\"%s\" text-anchor=\"end\" "
			    "font-size=\"12\">%s</text>", X1 - 4, num(y, py - 4), marks[i].label);
	}
	if (n == 0) {
		html_raw(b, "</svg>");
		return;
	}
	t0 = p[0].at_us;
	t1 = p[n - 1].at_us;
	span = (double)(t1 - t0);
#define X_OF(t) (span > 0 ? X0 + 8 + (X1 - X0 - 16) * (double)((t) - t0) / span : \
	(X0 + X1) / 2.0)
	html_raw(b, "<polyline class=\"chart-path\" points=\"");
	for (i = 0; i < n; i++) {
		px = X_OF(p[i].at_us);
		py = Y_OF(p[i].value);
		html(b, "%s%s,%s", i ? " " : "", num(x, px), num(y, py));
	}
	html_raw(b, "\"/>");
	for (i = 0; i < n; i++) {
		px = X_OF(p[i].at_us);
		py = Y_OF(p[i].value);
		html(b, "<circle class=\"chart-dot\" cx=\"%s\" cy=\"%s\" r=\"4\"/>", num(x, px),
		    num(y, py));
	}
#undef X_OF
#undef Y_OF
	html_raw(b, "</svg>");
}

void
chart_bars(struct buf *b, const char *id, const char *title, const char *desc,
    const struct chart_value *v, size_t n)
{
	enum { W = 480, H = 190, X0 = 36, X1 = 470, TOP = 20, BOTTOM = 160 };
	char x[32], y[32], w[32], h[32];
	double max = 0, slot, bw, bh, bx;
	size_t i, every;

	begin(b, id, "chart-bars", W, H, title, desc);
	/* 18 units: about 12 px in a phone's column. */
	for (i = 0; i < n; i++)
		if (v[i].has_value && v[i].value > max)
			max = v[i].value;
	if (max <= 0)
		max = 1;
	html_raw(b, "<g class=\"chart-grid\">");
	html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, TOP, X1, TOP);
	html(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", X0, BOTTOM, X1, BOTTOM);
	html_raw(b, "</g>");
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"18\">%s</text>", X0 - 6, TOP + 4, num_short(x, max));
	html(b, "<text class=\"chart-tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	    "font-size=\"18\">0</text>", X0 - 6, BOTTOM + 4);
	if (n == 0) {
		html_raw(b, "</svg>");
		return;
	}
	slot = (double)(X1 - X0) / (double)n;
	bw = slot * 0.6 > 48 ? 48 : slot * 0.6;
	every = n <= 5 ? 1 : (n + 4) / 5;    /* "2026-03" at 18 units needs ~80 */
	for (i = 0; i < n; i++) {
		bx = X0 + slot * (double)i + (slot - bw) / 2;
		bh = v[i].has_value && v[i].value > 0 ?
		    (BOTTOM - TOP) * v[i].value / max : 0;
		if (bh > 0) {
			html(b, "<rect class=\"chart-bar\" x=\"%s\" y=\"%s\"", num(x, bx),
			    num(y, BOTTOM - bh));
			html(b, " width=\"%s\" height=\"%s\"/>", num(w, bw), num(h, bh));
			html(b, "<text class=\"chart-value\" x=\"%s\" y=\"%s\" "
			    "text-anchor=\"middle\" font-size=\"18\">", num(x, bx + bw / 2),
			    num(y, BOTTOM - bh - 4));
			html(b, "%s</text>", num_short(w, v[i].value));
		}
		if ((n - 1 - i) % every == 0)     /* counted from the latest */
			html(b, "<text class=\"chart-label\" x=\"%s\" y=\"%d\" "
			    "text-anchor=\"middle\" font-size=\"18\">%s</text>",
			    num(x, bx + bw / 2), BOTTOM + 22, v[i].label ? v[i].label : "");
	}
	html_raw(b, "</svg>");
}
