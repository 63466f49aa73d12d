/* HSDS data packages: CSV through libcsv, datapackage.json through
 * jansson, checked against the package's own schema (required columns
 * and values, enumerations, foreign keys) and mapped onto the directory's
 * records. Line numbers are physical lines: the CSV is fed to libcsv one
 * line at a time, so each record knows the line it starts on. */
#include "core/hsds.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/utf8.h"

/* Problems */

static void
push(struct arena *a, const char ***arr, size_t *n, size_t *cap, const char *s)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		const char **x = arena_alloc(a, ncap * sizeof(*x));

		if (*n)
			memcpy(x, *arr, *n * sizeof(*x));
		*arr = x;
		*cap = ncap;
	}
	(*arr)[(*n)++] = s;
}

static const char *
locate(struct arena *a, const char *file, size_t line, const char *field,
    const char *fmt, va_list ap)
{
	struct buf b;

	buf_init(&b, a);
	buf_puts(&b, file);
	if (line > 0)
		buf_printf(&b, ":%zu", line);
	buf_puts(&b, ": ");
	if (field != NULL)
		buf_printf(&b, "%s: ", field);
	buf_vprintf(&b, fmt, ap);
	return b.data;
}

void
hsds_problem(struct arena *a, struct hsds_problems *p, const char *file, size_t line,
    const char *field, const char *fmt, ...)
{
	va_list ap;

	p->total++;
	if (p->n >= HSDS_PROBLEMS_MAX)
		return;
	va_start(ap, fmt);
	push(a, &p->msgs, &p->n, &p->cap, locate(a, file, line, field, fmt, ap));
	va_end(ap);
}

void
hsds_warning(struct arena *a, struct hsds_problems *p, const char *file, size_t line,
    const char *field, const char *fmt, ...)
{
	va_list ap;

	if (p->nwarnings >= HSDS_PROBLEMS_MAX)
		return;
	va_start(ap, fmt);
	push(a, &p->warnings, &p->nwarnings, &p->wcap, locate(a, file, line, field, fmt, ap));
	va_end(ap);
}

/* CSV */

struct csv_state {
	struct arena *a;
	struct csv_table *t;
	struct hsds_problems *p;
	const char **fields;
	size_t nfields, cap;
	size_t line, rec_line;
	bool in_record, header_done;
	size_t rows_cap;
	int bad;
};

static const char *
field_name(const struct csv_state *st)
{
	if (!st->header_done)
		return _("header");
	return st->nfields < st->t->ncols ? st->t->cols[st->nfields] : NULL;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;
	const char *v = NULL;

	if (len > 0 && (!utf8_valid(s, len) || memchr(s, '\0', len) != NULL)) {
		hsds_problem(st->a, st->p, st->t->file, st->rec_line, field_name(st),
		    "%s", _("not valid UTF-8 text"));
		st->bad = 1;
	} else if (len > 0) {
		v = arena_strndup(st->a, s, len);
	}
	if (st->nfields == st->cap) {
		size_t ncap = st->cap ? st->cap * 2 : 32;
		const char **x = arena_alloc(st->a, ncap * sizeof(*x));

		if (st->nfields)
			memcpy(x, st->fields, st->nfields * sizeof(*x));
		st->fields = x;
		st->cap = ncap;
	}
	st->fields[st->nfields++] = v;
}

static void
on_record(int c, void *data)
{
	struct csv_state *st = data;
	struct csv_table *t = st->t;
	size_t i;

	(void)c;
	st->in_record = false;
	if (!st->header_done) {
		t->ncols = st->nfields;
		t->cols = arena_alloc(st->a, (st->nfields + 1) * sizeof(*t->cols));
		for (i = 0; i < st->nfields; i++) {
			const char *h = st->fields[i] ? st->fields[i] : "";

			while (*h == ' ')
				h++;
			t->cols[i] = arena_strndup(st->a, h, strcspn(h, " "));
		}
		st->header_done = true;
		st->nfields = 0;
		return;
	}
	if (st->nfields != t->ncols) {
		hsds_problem(st->a, st->p, t->file, st->rec_line, NULL,
		    _("has %zu fields; the header has %zu"), st->nfields, t->ncols);
		st->bad = 1;
		st->nfields = 0;
		return;
	}
	if (t->nrows == st->rows_cap) {
		size_t ncap = st->rows_cap ? st->rows_cap * 2 : 64;
		const char ***r = arena_alloc(st->a, ncap * sizeof(*r));
		size_t *l = arena_alloc(st->a, ncap * sizeof(*l));

		if (t->nrows) {
			memcpy(r, t->rows, t->nrows * sizeof(*r));
			memcpy(l, t->lines, t->nrows * sizeof(*l));
		}
		t->rows = r;
		t->lines = l;
		st->rows_cap = ncap;
	}
	t->rows[t->nrows] = arena_alloc(st->a, t->ncols * sizeof(**t->rows));
	memcpy(t->rows[t->nrows], st->fields, t->ncols * sizeof(**t->rows));
	t->lines[t->nrows++] = st->rec_line;
	st->nfields = 0;
}

/* Keeps spaces around unquoted fields: they are data. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* The length of the physical line at s (n bytes): up to and with its
 * end, LF, CRLF or a CR alone (a spreadsheet's "CSV for Macintosh"),
 * which libcsv ends a record on too; else all of it. */
static size_t
line_len(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return n;
}

int
csv_table_parse(struct arena *a, const char *file, const char *data, size_t len,
    struct csv_table *out, struct hsds_problems *p)
{
	struct csv_parser parser;
	struct csv_state st = {0};
	size_t pos = 0;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->file = file;
	st.a = a;
	st.t = out;
	st.p = p;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		die("csv_init failed");
	csv_set_space_func(&parser, no_space);
	while (pos < len) {
		size_t n = line_len(data + pos, len - pos), k;

		st.line++;
		if (!st.in_record) {
			for (k = 0; k < n && (data[pos + k] == '\r' || data[pos + k] == '\n'); k++)
				;
			if (k < n) {
				st.in_record = true;
				st.rec_line = st.line;
			}
		}
		if (csv_parse(&parser, data + pos, n, on_field, on_record, &st) != n) {
			hsds_problem(a, p, file, st.line, NULL, "%s",
			    _("a quotation mark out of place"));
			rc = ERR_INVALID;
			goto out;
		}
		pos += n;
	}
	if (csv_fini(&parser, on_field, on_record, &st) != 0) {
		hsds_problem(a, p, file, st.rec_line, NULL, "%s",
		    _("a quoted field is not closed"));
		rc = ERR_INVALID;
		goto out;
	}
	if (!st.header_done) {
		hsds_problem(a, p, file, 1, NULL, "%s", _("the file has no header"));
		rc = ERR_INVALID;
	}
	if (st.bad)
		rc = ERR_INVALID;
out:
	csv_free(&parser);
	return rc;
}

int
csv_col(const struct csv_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i], name) == 0)
			return (int)i;
	return -1;
}

/* The value of column name in row r, or NULL. */
static const char *
cell(const struct csv_table *t, size_t r, const char *name)
{
	int c = t ? csv_col(t, name) : -1;

	return c < 0 ? NULL : t->rows[r][c];
}

/* Layouts, days and languages */

enum hsds_layout
hsds_detect_layout(const char *const *files, size_t n)
{
	static const char *const v3[] = {"service_at_location.csv", "addresses.csv",
	    "schedules.csv", "cost_options.csv", "attributes.csv", "taxonomy_terms.csv"};
	static const char *const v1[] = {"services_at_location.csv",
	    "physical_addresses.csv", "regular_schedules.csv", "eligibility.csv",
	    "services_taxonomy.csv", "holiday_schedules.csv"};
	size_t i, k;
	int three = 0, one = 0;

	for (i = 0; i < n; i++) {
		const char *base = strrchr(files[i], '/');

		base = base ? base + 1 : files[i];
		for (k = 0; k < sizeof(v3) / sizeof(v3[0]); k++)
			three += strcmp(base, v3[k]) == 0;
		for (k = 0; k < sizeof(v1) / sizeof(v1[0]); k++)
			one += strcmp(base, v1[k]) == 0;
	}
	if (three > one)
		return HSDS_3_0;
	if (one > three)
		return HSDS_1_1;
	return HSDS_UNKNOWN;
}

static const char *const days[7] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

const char *
hsds_weekday_byday(const char *weekday)
{
	static const char *const names[7] = {"monday", "tuesday", "wednesday",
	    "thursday", "friday", "saturday", "sunday"};
	char *end;
	long v;
	int i;

	if (weekday == NULL)
		return NULL;
	errno = 0;
	v = strtol(weekday, &end, 10);
	if (end != weekday && *end == '\0' && errno == 0)
		return v >= 1 && v <= 7 ? days[v - 1] : NULL;
	for (i = 0; i < 7; i++)
		if (strcasecmp(weekday, names[i]) == 0 ||
		    (strlen(weekday) == 3 && strncasecmp(weekday, names[i], 3) == 0))
			return days[i];
	return NULL;
}

const char *
hsds_byday_norm(const char *s, size_t n)
{
	int i;

	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; n == 2 && i < 7; i++)
		if (strncasecmp(s, days[i], 2) == 0)
			return days[i];
	return NULL;
}

const char *
hsds_language_code(const char *name)
{
	static const struct { const char *code, *names; } langs[] = {
		{"en", "|english|eng|"}, {"da", "|danish|dansk|dan|"},
		{"nl", "|dutch|nederlands|nld|dut|flemish|"}, {"de", "|german|deutsch|deu|ger|"},
		{"fr", "|french|français|fra|fre|"}, {"es", "|spanish|español|spa|"},
		{"it", "|italian|italiano|ita|"}, {"pt", "|portuguese|português|por|"},
		{"pl", "|polish|polski|pol|"}, {"ar", "|arabic|ara|"}, {"tr", "|turkish|türkçe|tur|"},
		{"ur", "|urdu|urd|"}, {"sv", "|swedish|svenska|swe|"},
		{"no", "|norwegian|norsk|nor|"}, {"so", "|somali|som|"},
		{"uk", "|ukrainian|ukr|"}, {"ru", "|russian|rus|"},
		{"fa", "|persian|farsi|fas|per|"}, {"zh", "|chinese|mandarin|zho|chi|"},
		{"ro", "|romanian|ron|rum|"}, {"ku", "|kurdish|kur|"}, {"ti", "|tigrinya|tir|"},
		{"sk", "|slovak|slk|slo|"}, {"kl", "|greenlandic|kalaallisut|kal|"},
		{"fo", "|faroese|fao|"}, {"fy", "|frisian|frysk|fry|"}, {"is", "|icelandic|isl|ice|"},
		{"fi", "|finnish|suomi|fin|"}, {"hi", "|hindi|hin|"}, {"bn", "|bengali|ben|"},
		{"pa", "|punjabi|panjabi|pan|"}, {"vi", "|vietnamese|vie|"},
		{"ps", "|pashto|pus|"}, {"am", "|amharic|amh|"}, {"sq", "|albanian|sqi|alb|"},
		{"bs", "|bosnian|bos|"}, {"hr", "|croatian|hrv|"}, {"sr", "|serbian|srp|"},
		{"el", "|greek|ell|gre|"}, {"he", "|hebrew|heb|"}, {"sgn", "|sign language|"},
	};
	char key[64];
	size_t i, n;

	if (name == NULL)
		return NULL;
	n = strlen(name);
	if (n == 0 || n + 3 > sizeof(key))
		return NULL;
	for (i = 0; i < n; i++)
		key[i + 1] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] + 32 : name[i]);
	key[0] = '|';
	key[n + 1] = '|';
	key[n + 2] = '\0';
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++)
		if (strstr(langs[i].names, key) != NULL || strcmp(langs[i].code, key + 1) == 0 ||
		    (n == 2 && strncmp(langs[i].code, key + 1, 2) == 0 && langs[i].code[2] == '\0'))
			return langs[i].code;
	return NULL;
}

/* The package */

/* The resources rosc reads, by kind; file names of each layout. */
enum kind {
	K_ORG, K_LOCATION, K_SERVICE, K_SAL, K_CONTACT, K_PHONE, K_ADDRESS, K_SCHEDULE,
	K_LANGUAGE, K_ELIGIBILITY, K_ATTRIBUTE, K_TERM, K_COUNT
};

static const char *const files_1_1[K_COUNT] = {
	"organizations.csv", "locations.csv", "services.csv", "services_at_location.csv",
	"contacts.csv", "phones.csv", "physical_addresses.csv", "regular_schedules.csv",
	"languages.csv", "eligibility.csv", NULL, NULL,
};
static const char *const files_3_0[K_COUNT] = {
	"organizations.csv", "locations.csv", "services.csv", "service_at_location.csv",
	"contacts.csv", "phones.csv", "addresses.csv", "schedules.csv", "languages.csv",
	NULL, "attributes.csv", "taxonomy_terms.csv",
};

/* A resource of datapackage.json: its file, table and schema. */
struct resource {
	const char *path;
	json_t *schema;
	struct csv_table t;
	bool read;
};

/* A sorted set of ids, for foreign keys. */
struct idset {
	const char **ids;
	size_t n;
};

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void
idset_make(struct arena *a, struct idset *s, const struct csv_table *t)
{
	int c = t ? csv_col(t, "id") : -1;
	size_t i;

	s->n = 0;
	s->ids = NULL;
	if (c < 0)
		return;
	s->ids = arena_alloc(a, (t->nrows + 1) * sizeof(*s->ids));
	for (i = 0; i < t->nrows; i++)
		if (t->rows[i][c] != NULL)
			s->ids[s->n++] = t->rows[i][c];
	qsort(s->ids, s->n, sizeof(*s->ids), cmp_str);
}

static bool
idset_has(const struct idset *s, const char *id)
{
	return s->n > 0 && bsearch(&id, s->ids, s->n, sizeof(*s->ids), cmp_str) != NULL;
}

struct reader {
	struct arena *a;
	const char *dir;
	struct hsds_problems *p;
	struct resource *res;
	size_t nres;
	struct resource *kinds[K_COUNT];
	struct idset ids[K_COUNT];
};

static json_t *
schema_field(json_t *schema, const char *name)
{
	json_t *fields = json_object_get(schema, "fields"), *f;
	size_t i;

	json_array_foreach(fields, i, f) {
		const char *n = json_string_value(json_object_get(f, "name"));

		if (n != NULL && strcmp(n, name) == 0)
			return f;
	}
	return NULL;
}

static bool
field_required(json_t *schema, const char *name)
{
	json_t *f = schema_field(schema, name);

	return json_is_true(json_object_get(json_object_get(f, "constraints"), "required"));
}

/* Reads a file of at most HSDS_FILE_MAX bytes into the arena. */
static int
read_file(struct reader *r, const char *name, char **data, size_t *len)
{
	char *path = arena_printf(r->a, "%s/%s", r->dir, name);
	struct stat sb;
	FILE *f;

	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		hsds_problem(r->a, r->p, name, 0, NULL, "%s", _("the file is missing"));
		return ERR_IO;
	}
	if ((uint64_t)sb.st_size > HSDS_FILE_MAX) {
		hsds_problem(r->a, r->p, name, 0, NULL,
		    _("the file is %.1f MiB; rosc reads files of up to %u MiB"),
		    (double)sb.st_size / (1024.0 * 1024.0), HSDS_FILE_MAX / (1024 * 1024));
		return ERR_INVALID;
	}
	f = fopen(path, "rb");
	if (f == NULL) {
		hsds_problem(r->a, r->p, name, 0, NULL, _("cannot be read (%s)"), strerror(errno));
		return ERR_IO;
	}
	*data = arena_alloc(r->a, (size_t)sb.st_size + 1);
	*len = fread(*data, 1, (size_t)sb.st_size, f);
	fclose(f);
	return 0;
}

/* Checks a table against its schema: required columns and values,
 * enumerations, and (for the tables rosc keeps) ids. */
static void
check_table(struct reader *r, struct resource *res, bool kept)
{
	struct csv_table *t = &res->t;
	json_t *fields = json_object_get(res->schema, "fields"), *f;
	size_t i, k;
	int idc = csv_col(t, "id");

	json_array_foreach(fields, i, f) {
		const char *name = json_string_value(json_object_get(f, "name"));
		json_t *cons = json_object_get(f, "constraints");
		json_t *en = json_object_get(cons, "enum");
		bool req = json_is_true(json_object_get(cons, "required"));
		int c;

		if (name == NULL)
			continue;
		c = csv_col(t, name);
		if (c < 0) {
			if (req)
				hsds_problem(r->a, r->p, t->file, 1, name, "%s",
				    _("the column is missing"));
			continue;
		}
		for (k = 0; k < t->nrows; k++) {
			const char *v = t->rows[k][c];

			if (v == NULL) {
				if (req)
					hsds_problem(r->a, r->p, t->file, t->lines[k], name, "%s",
					    _("a value is required"));
			} else if (json_is_array(en) && json_array_size(en) > 0) {
				json_t *e;
				size_t j;
				bool ok = false;

				json_array_foreach(en, j, e)
					if (json_is_string(e) && strcmp(json_string_value(e), v) == 0)
						ok = true;
				if (!ok)
					hsds_problem(r->a, r->p, t->file, t->lines[k], name,
					    _("\"%s\" is not one of the values allowed"), v);
			}
		}
	}
	if (!kept)
		return;
	if (idc < 0) {
		hsds_problem(r->a, r->p, t->file, 1, "id", "%s", _("the column is missing"));
		return;
	}
	for (k = 0; k < t->nrows; k++) {
		const char *v = t->rows[k][idc];

		if (v == NULL)
			hsds_problem(r->a, r->p, t->file, t->lines[k], "id", "%s",
			    _("a value is required"));
		else if (strlen(v) > HSDS_ID_MAX)
			hsds_problem(r->a, r->p, t->file, t->lines[k], "id",
			    _("longer than %d characters"), HSDS_ID_MAX);
	}
	/* Duplicate ids: sort the row numbers by id. */
	{
		struct idset s;

		idset_make(r->a, &s, t);
		for (k = 1; k < s.n; k++)
			if (strcmp(s.ids[k - 1], s.ids[k]) == 0 &&
			    (k < 2 || strcmp(s.ids[k - 2], s.ids[k]) != 0))
				hsds_problem(r->a, r->p, t->file, 0, "id",
				    _("the id %s is on more than one line"), s.ids[k]);
	}
}

/* A reference from a kept table to another: the id if it is in the
 * package; NULL if it is empty; for a dangling one a problem when the
 * package requires the field, else a warning and NULL. */
static const char *
ref_must(struct reader *r, enum kind from, size_t row, const char *field, enum kind to,
    bool must)
{
	struct resource *res = r->kinds[from];
	const char *v = cell(&res->t, row, field);

	if (v == NULL)
		return NULL;
	if (r->kinds[to] != NULL && idset_has(&r->ids[to], v))
		return v;
	if (must || field_required(res->schema, field))
		hsds_problem(r->a, r->p, res->t.file, res->t.lines[row], field,
		    _("there is no record %s in %s"), v,
		    r->kinds[to] ? r->kinds[to]->path : files_3_0[to]);
	else
		hsds_warning(r->a, r->p, res->t.file, res->t.lines[row], field,
		    _("there is no record %s in %s; the link is left out"), v,
		    r->kinds[to] ? r->kinds[to]->path : files_3_0[to]);
	return NULL;
}

static const char *
ref(struct reader *r, enum kind from, size_t row, const char *field, enum kind to)
{
	return ref_must(r, from, row, field, to, false);
}

/* A value rosc cannot do without, even where the package does not say it
 * is required (where it does, check_table has said so). */
static const char *
need(struct reader *r, enum kind k, size_t row, const char *field)
{
	const char *v = cell(&r->kinds[k]->t, row, field);

	if (v == NULL && !field_required(r->kinds[k]->schema, field))
		hsds_problem(r->a, r->p, r->kinds[k]->t.file, r->kinds[k]->t.lines[row], field,
		    "%s", _("a value is required"));
	return v;
}

static bool
parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	double d;

	if (s == NULL)
		return false;
	errno = 0;
	d = strtod(s, &end);
	if (end == s || *end != '\0' || errno != 0 || d < lo || d > hi || d != (double)(long)d)
		return false;
	*out = (int)d;
	return true;
}

static bool
parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return end != s && *end == '\0' && errno == 0 && isfinite(*out);
}

/* "10:00:00" as "10:00"; anything else as it is. */
static const char *
time_norm(struct arena *a, const char *s)
{
	if (s != NULL && strlen(s) == 8 && s[2] == ':' && s[5] == ':' && s[6] == '0' &&
	    s[7] == '0')
		return arena_strndup(a, s, 5);
	return s;
}

/* Records by id, for lookups in big packages: each record's first member
 * is its id. */
struct idx {
	const char *id;
	size_t at;
};

static struct idx *
idx_make(struct arena *a, const void *base, size_t n, size_t stride)
{
	struct idx *x = arena_alloc(a, (n + 1) * sizeof(*x));
	size_t i;

	for (i = 0; i < n; i++) {
		x[i].id = *(const char *const *)(const void *)((const char *)base + i * stride);
		x[i].at = i;
	}
	qsort(x, n, sizeof(*x), cmp_str);
	return x;
}

/* The position of id among n records, or -1 (the first of equal ids). */
static long
idx_find(const struct idx *x, size_t n, const char *id)
{
	const struct idx *hit;

	if (id == NULL || n == 0)
		return -1;
	hit = bsearch(&id, x, n, sizeof(*x), cmp_str);
	if (hit == NULL)
		return -1;
	while (hit > x && strcmp(hit[-1].id, id) == 0)
		hit--;
	return (long)hit->at;
}

#define TABLE(r, k) (&(r)->kinds[k]->t)
#define EACH(r, k, i) for (i = 0; (r)->kinds[k] != NULL && i < TABLE(r, k)->nrows; i++)
#define GET(r, k, i, name) cell(TABLE(r, k), i, name)

static void
map_orgs(struct reader *r, struct hsds_package *pkg)
{
	size_t i;

	if (r->kinds[K_ORG] == NULL)
		return;
	pkg->orgs = arena_alloc(r->a, (TABLE(r, K_ORG)->nrows + 1) * sizeof(*pkg->orgs));
	EACH(r, K_ORG, i) {
		struct dir_org *o = &pkg->orgs[pkg->norgs++];

		o->id = GET(r, K_ORG, i, "id");
		o->name = need(r, K_ORG, i, "name");
		o->alternate_name = GET(r, K_ORG, i, "alternate_name");
		o->description = GET(r, K_ORG, i, "description");
		o->email = GET(r, K_ORG, i, "email");
		o->website = GET(r, K_ORG, i, "website");
		if (o->website == NULL)
			o->website = GET(r, K_ORG, i, "url");
	}
}

static void
map_locations(struct reader *r, struct hsds_package *pkg)
{
	struct idx *lx;
	size_t i;

	if (r->kinds[K_LOCATION] == NULL)
		return;
	pkg->locations = arena_alloc(r->a,
	    (TABLE(r, K_LOCATION)->nrows + 1) * sizeof(*pkg->locations));
	EACH(r, K_LOCATION, i) {
		struct dir_location *l = &pkg->locations[pkg->nlocations++];
		const char *lat = GET(r, K_LOCATION, i, "latitude");
		const char *lon = GET(r, K_LOCATION, i, "longitude");
		const struct csv_table *t = TABLE(r, K_LOCATION);

		l->id = GET(r, K_LOCATION, i, "id");
		l->organization_id = ref(r, K_LOCATION, i, "organization_id", K_ORG);
		l->name = GET(r, K_LOCATION, i, "name");
		l->alternate_name = GET(r, K_LOCATION, i, "alternate_name");
		l->description = GET(r, K_LOCATION, i, "description");
		l->transportation = GET(r, K_LOCATION, i, "transportation");
		if (lat != NULL && !parse_double(lat, &l->latitude))
			hsds_problem(r->a, r->p, t->file, t->lines[i], "latitude", "%s",
			    _("not a number"));
		if (lon != NULL && !parse_double(lon, &l->longitude))
			hsds_problem(r->a, r->p, t->file, t->lines[i], "longitude", "%s",
			    _("not a number"));
		l->has_position = lat != NULL && lon != NULL;
	}
	/* Each location's first physical address. */
	lx = idx_make(r->a, pkg->locations, pkg->nlocations, sizeof(*pkg->locations));
	EACH(r, K_ADDRESS, i) {
		const char *type = GET(r, K_ADDRESS, i, "address_type");
		long k;
		struct dir_location *l;

		if (type != NULL && strcmp(type, "physical") != 0)
			continue;
		k = idx_find(lx, pkg->nlocations, ref(r, K_ADDRESS, i, "location_id", K_LOCATION));
		if (k < 0)
			continue;
		l = &pkg->locations[k];
		if (l->address_1 != NULL || l->city != NULL)
			continue;
		l->address_1 = GET(r, K_ADDRESS, i, "address_1");
		l->address_2 = GET(r, K_ADDRESS, i, "address_2");
		l->city = GET(r, K_ADDRESS, i, "city");
		l->region = GET(r, K_ADDRESS, i, "region");
		l->state_province = GET(r, K_ADDRESS, i, "state_province");
		l->postal_code = GET(r, K_ADDRESS, i, "postal_code");
		l->country = GET(r, K_ADDRESS, i, "country");
	}
}

static struct service *
service_by_id(struct hsds_package *pkg, const struct idx *x, const char *id, size_t *at)
{
	long k = idx_find(x, pkg->nservices, id);

	if (k < 0)
		return NULL;
	*at = (size_t)k;
	return &pkg->services[k];
}

/* The rosc taxonomy's terms, in the order they are written. */
static const char *const rosc_terms[] = {
	"stage", "domains", "video", "response_days", "shares", "capacity_available",
	"capacity_maximum", "capacity_unit", "capacity_updated",
};
#define NTERMS (sizeof(rosc_terms) / sizeof(rosc_terms[0]))
#define ROSC_TAXONOMY_URI "urn:rosc:hsds"
#define ROSC_TERM_URI ROSC_TAXONOMY_URI ":"

/* Reads one rosc attribute into sv. Returns false if the value is wrong. */
static bool
rosc_attribute(struct service *sv, unsigned *carried, const char *term, const char *v)
{
	if (strcmp(term, "stage") == 0) {
		*carried |= HSDS_CARRY_STAGE;
		sv->stage = STAGE_NONE;
		return v == NULL || stage_parse(v, &sv->stage);
	}
	if (strcmp(term, "domains") == 0) {
		*carried |= HSDS_CARRY_DOMAINS;
		sv->domains = 0;
		return v == NULL || domains_parse(v, &sv->domains);
	}
	if (strcmp(term, "video") == 0) {
		*carried |= HSDS_CARRY_VIDEO;
		sv->video = v != NULL && strcmp(v, "true") == 0;
		return v == NULL || sv->video || strcmp(v, "false") == 0;
	}
	if (strcmp(term, "response_days") == 0) {
		*carried |= HSDS_CARRY_RESPONSE_DAYS;
		sv->response_days = RESPONSE_DAYS_DEFAULT;
		return v == NULL || parse_int(v, 1, 90, &sv->response_days);
	}
	if (strcmp(term, "shares") == 0) {
		*carried |= HSDS_CARRY_SHARES;
		sv->shares = 0;
		return v == NULL || categories_parse(v, &sv->shares);
	}
	*carried |= HSDS_CARRY_CAPACITY;
	if (strcmp(term, "capacity_available") == 0) {
		sv->has_capacity = v != NULL;
		return v == NULL || parse_int(v, 0, 1000000, &sv->capacity_available);
	}
	if (strcmp(term, "capacity_maximum") == 0)
		return v == NULL || parse_int(v, 0, 1000000, &sv->capacity_maximum);
	if (strcmp(term, "capacity_unit") == 0) {
		sv->capacity_unit = v;
		return true;
	}
	if (strcmp(term, "capacity_updated") == 0)
		return v == NULL || clock_parse_instant(v, &sv->capacity_updated_us) == 0;
	return false;
}

static void
map_rosc_attributes(struct reader *r, struct hsds_package *pkg, const struct idx *sx)
{
	size_t i, k, at;

	EACH(r, K_ATTRIBUTE, i) {
		const char *term_id = GET(r, K_ATTRIBUTE, i, "taxonomy_term_id");
		const char *entity = GET(r, K_ATTRIBUTE, i, "link_entity");
		const char *uri = NULL, *term;
		const struct csv_table *t = TABLE(r, K_ATTRIBUTE);
		struct service *sv;

		EACH(r, K_TERM, k) {
			const char *id = GET(r, K_TERM, k, "id");

			if (id != NULL && term_id != NULL && strcmp(id, term_id) == 0) {
				uri = GET(r, K_TERM, k, "term_uri");
				break;
			}
		}
		if (uri == NULL || strncmp(uri, ROSC_TERM_URI, strlen(ROSC_TERM_URI)) != 0)
			continue;               /* not rosc's: skipped */
		term = uri + strlen(ROSC_TERM_URI);
		if (entity == NULL || strcmp(entity, "service") != 0)
			continue;
		sv = service_by_id(pkg, sx, GET(r, K_ATTRIBUTE, i, "link_id"), &at);
		if (sv == NULL) {
			hsds_warning(r->a, r->p, t->file, t->lines[i], "link_id",
			    _("there is no record %s in %s; the link is left out"),
			    GET(r, K_ATTRIBUTE, i, "link_id"), files_3_0[K_SERVICE]);
			continue;
		}
		for (k = 0; k < NTERMS && strcmp(rosc_terms[k], term) != 0; k++)
			;
		if (k == NTERMS || !rosc_attribute(sv, &pkg->carried[at], term,
		    GET(r, K_ATTRIBUTE, i, "value")))
			hsds_problem(r->a, r->p, t->file, t->lines[i], "value",
			    _("not a value rosc knows for %s"), term);
	}
}

static void
map_services(struct reader *r, struct hsds_package *pkg)
{
	struct idx *sx;
	size_t i, at;

	if (r->kinds[K_SERVICE] == NULL)
		return;
	pkg->services = arena_alloc(r->a,
	    (TABLE(r, K_SERVICE)->nrows + 1) * sizeof(*pkg->services));
	pkg->carried = arena_alloc(r->a,
	    (TABLE(r, K_SERVICE)->nrows + 1) * sizeof(*pkg->carried));
	EACH(r, K_SERVICE, i) {
		struct service *sv = &pkg->services[pkg->nservices++];
		const struct csv_table *t = TABLE(r, K_SERVICE);
		const char *min = GET(r, K_SERVICE, i, "minimum_age");
		const char *max = GET(r, K_SERVICE, i, "maximum_age");

		sv->id = GET(r, K_SERVICE, i, "id");
		need(r, K_SERVICE, i, "organization_id");
		sv->organization_id = ref_must(r, K_SERVICE, i, "organization_id", K_ORG, true);
		sv->name = need(r, K_SERVICE, i, "name");
		sv->alternate_name = GET(r, K_SERVICE, i, "alternate_name");
		sv->description = GET(r, K_SERVICE, i, "description");
		sv->url = GET(r, K_SERVICE, i, "url");
		sv->email = GET(r, K_SERVICE, i, "email");
		sv->status = need(r, K_SERVICE, i, "status");
		sv->interpretation_services = GET(r, K_SERVICE, i, "interpretation_services");
		sv->application_process = GET(r, K_SERVICE, i, "application_process");
		sv->fees_description = GET(r, K_SERVICE, i, "fees_description");
		if (sv->fees_description == NULL)
			sv->fees_description = GET(r, K_SERVICE, i, "fees");
		sv->wait_time = GET(r, K_SERVICE, i, "wait_time");
		sv->eligibility_description = GET(r, K_SERVICE, i, "eligibility_description");
		sv->alert = GET(r, K_SERVICE, i, "alert");
		sv->has_minimum_age = min != NULL;
		if (min != NULL && !parse_int(min, 0, 150, &sv->minimum_age))
			hsds_problem(r->a, r->p, t->file, t->lines[i], "minimum_age", "%s",
			    _("not an age"));
		sv->has_maximum_age = max != NULL;
		if (max != NULL && !parse_int(max, 0, 150, &sv->maximum_age))
			hsds_problem(r->a, r->p, t->file, t->lines[i], "maximum_age", "%s",
			    _("not an age"));
		sv->stage = STAGE_NONE;
	}
	sx = idx_make(r->a, pkg->services, pkg->nservices, sizeof(*pkg->services));
	/* 1.1: eligibility rows, joined, in file order. */
	EACH(r, K_ELIGIBILITY, i) {
		const char *e = GET(r, K_ELIGIBILITY, i, "eligibility");
		struct service *sv = service_by_id(pkg, sx,
		    ref(r, K_ELIGIBILITY, i, "service_id", K_SERVICE), &at);

		if (sv == NULL || e == NULL)
			continue;
		sv->eligibility_description = sv->eligibility_description == NULL ? e :
		    arena_printf(r->a, "%s, %s", sv->eligibility_description, e);
	}
	map_rosc_attributes(r, pkg, sx);
}

static void
map_links(struct reader *r, struct hsds_package *pkg)
{
	size_t i;

	if (r->kinds[K_SAL] != NULL) {
		pkg->sals = arena_alloc(r->a, (TABLE(r, K_SAL)->nrows + 1) * sizeof(*pkg->sals));
		EACH(r, K_SAL, i) {
			struct service_at_location *s = &pkg->sals[pkg->nsals];

			s->id = GET(r, K_SAL, i, "id");
			need(r, K_SAL, i, "service_id");
			need(r, K_SAL, i, "location_id");
			s->service_id = ref_must(r, K_SAL, i, "service_id", K_SERVICE, true);
			s->location_id = ref_must(r, K_SAL, i, "location_id", K_LOCATION, true);
			s->description = GET(r, K_SAL, i, "description");
			if (s->service_id != NULL && s->location_id != NULL)
				pkg->nsals++;
		}
	}
	if (r->kinds[K_CONTACT] != NULL) {
		pkg->contacts = arena_alloc(r->a,
		    (TABLE(r, K_CONTACT)->nrows + 1) * sizeof(*pkg->contacts));
		EACH(r, K_CONTACT, i) {
			struct dir_contact *c = &pkg->contacts[pkg->ncontacts++];

			c->id = GET(r, K_CONTACT, i, "id");
			c->organization_id = ref(r, K_CONTACT, i, "organization_id", K_ORG);
			c->service_id = ref(r, K_CONTACT, i, "service_id", K_SERVICE);
			c->location_id = ref(r, K_CONTACT, i, "location_id", K_LOCATION);
			c->name = GET(r, K_CONTACT, i, "name");
			c->title = GET(r, K_CONTACT, i, "title");
			c->department = GET(r, K_CONTACT, i, "department");
			c->email = GET(r, K_CONTACT, i, "email");
		}
	}
	if (r->kinds[K_PHONE] != NULL) {
		pkg->phones = arena_alloc(r->a,
		    (TABLE(r, K_PHONE)->nrows + 1) * sizeof(*pkg->phones));
		EACH(r, K_PHONE, i) {
			struct dir_phone *p = &pkg->phones[pkg->nphones++];

			p->id = GET(r, K_PHONE, i, "id");
			p->organization_id = ref(r, K_PHONE, i, "organization_id", K_ORG);
			p->service_id = ref(r, K_PHONE, i, "service_id", K_SERVICE);
			p->location_id = ref(r, K_PHONE, i, "location_id", K_LOCATION);
			p->contact_id = ref(r, K_PHONE, i, "contact_id", K_CONTACT);
			p->number = need(r, K_PHONE, i, "number");
			p->extension = GET(r, K_PHONE, i, "extension");
			p->type = GET(r, K_PHONE, i, "type");
			p->description = GET(r, K_PHONE, i, "description");
		}
	}
}

static void
add_schedule(struct arena *a, struct hsds_package *pkg, size_t *cap,
    const struct dir_schedule *sc)
{
	if (pkg->nschedules == *cap) {
		size_t ncap = *cap ? *cap * 2 : 32;
		struct dir_schedule *x = arena_alloc(a, ncap * sizeof(*x));

		if (pkg->nschedules)
			memcpy(x, pkg->schedules, pkg->nschedules * sizeof(*x));
		pkg->schedules = x;
		*cap = ncap;
	}
	pkg->schedules[pkg->nschedules++] = *sc;
}

static void
map_schedules(struct reader *r, struct hsds_package *pkg)
{
	size_t i, cap = 0;

	EACH(r, K_SCHEDULE, i) {
		struct dir_schedule sc = {0};
		const struct csv_table *t = TABLE(r, K_SCHEDULE);
		const char *byday = GET(r, K_SCHEDULE, i, "byday"), *p;
		size_t n = 0;
		bool plain = byday != NULL;

		sc.id = GET(r, K_SCHEDULE, i, "id");
		sc.service_id = ref(r, K_SCHEDULE, i, "service_id", K_SERVICE);
		sc.location_id = ref(r, K_SCHEDULE, i, "location_id", K_LOCATION);
		sc.service_at_location_id = ref(r, K_SCHEDULE, i, "service_at_location_id", K_SAL);
		sc.opens_at = time_norm(r->a, GET(r, K_SCHEDULE, i, "opens_at"));
		sc.closes_at = time_norm(r->a, GET(r, K_SCHEDULE, i, "closes_at"));
		sc.description = GET(r, K_SCHEDULE, i, "description");
		if (pkg->layout == HSDS_1_1) {
			sc.freq = "WEEKLY";
			sc.byday = hsds_weekday_byday(GET(r, K_SCHEDULE, i, "weekday"));
			if (sc.byday == NULL && GET(r, K_SCHEDULE, i, "weekday") != NULL)
				hsds_problem(r->a, r->p, t->file, t->lines[i], "weekday",
				    _("\"%s\" is not a day of the week (1 Monday to 7 Sunday)"),
				    GET(r, K_SCHEDULE, i, "weekday"));
			add_schedule(r->a, pkg, &cap, &sc);
			continue;
		}
		sc.freq = GET(r, K_SCHEDULE, i, "freq");
		sc.timezone = GET(r, K_SCHEDULE, i, "timezone");
		sc.valid_from = GET(r, K_SCHEDULE, i, "valid_from");
		sc.valid_to = GET(r, K_SCHEDULE, i, "valid_to");
		for (p = byday; plain && p != NULL; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
			n++;
			if (hsds_byday_norm(p, strcspn(p, ",")) == NULL)
				plain = false;
		}
		if (!plain || n <= 1 || sc.freq == NULL || strcmp(sc.freq, "WEEKLY") != 0) {
			sc.byday = plain ? hsds_byday_norm(byday, strcspn(byday, ",")) : byday;
			add_schedule(r->a, pkg, &cap, &sc);
			continue;
		}
		/* One row per day: the directory keeps weekly slots. */
		for (p = byday; p != NULL; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
			struct dir_schedule one = sc;

			one.byday = hsds_byday_norm(p, strcspn(p, ","));
			one.id = arena_printf(r->a, "%s#%s", sc.id, one.byday);
			add_schedule(r->a, pkg, &cap, &one);
		}
	}
}

static void
map_languages(struct reader *r, struct hsds_package *pkg)
{
	size_t i, k;

	if (r->kinds[K_LANGUAGE] == NULL)
		return;
	pkg->languages = arena_alloc(r->a,
	    (TABLE(r, K_LANGUAGE)->nrows + 1) * sizeof(*pkg->languages));
	EACH(r, K_LANGUAGE, i) {
		struct service_language l = {0};
		const char *name = GET(r, K_LANGUAGE, i, "name");
		const char *code = GET(r, K_LANGUAGE, i, "code");
		bool dup = false;

		if (name == NULL)
			name = GET(r, K_LANGUAGE, i, "language");
		l.id = GET(r, K_LANGUAGE, i, "id");
		l.service_id = ref(r, K_LANGUAGE, i, "service_id", K_SERVICE);
		l.name = name;
		l.code = hsds_language_code(code);
		if (l.code == NULL && code != NULL) {
			char *lc = arena_strdup(r->a, code);

			for (k = 0; lc[k]; k++)
				if (lc[k] >= 'A' && lc[k] <= 'Z')
					lc[k] = (char)(lc[k] + 32);
			l.code = lc;
		}
		if (l.code == NULL)
			l.code = hsds_language_code(name);
		if (l.code == NULL)
			l.code = name;
		if (l.service_id == NULL || l.code == NULL)
			continue;               /* a location's language: not kept */
		for (k = 0; k < pkg->nlanguages && !dup; k++)
			dup = strcmp(pkg->languages[k].service_id, l.service_id) == 0 &&
			    strcmp(pkg->languages[k].code, l.code) == 0;
		if (!dup)
			pkg->languages[pkg->nlanguages++] = l;
	}
}

/* Loads datapackage.json's resources. */
static int
load_datapackage(struct reader *r, json_t **root)
{
	char *data;
	size_t len, i;
	json_error_t jerr;
	json_t *res, *x;
	int rc;

	if ((rc = read_file(r, "datapackage.json", &data, &len)) != 0)
		return rc;
	*root = json_loadb(data, len, 0, &jerr);
	if (*root == NULL) {
		hsds_problem(r->a, r->p, "datapackage.json", (size_t)jerr.line, NULL,
		    _("not valid JSON (%s)"), jerr.text);
		return ERR_INVALID;
	}
	res = json_object_get(*root, "resources");
	if (!json_is_array(res) || json_array_size(res) == 0) {
		hsds_problem(r->a, r->p, "datapackage.json", 0, "resources", "%s",
		    _("the package lists no resources"));
		return ERR_INVALID;
	}
	r->res = arena_alloc(r->a, json_array_size(res) * sizeof(*r->res));
	json_array_foreach(res, i, x) {
		const char *path = json_string_value(json_object_get(x, "path"));

		if (path == NULL || strchr(path, '/') != NULL || path[0] == '.') {
			hsds_problem(r->a, r->p, "datapackage.json", 0, "resources",
			    _("resource %zu has no path rosc reads (a file name in the folder)"),
			    i + 1);
			continue;
		}
		r->res[r->nres].path = arena_strdup(r->a, path);
		r->res[r->nres].schema = json_object_get(x, "schema");
		r->nres++;
	}
	return r->p->total > 0 ? ERR_INVALID : 0;
}

int
hsds_package_read(struct arena *a, const char *dir, struct hsds_package *out,
    struct hsds_problems *p)
{
	struct reader r = {0};
	const char **names;
	const char *const *files;
	json_t *root = NULL;
	size_t i, k;
	int rc;

	memset(out, 0, sizeof(*out));
	r.a = a;
	r.dir = dir;
	r.p = p;
	if ((rc = load_datapackage(&r, &root)) != 0)
		goto out;
	names = arena_alloc(a, r.nres * sizeof(*names));
	for (i = 0; i < r.nres; i++)
		names[i] = r.res[i].path;
	out->layout = hsds_detect_layout(names, r.nres);
	if (out->layout == HSDS_UNKNOWN) {
		/* Only the files both layouts share: 3.0 has languages' code. */
		out->layout = HSDS_3_0;
	}
	files = out->layout == HSDS_1_1 ? files_1_1 : files_3_0;
	out->skipped = arena_alloc(a, r.nres * sizeof(*out->skipped));
	for (i = 0; i < r.nres; i++) {
		struct resource *res = &r.res[i];
		char *data;
		size_t len;
		bool kept = false;

		for (k = 0; k < K_COUNT; k++)
			if (files[k] != NULL && strcmp(files[k], res->path) == 0 &&
			    r.kinds[k] == NULL) {
				r.kinds[k] = res;
				kept = k != K_ATTRIBUTE && k != K_TERM;
			}
		if (read_file(&r, res->path, &data, &len) != 0)
			continue;
		if (csv_table_parse(a, res->path, data, len, &res->t, p) != 0)
			continue;
		res->read = true;
		check_table(&r, res, kept);
		if (r.kinds[K_ATTRIBUTE] != res && r.kinds[K_TERM] != res && !kept)
			out->skipped[out->nskipped++] = res->path;
	}
	for (k = 0; k < K_COUNT; k++)
		if (r.kinds[k] != NULL && !r.kinds[k]->read)
			r.kinds[k] = NULL;
	if (r.kinds[K_ORG] == NULL || r.kinds[K_SERVICE] == NULL)
		hsds_problem(a, p, "datapackage.json", 0, "resources", "%s",
		    _("the package needs organizations.csv and services.csv"));
	if (p->total > 0) {
		rc = ERR_INVALID;
		goto out;
	}
	for (k = 0; k < K_COUNT; k++)
		idset_make(a, &r.ids[k], r.kinds[k] ? &r.kinds[k]->t : NULL);
	map_orgs(&r, out);
	map_locations(&r, out);
	map_services(&r, out);
	map_links(&r, out);
	map_schedules(&r, out);
	map_languages(&r, out);
	rc = p->total > 0 ? ERR_INVALID : 0;
	/* Strings from the schema are not kept: only the tables' own. */
out:
	json_decref(root);
	return rc;
}

/* Writing a 3.0 package */

struct column {
	const char *name, *type;
	bool required;
};

#define S(n) {n, "string", false}
#define R(n) {n, "string", true}
#define N(n) {n, "number", false}

static const struct column c_org[] = {R("id"), R("name"), S("alternate_name"),
	S("description"), S("email"), S("website"), S("tax_status"), S("tax_id"),
	N("year_incorporated"), S("legal_status"), S("logo"), S("uri"),
	S("parent_organization_id"), {NULL, NULL, false}};
static const struct column c_service[] = {R("id"), R("organization_id"),
	S("program_id"), R("name"), S("alternate_name"), S("description"), S("url"),
	S("email"), R("status"), S("interpretation_services"), S("application_process"),
	S("fees_description"), S("wait_time"), S("fees"), S("accreditations"),
	S("eligibility_description"), N("minimum_age"), N("maximum_age"),
	S("assured_date"), S("assurer_email"), S("licenses"), S("alert"),
	S("last_modified"), {NULL, NULL, false}};
static const struct column c_location[] = {R("id"), R("location_type"), S("url"),
	S("organization_id"), S("name"), S("alternate_name"), S("description"),
	S("transportation"), N("latitude"), N("longitude"), S("external_identifier"),
	S("external_identifier_type"), {NULL, NULL, false}};
static const struct column c_address[] = {R("id"), R("location_id"), S("attention"),
	S("address_1"), S("address_2"), S("city"), S("region"), S("state_province"),
	S("postal_code"), S("country"), R("address_type"), {NULL, NULL, false}};
static const struct column c_sal[] = {R("id"), R("service_id"), R("location_id"),
	S("description"), {NULL, NULL, false}};
static const struct column c_contact[] = {R("id"), S("organization_id"),
	S("service_id"), S("service_at_location_id"), S("location_id"), S("name"),
	S("title"), S("department"), S("email"), {NULL, NULL, false}};
static const struct column c_phone[] = {R("id"), S("location_id"), S("service_id"),
	S("organization_id"), S("contact_id"), S("service_at_location_id"), R("number"),
	S("extension"), S("type"), S("description"), {NULL, NULL, false}};
static const struct column c_schedule[] = {R("id"), S("service_id"), S("location_id"),
	S("service_at_location_id"), S("valid_from"), S("valid_to"), S("dtstart"),
	S("timezone"), S("until"), N("count"), S("wkst"), S("freq"), N("interval"),
	S("byday"), S("byweekno"), S("bymonthday"), S("byyearday"), S("description"),
	S("opens_at"), S("closes_at"), S("schedule_link"), S("attending_type"),
	S("notes"), {NULL, NULL, false}};
static const struct column c_language[] = {R("id"), S("service_id"), S("location_id"),
	S("phone_id"), S("name"), S("code"), S("note"), {NULL, NULL, false}};
static const struct column c_taxonomy[] = {R("id"), R("name"), R("description"),
	S("uri"), S("version"), {NULL, NULL, false}};
static const struct column c_term[] = {R("id"), S("code"), R("name"),
	R("description"), S("parent_id"), S("taxonomy"), S("language"), S("taxonomy_id"),
	S("term_uri"), {NULL, NULL, false}};
static const struct column c_attribute[] = {R("id"), R("link_id"),
	R("taxonomy_term_id"), S("link_type"), R("link_entity"), S("value"),
	{NULL, NULL, false}};

/* A resource written: its name, file, columns and foreign keys
 * ("field>resource" pairs). */
static const struct {
	const char *name, *path;
	const struct column *cols;
	const char *fks[5];
} out_res[] = {
	{"organization", "organizations.csv", c_org, {NULL}},
	{"service", "services.csv", c_service, {"organization_id>organization", NULL}},
	{"location", "locations.csv", c_location, {"organization_id>organization", NULL}},
	{"address", "addresses.csv", c_address, {"location_id>location", NULL}},
	{"service_at_location", "service_at_location.csv", c_sal,
	    {"service_id>service", "location_id>location", NULL}},
	{"contact", "contacts.csv", c_contact, {"organization_id>organization",
	    "service_id>service", "location_id>location", NULL}},
	{"phone", "phones.csv", c_phone, {"organization_id>organization",
	    "service_id>service", "location_id>location", "contact_id>contact"}},
	{"schedule", "schedules.csv", c_schedule, {"service_id>service",
	    "location_id>location", "service_at_location_id>service_at_location", NULL}},
	{"language", "languages.csv", c_language, {"service_id>service", NULL}},
	{"taxonomy", "taxonomies.csv", c_taxonomy, {NULL}},
	{"taxonomy_term", "taxonomy_terms.csv", c_term, {"taxonomy_id>taxonomy", NULL}},
	{"attribute", "attributes.csv", c_attribute, {"taxonomy_term_id>taxonomy_term", NULL}},
};
enum { R_ORG, R_SERVICE, R_LOCATION, R_ADDRESS, R_SAL, R_CONTACT, R_PHONE, R_SCHEDULE,
	R_LANGUAGE, R_TAXONOMY, R_TERM, R_ATTRIBUTE, R_COUNT };

/* A stable UUID for something rosc keeps without an HSDS id of its own
 * (an address, an attribute), made from what it belongs to. */
static const char *
derived_uuid(struct arena *a, const char *what, const char *of)
{
	unsigned char h[16];
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)what, strlen(what) + 1);
	crypto_generichash_update(&st, (const unsigned char *)of, strlen(of));
	crypto_generichash_final(&st, h, sizeof(h));
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	return arena_printf(a, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7],
	    h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
}

/* One CSV file being written. */
struct out {
	FILE *f;
	const struct column *cols;
	const char **vals;
	size_t ncols;
};

static void
put_field(FILE *f, const char *v)
{
	const char *c;

	if (v == NULL)
		return;
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (c = v; *c; c++) {
		if (*c == '"')
			fputc('"', f);
		fputc(*c, f);
	}
	fputc('"', f);
}

static void
set(struct out *o, const char *col, const char *v)
{
	size_t i;

	for (i = 0; i < o->ncols; i++)
		if (strcmp(o->cols[i].name, col) == 0) {
			o->vals[i] = v;
			return;
		}
	die("hsds: no column %s", col);
}

static void
row_end(struct out *o)
{
	size_t i;

	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			fputc(',', o->f);
		put_field(o->f, o->vals[i]);
		o->vals[i] = NULL;
	}
	fputs("\r\n", o->f);
}

static int
out_open(struct arena *a, const char *dir, int r, struct out *o, const char **failed)
{
	size_t i;

	o->cols = out_res[r].cols;
	for (o->ncols = 0; o->cols[o->ncols].name != NULL; o->ncols++)
		;
	o->vals = arena_alloc(a, o->ncols * sizeof(*o->vals));
	o->f = fopen(arena_printf(a, "%s/%s", dir, out_res[r].path), "w");
	if (o->f == NULL) {
		*failed = out_res[r].path;
		return ERR_IO;
	}
	for (i = 0; i < o->ncols; i++)
		o->vals[i] = o->cols[i].name;
	row_end(o);
	return 0;
}

static int
out_close(struct out *o, int r, const char **failed)
{
	if (fclose(o->f) != 0) {
		*failed = out_res[r].path;
		return ERR_IO;
	}
	return 0;
}

/* The shortest text that reads back as the same double. */
static const char *
num_text(struct arena *a, double d)
{
	int prec;

	for (prec = 1; prec < 17; prec++) {
		char *s = arena_printf(a, "%.*g", prec, d);

		if (strtod(s, NULL) == d)
			return s;
	}
	return arena_printf(a, "%.17g", d);
}

static const char *
int_text(struct arena *a, bool has, int v)
{
	return has ? arena_printf(a, "%d", v) : NULL;
}

static const char *
time_out(struct arena *a, const char *t)
{
	return t != NULL && strlen(t) == 5 && t[2] == ':' ? arena_printf(a, "%s:00", t) : t;
}

static json_t *
schema_json(int r)
{
	json_t *fields = json_array(), *fks = json_array(), *schema;
	const struct column *c;
	size_t i;

	for (c = out_res[r].cols; c->name != NULL; c++) {
		json_t *f = json_pack("{s:s, s:s}", "name", c->name, "type", c->type);

		if (c->required)
			json_object_set_new(f, "constraints", json_pack("{s:b}", "required", 1));
		if (strcmp(c->name, "status") == 0)
			json_object_set_new(json_object_get(f, "constraints"), "enum",
			    json_pack("[s,s,s,s]", SERVICE_STATUSES));
		json_array_append_new(fields, f);
	}
	for (i = 0; i < 5 && out_res[r].fks[i] != NULL; i++) {
		const char *gt = strchr(out_res[r].fks[i], '>');
		char field[64];

		snprintf(field, sizeof(field), "%.*s", (int)(gt - out_res[r].fks[i]),
		    out_res[r].fks[i]);
		json_array_append_new(fks, json_pack("{s:s, s:{s:s, s:s}}", "fields", field,
		    "reference", "resource", gt + 1, "fields", "id"));
	}
	schema = json_pack("{s:o, s:s}", "fields", fields, "primaryKey", "id");
	if (json_array_size(fks) > 0)
		json_object_set_new(schema, "foreignKeys", fks);
	else
		json_decref(fks);
	return schema;
}

static int
write_datapackage(const char *dir, struct arena *a, const char **failed)
{
	json_t *res = json_array(), *root;
	char *path = arena_printf(a, "%s/datapackage.json", dir);
	int r, rc = 0;

	for (r = 0; r < R_COUNT; r++)
		json_array_append_new(res, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}",
		    "name", out_res[r].name, "path", out_res[r].path,
		    "profile", "tabular-data-resource", "format", "csv", "encoding", "utf-8",
		    "schema", schema_json(r)));
	root = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o}",
	    "name", "rosc-service-directory",
	    "title", "rosc service directory",
	    "description", "A service directory exported by rosc as an Open Referral "
	    "HSDS 3.0 data package. rosc's own service fields are attributes in the "
	    "taxonomy " ROSC_TAXONOMY_URI ".",
	    "profile", "tabular-data-package",
	    "version", "3.0.0",
	    "homepage", "https://openreferral.org/",
	    "resources", res);
	json_object_set_new(root, "sources", json_pack("[{s:s, s:s}]", "title",
	    "Human Services Data Specification: an Open Referral resource",
	    "path", "https://openreferral.org/"));
	if (json_dump_file(root, path, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0) {
		*failed = "datapackage.json";
		rc = ERR_IO;
	}
	json_decref(root);
	return rc;
}

static const char *const term_text[NTERMS] = {
	"The stage on the continuum of care: prevention, early_intervention, "
	    "treatment, recovery_support or reintegration.",
	"The life domains of a recovery plan it helps with, as ,code,code,.",
	"true if it can be had by video, else false.",
	"Days a referral may wait for an answer (1 to 90).",
	"The consent categories a referral to it asks for, as ,basic,code,.",
	"Places or beds free now; empty: not counted.",
	"Places or beds in all.",
	"What the capacity counts: places or beds.",
	"When the capacity was last counted (UTC).",
};

static void
write_rosc_taxonomy(struct arena *a, struct out *tx, struct out *terms)
{
	const char *tax = derived_uuid(a, "rosc-taxonomy", ROSC_TAXONOMY_URI);
	size_t i;

	set(tx, "id", tax);
	set(tx, "name", "rosc");
	set(tx, "description", "rosc's own fields of a service, kept as attributes.");
	set(tx, "uri", ROSC_TAXONOMY_URI);
	set(tx, "version", "1");
	row_end(tx);
	for (i = 0; i < NTERMS; i++) {
		set(terms, "id", derived_uuid(a, "rosc-term", rosc_terms[i]));
		set(terms, "code", arena_printf(a, "rosc_%s", rosc_terms[i]));
		set(terms, "name", rosc_terms[i]);
		set(terms, "description", term_text[i]);
		set(terms, "taxonomy", "rosc");
		set(terms, "language", "en");
		set(terms, "taxonomy_id", tax);
		set(terms, "term_uri", arena_printf(a, ROSC_TERM_URI "%s", rosc_terms[i]));
		row_end(terms);
	}
}

static void
attribute(struct arena *a, struct out *o, const char *service, size_t term, const char *v)
{
	set(o, "id", derived_uuid(a, arena_printf(a, "rosc-attribute:%s", rosc_terms[term]),
	    service));
	set(o, "link_id", service);
	set(o, "taxonomy_term_id", derived_uuid(a, "rosc-term", rosc_terms[term]));
	set(o, "link_entity", "service");
	set(o, "value", v);
	row_end(o);
}

static void
write_service(struct arena *a, struct out *o, struct out *attrs, const struct service *sv)
{
	char at[28];

	set(o, "id", sv->id);
	set(o, "organization_id", sv->organization_id);
	set(o, "name", sv->name);
	set(o, "alternate_name", sv->alternate_name);
	set(o, "description", sv->description);
	set(o, "url", sv->url);
	set(o, "email", sv->email);
	set(o, "status", sv->status);
	set(o, "interpretation_services", sv->interpretation_services);
	set(o, "application_process", sv->application_process);
	set(o, "fees_description", sv->fees_description);
	set(o, "wait_time", sv->wait_time);
	set(o, "eligibility_description", sv->eligibility_description);
	set(o, "minimum_age", int_text(a, sv->has_minimum_age, sv->minimum_age));
	set(o, "maximum_age", int_text(a, sv->has_maximum_age, sv->maximum_age));
	set(o, "alert", sv->alert);
	row_end(o);
	attribute(a, attrs, sv->id, 0, sv->stage == STAGE_NONE ? NULL : stage_code(sv->stage));
	attribute(a, attrs, sv->id, 1, sv->domains ? domains_to_text(a, sv->domains) : NULL);
	attribute(a, attrs, sv->id, 2, sv->video ? "true" : "false");
	attribute(a, attrs, sv->id, 3, arena_printf(a, "%d", sv->response_days > 0 ?
	    sv->response_days : RESPONSE_DAYS_DEFAULT));
	attribute(a, attrs, sv->id, 4, categories_to_text(a, sv->shares));
	attribute(a, attrs, sv->id, 5, int_text(a, sv->has_capacity, sv->capacity_available));
	if (!sv->has_capacity)
		return;
	if (sv->capacity_maximum > 0)
		attribute(a, attrs, sv->id, 6, int_text(a, true, sv->capacity_maximum));
	if (sv->capacity_unit != NULL)
		attribute(a, attrs, sv->id, 7, sv->capacity_unit);
	if (sv->capacity_updated_us != 0) {
		clock_format_instant(sv->capacity_updated_us, at);
		attribute(a, attrs, sv->id, 8, arena_strdup(a, at));
	}
}

static void
write_location(struct arena *a, struct out *o, struct out *addr,
    const struct dir_location *l)
{
	set(o, "id", l->id);
	set(o, "location_type", "physical");
	set(o, "organization_id", l->organization_id);
	set(o, "name", l->name);
	set(o, "alternate_name", l->alternate_name);
	set(o, "description", l->description);
	set(o, "transportation", l->transportation);
	if (l->has_position) {
		set(o, "latitude", num_text(a, l->latitude));
		set(o, "longitude", num_text(a, l->longitude));
	}
	row_end(o);
	if (l->address_1 == NULL && l->address_2 == NULL && l->city == NULL &&
	    l->postal_code == NULL && l->country == NULL && l->region == NULL &&
	    l->state_province == NULL)
		return;
	set(addr, "id", derived_uuid(a, "rosc-address", l->id));
	set(addr, "location_id", l->id);
	set(addr, "address_1", l->address_1);
	set(addr, "address_2", l->address_2);
	set(addr, "city", l->city);
	set(addr, "region", l->region);
	set(addr, "state_province", l->state_province);
	set(addr, "postal_code", l->postal_code);
	set(addr, "country", l->country);
	set(addr, "address_type", "physical");
	row_end(addr);
}

int
hsds_package_write(struct arena *a, const char *dir, const struct hsds_package *pkg,
    const char **failed)
{
	struct out o[R_COUNT];
	size_t i;
	int r, rc = 0, opened;

	*failed = dir;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return ERR_IO;
	memset(o, 0, sizeof(o));
	for (r = 0; r < R_COUNT; r++)
		if ((rc = out_open(a, dir, r, &o[r], failed)) != 0)
			break;
	opened = r;
	for (i = 0; rc == 0 && i < pkg->norgs; i++) {
		const struct dir_org *x = &pkg->orgs[i];

		set(&o[R_ORG], "id", x->id);
		set(&o[R_ORG], "name", x->name);
		set(&o[R_ORG], "alternate_name", x->alternate_name);
		set(&o[R_ORG], "description", x->description);
		set(&o[R_ORG], "email", x->email);
		set(&o[R_ORG], "website", x->website);
		row_end(&o[R_ORG]);
	}
	for (i = 0; rc == 0 && i < pkg->nservices; i++)
		write_service(a, &o[R_SERVICE], &o[R_ATTRIBUTE], &pkg->services[i]);
	for (i = 0; rc == 0 && i < pkg->nlocations; i++)
		write_location(a, &o[R_LOCATION], &o[R_ADDRESS], &pkg->locations[i]);
	for (i = 0; rc == 0 && i < pkg->nsals; i++) {
		set(&o[R_SAL], "id", pkg->sals[i].id);
		set(&o[R_SAL], "service_id", pkg->sals[i].service_id);
		set(&o[R_SAL], "location_id", pkg->sals[i].location_id);
		set(&o[R_SAL], "description", pkg->sals[i].description);
		row_end(&o[R_SAL]);
	}
	for (i = 0; rc == 0 && i < pkg->ncontacts; i++) {
		const struct dir_contact *c = &pkg->contacts[i];

		set(&o[R_CONTACT], "id", c->id);
		set(&o[R_CONTACT], "organization_id", c->organization_id);
		set(&o[R_CONTACT], "service_id", c->service_id);
		set(&o[R_CONTACT], "location_id", c->location_id);
		set(&o[R_CONTACT], "name", c->name);
		set(&o[R_CONTACT], "title", c->title);
		set(&o[R_CONTACT], "department", c->department);
		set(&o[R_CONTACT], "email", c->email);
		row_end(&o[R_CONTACT]);
	}
	for (i = 0; rc == 0 && i < pkg->nphones; i++) {
		const struct dir_phone *p = &pkg->phones[i];

		set(&o[R_PHONE], "id", p->id);
		set(&o[R_PHONE], "location_id", p->location_id);
		set(&o[R_PHONE], "service_id", p->service_id);
		set(&o[R_PHONE], "organization_id", p->organization_id);
		set(&o[R_PHONE], "contact_id", p->contact_id);
		set(&o[R_PHONE], "number", p->number);
		set(&o[R_PHONE], "extension", p->extension);
		set(&o[R_PHONE], "type", p->type);
		set(&o[R_PHONE], "description", p->description);
		row_end(&o[R_PHONE]);
	}
	for (i = 0; rc == 0 && i < pkg->nschedules; i++) {
		const struct dir_schedule *s = &pkg->schedules[i];
		struct out *x = &o[R_SCHEDULE];

		set(x, "id", s->id);
		set(x, "service_id", s->service_id);
		set(x, "location_id", s->location_id);
		set(x, "service_at_location_id", s->service_at_location_id);
		set(x, "valid_from", s->valid_from);
		set(x, "valid_to", s->valid_to);
		set(x, "timezone", s->timezone);
		set(x, "freq", s->freq);
		set(x, "byday", s->byday);
		set(x, "description", s->description);
		set(x, "opens_at", time_out(a, s->opens_at));
		set(x, "closes_at", time_out(a, s->closes_at));
		row_end(x);
	}
	for (i = 0; rc == 0 && i < pkg->nlanguages; i++) {
		const struct service_language *l = &pkg->languages[i];

		set(&o[R_LANGUAGE], "id", l->id ? l->id : derived_uuid(a,
		    arena_printf(a, "rosc-language:%s", l->code), l->service_id));
		set(&o[R_LANGUAGE], "service_id", l->service_id);
		set(&o[R_LANGUAGE], "name", l->name);
		set(&o[R_LANGUAGE], "code", l->code);
		row_end(&o[R_LANGUAGE]);
	}
	if (rc == 0)
		write_rosc_taxonomy(a, &o[R_TAXONOMY], &o[R_TERM]);
	for (r = 0; r < opened; r++)
		if (out_close(&o[r], r, failed) != 0 && rc == 0)
			rc = ERR_IO;
	if (rc == 0)
		rc = write_datapackage(dir, a, failed);
	return rc;
}
