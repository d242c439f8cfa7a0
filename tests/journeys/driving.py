"""Two ways to use a page: with the mouse, or with the keyboard only.

The keyboard never clicks and never focuses an element by script: it reaches a
control with Tab (or Shift+Tab when the control lies above the focus), then
types, presses Enter or Space, or moves through radio buttons with the arrows.
A control that Tab cannot reach fails the journey.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from playwright.sync_api import Locator, Page, Response

#: Tab presses allowed to reach one control (a form holds about thirty stops).
MAX_PRESSES = 150
#: Milliseconds to wait for a page: the machine is shared and slow.
TIMEOUT = 30_000

# Where the focus is, seen from the target `t`: on it ("here"), before it
# ("forward": press Tab) or after it ("back": press Shift+Tab). With `group`,
# any radio button of the target's group counts as "here".
_WHERE = """([t, group]) => {
    const a = document.activeElement;
    if (a === t || (group && a && a.type === "radio" && a.name === t.name
            && a.form === t.form)) return "here";
    if (!a || a === document.body) return "forward";
    return t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING
        ? "back" : "forward";
}"""


class Input(Protocol):
    """How a person operates the page."""

    @property
    def name(self) -> str:
        """`mouse` or `keyboard`."""

    def follow(self, link: Locator) -> None:
        """Open a link to another page and wait for that page."""

    def jump(self, link: Locator) -> None:
        """Follow a link to a place on the same page."""

    def submit(self, button: Locator) -> Response | None:
        """Press a form's button; wait for the next page and return its response."""

    def type(self, field: Locator, text: str) -> None:
        """Replace the text of a field with *text*."""

    def choose(self, radio: Locator) -> None:
        """Select a radio button."""

    def tick(self, box: Locator) -> None:
        """Tick a checkbox (left ticked if it is)."""

    def attach(self, field: Locator, file: Path) -> None:
        """Choose *file* in a file field, through the browser's file chooser."""


class Mouse:
    """Point and click; type into the field clicked."""

    name = "mouse"

    def follow(self, link: Locator) -> None:
        with link.page.expect_navigation(timeout=TIMEOUT):
            link.click()

    def jump(self, link: Locator) -> None:
        link.click()

    def submit(self, button: Locator) -> Response | None:
        with button.page.expect_navigation(timeout=TIMEOUT) as navigation:
            button.click()
        return navigation.value

    def type(self, field: Locator, text: str) -> None:
        field.click()
        field.fill(text)

    def choose(self, radio: Locator) -> None:
        radio.check()

    def tick(self, box: Locator) -> None:
        box.check()

    def attach(self, field: Locator, file: Path) -> None:
        with field.page.expect_file_chooser(timeout=TIMEOUT) as chooser:
            _intercepting(field)
            field.click()
        chooser.value.set_files(file)


class Keyboard:
    """Tab, Shift+Tab, Enter, Space, the arrows and typing; nothing else."""

    name = "keyboard"

    def follow(self, link: Locator) -> None:
        self.reach(link)
        with link.page.expect_navigation(timeout=TIMEOUT):
            link.page.keyboard.press("Enter")

    def jump(self, link: Locator) -> None:
        self.reach(link)
        link.page.keyboard.press("Enter")

    def submit(self, button: Locator) -> Response | None:
        self.reach(button)
        with button.page.expect_navigation(timeout=TIMEOUT) as navigation:
            button.page.keyboard.press("Space")
        return navigation.value

    def type(self, field: Locator, text: str) -> None:
        self.reach(field)
        keyboard = field.page.keyboard
        keyboard.press("ControlOrMeta+A")
        if text:
            keyboard.type(text)
        else:
            keyboard.press("Delete")

    def choose(self, radio: Locator) -> None:
        self.reach(radio, group=True)
        page = radio.page
        for _ in range(radio.evaluate("r => r.form.elements[r.name].length") + 1):
            if _focused(radio):
                if not radio.is_checked():
                    page.keyboard.press("Space")
                return
            page.keyboard.press("ArrowDown")
        raise AssertionError(f"the arrow keys never reach {radio}")

    def tick(self, box: Locator) -> None:
        self.reach(box)
        if not box.is_checked():
            box.page.keyboard.press("Space")

    def attach(self, field: Locator, file: Path) -> None:
        with field.page.expect_file_chooser(timeout=TIMEOUT) as chooser:
            _intercepting(field)
            self.reach(field)
            field.page.keyboard.press("Space")
        chooser.value.set_files(file)

    def reach(self, target: Locator, *, group: bool = False) -> None:
        """Move the focus to *target* with Tab or Shift+Tab."""
        page = target.page
        handle = target.element_handle(timeout=TIMEOUT)
        for _ in range(MAX_PRESSES):
            where = page.evaluate(_WHERE, [handle, group])
            if where == "here":
                return
            page.keyboard.press("Shift+Tab" if where == "back" else "Tab")
        raise AssertionError(f"{MAX_PRESSES} presses of Tab never reached {target}")


def intercept_file_choosers(page: Page) -> None:
    """Have the browser hand every file chooser of *page* to Playwright, from now.

    Call it when the page opens: the browser is asked without waiting for its
    answer, and a chooser opened before it answers would be one no one sees.
    """
    page.on("filechooser", lambda chooser: None)


def _intercepting(field: Locator) -> None:
    """Make a round trip to the page before opening a chooser, so that the
    browser has handled the request to intercept choosers (see above)."""
    field.page.evaluate("0")


def _focused(target: Locator) -> bool:
    return bool(target.evaluate("t => t === document.activeElement"))


INPUTS: dict[str, Input] = {"mouse": Mouse(), "keyboard": Keyboard()}
