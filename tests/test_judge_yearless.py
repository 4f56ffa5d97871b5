"""`extract._judge` keeps a record that printed a day with no year on a page that names none.

Such a record has neither a date (the year is unknown) nor, often, a title (upcoming talks
are announced by speaker first), yet "Oct. 22nd" is a when: dropping it loses a real talk.
A record with no when at all (a people list) is still not a talk.
"""

from __future__ import annotations

from parsers.chain import parse_document

UPCOMING = """<html><head><title>Reading group</title></head><body>
<h1>Reading group seminars</h1>
<h2>Upcoming</h2><ul>
<li>Oct. 22nd: Jane Doe (Uppsala University)</li>
<li>Nov. 5th: Ravi Kumar (ETH Zurich)</li></ul>
<h2>Past seminars</h2><ul>
<li>Sep. 3rd: Ann Lee (MIT): Sparse models for everyone</li>
<li>Aug. 20th: Tom Berg (KTH): Learning to rank, again</li>
<li>Jul. 9th: Eva Novak (CTU): Graphs in the wild</li></ul>
<h2>Organisers</h2><ul><li>Maria Rossi (KTH)</li><li>Li Wei (KTH)</li></ul>
</body></html>"""


def test_a_yearless_day_keeps_an_untitled_talk() -> None:
    talks = parse_document(UPCOMING.encode(), "https://example.org/seminars/").talks
    names = [[s.name for s in t.speakers] for t in talks]
    assert names == [["Jane Doe"], ["Ravi Kumar"], ["Ann Lee"], ["Tom Berg"], ["Eva Novak"]]
    assert [t.title for t in talks[:2]] == [None, None]
    assert all(t.starts_at is None for t in talks)  # no year anywhere: no date is made up
