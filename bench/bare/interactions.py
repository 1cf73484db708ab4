"""The floor of the interview page's small writes: the same widgets (a checklist tick, a rating, the
thank-you form), each making one write in plain SQL and redrawing this bare page, with the same
toast. No sign-in, no navigation, no core. `?interview=&item=&question=` name the rows; `&rest=N`
adds N static captions, so that the page has as many elements as the app's."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

import streamlit as st
from sqlalchemy import Engine, create_engine, text

RATINGS = [None, 1, 2, 3, 4, 5]
WORDS = {None: "Not rated", 1: "1", 2: "2", 3: "3", 4: "4 · useful", 5: "5 · very useful"}
METHODS = {"card": "Handwritten card", "email": "E-mail", "other": "Other"}


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
ids = {name: int(st.query_params[name]) for name in ("interview", "item", "question")}


def _now() -> datetime:
    now = datetime.now(UTC)
    return now.replace(tzinfo=None) if db.dialect.name == "sqlite" else now


def _tick() -> None:
    with db.begin() as connection:
        if st.session_state["tick"]:
            connection.execute(
                text("INSERT INTO checklist_ticks VALUES (:interview, :item, :now)"),
                ids | {"now": _now()},
            )
        else:
            connection.execute(
                text(
                    "DELETE FROM checklist_ticks "
                    "WHERE interview_id = :interview AND item_id = :item"
                ),
                ids,
            )
    st.session_state["flash"] = "Checklist saved."


def _rate() -> None:
    with db.begin() as connection:
        connection.execute(
            text(
                "UPDATE interview_questions SET usefulness = :rating "
                "WHERE interview_id = :interview AND question_id = :question"
            ),
            ids | {"rating": st.session_state["rating"]},
        )
    st.session_state["flash"] = "Rating saved."


def _sent() -> None:
    with db.begin() as connection:
        connection.execute(
            text(
                "UPDATE interviews SET thank_you_sent_on = :on, thank_you_method = :how, "
                "version = version + 1, updated_at = :now WHERE id = :interview"
            ),
            ids
            | {"on": st.session_state["sent_on"], "how": st.session_state["how"], "now": _now()},
        )
    st.session_state["flash"] = "Thank-you recorded."


with db.connect() as connection:
    ticked, rating, sent = connection.execute(
        text(
            "SELECT (SELECT count(*) FROM checklist_ticks WHERE interview_id = :interview "
            "AND item_id = :item), (SELECT usefulness FROM interview_questions "
            "WHERE interview_id = :interview AND question_id = :question), "
            "(SELECT thank_you_sent_on FROM interviews WHERE id = :interview)"
        ),
        ids,
    ).one()

if message := st.session_state.pop("flash", None):
    st.toast(message, icon=":material/check_circle:")
st.title("Interview")
with st.expander(f"Preparation checklist · {ticked} of 1 done", expanded=True):
    st.checkbox("Researched the company", value=bool(ticked), key="tick", on_change=_tick)
st.selectbox(
    "How useful was it?",
    RATINGS,
    index=RATINGS.index(rating),
    format_func=WORDS.get,
    key="rating",
    on_change=_rate,
)
title = f"Thank-you · sent {sent}" if sent else "Thank-you · not sent yet"
with st.expander(title, expanded=True), st.form("thank_you", border=False):
    st.date_input("Sent on", value=date.today(), key="sent_on", format="YYYY-MM-DD")
    st.radio("How", list(METHODS), format_func=METHODS.get, horizontal=True, key="how")
    st.form_submit_button("Mark thank-you sent", on_click=_sent)
if rest := int(st.query_params.get("rest", 0)):
    with st.expander("The rest of the page"):
        for n in range(rest):
            st.caption(f"Element {n + 1} of the rest of the page")
