#!/usr/bin/env python3
"""The module graph the build declares, checked against the code.

Reads the manifest CMake writes (build/modules.txt: each module, the modules it links, its
files) and fails (exit 1) when
  - a file under batch/ includes "<folder>/…" of a module its own module does not link,
  - a module links a module none of its files includes,
  - a C++ file under batch/ belongs to no module, or to two,
  - the graph has a cycle.
With --graph it prints the graph, one module a line, bottom-up.

  scripts/check-modules.py build/modules.txt batch [--graph]
"""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def read_manifest(path):
    modules, links, owner = {}, {}, {}
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            kind, _, value = line.rstrip("\n").partition(" ")
            if kind == "module":
                current = value
                modules[current] = []
                links[current] = set()
            elif kind == "links":
                links[current] = set(value.split())
            elif kind == "file":
                path_ = os.path.realpath(os.path.join(os.path.dirname(path), value))
                modules[current].append(path_)
                owner.setdefault(path_, []).append(current)
    return modules, links, owner


def find_cycle(links):
    state = {}

    def visit(m, stack):
        state[m] = "open"
        for d in sorted(links.get(m, ())):
            if state.get(d) == "open":
                return stack[stack.index(d):] + [d] if d in stack else [m, d]
            if d not in state:
                found = visit(d, stack + [d])
                if found:
                    return found
        state[m] = "done"
        return None

    for m in sorted(links):
        if m not in state:
            found = visit(m, [m])
            if found:
                return found
    return None


def layers(links):
    """Modules grouped by height: those linking nothing first."""
    height = {}

    def h(m):
        if m not in height:
            height[m] = 0
            height[m] = 1 + max((h(d) for d in links[m]), default=-1)
        return height[m]

    for m in links:
        h(m)
    out = {}
    for m, v in height.items():
        out.setdefault(v, []).append(m)
    return [sorted(out[k]) for k in sorted(out)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest")
    ap.add_argument("batch")
    ap.add_argument("--graph", action="store_true")
    args = ap.parse_args()

    modules, links, owner = read_manifest(args.manifest)
    batch = os.path.realpath(args.batch)
    errors = []

    for path, mods in owner.items():
        if len(mods) > 1:
            errors.append(f"{os.path.relpath(path, batch)}: listed by {', '.join(mods)}")
    for dirpath, _, names in os.walk(batch):
        for name in names:
            if name.endswith((".h", ".cpp")):
                path = os.path.realpath(os.path.join(dirpath, name))
                if path not in owner:
                    errors.append(f"{os.path.relpath(path, batch)}: in no module "
                                  "(list it in its folder's CMakeLists.txt)")

    used = {m: set() for m in modules}
    for module, files in modules.items():
        for path in files:
            if not path.endswith((".h", ".cpp")):
                continue
            with open(path, encoding="utf-8") as f:
                for number, line in enumerate(f, 1):
                    m = INCLUDE.match(line)
                    if not m:
                        continue
                    target = os.path.realpath(os.path.join(batch, m.group(1)))
                    if target not in owner:
                        continue  # a header beside the file, or not ours
                    dep = owner[target][0]
                    if dep == module:
                        continue
                    used[module].add(dep)
                    if dep not in links[module]:
                        errors.append(f"{os.path.relpath(path, batch)}:{number}: module {module} "
                                      f"includes {m.group(1)} of module {dep}, which it does not "
                                      "link")
    for module in sorted(modules):
        for dep in sorted(links[module] - used[module]):
            errors.append(f"module {module} links {dep} but includes nothing of it")
        for dep in sorted(links[module] - set(modules)):
            errors.append(f"module {module} links {dep}, which is not a module")

    cycle = find_cycle(links)
    if cycle:
        errors.append("cycle: " + " -> ".join(cycle))

    if args.graph and not cycle:
        for level, mods in enumerate(layers(links)):
            for m in mods:
                deps = " ".join(sorted(links[m])) or "-"
                print(f"{level}  {m:<16} -> {deps}")

    for e in errors:
        print(e)
    files = sum(len(v) for v in modules.values())
    print(f"{len(modules)} modules, {files} files: "
          + ("ok" if not errors else f"{len(errors)} problem(s)"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
