// Asking before something that cannot be taken back, in the same dialog as the server's (components/confirm.py):
// Quasar's, with Cancel and the action in red. Resolves to true only if the action was chosen.

/** `{ question, action, cancel }`: texts in the page's language. */
export function confirmAction({ question, action, cancel }) {
  const Dialog = window.Quasar?.Dialog;
  if (!Dialog) return Promise.resolve(window.confirm(question));
  return new Promise((resolve) => {
    Dialog.create({
      message: question,
      ok: { label: action, color: "negative", unelevated: true, noCaps: false },
      cancel: { label: cancel, flat: true, color: "primary" },
      dark: document.body.classList.contains("body--dark"),
      persistent: false,
    })
      .onOk(() => resolve(true))
      .onCancel(() => resolve(false))
      .onDismiss(() => resolve(false));
  });
}
