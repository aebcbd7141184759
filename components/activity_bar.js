// The session page's strip for the class's activities: the shared timer (counted from the server's end time with
// this page's clock offset), a sound switch for its chime (off until the person turns it on, as browsers require),
// the tab's title while the tab is hidden, and the scoreboard when the host shows it.
import { load, save } from "studyhall";
import { activities, clock, t, timerState, tn } from "studyhall/activities.js";
import { follow } from "studyhall/live_activities.js";

const SOUND_KEY = "studyhall:sound";

export default {
  template: `
    <div class="sh-activity-bar" v-show="timer || board">
      <div v-if="timer" class="sh-timer" role="timer" aria-live="off"
           :class="{ 'sh-timer-done': timer.done, 'sh-timer-paused': timer.paused, 'sh-timer-break': timer.phase === 'break' }"
           :aria-label="timerLabel">
        <i class="material-icons" aria-hidden="true">{{ timer.done ? 'alarm_on' : timer.paused ? 'pause_circle' : 'timer' }}</i>
        <span class="sh-timer-label" dir="auto">{{ timerTitle }}</span>
        <b class="sh-timer-clock" aria-hidden="true">{{ timer.done ? t('times_up') : clock(timer.left) }}</b>
        <button type="button" class="sh-action sh-sound" :aria-pressed="sound ? 'true' : 'false'"
                :title="sound ? t('sound_off') : t('sound_on')" :aria-label="sound ? t('sound_off') : t('sound_on')"
                @click="toggleSound"><i class="material-icons" aria-hidden="true">{{ sound ? 'volume_up' : 'volume_off' }}</i></button>
      </div>
      <button v-if="board" type="button" class="sh-pill sh-board-toggle" :aria-expanded="showBoard ? 'true' : 'false'"
              @click="showBoard = !showBoard"><i class="material-icons" aria-hidden="true">emoji_events</i> {{ t('scoreboard') }}</button>
      <ol v-if="board && showBoard" class="sh-scoreboard">
        <li v-for="(row, i) in board" :key="row.name"><b>{{ i + 1 }}. <bdi>{{ row.name }}</bdi></b>
          <span>{{ tn('score', row.correct, { seconds: Math.round(row.answer_seconds) }) }}</span></li>
        <li v-if="!board.length" class="sh-empty">{{ t('no_scores') }}</li>
      </ol>
    </div>`,
  props: { sessionId: Number, texts: Object, isHost: Boolean, chime: String },
  data() {
    return { sound: load(SOUND_KEY) === true, showBoard: false, lastPhase: null };
  },
  computed: {
    timer() {
      return timerState(activities.timer, activities.now);
    },
    board() {
      const rows = activities.scoreboard;
      return rows?.length && (activities.isHost || activities.stage.scoreboard_public) ? rows : null;
    },
    timerTitle() {
      const label = activities.timer?.label;
      const phase = this.timer.phase === "work" ? t("work_round", { round: this.timer.round, rounds: this.timer.rounds })
        : this.timer.phase === "break" ? t("break") : "";
      return [label, phase, this.timer.paused ? t("paused") : ""].filter(Boolean).join(" · ");
    },
    timerLabel() {
      return (this.timerTitle ? this.timerTitle + ": " : "") + (this.timer.done ? t("times_up") : clock(this.timer.left));
    },
    tabTitle() {
      if (!this.timer) return null;
      return this.timer.done ? `⏰ ${t("times_up")}` : `${this.timer.paused ? "⏸" : "⏱"} ${clock(this.timer.left)}`;
    },
  },
  watch: {
    tabTitle() {
      this.showInTitle();
    },
    timer(now) {
      // a chime where a phase ends (not when the page opens on a timer already done)
      const phase = now ? `${now.phase}:${now.round}` : null;
      if (this.lastPhase && phase && phase !== this.lastPhase && activities.synced && !now.paused) this.chime();
      this.lastPhase = phase;
    },
  },
  mounted() {
    activities.texts = this.texts;
    activities.isHost = this.isHost;
    this.stop = follow(this, this.sessionId);
    this.audio = new Audio(this.chime);
    this.audio.preload = "auto";
    this.onVisibility = () => this.showInTitle();
    document.addEventListener("visibilitychange", this.onVisibility);
  },
  unmounted() {
    this.stop();
    document.removeEventListener("visibilitychange", this.onVisibility);
  },
  methods: {
    t,
    tn,
    clock,
    toggleSound() {
      this.sound = !this.sound;
      save(SOUND_KEY, this.sound);
      if (this.sound) this.chime(); // a tap lets the page play sound: the chime says that it works
    },
    chime() {
      if (!this.sound) return;
      this.audio.currentTime = 0;
      this.audio.play().catch(() => {});
    },
    showInTitle() {
      const prefix = /^[⏱⏸⏰] [^·]*· /;
      const base = document.title.replace(prefix, "");
      document.title = document.hidden && this.tabTitle ? `${this.tabTitle} · ${base}` : base;
    },
  },
};
