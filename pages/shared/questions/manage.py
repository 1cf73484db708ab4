"""Curating banks (advisors, admins) at `?manage=ID`; the starter bank is read-only."""

from __future__ import annotations

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import Visibility
from networkit_core.read_models.question_browser import CohortChoice, QuestionsPage
from networkit_core.services import questions
from networkit_core.services.questions import BankView
from pages.shared.questions.bank_csv import download, import_form
from pages.ui.calls import act, fail, form_error, value
from pages.ui.layout import name_and_description, table
from pages.ui.params import filter_box
from pages.ui.text import escape

SHARING = {
    Visibility.PRIVATE: "Private: only me",
    Visibility.COHORTS: "Chosen cohorts",
    Visibility.EVERYONE: "Everyone",
}


def new_bank(ctx: Context, actor: Actor) -> None:
    form_error("bank_new")
    with st.form("bank_new", clear_on_submit=True):
        name_and_description("bank_new", bounds.BANK_NAME)
        st.form_submit_button(
            "Create bank", icon=":material/add:", on_click=_create, args=(ctx, actor)
        )
    with st.expander("Import a new bank from CSV", icon=":material/upload_file:"):
        import_form(ctx, actor, bank_id=None)


def _create(ctx: Context, actor: Actor) -> None:
    def create() -> None:
        made = questions.create_bank(
            ctx,
            actor,
            name=value("bank_new_name") or "",
            description=value("bank_new_description") or "",
        )
        _work_on(made)

    act("bank_new", "Bank created: it is private until you share it.", create)


def _work_on(bank: BankView) -> None:
    """A bank just made opens to be worked on (its questions to add next)."""
    st.query_params["manage"] = str(bank.id)


def choose_bank(page: QuestionsPage, managed_id: int | None) -> None:
    banks = {bank.id: bank for bank in page.banks}
    filter_box(
        st,
        "Bank to work on",
        list(banks),
        key="manage_bank",
        name="manage",
        current=managed_id,
        placeholder="Choose a bank",
        format_func=lambda bank_id: _bank_label(banks[bank_id]),
    )


def _bank_label(bank: BankView) -> str:
    mark = "" if bank.can_edit else " (read-only)"
    return f"{bank.name} · {bank.owner_name}{mark}"


def bank_panel(ctx: Context, actor: Actor, page: QuestionsPage) -> None:
    detail = page.managed
    if detail is None:
        st.caption("Choose a bank above to see its questions, share it, copy it or export it.")
        return
    bank = detail.bank
    cohorts = {cohort.id: cohort.name for cohort in page.cohorts}
    st.markdown(f"#### {escape(bank.name)}")
    st.caption(
        f"From {escape(bank.owner_name)} · {_sharing_words(bank, cohorts)} · "
        f"{bank.question_count} question{'s' if bank.question_count != 1 else ''}"
        + (f" · {escape(bank.description)}" if bank.description else "")
    )
    if bank.is_starter:
        st.info(
            "The starter bank ships with NetWorkIt Coach and is read-only: copy it to adapt it.",
            icon=":material/lock:",
        )
    table(
        [
            {"Question": q.text, "Category": q.category, "Tags": list(q.tag_list)}
            for q in detail.questions
        ],
        key="bank_questions",
        hide_index=True,
        column_config={
            "Question": st.column_config.TextColumn(width="large"),
            "Tags": st.column_config.ListColumn(),
        },
    )
    copy_col, export_col = st.columns(2)
    with copy_col:
        _copy_form(ctx, actor, bank)
    with export_col:
        download(ctx, actor, bank.id, bank.name)
    if not bank.can_edit:
        return
    with st.expander("Add a question", icon=":material/add_comment:", expanded=True):
        _add_form(ctx, actor, bank)
    if detail.questions:
        with st.expander("Edit or remove a question", icon=":material/edit:"):
            _edit_form(ctx, actor, detail.questions)
    with st.expander("Share", icon=":material/share:"):
        _share_form(ctx, actor, bank, page.cohorts)
    with st.expander("Rename", icon=":material/drive_file_rename_outline:"):
        _rename_form(ctx, actor, bank)
    with st.expander("Import questions from CSV", icon=":material/upload_file:"):
        import_form(ctx, actor, bank_id=bank.id)
    with st.expander("Delete this bank", icon=":material/delete:"):
        _delete_form(ctx, actor, bank)


def _sharing_words(bank: BankView, cohorts: dict[int, str]) -> str:
    if bank.visibility is Visibility.EVERYONE:
        return "shared with everyone"
    if bank.visibility is Visibility.COHORTS:
        names = [cohorts.get(cohort_id, "a cohort") for cohort_id in bank.shared_with_cohort_ids]
        return "shared with " + ", ".join(escape(name) for name in names)
    return "private"


def _copy_form(ctx: Context, actor: Actor, bank: BankView) -> None:
    form = f"bank_copy_{bank.id}"
    form_error(form)
    with st.form(form, border=False):
        st.text_input(
            "Name of the copy",
            value=f"{bank.name} (copy)",
            key=f"{form}_name",
            max_chars=bounds.BANK_NAME.max_chars,
        )
        st.form_submit_button(
            "Copy to my banks",
            icon=":material/content_copy:",
            on_click=lambda: act(
                form,
                "Copied: the copy is yours and private.",
                lambda: _work_on(
                    questions.copy_bank(ctx, actor, bank.id, name=value(f"{form}_name") or None)
                ),
            ),
        )


def _add_form(ctx: Context, actor: Actor, bank: BankView) -> None:
    form = f"question_add_{bank.id}"
    form_error(form)
    with st.form(form, clear_on_submit=True):
        _question_fields(form)
        st.form_submit_button(
            "Add question",
            type="primary",
            icon=":material/add:",
            on_click=lambda: act(
                form,
                "Question added.",
                questions.add_question,
                ctx,
                actor,
                bank.id,
                **_question_values(form),
            ),
        )


def _edit_form(ctx: Context, actor: Actor, found: tuple[questions.QuestionView, ...]) -> None:
    by_id = {q.id: q for q in found}
    chosen = st.selectbox(
        "Question to change",
        list(by_id),
        key="question_edit_id",
        format_func=lambda question_id: by_id[question_id].text,
    )
    if chosen not in by_id:
        return
    question = by_id[chosen]
    form = f"question_edit_{question.id}"
    form_error(form)
    with st.form(form):
        _question_fields(form, question)
        save, remove = st.columns(2)
        save.form_submit_button(
            "Save changes",
            icon=":material/save:",
            on_click=lambda: act(
                form,
                "Question saved.",
                questions.edit_question,
                ctx,
                actor,
                question.id,
                **_question_values(form),
                expected_version=question.version,
            ),
        )
        remove.form_submit_button(
            "Remove question",
            icon=":material/delete:",
            on_click=lambda: act(
                form,
                "Question removed.",
                questions.remove_question,
                ctx,
                actor,
                question.id,
                expected_version=question.version,
            ),
        )


def _question_values(form: str) -> dict[str, str]:
    return {field: value(f"{form}_{field}") or "" for field in ("text", "category", "tags")}


def _question_fields(form: str, question: questions.QuestionView | None = None) -> None:
    """Text, category and tags, empty or showing `question`."""
    st.text_area(
        "Question",
        value=question.text if question else "",
        key=f"{form}_text",
        max_chars=bounds.QUESTION.max_chars,
        height=80,
    )
    category, tags = st.columns(2)
    category.text_input(
        "Category",
        value=question.category if question else "",
        key=f"{form}_category",
        max_chars=bounds.CATEGORY.max_chars,
    )
    tags.text_input(
        "Tags (separated by ;)",
        value=question.tags if question else "",
        key=f"{form}_tags",
        max_chars=bounds.TAGS.max_chars,
    )


def _share_form(
    ctx: Context, actor: Actor, bank: BankView, cohorts: tuple[CohortChoice, ...]
) -> None:
    form = f"bank_share_{bank.id}"
    names = {cohort.id: cohort.name for cohort in cohorts}
    form_error(form)
    with st.form(form):
        st.radio(
            "Who may read this bank",
            list(SHARING),
            index=list(SHARING).index(bank.visibility),
            format_func=lambda level: SHARING[level],
            key=f"{form}_level",
            horizontal=True,
        )
        st.multiselect(
            "Cohorts (when shared with chosen cohorts)",
            list(names),
            default=[c for c in bank.shared_with_cohort_ids if c in names],
            format_func=lambda cohort_id: names[cohort_id],
            key=f"{form}_cohorts",
            placeholder="Choose cohorts you coach",
        )
        st.form_submit_button(
            "Save sharing",
            icon=":material/share:",
            on_click=_share,
            args=(ctx, actor, bank, form),
        )


def _share(ctx: Context, actor: Actor, bank: BankView, form: str) -> None:
    level = value(f"{form}_level")
    chosen = value(f"{form}_cohorts") or []
    act(
        form,
        "Sharing saved.",
        questions.set_bank_visibility,
        ctx,
        actor,
        bank.id,
        visibility=level,
        # Cohorts count only when sharing with chosen cohorts (the core refuses them otherwise).
        cohort_ids=chosen if level is Visibility.COHORTS else (),
        expected_version=bank.version,
    )


def _rename_form(ctx: Context, actor: Actor, bank: BankView) -> None:
    form = f"bank_rename_{bank.id}"
    form_error(form)
    with st.form(form):
        name_and_description(form, bounds.BANK_NAME, bank.name, bank.description)
        st.form_submit_button(
            "Rename",
            icon=":material/save:",
            on_click=lambda: act(
                form,
                "Bank renamed.",
                questions.rename_bank,
                ctx,
                actor,
                bank.id,
                name=value(f"{form}_name") or "",
                description=value(f"{form}_description") or "",
                expected_version=bank.version,
            ),
        )


def _delete_form(ctx: Context, actor: Actor, bank: BankView) -> None:
    form = f"bank_delete_{bank.id}"
    form_error(form)
    with st.form(form):
        st.checkbox(
            "Yes, delete this bank. Questions already taken to interviews stay on them.",
            key=f"{form}_sure",
        )
        st.form_submit_button(
            "Delete bank",
            icon=":material/delete_forever:",
            on_click=_delete,
            args=(ctx, actor, bank, form),
        )


def _delete(ctx: Context, actor: Actor, bank: BankView, form: str) -> None:
    if not value(f"{form}_sure"):
        fail(form, "Tick the box to confirm that the bank should be deleted.")
        return
    act(
        form,
        f"Deleted {bank.name}.",
        questions.delete_bank,
        ctx,
        actor,
        bank.id,
        expected_version=bank.version,
    )
    if "manage" in st.query_params:
        del st.query_params["manage"]
