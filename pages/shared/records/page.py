"""My records (every role): everything the product keeps about the signed-in person, as one ZIP
to download, and who exported or changed their records. Only ever the user's own: the
page asks the core for nobody else."""

from __future__ import annotations

import streamlit as st

from networkit_core.models import Role
from networkit_core.records.archive import my_records
from pages.ui.downloads import records_zip, slug
from pages.ui.layout import table
from pages.ui.session import call, context, require
from pages.ui.text import DATE_COLUMN_FORMAT, escape

actor = require(Role.GRADUATE, Role.ADVISOR, Role.ADMIN)
ctx = context()
overview = call(my_records, ctx, actor)


st.title("My records")
st.markdown(
    "Everything NetWorkIt Coach keeps about you, in one ZIP file: a spreadsheet (CSV) for "
    "each kind of record and a README that says what each one holds. Passwords and the "
    "secrets of your sign-ins are never included. Each download is recorded in the audit log."
)
st.download_button(
    "Download my records (ZIP)",
    data=records_zip(ctx, actor),
    file_name=f"my-records_{slug(actor.email, 'me')}_{ctx.clock.today().isoformat()}.zip",
    mime="application/zip",
    icon=":material/download:",
    on_click="ignore",
    type="primary",
    key="download_records",
)
with st.expander("What the archive holds", icon=":material/folder_zip:"):
    st.markdown("\n".join(f"- `{name}`: {escape(about)}" for name, about in overview.files))

st.subheader("Who exported or changed your records")
if overview.entries:
    if overview.entries_total > len(overview.entries):
        st.caption(
            f"The newest {len(overview.entries)} of {overview.entries_total} entries "
            "(times in UTC); the archive's audit.csv holds them all."
        )
    else:
        st.caption("Times in UTC.")
    table(
        [
            {
                "When (UTC)": line.at,
                "Who": line.who,
                "What": line.action_words,
                "Record": line.record_words,
                "Details": line.detail_text,
            }
            for line in overview.entries
        ],
        key="my_records_audit",
        hide_index=True,
        column_config={
            "When (UTC)": st.column_config.DatetimeColumn(format=f"{DATE_COLUMN_FORMAT}, HH:mm"),
        },
    )
else:
    st.info("Nothing in the audit log names you yet.", icon=":material/history:")
