// The message list of one session. It gets the newest messages as its initial props and then lives on the
// session's Socket.IO events; on every (re)connect it asks for what came after the last id it shows.
import DOMPurify from "dompurify";

const SOCKET_EVENT = "studyhall";
const NEAR_BOTTOM_PX = 80;

export default {
  template: `
    <div class="sh-chat">
      <div ref="scroller" class="sh-chat-scroll" role="log" aria-live="polite" aria-label="Messages" @scroll="onScroll">
        <div class="sh-older">
          <button v-if="older" type="button" class="sh-older-button" :disabled="loadingOlder" @click="loadOlder">
            {{ loadingOlder ? "Loading…" : "Load earlier messages" }}
          </button>
        </div>
        <p v-if="!items.length" class="sh-empty">No messages yet. Say hello!</p>
        <article v-for="m in items" :key="m.id" class="sh-message" :class="{ 'sh-own': m.author === me }"
                 :data-message-id="m.id">
          <header class="sh-meta">
            <span class="sh-author">{{ m.author }}</span>
            <time :datetime="m.created_at" :title="m.created_at">{{ clock(m.created_at) }}</time>
          </header>
          <div class="sh-body" v-html="m.safe_html"></div>
        </article>
      </div>
      <button v-if="unseen > 0" type="button" class="sh-unseen" @click="scrollToBottom">
        {{ unseen }} new {{ unseen === 1 ? "message" : "messages" }} ↓
      </button>
    </div>
  `,
  props: {
    sessionId: Number,
    messages: Array,
    me: String,
    cap: Number,
    hasOlder: Boolean,
  },
  data() {
    return {
      items: this.messages.map(prepare),
      older: this.hasOlder,
      loadingOlder: false,
      unseen: 0,
      atBottom: true,
    };
  },
  mounted() {
    this.scrollToBottom();
    this.attach();
  },
  unmounted() {
    clearTimeout(this.attachTimer);
    window.socket?.off(SOCKET_EVENT, this.onEvent);
    window.socket?.off("connect", this.catchUp);
  },
  methods: {
    attach() {
      // the page's socket is created after its components are mounted
      if (!window.socket) {
        this.attachTimer = setTimeout(() => this.attach(), 20);
        return;
      }
      window.socket.on(SOCKET_EVENT, this.onEvent);
      window.socket.on("connect", this.catchUp);
      if (window.socket.connected) this.catchUp();
    },
    catchUp() {
      this.$emit("catch_up", this.lastId());
    },
    lastId() {
      return this.items.length ? this.items[this.items.length - 1].id : 0;
    },
    onEvent(event) {
      if (event.session_id !== this.sessionId) return;
      if (event.type === "message.posted") this.add([event.message]);
      else if (event.type === "messages.caught_up") this.caughtUp(event);
      else if (event.type === "messages.older") this.prepend(event);
      else if (event.type === "hub.resynced") this.catchUp(); // live updates were interrupted: fetch the gap
    },
    caughtUp(event) {
      if (event.reset) {
        this.items = [];
        this.older = true;
      }
      this.add(event.messages);
    },
    add(messages) {
      const known = new Set(this.items.map((m) => m.id));
      const fresh = messages.filter((m) => !known.has(m.id));
      if (!fresh.length) return;
      const stick = this.atBottom;
      const items = this.items.concat(fresh.map(prepare));
      if (fresh.some((m) => m.id < this.lastId())) items.sort((a, b) => a.id - b.id);
      if (items.length > this.cap) {
        items.splice(0, items.length - this.cap);
        this.older = true;
      }
      this.items = items;
      if (stick) this.$nextTick(() => this.scrollToBottom());
      else this.unseen += fresh.length;
    },
    loadOlder() {
      if (this.loadingOlder || !this.items.length) return;
      this.loadingOlder = true;
      this.$emit("load_older", this.items[0].id);
    },
    prepend(event) {
      this.loadingOlder = false;
      this.older = event.has_more;
      const known = new Set(this.items.map((m) => m.id));
      const fresh = event.messages.filter((m) => !known.has(m.id)).map(prepare);
      const scroller = this.$refs.scroller;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      this.items = fresh.concat(this.items);
      this.$nextTick(() => (scroller.scrollTop = scroller.scrollHeight - fromBottom));
    },
    onScroll() {
      const s = this.$refs.scroller;
      this.atBottom = s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
      if (this.atBottom) this.unseen = 0;
    },
    scrollToBottom() {
      const s = this.$refs.scroller;
      if (s) s.scrollTop = s.scrollHeight;
      this.atBottom = true;
      this.unseen = 0;
    },
    clock(iso) {
      return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    },
  },
};

function prepare(message) {
  // the server already sanitised the HTML with nh3; DOMPurify is the second guard
  return { ...message, safe_html: DOMPurify.sanitize(message.html, { ADD_ATTR: ["target"] }) };
}
