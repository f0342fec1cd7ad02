#!/usr/bin/env python3
"""Every shared library the binary links comes from the runtime package list.

For each library `ldd BINARY` resolves, finds its Debian package (`dpkg -S`, trying the path as
ldd gives it and as merged /usr has it) and checks it against scripts/packages-runtime.txt: a
library the binary needs directly (ELF NEEDED) must come from a package the list names; one it
needs through another library, from a package the list names or one they depend on (apt-cache
depends --recurse: what installing the list installs). Prints each library with its package and
verdict; exits 1 when any library is missing from the list, comes from no package, or is not found.

  scripts/check-runtime-libraries.py build/zhixing [LIST] [--without PACKAGE]

--without drops a package from the list (the check's own test: without libicu72 it must fail).
"""
import os
import re
import subprocess
import sys


def read_list(path):
    names = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                names.append(line)
    return names


def needed(binary):
    out = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True, check=True).stdout
    return set(re.findall(r"Shared library: \[([^\]]+)\]", out))


def linked(binary):
    out = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    libs = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (not found|\S+)", line)
        if m:
            libs[m.group(1)] = m.group(2)
    return libs


def package_of(path):
    real = os.path.realpath(path)
    candidates = [path, real]
    for p in (path, real):
        candidates.append(p[4:] if p.startswith("/usr/") else "/usr" + p)
    for c in candidates:
        r = subprocess.run(["dpkg", "-S", c], capture_output=True, text=True)
        if r.returncode == 0 and r.stdout:
            return r.stdout.split(":", 1)[0].strip()
    return None


def closure(packages):
    out = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends", "--no-suggests", "--no-conflicts",
         "--no-breaks", "--no-replaces", "--no-enhances", *packages],
        capture_output=True, text=True).stdout
    found = set(packages)
    for line in out.splitlines():
        m = re.match(r"\s*(?:\|)?(?:Pre)?Depends: <?([^\s>]+)>?", line)
        if m:
            found.add(m.group(1).split(":", 1)[0])
        elif line and not line.startswith(" "):
            found.add(line.strip().split(":", 1)[0])
    return found


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    args = sys.argv[1:]
    without = set()
    while "--without" in args:
        i = args.index("--without")
        without.add(args[i + 1])
        del args[i:i + 2]
    binary = args[0]
    here = os.path.dirname(os.path.abspath(__file__))
    listed = read_list(args[1] if len(args) > 1 else os.path.join(here, "packages-runtime.txt"))
    listed = [p for p in listed if p not in without]
    direct = needed(binary)
    everything = closure(listed)
    bad = 0
    for soname, path in sorted(linked(binary).items()):
        if path == "not found":
            print(f"{soname}: not found")
            bad += 1
            continue
        pkg = package_of(path)
        if pkg is None:
            verdict = "comes from no Debian package"
        elif soname in direct:
            verdict = "ok (listed)" if pkg in listed else "needed directly but its package is not listed"
        else:
            verdict = "ok" if pkg in everything else "its package is neither listed nor a dependency"
        ok = verdict.startswith("ok")
        bad += 0 if ok else 1
        print(f"{soname} {path} {pkg or '-'}: {verdict}")
    print(f"{len(linked(binary))} libraries, {len(direct)} needed directly, {bad} not covered by the runtime list")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
