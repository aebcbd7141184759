// "Ana is typing…", "Ana and Ben are typing…", "Several people are typing…": each typer expires after a few
// seconds of silence or as soon as their message arrives; the typer never sees their own name.
import { fmt, onEvent } from "studyhall";

const EXPIRES_MS = 5000;
const AFTER_SENDING_MS = 1500; // a typing event that arrives just after the typer's message is the one before it

export default {
  template: `<div class="sh-typing" aria-live="polite">{{ text }}</div>`,
  props: { sessionId: Number, me: String, texts: Object }, // texts: in the page's language (typing_line.py)
  data() {
    return { typers: {} };
  },
  computed: {
    text() {
      const names = Object.keys(this.typers);
      if (!names.length) return "";
      if (names.length === 1) return fmt(this.texts.one, { name: names[0] });
      if (names.length === 2) return fmt(this.texts.two, { first: names[0], second: names[1] });
      return this.texts.several;
    },
  },
  created() {
    this.sentAt = {}; // not reactive: when each person's last message arrived
  },
  mounted() {
    this.offEvent = onEvent(this.sessionId, (event) => {
      if (event.type === "typing" && event.name !== this.me) this.typing(event.name);
      if (event.type === "message.posted") this.sent(event.message.author);
    });
  },
  unmounted() {
    Object.values(this.typers).forEach(clearTimeout);
    this.offEvent();
  },
  methods: {
    typing(name) {
      if (Date.now() - (this.sentAt[name] || 0) < AFTER_SENDING_MS) return;
      clearTimeout(this.typers[name]);
      this.typers = { ...this.typers, [name]: setTimeout(() => this.stop(name), EXPIRES_MS) };
    },
    sent(name) {
      this.sentAt[name] = Date.now();
      this.stop(name);
    },
    stop(name) {
      if (!(name in this.typers)) return;
      clearTimeout(this.typers[name]);
      const { [name]: _, ...rest } = this.typers;
      this.typers = rest;
    },
  },
};
