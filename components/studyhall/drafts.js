// What the pupil is typing belongs to the browser: it is kept in localStorage with every keystroke, so a blip, a
// reload or a server restart never loses it, and the server never sees it, so it cannot put an older text back.
// One draft per session and name, and one per message being answered: starting a reply does not mix it with the
// message being written, and that one is back once the reply is sent or cancelled.
import { reactive } from "vue";
import { load, save } from "studyhall";

const drafts = new Map();

/** The draft of this browser for the session and name (one per page, shared by the components that use it). */
export function useDraft(sessionId, meKey) {
  const key = `studyhall:draft:${sessionId}:${meKey}`;
  if (!drafts.has(key)) drafts.set(key, makeDraft(key));
  return drafts.get(key);
}

function makeDraft(key) {
  const replyKey = `${key}:reply`;
  const reply = load(replyKey);
  // reply: {id, author, excerpt} of the message answered, or null; focus: counts requests to focus the box
  const state = reactive({ reply: reply?.id ? reply : null, text: "", focus: 0 });
  const textKey = () => (state.reply ? `${key}:reply:${state.reply.id}` : key);
  const loadText = () => {
    const text = load(textKey());
    state.text = typeof text === "string" ? text : "";
  };
  loadText();

  function setReply(preview) {
    state.reply = preview;
    save(replyKey, preview);
    loadText();
    state.focus += 1;
  }

  function setText(text) {
    state.text = text || "";
    save(textKey(), state.text || null);
  }

  return {
    state,
    setText,
    /** Answer `preview` ({id, author, excerpt}) with the next message; its own draft comes into the box. */
    replyTo(preview) {
      if (preview?.id && preview.id !== state.reply?.id) setReply(preview);
      else state.focus += 1;
    },
    cancelReply() {
      if (state.reply) setReply(null);
    },
    /** The text in the box went to the outbox: this draft is done (a reply's: the message before it is back). */
    sent() {
      save(textKey(), null);
      state.text = "";
      if (state.reply) setReply(null);
    },
    /** Put a message back into the box to edit it (before what is there, which stays). */
    restore(body) {
      setText(state.text.trim() ? `${body}\n\n${state.text}` : body);
      state.focus += 1;
    },
  };
}
