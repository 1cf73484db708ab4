"""What the AppTest modules share (the `open_app` fixture is in conftest.py): signing in,
finding and clicking widgets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import update
from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from networkit_core.context import Context
from networkit_core.models import Role, User
from networkit_core.passwords import hash_password
from pages.ui.routes import PAGES as ROUTES
from tests import factories

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"
# Every page script, by its path from the project (the form AppTest.switch_page takes).
PAGES = sorted(str(page.relative_to(PROJECT)) for page in (PROJECT / "pages").glob("*/*/page.py"))

Opener = Callable[[], AppTest]


class App(AppTest):
    """AppTest whose switch_page opens a page the last run did not route by its address, as a
    browser does when that address is typed: a signed-in run routes its role's pages only
    (pages/ui/routes.py), and another role's when asked for it, to refuse it."""

    def switch_page(self, page_path: str) -> AppTest:
        try:
            return super().switch_page(page_path)
        except ValueError:
            spec = next((spec for spec in ROUTES if spec.script == page_path), None)
            if spec is None:
                raise
            self._page_hash = calc_hash(spec.url_path)  # st.Page's hash of its address
            return self


def set_password(ctx: Context, user_id: int, password: str = factories.PASSWORD) -> None:
    with ctx.unit_of_work() as session:
        session.execute(
            update(User).where(User.id == user_id).values(password_hash=hash_password(password))
        )


def account(ctx: Context, role: Role) -> str:
    """An account of `role` (a graduate gets a cohort) with the factories' password."""
    if role is Role.GRADUATE:
        advisor = factories.user(ctx, Role.ADVISOR)
        graduate, _ = factories.graduate(ctx, factories.cohort(ctx, advisors=(advisor,)))
        set_password(ctx, graduate.id)
        return graduate.email
    return factories.user(ctx, role, password=factories.PASSWORD).email


def sign_in(at: AppTest, email: str, password: str = factories.PASSWORD) -> AppTest:
    at.text_input(key="login_email").input(email)
    at.text_input(key="login_password").input(password)
    return at.button[0].click().run()


def titles(at: AppTest) -> list[str]:
    return [title.value for title in at.title]


def click(at: AppTest, label: str) -> AppTest:
    """Click the button (or form submit button) labelled `label` and run."""
    next(button for button in at.button if button.label == label).click()
    return at.run()


def unfold(at: AppTest, title: str) -> AppTest:
    """Open the closed section titled `title` (`pages.ui.layout.folded`: drawn only once open), as
    a click on it does, and run. A title that ends with a count ("Follow-ups · 2 logged") may be
    named without it ("Follow-ups")."""
    box = next(
        box for box in at.expander if box.label.split(" · ")[0] == title or box.label == title
    )
    assert box.proto.id, f"the section {title!r} is not a folded one: it is drawn while closed"
    at.session_state[box.proto.id.split("-", 2)[2]] = True  # the id ends with the page's key
    return at.run()


def click_open(at: AppTest, title: str) -> AppTest:
    """Open the folded section titled `title` as a click in the browser does: its new state sent
    with the page's widgets, its callback (if any) run. (`unfold` sets the state alone.)"""
    box = next(box for box in at.expander if box.label.split(" · ")[0] == title)
    states = at._tree.get_widget_states()
    states.widgets.append(WidgetState(id=box.proto.id, bool_value=True))
    return at._run(states)


def pick(at: AppTest, key: str, text: str) -> None:
    """Choose the option of the select `key` whose label contains `text`."""
    box = at.selectbox(key=key)
    box.select_index(next(i for i, option in enumerate(box.options) if text in option))


def conflict_versions(at: AppTest) -> dict[str, tuple[str, str]]:
    """The conflict panel (pages/ui/calls.show_conflict): field -> (yours, saved), the field
    named in bold, then its two versions in code blocks."""
    nodes = list(at.main)
    versions: dict[str, tuple[str, str]] = {}
    for index, node in enumerate(nodes):
        value = getattr(node, "value", None)
        if getattr(node, "type", "") == "markdown" and isinstance(value, str):
            if not (value.startswith("**") and value.endswith("**")):
                continue
            codes = [n.value for n in nodes[index + 1 : index + 9] if n.type == "code"]
            if len(codes) >= 2:
                versions[value.strip("*").replace("\\", "")] = (codes[0], codes[1])
    return versions
