// Raised hands, from the session's "hands.changed" events (the whole queue, collected over a quarter second, in the
// order the hands went up) and "hand.turn" (sent only to the pages of the person called on). Three shapes of one
// component: the button in the header (raise / lower, Alt+Shift+H, and the "your turn" notice), the queue in the
// side panel (with the host's next and lower all), and the projector's large queue.
import { connection, onConnect, onEvent } from "studyhall";

const TICK_MS = 15000;
const SOUND_KEY = "studyhall:hand-sound";

export default {
  template: `
    <span v-if="shape === 'button'" class="sh-hand-button">
      <q-btn flat round dense color="white" :icon="mine ? 'front_hand' : 'back_hand'" :disable="disabled"
             :class="{ 'sh-hand-up': mine }" :aria-pressed="mine ? 'true' : 'false'" aria-keyshortcuts="Alt+Shift+H"
             :aria-label="mine ? texts.lower : texts.raise" :title="(mine ? texts.lower : texts.raise) + ' (Alt+Shift+H)'"
             @click="toggle">
        <q-badge v-if="mine" floating rounded color="amber-8" text-color="black" :label="mine.position" />
      </q-btn>
      <div v-if="turn" class="sh-turn" role="alert">
        <i class="material-icons" aria-hidden="true">record_voice_over</i>
        <span>{{ texts.turn }}</span>
        <q-btn dense flat no-caps color="white" :label="texts.dismiss" @click="turn = false" />
      </div>
    </span>
    <div v-else class="sh-hands" :class="{ 'sh-hands-large': shape === 'projector', 'sh-hands-new': flash }">
      <div class="sh-hands-title">
        <i class="material-icons" aria-hidden="true">front_hand</i>
        <span>{{ texts.title }} ({{ queue.length }})</span>
        <q-btn v-if="isHost" dense flat round size="sm" :icon="sound ? 'volume_up' : 'volume_off'"
               :aria-label="sound ? texts.sound_off : texts.sound_on" :title="sound ? texts.sound_off : texts.sound_on"
               @click="toggleSound" />
      </div>
      <p v-if="!queue.length" class="sh-q-note">{{ texts.none }}</p>
      <ol v-else class="sh-hand-list" :aria-label="texts.title">
        <li v-for="hand in queue" :key="hand.name" :class="{ 'sh-own': hand.name === me }">
          <span class="sh-hand-place">{{ hand.position }}</span>
          <span class="sh-person" dir="auto">{{ hand.name }}<span v-if="hand.name === me" class="sh-you"> ({{ texts.you }})</span></span>
          <span class="sh-hand-wait" :title="texts.waiting">{{ waited(hand) }}</span>
          <button v-if="isHost || hand.name === me" type="button" class="sh-action" :title="texts.lower_one"
                  :aria-label="texts.lower_one + ': ' + hand.name" @click="$emit('lower', hand.name)">
            <i class="material-icons" aria-hidden="true">close</i>
          </button>
        </li>
      </ol>
      <div v-if="isHost" class="sh-hands-host">
        <q-btn unelevated dense no-caps color="primary" icon="campaign" :label="texts.next" :disable="!queue.length"
               @click="$emit('next')" />
        <q-btn flat dense no-caps icon="pan_tool_alt" :label="texts.lower_all" :disable="!queue.length"
               @click="$emit('lower_all')" />
      </div>
    </div>
  `,
  props: {
    sessionId: Number,
    hands: Array,
    me: String,
    shape: String, // button | panel | projector
    isHost: Boolean,
    disabled: Boolean,
    serverNow: Number, // ms since the epoch on the server as the page was made: wait times follow the server's clock
    texts: Object,
  },
  data() {
    return { queue: [...this.hands], now: Date.now(), turn: false, flash: false, sound: false };
  },
  computed: {
    mine() {
      return this.queue.find((hand) => hand.name === this.me);
    },
  },
  mounted() {
    this.offset = this.serverNow ? this.serverNow - Date.now() : 0;
    this.offEvent = onEvent(this.sessionId, (event) => this.onEvent(event));
    // the queue again after a (re)connect: what was announced meanwhile did not reach this page (the button shares
    // the panel's answer, which comes to the whole page)
    if (this.shape !== "button") this.offConnect = onConnect(() => this.$emit("sync", connection.connects));
    this.ticker = setInterval(() => (this.now = Date.now()), TICK_MS);
    if (this.shape === "button") {
      this.onKey = (event) => {
        if (event.altKey && event.shiftKey && event.code === "KeyH") {
          event.preventDefault();
          this.toggle();
        }
      };
      document.addEventListener("keydown", this.onKey);
    }
    try {
      this.sound = window.localStorage.getItem(SOUND_KEY) === "on";
    } catch {
      this.sound = false;
    }
  },
  unmounted() {
    this.offEvent();
    this.offConnect?.();
    clearInterval(this.ticker);
    if (this.onKey) document.removeEventListener("keydown", this.onKey);
  },
  methods: {
    onEvent(event) {
      // compact: [[name, raised at in ms], ...], first raised first
      if (event.type === "hands.changed") {
        this.changed(event.hands.map(([name, at], i) => ({ name, raised_at: at, position: i + 1 })));
      }
      if (event.type === "hand.turn" && event.name === this.me && this.shape === "button") this.turn = true;
      if (event.type === "hub.resynced" && this.shape !== "button") this.$emit("sync", 0);
    },
    changed(hands) {
      const before = new Set(this.queue.map((hand) => hand.name));
      this.queue = hands;
      if (this.isHost && this.shape === "panel" && hands.some((hand) => !before.has(hand.name))) this.signal();
    },
    toggle() {
      if (this.disabled) return;
      this.turn = false;
      this.$emit(this.mine ? "lower" : "raise", this.me);
    },
    waited(hand) {
      const seconds = Math.max(0, Math.round((this.now + this.offset - new Date(hand.raised_at).getTime()) / 1000));
      if (seconds < 60) return this.texts.just_now;
      return this.texts.minutes.replace("%(minutes)d", Math.floor(seconds / 60));
    },
    signal() {
      this.flash = false;
      this.$nextTick(() => (this.flash = true));
      clearTimeout(this.flashTimer);
      this.flashTimer = setTimeout(() => (this.flash = false), 2000);
      if (this.sound) beep();
    },
    toggleSound() {
      this.sound = !this.sound;
      try {
        window.localStorage.setItem(SOUND_KEY, this.sound ? "on" : "off");
      } catch {
        // private mode: the choice lasts while the page is open
      }
      if (this.sound) beep();
    },
  },
};

function beep() {
  try {
    const audio = new (window.AudioContext || window.webkitAudioContext)();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 660;
    volume.gain.setValueAtTime(0.08, audio.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch {
    // no sound on this browser: the flash says it
  }
}
