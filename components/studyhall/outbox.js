// Messages whose Enter was pressed and that the server has not stored yet. They are kept in this browser
// (localStorage, per session and name), so neither a lost connection nor a reload nor a server restart loses them.
// They go out by themselves whenever the page is connected, one after another in the order typed, each with its
// client_msg_id: a message sent again (its answer was lost, or another tab sends it too) is stored once. A refused
// one stays, with the reason, until the pupil sends it again, edits it or discards it.
import { reactive } from "vue";
import { connection, load, newId, onConnect, onEvent, save } from "studyhall";

const RESEND_AFTER_MS = 10000; // no answer by then (a connection that died quietly): send it again
const RETRY_AFTER_MS = 5000; // the server could not store it: try again after this long

const outboxes = new Map();

/** The outbox of this browser for the session and name (one per page, shared by the components that use it). */
export function useOutbox(sessionId, meKey) {
  const key = `studyhall:outbox:${sessionId}:${meKey}`;
  if (!outboxes.has(key)) outboxes.set(key, makeOutbox(key, sessionId));
  return outboxes.get(key);
}

function makeOutbox(key, sessionId) {
  // entries: {client_msg_id, body, reply_to, reply (what it answers, to show), refused (why not, or null)} as kept
  // in the browser, plus for this page: reason (why it waits), retryAt, sentAt
  const state = reactive({ entries: storedEntries(key), inFlight: null });
  let send = null;
  let timer = null;

  function keep() {
    save(key, state.entries.length ? state.entries.map(kept) : null);
  }

  function find(id) {
    return state.entries.find((e) => e.client_msg_id === id);
  }

  function flush() {
    clearTimeout(timer);
    if (!connection.connected || !send) return;
    if (state.inFlight) {
      const entry = find(state.inFlight);
      if (entry && Date.now() - entry.sentAt < RESEND_AFTER_MS) return wake(entry.sentAt + RESEND_AFTER_MS);
      state.inFlight = null;
    }
    const next = state.entries.find((e) => !e.refused); // strictly in order: the next waits for this one's answer
    if (!next) return;
    if (next.retryAt > Date.now()) return wake(next.retryAt);
    state.inFlight = next.client_msg_id;
    next.sentAt = Date.now();
    send({ client_msg_id: next.client_msg_id, body: next.body, reply_to: next.reply_to });
    wake(next.sentAt + RESEND_AFTER_MS);
  }

  function wake(at) {
    clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, at - Date.now()));
  }

  function answered(id, change) {
    const entry = find(id);
    if (entry) change(entry);
    if (state.inFlight === id) state.inFlight = null;
    keep();
    flush();
  }

  function delivered(messages) {
    const ids = new Set(messages.map((m) => m.client_msg_id).filter(Boolean));
    if (!state.entries.some((e) => ids.has(e.client_msg_id))) return;
    state.entries = state.entries.filter((e) => !ids.has(e.client_msg_id));
    if (ids.has(state.inFlight)) state.inFlight = null;
    keep();
    flush();
  }

  onConnect(() => {
    state.inFlight = null; // whatever was on its way went down with the old connection: it goes again
    flush();
  });
  onEvent(sessionId, (event) => {
    const handlers = {
      "message.posted": () => delivered([event.message]),
      "message.stored": () => delivered([event.message]),
      "messages.caught_up": () => delivered(event.messages),
      "message.refused": () =>
        answered(event.client_msg_id, (e) => {
          if (event.retry_after) {
            e.reason = event.reason; // too fast: it goes again by itself
            e.retryAt = Date.now() + event.retry_after * 1000;
          } else {
            e.refused = event.reason;
          }
        }),
      "message.failed": () =>
        answered(event.client_msg_id, (e) => {
          e.reason = event.reason;
          e.retryAt = Date.now() + RETRY_AFTER_MS;
        }),
    };
    handlers[event.type]?.();
  });
  // another tab of this browser changed the outbox: take its entries, keeping what this page knows about them
  window.addEventListener("storage", (e) => {
    if (e.key !== key) return;
    const mine = new Map(state.entries.map((entry) => [entry.client_msg_id, entry]));
    state.entries = storedEntries(key).map((entry) => ({ ...mine.get(entry.client_msg_id), ...entry }));
    if (!find(state.inFlight)) state.inFlight = null;
    flush();
  });

  return {
    state,
    /** Connect the outbox to the server: `sender({client_msg_id, body, reply_to})` (null: the sender is gone). */
    setSender(sender) {
      send = sender;
      flush();
    },
    add({ body, reply }) {
      state.entries.push({ client_msg_id: newId(), body, reply_to: reply?.id ?? null, reply: reply || null,
                           refused: null });
      keep();
      flush();
    },
    retry(id) {
      const entry = find(id);
      if (!entry) return;
      Object.assign(entry, { refused: null, reason: null, retryAt: 0 });
      keep();
      flush();
    },
    /** Take a message out of the outbox (to edit it, or because the pupil discards it); returns it. */
    take(id) {
      const entry = find(id);
      state.entries = state.entries.filter((e) => e !== entry);
      if (state.inFlight === id) state.inFlight = null;
      keep();
      flush();
      return entry;
    },
  };
}

function storedEntries(key) {
  const entries = load(key);
  return Array.isArray(entries) ? entries.filter((e) => e && e.client_msg_id && typeof e.body === "string") : [];
}

function kept({ client_msg_id, body, reply_to, reply, refused }) {
  return { client_msg_id, body, reply_to, reply, refused };
}
