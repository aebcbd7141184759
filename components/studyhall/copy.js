// Copying text to the clipboard where the browser lets a page do it. The Clipboard API exists only in a secure
// context (HTTPS or localhost): a page opened by its LAN address (plain http://) has none, so the text is selected
// in a hidden text box and copied the old way. Resolves to true only when the text really went to the clipboard.

/** Copy `text`; true if it was copied, false if the browser allowed neither way. Call it from a click. */
export async function copyText(text) {
  if (window.isSecureContext && navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // refused (no permission, no focus): try the old way, which needs only the click
    }
  }
  return copyBySelecting(text);
}

function copyBySelecting(text) {
  const box = document.createElement("textarea");
  box.value = text;
  box.setAttribute("readonly", "");
  box.style.cssText = "position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;";
  const focused = document.activeElement;
  (document.querySelector(".q-dialog") || document.body).appendChild(box); // a dialog traps focus: stay inside it
  box.focus();
  box.select();
  box.setSelectionRange(0, text.length);
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  box.remove();
  focused?.focus?.();
  return copied;
}

/** Select the text of `element` so that the person can copy it themselves (Ctrl+C, or the phone's menu). */
export function selectText(element) {
  if (!element) return;
  if (element.select) {
    element.select();
    return;
  }
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
