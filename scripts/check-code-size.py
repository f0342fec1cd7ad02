#!/usr/bin/env python3
"""Lists C++ files and functions that are too long.

Usage: check-code-size.py [--limit-file N] [--limit-function N] DIR_OR_FILE...

Prints one line per finding and exits 1 if there is any, 0 otherwise:
    batch/demo/demo_generator.cpp:1 file 1870 lines
    batch/store/case_store.cpp:212 CaseWriter::write 459 lines

A file counts its lines. A function counts from its signature line (the first line of its
declaration, a template<> line included) to its closing brace; lambdas, local classes and
nested blocks count as part of the enclosing function. The scanner matches braces after
blanking comments, string and character literals (raw strings included) and preprocessor
lines, so a brace inside any of them does not count. Brace initialisers at namespace or class
scope (tables, member defaults, constructor initialiser lists) are not functions.

Python 3 standard library only.
"""

import argparse
import os
import re
import sys

CPP_EXTENSIONS = (".cpp", ".cc", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".ipp", ".inl")
IDENT_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
RAW_PREFIXES = ("R", "u8R", "uR", "UR", "LR")


def _token_before(text, i):
    """The identifier/number characters directly before position i (digit separators kept)."""
    j = i
    while j > 0 and (text[j - 1] in IDENT_CHARS or text[j - 1] in "'."):
        j -= 1
    return text[j:i]


def blank_non_code(text):
    """Returns text with comments, literals and preprocessor lines replaced by spaces.

    Newlines stay where they are, so line numbers are unchanged; a literal becomes its quotes
    around spaces ("" or '') so that the code around it keeps its shape.
    """
    out = list(text)
    n = len(text)
    i = 0
    line_start = True  # only whitespace so far on this line

    def blank(a, b):
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if c == "\n":
            line_start = True
            i += 1
            continue
        if c in " \t\r\f\v":
            i += 1
            continue
        if line_start and c == "#":
            # A preprocessor directive runs to the end of the line, backslash continuations
            # included; comments inside it are blanked with it.
            j = i
            while j < n:
                if text[j] == "\n" and text[j - 1] != "\\" and not (
                        text[j - 1] == "\r" and text[j - 2] == "\\"):
                    break
                if text.startswith("/*", j):
                    end = text.find("*/", j + 2)
                    j = n if end < 0 else end + 2
                    continue
                j += 1
            blank(i, j)
            i = j
            continue
        line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
            continue
        if c == '"':
            prefix = _token_before(text, i)
            if prefix in RAW_PREFIXES:
                open_paren = text.find("(", i + 1)
                delimiter = text[i + 1:open_paren] if open_paren >= 0 else ""
                closing = ")" + delimiter + '"'
                end = text.find(closing, open_paren + 1) if open_paren >= 0 else -1
                j = n if end < 0 else end + len(closing)
                blank(i + 1, j - 1)
                i = j
                continue
            j = i + 1
            while j < n and text[j] != '"' and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, min(j, n))
            i = j + 1
            continue
        if c == "'":
            token = _token_before(text, i)
            if token and token[0].isdigit():
                i += 1  # digit separator: 1'000'000
                continue
            j = i + 1
            while j < n and text[j] != "'" and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            blank(i + 1, min(j, n))
            i = j + 1
            continue
        i += 1
    return "".join(out)


def _strip_template_prefix(head):
    """Drops leading `template <...>` clauses (angle brackets balanced)."""
    while True:
        m = re.match(r"\s*template\s*<", head)
        if not m:
            return head
        depth = 1
        k = m.end()
        while k < len(head) and depth:
            if head[k] == "<":
                depth += 1
            elif head[k] == ">":
                depth -= 1
            k += 1
        head = head[k:]


def _has_top_level_assignment(head):
    """True if head has an `=` outside parentheses and brackets that is not a comparison."""
    if re.search(r"\boperator\b", head):
        return False
    depth = 0
    for k, ch in enumerate(head):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "=" and depth == 0:
            before = head[k - 1] if k else ""
            after = head[k + 1] if k + 1 < len(head) else ""
            if before not in "=!<>" and after != "=":
                return True
    return False


def _parens_open(head):
    depth = 0
    for ch in head:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
    return depth > 0


def _initialiser_list_colon(head):
    """Position of a constructor initialiser list's `:` (after the parameter list), or -1."""
    depth = 0
    seen_params = False
    k = 0
    while k < len(head):
        ch = head[k]
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0 and ch == ")":
                seen_params = True
        elif ch == ":" and depth == 0:
            if head.startswith("::", k):
                k += 2
                continue
            if seen_params:
                return k
        k += 1
    return -1


def classify(head):
    """What a `{` opens at namespace or class scope: namespace, class, function or init."""
    body = _strip_template_prefix(head).strip()
    body = re.sub(r"\[\[.*?\]\]", " ", body).strip()
    if re.match(r"(inline\s+)?namespace\b", body) or re.fullmatch(r'extern\s*(""\s*)?', body):
        return "namespace"
    if re.match(r"(typedef\s+)?(class|struct|union|enum)\b", body):
        return "class"
    if "(" not in body or _parens_open(body) or _has_top_level_assignment(body):
        return "init"
    colon = _initialiser_list_colon(body)
    if colon >= 0:
        # Inside an initialiser list `{` after a name initialises that member; the body's `{`
        # follows a closed `)` or `}`.
        return "function" if body[-1] in ")}" else "init"
    return "function"


def function_name(head):
    """A readable name for the function whose declaration is head (qualified, operators kept)."""
    body = _strip_template_prefix(head)
    body = re.sub(r"\[\[.*?\]\]", " ", body)
    body = " ".join(body.split())
    pattern = re.compile(r"((?:[A-Za-z_~]\w*\s*(?:<[^()]*?>)?\s*::\s*)*"
                         r"(?:operator\s*(?:\(\)|[^\s\w(]+|[\w:<>*& ]+?)|~?[A-Za-z_]\w*))\s*\(")
    m = pattern.search(body)
    while m and m.group(1) in ("decltype", "alignas", "noexcept", "__attribute__", "sizeof"):
        m = pattern.search(body, m.end())
    if not m:
        return "(anonymous)"
    name = re.sub(r"\s*(::|<|>)\s*", r"\1", m.group(1).strip())
    return re.sub(r"operator\s+(?=[^\w])", "operator", name)


def find_functions(text):
    """Yields (start_line, end_line, name) for each function body at namespace/class scope."""
    code = blank_non_code(text)
    n = len(code)
    line_of = []  # line number at each offset, computed lazily through a prefix table
    line = 1
    for ch in code:
        line_of.append(line)
        if ch == "\n":
            line += 1
    line_of.append(line)

    def matching_brace(i):
        depth = 0
        for k in range(i, n):
            if code[k] == "{":
                depth += 1
            elif code[k] == "}":
                depth -= 1
                if depth == 0:
                    return k
        return n - 1

    results = []

    def scan_scope(i, end):
        """Scans code[i:end] as a namespace or class body."""
        head_start = i
        while i < end:
            ch = code[i]
            if ch == ";":
                head_start = i + 1
            elif ch == ":" and re.fullmatch(r"\s*(public|private|protected)\s*",
                                            code[head_start:i]):
                head_start = i + 1
            elif ch == "{":
                head = code[head_start:i]
                kind = classify(head)
                close = matching_brace(i)
                if kind in ("namespace", "class"):
                    scan_scope(i + 1, close)
                    head_start = close + 1
                elif kind == "function":
                    offset = head_start + (len(head) - len(head.lstrip()))
                    results.append((line_of[offset], line_of[close], function_name(head)))
                    head_start = close + 1
                # an initialiser stays part of the head up to its `;`
                i = close
            elif ch == "}":
                head_start = i + 1
            i += 1

    scan_scope(0, n)
    return results


def cpp_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(CPP_EXTENSIONS):
                    yield os.path.join(root, name)


def display_path(path, roots):
    """path relative to the parent of the root it was found under (batch/... for batch/)."""
    for root in roots:
        parent = os.path.dirname(os.path.abspath(root).rstrip(os.sep))
        absolute = os.path.abspath(path)
        if absolute.startswith(parent + os.sep):
            return os.path.relpath(absolute, parent)
    return path


def check(paths, limit_file, limit_function):
    findings = []
    for path in cpp_files(paths):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        shown = display_path(path, paths)
        lines = len(text.splitlines())
        if lines > limit_file:
            findings.append(f"{shown}:1 file {lines} lines")
        for start, end, name in find_functions(text):
            length = end - start + 1
            if length > limit_function:
                findings.append(f"{shown}:{start} {name} {length} lines")
    return findings


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="directories (searched recursively) or files")
    parser.add_argument("--limit-file", type=int, default=600,
                        help="largest allowed file, in lines (default 600)")
    parser.add_argument("--limit-function", type=int, default=100,
                        help="largest allowed function, in lines (default 100)")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not os.path.exists(path):
            parser.error(f"no such file or directory: {path}")
    findings = check(args.paths, args.limit_file, args.limit_function)
    for finding in findings:
        print(finding)
    if findings:
        print(f"{len(findings)} finding(s): files over {args.limit_file} lines, "
              f"functions over {args.limit_function} lines", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
