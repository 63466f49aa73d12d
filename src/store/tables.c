/* The one list of tables (tables.h) as names. */
#include "store/tables.h"

#include <string.h>

const char *const store_tables[TABLE_COUNT] = {
#define STORE_TABLE_NAME(id, name) name,
	STORE_TABLES(STORE_TABLE_NAME)
#undef STORE_TABLE_NAME
};

bool
store_table_known(const char *name)
{
	size_t i;

	if (strcmp(name, "schema_migrations") == 0)
		return true;
	for (i = 0; i < TABLE_COUNT; i++)
		if (strcmp(store_tables[i], name) == 0)
			return true;
	return false;
}
