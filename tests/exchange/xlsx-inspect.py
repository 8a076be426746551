#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads a workbook written by Liandang back for the tests (issue 6).

    xlsx-inspect.py FILE.xlsx
        prints JSON: {"properties": {...}, "sheets": [{...}, ...]} (see
        print_workbook below for the fields).
    xlsx-inspect.py --flat FILE.xlsx
        the same facts for C tests without a JSON parser: NUL-separated
        "key\0value\0" pairs, one per leaf, keys joined with "."
        ("sheets.0.rows.4.1.v"); a list or object also gets "KEY.#" = its
        length; null leaves are left out; booleans are "true"/"false".
    xlsx-inspect.py --csv OUTDIR FILE.xlsx...
        converts every sheet of every file with LibreOffice headless (one
        soffice run, private profile) and prints
        {"FILE.xlsx": ["OUTDIR/NAME-Sheet.csv", ...], ...} in sheet order.

Widths are as stored in the file: libxlsxwriter adds Excel's cell padding
(about 0.71) to the width it was given. Merged cells other than the
top-left one read as null. Counting sheets, rows and columns starts at 0
in "sheets" and "rows" and the cell addresses are Excel's ("A5").

Exit status 77 (the automake "skip" code) when python3-openpyxl or
LibreOffice is missing, 1 on any other failure. The sheet-level facts
(frozen panes, filter, page setup, header and footer, widths, merges,
images) come straight from the XML, the cells through openpyxl.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from posixpath import dirname, join, normpath

SKIP = 77
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}
R_ID = "{%s}id" % NS["r"]


def import_openpyxl():
    try:
        import openpyxl  # noqa: F401
        return openpyxl
    except ImportError:
        pass
    # A pyenv or venv python may shadow Debian's, which has python3-openpyxl.
    system = "/usr/bin/python3"
    if os.path.exists(system) and os.path.realpath(sys.executable) != os.path.realpath(system) \
            and not os.environ.get("LD_XLSX_INSPECT_REEXEC"):
        os.environ["LD_XLSX_INSPECT_REEXEC"] = "1"
        os.execv(system, [system] + sys.argv)
    print("xlsx-inspect: python3-openpyxl is not installed", file=sys.stderr)
    sys.exit(SKIP)


def resolve(base, target):
    if target.startswith("/"):
        return target[1:]
    return normpath(join(dirname(base), target))


def rels_of(zf, part):
    path = join(dirname(part), "_rels", part.rsplit("/", 1)[-1] + ".rels")
    if path not in zf.namelist():
        return {}
    root = ET.fromstring(zf.read(path))
    return {r.get("Id"): (r.get("Type", ""), resolve(part, r.get("Target")))
            for r in root.findall("pr:Relationship", NS)}


def sheet_parts(zf):
    """[(name, part path)] in workbook order, and the defined names."""
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = rels_of(zf, "xl/workbook.xml")
    sheets = [(s.get("name"), rels[s.get(R_ID)][1]) for s in wb.findall("m:sheets/m:sheet", NS)]
    defined = []
    for d in wb.findall("m:definedNames/m:definedName", NS):
        defined.append((d.get("name"), d.get("localSheetId"), d.text or ""))
    return sheets, defined


def sheet_facts(zf, part, index, defined):
    root = ET.fromstring(zf.read(part))
    facts = {}

    pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
    facts["freeze"] = pane.get("topLeftCell") if pane is not None and pane.get("state") in ("frozen", "frozenSplit") else None

    af = root.find("m:autoFilter", NS)
    facts["autofilter"] = af.get("ref") if af is not None else None

    titles = None
    for name, local, text in defined:
        if name == "_xlnm.Print_Titles" and local == str(index):
            titles = text.split("!", 1)[-1]
    facts["print_titles"] = titles

    ps = root.find("m:pageSetup", NS)
    fit_page = root.find("m:sheetPr/m:pageSetUpPr", NS)
    fit = fit_page is not None and fit_page.get("fitToPage") in ("1", "true")
    facts["orientation"] = (ps.get("orientation") if ps is not None else None) or "portrait"
    facts["paper_size"] = int(ps.get("paperSize", "1")) if ps is not None else 1
    facts["fit_width"] = int(ps.get("fitToWidth", "1")) if fit and ps is not None else (1 if fit else None)
    facts["fit_height"] = int(ps.get("fitToHeight", "1")) if fit and ps is not None else (1 if fit else None)

    hf = root.find("m:headerFooter", NS)
    facts["header"] = hf.findtext("m:oddHeader", default=None, namespaces=NS) if hf is not None else None
    facts["footer"] = hf.findtext("m:oddFooter", default=None, namespaces=NS) if hf is not None else None

    facts["merged"] = [m.get("ref") for m in root.findall("m:mergeCells/m:mergeCell", NS)]

    cols = []
    for c in root.findall("m:cols/m:col", NS):
        cols.append((int(c.get("min")), int(c.get("max")), float(c.get("width", "0")), c.get("customWidth")))
    facts["_cols"] = cols

    images = 0
    rels = rels_of(zf, part)
    for rel_type, target in rels.values():
        if rel_type.endswith("/drawing") and target in zf.namelist():
            xml = zf.read(target).decode("utf-8", "replace")
            images += xml.count("<xdr:pic>") + xml.count("<xdr:pic ")
    facts["images"] = images
    return facts


def cell_json(cell):
    import datetime

    value = cell.value
    if value is None:
        return None
    fmt = cell.number_format
    t = cell.data_type
    if isinstance(value, datetime.datetime):
        t = "d"
        if "h" in fmt.lower() or value.time() != datetime.time(0):
            v = value.strftime("%Y-%m-%d %H:%M:%S")
        else:
            v = value.strftime("%Y-%m-%d")
    elif isinstance(value, datetime.date):
        t = "d"
        v = value.strftime("%Y-%m-%d")
    elif isinstance(value, datetime.time):
        t = "d"
        v = value.strftime("%H:%M:%S")
    elif isinstance(value, bool):
        v = "TRUE" if value else "FALSE"
    else:
        v = str(value)
    if t == "inlineStr":
        t = "s"
    return {
        "v": v,
        "t": t,
        "fmt": fmt,
        "bold": bool(cell.font is not None and cell.font.b),
        "wrap": bool(cell.alignment is not None and cell.alignment.wrap_text),
    }


def column_letter(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def flatten(prefix, value, out):
    if value is None:
        return
    if isinstance(value, dict):
        out.append((prefix + "#", str(len(value))))
        for k, v in value.items():
            flatten(prefix + str(k) + ".", v, out)
    elif isinstance(value, list):
        out.append((prefix + "#", str(len(value))))
        for i, v in enumerate(value):
            flatten(prefix + str(i) + ".", v, out)
    elif isinstance(value, bool):
        out.append((prefix[:-1], "true" if value else "false"))
    else:
        out.append((prefix[:-1], str(value)))


def print_workbook(path, flat=False):
    openpyxl = import_openpyxl()
    with zipfile.ZipFile(path) as zf:
        sheets, defined = sheet_parts(zf)
        facts = [sheet_facts(zf, part, i, defined) for i, (_, part) in enumerate(sheets)]
        company = None
        if "docProps/app.xml" in zf.namelist():
            app = ET.fromstring(zf.read("docProps/app.xml"))
            company = app.findtext("ep:Company", default=None, namespaces=NS)

    wb = openpyxl.load_workbook(path, data_only=False)
    p = wb.properties
    out = {
        "properties": {
            "title": p.title,
            "subject": p.subject,
            "creator": p.creator,
            "description": p.description,
            "keywords": p.keywords,
            "company": company,
            "created": p.created.strftime("%Y-%m-%d %H:%M:%S") if p.created else None,
        },
        "sheets": [],
    }
    for (name, _), f in zip(sheets, facts):
        ws = wb[name]
        max_row = ws.max_row
        max_col = ws.max_column
        widths = {}
        for lo, hi, width, _custom in f.pop("_cols"):
            for c in range(lo, min(hi, max(max_col, lo)) + 1):
                widths[column_letter(c)] = width
        rows = []
        for row in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col):
            rows.append([cell_json(c) for c in row])
        sheet = {"name": name}
        sheet.update(f)
        sheet.update({"max_row": max_row, "max_col": max_col, "widths": widths, "rows": rows})
        out["sheets"].append(sheet)
    if flat:
        pairs = []
        flatten("", out, pairs)
        data = b"".join(k.encode("utf-8") + b"\0" + v.replace("\0", "").encode("utf-8") + b"\0"
                        for k, v in pairs)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def convert_csv(outdir, files):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("xlsx-inspect: LibreOffice (soffice) is not installed", file=sys.stderr)
        sys.exit(SKIP)
    os.makedirs(outdir, exist_ok=True)
    names = {}
    for f in files:
        with zipfile.ZipFile(f) as zf:
            names[f] = [n for n, _ in sheet_parts(zf)[0]]

    profile = tempfile.mkdtemp(prefix="ld-soffice-")
    try:
        # Tokens: comma, double quote, UTF-8, from line 1, no cell formats,
        # default language, quoted as text, detect numbers, save as shown,
        # no formulas, keep spaces, every sheet (-1).
        flt = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
        env = dict(os.environ, HOME=profile)
        cmd = [soffice, "--headless", "--norestore", "--nologo", "--nolockcheck",
               "-env:UserInstallation=file://" + profile,
               "--convert-to", flt, "--outdir", outdir] + list(files)
        res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=600)
        if res.returncode != 0:
            sys.stderr.write(res.stderr.decode("utf-8", "replace"))
            sys.exit(1)
    finally:
        shutil.rmtree(profile, ignore_errors=True)

    out = {}
    for f in files:
        base = os.path.splitext(os.path.basename(f))[0]
        found = []
        for n in names[f]:
            candidate = os.path.join(outdir, "%s-%s.csv" % (base, n))
            if os.path.exists(candidate):
                found.append(candidate)
        if not found:
            found = sorted(glob.glob(os.path.join(glob.escape(outdir), glob.escape(base) + "*.csv")))
        out[f] = found
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def main(argv):
    if len(argv) >= 3 and argv[1] == "--csv":
        convert_csv(argv[2], argv[3:])
        return 0
    if len(argv) == 3 and argv[1] == "--flat":
        print_workbook(argv[2], flat=True)
        return 0
    if len(argv) != 2:
        print("usage: xlsx-inspect.py FILE.xlsx | --flat FILE.xlsx | --csv OUTDIR FILE.xlsx...",
              file=sys.stderr)
        return 2
    print_workbook(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
