// What a page knows of the session's classroom activities, shared by its components (the activity bar, the poll
// cards in the chat, the projector's stage): the polls, the timer, the stage, the scoreboard, and the offset of this
// browser's clock from the server's, measured on every (re)connect. Times are absolute (UTC from the server);
// pages count down from them with the offset, never from when they started.
import { reactive } from "vue";
import { plural } from "studyhall";

export const activities = reactive({
  polls: {}, // id -> the poll as this page may see it (with `mine`: this person's own answer)
  timer: null,
  stage: { show: "chat", poll_id: null, scoreboard_public: false },
  scoreboard: null, // rows, or null while this page may not see it
  offset: 0, // server clock minus this browser's clock, in ms
  online: 0, // how many people have the session open
  now: Date.now(), // the server's time as this page reckons it, moved on every quarter second
  texts: {},
  isHost: false,
  synced: false,
  send: null, // (name, args) => the activity bar's event to its Python element
});

setInterval(() => (activities.now = Date.now() + activities.offset), 250);

/** The server's time now, as this page reckons it (ms since the epoch). */
export function serverNow() {
  return Date.now() + activities.offset;
}

/** A text the server translated (texts come as props), with `{name}` placeholders filled in. */
export function t(key, values = {}) {
  const text = activities.texts[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
}

/** A text that counts (its plural forms, i18n/client_texts.py) in the form for `count`, `{count}` and `values` filled in. */
export function tn(key, count, values = {}) {
  return plural(activities.texts[key], count, values);
}

/** The answer to this page's sync: everything as the server has it now, and its clock. */
export function synced(answer, sentAt) {
  const receivedAt = Date.now();
  // as NTP does: the server's clock when the ask arrived and when the answer left, against this page's when it
  // asked and when the answer came (the time the server spent on it counts on neither side)
  const received = answer.server_received ?? answer.server_now;
  activities.offset = Math.round((received - sentAt + (answer.server_now - receivedAt)) / 2);
  activities.now = serverNow();
  activities.polls = Object.fromEntries(answer.polls.map((poll) => [poll.id, poll]));
  activities.timer = answer.timer;
  activities.stage = answer.stage;
  activities.scoreboard = answer.scoreboard;
  activities.synced = true;
}

/** Apply one of the session's events to what the page knows. */
export function apply(event) {
  if (event.type === "poll.changed") {
    const old = activities.polls[event.poll.id];
    activities.polls[event.poll.id] = { ...event.poll, mine: old?.mine ?? event.poll.mine ?? null };
  } else if (event.type === "poll.counts") {
    const poll = activities.polls[event.poll_id];
    if (!poll) return;
    poll.options = poll.options.map((option, i) => ({ ...option, votes: event.votes[i] ?? 0 }));
    poll.voters = event.voters;
    if ("chosen_by" in event) poll.chosen_by = event.chosen_by;
  } else if (event.type === "poll.mine") {
    const poll = activities.polls[event.poll_id];
    if (poll) poll.mine = event.choices;
  } else if (event.type === "timer.changed") {
    activities.timer = event.timer;
  } else if (event.type === "stage.changed") {
    activities.stage = event.stage;
  } else if (event.type === "scoreboard.changed") {
    activities.scoreboard = event.public || activities.isHost ? event.rows : null;
    activities.stage = { ...activities.stage, scoreboard_public: event.public };
  } else if (event.type === "presence.changed") {
    activities.online = event.online.length;
  }
}

/** Where the timer is at the server time `now`: the phase, its seconds left, the round. */
export function timerState(timer, now) {
  if (!timer) return null;
  const elapsed = timer.paused_elapsed ?? (now - Date.parse(timer.started_at)) / 1000;
  let gone = 0;
  const works = timer.phases.filter(([kind]) => kind === "work").length;
  let round = 0;
  for (const [kind, seconds] of timer.phases) {
    if (kind === "work") round += 1;
    if (elapsed < gone + seconds) {
      return { phase: kind, left: gone + seconds - elapsed, length: seconds, round, rounds: works,
               paused: timer.paused_elapsed !== null && timer.paused_elapsed !== undefined, done: false };
    }
    gone += seconds;
  }
  return { phase: "done", left: 0, length: 0, round, rounds: works, paused: false, done: true };
}

/** 125 s -> "2:05"; an hour or more -> "1:02:05". */
export function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
