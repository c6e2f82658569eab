"""Write the corpus of small upload files used by the tests/test_data_*.py files.

Run from anywhere: ``python tests/data/make_corpus.py``. The files are committed; this script
documents their exact bytes (encodings, BOMs, line endings) and can rebuild them. What each
file must read as is in ``expected.json`` next to it.
"""

from pathlib import Path

HERE = Path(__file__).parent


def _rows(n: int, pattern: str) -> str:
    return "".join(pattern.format(i=i, x=i * 1.5, y=(i * 7) % 5) for i in range(1, n + 1))


FILES: dict[str, bytes] = {
    # Reading: encodings, delimiters, decimal marks, quotes, line ends, headers.
    "comma_basic.csv": b"x,y\n1.5,2\n3,4.25\n-2,1e3\n",
    "utf8_bom.csv": b"\xef\xbb\xbfheight,weight\n1.80,75\n1.65,60\n1.72,68\n",
    "utf16_excel.txt": "name\tx\ty\nZoë\t1,5\t2\nJosé\t3\t4\n".replace(",", ".").encode("utf-16"),
    "windows1252.csv": "ville;température;pluie\nNîmes;14,5;700\nBrest;11,2;1200\n".encode(
        "cp1252"
    ),
    "excel_europe.csv": b"Produkt;Preis;Menge\r\nA;1.234,50;3\r\nB;-2,75;10\r\nC;0,5;7\r\n",
    "tabs.tsv": b"a\tb\tc\n1\t2\t3\n4\t5\t6\n7\t8\t10\n",
    "pipes.txt": b"a|b\n1.1|2\n3.3|4\n5.5|7\n",
    "quoted_numbers.csv": b'"x","y"\n"1,234.5","2"\n"-3","4.5"\n"7","8"\n',
    "crlf.csv": b"x,y\r\n1,2\r\n3,4\r\n5,7\r\n",
    "no_header.csv": b"1.5,2\n3,4\n5,6.5\n",
    "sep_line.csv": b"sep=;\nx;y\n1;2\n3;4\n5;7\n",
    "quoted_newline.csv": b'note,x\n"two\nlines",1\n"a, b",2\nplain,3\n',
    "duplicate_headers.csv": b"x,x,,y\n1,2,3,4\n5,6,7,8\n9,1,2,3\n",
    "r_write_csv.csv": b'"","x","y"\n' + _rows(12, '"{i}",{x},{y}\n').encode(),
    "r_write_table.txt": b"x\ty\n" + _rows(12, '"{i}"\t{x}\t{y}\n').encode(),
    # Columns and rows: roles, gaps.
    "roles.csv": (
        "id,name,date,group,constant,empty,x,y\n"
        + _rows(12, "{i},p{i},2024-01-{i:02d},g{y},7,,{x},{y}\n")
    ).encode(),
    "missing.csv": b"x,y\n1,2\n,4\nNA,6\n7,N/A\n9,10\n11,#DIV/0!\n13,14\n",
    "formula.csv": b"label,x\n=SUM(A1:A2),1\n+cmd,-3.5\n-x,2\n@here,-4\nsafe,5\n",
    "mostly_numbers.csv": b"x,y\n1,2\n3,abc\n5,6\n7,8\n9,10\n",
    # Errors the user can fix.
    "empty.csv": b"",
    "blank.csv": b"  \r\n\n",
    "header_only.csv": b"x,y\n",
    "one_row.csv": b"x,y\n1,2\n",
    "text_only.csv": b"name,city\nAnna,Lyon\nBen,Oslo\n",
    "almost_numbers.csv": b"x\n1\n2\nthree\n4\n5\n",
    "unclosed_quote.csv": b'x,y\n"1,2\n3,4\n',
    "workbook.xlsx": b"PK\x03\x04\x14\x00\x06\x00" + bytes(40),
    "old_workbook.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(40),
    "picture.png": b"\x89PNG\r\n\x1a\n" + bytes(40),
    "scan.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "page.csv": b"<!DOCTYPE html>\n<html><body>x,y</body></html>\n",
    "random.bin": bytes((i * 97 + 13) % 256 for i in range(600)),
    # Hostile files: longer than the 64 KB sample, odd cells far down, the page's own names.
    "one_long_line.csv": b"1.5," * 20000,
    "wide_header.csv": (
        ",".join(f"measure {j} " + "m" * 240 for j in range(300))
        + "\n"
        + "".join(",".join(str(i * 300 + j) + ".5" for j in range(300)) + "\n" for i in range(4))
    ).encode(),
    "late_text.csv": (
        "x,y\n" + "".join(f"{i % 7},{'abc' if i == 1199 else i % 5}\n" for i in range(1500))
    ).encode(),
    "late_zero_byte.csv": ("x,y\n" + "".join(f"{i % 7},{i % 5}\n" for i in range(20000))).encode()[
        :70000
    ]
    + b"\x00\n1,2\n",
    "page_columns.csv": b"x,y,cluster,points,share\n1,2,1,10,0.5\n3,4,2,20,0.25\n5,7,1,30,0.25\n",
}


def main() -> None:
    for name, data in FILES.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
