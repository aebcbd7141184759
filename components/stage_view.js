// The projector's stage: the poll the host put on it (large, with its live chart), the quiz scoreboard, or the
// timer across the screen; the chat and the join card are the page's own elements, which it shows and hides as
// the stage changes. A running timer stays in a corner whatever the stage shows. No mouse or keyboard is needed (a
// long scoreboard scrolls, and the keyboard can reach it to scroll).
import { activities, clock, t, timerState, tn } from "studyhall/activities.js";
import { follow } from "studyhall/live_activities.js";
import PollCard from "studyhall/poll_card.js";

export default {
  components: { PollCard },
  template: `
    <div class="sh-stage" :data-show="show" tabindex="0">
      <template v-if="show === 'poll'">
        <poll-card v-if="stagePoll" :poll-id="stagePoll" large chart></poll-card>
        <p v-else class="sh-stage-empty">{{ t('stage_empty') }}</p>
      </template>
      <section v-else-if="show === 'scoreboard'" class="sh-stage-board" :aria-label="t('scoreboard')">
        <h2>{{ t('scoreboard') }}</h2>
        <ol v-if="board.length">
          <li v-for="(row, i) in board" :key="row.name"><b>{{ i + 1 }}. <bdi>{{ row.name }}</bdi></b>
            <span>{{ tn('score', row.correct, { seconds: Math.round(row.answer_seconds) }) }}</span></li>
        </ol>
        <p v-else class="sh-stage-empty">{{ t('no_scores') }}</p>
      </section>
      <section v-else-if="show === 'timer'" class="sh-stage-timer" :class="{ 'sh-stage-done': timer?.done }"
               role="timer">
        <template v-if="timer">
          <div class="sh-stage-label" dir="auto">{{ timerTitle }}</div>
          <div class="sh-stage-clock">{{ timer.done ? t('times_up') : clock(timer.left) }}</div>
        </template>
        <p v-else class="sh-stage-empty">{{ t('no_timer') }}</p>
      </section>
      <div v-if="timer && show !== 'timer'" class="sh-stage-corner" :class="{ 'sh-stage-done': timer.done }"
           role="timer">{{ timer.done ? t('times_up') : clock(timer.left) }}</div>
    </div>`,
  props: { sessionId: Number, texts: Object, isHost: Boolean, chime: String },
  computed: {
    show() {
      return activities.stage.show;
    },
    stagePoll() {
      return activities.stage.poll_id && activities.polls[activities.stage.poll_id] ? activities.stage.poll_id : null;
    },
    board() {
      return activities.scoreboard || [];
    },
    timer() {
      return timerState(activities.timer, activities.now);
    },
    timerTitle() {
      const label = activities.timer?.label || "";
      const phase = this.timer.phase === "work" ? t("work_round", { round: this.timer.round, rounds: this.timer.rounds })
        : this.timer.phase === "break" ? t("break") : "";
      return [label, phase, this.timer.paused ? t("paused") : ""].filter(Boolean).join(" · ");
    },
  },
  mounted() {
    activities.texts = this.texts;
    this.stop = follow(this, this.sessionId);
  },
  unmounted() {
    this.stop();
  },
  methods: { t, tn, clock },
};
