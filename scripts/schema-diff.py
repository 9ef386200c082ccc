#!/usr/bin/env python3
"""Prints the statements of a full CREATE script (from `schema-script PROVIDER`) that concern tables not created by
the existing numbered scripts: the starting point of the next script when a change only adds tables.

usage: scripts/schema-diff.py PROVIDER < full.sql
"""
import pathlib
import re
import sys

provider = sys.argv[1]
root = pathlib.Path(__file__).resolve().parent.parent
existing = ""
for script in sorted((root / "src/ClaimDesk.Web/Data/Migrations" / provider).glob("*.sql")):
    existing += script.read_text()
known = set(re.findall(r'CREATE TABLE "?(\w+)"?', existing))
for statement in sys.stdin.read().split(";\n"):
    statement = statement.strip()
    if not statement:
        continue
    table = re.search(r'(?:CREATE TABLE|ON) "?(\w+)"?', statement)
    if table and table.group(1) not in known:
        print(statement + ";\n")
