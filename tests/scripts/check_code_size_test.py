#!/usr/bin/env python3
"""Tests scripts/check-code-size.py: its brace scanner and its command line."""

import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                      "check-code-size.py")
spec = importlib.util.spec_from_file_location("check_code_size", SCRIPT)
check_code_size = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_code_size)


def functions(text):
    return [(name, end - start + 1) for start, end, name in check_code_size.find_functions(text)]


class ScannerTest(unittest.TestCase):
    def test_counts_from_signature_line_to_closing_brace(self):
        text = "int f(int a,\n      int b) {\n  return a + b;\n}\n"
        self.assertEqual(functions(text), [("f", 4)])

    def test_template_line_belongs_to_the_signature(self):
        text = "template <typename T>\nT twice(T t) {\n  return t + t;\n}\n"
        self.assertEqual(functions(text), [("twice", 4)])

    def test_braces_in_comments_strings_chars_and_raw_strings_do_not_count(self):
        text = ('void f() {\n'
                '  // }\n'
                '  /* } } */\n'
                '  const char* s = "}\\"}";\n'
                "  char c = '}';\n"
                "  char q = '\\'';\n"
                '  auto r = R"x(}\n)" }\n)x";\n'
                '  int n = 1\'000\'000;\n'
                '}\n'
                'void g() {}\n')
        self.assertEqual(functions(text), [("f", 11), ("g", 1)])

    def test_lambdas_and_local_classes_belong_to_the_enclosing_function(self):
        text = ("void f() {\n"
                "  auto l = [](int x) {\n"
                "    return x;\n"
                "  };\n"
                "  struct Local { int g() { return 1; } };\n"
                "}\n")
        self.assertEqual(functions(text), [("f", 6)])

    def test_namespaces_classes_and_qualified_names(self):
        text = ("namespace a {\n"
                "namespace {\n"
                "struct S {\n"
                " public:\n"
                "  int x_{0};\n"
                "  int get() const { return x_; }\n"
                "  bool operator==(const S& o) const {\n"
                "    return x_ == o.x_;\n"
                "  }\n"
                "};\n"
                "}  // namespace\n"
                "void S2::run() {\n"
                "}\n"
                "}  // namespace a\n")
        self.assertEqual(functions(text), [("get", 1), ("operator==", 3), ("S2::run", 2)])

    def test_initialisers_are_not_functions(self):
        text = ("const int kTable[] = {\n  1,\n  2,\n};\n"
                "std::vector<int> v{1, 2};\n"
                "const auto l = [](int x) {\n  return x;\n};\n"
                "enum class E : int { a, b };\n"
                "Foo::Foo(int a) : a_{a}, b_(a), c_{f({1})} {\n"
                "  run();\n"
                "}\n"
                "Foo::Foo() : a_(1), b_{2} {\n"
                "}\n")
        self.assertEqual(functions(text), [("Foo::Foo", 3), ("Foo::Foo", 2)])

    def test_preprocessor_lines_are_skipped(self):
        text = "#define OPEN {\n#define LONG(x) \\\n  }\nvoid f() {\n}\n"
        self.assertEqual(functions(text), [("f", 2)])


class CommandLineTest(unittest.TestCase):
    def run_check(self, *args):
        return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True)

    def test_reports_long_files_and_functions_and_exits_1(self):
        with tempfile.TemporaryDirectory() as root:
            os.makedirs(os.path.join(root, "batch", "m"))
            body = "void long_one() {\n" + "  step();\n" * 5 + "}\nvoid short_one() {}\n"
            with open(os.path.join(root, "batch", "m", "a.cpp"), "w") as f:
                f.write(body)
            with open(os.path.join(root, "batch", "m", "notes.txt"), "w") as f:
                f.write("x\n" * 100)
            done = self.run_check("--limit-file", "7", "--limit-function", "6",
                                  os.path.join(root, "batch"))
            self.assertEqual(done.returncode, 1)
            self.assertEqual(done.stdout.splitlines(),
                             ["batch/m/a.cpp:1 file 8 lines", "batch/m/a.cpp:1 long_one 7 lines"])
            done = self.run_check("--limit-file", "8", "--limit-function", "7",
                                  os.path.join(root, "batch"))
            self.assertEqual((done.returncode, done.stdout), (0, ""))


if __name__ == "__main__":
    unittest.main()
