#!/usr/bin/python3
"""Give a hinting-free font subset a one-instruction 'prep' table.

libharu 2.3.0 writes the 13 TrueType tables it requires in a fixed order ending with 'prep'
and, for a table the font lacks, records an empty table at the end of its in-memory font
stream. Its checksum pass then seeks to that offset; when the embedded subset happens to be an
exact multiple of the stream's 4,096-byte buffer, the seek fails with HPDF_INVALID_OBJECT
(0x1033) and the whole PDF is lost. hb-subset --no-hinting drops 'prep' (and 'cvt ', 'fpgm'),
so about one document in two thousand per font failed, depending on the glyphs it used.

A non-empty 'prep' keeps the last table's offset inside the stream. Its program is
PUSHB[0] 0, POP: it does nothing, and the glyphs keep no instructions of their own.

    add_prep.py IN OUT
"""
import sys

from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables import ttProgram


def main(src, dst):
    # The subset as hb-subset made it: no new timestamp (reproducible builds), no new bounds.
    font = TTFont(src, recalcBBoxes=False, recalcTimestamp=False)
    if "prep" not in font or not font["prep"].program.getBytecode():
        prep = newTable("prep")
        prep.program = ttProgram.Program()
        prep.program.fromBytecode(b"\xb0\x00\x21")
        font["prep"] = prep
    font.save(dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: add_prep.py IN OUT")
    main(sys.argv[1], sys.argv[2])
