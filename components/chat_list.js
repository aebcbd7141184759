// The message list of one session. It gets the newest messages from the page's JSON script and then lives on the
// session's Socket.IO events; on every (re)connect it asks for what came after the last id it shows. Below the
// messages it shows this browser's outbox: what was sent and is not stored yet.
import DOMPurify from "dompurify";
import { connection, fmt, onConnect, onEvent, plural, withPlainNote } from "studyhall";
import { useDraft } from "studyhall/drafts.js";
import { useOutbox } from "studyhall/outbox.js";
import { excerptOf } from "studyhall/excerpt.js";
import { clockOf, whenOf } from "studyhall/times.js";
import { confirmAction } from "studyhall/confirm.js";
import PollCard from "studyhall/poll_card.js";

const NEAR_BOTTOM_PX = 80;
const TOUCH = window.matchMedia("(hover: none)"); // phones and tablets: message actions open as a sheet
const NEAR_TOP_PX = 40;
const GROUP_SECONDS = 5 * 60;
const READ_EVERY_MS = 2000;
const JUMP_PAGES = 20;
const ANNOUNCE_AFTER_MS = 1500; // messages arriving closer together than this are announced together

export default {
  components: { PollCard },
  template: `
    <div class="sh-chat" :class="{ 'sh-chat-large': large }">
      <div class="sh-sr-only" role="status" aria-live="polite" aria-atomic="true">{{ announcement }}</div>
      <div v-if="pinnedMessage" class="sh-pinned" role="note">
        <button type="button" class="sh-pinned-text" @click="jumpTo(pinnedMessage.id)"
                :aria-label="fmt(t.pinnedBy, { name: nameOf(pinnedMessage.author) })">
          <i class="material-icons" aria-hidden="true">push_pin</i>
          <b>{{ nameOf(pinnedMessage.author) }}</b>
          <span v-if="pinnedMessage.deleted">{{ t.messageDeleted }}</span>
          <span v-else class="sh-excerpt" dir="auto" v-html="safe(pinnedMessage.html, pinnedMessage.excerpt)"></span>
        </button>
        <button v-if="isHost" type="button" class="sh-action" :aria-label="t.unpin" :title="t.unpin" @click="pin(null)">
          <i class="material-icons" aria-hidden="true">close</i>
        </button>
      </div>
      <div ref="scroller" class="sh-chat-scroll" role="region" :aria-label="t.messages" tabindex="0"
           @scroll="onScroll">
        <div ref="content">
          <div class="sh-older">
            <button v-if="older" type="button" class="sh-pill" :disabled="loadingOlder" @click="loadOlder">
              {{ loadingOlder ? t.loading : t.loadEarlier }}
            </button>
            <span v-else-if="items.length" class="sh-start">{{ t.start }}</span>
          </div>
          <p v-if="!items.length && !pending.length" class="sh-empty">{{ t.empty }}</p>
          <template v-for="row in rows" :key="row.m.id">
            <div v-if="row.divider" class="sh-divider" role="separator" :aria-label="t.newMessages"><span>{{ t.newMessages }}</span></div>
            <article class="sh-message" :data-message-id="row.m.id" tabindex="0"
                     :aria-label="fmt(t.messageBy, { name: row.m.author, time: row.m.clock })"
                     :class="{ 'sh-own': row.m.author === me, 'sh-continued': !row.first, 'sh-deleted': row.m.deleted,
                               'sh-mentions-me': row.m.mentionsMe, 'sh-highlight': row.m.id === highlightId,
                               'sh-sheet-open': sheet && sheet.id === row.m.id }"
                     @click="tapped($event, row.m)" @contextmenu="pressed($event, row.m)">
              <div class="sh-avatar" :style="{ background: row.m.colour }" aria-hidden="true">
                <template v-if="row.first">{{ row.m.initials }}</template>
              </div>
              <div class="sh-content">
                <header v-if="row.first" class="sh-meta">
                  <span class="sh-author" dir="auto">{{ row.m.author }}</span>
                  <time :datetime="row.m.created_at" :title="row.m.fullTime">{{ row.m.clock }}</time>
                </header>
                <button v-if="row.m.reply_to" type="button" class="sh-reply-preview" @click="jumpTo(row.m.reply_to.id)"
                        :aria-label="fmt(t.replyingTo, { name: row.m.reply_to.author })">
                  <span class="sh-reply-author" dir="auto">↪ {{ row.m.reply_to.author }}</span>
                  <span v-if="row.m.reply_to.deleted">{{ t.messageDeleted }}</span>
                  <span v-else class="sh-excerpt" dir="auto"
                        v-html="safe(row.m.reply_to.html, row.m.reply_to.excerpt)"></span>
                </button>
                <p v-if="row.m.deleted" class="sh-stub">{{ t.messageDeleted }}</p>
                <div v-else-if="editingId === row.m.id" class="sh-edit">
                  <textarea v-model="editText" class="sh-edit-box" :aria-label="t.editYours" rows="3" dir="auto"
                            @keydown.enter.exact.prevent="saveEdit(row.m)" @keydown.esc.stop="endEdit(row.m)"></textarea>
                  <div class="sh-edit-buttons">
                    <button type="button" class="sh-link" @click="endEdit(row.m)">{{ t.cancel }}</button>
                    <button type="button" class="sh-pill" :disabled="!connection.connected" @click="saveEdit(row.m)"
                            :title="connection.connected ? '' : t.savingNeedsConnection">{{ t.save }}</button>
                  </div>
                </div>
                <poll-card v-else-if="row.m.poll_id" :poll-id="row.m.poll_id" :fallback="row.m.fallback"></poll-card>
                <div v-else class="sh-body" dir="auto" v-html="row.m.safeHtml"></div>
                <span v-if="row.m.edited_at && !row.m.deleted" class="sh-edited"
                      :title="fmt(t.editedAt, { time: fullTime(row.m.edited_at) })">{{ t.edited }}</span>
                <div v-if="row.reactions.length" class="sh-reactions">
                  <button v-for="r in row.reactions" :key="r.emoji" type="button" class="sh-reaction"
                          :class="{ 'sh-mine': r.mine }" :title="r.names.join(', ')" :disabled="readOnly"
                          :aria-label="r.emoji + ' ' + r.names.length + ': ' + r.names.join(', ')"
                          @click="react(row.m, r.emoji)">{{ r.emoji }} {{ r.names.length }}</button>
                </div>
                <div v-if="row.m.id === seen.id" class="sh-seen">
                  <button v-if="seen.names.length" type="button" class="sh-link" :title="seen.names.join(', ')"
                          @click="showSeen = !showSeen">{{ plural(t.seenBy, seen.names.length) }}</button>
                  <span v-else>{{ t.sent }}</span>
                  <span v-if="showSeen && seen.names.length" class="sh-seen-names">{{ seen.names.join(", ") }}</span>
                </div>
              </div>
              <div v-if="!readOnly && !row.m.deleted && editingId !== row.m.id" class="sh-actions" role="group"
                   :aria-label="fmt(t.messageActions, { name: row.m.author })">
                <button v-for="emoji in reactions" :key="emoji" type="button" class="sh-action"
                        :aria-label="fmt(t.reactWith, { emoji })" @click="react(row.m, emoji)">{{ emoji }}</button>
                <button type="button" class="sh-action" :aria-label="t.reply" :title="t.reply" @click="reply(row.m)">
                  <i class="material-icons sh-flip-rtl" aria-hidden="true">reply</i>
                </button>
                <button v-if="row.m.author === me && !row.m.poll_id" type="button" class="sh-action" :aria-label="t.edit" :title="t.edit"
                        @click="startEdit(row.m)">
                  <i class="material-icons" aria-hidden="true">edit</i>
                </button>
                <button v-if="isHost" type="button" class="sh-action" :aria-label="t.pin"
                        :title="t.pin" @click="pin(row.m.id)">
                  <i class="material-icons" aria-hidden="true">push_pin</i>
                </button>
                <button v-if="row.m.author === me || isHost" type="button" class="sh-action" :aria-label="t.delete"
                        :title="t.delete" @click="remove(row.m)">
                  <i class="material-icons" aria-hidden="true">delete</i>
                </button>
              </div>
            </article>
          </template>
          <article v-for="p in pending" :key="p.client_msg_id" class="sh-message sh-own sh-pending"
                   :data-pending-id="p.client_msg_id">
            <div class="sh-avatar" aria-hidden="true"></div>
            <div class="sh-content">
              <span v-if="p.reply" class="sh-reply-preview">
                <span class="sh-reply-author" dir="auto">↪ {{ p.reply.author }}</span>
                <span class="sh-excerpt" dir="auto" v-html="safe(p.reply.html, p.reply.excerpt)"></span>
              </span>
              <div class="sh-body sh-plain" dir="auto">{{ p.body }}</div>
              <span v-if="p.refused" class="sh-failed">
                {{ fmt(t.notSent, { reason: p.refused }) }}
                <button type="button" class="sh-link" @click="outbox.retry(p.client_msg_id)">{{ t.sendAgain }}</button>
                <button type="button" class="sh-link" @click="editPending(p)">{{ t.edit }}</button>
                <button type="button" class="sh-link" @click="discard(p)">{{ t.discard }}</button>
              </span>
              <span v-else-if="!connection.connected" class="sh-waiting">
                <i class="material-icons" aria-hidden="true">schedule</i> {{ t.waiting }}
                <button type="button" class="sh-link" @click="discard(p)">{{ t.discard }}</button>
              </span>
              <span v-else-if="p.reason" class="sh-waiting">{{ fmt(t.notSentYet, { reason: p.reason }) }}</span>
              <span v-else class="sh-sending">{{ t.sending }}</span>
            </div>
          </article>
        </div>
      </div>
      <button v-if="unseen > 0" type="button" class="sh-pill sh-unseen" @click="scrollToBottom">
        {{ plural(t.unseen, unseen) }}
      </button>
      <div v-if="sheet" class="sh-sheet-backdrop" @click.self="sheet = null" @keydown.esc="sheet = null">
        <div class="sh-sheet" role="dialog" aria-modal="true" :aria-label="fmt(t.messageActions, { name: sheet.author })">
          <p class="sh-sheet-quote" dir="auto"><b>{{ sheet.author }}</b>
            <span class="sh-excerpt" v-html="safe(sheetExcerpt.html, sheetExcerpt.text)"></span></p>
          <div class="sh-sheet-reactions">
            <button v-for="emoji in reactions" :key="emoji" type="button" class="sh-sheet-emoji"
                    :aria-label="fmt(t.reactWith, { emoji })" @click="act((m) => react(m, emoji))">{{ emoji }}</button>
          </div>
          <button type="button" class="sh-sheet-item" @click="act((m) => reply(m))">
            <i class="material-icons sh-flip-rtl" aria-hidden="true">reply</i>{{ t.reply }}</button>
          <button v-if="sheet.author === me && !sheet.poll_id" type="button" class="sh-sheet-item"
                  @click="act((m) => startEdit(m))"><i class="material-icons" aria-hidden="true">edit</i>{{ t.edit }}</button>
          <button v-if="isHost" type="button" class="sh-sheet-item" @click="act((m) => pin(m.id))">
            <i class="material-icons" aria-hidden="true">push_pin</i>{{ t.pin }}</button>
          <button v-if="sheet.author === me || isHost" type="button" class="sh-sheet-item sh-sheet-danger"
                  @click="act((m) => remove(m))"><i class="material-icons" aria-hidden="true">delete</i>{{ t.delete }}</button>
          <button type="button" class="sh-sheet-item sh-sheet-cancel" @click="sheet = null">{{ t.cancel }}</button>
        </div>
      </div>
    </div>
  `,
  props: {
    sessionId: Number,
    history: String, // the id of the page's JSON script with the newest messages
    me: String,
    meKey: String,
    cap: Number,
    hasOlder: Boolean,
    large: Boolean,
    reads: Object,
    lastRead: Number,
    reactions: Array,
    readOnly: Boolean,
    isHost: Boolean,
    pinned: Object,
    excerptChars: Number, // as long as the server's excerpts (db/schemas.py)
    texts: Object, // what it shows, in the page's language (chat_texts in chat_list.py)
    announceNew: Boolean, // new messages of others are announced to screen readers (the person's switch)
  },
  data() {
    return {
      items: JSON.parse(document.getElementById(this.history)?.textContent || "[]").map((m) => this.prepared(m)),
      older: this.hasOlder,
      loadingOlder: false,
      unseen: 0,
      atBottom: true,
      readPositions: { ...this.reads },
      dividerAfter: this.lastRead || 0,
      connection,
      outbox: this.readOnly ? null : useOutbox(this.sessionId, this.meKey),
      draft: this.readOnly ? null : useDraft(this.sessionId, this.meKey),
      editingId: null,
      editText: "",
      highlightId: null,
      showSeen: false,
      hiddenUnread: 0,
      sentRead: this.lastRead || 0,
      pinnedMessage: this.pinned,
      sheet: null, // the message whose actions are open on a touch screen
      announcement: "",
      toAnnounce: { count: 0, name: "" },
    };
  },
  computed: {
    sheetExcerpt() {
      return this.sheet ? excerptOf(this.sheet.html, this.excerptChars) : { text: "", html: "" };
    },
    t() {
      return this.texts || {};
    },
    pending() {
      return this.outbox ? this.outbox.state.entries : [];
    },
    rows() {
      let dividerShown = !this.dividerAfter;
      return this.items.map((m, i) => {
        const divider = !dividerShown && m.id > this.dividerAfter && m.author !== this.me;
        if (divider) dividerShown = true;
        return { m, first: divider || !continues(this.items[i - 1], m), divider, reactions: this.reactionsOf(m) };
      });
    },
    seen() {
      const mine = [...this.items].reverse().find((m) => m.author === this.me && !m.deleted);
      if (!mine) return { id: null, names: [] };
      const names = Object.entries(this.readPositions)
        .filter(([name, id]) => name !== this.me && id >= mine.id)
        .map(([name]) => name);
      return { id: mine.id, names };
    },
  },
  mounted() {
    this.baseTitle = document.title;
    // The list gets its final height only after mounting (utility classes are generated at runtime, fonts and
    // pictures load later, a phone's keyboard opens): whoever is at the bottom stays there.
    this.resizeObserver = new ResizeObserver(() => this.atBottom && this.scrollToBottom());
    this.resizeObserver.observe(this.$refs.scroller);
    this.resizeObserver.observe(this.$refs.content);
    this.scrollToBottom();
    this.offEvent = onEvent(this.sessionId, (event) => this.onEvent(event));
    this.offConnect = onConnect(() => this.catchUp());
    this.onVisibility = () => this.visibilityChanged();
    document.addEventListener("visibilitychange", this.onVisibility);
    // a tab that closes, reloads or goes elsewhere says so: the server lets its page go at once rather than keep it
    // for a reconnect that will not come (a lost connection says nothing and gets NiceGUI's grace)
    this.onPageHide = () => this.$emit("leave");
    window.addEventListener("pagehide", this.onPageHide);
  },
  unmounted() {
    this.resizeObserver?.disconnect();
    clearTimeout(this.readTimer);
    clearTimeout(this.announceTimer);
    this.offEvent();
    this.offConnect();
    document.removeEventListener("visibilitychange", this.onVisibility);
    window.removeEventListener("pagehide", this.onPageHide);
  },
  watch: {
    "pending.length"(now, before) {
      if (now > before) this.$nextTick(() => this.scrollToBottom()); // what was just sent shows at the bottom
    },
  },
  methods: {
    fmt,
    plural,
    prepared(message) {
      return prepare(message, this.me, this.meKey, this.texts || {}); // from data(): no computed `t` yet
    },
    nameOf(author) {
      return author || this.t.host; // a poll's card launched before the host had a name (services/poll_cards.py)
    },
    fullTime(iso) {
      return fullTimeOf(iso);
    },
    tapped(event, m) {
      // a touch screen has no hover: a tap on a message (not on its links, buttons or pictures) opens its actions
      if (!TOUCH.matches || event.target.closest("a, button, img, textarea, input, .sh-actions")) return;
      if (window.getSelection()?.toString()) return; // selecting text to copy it
      this.openSheet(m);
    },
    pressed(event, m) {
      if (!TOUCH.matches || event.target.closest("a, img")) return; // a long press on a link keeps its own menu
      event.preventDefault();
      this.openSheet(m);
    },
    openSheet(m) {
      if (this.readOnly || m.deleted || this.editingId === m.id) return;
      this.sheet = m;
      this.$nextTick(() => this.$el.querySelector(".sh-sheet-item")?.focus());
    },
    act(action) {
      const m = this.sheet;
      this.sheet = null;
      action(m);
    },
    safe(html, text) {
      // an excerpt as HTML (the server's nh3 and services/excerpts.py, or excerpt.js here), DOMPurify as the second
      // guard; a preview kept from before excerpts had HTML shows its text
      if (!html) return (text || "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      return DOMPurify.sanitize(html);
    },
    catchUp() {
      this.$emit("catch_up", this.lastId());
    },
    lastId() {
      return this.items.length ? this.items[this.items.length - 1].id : 0;
    },
    onEvent(event) {
      const handlers = {
        "message.posted": () => this.announce(this.add([event.message])),
        "message.stored": () => this.add([event.message]), // sent again after its answer was lost
        "message.updated": () => this.replace(event.message),
        "messages.caught_up": () => this.caughtUp(event),
        "messages.older": () => this.prepend(event),
        "messages.jump": () => this.jumpTo(event.id),
        "reads.moved": () => Object.assign(this.readPositions, event.positions),
        "session.changed": () => (this.pinnedMessage = event.pinned),
        "hub.resynced": () => this.catchUp(), // live updates were interrupted: fetch the gap
      };
      handlers[event.type]?.();
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
      if (!fresh.length) return fresh;
      const stick = this.atBottom || fresh.every((m) => m.author === this.me);
      const items = this.items.concat(fresh.map((m) => this.prepared(m)));
      if (fresh.some((m) => m.id < this.lastId())) items.sort((a, b) => a.id - b.id);
      if (items.length > this.cap) {
        items.splice(0, items.length - this.cap);
        this.older = true;
      }
      this.items = items;
      const fromOthers = fresh.filter((m) => m.author !== this.me).length;
      if (document.hidden && fromOthers) {
        this.hiddenUnread += fromOthers;
        document.title = `(${this.hiddenUnread}) ${this.baseTitle}`;
      }
      if (stick) this.$nextTick(() => this.scrollToBottom());
      else this.unseen += fromOthers;
      this.markRead();
      return fresh;
    },
    announce(fresh) {
      // one polite announcement per burst, never the history: "12 new messages, the newest from Ana"
      const others = fresh.filter((m) => m.author !== this.me);
      if (!others.length || !this.announceNew) return;
      this.toAnnounce.count += others.length;
      this.toAnnounce.name = others[others.length - 1].author;
      clearTimeout(this.announceTimer);
      this.announceTimer = setTimeout(() => {
        this.announcement = plural(this.t.announce, this.toAnnounce.count, { name: this.toAnnounce.name });
        this.toAnnounce = { count: 0, name: "" };
      }, ANNOUNCE_AFTER_MS);
    },
    replace(message) {
      const index = this.items.findIndex((m) => m.id === message.id);
      if (index >= 0) this.items.splice(index, 1, this.prepared(message));
      // replies (and the pinned banner) show what they refer to as it is now
      const shown = message.deleted ? { text: "", html: "" } : excerptOf(message.html, this.excerptChars);
      const preview = { deleted: message.deleted, excerpt: shown.text, html: shown.html };
      if (this.pinnedMessage?.id === message.id) this.pinnedMessage = { ...this.pinnedMessage, ...preview };
      this.items.forEach((m, i) => {
        if (m.reply_to?.id === message.id) this.items.splice(i, 1, { ...m, reply_to: { ...m.reply_to, ...preview } });
      });
    },
    reactionsOf(m) {
      return Object.entries(m.reactions || {}).map(([emoji, names]) => ({
        emoji, names, mine: names.includes(this.me),
      }));
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
      const fresh = event.messages.filter((m) => !known.has(m.id)).map((m) => this.prepared(m));
      const scroller = this.$refs.scroller;
      const fromBottom = scroller.scrollHeight - scroller.scrollTop;
      this.items = fresh.concat(this.items);
      this.$nextTick(() => {
        scroller.scrollTop = scroller.scrollHeight - fromBottom;
        if (this.jumpTarget) this.jumpTo(this.jumpTarget);
      });
    },
    jumpTo(id) {
      const element = this.$refs.scroller.querySelector(`[data-message-id="${Number(id)}"]`);
      if (element) {
        this.jumpTarget = null;
        element.scrollIntoView({ block: "center" });
        element.focus({ preventScroll: true }); // the keyboard goes on from the message it was taken to
        this.highlightId = Number(id);
        setTimeout(() => (this.highlightId = null), 2500);
      } else if (this.older && (this.jumpPages = (this.jumpTarget === id ? this.jumpPages : 0) + 1) <= JUMP_PAGES) {
        this.jumpTarget = id;
        this.loadOlder();
      } else {
        this.jumpTarget = null;
      }
    },
    onScroll() {
      const s = this.$refs.scroller;
      this.atBottom = s.scrollHeight - s.scrollTop - s.clientHeight < NEAR_BOTTOM_PX;
      if (this.atBottom) {
        this.unseen = 0;
        this.markRead();
      }
      if (s.scrollTop < NEAR_TOP_PX && this.older && s.scrollHeight > s.clientHeight) this.loadOlder();
    },
    scrollToBottom() {
      const s = this.$refs.scroller;
      if (s) s.scrollTop = s.scrollHeight;
      this.atBottom = true;
      this.unseen = 0;
    },
    markRead() {
      // at most every READ_EVERY_MS, and only what this person can actually see
      if (this.readOnly || this.readTimer || document.hidden || !this.atBottom) return;
      this.readTimer = setTimeout(() => {
        this.readTimer = null;
        const last = this.lastId();
        if (last > this.sentRead && !document.hidden && this.atBottom) {
          this.sentRead = last;
          this.readPositions[this.me] = last;
          this.$emit("read", last);
        }
      }, READ_EVERY_MS);
    },
    visibilityChanged() {
      if (document.hidden) return;
      this.hiddenUnread = 0;
      document.title = this.baseTitle;
      this.markRead();
    },
    editPending(p) {
      const entry = this.outbox.take(p.client_msg_id);
      if (entry) this.draft.restore(entry.body);
    },
    discard(p) {
      if (window.confirm(this.t.confirmDiscard)) this.outbox.take(p.client_msg_id);
    },
    react(m, emoji) {
      if (!this.readOnly) this.$emit("react", { id: m.id, emoji });
    },
    reply(m) {
      const shown = excerptOf(m.html, this.excerptChars);
      this.draft?.replyTo({ id: m.id, author: m.author, excerpt: shown.text, html: shown.html });
    },
    startEdit(m) {
      this.editingId = m.id;
      this.editText = m.body;
      this.$nextTick(() => this.$el.querySelector(".sh-edit-box")?.focus());
    },
    endEdit(m) {
      this.editingId = null;
      this.focusMessage(m.id); // the edit box goes: the focus goes back to its message, not to the page
    },
    focusMessage(id) {
      this.$nextTick(() => this.$refs.scroller?.querySelector(`[data-message-id="${Number(id)}"]`)?.focus());
    },
    saveEdit(m) {
      const body = this.editText.trim();
      this.endEdit(m);
      if (body && body !== m.body) this.$emit("edit", { id: m.id, body });
    },
    async remove(m) {
      const asked = { question: this.t.confirmDelete, action: this.t.delete, cancel: this.t.cancel };
      const confirmed = await confirmAction(asked);
      this.focusMessage(m.id); // its Delete button goes with the message's actions: the focus stays on the message
      if (!confirmed) return;
      this.$emit(m.author === this.me ? "delete" : "remove", m.id);
    },
    pin(id) {
      this.$emit("pin", id);
    },
  },
};

function fullTimeOf(iso) {
  return whenOf(iso);
}

// a poll's card is stored in no language (services/poll_cards.py): its author (empty before the host had a name) and
// the words before its question are this page's
function prepare(message, me, meKey, texts) {
  const when = new Date(message.created_at);
  const html = withPlainNote(message.html, texts.plainNote);
  const author = message.author || texts.host || "";
  return {
    ...message,
    author,
    reply_to: message.reply_to && { ...message.reply_to, author: message.reply_to.author || texts.host || "" },
    fallback: message.poll_id ? (texts.pollNote || "") + message.body : "",
    // the server already sanitised the HTML with nh3; DOMPurify is the second guard
    safeHtml: DOMPurify.sanitize(html, { ADD_ATTR: ["target"] }),
    mentionsMe: !!meKey && message.author !== me && html.includes(`data-mention="${meKey}"`),
    initials: initials(author),
    colour: colour(author),
    clock: clockOf(message.created_at),
    fullTime: fullTimeOf(message.created_at),
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

/** A colour of the person's own for their avatar, dark enough for its white initials (4.5:1 or more: yellows and
 * greens at the same lightness as blues had 2.3:1). */
function colour(name) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  const hue = hash % 360;
  let lightness = 45;
  while (lightness > 20 && contrastWithWhite(hue, 55, lightness) < 4.5) lightness -= 1;
  return `hsl(${hue}, 55%, ${lightness}%)`;
}

function contrastWithWhite(h, s, l) {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100);
  const channel = (n) => {
    const k = (n + h / 30) % 12;
    const v = l / 100 - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(8) + 0.0722 * channel(4);
  return 1.05 / (luminance + 0.05);
}
