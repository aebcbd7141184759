"""What a person does on a page, and what they look at, in the words of the tests."""
from playwright.sync_api import Locator, Page

DRAG_FILES_JS = '''([selector, files, events]) => {
    const transfer = new DataTransfer();
    for (const [name, type, text] of files) transfer.items.add(new File([text], name, { type }));
    const target = document.querySelector(selector);
    for (const type of events) {
        target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
}'''


def message_box(page: Page) -> Locator:
    return page.get_by_role('textbox', name='Message')


def send(page: Page, text: str) -> None:
    message_box(page).fill(text)
    message_box(page).press('Enter')


def messages(page: Page, text: str | None = None) -> Locator:
    return page.locator('.sh-message', has_text=text) if text else page.locator('.sh-message')


def materials(page: Page, name: str | None = None) -> Locator:
    """Rows of the materials list (not the upload box)."""
    rows = page.locator('.q-drawer .q-list .q-item, .sh-fill .q-list .q-item')
    return rows.filter(has_text=name) if name else rows


def drop_files(page: Page, files: list[tuple[str, str, str]], selector: str = '.sh-chat') -> None:
    """Drop (name, content type, text) files onto the element, as a drag from the file manager does."""
    page.evaluate(DRAG_FILES_JS, [selector, files, ['dragenter', 'dragover', 'drop']])


def drag_files_over(page: Page, files: list[tuple[str, str, str]], selector: str = '.sh-chat') -> None:
    """Hold dragged files over the element without dropping them."""
    page.evaluate(DRAG_FILES_JS, [selector, files, ['dragenter', 'dragover']])


def drag_files_away(page: Page, selector: str = '.sh-chat') -> None:
    """The dragged files leave the element for somewhere outside the page's content."""
    page.evaluate('(selector) => document.querySelector(selector).dispatchEvent('
                  'new DragEvent("dragleave", { bubbles: true, relatedTarget: null }))', selector)


def notification(page: Page, text: str) -> Locator:
    return page.locator('.q-notification', has_text=text)


def wait_for_pictures(page: Page) -> None:
    """Until every picture on the page (previews, the QR code) has loaded and decoded."""
    page.wait_for_function('[...document.images].every((img) => img.complete && img.naturalWidth > 0)')
