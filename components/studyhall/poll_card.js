// A poll's card: in the chat history where it was launched, and large on the projector's stage. One tap (or Enter,
// Space, or the option's number key) answers; a tap on another option changes the answer until the poll closes.
// Counts and percentages show as bars while the results are visible to this page; `chart`: an ECharts bar chart
// too (NiceGUI's own bundled copy, loaded only where a chart is shown: on the projector, and on any page that asks
// for it with the card's Chart button). After a quiz closes, the page says whether
// this person was right. The host's card has the host's buttons: reveal or hide the results, close, project.
import { activities, clock, t, tn } from "studyhall/activities.js";

const REDUCED_MOTION = window.matchMedia("(prefers-reduced-motion: reduce)");

export default {
  name: "PollCard",
  template: `
    <section v-if="poll" class="sh-poll" :class="{ 'sh-poll-large': large, 'sh-poll-closed': closed }"
             :aria-label="(poll.quiz ? t('quiz') : t('poll')) + ': ' + poll.question" @keydown="byNumber">
      <header class="sh-poll-head">
        <span class="sh-poll-kind">
          <i class="material-icons" aria-hidden="true">{{ poll.quiz ? 'quiz' : 'poll' }}</i>
          {{ poll.quiz ? t('quiz') : t('poll') }}<template v-if="poll.anonymous"> · {{ t('anonymous') }}</template>
        </span>
        <span class="sh-poll-state" :class="{ 'sh-poll-urgent': left !== null && left <= 10 && !closed }"
              role="timer">{{ stateText }}</span>
      </header>
      <p class="sh-poll-question" dir="auto">{{ poll.question }}</p>
      <p v-if="!closed && !large" class="sh-poll-hint">{{ poll.multiple ? t('choose_several') : t('choose_one') }}</p>
      <div class="sh-poll-options" :role="poll.multiple ? 'group' : 'radiogroup'" :aria-label="poll.question">
        <button v-for="(option, i) in poll.options" :key="i" type="button" class="sh-poll-option"
                :role="poll.multiple ? 'checkbox' : 'radio'" :aria-checked="chosen(i) ? 'true' : 'false'"
                :class="{ 'sh-chosen': chosen(i), 'sh-correct': isCorrect(i), 'sh-wrong': chosen(i) && isWrong(i) }"
                :disabled="!canAnswer" :data-option="i" @click="choose(i)">
          <span v-if="visible && !chart" class="sh-poll-bar" :style="{ width: percent(i) + '%' }" aria-hidden="true"></span>
          <span class="sh-poll-key" aria-hidden="true">{{ i + 1 }}</span>
          <span class="sh-poll-text" dir="auto">{{ option.text }}</span>
          <i v-if="isCorrect(i)" class="material-icons sh-poll-mark" role="img" :aria-label="t('correct_option')">check_circle</i>
          <i v-else-if="chosen(i)" class="material-icons sh-poll-mark" aria-hidden="true">
            {{ poll.multiple ? 'check_box' : 'radio_button_checked' }}</i>
          <span v-if="visible && !chart" class="sh-poll-count">{{ option.votes }} · {{ percent(i) }}%</span>
        </button>
      </div>
      <div v-if="charted && visible" ref="chart" class="sh-poll-chart" role="img" dir="ltr"
           :aria-label="poll.options.map((o) => o.text + ': ' + o.votes).join(', ')"></div>
      <p v-if="feedback" class="sh-poll-feedback" :class="feedback.right ? 'sh-right' : 'sh-not-right'" role="status">
        <i class="material-icons" aria-hidden="true">{{ feedback.right ? 'check_circle' : 'cancel' }}</i>
        {{ feedback.text }}
      </p>
      <footer class="sh-poll-foot">
        <span class="sh-poll-answered">{{ answeredText }}</span>
        <button v-if="visible && !chart && !large" type="button" class="sh-link sh-poll-chart-toggle"
                :aria-pressed="showChart ? 'true' : 'false'" @click="showChart = !showChart">
          {{ showChart ? t('hide_chart') : t('show_chart') }}</button>
        <span v-if="poll.mine && !closed && !large" class="sh-poll-mine">{{ t('you_can_change') }}</span>
        <span v-if="isHost && !large" class="sh-poll-host">
          <button v-if="poll.results === 'hidden' || !poll.results_visible" type="button" class="sh-pill"
                  @click="act('reveal', !poll.results_visible)">
            {{ poll.results_visible ? t('hide_results') : t('reveal_results') }}</button>
          <button v-if="!closed" type="button" class="sh-pill" @click="act('close')">{{ t('close_poll') }}</button>
          <button type="button" class="sh-pill" @click="act('project')">{{ t('on_projector') }}</button>
        </span>
      </footer>
      <details v-if="isHost && poll.chosen_by && Object.keys(poll.chosen_by).length && !large" class="sh-poll-who">
        <summary>{{ t('who_chose_what') }}</summary>
        <ul><li v-for="(choices, name) in poll.chosen_by" :key="name">
          <b><bdi>{{ name }}</bdi></b>: {{ choices.map((i) => poll.options[i]?.text).join(', ') }}</li></ul>
      </details>
    </section>
    <p v-else class="sh-poll-fallback">{{ fallback }}</p>`,
  props: { pollId: Number, fallback: String, large: Boolean, chart: Boolean },
  data() {
    return { showChart: false };
  },
  computed: {
    charted() {
      return this.chart || this.showChart;
    },
    poll() {
      return activities.polls[this.pollId];
    },
    isHost() {
      return activities.isHost;
    },
    left() {
      if (!this.poll?.closes_at || this.poll.status !== "open") return null;
      return Math.max(0, (Date.parse(this.poll.closes_at) - activities.now) / 1000);
    },
    closed() {
      return this.poll.status === "closed" || this.left === 0;
    },
    canAnswer() {
      return this.poll.status === "open" && !this.closed && !this.large && !!activities.send;
    },
    visible() {
      return this.poll.voters !== null && this.poll.voters !== undefined;
    },
    total() {
      return this.poll.options.reduce((sum, option) => sum + (option.votes || 0), 0);
    },
    stateText() {
      if (this.poll.status === "draft") return t("draft");
      if (this.closed) return t("closed");
      if (this.left !== null) return t("time_left", { time: clock(this.left) });
      return t("open");
    },
    answeredText() {
      if (!this.visible) return this.poll.results === "hidden" && !this.poll.results_visible ? t("results_hidden") : "";
      const voters = this.poll.voters || 0;
      return activities.online ? tn("answered_of_here", voters, { online: activities.online }) : tn("answered", voters);
    },
    feedback() {
      const poll = this.poll;
      if (!this.closed || !poll.quiz || !poll.correct || !poll.mine || this.large) return null;
      const right = JSON.stringify([...poll.mine].sort()) === JSON.stringify([...poll.correct].sort());
      const answer = poll.correct.map((i) => poll.options[i]?.text).join(", ");
      return { right, text: right ? t("you_were_right") : t("not_right", { answer }) };
    },
  },
  watch: {
    poll: { deep: true, handler() { this.drawChart(); } },
    showChart() {
      this.drawChart();
    },
  },
  mounted() {
    this.drawChart();
  },
  unmounted() {
    this.echart?.dispose();
  },
  methods: {
    t,
    chosen(i) {
      return !!this.poll.mine?.includes(i);
    },
    isCorrect(i) {
      return this.closed && !!this.poll.correct?.includes(i);
    },
    isWrong(i) {
      return this.closed && !!this.poll.correct && !this.poll.correct.includes(i);
    },
    percent(i) {
      return this.total ? Math.round((100 * (this.poll.options[i].votes || 0)) / this.total) : 0;
    },
    choose(i) {
      if (!this.canAnswer) return;
      let choices = [i];
      if (this.poll.multiple) {
        const mine = new Set(this.poll.mine || []);
        mine.has(i) ? mine.delete(i) : mine.add(i);
        choices = [...mine].sort((a, b) => a - b);
        if (!choices.length) return; // an answer has at least one option; the server keeps the last one
      }
      this.poll.mine = choices; // shown at once; the server's answer confirms or puts it back
      activities.send("vote", { poll_id: this.poll.id, choices });
    },
    byNumber(event) {
      const number = Number(event.key);
      if (event.target.tagName === "INPUT" || !(number >= 1 && number <= this.poll.options.length)) return;
      event.preventDefault();
      this.choose(number - 1);
    },
    act(action, value) {
      activities.send("poll_action", { poll_id: this.poll.id, action, value: value ?? null });
    },
    async drawChart() {
      if (!this.charted || !this.poll || !this.visible) return;
      await this.$nextTick();
      const target = this.$refs.chart;
      if (!target) return;
      if (!this.echart || this.echart.getDom() !== target) {
        const { echarts } = await import("nicegui-echart");
        this.echart?.dispose();
        this.echart = echarts.init(target, null, { renderer: "svg" });
        new ResizeObserver(() => this.echart?.resize()).observe(target);
      }
      const dark = document.body.classList.contains("body--dark");
      const ink = dark ? "#e5e7eb" : "#1f2937";
      const correct = this.closed ? this.poll.correct || [] : [];
      // the chart draws in a left-to-right box (SVG text in a right-to-left one has its anchors swapped, and the
      // labels ran into the bars); on a right-to-left page it is mirrored instead: names right, bars growing left
      const rtl = document.documentElement.dir === "rtl";
      this.echart.setOption({
        animation: !REDUCED_MOTION.matches, // ECharts animates in script, which the stylesheet's rule cannot stop
        animationDurationUpdate: 200,
        grid: { left: rtl ? 110 : 8, right: rtl ? 8 : 110, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1, inverse: rtl, axisLabel: { color: ink },
                 splitLine: { lineStyle: { opacity: 0.3 } } },
        yAxis: { type: "category", inverse: true, position: rtl ? "right" : "left", data: this.poll.options.map((o) => o.text),
                 axisLabel: { color: ink, fontSize: this.large ? 18 : 13, width: this.large ? 260 : 140,
                              overflow: "truncate" } },
        series: [{ type: "bar", data: this.poll.options.map((o, i) => ({ value: o.votes || 0,
                   itemStyle: { color: correct.includes(i) ? "#15803d" : "#1f5f9e" } })),
                   label: { show: true, position: rtl ? "left" : "right", color: ink, fontSize: this.large ? 18 : 13,
                            formatter: (p) => `${p.value} · ${this.percent(p.dataIndex)}%` } }],
      });
    },
  },
};
