"""Make ``data/huisstijl.pptx``: the neutral house style of the PPTX decks (sv_analytics/report/pptx.py).

Why a script and not a hand-made file: a template saved by PowerPoint carries its version,
timestamps, thumbnails and whatever fonts and colours the designer had; this one is made from
python-pptx's own default template, so every choice is written down here and a rerun writes the
same bytes (fixed core properties, fixed zip member times).

What it does, starting from python-pptx's default template:

- 16:9 (13,333 × 7,5 inch);
- theme font Arial (:data:`sv_analytics.report.pptx.DECK_FONT`) for headings and text. Why not the
  app's Source Sans 3: a .pptx does not carry its fonts, and a gemeente laptop does not have Source
  Sans; PowerPoint and LibreOffice then substitute a wider face and titles and tables overflow.
  Arial is on every Windows and Mac Office, and LibreOffice maps it to the metric-compatible
  Liberation Sans, so the deck's line breaks are the ones the renderer planned for (the PDF and
  PNGs still ship Source Sans 3 in data/fonts: they embed it). Theme colours
  accent 1–6 from :data:`sv_analytics.style.PALETTE` (Okabe–Ito, colour-blind safe; native charts
  take their series colours from these accents);
- a thin band in accent 1 along the top of every slide (on the master), a wider band on the left
  of the title and section slides;
- left-aligned titles, a footer placeholder (the renderer fills in the report's context line)
  and a slide number;
- six layouts with Dutch names (:data:`LAYOUTS`); the other default layouts are removed. The
  renderer reads the content area of a slide from its layout's placeholders, so moving a
  placeholder here moves the charts, tables and images of every deck.

Rebuild (from the project root), then commit the file::

    .venv/bin/python scripts/make_report_template.py [--out data/huisstijl.pptx]

``tests/test_report_pptx.py`` rebuilds it and compares it with the committed file.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from sv_analytics import style  # noqa: E402
from sv_analytics.report import pptx as deck  # noqa: E402

OUT = PROJECT_DIR / "data" / "huisstijl.pptx"
#: The template's core properties (created = modified: the template has no history worth a date).
FIXED_TIME = datetime(2017, 1, 1, 0, 0, 0)
WIDTH, HEIGHT = Emu(12192000), Inches(7.5)  # 13,333 × 7,5 inch: PowerPoint's own 16:9
MARGIN = Inches(0.6)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.95)
CONTENT_TOP, CONTENT_BOTTOM = Inches(1.45), Inches(6.5)
FOOTER_TOP, FOOTER_HEIGHT = Inches(6.95), Inches(0.4)
GUTTER = Inches(0.4)
BAND = Inches(0.1)
SIDE_BAND = Inches(0.35)

#: Default layout (python-pptx template) → Dutch name and OOXML layout type, in deck order.
LAYOUTS = (
    ("Title Slide", deck.LAYOUT_TITLE, "title"),
    ("Section Header", deck.LAYOUT_SECTION, "secHead"),
    ("Title and Content", deck.LAYOUT_FIGURE, "obj"),
    ("Two Content", deck.LAYOUT_TWO, "twoObj"),
    ("Content with Caption", deck.LAYOUT_TABLE, "tbl"),
    ("Title and Vertical Text", deck.LAYOUT_TEXT, "tx"),
)
#: Placeholder names an official sees in PowerPoint's selection pane ((layout or None, idx) → name).
PLACEHOLDER_NAMES = {
    (None, 0): "Titel",
    (None, 1): "Inhoud",
    (deck.LAYOUT_TITLE, 1): "Ondertitel",
    (deck.LAYOUT_SECTION, 1): "Inleiding",
    (deck.LAYOUT_TWO, 1): "Inhoud links",
    (deck.LAYOUT_TWO, 2): "Inhoud rechts",
    (None, 11): "Voettekst",
    (None, 12): "Dianummer",
}
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def build_template() -> bytes:
    """The template's bytes (the same on every run)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _style_theme(prs)
    _style_master(prs)
    _keep_layouts(prs)
    _set_core_properties(prs)
    out = io.BytesIO()
    prs.save(out)
    return deck.stable_zip(out.getvalue(), FIXED_TIME)


# ------------------------------------------------------------------------------ theme
def _style_theme(prs) -> None:
    """Theme name, fonts and colours (the theme part is plain XML to python-pptx)."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    root.set("name", "Huisstijl sv-analytics")
    scheme = root.find(f"{{{A}}}themeElements/{{{A}}}clrScheme")
    scheme.set("name", "Okabe-Ito")
    colours = {f"accent{i + 1}": style.PALETTE[i] for i in range(6)}
    colours |= {
        "dk2": style.PALETTE[7],
        "lt2": "#F2F2F2",
        "hlink": style.PALETTE[0],
        "folHlink": style.PALETTE[3],
    }
    for name, colour in colours.items():
        slot = scheme.find(f"{{{A}}}{name}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{{{A}}}srgbClr", val=colour.lstrip("#").upper())
    font_scheme = root.find(f"{{{A}}}themeElements/{{{A}}}fontScheme")
    font_scheme.set("name", deck.DECK_FONT)
    for kind in ("majorFont", "minorFont"):
        font_scheme.find(f"{{{A}}}{kind}/{{{A}}}latin").set("typeface", deck.DECK_FONT)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ------------------------------------------------------------------------------ master
def _style_master(prs) -> None:
    """Placeholder positions for 16:9, text styles, the top band; no date placeholder."""
    master = prs.slide_master
    for shape in list(master.placeholders):
        name = shape.placeholder_format.type.name
        if name == "DATE":
            shape._element.getparent().remove(shape._element)
        elif name == "TITLE":
            _place(shape, MARGIN, TITLE_TOP, WIDTH - 2 * MARGIN, TITLE_HEIGHT)
        elif name == "BODY":
            _place(shape, MARGIN, CONTENT_TOP, WIDTH - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP)
        elif name == "FOOTER":
            _place(shape, MARGIN, FOOTER_TOP, Inches(9.5), FOOTER_HEIGHT)
            _align(shape, "l")
        elif name == "SLIDE_NUMBER":
            _place(shape, WIDTH - MARGIN - Inches(1.2), FOOTER_TOP, Inches(1.2), FOOTER_HEIGHT)
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    _font(title, deck.TITLE_SIZE * 100, bold=True, colour="tx2")
    body = styles.find(qn("p:bodyStyle"))
    for level, size in enumerate((2000, 1800, 1600, 1400, 1400), start=1):
        _font(body.find(qn(f"a:lvl{level}pPr")), size, colour="tx1")
    tree = master.shapes._spTree
    tree.insert(2, _band("Band", 100, 0, 0, WIDTH, BAND))


def _place(shape, left: int, top: int, width: int, height: int) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def _align(shape, algn: str) -> None:
    lst = shape._element.txBody.find(qn("a:lstStyle"))
    level = lst.find(qn("a:lvl1pPr"))
    if level is None:
        level = etree.SubElement(lst, qn("a:lvl1pPr"))
    level.set("algn", algn)


def _font(level_ppr, size: int, *, bold: bool = False, colour: str | None = None) -> None:
    """Size, weight and scheme colour of one text level (an ``a:lvlNpPr``)."""
    rpr = level_ppr.find(qn("a:defRPr"))
    rpr.set("sz", str(size))
    if bold:
        rpr.set("b", "1")
    if colour:
        for fill in rpr.findall(qn("a:solidFill")):
            rpr.remove(fill)
        fill = etree.Element(qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr"), val=colour)
        rpr.insert(0, fill)


def _band(name: str, shape_id: int, left: int, top: int, width: int, height: int):
    """A rectangle in accent 1 without outline (a scheme colour: it follows the theme)."""
    xml = (
        f'<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="{A}">'
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{int(left)}" y="{int(top)}"/><a:ext cx="{int(width)}" cy="{int(height)}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
        '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="nl-NL"/></a:p></p:txBody></p:sp>'
    )
    return etree.fromstring(xml)


# ------------------------------------------------------------------------------ layouts
def _keep_layouts(prs) -> None:
    """Keep, rename, retype and reposition six layouts in :data:`LAYOUTS` order; drop the rest."""
    layouts = prs.slide_layouts
    by_name = {layout.name: layout for layout in layouts}
    kept = {source for source, _name, _type in LAYOUTS}
    for layout in list(layouts):
        if layout.name not in kept:
            layouts.remove(layout)
    id_list = prs.slide_master._element.find(qn("p:sldLayoutIdLst"))
    entries = {entry.get(qn("r:id")): entry for entry in id_list}
    for source, name, kind in LAYOUTS:
        layout = by_name[source]
        layout._element.cSld.set("name", name)
        layout._element.set("type", kind)
        _arrange(layout, name)
        rid = prs.slide_master.part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        id_list.append(entries[rid])  # moving an entry to the end puts the layouts in LAYOUTS order
    for number, layout in enumerate(prs.slide_layouts, start=1):
        layout.part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml")  # no gaps


def _arrange(layout, name: str) -> None:
    """Placeholder geometry of one layout; the bands of the title and section slides."""
    full = WIDTH - 2 * MARGIN
    half = (full - GUTTER) // 2
    for shape in list(layout.placeholders):
        idx = shape.placeholder_format.idx
        shape.name = PLACEHOLDER_NAMES.get((name, idx), PLACEHOLDER_NAMES.get((None, idx), shape.name))
        if idx == 10:  # date: a deck's date is on its title slide
            shape._element.getparent().remove(shape._element)
        elif idx in (11, 12):
            for child in list(shape._element.spPr):
                shape._element.spPr.remove(child)  # inherit the master's footer and number
        elif name in (deck.LAYOUT_TITLE, deck.LAYOUT_SECTION):
            _arrange_cover(shape, idx, name)
        elif idx == 0:
            _place(shape, MARGIN, TITLE_TOP, full, TITLE_HEIGHT)
        elif name == deck.LAYOUT_TWO:
            _place(
                shape, MARGIN + (idx - 1) * (half + GUTTER), CONTENT_TOP, half, CONTENT_BOTTOM - CONTENT_TOP
            )
        elif idx == 1:
            _place(shape, MARGIN, CONTENT_TOP, full, CONTENT_BOTTOM - CONTENT_TOP)
            body = shape._element.txBody.find(qn("a:bodyPr"))
            body.attrib.pop("vert", None)  # "Title and Vertical Text" becomes horizontal text
            shape._element.ph.attrib.pop("orient", None)
        else:  # the caption placeholder of "Content with Caption"
            shape._element.getparent().remove(shape._element)
    if name in (deck.LAYOUT_TITLE, deck.LAYOUT_SECTION):
        layout.shapes._spTree.insert(2, _band("Zijband", 100, 0, 0, SIDE_BAND, HEIGHT))


def _arrange_cover(shape, idx: int, name: str) -> None:
    left, width = Inches(1.2), WIDTH - Inches(1.2) - MARGIN
    if idx == 0:
        _place(shape, left, Inches(1.6), width, Inches(1.9))
        shape._element.txBody.find(qn("a:bodyPr")).set("anchor", "b")
        size = 4000 if name == deck.LAYOUT_TITLE else 3600
    else:
        _place(shape, left, Inches(3.7), width, Inches(2.7))
        shape._element.txBody.find(qn("a:bodyPr")).set("anchor", "t")
        size = 1800 if name == deck.LAYOUT_TITLE else 2000
    lst = shape._element.txBody.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    level = etree.SubElement(lst, qn("a:lvl1pPr"), marL="0", indent="0", algn="l")
    etree.SubElement(level, qn("a:buNone"))
    etree.SubElement(level, qn("a:defRPr"), sz=str(size), b="1" if idx == 0 else "0")
    _font(level, size, bold=idx == 0, colour="tx2" if idx == 0 else "tx1")


def _set_core_properties(prs) -> None:
    """Fixed properties, and no thumbnail (the default one is an empty 4:3 slide)."""
    package = prs.part.package
    for rid, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)
    props = prs.core_properties
    props.title = "Huisstijl sv-analytics"
    props.author = props.last_modified_by = "sv-analytics"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.language = "nl-NL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.write_bytes(build_template())
    print(f"{args.out} geschreven")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
