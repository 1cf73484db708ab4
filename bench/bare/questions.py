"""The floor of the question banks page for an advisor (no filter in the address): the shell
(shell.py), then the banks they may read with their owners (one SELECT), the suggestions they
made or may answer (one), every visible question with its uses and ratings in their cohorts
(one: the search's results, the categories and tags to choose from, and the ranking, which keeps
the questions used, come from its rows), and the cohorts they coach (one); drawn as the same
four tabs: filters, results table and phone rows, the ranking (or its empty note), the bank
chooser and the new-bank forms, the suggestions."""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell
from networkit_core.figures.questions import RULE, USEFUL_FROM, wilson_lower_bound


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


VISIBLE = """b.deleted_at IS NULL AND (b.owner_id = :me OR b.visibility = 'everyone'
  OR (b.visibility = 'cohorts' AND b.id IN (SELECT bank_id FROM question_bank_shares
    WHERE cohort_id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :me))))"""
BANKS = f"""SELECT b.id, b.name, b.owner_id, u.first_name || ' ' || u.last_name AS owner
FROM question_banks b LEFT JOIN users u ON u.id = b.owner_id WHERE {VISIBLE}
ORDER BY b.name, b.id"""
SUGGESTIONS = f"""SELECT s.text, s.status, b.name AS bank, b.owner_id = :me AS mine
FROM question_suggestions s JOIN question_banks b ON b.id = s.bank_id
WHERE {VISIBLE} AND (s.suggested_by_id = :me OR b.owner_id = :me)
ORDER BY s.created_at DESC, s.id DESC"""
QUESTIONS = f"""SELECT q.id, q.text, q.category, q.tags, b.name AS bank,
  u.first_name || ' ' || u.last_name AS owner, x.used, x.rated, x.useful
FROM questions q JOIN question_banks b ON b.id = q.bank_id
LEFT JOIN users u ON u.id = b.owner_id
LEFT JOIN (SELECT iq.question_id, count(*) AS used, count(iq.usefulness) AS rated,
    sum(CASE WHEN iq.usefulness >= :useful THEN 1 ELSE 0 END) AS useful
  FROM interview_questions iq JOIN interviews i ON i.id = iq.interview_id
  JOIN graduates g ON g.id = i.graduate_id
  WHERE i.deleted_at IS NULL
    AND g.cohort_id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :me)
  GROUP BY iq.question_id) x ON x.question_id = q.id
WHERE q.deleted_at IS NULL AND {VISIBLE}
ORDER BY b.name, q.bank_id, q.position, q.id"""
COHORTS = """SELECT name FROM cohorts
WHERE id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :me) ORDER BY name"""

db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Questions")
me = {"me": user.id}
with db.connect() as connection:
    banks = connection.execute(text(BANKS), me).all()
    suggestions = connection.execute(text(SUGGESTIONS), me).all()
    found = connection.execute(text(QUESTIONS), {**me, "useful": USEFUL_FROM}).all()
    cohorts = connection.execute(text(COHORTS), me).scalars().all()


def useful(row: object) -> str:
    return f"{row.useful} of {row.rated}" if row.rated else "not rated yet"  # type: ignore[attr-defined]


def rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


bound = {q.id: wilson_lower_bound(q.useful or 0, q.rated or 0) for q in found}
categories = sorted({q.category for q in found if q.category})
tags = sorted({tag for q in found for tag in q.tags.split(";") if tag})
pending = [s for s in suggestions if s.status == "pending" and s.mine]
ranking = sorted(
    (q for q in found if q.used),
    key=lambda q: (bound[q.id] is None, -(bound[q.id] or 0), -q.rated, -q.used, q.text, q.id),
)

st.title("Question banks")
if pending:
    st.info(f"{len(pending)} suggested questions wait for your answer: see **Suggestions**.")
else:
    st.caption("Curate and share question banks; see which questions work for your cohorts.")
labels = ["Find questions", "What works", "Manage banks", "Suggestions"]
find, works, manage, review = st.tabs(labels)
with find:
    box, category, tag, bank = st.columns([3, 2, 2, 2])
    box.text_input("Search questions")
    category.selectbox("Category", categories, index=None)
    tag.selectbox("Tag", tags, index=None)
    bank.selectbox("Bank", [b.name for b in banks], index=None)
    st.caption(f"{len(found)} questions found · “Useful” = rated {USEFUL_FROM} or 5 out of 5.")
    rows = [
        {
            "Question": q.text,
            "Useful": useful(q),
            "At least useful": rate(bound[q.id]),
            "Tags": [tag for tag in q.tags.split(";") if tag],
            "Category": q.category,
            "Bank": q.bank,
            "From": q.owner,
            "Used": q.used or 0,
        }
        for q in found
    ]
    with st.container(key="wide-questions"):
        st.dataframe(rows, hide_index=True)
    with st.container(key="narrow-questions"):
        st.markdown(
            "\n\n".join(
                f"**{row['Question']}**  \n" + " · ".join(f"{k}: {v}" for k, v in row.items() if v)
                for row in rows
            )
        )
with works:
    left, right = st.columns(2)
    left.selectbox("Cohort", cohorts, index=None)
    right.selectbox("Category", categories, index=None, key="rank_category")
    st.caption(RULE)
    st.caption("Counted from the ratings of your cohorts.")
    if not ranking:
        st.info("No question was taken to an interview here yet.")
    else:
        best = ranking[0]
        if best.rated:
            st.markdown(f"**Works best:** {best.text} — useful in {useful(best)} ratings.")
        ranked = [
            {
                "Rank": place,
                "Question": q.text,
                "Useful": useful(q),
                "At least useful": rate(bound[q.id]),
                "Useful share": rate(q.useful / q.rated if q.rated else None),
                "Used": q.used,
                "Category": q.category,
                "Bank": q.bank,
            }
            for place, q in enumerate(ranking, 1)
        ]
        with st.container(key="wide-ranking"):
            st.dataframe(ranked, hide_index=True)
        with st.container(key="narrow-ranking"):
            st.markdown(
                "\n\n".join(
                    f"**{row['Rank']}**  \n" + " · ".join(f"{k}: {v}" for k, v in row.items() if v)
                    for row in ranked
                )
            )
with manage:
    st.selectbox("Bank to work on", [f"{b.name} · {b.owner or ''}" for b in banks], index=None)
    st.caption("Choose a bank above to see its questions, share it, copy it or export it.")
    st.markdown("#### New bank")
    with st.form("bank_new", clear_on_submit=True):
        st.text_input("Name")
        st.text_input("Description (optional)")
        st.form_submit_button("Create bank")
    with st.expander("Import a new bank from CSV"), st.form("bank_import_new"):
        st.file_uploader("CSV file with a `question` column", type=["csv"])
        st.text_input("Name of the new bank")
        st.form_submit_button("Import")
with review:
    if not pending:
        st.success("No suggestion is waiting for you.")
    for suggestion in pending:
        with st.container(border=True):
            st.markdown(suggestion.text)
            st.button("Accept", key=f"accept_{id(suggestion)}")
            st.button("Decline", key=f"decline_{id(suggestion)}")
    answered = [dict(s._mapping) for s in suggestions if s.status != "pending"]
    if answered:
        with st.expander(f"Answered ({len(answered)})"):
            st.dataframe(answered, hide_index=True)
