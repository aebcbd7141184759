// The message box. What is typed is the browser's (drafts.js); Enter hands the message to the outbox (outbox.js),
// which shows it in the list at once and sends it whenever the page is connected; this component is the outbox's
// way to the server. While the page has no connection, a banner says so.
import DOMPurify from "dompurify";
import { connection, fmt, pageLocale } from "studyhall";
import { useDraft } from "studyhall/drafts.js";
import { useOutbox } from "studyhall/outbox.js";

const COUNTER_FROM = 0.8; // the character counter shows from this share of the limit on
const TYPING_EVERY_MS = 2000;

export default {
  template: `
    <div class="sh-composer">
      <div v-if="connection.offline" class="sh-offline" role="status">
        <i class="material-icons" aria-hidden="true">cloud_off</i>
        <span>{{ texts.offline }}</span>
      </div>
      <div v-if="draft.state.reply" class="sh-replying">
        <i class="material-icons sh-flip-rtl" aria-hidden="true">reply</i>
        <span class="sh-replying-text" dir="auto">{{ replyParts[0] }}<span class="sh-excerpt"
              v-html="replyHtml"></span>{{ replyParts[1] }}</span>
        <q-btn flat round dense size="sm" icon="close" :aria-label="texts.cancelReply" @click="draft.cancelReply()" />
      </div>
      <div class="sh-composer-row">
        <q-input ref="box" class="sh-composer-box" type="textarea" outlined dense autogrow :aria-label="texts.message" dir="auto"
                 :model-value="draft.state.text" @update:model-value="typed" :maxlength="maxChars"
                 :placeholder="readOnly || (touch ? touchPlaceholder : placeholder)" :disable="!!readOnly" @keydown.enter.exact="enter" />
        <q-btn round unelevated color="primary" icon="send" :aria-label="texts.send" :disable="!!readOnly"
               @click="send" />
      </div>
      <div class="sh-counter" aria-live="polite">{{ counter }}</div>
    </div>
  `,
  props: {
    sessionId: Number,
    meKey: String,
    maxChars: Number,
    placeholder: String,
    touchPlaceholder: String, // where Enter makes a new line (a touch screen), the placeholder does not say it sends
    readOnly: String, // why this person cannot write now (the box is disabled), or ""
    texts: Object, // what it shows, in the page's language (composer.py)
  },
  data() {
    return {
      connection,
      touch: window.matchMedia("(pointer: coarse)").matches, // no Shift key: Enter makes a new line
      draft: useDraft(this.sessionId, this.meKey),
      outbox: useOutbox(this.sessionId, this.meKey),
    };
  },
  computed: {
    replyParts() {
      // the sentence around the excerpt, which is HTML of its own (formulas): [before, after]
      const reply = this.draft?.state.reply;
      if (!reply) return ["", ""];
      const marker = "\u0000";
      const parts = fmt(this.texts.replyingTo, { ...reply, excerpt: marker }).split(marker);
      return [parts[0], parts.slice(1).join("")];
    },
    replyHtml() {
      const reply = this.draft?.state.reply;
      if (reply?.html) return DOMPurify.sanitize(reply.html);
      return (reply?.excerpt || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    },
    counter() {
      const length = this.draft.state.text.length;
      return length >= COUNTER_FROM * this.maxChars
        ? `${length.toLocaleString(pageLocale())} / ${this.maxChars.toLocaleString(pageLocale())}`
        : "";
    },
  },
  watch: {
    "draft.state.focus"() {
      this.$nextTick(() => this.$refs.box?.focus());
    },
  },
  mounted() {
    this.outbox.setSender((message) => this.$emit("send", message));
  },
  unmounted() {
    this.outbox.setSender(null);
  },
  methods: {
    fmt,
    typed(text) {
      this.draft.setText(text ?? "");
      const now = Date.now();
      if (text && connection.connected && !(now - this.typingAt < TYPING_EVERY_MS)) {
        this.typingAt = now;
        this.$emit("typing");
      }
    },
    enter(e) {
      // on a touch screen there is no Shift key: Enter makes a new line there and the button sends
      if (e.isComposing || this.touch) return;
      e.preventDefault();
      this.send();
    },
    send() {
      const body = this.draft.state.text.trim();
      if (!body || this.readOnly) return;
      this.outbox.add({ body, reply: this.draft.state.reply });
      this.draft.sent();
      this.$refs.box?.focus();
    },
  },
};
