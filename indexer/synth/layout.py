"""Lay out a synthetic letter: blocks of text rendered as .txt (plain or seed-style) or as PDF."""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field

HEADER_LABELS = [
    ("Case Number:", "case", "", ""),
    ("Date Assigned:", "assigned", "Date of Injury:", "injury"),
    ("Decision Date:", "decision", "UR Denial Date:", "ur"),
    ("Priority:", "priority", "Application Received:", "received"),
]


@dataclass
class Block:
    """One piece of a letter: kind is marker, header, heading, para, lines or title."""

    kind: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    decision: str = ""  # for titles: the decision word
    next_line: bool = False  # for titles: the decision alone on the next line


@dataclass
class Style:
    """How the text version is written."""

    width: int = 92
    double: bool = False  # seed style: an empty line after every line, " " between paragraphs
    indent_headings: bool = False


def _header_lines(fields: dict[str, str]) -> list[str]:
    lines = [f"{'Case Number:':<22}{fields['case']}"]
    for left, left_key, right, right_key in HEADER_LABELS[1:]:
        lines.append(f"{left:<22}{fields[left_key]:<32}{right} {fields[right_key]}")
    return lines


def _title_lines(block: Block, width: int) -> list[str]:
    if block.next_line:
        return [*textwrap.wrap(block.text + ":", width, break_on_hyphens=False), block.decision]
    gap = "  " if len(block.text) % 3 == 0 else " "
    return textwrap.wrap(f"{block.text}:{gap}{block.decision}", width, break_on_hyphens=False)


def _block_lines(block: Block, style: Style) -> list[str]:
    if block.kind == "header":
        return _header_lines(block.fields)
    if block.kind == "heading":
        pad = max(0, (style.width - len(block.text)) // 2) if style.indent_headings else 0
        return [" " * pad + block.text]
    if block.kind == "lines":
        wrapped = [textwrap.wrap(line, style.width, break_on_hyphens=False) for line in block.lines]
        return [piece for pieces in wrapped for piece in pieces]
    if block.kind == "title":
        return _title_lines(block, style.width)
    return textwrap.wrap(block.text, style.width, break_on_hyphens=False)


def render_text(blocks: list[Block], style: Style) -> str:
    """The letter as text: plain paragraphs, or the seeds' double-spaced extraction form."""
    paragraphs = [_block_lines(block, style) for block in blocks]
    if not style.double:
        return "\n\n".join("\n".join(lines) for lines in paragraphs) + "\n"
    out = []
    for lines in paragraphs:
        out += [line + " \n" for line in lines]
        out.append(" \n")
    return "\n".join(out)


CSS = """
@page { size: Letter; margin: 0.8in 0.9in; }
body { font-family: "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.25; }
h2 { font-size: 10.5pt; text-align: center; margin: 12pt 0 4pt; }
p { margin: 0 0 9pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 10pt; font-size: 9.5pt; }
td { border: 1px solid #444; padding: 1pt 4pt; vertical-align: top; width: 25%; }
td.label { font-weight: bold; background: #dfe5ee; }
.marker { border: 1px solid #a00; color: #a00; padding: 3pt; font-family: sans-serif; }
"""


def _header_html(fields: dict[str, str]) -> str:
    rows = []
    for left, left_key, right, right_key in HEADER_LABELS:
        right_cells = (
            f'<td class="label">{right}</td><td>{html.escape(fields[right_key])}</td>'
            if right
            else "<td></td><td></td>"
        )
        rows.append(
            f'<tr><td class="label">{left}</td><td>{html.escape(fields[left_key])}</td>'
            f"{right_cells}</tr>"
        )
    return "<table>" + "".join(rows) + "</table>"


def _block_html(block: Block) -> str:
    text = html.escape(block.text)
    if block.kind == "header":
        return _header_html(block.fields)
    if block.kind == "heading":
        return f"<h2>{text}</h2>"
    if block.kind == "marker":
        return f'<p class="marker">{text}</p>'
    if block.kind == "lines":
        return "<p>" + "<br>".join(html.escape(line) for line in block.lines) + "</p>"
    if block.kind == "title":
        joint = ":<br>" if block.next_line else ": "
        return f"<p>{text}{joint}{html.escape(block.decision)}</p>"
    return f"<p>{text}</p>"


def render_html(blocks: list[Block], title: str) -> str:
    """The letter as a small standalone HTML page (for PDF rendering)."""
    body = "\n".join(_block_html(block) for block in blocks)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{CSS}</style></head><body>{body}</body></html>"
    )


def render_pdf(blocks: list[Block], title: str) -> bytes:
    """The letter as a Letter-size PDF whose text layer reads back as the letter."""
    from weasyprint import HTML  # imported here: only PDF output needs it

    return HTML(string=render_html(blocks, title)).write_pdf()
