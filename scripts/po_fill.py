"""Developer tool: fill empty msgstr entries of a .po file from a JSON map {msgid: translation}.

Usage: python scripts/po_fill.py locale/ar/LC_MESSAGES/django.po translations.json
A plural entry's value may be a list (one string per plural form).
"""
import json
import re
import sys


def unquote(lines):
    return "".join(json.loads(line[line.index('"'):]) for line in lines)


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def fill(po_path, translations):
    blocks = open(po_path, encoding="utf-8").read().split("\n\n")
    out, filled = [], 0
    for block in blocks:
        lines = block.split("\n")
        keys = [i for i, l in enumerate(lines) if re.match(r"^(msgid|msgid_plural|msgstr(\[\d\])?) ", l)]
        if not keys:
            out.append(block)
            continue
        parts, order = {}, []
        for n, start in enumerate(keys):
            end = keys[n + 1] if n + 1 < len(keys) else len(lines)
            key = lines[start].split(" ", 1)[0]
            parts[key] = [lines[start][len(key) + 1:]] + [l for l in lines[start + 1:end] if l.startswith('"')]
            order.append(key)
        msgid = unquote(parts["msgid"])
        value = translations.get(msgid)
        head = lines[: keys[0]]
        if not msgid or value is None:
            out.append(block)
            continue
        new = head + ["msgid " + quote(msgid)]
        if "msgid_plural" in parts:
            new.append("msgid_plural " + quote(unquote(parts["msgid_plural"])))
            values = value if isinstance(value, list) else [value]
            new += [f"msgstr[{i}] " + quote(v) for i, v in enumerate(values)]
        else:
            new.append("msgstr " + quote(value))
        out.append("\n".join(l for l in new if l != "#, fuzzy"))
        filled += 1
    open(po_path, "w", encoding="utf-8").write("\n\n".join(out))
    return filled


if __name__ == "__main__":
    print(fill(sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))), "entries filled")
