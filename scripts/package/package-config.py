#!/usr/bin/env python3
"""The package's zhixing.properties: config/zhixing.properties with some values replaced.

Usage: package-config.py SOURCE OVERRIDES OUT

OVERRIDES holds `key = value` lines (# comments). Each key must already be set in SOURCE (so the
two files cannot drift apart unnoticed); its line there is replaced, comments above it are kept.
"""
import re
import sys


def read_pairs(path):
    pairs = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        pairs[key.strip()] = value.strip()
    return pairs


def main():
    source, overrides, out = sys.argv[1:4]
    wanted = read_pairs(overrides)
    seen = set()
    lines = []
    for line in open(source, encoding="utf-8"):
        m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*=", line)
        if m and m.group(1) in wanted:
            key = m.group(1)
            lines.append(f"{key} = {wanted[key]}\n" if wanted[key] else f"{key} =\n")
            seen.add(key)
        else:
            lines.append(line)
    missing = sorted(set(wanted) - seen)
    if missing:
        sys.exit(f"package-config.py: {', '.join(missing)} not in {source}")
    header = ("# zhixing settings (the Debian package's /etc/zhixing/zhixing.properties, made from the\n"
              "# source's config/zhixing.properties with the package's folders and database).\n")
    with open(out, "w", encoding="utf-8") as f:
        f.write(header + "".join(lines))


if __name__ == "__main__":
    main()
