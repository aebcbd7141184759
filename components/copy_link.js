// A link with a copy button: copies where the browser allows it (components/studyhall/copy.js) and says honestly
// what happened; when nothing could copy, the link is selected so that the person copies it themselves.
import { copyText, selectText } from "studyhall/copy.js";

export default {
  template: `
    <div class="sh-copy-link">
      <span ref="text" class="sh-copy-text"><slot></slot></span>
      <button type="button" class="sh-action" :aria-label="label" :title="label" @click="copy">
        <i class="material-icons" aria-hidden="true">content_copy</i>
      </button>
    </div>
  `,
  props: { url: String, label: String, copied: String, failed: String },
  methods: {
    async copy() {
      const ok = await copyText(this.url);
      if (!ok) selectText(this.$refs.text);
      window.Quasar.Notify.create({
        message: ok ? this.copied : this.failed,
        type: ok ? "positive" : "warning",
        timeout: ok ? 2500 : 8000,
        attrs: { "data-copied": ok ? "yes" : "no" },
      });
      this.$emit("copied", ok);
    },
  },
};
