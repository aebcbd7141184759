// The Questions view of a session page: ask (optionally anonymously), vote, and for the host answer, highlight,
// hide and approve. It lives on the session's Socket.IO events: a question as it is now ("question.changed"), one
// hidden from guests ("question.removed"), and vote counts collected over a quarter second ("question.votes").
// Open questions are ordered by votes, then age; while the pointer is over the list, or for a moment after the
// reader scrolled or touched it, the order holds (new questions join at the end) and moves, animated, once released.
import DOMPurify from "dompurify";
import { connection, onConnect, onEvent, plural, withPlainNote } from "studyhall";
import { questionsUnread } from "studyhall/questions.js";
import { clockOf, whenOf } from "studyhall/times.js";

const HOLD_AFTER_SCROLL_MS = 1500;
const RANK = { open: 0, pending: 1, answered: 2, hidden: 3 };

export default {
  template: `
    <div class="sh-questions" ref="root">
      <div v-if="isHost" class="sh-q-moderation">
        <q-toggle dense size="sm" :model-value="moderatedNow" :label="texts.moderate"
                  @update:model-value="(value) => $emit('moderate', value)" />
      </div>
      <div v-if="highlightedQuestion" class="sh-q-now" role="status">
        <div class="sh-q-now-label"><i class="material-icons" aria-hidden="true">campaign</i>{{ texts.now }}</div>
        <div class="sh-body" dir="auto" v-html="highlightedQuestion.safeHtml"></div>
      </div>
      <div ref="list" class="sh-q-scroll" @mouseenter="hover(true)" @mouseleave="hover(false)" @scroll="touched"
           @touchstart.passive="touched" @focusin="focusEntered" @focusout="focusLeft">
        <p v-if="!openOnes.length && !pendingOnes.length && !answeredOnes.length" class="sh-empty">{{ texts.empty }}</p>
        <section v-if="pendingOnes.length" :aria-label="texts.pending">
          <h3 class="sh-q-heading">{{ texts.pending }}</h3>
          <ol class="sh-q-list">
            <li v-for="q in pendingOnes" :key="q.id" class="sh-question sh-q-pending" :data-question="q.id">
              <div class="sh-q-main">
                <div class="sh-q-meta"><b dir="auto">{{ authorOf(q) }}</b> <time>{{ q.clock }}</time></div>
                <div class="sh-body" dir="auto" v-html="q.safeHtml"></div>
                <div v-if="!isHost" class="sh-q-note">{{ texts.waiting_note }}</div>
              </div>
              <div v-if="isHost" class="sh-q-host">
                <q-btn dense flat no-caps color="primary" icon="check_circle" :label="texts.approve"
                       @click="change(q, { status: 'open' })" />
                <q-btn dense flat round icon="visibility_off" :aria-label="texts.hide" :title="texts.hide"
                       @click="change(q, { status: 'hidden' })" />
              </div>
            </li>
          </ol>
        </section>
        <section v-if="openOnes.length" :aria-label="texts.open">
          <h3 class="sh-q-heading">{{ texts.open }}
            <span v-if="held && orderIsStale" class="sh-q-held">{{ texts.held }}</span></h3>
          <TransitionGroup name="sh-q" tag="ol" class="sh-q-list">
            <li v-for="q in openOnes" :key="q.id" class="sh-question" :data-question="q.id"
                :class="{ 'sh-q-highlighted': q.highlighted, 'sh-own': mineSet.has(q.id) }">
              <button type="button" class="sh-vote" :class="{ 'sh-voted': votedSet.has(q.id) }"
                      :aria-pressed="votedSet.has(q.id) ? 'true' : 'false'" :disabled="!!readOnly"
                      :aria-label="(votedSet.has(q.id) ? texts.unvote : texts.vote) + ' (' + votesText(q.votes) + ')'"
                      :title="votedSet.has(q.id) ? texts.unvote : texts.vote" @click="vote(q)">
                <i class="material-icons" aria-hidden="true">thumb_up</i>
                <span class="sh-vote-count">{{ q.votes }}</span>
              </button>
              <div class="sh-q-main">
                <div class="sh-q-meta"><b dir="auto">{{ authorOf(q) }}</b>
                  <span v-if="isHost && q.anonymous && q.author" class="sh-q-tag">{{ texts.anonymous_tag }}</span>
                  <span v-if="mineSet.has(q.id)" class="sh-you">({{ texts.yours }})</span>
                  <time :title="q.fullTime">{{ q.clock }}</time></div>
                <div class="sh-body" dir="auto" v-html="q.safeHtml"></div>
              </div>
              <div v-if="isHost" class="sh-q-host">
                <q-btn dense flat round :icon="q.highlighted ? 'star' : 'star_outline'" :class="{ 'sh-q-star-on': q.highlighted }"
                       :aria-label="q.highlighted ? texts.unhighlight : texts.highlight"
                       :title="q.highlighted ? texts.unhighlight : texts.highlight"
                       @click="change(q, { highlighted: !q.highlighted })" />
                <q-btn dense flat round icon="task_alt" :aria-label="texts.answer" :title="texts.answer"
                       @click="change(q, { status: 'answered' })" />
                <q-btn dense flat round icon="visibility_off" :aria-label="texts.hide" :title="texts.hide"
                       @click="change(q, { status: 'hidden' })" />
              </div>
            </li>
          </TransitionGroup>
        </section>
        <section v-if="answeredOnes.length" :aria-label="texts.answered">
          <h3 class="sh-q-heading">{{ texts.answered }}</h3>
          <ol class="sh-q-list">
            <li v-for="q in answeredOnes" :key="q.id" class="sh-question sh-q-answered" :data-question="q.id">
              <span class="sh-vote sh-vote-static" role="img" :aria-label="votesText(q.votes)">
                <i class="material-icons" aria-hidden="true">check</i><span class="sh-vote-count">{{ q.votes }}</span>
              </span>
              <div class="sh-q-main">
                <div class="sh-q-meta"><b dir="auto">{{ authorOf(q) }}</b> <time :title="q.fullTime">{{ q.clock }}</time></div>
                <div class="sh-body" dir="auto" v-html="q.safeHtml"></div>
              </div>
              <div v-if="isHost" class="sh-q-host">
                <q-btn dense flat round icon="undo" :aria-label="texts.reopen" :title="texts.reopen"
                       @click="change(q, { status: 'open' })" />
              </div>
            </li>
          </ol>
        </section>
        <details v-if="isHost && hiddenOnes.length" class="sh-q-hidden">
          <summary>{{ texts.hidden }} ({{ hiddenOnes.length }})</summary>
          <ol class="sh-q-list">
            <li v-for="q in hiddenOnes" :key="q.id" class="sh-question" :data-question="q.id">
              <div class="sh-q-main">
                <div class="sh-q-meta"><b dir="auto">{{ authorOf(q) }}</b></div>
                <div class="sh-body" dir="auto" v-html="q.safeHtml"></div>
              </div>
              <q-btn dense flat no-caps icon="visibility" :label="texts.unhide" @click="change(q, { status: 'open' })" />
            </li>
          </ol>
        </details>
      </div>
      <div class="sh-q-ask">
        <div class="sh-composer-row">
          <q-input class="sh-composer-box" type="textarea" outlined dense autogrow v-model="body"
                   :aria-label="texts.ask_label" :maxlength="maxChars" :placeholder="readOnly || texts.placeholder"
                   :disable="!!readOnly" @keydown.enter.exact.prevent="ask" />
          <q-btn unelevated no-caps color="primary" icon="live_help" :label="texts.ask" :loading="sending"
                 :disable="!!readOnly || !body.trim()" @click="ask" />
        </div>
        <div class="sh-q-anonymous">
          <q-toggle dense size="sm" v-model="anonymous" :label="texts.anonymous" :disable="!!readOnly" />
          <span class="sh-q-note">{{ texts.anonymous_note }}</span>
        </div>
      </div>
    </div>
  `,
  props: {
    sessionId: Number,
    questions: Array,
    voted: Array,
    mine: Array,
    isHost: Boolean,
    moderated: Boolean,
    maxChars: Number,
    readOnly: String,
    texts: Object,
  },
  data() {
    const byId = {};
    for (const q of this.questions) byId[q.id] = prepare(q, this.texts.plain_note);
    return {
      connection,
      byId,
      order: [],
      held: false,
      heldByScroll: false,
      focused: false,
      orderIsStale: false,
      votedSet: new Set(this.voted),
      mineSet: new Set(this.mine),
      moderatedNow: this.moderated,
      body: "",
      anonymous: false,
      sending: false,
      visible: false,
    };
  },
  computed: {
    all() {
      return Object.values(this.byId);
    },
    openOnes() {
      return this.order.map((id) => this.byId[id]).filter((q) => q && q.status === "open");
    },
    pendingOnes() {
      return this.sorted("pending");
    },
    answeredOnes() {
      return this.sorted("answered");
    },
    hiddenOnes() {
      return this.sorted("hidden");
    },
    highlightedQuestion() {
      return this.all.find((q) => q.highlighted && q.status === "open");
    },
  },
  mounted() {
    this.resort();
    this.offEvent = onEvent(this.sessionId, (event) => this.onEvent(event));
    this.offConnect = onConnect(() => this.$emit("connected", connection.connects));
    this.seenKey = `studyhall:questions-seen:${this.sessionId}`;
    this.observer = new IntersectionObserver((entries) => this.shown(entries.some((e) => e.isIntersecting)));
    this.observer.observe(this.$refs.root);
    this.countUnread();
  },
  unmounted() {
    this.offEvent();
    this.offConnect();
    this.observer.disconnect();
    clearTimeout(this.scrollTimer);
  },
  methods: {
    onEvent(event) {
      const handlers = {
        "question.changed": () => this.upsert(event.question),
        "question.removed": () => this.remove(event.id),
        "question.votes": () => this.counted(event.votes),
        "questions.reset": () => this.reset(event),
        "questions.asked": () => this.asked(event.id),
        "questions.refused": () => (this.sending = false),
        "questions.vote_refused": () => this.voteRefused(event),
        "session.changed": () => (this.moderatedNow = !!event.session.questions_moderated),
        "hub.resynced": () => this.$emit("connected", 0), // live updates were interrupted: read the list again
      };
      handlers[event.type]?.();
    },
    upsert(question) {
      const fresh = !this.byId[question.id];
      this.byId[question.id] = prepare(question, this.texts.plain_note);
      if (fresh) {
        this.order.push(question.id);
        if (!this.visible && !this.mineSet.has(question.id) && question.status !== "hidden") this.countUnread();
      }
      this.reorder();
    },
    remove(id) {
      delete this.byId[id];
      this.order = this.order.filter((each) => each !== id);
    },
    counted(votes) {
      for (const [id, count] of Object.entries(votes)) {
        if (this.byId[id]) this.byId[id].votes = count;
      }
      this.reorder();
    },
    reset(event) {
      const byId = {};
      for (const q of event.questions) byId[q.id] = prepare(q, this.texts.plain_note);
      this.byId = byId;
      this.votedSet = new Set(event.voted);
      this.mineSet = new Set(event.mine);
      this.order = this.order.filter((id) => byId[id]).concat(Object.keys(byId).map(Number)
        .filter((id) => !this.order.includes(id)));
      this.reorder();
      this.countUnread();
    },
    sorted(status) {
      return this.all.filter((q) => q.status === status).sort(compare);
    },
    reorder() {
      if (this.held) this.orderIsStale = true;
      else this.resort();
    },
    resort() {
      this.order = this.all.slice().sort(compare).map((q) => q.id);
      this.orderIsStale = false;
    },
    hover(on) {
      this.hovered = on;
      this.hold();
    },
    focusEntered(event) {
      // a keyboard's focus holds the order (a click's focus does not: the pointer leaving releases it)
      this.focused = event.target.matches?.(":focus-visible") ?? false;
      this.hold();
    },
    focusLeft(event) {
      this.focused = this.focused && !!event.relatedTarget && this.$refs.list.contains(event.relatedTarget);
      this.hold();
    },
    touched() {
      this.heldByScroll = true;
      clearTimeout(this.scrollTimer);
      this.scrollTimer = setTimeout(() => {
        this.heldByScroll = false;
        this.hold();
      }, HOLD_AFTER_SCROLL_MS);
      this.hold();
    },
    hold() {
      const held = !!this.hovered || !!this.focused || this.heldByScroll;
      if (this.held && !held) {
        this.held = false;
        this.resort();
      }
      this.held = held;
    },
    vote(q) {
      const voted = !this.votedSet.has(q.id);
      this.setVoted(q.id, voted);
      this.$emit("vote", { id: q.id, voted });
    },
    setVoted(id, voted) {
      const set = new Set(this.votedSet);
      if (voted) set.add(id);
      else set.delete(id);
      this.votedSet = set;
      if (this.byId[id]) this.byId[id].votes = Math.max(0, this.byId[id].votes + (voted ? 1 : -1));
    },
    voteRefused(event) {
      if (this.votedSet.has(event.id) !== event.voted) this.setVoted(event.id, event.voted);
    },
    ask() {
      const body = this.body.trim();
      if (!body || this.sending || this.readOnly) return;
      this.sending = true;
      this.$emit("ask", { body, anonymous: this.anonymous });
    },
    asked(id) {
      this.sending = false;
      this.body = "";
      this.mineSet = new Set([...this.mineSet, id]);
    },
    change(q, changes) {
      this.$emit("set_question", { id: q.id, ...changes });
    },
    authorOf(q) {
      return q.author === null || q.author === undefined ? this.texts.anonymous_name : q.author;
    },
    votesText(count) {
      return plural(this.texts.votes, count);
    },
    shown(visible) {
      this.visible = visible;
      if (visible) this.markSeen();
    },
    markSeen() {
      const newest = Math.max(0, ...Object.keys(this.byId).map(Number));
      try {
        window.localStorage.setItem(this.seenKey, String(newest));
      } catch {
        // private mode: the count starts from the page's opening
      }
      questionsUnread[this.sessionId] = 0;
    },
    countUnread() {
      if (this.visible) return this.markSeen();
      let seen = 0;
      try {
        seen = Number(window.localStorage.getItem(this.seenKey) || 0);
      } catch {
        seen = 0;
      }
      questionsUnread[this.sessionId] = this.all.filter((q) => q.id > seen && !this.mineSet.has(q.id)
        && q.status !== "hidden").length;
    },
  },
};

function compare(a, b) {
  return (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) || b.votes - a.votes || a.created - b.created || a.id - b.id;
}

function prepare(q, plainNote) {
  const when = new Date(q.created_at);
  return {
    ...q,
    created: when.getTime(),
    // the server already sanitised the HTML with nh3; DOMPurify is the second guard
    safeHtml: DOMPurify.sanitize(withPlainNote(q.html, plainNote), { ADD_ATTR: ["target"] }),
    clock: clockOf(q.created_at),
    fullTime: whenOf(q.created_at),
  };
}
