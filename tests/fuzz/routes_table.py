#!/usr/bin/env python3
"""Writes the rows of src/app/routes.c (method, pattern, flags, parameter
kinds) as a C table without handlers, for tests/fuzz/fuzz_router.c: the
router is fuzzed against the real table without linking every page.
Usage: routes_table.py routes.c out.c"""
import re
import sys

ROW = re.compile(r'^\s*\{"([A-Z]+)",\s*"([^"]+)",\s*\w+,\s*\w+,\s*([^,{}]+),\s*\{([^}]*)\}\},')
KIND = {'0': 'P_NONE', 'ID': 'P_ID', 'CODE': 'P_CODE', 'TOKEN': 'P_TOKEN',
        'FILE_NAME': 'P_FILE', 'HSDS': 'P_HSDS', 'SLUG': 'P_SLUG', 'FHIR': 'P_FHIR'}

rows = []
with open(sys.argv[1], encoding='utf-8') as f:
    for line in f:
        m = ROW.match(line)
        if not m:
            continue
        kinds = [KIND[k.strip()] for k in m.group(4).split(',') if k.strip()]
        rows.append((m.group(1), m.group(2), m.group(3).strip(), kinds or ['P_NONE']))
if len(rows) < 50:
    sys.exit('routes_table.py: found only %d routes in %s' % (len(rows), sys.argv[1]))
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    out.write('/* Made by tests/fuzz/routes_table.py from src/app/routes.c. */\n')
    out.write('#include <stddef.h>\n#include "http/router.h"\n\n')
    out.write('extern const struct route fuzz_routes[];\nextern const size_t fuzz_nroutes;\n\n')
    out.write('const struct route fuzz_routes[] = {\n')
    for method, pattern, flags, kinds in rows:
        out.write('\t{"%s", "%s", NULL, 0, %s, {%s}},\n' % (method, pattern, flags, ', '.join(kinds)))
    out.write('};\nconst size_t fuzz_nroutes = sizeof(fuzz_routes) / sizeof(fuzz_routes[0]);\n')
