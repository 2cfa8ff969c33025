#!/usr/bin/env python3
"""Writes the PDF and Word files tests/cli/meeting.sh reads, by hand (no
binaries in the repository).

Usage: make-files.py DIR

DIR/interview.pdf   two pages with a text layer (Helvetica), a
                    transcript with speaker labels;
DIR/scan.pdf        one page with a drawn rectangle and no text at all,
                    as a scanner writes it;
DIR/table.docx      a transcript as a two-column table (speaker | words)
                    with a header row, a row with two paragraphs and a row
                    with an empty speaker cell that continues the turn;
DIR/panel.odt       the same layout in OpenDocument (table:table-row);
DIR/notes.doc, DIR/letter.rtf, DIR/photo.jpg, DIR/.DS_Store: files a
                    folder import lists as not read.
"""
import os
import sys
import zipfile

d = sys.argv[1]
os.makedirs(d, exist_ok=True)


def pdf(pages):
    """A PDF whose pages have the given content streams."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [%s] /Count %d >>" % (
                " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages))), len(pages)),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, content in enumerate(pages):
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objs.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for n, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return out


def text_page(lines):
    body = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(
        "(%s) Tj T*" % l.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        for l in lines) + " ET"
    return body


with open(os.path.join(d, "interview.pdf"), "wb") as f:
    f.write(pdf([text_page(["Interviewer: What do you think of the clinic?",
                            "Ana: The staff are kind but the wait is long."]),
                 text_page(["Interviewer: Anything else?",
                            "Ana: Parking is a nightmare."])]))
with open(os.path.join(d, "scan.pdf"), "wb") as f:
    f.write(pdf(["0.5 g 72 72 468 648 re f"]))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def cell(*paras):
    return "<w:tc>" + "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paras) + "</w:tc>"


rows = [("Speaker", "Text"),
        ("Interviewer", "How do you get to work?"),
        ("Ana Lopez", ["By bus, mostly.", "It is never on time."]),
        ("", "Last week I waited forty minutes."),
        ("Interviewer", "What would help?")]
body = "<w:tbl><w:tblPr/>" + "".join(
    "<w:tr>" + cell(a) + cell(*(b if isinstance(b, list) else [b])) + "</w:tr>"
    for a, b in rows) + "</w:tbl>"
doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document xmlns:w="{W}"><w:body>'
       f'<w:p><w:r><w:t>Transcript of interview 7</w:t></w:r></w:p>{body}</w:body></w:document>')
with zipfile.ZipFile(os.path.join(d, "table.docx"), "w") as z:
    z.writestr("word/document.xml", doc)

T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
X = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
O = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def ocell(text):
    return f"<table:table-cell><text:p>{text}</text:p></table:table-cell>"


orows = [("Moderator", "What did the panel think?"), ("Ben", "The fares are too high.")]
content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="{O}" '
           f'xmlns:text="{X}" xmlns:table="{T}"><office:body><office:text><table:table>'
           + "".join(f"<table:table-row>{ocell(a)}{ocell(b)}</table:table-row>" for a, b in orows)
           + "</table:table></office:text></office:body></office:document-content>")
with zipfile.ZipFile(os.path.join(d, "panel.odt"), "w") as z:
    z.writestr("content.xml", content)

for name, data in (("notes.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504),
                   ("letter.rtf", b"{\\rtf1\\ansi Hello}\n"),
                   ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 16),
                   (".DS_Store", b"\0\0\0\1Bud1")):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
