// The upload box: Quasar's uploader posting each file to our streaming route, made to survive a bad connection.
// Every file carries an id of its own (client_upload_id), so the server keeps it once however often it is sent. An
// upload that the connection cut (or that stalled: less than STALL_BYTES sent and no answer for STALL_MS, which would
// leave the bar at 99 %) goes again by itself once the page is connected; after MAX_RETRIES it waits for one tap.
// A refusal (too big, over the quota, a locked session) is shown and the file leaves the box.
import { connection, fmt, newId, onConnect } from "studyhall";

const STALL_MS = 15000;
const STALL_BYTES = 1024;
const RETRY_DELAYS_MS = [1000, 3000, 10000];
const MAX_RETRIES = RETRY_DELAYS_MS.length;
const CUT = new Set([0, 502, 503, 504]); // no answer (cut, stalled, aborted) or a proxy without its server

export default {
  template: `
    <div class="sh-upload-box">
      <q-uploader ref="uploader" class="sh-upload" flat bordered multiple auto-upload field-name="file"
                  :label="label" :max-file-size="maxFileSize" :url="url" :form-fields="formFields"
                  @rejected="rejected" @uploading="uploading" @uploaded="uploaded" @failed="failed"
                  @removed="removed" />
      <div v-if="interrupted.length" class="sh-upload-interrupted" role="status">
        <span>{{ fmt(texts.interrupted, { names: interrupted.join(", ") }) }}
          {{ retrying ? texts.tryingAgain : "" }}</span>
        <button v-if="!retrying" type="button" class="sh-pill" @click="retry">{{ texts.retry }}</button>
      </div>
    </div>
  `,
  props: {
    url: String,
    author: String,
    label: String,
    maxFileSize: Number,
    limitText: String, // the largest file, for people to read
    texts: Object, // what it shows, in the page's language (upload_box.py)
  },
  data() {
    return { interrupted: [], retrying: false };
  },
  mounted() {
    this.cut = new Set(); // the files whose upload was interrupted and that wait in the box
    this.offConnect = onConnect(() => this.retrying && this.scheduleRetry(0));
    this.labelPicker();
  },
  updated() {
    this.labelPicker();
  },
  unmounted() {
    this.offConnect();
    clearTimeout(this.retryTimer);
  },
  methods: {
    fmt,
    /** Quasar's "pick files" is a role=button link with the file input inside, neither of them named (two
     * controls in one, which screen readers and axe reject): the input alone is the named control the keyboard
     * reaches (Enter or Space opens the file chooser), the link around it is only its frame. */
    labelPicker() {
      this.$el.querySelectorAll(".q-uploader__input").forEach((input) => {
        input.setAttribute("aria-label", this.texts.pick);
        input.setAttribute("title", this.texts.pick);
        input.tabIndex = 0;
        const frame = input.closest("[role=button]");
        if (frame) {
          frame.removeAttribute("role");
          frame.removeAttribute("tabindex");
          frame.classList.add("sh-picker");
        }
      });
    },
    /** Files dropped on the chat go here, as if they had been picked. */
    addFiles(files) {
      this.$refs.uploader.addFiles(files);
    },
    formFields(files) {
      const file = files[0]; // one file per request (no batch)
      file.__uploadId ||= newId();
      return [
        { name: "author", value: this.author },
        { name: "client_upload_id", value: file.__uploadId },
      ];
    },
    rejected(entries) {
      const names = entries.map((entry) => entry.file.name).join(", ") || this.texts.thisFile;
      notify(fmt(this.texts.tooLarge, { names, limit: this.limitText }), "warning");
    },
    uploading({ files, xhr }) {
      let moved = Date.now();
      let movedTo = 0;
      xhr.upload.addEventListener("progress", (e) => {
        if (e.loaded - movedTo < STALL_BYTES) return;
        moved = Date.now();
        movedTo = e.loaded;
      });
      const watch = () => {
        if (xhr.readyState === XMLHttpRequest.DONE) return;
        if (Date.now() - moved > STALL_MS) xhr.abort(); // Quasar then reports it as failed
        else setTimeout(watch, 1000);
      };
      setTimeout(watch, 1000);
      files.forEach((file) => (file.__tries = (file.__tries || 0) + 1));
    },
    uploaded({ files }) {
      this.$refs.uploader.removeUploadedFiles(); // it now appears in the list below, for everyone
      files.forEach((file) => this.cut.delete(file));
      this.showCut();
    },
    failed({ files, xhr }) {
      if (!CUT.has(xhr.status)) {
        const names = files.map((file) => file.name).join(", ") || this.texts.theFile;
        notify(fmt(this.texts.couldNotShare, { names, reason: errorText(xhr) || this.texts.refused }), "negative");
        files.forEach((file) => this.$refs.uploader.removeFile(file));
        return;
      }
      files.forEach((file) => this.cut.add(file));
      this.showCut();
      const tries = Math.max(...files.map((file) => file.__tries || 0));
      this.retrying = tries <= MAX_RETRIES;
      if (this.retrying) this.scheduleRetry(RETRY_DELAYS_MS[tries - 1]);
    },
    removed(files) {
      files.forEach((file) => this.cut.delete(file)); // the pupil took it out of the box
      this.showCut();
    },
    showCut() {
      this.interrupted = [...this.cut].map((file) => file.name);
      if (!this.cut.size) this.retrying = false;
    },
    scheduleRetry(delay) {
      clearTimeout(this.retryTimer);
      // sends every file waiting in the box again; without a connection, the next connect does
      this.retryTimer = setTimeout(() => connection.connected && this.$refs.uploader?.upload(), delay);
    },
    retry() {
      this.cut.forEach((file) => (file.__tries = 0));
      this.retrying = true;
      this.scheduleRetry(0);
    },
  },
};

function errorText(xhr) {
  try {
    return String(JSON.parse(xhr.responseText).error || "");
  } catch {
    return "";
  }
}

function notify(message, type) {
  window.Quasar.Notify.create({ message, type, multiLine: true, position: "bottom" });
}
