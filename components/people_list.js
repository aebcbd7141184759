// Who has the session open now, from the session's "presence.changed" events (one person counts once; the server
// sends the whole list on every (re)connect). Without a connection nobody knows: the names show as unknown.
import { connection, fmt, onEvent, plural } from "studyhall";
import { confirmAction } from "studyhall/confirm.js";

export default {
  template: `
    <span v-if="compact && connection.offline" class="sh-people-count sh-unknown" role="img"
          :title="texts.unknown" :aria-label="texts.unknown">
      <span aria-hidden="true">○</span> ?
    </span>
    <span v-else-if="compact" class="sh-people-count" role="img" :title="names.join(', ')"
          :aria-label="plural(texts.count, names.length)">
      <span aria-hidden="true">●</span> {{ names.length }}
    </span>
    <ul v-else class="sh-people" :class="{ 'sh-unknown': connection.offline }" :aria-label="texts.people">
      <li v-if="connection.offline" class="sh-people-note">{{ texts.unknown }}</li>
      <li v-for="name in names" :key="name">
        <span class="sh-dot" aria-hidden="true"></span>
        <span class="sh-person"><bdi>{{ name }}</bdi> <span v-if="name === me" class="sh-you">{{ texts.you }}</span></span>
        <span v-if="raised[name]" class="sh-hand-mark" role="img" :title="handLabel.replace('%(position)d', raised[name])"
              :aria-label="handLabel.replace('%(position)d', raised[name])">✋ {{ raised[name] }}</span>
        <span v-if="mutedNames.includes(name)" class="sh-muted" :title="texts.mutedHint">
          <i class="material-icons" aria-hidden="true">volume_off</i>{{ texts.muted }}
        </span>
        <template v-if="isHost && name !== me">
          <button type="button" class="sh-person-action"
                  :aria-label="(mutedNames.includes(name) ? texts.unmute : texts.mute) + ': ' + name"
                  @click="$emit('moderate', { name, muted: !mutedNames.includes(name) })">
            {{ mutedNames.includes(name) ? texts.unmute : texts.mute }}
          </button>
          <button type="button" class="sh-person-action" :aria-label="texts.remove + ': ' + name"
                  @click="confirmRemove(name)">{{ texts.remove }}</button>
        </template>
      </li>
    </ul>
  `,
  props: {
    sessionId: Number, online: Array, me: String, compact: Boolean, isHost: Boolean, muted: Array, hands: Object,
    handLabel: String,
    texts: Object, // translated on the server
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
    fmt,
    plural,
    async confirmRemove(name) {
      const question = this.texts.confirmRemove.replace("%(name)s", name);
      if (await confirmAction({ question, action: this.texts.remove, cancel: this.texts.cancel })) {
        this.$emit("moderate", { name, removed: true });
      }
    },
  },
};
