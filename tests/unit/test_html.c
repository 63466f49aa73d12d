#include "test.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/html.h"

/* Nasty inputs and what must come out. */
static const struct {
	const char *in;
	size_t len;
	const char *out;
} table[] = {
#define S(x) x, sizeof(x) - 1
	{S("plain"), "plain"},
	{S("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;"},
	{S("\" onmouseover=\"x"), "&quot; onmouseover=&quot;x"},
	{S("' autofocus onfocus='x"), "&#39; autofocus onfocus=&#39;x"},
	{S("a & b &amp; c"), "a &amp; b &amp;amp; c"},
	{S("Søren Ærø Åse – café ĳs"), "Søren Ærø Åse – café ĳs"},
	{S("nul\0byte"), "nul\xEF\xBF\xBD" "byte"},
	{S("bad \xC3\x28 utf8"), "bad \xEF\xBF\xBD( utf8"},
	{S("overlong \xC0\xAF"), "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
	{S("surrogate \xED\xA0\x80"), "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	{S("truncated \xE2\x82"), "truncated \xEF\xBF\xBD\xEF\xBF\xBD"},
	{S("</textarea><img src=x>"), "&lt;/textarea&gt;&lt;img src=x&gt;"},
	{S("javascript:alert(1)"), "javascript:alert(1)"},
	{S(""), ""},
};

static void
escape_table(void **state)
{
	struct arena a = ARENA_INIT;
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		struct buf b;

		buf_init(&b, &a);
		html_escape(&b, table[i].in, table[i].len);
		assert_string_equal(b.data, table[i].out);
	}
	arena_free(&a);
}

static void
format_escapes_strings_only(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b;

	buf_init(&b, &a);
	html(&b, "<p title=\"%s\">%s %d%% %5.2s|%-4d|%zu|%ld|%lld|%x|%.*s</p>",
	    "\"><x>", "<b>", 42, "<<<<", 7, (size_t)9, -3L, 1234567890123LL, 255,
	    3, "&&&&&");
	assert_string_equal(b.data, "<p title=\"&quot;&gt;&lt;x&gt;\">&lt;b&gt; 42% "
	    "&lt;&lt;|7   |9|-3|1234567890123|ff|&amp;&amp;&amp;</p>");
	arena_free(&a);
}

static const char *nothing(void) __attribute__((noinline));
static const char *
nothing(void)
{
	return getenv("ROSC_UNIT_TEST_SURELY_UNSET");
}

static void
null_string_is_empty(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b;

	buf_init(&b, &a);
	html(&b, "[%s]", nothing());
	assert_string_equal(b.data, "[]");
	arena_free(&a);
}

static void
raw_and_fragments(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b, frag;

	buf_init(&b, &a);
	buf_init(&frag, &a);
	html(&frag, "<em>%s</em>", "<i>");
	html_raw(&b, "<div>");
	html_raw_buf(&b, &frag);
	html_raw(&b, "</div>");
	assert_string_equal(b.data, "<div><em>&lt;i&gt;</em></div>");
	arena_free(&a);
}

static void
url_encoding(void **state)
{
	struct arena a = ARENA_INIT;
	struct buf b;

	buf_init(&b, &a);
	url_encode(&b, "/p/x?a=1&b=æ \"");
	assert_string_equal(b.data, "%2Fp%2Fx%3Fa%3D1%26b%3D%C3%A6%20%22");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escape_table),
		cmocka_unit_test(format_escapes_strings_only),
		cmocka_unit_test(null_string_is_empty),
		cmocka_unit_test(raw_and_fragments),
		cmocka_unit_test(url_encoding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
