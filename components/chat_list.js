// The message list of one session. It gets the newest messages as its initial props and then lives on the
// session's Socket.IO events; on every (re)connect it asks for what came after the last id it shows.
import DOMPurify from "dompurify";

const SOCKET_EVENT = "studyhall";
const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 40;
const GROUP_SECONDS = 5 * 60;

export default {
  template: `
    <div class="sh-chat" :class="{ 'sh-chat-large': large }">
      <div ref="scroller" class="sh-chat-scroll" role="log" aria-live="polite" aria-label="Messages" tabindex="0"
           @scroll="onScroll">
        <div ref="content">
          <div class="sh-older">
            <button v-if="older" type="button" class="sh-pill" :disabled="loadingOlder" @click="loadOlder">
              {{ loadingOlder ? "Loading…" : "Load earlier messages" }}
            </button>
            <span v-else-if="items.length" class="sh-start">This is the start of the session.</span>
          </div>
          <p v-if="!items.length" class="sh-empty">No messages yet. Say hello!</p>
          <article v-for="row in rows" :key="row.m.id" class="sh-message"
                   :class="{ 'sh-own': row.m.author === me, 'sh-continued': !row.first }" :data-message-id="row.m.id">
            <div class="sh-avatar" :style="{ background: row.m.colour }" aria-hidden="true">
              <template v-if="row.first">{{ row.m.initials }}</template>
            </div>
            <div class="sh-content">
              <header v-if="row.first" class="sh-meta">
                <span class="sh-author">{{ row.m.author }}</span>
                <time :datetime="row.m.created_at" :title="row.m.full_time">{{ row.m.clock }}</time>
              </header>
              <div class="sh-body" v-html="row.m.safe_html"></div>
            </div>
          </article>
        </div>
      </div>
      <button v-if="unseen > 0" type="button" class="sh-pill sh-unseen" @click="scrollToBottom">
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
    large: Boolean,
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
  computed: {
    rows() {
      return this.items.map((m, i) => ({ m, first: !continues(this.items[i - 1], m) }));
    },
  },
  mounted() {
    // The list gets its final height only after mounting (utility classes are generated at runtime, fonts and
    // pictures load later, a phone's keyboard opens): whoever is at the bottom stays there.
    this.resizeObserver = new ResizeObserver(() => this.atBottom && this.scrollToBottom());
    this.resizeObserver.observe(this.$refs.scroller);
    this.resizeObserver.observe(this.$refs.content);
    this.scrollToBottom();
    this.attach();
  },
  unmounted() {
    this.resizeObserver?.disconnect();
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
      if (s.scrollTop < NEAR_TOP_PX && this.older && s.scrollHeight > s.clientHeight) this.loadOlder();
    },
    scrollToBottom() {
      const s = this.$refs.scroller;
      if (s) s.scrollTop = s.scrollHeight;
      this.atBottom = true;
      this.unseen = 0;
    },
  },
};

function prepare(message) {
  const when = new Date(message.created_at);
  return {
    ...message,
    // the server already sanitised the HTML with nh3; DOMPurify is the second guard
    safe_html: DOMPurify.sanitize(message.html, { ADD_ATTR: ["target"] }),
    initials: initials(message.author),
    colour: colour(message.author),
    clock: when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }),
    full_time: when.toLocaleString(),
    seconds: when.getTime() / 1000,
  };
}

function continues(previous, message) {
  return previous && previous.author === message.author && message.seconds - previous.seconds < GROUP_SECONDS;
}

function initials(name) {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name.trim()];
  return letters.map((w) => Array.from(w)[0] || "").join("").toUpperCase();
}

function colour(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return `hsl(${hash % 360}, 55%, 45%)`;
}
