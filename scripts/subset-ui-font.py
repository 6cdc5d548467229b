#!/usr/bin/env python3
"""Writes ui/src/fonts/NotoSansTC-ui.woff2: the fallback Traditional Chinese
face of the interface, for machines without one of their own (a bare Linux
desktop; Windows and macOS have Microsoft JhengHei and PingFang TC).

It is Noto Sans TC Regular (data/fonts/, the face the PDF embeds) cut down to
what Casebook's interface and most patient text need: every character of the
interface's zh-TW.json, the 5,401 frequent hanzi of Big5 level 1 (the set
Taiwan's common-character standard is built on), Bopomofo, CJK and
full-width punctuation. Rarer characters fall back to the system's fonts.

Needs fontTools and brotli (`pip install fonttools brotli`); the output is
committed, so neither building nor running the app needs them.
"""
import json
import pathlib

from fontTools import subset

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data/fonts/NotoSansTC-Regular.ttf"
OUT = ROOT / "ui/src/fonts/NotoSansTC-ui.woff2"


def big5_level1() -> str:
    chars = []
    for lead in range(0xA4, 0xC7):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            code = bytes([lead, trail])
            if code > b"\xc6\x7e":
                break
            try:
                chars.append(code.decode("big5"))
            except UnicodeDecodeError:
                pass
    return "".join(chars)


def interface_text() -> str:
    def strings(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from strings(value)
        else:
            yield str(node)

    return "".join(strings(json.loads((ROOT / "ui/src/i18n/zh-TW.json").read_text("utf-8"))))


def main() -> None:
    ranges = [
        range(0x3000, 0x3040),  # CJK symbols and punctuation
        range(0x3100, 0x3130),  # Bopomofo
        range(0x31A0, 0x31C0),  # Bopomofo extended
        range(0xFF00, 0xFFF0),  # full-width forms
        range(0x2010, 0x2070),  # general punctuation (quotes, dashes, ellipsis)
    ]
    text = big5_level1() + interface_text() + "".join(chr(c) for r in ranges for c in r)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(OUT), options)
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size:,} bytes, {len(set(text)):,} characters asked for")


if __name__ == "__main__":
    main()
