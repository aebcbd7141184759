// Who has the session open now, from the session's "presence.changed" events (one person counts once; the server
// sends the whole list on every (re)connect). Without a connection nobody knows: the names show as unknown.
import { connection, onEvent } from "studyhall";

export default {
  template: `
    <span v-if="compact && connection.offline" class="sh-people-count sh-unknown"
          title="Not connected: who is here is not known now" aria-label="Not connected: who is here is not known">
      <span aria-hidden="true">○</span> ?
    </span>
    <span v-else-if="compact" class="sh-people-count" :title="names.join(', ')"
          :aria-label="names.length + (names.length === 1 ? ' person' : ' people') + ' here'">
      <span aria-hidden="true">●</span> {{ names.length }}
    </span>
    <ul v-else class="sh-people" :class="{ 'sh-unknown': connection.offline }" aria-label="People here now">
      <li v-if="connection.offline" class="sh-people-note">Not connected: who is here is not known now.</li>
      <li v-for="name in names" :key="name">
        <span class="sh-dot" aria-hidden="true"></span>
        <span class="sh-person">{{ name }}<span v-if="name === me" class="sh-you"> (you)</span></span>
        <span v-if="raised[name]" class="sh-hand-mark" :title="handLabel.replace('%(position)d', raised[name])"
              :aria-label="handLabel.replace('%(position)d', raised[name])">✋ {{ raised[name] }}</span>
        <i v-if="mutedNames.includes(name)" class="material-icons sh-muted" title="muted by the host"
           aria-label="muted">volume_off</i>
        <template v-if="isHost && name !== me">
          <button type="button" class="sh-action" :title="mutedNames.includes(name) ? 'Let speak' : 'Mute'"
                  :aria-label="(mutedNames.includes(name) ? 'Let speak: ' : 'Mute: ') + name"
                  @click="$emit('moderate', { name, muted: !mutedNames.includes(name) })">
            <i class="material-icons" aria-hidden="true">{{ mutedNames.includes(name) ? "volume_up" : "volume_off" }}</i>
          </button>
          <button type="button" class="sh-action" title="Remove from the session" :aria-label="'Remove: ' + name"
                  @click="confirmRemove(name)">
            <i class="material-icons" aria-hidden="true">person_remove</i>
          </button>
        </template>
      </li>
    </ul>
  `,
  props: {
    sessionId: Number, online: Array, me: String, compact: Boolean, isHost: Boolean, muted: Array, hands: Object,
    handLabel: String,
  },
  data() {
    return { connection, names: [...this.online], mutedNames: [...(this.muted || [])], raised: { ...this.hands } };
  },
  mounted() {
    this.offEvent = onEvent(this.sessionId, (event) => {
      if (event.type === "presence.changed") this.names = event.online;
      if (event.type === "hands.changed") this.raised = Object.fromEntries(event.hands.map(([name], i) => [name, i + 1]));
      if (event.type === "participant.changed") {
        this.mutedNames = this.mutedNames.filter((n) => n !== event.name).concat(event.muted ? [event.name] : []);
      }
    });
  },
  unmounted() {
    this.offEvent();
  },
  methods: {
    confirmRemove(name) {
      if (window.confirm(`Remove ${name} from this session?`)) this.$emit("moderate", { name, removed: true });
    },
  },
};
