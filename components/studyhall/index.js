// The page's live connection, shared by StudyHall's components (one module instance per page): NiceGUI's socket,
// which nicegui.js makes only after the components have mounted; the one event name our server emits on
// (realtime/fanout.py); and whether the page is connected now, as a reactive object the components can show.
import { reactive } from "vue";

export const SOCKET_EVENT = "studyhall";
const OFFLINE_AFTER_MS = 5000; // a page whose socket has not connected this long after loading is offline

// `connected`: the socket is up (the handshake is part of connecting); `offline`: it was up and dropped, the
// browser says it has no network, or it never came up; `connects`: how many times it has connected on this page
export const connection = reactive({ connected: false, offline: false, connects: 0 });

const eventHandlers = new Set();
const connectHandlers = new Set();

function attach() {
  if (!window.socket) {
    setTimeout(attach, 20);
    return;
  }
  const socket = window.socket;
  socket.on(SOCKET_EVENT, (event) => eventHandlers.forEach((handler) => handler(event)));
  socket.on("connect", connected);
  socket.on("disconnect", () => {
    connection.connected = false;
    connection.offline = true;
  });
  if (socket.connected) connected();
}

function connected() {
  connection.connected = true;
  connection.offline = false;
  connection.connects += 1;
  connectHandlers.forEach((handler) => handler());
}

attach();
window.addEventListener("offline", () => (connection.offline = true));
setTimeout(() => (connection.offline ||= !connection.connected), OFFLINE_AFTER_MS);

/** Call `handler(event)` for every event of session `sessionId`; returns the function that stops it. */
export function onEvent(sessionId, handler) {
  const filtered = (event) => event.session_id === sessionId && handler(event);
  eventHandlers.add(filtered);
  return () => eventHandlers.delete(filtered);
}

/** Call `handler()` on every (re)connect, and at once if connected now; returns the function that stops it. */
export function onConnect(handler) {
  connectHandlers.add(handler);
  if (connection.connected) handler();
  return () => connectHandlers.delete(handler);
}

/** A new id for something this page sends once (a message, an upload), so that sending it again counts once. */
export function newId() {
  return window.crypto?.randomUUID?.() || Date.now().toString(36) + Math.random().toString(36).slice(2);
}

/** Read a JSON value this browser keeps (undefined if there is none or it is unreadable). */
export function load(key) {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Keep a JSON value in this browser (null or undefined removes it); false if the browser refused to store it. */
export function save(key, value) {
  try {
    if (value === null || value === undefined) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false; // private mode or a full quota: the value lives on in the page
  }
}

/** `text` (translated on the server, i18n/client_texts.py) with each `{name}` replaced by `values.name`. */
export function fmt(text, values = {}) {
  return String(text ?? "").replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

const pluralRules = new Intl.PluralRules(document.documentElement.lang || "en");

/** The form of `forms` (`{one: ..., few: ..., other: ...}`, i18n/client_texts.py) that the page's language uses
 * for the number `n`, with `{count}` and `values` filled in. */
export function plural(forms, n, values = {}) {
  const text = forms?.[pluralRules.select(n)] ?? forms?.other ?? "";
  return fmt(text, { count: n, ...values });
}

/** The page's language for dates and times (`<html lang>`, set by the server for each page). */
export function pageLocale() {
  return document.documentElement.lang || undefined;
}

// the place of the note of a message shown as typed (services/rendering.py): empty as stored now, with the note in
// the server's language as stored by older versions
const PLAIN_NOTE_PLACE = /<span class="sh-plain-note">[^<]*<\/span>/g;

/** A message's (sanitised) HTML with the note of a message shown as typed in the page's language (`note`), in the
 * direction of its own words (the message around it may run the other way). */
export function withPlainNote(html, note) {
  if (!html || !html.includes("sh-plain-note")) return html || "";
  const escaped = String(note ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return html.replace(PLAIN_NOTE_PLACE, () => `<span class="sh-plain-note" dir="auto">${escaped}</span>`);
}
