#!/usr/bin/env python3
"""Lists the localization keys that src/ClaimDesk.Web uses, and checks .resx files against them.

The UI has one shared resource, IStringLocalizer<SharedResource>, whose keys are the English texts themselves.
This script finds the keys in the source:

  * .cshtml: L["..."] and L["...", args]        (L is the localizer injected in _ViewImports.cshtml)
  * .cs:     localizer["..."] and localizer["...", args]
  * .cs:     ErrorMessage = "..."               (data-annotation attributes, localized by AddDataAnnotationsLocalization)
  * .cs:     [Display(Name = "...")]            (also Description/Prompt, which MVC localizes the same way)
  * .cs:     Error(nameof(X), "...")            (LocalizedIdentityErrorDescriber passes its texts on to the localizer;
                                                  ApiKeyService.Check returns English messages that the pages localize)
  * the role names, which the views translate through a variable (L[role]); see ROLE_KEYS.
  * keys that reach the localizer through a variable (localizer[error.Message], L[label]); see INDIRECT:
      - Core:   the messages of Workflow.Validate and NumberPattern.Problem (the register editor localizes them)
      - Core:   ClaimValidator's field errors, new(field, "...", args) in ClaimDraft.cs (field may be $"{path}.x")
      - C#:     new FieldError(field, "...", args) anywhere in Core and Web (ClaimForm.cs, ClaimCommands.cs)
      - C#:     ClaimOutcome.Refuse(Refusal.X, field, "...", args) and new ClaimOutcome(Refusal.X, field, "...", ...)
                anywhere in Core and Web (Claim.cs, ClaimCommands.cs, Card.cshtml.cs)
      - Web:    the labels of CodeLabels.Labels, ["channel.web"] = "Web form" (views show L[CodeLabels.Of(...)])
      - Web:    the claim grid's column and built-in view labels, new GridColumn("number", "Number", ...) in ClaimGrid.cs
      - Web:    the dashboard's status category tiles, (StatusCategory.Open, "Open", "primary") in Dashboard/Index.cshtml
    --verbose says, for every non-literal key, which of these covers it, and lists the ones none covers, as well as
    FieldError/ClaimOutcome messages that are not literals (their keys cannot be found).

Usage:
  scripts/extract-strings.py                      print every key, sorted and unique, one a line
  scripts/extract-strings.py --verbose            ... and, on stderr, where each key is used, and every non-literal key
                                                  with where its keys are read from (or NOT READ)
  scripts/extract-strings.py --check A.resx ...   exit 1 if a file lacks a key (or has a duplicate entry, or a
                                                  translation whose {0}-style placeholders differ from the key's),
                                                  or the code uses a key of AMBIGUOUS (one English word with several
                                                  meanings); keys in a file that no code uses are only warned about
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SOURCE = os.path.join(ROOT, "src", "ClaimDesk.Web")
SKIP_DIRS = {"bin", "obj", "node_modules", "wwwroot", "Resources"}

# The role names (ClaimDesk.Core.Security.StaffRole) are stored in the database and translated in the views with a
# variable key, L[role] / L[r], so no literal in the source shows them: they are listed here. Keep in step with
# StaffRole.All.
ROLE_KEYS = ["Administrator", "Manager", "Operator", "Technician", "Partner"]

# Keys whose English text means different things in different places, so that no one Polish or Czech text fits them
# all ("Name" is "Imię i nazwisko" for a person and "Nazwa" for a product): the code must not use them, but the
# key of the meaning it has. --check fails on every use, with where it is and what to use instead.
AMBIGUOUS = {
    "Name": 'a person\'s name or the name of a thing: use "Full name", "Product name", "Supplier name", '
            '"Customer name", "Policy name", "Rule name", "Team name", "Webhook name", "View name", "Key name" ...',
    "Order": 'a sort order ("Kolejność") or an order a customer placed ("Zamówienie"): use "Sort order" or "Sales order"',
}

# A C# string literal: verbatim @"..." ("" is a quote) or regular "..." (backslash escapes). Interpolated strings
# ($"...") are not keys: a key must be a constant for the resx lookup to work.
STRING = r'(?P<lit>@"(?:[^"]|"")*"|(?<![@$])"(?:[^"\\\n]|\\.)*")'

# A C# argument ahead of a message key: a literal, an interpolated string ($"{path}.quantity"), null, or a name,
# member access or simple call (field, Form.Name, FormField(x)).
ARGUMENT = r'(?:\$?@?"(?:[^"\\\n]|\\.)*"|@?[\w.]+(?:<[\w.]+>)?(?:\([^()\n]*\))?)'

# A refusal: Refusal.Invalid or ClaimDesk.Core.Claims.Refusal.Invalid.
REFUSAL = r'(?:[\w.]+\.)?Refusal\.\w+'

CORE = os.path.join("src", "ClaimDesk.Core")
WEB = os.path.join("src", "ClaimDesk.Web")

# Keys that reach the localizer through a variable (localizer[problem.Message], localizer[error.Message],
# L[CodeLabels.Of(...)], L[label]), read from where their literals are: (what, files, pattern). files are paths
# relative to the root, or directories whose .cs files are all read; a pattern's "lit" group is the key.
INDIRECT = [
    ("Workflow.Validate problems", [os.path.join(CORE, "Workflows", "Workflow.cs")],
     re.compile(r'\bnew\(\s*"\w+"\s*,\s*' + STRING)),
    ("TaskRules.Validate problems", [os.path.join(CORE, "Tasks", "TaskTemplate.cs")],
     re.compile(r'\bnew\(\s*"\w+"\s*,\s*' + STRING)),
    ("NumberPattern.Problem messages", [os.path.join(CORE, "Registers", "NumberPattern.cs")],
     re.compile(r'(?:\breturn|[?:])\s*' + STRING + r'\s*[;:]')),
    # Target-typed new(...) is a FieldError only in the validator, where every error list is a List<FieldError>.
    ("ClaimValidator field errors", [os.path.join(CORE, "Claims", "ClaimDraft.cs")],
     re.compile(r'\bnew\(\s*' + ARGUMENT + r'\s*,\s*' + STRING)),
    ("FieldError messages", [CORE, WEB],
     re.compile(r'\bnew\s+(?:[\w.]+\.)?FieldError\(\s*' + ARGUMENT + r'\s*,\s*' + STRING)),
    ("ClaimOutcome messages", [CORE, WEB],
     re.compile(r'(?:\bClaimOutcome\.Refuse|\bnew\s+(?:[\w.]+\.)?ClaimOutcome|\bnew)\(\s*' + REFUSAL
                + r'\s*,\s*' + ARGUMENT + r'\s*,\s*' + STRING)),
    ("CustomFieldDefinition.Validate problems", [os.path.join(CORE, "CustomFields", "CustomFieldDefinition.cs")],
     re.compile(r'\bnew\(\s*"\w+"\s*,\s*' + STRING)),
    ("CustomFieldParse refusals", [os.path.join(CORE, "CustomFields", "CustomFieldDefinition.cs")],
     re.compile(r'\bCustomFieldParse\.Refuse\(\s*' + STRING)),
    ("custom field type labels", [os.path.join(WEB, "Features", "Admin", "CustomFields", "CustomFieldLabels.cs")],
     re.compile(r'=>\s*' + STRING)),
    ("CodeLabels labels", [os.path.join(WEB, "Features", "Claims", "CodeLabels.cs")],
     re.compile(r'\[\s*"[\w.]+"\s*\]\s*=\s*' + STRING)),
    ("claim grid columns and built-in views", [os.path.join(WEB, "Features", "Claims", "ClaimGrid.cs")],
     re.compile(r'\bnew\s+(?:GridColumn|BuiltInView)\(\s*"\w+"\s*,\s*' + STRING)),
    ("dashboard status category tiles", [os.path.join(WEB, "Features", "Dashboard", "Index.cshtml")],
     re.compile(r'\(\s*(?:[\w.]+\.)?StatusCategory\.\w+\s*,\s*' + STRING)),
]

# A FieldError or ClaimOutcome whose message is not a literal: its key cannot be read (listed by --verbose).
INDIRECT_UNREAD = re.compile(
    r'(?:\bnew\s+(?:[\w.]+\.)?FieldError\(|(?:\bClaimOutcome\.Refuse|\bnew\s+(?:[\w.]+\.)?ClaimOutcome|\bnew)\(\s*'
    + REFUSAL + r'\s*,)\s*' + ARGUMENT + r'\s*,\s*(?!["@$\s])([^,)\n]+)')

# The non-literal keys that INDIRECT or ROLE_KEYS account for: (file, as a regular expression on its path relative
# to the root, with / as separator; the key expression, as one; where the keys are read). --verbose lists the others
# as keys nobody reads.
COVERED = [
    (r".*/Account/LocalizedIdentityErrorDescriber\.cs", r"localizer\[text$", "Error(nameof(X), \"...\")"),
    (r".*/Admin/ApiKeys/Create\.cshtml\.cs", r"localizer\[message$", "Error(nameof(X), \"...\") in ApiKeyService.Check"),
    (r".*\.cshtml", r"L\[(?:role|r|[\w.]+\.ActsAsRole)$", "ROLE_KEYS"),
    (r".*/Admin/Registers/RegisterAdministration\.cs", r"localizer\[patternProblem$", "NumberPattern.Problem messages"),
    (r".*/Admin/Registers/RegisterAdministration\.cs", r"localizer\[problem\.Message$", "Workflow.Validate problems"),
    (r".*/Features/Claims/[^/]+", r"(?:L|localizer)\[.*\b(?:CodeLabels\.Of<\w+>|IndexModel\.(?:Channel|Decision)Label)\(",
     "CodeLabels labels"),
    (r".*/Features/Claims/New\.cshtml", r"L\[label$", "CodeLabels labels (CodeLabels.All)"),
    (r".*/Features/Claims/(?:Index\.cshtml|ClaimExport\.cs)", r"(?:L|localizer)\[(?:column|c|view)\.Label$",
     "claim grid columns and built-in views"),
    (r".*/Features/Claims/(?:Index\.cshtml|ClaimExport\.cs)", r"(?:L|localizer)\[(?:column\.CodeLabel!|CodeLabels\.Of<TEnum>)\(",
     "CodeLabels labels"),
    (r".*/Features/Claims/[^/]+\.cs", r"localizer\[outcome\.Message$", "ClaimOutcome messages"),
    (r".*/Features/Tasks/[^/]+\.cs", r"localizer\[outcome\.Message$", "ClaimOutcome messages"),
    (r".*/Features/Claims/[^/]+\.cs", r"localizer\[(?:e|error)\.Message$", "FieldError messages, ClaimValidator field errors"),
    (r".*/Features/Dashboard/Index\.cshtml", r"L\[label$", "dashboard status category tiles"),
    (r".*/Features/Intake/New\.cshtml", r"L\[label$", "CodeLabels labels (CodeLabels.All)"),
    (r".*/Features/Intake/IntakeMails\.cs", r"localizer\[CodeLabels\.Of\(", "CodeLabels labels"),
    (r".*/Features/Intake/[^/]+\.cs", r"localizer\[error\.Message$", "FieldError messages, ClaimValidator field errors"),
    (r".*/Features/MasterData/[^/]+\.cs", r"localizer\[error\.Message$", "FieldError messages (MasterDataValidator, the master-data kinds)"),
    (r".*/Infrastructure/FormErrors\.cs", r"localizer\[e\.Message$", "FieldError messages, ClaimValidator field errors"),
]

PATTERNS = {
    ".cshtml": [
        re.compile(r'(?<![\w.])L\[\s*' + STRING + r'\s*[,\]]'),
    ],
    ".cs": [
        re.compile(r'(?<![\w.])localizer\[\s*' + STRING + r'\s*[,\]]'),
        re.compile(r'\bErrorMessage\s*=\s*' + STRING),
        re.compile(r'\[\s*(?:System\.ComponentModel\.DataAnnotations\.)?Display(?:Attribute)?\s*\([^\]]*?\b(?:Name|Description|Prompt)\s*=\s*' + STRING),
        re.compile(r'\bError\(\s*nameof\([^()]*\)\s*,\s*' + STRING),
    ],
}

# Indexing the localizer with something other than a literal: listed by --verbose, so such keys are not forgotten.
DYNAMIC = {
    ".cshtml": re.compile(r'(?<![\w.])L\[\s*(?!["@\s])([^\],]+)'),
    ".cs": re.compile(r'(?<![\w.])localizer\[\s*(?!["@\s])([^\],]+)'),
}

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}


def decode(literal):
    """The value of a C# string literal."""
    if literal.startswith('@"'):
        return literal[2:-1].replace('""', '"')
    body = literal[1:-1]
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = body[i + 1]
        if e == "u":
            out.append(chr(int(body[i + 2:i + 6], 16)))
            i += 6
        elif e == "U":
            out.append(chr(int(body[i + 2:i + 10], 16)))
            i += 10
        elif e == "x":
            m = re.match(r"[0-9a-fA-F]{1,4}", body[i + 2:])
            out.append(chr(int(m.group(0), 16)))
            i += 2 + len(m.group(0))
        else:
            out.append(ESCAPES.get(e, e))
            i += 2
    return "".join(out)


def strip_cs_comments(text):
    """C# source with // and /* */ comments blanked (newlines kept, so line numbers stay right)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith('@"', i) or text.startswith('$@"', i) or text.startswith('@$"', i):
            j = text.index('"', i) + 1
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    j += 1
                    break
                j += 1
            out.append(text[i:j])
            i = j
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(text[i:j])
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def strip_razor_comments(text):
    """Razor @* ... *@ comments blanked. HTML comments are kept: Razor still runs the code inside them."""
    return re.sub(r"@\*.*?\*@", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)


def source_files():
    for directory, subdirs, files in os.walk(SOURCE):
        subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS)
        for name in sorted(files):
            ext = os.path.splitext(name)[1]
            if ext in PATTERNS:
                yield os.path.join(directory, name), ext


def indirect_files(paths):
    """The files an INDIRECT entry names: files as they are, directories as their .cs files (bin and obj left out)."""
    for rel in paths:
        full = os.path.join(ROOT, rel)
        if not os.path.isdir(full):
            yield full
            continue
        for directory, subdirs, files in os.walk(full):
            subdirs[:] = sorted(d for d in subdirs if d not in SKIP_DIRS)
            for name in sorted(files):
                if name.endswith(".cs"):
                    yield os.path.join(directory, name)


def read_source(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    return strip_razor_comments(text) if path.endswith(".cshtml") else strip_cs_comments(text)


def covered_by(rel, expression):
    """Where the keys of a non-literal key expression are read (see COVERED), or None."""
    rel = rel.replace(os.sep, "/")
    for file, pattern, source in COVERED:
        if re.fullmatch(file, rel) and re.match(pattern, expression):
            return source
    return None


def extract():
    """(keys as {key: [where used]}, non-literal uses as [(where, covered by or None)])."""
    keys = {key: ["ROLE_KEYS in " + os.path.relpath(__file__, ROOT)] for key in ROLE_KEYS}
    dynamic = []
    for path, ext in source_files():
        text = read_source(path)
        rel = os.path.relpath(path, ROOT)
        for pattern in PATTERNS[ext]:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start("lit")) + 1
                keys.setdefault(decode(m.group("lit")), []).append(f"{rel}:{line}")
        for m in DYNAMIC[ext].finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            expression = m.group(0).strip()
            dynamic.append((f"{rel}:{line}: {expression}", covered_by(rel, expression)))
    seen = set()
    for source, paths, pattern in INDIRECT:
        for path in indirect_files(paths):
            text = read_source(path)
            rel = os.path.relpath(path, ROOT)
            for m in pattern.finditer(text):
                key = decode(m.group("lit"))
                line = text.count("\n", 0, m.start("lit")) + 1
                where = f"{rel}:{line}"
                if re.match(r"\s*\+", text[m.end("lit"):]):
                    dynamic.append((f"{where}: {m.group('lit')} + ... (a key must be one literal)", None))
                    continue
                if not key:
                    continue
                if where not in keys.setdefault(key, []):
                    keys[key].append(where)
            if path.endswith(".cs") and path not in seen:
                seen.add(path)
                for m in INDIRECT_UNREAD.finditer(text):
                    line = text.count("\n", 0, m.start()) + 1
                    dynamic.append((f"{rel}:{line}: {' '.join(m.group(0).split())}", None))
    return keys, dynamic


PLACEHOLDER = re.compile(r"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}")


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)), key=int)


def ambiguous_uses(keys):
    """Lines for every use of a key of AMBIGUOUS."""
    return [f"  {key!r} at {where}: {AMBIGUOUS[key]}" for key in sorted(keys) if key in AMBIGUOUS for where in keys[key]]


def check(paths, keys):
    failed = False
    ambiguous = ambiguous_uses(keys)
    if ambiguous:
        failed = True
        print(f"{len(ambiguous)} uses of a key with several meanings (give each meaning its own key):")
        for line in ambiguous:
            print(line)
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except (OSError, ET.ParseError) as e:
            print(f"{path}: cannot read: {e}", file=sys.stderr)
            failed = True
            continue
        entries = {}
        duplicates = set()
        for data in root.iter("data"):
            name = data.get("name")
            if name in entries:
                duplicates.add(name)
            value = data.find("value")
            entries[name] = "" if value is None or value.text is None else value.text
        missing = sorted(k for k in keys if k not in entries)
        unused = sorted(k for k in entries if k not in keys)
        mismatched = sorted(k for k in keys if k in entries and placeholders(k) != placeholders(entries[k]))
        empty = sorted(k for k in keys if k in entries and not entries[k].strip())
        for title, items in (("missing", missing), ("duplicate", sorted(duplicates)),
                             ("placeholders differ from the key", mismatched), ("empty translation", empty)):
            if items:
                failed = True
                print(f"{path}: {len(items)} {title}:")
                for k in items:
                    print(f"  {k}")
        if unused:
            print(f"{path}: warning: {len(unused)} not used by the code:", file=sys.stderr)
            for k in unused:
                print(f"  {k}", file=sys.stderr)
        if not (missing or duplicates or mismatched or empty):
            print(f"{path}: all {len(keys)} keys present")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", nargs="+", metavar="FILE.resx", help="check these resx files against the code")
    parser.add_argument("--verbose", action="store_true", help="on stderr: where each key is used, non-literal keys")
    args = parser.parse_args()
    keys, dynamic = extract()
    if args.verbose:
        for key in sorted(keys):
            print(f"{key!r}: {', '.join(keys[key])}", file=sys.stderr)
        for where, source in dynamic:
            if source:
                print(f"non-literal key (its keys are read from {source}): {where}", file=sys.stderr)
        unread = [where for where, source in dynamic if not source]
        for where in unread:
            print(f"non-literal key NOT READ (add its texts to INDIRECT, ROLE_KEYS or COVERED): {where}", file=sys.stderr)
        print(f"{len(keys)} keys; {len(dynamic) - len(unread)} non-literal keys read elsewhere, {len(unread)} not read",
              file=sys.stderr)
    if args.check:
        return check(args.check, keys)
    for key in sorted(keys):
        print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
