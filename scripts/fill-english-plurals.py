#!/usr/bin/env python3
"""Fills the English plural forms in translations/courier_en.ts from the source strings.

Source strings mark plurals as "%n row(s)"; English needs "1 row" / "2 rows". Run it after
`cmake --build build --target update_translations`. Other strings need no English translation.
"""
import pathlib
import re

path = pathlib.Path(__file__).resolve().parent.parent / "translations" / "courier_en.ts"
text = path.read_text(encoding="utf-8")


def fill(match):
    block = match.group(0)
    source = re.search(r"<source>(.*?)</source>", block, re.S).group(1)
    forms = (source.replace("(s)", ""), source.replace("(s)", "s"))
    translation = ("<translation>\n"
                   + "".join(f"            <numerusform>{form}</numerusform>\n" for form in forms)
                   + "        </translation>")
    return re.sub(r"<translation[^>]*>.*?</translation>", lambda _: translation, block, flags=re.S)


path.write_text(re.sub(r'<message numerus="yes">.*?</message>', fill, text, flags=re.S),
                encoding="utf-8")
