#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/corpus/<target>/), one input per file.

  fuzz/make-seeds.py [--zhixing build/zhixing]

record_parser: 300 lines of `zhixing demo-data` (every 7th of the 2,083 demo cases, so that the
  kinds of case, party and measure are all represented), each line one seed.
bank_confirmation: a confirmation file like the one scripts/setup.sh hands to `ledger confirm`
  (every demo voucher, paid 2024-12-31, references DEMO-<voucher>), and small variants: BOM,
  CRLF, quoted fields, blank lines, one line of each kind the reader refuses.
markup: templates/*.mustache as they are, and each with its mustache tags replaced by text (the
  markup a rendered document is parsed from).
The seeds are small (well under 1 MB in all) and checked in; the fuzzer's own findings go to
build-fuzz/corpus/, not here.
"""
import argparse
import hashlib
import pathlib
import re
import shutil
import subprocess

root = pathlib.Path(__file__).resolve().parent.parent
corpus = root / "fuzz" / "corpus"


def reset(name):
    d = corpus / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    return d


def put(d, label, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    (d / f"{label}-{hashlib.sha1(data).hexdigest()[:12]}").write_bytes(data)


def record_parser(zhixing):
    d = reset("record_parser")
    out = subprocess.run([zhixing, "demo-data", "--out", "/dev/stdout"], check=True,
                         capture_output=True).stdout.decode("utf-8").splitlines()
    for i, line in enumerate(out[::7][:300]):
        put(d, f"demo{i:03d}", line)


def bank_confirmation():
    d = reset("bank_confirmation")
    header = "voucher_number,paid_on,amount,bank_reference"
    amounts = ["50000.00", "30000.00", "12000.50", "8000.00", "65000.00", "20000.00"]
    rows = [f"冀0633-2024-JZ-{n:04d},2024-12-31,{amounts[n % len(amounts)]},DEMO-冀0633-2024-JZ-{n:04d}"
            for n in range(1, 41)]
    put(d, "setup", "\n".join([header] + rows) + "\n")
    put(d, "bom-crlf", "\ufeff" + "\r\n".join([header] + rows[:3]) + "\r\n")
    put(d, "quoted", header + '\n"冀0633-2024-JZ-0001","2024-12-31","50000.00","REF ""A"", 1"\n')
    put(d, "blank-lines", header + "\n\n" + rows[0] + "\n   \n" + rows[1])
    put(d, "invalid-lines", "\n".join([
        header,
        "冀0633-2024-JZ-0001,2024-12-31,50000.00",            # 3 columns
        ",2024-12-31,50000.00,REF1",                           # no voucher
        "冀0633-2024-JZ-0002,2024-02-30,50000.00,REF2",        # no such date
        "冀0633-2024-JZ-0003,2024-12-31,-5.00,REF3",           # negative
        "冀0633-2024-JZ-0004,2024-12-31,1.234,REF4",           # 3 decimals
        "冀0633-2024-JZ-0005,2024-12-31,100.00,",              # no reference
        "冀0633-2024-JZ-0006,2024-12-31,100.00,REF6,extra",    # 5 columns
    ]) + "\n")
    put(d, "header-only", header + "\n")
    put(d, "wrong-header", "voucher,date,amount,reference\n" + rows[0] + "\n")


def markup():
    d = reset("markup")
    section = re.compile(r"^\s*\{\{[#^/][^}]*\}\}\s*$")
    tag = re.compile(r"\{\{\{?[^}]*\}?\}\}")
    for t in sorted((root / "templates").glob("*.mustache")):
        text = t.read_text(encoding="utf-8")
        put(d, t.stem, text)
        lines = [tag.sub("王某某2024", l) for l in text.splitlines() if not section.match(l)]
        put(d, t.stem + "-filled", "\n".join(lines) + "\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhixing", default=str(root / "build" / "zhixing"))
    ap.add_argument("--only", choices=["record_parser", "bank_confirmation", "markup"])
    a = ap.parse_args()
    if a.only in (None, "record_parser"):
        record_parser(a.zhixing)
    if a.only in (None, "bank_confirmation"):
        bank_confirmation()
    if a.only in (None, "markup"):
        markup()
