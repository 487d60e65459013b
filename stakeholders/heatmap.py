"""The gap map as a heat map that fits a phone: the geometry of a small SVG, worked out here and drawn
by templates/stakeholders/includes/heatmap.svg, with no script.

Each category's name runs on its own line across the picture, its cells on the line below, so that
long names ("International Red Cross and Red Crescent Movement") need no column of their own and five
places fit 320 px. SVG text does not wrap: names are cut into lines here, by an estimate of their
width (a CJK character is as wide as the font is high, others about half that). In a right-to-left
language the picture is mirrored: the first column is on the right.

Colour only repeats what each cell says in text (the count, "<5", or a dash when not shown): darker
is more, a hatched cell is a small one. Every cell has an outline of 3:1 or more against the page
(WCAG 1.4.11), and its text whichever of black or white reads better on its fill (4.5:1 or more,
WCAG 1.4.3)."""

import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext, pgettext

from portal.counts import SMALL_GROUP

WIDTH = 300  # drawn at this width; the page scales it to its column (288 px on a 320 px phone)
MARGIN = 2
COLUMN_MIN = 46  # below this a count no longer fits its cell: the picture grows and its frame scrolls
FONT = 12  # a category's name; at 288 px that is 11.5 px, as small as a phone should show
HEADER_FONT = 11  # a place's name, bold, in a fifth of the width
CELL_FONT = 13
LINE = 14
CELL_HEIGHT = 24
ROW_GAP = 7
HEADER_LINES = 3
LABEL_LINES = 2
INK = "#1b1b1b"
OUTLINE = "#595959"  # 7:1 on white
PAPER = "#ffffff"
# (least count, fill) of each step of the scale, lightest first.
STEPS = ((5, "#dbe9f6"), (10, "#9cc3e4"), (20, "#5a97cc"), (50, "#1f5f99"), (100, "#0b3563"))
NOT_SHOWN = "\N{EN DASH}"  # as the table marks a count not shown
THIN = "url(#heatmap-thin)"  # the hatch of a small cell, defined once in the picture


@dataclass(frozen=True)
class Cell:
    x: float
    y: float
    width: float
    fill: str
    text: str
    ink: str

    @property
    def center(self) -> int:
        return round(self.x + self.width / 2)

    @property
    def middle(self) -> int:
        return round(self.y + CELL_HEIGHT / 2)

    @property
    def is_hatched(self) -> bool:
        return self.fill == THIN

    @property
    def has_white_ink(self) -> bool:
        return self.ink == PAPER


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    lines: list[str]


@dataclass(frozen=True)
class Step:
    fill: str
    text: str


@dataclass(frozen=True)
class Heatmap:
    width: int
    height: int
    rtl: bool
    cell_height: int
    line_height: int
    columns: list[Label]
    rows: list[Label]
    cells: list[Cell]
    legend: list[Step]
    title: str
    summary: str
    font_size: int = FONT
    header_font_size: int = HEADER_FONT
    cell_font_size: int = CELL_FONT

    @property
    def fits_a_phone(self) -> bool:
        return self.width <= WIDTH


def heatmap(grid, *, title: str, rtl: bool = False) -> Heatmap:
    """The picture of a GapGrid (stakeholders.queries): one row of cells per category."""
    count = len(grid.columns)
    column_width = max(COLUMN_MIN, (WIDTH - 2 * MARGIN) / max(count, 1))
    width = round(max(WIDTH, 2 * MARGIN + count * column_width))

    def x_of(position: int) -> float:
        left = MARGIN + position * column_width
        return width - left - column_width if rtl else left

    headers = [wrap(str(name), column_width - 4, HEADER_LINES, font_size=HEADER_FONT) for _code, name in grid.columns]
    header_height = max((len(lines) for lines in headers), default=1) * LINE + 4
    columns = [Label(round(x_of(position) + column_width / 2), LINE, lines) for position, lines in enumerate(headers)]
    rows, cells, y = [], [], header_height
    start = width - MARGIN if rtl else MARGIN
    for label, row_cells, _row_total in grid.rows:
        lines = wrap(str(label), width - 2 * MARGIN, LABEL_LINES)
        rows.append(Label(start, y + LINE - 2, lines))
        y += len(lines) * LINE + 2
        for position, published in enumerate(row_cells):
            fill, text = look_of(published)
            cells.append(Cell(round(x_of(position) + 1), y, round(column_width - 2), fill, text, ink_on(fill)))
        y += CELL_HEIGHT + ROW_GAP
    return Heatmap(
        width=width,
        height=y,
        rtl=rtl,
        cell_height=CELL_HEIGHT,
        line_height=LINE,
        columns=columns,
        rows=rows,
        cells=cells,
        legend=legend(),
        title=title,
        summary=summary(grid),
    )


def look_of(published) -> tuple[str, str]:
    """A published count's fill and text: its step of the scale and the number, or hatched "<5", or
    blank with a dash."""
    if published.is_shown:
        fill = next(colour for least, colour in reversed(STEPS) if published.low >= least)
        return fill, str(published)
    if published.is_small:
        return THIN, less_than()
    return PAPER, NOT_SHOWN


def less_than() -> str:
    return pgettext("gap map: fewer than, in short", "<%(number)s") % {"number": SMALL_GROUP}


def legend() -> list[Step]:
    """What each look means, in the order of the scale: small, not shown, then each step."""
    steps = [
        Step(THIN, gettext("fewer than %(number)s") % {"number": SMALL_GROUP}),
        Step(PAPER, gettext("not shown")),
    ]
    for (least, fill), (following, _fill) in pairwise(STEPS):
        text = gettext("%(low)s to %(high)s") % {"low": number_format(least), "high": number_format(following - 1)}
        steps.append(Step(fill, text))
    least, fill = STEPS[-1]
    steps.append(Step(fill, gettext("%(number)s or more") % {"number": number_format(least)}))
    return steps


def summary(grid) -> str:
    """The picture in words: where the most organizations are, and how many cells are small or hidden."""
    cells = [
        (published, label, name)
        for label, row_cells, _total in grid.rows
        for published, (_code, name) in zip(row_cells, grid.columns, strict=True)
    ]
    shown = [cell for cell in cells if cell[0].is_shown]
    small = sum(1 for published, _label, _name in cells if published.is_small)
    hidden = sum(1 for published, _label, _name in cells if not published.is_shown and not published.is_small)
    sentences = []
    if shown:
        most, label, name = max(shown, key=lambda cell: cell[0].low)
        sentences.append(
            gettext("The most: %(category)s in %(place)s, %(count)s.")
            % {"category": label, "place": name, "count": most}
        )
    sentences.append(
        ngettext(
            "%(small)s of %(cells)s cell has fewer than %(number)s organizations (“<%(number)s”).",
            "%(small)s of %(cells)s cells have fewer than %(number)s organizations (“<%(number)s”).",
            small,
        )
        % {"small": small, "cells": len(cells), "number": SMALL_GROUP}
    )
    if hidden:
        sentences.append(
            ngettext(
                "%(hidden)s more is not shown (“%(dash)s”), to protect them.",
                "%(hidden)s more are not shown (“%(dash)s”), to protect them.",
                hidden,
            )
            % {"hidden": hidden, "dash": NOT_SHOWN}
        )
    return " ".join(sentences)


def ink_on(fill: str) -> str:
    """Black or white, whichever reads better on the fill (a pattern is light)."""
    if not fill.startswith("#"):
        return INK
    return INK if contrast(INK, fill) >= contrast(PAPER, fill) else PAPER


def contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[position : position + 2], 16) for position in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def text_width(text: str, font_size: float = FONT) -> float:
    """An estimate: CJK characters are square, Latin and Cyrillic ones about 0.56 of the font size on
    average, Arabic ones (joined) about 0.45."""
    return sum(font_size * _width_of(character) for character in text)


def _width_of(character: str) -> float:
    if _is_wide(character):
        return 1.0
    return 0.45 if "\u0600" <= character <= "\u06ff" else 0.56


def wrap(text: str, width: float, most: int, *, font_size: float = FONT) -> list[str]:
    """The text in lines no wider than `width`, at most `most` of them (the last cut short with "…").
    Lines break at spaces, after hyphens and between CJK characters, never inside a word: Arabic letters
    joined, say, would come apart."""
    lines, line = [], ""
    for word in _words(text):
        joined = f"{line}{word}" if not line or line.endswith("-") or _is_wide(word[0]) else f"{line} {word}"
        if text_width(joined, font_size) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = word  # a word too wide stays whole, a little over its margin: cut, it would not read
    lines.append(line)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while last and text_width(last + "…", font_size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _words(text: str) -> list[str]:
    """Spaces separate words; a hyphen ends one; each CJK character is a word of its own."""
    words = []
    for part in text.split():
        word = ""
        for character in part:
            if _is_wide(character):
                if word:
                    words.append(word)
                words.append(character)
                word = ""
                continue
            word += character
            if character == "-":
                words.append(word)
                word = ""
        if word:
            words.append(word)
    return words


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in "WF"
