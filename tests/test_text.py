"""parsers/common/text.py: the text rules of the export schema, on markup from the seed pages.

Decisions pinned here:
- Only block elements start a paragraph; `<br>` and `&nbsp;` are spaces (Nhat Ho's `<br>`-broken
  abstract is one paragraph, Krotov's reference list is one paragraph per `<li>`).
- A status is read from participles ("cancelled", "annulé", "abgesagt", "postponed",
  "verschoben"), not from nouns: "Talk on cancellation of errors" is a scheduled talk about
  cancellation; "CANCELLED: Talk on cancellation of errors" is cancelled.
- A label is stripped only as a whole word: "Abstracts are due" keeps its first word.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from parsers.common.text import (
    clean,
    fold,
    join_paragraphs,
    paragraphs,
    status_of,
    strip_label,
    text_of,
)

CLEAN = [
    (" MVL-14\n          ", "MVL-14"),
    ("Gates Dell\xa0Complex\n (GDC 6.302)", "Gates Dell Complex (GDC 6.302)"),
    ("a\u2003em\u2009thin\tspace", "a em thin space"),
    ("Umeå — \\(O(3)\\) and $\\infty$", "Umeå — \\(O(3)\\) and $\\infty$"),  # kept verbatim
    ("", None),
    ("  \n\xa0 ", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "want"), CLEAN)
def test_clean(text: str | None, want: str | None) -> None:
    assert clean(text) == want


FOLD = [
    ("Umeå University", "umea university"),
    ("Petar Veličković", "petar velickovic"),
    ("Mårten Wadenbäck", "marten wadenback"),
    ("  The  Principles-of Deep_Learning! ", "the principles of deep learning"),
    ("Straße", "strasse"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "want"), FOLD)
def test_fold(text: str, want: str) -> None:
    assert fold(text) == want


def test_fold_equates_spellings_of_one_title() -> None:
    assert fold("Why things don’t work — On the extended Smale's 9th") == fold(
        "why things don't work: on the extended smale’s 9th"
    )


NHAT_HO = """<li><strong>Abstract:</strong> Mixtures of experts (MoEs), a class of statistical
machine learning models that combine<br>
multiple models, known as experts, to form more complex and accurate models,&nbsp;have been
combined<br>
into deep learning architectures.</li>"""

KROTOV = """<div class="seminar-abstract">
  <p>Modern Hopfield Networks or Dense Associative Memories are recurrent neural networks.</p>
  <p>References:</p>
  <ol>
    <li>D.Krotov, J.Hopfield, "Dense associative memory for pattern recognition"</li>
    <li>D.Krotov, "Hierarchical Associative Memory"</li>
  </ol>
  </div>"""

PARAGRAPHS = [
    (
        NHAT_HO,
        [
            "Abstract: Mixtures of experts (MoEs), a class of statistical machine learning models "
            "that combine multiple models, known as experts, to form more complex and accurate "
            "models, have been combined into deep learning architectures."
        ],
    ),
    (
        KROTOV,
        [
            "Modern Hopfield Networks or Dense Associative Memories are recurrent neural networks.",
            "References:",
            'D.Krotov, J.Hopfield, "Dense associative memory for pattern recognition"',
            'D.Krotov, "Hierarchical Associative Memory"',
        ],
    ),
    (
        "<div><p>Additionally, we study equivariance with respect to \\(O(3)\\) transformations."
        "</p><p>Semi-Supervised Learning and the $\\infty$-Laplacian I</p></div>",
        [
            "Additionally, we study equivariance with respect to \\(O(3)\\) transformations.",
            "Semi-Supervised Learning and the $\\infty$-Laplacian I",
        ],
    ),
    ("<div>Text <b>bold</b> tail<ul><li>A</li></ul>after</div>", ["Text bold tail", "A", "after"]),
    (
        "<div><button>Abstract</button><p>Shown</p><script>hidden()</script><style>p{}</style></div>",
        ["Shown"],
    ),
    ("<div><p>A<!-- a comment -->B</p></div>", ["AB"]),
    ("<div><p>   </p><p>&nbsp;</p><p><br></p></div>", []),
]


@pytest.mark.parametrize(("markup", "want"), PARAGRAPHS)
def test_paragraphs(markup: str, want: list[str]) -> None:
    assert paragraphs(lxml_html.fragment_fromstring(markup)) == want


def test_paragraphs_of_nothing() -> None:
    assert paragraphs(None) == []


def test_text_of_skips_buttons_and_scripts() -> None:
    card = lxml_html.fragment_fromstring(
        '<div><button class="btn">Abstract</button><h5>Sheaf Neural Networks</h5>'
        "<script>track()</script></div>"
    )
    assert text_of(card) == "Sheaf Neural Networks"
    assert text_of(None) is None


def test_join_paragraphs() -> None:
    assert join_paragraphs(["First  one", None, " ", "Second\nline"]) == "First one\n\nSecond line"
    assert join_paragraphs([]) is None
    assert join_paragraphs([None, "  "]) is None


STRIP_LABEL = [
    # (text, labels, expected)   UT agenda bullets first
    (
        "Talk: Block Coupling and its Correlation with Generalization in LLMs and ResNets",
        ("Talk", "Title"),
        "Block Coupling and its Correlation with Generalization in LLMs and ResNets",
    ),
    (
        "Title: Posterior Sampling with Denoising Oracles via Tilted Transport",
        ("Talk", "Title"),
        "Posterior Sampling with Denoising Oracles via Tilted Transport",
    ),
    ("Abstract: In this talk, we dive", ("Abstract",), "In this talk, we dive"),
    ("abstract - In this talk", ("Abstract",), "In this talk"),
    ("ABSTRACT.  In this talk", ("Abstract",), "In this talk"),
    ("Abstract:", ("Abstract",), None),
    # not a label: the word merely starts the same way, or there is none
    ("Abstracts are due on Friday", ("Abstract",), "Abstracts are due on Friday"),
    ("Talks on graph neural networks", ("Talk",), "Talks on graph neural networks"),
    ("Block Coupling", ("Talk", "Title"), "Block Coupling"),
    (None, ("Abstract",), None),
]


@pytest.mark.parametrize(("text", "labels", "want"), STRIP_LABEL)
def test_strip_label(text: str | None, labels: tuple[str, ...], want: str | None) -> None:
    assert strip_label(text, labels) == want


STATUS = [
    # (texts, expected)
    (("CANCELLED: Sheaf Neural Networks",), "cancelled"),
    (("Sheaf Neural Networks", "This seminar is canceled"), "cancelled"),
    (("Séminaire annulé",), "cancelled"),
    (("Conférence annulée",), "cancelled"),
    (("Vortrag abgesagt",), "cancelled"),
    (("Entfällt: Kolloquium",), "cancelled"),
    (("Seminario cancelado",), "cancelled"),
    (("Seminario annullato",), "cancelled"),
    (("CANCELLED: Talk on cancellation of errors",), "cancelled"),
    (("Postponed: Modern Hopfield Networks in AI and Neurobiology",), "postponed"),
    (("Rescheduled to next week",), "postponed"),
    (("Séminaire reporté",), "postponed"),
    (("Vortrag verschoben",), "postponed"),
    (("Seminario aplazado",), "postponed"),
    (("Seminario rinviato",), "postponed"),
    (("Seminário adiado",), "postponed"),
    # topics, not statuses
    (("Talk on cancellation of errors",), "scheduled"),
    (("Error cancellation in floating point sums",), "scheduled"),
    (("Noise-cancelling layers for speech",), "scheduled"),
    (("Postponement strategies in scheduling",), "scheduled"),
    (("Reporting bias in clinical trials",), "scheduled"),
    (("Sheaf Neural Networks", None, ""), "scheduled"),
    ((), "scheduled"),
]


@pytest.mark.parametrize(("texts", "want"), STATUS)
def test_status_of(texts: tuple[str | None, ...], want: str) -> None:
    assert status_of(*texts) == want
