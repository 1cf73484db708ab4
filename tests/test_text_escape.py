"""pages.ui.text.escape: what Streamlit's Markdown would turn into markup is made literal, a
plain sentence is left as it is (tests/test_browser_payloads.py checks the rendered DOM)."""

from __future__ import annotations

from pages.ui.text import WORD_JOINER, escape


def test_plain_sentences_are_left_alone() -> None:
    for text in ("Enter your email and your password.", "Thank-you to Ana Ortiz (Globex): ok"):
        assert escape(text) == text


def test_markup_is_made_literal() -> None:
    assert escape("**b** $x$ ~~s~~ <img src=x> a|b") == (
        "\\*\\*b\\*\\* \\$x\\$ \\~\\~s\\~\\~ \\<img src=x\\> a\\|b"
    )
    assert escape("[l](u) ![i](p)") == "\\[l\\](u) !\\[i\\](p)"
    # Block markers only where they mean something: at the start of a line.
    assert escape("# h\n- item\n 1. x\n===\na - b") == "\\# h\n\\- item\n 1\\. x\n\\===\na - b"


def test_shortcodes_and_bare_urls_are_broken_by_an_invisible_joiner() -> None:
    assert escape(":smile: :red[x]") == f"\\:{WORD_JOINER}smile: \\:{WORD_JOINER}red\\[x\\]"
    assert escape(":material/bug_report:") == f"\\:{WORD_JOINER}material/bug\\_report:"
    assert escape("http://x.org www.x.org") == f"http\\:{WORD_JOINER}//x.org www{WORD_JOINER}.x.org"
    assert escape(None) == ""
