// The projector's questions: the one being answered now, large, and the top open questions with their votes, live
// from the session's question events (the guests' payloads: anonymous askers stay unnamed).
import DOMPurify from "dompurify";
import { onConnect, onEvent, plural, withPlainNote } from "studyhall";

export default {
  template: `
    <div class="sh-q-board">
      <div v-if="highlighted" class="sh-q-now sh-q-now-large" role="status">
        <div class="sh-q-now-label"><i class="material-icons" aria-hidden="true">campaign</i>{{ texts.now }}</div>
        <div class="sh-body" dir="auto" v-html="highlighted.safeHtml"></div>
        <div class="sh-q-meta">{{ authorOf(highlighted) }} · {{ votesText(highlighted.votes) }}</div>
      </div>
      <h2 class="sh-q-board-title">{{ texts.top }}</h2>
      <p v-if="!top.length" class="sh-empty">{{ texts.empty }}</p>
      <TransitionGroup name="sh-q" tag="ol" class="sh-q-list">
        <li v-for="q in top" :key="q.id" class="sh-question" :data-question="q.id">
          <span class="sh-vote sh-vote-static" role="img" :aria-label="votesText(q.votes)">
            <i class="material-icons" aria-hidden="true">thumb_up</i><span class="sh-vote-count">{{ q.votes }}</span>
          </span>
          <div class="sh-q-main">
            <div class="sh-body" dir="auto" v-html="q.safeHtml"></div>
            <div class="sh-q-meta">{{ authorOf(q) }}</div>
          </div>
        </li>
      </TransitionGroup>
    </div>
  `,
  props: { sessionId: Number, questions: Array, limit: Number, texts: Object },
  data() {
    const byId = {};
    for (const q of this.questions) byId[q.id] = prepare(q, this.texts.plain_note);
    return { byId };
  },
  computed: {
    open() {
      return Object.values(this.byId).filter((q) => q.status === "open");
    },
    highlighted() {
      return this.open.find((q) => q.highlighted);
    },
    top() {
      return this.open.filter((q) => !q.highlighted)
        .sort((a, b) => b.votes - a.votes || a.created - b.created || a.id - b.id).slice(0, this.limit);
    },
  },
  mounted() {
    this.offEvent = onEvent(this.sessionId, (event) => this.onEvent(event));
    this.offConnect = onConnect(() => this.$emit("connected", 0));
  },
  unmounted() {
    this.offEvent();
    this.offConnect();
  },
  methods: {
    onEvent(event) {
      if (event.type === "question.changed") this.byId[event.question.id] = prepare(event.question, this.texts.plain_note);
      if (event.type === "question.removed") delete this.byId[event.id];
      if (event.type === "question.votes") {
        for (const [id, count] of Object.entries(event.votes)) if (this.byId[id]) this.byId[id].votes = count;
      }
      if (event.type === "questions.reset") {
        const byId = {};
        for (const q of event.questions) byId[q.id] = prepare(q, this.texts.plain_note);
        this.byId = byId;
      }
      if (event.type === "hub.resynced") this.$emit("connected", 0);
    },
    authorOf(q) {
      return q.author === null || q.author === undefined ? this.texts.anonymous_name : q.author;
    },
    votesText(count) {
      return plural(this.texts.votes, count);
    },
  },
};

function prepare(q, plainNote) {
  return { ...q, created: new Date(q.created_at).getTime(), safeHtml: DOMPurify.sanitize(withPlainNote(q.html, plainNote)) };
}
