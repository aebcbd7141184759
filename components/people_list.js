// Who has the session open now, from the session's "presence.changed" events (one person counts once).
export default {
  template: `
    <span v-if="compact" class="sh-people-count" :title="names.join(', ')"
          :aria-label="names.length + (names.length === 1 ? ' person' : ' people') + ' here'">
      <span aria-hidden="true">●</span> {{ names.length }}
    </span>
    <ul v-else class="sh-people" aria-label="People here now">
      <li v-for="name in names" :key="name">
        <span class="sh-dot" aria-hidden="true"></span>{{ name }}<span v-if="name === me" class="sh-you"> (you)</span>
      </li>
    </ul>
  `,
  props: { sessionId: Number, online: Array, me: String, compact: Boolean },
  data() {
    return { names: [...this.online] };
  },
  mounted() {
    this.onEvent = (event) => {
      if (event.session_id === this.sessionId && event.type === "presence.changed") this.names = event.online;
    };
    this.attach();
  },
  unmounted() {
    clearTimeout(this.attachTimer);
    window.socket?.off("studyhall", this.onEvent);
  },
  methods: {
    attach() {
      if (!window.socket) {
        this.attachTimer = setTimeout(() => this.attach(), 20);
        return;
      }
      window.socket.on("studyhall", this.onEvent);
    },
  },
};
