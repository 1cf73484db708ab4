"""The "Bring in my contacts" section of /interviews: upload LinkedIn's Connections.csv or a
phone's .vcf, see the dry run (new, already known, bad), then add the new ones."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange.contacts_in import ACCEPTED_SUFFIXES
from networkit_core.interchange.formats import MAX_IMPORT_BYTES, too_big
from networkit_core.services.contact_imports import (
    ContactImportCheck,
    ContactImportResult,
    check_contact_file,
    import_contacts,
)
from pages.ui.calls import form_error, save
from pages.ui.layout import DAYS, problem_list, table
from pages.ui.text import escape

KEY = "contacts_in"
UPLOADS = f"{KEY}_uploads"  # how many files were added: a fresh uploader after each
CHECKED = f"{KEY}_checked"  # (file id, its dry run): no second check on every rerun
RESULT = f"{KEY}_result"
CHECK = f"{KEY}_check"  # the forms whose errors are shown here
APPLY = f"{KEY}_apply"
LEAVE_OUT = f"{KEY}_leave_out"
SHOWN_BAD = 100  # bad rows listed on the page; the rest counted
SHOWN_ROWS = 200  # new or known rows listed; the rest counted
HOW_TO = (
    "**LinkedIn:** Settings → Data privacy → Get a copy of your data → Connections; upload "
    "the Connections.csv it sends as it is. **Phone:** export your contacts as a .vcf file "
    "(iPhone: Contacts → Lists → Export; Android: Contacts → Fix & manage → Export to file). "
    "Nothing is added until you press the button under the check."
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _check(ctx: Context, actor: Actor, file_id: str, name: str, data: bytes) -> None:
    """The dry run of this file, kept until another file is chosen."""
    kept = st.session_state.get(CHECKED)
    if kept is not None and kept[0] == file_id:
        return

    def dry_run() -> None:
        st.session_state[CHECKED] = (file_id, check_contact_file(ctx, actor, name, data))

    st.session_state.pop(CHECKED, None)
    save(CHECK, dry_run, done="")  # no toast: the check is shown below


def _add(ctx: Context, actor: Actor, name: str, data: bytes) -> None:
    def write() -> ContactImportResult:
        result = import_contacts(
            ctx, actor, name, data, leave_out_bad=bool(st.session_state.get(LEAVE_OUT))
        )
        st.session_state[RESULT] = result
        st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1
        st.session_state.pop(CHECKED, None)
        return result

    save(APPLY, write, done="")  # the result is shown in the section, not as a toast


def _listed(rows: list[dict[str, object]], key: str) -> None:
    """The first rows of a list as a table (stacked on a phone), the rest counted."""
    table(
        rows[:SHOWN_ROWS],
        key=f"{KEY}_{key}",
        heading="Name",
        hide_index=True,
        column_config={"Connected on": DAYS},
    )
    if len(rows) > SHOWN_ROWS:
        st.caption(f"and {len(rows) - SHOWN_ROWS:,} more")


def _show_check(check: ContactImportCheck) -> None:
    new, known, bad = st.columns(3)
    new.metric("New", len(check.new), border=True)
    known.metric("Already known", len(check.known), border=True)
    bad.metric(f"Bad {check.row_word}s", len(check.bad), border=True)
    word = check.row_word.capitalize()
    if check.new:
        with st.expander(f"{_plural(len(check.new), 'new contact')} to add"):
            _listed(
                [
                    {
                        word: candidate.row,
                        "Name": candidate.name,
                        "Organization": candidate.organization,
                        "Job title": candidate.title,
                        "E-mail": candidate.email or "",
                        "LinkedIn": candidate.linkedin_url or "",
                        "Connected on": candidate.connected_on,
                    }
                    for candidate in check.new
                ],
                "new",
            )
    if check.known:
        with st.expander(f"{_plural(len(check.known), 'contact')} you have already"):
            _listed(
                [
                    {
                        word: known.row,
                        "Name": known.name,
                        "Organization": known.organization,
                        "Matched by": known.matched_by,
                        "Already": known.contact_name
                        if known.same_as_row is None
                        else f"{check.row_word} {known.same_as_row} of this file",
                    }
                    for known in check.known
                ],
                "known",
            )
    if check.bad:
        st.warning(
            f"{_plural(len(check.bad), check.row_word)} cannot be added as "
            f"{'it is' if len(check.bad) == 1 else 'they are'}:",
            icon=":material/warning:",
        )
        shown = [
            f"{check.row_word.capitalize()} {bad.row}"
            + (f" ({bad.name})" if bad.name else "")
            + f": {bad.reason}"
            for bad in check.bad[:SHOWN_BAD]
        ]
        if len(check.bad) > SHOWN_BAD:
            shown.append(f"and {len(check.bad) - SHOWN_BAD} more")
        problem_list(shown)


def contacts_in(ctx: Context, actor: Actor) -> None:
    st.subheader(":material/contacts: Bring in my contacts")
    result: ContactImportResult | None = st.session_state.pop(RESULT, None)
    if result is not None:
        left_out = f"; {_plural(result.left_out, 'bad one')} left out" if result.left_out else ""
        st.success(
            f"Added {_plural(result.added, 'new contact')} ({result.known} already known"
            f"{left_out}). Pick them when you log an interview.",
            icon=":material/task_alt:",
        )
    with st.expander("From LinkedIn or my phone", icon=":material/upload_file:"):
        st.caption(HOW_TO)
        uploaded = st.file_uploader(
            "Connections.csv or .vcf file",
            type=list(ACCEPTED_SUFFIXES),
            max_upload_size=MAX_IMPORT_BYTES // 1024 // 1024,
            key=f"{KEY}_file_{st.session_state.get(UPLOADS, 0)}",
        )
        if uploaded is None:
            return
        refusal = too_big(uploaded.size)  # said before a byte of it is read
        if refusal:
            st.error(escape(f"{uploaded.name}: {refusal}"), icon=":material/error:")
            return
        data = uploaded.getvalue()
        _check(ctx, actor, uploaded.file_id, uploaded.name, data)
        form_error(CHECK, conflict=False)
        kept = st.session_state.get(CHECKED)
        if kept is None:
            return
        check: ContactImportCheck = kept[1]
        _show_check(check)
        leave_out = False
        if check.bad and check.new:
            leave_out = st.checkbox(
                f"Leave out the {_plural(len(check.bad), f'bad {check.row_word}')} and add "
                "the rest",
                key=LEAVE_OUT,
                help="Or correct the file and upload it again: then nothing is left out.",
            )
        if not check.new:
            st.info(
                "Nothing new to add: every contact in this file is yours already.",
                icon=":material/check:",
            )
        st.button(
            f"Add {_plural(len(check.new), 'new contact')}",
            type="primary",
            icon=":material/person_add:",
            disabled=not check.new or (bool(check.bad) and not leave_out),
            on_click=_add,
            args=(ctx, actor, uploaded.name, data),
            key=APPLY,
        )
        form_error(APPLY, conflict=False)
