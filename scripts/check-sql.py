#!/usr/bin/env python3
"""Only store/ speaks SQL.

Scans the C++ under batch/ outside store/ for SQL: a string literal that starts with an SQL
statement's first words, a statement written into a SOCI session (`sql << …`, `prepare <<`),
SOCI bindings and rows (soci::use, into, rowset, statement, row, got_data) and libpq execution
(PQexec…, PQprepare). Callers may own a transaction (soci::transaction) and pass a
soci::session& through to store/. Prints every finding as path:line and the counts; exits 1 when
anything outside store/ speaks SQL.

  scripts/check-sql.py batch
"""
import os
import re
import sys

STATEMENT = re.compile(
    r'"\s*(select\b|insert\s+into|update\s+\w+\s+set|delete\s+from|with\s+\w+\s+as|copy\s+\w+|'
    r'create\s+(table|index|role|database|schema)|alter\s+\w+|drop\s+\w+|truncate\s|lock\s+table|'
    r'set\s+(transaction|session|local)|begin\b|commit\b|rollback\b|analyze\b|vacuum\b)',
    re.IGNORECASE)
EXECUTION = re.compile(
    r'\b(sql_?|session|owner|conn)\s*<<|\bprepare\s*<<|'
    r'soci::(use|into|rowset|statement|row|values)\b|\bgot_data\s*\(|'
    r'\bPQ(exec|execParams|prepare|execPrepared|sendQuery)\b')


def strip_comment(line):
    # the code part of a line; a // inside a string literal is rare enough in SQL-free code
    in_string = False
    for i, c in enumerate(line):
        if c == '"' and (i == 0 or line[i - 1] != "\\"):
            in_string = not in_string
        elif not in_string and line.startswith("//", i):
            return line[:i]
    return line


def scan(path):
    found = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            code = strip_comment(line)
            if STATEMENT.search(code) or EXECUTION.search(code):
                found.append((number, line.strip()))
    return found


def main():
    batch = sys.argv[1] if len(sys.argv) > 1 else "batch"
    outside, inside = [], 0
    for dirpath, _, names in os.walk(batch):
        for name in sorted(names):
            if not name.endswith((".h", ".cpp")):
                continue
            path = os.path.join(dirpath, name)
            module = os.path.relpath(path, batch).split(os.sep)[0]
            found = scan(path)
            if module == "store":
                inside += len(found)
            else:
                outside += [(path, n, text) for n, text in found]
    for path, number, text in outside:
        print(f"{path}:{number}: SQL outside store/: {text}")
    print(f"SQL lines outside store/: {len(outside)}; in store/: {inside}")
    return 1 if outside else 0


if __name__ == "__main__":
    sys.exit(main())
