"""The heuristic stage of the `auto` chain: talks from pages no parser or markup explains.

Modules, in the order a page goes through them: `lines` (the page as lines), `reading` (each
line's label, date and time), `records` (which lines make one talk), `fields` (a record's
title, speakers, place, abstract, links), `patterns` (the words and shapes `fields` looks
for, as data), and `extract` (the stage itself: context, confidence, the page's owner).
"""

from parsers.heuristic.extract import NAME, URL_PATTERNS, detect, parse

__all__ = ["NAME", "URL_PATTERNS", "detect", "parse"]
